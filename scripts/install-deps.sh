#!/usr/bin/env bash
# Installs the Debian packages Soundscape needs, if any are missing.
# Usage: scripts/install-deps.sh [--test] [--compare]
#   --test adds the audio test rig, and man, zsh and fish for the install test;
#   --compare adds GStreamer for scripts/compare-live.sh (the loop-player side of the
#   comparison; never needed to build, test or run).
set -euo pipefail

packages=(libasound2-dev libsndfile1-dev libsamplerate0-dev libfftw3-dev libncurses-dev libsystemd-dev pkg-config)
for flag in "$@"; do
  case $flag in
    --test)
      packages+=(pulseaudio pulseaudio-utils libasound2-plugins alsa-utils sox libsox-fmt-all tmux procps python3 dbus systemd
        man-db groff-base zsh fish)
      ;;
    --compare) packages+=(gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-pulseaudio pulseaudio tmux) ;;
    *) echo "usage: scripts/install-deps.sh [--test] [--compare]" >&2; exit 64 ;;
  esac
done

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
