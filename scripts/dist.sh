#!/usr/bin/env bash
# Builds every installer this Linux machine can make into dist/: the Linux tar.xz (fyne
# package) and .deb, the Windows exe, its NSIS installer and a portable zip, and
# SHA256SUMS. The version comes from FyneApp.toml. macOS is built by the macOS workflow.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh dist

field() { sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\"\{0,1\}\([^\"]*\)\"\{0,1\}[[:space:]]*$/\1/p" FyneApp.toml | head -1; }
version=$(field Version)
build=$(field Build)
[[ -n $version && -n $build ]] || { echo "dist: Version and Build must be set in FyneApp.toml" >&2; exit 1; }

tools=$PWD/.tools/bin
mkdir -p "$tools"
[[ -x $tools/fyne ]] || GOBIN=$tools go install fyne.io/tools/cmd/fyne@v1.7.2
[[ -x $tools/nfpm ]] || GOBIN=$tools go install github.com/goreleaser/nfpm/v2/cmd/nfpm@v2.45.2

rm -rf dist
mkdir -p dist/build/linux dist/build/windows
# fyne package counts builds up in FyneApp.toml, and the binary embeds that file: the
# version is ours to set, so it is put back after every packaging.
cp FyneApp.toml dist/build/FyneApp.toml
trap 'cp dist/build/FyneApp.toml FyneApp.toml' EXIT
fyne_package() {
  "$tools/fyne" package "$@"
  cp dist/build/FyneApp.toml FyneApp.toml
}
name=ketamine-explorer-$version

echo "dist: Linux binary"
go build -trimpath -ldflags "-s -w" -o dist/build/linux/ketamine-explorer .
echo "dist: Linux tar.xz (fyne package)"
fyne_package --os linux --release --exe dist/build/linux/ketamine-explorer
mv "Ketamine Evidence Explorer.tar.xz" "dist/$name-linux-amd64.tar.xz"
echo "dist: .deb"
VERSION=$version BUILD=$build \
  "$tools/nfpm" package --config scripts/dist/nfpm.yaml --packager deb --target "dist/ketamine-explorer_${version}-${build}_amd64.deb"

echo "dist: Windows exe (mingw-w64 cross-build, icon and version resource)"
# Debian's mingw-w64 builds with the stack protector, whose runtime is libssp.
CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc CGO_LDFLAGS="-l:libssp.a" fyne_package --os windows --release
mv "Ketamine Evidence Explorer.exe" dist/build/windows/ketamine-explorer.exe
convert resources/icon.png -define icon:auto-resize=256,64,48,32,16 dist/build/icon.ico
echo "dist: NSIS installer"
makensis -V2 -DVERSION="$version" -DVIVERSION="$version.$build" -DEXEFILE="$PWD/dist/build/windows/ketamine-explorer.exe" \
  -DICON="$PWD/dist/build/icon.ico" -DOUTFILE="$PWD/dist/$name-windows-amd64-setup.exe" scripts/dist/installer.nsi
echo "dist: portable zip"
cp README.md dist/build/windows/README.md
(cd dist/build/windows && zip -q -9 "../../$name-windows-amd64-portable.zip" ketamine-explorer.exe README.md)

(cd dist && sha256sum -- *.tar.xz *.deb *.exe *.zip > SHA256SUMS)
echo
echo "dist: artifacts"
(cd dist && ls -l -- *.tar.xz *.deb *.exe *.zip | awk '{printf "  %10d  %s\n", $5, $9}' && echo && cat SHA256SUMS)
