/// A latitude or longitude read from exiftool output, in signed decimal degrees.
public struct ExifToolAngle: Sendable, Hashable {
    /// Which axis a hemisphere letter names.
    public enum Axis: Sendable, Hashable {
        /// N or S.
        case latitude
        /// E or W.
        case longitude
    }

    /// Signed decimal degrees (south and west negative).
    public var degrees: Double
    /// The axis named by a hemisphere letter (`N`/`S` or `E`/`W`), nil when the text had none.
    public var axis: Axis?
    /// True when the text fixed the sign itself: a hemisphere letter or a leading minus. An
    /// angle without either may be an unsigned EXIF value that needs its `…Ref` tag.
    public var isSigned: Bool

    /// An angle of `degrees`.
    public init(degrees: Double, axis: Axis? = nil, isSigned: Bool) {
        self.degrees = degrees
        self.axis = axis
        self.isSigned = isSigned
    }
}
