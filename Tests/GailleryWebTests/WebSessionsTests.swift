import Testing

@testable import GailleryWeb

/// Login tokens and sessions: a token opens one session once; when the table is full, the session closed
/// is the one idle longest, never one a browser is using (under a burst of logins the oldest-opened rule
/// logged out visitors in the middle of their visit).
@Suite struct WebSessionsTests {
    @Test func aTokenOpensOneSessionOnce() throws {
        let sessions = WebSessions(tokenLifetime: .seconds(60))
        let token = sessions.issueToken()
        let id = try #require(sessions.redeem(token))
        #expect(sessions.connection(session: id) != nil)
        #expect(sessions.redeem(token) == nil)
        #expect(sessions.redeem("not-a-token") == nil)
        #expect(sessions.connection(session: "unknown") == nil)
    }

    @Test func anExpiredTokenOpensNothing() {
        let sessions = WebSessions(tokenLifetime: .zero)
        #expect(sessions.redeem(sessions.issueToken()) == nil)
    }

    @Test func aFullTableClosesTheIdlestSessionNotTheOldest() throws {
        let sessions = WebSessions(tokenLifetime: .seconds(60))
        let first = try #require(sessions.redeem(sessions.issueToken()))
        let second = try #require(sessions.redeem(sessions.issueToken()))
        for _ in 2..<WebSessions.maxSessions {
            _ = try #require(sessions.redeem(sessions.issueToken()))
            // The first visitor keeps browsing while everyone else logs in.
            #expect(sessions.connection(session: first) != nil)
        }
        _ = try #require(sessions.redeem(sessions.issueToken()))
        #expect(sessions.connection(session: first) != nil)
        #expect(sessions.connection(session: second) == nil)
    }
}
