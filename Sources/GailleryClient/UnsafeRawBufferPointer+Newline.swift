import Foundation

extension UnsafeRawBufferPointer {
    /// The offset of the first `\n` at or after `start`, for both ends of the line framing (memchr: a
    /// generic search took a nanosecond a byte, and a photo sent as base64 is a line of megabytes).
    package func firstNewline(from start: Int) -> Int? {
        guard start < count, let base = baseAddress,
            let found = memchr(base + start, Int32(UInt8(ascii: "\n")), count - start)
        else { return nil }
        return base.distance(to: UnsafeRawPointer(found))
    }
}
