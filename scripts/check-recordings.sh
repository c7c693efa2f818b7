#!/usr/bin/env bash
# The token layer's real-world check: learns every recording in DIR with
# `soundscape learn` (into a scratch XDG data directory), renders MINUTES of
# each through the token model, runs the fingerprint repetition/copy
# detector, and writes source and output spectrograms for a look.
#   scripts/check-recordings.sh [DIR (default ../shared/recordings)] [MINUTES (default 10)]
# Output: .build/recording-check/{NAME.wav, NAME.source.png, NAME.output.png}
set -euo pipefail
cd "$(dirname "$0")/.."
recordings=${1:-../shared/recordings}
minutes=${2:-10}
out=$PWD/.build/recording-check
rm -rf "$out" && mkdir -p "$out/data" "$out/cache"
swift build -c release -Xswiftc -enable-testing --build-tests >/dev/null
export XDG_DATA_HOME=$out/data XDG_CACHE_HOME=$out/cache
for file in "$recordings"/*.{ogg,wav,flac,mp3}; do
    [ -e "$file" ] || continue
    name=$(basename "${file%.*}")
    .build/release/soundscape learn "$file" --name "$name"
    sox -V1 "$file" -n remix - trim 0 60 spectrogram -x 1200 -y 400 -t "$name: source" -o "$out/$name.source.png"
done
SOUNDSCAPE_CHECK_SOUNDS=$out/data/soundscape/sounds SOUNDSCAPE_CHECK_MINUTES=$minutes SOUNDSCAPE_CHECK_OUTPUT=$out \
    swift test -c release -Xswiftc -enable-testing --skip-build --filter learnedRecordingsNeverRepeatNorCopyTheirSource 2>&1 |
    grep -v "started\|^↳"
for raw in "$out"/*.f32; do
    name=$(basename "$raw" .f32)
    sox -V1 -r 48000 -c 2 -e floating-point -b 32 -t raw "$raw" "$out/$name.wav" && rm "$raw"
    sox -V1 "$out/$name.wav" -n remix - trim 0 60 spectrogram -x 1200 -y 400 -t "$name: token output" -o "$out/$name.output.png"
done
echo "spectrograms and renders in $out"
