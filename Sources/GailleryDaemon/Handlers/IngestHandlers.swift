import Foundation
import GailleryCore
import GailleryProtocol
import GailleryRPC
import GailleryStore
import NIOPosix

/// `photos.upload`, `photos.import`, `jobs.*`, `photos.reclassify` and `photos.wait`: each checks its
/// params and calls `IngestService`, which owns staging, imports, the pipeline and classification.
struct IngestHandlers: Sendable {
    let ingest: IngestService
    /// Where uploads run: file I/O, fsync and the index's commit, straight from the event loop.
    let pool: NIOThreadPool

    /// Adds these methods to `router`.
    func register(on router: inout RPCRouter) {
        router.registerBlocking(PhotosUpload.self, on: pool) { params, connection in
            try upload(params, passed: connection.passedFile)
        }
        router.register(PhotosImport.self) { params, _ in try await startImport(params) }
        router.register(JobsList.self) { params, _ in try await listJobs(params) }
        router.register(JobsCancel.self) { [ingest] params, _ in Wire.job(try await ingest.cancelImport(params.job)) }
        router.register(PhotosReclassify.self) { params, _ in try await reclassify(params) }
        router.register(PhotosWait.self) { params, _ in try await wait(params) }
        router.refusedWhileStopping.formUnion([PhotosUpload.method, PhotosImport.method, PhotosReclassify.method])
    }

    /// `photos.upload`, from a path, the data or the file passed with the request.
    func upload(_ params: PhotosUpload.Params, passed: PassedFile? = nil) throws -> PhotosUpload.Result {
        let source = try Wire.source(path: params.path, data: params.data, passed: passed, name: params.name)
        try Wire.refuseNUL(params.name, field: "name")
        let outcome = try ingest.upload(source, name: params.name)
        return PhotosUpload.Result(
            id: outcome.id.rawValue, sha256: outcome.sha256, duplicate: outcome.duplicate,
            status: outcome.status.rawValue)
    }

    /// `photos.import`: checks the directory now, then imports in the background.
    func startImport(_ params: PhotosImport.Params) async throws -> PhotosImport.Result {
        try Wire.refuseNUL(params.dir, field: "dir")
        let dir = params.dir.count > 1 && params.dir.hasSuffix("/") ? String(params.dir.dropLast()) : params.dir
        guard dir.hasPrefix("/") else {
            throw RPCError.invalidParams("params.dir must be an absolute path (got \"\(params.dir)\")")
        }
        let record = try await ingest.startImport(dir, recursive: params.recursive ?? false)
        return PhotosImport.Result(job: record.id)
    }

    /// `jobs.list`.
    func listJobs(_ params: JobsList.Params) async throws -> JobsList.Result {
        let limit = try Wire.limit(params.limit, default: 100, maximum: 1000)
        if let state = params.state, !["running", "done", "cancelled", "failed"].contains(state) {
            throw RPCError.invalidParams("params.state must be running, done, cancelled or failed")
        }
        let records = try await ingest.listImports(state: params.state, limit: limit)
        return JobsList.Result(jobs: records.map(Wire.job))
    }

    /// `photos.reclassify`: queues classify jobs; model tags and labels are replaced, manual tags kept.
    func reclassify(_ params: PhotosReclassify.Params) async throws -> PhotosReclassify.Result {
        let ids: [PhotoID]?
        switch (params.ids, params.all) {
        case (let list?, nil), (let list?, false?):
            guard !list.isEmpty, list.count <= 10_000 else {
                throw RPCError.invalidParams("params.ids must list 1 to 10000 photo ids")
            }
            ids = try list.map { try Wire.photoID($0) }
        case (nil, true?):
            ids = nil
        default:
            throw RPCError.invalidParams("pass params.ids (a list of photo ids) or params.all: true")
        }
        let queued = try await ingest.reclassify(ids)
        return PhotosReclassify.Result(queued: queued.queued, model: queued.model)
    }

    /// `photos.wait`: sleeps until every photo is final or the timeout passes.
    func wait(_ params: PhotosWait.Params) async throws -> PhotosWait.Result {
        let timeout = params.timeoutMs ?? 30_000
        guard (0...600_000).contains(timeout) else {
            throw RPCError.invalidParams("params.timeout_ms must be between 0 and 600000, got \(timeout)")
        }
        guard params.ids.count <= 10_000 else {
            throw RPCError.invalidParams("at most 10000 ids at once, got \(params.ids.count)")
        }
        let ids = try params.ids.map { try Wire.photoID($0) }
        let waited = try await ingest.wait(for: ids, until: .now + .milliseconds(timeout))
        let items = waited.photos.map {
            PhotosWait.Item(id: $0.id.rawValue, status: $0.status.rawValue, error: $0.error)
        }
        return PhotosWait.Result(photos: items, complete: waited.complete)
    }
}

extension Wire {
    /// The wire form of an import.
    static func job(_ record: ImportRecord) -> JobInfo {
        JobInfo(
            id: record.id, kind: "import", dir: record.dir, recursive: record.recursive, state: record.state,
            total: record.total, processed: record.processed, added: record.added, duplicates: record.duplicates,
            failed: record.failed, skipped: record.skipped, error: record.error, createdAt: timestamp(record.createdAt),
            finishedAt: record.finishedAt.map(timestamp))
    }
}
