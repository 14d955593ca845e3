import Foundation

/// Log mel energies to liftered cepstra, as sphinxbase's `-transform dct` with `-lifter L` does it.
///
/// Facts from sphinxbase (fe_sigproc.c), reimplemented: log(e + 1e-4) of each filter energy (the floor
/// keeps silent frames finite); a DCT-II, c_i = s_i Σ_j log e_j cos(π i (j + ½) / N), scaled to be
/// orthonormal (s_0 = √(1/N), s_i = √(2/N)); then c_i × (1 + ⌊L/2⌋ sin(π i / L)).
struct CepstralTransform {
    /// Added to each filter energy before the logarithm (sphinxbase's LOG_FLOOR).
    static let logFloor = 1e-4

    private let filterCount: Int
    private let cepstrumCount: Int
    /// Row-major cepstrumCount × filterCount cosines, single precision like sphinxbase's table.
    private let cosines: [Float]
    /// Per-coefficient DCT scale times lifter weight.
    private let scales: [Double]

    /// Prepares the DCT and lifter for `configuration`.
    init(_ configuration: FrontEndConfiguration) {
        filterCount = configuration.filterCount
        cepstrumCount = configuration.cepstrumCount
        let step = Double.pi / Double(filterCount)
        var cosines: [Float] = []
        for i in 0..<cepstrumCount {
            for j in 0..<filterCount { cosines.append(Float(cos(step * Double(i) * (Double(j) + 0.5)))) }
        }
        self.cosines = cosines
        let lifter = configuration.lifter
        scales = (0..<cepstrumCount).map { i in
            let dct = Double(Float(sqrt((i == 0 ? 1.0 : 2.0) / Double(configuration.filterCount))))
            let weight = lifter == 0 ? 1 : Double(Float(1 + Double(lifter / 2) * sin(Double(i) * .pi / Double(lifter))))
            return dct * weight
        }
    }

    /// Converts filter `energies` to cepstra, writing `cepstrumCount` values into `output`.
    func apply(_ energies: UnsafeMutableBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Float>) {
        for j in 0..<filterCount { energies[j] = log(energies[j] + Self.logFloor) }
        cosines.withUnsafeBufferPointer { table in
            for i in 0..<cepstrumCount {
                var sum = 0.0
                let row = i * filterCount
                for j in 0..<filterCount { sum += energies[j] * Double(table[row + j]) }
                output[i] = Float(sum * scales[i])
            }
        }
    }
}
