@testable import Configuration
import Foundation
import TestSupport
import Testing


/// A broken configuration file and where and why reading it must fail.
struct BadConfigCase: CustomTestStringConvertible, Sendable {
    var label: String
    var text: String
    var line: Int
    /// Words the reason must contain, so the message tells the user what to fix.
    var reason: [String]

    init(_ label: String, _ text: String, line: Int, _ reason: String...) {
        self.label = label
        self.text = text
        self.line = line
        self.reason = reason
    }

    var testDescription: String { label }
}

@Suite struct ConfigFileTests {
    private let path = "/home/ana/.config/soundscape/config.toml"

    @Test func testEverySettingIsReadWithTheLineItIsOn() throws {
        let text = """
            # mine
            device = "plughw:1,0"
            latency_milliseconds = 80
            fade_out_seconds = 12.5
            master = 0.6
            first_scene = "deep-focus"
            procedural = true
            themes = "/opt/soundscape/Themes"
            color = false
            """
        let loaded = try ConfigFile.parse(text, path: path)
        let config = loaded.config
        #expect(loaded.warnings.isEmpty)
        #expect(config.device == "plughw:1,0")
        #expect(config.latencyMilliseconds == 80)
        #expect(config.fadeOutSeconds == 12.5)
        #expect(config.master == 0.6)
        #expect(config.firstScene == "deep-focus")
        #expect(config.procedural == true)
        #expect(config.themesDirectory == "/opt/soundscape/Themes")
        #expect(config.color == false)
        #expect(config.location(of: "latency_milliseconds") == "\(path):3")
        #expect(config.location(of: "color") == "\(path):9")
    }

    @Test func testAnEmptyOrCommentOnlyFileLeavesEverySettingToTheDefaults() throws {
        for text in ["", "\n\n", "# nothing set yet\n"] {
            let config = try ConfigFile.parse(text, path: path).config
            #expect(config.device == nil && config.latencyMilliseconds == nil && config.master == nil)
            #expect(config.procedural == nil && config.firstScene == nil && config.themesDirectory == nil)
        }
    }

