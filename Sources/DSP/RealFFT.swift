import CFFTW
import Foundation

/// A real-to-complex FFT of one fixed size with its own aligned buffers,
/// backed by FFTW (single precision).
///
/// FFTW's planner is not thread-safe, so every plan is made and destroyed
/// under one process-wide lock; executing a plan is thread-safe. Plans are
/// made once, when the owner (a feature extractor, a decoder) is built, never
/// on a hot path. Each owner has its own instance, so its buffers are private.
package final class RealFFT {
    /// Serialises FFTW's planner across threads.
    private static let plannerLock = NSLock()

    /// Runs `body` (which plans or destroys FFTW plans) under the process-wide planner lock.
    package static func withPlannerLock<T>(_ body: () -> T) -> T {
        plannerLock.withLock(body)
    }

    /// Samples per transform.
    package let size: Int
    /// Complex bins per transform: `size / 2 + 1`.
    package let binCount: Int
    /// Time-domain buffer: the forward transform's input, the inverse's output.
    package let samples: UnsafeMutablePointer<Float>
    /// Interleaved (real, imaginary) pairs, `binCount` of them.
    package let spectrum: UnsafeMutablePointer<Float>
    private let forwardPlan: fftwf_plan
    private let inversePlan: fftwf_plan

    /// Plans forward and inverse transforms of `size` (even) samples.
    package init(size: Int) {
        precondition(size > 0 && size % 2 == 0, "FFT size must be even")
        self.size = size
        binCount = size / 2 + 1
        let samplesRaw = fftwf_malloc(MemoryLayout<Float>.stride * size)!
        let spectrumRaw = fftwf_malloc(MemoryLayout<Float>.stride * 2 * (size / 2 + 1))!
        samples = samplesRaw.bindMemory(to: Float.self, capacity: size)
        samples.initialize(repeating: 0, count: size)
        spectrum = spectrumRaw.bindMemory(to: Float.self, capacity: 2 * (size / 2 + 1))
        spectrum.initialize(repeating: 0, count: 2 * (size / 2 + 1))
        let complex = spectrumRaw.bindMemory(to: fftwf_complex.self, capacity: size / 2 + 1)
        let flags = UInt32(FFTW_ESTIMATE)
        let n = Int32(size)
        let samples = self.samples
        (forwardPlan, inversePlan) = Self.plannerLock.withLock {
            // FFTW_ESTIMATE never touches the buffers while planning.
            let forward = fftwf_plan_dft_r2c_1d(n, samples, complex, flags)!
            let inverse = fftwf_plan_dft_c2r_1d(n, complex, samples, flags | UInt32(FFTW_DESTROY_INPUT))!
            return (forward, inverse)
        }
    }

    deinit {
        Self.plannerLock.withLock {
            fftwf_destroy_plan(forwardPlan)
            fftwf_destroy_plan(inversePlan)
        }
        fftwf_free(samples)
        fftwf_free(spectrum)
    }

    /// Transforms `samples` into `spectrum` (unnormalised).
    @inline(__always)
    package func forward() {
        fftwf_execute(forwardPlan)
    }

    /// Transforms `spectrum` back into `samples`, unnormalised: a forward
    /// then inverse transform scales by `size`. Destroys `spectrum`.
    @inline(__always)
    package func inverse() {
        fftwf_execute(inversePlan)
    }
}
