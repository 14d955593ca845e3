import Foundation
import GaillerySpeech
import Logging

/// Keeps the recognizer's grammar in step with the index without polling: the store reports every
/// commit that changed photos' tags (`changed()`); the watcher then waits until no change has come for
/// `interval` seconds (at most five intervals while changes keep coming), reads the vocabulary
/// (`VocabularySource`), and when it differs from the grammar's, rebuilds the grammar and compiles it
/// into the idle recognizers. A burst of classifications or tag edits thus costs one read and at most
/// one rebuild, and an idle daemon never wakes for it (a safety re-read runs every `fallbackSeconds`).
///
/// Runs on the voice service's thread. `changes` and `stopping` are guarded by `condition`; the other
/// state is only touched by that thread (`@unchecked Sendable`).
final class VocabularyWatcher: @unchecked Sendable {
    /// Where the phrases come from.
    let source: VocabularySource
    /// Seconds between safety re-reads when no change is reported.
    static let fallbackSeconds = 300.0
    private let interval: Double
    private let logger: Logger
    private let condition = NSCondition()
    private var stopping = false
    private var changes = 0
    private var current: Set<String> = []

    /// A watcher that waits for `interval` seconds of quiet after a change before re-reading `source`.
    init(source: VocabularySource, interval: Double, logger: Logger) {
        self.source = source
        self.interval = max(0.05, interval)
        self.logger = logger
    }

    /// Notes that the index's tags may have changed (cheap; callable from any thread).
    func changed() {
        condition.withLock {
            changes += 1
            condition.broadcast()
        }
    }

    /// Records that the grammar `update` describes was built from `phrases`, and logs what it left out.
    func applied(_ phrases: [String], update: VocabularyUpdate) {
        current = Set(phrases)
        for reason in update.dropped {
            logger.debug("vocabulary phrase left out of the speech grammar", metadata: ["reason": "\(reason)"])
        }
        logger.info(
            "speech vocabulary applied",
            metadata: [
                "phrases": "\(phrases.count)", "tags": "\(update.tags)", "left out": "\(update.dropped.count)",
            ])
    }

    /// Waits for changes until `stop`, rebuilding `pool`'s grammar when the vocabulary changed.
    func run(pool: any CommandRecognizers) {
        while waitForChange(), settle() {
            do {
                try update(pool)
            } catch {
                logger.warning("could not update the speech vocabulary", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Makes `run` return (after the rebuild in progress, if any).
    func stop() {
        condition.withLock {
            stopping = true
            condition.broadcast()
        }
    }

    private func update(_ pool: any CommandRecognizers) throws {
        let phrases = try source.phrases()
        guard Set(phrases) != current else { return }
        applied(phrases, update: try pool.updateVocabulary(phrases))
    }

    /// Waits for a reported change (or the safety interval); false once stopping.
    private func waitForChange() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date(timeIntervalSinceNow: Self.fallbackSeconds)
        while changes == 0, !stopping, condition.wait(until: deadline) {}
        return !stopping
    }

    /// Waits until a whole interval passes without a new change, or five intervals in all; false once
    /// stopping.
    private func settle() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let limit = Date(timeIntervalSinceNow: interval * 5)
        repeat {
            changes = 0
            let deadline = min(Date(timeIntervalSinceNow: interval), limit)
            while !stopping, condition.wait(until: deadline) {}
        } while !stopping && changes > 0 && Date() < limit
        changes = 0
        return !stopping
    }
}
