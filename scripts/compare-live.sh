#!/usr/bin/env bash
# Live playback side by side, through a private PulseAudio null sink, for the same
# window of SECONDS (default 60) each:
#   (a) GStreamer mixing six Vorbis recordings (gst-launch-1.0 audiomixer … ! pulsesink),
#       the way a desktop loop player plays them;
#   (b) `soundscape play` of the same six sounds (rain, thunder, wind, birds, waves, fire);
#   (c) the mixer (`soundscape` with the same prompt) in a tmux pseudo-terminal.
# CPU is the kernel's run time of every thread of the whole process (schedstat) over the
# window, started a few seconds after launch, so start-up is not counted. The sound
# server's own CPU is the same for all and not counted.
#
# One window per program is not a stable figure on a shared machine: what other programs
# run beside it changes how much CPU the same work costs (caches, preemption), and a
# GStreamer whose plugin registry is still being built counts that too. So GStreamer's
# registry and the models are warmed up first, and the three run in ROUNDS (default 3)
# interleaved rounds (a b c, a b c, …): each round's ratio compares neighbours in time,
# and the summary gives each program's median and range, the ratio of the medians, and
# how busy the machine was (load average, and the other programs' share of the cores from
# /proc/stat) during each window. Per-thread figures follow for (b) and (c), from their
# median round.
#
# Usage: scripts/compare-live.sh [SECONDS] [ROUNDS]
# Needs a release build, tmux, pulseaudio and GStreamer (scripts/install-deps.sh --compare).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
rounds=${2:-3}
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

# Warm GStreamer up (its plugin registry lives in the private cache and would otherwise be
# built inside the first window) on the same pipeline for a few seconds.
timeout 5 gst-launch-1.0 -q "${pipeline[@]}" >/dev/null 2>&1 || true

