import Foundation
import GailleryProtocol
import Testing

/// The OpenRPC document and the Swift wire types must agree: same methods, same parameter names, and
/// every example decodes into the Swift types.
@Suite struct OpenRPCSchemaTests {
    static let document: JSONValue = try! OpenRPCDocument.value()

    static var methods: [JSONValue] {
        guard case .array(let methods)? = document["methods"] else { return [] }
        return methods
    }

    static func method(_ name: String) -> JSONValue? {
        methods.first { $0["name"] == .string(name) }
    }

    @Test func embeddedDocumentIsTheCommittedFile() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("rpc-schema/openrpc.json")
        let committed = try String(contentsOf: file, encoding: .utf8)
        #expect(committed.trimmingCharacters(in: .newlines) == OpenRPCDocument.text, "run rpc-schema/embed")
    }

    /// The served methods are checked against the document by the daemon's `MethodTableTests`.
    @Test func documentNamesEachMethodOnce() {
        #expect(!OpenRPCDocument.methodNames.isEmpty)
        #expect(Set(OpenRPCDocument.methodNames).count == OpenRPCDocument.methodNames.count)
    }

    /// Decodes every example's params into `M.Params` and checks that encoding them back keeps exactly
    /// the names sent, all documented; that the examples together use every documented parameter; and
    /// that every example result decodes into `M.Result`.
    static func check<M: RPCMethod>(_: M.Type) throws {
        let method = try #require(Self.method(M.method), "\(M.method) is missing from openrpc.json")
        guard case .array(let params)? = method["params"] else { Issue.record("no params"); return }
        let documented = Set(
            params.compactMap { param -> String? in
                if case .string(let name)? = param["name"] { return name }
                return nil
            })
        guard case .array(let examples)? = method["examples"], !examples.isEmpty else {
            Issue.record("\(M.method) has no example")
            return
        }
        var used = Set<String>()
        for example in examples {
            guard case .array(let exampleParams)? = example["params"] else { continue }
            var object: [String: JSONValue] = [:]
            for param in exampleParams {
                if case .string(let name)? = param["name"], let value = param["value"] { object[name] = value }
            }
            let decoded = try WireCoding.decoder().decode(
                M.Params.self, from: JSONEncoder().encode(JSONValue.object(object)))
            let reencoded = try JSONDecoder().decode(JSONValue.self, from: WireCoding.encoder().encode(decoded))
            if case .object(let members) = reencoded {
                // Every member the Swift type kept must be documented, and nothing the example sent was dropped.
                #expect(
                    Set(members.keys).isSubset(of: documented),
                    "\(M.method): \(members.keys.sorted()) vs \(documented.sorted())")
                #expect(
                    Set(members.keys) == Set(object.keys),
                    "\(M.method): Swift dropped \(Set(object.keys).subtracting(members.keys))")
                used.formUnion(members.keys)
            }
            let result = try #require(example["result"]?["value"])
            _ = try WireCoding.decoder().decode(M.Result.self, from: JSONEncoder().encode(result))
        }
        #expect(used == documented, "\(M.method): the examples leave \(documented.subtracting(used).sorted()) untested")
    }

    @Test func everyMethodsParamsAndResultMatchTheSchema() throws {
        try Self.check(RPCDiscover.self)
        try Self.check(DaemonStatus.self)
        try Self.check(PhotosUpload.self)
        try Self.check(PhotosImport.self)
        try Self.check(JobsList.self)
        try Self.check(JobsCancel.self)
        try Self.check(PhotosGet.self)
        try Self.check(PhotosList.self)
        try Self.check(PhotosDelete.self)
        try Self.check(PhotosRestore.self)
        try Self.check(TrashList.self)
        try Self.check(TrashEmpty.self)
        try Self.check(PhotosSearch.self)
        try Self.check(PhotosTag.self)
        try Self.check(TagsList.self)
        try Self.check(PhotosReclassify.self)
        try Self.check(PhotosWait.self)
        try Self.check(EventsSubscribe.self)
        try Self.check(EventsUnsubscribe.self)
        try Self.check(VoiceCommand.self)
        try Self.check(VoiceListen.self)
        try Self.check(VoiceRecord.self)
        try Self.check(VoicePrompts.self)
        try Self.check(VoiceEnroll.self)
        try Self.check(VoiceForget.self)
        try Self.check(AssistantCommand.self)
        try Self.check(GalleryOpen.self)
    }

    /// `check` compares top-level params only; a recording's members are an object nested in an array.
    @Test func enrollRecordingMembersAreTheDocumentedOnes() throws {
        let method = try #require(Self.method(VoiceEnroll.method))
        guard case .array(let params)? = method["params"],
            case .object(let properties)? = params.first?["schema"]?["items"]?["properties"]
        else {
            Issue.record("voice.enroll: no schema for a recording")
            return
        }
        let recording = VoiceEnroll.Recording(
            text: "a", path: "/a.wav", data: "AA==", format: "s16le", sampleRate: 16000, channels: 1)
        let encoded = try JSONDecoder().decode(JSONValue.self, from: WireCoding.encoder().encode(recording))
        guard case .object(let members) = encoded else { Issue.record("not an object"); return }
        #expect(Set(members.keys) == Set(properties.keys))
    }

    @Test func everyDocumentedErrorCodeExistsInErrorCode() {
        let known: Set<Int> = [
            ErrorCode.parseError, .invalidRequest, .methodNotFound, .invalidParams, .internalError, .shuttingDown,
            .notFound, .unsupportedMedia, .busy, .invalidImage, .fileAccess, .querySyntax, .conflict, .unavailable,
            .invalidAudio, .storageFull,
        ].reduce(into: []) { $0.insert($1.rawValue) }
        guard case .array(let codes)? = Self.document["x-error-codes"] else { Issue.record("no x-error-codes"); return }
        let documented = Set(
            codes.compactMap { code -> Int? in
                if case .int(let value)? = code["code"] { return Int(value) }
                return nil
            })
        #expect(documented == known)
    }
}
