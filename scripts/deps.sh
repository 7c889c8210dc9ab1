#!/usr/bin/env bash
# Installs the Debian packages desk needs (libgit2, SQLite, pkg-config, time zones, git for the tests), only if missing.
set -euo pipefail
packages=(libgit2-dev libsqlite3-dev libssl-dev pkg-config git tzdata)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "installing: ${missing[*]}" >&2
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "swift is not on the PATH; install the Swift toolchain (6.0 or later) first" >&2; exit 1; }
