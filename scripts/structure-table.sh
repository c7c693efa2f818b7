#!/usr/bin/env bash
# Issue 13's structure table for one build of soundscape: the six recordings in
# ../shared/recordings (or RECORDINGS) learned with `soundscape learn`, and
# built-in sounds through tokens against their own procedural sources, each
# measured by scripts/structure-table.py (event/pause KS, longest event, slow
# modulation 0.05–2 Hz, joins a minute, 2 s repeats and copies).
# Usage: scripts/structure-table.sh BINARY WORKDIR [SECONDS] [SOUND…]
#   BINARY a soundscape executable; WORKDIR keeps the renders (and a private
#   XDG cache/data, so learned recordings never land in the user's library);
#   SECONDS of each render (default 120); SOUNDs: built-ins (default: those
#   whose default variant's model learns from its synthesizer — birds pages
#   fire owls frogs seagulls keyboard thunder; rain, waves, stream, crickets
#   and wind learn from recorded beds, so `--procedural` is not their source).
#   Renders use seed 3 at the prompt's own intensity. The synthesizer's render
#   is seeded by the scene, the model's corpus by its own fixed seed: where a
#   seed picks the cast (which birds sing), the two differ in more than the
#   walk (TokenStructureTests measures built-in birds against its own corpus).
# The recordings are reference material: never commit the renders or models.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "$1"); work=$2; seconds=${3:-120}; shift $(( $# < 3 ? $# : 3 ))
sounds=("$@"); [ ${#sounds[@]} -gt 0 ] || sounds=(birds pages fire owls frogs seagulls keyboard thunder)
recordings=${RECORDINGS:-../shared/recordings}
mkdir -p "$work"
export XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
unset SOUNDSCAPE_CONFIG
# A binary outside the tree (an older build copied away) still reads this tree's themes.
export SOUNDSCAPE_THEMES=${SOUNDSCAPE_THEMES:-$PWD/Themes}
args=()
for file in "$recordings"/*.ogg; do
  name=rec$(basename "$file" .ogg | tr -cd 'a-z')
  [ -d "$XDG_DATA_HOME/soundscape/sounds/$name" ] || "$bin" learn "$file" --name "$name" >/dev/null
  # The source as learned: at most the first 5 minutes, 48 kHz stereo.
  [ -f "$work/$name-source.wav" ] || sox -V1 "$file" -r 48000 -c 2 -b 16 "$work/$name-source.wav" trim 0 300
  "$bin" render "$name" --duration "$seconds" --seed 3 --output "$work/$name-tokens.wav" >/dev/null
  args+=("$(basename "$file" .ogg) (recording)" "$work/$name-source.wav" "$work/$name-tokens.wav")
done
for sound in "${sounds[@]}"; do
  "$bin" render "$sound" --duration "$seconds" --seed 3 --procedural --output "$work/$sound-source.wav" >/dev/null
  "$bin" render "$sound" --duration "$seconds" --seed 3 --output "$work/$sound-tokens.wav" >/dev/null
  args+=("$sound (built-in)" "$work/$sound-source.wav" "$work/$sound-tokens.wav")
done
python3 scripts/structure-table.py "${args[@]}"
