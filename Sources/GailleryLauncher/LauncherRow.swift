import GailleryProtocol

/// One photo as a launcher shows it: a title, a line of description, a thumbnail and the original.
package struct LauncherRow: Equatable, Sendable {
    /// The photo's id (`photos.get`).
    package var id: Int64
    /// The file name it was uploaded under, else "Photo ID".
    package var name: String
    /// The day it was taken (EXIF), else the day it was added, `YYYY-MM-DD`.
    package var date: String
    /// The most specific of its best tags, most specific first (at most `LauncherRow.tagLimit`): "cat, feline,
    /// carnivore" rather than "animal, mammal, carnivore".
    package var tags: [String]
    /// Search relevance from `photos.search` (sum of matched tag confidences); nil for rows not from a search.
    package var score: Double?
    /// Absolute path of the original file.
    package var originalPath: String?
    /// Absolute path of the JPEG thumbnail, once made.
    package var thumbnailPath: String?

    /// How many tags a description names.
    package static let tagLimit = 3
    /// How many of the best tags it chooses from: as many as a `full` search row carries, so rows from
    /// `photos.search` and from `photos.get` describe a photo the same way.
    static let bestTags = 5

    /// "2024-06-01 · cat, tabby": the date and the top tags, for a launcher's second line.
    package var description: String {
        ([date] + (tags.isEmpty ? [] : [tags.joined(separator: ", ")])).joined(separator: " · ")
    }

    /// A row from a photo in full form (`photos.get`, or a search row with `full`).
    package init(_ photo: PhotoInfo) {
        id = photo.id
        name = photo.name.flatMap { $0.isEmpty ? nil : $0 } ?? "Photo \(photo.id)"
        date = String((photo.takenAt ?? photo.addedAt).prefix(10))
        // A broader tag is at least as sure as the narrower ones under it (a cat is a feline is an animal), so
        // the best tags begin with the broadest: the last of them say most about the photo.
        tags = (photo.tags ?? []).prefix(Self.bestTags).suffix(Self.tagLimit).reversed().map(\.tag)
        score = photo.score
        originalPath = photo.originalPath
        thumbnailPath = photo.thumbnailPath
    }

    /// Whether the row has what a launcher shows (a search row without `full` lacks the paths).
    var isComplete: Bool { originalPath != nil }
}
