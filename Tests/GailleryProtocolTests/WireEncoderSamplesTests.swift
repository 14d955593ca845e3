import Foundation
import GailleryProtocol
import Testing

/// The catalogue of wire values `WireEncoderEquivalenceTests` compares, and a check that it covers
/// every method.
@Suite struct WireEncoderSamplesTests {
    @Test func everyMethodHasSamples() {
        let missing = Set(OpenRPCDocument.methodNames).subtracting(WireSamples.coveredMethods)
        #expect(missing.isEmpty, "add WireSamples for \(missing.sorted())")
    }
}

/// Populated values of every params and result type, with optionals both nil and set.
enum WireSamples {
    /// The methods whose params and result appear in `all`.
    static let coveredMethods: Set<String> = [
        RPCDiscover.method, DaemonStatus.method, PhotosUpload.method, PhotosImport.method, JobsList.method,
        JobsCancel.method, PhotosGet.method, PhotosList.method, PhotosDelete.method, PhotosRestore.method,
        TrashList.method, TrashEmpty.method, PhotosSearch.method, PhotosTag.method, TagsList.method,
        PhotosWait.method, EventsSubscribe.method, EventsUnsubscribe.method, PhotosReclassify.method,
        VoiceCommand.method, VoiceListen.method, AssistantCommand.method, VoicePrompts.method, VoiceEnroll.method,
        VoiceForget.method, VoiceRecord.method, GalleryOpen.method, PhotosSimilar.method, PhotosDuplicates.method,
    ]

    static let all: [WireSample] = envelope + status + photos + jobs + queries + events + commands + enrollment

    static let status: [WireSample] = [
        WireSample("NoParams", NoParams()),
        WireSample("DaemonStatus.Result", daemonStatus(ready: true)),
        WireSample("DaemonStatus.HTTP", DaemonStatus.HTTP(url: "http://127.0.0.1:8765/", listening: true)),
        WireSample(
            "DaemonStatus.HTTP not listening",
            DaemonStatus.HTTP(url: "http://127.0.0.1:8765/", listening: false, reason: "port 8765 is taken")),
        WireSample("GalleryOpen.Params", GalleryOpen.Params(photo: 38, query: "dog & !cat")),
        WireSample("GalleryOpen.Params empty", GalleryOpen.Params()),
        WireSample(
            "GalleryOpen.Result",
            GalleryOpen.Result(url: "http://127.0.0.1:8765/login?token=0123abcd&next=%2F%23photo%3D38")),
        WireSample("DaemonStatus.Result not ready", daemonStatus(ready: false)),
        WireSample("DaemonStatus.Readiness empty", DaemonStatus.Readiness(ready: false)),
        WireSample("TrashEmpty.Result", TrashEmpty.Result(removed: 3, bytesFreed: 9_876_543_210)),
    ]

    static let envelope: [WireSample] = [
        WireSample("RPCError", RPCError(.querySyntax, "unclosed \"(\" at 5", data: .object(["column": .int(5)]))),
        WireSample("RPCError no data", RPCError.notFound("photo 42")),
        WireSample(
            "RPCError nested data",
            RPCError(
                .busy, "busy", data: .object(["retry_after_ms": .int(250), "queue": .array([.int(1), .double(2.5)])]))),
        WireSample("ErrorCode", ErrorCode.unavailable),
        WireSample("RequestID number", RequestID.number(Int64.min)),
        WireSample("RequestID string", RequestID.string("req/1 \"x\"")),
        WireSample("RequestID null", RequestID.null),
        WireSample("JSONValue tree", sampleTree),
        WireSample("JSONValue scalar", JSONValue.double(0.1)),
    ]

