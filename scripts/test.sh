#!/usr/bin/env bash
# The README's second command: installs what is missing (with the audio test
# rig), builds, and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
# Release mode: the DSP tests render minutes of audio; debug builds are 20× slower.
swift build -c release -Xswiftc -enable-testing --build-tests
swift test -c release -Xswiftc -enable-testing --skip-build
