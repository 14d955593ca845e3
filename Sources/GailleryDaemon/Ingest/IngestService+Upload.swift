import Foundation
import GailleryCore
import GailleryProtocol
import GailleryStore
import GailleryVision

extension IngestService {
    /// `photos.upload`'s work: refuses with "busy" when the queue is full, then stores the original
    /// (`ingest`). Blocking: call it on a thread pool. A path's name defaults to its last component.
    ///
    /// - Throws: `RPCError` busy, file access, unsupported media, invalid image, internal.
    func upload(_ source: Source, name: String?) throws -> IngestOutcome {
        guard pipeline.hasRoom else {
            throw RPCError(
                .busy, "the ingest queue is full (\(pipeline.capacity) photos); retry shortly",
                data: .object(["retry_after_ms": .int(500), "queue_depth": .int(Int64(pipeline.depth))]))
        }
        var name = name
        if name == nil, case .path(let path) = source { name = (path as NSString).lastPathComponent }
        return try ingest(source, name: name)
    }

    /// Stages, checks and stores one original, enqueues its job and publishes `photo.added`. Blocking:
    /// call it on a thread pool. Shared by `photos.upload` and imports.
    ///
    /// A path's content is judged from its first bytes before the rest is copied, so that a large
    /// non-image costs no more than the sniff window.
    ///
    /// - Parameters:
    ///   - importID: the import this file belongs to, recorded with the photo when it is new.
    ///   - isCancelled: asked between chunks of a path's copy; when it returns true the copy stops.
    /// - Throws: `RPCError` (file access, unsupported media, invalid image, internal).
    func ingest(
        _ source: Source, name: String?, importID: Int64? = nil,
        isCancelled: () -> Bool = { false }
    ) throws -> IngestOutcome {
        let label = name ?? "the data"
        let staged = try stage(source, label: label, isCancelled: isCancelled)
        do {
            let format = try checkImage(staged, label: label)
            let outcome = try store.ingest(
                staged, format: format, name: name, now: Date().timeIntervalSince1970, importID: importID)
            if !outcome.duplicate {
                if let job = outcome.job { pipeline.enqueue(job) }
                events.publish(
                    EventNotification.Topic.photoAdded,
                    PhotosUpload.Result(
                        id: outcome.id.rawValue, sha256: outcome.sha256, duplicate: false, status: "queued"))
            } else if outcome.restored {
                events.publish(EventNotification.Topic.photoRestored, PhotosGet.Params(id: outcome.id.rawValue))
            }
            return outcome
        } catch {
            store.blobs.remove(staged.temporaryPath)
            if error is RPCError { throw error }
            throw error
        }
    }

    /// Copies `source` into the store's staging area, hashing it; a path's first bytes are sniffed
    /// before the rest is copied.
    private func stage(
        _ source: Source, label: String, isCancelled: () -> Bool
    ) throws -> StagedFile {
        let accept = { (head: [UInt8]) throws in
            if case .unsupported(let what) = MediaKind.detect(head) { throw Self.unsupported(what, label: label) }
        }
        do {
            switch source {
            case .path(let path):
                return try store.blobs.stage(
                    contentsOf: path, maxBytes: settings.maxUploadBytes, accept: accept, isCancelled: isCancelled)
            case .passed(let file, let fileLabel):
                return try file.withDescriptor { descriptor in
                    try store.blobs.stage(
                        openFile: descriptor, label: fileLabel, maxBytes: settings.maxUploadBytes, accept: accept,
                        isCancelled: isCancelled)
                }
            case .bytes(let bytes):
                guard Int64(bytes.count) <= settings.maxUploadBytes else {
                    throw RPCError(
                        .fileAccess,
                        "the data is \(bytes.count) bytes, over the \(settings.maxUploadBytes)-byte "
                            + "upload limit")
                }
                return try store.blobs.stage(bytes: bytes)
            }
        } catch let error as BlobStore.SourceError {
            throw RPCError(.fileAccess, "\(error)")
        }
    }

    /// Detects the format from content and reads the header, refusing non-images and images over the
    /// pixel limit before anything is stored.
    private func checkImage(_ staged: StagedFile, label: String) throws -> ImageFormat {
        let format: ImageFormat
        switch MediaKind.detect(staged.head) {
        case .image(let detected):
            format = detected
        case .unsupported(let what):
            throw Self.unsupported(what, label: label)
        }
        let header: ImageHeader
        do {
            header = try Self.probeHeader(staged)
        } catch {
            throw RPCError(
                .invalidImage, "\(label) is not a readable \(format.rawValue.uppercased()): \(error)")
        }
        let pixels = header.width * header.height
        if pixels > settings.maxPixels {
            throw RPCError(
                .invalidImage,
                "\(label) is \(header.width)×\(header.height) (\(pixels / 1_000_000) MP), over the "
                    + "\(settings.maxPixels / 1_000_000) MP limit; start gailleryd with a larger --max-pixels "
                    + "if it is a real photo")
        }
        return format
    }

    /// The "unsupported media" error for content detected as `what`.
    private static func unsupported(_ what: String, label: String) -> RPCError {
        RPCError(.unsupportedMedia, "\(label) is \(what), which is not supported; supported: JPEG, PNG")
    }

    /// Probes the first 64 KiB, and the whole file only when the header lies beyond them (large EXIF
    /// or ICC segments before the frame header).
    private static func probeHeader(_ staged: StagedFile) throws -> ImageHeader {
        if let header = try? ImageCodec.probe(staged.head) { return header }
        guard Int64(staged.head.count) < staged.byteCount else { return try ImageCodec.probe(staged.head) }
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: staged.temporaryPath)))
        return try ImageCodec.probe(bytes)
    }
}
