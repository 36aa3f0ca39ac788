/// Identifies one libcurl easy handle, so the event loop can find the transfer a completion belongs to.
struct EasyKey: Hashable {
    let address: UnsafeMutableRawPointer
}
