#!/usr/bin/env bash
# The README's first command: installs what is missing, builds in release
# mode and starts Soundscape with any arguments given.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
command -v swift >/dev/null || { echo "soundscape: Swift 6 is needed (https://swift.org/install)" >&2; exit 1; }
swift build -c release --product soundscape >&2
exec .build/release/soundscape "$@"