    static let photos: [WireSample] = [
        WireSample("PhotoInfo bare", photo(id: 1, full: false)),
        WireSample("PhotoInfo full", photo(id: 2, full: true)),
        WireSample(
            "PhotoPage", PhotoPage(photos: (0..<5).map { photo(id: $0, full: $0 % 2 == 0) }, nextCursor: "eyJpZCI6NX0=")
        ),
        WireSample("PhotoPage last", PhotoPage(photos: [], nextCursor: nil)),
        WireSample("PhotosUpload.Params path", PhotosUpload.Params(path: "/home/ann/Pictures/a b.jpg")),
        WireSample("PhotosUpload.Params data", PhotosUpload.Params(data: "/9j/4AAQSkZJRg==", name: "clip.jpg")),
        WireSample(
            "PhotosUpload.Result",
            PhotosUpload.Result(id: 7, sha256: String(repeating: "0f", count: 32), duplicate: true, status: "done")),
        WireSample("PhotosGet.Params", PhotosGet.Params(id: Int64.max)),
        WireSample("PhotosDelete.Params", PhotosDelete.Params(id: 9)),
        WireSample("PhotosDelete.Result", PhotosDelete.Result(id: 9, trashedAt: "2025-03-04T05:06:07Z")),
        WireSample("PhotosRestore.Params", PhotosRestore.Params(id: 9)),
        WireSample("PhotosTag.Params", PhotosTag.Params(id: 3, add: ["dog", "beach"], remove: ["cat"])),
        WireSample("PhotosTag.Params empty", PhotosTag.Params(id: 3)),
        WireSample(
            "PhotosTag.Result", PhotosTag.Result(id: 3, tags: [PhotoTag(tag: "dog", confidence: 1, source: "manual")])),
        WireSample("PhotosReclassify.Params ids", PhotosReclassify.Params(ids: [1, 2, 3])),
        WireSample("PhotosReclassify.Params all", PhotosReclassify.Params(all: true)),
        WireSample("PhotosReclassify.Result", PhotosReclassify.Result(queued: 12, model: "mobilenet_v2")),
        WireSample("PhotosReclassify.Result no model", PhotosReclassify.Result(queued: 0, model: nil)),
        WireSample("PhotosWait.Params", PhotosWait.Params(ids: [1, -2, 3], timeoutMs: 30000)),
        WireSample(
            "PhotosWait.Result",
            PhotosWait.Result(
                photos: [.init(id: 1, status: "done"), .init(id: 2, status: "failed", error: "truncated JPEG")],
                complete: true)),
    ]

    static let jobs: [WireSample] = [
        WireSample("PhotosImport.Params", PhotosImport.Params(dir: "/srv/photos", recursive: true)),
        WireSample("PhotosImport.Params default", PhotosImport.Params(dir: "/srv/photos")),
        WireSample("PhotosImport.Result", PhotosImport.Result(job: 4)),
        WireSample("JobsList.Params", JobsList.Params(state: "running", limit: 10)),
        WireSample("JobsList.Params empty", JobsList.Params()),
        WireSample("JobsList.Result", JobsList.Result(jobs: [job(failed: false), job(failed: true)])),
        WireSample("JobsCancel.Params", JobsCancel.Params(job: 4)),
        WireSample("JobInfo", job(failed: true)),
    ]

    static let queries: [WireSample] = [
        WireSample("PhotosList.Params", PhotosList.Params(limit: 100, cursor: "abc", order: "taken", full: true)),
        WireSample("PhotosList.Params empty", PhotosList.Params()),
        WireSample(
            "PhotosSearch.Params",
            PhotosSearch.Params(
                query: "\"golden retriever\" -indoor", limit: 5, cursor: "x", minConfidence: 0.25, full: false)),
        WireSample("PhotosSearch.Params bare", PhotosSearch.Params(query: "dog")),
        WireSample("TrashList.Params", TrashList.Params(limit: 1, cursor: "c")),
        WireSample("TagsList.Params", TagsList.Params(prefix: "go", limit: 10_000)),
        WireSample(
            "TagsList.Result", TagsList.Result(tags: [.init(tag: "dog", count: 12), .init(tag: "cat", count: 0)])),
        WireSample("PhotosSimilar.Params", PhotosSimilar.Params(id: 7, limit: 10)),
        WireSample("PhotosSimilar.Params bare", PhotosSimilar.Params(id: 7)),
        WireSample(
            "PhotosDuplicates.Params", PhotosDuplicates.Params(maxHashDistance: 14, minSimilarity: 0.59, limit: 3)),
        WireSample("PhotosDuplicates.Params empty", PhotosDuplicates.Params()),
        WireSample(
            "PhotosDuplicates.Result",
            PhotosDuplicates.Result(
                groups: [
                    .init(
                        photos: [photo(id: 1, full: false), photo(id: 2, full: false)], maxHashDistance: 2,
                        minSimilarity: 0.9731)
                ],
                total: 4)),
    ]

