import Foundation
import GailleryClassifier
import GailleryCore
import GailleryStore
import Logging
import NIOConcurrencyHelpers

/// The phrases the speech grammar should know: the taxonomy's core categories ("dog", "beach"), then the
/// tags (everyday tags and the classifier's label names) most used in the index, at most `limit` in all.
final class VocabularySource: Sendable {
    private let store: PhotoStore
    private let loadedCategories: @Sendable () -> [TagName]?
    private let modelsDirectory: URL?
    private let limit: Int
    /// The taxonomy's categories read from the models directory when the classifier is not loaded.
    private let fallbackCategories = NIOLockedValueBox<[String]?>(nil)

    /// A source reading `store`, with the categories of the loaded classifier's taxonomy
    /// (`loadedCategories`, nil while none is loaded), else of the taxonomy in `modelsDirectory`.
    init(
        store: PhotoStore, loadedCategories: @escaping @Sendable () -> [TagName]?, modelsDirectory: URL?, limit: Int
    ) {
        self.store = store
        self.loadedCategories = loadedCategories
        self.modelsDirectory = modelsDirectory
        self.limit = max(1, limit)
    }

    /// The phrases, categories first, without duplicates. A read of the trigger-kept tag counts: about
    /// one row per tag.
    ///
    /// - Throws: `StoreError` when the index cannot be read.
    func phrases() throws -> [String] {
        var phrases = categories()
        var seen = Set(phrases)
        let room = limit - phrases.count
        guard room > 0 else { return Array(phrases.prefix(limit)) }
        let tags = try store.tagsList(prefix: nil, limit: min(room + seen.count, PhotoStore.maximumTagsListLimit))
        for (tag, _) in tags where phrases.count < limit && seen.insert(tag).inserted {
            phrases.append(tag)
        }
        return phrases
    }

    /// Calls `onChange` after every commit that may have changed the phrases (see
    /// `PhotoStore.observeTagChanges`); keep the returned observation for as long as changes matter.
    func observeChanges(_ onChange: @escaping @Sendable () -> Void) -> TagChangeObservation {
        store.observeTagChanges(onChange)
    }

    private func categories() -> [String] {
        if let loaded = loadedCategories() { return loaded.map(\.rawValue) }
        return fallbackCategories.withLockedValue { cached in
            if let cached { return cached }
            let read = modelsDirectory.flatMap { try? Taxonomy.load(modelsDirectory: $0) }
            cached = read?.categories.map(\.rawValue) ?? []
            return cached!
        }
    }
}
