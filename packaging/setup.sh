#!/usr/bin/env bash
# The two commands of the README:
#   packaging/setup.sh run    install what is missing, build, start Daftar on its SQLite database
#   packaging/setup.sh test   install what is missing, build, run the whole test suite
# Debian 12 packages come from packaging/debian-packages.txt (the one list).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
mode=${1:-}
case "$mode" in
run|test) shift ;;
*) echo "usage: packaging/setup.sh run|test [arguments for daftar]" >&2; exit 2 ;;
esac

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

install_packages() {
    if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
        echo "This script installs Debian packages with apt-get; this system has no apt." >&2
        echo "Install the equivalents of packaging/debian-packages.txt by hand, then run:" >&2
        echo "  cmake --preset dev && cmake --build --preset dev" >&2
        exit 1
    fi
    local wanted missing=()
    wanted=$(grep -v -e '^#' -e '^\s*$' packaging/debian-packages.txt)
    for pkg in $wanted; do
        if [ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)" != installed ]; then
            missing+=("$pkg")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        say "All $(echo "$wanted" | wc -w) Debian packages Daftar needs are installed"
        return
    fi
    say "Installing ${#missing[@]} missing Debian packages: ${missing[*]}"
    local sudo=()
    if [ "$(id -u)" != 0 ]; then
        if command -v sudo >/dev/null; then
            sudo=(sudo)
        else
            echo "Not root and no sudo: install these packages as root, then run this again:" >&2
            echo "  apt-get install ${missing[*]}" >&2
            exit 1
        fi
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq || { echo "apt-get update failed: check the network and the apt sources." >&2; exit 1; }
    if ! "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/tmp/daftar-apt.log 2>&1; then
        tail -n 20 /tmp/daftar-apt.log >&2
        echo "Installing the packages failed (full log: /tmp/daftar-apt.log)." >&2
        exit 1
    fi
}

build() {
    say "Configuring and building (preset dev, $(nproc) cores)"
    cmake --preset dev >/dev/null
    cmake --build --preset dev -j "$(nproc)"
}

install_packages
build

if [ "$mode" = test ]; then
    asan_status=0
    if [ "${CI:-}" = true ]; then
        say "CI: the whole suite under AddressSanitizer and UndefinedBehaviorSanitizer first"
        cmake --preset asan >/dev/null
        cmake --build --preset asan -j "$(nproc)"
        ctest --preset asan -j "$(nproc)" "$@" || asan_status=$?
    fi
    say "Running the test suite (SQLite, a private PostgreSQL, widget tests offscreen)"
    ctest --preset dev -j "$(nproc)" "$@" || exit $?
    exit "$asan_status"
fi

app=build/dev/bin/daftar
say "Starting Daftar on its embedded SQLite database (~/.local/share/Daftar/Daftar/daftar.sqlite)"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    say "No display here: Daftar runs on a virtual screen (xvfb-run); stop it with Ctrl+C"
    exec xvfb-run -a "$app" "$@"
fi
exec "$app" "$@"
