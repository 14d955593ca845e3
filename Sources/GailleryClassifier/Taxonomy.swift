import Foundation
import GailleryCore

/// Everyday tags for ImageNet classes, from `models/taxonomy.json` (generated from WordNet 3.0 by
/// `models/make_taxonomy.py`): each class yields its readable name ("golden retriever"), the everyday
/// categories among its hypernyms ("dog", "animal") and the other hypernyms up to the generator's
/// stop list ("retriever", "hunting dog", "canine", "carnivore", "mammal"). A tag's confidence for a
/// photo is the sum of the probabilities of the classes that carry it, so five dog breeds at 0.15
/// make "dog" 0.75. The file's WordNet synonyms and narrower words become search `aliases`.
package struct Taxonomy: Sendable {
    /// One ImageNet class as the taxonomy sees it.
    package struct Label: Sendable, Hashable {
        /// The output index.
        package var index: Int
        /// The WordNet id.
        package var wnid: String
        /// WordNet's first lemma, canonical ("tiger cat").
        package var name: TagName
        /// The everyday categories it belongs to, implied ones included ("dog", "animal").
        package var categories: [TagName]
        /// Its other WordNet hypernyms up to the stop list, nearest first ("retriever", ..., "mammal").
        package var implied: [TagName]
    }

    /// Every category tag, in the file's order (specific first).
    package let categories: [TagName]
    /// One entry per class, in index order.
    package let labels: [Label]
    /// Search words for the tags (WordNet synonyms, narrower words and irregular plurals).
    package let aliases: TagAliases

    /// Every distinct tag (categories first, then readable names) with confidence 0.
    let tags: [TagScore]
    /// Per class, the indices into `tags` of the tags it carries.
    let tagsOfLabel: [[Int]]
    /// Per tag in `tags`, whether it is implied only (a hypernym that is neither a category nor a
    /// class's name): these are the tags `tags(for:)` caps per photo.
    let isImplied: [Bool]

    /// Reads `taxonomy.json`.
    /// - Throws: `ClassifierError` `.modelFiles` when the file is missing, malformed, out of index order,
    ///   or uses a tag that is not a valid `TagName`.
    package static func load(from url: URL) throws(ClassifierError) -> Taxonomy {
        let file = try JSONFile.decode(TaxonomyFile.self, from: url)
        func tag(_ raw: String) throws(ClassifierError) -> TagName {
            do { return try TagName(raw) } catch { throw .modelFile(url.path, "has an invalid tag (\(error.message))") }
        }
        var categories: [TagName] = []
        for category in file.categories { categories.append(try tag(category.tag)) }
        var labels: [Label] = []
        for (position, label) in file.labels.enumerated() {
            guard label.index == position else {
                throw .modelFile(url.path, "label at position \(position) has index \(label.index)")
            }
            var own: [TagName] = []
            for name in label.tags { own.append(try tag(name)) }
            guard own.allSatisfy(categories.contains) else {
                throw .modelFile(url.path, "label \(position) has a tag that is not among the categories")
            }
            var implied: [TagName] = []
            for name in label.implies ?? [] { implied.append(try tag(name)) }
            labels.append(
                Label(
                    index: label.index, wnid: label.wnid, name: try tag(label.name), categories: own,
                    implied: implied))
        }
        return Taxonomy(
            categories: categories, labels: labels, aliasPairs: file.aliases ?? [], plurals: file.plurals ?? [])
    }

    /// Checks that the taxonomy describes exactly `labels` (a model's classes), WordNet id by id.
    /// - Throws: `ClassifierError` `.modelFiles` naming the first mismatch.
    package func check(matches labels: [ClassLabel]) throws(ClassifierError) {
        guard labels.count == self.labels.count else {
            throw .modelFile("taxonomy.json", "has \(self.labels.count) classes; the model has \(labels.count)")
        }
        if let position = labels.indices.first(where: { labels[$0].wnid != self.labels[$0].wnid }) {
            throw .modelFile(
                "taxonomy.json",
                "class \(position) is \(self.labels[position].wnid); the model's is \(labels[position].wnid)")
        }
    }

    /// `load(from:)` for the file in a models directory.
    /// - Throws: as `load(from:)`.
    package static func load(modelsDirectory: URL) throws(ClassifierError) -> Taxonomy {
        try load(from: modelsDirectory.appendingPathComponent("taxonomy.json"))
    }

    private init(categories: [TagName], labels: [Label], aliasPairs: [[String]], plurals: [[String]]) {
        var tags = categories.map { TagScore(tag: $0, confidence: 0, isCategory: true) }
        var position = Dictionary(categories.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        func add(_ name: TagName) {
            guard position[name] == nil else { return }
            position[name] = tags.count
            tags.append(TagScore(tag: name, confidence: 0, isCategory: false))
        }
        // Names before implied tags: a word that is some class's name is not capped as implied.
        labels.forEach { add($0.name) }
        let implied = tags.count
        labels.forEach { $0.implied.forEach(add) }
        var tagsOfLabel: [[Int]] = []
        for label in labels {
            // A set: a class counts once per tag even when its name is also one of its categories.
            let own = Set((label.categories + [label.name] + label.implied).compactMap { position[$0] })
            tagsOfLabel.append(own.sorted())
        }
        self.categories = categories
        self.labels = labels
        self.tags = tags
        self.tagsOfLabel = tagsOfLabel
        isImplied = tags.indices.map { $0 >= implied }
        aliases = TagAliases(
            pairs: aliasPairs.compactMap { $0.count == 2 ? (word: $0[0], tag: $0[1]) : nil },
            plurals: plurals.compactMap { $0.count == 2 ? (plural: $0[0], singular: $0[1]) : nil },
            tags: Set(tags.map(\.tag)))
    }
}

/// A tag and how confident the model is that it applies to a photo.
package struct TagScore: Sendable, Hashable, CustomStringConvertible {
    /// The tag, canonical.
    package var tag: TagName
    /// The summed probability of the classes under the tag, clamped to 0...1.
    package var confidence: Double
    /// True for an everyday category ("dog"); false for a class's readable name ("golden retriever") or
    /// an implied hypernym ("carnivore").
    package var isCategory: Bool

    /// Memberwise initializer.
    package init(tag: TagName, confidence: Double, isCategory: Bool) {
        self.tag = tag
        self.confidence = confidence
        self.isCategory = isCategory
    }

    /// "dog 0.750".
    package var description: String { "\(tag) \((confidence * 1000).rounded() / 1000)" }
}

/// The JSON layout of taxonomy.json (only the members the classifier needs).
private struct TaxonomyFile: Decodable {
    struct Category: Decodable {
        var tag: String
    }
    struct Label: Decodable {
        var index: Int
        var wnid: String
        var name: String
        var tags: [String]
        /// Absent in files made before implied tags.
        var implies: [String]?
    }
    var categories: [Category]
    var labels: [Label]
    /// [word, tag] pairs; absent in files made before aliases.
    var aliases: [[String]]?
    /// [plural, singular] pairs; absent in files made before aliases.
    var plurals: [[String]]?
}
