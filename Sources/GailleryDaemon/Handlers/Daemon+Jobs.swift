import Foundation
import GailleryProtocol
import GailleryStore

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

extension Daemon {
    /// `photos.import`: checks the directory now, then imports in the background.
    func startImport(_ params: PhotosImport.Params) async throws -> PhotosImport.Result {
        let method = PhotosImport.method
        try refuseWhileStopping(method)
        try Wire.refuseNUL(params.dir, field: "dir", method: method)
        let dir = params.dir.count > 1 && params.dir.hasSuffix("/") ? String(params.dir.dropLast()) : params.dir
        guard dir.hasPrefix("/") else {
            throw RPCError.invalidParams("\(method): params.dir must be an absolute path (got \"\(params.dir)\")")
        }
        let record = try await ingest.startImport(dir, recursive: params.recursive ?? false, method: method)
        return PhotosImport.Result(job: record.id)
    }

    /// `jobs.list`.
    func listJobs(_ params: JobsList.Params) async throws -> JobsList.Result {
        let limit = try Wire.limit(params.limit, default: 100, maximum: 1000, method: JobsList.method)
        if let state = params.state, !["running", "done", "cancelled", "failed"].contains(state) {
            throw RPCError.invalidParams("\(JobsList.method): params.state must be running, done, cancelled or failed")
        }
        let records = try await ingest.listImports(state: params.state, limit: limit)
        return JobsList.Result(jobs: records.map(Wire.job))
    }

    /// `jobs.cancel`.
    func cancelJob(_ params: JobsCancel.Params) async throws -> JobInfo {
        Wire.job(try await ingest.cancelImport(params.job, method: JobsCancel.method))
    }
}
