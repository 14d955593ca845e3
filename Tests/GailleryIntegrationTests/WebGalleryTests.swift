import Foundation
import GailleryProtocol
import GailleryRPC
import GailleryTestSupport
import Testing

/// The web gallery against the real daemon (`--http 127.0.0.1:0`) over real TCP: login by one-time token,
/// the cookie, the Host and Origin checks, `POST /rpc` through the socket's router, photo files with
/// ETags, and the events WebSocket.
@Suite struct WebGalleryTests {
    /// A daemon with the gallery on a free port, its port, and a logged-in probe's cookie.
    struct Gallery {
        let daemon: DaemonHarness
        let port: Int
        let cookie: String

        func probe() throws -> HTTPProbe { try HTTPProbe(port: port) }

        /// `POST /rpc` with the session cookie.
        func rpc(_ body: String, probe: HTTPProbe? = nil) throws -> HTTPProbe.Response {
            try (probe ?? self.probe()).request(
                "POST", "/rpc", headers: [("Cookie", cookie), ("Content-Type", "application/json")],
                body: Data(body.utf8))
        }
    }

    static func start() throws -> Gallery {
        let daemon = try DaemonHarness(arguments: ["--http", "127.0.0.1:0"]).start()
        let http = try #require(try daemon.client().call(DaemonStatus.self, NoParams()).http)
        #expect(http.listening, "\(http.reason ?? "")")
        let port = try #require(URLComponents(string: http.url)?.port)
        #expect(http.url == "http://127.0.0.1:\(port)/")
        let url = try daemon.client().call(GalleryOpen.self, .init()).url
        let login = try HTTPProbe(port: port).request("GET", try pathAndQuery(url))
        #expect(login.status == 303)
        let setCookie = try #require(login.headers["set-cookie"])
        let cookie = try #require(setCookie.split(separator: ";").first.map(String.init))
        return Gallery(daemon: daemon, port: port, cookie: cookie)
    }

    static func pathAndQuery(_ url: String) throws -> String {
        let components = try #require(URLComponents(string: url))
        return components.percentEncodedPath + "?" + (components.percentEncodedQuery ?? "")
    }

    @Test func loginByTokenSetsTheCookieOnceAndGoesToTheNextPath() throws {
        let daemon = try DaemonHarness(arguments: ["--http", "127.0.0.1:0"]).start()
        let url = try daemon.client().call(GalleryOpen.self, .init(photo: 7)).url
        let port = try #require(URLComponents(string: url)?.port)
        #expect(url.hasPrefix("http://127.0.0.1:\(port)/login?token="))
        let login = try HTTPProbe(port: port).request("GET", try Self.pathAndQuery(url))
        #expect(login.status == 303)
        #expect(login.headers["location"] == "/#photo=7")
        let cookie = try #require(login.headers["set-cookie"])
        #expect(cookie.hasPrefix("gaillery_session="))
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"))
        #expect(cookie.split(separator: ";")[0].count == "gaillery_session=".count + 64)
        let again = try HTTPProbe(port: port).request("GET", try Self.pathAndQuery(url))
        #expect(again.status == 401)
        #expect(again.headers["set-cookie"] == nil)
        #expect(again.text.contains("gaillery open"))
        let page = try HTTPProbe(port: port).request(
            "GET", "/", headers: [("Cookie", String(cookie.split(separator: ";")[0]))])
        #expect(page.status == 200)
        #expect(page.headers["content-type"]?.hasPrefix("text/html") == true)
        #expect(page.headers["cache-control"] == "no-cache")
        #expect(page.headers["x-content-type-options"] == "nosniff")
        #expect(page.headers["content-security-policy"]?.hasPrefix("default-src 'self'") == true)
        #expect(page.headers["referrer-policy"] == "no-referrer")
        #expect(page.headers["access-control-allow-origin"] == nil)
    }

    @Test func aSearchLinkCarriesTheQueryInTheFragment() throws {
        let daemon = try DaemonHarness(arguments: ["--http", "127.0.0.1:0"]).start()
        let url = try daemon.client().call(GalleryOpen.self, .init(query: "dog beach")).url
        let port = try #require(URLComponents(string: url)?.port)
        let login = try HTTPProbe(port: port).request("GET", try Self.pathAndQuery(url))
        #expect(login.headers["location"] == "/#q=dog%20beach")
    }

