/// Where a photo is in the ingest pipeline.
///
/// The order is `queued → decoding → classifying → done`, or `failed` (with an error) from any stage.
/// `done` and `failed` are final until the photo is reclassified.
public enum PhotoStatus: String, CaseIterable, Sendable, Codable {
    /// Stored and acknowledged; waiting for a worker.
    case queued
    /// A worker is decoding and validating the image, reading EXIF and making the thumbnail.
    case decoding
    /// A worker is running the image classifier.
    case classifying
    /// Every stage succeeded.
    case done
    /// A stage failed; the photo's `error` says which and why. The original is kept.
    case failed

    /// Whether the pipeline has finished with the photo (`done` or `failed`).
    public var isFinal: Bool { self == .done || self == .failed }
}
