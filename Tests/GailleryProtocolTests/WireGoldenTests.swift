import Foundation
import GailleryProtocol
import Testing

/// JSON golden round trips: the exact wire text of representative values.
@Suite struct WireGoldenTests {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = WireCoding.encoder()
        encoder.outputFormatting.insert(.sortedKeys)
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func uploadParamsUseSnakeCaseAndOmitNil() throws {
        #expect(try Self.encode(PhotosUpload.Params(path: "/a/b.jpg")) == #"{"path":"/a/b.jpg"}"#)
        #expect(
            try Self.encode(PhotosSearch.Params(query: "dog", minConfidence: 0.5))
                == #"{"min_confidence":0.5,"query":"dog"}"#)
        #expect(try Self.encode(PhotosWait.Params(ids: [1, 2], timeoutMs: 10)) == #"{"ids":[1,2],"timeout_ms":10}"#)
    }

    @Test func errorObjectsRoundTrip() throws {
        let error = RPCError(.querySyntax, "unclosed \"(\"", data: .object(["column": .int(5)]))
        let text = try Self.encode(error)
        #expect(text == #"{"code":-32006,"data":{"column":5},"message":"unclosed \"(\""}"#)
        #expect(try WireCoding.decoder().decode(RPCError.self, from: Data(text.utf8)) == error)
    }

    @Test(arguments: [#"7"#, #""abc""#, #"null"#])
    func requestIDsRoundTrip(text: String) throws {
        let id = try JSONDecoder().decode(RequestID.self, from: Data(text.utf8))
        #expect(String(decoding: try JSONEncoder().encode(id), as: UTF8.self) == text)
    }

    @Test func jsonValuePreservesIntegersAndNesting() throws {
        let text = #"{"a":[1,2.5,"x",true,null,{"b":{}}]}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(
            value["a"]
                == .array([.int(1), .double(2.5), .string("x"), .bool(true), .null, .object(["b": .object([:])])]))
    }
}
