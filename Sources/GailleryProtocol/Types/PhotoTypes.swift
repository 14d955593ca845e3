/// A tag on a photo, as returned by `photos.get` and `photos.tag`.
public struct PhotoTag: Codable, Sendable, Equatable {
    /// Canonical tag (lowercase, singular), e.g. `"dog"`.
    public var tag: String
    /// 0...1; manual tags are 1.
    public var confidence: Double
    /// `"model"` or `"manual"`.
    public var source: String

    public init(tag: String, confidence: Double, source: String) {
        self.tag = tag
        self.confidence = confidence
        self.source = source
    }
}

/// One of the classifier's raw labels for a photo.
public struct PhotoLabel: Codable, Sendable, Equatable {
    /// 1 for the most likely label.
    public var rank: Int
    /// Readable ImageNet class name, e.g. `"golden retriever"`.
    public var label: String
    /// WordNet id of the class, e.g. `"n02099601"`.
    public var wnid: String
    /// Softmax probability, 0...1.
    public var confidence: Double
    /// The model that produced it, e.g. `"mobilenet_v2"`.
    public var model: String

    public init(rank: Int, label: String, wnid: String, confidence: Double, model: String) {
        self.rank = rank
        self.label = label
        self.wnid = wnid
        self.confidence = confidence
        self.model = model
    }
}

/// A photo as listed by `photos.list`, `photos.search` and `trash.list`, and in full by `photos.get`.
public struct PhotoInfo: Codable, Sendable, Equatable {
    public var id: Int64
    /// SHA-256 of the original bytes, 64 hex digits.
    public var sha256: String
    /// The file name it was uploaded under, if any.
    public var name: String?
    /// `"jpeg"` or `"png"`.
    public var format: String
    /// Size of the original in bytes.
    public var byteSize: Int64
    /// Upright pixel size (after EXIF orientation), once decoded.
    public var width: Int?
    public var height: Int?
    /// EXIF orientation 1...8 of the original, once decoded.
    public var orientation: Int?
    /// EXIF DateTimeOriginal, local time `YYYY-MM-DDTHH:MM:SS`, if the photo has it.
    public var takenAt: String?
    /// When it was stored, ISO 8601 UTC.
    public var addedAt: String
    /// queued, decoding, classifying, done or failed.
    public var status: String
    /// Why it failed, for status `failed`.
    public var error: String?
    /// When it was moved to the trash, ISO 8601 UTC; absent when not trashed.
    public var trashedAt: String?
    /// Search relevance (sum of matched tag confidences), only in `photos.search` results.
    public var score: Double?
    /// Absolute path of the original file (full form only: `photos.get`, and rows asked for with `full`).
    public var originalPath: String?
    /// Absolute path of the 320-px JPEG thumbnail, once made (full form only).
    public var thumbnailPath: String?
    /// Tags, best first (full form only; rows asked for with `full` carry the top few).
    public var tags: [PhotoTag]?
    /// Classifier labels by rank (full form only).
    public var labels: [PhotoLabel]?
    /// The people the person detector found, best first (full form only; absent when it has not run on
    /// the photo, empty when it found nobody).
    public var personBoxes: [PhotoPersonBox]?

    public init(
        id: Int64, sha256: String, name: String?, format: String, byteSize: Int64, width: Int?, height: Int?,
        orientation: Int?, takenAt: String?, addedAt: String, status: String, error: String?, trashedAt: String?
    ) {
        self.id = id
        self.sha256 = sha256
        self.name = name
        self.format = format
        self.byteSize = byteSize
        self.width = width
        self.height = height
        self.orientation = orientation
        self.takenAt = takenAt
        self.addedAt = addedAt
        self.status = status
        self.error = error
        self.trashedAt = trashedAt
    }
}

/// A page of photos and the cursor for the next page (absent on the last page).
public struct PhotoPage: Codable, Sendable, Equatable {
    /// How many tags each row of a `full` page carries at most: enough for a launcher's one-line
    /// description, few enough that a page stays small.
    public static let fullRowTags = 5

    public var photos: [PhotoInfo]
    /// Pass as `cursor` to get the next page; absent when there is none.
    public var nextCursor: String?

    public init(photos: [PhotoInfo], nextCursor: String?) {
        self.photos = photos
        self.nextCursor = nextCursor
    }
}
