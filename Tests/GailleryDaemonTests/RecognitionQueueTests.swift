import Foundation
import GailleryAudio
import GaillerySpeech
import Testing

@testable import GailleryDaemon

/// The recognition queue in front of the recognizer threads: bounded, refusing instead of growing, and
/// failing waiting clips (not hanging them) when it stops. Uses the real pocketsphinx pool.
@Suite(.serialized) struct RecognitionQueueTests {
    /// 30 s of seeded white noise: long enough that the front end alone keeps a recognizer busy while
    /// the next clip is offered.
    static let longNoise: PCMAudio = {
        var state: UInt64 = 0x5EED
        let samples = (0..<(30 * 16_000)).map { _ -> Float in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(Int64(bitPattern: state >> 11) % 2_000) / 10_000
        }
        return PCMAudio(samples: samples, sampleRate: 16_000)
    }()

    /// Offers `count` clips at once and returns how many were refused with `Full`, and the results.
    private func offer(_ count: Int, to queue: RecognitionQueue) async -> (refused: Int, recognized: Int) {
        await withTaskGroup(of: Bool?.self) { group in
            for _ in 0..<count {
                group.addTask {
                    do {
                        _ = try await queue.recognize(Self.longNoise)
                        return true
                    } catch is RecognitionQueue.Full {
                        return false
                    } catch {
                        return nil
                    }
                }
            }
            var refused = 0
            var recognized = 0
            for await outcome in group {
                if outcome == true { recognized += 1 } else if outcome == false { refused += 1 }
            }
            return (refused, recognized)
        }
    }

    @Test func aFullQueueRefusesInsteadOfGrowing() async throws {
        let queue = RecognitionQueue(pool: try RecognizerPool(size: 1), capacity: 1)
        defer { queue.stop() }
        // One recognizer and one waiting place: of four clips offered together, at most two get in.
        let outcome = await offer(4, to: queue)
        #expect(outcome.refused >= 2)
        #expect(outcome.recognized + outcome.refused == 4)
        #expect(outcome.recognized >= 1)
        #expect(queue.depth == 0)
    }

    @Test func aClipOverCapacityStillGetsIn() async throws {
        let queue = RecognitionQueue(pool: try RecognizerPool(size: 1), capacity: 0)
        defer { queue.stop() }
        // The first clip takes the only recognizer (no waiting place); only then is the second offered,
        // which must wait all the same. (Offered together, the second could take the recognizer first
        // and the first would rightly be refused.)
        let first = Task { try await queue.recognize(Self.longNoise) }
        for _ in 0..<10_000 where queue.depth == 0 { try await Task.sleep(for: .milliseconds(1)) }
        #expect(queue.depth == 1)
        _ = try await queue.recognize(Self.longNoise, overCapacity: true)
        _ = try await first.value
        #expect(queue.depth == 0)
    }

    @Test func stoppingFailsWaitingClipsAndRefusesNewOnes() async throws {
        let queue = RecognitionQueue(pool: try RecognizerPool(size: 1), capacity: 4)
        let outcomes = await withTaskGroup(of: String.self) { group in
            for _ in 0..<3 {
                group.addTask {
                    do {
                        _ = try await queue.recognize(Self.longNoise)
                        return "recognized"
                    } catch is RecognitionQueue.Stopped {
                        return "stopped"
                    } catch {
                        return "\(error)"
                    }
                }
            }
            let deadline = ContinuousClock.now + .seconds(2)
            while queue.depth < 2, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(1)) }
            queue.stop()
            var all: [String] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        // Every clip ends, recognized (it had started) or stopped (it was waiting): none hangs or fails
        // another way; at most one was running when the queue stopped.
        #expect(outcomes.count == 3)
        #expect(outcomes.allSatisfy { $0 == "recognized" || $0 == "stopped" })
        await #expect(throws: RecognitionQueue.Stopped.self) { try await queue.recognize(Self.longNoise) }
        #expect(queue.depth == 0)
    }
}
