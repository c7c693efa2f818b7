import AudioEngine
import DSP

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An open-plan office: the air handling's steady rush, colleagues typing at
/// their desks across the floor, a conversation too far off to follow, and
/// now and then the printer down the corridor running off a few pages.
///
/// The bed is ventilation: broadband air, strongest at a few hundred hertz,
/// breathing slowly as dampers move. The typists are `KeyboardTyping`
/// voices placed at desks 4–12 m away, darkened and softened by distance;
/// the talkers are `FormantTalker`s further off. A laser printer is a
/// paper-feed motor whirring up and down once per page, with the pick
/// roller's clunk at the start of each sheet. Intensity is how full the
/// office is: early morning with one typist and the air at 0, a busy
/// afternoon at 1.
package final class OfficeHum: LayerSource {
    private static let sampleRate = Float(AudioFormat.sampleRate)
    private static let typistCount = 3
    private static let talkerCount = 3
    private static let scratchFrames = 512
    /// The synthesizer's own level; the definition's loudness figures level-match it.
    private static let outputGain: Float = 1.0

    private var random: Random
    private var typists: [KeyboardTyping] = []
    private var typistGains: [Float] = []
    private var typistPans: [Float] = []
    private var typistDistance: [Biquad] = []
    private let scratch: UnsafeMutablePointer<Float>
    private var talkers: [FormantTalker] = []
    private var talkerDistance: [Biquad] = []
    private var airLeft: PinkNoise
    private var airRight: PinkNoise
    private var airBand = (Biquad(), Biquad())
    private var airHighCut = (Biquad(.lowPass, frequency: 3_500, q: 0.6), Biquad(.lowPass, frequency: 3_700, q: 0.6))
    private var dampers: SlowRandomWalk
    private var rumble: BrownNoise
    private var rumbleLowPass = Biquad(.lowPass, frequency: 90, q: 0.6)
    private var dcBlock = (Biquad(.highPass, frequency: 20), Biquad(.highPass, frequency: 20))

    // The printer: pages fed one after another, each a motor swell and a clunk.
    private var framesUntilPrintJob: Int
    private var pagesLeft = 0
    private var pageFrames = 0
    private var pageAge = 0
    private var printerMotor = Biquad()
    private var printerClunk = DampedMode()
    private var printerNoise = KelletPinkNoise()
    private let printerPan: Float

    private var fullness: Float = -1

    package init(seed: UInt64) {
        random = Random(seed: seed)
        scratch = .allocate(capacity: Self.scratchFrames * 2)
        scratch.initialize(repeating: 0, count: Self.scratchFrames * 2)
        for index in 0..<Self.typistCount {
            typists.append(KeyboardTyping(seed: random.childSeed()))
            let distance = 4 + Float(index) * 3 + random.uniform(0...2)
            typistGains.append(2.4 / distance)
            typistPans.append(random.uniform(-0.8...0.8))
            typistDistance.append(Biquad(.lowPass, frequency: 30_000 / distance, q: 0.6))
        }
        for index in 0..<Self.talkerCount {
            var talker = FormantTalker(random: &random)
            talker.gain = 1 / (4 + 3 * Float(index))
            talker.pan = random.uniform(-0.7...0.7)
            talkers.append(talker)
            talkerDistance.append(Biquad(.lowPass, frequency: random.uniform(1_800...2_600), q: 0.6))
        }
        airLeft = PinkNoise(seed: random.childSeed())
        airRight = PinkNoise(seed: random.childSeed())
        dampers = SlowRandomWalk(seed: random.childSeed(), meanIntervalSeconds: 8, glideSeconds: 3)
        rumble = BrownNoise(seed: random.childSeed(), cornerHertz: 10)
        printerPan = random.uniform(-0.6...0.6)
        framesUntilPrintJob = Int(random.uniform(8...60) * Self.sampleRate)
    }

    deinit { scratch.deallocate() }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if fullness < 0 { fullness = target }
        fullness += (target - fullness) * min(1, Float(frameCount) / Self.sampleRate)
        airBand.0.set(.bandPass, frequency: 280, q: 0.45)
        airBand.1.set(.bandPass, frequency: 300, q: 0.45)
        let activeTalkers = Int((Float(Self.talkerCount) * fullness).rounded())
        for index in 0..<Self.talkerCount { talkers[index].isInConversation = index < activeTalkers }
        let printRate = 0.004 + 0.02 * fullness
        let airGain: Float = 0.03
        let rumbleGain: Float = 0.05

        // The bed, the talkers and the printer, sample by sample.
        for frame in 0..<frameCount {
            let damper = 0.85 + 0.3 * dampers.next()
            let left = airHighCut.0.process(airBand.0.process(airLeft.next())) * airGain * damper
            let right = airHighCut.1.process(airBand.1.process(airRight.next())) * airGain * damper
            let low = rumbleLowPass.process(rumble.next()) * rumbleGain
            var outLeft = left + low
            var outRight = right + low
            for index in 0..<Self.talkerCount {
                let voice = talkers[index].process(&random)
                if voice == 0 { continue }
                let heard = talkerDistance[index].process(voice) * talkers[index].gain
                let pan = StereoPan.gains(talkers[index].pan)
                outLeft += heard * pan.left
                outRight += heard * pan.right
            }
            let printer = nextPrinterSample(ratePerSecond: printRate)
            let printerGains = StereoPan.gains(printerPan)
            outLeft += printer * printerGains.left
            outRight += printer * printerGains.right
            output[2 * frame] = outLeft
            output[2 * frame + 1] = outRight
        }

        // The typists, a block at a time through the scratch buffer: more of them as the office fills.
        let activeTypists = 1 + Int((Float(Self.typistCount - 1) * fullness).rounded())
        var start = 0
        while start < frameCount {
            let count = min(Self.scratchFrames, frameCount - start)
            for index in 0..<Self.typistCount {
                // Every typist keeps typing, so one who rejoins is mid-sentence; the absent are not heard.
                typists[index].render(into: scratch, frameCount: count, intensity: 0.3 + 0.5 * fullness)
                guard index < activeTypists else { continue }
                let pan = StereoPan.gains(typistPans[index])
                let gain = typistGains[index]
                for frame in 0..<count {
                    let mono = typistDistance[index].process((scratch[2 * frame] + scratch[2 * frame + 1]) * 0.5)
                    output[2 * (start + frame)] += mono * gain * pan.left
                    output[2 * (start + frame) + 1] += mono * gain * pan.right
                }
            }
            start += count
        }
        for frame in 0..<frameCount {
            output[2 * frame] = SoftCeiling.apply(dcBlock.0.process(output[2 * frame]) * Self.outputGain)
            output[2 * frame + 1] = SoftCeiling.apply(dcBlock.1.process(output[2 * frame + 1]) * Self.outputGain)
        }
    }

    /// A print job of a few pages: per page the feed motor swells and fades,
    /// and the pick roller clunks as it grabs the sheet.
    @inline(__always)
    private func nextPrinterSample(ratePerSecond: Float) -> Float {
        framesUntilPrintJob -= 1
        if framesUntilPrintJob <= 0, pagesLeft == 0 {
            pagesLeft = 1 + random.below(8)
            pageFrames = Int(random.uniform(2.2...3.2) * Self.sampleRate)
            pageAge = 0
            printerMotor.set(.bandPass, frequency: random.uniform(700...1_100), q: 3)
            framesUntilPrintJob = Int(random.exponentialInterval(ratePerSecond: ratePerSecond) * Self.sampleRate)
        }
        guard pagesLeft > 0 else { return 0 }
        var clunk: Float = 0
        if pageAge == 0 {
            printerClunk.tune(frequency: random.uniform(140...220), decaySeconds: 0.12, amplitude: 1)
            clunk = 0.6
        }
        let position = Float(pageAge) / Float(pageFrames)
        pageAge += 1
        if pageAge >= pageFrames {
            pageAge = 0
            pagesLeft -= 1
        }
        // The motor runs through most of the page, rising and falling at its ends.
        let swell = min(position * 8, 1) * min((1 - position) * 5, 1)
        let whir = printerMotor.process(printerNoise.process(random.bipolar())) * swell * 0.05
        return whir + printerClunk.process(clunk) * 0.05
    }
}

extension OfficeHum {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "office", variants: ["open-plan"],
        family: .places,
        summary:
            "an open-plan office: ventilation, colleagues typing, a far conversation, the printer; intensity: how full",
        loudness: SoundLoudness(low: -27.6, middle: -26.9, high: -26.3)
    ) { _, seed in
        OfficeHum(seed: seed)
    }
}
