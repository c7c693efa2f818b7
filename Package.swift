// swift-tools-version:6.1
import PackageDescription

/// Release builds on Linux check exclusive access at run time; the DSP and
/// engine code turns that off once tests cover it (see DESIGN.md). The hot
/// path crosses targets (a synthesizer in SoundLibrary runs DSP's filters per
/// sample), so their bodies are offered for inlining across modules: without
/// it the split into targets cost the synthesizers a quarter of their speed.
let hotPathSettings: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked", "-cross-module-optimization"], .when(configuration: .release))
]

let toml = Target.Dependency.product(name: "TOMLKit", package: "TOMLKit")

/// A core target: its folder's README.md says what it owns and what it may import.
func core(_ name: String, _ dependencies: [Target.Dependency], hotPath: Bool = false) -> Target {
    .target(
        name: name, dependencies: dependencies, exclude: ["README.md"],
        swiftSettings: hotPath ? hotPathSettings : nil)
}

// The core is split into targets whose dependencies point one way, lowest first:
//
//   DSP ◄── AudioEngine ◄── SoundLibrary ◄── AcousticTokens
//                 ▲              ▲
//   TOMLSupport ◄─┴── Scenes ◄───┘  ◄── Configuration
//
// SoundscapeIO (sinks, file import) and SessionControl (the `ctl` protocol and
// socket) sit on AudioEngine; SoundscapeTUI on AudioEngine, Scenes and
// SessionControl; the executable on everything. The engine knows no
// sound, token or scene; the sound registry knows no planner.
// scripts/check-layers.sh (run first by scripts/test.sh) fails when a target
// imports one it does not depend on, or depends on one at its level or above.
let package = Package(
    name: "soundscape",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "soundscape", targets: ["soundscape"]),
        // For the libFuzzer targets in Fuzz/, a package of their own that depends on this one.
        .library(name: "Scenes", targets: ["Scenes"]),
        .library(name: "SoundLibrary", targets: ["SoundLibrary"]),
        .library(name: "TOMLSupport", targets: ["TOMLSupport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .systemLibrary(name: "CALSA", pkgConfig: "alsa", providers: [.apt(["libasound2-dev"])]),
        .systemLibrary(name: "CSndfile", pkgConfig: "sndfile", providers: [.apt(["libsndfile1-dev"])]),
        .systemLibrary(
            name: "CSamplerate", pkgConfig: "samplerate", providers: [.apt(["libsamplerate0-dev"])]),
        .systemLibrary(name: "CFFTW", pkgConfig: "fftw3f", providers: [.apt(["libfftw3-dev"])]),
        .target(name: "CSystemdBus", linkerSettings: [.linkedLibrary("systemd")]),
        .target(
            name: "CNcursesw",
            linkerSettings: [.linkedLibrary("ncursesw"), .linkedLibrary("tinfo")]),

        core("DSP", ["CFFTW"], hotPath: true),
        core("TOMLSupport", [toml]),
        core("AudioEngine", ["DSP"], hotPath: true),
        core("SoundLibrary", ["DSP", "AudioEngine"], hotPath: true),
        core("AcousticTokens", ["DSP", "AudioEngine", "SoundLibrary", "TOMLSupport"], hotPath: true),
        core("Scenes", ["DSP", "AudioEngine", "SoundLibrary", "TOMLSupport", toml]),
        core("Configuration", ["Scenes", "TOMLSupport", toml]),
        core("SoundscapeIO", ["DSP", "AudioEngine", "CALSA", "CSndfile", "CSamplerate"], hotPath: true),
        core("SessionControl", ["AudioEngine", "CSystemdBus"]),
        core("SoundscapeTUI", ["AudioEngine", "SoundLibrary", "Scenes", "SessionControl", "CNcursesw"]),
        .executableTarget(
            name: "soundscape",
            dependencies: [
                "DSP", "AudioEngine", "SoundLibrary", "AcousticTokens", "Scenes", "Configuration",
                "TOMLSupport", "SoundscapeIO", "SessionControl", "SoundscapeTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["README.md"]),

        // Helpers the test targets share: audio analysis, spectra, fingerprints, the engine double.
        .target(name: "TestSupport", dependencies: ["DSP", "AudioEngine", "SoundLibrary", "Scenes"], path: "Tests/TestSupport"),
        .testTarget(name: "DSPTests", dependencies: ["DSP", "TestSupport"]),
        .testTarget(name: "AudioEngineTests", dependencies: ["AudioEngine", "DSP", "SoundLibrary", "TestSupport"]),
        .testTarget(name: "SoundLibraryTests", dependencies: ["SoundLibrary", "AudioEngine", "DSP", "TestSupport"]),
        .testTarget(
            name: "AcousticTokensTests",
            dependencies: ["AcousticTokens", "SoundLibrary", "AudioEngine", "DSP", "TestSupport"]),
        .testTarget(
            name: "ScenesTests",
            dependencies: ["Scenes", "SoundLibrary", "AcousticTokens", "AudioEngine", "DSP", "TOMLSupport", "TestSupport"]),
        .testTarget(name: "ConfigurationTests", dependencies: ["Configuration", "Scenes", "TOMLSupport", "TestSupport"]),
        // Each built-in sound against the real recordings in Sounds/ (read with SoundscapeIO),
        // through its synthesizer and through the token path a user hears by default.
        .testTarget(
            name: "SoundRealismTests",
            dependencies: ["SoundLibrary", "AcousticTokens", "AudioEngine", "DSP", "SoundscapeIO", "TestSupport"]),
        .testTarget(name: "SoundscapeIOTests", dependencies: ["SoundscapeIO", "AudioEngine", "DSP"]),
        .testTarget(name: "SessionControlTests", dependencies: ["SessionControl", "DSP"]),
        .testTarget(
            name: "SoundscapeTUITests",
            dependencies: ["SoundscapeTUI", "AudioEngine", "Scenes", "SessionControl", "SoundLibrary", "TestSupport"]),
        // The command definitions themselves (the executable's module, imported with @testable).
        .testTarget(name: "SoundscapeCommandTests", dependencies: ["soundscape", "SessionControl"]),
        .testTarget(name: "EndToEndTests", dependencies: ["DSP", "AudioEngine", "Scenes", "SoundscapeIO"]),
    ]
)
