#!/usr/bin/env bash
# Installs Soundscape under a prefix, or removes what an earlier run installed there.
#
#   scripts/install.sh [--prefix DIR]               # default ~/.local, or /usr/local as root
#   scripts/install.sh [--prefix DIR] --uninstall
#   scripts/install.sh --no-build ...                # install .build/release/soundscape as it is (the tests do)
#
# Installs (PREFIX/...):
#   bin/soundscape                                   the release build (built first if sources changed)
#   share/soundscape/Themes/                         the lexicon and built-in scenes (and any recordings in it)
#   share/soundscape/Sounds/                         the shipped recordings and their CREDITS.md
#   share/bash-completion/completions/soundscape     completions, from `soundscape --generate-completion-script`
#   share/zsh/site-functions/_soundscape
#   share/fish/vendor_completions.d/soundscape.fish
#   share/man/man1/soundscape.1, soundscape.play.1…  one page per command, from the command definitions
#   share/doc/soundscape/LICENSE, README.md
#   share/soundscape/install-manifest                every file and every directory this run created
#
# --uninstall removes exactly the manifest's files and, when they are empty, the
# directories the install created; nothing else. Installing again over an install
# removes the previous one first, so a file the new version no longer ships goes too.
#
# The manual pages come from swift-argument-parser's generate-manual tool, the one its
# generate-manual plugin runs. It is built here in a scratch directory of its own
# (.build/manual-tool, about a minute the first time): the plugin would rebuild the
# whole package in .build/release with its own compiler flags, throwing away the build
# the tests use.
set -euo pipefail
cd "$(dirname "$0")/.."
source_root=$PWD

prefix=""
uninstall=false
build=true
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix)
            [ $# -ge 2 ] || { echo "install.sh: --prefix needs a directory" >&2; exit 64; }
            prefix=$2
            shift 2
            ;;
        --prefix=*) prefix=${1#--prefix=}; shift ;;
        --uninstall) uninstall=true; shift ;;
        --no-build) build=false; shift ;;
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown argument '$1'; use --prefix DIR, --uninstall, --no-build" >&2; exit 64 ;;
    esac
done
if [ -z "$prefix" ]; then
    if [ "$(id -u)" -eq 0 ]; then prefix=/usr/local; else prefix=$HOME/.local; fi
fi
[ -n "$prefix" ] || { echo "install.sh: the prefix is empty" >&2; exit 64; }
# A prefix that does not exist yet is made by the install and listed, so uninstall removes it again.
created_prefix=false
if [ ! -d "$prefix" ] && ! $uninstall; then
    mkdir -p -- "$prefix" || { echo "install.sh: cannot create the prefix '$prefix'" >&2; exit 1; }
    created_prefix=true
fi
absolute=$(cd -- "$prefix" 2>/dev/null && pwd) || { echo "install.sh: no directory '$prefix' to use as the prefix" >&2; exit 1; }
prefix=$absolute
manifest_path=share/soundscape/install-manifest

# Removes what a manifest lists: files first, then the directories it created, deepest
# first and only when empty (so anything a user added there stays).
remove_listed() {
    local listing=$1
    while IFS= read -r line; do
        case "$line" in "f "*) rm -f -- "$prefix/${line#f }" ;; esac
    done <"$listing"
    grep '^d ' "$listing" | cut -c3- | awk '{ print gsub("/", "/"), $0 }' | sort -rn | cut -d' ' -f2- |
        while IFS= read -r directory; do
            if [ "$directory" = . ]; then rmdir -- "$prefix" 2>/dev/null || true; else
                rmdir -- "$prefix/$directory" 2>/dev/null || true; fi
        done
}

# Removes the install the manifest describes. Directories it had made that stay (a user's
# file is in them) are printed, so a reinstall can list them as its own again.
uninstall_previous() {
    [ -f "$prefix/$manifest_path" ] || return 1
    local copy
    copy=$(mktemp)
    cp -- "$prefix/$manifest_path" "$copy"
    rm -f -- "$prefix/$manifest_path"
    remove_listed "$copy"
    grep '^d ' "$copy" | while IFS= read -r line; do
        [ ! -d "$prefix/${line#d }" ] || echo "$line"
    done
    rm -f -- "$copy"
}

if $uninstall; then
    if uninstall_previous >/dev/null; then
        echo "install.sh: removed Soundscape from $prefix"
        exit 0
    fi
    echo "install.sh: no Soundscape install in $prefix (no $manifest_path there)" >&2
    exit 1
fi

# Build the release binary if it is missing or older than any source.
binary=$source_root/.build/release/soundscape
if ! $build; then
    [ -x "$binary" ] || { echo "install.sh: --no-build, but there is no $binary; build it first" >&2; exit 1; }
elif [ ! -x "$binary" ] || [ -n "$(find Package.swift Sources -newer "$binary" -print -quit)" ]; then
    echo "install.sh: building the release binary" >&2
    swift build -c release --product soundscape >&2
