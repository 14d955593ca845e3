import Foundation
import GailleryAudio
import GailleryClassifier
import GailleryCore
import GailleryTestSupport
import Testing

@testable import GaillerySpeech

/// The converted Moonshine model (`make models`) and ONNX Runtime, loaded once for every test here.
enum MoonshineFixture {
    static let modelsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("models")

    static let available = (try? MoonshineModel.locate(in: modelsDirectory)) != nil
    static let skipReason: Comment = "needs the converted Moonshine model: run `make models`"

    static let recognizer: Result<MoonshineRecognizer, any Error> = Result {
        let paths = OnnxRuntime.searchPaths(environment: [:], modelsDirectory: modelsDirectory)
        return try MoonshineRecognizer(runtime: OnnxRuntime.load(searchPaths: paths), modelsDirectory: modelsDirectory)
    }

    static let grammar = MoonshineGrammar(vocabulary: SpeechVocabulary.phrases)

    /// `text` from flite's `voice` as 16 kHz mono with 0.3 s of silence around it.
    static func flite(_ text: String, voice: String) throws -> [Float] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gaillery-flite-\(UUID()).wav").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Shell.run(
            #"flite -voice "$1" -t "$2" -o "$3.raw.wav" && sox -V1 "$3.raw.wav" -r 16000 -c 1 -b 16 "$3" pad 0.3 0.3; "#
                + #"s=$?; rm -f "$3.raw.wav"; exit $s"#, [voice, text, path])
        return try WAVReader.read(Array(try Data(contentsOf: URL(fileURLWithPath: path)))).samples
    }
}

@Suite struct MoonshineTokenizerTests {
    @Test func readsOneAndTwoByteLengths() throws {
        var data: [UInt8] = [5] + Array("<unk>".utf8) + [3] + Array("<s>".utf8) + [4] + Array("</s>".utf8)
        for byte in 0...255 { data += [1, UInt8(byte)] }
        let long = [UInt8](repeating: UInt8(ascii: "a"), count: 200)
        data += [0xC8, 0x01] + long  // 200 = 0x48 | 1 << 7, as a two-byte varint
        data += [5] + Array("\u{2581}ok".utf8)  // "▁" is three bytes
        let tokenizer = try MoonshineTokenizer(data: data)
        #expect(tokenizer.count == 3 + 256 + 2)
        #expect(tokenizer.pieces[259] == long)
        #expect(tokenizer.decode([260, 3 + 0x21]) == "ok!")
        #expect(tokenizer.decode([MoonshineTokenizer.bos, 260, MoonshineTokenizer.eos]) == "ok")
    }

    @Test func refusesATruncatedFile() {
        #expect(throws: SpeechError.self) { try MoonshineTokenizer(data: [5] + Array("<un".utf8)) }
    }

    @Test(.enabled(if: MoonshineFixture.available, MoonshineFixture.skipReason))
    func readsTheRealVocabulary() throws {
        let model = try MoonshineModel.locate(in: MoonshineFixture.modelsDirectory)
        let tokenizer = try MoonshineTokenizer(contentsOf: model.tokenizer)
        #expect(tokenizer.count == 32_000)
        #expect(tokenizer.decode([MoonshineTokenizer.byteTokens.lowerBound + 0x41]) == "A")
    }
}

@Suite struct MoonshineGraphTests {
    @Test func acceptsOnlyTheSentences() {
        let graph = WordGraph(sentences: ["next", "next photo", "go back"])
        #expect(graph.accepts("next"))
        #expect(graph.accepts(" Next photo."))
        #expect(graph.accepts("Go back!"))
        #expect(!graph.accepts("go"))
        #expect(!graph.accepts("next photos"))
        #expect(!graph.accepts("nextphoto"))
        #expect(graph.advance(graph.start, text: "go ba").isEmpty == false)
        #expect(graph.advance(graph.start, text: "go bo").isEmpty)
    }

    @Test(arguments: [
        "show me photos of dogs", "show me pictures of golden retrievers and cats", "find images of pizza",
        "search for teddy bears", "how many photos of cats do i have", "how many pictures of fish", "next",
        "next photo", "previous image", "go back", "close the gallery", "show me the latest photos",
        "show all pictures", "delete this photo", "undo",
    ])
    func commandGrammarAllowsTheSpokenTemplates(_ sentence: String) {
        #expect(MoonshineFixture.grammar.graph.accepts(sentence))
        #expect(MoonshineFixture.grammar.parse(sentence).intent != .none)
    }

