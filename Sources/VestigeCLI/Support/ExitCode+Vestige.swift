public import ArgumentParser

extension ExitCode {
    /// Bad input data (sysexits EX_DATAERR): some file could not be read.
    public static let badInput = ExitCode(65)
    /// Usage error (sysexits EX_USAGE): bad flag, option value or query syntax.
    public static let usage = ExitCode(64)
}
