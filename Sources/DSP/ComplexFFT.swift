import CFFTW
import Foundation

/// A complex-to-complex FFT of one fixed size with its own aligned buffers,
/// backed by FFTW (single precision).
///
/// The decoder transforms a stereo grain as one complex signal (left in the
/// real part, right in the imaginary part): interleaved stereo is already
/// the interleaved complex layout, so one forward and one inverse transform
/// of N points replace four real transforms.
/// Plans are made once under `RealFFT`'s planner lock (FFTW's planner is not
/// thread-safe); executing them is.
package final class ComplexFFT {
    /// Complex points per transform.
    package let size: Int
    /// Interleaved (real, imaginary) pairs, `size` of them: the forward
    /// transform's input and the inverse transform's output.
    package let input: UnsafeMutablePointer<Float>
    /// The forward transform's output and the inverse transform's input.
    /// (Out of place: FFTW's in-place plans of this size copy through a buffer.)
    package let output: UnsafeMutablePointer<Float>
    private let forwardPlan: fftwf_plan
    private let inversePlan: fftwf_plan

    /// Plans forward and inverse transforms of `size` points.
    package init(size: Int) {
        precondition(size > 0, "FFT size must be positive")
        self.size = size
        let inputRaw = fftwf_malloc(MemoryLayout<Float>.stride * 2 * size)!
        let outputRaw = fftwf_malloc(MemoryLayout<Float>.stride * 2 * size)!
        input = inputRaw.bindMemory(to: Float.self, capacity: 2 * size)
        input.initialize(repeating: 0, count: 2 * size)
        output = outputRaw.bindMemory(to: Float.self, capacity: 2 * size)
        output.initialize(repeating: 0, count: 2 * size)
        let time = inputRaw.bindMemory(to: fftwf_complex.self, capacity: size)
        let frequency = outputRaw.bindMemory(to: fftwf_complex.self, capacity: size)
        let n = Int32(size)
        (forwardPlan, inversePlan) = RealFFT.withPlannerLock {
            // FFTW_ESTIMATE never touches the buffers while planning.
            let flags = UInt32(FFTW_ESTIMATE)
            let forward = fftwf_plan_dft_1d(n, time, frequency, FFTW_FORWARD, flags)!
            let inverse = fftwf_plan_dft_1d(n, frequency, time, FFTW_BACKWARD, flags | UInt32(FFTW_DESTROY_INPUT))!
            return (forward, inverse)
        }
    }

    deinit {
        RealFFT.withPlannerLock {
            fftwf_destroy_plan(forwardPlan)
            fftwf_destroy_plan(inversePlan)
        }
        fftwf_free(input)
        fftwf_free(output)
    }

    /// Transforms `input` into `output` (unnormalised).
    @inline(__always)
    package func forward() {
        fftwf_execute(forwardPlan)
    }

    /// Transforms `output` back into `input`, unnormalised: forward then
    /// inverse scales by `size`. Destroys `output`.
    @inline(__always)
    package func inverse() {
        fftwf_execute(inversePlan)
    }
}
