/// `photos.import`: starts a background job that stores every JPEG/PNG in a directory.
///
/// Progress arrives as `job.progress` events; `jobs.list` shows it; `jobs.cancel` stops it. A job
/// interrupted by a crash resumes at the next start (files already stored count as duplicates).
public enum PhotosImport: RPCMethod {
    public static let method = "photos.import"

    public struct Params: Codable, Sendable, Equatable {
        /// Absolute path of a directory.
        public var dir: String
        /// Descend into subdirectories (default false). Symbolic links to directories are not followed.
        public var recursive: Bool?

        public init(dir: String, recursive: Bool? = nil) {
            self.dir = dir
            self.recursive = recursive
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        /// The job id, for `jobs.list` and `jobs.cancel`.
        public var job: Int64

        public init(job: Int64) { self.job = job }
    }
}