fi
manual_tool=$source_root/.build/manual-tool/release/generate-manual
if [ ! -x "$manual_tool" ]; then
    echo "install.sh: building swift-argument-parser's generate-manual (once)" >&2
    swift build -c release --product generate-manual --scratch-path "$source_root/.build/manual-tool" >&2
fi

# The previous install goes first; if it had made the prefix, that is made (and listed) again.
kept_directories=$(uninstall_previous || true)
if [ ! -d "$prefix" ]; then
    mkdir -p -- "$prefix"
    created_prefix=true
fi

# Everything this run creates is listed as it is created; if the install fails half way,
# the trap removes what the list holds, so a failed install leaves nothing behind.
listing=$(mktemp)
scratch=$(mktemp -d)
finished=false
cleanup() {
    $finished || { remove_listed "$listing"; echo "install.sh: install failed; removed what it had put in $prefix" >&2; }
    rm -rf -- "$listing" "$scratch"
}
trap cleanup EXIT
if $created_prefix; then echo "d ." >>"$listing"; fi
[ -z "$kept_directories" ] || echo "$kept_directories" >>"$listing"

# Creates DIR (relative to the prefix) and its missing parents, listing the ones it made.
make_directory() {
    local path=$1 missing=()
    while [ "$path" != "." ] && [ ! -d "$prefix/$path" ]; do
        missing=("$path" "${missing[@]}")
        path=$(dirname -- "$path")
    done
    for path in "${missing[@]}"; do
        mkdir -- "$prefix/$path"
        echo "d $path" >>"$listing"
    done
}

# Copies SOURCE to DESTINATION (relative to the prefix) with MODE, and lists it.
put() {
    local source=$1 destination=$2 mode=$3
    make_directory "$(dirname -- "$destination")"
    install -m "$mode" -- "$source" "$prefix/$destination"
    echo "f $destination" >>"$listing"
}

put "$binary" bin/soundscape 755
installed=$prefix/bin/soundscape

# Themes/ as it is in the tree, subfolders (and any recordings in them) included.
(cd Themes && find . -type f ! -name '.*' | LC_ALL=C sort) | while IFS= read -r file; do
    put "Themes/${file#./}" "share/soundscape/Themes/${file#./}" 644
done
# Sounds/: the recordings recorded built-in sounds learn from, with their credits.
(cd Sounds && find . -type f ! -name '.*' | LC_ALL=C sort) | while IFS= read -r file; do
    put "Sounds/${file#./}" "share/soundscape/Sounds/${file#./}" 644
done
put LICENSE share/doc/soundscape/LICENSE 644
put README.md share/doc/soundscape/README.md 644

"$installed" --generate-completion-script bash >"$scratch/soundscape.bash"
"$installed" --generate-completion-script zsh >"$scratch/_soundscape"
"$installed" --generate-completion-script fish >"$scratch/soundscape.fish"
put "$scratch/soundscape.bash" share/bash-completion/completions/soundscape 644
put "$scratch/_soundscape" share/zsh/site-functions/_soundscape 644
put "$scratch/soundscape.fish" share/fish/vendor_completions.d/soundscape.fish 644

# generate-manual reads the command definitions from `soundscape --experimental-dump-help`
# but drops every non-ASCII character ("0–1" would read "01", "−16 LUFS" "16 LUFS"), so it
# is given them transliterated ("0-1", "-16"); and the blank lines it leaves between
# paragraphs, which man warns about, become paragraph breaks.
mkdir "$scratch/man1" "$scratch/tool"
cat >"$scratch/tool/soundscape" <<'WRAPPER'
#!/bin/sh
"$SOUNDSCAPE_MANUAL_BINARY" "$@" | LC_ALL=C.UTF-8 iconv -f UTF-8 -t ASCII//TRANSLIT
WRAPPER
chmod +x "$scratch/tool/soundscape"
SOUNDSCAPE_MANUAL_BINARY=$installed "$manual_tool" "$scratch/tool/soundscape" --multi-page \
    --output-directory "$scratch/man1" >/dev/null
sed -i 's/^$/.Pp/' "$scratch"/man1/*.1
for page in "$scratch"/man1/*.1; do
    put "$page" "share/man/man1/$(basename -- "$page")" 644
done

# The manifest lists itself last, so uninstall removes it with the rest.
make_directory "$(dirname -- "$manifest_path")"
echo "f $manifest_path" >>"$listing"
install -m 644 -- "$listing" "$prefix/$manifest_path"
finished=true

echo "install.sh: installed Soundscape $("$installed" --version) in $prefix"
echo "  $installed, $(grep -c '^f ' "$listing") files in all (listed in $prefix/$manifest_path)"
case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "  $prefix/bin is not on your PATH; add it to use 'soundscape'" ;; esac
echo "  uninstall: scripts/install.sh --prefix $prefix --uninstall"
