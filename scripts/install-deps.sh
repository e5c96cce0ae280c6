#!/usr/bin/env bash
# Installs the Debian packages Crosscheck builds against (and make), if any are missing.
#
# Quiet and exit 0 when everything is present. Otherwise runs `apt-get update` once and
# `apt-get install -y --no-install-recommends` for the missing packages only: directly when
# run as root, through `sudo -n` (no password prompt) otherwise. When neither is possible it
# names the packages and the command to run, and exits 1.
#
# Usage: scripts/install-deps.sh [--check]
#   --check   only report what is missing (exit 1 if anything is), install nothing
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

packages=(
  libgsl-dev                   # GSLOracle: the GNU Scientific Library
  libmpfr-dev                  # Referee: correctly rounded multiple precision
  libcmark-gfm-dev             # SpecEngine: GitHub-flavoured CommonMark parser
  libcmark-gfm-extensions-dev  # SpecEngine: the table extension
  libjs-katex                  # the HTML reports typeset their formulas with KaTeX, offline
  fonts-katex                  # KaTeX's fonts, copied into Reports/assets/katex/fonts
  pkg-config                   # SwiftPM finds GSL and cmark-gfm through it
  make                         # the README's commands; a minimal Debian lacks it
)

check_only=false
case "${1:-}" in
  "") ;;
  --check) check_only=true ;;
  -h | --help)
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "install-deps: unknown argument '$1' (expected --check)" >&2
    exit 2
    ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "install-deps: dpkg-query not found; this script supports Debian and Ubuntu only." >&2
  echo "install-deps: install these packages (or your system's equivalents) by hand:" >&2
  echo "  ${packages[*]}" >&2
  exit 1
fi

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  if [[ "$status" != "install ok installed" ]]; then
    missing+=("$package")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "install-deps: missing: ${missing[*]}"
if $check_only; then
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
install_command="apt-get install -y --no-install-recommends ${missing[*]}"

if [[ "$(id -u)" == 0 ]]; then
  run=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  run=(sudo -n env DEBIAN_FRONTEND=noninteractive)
else
  {
    echo "install-deps: cannot install them: not root, and sudo is unavailable or needs a password."
    echo "install-deps: run this once, then try again:"
    echo ""
    echo "  sudo apt-get update && sudo $install_command"
    echo ""
  } >&2
  exit 1
fi

echo "install-deps: apt-get update"
"${run[@]}" apt-get update -qq
echo "install-deps: $install_command"
"${run[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"

# Check again: apt-get can exit 0 without installing what was asked (a held package, say).
still_missing=()
for package in "${missing[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  if [[ "$status" != "install ok installed" ]]; then
    still_missing+=("$package")
  fi
done
if ((${#still_missing[@]} > 0)); then
  echo "install-deps: still missing after apt-get: ${still_missing[*]}" >&2
  exit 1
fi
echo "install-deps: installed ${missing[*]}"
