/// A directory import (`photos.import`) and its progress.
public struct JobInfo: Codable, Sendable, Equatable {
    public var id: Int64
    /// Always `"import"` for now.
    public var kind: String
    /// The absolute directory being imported.
    public var dir: String
    public var recursive: Bool
    /// `running`, `done`, `cancelled` or `failed`.
    public var state: String
    /// Candidate files found so far (grows while the directory is walked).
    public var total: Int
    /// Files handled (added + duplicates + failed).
    public var processed: Int
    /// New photos stored.
    public var added: Int
    /// Files whose bytes were already stored.
    public var duplicates: Int
    /// Files refused (unsupported, unreadable, invalid image).
    public var failed: Int
    /// Regular files that are not JPEG or PNG (sidecars, videos, ...), left alone.
    public var skipped: Int
    /// Why the job failed, for state `failed`.
    public var error: String?
    /// ISO 8601 UTC.
    public var createdAt: String
    public var finishedAt: String?

    public init(
        id: Int64, kind: String, dir: String, recursive: Bool, state: String, total: Int, processed: Int,
        added: Int, duplicates: Int, failed: Int, skipped: Int, error: String?, createdAt: String, finishedAt: String?
    ) {
        self.id = id
        self.kind = kind
        self.dir = dir
        self.recursive = recursive
        self.state = state
        self.total = total
        self.processed = processed
        self.added = added
        self.duplicates = duplicates
        self.failed = failed
        self.skipped = skipped
        self.error = error
        self.createdAt = createdAt
        self.finishedAt = finishedAt
    }
}
