import Foundation
import GailleryAudio
import GailleryCore
import Testing

@testable import GaillerySpeech

/// The recognizer on speech generated at test time: commands for every intent in several US English
/// voices, speeds and noise levels; out-of-grammar sentences, noise and silence.
@Suite(.enabled(if: SpeechClips.available, SpeechClips.skipReason))
struct RecognizerTests {
    /// (text, intent, tags) for every intent.
    static let commands: [(String, Intent, [String])] = [
        ("show me photos of dogs", .search, ["dog"]), ("find pictures of cats and birds", .search, ["cat", "bird"]),
        ("search for golden retrievers", .search, ["golden retriever"]),
        ("how many images of boats do I have", .count, ["boat"]), ("next photo", .next, []),
        ("go back", .previous, []), ("close the gallery", .close, []), ("show me the latest pictures", .latest, []),
        ("show all photos", .all, []), ("delete this picture", .delete, []), ("undo", .undo, []),
        ("previous image", .previous, []),
    ]

    /// (voice, speed in words/min, SNR in dB or nil for clean).
    static let conditions: [(String, Int, Double?)] = [
        ("en-us", 160, nil), ("en-us+m3", 180, nil), ("en-us+f2", 150, 30), ("en-us+m7", 190, 20),
        ("en-us-nyc", 170, nil), ("en-us+m1", 150, 30), ("en-us+f5", 170, 20), ("en-us+f3", 140, 30),
    ]

    static let outOfGrammar = [
        "what's the weather tomorrow", "play some music", "call my mother", "turn off the lights",
        "tell me a joke", "send a message to John", "the quick brown fox jumps over the lazy dog",
        "set an alarm for seven", "what is the capital of France", "order a pizza", "read my emails",
        "where is my phone", "close the window", "delete the file", "find a hotel in Paris", "show me your hands",
    ]

    /// Every command in every condition. On this fixed set the recognizer understands 73 of 96, rejects
    /// 20 as uncertain, and acts wrongly on 3 ("cats and birds" heard as "cats and foods" or "cats and
    /// plant" in three voices); the test allows 5 fewer understood, no more wrong actions, no wrong delete.
    @Test func commandsAreUnderstoodOrRejectedRarelyMistaken() throws {
        let pool = try SharedPool.get()
        var understood = 0
        var mistaken: [String] = []
        var total = 0
        for (voice, speed, snr) in Self.conditions {
            for (text, intent, tags) in Self.commands {
                let result = try pool.recognize(try SpeechClips.speech(text, voice: voice, speed: speed, snr: snr))
                total += 1
                #expect(result.speech != nil && result.timings.decode > 0, "\(voice): \"\(text)\" found no speech")
                if result.intent.name == .none { continue }
                #expect(result.intent.confidence >= 0.5)
                if result.intent.name == intent, result.slots.tags.map(\.rawValue) == tags {
                    understood += 1
                } else {
                    mistaken.append("\(voice) \(speed) \(snr ?? 99) dB: \"\(text)\" → \(result.transcript)")
                }
            }
        }
        #expect(understood >= 68, "understood \(understood) of \(total)")
        #expect(mistaken.count <= 3, "wrong actions: \(mistaken)")
        #expect(!mistaken.contains { $0.contains("delete") }, "a misheard delete: \(mistaken)")
    }

    @Test("out-of-grammar speech gives none", arguments: outOfGrammar)
    func outOfGrammarIsRejected(text: String) throws {
        let pool = try SharedPool.get()
        for (voice, speed) in [("en-us", 170), ("en-us+f2", 150)] {
            let result = try pool.recognize(try SpeechClips.speech(text, voice: voice, speed: speed))
            #expect(result.intent.name == .none, "\(voice): \"\(text)\" → \(result.transcript) \(result.slots.tags)")
            #expect(result.slots.tags.isEmpty)
            #expect(result.reason != nil)
        }
    }

    @Test func noiseGivesNone() throws {
        let pool = try SharedPool.get()
        let clips = [
            SpeechClips.noise(seconds: 2, level: 0.01), SpeechClips.noise(seconds: 3, level: 0.1, seed: 2),
            SpeechClips.noise(seconds: 1, level: 0.3, seed: 3), SpeechClips.noise(seconds: 2, level: 0.05, hum: true),
        ]
        for clip in clips {
            let result = try pool.recognize(clip)
            #expect(result.intent.name == .none, "noise → \(result.transcript)")
        }
    }

    @Test func silenceIsNoSpeechWithoutDecoding() throws {
        let pool = try SharedPool.get()
        for clip in [
            PCMAudio(samples: [Float](repeating: 0, count: 24_000), sampleRate: 16_000),
            SpeechClips.noise(seconds: 1.5, level: 0.0005), PCMAudio(samples: [], sampleRate: 16_000),
        ] {
            let result = try pool.recognize(clip)
            #expect(result.intent.name == .none)
            #expect(result.reason == "no speech")
            #expect(result.speech == nil && result.timings.decode == 0 && result.transcript.isEmpty)
        }
    }

    @Test func resamplesOtherRates() throws {
        let pool = try SharedPool.get()
        let speech = try SpeechClips.speech("show all photos", voice: "en-us", speed: 160)
        let result = try pool.recognize(resample(speech, to: 44_100))
        #expect(result.intent.name == .all || result.intent.name == .none)
        #expect(result.speech != nil)
    }
}
