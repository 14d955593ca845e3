import GailleryCore
import Testing

/// `BrowsingSession`: list, cursor, delete and undo.
@Suite struct IntentBrowsingSessionTests {
    private let ids = (1...3).map { PhotoID(Int64($0)) }

    @Test func movesAndClampsWithMessages() {
        var session = BrowsingSession()
        #expect(session.next().message.contains("no photos"))
        #expect(session.show(ids).current == ids[0])
        #expect(session.previous().message == "this is the first photo")
        #expect(session.next().current == ids[1])
        let last = session.next()
        #expect(last.current == ids[2] && last.position == 3 && last.count == 3)
        let end = session.next()
        #expect(end.current == ids[2] && end.message == "this is the last photo")
    }

    @Test func deleteAndUndoRestoreTheSameSlot() {
        var session = BrowsingSession()
        _ = session.show(ids)
        _ = session.next()
        let deleted = session.delete()
        #expect(deleted.effect == .trash(ids[1]))
        #expect(session.photos == [ids[0], ids[2]] && session.current == ids[2])
        let undone = session.undo()
        #expect(undone.effect == .restore(ids[1]))
        #expect(session.photos == ids && session.current == ids[1])
        #expect(session.undo().effect == nil)
    }

    @Test func undoAfterANewListOnlyRestoresInTheStore() {
        var session = BrowsingSession()
        _ = session.show(ids)
        _ = session.delete()
        _ = session.show([PhotoID(9)])
        #expect(session.undo().effect == .restore(ids[0]))
        #expect(session.photos == [PhotoID(9)])
    }

    @Test func deletingEverythingEmptiesTheView() {
        var session = BrowsingSession()
        _ = session.show([ids[0]])
        _ = session.delete()
        #expect(session.current == nil)
        #expect(session.delete().effect == nil)
        #expect(session.undo().current == ids[0])
    }

    @Test func closeKeepsUndo() {
        var session = BrowsingSession()
        _ = session.show(ids)
        _ = session.delete()
        #expect(session.close().current == nil)
        #expect(session.undo().effect == .restore(ids[0]))
    }

    @Test func undoHistoryIsBounded() {
        var session = BrowsingSession()
        _ = session.show((1...30).map { PhotoID(Int64($0)) })
        for _ in 0..<30 { _ = session.delete() }
        #expect(session.deleted.count == BrowsingSession.undoLimit)
    }
}
