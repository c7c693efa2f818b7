#!/usr/bin/env bash
# Per-thread CPU of live playback, from /proc: the mixer in a tmux pseudo-terminal
# (default scene, procedural and token path) playing and paused, and `soundscape play`
# of six sounds playing and paused, all through a private PulseAudio null sink.
#
#   scripts/measure-live.sh [SECONDS] [WHAT...]
#
# SECONDS (default 30) is each measurement's window; WHAT picks some of
# mixer-procedural, mixer-tokens, play (default: all). Needs a release build, tmux
# and pulseaudio. Models are trained once, before anything is measured.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
shift || true
what=("$@")
[ ${#what[@]} -gt 0 ] || what=(mixer-procedural mixer-tokens play)
bin=${SOUNDSCAPE_BIN:-$PWD/.build/release/soundscape}
[ -x "$bin" ] || { echo "measure-live: build first (swift build -c release --product soundscape)" >&2; exit 1; }
command -v tmux >/dev/null || { echo "measure-live: tmux is needed (scripts/install-deps.sh --test)" >&2; exit 1; }

work=$(mktemp -d)
socket="soundscape-measure-$$"
cleanup() {
  tmux -L "$socket" kill-server 2>/dev/null || true
  [ -n "${play_pid:-}" ] && kill "$play_pid" 2>/dev/null || true
  scripts/audio-rig.sh stop
  rm -rf "$work"
}
eval "$(scripts/audio-rig.sh start)"
trap cleanup EXIT
# A private home: no saved 'last' scene, no user configuration, sessions of our own.
export HOME="$work/home" XDG_CACHE_HOME="${SOUNDSCAPE_MEASURE_CACHE:-$work/cache}" XDG_DATA_HOME="$work/data"
export XDG_CONFIG_HOME="$work/config" XDG_RUNTIME_DIR="$work/run"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
unset SOUNDSCAPE_CONFIG
# The built-in scenes and lexicon of this checkout, wherever the binary lives.
export SOUNDSCAPE_THEMES=${SOUNDSCAPE_THEMES:-$PWD/Themes}
six="rain, thunder, wind, birds, waves, fire"
# Train every model the runs below use, so training is not measured.
"$bin" render --duration 1 --seed 1 --output "$work/warm1.wav" "$six" >/dev/null 2>&1
"$bin" render --duration 1 --seed 1 --scene rainy-library --output "$work/warm2.wav" >/dev/null 2>&1

measure() {  # LABEL PID
  echo "$1:"
  scripts/thread-cpu.sh "$2" "$seconds" | sort -k1,1
}

mixer() {  # LABEL [ARGS...]
  local label=$1
  shift
  tmux -L "$socket" new-session -d -x 100 -y 30 \
    "exec env PULSE_SERVER='$PULSE_SERVER' ALSA_CONFIG_PATH='$ALSA_CONFIG_PATH' HOME='$HOME' XDG_CACHE_HOME='$XDG_CACHE_HOME' XDG_DATA_HOME='$XDG_DATA_HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' XDG_RUNTIME_DIR='$XDG_RUNTIME_DIR' SOUNDSCAPE_THEMES='$SOUNDSCAPE_THEMES' '$bin' --session measure $*"
  local pid
  pid=$(tmux -L "$socket" list-panes -F '#{pane_pid}')
  sleep 5
  measure "$label playing" "$pid"
  tmux -L "$socket" send-keys ' '
  sleep 2
  measure "$label paused" "$pid"
  tmux -L "$socket" send-keys ' '
  sleep 1
  tmux -L "$socket" send-keys q
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  tmux -L "$socket" kill-server 2>/dev/null || true
}

for item in "${what[@]}"; do
  case $item in
    mixer-procedural) mixer "mixer --procedural (default scene)" --procedural ;;
    mixer-tokens) mixer "mixer, token path (default scene)" ;;
    play)
      "$bin" play --session measure "$six" >"$work/play.log" 2>&1 &
      play_pid=$!
      sleep 5
      measure "play '$six' playing" "$play_pid"
      "$bin" ctl pause --session measure >/dev/null
      sleep 2
      measure "play '$six' paused" "$play_pid"
      kill -INT "$play_pid"
      wait "$play_pid" || true
      play_pid=""
      ;;
    *) echo "measure-live: unknown '$item' (mixer-procedural, mixer-tokens, play)" >&2; exit 64 ;;
  esac
done
