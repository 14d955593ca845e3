import Foundation

/// Encodes `Encodable` values as compact wire JSON, the same JSON as `WireCoding.encoder()` (Foundation's
/// `JSONEncoder` with `.convertToSnakeCase` and `.withoutEscapingSlashes`), several times faster.
///
/// What it writes, as Foundation does:
/// - keys converted by Foundation's snake_case rules (`uptimeS` → `uptime_s`, `URLValue` →
///   `u_rl_value`), except the keys of `[String: T]` dictionaries, which are written as they are;
/// - nil optionals left out (`encodeIfPresent`), `encodeNil` written as `null`;
/// - numbers in Swift's shortest round-trip form without a trailing `.0` (`1`, `0.5`, `1e-07`,
///   `1e+21`, `-0`); NaN and infinities are refused with `EncodingError.invalidValue`;
/// - strings with `"`, `\` and control characters escaped, `/` and non-ASCII as they are;
/// - `Data` as base64, `URL` as its absolute string, `Decimal` as its decimal text, `Date` as seconds
///   since 2001 (Foundation's default strategies); a value that encodes nothing as `{}`.
///
/// Members come in the order they are encoded (declaration order for synthesized conformances), not
/// Foundation's hash order; any order is the same JSON. One difference remains: a key encoded twice
/// into one object appears twice (Foundation keeps the last).
///
/// It streams into one byte buffer. A conformance that writes into a container after a later sibling
/// has started (legal, but never done by synthesized code) cannot be streamed; such values are
/// re-encoded with `WireCoding.encoder()`, so the output is still the same.
///
/// `WireEncoder` has no state: one instance may be used from any number of threads at once.
public struct WireEncoder: Sendable {
    /// A wire encoder.
    public init() {}

    /// The JSON text of `value`, as UTF-8 bytes.
    ///
    /// - Throws: `EncodingError.invalidValue` for NaN or infinity, for a top-level value that encodes
    ///   nothing, or for containers nested more than 511 deep; any error the value's `encode(to:)` throws.
    public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let state = WireEncoderState.checkOut()
        defer { state.checkIn() }
        guard try Self.stream(value, into: state) else { return [UInt8](try WireCoding.encoder().encode(value)) }
        return [UInt8](state.text)
    }

    /// The JSON text of `value`, as UTF-8 `Data`.
    ///
    /// - Throws: as `encode(_:)`.
    public func encodeData<T: Encodable>(_ value: T) throws -> Data {
        Data(try encode(value))
    }

    /// Appends the JSON text of `value` to `buffer` (e.g. after the start of a response envelope).
    /// On error, `buffer` is left as it was.
    ///
    /// - Throws: as `encode(_:)`.
    public func encode<T: Encodable>(_ value: T, appendingTo buffer: inout [UInt8]) throws {
        let state = WireEncoderState.checkOut()
        defer { state.checkIn() }
        if try Self.stream(value, into: state) {
            buffer.append(contentsOf: state.text)
        } else {
            buffer += try WireCoding.encoder().encode(value)
        }
    }

    /// Appends the JSON text of the number `value` (the text `encode(value)` returns) to `buffer`, without
    /// an encoder run: for callers that assemble JSON around many numbers.
    ///
    /// - Throws: `EncodingError.invalidValue` for NaN or infinity; `buffer` is then left as it was.
    public func encode(number value: Double, appendingTo buffer: inout [UInt8]) throws {
        let state = WireEncoderState.checkOut()
        defer { state.checkIn() }
        try state.writeFloat(value, path: [])
        buffer.append(contentsOf: state.text)
    }

    /// Streams `value` into `state` as a top-level value; false when the value must be re-encoded by
    /// Foundation instead.
    ///
    /// - Throws: as `encode(_:)`, except `WireEncoderFallback`.
    static func stream<T: Encodable>(_ value: T, into state: WireEncoderState) throws -> Bool {
        let slot = state.newPendingSlot()
        do {
            try state.encodeValueBody(value, level: 0, slot: slot)
        } catch {
            // A value may catch our fallback error and throw its own; the flag is what counts.
            if state.needsFallback { return false }
            throw error
        }
        if state.needsFallback { return false }
        if state.pendingSlot == slot {
            throw EncodingError.invalidValue(
                value, .init(codingPath: [], debugDescription: "Top-level \(T.self) did not encode any values."))
        }
        if state.tooDeep {
            throw EncodingError.invalidValue(
                value,
                .init(
                    codingPath: [],
                    debugDescription: "Unable to encode the given top-level value to JSON: containers nest more "
                        + "than \(WireEncoderState.maximumDepth - 1) deep."))
        }
        state.finish()
        return true
    }
}
