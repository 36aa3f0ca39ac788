/// One action of a rendered reply.
enum ReplyStep {
    case send([UInt8])
    case sendSlowly([UInt8], bytesPerSecond: Int)
    case pause(seconds: Double)
    /// Close the connection (FIN).
    case close
    /// Reset the connection (RST).
    case reset
}
