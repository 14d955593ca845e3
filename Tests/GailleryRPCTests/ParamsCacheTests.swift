import Foundation
import Testing

@testable import GailleryRPC

/// `ParamsCache` keeps what the flat path decoded, by the params' bytes, and nothing else.
@Suite struct ParamsCacheTests {
    /// Looks `text` up in `cache`, counting the decodes it asks for.
    static func lookUp(_ text: String, in cache: ParamsCache<String>, decodes: inout Int) -> String? {
        Array(text.utf8).withUnsafeBytes { bytes in
            cache.params(bytes) {
                decodes += 1
                return "decoded \(text)"
            }
        }
    }

    @Test func theSameBytesAreDecodedOnce() {
        let cache = ParamsCache<String>()
        var decodes = 0
        #expect(Self.lookUp(#"{"query":"dog"}"#, in: cache, decodes: &decodes) == #"decoded {"query":"dog"}"#)
        #expect(Self.lookUp(#"{"query":"dog"}"#, in: cache, decodes: &decodes) == #"decoded {"query":"dog"}"#)
        #expect(decodes == 1)
        // One byte apart is another entry.
        #expect(Self.lookUp(#"{"query":"dog" }"#, in: cache, decodes: &decodes) == #"decoded {"query":"dog" }"#)
        #expect(decodes == 2)
        #expect(cache.count == 2)
    }

    @Test func failuresAndLongParamsAreNotKept() {
        let cache = ParamsCache<String>()
        var decodes = 0
        let failed = Array(#"{"query":5}"#.utf8).withUnsafeBytes { bytes in
            cache.params(bytes) {
                decodes += 1
                return nil
            }
        }
        #expect(failed == nil)
        let long = #"{"data":""# + String(repeating: "A", count: ParamsCache<String>.maximumKeyLength) + #""}"#
        _ = Self.lookUp(long, in: cache, decodes: &decodes)
        _ = Self.lookUp(long, in: cache, decodes: &decodes)
        #expect(decodes == 3)
        #expect(cache.count == 0)
    }

    @Test func aFullCacheStartsAgain() {
        let cache = ParamsCache<String>(capacity: 4)
        var decodes = 0
        for index in 0..<5 { _ = Self.lookUp(#"{"id":\#(index)}"#, in: cache, decodes: &decodes) }
        #expect(cache.count == 1)
        _ = Self.lookUp(#"{"id":4}"#, in: cache, decodes: &decodes)
        #expect(decodes == 5)
    }

    /// Through `ParamsDecoding`, a cached decode is the flat path's, and errors still come from Foundation.
    @Test(arguments: FlatParamsTests.messages)
    func cachedParamsAreTheDecodedOnes(params: String) {
        let cache = ParamsCache<FlatParamsTests.Search>()
        let message = Data(#"{"jsonrpc":"2.0","id":1,"method":"m","params":\#(params)}"#.utf8)
        let range = message.count - 1 - params.utf8.count..<message.count - 1
        func decode() -> FlatParamsTests.Outcome {
            do {
                return .params(
                    try ParamsDecoding.decode(
                        FlatParamsTests.Search.self, method: "m", shape: .object, range: range, from: message,
                        cache: cache))
            } catch {
                return .error("\(error)")
            }
        }
        let first = decode()
        #expect(first == FlatParamsTests.decode(params, fast: false))
        #expect(decode() == first)
    }
}
