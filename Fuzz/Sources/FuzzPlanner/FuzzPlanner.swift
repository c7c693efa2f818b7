import CFuzzerDriver
import Foundation
import FuzzChecks

@testable import Scenes
import SoundLibrary

/// The planner with the repository's own lexicon (Themes/lexicon.toml, or
/// `$SOUNDSCAPE_THEMES/lexicon.toml`), read once.
private let planner: Planner = {
    let themes =
        ProcessInfo.processInfo.environment["SOUNDSCAPE_THEMES"]
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../Themes")
        .standardized.path
    do {
        return Planner(lexicon: try Lexicon.read(path: themes + "/lexicon.toml"), catalog: .builtIn)
    } catch {
        fatalError("cannot read the lexicon under \(themes): \(error); set SOUNDSCAPE_THEMES")
    }
}()

/// libFuzzer's entry: one input is a prompt (its bytes as UTF-8, invalid sequences
/// repaired as a terminal would). Planning must never crash, must give the same plan
/// twice, at most `Engine.maximumLayers` layers, only known sounds and in-range
/// numbers, and report as unknown only words that are in the prompt.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlanner(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let prompt = String(decoding: UnsafeBufferPointer(start: data, count: data == nil ? 0 : count), as: UTF8.self)
    let plan = planner.plan(prompt)
    if plan != planner.plan(prompt) { fatalError("planning is not deterministic for \(prompt.debugDescription)") }
    if plan.scene.layers.count > Engine.maximumLayers { fatalError("\(plan.scene.layers.count) layers") }
    if let problem = FuzzChecks.unplayable(plan.scene) { fatalError("planned an unplayable scene: \(problem)") }
    let lowered = prompt.lowercased()
    for word in plan.unknownWords where !lowered.contains(word.lowercased()) {
        fatalError("unknown word \(word.debugDescription) is not in the prompt")
    }
    return 0
}

/// The program's entry point under the name SwiftPM links it by: libFuzzer's driver.
@_cdecl("FuzzPlanner_main")
public func fuzzPlannerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, count in fuzzPlanner(data, count) }
}
