// swift-tools-version:6.1
import PackageDescription

/// libFuzzer targets for the scene-file parser and the prompt planner. A package of
/// its own, so `swift build` and `swift test` of Soundscape never need the fuzzer
/// runtime; build and run them with scripts/fuzz.sh.
let package = Package(
    name: "soundscape-fuzz",
    dependencies: [.package(name: "soundscape", path: "..")],
    targets: [
        .target(name: "CFuzzerDriver"),
        .target(name: "FuzzChecks", dependencies: [.product(name: "Scenes", package: "soundscape"), .product(name: "SoundLibrary", package: "soundscape")]),
        .executableTarget(
            name: "FuzzSceneFile",
            dependencies: [
                "CFuzzerDriver", "FuzzChecks", .product(name: "Scenes", package: "soundscape"),
                .product(name: "SoundLibrary", package: "soundscape"), .product(name: "TOMLSupport", package: "soundscape"),
            ]),
        .executableTarget(
            name: "FuzzPlanner",
            dependencies: ["CFuzzerDriver", "FuzzChecks", .product(name: "Scenes", package: "soundscape"), .product(name: "SoundLibrary", package: "soundscape")]),
    ]
)
