import GailleryCore
import GailleryProtocol
import NIOEmbedded
import Testing

@testable import GailleryDaemon
@testable import GailleryRPC

/// The browsing sessions: named ones shared and evicted least recently used first, per-connection ones
/// dropped when their connection closes, and names checked.
@Suite struct SessionStoreTests {
    private func connection(_ id: Int) -> RPCConnection {
        RPCConnection(id: id, peerPID: 1, channel: EmbeddedChannel())
    }

    /// Shows `photos` in `slot` and returns what the session holds afterwards.
    private func show(_ photos: [Int64], in slot: SessionStore.Slot) async throws -> [PhotoID] {
        try await slot.update { session in
            _ = session.show(photos.map { PhotoID($0) })
            return session.photos
        }
    }

    private func photos(in slot: SessionStore.Slot) async throws -> [PhotoID] {
        try await slot.update { $0.photos }
    }

    @Test func aNamedSessionIsSharedByConnections() async throws {
        let store = SessionStore(limit: 4)
        let first = try store.slot(named: "kitchen", connection: connection(1))
        _ = try await show([1, 2, 3], in: first)
        let second = try store.slot(named: "kitchen", connection: connection(2))
        #expect(second === first)
        #expect(try await photos(in: second) == [PhotoID(1), PhotoID(2), PhotoID(3)])
    }

    @Test func theLeastRecentlyUsedNamedSessionIsDroppedBeyondTheLimit() async throws {
        let store = SessionStore(limit: 2)
        let client = connection(1)
        let a = try store.slot(named: "a", connection: client)
        _ = try await show([7], in: a)
        let b = try store.slot(named: "b", connection: client)
        // Using "a" again makes "b" the least recently used one.
        #expect(try store.slot(named: "a", connection: client) === a)
        _ = try store.slot(named: "c", connection: client)
        #expect(store.count == 2)
        #expect(try store.slot(named: "a", connection: client) === a)
        #expect(try await photos(in: a) == [PhotoID(7)])
        let newB = try store.slot(named: "b", connection: client)
        #expect(newB !== b)
        #expect(try await photos(in: newB).isEmpty)
    }

    @Test func connectionSessionsAreNotCountedAgainstTheLimitAndCloseWithTheirConnection() throws {
        let store = SessionStore(limit: 1)
        let clients = (1...3).map(connection)
        let own = try clients.map { try store.slot(named: nil, connection: $0) }
        _ = try store.slot(named: "shared", connection: clients[0])
        #expect(store.count == 4)
        #expect(try store.slot(named: nil, connection: clients[1]) === own[1])
        clients[1].closed()
        #expect(store.count == 3)
        #expect(try store.slot(named: nil, connection: clients[0]) === own[0])
    }

    @Test(arguments: ["", String(repeating: "x", count: SessionStore.maximumNameLength + 1), "tab\there"])
    func badNamesAreInvalidParams(name: String) {
        let store = SessionStore(limit: 4)
        #expect {
            try store.slot(named: name, connection: connection(1))
        } throws: { error in
            guard let error = error as? RPCError else { return false }
            return error.code == .invalidParams && error.message.contains("params.session")
        }
        #expect(store.count == 0)
    }
}
