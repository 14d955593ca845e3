import CSphinxBase

/// sphinxbase's own front end (`fe_*`), configured like the pocketsphinx en-us model with dither, noise
/// removal and silence removal off: the reference the conformance test compares against.
final class SphinxFrontEnd {
    /// The options the en-us model's feat.params and the decoder defaults give the front end.
    static let enUSArguments = [
        "-samprate", "16000", "-frate", "100", "-wlen", "0.025625", "-nfft", "512", "-alpha", "0.97",
        "-lowerf", "130", "-upperf", "6800", "-nfilt", "25", "-ncep", "13", "-transform", "dct", "-lifter", "22",
        "-dither", "no", "-remove_dc", "no", "-remove_noise", "no", "-remove_silence", "no",
    ]

    private let fe: OpaquePointer

    /// Creates the front end from command-line style `arguments` (cmd_ln_init is variadic, so parse an argv).
    init?(arguments: [String] = SphinxFrontEnd.enUSArguments) {
        err_set_logfp(nil)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        defer { for pointer in argv { free(pointer) } }
        guard let config = cmd_ln_parse_r(nil, fe_get_args(), Int32(argv.count), &argv, 1) else { return nil }
        defer { cmd_ln_free_r(config) }
        guard let fe = fe_init_auto_r(config) else { return nil }
        self.fe = fe
    }

    deinit { fe_free(fe) }

    /// Cepstra of 16-bit `samples` as one utterance: `fe_process_utt`, then the partial frame `fe_end_utt` adds.
    func cepstra(_ samples: [Int16]) -> [[Float]] {
        fe_start_utt(fe)
        var block: UnsafeMutablePointer<UnsafeMutablePointer<mfcc_t>?>?
        var count: Int32 = 0
        _ = samples.withUnsafeBufferPointer { fe_process_utt(fe, $0.baseAddress, $0.count, &block, &count) }
        let width = Int(fe_get_output_size(fe))
        var rows: [[Float]] = (0..<Int(count)).map { frame in
            Array(UnsafeBufferPointer(start: block![frame]!, count: width))
        }
        fe_free_2d(block)
        var tail = [Float](repeating: 0, count: width)
        var tailCount: Int32 = 0
        fe_end_utt(fe, &tail, &tailCount)
        if tailCount > 0 { rows.append(tail) }
        return rows
    }
}
