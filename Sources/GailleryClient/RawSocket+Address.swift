import Foundation

extension RawSocket {
    /// The `sockaddr_un` for `path`, for `connect` and `bind`.
    ///
    /// - Throws: `TransportError` when the path does not fit `sun_path` (107 bytes on Linux).
    package static func address(_ path: String) throws -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.utf8.count < capacity else {
            throw TransportError("socket path \(path) is longer than \(capacity - 1) bytes; choose a shorter one")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
            raw[path.utf8.count] = 0
        }
        return address
    }
}
