import CSamplerate
import DSP

/// Streams stereo audio through libsamplerate's medium-quality sinc converter
/// (good enough for recordings of rain and wind, and several times faster
/// than the best-quality one).
final class Resampler {
    /// libsamplerate's message for a failure.
    struct Failure: Error {
        let reason: String
    }

    private let state: OpaquePointer
    private let ratio: Double
    private let output: UnsafeMutablePointer<Float>
    private let outputCapacityFrames: Int

    /// `ratio` is output rate / input rate; `inputCapacity` the most frames passed to one `process`.
    init(ratio: Double, inputCapacity: Int) throws(Failure) {
        var error: Int32 = 0
        guard let state = src_new(Int32(SRC_SINC_MEDIUM_QUALITY), Int32(AudioFormat.channelCount), &error) else {
            throw Failure(reason: String(cString: src_strerror(error)))
        }
        self.state = state
        self.ratio = ratio
        outputCapacityFrames = Int((Double(inputCapacity) * ratio).rounded(.up)) + 256
        output = .allocate(capacity: outputCapacityFrames * AudioFormat.channelCount)
    }

    deinit {
        src_delete(state)
        output.deallocate()
    }

    /// Converts `frameCount` frames and appends the result; with `endOfInput`, also flushes
    /// what the filter still holds.
    func process(
        _ input: UnsafePointer<Float>, frameCount: Int, endOfInput: Bool, appendingTo result: inout [Float]
    ) throws(Failure) {
        var consumed = 0
        // Loop: the converter may take fewer input frames than given, and on the last
        // call keeps emitting its tail until it reports no more output.
        while true {
            var data = SRC_DATA()
            data.data_in = input + consumed * AudioFormat.channelCount
            data.input_frames = Int(frameCount - consumed)
            data.data_out = output
            data.output_frames = outputCapacityFrames
            data.src_ratio = ratio
            data.end_of_input = endOfInput ? 1 : 0
            let error = src_process(state, &data)
            if error != 0 { throw Failure(reason: String(cString: src_strerror(error))) }
            consumed += Int(data.input_frames_used)
            let produced = Int(data.output_frames_gen)
            result.append(contentsOf: UnsafeBufferPointer(start: output, count: produced * AudioFormat.channelCount))
            if consumed >= frameCount && (!endOfInput || produced == 0) { break }
        }
    }
}
