import Foundation
import GailleryProtocol

/// Decodes a method's typed params out of a whole request message, with errors that name the field.
enum ParamsDecoding {
    private struct Envelope<P: Decodable>: Decodable {
        var params: P?
    }

    private struct Probe: Decodable {
        var params: Shape?
    }

    /// What JSON type `params` has, without decoding its members.
    private enum Shape: Decodable {
        case object, array, other
        init(from decoder: any Decoder) throws {
            if (try? decoder.container(keyedBy: AnyKey.self)) != nil {
                self = .object
            } else if (try? decoder.unkeyedContainer()) != nil {
                self = .array
            } else {
                self = .other
            }
        }
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    static func decode<P: Decodable>(_: P.Type, method: String, from message: Data) throws -> P {
        let decoder = WireCoding.decoder()
        switch try? decoder.decode(Probe.self, from: message).params {
        case .array?:
            throw RPCError.invalidParams("\(method): params must be an object with named members, not an array")
        case .other?:
            throw RPCError.invalidParams("\(method): params must be an object")
        case .object?, nil:
            break
        }
        do {
            if let params = try decoder.decode(Envelope<P>.self, from: message).params { return params }
            return try decoder.decode(P.self, from: Data("{}".utf8))
        } catch let error as DecodingError {
            throw RPCError.invalidParams("\(method): \(describe(error))")
        }
    }

    /// "params.id: expected an integer, found a string" style text.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            var text = "params"
            for key in keys where key.stringValue != "params" {
                if let index = key.intValue { text += "[\(index)]" } else { text += "." + snake(key.stringValue) }
            }
            return text
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is required"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(typeName(type))"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(typeName(type)), found null"
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "invalid params"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type, is Int64.Type, is Int32.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is [Any].Type: "an array"
        default: String(describing: type).hasPrefix("Array") ? "an array" : "an object"
        }
    }

    private static func snake(_ camel: String) -> String {
        var out = ""
        for character in camel {
            if character.isUppercase {
                out += "_" + character.lowercased()
            } else {
                out.append(character)
            }
        }
        return out
    }
}
