#!/usr/bin/env bash
# Fuzzes the scene-file parser or the prompt planner with libFuzzer.
#
#   scripts/fuzz.sh scene   [SECONDS] [libFuzzer flags…]
#   scripts/fuzz.sh planner [SECONDS] [libFuzzer flags…]
#
# Builds the Fuzz/ package (release, -sanitize=fuzzer,address), seeds a corpus
# from Themes/ (scene files, or the lexicon's words for the planner) and runs for
# SECONDS (default 600). The corpus grows in Fuzz/.build/corpus/TARGET and is reused
# by the next run; an input that breaks a target is saved as Fuzz/.build/crash-*,
# replay it with: Fuzz/.build/release/FuzzSceneFile Fuzz/.build/crash-…
# Not part of scripts/test.sh: it needs minutes, not seconds.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
case "${1:-}" in
    scene) product=FuzzSceneFile ;;
    planner) product=FuzzPlanner ;;
    *) echo "usage: scripts/fuzz.sh scene|planner [SECONDS] [libFuzzer flags…]" >&2; exit 64 ;;
esac
seconds="${2:-600}"
shift $(( $# >= 2 ? 2 : $# ))

cd "$root/Fuzz"
# One -sanitize=fuzzer,address: given as two flags, swiftc keeps only the last, and without
# the fuzzer's coverage instrumentation libFuzzer mutates blind.
# -parse-as-library: the targets have no top-level code; each defines the entry point
# SwiftPM links (<Target>_main), which hands over to libFuzzer's driver.
# -enable-testing: the scene target reads bytes through TOMLSupport's package-level TextFile.
swift build -c release --product "$product" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -enable-testing

corpus="$root/Fuzz/.build/corpus/$product"
mkdir -p "$corpus"
if [ -z "$(ls -A "$corpus")" ]; then
    if [ "$product" = FuzzSceneFile ]; then
        cp "$root"/Themes/*.toml "$corpus"/
        rm -f "$corpus/lexicon.toml"
    else
        # One seed per lexicon line that names words: phrases the planner knows.
        grep -o '"[^"]*"' "$root/Themes/lexicon.toml" | tr -d '"' | sort -u | awk 'NR <= 400' |
            while IFS= read -r words; do printf '%s' "$words" > "$corpus/seed-$(printf '%s' "$words" | md5sum | cut -c1-12)"; done
        printf 'a quiet library on a rainy afternoon, distant thunder' > "$corpus/seed-prompt"
    fi
fi
export SOUNDSCAPE_THEMES="$root/Themes"
# Leak checks off: TOMLKit 0.6.0 never frees the C strings its bridge to toml++ returns
# (a few bytes per key and string read), which would end every run at once.
export ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
# Swift's own crash backtracer trips AddressSanitizer after a fatalError; libFuzzer's report is enough.
export SWIFT_BACKTRACE=enable=no
exec "$root/Fuzz/.build/release/$product" -max_total_time="$seconds" -max_len=65536 -timeout=10 -detect_leaks=0 \
    -rss_limit_mb=4096 -artifact_prefix="$root/Fuzz/.build/" -print_final_stats=1 "$@" "$corpus"
