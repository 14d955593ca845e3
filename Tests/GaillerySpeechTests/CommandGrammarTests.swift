import GailleryCore
import Testing

@testable import GaillerySpeech

/// Grammar generation: dictionary filtering, spoken forms, JSGF text, and pocketsphinx compiling it.
@Suite struct CommandGrammarTests {
    static let dictionary = PronunciationDictionary(words: [
        "dog", "dogs", "golden", "retriever", "retrievers", "noodle", "t", "shirt", "shirts", "person", "people",
        "bus", "buses", "cafe", "cafes", "cat",
    ])

    @Test func keepsPronounceablePhrasesWithPlurals() {
        let grammar = CommandGrammar(
            vocabulary: ["Dogs", "golden_retriever", "t-shirt", "person", "bus", "Café"],
            dictionary: Self.dictionary
        )
        let phrases = grammar.phrases.mapValues(\.rawValue)
        #expect(phrases["dog"] == "dog" && phrases["dogs"] == "dog")
        #expect(phrases["golden retriever"] == "golden retriever" && phrases["golden retrievers"] == "golden retriever")
        #expect(phrases["t shirt"] == "t-shirt" && phrases["t shirts"] == "t-shirt")
        #expect(phrases["people"] == "person" && phrases["buses"] == "bus")
        #expect(phrases["cafe"] == "café")
        #expect(grammar.dropped.isEmpty)
        #expect(grammar.tags.count == 6)
    }

    @Test func dropsPhrasesWithUnknownWordsAndSaysWhy() {
        let grammar = CommandGrammar(
            vocabulary: ["szechuan noodle", "4x4", "dog", "", "xylophones"],
            dictionary: Self.dictionary
        )
        #expect(grammar.dropped.map(\.phrase) == ["szechuan noodle", "4x4", "", "xylophones"])
        #expect(grammar.dropped[0].missingWords == ["szechuan"])
        #expect(grammar.dropped[0].reason.contains("\"szechuan\" is not in the pronunciation dictionary"))
        #expect(grammar.dropped[1].reason.contains("cannot be spoken"))
        #expect(grammar.dropped[2].reason.contains("not a valid tag"))
        #expect(grammar.dropped[3].missingWords == ["xylophone"])
        #expect(Set(grammar.phrases.keys) == ["dog", "dogs"])
    }

    @Test func jsgfListsCommandsAndTags() {
        let grammar = CommandGrammar(vocabulary: ["dog", "cat"], dictionary: Self.dictionary)
        #expect(grammar.jsgf.hasPrefix("#JSGF V1.0;\ngrammar gaillery;\npublic <command> = "))
        #expect(grammar.jsgf.contains("(show me <photos> of <tags>)"))
        #expect(grammar.jsgf.contains("<tags> = <tag> [(and | or) <tag>];"))
        #expect(grammar.jsgf.contains("<tag> = dog\n    | dogs\n    | cat"))
        let empty = CommandGrammar(vocabulary: [], dictionary: Self.dictionary)
        #expect(!empty.jsgf.contains("<tags>") && empty.jsgf.contains("(undo)"))
    }

    @Test(.enabled(if: SpeechClips.modelInstalled, SpeechClips.skipReason))
    func everyGrammarWordIsInCmudict() throws {
        let dictionary = try PronunciationDictionary(contentsOf: SpeechModel.debianEnUS.dictionary)
        #expect(dictionary.words.count > 120_000)
        let grammar = CommandGrammar(vocabulary: SharedPool.vocabulary, dictionary: dictionary)
        #expect(grammar.dropped.isEmpty)
        #expect(grammar.words.subtracting(dictionary.words).isEmpty)
    }

    @Test(.enabled(if: SpeechClips.modelInstalled, SpeechClips.skipReason))
    func pocketsphinxCompilesTheGrammar() throws {
        let recognizer = try Recognizer()
        let dictionary = try PronunciationDictionary(contentsOf: SpeechModel.debianEnUS.dictionary)
        try recognizer.prepare(CommandGrammar(vocabulary: SharedPool.vocabulary, dictionary: dictionary))
        try recognizer.prepare(CommandGrammar(vocabulary: [], dictionary: dictionary))
    }

    @Test func missingDictionaryIsAClearError() {
        #expect {
            try PronunciationDictionary(contentsOf: "/nonexistent/cmudict.dict")
        } throws: { error in
            (error as? SpeechError)?.description.contains("apt-get install pocketsphinx-en-us") == true
        }
    }
}
