import Synchronization
import TestSupport
import Testing

@testable import AudioEngine
@testable import DSP

#if canImport(Glibc)
  import Glibc
#endif

/// A device that can stop while paused, as `AlsaSink` does (snd_pcm_pause or drop): counts
/// writes, suspends and resumes, and keeps what was written, paced like a device.
private final class SuspendingSink: Sink, @unchecked Sendable {
  let name = "suspending"
  let periodFrames = 480
  let latencyMilliseconds = 40.0
  let xrunCount = 0
  let writes = Atomic<Int>(0)
  let suspends = Atomic<Int>(0)
  let resumes = Atomic<Int>(0)
  /// Set by `suspend`, cleared by `resume`: a write in between is a write to a stopped device.
  let isSuspended = Atomic<Bool>(false)
  let writesWhileSuspended = Atomic<Int>(0)
  /// Frames written before the last suspend.
  let framesBeforeSuspend = Atomic<Int>(0)
  private let recorded = Mutex<[Float]>([])

  func write(_ frames: UnsafePointer<Float>, frameCount: Int) throws(SinkError) {
    writes.add(1, ordering: .relaxed)
    if isSuspended.load(ordering: .relaxed) { writesWhileSuspended.add(1, ordering: .relaxed) }
    recorded.withLock { $0.append(contentsOf: UnsafeBufferPointer(start: frames, count: frameCount * 2)) }
    usleep(500)  // paced, so the workers keep up
  }

  func suspend() -> Bool {
    framesBeforeSuspend.store(recorded.withLock { $0.count / 2 }, ordering: .relaxed)
    suspends.add(1, ordering: .relaxed)
    isSuspended.store(true, ordering: .relaxed)
    return true
  }

  func resume() {
    isSuspended.store(false, ordering: .relaxed)
    resumes.add(1, ordering: .relaxed)
  }

  func close() {}

  var samples: [Float] { recorded.withLock { $0 } }
}

private func playingDC(_ sink: SuspendingSink) throws -> Engine {
  let engine = Engine(
    sink: sink, provider: TestProvider(["dc": { ConstantSource(left: 0.25, right: 0.25) }]), seed: 1)
  try engine.apply(Mix(layers: [MixLayer(sound: "dc", weight: 1)], master: 1))
  engine.start()
  return engine
}

@Test func aPauseStopsTheDeviceOnceSilentAndNothingIsWrittenUntilResume() throws {
  let sink = SuspendingSink()
  let engine = try playingDC(sink)
  #expect(eventually(10) { engine.status.playedSeconds > 2.5 }, "never played past the layer's fade-in")
  engine.setPaused(true)
  #expect(eventually(5) { sink.suspends.load(ordering: .relaxed) == 1 }, "the device was never stopped")
  let writesWhenSuspended = sink.writes.load(ordering: .relaxed)
  usleep(300_000)
  #expect(sink.writes.load(ordering: .relaxed) == writesWhenSuspended, "the audio thread kept writing while paused")
  #expect(sink.writesWhileSuspended.load(ordering: .relaxed) == 0)
  // Everything the device held when it stopped was silence: the fade had played out.
  let samples = sink.samples
  let suspendedAt = sink.framesBeforeSuspend.load(ordering: .relaxed)
  let tail = 2 * (suspendedAt - frames(Double(sink.latencyMilliseconds) / 1000))
  #expect(samples[tail..<(2 * suspendedAt)].allSatisfy { $0 == 0 }, "the fade was cut off in the device")

  engine.setPaused(false)
  #expect(eventually(5) { sink.resumes.load(ordering: .relaxed) == 1 }, "the device was never started again")
  #expect(eventually(5) { sink.writes.load(ordering: .relaxed) > writesWhenSuspended + 50 })
  engine.stop(fadeSeconds: 0.05)
  engine.waitUntilStopped()
  #expect(sink.writesWhileSuspended.load(ordering: .relaxed) == 0)
  // Resuming fades in from silence over the pause fade, as before.
  let after = sink.samples
  #expect(after[2 * suspendedAt] < 0.01, "the first sample after the rest is \(after[2 * suspendedAt])")
  let fadeEnd = suspendedAt + frames(Double(Mixer.pauseFadeSeconds))
  #expect(after[2 * (fadeEnd + 480)] > 0.2, "not back to full level after the fade-in")
  #expect(largestStep(after, channel: 0, frames: suspendedAt..<(fadeEnd + 480)) < 0.002)
}

@Test func aStopOrCloseWhileTheDeviceRestsEndsPlayback() throws {
  let stopped = SuspendingSink()
  let engine = try playingDC(stopped)
  engine.setPaused(true)
  #expect(eventually(5) { stopped.suspends.load(ordering: .relaxed) == 1 })
  engine.stop(fadeSeconds: 1)
  #expect(eventually(5) { engine.status.isStopped }, "a stop while resting never ended playback")
  engine.waitUntilStopped()
  #expect(engine.status.stopReason == nil)

  let closed = SuspendingSink()
  let other = try playingDC(closed)
  other.setPaused(true)
  #expect(eventually(5) { closed.suspends.load(ordering: .relaxed) == 1 })
  other.close()  // returns only once the audio thread has ended
  #expect(closed.writesWhileSuspended.load(ordering: .relaxed) == 0)
}
