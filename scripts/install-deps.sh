#!/usr/bin/env bash
# Installs the Debian packages Soundscape needs, if any are missing.
# Usage: scripts/install-deps.sh [--test]   (--test adds the audio test rig, and man,
# zsh and fish for the install test)
set -euo pipefail

packages=(libasound2-dev libsndfile1-dev libsamplerate0-dev libfftw3-dev libncurses-dev libsystemd-dev pkg-config)
if [ "${1:-}" = "--test" ]; then
  packages+=(pulseaudio pulseaudio-utils libasound2-plugins alsa-utils sox libsox-fmt-all tmux procps python3 dbus systemd
    man-db groff-base zsh fish)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "soundscape: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
