#!/usr/bin/env bash
# Installs what building and testing need on Debian or Ubuntu: a C compiler and the
# OpenGL and X11 headers that Fyne's cgo build links against. Go modules are fetched by
# the go command itself. Does nothing when everything is already there.
#   install-deps.sh            build
#   install-deps.sh test       also R's metafor, the reference the pooled estimates are tested
#                              against, and LibreOffice Impress and tesseract, which read an
#                              exported talk back as PowerPoint's other readers and a room would
#   install-deps.sh dist       also the Windows cross-compiler, the installer tools and appstreamcli
#   install-deps.sh check      also Xvfb, ImageMagick and Wine for the installer smoke tests,
#                              minisign and sqlite3 for the signed evidence update
#   install-deps.sh bench      also Xvfb for the startup benchmarks
#   install-deps.sh offline    also Xvfb and strace for the offline check
set -euo pipefail

if ! command -v go >/dev/null; then
  echo "install-deps: Go is not installed; install Go 1.26 or newer (https://go.dev/dl/) and run again." >&2
  exit 1
fi

pkgs=(gcc pkg-config libgl1-mesa-dev xorg-dev poppler-utils) # poppler: the handout tests read PDFs back
case ${1:-} in
  test) pkgs+=(r-cran-metafor libreoffice-impress-nogui tesseract-ocr minisign) ;;
  dist) pkgs+=(gcc-mingw-w64-x86-64 nsis wixl zip xz-utils imagemagick appstream) ;;
  check) pkgs+=(xvfb imagemagick wine wine64 gcc-mingw-w64-x86-64 xz-utils rpm2cpio cpio rpm jq appstream msitools minisign sqlite3) ;;
  bench) pkgs+=(xvfb) ;;
  offline) pkgs+=(xvfb strace util-linux) ;;
esac
missing=()
for p in "${pkgs[@]}"; do
  [[ $(dpkg-query -W -f='${Status}' "$p" 2>/dev/null) == *"install ok installed"* ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if ! command -v apt-get >/dev/null; then
  echo "install-deps: please install: ${missing[*]} (a C compiler, OpenGL and X11 development headers)" >&2
  exit 1
fi
sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
