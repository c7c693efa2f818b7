import AudioEngine
import DSP

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The concourse of a big railway station: a crowd's voices blurred by a
/// hall of stone and glass, footsteps criss-crossing the floor, suitcases
/// rolling over the tiles, announcements with their chime, and beyond the
/// platforms a train now and then pulling out.
///
/// What makes a hall a hall is its reverberation: seconds of it, darker than
/// the sound that excites it, so voices and steps lose their edges and merge
/// into a wash. Everything near is fed into one long reverb (the largest
/// `SmallRoomReverb` with a long decay) and heard mostly through it. A
/// departure is a low rumble that swells over half a minute and fades, with
/// a horn far away. Intensity is how busy the station is: an almost empty
/// late evening at 0, the morning rush at 1.
package final class StationHall: LayerSource {
    private static let sampleRate = Float(AudioFormat.sampleRate)
    private static let talkerCount = 8
    private static let walkerCount = 6
    /// The synthesizer's own level; the definition's loudness figures level-match it.
    private static let outputGain: Float = 1.05

    private var random: Random
    private var talkers: [FormantTalker] = []
    private var talkerDarkening: [Biquad] = []
    private var walkers: [Footsteps]
    private var framesUntilWalker = 0
    private var crowdNoise = KelletPinkNoise()
    private var crowdBand = Biquad(.bandPass, frequency: 450, q: 0.6)
    private var crowdSway: SlowRandomWalk
    private var hallAir = (Biquad(.lowPass, frequency: 250, q: 0.6), Biquad(.lowPass, frequency: 270, q: 0.6))
    private var hallNoise = (KelletPinkNoise(), KelletPinkNoise())

    // A suitcase rolling over tiles: a rumble with a click at every tile joint.
    private var suitcaseFramesLeft = 0
    private var suitcaseFramesUntilJoint = 0
    private var suitcaseJointFrames = 0
    private var suitcaseBand = Biquad(.bandPass, frequency: 380, q: 1.2)
    private var suitcaseClick = DampedMode()
    private var framesUntilSuitcase: Int

    // Departures: a low swell beyond the platforms and a horn.
    private var departureFrames = 0
    private var departureLength = 1
    private var framesUntilDeparture: Int
    private var departureRumble: BrownNoise
    private var departureLowPass = Biquad(.lowPass, frequency: 110, q: 0.7)
    private var horn = Horn()

    // Announcements: a three-note chime, then a voice from the loudspeakers.
    private var framesUntilAnnouncement: Int
    private var chimeNotes = (DampedMode(), DampedMode(), DampedMode())
    private var chimeFrame = -1
    private var announcer: FormantTalker
    private var announcerFramesLeft = 0
    private var loudspeaker = (Biquad(.highPass, frequency: 350, q: 0.7), Biquad(.lowPass, frequency: 3_200, q: 0.7))

    private let hall = SmallRoomReverb(size: 1.6, decay: 0.8, damping: 0.6)
    /// Stone and glass keep the lows and mids ringing longest; the air takes the highs.
    private var hallAbsorption = Biquad(.lowPass, frequency: 4_500, q: 0.6)
    private var dcBlock = (Biquad(.highPass, frequency: 20), Biquad(.highPass, frequency: 20))
    private var busyness: Float = -1

    package init(seed: UInt64) {
        random = Random(seed: seed)
        for index in 0..<Self.talkerCount {
            var talker = FormantTalker(random: &random)
            let distance = 2 + Float(index) * 1.5 + random.uniform(0...1)
            talker.gain = 1 / distance
            talker.pan = random.uniform(-0.9...0.9)
            talkers.append(talker)
            talkerDarkening.append(Biquad(.lowPass, frequency: 5_000 / (0.5 + 0.3 * distance)))
        }
        walkers = [Footsteps](repeating: Footsteps(), count: Self.walkerCount)
        crowdSway = SlowRandomWalk(seed: random.childSeed(), meanIntervalSeconds: 2, glideSeconds: 0.8)
        departureRumble = BrownNoise(seed: random.childSeed(), cornerHertz: 8)
        announcer = FormantTalker(random: &random)
        chimeNotes.0.tune(frequency: 784, decaySeconds: 1.6, amplitude: 1)
        chimeNotes.1.tune(frequency: 988, decaySeconds: 1.6, amplitude: 1)
        chimeNotes.2.tune(frequency: 1_175, decaySeconds: 2.0, amplitude: 1)
        framesUntilSuitcase = Int(random.uniform(2...15) * Self.sampleRate)
        framesUntilDeparture = Int(random.uniform(5...40) * Self.sampleRate)
        framesUntilAnnouncement = Int(random.uniform(10...60) * Self.sampleRate)
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if busyness < 0 { busyness = target }
        busyness += (target - busyness) * min(1, Float(frameCount) / Self.sampleRate)
        let activeTalkers = 2 + Int((6 * busyness).rounded())
        for index in 0..<Self.talkerCount { talkers[index].isInConversation = index < activeTalkers }
        let walkerRate = 0.04 + 1.6 * busyness
        let suitcaseRate = 0.02 + 0.12 * busyness
        let departureRate: Float = 1 / 70
        let announcementRate = 1 / (150 - 90 * busyness)
        let crowdGain = (0.1 + 0.9 * busyness) * 0.05
        let hallGain: Float = 0.02

        for frame in 0..<frameCount {
            var left: Float = 0
            var right: Float = 0
            var send: Float = 0
            for index in 0..<Self.talkerCount {
                let voice = talkers[index].process(&random)
                if voice == 0 { continue }
                let heard = talkerDarkening[index].process(voice) * talkers[index].gain * 0.35
                let pan = StereoPan.gains(talkers[index].pan)
                left += heard * pan.left
                right += heard * pan.right
                send += heard * 1.5
            }

            framesUntilWalker -= 1
            if framesUntilWalker <= 0 {
                startWalker()
                framesUntilWalker = Int(random.exponentialInterval(ratePerSecond: walkerRate) * Self.sampleRate)
            }
            for index in 0..<Self.walkerCount where walkers[index].isWalking {
                let step = walkers[index].next(&random)
                left += step.left * 0.8
                right += step.right * 0.8
                send += (step.left + step.right) * 1.2
            }

            framesUntilSuitcase -= 1
            if framesUntilSuitcase <= 0 {
                suitcaseFramesLeft = Int(random.uniform(3...8) * Self.sampleRate)
                framesUntilSuitcase =
                    suitcaseFramesLeft + Int(random.exponentialInterval(ratePerSecond: suitcaseRate) * Self.sampleRate)
                suitcaseJointFrames = Int(random.uniform(0.22...0.4) * Self.sampleRate)
            }
            send += nextSuitcaseSample()

            // The crowd too far off to pick out, and the hall's own low air.
            let crowd =
                crowdBand.process(crowdNoise.process(random.bipolar())) * crowdGain * (0.7 + 0.6 * crowdSway.next())
            send += crowd * 2
            left += hallAir.0.process(hallNoise.0.process(random.bipolar())) * hallGain
            right += hallAir.1.process(hallNoise.1.process(random.bipolar())) * hallGain

            framesUntilDeparture -= 1
            if framesUntilDeparture <= 0 {
                departureLength = Int(random.uniform(25...45) * Self.sampleRate)
                departureFrames = departureLength
                framesUntilDeparture =
                    departureLength + Int(random.exponentialInterval(ratePerSecond: departureRate) * Self.sampleRate)
                if random.unit() < 0.6, !horn.isSounding {
                    horn.start(
                        random: &random, pitch: random.uniform(280...360), secondNoteRatio: 1.19,
                        seconds: random.uniform(0.6...1.5), loudness: 0.006, pan: random.uniform(-0.6...0.6),
                        brightness: 1_400)
                }
            }
            if departureFrames > 0 {
                departureFrames -= 1
                let progress = 1 - Float(departureFrames) / Float(departureLength)
                let swell = sinf(Float.pi * progress)
                let rumble = departureLowPass.process(departureRumble.next()) * swell * swell * 0.07
                left += rumble
                right += rumble * 0.9
                send += rumble * 0.5
            }
            if horn.isSounding {
                let blast = horn.next()
                send += (blast.left + blast.right) * 2
            }

            framesUntilAnnouncement -= 1
            if framesUntilAnnouncement <= 0 {
                chimeFrame = 0
                announcerFramesLeft = Int(random.uniform(5...9) * Self.sampleRate)
                framesUntilAnnouncement = Int(
                    (20 + random.exponentialInterval(ratePerSecond: announcementRate)) * Self.sampleRate)
            }
            send += nextAnnouncementSample()

            let wet = hall.process(hallAbsorption.process(send))
            output[2 * frame] = SoftCeiling.apply(dcBlock.0.process(left + wet.left) * Self.outputGain)
            output[2 * frame + 1] = SoftCeiling.apply(dcBlock.1.process(right + wet.right) * Self.outputGain)
        }
    }

    private func startWalker() {
        guard let index = walkers.firstIndex(where: { !$0.isWalking }) else { return }
        let from = random.uniform(-1...1)
        walkers[index].start(
            random: &random, steps: 4 + random.below(10), loudness: 0.13 * random.uniform(0.3...1), panFrom: from,
            panTo: random.uniform(-1...1))
    }

    @inline(__always)
    private func nextSuitcaseSample() -> Float {
        guard suitcaseFramesLeft > 0 else { return 0 }
        suitcaseFramesLeft -= 1
        suitcaseFramesUntilJoint -= 1
        var click: Float = 0
        if suitcaseFramesUntilJoint <= 0 {
            suitcaseFramesUntilJoint = Int(Float(suitcaseJointFrames) * random.uniform(0.9...1.1))
            suitcaseClick.tune(frequency: random.uniform(900...1_600), decaySeconds: 0.04, amplitude: 1)
            click = 0.5
        }
        let roll = suitcaseBand.process(random.bipolar()) * 0.012
        return roll + suitcaseClick.process(click) * 0.02
    }

    /// A rising three-note chime, then a voice through the loudspeakers for a few seconds.
    @inline(__always)
    private func nextAnnouncementSample() -> Float {
        var notes: (Float, Float, Float) = (0, 0, 0)
        if chimeFrame >= 0 {
            let noteGap = Int(0.5 * Self.sampleRate)
            if chimeFrame == 0 { notes.0 = 0.025 }
            if chimeFrame == noteGap { notes.1 = 0.025 }
            if chimeFrame == 2 * noteGap { notes.2 = 0.025 }
            chimeFrame += 1
            if chimeFrame > 3 * noteGap { chimeFrame = -1 }
        }
        let chime = chimeNotes.0.process(notes.0) + chimeNotes.1.process(notes.1) + chimeNotes.2.process(notes.2)
        announcer.isInConversation = announcerFramesLeft > 0 && chimeFrame < 0
        if announcerFramesLeft > 0 { announcerFramesLeft -= 1 }
        let voice = announcer.process(&random)
        let speaker = voice == 0 ? 0 : loudspeaker.1.process(loudspeaker.0.process(voice)) * 0.08
        return chime + speaker
    }
}

extension StationHall {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "station", variants: ["hall"],
        family: .places,
        summary:
            "a railway station's hall: a reverberant crowd, footsteps, announcements, distant departures; intensity: how busy",
        loudness: SoundLoudness(low: -29.0, middle: -24.2, high: -22.6)
    ) { _, seed in
        StationHall(seed: seed)
    }
}
