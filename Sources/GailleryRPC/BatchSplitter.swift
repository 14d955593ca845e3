/// Finds the top-level elements of a JSON array without decoding them, so that each element of a
/// JSON-RPC batch can be handled as if it had arrived alone.
package enum BatchSplitter {
    /// The byte ranges of the elements of the JSON array that `bytes` holds (leading whitespace allowed),
    /// or nil when `bytes` is not an array or is unbalanced. Element validity is left to the JSON decoder.
    package static func elements(of bytes: UnsafeRawBufferPointer) -> [Range<Int>]? {
        var index = 0
        let count = bytes.count
        func skipSpace() {
            while index < count,
                bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A
                    || bytes[index] == 0x0D
            {
                index += 1
            }
        }
        skipSpace()
        guard index < count, bytes[index] == UInt8(ascii: "[") else { return nil }
        index += 1
        var ranges: [Range<Int>] = []
        var depth = 0
        var start: Int?
        var inString = false
        while index < count {
            let byte = bytes[index]
            if inString {
                if byte == UInt8(ascii: "\\") {
                    index += 1
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""):
                    inString = true
                    if start == nil { start = index }
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    if start == nil { start = index }
                    depth += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    if depth == 0 {
                        guard byte == UInt8(ascii: "]") else { return nil }
                        if let begin = start { ranges.append(begin..<index) }
                        index += 1
                        skipSpace()
                        return index == count ? ranges : nil
                    }
                    depth -= 1
                case UInt8(ascii: ","):
                    if depth == 0 {
                        guard let begin = start else { return nil }
                        ranges.append(begin..<index)
                        start = nil
                    }
                case 0x20, 0x09, 0x0A, 0x0D:
                    break
                default:
                    if start == nil { start = index }
                }
            }
            index += 1
        }
        return nil
    }
}
