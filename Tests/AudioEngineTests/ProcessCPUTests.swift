import Synchronization
import TestSupport
import Testing

@testable import AudioEngine
@testable import DSP

#if canImport(Glibc)
  import Glibc
#endif

/// A device whose driver is expensive: every write spins on the audio thread for 3 ms of
/// CPU, as a sound server's client code or a resampler would, then sleeps like a device.
private final class CostlySink: Sink, @unchecked Sendable {
  let name = "costly"
  let periodFrames = 480
  let latencyMilliseconds = 40.0
  let xrunCount = 0

  func write(_ frames: UnsafePointer<Float>, frameCount: Int) throws(SinkError) {
    let start = MonotonicClock.threadCPUNanoseconds()
    while MonotonicClock.threadCPUNanoseconds() - start < 3_000_000 {}
    usleep(7_000)
  }

  func close() {}
}

@Test func liveCPUCountsTheWholeProcessNotOnlyGeneration() throws {
  let engine = Engine(
    sink: CostlySink(), provider: TestProvider(["dc": { ConstantSource(left: 0.25, right: 0.25) }]), seed: 1)
  try engine.apply(Mix(layers: [MixLayer(sound: "dc", weight: 1)], master: 1))
  engine.start()
  defer { engine.close() }
  // The reading is refreshed once a second; read until two refreshes have passed.
  let end = MonotonicClock.seconds() + 2.5
  while MonotonicClock.seconds() < end {
    _ = engine.status
    usleep(100_000)
  }
  let status = engine.status
  // The audio thread alone spends 3 ms of every period it gets: far more than the workers'
  // constant source, and all of it must show.
  #expect(status.cpuPercent >= 2, "cpu \(status.cpuPercent) % misses the audio thread's spinning")
  #expect(
    status.cpuPercent > status.generationCPUPercent + 1,
    "cpu \(status.cpuPercent) % is no more than generation's \(status.generationCPUPercent) %")
}
