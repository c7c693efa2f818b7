import CFuzzerDriver
import Foundation
import FuzzChecks

@testable import Scenes
@testable import TOMLSupport
import SoundLibrary

/// libFuzzer's entry: one input is the bytes of a scene file. The parser must answer
/// with a playable scene that saves and reads back to itself, or with one
/// `path:line: reason` line whose line lies inside the file; warnings are one line too. Anything else — a crash,
/// a trap, another kind of error, a scene the engine cannot play — stops the fuzzer
/// with the input saved as crash-*.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSceneFile(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = data.map { Data(bytes: $0, count: count) } ?? Data()
    let path = "fuzz.toml"
    do {
        let text = try SceneError.reporting { try TextFile.decode(bytes, path: path) }
        let loaded = try SceneFile.parse(text, path: path, catalog: .builtIn)
        if let problem = FuzzChecks.unplayable(loaded.scene) { fatalError("parsed an unplayable scene: \(problem)") }
        for warning in loaded.warnings where warning.description.contains("\n") {
            fatalError("a warning of more than one line: \(warning.description.debugDescription)")
        }
        let saved = SceneFile.text(of: loaded.scene)
        let reloaded = try SceneFile.parse(saved, path: path, catalog: .builtIn)
        if reloaded.scene != loaded.scene { fatalError("saving and reading again changed the scene:\n\(saved)") }
    } catch let error as SceneError {
        guard case .invalidFile(let errorPath, let line, let reason) = error else {
            fatalError("unexpected kind of error: \(error)")
        }
        let lineCount = bytes.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        if errorPath != path || line < 1 || line > lineCount || reason.isEmpty || error.description.contains("\n") {
            fatalError("bad error for a \(lineCount)-line file: \(error.description.debugDescription)")
        }
    } catch {
        fatalError("\(type(of: error)) instead of a SceneError: \(error)")
    }
    return 0
}

/// The program's entry point under the name SwiftPM links it by: libFuzzer's driver.
@_cdecl("FuzzSceneFile_main")
public func fuzzSceneFileMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, count in fuzzSceneFile(data, count) }
}
