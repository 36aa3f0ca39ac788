import Foundation

/// Runs reference tools (sha256sum, openssl, wacz, python3) for the forensics tests, which skip
/// themselves when a tool is not installed.
enum ExternalTool {
    /// Exit status and standard output (standard error appended) of `arguments` run through env.
    static func run(_ arguments: [String], in directory: String? = nil) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do {
            try process.run()
        } catch {
            return (-1, "")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// True when `command` is on PATH.
    static func available(_ command: String) -> Bool {
        run(["sh", "-c", "command -v \(command)"]).status == 0
    }
}
