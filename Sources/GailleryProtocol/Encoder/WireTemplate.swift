import Synchronization

/// Encodes values that differ from call to call in one number only (a status with its uptime), re-using
/// the JSON text of the last value around that number.
///
/// The last value is kept with the number set to 0, its text split around that 0; a value equal to
/// it once its own number is set to 0 is written as prefix + number + suffix, the same text
/// `WireEncoder` writes for it. Any other value is encoded whole and becomes the new template.
public final class WireTemplate<Value: Encodable & Equatable & Sendable>: Sendable {
    private struct Template: Sendable {
        var value: Value
        var prefix: [UInt8]
        var suffix: [UInt8]
    }

    private let number: WritableKeyPath<Value, Double> & Sendable
    private let marker: [UInt8]
    // Used from every event loop; the lock covers a comparison and two array copies.
    private let template = Mutex<Template?>(nil)

    /// A template for values whose `number` member varies; `wireKey` is its key on the wire (e.g.
    /// `uptime_s`), and must not be the first member encoded.
    public init(varying number: WritableKeyPath<Value, Double> & Sendable, wireKey: String) {
        self.number = number
        self.marker = Array(",\"\(wireKey)\":0".utf8)
    }

    /// The JSON text of `value`.
    ///
    /// - Throws: as `WireEncoder.encode`.
    public func encode(_ value: Value) throws -> [UInt8] {
        var zeroed = value
        zeroed[keyPath: number] = 0
        let parts = template.withLock { template in
            template.flatMap { $0.value == zeroed ? ($0.prefix, $0.suffix) : nil }
        }
        if let (prefix, suffix) = parts { return try join(prefix, value[keyPath: number], suffix) }
        let whole = try WireEncoder().encode(zeroed)
        // A quote inside a JSON string is escaped, so the first match is the member itself; the 0 must
        // be followed by the next member or the end of the object.
        guard let start = Self.firstIndex(of: marker, in: whole),
            [UInt8(ascii: ","), UInt8(ascii: "}")].contains(whole[start + marker.count])
        else { return try WireEncoder().encode(value) }
        let prefix = Array(whole[..<(start + marker.count - 1)])
        let suffix = Array(whole[(start + marker.count)...])
        template.withLock { $0 = Template(value: zeroed, prefix: prefix, suffix: suffix) }
        return try join(prefix, value[keyPath: number], suffix)
    }

    private func join(_ prefix: [UInt8], _ number: Double, _ suffix: [UInt8]) throws -> [UInt8] {
        var out = prefix
        out.reserveCapacity(prefix.count + suffix.count + 24)
        try WireEncoder().encode(number, appendingTo: &out)
        out += suffix
        return out
    }

    private static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count > needle.count else { return nil }
        return (0..<(haystack.count - needle.count)).first { start in
            haystack[start..<(start + needle.count)].elementsEqual(needle)
        }
    }
}
