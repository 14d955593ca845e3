import Foundation
import GailleryProtocol

/// Captures any JSON value and re-encodes it as compact JSON bytes (`result` members, for `--json` output).
struct RawJSON: Decodable {
    let data: Data

    init(from decoder: any Decoder) throws {
        let value = try JSONValue(from: decoder)
        data = try JSONEncoder().encode(value)
    }
}
