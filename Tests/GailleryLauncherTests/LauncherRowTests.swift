import GailleryLauncher
import GailleryProtocol
import Testing

/// What a launcher shows of a photo: its name, its date and the most specific of its best tags.
@Suite struct LauncherRowTests {
    static func photo(name: String?, takenAt: String?, tags: [String]) -> PhotoInfo {
        var photo = PhotoInfo(
            id: 7, sha256: String(repeating: "a", count: 64), name: name, format: "jpeg", byteSize: 10, width: 4,
            height: 3, orientation: 1, takenAt: takenAt, addedAt: "2026-12-07T02:38:56Z", status: "done", error: nil,
            trashedAt: nil)
        photo.tags = tags.enumerated().map { PhotoTag(tag: $1, confidence: 1 - Double($0) / 10, source: "model") }
        photo.originalPath = "/data/originals/aa/aaaa.jpg"
        return photo
    }

    @Test func describesTheDayAndTheNarrowestOfTheBestFiveTags() {
        let tags = ["animal", "mammal", "carnivore", "feline", "cat", "domestic cat", "tabby"]
        let row = LauncherRow(Self.photo(name: "chelsea.png", takenAt: "2024-06-01T10:00:00", tags: tags))
        #expect(row.name == "chelsea.png")
        #expect(row.tags == ["cat", "feline", "carnivore"])
        #expect(row.description == "2024-06-01 · cat, feline, carnivore")
    }

    @Test func withoutANameOrDateOrTagsItFallsBackToTheIdAndUploadDay() {
        let row = LauncherRow(Self.photo(name: nil, takenAt: nil, tags: []))
        #expect(row.name == "Photo 7")
        #expect(row.description == "2026-12-07")
        let two = LauncherRow(Self.photo(name: "", takenAt: nil, tags: ["dog", "puppy"]))
        #expect(two.name == "Photo 7")
        #expect(two.tags == ["puppy", "dog"])
    }
}
