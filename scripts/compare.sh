#!/usr/bin/env bash
# Side-by-side CPU cost of Soundscape against the simple alternatives, for the
# same duration and output format, in one run:
#   (a) sox's own brown noise:      sox -n out.ogg synth D brownnoise
#       against soundscape render "brown noise" (token model) to the same format;
#   (b) a loop player: sox decoding and mixing six Vorbis loops to a null output
#       for D seconds, against soundscape rendering a six-layer scene to a null
#       output (a WAV in /tmp that is thrown away; sox -n is its null).
# CPU time is user+system from /usr/bin/time; ratios are alternative / soundscape.
# Usage: scripts/compare.sh [SECONDS]   (default 600). Needs a release build.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
bin=.build/release/soundscape
[ -x "$bin" ] || swift build -c release --product soundscape >&2
command -v sox >/dev/null || { echo "compare: sox is needed (scripts/install-deps.sh --test)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A private config too: the user's config.toml (procedural, latency…) must not change what is measured.
export XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
unset SOUNDSCAPE_CONFIG

cpu() {  # prints user+system seconds of the command
  /usr/bin/time -f '%U %S' -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  awk '{printf "%.2f", $1 + $2}' "$work/time"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "inf" }'; }

# Train the models once, so the comparison measures generation, not first-start training.
"$bin" render "brown noise" --duration 1 --seed 1 --output "$work/warm1.wav" >/dev/null 2>&1
scene_prompt="rain, thunder, wind, birds, a stream, a fire"
"$bin" render "$scene_prompt" --duration 1 --seed 1 --output "$work/warm2.wav" >/dev/null 2>&1

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), duration ${seconds} s"
sox_brown=$(cpu sox -n -r 48000 -c 2 "$work/sox-brown.ogg" synth "$seconds" brownnoise)
ss_brown=$(cpu "$bin" render "brown noise" --duration "$seconds" --seed 1 --output "$work/ss-brown.ogg")
printf '(a) brown noise to OGG Vorbis:  sox %ss CPU, soundscape %ss CPU, ratio sox/soundscape %s\n' \
  "$sox_brown" "$ss_brown" "$(ratio "$sox_brown" "$ss_brown")"

# Six 30 s Vorbis loops, as a loop player would ship them.
i=0
for prompt in "rain" "thunder" "wind" "birds" "stream" "fire"; do
  i=$((i + 1))
  "$bin" render "$prompt" --duration 30 --seed "$i" --procedural --output "$work/loop$i.ogg" >/dev/null 2>&1
done
# Each loop is decoded again on every pass, as a player streaming from disk does.
passes=$(( (seconds + 29) / 30 ))
inputs=()
for n in 1 2 3 4 5 6; do
  list=""
  for _ in $(seq "$passes"); do list+="$work/loop$n.ogg "; done
  inputs+=("|sox $list-p")
done
sox_loops=$(cpu sox -m "${inputs[@]}" -n trim 0 "$seconds")
# A scene of six layers, rendered to WAV (the cheapest container) and discarded.
ss_scene=$(cpu "$bin" render "$scene_prompt" --duration "$seconds" --seed 1 --output "$work/ss-scene.wav")
printf '(b) six layers, no file kept:   sox loop mix %ss CPU, soundscape %ss CPU, ratio sox/soundscape %s\n' \
  "$sox_loops" "$ss_scene" "$(ratio "$sox_loops" "$ss_scene")"
