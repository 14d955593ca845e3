import GailleryCore
import GailleryProtocol
import GailleryRPC
import NIOConcurrencyHelpers

/// The browsing sessions of voice and typed commands: one per connection by default (dropped when the
/// connection closes), or named ones shared by every connection that names them, at most `limit`
/// (the least recently used is dropped).
final class SessionStore: Sendable {
    /// One session and the lock that makes each command on it atomic (commands on one session run one at
    /// a time, so a "delete" never races a "next").
    final class Slot: @unchecked Sendable {
        // @unchecked: `session` is only read and written while `lock` is held.
        private let lock = AsyncLock()
        private var session = BrowsingSession()
        /// The session's name; nil for a connection's own, which nobody else shows.
        let name: String?
        /// Told each new view of a named session, while its lock is held, so views go out in order.
        private let onChange: (@Sendable (String, BrowsingSession) -> Void)?

        init(name: String?, onChange: (@Sendable (String, BrowsingSession) -> Void)?) {
            self.name = name
            self.onChange = onChange
        }

        /// Runs `body` on a copy of the session, holding the session's lock; the copy replaces the
        /// session only when `body` returns (a failed store change leaves the session as it was).
        func update<T: Sendable>(_ body: (inout BrowsingSession) async throws -> T) async throws -> T {
            try await lock.withLock {
                var copy = session
                let result = try await body(&copy)
                session = copy
                if let name, let onChange { onChange(name, copy) }
                return result
            }
        }
    }

    private enum Key: Hashable {
        case connection(Int)
        case named(String)
    }

    private struct Entry {
        var slot: Slot
        var lastUse: UInt64
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var named = 0
        var clock: UInt64 = 0
    }

    /// The longest session name, in characters.
    static let maximumNameLength = 64

    private let state = NIOLockedValueBox(State())
    private let limit: Int

    private let onViewChange: (@Sendable (String, BrowsingSession) -> Void)?

    /// A store keeping at most `limit` named sessions; `onViewChange` is told each named session's view
    /// after every command that changes it (`session.view` events).
    init(limit: Int, onViewChange: (@Sendable (String, BrowsingSession) -> Void)? = nil) {
        self.limit = max(1, limit)
        self.onViewChange = onViewChange
    }

    /// The session `name` (nil: `connection`'s own), created empty when new.
    ///
    /// - Throws: `RPCError` invalid params for an empty, too long or non-printable name.
    func slot(named name: String?, connection: RPCConnection) throws -> Slot {
        if let name {
            guard (1...Self.maximumNameLength).contains(name.count),
                name.unicodeScalars.allSatisfy({ $0.properties.generalCategory != .control })
            else {
                throw RPCError.invalidParams(
                    "params.session must be 1 to \(Self.maximumNameLength) printable characters, "
                        + "got \"\(name)\""
                )
            }
        }
        let key = name.map(Key.named) ?? .connection(connection.id)
        let (slot, isNewConnectionSession) = state.withLockedValue { state -> (Slot, Bool) in
            state.clock += 1
            if let entry = state.entries[key] {
                state.entries[key]?.lastUse = state.clock
                return (entry.slot, false)
            }
            let slot = Slot(name: name, onChange: onViewChange)
            state.entries[key] = Entry(slot: slot, lastUse: state.clock)
            guard case .named = key else { return (slot, true) }
            state.named += 1
            if state.named > limit { evictOldestNamed(&state) }
            return (slot, false)
        }
        if isNewConnectionSession {
            connection.onClose { [weak self] in self?.drop(.connection(connection.id)) }
        }
        return slot
    }

    /// Sessions currently kept (per connection and named).
    var count: Int { state.withLockedValue { $0.entries.count } }

    private func drop(_ key: Key) {
        state.withLockedValue { _ = $0.entries.removeValue(forKey: key) }
    }

    private func evictOldestNamed(_ state: inout State) {
        let oldest = state.entries.filter { if case .named = $0.key { true } else { false } }
            .min { $0.value.lastUse < $1.value.lastUse }
        if let oldest {
            state.entries.removeValue(forKey: oldest.key)
            state.named -= 1
        }
    }
}
