import Foundation
import GailleryCore
import GailleryProtocol
import GailleryStore

extension VoiceService {
    /// The most photos a search or "all" view holds (one page of the store's search).
    static let viewLimit = PhotoStore.maximumSearchLimit
    /// The photos "show me the latest photos" shows.
    static let latestLimit = 50
    /// The ids a command result lists.
    static let outcomePhotoLimit = 50
    /// The least confidence a tag needs for a spoken or typed command to show the photo. Higher than a
    /// search's default (0.1): a command answers with a view to look at, and the weak matches the classifier
    /// leaves on unrelated photos (dune grass as dog 0.21, grass as dog 0.24) read as mistakes there,
    /// while true matches seen on photos outside the tuning set sat at 0.6 and above (a cameraman as person
    /// 0.62). `photos.search` with `min_confidence` still reaches the weak ones.
    static let commandMinConfidence = 0.3

    /// Carries out `parsed` in the session `slot`, through the same store calls as `photos.search`,
    /// `photos.list`, `photos.delete` and `photos.restore` (delete moves to the trash, never for good);
    /// returns what it did, or nil for `none`.
    ///
    /// - Throws: `RPCError` when the store fails (the session is then left as it was).
    func perform(_ parsed: ParsedIntent, in slot: SessionStore.Slot) async throws -> CommandOutcome? {
        switch parsed.intent {
        case .none:
            return nil
        case .count:
            let count = try await countPhotos(parsed)
            let noun = count == 1 ? "photo" : "photos"
            return CommandOutcome(
                message: "\(count == 0 ? "no" : String(count)) \(noun) of \(Self.phrase(parsed))", count: count)
        case .search, .latest, .all:
            let (photos, truncated) = try await viewPhotos(parsed)
            return try await slot.update { session in
                var outcome = Self.outcome(session.show(photos))
                outcome.photos = photos.prefix(Self.outcomePhotoLimit).map(\.rawValue)
                if photos.isEmpty {
                    outcome.message =
                        parsed.intent == .search
                        ? "no photos of \(Self.phrase(parsed))" : "there are no photos yet"
                } else if truncated {
                    outcome.message += " (the first \(photos.count) matches)"
                }
                return outcome
            }
        case .next: return try await slot.update { Self.outcome($0.next()) }
        case .previous: return try await slot.update { Self.outcome($0.previous()) }
        case .close: return try await slot.update { Self.outcome($0.close()) }
        case .delete: return try await slot.update { try await carryOut($0.delete()) }
        case .undo: return try await slot.update { try await carryOut($0.undo()) }
        case .similar: return try await slot.update { try await showSimilar(&$0) }
        }
    }

    /// Makes the store change a delete or undo step asks for, as `photos.delete` / `photos.restore` do
    /// (with their events and their error messages); a photo already out of the trash counts as restored.
    private func carryOut(_ step: BrowsingStep) async throws -> CommandOutcome {
        switch step.effect {
        case .trash(let id): try await trash(id)
        case .restore(let id):
            do {
                try await restore(id)
            } catch let error as RPCError where error.code == .conflict {
                // Someone restored it already: the photo is back, which is what undo wants.
            }
        case nil: break
        }
        return Self.outcome(step)
    }

    /// Moves `id` to the trash and publishes `photo.deleted`, as `photos.delete` does.
    private func trash(_ id: PhotoID) async throws {
        _ = try await blocking { [store] in try store.trash(id, now: Date().timeIntervalSince1970) }
        events.publish(EventNotification.Topic.photoDeleted, DeletionEvent(id: id.rawValue, permanent: false))
    }

    /// Takes `id` out of the trash and publishes `photo.restored`, as `photos.restore` does.
    private func restore(_ id: PhotoID) async throws {
        try await blocking { [store] in try store.restoreFromTrash(id) }
        events.publish(EventNotification.Topic.photoRestored, PhotosGet.Params(id: id.rawValue))
    }

