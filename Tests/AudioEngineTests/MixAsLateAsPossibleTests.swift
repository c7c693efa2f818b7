import Synchronization
import TestSupport
import Testing

@testable import AudioEngine
@testable import DSP

#if canImport(Glibc)
  import Glibc
#endif

/// A device with a queue: the loop must wait for room before it mixes. While `hold` is set,
/// its next `waitForRoom` blocks until released, standing for a device with a full queue.
private final class QueueingSink: Sink, @unchecked Sendable {
  let name = "queueing"
  let periodFrames = 480
  let latencyMilliseconds = 40.0
  let xrunCount = 0
  let hold = Atomic<Bool>(false)
  let isHeld = Atomic<Bool>(false)
  private let release = WakeSignal()
  private let recorded = Mutex<[Float]>([])

  func waitForRoom() {
    guard hold.load(ordering: .relaxed) else { return }
    hold.store(false, ordering: .relaxed)
    isHeld.store(true, ordering: .relaxed)
    release.wait()
    isHeld.store(false, ordering: .relaxed)
  }

  func write(_ frames: UnsafePointer<Float>, frameCount: Int) throws(SinkError) {
    recorded.withLock { $0.append(contentsOf: UnsafeBufferPointer(start: frames, count: frameCount * 2)) }
    usleep(5_000)  // paced at twice real time, so the workers keep the ring from running dry
  }

  func letGo() { release.post() }
  func close() {}
  var samples: [Float] { recorded.withLock { $0 } }
}

/// With longer periods a control change must not also wait behind a period mixed in
/// advance: a weight change made while the device is full is in the very next period written.
@Test func aWeightChangeMadeWhileTheDeviceIsFullIsInTheNextPeriodWritten() throws {
  let sink = QueueingSink()
  let engine = Engine(
    sink: sink, provider: TestProvider(["dc": { ConstantSource(left: 0.25, right: 0.25) }]), seed: 1)
  try engine.apply(Mix(layers: [MixLayer(sound: "dc", weight: 1)], master: 1))
  engine.start()
  #expect(eventually(10) { engine.status.playedSeconds > 2.5 }, "never played past the layer's fade-in")
  sink.hold.store(true, ordering: .relaxed)
  #expect(eventually(5) { sink.isHeld.load(ordering: .relaxed) }, "the loop never waited for room")
  let writtenBefore = sink.samples.count / 2
  engine.setWeight(0, ofLayer: 0)
  sink.letGo()
  #expect(eventually(5) { sink.samples.count / 2 >= writtenBefore + 2 * sink.periodFrames })
  engine.stop(fadeSeconds: 0)
  engine.waitUntilStopped()

  let samples = sink.samples
  let before = samples[2 * (writtenBefore - 1)]
  let endOfNextPeriod = samples[2 * (writtenBefore + sink.periodFrames - 1)]
  #expect(
    before > 0.2,
    "not playing at full level before the change (\(before); \(writtenBefore) frames, peak \(samples.max() ?? 0), played \(engine.status.playedSeconds) s)")
  // The 20 ms gain ramp has gone half way down by the end of a 10 ms period.
  #expect(endOfNextPeriod < before * 0.75, "the period after the change still plays at \(endOfNextPeriod)")
}
