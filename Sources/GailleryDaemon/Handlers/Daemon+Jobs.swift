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
        var info = stat()
        guard stat(dir, &info) == 0 else {
            throw RPCError(.fileAccess, "\(method): cannot read \(dir): \(String(cString: strerror(errno)).lowercased())")
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw RPCError(.fileAccess, "\(method): \(dir) is not a directory; use photos.upload for single files")
        }
        if let filesystem = BoundedReader.pseudoFilesystem(atPath: dir) {
            throw RPCError(.fileAccess, "\(method): \(BoundedReader.pseudoFileMessage(dir, filesystem: filesystem))")
        }
        let record = try await blocking { [self] () throws -> ImportRecord in
            let id = try store.createImport(dir: dir, recursive: params.recursive ?? false, now: Date().timeIntervalSince1970)
            return try store.importJob(id)!
        }
        imports.start(record, daemon: self)
        return PhotosImport.Result(job: record.id)
    }

    /// `jobs.list`.
    func listJobs(_ params: JobsList.Params) async throws -> JobsList.Result {
        let limit = try Wire.limit(params.limit, default: 100, maximum: 1000, method: JobsList.method)
        if let state = params.state, !["running", "done", "cancelled", "failed"].contains(state) {
            throw RPCError.invalidParams("\(JobsList.method): params.state must be running, done, cancelled or failed")
        }
        let records = try await blocking { [self] in try store.imports(state: params.state, limit: limit) }
        return JobsList.Result(jobs: records.map(Wire.job))
    }

    /// `jobs.cancel`.
    func cancelJob(_ params: JobsCancel.Params) async throws -> JobInfo {
        guard var record = try await blocking({ [self] in try store.importJob(params.job) }) else {
            throw RPCError.notFound("job \(params.job)")
        }
        guard record.state == "running" else {
            throw RPCError(.conflict, "\(JobsCancel.method): job \(record.id) is already \(record.state)")
        }
        record.state = "cancelled"
        let saved = record
        try await blocking { [self] in try store.updateImport(saved, now: Date().timeIntervalSince1970) }
        _ = imports.cancel(record.id)
        return Wire.job(try await blocking { [self] in try store.importJob(params.job)! })
    }
}
