@testable import AcousticTokens
import Foundation

/// Joins a listener hears as a seam (issue 13): frames whose spectrum changes
/// from the frame before by more than the source's own frame-to-frame change
/// ever does 95% of the time. A source has 5% of its frames (≈ 141 a minute)
/// over its own bar by construction; a walk whose joins stay within the
/// corpus's own change has about as many.
enum JoinMeasure {
    /// Change between consecutive frames: Euclidean distance of their band
    /// energies (`Features`, dB/10 per band).
    static func changes(_ mono: [Float]) -> [Float] {
        let features = Features(mono: mono)
        let d = Features.dimension
        var out: [Float] = []
        out.reserveCapacity(max(0, features.frameCount - 1))
        features.vectors.withUnsafeBufferPointer { v in
            for f in 1..<max(1, features.frameCount) {
                var sum: Float = 0
                for b in 0..<Features.bandCount {
                    let x = v[f * d + b] - v[(f - 1) * d + b]
                    sum += x * x
                }
                out.append(sum.squareRoot())
            }
        }
        return out
    }

    /// The source's 95th-percentile frame-to-frame change.
    static func bar(source: [Float]) -> Float {
        let sorted = changes(source).sorted()
        return sorted[sorted.count * 95 / 100]
    }

    /// Frames per minute of `mono` changing more than `bar`.
    static func perMinute(_ mono: [Float], over bar: Float) -> Double {
        let c = changes(mono)
        let minutes = Double(mono.count) / 48_000 / 60
        return Double(c.filter { $0 > bar }.count) / minutes
    }
}
