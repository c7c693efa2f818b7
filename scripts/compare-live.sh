#!/usr/bin/env bash
# Live playback side by side, through a private PulseAudio null sink, for the same
# window of SECONDS (default 60) each, one after another:
#   (a) GStreamer mixing six Vorbis recordings (gst-launch-1.0 audiomixer … ! pulsesink),
#       the way a desktop loop player plays them;
#   (b) `soundscape play` of the same six sounds (rain, thunder, wind, birds, waves, fire);
#   (c) the mixer (`soundscape` with the same prompt) in a tmux pseudo-terminal.
# CPU is user+system of the whole process from /proc over the window (started a few
# seconds after launch, so start-up is not counted); per-thread figures follow for (b)
# and (c). Ratios are GStreamer / soundscape. The sound server's own CPU is the same for
# all and not counted.
#
# Usage: scripts/compare-live.sh [SECONDS]
# Needs a release build, tmux, pulseaudio and GStreamer (scripts/install-deps.sh --compare).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
bin=${SOUNDSCAPE_BIN:-$PWD/.build/release/soundscape}
[ -x "$bin" ] || { echo "compare-live: build first (swift build -c release --product soundscape)" >&2; exit 1; }
for tool in gst-launch-1.0 tmux pulseaudio; do
  command -v "$tool" >/dev/null || { echo "compare-live: $tool is needed (scripts/install-deps.sh --compare)" >&2; exit 1; }
done

work=$(mktemp -d)
socket="soundscape-compare-$$"
pids=()
cleanup() {
  tmux -L "$socket" kill-server 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  scripts/audio-rig.sh stop
  rm -rf "$work"
}
eval "$(scripts/audio-rig.sh start)"
trap cleanup EXIT
export HOME="$work/home" XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data"
export XDG_CONFIG_HOME="$work/config" XDG_RUNTIME_DIR="$work/run"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
unset SOUNDSCAPE_CONFIG
# The built-in scenes and lexicon of this checkout, wherever the binary lives.
export SOUNDSCAPE_THEMES=${SOUNDSCAPE_THEMES:-$PWD/Themes}

sounds=(rain thunder wind birds waves fire)
prompt="rain, thunder, wind, birds, waves, fire"
settle=5

# The recordings GStreamer plays: each sound rendered to Vorbis, long enough to cover the
# window without looping (decoding costs the same per second whether a file loops or not).
pipeline=(audiomixer name=mix ! audioconvert ! audioresample ! pulsesink)
for i in "${!sounds[@]}"; do
  file="$work/${sounds[$i]}.ogg"
  "$bin" render "${sounds[$i]}" --duration $((seconds + settle + 5)) --seed $((i + 1)) --output "$file" >/dev/null 2>&1
  pipeline+=(filesrc "location=$file" ! oggdemux ! vorbisdec ! audioconvert ! audioresample ! mix.)
done
# Train the models the live runs use, so training is not measured.
"$bin" render "$prompt" --duration 1 --seed 1 --output "$work/warm.wav" >/dev/null 2>&1

# CPU seconds (user+system) of PID over the window, and its per-thread breakdown in $work/threads.
measure() {
  sleep "$settle"
  scripts/thread-cpu.sh "$1" "$seconds" | sort -k1,1 >"$work/threads"
}
cpu_of() { awk '$1 == "process" { gsub(/\(/, "", $4); print $4 }' "$work/threads"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "inf" }'; }

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), window ${seconds} s each, six sounds: $prompt"

gst-launch-1.0 -q "${pipeline[@]}" >"$work/gst.log" 2>&1 &
pids+=($!)
measure "$!"
gst=$(cpu_of)
kill "${pids[-1]}" 2>/dev/null || true
printf '(a) GStreamer six-file mix:   %6.2f s CPU (%.2f %% of a core)\n' "$gst" "$(awk -v c="$gst" -v s="$seconds" 'BEGIN { print 100 * c / s }')"

"$bin" play "$prompt" >"$work/play.log" 2>&1 &
pids+=($!)
measure "$!"
play=$(cpu_of)
cp "$work/threads" "$work/play-threads"
kill -INT "${pids[-1]}" 2>/dev/null || true
printf '(b) soundscape play:          %6.2f s CPU (%.2f %% of a core), GStreamer/soundscape %s\n' \
  "$play" "$(awk -v c="$play" -v s="$seconds" 'BEGIN { print 100 * c / s }')" "$(ratio "$gst" "$play")"

tmux -L "$socket" new-session -d -x 100 -y 30 \
  "exec env PULSE_SERVER='$PULSE_SERVER' ALSA_CONFIG_PATH='$ALSA_CONFIG_PATH' HOME='$HOME' XDG_CACHE_HOME='$XDG_CACHE_HOME' XDG_DATA_HOME='$XDG_DATA_HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' XDG_RUNTIME_DIR='$XDG_RUNTIME_DIR' SOUNDSCAPE_THEMES='$SOUNDSCAPE_THEMES' '$bin' '$prompt'"
mixer_pid=$(tmux -L "$socket" list-panes -F '#{pane_pid}')
measure "$mixer_pid"
mixer=$(cpu_of)
tmux -L "$socket" send-keys q
printf '(c) soundscape mixer (tmux):  %6.2f s CPU (%.2f %% of a core), GStreamer/soundscape %s\n' \
  "$mixer" "$(awk -v c="$mixer" -v s="$seconds" 'BEGIN { print 100 * c / s }')" "$(ratio "$gst" "$mixer")"
echo "per thread, play:"
cat "$work/play-threads"
echo "per thread, mixer:"
cat "$work/threads"
