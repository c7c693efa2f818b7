#!/usr/bin/env bash
# The audio test rig: the real ALSA path with real-time pacing and no sound card.
#
#   eval "$(scripts/audio-rig.sh start)"   starts a private PulseAudio daemon with a
#                                          null sink "out" and prints the exports that
#                                          make ALSA's `default` device play into it
#   scripts/audio-rig.sh stop              stops the daemon started above (reads
#                                          SOUNDSCAPE_RIG_DIR) and removes its files
#   scripts/audio-rig.sh restart           starts the daemon again in SOUNDSCAPE_RIG_DIR
#                                          after it died (the reconnection tests kill it)
#
# Record what was played with `parec --device=out.monitor`. SOUNDSCAPE_RIG_LOG_LEVEL
# (error, warn, notice, info, debug; default notice) sets the daemon's log level; its
# log, with timestamps, is $SOUNDSCAPE_RIG_DIR/pulseaudio.log.
#
# Everything lives in one private directory, so the rig never touches the user's
# ~/.asoundrc or a desktop sound server, and two rigs can run side by side. ALSA is
# pointed at the rig with ALSA_CONFIG_PATH (the system alsa.conf, then our file,
# which makes `default` the pulse plugin); clients find the daemon via PULSE_SERVER.
# Works as root (CI) and as a user.
set -euo pipefail

start() {
  command -v pulseaudio >/dev/null || { echo "audio-rig: pulseaudio is not installed (scripts/install-deps.sh --test)" >&2; exit 1; }
  local dir
  dir=$(mktemp -d "${TMPDIR:-/tmp}/soundscape-rig.XXXXXX")
  chmod 700 "$dir"
  # pcm.!default replaces the system default with the pulse plugin.
  # handle_underrun makes the plugin report underruns as ALSA xruns, so the
  # program's xrun count means something through the rig.
  cat >"$dir/asoundrc" <<'EOF'
pcm.!default { type pulse handle_underrun true }
ctl.!default { type pulse }
EOF
  if ! start_daemon "$dir"; then
    rm -rf "$dir"
    exit 1
  fi
  echo "export SOUNDSCAPE_RIG_DIR='$dir'"
  echo "export PULSE_SERVER='unix:$dir/native'"
  echo "export ALSA_CONFIG_PATH='/usr/share/alsa/alsa.conf:$dir/asoundrc'"
}

# Starts the daemon with its null sink "out" in DIR and waits until it answers.
start_daemon() {
  local dir=$1
  # A root daemon warns that it is "not intended to be run as root"; the rig is a
  # private per-user-style daemon on purpose, so that warning goes to the log.
  # A desktop daemon gets real-time scheduling from rtkit; the rig asks for the same
  # (granted to root, refused quietly otherwise), so a soak beside CPU burners measures
  # the player, not a server starved at ordinary priority.
  if ! XDG_RUNTIME_DIR="$dir" HOME="$dir" PULSE_STATE_PATH="$dir/state" \
    pulseaudio --daemonize=yes --exit-idle-time=-1 -n --use-pid-file=yes \
    --high-priority=yes --realtime=yes \
    --log-target="file:$dir/pulseaudio.log" --log-time=1 --log-level="${SOUNDSCAPE_RIG_LOG_LEVEL:-notice}" \
    --load="module-null-sink sink_name=out rate=48000 channels=2 format=float32le" \
    --load="module-native-protocol-unix auth-anonymous=1 socket=$dir/native"; then
    echo "audio-rig: pulseaudio did not start; its log:" >&2
    cat "$dir/pulseaudio.log" >&2 2>/dev/null || true
    return 1
  fi
  # The daemon forks before its socket is ready; wait for it to answer.
  local i
  for i in $(seq 50); do
    PULSE_SERVER="unix:$dir/native" pactl info >/dev/null 2>&1 && break
    sleep 0.1
  done
  if ! PULSE_SERVER="unix:$dir/native" pactl info >/dev/null 2>&1; then
    echo "audio-rig: pulseaudio started but does not answer on $dir/native" >&2
    return 1
  fi
  PULSE_SERVER="unix:$dir/native" pactl set-default-sink out
}

restart() {
  local dir=${SOUNDSCAPE_RIG_DIR:-}
  [ -n "$dir" ] && [ -d "$dir" ] || { echo "audio-rig: SOUNDSCAPE_RIG_DIR is not set or gone; start a rig first" >&2; exit 1; }
  # A killed daemon leaves its pid file and socket behind; the new one replaces both.
  rm -f "$dir/native" "$dir/pulse/pid"
  start_daemon "$dir" || exit 1
}

stop() {
  local dir=${SOUNDSCAPE_RIG_DIR:-}
  [ -n "$dir" ] && [ -d "$dir" ] || { echo "audio-rig: SOUNDSCAPE_RIG_DIR is not set or gone; nothing to stop" >&2; exit 0; }
  local pidfile="$dir/pulse/pid" pid=""
  [ -f "$pidfile" ] && pid=$(cat "$pidfile")
  if [ -n "$pid" ] && kill "$pid" 2>/dev/null; then
    local i
    for i in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) restart ;;
  *) echo "usage: scripts/audio-rig.sh start|stop|restart" >&2; exit 64 ;;
esac
