import Foundation
import Testing

@testable import GailleryAudio

/// The async API: capture on its own thread, resumed through a continuation, cancellable.
@Suite struct CaptureAsyncTests {
    @Test func asyncCaptureReturnsTheResult() async throws {
        let fixtures = try CaptureFixtures()
        let path = try fixtures.raw(Signals.noise(count: 32_000, amplitude: 0.001))
        let captured = try await AudioCapture(source: .replaying(rawFile: path)).capture(maxSeconds: 1.5)
        #expect(captured.stopReason == .timeLimit && captured.audio.samples.count == 24_000)
    }

    @Test func errorsArriveThroughTheContinuation() async throws {
        let capture = AudioCapture(source: .device("gaillery-no-such-pcm"))
        await #expect(throws: CaptureError.self) { try await capture.capture(maxSeconds: 1) }
    }

    /// The input is a FIFO that the test feeds with silence, so the capture thread really is blocked in
    /// `snd_pcm_readi` (the file plugin's read(2)) when the task is cancelled; the next period ends it.
    @Test func cancellingTheTaskStopsABlockedCapture() async throws {
        let fixtures = try CaptureFixtures()
        let fifo = fixtures.directory.appendingPathComponent("mic.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // Held open read-write (non-blocking) so the plugin's open(2) finds a writer and writes never
        // raise SIGPIPE; silence is written until the capture task has finished.
        let writer = open(fifo, O_RDWR | O_NONBLOCK)
        #expect(writer >= 0)
        defer { close(writer) }
        let capture = AudioCapture(source: .replaying(rawFile: fifo))
        let task = Task { try await capture.capture(maxSeconds: 30) }
        task.cancel()
        let feeder = FIFOFeeder(descriptor: writer)
        let thread = Thread { feeder.run() }
        thread.start()
        let result = await task.result
        feeder.stop()
        #expect(throws: CancellationError.self) { try result.get() }
    }
}

/// Writes silence into a FIFO from its own thread until stopped (EAGAIN when full is ignored); the stop
/// flag is a `CaptureCancellation`, which is just a locked Bool.
private struct FIFOFeeder: Sendable {
    let descriptor: Int32
    let stopped = CaptureCancellation()

    func stop() { stopped.cancel() }

    func run() {
        let silence = [UInt8](repeating: 0, count: 3_200)
        while !stopped.isCancelled {
            _ = silence.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            usleep(5_000)
        }
    }
}
