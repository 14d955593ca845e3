import Foundation
import Testing

@testable import GaillerySpeech

/// When pocketsphinx cannot load a model, the error says why as far as can be told: a damaged model,
/// or a process out of file descriptors or memory (pocketsphinx itself reports only that it failed).
@Suite struct SphinxDecoderLoadTests {
    /// pocketsphinx would end the whole process on these files; the check refuses them first.
    @Test func filesThatAreNotAModelAreRefusedBeforePocketsphinxSeesThem() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sphinx-damaged-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["mdef", "means", "variances", "transition_matrices", "noisedict", "sendump", "feat.params"] {
            try Data("not a model\n".utf8).write(to: directory.appendingPathComponent(name))
        }
        let dictionary = directory.appendingPathComponent("words.dict")
        try Data("dog D AO G\n".utf8).write(to: dictionary)
        let model = SpeechModel(acousticModel: directory.path, dictionary: dictionary.path)
        do {
            _ = try SphinxDecoder(model: model, options: [:])
            Issue.record("pocketsphinx loaded a model made of text")
        } catch let error as SpeechError {
            #expect("\(error)".contains("\(directory.path)/mdef is not a pocketsphinx model file"), "\(error)")
        }
        // With a real mdef, the next foreign file is named.
        try FileManager.default.removeItem(at: directory.appendingPathComponent("mdef"))
        try FileManager.default.copyItem(
            atPath: SpeechModel.debianEnUS.acousticModel + "/mdef",
            toPath: directory.appendingPathComponent("mdef").path)
        #expect(throws: SpeechError.self) { try model.check() }
        do { try model.check() } catch {
            #expect("\(error)".contains("/means is not a pocketsphinx model file"), "\(error)")
        }
        // Debian's own model passes.
        try SpeechModel.debianEnUS.check()
    }

    @Test func outOfDescriptorsAndMemoryAreNamed() {
        let model = SpeechModel.debianEnUS
        for code in [EMFILE, ENFILE] {
            let message = SphinxDecoder.loadFailure(model, probe: code)
            #expect(message.contains("out of file descriptors") && message.contains("ulimit -n"), "\(message)")
            #expect(!message.contains("damaged"))
        }
        let memory = SphinxDecoder.loadFailure(model, probe: ENOMEM)
        #expect(memory.contains("out of memory") && memory.contains("--recognizers"), "\(memory)")
        #expect(SphinxDecoder.loadFailure(model, probe: nil).contains("damaged"))
        #expect(SphinxDecoder.loadFailure(model, probe: EACCES).contains("damaged"))
    }
}
