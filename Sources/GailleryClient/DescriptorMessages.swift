import Foundation

/// `sendmsg`/`recvmsg` with open file descriptors attached (SCM_RIGHTS), for the file-passing socket.
///
/// Glibc's `CMSG_*` macros do not import into Swift, so the control message is laid out here: a
/// `cmsghdr` (16 bytes on 64-bit Linux) followed by the descriptors as 32-bit integers, the whole
/// rounded up to the alignment of `size_t`.
package enum DescriptorMessages {
    /// What one `receive` read.
    package struct Received {
        /// The bytes read (at most the buffer's size).
        package var bytes: [UInt8]
        /// The descriptors that came with them, now owned by the caller (close each).
        package var descriptors: [Int32]
        /// The control data did not fit: more descriptors were sent than there was room for (the
        /// kernel closed the rest), so the message must be refused.
        package var descriptorsTruncated: Bool
    }

    private static let alignment = MemoryLayout<Int>.size
    private static func aligned(_ length: Int) -> Int { (length + alignment - 1) & ~(alignment - 1) }
    private static let headerLength = aligned(MemoryLayout<cmsghdr>.size)

    /// `CMSG_SPACE` for `count` descriptors: the control buffer's size.
    static func controlSpace(descriptors count: Int) -> Int {
        headerLength + aligned(count * MemoryLayout<Int32>.size)
    }

    /// Sends `bytes` with `descriptors` attached to their first byte, then the rest of `bytes` plainly
    /// if one call did not take them all.
    ///
    /// - Throws: `TransportError` with the C error text when sending fails.
    package static func send(on socket: Int32, _ bytes: [UInt8], passing descriptors: [Int32]) throws {
        var control = [UInt8](repeating: 0, count: controlSpace(descriptors: descriptors.count))
        control.withUnsafeMutableBytes { raw in
            var header = cmsghdr()
            header.cmsg_len = headerLength + descriptors.count * MemoryLayout<Int32>.size
            header.cmsg_level = SOL_SOCKET
            header.cmsg_type = Int32(SCM_RIGHTS)
            raw.storeBytes(of: header, as: cmsghdr.self)
            for (index, descriptor) in descriptors.enumerated() {
                raw.storeBytes(
                    of: descriptor, toByteOffset: headerLength + index * MemoryLayout<Int32>.size, as: Int32.self)
            }
        }
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { payload -> Int in
                var vector = iovec(
                    iov_base: UnsafeMutableRawPointer(mutating: payload.baseAddress), iov_len: payload.count)
                return control.withUnsafeMutableBytes { controlBytes -> Int in
                    withUnsafeMutablePointer(to: &vector) { vectorPointer -> Int in
                        var message = msghdr()
                        message.msg_iov = vectorPointer
                        message.msg_iovlen = 1
                        if sent == 0, !descriptors.isEmpty {
                            message.msg_control = controlBytes.baseAddress
                            message.msg_controllen = controlBytes.count
                        }
                        return sendmsg(socket, &message, Int32(MSG_NOSIGNAL))
                    }
                }
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                throw TransportError("sending over the file-passing socket failed: \(String(cString: strerror(errno)))")
            }
            sent += count
        }
    }

    /// Reads at most `maxBytes` bytes and at most `maxDescriptors` descriptors (marked close-on-exec).
    ///
    /// - Returns: nil when the peer closed the connection before sending anything.
    /// - Throws: `TransportError` with the C error text (a receive timeout reads "Resource temporarily
    ///   unavailable").
    package static func receive(from socket: Int32, maxBytes: Int, maxDescriptors: Int) throws -> Received? {
        var buffer = [UInt8](repeating: 0, count: maxBytes)
        var control = [UInt8](repeating: 0, count: controlSpace(descriptors: maxDescriptors))
        while true {
            var flags: Int32 = 0
            var controlLength = 0
            let count = buffer.withUnsafeMutableBytes { payload -> Int in
                var vector = iovec(iov_base: payload.baseAddress, iov_len: payload.count)
                return control.withUnsafeMutableBytes { controlBytes -> Int in
                    withUnsafeMutablePointer(to: &vector) { vectorPointer -> Int in
                        var message = msghdr()
                        message.msg_iov = vectorPointer
                        message.msg_iovlen = 1
                        message.msg_control = controlBytes.baseAddress
                        message.msg_controllen = controlBytes.count
                        let count = recvmsg(socket, &message, Int32(MSG_CMSG_CLOEXEC))
                        flags = message.msg_flags
                        controlLength = message.msg_controllen
                        return count
                    }
                }
            }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else {
                throw TransportError("receiving on the file-passing socket failed: \(String(cString: strerror(errno)))")
            }
            let descriptors = Self.descriptors(in: control, length: controlLength)
            if count == 0, descriptors.isEmpty { return nil }
            return Received(
                bytes: Array(buffer[0..<count]), descriptors: descriptors,
                descriptorsTruncated: flags & Int32(MSG_CTRUNC) != 0)
        }
    }

    /// The SCM_RIGHTS descriptors in the first `length` bytes of a received control buffer.
    private static func descriptors(in control: [UInt8], length: Int) -> [Int32] {
        var found: [Int32] = []
        control.withUnsafeBytes { raw in
            var offset = 0
            while offset + headerLength <= min(length, raw.count) {
                let header = raw.loadUnaligned(fromByteOffset: offset, as: cmsghdr.self)
                guard header.cmsg_len >= headerLength, offset + header.cmsg_len <= raw.count else { break }
                if header.cmsg_level == SOL_SOCKET, header.cmsg_type == Int32(SCM_RIGHTS) {
                    let count = (header.cmsg_len - headerLength) / MemoryLayout<Int32>.size
                    for index in 0..<count {
                        found.append(
                            raw.loadUnaligned(
                                fromByteOffset: offset + headerLength + index * MemoryLayout<Int32>.size,
                                as: Int32.self))
                    }
                }
                offset += aligned(header.cmsg_len)
            }
        }
        return found
    }
}
