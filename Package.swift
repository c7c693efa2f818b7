// swift-tools-version:6.1
import PackageDescription

/// Release builds on Linux check exclusive access at run time; the DSP and
/// engine code turns that off once tests cover it (see DESIGN.md).
let hotPathSettings: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))
]

let package = Package(
    name: "soundscape",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "soundscape", targets: ["soundscape"]),
        // For the libFuzzer targets in Fuzz/, a package of their own that depends on this one.
        .library(name: "SoundscapeCore", targets: ["SoundscapeCore"]),
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
        .target(
            name: "SoundscapeCore",
            dependencies: ["CFFTW", .product(name: "TOMLKit", package: "TOMLKit")],
            swiftSettings: hotPathSettings),
        .target(
            name: "SoundscapeIO",
            dependencies: ["SoundscapeCore", "CALSA", "CSndfile", "CSamplerate"],
            swiftSettings: hotPathSettings),
        .target(name: "SoundscapeTUI", dependencies: ["SoundscapeCore", "CNcursesw"]),
        .executableTarget(
            name: "soundscape",
            dependencies: [
                "SoundscapeCore", "SoundscapeIO", "SoundscapeTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "SoundscapeCoreTests", dependencies: ["SoundscapeCore"]),
        .testTarget(name: "SoundscapeIOTests", dependencies: ["SoundscapeIO", "SoundscapeCore"]),
        .testTarget(name: "SoundscapeTUITests", dependencies: ["SoundscapeTUI", "SoundscapeCore"]),
        .testTarget(name: "EndToEndTests", dependencies: ["SoundscapeCore", "SoundscapeIO"]),
    ]
)
