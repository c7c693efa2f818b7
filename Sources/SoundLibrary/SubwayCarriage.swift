import AudioEngine
import DSP

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Riding the underground from station to station: the carriage pulls away
/// with the traction motors whining up, roars through the tunnel, brakes
/// with the whine falling and a squeal at the end, and stands at the
/// platform — air hissing from the brakes, the door chime, a muffled
/// announcement — before it sets off again.
///
/// The roar is wheel and rail noise at a level and brightness set by the
/// speed, heard through the tunnel: a second, delayed copy from the walls
/// whose delay drifts, so the roar "whooshes" as the tunnel's width
/// changes. The motors whine only while the train speeds up or slows down,
/// their pitch following the speed; on curves the wheels squeal. Rail
/// joints and switches thump irregularly. Intensity is the line's pace:
/// at 0 a slow line with long stops, at 1 a fast one, louder, with short stops.
package final class SubwayCarriage: LayerSource {
    private enum Phase { case accelerating, cruising, braking, stopped }

    /// The synthesizer's own level; the definition's loudness figures level-match it.
    private static let outputGain: Float = 0.32
    private static let sampleRate = Float(AudioFormat.sampleRate)

    private var random: Random
    private var phase: Phase = .cruising
    private var phaseSeconds: Float = 0
    private var phaseLength: Float
    private var speed: Float = 0
    private var topSpeed: Float = 18
    private var pace: Float = -1

    private var wheelLeft: PinkNoise
    private var wheelRight: PinkNoise
    private var rumble: BrownNoise
    private var wheelBand = (Biquad(), Biquad())
    private var rumbleLowPass = Biquad(.lowPass, frequency: 120, q: 0.7)
    private var tunnelWall = DelayLine(maximumDelaySamples: 2_048)
    private var tunnelWidth: SlowRandomWalk
    private var motorPhase: Float = 0
    private var motorBand = Biquad()
    private var ventilation: PinkNoise
    private var ventilationLowPass = Biquad(.lowPass, frequency: 1_200, q: 0.6)
    private var dcBlock = (Biquad(.highPass, frequency: 20), Biquad(.highPass, frequency: 20))

    // Joints and switches.
    private var metresToJoint: Float = 20
    private var jointThump = DampedMode()
    private var jointBurst = 0
    private var thumpLowPass = Biquad(.lowPass, frequency: 2_500, q: 0.7)

    // Curve squeal: a wandering high tone while the wheels slip on a curve.
    private var squealFramesLeft = 0
    private var squealLevel: Float = 0
    private var squealPhase: Float = 0
    private var squealPitch: Float = 3_000
    private var squealWander: SlowRandomWalk

    // At the platform.
    private var hissEnvelope: Float = 0
    private var hissBand = Biquad(.highPass, frequency: 2_500, q: 0.6)
    private var chime = (DampedMode(), DampedMode())
    private var announcer: FormantTalker
    private var announcerBand = (Biquad(.highPass, frequency: 400, q: 0.7), Biquad(.lowPass, frequency: 3_000, q: 0.7))
    /// When, in frames after the train stops, the chime sounds, the announcement starts and the doors close.
    private var platformEvents = (chime: -1, announcement: -1, doorsClose: -1)
    private var framesAtPlatform = 0
    private let carriage = SmallRoomReverb(size: 0.5, decay: 0.45, damping: 0.55)

    package init(seed: UInt64) {
        random = Random(seed: seed)
        wheelLeft = PinkNoise(seed: random.childSeed())
        wheelRight = PinkNoise(seed: random.childSeed())
        rumble = BrownNoise(seed: random.childSeed(), cornerHertz: 10)
        ventilation = PinkNoise(seed: random.childSeed())
        tunnelWidth = SlowRandomWalk(seed: random.childSeed(), meanIntervalSeconds: 3, glideSeconds: 1)
        squealWander = SlowRandomWalk(seed: random.childSeed(), meanIntervalSeconds: 0.4, glideSeconds: 0.2)
        announcer = FormantTalker(random: &random)
        chime.0.tune(frequency: 1_318, decaySeconds: 1.4, amplitude: 1)
        chime.1.tune(frequency: 1_046, decaySeconds: 1.8, amplitude: 1)
        // Join the ride somewhere between two stations, already at speed.
        phaseLength = random.uniform(10...40)
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if pace < 0 {
            pace = target
            topSpeed = Self.topSpeed(at: pace)
            speed = topSpeed
        }
        pace += (target - pace) * min(1, Float(frameCount) / Self.sampleRate)
        let blockSeconds = Float(frameCount) / Self.sampleRate
        advancePhase(seconds: blockSeconds)
        let speedShare = min(speed / 22, 1)
        let motorActivity: Float = phase == .accelerating || phase == .braking ? 1 : 0
        wheelBand.0.set(.bandPass, frequency: 350 + 900 * speedShare, q: 0.5)
        wheelBand.1.set(.bandPass, frequency: 380 + 900 * speedShare, q: 0.5)
        // Gear mesh: the whine's pitch follows the wheels.
        let motorHertz = 40 * speed
        motorBand.set(.bandPass, frequency: max(motorHertz, 60), q: 8)
        let wheelGain = speedShare * speedShare * 0.16
        let rumbleGain = (0.1 + 0.9 * speedShare) * 0.25
        let ventilationGain: Float = 0.02
        let metresPerFrame = speed / Self.sampleRate
        let squealChance = 0.02 + 0.05 * pace
        var motorLevel = motorActivity * speedShare * 0.05

        if phase == .cruising, squealFramesLeft <= 0, random.unit() < squealChance * blockSeconds {
            squealFramesLeft = Int(random.uniform(1.5...5) * Self.sampleRate)
            squealPitch = random.uniform(2_200...4_200)
        }
        if phase == .braking, speed < 3 { motorLevel *= 0.3 }

        for frame in 0..<frameCount {
            let left = wheelLeft.next()
            let right = wheelRight.next()
            var outLeft = wheelBand.0.process(left) * wheelGain
            var outRight = wheelBand.1.process(right) * wheelGain
            let low = rumbleLowPass.process(rumble.next()) * rumbleGain
            // The tunnel wall's reflection, 10–40 ms late, its delay drifting.
            let direct = outLeft + outRight + low
            tunnelWall.write(direct)
            let reflection = tunnelWall.read(fractionalDelay: (0.01 + 0.03 * tunnelWidth.next()) * Self.sampleRate)
            outLeft += low + reflection * 0.22
            outRight += low + reflection * 0.2

            metresToJoint -= metresPerFrame
            if metresToJoint <= 0 {
                metresToJoint = random.uniform(12...45)
                jointThump.tune(frequency: random.uniform(60...110), decaySeconds: 0.15, amplitude: 1)
                jointBurst = 120
            }
            var thumpExcitation: Float = 0
            if jointBurst > 0 {
                thumpExcitation = random.bipolar() * speedShare * 0.45
                jointBurst -= 1
            }
            let thump = thumpLowPass.process(jointThump.process(thumpExcitation) + thumpExcitation * 0.2)

            motorPhase += motorHertz / Self.sampleRate
            if motorPhase >= 1 { motorPhase -= 1 }
            let whine = motorBand.process(random.bipolar() * 0.3 + FastSine.value(atCycle: motorPhase)) * motorLevel

            let squeal = nextSqueal()
            let platform = nextPlatformSample()
            let air = ventilationLowPass.process(ventilation.next()) * ventilationGain
            let wet = carriage.process(platform.voice + platform.chime + thump * 0.5)
            outLeft +=
                thump + whine + squeal * 0.8 + air + platform.hiss + platform.voice + platform.chime + wet.left * 0.5
            outRight +=
                thump + whine + squeal + air + platform.hiss * 0.7 + platform.voice + platform.chime + wet.right * 0.5
            output[2 * frame] = SoftCeiling.apply(dcBlock.0.process(outLeft) * Self.outputGain)
            output[2 * frame + 1] = SoftCeiling.apply(dcBlock.1.process(outRight) * Self.outputGain)
        }
    }

    /// The ride's laws, which `advancePhase` plays and `meanSecondsBetweenStations` sums.
    /// Top speed, metres a second, at the line's `pace`.
    private static func topSpeed(at pace: Float) -> Float { 12 + 10 * pace }
    /// Pulling away and braking, metres a second per second.
    private static let acceleration: Float = 1.1
    private static let deceleration: Float = 1.0
    /// Seconds cruising and standing at the platform, before the pace's scale.
    private static let cruiseSeconds: ClosedRange<Float> = 15...35
    private static let stopSeconds: ClosedRange<Float> = 10...20
    private static func cruiseScale(at pace: Float) -> Float { 1.3 - 0.5 * pace }
    private static func stopScale(at pace: Float) -> Float { 1.4 - 0.6 * pace }

    /// Mean seconds from one station to the next at the line's `pace`: the
    /// run, braking from and pulling away to top speed, and the stop.
    /// A token corpus segment holds one such ride: 12 s at 0.4 and 0.6 held
    /// only the platform, and through tokens the line played 16 dB under its
    /// synthesizer there (issue 20).
    package static func meanSecondsBetweenStations(at pace: Float) -> Float {
        let top = topSpeed(at: pace)
        return mean(cruiseSeconds) * cruiseScale(at: pace) + top / deceleration
            + mean(stopSeconds) * stopScale(at: pace) + top / acceleration
    }

    private static func mean(_ range: ClosedRange<Float>) -> Float { (range.lowerBound + range.upperBound) / 2 }

    /// Moves the ride on: speed up, run, brake, stand at the platform, again.
    private func advancePhase(seconds: Float) {
        phaseSeconds += seconds
        topSpeed = Self.topSpeed(at: pace)
        switch phase {
        case .accelerating:
            speed = min(speed + Self.acceleration * seconds, topSpeed)
            if speed >= topSpeed { enter(.cruising, length: random.uniform(Self.cruiseSeconds) * Self.cruiseScale(at: pace)) }
        case .cruising:
            speed += (topSpeed - speed) * min(seconds, 1)
            if phaseSeconds >= phaseLength { enter(.braking, length: 0) }
        case .braking:
            speed = max(speed - Self.deceleration * seconds, 0)
            if speed <= 0 {
                enter(.stopped, length: random.uniform(Self.stopSeconds) * Self.stopScale(at: pace))
                hissEnvelope = 1
                let rate = Self.sampleRate
                platformEvents = (
                    Int(random.uniform(1.5...3) * rate), Int(random.uniform(5...8) * rate),
                    Int((phaseLength - random.uniform(4...6)) * rate)
                )
            }
        case .stopped:
            speed = 0
            if phaseSeconds >= phaseLength { enter(.accelerating, length: 0) }
        }
    }

    private func enter(_ next: Phase, length: Float) {
        phase = next
        phaseSeconds = 0
        phaseLength = length
    }

    @inline(__always)
    private func nextSqueal() -> Float {
        let target: Float = squealFramesLeft > 0 ? 0.02 : 0
        if squealFramesLeft > 0 { squealFramesLeft -= 1 }
        squealLevel += (target - squealLevel) * 0.0003
        guard squealLevel > 1e-5 else { return 0 }
        // Stick-slip never holds one pitch: it wanders over a few per cent.
        squealPhase += squealPitch * (0.97 + 0.06 * squealWander.next()) / Self.sampleRate
        if squealPhase >= 1 { squealPhase -= 1 }
        return FastSine.value(atCycle: squealPhase) * squealLevel * (0.8 + 0.2 * random.bipolar())
    }

    /// The platform: the brakes' air released, the door chime, an announcement, the chime as doors close.
    @inline(__always)
    private func nextPlatformSample() -> (hiss: Float, chime: Float, voice: Float) {
        var hiss: Float = 0
        if hissEnvelope > 1e-4 {
            hiss = hissBand.process(random.bipolar()) * hissEnvelope * 0.03
            hissEnvelope *= 0.99997
        }
        var high: Float = 0
        var low: Float = 0
        if phase == .stopped {
            framesAtPlatform += 1
            // Each chime is a high note, then a lower one 0.45 s later.
            let gap = Int(0.45 * Self.sampleRate)
            if framesAtPlatform == platformEvents.chime || framesAtPlatform == platformEvents.doorsClose {
                high = 0.02
            }
            if framesAtPlatform == platformEvents.chime + gap || framesAtPlatform == platformEvents.doorsClose + gap {
                low = 0.02
            }
            announcer.isInConversation =
                framesAtPlatform >= platformEvents.announcement
                && framesAtPlatform < platformEvents.announcement + 4 * AudioFormat.sampleRate
        } else {
            framesAtPlatform = 0
            announcer.isInConversation = false
        }
        return (hiss, chime.0.process(high) + chime.1.process(low), announcerVoice())
    }

    @inline(__always)
    private func announcerVoice() -> Float {
        let voice = announcer.process(&random)
        guard voice != 0 else { return 0 }
        return announcerBand.1.process(announcerBand.0.process(voice)) * 0.3
    }
}

extension SubwayCarriage {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "subway", variants: ["carriage"],
        family: .places,
        summary:
            "riding the underground: pulling away, the tunnel's roar, brakes, the platform's chime; intensity: the line's pace",
        loudness: SoundLoudness(low: -28.0, middle: -24.7, high: -21.4),
        eventPace: EventPace(eventsPerCorpusSegment: 1, meanSecondsBetweenEvents: SubwayCarriage.meanSecondsBetweenStations)
    ) { _, seed in
        SubwayCarriage(seed: seed)
    }
}
