import Foundation
import Testing

@testable import GailleryProtocol

/// Hand-written `Encodable` conformances for `WireEncoderContainerTests`, each using the `Encoder`
/// API in one unusual (but legal) way, and a check that they really do encode differently.
@Suite struct WireEncoderConformancesTests {
    @Test func fixturesAreDistinct() throws {
        let texts = try Custom.Shape.allCases.filter { $0 != .nothing }.map {
            try WireCompare.foundation(Custom(shape: $0))
        }
        #expect(Set(texts).count == texts.count)
    }
}

/// One hand-written conformance per `Shape`.
struct Custom: Encodable, Sendable {
    enum Shape: CaseIterable, Sendable {
        case superUsed, superEmpty, superForKey, unkeyedSuper, twice, nested, nils, nothing, mergedObject
        case outOfOrder, lateSuper
    }

    enum Keys: String, CodingKey { case firstValue, secondValue, nestedList, nestedObject, innerKey }

    static let superUsed = Custom(shape: .superUsed)
    static let superEmpty = Custom(shape: .superEmpty)
    static let superForKey = Custom(shape: .superForKey)
    static let unkeyedSuper = Custom(shape: .unkeyedSuper)
    static let twice = Custom(shape: .twice)
    static let nested = Custom(shape: .nested)
    static let nils = Custom(shape: .nils)
    static let nothing = Custom(shape: .nothing)
    static let mergedObject = Custom(shape: .mergedObject)
    static let outOfOrder = Custom(shape: .outOfOrder)
    static let lateSuper = Custom(shape: .lateSuper)

    let shape: Shape

    func encode(to encoder: any Encoder) throws {
        switch shape {
        case .superUsed:
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(1, forKey: .firstValue)
            try WireSamples.daemonStatus(ready: false).encode(to: container.superEncoder())
            try container.encode("after", forKey: .secondValue)
        case .superEmpty:
            var container = encoder.container(keyedBy: Keys.self)
            _ = container.superEncoder()
            try container.encode(2, forKey: .firstValue)
        case .superForKey:
            var container = encoder.container(keyedBy: Keys.self)
            var single = container.superEncoder(forKey: .nestedObject).singleValueContainer()
            try single.encode([1.5, 2])
        case .unkeyedSuper:
            var container = encoder.unkeyedContainer()
            try container.encode("first")
            try PhotosImport.Result(job: 1).encode(to: container.superEncoder())
            _ = container.superEncoder()
            try container.encode(true)
        case .twice:
            var first = encoder.container(keyedBy: Keys.self)
            try first.encode(1, forKey: .firstValue)
            var second = encoder.container(keyedBy: Keys.self)
            try second.encode(2, forKey: .secondValue)
        case .nested:
            try encodeNested(to: encoder)
        case .nils:
            var container = encoder.container(keyedBy: Keys.self)
            try container.encodeNil(forKey: .firstValue)
            try container.encode(Int?.none, forKey: .secondValue)
            try container.encodeIfPresent(Int?.none, forKey: .nestedList)
            try container.encodeIfPresent([String]?.none, forKey: .nestedObject)
            try container.encodeIfPresent([String]?.some(["x"]), forKey: .innerKey)
        case .nothing:
            break
        case .mergedObject:
            var single = encoder.singleValueContainer()
            try single.encode(["rawKey": 1])
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(2, forKey: .secondValue)
        case .outOfOrder:
            var container = encoder.container(keyedBy: Keys.self)
            var list = container.nestedUnkeyedContainer(forKey: .nestedList)
            try list.encode(1)
            try container.encode(2, forKey: .firstValue)
            try list.encode(3)  // after a later sibling: only a tree-building encoder can place it
        case .lateSuper:
            var container = encoder.container(keyedBy: Keys.self)
            let late = container.superEncoder()
            try container.encode(2, forKey: .firstValue)
            var single = late.singleValueContainer()
            try single.encode("late")
        }
    }

    private func encodeNested(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        var list = container.nestedUnkeyedContainer(forKey: .nestedList)
        try list.encode(1)
        var inner = list.nestedContainer(keyedBy: Keys.self)
        try inner.encode("deep", forKey: .innerKey)
        var innerList = list.nestedUnkeyedContainer()
        try innerList.encode(Float(0.25))
        try innerList.encodeNil()
        if #available(macOS 15, *) {
            try innerList.encode(Int128.min)
            try innerList.encode(UInt128.max)
        }
        try list.encode(PhotosImport.Result(job: 2))
        var object = container.nestedContainer(keyedBy: Keys.self, forKey: .nestedObject)
        try object.encode(true, forKey: .firstValue)
        _ = object.nestedContainer(keyedBy: Keys.self, forKey: .secondValue)
        try container.encode(UInt8(7), forKey: .firstValue)
    }
}

/// Records the coding paths an encoder reports.
final class PathRecorder: @unchecked Sendable {  // used from one thread at a time
    var paths: [[String]] = []
}

/// A small tree whose nodes record `encoder.codingPath` and their containers' paths; children go
/// through nested containers (`nesting`) or as a plain array member.
struct PathProbe: Encodable {
    enum Keys: String, CodingKey { case outer, inner }

    let recorder: PathRecorder
    let children: [PathProbe]
    let nesting: Bool

    static func tree(_ recorder: PathRecorder, nesting: Bool) -> PathProbe {
        let leaf = PathProbe(recorder: recorder, children: [], nesting: nesting)
        let middle = PathProbe(recorder: recorder, children: [leaf], nesting: nesting)
        return PathProbe(recorder: recorder, children: [leaf, middle], nesting: nesting)
    }

    func encode(to encoder: any Encoder) throws {
        recorder.paths.append(encoder.codingPath.map(\.stringValue))
        var container = encoder.container(keyedBy: Keys.self)
        recorder.paths.append(container.codingPath.map(\.stringValue))
        if children.isEmpty { return }
        guard nesting else { return try container.encode(children, forKey: .outer) }
        var list = container.nestedUnkeyedContainer(forKey: .outer)
        for child in children {
            var object = list.nestedContainer(keyedBy: Keys.self)
            recorder.paths.append(object.codingPath.map(\.stringValue))
            try object.encode(child, forKey: .inner)
        }
    }
}
