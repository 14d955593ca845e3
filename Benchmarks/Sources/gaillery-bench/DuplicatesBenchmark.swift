import Foundation
import GailleryClassifier
import GailleryStore
import GailleryVision

/// How `photos.duplicates`' two thresholds were chosen: the perceptual-hash distance and embedding
/// similarity of copies (resized and recompressed) and of unrelated photos, on a fitting set and on a
/// separate check set with other photos and other edits, and the errors `DuplicateFinder.standard`
/// makes on each. Real photographs: Debian python3-skimage's samples (`models/photos`), licences per
/// skimage.data.
enum DuplicatesBenchmark {
    /// One photo set and the edits that make its copies.
    struct PhotoSet {
        let name: String
        let photos: [String]
        /// (scale of each side, JPEG quality).
        let edits: [(scale: Double, quality: Int)]
    }

    static let fitting = PhotoSet(
        name: "fit", photos: ["chelsea.png", "coffee.png", "astronaut.png", "rocket.jpg", "motorcycle_left.png"],
        edits: [(0.5, 70), (0.75, 40)])
    static let check = PhotoSet(
        name: "check",
        photos: [
            "hubble_deep_field.jpg", "retina.jpg", "camera.png", "coins.png", "moon.png", "horse.png", "page.png",
            "ihc.png", "motorcycle_right.png", "color.png", "grass.png", "gravel.png", "brick.png",
        ],
        edits: [(0.33, 85), (0.6, 55), (1.25, 90)])

    struct Item {
        let source: String
        let hash: PerceptualHash
        let embedding: [Float]
    }

    static func run(arguments: [String]) throws {
        let models = URL(fileURLWithPath: arguments.first ?? "models")
        let runtime = try OnnxRuntime.load(searchPaths: OnnxRuntime.searchPaths(modelsDirectory: models))
        let manifest = try ModelCatalog(directory: models).manifest(id: "efficientnet-lite0")
        let classifier = try ImageClassifier(
            manifest: manifest, modelsDirectory: models, runtime: runtime, intraOpThreads: 2)
        let photos = try photoDirectory(models)
        print("== Duplicates (perceptual hash distance and embedding similarity; efficientnet-lite0) ==")
        let standard = DuplicateFinder.standard
        print(
            "standard: linked when hash distance <= \(standard.maxHashDistance) and similarity >= "
                + "\(standard.minSimilarity)")
        print(
            "| set | photos | copies | copy pairs: max distance / min similarity | unrelated pairs: min distance / max similarity | copies missed | unrelated linked |"
        )
        print("|---|---|---|---|---|---|---|")
        var notes: [String] = []
        for set in [fitting, check] {
            var items: [Item] = []
            for name in set.photos {
                let bytes = [UInt8](try Data(contentsOf: photos.appendingPathComponent(name)))
                let image = try ImageCodec.decode(bytes, alpha: .drop)
                items.append(try item(name, image, classifier))
                for edit in set.edits {
                    let width = max(8, Int((Double(image.width) * edit.scale).rounded()))
                    let height = max(8, Int((Double(image.height) * edit.scale).rounded()))
                    let copy = try ImageCodec.encodeJPEG(
                        image.resized(width: width, height: height, filter: .bicubic), quality: edit.quality)
                    items.append(try item(name, try ImageCodec.decode(copy, alpha: .drop), classifier))
                }
            }
            var copyDistance = 0
            var copySimilarity = 1.0
            var otherDistance = 64
            var otherSimilarity = -1.0
            var missed = 0
            var linked = 0
            var copies = 0
            var unrelated = 0
            var weakestCopy = ""
            var closestOthers = ""
            for first in items.indices {
                for second in items.indices where second > first {
                    let a = items[first]
                    let b = items[second]
                    let distance = a.hash.distance(to: b.hash)
                    let similarity = zip(a.embedding, b.embedding).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
                    let link = distance <= standard.maxHashDistance && similarity >= standard.minSimilarity
                    if a.source == b.source {
                        copies += 1
                        copyDistance = max(copyDistance, distance)
                        if similarity < copySimilarity { weakestCopy = "\(a.source) \(format(similarity, 3))" }
                        copySimilarity = min(copySimilarity, similarity)
                        if !link { missed += 1 }
                    } else {
                        unrelated += 1
                        otherDistance = min(otherDistance, distance)
                        if similarity > otherSimilarity {
                            closestOthers = "\(a.source) ~ \(b.source) \(format(similarity, 3))"
                        }
                        otherSimilarity = max(otherSimilarity, similarity)
                        if link { linked += 1 }
                    }
                }
            }
            print(
                "| \(set.name) | \(set.photos.count) | \(items.count - set.photos.count) | \(copyDistance) / "
                    + "\(format(copySimilarity, 3)) (\(copies) pairs) | \(otherDistance) / \(format(otherSimilarity, 3)) "
                    + "(\(unrelated) pairs) | \(missed) | \(linked) |")
            notes.append("\(set.name): least similar copies \(weakestCopy); most similar unrelated \(closestOthers)")
        }
        notes.forEach { print($0) }
    }

    static func item(_ source: String, _ image: RGBImage, _ classifier: ImageClassifier) throws -> Item {
        let result = try classifier.classify([image])[0]
        guard let embedding = result.embedding else { throw BenchError("the model has no embedding output") }
        return Item(source: source, hash: PerceptualHash(image), embedding: embedding)
    }

    static func photoDirectory(_ models: URL) throws -> URL {
        let process = Process()
        process.executableURL = models.appendingPathComponent("photos")
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let path = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0, !path.isEmpty else { throw BenchError("models/photos failed") }
        return URL(fileURLWithPath: path)
    }
}
