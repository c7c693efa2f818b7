#!/usr/bin/env bash
# Does anything drop out under load? Plays the default scene through the audio rig
# (a private PulseAudio null sink, scripts/audio-rig.sh) beside CPU burners, records
# the sink's monitor, and reports the device's xruns, the layers' ring underruns (from
# `play`'s summary line) and the gaps found in the recording.
#
#   scripts/soak.sh MINUTES [BURNERS]
#
# BURNERS (default 2, one per core here) busy loops `sh -c 'while :; do :; done'` run at
# normal priority for the whole run. A gap is a 10 ms frame of the recording more than
# 20 dB below the median level of the 3 s before it (refreshed every 0.5 s; the default
# scene is steady rain with quieter layers on top, so it never dips that far by itself);
# the first 4 s (fade-in) and the last 3 s (fade-out) are left out. SOAK_LATENCY sets `--latency`
# (default: empty, the device default of three 40 ms periods in 120 ms; 40 was the round-1 check).
# SOUNDSCAPE_BIN picks the binary. SOAK_KEEP=DIR keeps the evidence there: the recording,
# play's output, the gap list and the sound server's timestamped log. The recorder (parec)
# is test equipment: it runs at real-time priority where allowed, so a recorder starved by
# the burners never shows up as a gap in the player. Exit status 0 when nothing dropped
# out, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:?usage: scripts/soak.sh MINUTES [BURNERS]}
burners=${2:-2}
latency=${SOAK_LATENCY-}
scene=rainy-library
bin=${SOUNDSCAPE_BIN:-$PWD/.build/release/soundscape}
[ -x "$bin" ] || { echo "soak: build first (swift build -c release --product soundscape)" >&2; exit 1; }
command -v parec >/dev/null || { echo "soak: parec is needed (scripts/install-deps.sh --test)" >&2; exit 1; }

work=$(mktemp -d)
burner_pids=()
cleanup() {
  if [ -n "${SOAK_KEEP:-}" ]; then
    mkdir -p "$SOAK_KEEP"
    cp "$work"/recording.raw "$work"/play.err "$work"/gaps.txt "$SOAK_KEEP"/ 2>/dev/null || true
    cp "$SOUNDSCAPE_RIG_DIR/pulseaudio.log" "$SOAK_KEEP"/ 2>/dev/null || true
  fi
  for pid in "${burner_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -n "${record_pid:-}" ] && kill "$record_pid" 2>/dev/null || true
  [ -n "${play_pid:-}" ] && kill "$play_pid" 2>/dev/null || true
  scripts/audio-rig.sh stop
  rm -rf "$work"
}
eval "$(scripts/audio-rig.sh start)"
trap cleanup EXIT
# A private home: no saved scene or configuration of the user's; models trained once, below.
export HOME="$work/home" XDG_CACHE_HOME="${SOUNDSCAPE_MEASURE_CACHE:-$work/cache}" XDG_DATA_HOME="$work/data"
export XDG_CONFIG_HOME="$work/config" XDG_RUNTIME_DIR="$work/run"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
unset SOUNDSCAPE_CONFIG
export SOUNDSCAPE_THEMES=${SOUNDSCAPE_THEMES:-$PWD/Themes}
"$bin" render --duration 1 --seed 1 --scene "$scene" --output "$work/warm.wav" >/dev/null 2>&1

for _ in $(seq "$burners"); do
  sh -c 'while :; do :; done' &
  burner_pids+=($!)
done
recorder=()
chrt -r 10 true 2>/dev/null && recorder=(chrt -r 10)
"${recorder[@]}" parec --device=out.monitor --format=s16le --rate=48000 --channels=2 --raw >"$work/recording.raw" &
record_pid=$!
sleep 1
args=(play --scene "$scene" --device default --duration "$((minutes * 60))" --seed 1)
[ -n "$latency" ] && args+=(--latency "$latency")
echo "soak: $minutes min of '$scene' beside $burners CPU burner(s), load $(cut -d' ' -f1-3 /proc/loadavg): soundscape ${args[*]}"
"$bin" "${args[@]}" 2>"$work/play.err" &
play_pid=$!
wait "$play_pid" && status=0 || status=$?
play_pid=
sleep 1
kill "$record_pid" 2>/dev/null || true
wait "$record_pid" 2>/dev/null || true
record_pid=
sed 's/^/  /' "$work/play.err"
summary=$(grep 'soundscape: played' "$work/play.err" || true)
xruns=$(sed -n 's/.*, \([0-9]*\) xruns.*/\1/p' <<<"$summary")
underruns=$(sed -n 's/.*, \([0-9]*\) ring underruns.*/\1/p' <<<"$summary")

python3 - "$work/recording.raw" <<'EOF' >"$work/gaps.txt"
import array, math, statistics, sys
frame = 480  # 10 ms of stereo at 48 kHz
with open(sys.argv[1], "rb") as f:
    raw = f.read()
try:  # fast when numpy is there; the plain loop below gives the same figures
    import numpy
    samples = numpy.frombuffer(raw[: len(raw) // (4 * frame) * 4 * frame], dtype="<i2").astype(numpy.float64)
    energy = (samples.reshape(-1, 2 * frame) ** 2).mean(axis=1)
    levels = list(10 * numpy.log10(numpy.maximum(energy, 1e-3) / 32768.0**2))
except ImportError:
    data = array.array("h")
    data.frombytes(raw[: len(raw) // (4 * frame) * 4 * frame])
    levels = []
    for start in range(0, len(data), 2 * frame):
        chunk = data[start:start + 2 * frame]
        levels.append(10 * math.log10(max(sum(x * x for x in chunk) / len(chunk), 1e-3) / 32768.0**2))
# The recording starts before playback: begin at the first frame above -60 dBFS.
first = next((i for i, v in enumerate(levels) if v > -60), len(levels))
last = max(first, len(levels) - 300)
gaps = []
running = None
for i in range(first + 400, last):
    if running is None or i % 50 == 0:  # the running level, refreshed every 0.5 s
        running = statistics.median(levels[i - 300:i])
    if levels[i] < running - 20:
        gaps.append((i, levels[i], running))
# Frames less than 0.5 s apart make one stretch: a dropout, as a listener hears it.
stretches = []
for i, level, running in gaps:
    if stretches and i - stretches[-1][1] <= 50:
        stretches[-1][1] = i
        stretches[-1][2] = min(stretches[-1][2], level)
    else:
        stretches.append([i, i, level, running])
print(len(gaps), (last - first) / 100.0, len(stretches))
for start, end, level, running in stretches[:20]:
    print(f"  at {(start - first) / 100.0:.2f}-{(end - first + 1) / 100.0:.2f} s: down to {level:.1f} dBFS against {running:.1f}")
EOF
read -r gaps seconds stretches < <(head -1 "$work/gaps.txt")
echo "soak: exit $status, ${xruns:-?} xruns, ${underruns:-?} ring underruns, $gaps gap frames (10 ms) in $stretches dropouts in ${seconds} s of recording"
tail -n +2 "$work/gaps.txt"
[ "$status" = 0 ] && [ "${xruns:-1}" = 0 ] && [ "${underruns:-1}" = 0 ] && [ "$gaps" = 0 ]
