// swift-tools-version:6.1
import PackageDescription

/// Release builds on Linux check exclusive access at run time; the DSP and
/// engine code turns that off once tests cover it (see DESIGN.md).
let hotPathSettings: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))
]

// The core is split into targets whose dependencies point one way, lowest first:
//
//   DSP ◄── AudioEngine ◄── SoundLibrary ◄── AcousticTokens
//                ▲               ▲
//   TOMLSupport ◄┴── Scenes ◄────┘   ◄── Configuration
//
// SoundscapeIO (sinks, file import) sits on AudioEngine; SoundscapeTUI on
// AudioEngine and Scenes; the executable on everything. The engine knows no
// sound, token or scene; the sound registry knows no planner.
// scripts/check-layers.sh fails the build when a lower target imports a higher one.
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
        .target(
            name: "CNcursesw",
            linkerSettings: [.linkedLibrary("ncursesw"), .linkedLibrary("tinfo")]),

        .target(name: "DSP", dependencies: ["CFFTW"], swiftSettings: hotPathSettings),
        .target(name: "TOMLSupport", dependencies: [.product(name: "TOMLKit", package: "TOMLKit")]),
        .target(name: "AudioEngine", dependencies: ["DSP"], swiftSettings: hotPathSettings),
        .target(name: "SoundLibrary", dependencies: ["DSP", "AudioEngine"], swiftSettings: hotPathSettings),
        .target(
            name: "AcousticTokens", dependencies: ["DSP", "AudioEngine", "SoundLibrary", "TOMLSupport"],
            swiftSettings: hotPathSettings),
        .target(
            name: "Scenes",
            dependencies: [
                "DSP", "AudioEngine", "SoundLibrary", "TOMLSupport", .product(name: "TOMLKit", package: "TOMLKit"),
            ]),
        .target(
            name: "Configuration",
            dependencies: ["Scenes", "TOMLSupport", .product(name: "TOMLKit", package: "TOMLKit")]),
        .target(
            name: "SoundscapeIO",
            dependencies: ["DSP", "AudioEngine", "CALSA", "CSndfile", "CSamplerate"],
            swiftSettings: hotPathSettings),
        .target(name: "SoundscapeTUI", dependencies: ["AudioEngine", "SoundLibrary", "Scenes", "CNcursesw"]),
        .executableTarget(
            name: "soundscape",
            dependencies: [
                "DSP", "AudioEngine", "SoundLibrary", "AcousticTokens", "Scenes", "Configuration",
                "TOMLSupport", "SoundscapeIO", "SoundscapeTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // Helpers the test targets share: audio analysis, spectra, fingerprints, engine doubles.
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
        .testTarget(name: "SoundscapeIOTests", dependencies: ["SoundscapeIO", "AudioEngine", "DSP"]),
        .testTarget(
            name: "SoundscapeTUITests", dependencies: ["SoundscapeTUI", "AudioEngine", "Scenes", "SoundLibrary", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["DSP", "AudioEngine", "Scenes", "SoundscapeIO"]),
    ]
)
