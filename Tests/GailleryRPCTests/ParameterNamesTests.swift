import Foundation
import GailleryProtocol
import Testing

@testable import GailleryRPC

/// A member a method does not document is refused with -32602, whichever path reads the params.
@Suite struct ParameterNamesTests {
    /// Decodes `params` (a JSON object's text) as `method`'s, with the object's range known (the byte
    /// path) or not (Foundation's).
    static func decode<P: Decodable>(
        _: P.Type, _ method: String, _ params: String, rangeKnown: Bool = true, cache: ParamsCache<P>? = nil
    ) throws -> P {
        let prefix = #"{"jsonrpc":"2.0","id":1,"method":"\#(method)","params":"#
        let message = Data((prefix + params + "}").utf8)
        let range = prefix.utf8.count..<(prefix.utf8.count + params.utf8.count)
        return try ParamsDecoding.decode(
            P.self, method: method, shape: .object, range: rangeKnown ? range : nil, from: message, cache: cache)
    }

    /// The error `body` throws, if it is an `RPCError`.
    static func error(_ body: () throws -> Void) -> RPCError? {
        do {
            try body()
            return nil
        } catch let error as RPCError {
            return error
        } catch {
            return nil
        }
    }

    @Test(arguments: [true, false]) func aMisspelledParameterIsNamedWithTheRightOnes(rangeKnown: Bool) throws {
        let refused = Self.error {
            _ = try Self.decode(TagsList.Params.self, "tags.list", #"{"prefx":"d"}"#, rangeKnown: rangeKnown)
        }
        #expect(refused?.code == .invalidParams)
        #expect(refused?.message == #"tags.list: unknown parameter "prefx"; it takes limit, prefix"#)
        #expect(
            try Self.decode(TagsList.Params.self, "tags.list", #"{"prefix":"d","limit":3}"#, rangeKnown: rangeKnown)
                == TagsList.Params(prefix: "d", limit: 3))
    }

    @Test func nestedValuesAndEscapedNamesAreRead() throws {
        // A nested value takes Foundation's path for the params; the names are still read from the bytes.
        let nested = Self.error {
            _ = try Self.decode(PhotosWait.Params.self, "photos.wait", #"{"ids":["a"],"extra":{"x":[1]}}"#)
        }
        #expect(nested?.message.contains(#"unknown parameter "extra""#) == true)
        // An escaped name is read by Foundation: \u0066 is "f", so this is "prefix".
        #expect(
            try Self.decode(TagsList.Params.self, "tags.list", #"{"pre\u0066ix":"d"}"#) == TagsList.Params(prefix: "d"))
        let escaped = Self.error { _ = try Self.decode(TagsList.Params.self, "tags.list", #"{"pr\u0065fx":"d"}"#) }
        #expect(escaped?.message.contains(#"unknown parameter "prefx""#) == true)
    }

    @Test func aMethodWithoutParametersTakesOnlyAnEmptyObject() throws {
        let refused = Self.error { _ = try Self.decode(NoParams.self, "daemon.status", #"{"verbose":true}"#) }
        #expect(refused?.code == .invalidParams)
        #expect(refused?.message == #"daemon.status takes no parameters; remove "verbose""#)
        #expect(try Self.decode(NoParams.self, "daemon.status", "{ }") == NoParams())
    }

    @Test func theCacheDoesNotLetARefusedObjectThrough() throws {
        let cache = ParamsCache<TagsList.Params>()
        for _ in 0..<2 {
            let refused = Self.error {
                _ = try Self.decode(TagsList.Params.self, "tags.list", #"{"limit":2,"x":1}"#, cache: cache)
            }
            #expect(refused?.code == .invalidParams)
        }
        #expect(cache.count == 0)
    }

    @Test func methodsTheDocumentDoesNotListAreNotChecked() throws {
        #expect(ParameterNames.documented["test.echo"] == nil)
        #expect(
            try Self.decode(TagsList.Params.self, "test.echo", #"{"anything":1,"limit":4}"#)
                == TagsList.Params(limit: 4))
        // Every served method is documented, names included.
        #expect(ParameterNames.documented["photos.search"] == ["query", "limit", "cursor", "min_confidence", "full"])
        #expect(ParameterNames.documented["daemon.status"] == [])
    }
}
