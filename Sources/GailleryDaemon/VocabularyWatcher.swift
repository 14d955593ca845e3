import Foundation
import GaillerySpeech
import Logging

/// Keeps the recognizer's grammar in step with the index: every `interval` seconds it reads the
/// vocabulary (`VocabularySource`, a cheap read), and when it differs from the grammar's and has stayed
/// the same for one more interval (or has kept changing for five), rebuilds the grammar and compiles it
/// into the idle recognizers. A burst of classifications or tag edits thus costs one rebuild.
///
/// Runs on the voice service's thread. `stopping` is guarded by `condition`; the other state is only
/// touched by that thread (`@unchecked Sendable`).
final class VocabularyWatcher: @unchecked Sendable {
    /// Where the phrases come from.
    let source: VocabularySource
    private let interval: Double
    private let logger: Logger
    private let condition = NSCondition()
    private var stopping = false
    private var current: Set<String> = []
    private var pending: (phrases: Set<String>, since: ContinuousClock.Instant)?

    /// A watcher polling `source` every `interval` seconds.
    init(source: VocabularySource, interval: Double, logger: Logger) {
        self.source = source
        self.interval = max(0.05, interval)
        self.logger = logger
    }

    /// Records that `grammar` was built from `phrases`, and logs what it left out.
    func applied(_ phrases: [String], grammar: CommandGrammar) {
        current = Set(phrases)
        pending = nil
        for dropped in grammar.dropped {
            logger.debug("vocabulary phrase left out of the speech grammar", metadata: ["reason": "\(dropped.reason)"])
        }
        logger.info(
            "speech vocabulary applied",
            metadata: [
                "phrases": "\(phrases.count)", "tags": "\(grammar.tags.count)", "left out": "\(grammar.dropped.count)",
            ])
    }

    /// Polls until `stop`, rebuilding `pool`'s grammar when the vocabulary changes.
    func run(pool: RecognizerPool) {
        while sleep() {
            do {
                try poll(pool)
            } catch {
                logger.warning("could not update the speech vocabulary", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Makes `run` return after its current poll.
    func stop() {
        condition.withLock {
            stopping = true
            condition.broadcast()
        }
    }

    private func poll(_ pool: RecognizerPool) throws {
        let phrases = try source.phrases()
        let set = Set(phrases)
        guard set != current else {
            pending = nil
            return
        }
        let now = ContinuousClock.now
        if let pending, pending.phrases == set || now - pending.since >= .seconds(interval * 5) {
            let grammar = pool.setVocabulary(phrases)
            try pool.prepareAll()
            applied(phrases, grammar: grammar)
        } else {
            pending = (set, pending?.since ?? now)
        }
    }

    /// Waits one interval; false once stopping.
    private func sleep() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date(timeIntervalSinceNow: interval)
        while !stopping, condition.wait(until: deadline) {}
        return !stopping
    }
}