    @Test func requestsWithoutTheCookieGet401() throws {
        let gallery = try Self.start()
        let probe = try gallery.probe()
        let rpc = try probe.request(
            "POST", "/rpc", headers: [("Content-Type", "application/json")],
            body: Data(#"{"jsonrpc":"2.0","id":1,"method":"daemon.status"}"#.utf8))
        #expect(rpc.status == 401)
        #expect(rpc.headers["content-type"] == "application/json")
        #expect(try gallery.probe().request("GET", "/photos/1/thumbnail").status == 401)
        let page = try gallery.probe().request(
            "GET", "/", headers: [("Cookie", "gaillery_session=" + String(repeating: "0", count: 64))])
        #expect(page.status == 401)
        #expect(page.headers["content-type"]?.hasPrefix("text/html") == true)
        #expect(page.headers["x-content-type-options"] == "nosniff")
    }

    @Test func aForeignHostGets421AndAForeignOriginGets403() throws {
        let gallery = try Self.start()
        let body = Data(#"{"jsonrpc":"2.0","id":1,"method":"daemon.status"}"#.utf8)
        let json = ("Content-Type", "application/json")
        let rebound = try gallery.probe().request(
            "POST", "/rpc", headers: [("Host", "evil.example:\(gallery.port)"), ("Cookie", gallery.cookie), json],
            body: body)
        #expect(rebound.status == 421)
        let crossSite = try gallery.probe().request(
            "POST", "/rpc", headers: [("Origin", "http://evil.example"), ("Cookie", gallery.cookie), json], body: body)
        #expect(crossSite.status == 403)
        let sameSite = try gallery.probe().request(
            "POST", "/rpc",
            headers: [("Origin", "http://127.0.0.1:\(gallery.port)"), ("Cookie", gallery.cookie), json],
            body: body)
        #expect(sameSite.status == 200)
        let localhost = try gallery.probe().request(
            "POST", "/rpc", headers: [("Host", "localhost:\(gallery.port)"), ("Cookie", gallery.cookie), json],
            body: body)
        #expect(localhost.status == 200)
        // A refused WebSocket upgrade is answered by Hummingbird itself: 400 and the connection closed (it
        // has no hook for another status); what matters is that it is not 101.
        let socket = try gallery.probe().upgrade(
            "/events", headers: [("Origin", "http://evil.example"), ("Cookie", gallery.cookie)])
        #expect(socket.status == 400)
        let noOrigin = try gallery.probe().upgrade("/events", headers: [("Cookie", gallery.cookie)])
        #expect(noOrigin.status == 400)
        let plainGet = try gallery.probe().request("GET", "/events", headers: [("Cookie", gallery.cookie)])
        #expect(plainGet.status == 403)
    }

    @Test func rpcAnswersLikeTheSocket() throws {
        let gallery = try Self.start()
        let socket = try gallery.daemon.client()
        let status = try gallery.rpc(#"{"jsonrpc":"2.0","id":"s","method":"daemon.status"}"#)
        #expect(status.status == 200)
        #expect(status.headers["content-type"] == "application/json")
        let viaHTTP = try JSONDecoder().decode(JSONValue.self, from: status.body)
        let viaSocket = try socket.raw(#"{"jsonrpc":"2.0","id":"s","method":"daemon.status"}"#)
        #expect(viaHTTP["id"] == .string("s"))
        for key in ["version", "pid", "socket", "data_dir", "photos", "http"] {
            #expect(viaHTTP["result"]?[key] == viaSocket["result"]?[key], "\(key)")
        }
        let bytes = Data(Fixtures.jpeg(seed: 41)).base64EncodedString()
        let upload = try gallery.rpc(
            #"{"jsonrpc":"2.0","id":2,"method":"photos.upload","params":{"data":"\#(bytes)","name":"web.jpg"}}"#)
        let uploaded = try JSONDecoder().decode(JSONValue.self, from: upload.body)
        let sameOverSocket = try socket.call(PhotosUpload.self, .init(data: bytes, name: "web.jpg"))
        #expect(uploaded["result"]?["id"] == .int(sameOverSocket.id))
        #expect(uploaded["result"]?["sha256"] == .string(sameOverSocket.sha256))
        #expect(uploaded["result"]?["duplicate"] == .bool(false))
        #expect(sameOverSocket.duplicate)
        let error = try gallery.rpc(#"{"jsonrpc":"2.0","id":3,"method":"photos.get","params":{"id":999}}"#)
        let refused = try JSONDecoder().decode(JSONValue.self, from: error.body)
        #expect(refused["error"]?["code"] == .int(-32001))
        let notification = try gallery.rpc(#"{"jsonrpc":"2.0","method":"daemon.status"}"#)
        #expect(notification.status == 204)
        let wrongType = try gallery.probe().request(
            "POST", "/rpc", headers: [("Cookie", gallery.cookie), ("Content-Type", "text/plain")], body: Data("{}".utf8)
        )
        #expect(wrongType.status == 415)
    }

    @Test func thumbnailsHaveAnETagAndAnswer304() throws {
        let gallery = try Self.start()
        let client = try gallery.daemon.client()
        let uploaded = try client.call(
            PhotosUpload.self, .init(data: Data(Fixtures.jpeg(seed: 42)).base64EncodedString()))
        let waited = try client.call(PhotosWait.self, .init(ids: [uploaded.id], timeoutMs: 60_000))
        #expect(waited.complete)
        let probe = try gallery.probe()
        let thumbnail = try probe.request(
            "GET", "/photos/\(uploaded.id)/thumbnail", headers: [("Cookie", gallery.cookie)])
        #expect(thumbnail.status == 200)
        #expect(thumbnail.headers["content-type"] == "image/jpeg")
        #expect(thumbnail.headers["etag"] == "\"\(uploaded.sha256)\"")
        #expect(thumbnail.headers["cache-control"] == "private, max-age=31536000, immutable")
        #expect(Array(thumbnail.body.prefix(3)) == [0xFF, 0xD8, 0xFF])
        let info = try client.call(PhotosGet.self, .init(id: uploaded.id))
        let onDisk = try Data(contentsOf: URL(fileURLWithPath: try #require(info.thumbnailPath)))
        #expect(thumbnail.body == onDisk)
        let cached = try probe.request(
            "GET", "/photos/\(uploaded.id)/thumbnail",
            headers: [("Cookie", gallery.cookie), ("If-None-Match", "\"\(uploaded.sha256)\"")])
        #expect(cached.status == 304)
        #expect(cached.body.isEmpty)
        let original = try probe.request(
            "GET", "/photos/\(uploaded.id)/original", headers: [("Cookie", gallery.cookie)])
        #expect(original.body == Data(Fixtures.jpeg(seed: 42)))
        let missing = try probe.request("GET", "/photos/999/thumbnail", headers: [("Cookie", gallery.cookie)])
        #expect(missing.status == 404)
    }

    @Test func theEventsSocketDeliversPhotoAdded() throws {
        let gallery = try Self.start()
        let socket = try gallery.probe()
        let upgraded = try socket.upgrade(
            "/events", headers: [("Origin", "http://127.0.0.1:\(gallery.port)"), ("Cookie", gallery.cookie)])
        #expect(upgraded.status == 101)
        #expect(upgraded.headers["x-content-type-options"] == "nosniff")
        let bytes = Data(Fixtures.png(seed: 43)).base64EncodedString()
        let upload = try gallery.rpc(
            #"{"jsonrpc":"2.0","id":1,"method":"photos.upload","params":{"data":"\#(bytes)"}}"#)
        let id = try #require(try JSONDecoder().decode(JSONValue.self, from: upload.body)["result"]?["id"])
        var added: JSONValue?
        while added == nil, let frame = try socket.readTextFrame() {
            let event = try JSONDecoder().decode(JSONValue.self, from: Data(frame.utf8))
            #expect(event["jsonrpc"] == .string("2.0"))
            #expect(event["method"] == .string("event"))
            if event["params"]?["topic"] == .string(EventNotification.Topic.photoAdded) { added = event }
        }
        #expect(added?["params"]?["data"]?["id"] == id)
    }
}
