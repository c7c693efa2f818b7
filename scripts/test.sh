#!/usr/bin/env bash
# The README's second command: installs what is missing (with the audio test
# rig), builds, starts the rig, and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
# The targets' dependencies point one way (DESIGN.md); a circle fails here, before the build.
scripts/check-layers.sh
# Release mode: the DSP tests render minutes of audio; debug builds are 20× slower.
# The end-to-end tests run the built `soundscape` binary, so build the product too.
swift build -c release -Xswiftc -enable-testing --build-tests
swift build -c release -Xswiftc -enable-testing --product soundscape
# The real ALSA path is tested through a private PulseAudio null sink. If the rig
# cannot start, say why and go on: the rig's tests then fail, the others still run.
rig_env=$(scripts/audio-rig.sh start) || echo "test.sh: the audio test rig did not start; its tests will fail" >&2
eval "$rig_env"
trap 'scripts/audio-rig.sh stop' EXIT
swift test -c release -Xswiftc -enable-testing --skip-build --skip EndToEndTests
# The end-to-end tests play in real time through the rig: run them after the rest and
# one at a time, so the CPU-heavy DSP tests cannot starve playback into underruns.
swift test -c release -Xswiftc -enable-testing --skip-build --filter EndToEndTests --no-parallel