    @Test(arguments: [
        "show me photos of", "show me photos of dragons", "next tuesday", "undo your seatbelt", "delete", "go",
        "show me photos of dogs and cats and birds",
    ])
    func commandGrammarRefusesOtherSentences(_ sentence: String) {
        #expect(!MoonshineFixture.grammar.graph.accepts(sentence))
    }

    @Test func anyTypedTagCanBeSaidWithoutADictionary() {
        let grammar = MoonshineGrammar(vocabulary: ["szechuan noodle", "dog"])
        #expect(grammar.graph.accepts("show me photos of szechuan noodles"))
        #expect(grammar.parse("show me photos of szechuan noodles").tags == [try! TagName("szechuan noodle")])
    }

    @Test func tokenMatcherOffersOnlyTokensThatStayInTheGrammar() throws {
        var data: [UInt8] = [5] + Array("<unk>".utf8) + [3] + Array("<s>".utf8) + [4] + Array("</s>".utf8)
        for byte in 0...255 { data += [1, UInt8(byte)] }
        let pieces = ["\u{2581}Next", "\u{2581}next", "\u{2581}ne", "xt", "\u{2581}photo", ".", "\u{2581}go"]
        for piece in pieces { data += [UInt8(piece.utf8.count)] + Array(piece.utf8) }
        let tokenizer = try MoonshineTokenizer(data: data)
        let graph = WordGraph(sentences: ["next", "next photo"])
        let matcher = TokenMatcher(tokenizer: tokenizer, graph: graph)
        let first = Set(matcher.candidates(after: graph.start).map { tokenizer.decode([$0.token]) })
        #expect(first.isSuperset(of: ["Next", "next", "ne", "n", "N", ""]))  // "" is the space byte, trimmed
        #expect(!first.contains("xt") && !first.contains("photo") && !first.contains("go"))
        let afterNext = graph.advance(graph.start, text: " next")
        let second = Set(matcher.candidates(after: afterNext).map { tokenizer.decode([$0.token]) })
        #expect(second.isSuperset(of: ["photo", ".", ""]))
        #expect(!second.contains("go") && !second.contains("xt"))
    }
}

@Suite(.enabled(if: MoonshineFixture.available && SpeechClips.available, MoonshineFixture.skipReason))
struct MoonshineRecognizerTests {
    @Test(arguments: [
        ("show me photos of dogs", Intent.search, ["dog"]), ("next", .next, []), ("close the gallery", .close, []),
        ("how many pictures of cats do i have", .count, ["cat"]), ("undo", .undo, []),
    ])
    func recognizesEspeakCommands(_ text: String, _ intent: Intent, _ tags: [String]) throws {
        let recognizer = try MoonshineFixture.recognizer.get()
        let audio = try SpeechClips.speech(text, voice: "en-us", speed: 150)
        let result = try recognizer.recognize(samples: audio.samples, grammar: MoonshineFixture.grammar)
        #expect(result.intent.intent == intent, "\(result)")
        #expect(result.intent.tags.map(\.rawValue) == tags)
        #expect(result.transcript == text)
    }

    @Test(arguments: [("show me pictures of golden retrievers", Intent.search), ("go back", .previous)])
    func recognizesFliteCommands(_ text: String, _ intent: Intent) throws {
        let recognizer = try MoonshineFixture.recognizer.get()
        let samples = try MoonshineFixture.flite(text, voice: "slt")
        let result = try recognizer.recognize(samples: samples, grammar: MoonshineFixture.grammar)
        #expect(result.intent.intent == intent, "\(result)")
        #expect(result.transcript == text)
    }

    @Test(arguments: ["the weather is nice today", "next tuesday works for me", "undo your seatbelt please"])
    func rejectsSpeechOutsideTheGrammar(_ text: String) throws {
        let recognizer = try MoonshineFixture.recognizer.get()
        let audio = try SpeechClips.speech(text, voice: "en-us", speed: 150)
        let result = try recognizer.recognize(samples: audio.samples, grammar: MoonshineFixture.grammar)
        #expect(result.intent.intent == .none, "\(result)")
        #expect(!result.heard.isEmpty)
    }

    @Test func rejectsNoise() throws {
        let recognizer = try MoonshineFixture.recognizer.get()
        let noise = SpeechClips.noise(seconds: 2, level: 0.05)
        let result = try recognizer.recognize(samples: noise.samples, grammar: MoonshineFixture.grammar)
        #expect(result.intent.intent == .none, "\(result)")
    }
}
