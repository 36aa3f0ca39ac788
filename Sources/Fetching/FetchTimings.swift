/// How long the phases of one transfer took, each measured from the start of the transfer.
public struct FetchTimings: Sendable, Hashable {
    /// Until the host name was resolved.
    public var nameLookup: Duration
    /// Until the TCP connection was established (zero on a reused connection).
    public var connect: Duration
    /// Until the TLS handshake finished (zero for plain HTTP).
    public var tlsHandshake: Duration
    /// Until the first response byte arrived.
    public var firstByte: Duration
    /// The whole transfer.
    public var total: Duration

    /// Timings from their values.
    public init(nameLookup: Duration, connect: Duration, tlsHandshake: Duration, firstByte: Duration, total: Duration) {
        self.nameLookup = nameLookup
        self.connect = connect
        self.tlsHandshake = tlsHandshake
        self.firstByte = firstByte
        self.total = total
    }

    /// The whole transfer in milliseconds.
    public var totalMilliseconds: Double {
        Double(total.components.seconds) * 1000 + Double(total.components.attoseconds) / 1e15
    }
}
