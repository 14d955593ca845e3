/// Subtracts each coefficient's mean over the utterance (sphinxbase's batch "current" CMN).
///
/// Not for input to pocketsphinx: `ps_process_cep` applies the CMN configured for the acoustic model
/// (en-us: `-cmn batch`) and computes the delta features itself, so the recogniser must be fed the raw
/// cepstra. This is for comparing cepstra across recording levels and channels, e.g. in tests.
package func cepstralMeanNormalized(_ cepstra: [[Float]]) -> [[Float]] {
    guard let width = cepstra.first?.count else { return [] }
    var mean = [Double](repeating: 0, count: width)
    for frame in cepstra {
        for (index, value) in frame.enumerated() { mean[index] += Double(value) }
    }
    for index in 0..<width { mean[index] /= Double(cepstra.count) }
    return cepstra.map { frame in frame.enumerated().map { Float(Double($1) - mean[$0]) } }
}
