import Synchronization
import TestSupport
import Testing

@testable import AudioEngine
@testable import DSP

#if canImport(Glibc)
  import Glibc
#endif

/// A sink paced like a device, which says whether it is one.
private final class PacedSink: Sink, @unchecked Sendable {
  let name = "paced"
  let periodFrames = 480
  let latencyMilliseconds = 40.0
  let xrunCount = 0
  let isDueInRealTime: Bool
  /// The audio thread's scheduling policy, read on the audio thread at its first write.
  let audioThreadPolicy = Atomic<Int32>(-1)

  init(isDevice: Bool) { isDueInRealTime = isDevice }

  func write(_ frames: UnsafePointer<Float>, frameCount: Int) throws(SinkError) {
    if audioThreadPolicy.load(ordering: .relaxed) == -1 {
      audioThreadPolicy.store(sched_getscheduler(0), ordering: .relaxed)
    }
    usleep(10_000)
  }

  func close() {}
}

/// An engine playing one steady layer into `sink`, once its threads have settled their scheduling.
private func playing(into sink: PacedSink) throws -> Engine {
  let engine = Engine(
    sink: sink, provider: TestProvider(["dc": { ConstantSource(left: 0.25, right: 0.25) }]), seed: 1)
  try engine.apply(Mix(layers: [MixLayer(sound: "dc", weight: 1)], master: 1))
  engine.start()
  #expect(eventually(5) { engine.status.generationPriority != .unknown && sink.audioThreadPolicy.load(ordering: .relaxed) != -1 })
  return engine
}

/// A test run or a file render feeding a sink as fast as it can must not do it at real-time
/// priority: that took the cores from everything else on the machine, a sound server's
/// ordinary-priority threads among them, so a live player beside it could drop out.
@Test func anEngineThatFeedsNoDeviceKeepsItsThreadsAtNormalPriority() throws {
  let sink = PacedSink(isDevice: false)
  let engine = try playing(into: sink)
  defer { engine.close() }
  #expect(engine.status.generationPriority == .notNeeded)
  #expect(!engine.status.audioThreadIsRealTime)
  #expect(sink.audioThreadPolicy.load(ordering: .relaxed) == SCHED_OTHER)
  #expect(engine.status.generationNote == nil, "no note about priority for an engine that needs none")
}

@Test func anEngineThatFeedsADeviceAsksForRealTimePriority() throws {
  let sink = PacedSink(isDevice: true)
  let engine = try playing(into: sink)
  defer { engine.close() }
  // Asked for: granted here (root or an RLIMIT_RTPRIO allowance), or refused and said so.
  #expect(engine.status.generationPriority != .notNeeded)
  let granted = engine.status.audioThreadIsRealTime
  #expect(sink.audioThreadPolicy.load(ordering: .relaxed) == (granted ? SCHED_FIFO : SCHED_OTHER))
}