    @Test func testUnknownKeysAreWarnedAboutOnTheirOwnLineAndIgnored() throws {
        let text = """
            device = "default"
            latency = 80
            audio.buffer = 80

            [mixer]
            colour = false
            """
        let loaded = try ConfigFile.parse(text, path: path)
        #expect(loaded.config.device == "default")
        #expect(loaded.config.latencyMilliseconds == nil)
        let lines = loaded.warnings.map(\.description)
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix("\(path):2: warning: unknown key 'latency'") == true, "\(lines)")
        #expect(
            lines.first?.contains("latency_milliseconds") == true, "the warning lists the known keys")
        // A dotted key is blamed on its own line, not the top of the file.
        #expect(lines.dropFirst().first?.hasPrefix("\(path):3: warning: unknown key 'audio'") == true, "\(lines)")
        #expect(lines.last?.hasPrefix("\(path):5: warning: unknown key 'mixer'") == true, "\(lines)")
    }

    @Test func testAnUnknownKeyHoldingANewlineIsStillOneLineOfWarning() throws {
        let loaded = try ConfigFile.parse("\"late\\nncy\" = 80\n", path: path)
        let lines = loaded.warnings.map(\.description)
        #expect(lines.count == 1)
        #expect(lines.first?.contains("\n") == false, "\(lines)")
        #expect(lines.first?.contains(#""late\nncy""#) == true, "\(lines)")
    }

    static let badFiles: [BadConfigCase] = [
        BadConfigCase(
            "latency too small", "device = \"default\"\nlatency_milliseconds = 5", line: 2, "10 to 2000"),
        BadConfigCase(
            "latency as text", "latency_milliseconds = \"40ms\"", line: 1, "number", "string"),
        BadConfigCase("master above one", "master = 1.5", line: 1, "0 to 1"),
        BadConfigCase("negative fade", "\n\nfade_out_seconds = -1", line: 3, "0 to 3600"),
        BadConfigCase("infinite fade", "fade_out_seconds = inf", line: 1, "out of range"),
        BadConfigCase("procedural as text", "procedural = \"yes\"", line: 1, "true or false"),
        BadConfigCase("color as number", "color = 1", line: 1, "true or false"),
        BadConfigCase("device as number", "device = 0", line: 1, "string"),
        BadConfigCase("device with spaces", "device = \"my card\"", line: 1, "aplay -L"),
        BadConfigCase("empty first scene", "first_scene = \"\"", line: 1, "first_scene"),
        BadConfigCase("malformed table header", "device = \"x\"\n[}", line: 2, "TOML"),
        BadConfigCase("malformed array", "device = [1,}]", line: 1, "TOML"),
        BadConfigCase("unterminated string", "device = \"default", line: 1, "TOML"),
        BadConfigCase("key defined twice", "master = 0.5\nmaster = 0.6", line: 2, "TOML"),
    ]

    @Test(arguments: badFiles)
    func testABadSettingIsOneLineNamingTheFileTheLineAndTheReason(_ bad: BadConfigCase) {
        do {
            let loaded = try ConfigFile.parse(bad.text, path: path)
            Issue.record("accepted: \(loaded.config)")
        } catch {
            guard case .invalidFile(let errorPath, let line, let reason) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(errorPath == path)
            #expect(line == bad.line, "\(error)")
            for word in bad.reason { #expect(reason.contains(word), "\(error)") }
            #expect(!error.description.contains("\n"))
            #expect(error.description.hasPrefix("\(path):\(bad.line): "))
        }
    }

    @Test func testPathsAreTakenFromHomeOrFromTheFilesOwnDirectory() throws {
        let home = try ConfigFile.parse("themes = \"~/sounds/Themes\"", path: path, home: "/home/ana")
            .config
        #expect(home.themesDirectory == "/home/ana/sounds/Themes")
        let relative = try ConfigFile.parse(
            "themes = \"Themes\"\nfirst_scene = \"scenes/mine.toml\"", path: path
        ).config
        #expect(relative.themesDirectory == "/home/ana/.config/soundscape/Themes")
        #expect(relative.firstScene == "/home/ana/.config/soundscape/scenes/mine.toml")
        let name = try ConfigFile.parse("first_scene = \"deep-focus\"", path: path).config
        #expect(name.firstScene == "deep-focus", "a scene name is not a path")
    }

    @Test func testTheFileIsFoundThroughSoundscapeConfigThenXDGThenHome() {
        #expect(
            ConfigFile.location(environment: [
                "SOUNDSCAPE_CONFIG": "/tmp/c.toml", "XDG_CONFIG_HOME": "/x",
            ]) == ("/tmp/c.toml", true))
        #expect(
            ConfigFile.location(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == (
                "/x/soundscape/config.toml", false
            ))
        // The XDG spec: a relative XDG_CONFIG_HOME is ignored.
        #expect(
            ConfigFile.location(environment: ["XDG_CONFIG_HOME": "rel", "HOME": "/h"]) == (
                "/h/.config/soundscape/config.toml", false
            ))
        #expect(
            ConfigFile.location(environment: ["SOUNDSCAPE_CONFIG": "", "HOME": "/h"]).isExplicit == false)
    }

    @Test func testAMissingDefaultFileIsNoConfigButAMissingNamedFileIsAnError() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "config-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let none = try ConfigFile.load(environment: ["XDG_CONFIG_HOME": directory.path])
        #expect(none.config == Config())
        #expect(throws: ConfigError.self) {
            try ConfigFile.load(environment: [
                "SOUNDSCAPE_CONFIG": directory.appendingPathComponent("nope.toml").path
            ])
        }
    }

    @Test func testThemesThatHoldNoLexiconAreAnErrorOnTheirLine() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("config.toml")
        try "master = 0.5\nthemes = \"empty\"\n".write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("empty"), withIntermediateDirectories: true)
        #expect(
            throws: ConfigError.invalidFile(
                path: file.path, line: 2,
                reason:
                    "themes: \(directory.path)/empty holds no lexicon.toml; give the Themes directory or remove the key"
            )
        ) {
            try ConfigFile.load(environment: ["SOUNDSCAPE_CONFIG": file.path])
        }
        try "".write(
            to: directory.appendingPathComponent("empty/lexicon.toml"), atomically: true, encoding: .utf8)
        let loaded = try ConfigFile.load(environment: ["SOUNDSCAPE_CONFIG": file.path])
        #expect(loaded.config.themesDirectory == directory.path + "/empty")
    }

    @Test func testTheExampleFileReadsBackWithoutWarnings() throws {
        let loaded = try ConfigFile.parse(ConfigFile.example, path: path)
        #expect(loaded.warnings.isEmpty)
        #expect(loaded.config.latencyMilliseconds == 120)
        #expect(loaded.config.device == "default")
        // Every key is documented in the example (themes commented out, as its default is found).
        for key in ConfigFile.keys { #expect(ConfigFile.example.contains("\(key) = "), "\(key)") }
    }

    @Test func testAConfiguredMasterStartsPlannedScenesAndQuietStillLowersIt() throws {
        let planner = TestThemes.planner
        let louder = planner.startingMaster(at: 1)
        #expect(louder.plan("rain").scene.master == 1)
        #expect(louder.plan("quiet rain").scene.master < 1)
        #expect(planner.startingMaster(at: 0.4).plan("rain").scene.master == 0.4)
    }
}
