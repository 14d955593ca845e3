import Foundation

/// The phone-loop decoder and a long-lived thread of its own, so that the phone loop searches an
/// utterance's senone scores while the grammar decoder, on the recognizer's thread, still produces them.
///
/// One job at a time: `start` hands over a pipe's read end; the thread runs the search on it, reads the
/// pipe to its end (also when the search fails, so the writer never blocks on a full pipe), closes it
/// and posts the result, which `finish` waits for. The job always ends because its writer, the grammar
/// decoder, always closes the pipe in `ps_end_utt` (`SphinxDecoder.decode` ends every utterance).
///
/// `@unchecked Sendable`: the pocketsphinx decoder is used by the worker thread only between `start`
/// and the posted result, and by the owner (`decode(senoneScoresAt:)`) only when no job runs (the
/// owning `CommandDecoder` is serialised by its recognizer's lock); `job`, `result`, `busy` and
/// `stopping` are only touched with `condition` held.
final class PhoneLoopWorker: @unchecked Sendable {
    private let decoder: SphinxDecoder
    private let condition = NSCondition()
    private var job: (descriptor: Int32, frames: Int)?
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

    /// Starts searching the senone scores arriving in the pipe `descriptor` (blocking read end, taken
    /// over), `frames` frames long; `finish` gives the result.
    func start(reading descriptor: Int32, frames: Int) {
        condition.withLock {
            precondition(!busy, "PhoneLoopWorker: a search is already running")
            busy = true
            job = (descriptor, frames)
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

    /// Searches the senone scores in the file at `path` on the calling thread (only when no job runs).
    ///
    /// - Throws: `SpeechError` when the file cannot be read or pocketsphinx fails.
    func decode(senoneScoresAt path: String, frames: Int) throws -> SphinxHypothesis {
        precondition(!condition.withLock { busy }, "PhoneLoopWorker: a search is already running")
        return try decoder.decode(senoneScoresAt: path, frames: frames)
    }

    private func run() {
        while true {
            let next = condition.withLock { () -> (descriptor: Int32, frames: Int)? in
                while job == nil && !stopping { condition.wait() }
                defer { job = nil }
                return job
            }
            guard let next else { return }
            let outcome = Result { try decoder.decode(senoneScoresFrom: next.descriptor, frames: next.frames) }
            condition.withLock {
                result = outcome
                condition.broadcast()
            }
        }
    }
}
