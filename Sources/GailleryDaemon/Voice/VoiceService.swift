import Foundation
import GailleryAdaptation
import GailleryClassifier
import GailleryCore
import GailleryProtocol
import GaillerySpeech
import GailleryStore
import Logging
import NIOConcurrencyHelpers
import NIOPosix

/// Owns voice for the daemon: the recognizers (loaded on a thread of their own after start-up; a missing
/// model leaves voice methods answering "unavailable" with the reason, and the daemon runs on) behind
/// one bounded `RecognitionQueue`, the grammar's vocabulary kept in step with the index
/// (`VocabularyWatcher`), the browsing sessions commands act on (`SessionStore`), enrollment, and the
/// one microphone capture at a time. The voice handlers decode params, call it, and encode.
///
/// It gets what it uses and no more: the store (what commands read, trash and restore), the event hub
/// (the `photo.deleted` / `photo.restored` events those publish), the voice settings, a thread pool for
/// blocking reads, and where the vocabulary comes from.
package final class VoiceService: Sendable {
    /// What the recognizer is doing.
    enum State: Sendable {
        /// The loader thread is creating the pool.
        case loading
        /// Ready: the recognizers (Moonshine's or pocketsphinx's) and their queue.
        case ready(any CommandRecognizers, RecognitionQueue)
        /// Cannot work, and why (a sentence that says what to do).
        case unavailable(String)
        /// The daemon is stopping.
        case stopped
    }

    /// `adapt` or `forgetEnrollment` was called while another one ran.
    struct EnrollmentBusy: Error {}
    /// `adapt` or `forgetEnrollment` was called while the recognizer loads (or the daemon stops).
    struct NotReady: Error {}
    /// Moonshine was asked for and no models directory was found.
    struct NoModelsDirectory: Error, CustomStringConvertible {
        var description: String { ModelsSearch().notFoundMessage }
    }

    /// Everything that changes, under one lock: short reads and flips, never held across blocking work.
    private struct Shared: Sendable {
        var state = State.loading
        /// Whether the microphone is recording for a request.
        var capturing = false
        /// Whether an enrollment (or its removal) is running.
        var enrolling = false
        /// The voice enrollment in use (or why the one on disk is not).
        var adaptation = SpeakerModelDirectory.State.none
        /// Why Moonshine was asked for and pocketsphinx runs instead (nil otherwise).
        var fallback: String?
        var observation: TagChangeObservation?
    }

    let configuration: VoiceConfiguration
    /// The browsing sessions of voice and typed commands.
    let sessions: SessionStore
    let store: PhotoStore
    let events: EventHub
    let logger: Logger
    private let shared = NIOLockedValueBox(Shared())
    private let watcher: VocabularyWatcher
    private let blockingPool: NIOThreadPool
    /// The taxonomy's search aliases, so "show me photos of kitties" finds what `photos.search kitties` does.
    let aliases: TagAliases

    /// A service that does nothing until `start`; `vocabulary` lists the phrases to recognize. Blocking
    /// reads (audio files, store queries) run on `blockingPool`, which the caller starts and stops.
    init(
        configuration: VoiceConfiguration, store: PhotoStore, events: EventHub, vocabulary: VocabularySource,
        blockingPool: NIOThreadPool, logger: Logger, aliases: TagAliases = TagAliases()
    ) {
        self.aliases = aliases
        self.configuration = configuration
        self.store = store
        self.events = events
        self.blockingPool = blockingPool
        self.logger = logger
        sessions = SessionStore(limit: configuration.sessionLimit) { [events] name, view in
            events.publish(
                EventNotification.Topic.sessionView,
                SessionView(
                    session: name, photos: view.photos.prefix(100).map(\.rawValue), count: view.photos.count,
                    current: view.current?.rawValue))
        }
        watcher = VocabularyWatcher(source: vocabulary, interval: configuration.vocabularyInterval, logger: logger)
    }

    /// Loads the model and the first grammar on a thread of its own, then watches the vocabulary there.
    func start() {
        let watcher = watcher
        let observation = watcher.source.observeChanges { watcher.changed() }
        shared.withLockedValue { $0.observation = observation }
        let thread = Thread { [self] in
            guard let pool = load() else { return }
            watcher.run(pool: pool)
        }
        thread.name = "gaillery-speech"
        thread.start()
    }

    /// Stops the vocabulary thread and the recognizer threads; waiting clips get `RecognitionQueue.Stopped`.
    func stop() {
        let (previous, observation) = shared.withLockedValue { shared in
            defer {
                shared.state = .stopped
                shared.observation = nil
            }
            return (shared.state, shared.observation)
        }
        observation?.cancel()
        watcher.stop()
        if case .ready(_, let queue) = previous { queue.stop() }
    }

    /// The current state.
    var current: State { shared.withLockedValue { $0.state } }

    /// The spoken tag phrases of the current grammar and their tags (empty until the recognizer is ready),
    /// so typed commands split tags the way spoken ones are.
    var phrases: [String: TagName] {
        if case .ready(let pool, _) = current { return pool.phrases }
        return [:]
    }

    /// Speech readiness in `daemon.status`'s form.
    package var readiness: DaemonStatus.Readiness {
        switch current {
        case .ready(let pool, _):
            DaemonStatus.Readiness(
                ready: true, model: "\(pool.name)\(recognizerNote(pool)), \(pool.tagCount) tags")
        case .loading: DaemonStatus.Readiness(ready: false, reason: "the speech recognizer is loading")
        case .unavailable(let reason): DaemonStatus.Readiness(ready: false, reason: reason)
        case .stopped: DaemonStatus.Readiness(ready: false, reason: "the daemon is stopping")
        }
    }

    /// Runs blocking work (file reads, store queries) on the thread pool, off the cooperative pool.
    func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await blockingPool.runIfActive(body)
    }

    /// Claims the one microphone capture; false when another is in progress. Call `endCapture` after.
    func beginCapture() -> Bool {
        shared.withLockedValue { shared in
            defer { shared.capturing = true }
            return !shared.capturing
        }
    }

    /// Releases the microphone claimed by `beginCapture`.
    func endCapture() { shared.withLockedValue { $0.capturing = false } }

    /// Claims enrollment (adapting to a voice or forgetting it). Call `endEnrollment` after.
    ///
    /// - Throws: `EnrollmentBusy` while another one runs.
    func beginEnrollment() throws {
        let claimed = shared.withLockedValue { shared in
            defer { shared.enrolling = true }
            return !shared.enrolling
        }
        guard claimed else { throw EnrollmentBusy() }
    }

    /// Releases the claim of `beginEnrollment`.
    func endEnrollment() { shared.withLockedValue { $0.enrolling = false } }

    /// The voice enrollment in use.
    var adaptation: SpeakerModelDirectory.State {
        get { shared.withLockedValue { $0.adaptation } }
        set { shared.withLockedValue { $0.adaptation = newValue } }
    }

    /// How `readiness` describes the fallback and the voice enrollment.
    private func recognizerNote(_ pool: any CommandRecognizers) -> String {
        guard pool is RecognizerPool else { return "" }
        let fallback = shared.withLockedValue { $0.fallback }
        return (fallback.map { " (Moonshine not used: \($0))" } ?? "") + enrollmentNote
    }

    /// How `readiness` describes the voice enrollment.
    private var enrollmentNote: String {
        switch adaptation {
        case .none: ""
        case .adapted(_, let profile): ", adapted to your voice (\(profile.recordings) recordings)"
        case .unusable(let reason): " (voice enrollment not used: \(reason))"
        }
    }

    /// The recognizers' settings: the enrolled voice's model with the minimums refitted for adapted
    /// models (`RecognizerConfiguration.enrolled`), else the configured model with the defaults.
    func recognizerConfiguration(enrolled model: SpeechModel?) -> RecognizerConfiguration {
        if let model { return .enrolled(model) }
        var recognizer = RecognizerConfiguration()
        recognizer.model = configuration.speechModel
        return recognizer
    }

    /// Creates the recognizers with the current vocabulary (Moonshine's when configured and prepared,
    /// else pocketsphinx's); records why when it cannot.
    private func load() -> (any CommandRecognizers)? {
        let started = ContinuousClock.now
        do {
            let vocabulary = try watcher.source.phrases()
            let size = max(1, configuration.recognizers)
            var pool: any CommandRecognizers
            if configuration.recognizer == .moonshine, let moonshine = loadMoonshine(size: size) {
                pool = moonshine
            } else {
                pool = try loadPocketsphinx(size: size)
            }
            watcher.applied(vocabulary, update: try pool.updateVocabulary(vocabulary))
            let queue = RecognitionQueue(pool: pool, capacity: configuration.queueCapacity)
            let published = shared.withLockedValue { shared -> Bool in
                guard case .loading = shared.state else { return false }
                shared.state = .ready(pool, queue)
                return true
            }
            guard published else {
                queue.stop()
                return nil
            }
            var metadata: Logger.Metadata = [
                "recognizer": "\(pool.name)", "recognizers": "\(pool.size)", "tags": "\(pool.tagCount)",
                "ms": "\(Milliseconds.since(started))",
            ]
            if let pocketsphinx = pool as? RecognizerPool {
                metadata["acoustic scoring"] = "\(pocketsphinx.scoringFallback.map { "pocketsphinx (\($0))" } ?? "own")"
            }
            logger.info("speech recognizer ready", metadata: metadata)
            return pool
        } catch {
            let reason = "speech recognition is not available: \(error)"
            logger.warning("speech recognizer not ready", metadata: ["reason": "\(error)"])
            shared.withLockedValue { shared in
                if case .loading = shared.state { shared.state = .unavailable(reason) }
            }
            return nil
        }
    }

    /// Moonshine's recognizers, or nil (logged, and noted for `daemon.status`) when its model is not
    /// prepared or ONNX Runtime cannot load it: pocketsphinx is then used.
    private func loadMoonshine(size: Int) -> MoonshinePool? {
        do {
            guard let directory = configuration.moonshineDirectory else {
                throw NoModelsDirectory()
            }
            let runtime = try OnnxRuntime.load(
                searchPaths: OnnxRuntime.searchPaths(
                    explicitLibrary: configuration.ortLibrary, modelsDirectory: directory))
            return try MoonshinePool(runtime: runtime, modelsDirectory: directory, size: size)
        } catch {
            logger.warning(
                "Moonshine speech model not available; using pocketsphinx", metadata: ["reason": "\(error)"])
            shared.withLockedValue { $0.fallback = "\(error)" }
            return nil
        }
    }

    /// pocketsphinx's recognizers with the enrolled voice's model when there is a usable one.
    ///
    /// - Throws: `SpeechError` when the base model is missing or pocketsphinx rejects it.
    private func loadPocketsphinx(size: Int) throws -> RecognizerPool {
        try configuration.speechModel.check()
        let recognizer = recognizerConfiguration(enrolled: enrolledModel())
        do {
            return try RecognizerPool(size: size, configuration: recognizer)
        } catch  where recognizer.model != configuration.speechModel {
            let reason = "the enrolled voice's model could not be loaded (\(error)); enroll again (gaillery enroll)"
            logger.warning("voice enrollment not used", metadata: ["reason": "\(reason)"])
            adaptation = .unusable(reason)
            return try RecognizerPool(size: size, configuration: recognizerConfiguration(enrolled: nil))
        }
    }
}
