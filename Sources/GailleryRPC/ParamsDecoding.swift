import Foundation
import GailleryProtocol

/// What JSON type a request's `params` member has, read without decoding its members.
enum ParamsShape: Decodable, Equatable {
    case absent, object, array, other

    init(from decoder: any Decoder) throws {
        if (try? decoder.container(keyedBy: AnyKey.self)) != nil {
            self = .object
        } else if (try? decoder.unkeyedContainer()) != nil {
            self = .array
        } else {
            self = .other
        }
    }

    /// Any member name (for reading an object's names whatever they are).
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// A request's `params`: its JSON type and, when known, where the object lies in the message.
struct ParamsSpan: Sendable {
    var shape: ParamsShape
    var range: Range<Int>?
}

/// Decodes a method's typed params out of a whole request message, with errors that name the field.
enum ParamsDecoding {
    private struct Envelope<P: Decodable>: Decodable {
        var params: P?
    }

    /// Decodes `P` from the `params` member of `message`, whose JSON type the header pass already read
    /// (and, when `range` is given, where it lies: flat objects are then read by `FlatParams`, or come
    /// from `cache` when the same bytes were read before). A member the method does not document is
    /// refused first (`ParameterNames`).
    ///
    /// - Throws: `RPCError.invalidParams` naming the field at fault.
    static func decode<P: Decodable>(
        _: P.Type, method: String, shape: ParamsShape, range: Range<Int>? = nil, from message: Data,
        cache: ParamsCache<P>? = nil
    ) throws -> P {
        switch shape {
        case .array:
            throw RPCError.invalidParams("\(method): params must be an object with named members, not an array")
        case .other:
            throw RPCError.invalidParams("\(method): params must be an object")
        case .absent, .object:
            break
        }
        if P.self == NoParams.self {
            if shape == .object { try ParameterNames.check(method, message: message, range: range) }
            return NoParams() as! P
        }
        if let range, range.upperBound <= message.count,
            let params = message.withUnsafeBytes({ bytes in
                let object = UnsafeRawBufferPointer(rebasing: bytes[range])
                // The names are checked before decoding, so the cache keeps only objects that pass and a
                // repeated object is not checked again.
                let flat = {
                    ParameterNames.accepts(method, object) ? FlatParams(object).flatMap { try? $0.decode(P.self) } : nil
                }
                return cache.map { $0.params(object, decode: flat) } ?? flat()
            })
        {
            return params
        }
        if shape == .object { try ParameterNames.check(method, message: message, range: range) }
        do {
            let decoder = WireCoding.decoder()
            if shape == .object, let params = try decoder.decode(Envelope<P>.self, from: message).params {
                return params
            }
            return try decoder.decode(P.self, from: Data("{}".utf8))
        } catch let error as DecodingError {
            // A number that does not fit its member's type: name the member and the range. (The params'
            // place is found again when the caller's header pass did not give it.)
            if shape == .object, let range = range ?? Self.paramsRange(in: message), range.upperBound <= message.count,
                let problem = message.withUnsafeBytes({ bytes in
                    NumberParams.problem(P.self, method: method, params: UnsafeRawBufferPointer(rebasing: bytes[range]))
                })
            {
                throw problem
            }
            // Foundation refuses the whole message, params or not, with no reason: find it.
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty,
                let problem = JSONProblem.find(in: message)
            {
                throw RPCError(problem.code, "\(method): \(problem.message)")
            }
            throw RPCError.invalidParams("\(method): \(describe(error))")
        }
    }

    /// Where the `params` object lies in `message`, when `RequestScanner` can tell.
    private static func paramsRange(in message: Data) -> Range<Int>? {
        guard case .header(let header) = message.withUnsafeBytes({ RequestScanner.scan($0) }) else { return nil }
        return header.paramsRange
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
