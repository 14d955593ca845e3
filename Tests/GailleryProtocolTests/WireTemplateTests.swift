import GailleryProtocol
import Testing

/// A template writes exactly what `WireEncoder` writes, whether it re-uses the last text or not.
@Suite struct WireTemplateTests {
    static func status(uptime: Double, socket: String = "/run/g.sock", done: Int = 1) -> DaemonStatus.Result {
        DaemonStatus.Result(
            version: "0.1.0", pid: 42, uptimeS: uptime, socket: socket, dataDir: "/data",
            photos: .init(total: 3, trashed: 0, queued: 1, processing: 0, done: done, failed: 1),
            queue: .init(depth: 0, capacity: 64, workers: 2), classifier: .init(ready: true, model: "m"),
            connections: 1)
    }

    @Test func matchesTheEncoderAcrossUptimesAndOtherChanges() throws {
        let template = WireTemplate<DaemonStatus.Result>(varying: \.uptimeS, wireKey: "uptime_s")
        let values = [
            Self.status(uptime: 0), Self.status(uptime: 1.5), Self.status(uptime: 1e-7), Self.status(uptime: 12345.678),
            Self.status(uptime: 2, done: 2), Self.status(uptime: 3, done: 2), Self.status(uptime: -0.0),
            Self.status(uptime: 4, socket: #"/tmp/,"uptime_s":0,"x"#),
            Self.status(uptime: 5, socket: #"/tmp/,"uptime_s":0,"x"#),
            Self.status(uptime: 1e21),
        ]
        for value in values {
            #expect(try template.encode(value) == WireEncoder().encode(value), "\(value.uptimeS) \(value.socket)")
        }
    }

    @Test func refusesWhatTheEncoderRefuses() {
        let template = WireTemplate<DaemonStatus.Result>(varying: \.uptimeS, wireKey: "uptime_s")
        _ = try? template.encode(Self.status(uptime: 1))
        #expect(throws: EncodingError.self) { try template.encode(Self.status(uptime: .nan)) }
    }
}
