import Foundation
import Testing

@testable import GailleryProtocol

/// Hand-written conformances that use the `Encoder` API in every legal way give Foundation's JSON.
@Suite struct WireEncoderContainerTests {
    @Test(arguments: [
        WireSample("super encoder used", Custom.superUsed),
        WireSample("super encoder left empty", Custom.superEmpty),
        WireSample("super encoder for key", Custom.superForKey),
        WireSample("unkeyed super encoder", Custom.unkeyedSuper),
        WireSample("container asked twice", Custom.twice),
        WireSample("nested containers", Custom.nested),
        WireSample("encodeNil and generic nil", Custom.nils),
        WireSample("member that encodes nothing", ["empty": Custom.nothing]),
        WireSample("single value then keyed container", Custom.mergedObject),
        WireSample("subclass", Derived(base: 1, derived: "two")),
        WireSample("string-keyed dictionary keeps keys", ["camelCase": 1, "URLValue": 2, "a\"b": 3]),
        WireSample("enum-keyed dictionary converts keys", [WireDictionaryKey.fooBar: 1]),
        WireSample("int-keyed dictionary", [12: "a", -3: "b"]),
        WireSample("nested optionals and arrays", [[Int?.none, 1], [], [2]]),
        WireSample("Data, URL, Decimal, Date", Specials()),
        WireSample("optional Data", [Data([0, 255]), nil]),
        WireSample("empty nested value in array", [Custom.nothing, Custom.nothing]),
    ])
    func customConformanceMatchesFoundation(sample: WireSample) throws {
        try sample.check()
        #expect(try sample.streams())
    }

    @Test func outOfOrderWritesFallBackToFoundation() throws {
        #expect(try WireCompare.streamedText(Custom.outOfOrder) == nil)
        try WireCompare.expectSame(Custom.outOfOrder)
        try WireCompare.expectSame([Custom.outOfOrder, Custom.outOfOrder])
        try WireCompare.expectSame(Custom.lateSuper)
    }

    @Test func codingPathsMatchFoundation() throws {
        let ours = PathRecorder()
        let theirs = PathRecorder()
        _ = try WireEncoder().encode(PathProbe.tree(ours, nesting: false))
        _ = try WireCompare.foundation(PathProbe.tree(theirs, nesting: false))
        #expect(ours.paths == theirs.paths)
        #expect(ours.paths.contains(["outer", "Index 1", "outer", "Index 0"]))
    }

    /// Foundation leaves the keys of nested containers out of its child encoders' paths (a bug this
    /// encoder does not copy), so these are checked against the full paths.
    @Test func codingPathsThroughNestedContainersAreComplete() throws {
        let recorder = PathRecorder()
        _ = try WireEncoder().encode(PathProbe.tree(recorder, nesting: true))
        #expect(
            recorder.paths == [
                [], [], ["outer", "Index 0"], ["outer", "Index 0", "inner"], ["outer", "Index 0", "inner"],
                ["outer", "Index 1"], ["outer", "Index 1", "inner"], ["outer", "Index 1", "inner"],
                ["outer", "Index 1", "inner", "outer", "Index 0"],
                ["outer", "Index 1", "inner", "outer", "Index 0", "inner"],
                ["outer", "Index 1", "inner", "outer", "Index 0", "inner"],
            ])
    }

    @Test func nonFiniteNumbersThrowAtTheirPath() throws {
        var status = WireSamples.daemonStatus(ready: true)
        status.uptimeS = .infinity
        for value in [Double.nan, .infinity, -.infinity] {
            #expect(Self.errorPath { try WireEncoder().encode(["a": [1, value]]) } == ["a", "Index 1"])
        }
        #expect(Self.errorPath { try WireEncoder().encode(status) } == ["uptimeS"])
        #expect(Self.errorPath { try WireCompare.foundation(status) } == ["uptimeS"])
        let tree = JSONValue.object(["x": .array([.double(.nan)])])
        #expect(Self.errorPath { try WireEncoder().encode(tree) } == ["x", "Index 0"])
        #expect(Self.errorPath { try WireEncoder().encode(Float.nan) } == [])
    }

    @Test func topLevelValueThatEncodesNothingThrows() {
        #expect(throws: EncodingError.self) { try WireEncoder().encode(Custom.nothing) }
        #expect(throws: EncodingError.self) { try WireCompare.foundation(Custom.nothing) }
    }

    @Test func nestingLimitMatchesFoundation() throws {
        var deep = JSONValue.null
        for _ in 0..<511 { deep = .array([deep]) }
        try WireCompare.expectSame(deep)
        let tooDeep = JSONValue.array([deep])
        #expect(throws: EncodingError.self) { try WireEncoder().encode(tooDeep) }
        #expect(throws: EncodingError.self) { try WireCompare.foundation(tooDeep) }
    }

    @Test func encodingInsideEncodingWorks() throws {
        try WireCompare.expectSame(Reentrant(inner: WireSamples.daemonStatus(ready: true)))
    }

    @Test func threadsEncodeConcurrently() throws {
        let samples = WireSamples.all
        let expected = try samples.map { try WireEncoder().encode($0.value) }
        let results = ConcurrentResults(count: 8 * samples.count)
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for round in 0..<samples.count {
                let index = (round + thread) % samples.count
                results.set(
                    thread * samples.count + round, (try? WireEncoder().encode(samples[index].value)) == expected[index]
                )
            }
        }
        #expect(results.allTrue)
    }

    static func errorPath(_ body: () throws -> Any) -> [String]? {
        do {
            _ = try body()
            return nil
        } catch EncodingError.invalidValue(_, let context) {
            return context.codingPath.map(\.stringValue)
        } catch {
            return nil
        }
    }
}

/// Results written from several threads, each to its own index.
final class ConcurrentResults: @unchecked Sendable {  // guarded by `lock`
    private let lock = NSLock()
    private var values: [Bool]

    init(count: Int) { values = Array(repeating: false, count: count) }

    func set(_ index: Int, _ value: Bool) { lock.withLock { values[index] = value } }

    var allTrue: Bool { lock.withLock { values.allSatisfy { $0 } } }
}

/// A key whose dictionary Foundation converts (it is not a `String`).
enum WireDictionaryKey: String, Codable, CodingKeyRepresentable {
    case fooBar
}

/// The values Foundation's encoder special-cases.
struct Specials: Encodable {
    var data = Data([0, 1, 2, 250, 251, 252, 253, 254, 255])
    var url = URL(string: "https://example.com/a/b?c=d&e=f")!
    var decimal = Decimal(string: "12.50")!
    var date = Date(timeIntervalSinceReferenceDate: 12.5)
    var noData: Data? = nil
}

/// A class hierarchy encoding into one container, as subclasses do.
class Base: Encodable, @unchecked Sendable {
    enum Keys: String, CodingKey { case baseValue }
    let base: Int

    init(base: Int) { self.base = base }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(base, forKey: .baseValue)
    }
}

final class Derived: Base, @unchecked Sendable {
    enum DerivedKeys: String, CodingKey { case derivedValue }
    let derived: String

    init(base: Int, derived: String) {
        self.derived = derived
        super.init(base: base)
    }

    override func encode(to encoder: any Encoder) throws {
        try super.encode(to: encoder)
        var container = encoder.container(keyedBy: DerivedKeys.self)
        try container.encode(derived, forKey: .derivedValue)
    }
}

/// Encodes another value with `WireEncoder` inside its own `encode(to:)`.
struct Reentrant: Encodable {
    let inner: DaemonStatus.Result

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(String(decoding: try WireEncoder().encode(inner), as: UTF8.self))
    }
}
