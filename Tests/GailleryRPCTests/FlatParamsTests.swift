import Foundation
import GailleryProtocol
import Testing

@testable import GailleryRPC

/// Params read by `FlatParams` are the ones Foundation's decoder reads, and whatever it can't read
/// plainly goes to Foundation, so errors are Foundation's.
@Suite struct FlatParamsTests {
    struct Search: Codable, Equatable {
        var query: String
        var limit: Int?
        var cursor: String?
        var minConfidence: Double?
        var recursive: Bool?
        var id: Int64?
    }

    static let messages = [
        #"{"query":"dog beach","limit":20}"#,
        #"{"query":"dog","limit":20,"min_confidence":0.25,"cursor":null,"recursive":true,"id":9007199254740993}"#,
        #"{ "query" : "a" , "min_confidence" : 1e-3 , "limit" : -0 }"#,
        #"{"query":"x","limit":2.0}"#,
        #"{"query":"x","limit":"2"}"#,
        #"{"query":"\u0064og"}"#,
        #"{"query":"chien é"}"#,
        #"{"query":"x","minConfidence":0.5}"#,
        #"{"query":"x","min__confidence":0.5,"_x":1,"y_":2,"a_1":3}"#,
        #"{"query":"x","extra":[1,{"a":2}]}"#,
        #"{"query":"x","query":"y"}"#,
        #"{"limit":3}"#,
        #"{"query":null}"#,
        #"{"query":"x","limit":99999999999999999999}"#,
        #"{"query":"x","id":1e3}"#,
        #"{"query":"x","limit":null,"min_confidence":null,"recursive":null,"id":null,"cursor":null}"#,
        #"{"query":"x","recursive":"yes"}"#,
        #"{"query":"x","min_confidence":"0.5"}"#,
        #"{"query":"x","cursor":5}"#,
        #"{"query":"x","id":null,"recursive":false,"cursor":"abc"}"#,
        #"{}"#,
    ]

    /// The decoded params, or the error's text.
    enum Outcome: Equatable {
        case params(Search)
        case error(String)
    }

    static func decode(_ params: String, fast: Bool) -> Outcome {
        let message = Data(#"{"jsonrpc":"2.0","id":1,"method":"m","params":\#(params)}"#.utf8)
        let range = fast ? message.count - 1 - params.utf8.count..<message.count - 1 : nil
        do {
            return .params(
                try ParamsDecoding.decode(Search.self, method: "m", shape: .object, range: range, from: message))
        } catch {
            return .error("\(error)")
        }
    }

    @Test(arguments: messages)
    func readsWhatFoundationReads(params: String) {
        #expect(Self.decode(params, fast: true) == Self.decode(params, fast: false))
    }

    @Test func thePlainCaseIsReadWithoutFoundation() throws {
        let text = #"{"query":"dog beach","limit":20,"min_confidence":0.5,"cursor":null}"#
        let params = Array(text.utf8).withUnsafeBytes { bytes in
            FlatParams(bytes).flatMap { try? $0.decode(Search.self) }
        }
        #expect(params == Search(query: "dog beach", limit: 20, minConfidence: 0.5))
        let nested = Array(#"{"query":"x","add":["a"]}"#.utf8).withUnsafeBytes { FlatParams($0) }
        #expect(nested == nil)
    }

    @Test func theScannerFindsTheParamsObject() throws {
        let message = #"{"jsonrpc":"2.0","params":{"query":"q"},"id":1,"method":"m"}"#
        let scanned = message.utf8.withContiguousStorageIfAvailable { RequestScanner.scan(UnsafeRawBufferPointer($0)) }
        guard case .header(let header)? = scanned, let range = header.paramsRange else {
            Issue.record("no params range")
            return
        }
        #expect(String(decoding: Array(message.utf8)[range], as: UTF8.self) == #"{"query":"q"}"#)
    }

    @Test(arguments: [("min_confidence", "minConfidence"), ("limit", "limit"), ("a_b_c", "aBC"), ("x1_y2", "x1Y2")])
    func convertsKeysAsFoundationDoes(snake: String, camel: String) {
        #expect(FlatParams.camelCase(snake) == camel)
    }

    @Test(arguments: ["_a", "a_", "a__b", "a_1", "Ab", ""])
    func leavesUnusualKeysToFoundation(key: String) {
        #expect(FlatParams.camelCase(key) == nil)
    }
}
