import GailleryCore
import GailleryTestSupport

/// The clip set of `gaillery-bench speech`: what a clip is, the voices, the vocabulary, the spoken tags
/// and the out-of-grammar sentences.
extension SpeechBenchmark {
    /// One clip of the set and what it should give.
    struct Clip {
        /// File name in the set's directory.
        var name: String
        /// "target", "stress", "oog" or "noise".
        var set: String
        /// What espeak-ng says (or "noise", "silence").
        var text: String
        /// The expected intent (`none` for out-of-grammar speech and noise).
        var intent: Intent
        /// The expected canonical tags.
        var tags: [String]
        /// espeak-ng voice.
        var voice: String
        /// Words per minute.
        var speed: Int
        /// White-noise SNR in dB; nil for clean.
        var snr: Double?

        /// The clip as a manifest line: name, set, intent, tags, text, voice, speed, SNR (tab-separated).
        var line: String {
            [
                name, set, intent.rawValue, tags.joined(separator: ","), text, voice, String(speed),
                snr.map { String($0) } ?? "-",
            ]
            .joined(separator: "\t")
        }

        /// A clip description.
        init(
            name: String, set: String, text: String, intent: Intent, tags: [String], voice: String, speed: Int,
            snr: Double?
        ) {
            (self.name, self.set, self.text, self.intent, self.tags) = (name, set, text, intent, tags)
            (self.voice, self.speed, self.snr) = (voice, speed, snr)
        }

        /// Parses a manifest line written by `line`.
        init(line: String) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            self.init(
                name: fields[0], set: fields[1], text: fields[4], intent: Intent(rawValue: fields[2]) ?? .none,
                tags: fields[3].split(separator: ",").map(String.init), voice: fields[5], speed: Int(fields[6]) ?? 0,
                snr: Double(fields[7]))
        }
    }

    /// US English voices of the target set.
    static let targetVoices = [
        "en-us", "en-us+m3", "en-us+f2", "en-us+m7", "en-us+f3", "en-us-nyc", "en-us+m1", "en-us+f4", "en-us+f5",
    ]
    /// British and Caribbean voices of the stress set.
    static let stressVoices = ["en-gb", "en-gb-x-rp", "en-gb-scotland", "en-029"]
    /// The grammar vocabulary (shared with the speech tests).
    static let vocabulary = SpeechVocabulary.phrases
    /// Tags as spoken in commands (singular, plural).
    static let spokenTags: [(String, String)] = [
        ("dog", "dogs"), ("cat", "cats"), ("bird", "birds"), ("car", "cars"), ("beach", "beaches"),
        ("mountain", "mountains"), ("flower", "flowers"), ("boat", "boats"), ("bicycle", "bicycles"),
        ("golden retriever", "golden retrievers"), ("pizza", "pizzas"), ("person", "people"), ("bus", "buses"),
        ("train", "trains"), ("food", "food"), ("lake", "lakes"), ("bridge", "bridges"), ("shoe", "shoes"),
        ("teddy bear", "teddy bears"), ("fish", "fish"), ("truck", "trucks"), ("animal", "animals"),
        ("fruit", "fruit"), ("coffee", "coffee"), ("building", "buildings"), ("computer", "computers"),
        ("camera", "cameras"), ("clock", "clocks"), ("toy", "toys"), ("sea", "sea"),
    ]
    /// Sentences that are not commands (several share words with commands).
    static let outOfGrammar = [
        "what's on my calendar today", "start a timer for ten minutes", "call the office", "lock the front door",
        "dim the kitchen lights", "what day is it", "sing me a song", "good morning", "text Sarah that I'm late",
        "close the window", "go back to sleep", "next year we will travel", "delete the file", "undo my changes",
        "show me how to cook rice", "find a hotel in Paris", "search for a new job", "how many miles to Boston",
        "I need a taxi", "she sells sea shells by the sea shore", "all that glitters is not gold",
        "remind me to water the plants", "are you listening", "who wrote Hamlet", "show me your hands",
        "let's take a photo together", "the cat sat on the mat", "my pictures are on the computer",
        "turn on the television", "check my messages", "book a table for two", "where did I park the car",
        "the art gallery is closed on monday", "these images are blurry", "never mind", "thank you very much",
        "once upon a time there was a princess", "the early bird catches the worm", "take me to the airport",
        "find the nearest pharmacy",
    ]
}