    /// The photos of a new view (search: best first, up to `viewLimit`; latest: by capture date; all:
    /// newest stored first) and whether there were more than it holds.
    private func viewPhotos(_ parsed: ParsedIntent) async throws -> ([PhotoID], Bool) {
        let query = parsed.intent == .search ? try self.query(parsed) : nil
        let both =
            parsed.tags.count > 1
            ? Self.dated(aliases.resolving(TagQuery.and(parsed.tags.map(TagQuery.tag))), parsed) : nil
        return try await blocking { [store] in
            if let query {
                // Photos with every tag first (best first), then the others of the union, best first.
                var ids: [PhotoID] = []
                if let both {
                    ids = try store.search(
                        both, minConfidence: Self.commandMinConfidence, limit: Self.viewLimit, cursor: nil
                    ).hits.map(\.id)
                }
                let page = try store.search(
                    query, minConfidence: Self.commandMinConfidence, limit: Self.viewLimit, cursor: nil)
                let first = Set(ids)
                ids += page.hits.map(\.id).filter { !first.contains($0) }
                return (Array(ids.prefix(Self.viewLimit)), page.nextCursor != nil || ids.count > Self.viewLimit)
            }
            let latest = parsed.intent == .latest
            let (ids, next) = try store.list(
                order: latest ? .taken : .added, limit: latest ? Self.latestLimit : Self.viewLimit, cursor: nil)
            return (ids, !latest && next != nil)
        }
    }

    /// How many photos have any tag in `tags` (what "show me photos of …" would find, all pages).
    private func countPhotos(_ parsed: ParsedIntent) async throws -> Int {
        let query = try self.query(parsed)
        return try await blocking { [store] in
            var count = 0
            var cursor: String?
            repeat {
                let page = try store.search(
                    query, minConfidence: Self.commandMinConfidence, limit: Self.viewLimit, cursor: cursor)
                count += page.hits.count
                cursor = page.nextCursor
            } while cursor != nil
            return count
        }
    }

    /// The search for photos with any of `tags`: "dogs and cats" and "dogs or cats" both mean photos of
    /// either kind (`TagSegmenter`).
    private func query(_ parsed: ParsedIntent) throws -> TagQuery {
        let tags = parsed.tags
        guard !tags.isEmpty, tags.count <= TagQuery.maximumTerms else {
            throw RPCError.invalidParams("a command names 1 to \(TagQuery.maximumTerms) tags, got \(tags.count)")
        }
        return Self.dated(aliases.resolving(tags.count == 1 ? .tag(tags[0]) : .or(tags.map(TagQuery.tag))), parsed)
    }

    /// `query` limited to when the command says the photos were taken ("… from last summer": today's
    /// calendar date resolves relative periods).
    private static func dated(_ query: TagQuery, _ parsed: ParsedIntent) -> TagQuery {
        guard let dates = parsed.dates else { return query }
        let today = Calendar.current.dateComponents([.year, .month], from: Date())
        let (since, until) = dates.range(todayYear: today.year ?? 2000, month: today.month ?? 1)
        return .and([query] + [since.map(TagQuery.since), until.map(TagQuery.until)].compactMap { $0 })
    }

    /// "cat", "cat or dog", "cat, dog or bird": a command finds the photos of any of them.
    private static func phrase(_ parsed: ParsedIntent) -> String {
        let names = parsed.tags.map(\.rawValue)
        let when = parsed.dates.map { " " + $0.phrase } ?? ""
        guard names.count > 1 else { return (names.first ?? "") + when }
        return names.dropLast().joined(separator: ", ") + " or " + names[names.count - 1] + when
    }

    /// A browsing step on the wire.
    private static func outcome(_ step: BrowsingStep) -> CommandOutcome {
        var outcome = CommandOutcome(
            message: step.message, count: step.count, current: step.current?.rawValue, position: step.position)
        switch step.effect {
        case .trash(let id): outcome.trashed = id.rawValue
        case .restore(let id): outcome.restored = id.rawValue
        case nil: break
        }
        return outcome
    }
}
