import GailleryProtocol

extension Daemon {
    /// `photos.upload`. Blocking (file I/O, fsync, the index's commit): registered to run on the
    /// blocking pool, straight from the event loop, so that an upload waits for no task hop.
    func upload(_ params: PhotosUpload.Params) throws -> PhotosUpload.Result {
        let method = PhotosUpload.method
        try refuseWhileStopping(method)
        let source = try Wire.source(path: params.path, data: params.data, method: method)
        try Wire.refuseNUL(params.name, field: "name", method: method)
        let outcome = try ingest.upload(source, name: params.name, method: method)
        return PhotosUpload.Result(
            id: outcome.id.rawValue, sha256: outcome.sha256, duplicate: outcome.duplicate,
            status: outcome.status.rawValue)
    }
}
