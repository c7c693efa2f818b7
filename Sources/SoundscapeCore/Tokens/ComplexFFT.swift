import CFFTW
import Foundation

/// A complex-to-complex FFT of one fixed size, in place on its own aligned
/// buffer, backed by FFTW (single precision).
///
/// The decoder transforms a stereo grain as one complex signal (left in the
/// real part, right in the imaginary part): interleaved stereo is already
/// the interleaved complex layout, so one forward and one inverse transform
/// of N points replace four real transforms, with no copies in between.
/// Plans are made once under `RealFFT`'s planner lock (FFTW's planner is not
/// thread-safe); executing them is.
final class ComplexFFT {
    /// Complex points per transform.
    let size: Int
    /// Interleaved (real, imaginary) pairs, `size` of them: the input and
    /// output of both transforms.
    let buffer: UnsafeMutablePointer<Float>
    private let forwardPlan: fftwf_plan
    private let inversePlan: fftwf_plan

    /// Plans forward and inverse transforms of `size` points.
    init(size: Int) {
        precondition(size > 0, "FFT size must be positive")
        self.size = size
        let raw = fftwf_malloc(MemoryLayout<Float>.stride * 2 * size)!
        buffer = raw.bindMemory(to: Float.self, capacity: 2 * size)
        buffer.initialize(repeating: 0, count: 2 * size)
        let complex = raw.bindMemory(to: fftwf_complex.self, capacity: size)
        let n = Int32(size)
        (forwardPlan, inversePlan) = RealFFT.withPlannerLock {
            // FFTW_ESTIMATE never touches the buffer while planning.
            let forward = fftwf_plan_dft_1d(n, complex, complex, FFTW_FORWARD, UInt32(FFTW_ESTIMATE))!
            let inverse = fftwf_plan_dft_1d(n, complex, complex, FFTW_BACKWARD, UInt32(FFTW_ESTIMATE))!
            return (forward, inverse)
        }
    }

    deinit {
        RealFFT.withPlannerLock {
            fftwf_destroy_plan(forwardPlan)
            fftwf_destroy_plan(inversePlan)
        }
        fftwf_free(buffer)
    }

    /// Transforms `buffer` in place (unnormalised).
    @inline(__always)
    func forward() {
        fftwf_execute(forwardPlan)
    }

    /// Transforms `buffer` back in place, unnormalised: forward then inverse scales by `size`.
    @inline(__always)
    func inverse() {
        fftwf_execute(inversePlan)
    }
}
