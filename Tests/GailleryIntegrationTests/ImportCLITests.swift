import Foundation
import GailleryProtocol
import GailleryRPC
import Testing

/// `gaillery import` returns when the photos are searchable, not when their files are stored, and names
/// the files it left alone.
@Suite struct ImportCLITests {
    @Test func importReturnsWhenThePhotosAreSearchable() throws {
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        let status = try client.call(DaemonStatus.self, NoParams())
        try #require(status.classifier.ready, "classifier not ready: \(status.classifier.reason ?? "")")
        let pictures = daemon.root.appendingPathComponent("pictures")
        try FileManager.default.createDirectory(at: pictures, withIntermediateDirectories: true)
        for name in ["chelsea.png", "coffee.png"] {
            try FileManager.default.copyItem(
                atPath: VoiceFixtures.photos + "/" + name, toPath: pictures.appendingPathComponent(name).path)
        }
        try "not a photo".write(to: pictures.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)

        let run = try LauncherCLITests.gaillery(
            ["import", pictures.path], environment: ["GAILLERY_SOCKET": daemon.socketPath])
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out.contains("2 added"))
        #expect(run.out.contains("skipped notes.txt: not a JPEG or PNG"), "\(run.out)")
        // No photos.wait: the import already waited for classification.
        let counts = try client.call(DaemonStatus.self, NoParams()).photos
        #expect(counts.queued == 0 && counts.processing == 0 && counts.done == 2)
        #expect(try client.call(PhotosSearch.self, .init(query: "cat")).photos.first?.name == "chelsea.png")
    }
}
