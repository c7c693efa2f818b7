import AudioEngine
import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A café: several conversations at once, none intelligible, the clink of
/// cups and spoons, now and then a chair scraping, all in one room.
///
/// Voices are `FormantTalker`s at different distances and positions; behind
/// them a band of softly modulated noise stands for the crowd too far away to
/// separate. Tableware (`CafeTableware`) is short clatter: a contact click
/// and a brief ceramic ring whose pitch moves from clink to clink. A chair scrape
/// is stick-slip friction — a jittery pulse train of a hundred-odd hertz
/// through the floor's resonance. Intensity is how busy the café is: more
/// talkers, more crockery, more chairs, a denser crowd behind.
package final class CafeMurmur: LayerSource {
    /// The synthesizer's own level; the definition's loudness figures
    /// level-match it to the other sounds.
    private static let outputGain: Float = 1.45
    private static let talkerCount = 10
    // Real cafés (Sounds/cafe/market.ogg, restaurant.ogg) keep little under
    // 180 Hz (125 Hz at −14.2…−13.0 dB of their energy) and a full 1–2 kHz
    // (−9.5…−5.7 dB): the room's hubbub and clatter, not its rumble, fill them.
    private static let floorLevel: Float = 0.3
    private static let clatterLevel: Float = 0.2
    /// Two poles: a voice's fundamental (100–150 Hz) stood 20 dB over the room as a held line.
    private static let speechHighPassHertz: Float = 200
    private static let clinkCount = 4
    private static let sampleRate = Float(AudioFormat.sampleRate)

    private var random: Random
    private var talkers: [FormantTalker] = []
    private var talkerLowPasses: [Biquad] = []
    private var clinks: [CafeTableware]
    private var nextClink = 0
    private var framesUntilClink: Int
    // Chair scrape.
    private var framesUntilScrape: Int
    private var scrapeFrames = 0
    private var scrapeAge = 0
    private var scrapePhase: Float = 0
    private var scrapePitch: Float = 120
    private var scrapePan: Float = 0
    private var scrapeBand = Biquad(.bandPass, frequency: 800, q: 1.2)
    private var scrapeBody = Biquad(.bandPass, frequency: 300, q: 2)
    private var scrapeLowPass = Biquad(.lowPass, frequency: 4_000)
    // Distant crowd.
    private var crowdPink = KelletPinkNoise()
    private var crowdBand = Biquad(.bandPass, frequency: 1_000, q: 0.6)
    private var crowdLowPass = Biquad(.lowPass, frequency: 5_000)
    private var crowdSway: Float = 0
    private var rumble: Float = 0
    private var rumbleLowPass = Biquad(.lowPass, frequency: 140, q: 0.6)
    private var crowdSwayTarget: Float = 0
    // Distant clatter: a diffuse bright floor with faint bursts of cutlery and crockery far off.
    private var clatterPinkLeft = KelletPinkNoise()
    private var clatterPinkRight = KelletPinkNoise()
    private var clatterHighPassLeft = Biquad(.highPass, frequency: 900)
    private var clatterHighPassRight = Biquad(.highPass, frequency: 900)
    private var clatterLowPassLeft = Biquad(.lowPass, frequency: 9_000)
    private var clatterLowPassRight = Biquad(.lowPass, frequency: 9_000)
    private var clatterEnvelope: Float = 0
    private var clatterDecay: Float = 0.999
    private var framesUntilClatter = 0
    private var speechHighPassLeft = (Biquad(.highPass, frequency: CafeMurmur.speechHighPassHertz), Biquad(.highPass, frequency: CafeMurmur.speechHighPassHertz))
    private var speechHighPassRight = (Biquad(.highPass, frequency: CafeMurmur.speechHighPassHertz), Biquad(.highPass, frequency: CafeMurmur.speechHighPassHertz))
    private var dcBlockLeft = Biquad(.highPass, frequency: 20)
    private var dcBlockRight = Biquad(.highPass, frequency: 20)
    private let room = SmallRoomReverb(size: 1.0, decay: 0.6, damping: 0.5)
    private var busyness: Float = -1
    private var framesUntilControl = 0

    package init(seed: UInt64) {
        random = Random(seed: seed)
        for index in 0..<Self.talkerCount {
            var talker = FormantTalker(random: &random)
            // Nearer talkers first, so a quiet café keeps its nearest conversations.
            let distance = 1 + Float(index) * 0.45 + random.uniform(0...0.4)
            talker.gain = 1 / distance
            talker.pan = random.uniform(-0.7...0.7)
            talkers.append(talker)
            talkerLowPasses.append(Biquad(.lowPass, frequency: 4_500 / (0.6 + 0.4 * distance)))
        }
        clinks = [CafeTableware](repeating: CafeTableware(), count: Self.clinkCount)
        framesUntilClink = Int(random.uniform(0.5...3) * Self.sampleRate)
        framesUntilScrape = Int(random.uniform(5...20) * Self.sampleRate)
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if busyness < 0 { busyness = target }
        busyness += (target - busyness) * 0.2
        let activeTalkers = 3 + Int((7 * busyness).rounded())
        for index in 0..<Self.talkerCount { talkers[index].isInConversation = index < activeTalkers }
        let clinkRate = 0.15 + 0.9 * busyness
        let scrapeRate = 0.015 + 0.06 * busyness
        let crowdGain = 0.03 + 0.06 * busyness
        let talkerGain: Float = 0.8
        let clatterRate = 3 + 12 * busyness
        let clatterGain = (0.15 + 0.85 * busyness) * CafeMurmur.clatterLevel

        for frame in 0..<frameCount {
            var left: Float = 0
            var right: Float = 0
            var send: Float = 0
            for index in 0..<Self.talkerCount {
                let voice = talkers[index].process(&random)
                if voice == 0 { continue }
                let heard = talkerLowPasses[index].process(voice) * talkers[index].gain * talkerGain
                let pan = talkers[index].pan
                left += heard * (1 - pan)
                right += heard * (1 + pan)
                send += heard * (1.4 - talkers[index].gain)
            }

            if framesUntilControl == 0 {
                framesUntilControl = AudioFormat.sampleRate / 8
                crowdSwayTarget = random.bipolar() * 0.5
            }
            framesUntilControl -= 1
            crowdSway += (crowdSwayTarget - crowdSway) * 0.0002
            let crowd =
                crowdLowPass.process(crowdBand.process(crowdPink.process(random.bipolar()))) * crowdGain
                * (1 + crowdSway)
            send += crowd
            // Traffic and machinery through the windows: the café's low floor.
            rumble = rumble * 0.999 + random.bipolar() * 0.02
            let floor = rumbleLowPass.process(rumble) * (0.06 + 0.06 * busyness) * CafeMurmur.floorLevel

            if framesUntilClatter <= 0 {
                clatterEnvelope = max(clatterEnvelope, random.uniform(0.2...1))
                clatterDecay = 1 - 1 / (random.uniform(0.01...0.06) * Self.sampleRate)
                framesUntilClatter = Int(random.exponentialInterval(ratePerSecond: clatterRate) * Self.sampleRate)
            }
            framesUntilClatter -= 1
            clatterEnvelope *= clatterDecay
            // Clatter comes from all over the room: each side gets its own noise.
            let clatterLevel = (0.12 + clatterEnvelope) * clatterGain
            let clatterLeft = clatterLowPassLeft.process(
                clatterHighPassLeft.process(clatterPinkLeft.process(random.bipolar())))
            let clatterRight = clatterLowPassRight.process(
                clatterHighPassRight.process(clatterPinkRight.process(random.bipolar())))
            left += clatterLeft * clatterLevel
            right += clatterRight * clatterLevel
            send += (clatterLeft + clatterRight) * 0.5 * clatterLevel

            if framesUntilClink <= 0 {
                clinks[nextClink].start(&random)
                nextClink = (nextClink + 1) % Self.clinkCount
                framesUntilClink = Int(random.exponentialInterval(ratePerSecond: clinkRate) * Self.sampleRate)
            }
            framesUntilClink -= 1
            for index in 0..<Self.clinkCount where clinks[index].isSounding {
                let sample = clinks[index].next(&random)
                let pan = clinks[index].pan
                // Pan by attenuating the far side only, so a hard-panned clink is no louder than a centred one.
                left += sample * min(1 - pan, 1)
                right += sample * min(1 + pan, 1)
                // Little of the clatter goes to the room: a bright click excites its resonances into a ring.
                send += sample * 0.2
            }

            if framesUntilScrape <= 0 {
                startScrape()
                framesUntilScrape = Int(
                    (2 + random.exponentialInterval(ratePerSecond: scrapeRate)) * Self.sampleRate)
            }
            framesUntilScrape -= 1
            if scrapeAge < scrapeFrames {
                let sample = nextScrapeSample()
                left += sample * (1 - scrapePan)
                right += sample * (1 + scrapePan)
                send += sample
            }

            let wet = room.process(send)
            let outLeft = (speechHighPassLeft.1.process(speechHighPassLeft.0.process(left + crowd + wet.left * 0.8)) + floor) * Self.outputGain
            let outRight = (speechHighPassRight.1.process(speechHighPassRight.0.process(right + crowd + wet.right * 0.8)) + floor) * Self.outputGain
            output[frame * 2] = SoftCeiling.apply(dcBlockLeft.process(outLeft))
            output[frame * 2 + 1] = SoftCeiling.apply(dcBlockRight.process(outRight))
        }
    }

    private func startScrape() {
        scrapeFrames = Int(random.uniform(0.3...0.9) * Self.sampleRate)
        scrapeAge = 0
        scrapePitch = random.uniform(70...160)
        scrapePan = random.uniform(-0.8...0.8)
        scrapeBand.set(.bandPass, frequency: random.uniform(500...1_400), q: 1.2)
        scrapeBody.set(.bandPass, frequency: random.uniform(200...400), q: 2)
    }

    /// Stick-slip: a jittery pulse train whose pitch wanders as the legs drag.
    @inline(__always)
    private func nextScrapeSample() -> Float {
        let position = Float(scrapeAge) / Float(scrapeFrames)
        scrapeAge += 1
        let envelope = sinf(Float.pi * position) * (0.7 + 0.3 * sinf(19 * position))
        scrapePhase += scrapePitch * (1 + 0.25 * random.bipolar()) * (0.85 + 0.3 * position) / Self.sampleRate
        var pulse: Float = 0
        if scrapePhase >= 1 {
            scrapePhase -= 1
            pulse = 1
        }
        let excitation = pulse + random.bipolar() * 0.15
        let scraped = scrapeBand.process(excitation) * 1.2 + scrapeBody.process(excitation) * 0.6
        return scrapeLowPass.process(scraped) * envelope * 0.35
    }
}

extension CafeMurmur {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "cafe", variants: ["murmur"],
        family: .places,
        summary: "a busy café: indistinct voices, cups and spoons, a chair now and then",
        loudness: SoundLoudness(low: -25.1, middle: -23.2, high: -21.3)
    ) { _, seed in
        CafeMurmur(seed: seed)
    }
}
