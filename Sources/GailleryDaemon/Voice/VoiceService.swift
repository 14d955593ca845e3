import Foundation
import GailleryAdaptation
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

    /// `enroll` or `forget` was called while another one ran.
    struct EnrollmentBusy: Error {}
    /// `enroll` or `forget` was called while the recognizer loads (or the daemon stops).
    struct NotReady: Error {}

    let configuration: VoiceConfiguration
    private let state = NIOLockedValueBox(State.loading)
    private let capturing = NIOLockedValueBox(false)
    /// The voice enrollment in use (or why the one on disk is not).
    private let adaptation = NIOLockedValueBox(SpeakerModelDirectory.State.none)
    private let enrolling = NIOLockedValueBox(false)
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
            DaemonStatus.Readiness(
                ready: true, model: "pocketsphinx en-us\(enrollmentNote), \(pool.currentGrammar.tags.count) tags")
        case .loading: DaemonStatus.Readiness(ready: false, reason: "the speech recognizer is loading")
        case .unavailable(let reason): DaemonStatus.Readiness(ready: false, reason: reason)
        case .stopped: DaemonStatus.Readiness(ready: false, reason: "the daemon is stopping")
        }
    }

    /// How `readiness` describes the voice enrollment.
    private var enrollmentNote: String {
        switch adaptation.withLockedValue({ $0 }) {
        case .none: ""
        case .adapted(_, let profile): ", adapted to your voice (\(profile.recordings) recordings)"
        case .unusable(let reason): " (voice enrollment not used: \(reason))"
        }
    }

    /// Adapts the recognizers to the speaker of `recordings` (see `SpeakerAdapter`), installs the model
    /// in `speakerDirectory`, and switches every recognizer to it. Blocking (seconds): call it off the
    /// event loops. Returns the report and the milliseconds the switch took.
    ///
    /// - Throws: `NotReady`, `EnrollmentBusy`, `AdaptationError`, or `SpeechError` when the adapted model
    ///   cannot be loaded (it is then removed and the recognizers keep the model they had).
    func enroll(_ recordings: [EnrollmentRecording]) throws -> (AdaptationReport, Double) {
        guard case .ready(let pool, _) = current, let directory = configuration.speakerDirectory else {
            throw NotReady()
        }
        try claimEnrollment()
        defer { enrolling.withLockedValue { $0 = false } }
        let place = SpeakerModelDirectory(directory: directory)
        let adapter = SpeakerAdapter(base: configuration.speechModel, tools: configuration.adaptationTools)
        let report = try adapter.adapt(recordings, into: place)
        let started = ContinuousClock.now
        do {
            try pool.reconfigure(recognizerConfiguration(enrolled: report.model))
        } catch {
            _ = try? place.remove()
            adaptation.withLockedValue { $0 = .none }
            throw error
        }
        adaptation.withLockedValue { $0 = .adapted(report.model, report.profile) }
        logger.notice(
            "speech recognizer adapted to the enrolled voice",
            metadata: [
                "recordings": "\(report.profile.recordings)", "fit before": "\(report.profile.fitBefore)",
                "fit after": "\(report.profile.fitAfter)",
            ])
        return (report, Milliseconds.since(started))
    }

    /// Removes the voice enrollment and returns the recognizers to the base model; false when there was
    /// none. Blocking.
    ///
    /// - Throws: `NotReady` while the recognizer loads, `EnrollmentBusy`, or the error of reloading.
    func forget() throws -> Bool {
        guard let directory = configuration.speakerDirectory else { return false }
        let pool: RecognizerPool?
        switch current {
        case .ready(let ready, _): pool = ready
        case .unavailable: pool = nil
        case .loading, .stopped: throw NotReady()
        }
        try claimEnrollment()
        defer { enrolling.withLockedValue { $0 = false } }
        if let pool, pool.model != configuration.speechModel {
            try pool.reconfigure(recognizerConfiguration(enrolled: nil))
        }
        adaptation.withLockedValue { $0 = .none }
        return try SpeakerModelDirectory(directory: directory).remove()
    }

    private func claimEnrollment() throws {
        let claimed = enrolling.withLockedValue { busy in
            defer { busy = true }
            return !busy
        }
        guard claimed else { throw EnrollmentBusy() }
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

    /// The model adapted by an earlier `voice.enroll`, if one is installed and usable; records what was found.
    private func enrolledModel() -> SpeechModel? {
        guard let directory = configuration.speakerDirectory else { return nil }
        let place = SpeakerModelDirectory(directory: directory)
        place.removeStrays()
        let found = place.load(base: configuration.speechModel)
        adaptation.withLockedValue { $0 = found }
        switch found {
        case .adapted(let model, _): return model
        case .unusable(let reason):
            logger.warning("voice enrollment not used", metadata: ["reason": "\(reason)"])
            return nil
        case .none: return nil
        }
    }

    /// The recognizers' settings: the enrolled voice's model with the minimums refitted for adapted
    /// models (`RecognizerConfiguration.enrolled`), else the configured model with the defaults.
    private func recognizerConfiguration(enrolled model: SpeechModel?) -> RecognizerConfiguration {
        if let model { return .enrolled(model) }
        var recognizer = RecognizerConfiguration()
        recognizer.model = configuration.speechModel
        return recognizer
    }

    /// Creates the pool with the current vocabulary; records why when it cannot.
    private func load() -> RecognizerPool? {
        let started = ContinuousClock.now
        do {
            try configuration.speechModel.check()
            var recognizer = recognizerConfiguration(enrolled: enrolledModel())
            let vocabulary = try watcher.source.phrases()
            let pool: RecognizerPool
            do {
                pool = try RecognizerPool(
                    size: max(1, configuration.recognizers), vocabulary: vocabulary, configuration: recognizer)
            } catch where recognizer.model != configuration.speechModel {
                let reason = "the enrolled voice's model could not be loaded (\(error)); enroll again (gaillery enroll)"
                logger.warning("voice enrollment not used", metadata: ["reason": "\(reason)"])
                adaptation.withLockedValue { $0 = .unusable(reason) }
                recognizer = recognizerConfiguration(enrolled: nil)
                pool = try RecognizerPool(
                    size: max(1, configuration.recognizers), vocabulary: vocabulary, configuration: recognizer)
            }
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
                    "acoustic scoring": "\(pool.scoringFallback.map { "pocketsphinx (\($0))" } ?? "own")",
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
