import CFFTW
import Foundation

/// FFTW's planner (plan creation and destruction) is not thread-safe; only `fftwf_execute` on distinct
/// plans is. Every plan in the process is made and destroyed under this lock.
private let fftwPlannerLock = NSLock()

/// One FFTW single-precision real-to-complex plan of a fixed size with its SIMD-aligned buffers.
///
/// Not Sendable: the plan and buffers are reused by every `execute()`, so one owner (one thread or one
/// `FeatureExtractor`) uses it at a time.
final class RealFFT {
    /// Transform length in samples.
    let size: Int
    /// `size` real inputs; fill before `execute()`.
    let input: UnsafeMutablePointer<Float>
    /// `size / 2 + 1` complex outputs (re, im), valid after `execute()`; unnormalised, like sphinxbase's.
    let output: UnsafeMutablePointer<fftwf_complex>
    private let plan: fftwf_plan

    /// Plans a transform of `size` points (FFTW_ESTIMATE: no measuring, deterministic, ~microseconds).
    init(size: Int) {
        precondition(size > 1, "RealFFT: size must be at least 2")
        self.size = size
        input = fftwf_alloc_real(size)!
        output = fftwf_alloc_complex(size / 2 + 1)!
        fftwPlannerLock.lock()
        let planned = fftwf_plan_dft_r2c_1d(Int32(size), input, output, UInt32(FFTW_ESTIMATE))
        fftwPlannerLock.unlock()
        guard let planned else { fatalError("RealFFT: FFTW could not plan a \(size)-point transform") }
        plan = planned
    }

    /// Transforms `input` into `output`.
    func execute() { fftwf_execute(plan) }

    deinit {
        fftwPlannerLock.lock()
        fftwf_destroy_plan(plan)
        fftwPlannerLock.unlock()
        fftwf_free(input)
        fftwf_free(output)
    }
}
