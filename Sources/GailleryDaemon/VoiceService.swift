import Foundation
import GailleryCore
import GailleryProtocol
import GaillerySpeech
import GailleryStore
import Logging
import NIOConcurrencyHelpers

/// Owns speech recognition for the daemon: loads the recognizer pool on its own thread after start-up
/// (a missing model leaves voice methods answering "unavailable" with the reason, and the daemon runs
/// on), runs recognitions through a bounded `RecognitionQueue`, keeps the grammar's vocabulary in step
/// with the index (`VocabularyWatcher`), and lets one microphone capture run at a time.
package final class VoiceService: Sendable {
    /// What the recognizer is doing.
    enum State: Sendable {
        /// The loader thread is creating the pool.
        case loading
        /// Ready: the pool and its queue.
        case ready(RecognizerPool, RecognitionQueue)
        /// Cannot work, and why (a sentence that says what to do).
        case unavailable(String)
        /// The daemon is stopping.
        case stopped
    }

    let configuration: VoiceConfiguration
    private let state = NIOLockedValueBox(State.loading)
    private let capturing = NIOLockedValueBox(false)
    private let watcher: VocabularyWatcher
    private let observation = NIOLockedValueBox<TagChangeObservation?>(nil)
    private let logger: Logger

    /// A service that does nothing until `start`; `vocabulary` lists the phrases to recognize.
    init(configuration: VoiceConfiguration, vocabulary: VocabularySource, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        watcher = VocabularyWatcher(source: vocabulary, interval: configuration.vocabularyInterval, logger: logger)
    }

    /// Loads the model and the first grammar on a thread of its own, then watches the vocabulary there.
    func start() {
        let watcher = watcher
        observation.withLockedValue { $0 = watcher.source.observeChanges { watcher.changed() } }
        let thread = Thread { [self] in
            guard let pool = load() else { return }
            watcher.run(pool: pool)
        }
        thread.name = "gaillery-speech"
        thread.start()
    }

    /// Stops the vocabulary thread and the recognizer threads; waiting clips get `RecognitionQueue.Stopped`.
    func stop() {
        let previous = state.withLockedValue { state -> State in
            defer { state = .stopped }
            return state
        }
        observation.withLockedValue { observation in
            observation?.cancel()
            observation = nil
        }
        watcher.stop()
        if case .ready(_, let queue) = previous { queue.stop() }
    }

    /// The current state.
    var current: State { state.withLockedValue { $0 } }

    /// The spoken tag phrases of the current grammar and their tags (empty until the recognizer is ready),
    /// so typed commands split tags the way spoken ones are.
    var phrases: [String: TagName] {
        if case .ready(let pool, _) = current { return pool.currentGrammar.phrases }
        return [:]
    }

    /// Speech readiness in `daemon.status`'s form.
    package var readiness: DaemonStatus.Readiness {
        switch current {
        case .ready(let pool, _):
            DaemonStatus.Readiness(ready: true, model: "pocketsphinx en-us, \(pool.currentGrammar.tags.count) tags")
        case .loading: DaemonStatus.Readiness(ready: false, reason: "the speech recognizer is loading")
        case .unavailable(let reason): DaemonStatus.Readiness(ready: false, reason: reason)
        case .stopped: DaemonStatus.Readiness(ready: false, reason: "the daemon is stopping")
        }
    }

    /// Claims the one microphone capture; false when another is in progress. Call `endCapture` after.
    func beginCapture() -> Bool {
        capturing.withLockedValue { busy in
            defer { busy = true }
            return !busy
        }
    }

    /// Releases the microphone claimed by `beginCapture`.
    func endCapture() { capturing.withLockedValue { $0 = false } }

    /// Creates the pool with the current vocabulary; records why when it cannot.
    private func load() -> RecognizerPool? {
        let started = ContinuousClock.now
        do {
            try configuration.speechModel.check()
            var recognizer = RecognizerConfiguration()
            recognizer.model = configuration.speechModel
            let vocabulary = try watcher.source.phrases()
            let pool = try RecognizerPool(
                size: max(1, configuration.recognizers), vocabulary: vocabulary, configuration: recognizer)
            try pool.prepareAll()
            watcher.applied(vocabulary, grammar: pool.currentGrammar)
            let queue = RecognitionQueue(pool: pool, capacity: configuration.queueCapacity)
            let published = state.withLockedValue { state -> Bool in
                guard case .loading = state else { return false }
                state = .ready(pool, queue)
                return true
            }
            guard published else {
                queue.stop()
                return nil
            }
            logger.info(
                "speech recognizer ready",
                metadata: [
                    "recognizers": "\(pool.size)", "tags": "\(pool.currentGrammar.tags.count)",
                    "ms": "\(Milliseconds.since(started))",
                ])
            return pool
        } catch {
            let reason = "speech recognition is not available: \(error)"
            logger.warning("speech recognizer not ready", metadata: ["reason": "\(error)"])
            state.withLockedValue { state in
                if case .loading = state { state = .unavailable(reason) }
            }
            return nil
        }
    }
}
