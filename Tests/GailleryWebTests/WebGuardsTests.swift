import Testing

@testable import GailleryWeb

/// The web gallery's pure checks: Host and Origin, the login redirect's target, `--http`'s value, ETags,
/// page file names and tokens.
@Suite struct WebGuardsTests {
    static let guards: RequestGuards = {
        let guards = RequestGuards()
        guards.bound(host: "127.0.0.1", port: 8765)
        return guards
    }()

    @Test(
        arguments: [
            ("127.0.0.1:8765", nil, false, nil),
            ("localhost:8765", "http://localhost:8765", false, nil),
            ("[::1]:8765", nil, false, nil),
            ("LOCALHOST:8765", "http://localhost:8765", true, nil),
            ("127.0.0.1:8765", "http://127.0.0.1:8765", true, nil),
            ("evil.example:8765", nil, false, RequestGuards.Refusal.misdirected),
            ("127.0.0.1:9999", nil, false, .misdirected),
            ("127.0.0.1", nil, false, .misdirected),
            (nil, nil, false, .misdirected),
            ("127.0.0.1:8765", "http://evil.example", false, .foreignOrigin),
            ("127.0.0.1:8765", "http://localhost:8765", false, .foreignOrigin),
            ("127.0.0.1:8765", "https://127.0.0.1:8765", false, .foreignOrigin),
            ("127.0.0.1:8765", "null", false, .foreignOrigin),
            ("127.0.0.1:8765", nil, true, .foreignOrigin),
        ] as [(String?, String?, Bool, RequestGuards.Refusal?)])
    func hostAndOrigin(host: String?, origin: String?, requireOrigin: Bool, refusal: RequestGuards.Refusal?) {
        #expect(Self.guards.check(host: host, origin: origin, requireOrigin: requireOrigin) == refusal)
    }

    @Test(
        arguments: [
            (nil, "/"), ("/", "/"), ("/#photo=3", "/#photo=3"), ("/#q=dog%20beach", "/#q=dog%20beach"),
            ("//evil.example/", "/"), ("http://evil.example/", "/"), ("/\\evil", "/"), ("/a\r\nSet-Cookie: x", "/"),
            ("", "/"),
        ] as [(String?, String)])
    func loginRedirectsOnlyToThisServer(next: String?, location: String) {
        #expect(LoginRoute.localPath(next) == location)
    }

    @Test func httpFlagValues() throws {
        let loopback = try #require(try WebConfiguration.parse("127.0.0.1:8765", maxBodyBytes: 10))
        #expect(loopback.host == "127.0.0.1" && loopback.port == 8765 && loopback.isLoopback)
        let v6 = try #require(try WebConfiguration.parse("[::1]:0", maxBodyBytes: 10))
        #expect(v6.host == "::1" && v6.port == 0 && v6.isLoopback)
        #expect(try WebConfiguration.parse("0.0.0.0:80", maxBodyBytes: 10)?.isLoopback == false)
        #expect(try WebConfiguration.parse("off", maxBodyBytes: 10) == nil)
        for bad in ["8765", "localhost", ":80", "127.0.0.1:70000", "127.0.0.1:http"] {
            #expect(throws: WebError.self, "\(bad)") { try WebConfiguration.parse(bad, maxBodyBytes: 10) }
        }
    }

    @Test func ifNoneMatch() {
        let etag = "\"abc\""
        #expect(PhotoFilesRoute.matches("\"abc\"", etag: etag))
        #expect(PhotoFilesRoute.matches("\"x\", W/\"abc\"", etag: etag))
        #expect(PhotoFilesRoute.matches("*", etag: etag))
        #expect(!PhotoFilesRoute.matches("\"abcd\"", etag: etag))
        #expect(!PhotoFilesRoute.matches("abc", etag: etag))
    }

    @Test func pageFileNames() {
        for safe in ["index.html", "app.js", "icons/star.svg"] { #expect(PageFiles.isSafe(safe), "\(safe)") }
        for unsafe in ["../etc/passwd", ".hidden", "a//b", "a/../b", "a b.js", "", "é.js"] {
            #expect(!PageFiles.isSafe(unsafe), "\(unsafe)")
        }
        #expect(PageFiles.contentType(of: "app.js") == "text/javascript; charset=utf-8")
        #expect(PageFiles.contentType(of: "index.html") == "text/html; charset=utf-8")
        #expect(PageFiles.contentType(of: "binary.exe") == nil)
    }

    @Test func tokensAreSingleUseAndSessionsAreFound() {
        let sessions = WebSessions(tokenLifetime: .seconds(120))
        let token = sessions.issueToken()
        #expect(token.count == 64 && token.allSatisfy(\.isHexDigit))
        #expect(token != sessions.issueToken())
        let session = sessions.redeem(token)
        #expect(session != nil)
        #expect(sessions.redeem(token) == nil)
        #expect(sessions.redeem("0" + token.dropFirst()) == nil)
        #expect(sessions.connection(session: session ?? "") != nil)
        let cookie = "a=b; \(WebSessions.cookieName)=\(session ?? ""); c=d"
        #expect(WebSessions.sessionID(inCookieHeader: cookie) == session)
        let expired = WebSessions(tokenLifetime: .zero)
        #expect(expired.redeem(expired.issueToken()) == nil)
    }
}
