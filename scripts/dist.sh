#!/usr/bin/env bash
# Builds every installer this Linux machine can make into dist/: the Linux tar.xz (with a
# Makefile that installs it), .deb and .rpm (with AppStream metadata), the Windows exe, its per-user NSIS
# setup, a per-machine MSI and a portable zip, a CycloneDX SBOM, and SHA256SUMS. The
# version comes from FyneApp.toml. macOS is built by the macOS workflow.
#   dist.sh          everything
#   dist.sh linux    the Linux artefacts and the SBOM only (the reproducibility check)
# The Linux artefacts are reproducible: the same commit gives the same bytes (trimmed
# paths, no build id, every time stamp SOURCE_DATE_EPOCH, the last commit's time).
set -euo pipefail
cd "$(dirname "$0")/.."
only=${1:-all}
scripts/install-deps.sh dist

field() { sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\"\{0,1\}\([^\"]*\)\"\{0,1\}[[:space:]]*$/\1/p" FyneApp.toml | head -1; }
version=$(field Version)
build=$(field Build)
[[ -n $version && -n $build ]] || { echo "dist: Version and Build must be set in FyneApp.toml" >&2; exit 1; }
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || stat -c %Y FyneApp.toml)}
export TZ=UTC LC_ALL=C
day=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)

tools=${DIST_TOOLS:-$PWD/.tools/bin}
mkdir -p "$tools"
[[ -x $tools/fyne ]] || GOBIN=$tools go install fyne.io/tools/cmd/fyne@v1.7.2
[[ -x $tools/nfpm ]] || GOBIN=$tools go install github.com/goreleaser/nfpm/v2/cmd/nfpm@v2.45.2
[[ -x $tools/cyclonedx-gomod ]] || GOBIN=$tools go install github.com/CycloneDX/cyclonedx-gomod/cmd/cyclonedx-gomod@v1.10.0

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
# repack DIR OUT: a tar.xz of DIR whose bytes depend only on the files' contents and modes
repack() {
  tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner \
    --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime -cf - -C "$1" . | xz -9 -T1 >"$2"
}

echo "dist: Linux binary"
go build -trimpath -ldflags "-s -w -buildid=" -o dist/build/linux/ketamine-explorer .
echo "dist: AppStream metadata"
sed -e "s/@VERSION@/$version/" -e "s/@DATE@/$day/" scripts/dist/io.github.ketamineexplorer.metainfo.xml \
  >dist/build/linux/io.github.ketamineexplorer.metainfo.xml
appstreamcli validate --no-net dist/build/linux/io.github.ketamineexplorer.metainfo.xml
for f in README.md resources/icon.png scripts/dist/ketamine-explorer.desktop; do cp "$f" dist/build/linux/; done
touch -d "@$SOURCE_DATE_EPOCH" dist/build/linux/*

echo "dist: Linux tar.xz"
t=dist/build/linux/tar/ketamine-explorer
install -Dm755 dist/build/linux/ketamine-explorer "$t/usr/local/bin/ketamine-explorer"
install -Dm644 dist/build/linux/ketamine-explorer.desktop "$t/usr/local/share/applications/io.github.ketamineexplorer.desktop"
install -Dm644 dist/build/linux/icon.png "$t/usr/local/share/icons/hicolor/512x512/apps/io.github.ketamineexplorer.png"
install -Dm644 dist/build/linux/io.github.ketamineexplorer.metainfo.xml "$t/usr/local/share/metainfo/io.github.ketamineexplorer.metainfo.xml"
install -Dm644 scripts/dist/tarball.mk "$t/Makefile"
install -Dm644 README.md "$t/README.md"
repack dist/build/linux/tar "dist/$name-linux-amd64.tar.xz"

echo "dist: .deb and .rpm"
for packager in deb rpm; do
  VERSION=$version BUILD=$build \
    "$tools/nfpm" package --config scripts/dist/nfpm.yaml --packager $packager --target dist/
done

echo "dist: SBOM (CycloneDX)"
# the module graph of the build above: Linux, cgo, SQLite with FTS5
GOOS=linux GOARCH=amd64 CGO_ENABLED=1 "$tools/cyclonedx-gomod" app -json -licenses -assert-licenses \
  -noserial -notimestamp -main . -output "dist/$name-sbom.cdx.json" .

if [[ $only == all ]]; then
  echo "dist: Windows exe (mingw-w64 cross-build, icon and version resource)"
  # Debian's mingw-w64 builds with the stack protector, whose runtime is libssp.
  CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc CGO_LDFLAGS="-l:libssp.a" fyne_package --os windows --release
  mv "Ketamine Evidence Explorer.exe" dist/build/windows/ketamine-explorer.exe
  convert resources/icon.png -define icon:auto-resize=256,64,48,32,16 dist/build/icon.ico
  echo "dist: NSIS installer (per user)"
  makensis -V2 -DVERSION="$version" -DVIVERSION="$version.$build" -DEXEFILE="$PWD/dist/build/windows/ketamine-explorer.exe" \
    -DICON="$PWD/dist/build/icon.ico" -DOUTFILE="$PWD/dist/$name-windows-amd64-setup.exe" scripts/dist/installer.nsi
  echo "dist: MSI (per machine)"
  cp README.md dist/build/windows/README.md
  scripts/dist/msi.sh "$version" dist/build/windows/ketamine-explorer.exe dist/build/windows/README.md dist/build/icon.ico \
    "dist/$name-windows-amd64.msi"
  echo "dist: portable zip"
  (cd dist/build/windows && zip -q -9 "../../$name-windows-amd64-portable.zip" ketamine-explorer.exe README.md)
fi

(cd dist && sha256sum -- *.* > SHA256SUMS)
echo
echo "dist: artifacts"
(cd dist && ls -l -- *.* | awk '{printf "  %10d  %s\n", $5, $9}' && echo && cat SHA256SUMS)
