import Foundation

/// The phone-loop decoder and a long-lived thread of its own, so that the phone loop searches an
/// utterance's senone scores while the recognizer's thread still produces them (`SenoneScorer`, or the
/// grammar decoder when pocketsphinx scores).
///
/// One job at a time: `start` hands over a `SenoneLog` the scorer is writing, or a pipe's read end;
/// the thread runs the search on it and posts the result, which `finish` waits for. Both jobs always
/// end: the scorer closes its log when it finishes or fails, and the grammar decoder closes the pipe in
/// `ps_end_utt` (`SphinxDecoder.decode` ends every utterance). A pipe is read to its end (also when the
/// search fails, so the writer never blocks on a full pipe) and closed.
///
/// `@unchecked Sendable`: the pocketsphinx decoder is used by the worker thread only between `start`
/// and the posted result, and by the owner (`decode(_:)`, `decode(senoneScoresAt:)`) only when no job runs (the
/// owning `CommandDecoder` is serialised by its recognizer's lock); `job`, `result`, `busy` and
/// `stopping` are only touched with `condition` held.
final class PhoneLoopWorker: @unchecked Sendable {
    private let decoder: SphinxDecoder
    private let condition = NSCondition()
    private var job: Job?
    private var result: Result<SphinxHypothesis, any Error>?
    private var busy = false
    private var stopping = false

    /// Starts the thread that will run `decoder`'s searches.
    init(decoder: SphinxDecoder) {
        self.decoder = decoder
        let thread = Thread { [self] in run() }
        thread.name = "gaillery-phone-loop"
        thread.start()
    }

    /// Lets the thread end once it has no job (it holds the worker until then); call from the owner's
    /// `deinit`.
    func stop() {
        condition.withLock {
            stopping = true
            condition.broadcast()
        }
    }

    /// What the thread searches: a pipe pocketsphinx writes scores into, or scores already computed.
    private enum Job {
        case pipe(descriptor: Int32, frames: Int)
        case log(SenoneLog)
    }

    /// Starts searching the senone scores arriving in the pipe `descriptor` (blocking read end, taken
    /// over), `frames` frames long; `finish` gives the result.
    func start(reading descriptor: Int32, frames: Int) { post(.pipe(descriptor: descriptor, frames: frames)) }

    /// Starts searching the senone scores in `log`; `finish` gives the result.
    func start(searching log: SenoneLog) { post(.log(log)) }

    private func post(_ next: Job) {
        condition.withLock {
            precondition(!busy, "PhoneLoopWorker: a search is already running")
            busy = true
            job = next
            condition.broadcast()
        }
    }

    /// Waits for the search `start` began and returns its best path.
    ///
    /// - Throws: `SpeechError` when pocketsphinx failed.
    func finish() throws -> SphinxHypothesis {
        let outcome = condition.withLock { () -> Result<SphinxHypothesis, any Error> in
            while result == nil { condition.wait() }
            defer {
                result = nil
                busy = false
            }
            return result!
        }
        return try outcome.get()
    }

    /// Searches the senone scores in `log` on the calling thread (only when no job runs).
    ///
    /// - Throws: `SpeechError` when pocketsphinx fails.
    func decode(_ log: SenoneLog) throws -> SphinxHypothesis {
        precondition(!condition.withLock { busy }, "PhoneLoopWorker: a search is already running")
        return try decoder.decode(senoneLog: log)
    }

    /// Searches the senone scores in the file at `path` on the calling thread (only when no job runs).
    ///
    /// - Throws: `SpeechError` when the file cannot be read or pocketsphinx fails.
    func decode(senoneScoresAt path: String, frames: Int) throws -> SphinxHypothesis {
        precondition(!condition.withLock { busy }, "PhoneLoopWorker: a search is already running")
        return try decoder.decode(senoneScoresAt: path, frames: frames)
    }

    private func run() {
        while true {
            let next = condition.withLock { () -> Job? in
                while job == nil && !stopping { condition.wait() }
                defer { job = nil }
                return job
            }
            guard let next else { return }
            let outcome = Result {
                switch next {
                case .pipe(let descriptor, let frames): try decoder.decode(senoneScoresFrom: descriptor, frames: frames)
                case .log(let log): try decoder.decode(senoneLog: log)
                }
            }
            condition.withLock {
                result = outcome
                condition.broadcast()
            }
        }
    }
}
