/// Why one element of an `exiftool -json` array is not a usable object.
struct ExifToolObjectError: Error, Equatable, CustomStringConvertible {
    /// What is wrong, and what to do.
    let message: String

    var description: String { message }
}
