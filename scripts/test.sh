#!/usr/bin/env bash
# The README's second command: installs what is missing (with the audio test
# rig), builds, and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
swift build --build-tests
swift test --skip-build