    static let events: [WireSample] = [
        WireSample("EventsSubscribe.Params", EventsSubscribe.Params(topics: EventNotification.Topic.all)),
        WireSample("EventsSubscribe.Params all", EventsSubscribe.Params()),
        WireSample("EventsSubscribe.Result", EventsSubscribe.Result(topics: [])),
        WireSample("EventsUnsubscribe.Result", EventsUnsubscribe.Result(wasSubscribed: true)),
        WireSample(
            "EventNotification",
            EventNotification(
                topic: EventNotification.Topic.jobProgress,
                data: .object(["job": .int(4), "processed": .int(10), "total": .int(12)]))),
        WireSample(
            "EventNotification dropped",
            EventNotification(topic: EventNotification.Topic.eventsDropped, data: .object(["count": .int(3)]))),
    ]

    static func daemonStatus(ready: Bool) -> DaemonStatus.Result {
        DaemonStatus.Result(
            version: "0.4.0", pid: 4242, uptimeS: ready ? 3712.482913 : 0.5, socket: "/run/user/1000/gaillery.sock",
            dataDir: "/home/ann/.local/share/gaillery",
            photos: .init(total: 1234, trashed: 12, queued: 3, processing: 2, done: 1200, failed: 17),
            queue: .init(depth: 5, capacity: 256, workers: 2),
            classifier: ready
                ? .init(ready: true, model: "mobilenet_v2") : .init(ready: false, reason: "no model; run make models"),
            connections: 1)
    }

    static func photo(id: Int, full: Bool) -> PhotoInfo {
        var info = PhotoInfo(
            id: Int64(id), sha256: String(repeating: "ab12", count: 16), name: full ? "IMG_\(id).jpg" : nil,
            format: "jpeg",
            byteSize: 2_345_678, width: full ? 4032 : nil, height: full ? 3024 : nil, orientation: full ? 6 : nil,
            takenAt: full ? "2024-06-01T12:34:56" : nil, addedAt: "2025-01-02T03:04:05Z",
            status: full ? "done" : "failed",
            error: full ? nil : "JPEG is truncated (premature end of data after 1234 bytes)",
            trashedAt: full ? "2025-02-03T04:05:06Z" : nil)
        if full {
            info.score = 1.75
            info.originalPath = "/data/originals/ab/ab12.jpg"
            info.thumbnailPath = "/data/thumbs/ab/ab12.jpg"
            info.tags = [
                PhotoTag(tag: "dog", confidence: 0.8731, source: "model"),
                PhotoTag(tag: "sea", confidence: 1, source: "manual"),
            ]
            info.labels = [
                PhotoLabel(
                    rank: 1, label: "golden retriever", wnid: "n02099601", confidence: 0.87312, model: "mobilenet_v2")
            ]
        }
        return info
    }

    static func job(failed: Bool) -> JobInfo {
        JobInfo(
            id: 4, kind: "import", dir: "/srv/photos", recursive: false, state: failed ? "failed" : "running",
            total: 120,
            processed: 60, added: 50, duplicates: 8, failed: 2, skipped: 1, error: failed ? "directory vanished" : nil,
            createdAt: "2025-01-01T00:00:00Z", finishedAt: failed ? "2025-01-01T00:01:00Z" : nil)
    }

    static let sampleTree: JSONValue = .object([
        "null": .null, "true": .bool(true), "int": .int(42), "negative": .int(-7), "double": .double(2.5),
        "tiny": .double(1e-300), "string": .string("a/b \"c\" \\ \n\t é 😀"), "camelCaseKey": .string("kept as is"),
        "empty": .object([:]), "list": .array([.int(1), .string("two"), .array([.double(3.0)]), .object([:])]),
    ])
}
