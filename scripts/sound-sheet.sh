#!/usr/bin/env bash
# The sound sheet: every built-in sound and variant rendered for 60 s at intensity
# 0.2, 0.5 and 0.9 (the default token path, seed 1), each drawn as a spectrogram
# under a real recording of its category at the same scale, plus a Markdown table
# of octave-band shares and envelope statistics (`soundscape analyze`) of the
# renders and of every real recording in Sounds/.
#
# Usage: scripts/sound-sheet.sh [OUTDIR]          (default .build/sound-sheet)
#   SHEET_SOUNDS="rain stream"   only these sounds
#   SHEET_PROCEDURAL=1           render the synthesizers directly (--procedural)
#   SHEET_SECONDS=30             shorter renders, for a quick look
# Writes OUTDIR/NAME-VARIANT.png (top: the real recording, Sounds/NAME/ first file,
# its level matched to the 0.5 render; then 0.2, 0.5, 0.9; one mono channel each,
# sox's spectrogram with a fixed range of -Z -10 -z 90 dBFS, 0–24 kHz), OUTDIR/sheet.md,
# and keeps the renders in OUTDIR/wav/. Needs sox (scripts/install-deps.sh --test).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=${1:-.build/sound-sheet}
seconds=${SHEET_SECONDS:-60}
bin=$root/.build/release/soundscape
[ -x "$bin" ] || swift build -c release --product soundscape >&2
command -v sox >/dev/null || { echo "sound-sheet: sox is needed (scripts/install-deps.sh --test)" >&2; exit 1; }
mkdir -p "$out/wav"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A private config, so the user's config.toml (procedural, device…) cannot change what is drawn.
export XDG_CONFIG_HOME="$work/config"
unset SOUNDSCAPE_CONFIG
procedural=()
[ "${SHEET_PROCEDURAL:-0}" = 1 ] && procedural=(--procedural)

# name variant… per line, from the registry itself.
"$bin" sounds --json | python3 -c '
import json, sys
for s in json.load(sys.stdin):
    if s["family"] != "learned": print(s["name"], *s["variants"])
' > "$work/sounds"

rms_db() {  # RMS level in dBFS of a file, from sox stats
  sox "$1" -n stats 2>&1 | awk '/^RMS lev dB/ { print $4; exit }'
}

rows=()
while read -r name variants; do
  if [ -n "${SHEET_SOUNDS:-}" ] && ! [[ " $SHEET_SOUNDS " == *" $name "* ]]; then continue; fi
  reference=$(ls "$root/Sounds/$name"/*.ogg 2>/dev/null | sort | head -1 || true)
  for variant in $variants; do
    channels=()
    for intensity in 0.2 0.5 0.9; do
      scene="$work/$name-$variant-$intensity.toml"
      printf 'summary = "sound sheet"\nprompt = "%s %s"\nmaster = 1.0\nevolve = false\n\n[[layers]]\nsound = "%s"\nvariant = "%s"\nweight = 1.0\nintensity = %s\nmute = false\n' \
        "$name" "$variant" "$name" "$variant" "$intensity" > "$scene"
      wav="$out/wav/$name-$variant-$intensity.wav"
      "$bin" render --scene "$scene" --duration "$seconds" --seed 1 "${procedural[@]}" --output "$wav" >/dev/null 2>"$work/err" \
        || { echo "sound-sheet: rendering $name $variant at $intensity failed: $(tail -1 "$work/err")" >&2; exit 1; }
      sox "$wav" -c 1 "$work/$intensity.wav"
      channels+=("$work/$intensity.wav")
      rows+=("wav/$name-$variant-$intensity.wav")
    done
    title="$name $variant"
    if [ -n "$reference" ]; then
      # The real recording at the level of the 0.5 render, so both share one colour scale.
      gain=$(awk -v a="$(rms_db "$work/0.5.wav")" -v b="$(rms_db "$reference")" 'BEGIN { printf "%.2f", a - b }')
      sox "$reference" -r 48000 -c 1 "$work/real.wav" trim 0 "$seconds" gain "$gain"
      channels=("$work/real.wav" "${channels[@]}")
      title="$title: top real ($(basename "$reference")), then intensity 0.2, 0.5, 0.9"
    else
      title="$title: no real recording in Sounds/$name; intensity 0.2, 0.5, 0.9"
    fi
    sox -M "${channels[@]}" -n spectrogram -x 1200 -y 257 -z 90 -Z -10 -t "$title" -o "$out/$name-$variant.png"
    echo "sound-sheet: $out/$name-$variant.png" >&2
  done
done < "$work/sounds"

{
  echo "# Sound sheet"
  echo
  echo "Renders: ${seconds} s, seed 1, $([ ${#procedural[@]} -gt 0 ] && echo procedural || echo 'default token path'), the last 3 s (fade) left out."
  echo "Octave-band shares in dB of the 125 Hz–8 kHz total; events, event length and level spread as \`soundscape analyze --help\` defines them."
  echo
  echo "## Built-in sounds"
  echo
  (cd "$out" && "$bin" analyze --markdown --seconds "$((seconds - 3))" "${rows[@]}")
  if ls "$root"/Sounds/*/*.ogg >/dev/null 2>&1; then
    echo
    echo "## Real recordings (Sounds/)"
    echo
    (cd "$root" && "$bin" analyze --markdown Sounds/*/*.ogg)
  fi
} > "$out/sheet.md"
echo "sound-sheet: $out/sheet.md" >&2
