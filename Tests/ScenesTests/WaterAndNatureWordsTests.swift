@testable import Scenes
import TestSupport
import Testing

/// Everyday phrases for the water and nature sounds, plurals and typos
/// included: each must plan its sound and variant.
@Test(arguments: [
    ("a wide river", "river", "wide"), ("rivers", "river", "wide"), ("a rivr flowing", "river", "wide"),
    ("river rapids", "river", "rapids"), ("white water", "river", "rapids"),
    ("a waterfall", "waterfall", "near"), ("waterfals", "waterfall", "near"), ("hiking to the falls", "waterfall", "near"),
    ("a distant waterfall", "waterfall", "distant"),
    ("water dripping in a cave", "dripping", "cave"), ("caves", "dripping", "cave"), ("drips", "dripping", "cave"),
    ("a leaky tap", "dripping", "tap"), ("dripping faucets", "dripping", "tap"),
    ("underwater", "underwater", "sea"), ("beneath the waves", "underwater", "sea"), ("undrwater", "underwater", "sea"),
    ("the deep sea", "underwater", "deep"),
    ("frogs", "frogs", "pond"), ("croaking toads", "frogs", "pond"), ("a frog", "frogs", "pond"), ("forgs", "frogs", "pond"),
    ("a swamp at night", "frogs", "pond"),
    ("cicadas", "cicadas", "summer"), ("a cicada", "cicadas", "summer"), ("cicadas buzzing", "cicadas", "summer"),
    ("cicdas", "cicadas", "summer"),
    ("owls", "owls", "night"), ("an owl hooting", "owls", "night"), ("a tawny owl", "owls", "night"), ("owsl", "owls", "night"),
    ("seagulls", "seagulls", "beach"), ("a gull", "seagulls", "beach"), ("seaguls", "seagulls", "beach"),
    ("gulls in the harbour", "seagulls", "harbour"),
    ("rustling leaves", "leaves", "trees"), ("a leaf", "leaves", "trees"), ("autumn leaves", "leaves", "autumn"),
    ("dry leaves blowing", "leaves", "autumn"),
])
func everydayPhrasesPlanTheWaterAndNatureSounds(prompt: String, sound: String, variant: String) {
    let plan = TestThemes.planner.plan(prompt)
    #expect(plan.scene.layers.contains { $0.sound == sound && $0.variant == variant }, "\(prompt): \(plan.scene.layers)")
}
