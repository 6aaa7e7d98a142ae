#!/usr/bin/env bash
# msi.sh VERSION EXE README ICON OUT: the per-machine Windows Installer package (wixl).
# Its product code is derived from the version, so a rebuild of one version is the same
# product and a newer version is a new product that replaces it (same upgrade code).
set -euo pipefail
[[ $# -eq 5 ]] || { echo "usage: msi.sh VERSION EXE README ICON OUT" >&2; exit 2; }
version=$1
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "msi.sh: an MSI version is three numbers, not $version" >&2; exit 2; }
h=$(printf 'ketamine-explorer %s' "$version" | sha1sum)
code=$(echo "${h:0:8}-${h:8:4}-5${h:13:3}-a${h:17:3}-${h:20:12}" | tr a-f A-F)
wixl -a x64 -D Version="$version" -D ProductCode="$code" -D Exe="$2" -D Readme="$3" -D Icon="$4" \
  -o "$5" "$(dirname "$0")/installer.wxs"
