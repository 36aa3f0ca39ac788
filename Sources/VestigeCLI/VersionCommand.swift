public import ArgumentParser
import CCurl
import CLibXML2
import CZlib

/// `vestige version`: vestige's version and the versions of the C libraries it links.
public struct VersionCommand: ParsableCommand {
    /// vestige's version, also written into the archives it makes.
    public static let vestigeVersion = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print vestige's version and the libraries it uses (for bug reports and provenance).")

    public init() {}

    public func run() {
        var output = StandardStream.output
        output.write("vestige \(Self.vestigeVersion)\n")
        for (name, version) in Self.libraries { output.write("  \(name) \(version)\n") }
        output.flush()
    }

    /// Versions of the linked C libraries.
    static var libraries: [(String, String)] {
        [
            ("libcurl", String(cString: vestige_curl_version())),
            ("libxml2", String(cString: vestige_libxml2_version())),
            ("zlib", String(cString: zlibVersion())),
        ]
    }
}
