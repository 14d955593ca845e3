import GailleryCore
import GailleryProtocol
import GailleryStore

extension VoiceService {
    /// The photos "more like this" shows.
    static let similarLimit = 50

    /// "More like this": replaces the view with the photos that look most like the one shown, as
    /// `photos.similar` finds them; says why when nothing is shown or the photo has no embedding yet.
    func showSimilar(_ session: inout BrowsingSession) async throws -> CommandOutcome {
        guard let current = session.current else {
            return CommandOutcome(
                message: "no photo is shown, so there is nothing to match; show one first, e.g. "
                    + "\"show me photos of dogs\"", count: session.photos.count)
        }
        let found = try await blocking { [store] in try store.similar(to: current, limit: Self.similarLimit) }
        let photos: [PhotoID]
        switch found {
        case .unknownPhoto:
            return CommandOutcome(message: "photo \(current) no longer exists", count: session.photos.count)
        case .notClassified(let status):
            return CommandOutcome(
                message: "photo \(current) has no embedding yet (status \(status.rawValue)); "
                    + "ask again once it is classified, or reclassify it", count: session.photos.count)
        case .neighbours(let neighbours):
            photos = neighbours.map { PhotoID($0.id) }
        }
        let step = session.show(photos)
        var outcome = CommandOutcome(
            message: photos.isEmpty
                ? "there is no other photo to compare photo \(current) with"
                : "\(step.message), the photos most like photo \(current)",
            count: step.count, current: step.current?.rawValue, position: step.position)
        outcome.photos = photos.prefix(Self.outcomePhotoLimit).map(\.rawValue)
        return outcome
    }
}
