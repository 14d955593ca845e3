/// Which file of a photo `GET /photos/ID/...` asks for.
package enum PhotoFileKind: String, Sendable {
    /// The JPEG thumbnail (404 until the pipeline has made it).
    case thumbnail
    /// The original as it was uploaded.
    case original
}

/// A photo's file on disk, as the daemon describes it to the web server.
package struct PhotoFile: Sendable {
    /// The file's absolute path.
    package var path: String
    /// The original's SHA-256 (hex): the ETag of both files, which never change for one photo.
    package var sha256: String
    /// `image/jpeg` or `image/png`.
    package var contentType: String

    /// A file at `path` of type `contentType`, tagged by `sha256`.
    package init(path: String, sha256: String, contentType: String) {
        self.path = path
        self.sha256 = sha256
        self.contentType = contentType
    }
}

/// Maps a photo id and a kind to its file, or nil when there is no such photo or file yet. Called off
/// the event loops; it may read the index.
package typealias PhotoFileLookup = @Sendable (_ id: Int64, _ kind: PhotoFileKind) throws -> PhotoFile?