# The machine's busy time across all cores (jiffies): user+nice+system+irq+softirq+steal.
machine_busy() { awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
ticks=$(getconf CLK_TCK)
cores=$(nproc)

# Measures PID over the window: its per-thread table in $work/threads, and one line
# "CPU_SECONDS OTHERS_PERCENT LOAD1" in $work/last, where OTHERS_PERCENT is what every
# other program used of the machine's cores meanwhile (100 = one core busy).
measure() {
  sleep "$settle"
  local load busy_before busy_after cpu
  load=$(cut -d' ' -f1 /proc/loadavg)
  busy_before=$(machine_busy) wall_before=$(date +%s.%N)
  scripts/thread-cpu.sh "$1" "$seconds" | sort -k1,1 >"$work/threads"
  busy_after=$(machine_busy) wall_after=$(date +%s.%N)
  cpu=$(awk '$1 == "process" { gsub(/\(/, "", $4); print $4 }' "$work/threads")
  # The machine's busy time is read around thread-cpu.sh, whose snapshots take a moment
  # too: divided by that wall time, not by the window, and our process's share removed.
  awk -v c="$cpu" -v b0="$busy_before" -v b1="$busy_after" -v t="$ticks" -v w0="$wall_before" -v w1="$wall_after" \
    -v s="$seconds" -v l="$load" \
    'BEGIN { others = 100 * ((b1 - b0) / t / (w1 - w0) - c / s); if (others < 0) others = 0; printf "%s %.0f %s\n", c, others, l }' \
    >"$work/last"
}
percent() { awk -v c="$1" -v s="$seconds" 'BEGIN { printf "%.2f", 100 * c / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "inf" }'; }
# The median of the numbers given (the middle one, or the mean of the middle two).
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
range() { printf '%s\n' "$@" | sort -g | awk -v s="$seconds" 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.2f–%.2f", 100 * lo / s, 100 * hi / s }'; }

echo "machine: $cores cores, load $(cut -d' ' -f1-3 /proc/loadavg) at the start, window ${seconds} s, $rounds rounds, six sounds: $prompt"
echo "(CPU seconds are the kernel's run time of the process; load on the machine still raises them, through caches and preemption, less than it raises wall time)"

gst_runs=() play_runs=() mixer_runs=()
for round in $(seq "$rounds"); do
  gst-launch-1.0 -q "${pipeline[@]}" >"$work/gst.log" 2>&1 &
  pids+=($!)
  measure "$!"
  kill "${pids[-1]}" 2>/dev/null || true
  read -r gst others load <"$work/last"
  gst_runs+=("$gst")
  printf 'round %d (a) GStreamer:  %5.2f s CPU (%s %% of a core)   load %s, others %s %% of a core\n' \
    "$round" "$gst" "$(percent "$gst")" "$load" "$others"

  "$bin" play "$prompt" >"$work/play.log" 2>&1 &
  pids+=($!)
  measure "$!"
  kill -INT "${pids[-1]}" 2>/dev/null || true
  read -r play others load <"$work/last"
  play_runs+=("$play")
  cp "$work/threads" "$work/play-threads-$round"
  printf 'round %d (b) play:       %5.2f s CPU (%s %% of a core)   load %s, others %s %% of a core\n' \
    "$round" "$play" "$(percent "$play")" "$load" "$others"

  tmux -L "$socket" new-session -d -x 100 -y 30 \
    "exec env PULSE_SERVER='$PULSE_SERVER' ALSA_CONFIG_PATH='$ALSA_CONFIG_PATH' HOME='$HOME' XDG_CACHE_HOME='$XDG_CACHE_HOME' XDG_DATA_HOME='$XDG_DATA_HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' XDG_RUNTIME_DIR='$XDG_RUNTIME_DIR' SOUNDSCAPE_THEMES='$SOUNDSCAPE_THEMES' '$bin' '$prompt'"
  mixer_pid=$(tmux -L "$socket" list-panes -F '#{pane_pid}')
  measure "$mixer_pid"
  tmux -L "$socket" send-keys q
  for _ in $(seq 50); do kill -0 "$mixer_pid" 2>/dev/null || break; sleep 0.1; done
  tmux -L "$socket" kill-server 2>/dev/null || true
  read -r mixer others load <"$work/last"
  mixer_runs+=("$mixer")
  cp "$work/threads" "$work/mixer-threads-$round"
  printf 'round %d (c) mixer:      %5.2f s CPU (%s %% of a core)   load %s, others %s %% of a core\n' \
    "$round" "$mixer" "$(percent "$mixer")" "$load" "$others"
  printf 'round %d ratios GStreamer/soundscape: play %s, mixer %s\n' \
    "$round" "$(ratio "$gst" "$play")" "$(ratio "$gst" "$mixer")"
done

gst=$(median "${gst_runs[@]}") play=$(median "${play_runs[@]}") mixer=$(median "${mixer_runs[@]}")
echo "median of $rounds rounds (range, % of a core):"
printf '(a) GStreamer six-file mix:   %6.2f s CPU (%s %% of a core; %s)\n' "$gst" "$(percent "$gst")" "$(range "${gst_runs[@]}")"
printf '(b) soundscape play:          %6.2f s CPU (%s %% of a core; %s), GStreamer/soundscape %s\n' \
  "$play" "$(percent "$play")" "$(range "${play_runs[@]}")" "$(ratio "$gst" "$play")"
printf '(c) soundscape mixer (tmux):  %6.2f s CPU (%s %% of a core; %s), GStreamer/soundscape %s\n' \
  "$mixer" "$(percent "$mixer")" "$(range "${mixer_runs[@]}")" "$(ratio "$gst" "$mixer")"
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
# The per-thread table of the round whose whole-process figure is the median.
median_round() {  # VALUES...: the first round whose value is nearest their median
  local target round=1 best=1 bestdiff="" diff
  target=$(median "$@")
  for value in "$@"; do
    diff=$(awk -v a="$value" -v b="$target" 'BEGIN { d = a - b; print (d < 0 ? -d : d) }')
    if [ -z "$bestdiff" ] || awk -v a="$diff" -v b="$bestdiff" 'BEGIN { exit !(a < b) }'; then
      best=$round bestdiff=$diff
    fi
    round=$((round + 1))
  done
  echo "$best"
}
r=$(median_round "${play_runs[@]}")
echo "per thread, play (round $r):"
cat "$work/play-threads-$r"
r=$(median_round "${mixer_runs[@]}")
echo "per thread, mixer (round $r):"
cat "$work/mixer-threads-$r"
