#!/usr/bin/env bash
# Fails when a target imports a module of this package that it does not list as a
# dependency, or when a target depends on one at its own level or above. The levels,
# lowest first (a target may use only targets of lower levels):
#
#   0  the C shims: CALSA, CSndfile, CSamplerate, CFFTW, CNcursesw, CSystemdBus
#   1  DSP, TOMLSupport
#   2  AudioEngine
#   3  SoundLibrary, SessionControl
#   4  AcousticTokens, Scenes
#   5  Configuration, SoundscapeIO
#   6  SoundscapeTUI
#   7  soundscape, the executable
#
# SwiftPM does not stop a target from importing a module it happens to find built, so
# without this check a circle could creep back in. scripts/test.sh runs it first.
set -euo pipefail
cd "$(dirname "$0")/.."
swift package describe --type json > .build/package-description.json 2>/dev/null || {
    mkdir -p .build && swift package describe --type json > .build/package-description.json
}
python3 - .build/package-description.json <<'PY'
import json, re, sys, pathlib
levels = {
    "CALSA": 0, "CSndfile": 0, "CSamplerate": 0, "CFFTW": 0, "CNcursesw": 0, "CSystemdBus": 0,
    "DSP": 1, "TOMLSupport": 1, "AudioEngine": 2, "SoundLibrary": 3, "SessionControl": 3,
    "AcousticTokens": 4, "Scenes": 4, "Configuration": 5, "SoundscapeIO": 5,
    "SoundscapeTUI": 6, "soundscape": 7,
}
package = json.load(open(sys.argv[1]))
targets = {t["name"]: t for t in package["targets"]}
own = set(targets)
problems = []
for name, target in targets.items():
    if target["type"] == "test" or name == "TestSupport":
        continue
    if name not in levels:
        problems.append(f"{name}: a new target; give it a level in scripts/check-layers.sh")
        continue
    deps = set(target.get("target_dependencies") or []) | set(target.get("product_dependencies") or [])
    for dep in sorted(deps & own):
        if levels.get(dep, 99) >= levels[name]:
            problems.append(f"{name} (level {levels[name]}) depends on {dep} (level {levels.get(dep)}): dependencies point down only")
    for source in sorted(pathlib.Path(target["path"]).rglob("*.swift")):
        for line_number, line in enumerate(source.read_text().splitlines(), 1):
            match = re.match(r"\s*(?:@testable\s+)?import\s+(?:\w+\s+)?(\w+)", line)
            if match and match.group(1) in own and match.group(1) not in deps:
                problems.append(f"{source}:{line_number}: {name} imports {match.group(1)}, which is not among its dependencies")
for problem in problems:
    print("check-layers: " + problem, file=sys.stderr)
if problems:
    sys.exit(1)
print(f"check-layers: {len([t for t in targets.values() if t['type'] != 'test'])} targets, dependencies point one way")
PY
