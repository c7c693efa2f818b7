@testable import DSP
import Testing

@Test func sameSeedGivesSameSequenceAndDifferentSeedsDiffer() {
    var a = Random(seed: 42), b = Random(seed: 42), c = Random(seed: 43)
    let sa = (0..<100).map { _ in a.nextUInt32() }
    let sb = (0..<100).map { _ in b.nextUInt32() }
    let sc = (0..<100).map { _ in c.nextUInt32() }
    #expect(sa == sb)
    #expect(sa != sc)
}

@Test func unitIsUniformInZeroToOne() {
    var r = Random(seed: 1)
    var sum: Double = 0
    for _ in 0..<100_000 {
        let u = r.unit()
        #expect(u >= 0 && u < 1)
        sum += Double(u)
    }
    #expect(abs(sum / 100_000 - 0.5) < 0.01)
}
