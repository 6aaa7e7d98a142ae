#!/usr/bin/env bash
# Smoke tests of the installers in dist/ (run `make dist` first):
#  - the .deb and the .rpm unpacked, and the tar.xz installed by its Makefile, into
#    throw-away roots: the installed binary runs
#    `version` and an `export`, and opens its window under Xvfb (screenshot in docs/); the
#    desktop entry, icon and AppStream metadata (validated) are there; the libraries are
#    declared;
#  - the SBOM parses as CycloneDX and lists fyne, go-sqlite3 and go-chart at go.mod's versions;
#  - the NSIS installer under Wine and Xvfb: silent install, Start-menu entry, `export` by
#    the installed exe, its window (screenshot in docs/), silent uninstall;
#  - the MSI under Wine: silent per-machine install, Start-menu entry, `version`, `export`
#    and window of the installed exe, an upgrade by a newer-numbered MSI that replaces it,
#    and a silent uninstall that leaves no files;
#  - as root, an evidence update as IT deploys one: an organisation's key in
#    /etc/ketamine-explorer/trusted-keys/, a release signed with `minisign -S` installed by
#    the .deb's binary with `dataset install`, named by `version`, and rolled back.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh check
shopt -s nullglob
debs=(dist/*.deb) rpms=(dist/*.rpm) setups=(dist/*-setup.exe) msis=(dist/*.msi) sboms=(dist/*.cdx.json)
[[ ${#debs[@]} -eq 1 && ${#rpms[@]} -eq 1 && ${#setups[@]} -eq 1 && ${#msis[@]} -eq 1 && ${#sboms[@]} -eq 1 ]] ||
  { echo "dist-check: run make dist first" >&2; exit 1; }

work=$(mktemp -d)
xvfb=""
cleanup() {
  [[ -n $xvfb ]] && kill "$xvfb" 2>/dev/null
  wineserver -k 2>/dev/null || true
  rm -rf "$work"
  [[ -z ${placed_key:-} ]] || rm -f "$placed_key"
}
trap cleanup EXIT
fail() { echo "dist-check: FAIL: $*" >&2; exit 1; }
pass() { echo "dist-check: ok: $*"; }

for n in $(seq 90 140); do
  [[ -e /tmp/.X$n-lock || -e /tmp/.X11-unix/X$n ]] || { export DISPLAY=:$n; break; }
done
Xvfb "$DISPLAY" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
sleep 1

# check_export DIR: the files a CLI export of trd must leave
check_export() {
  local pngs=("$1"/trd-*.png) svgs=("$1"/trd-*.svg)
  [[ ${#pngs[@]} -gt 0 && ${#pngs[@]} -eq ${#svgs[@]} ]] || fail "export left ${#pngs[@]} PNG and ${#svgs[@]} SVG files in $1"
  grep -q "49.22" "$1/trd-cards.md" || fail "export's cards lack the Meisner numbers"
}

# window NAME CMD...: runs a GUI program, saves a screenshot to docs/NAME.png, and fails if
# it exits before the screenshot
window() {
  local name=$1; shift
  "$@" >"$work/$name.log" 2>&1 &
  local pid=$!
  sleep "${WINDOW_WAIT:-8}"
  kill -0 "$pid" 2>/dev/null || { cat "$work/$name.log" >&2; fail "$name: the window did not stay open"; }
  import -window root "docs/$name.png"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pass "$name window open (docs/$name.png)"
}

# presenting BIN: presenter mode, full screen, shows its slide's lines and not only the
# title and footer (lines added after the slide's first frame were once never drawn: the
# refresh went to objects the window had not drawn yet). Text is dark on the projector
# theme's white: the band under the title must not be blank.
presenting() {
  "$1" --present >"$work/present.log" 2>&1 &
  local pid=$!
  sleep "${WINDOW_WAIT:-8}"
  kill -0 "$pid" 2>/dev/null || { cat "$work/present.log" >&2; fail "presenter mode did not stay open"; }
  import -window root "$work/present.png"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  local mean
  mean=$(convert "$work/present.png" -crop 1400x360+0+110 +repage -colorspace Gray -format '%[fx:mean]' info:)
  awk -v m="$mean" 'BEGIN { exit !(m < 0.99) }' || fail "presenter mode full screen: the slide's body is blank (grey mean $mean)"
  pass "presenter mode full screen shows its slide's lines"
}

version=$(sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\(.*\)"/\1/p' FyneApp.toml)
build=$(sed -n 's/^[[:space:]]*Build[[:space:]]*=[[:space:]]*\([0-9]*\)/\1/p' FyneApp.toml)
want="Ketamine Evidence Explorer $version (build $build)"
mkdir -p docs

# check_linux ROOT KIND: the files a Linux package installs, and the binary running
check_linux() {
  local root=$1 kind=$2
  local bin=$root/usr/bin/ketamine-explorer
  [[ -f $root/usr/share/applications/io.github.ketamineexplorer.desktop ]] || fail "$kind has no desktop entry"
  [[ -f $root/usr/share/icons/hicolor/512x512/apps/io.github.ketamineexplorer.png ]] || fail "$kind has no icon"
  local meta=$root/usr/share/metainfo/io.github.ketamineexplorer.metainfo.xml
  [[ -f $meta ]] || fail "$kind has no AppStream metadata"
  appstreamcli validate --no-net "$meta" >/dev/null || fail "$kind: its AppStream metadata does not validate"
  grep -q "<release version=\"$version\"" "$meta" || fail "$kind: AppStream metadata lacks release $version"
  # output read whole before grep: with pipefail, grep -q leaving early makes the writer's
  # SIGPIPE fail the pipe, a check that fails at random
  grep -qF "$want" <<<"$("$bin" version)" || fail "$kind binary: version is not $want"
  "$bin" export trd --out "$work/$kind-export" >/dev/null
  check_export "$work/$kind-export"
  pass "$kind: version, export, desktop entry, icon, AppStream metadata (valid)"
}

echo "== .deb"
root=$work/deb-root
dpkg-deb -x "${debs[0]}" "$root"
deps=$(dpkg-deb -f "${debs[0]}" Depends)
[[ $deps == *libgl1* && $deps == *libx11-6* ]] || fail ".deb does not declare its libraries: $deps"
check_linux "$root" deb
window install-deb-window "$root/usr/bin/ketamine-explorer" --indication trd --view charts
presenting "$root/usr/bin/ketamine-explorer"

echo "== evidence update signed by an organisation (as root: /etc/ketamine-explorer/trusted-keys)"
if [[ $(id -u) -eq 0 ]]; then
  bin=$work/deb-root/usr/bin/ketamine-explorer
  keys=/etc/ketamine-explorer/trusted-keys
  mkdir -p "$keys"
  minisign -G -W -p "$work/org.pub" -s "$work/org.key" >/dev/null
  placed_key=$keys/dist-check-$$.pub
  sed '1s/.*/untrusted comment: Dist-check General Hospital/' "$work/org.pub" >"$placed_key"
  cp resources/evidence.sqlite "$work/update.sqlite"
  sqlite3 "$work/update.sqlite" "UPDATE meta SET value = '2099.01-1' WHERE key = 'dataset_version'"
  minisign -S -s "$work/org.key" -m "$work/update.sqlite" -t "dist-check release" >/dev/null
  export KETAMINE_EXPLORER_USER_DB=$work/user/user-evidence.sqlite
  grep -qF "Installed dataset 2099.01-1, signed by Dist-check General Hospital" <<<"$("$bin" dataset install "$work/update.sqlite")" ||
    fail "dataset install did not install the signed release"
  grep -qF "dataset 2099.01-1, signed by Dist-check General Hospital" <<<"$("$bin" version)" || fail "version does not name the installed release"
  printf 'x' | dd of="$work/update.sqlite" bs=1 seek=5000 conv=notrunc status=none
  if "$bin" dataset verify "$work/update.sqlite" >/dev/null 2>&1; then fail "a changed release verified"; fi
  "$bin" dataset rollback >/dev/null
  grep -qF "dataset $(sqlite3 resources/evidence.sqlite "SELECT value FROM meta WHERE key = 'dataset_version'"), bundled by" <<<"$("$bin" version)" ||
    fail "rollback did not return to the bundled evidence"
  unset KETAMINE_EXPLORER_USER_DB
  rm -f "$placed_key"
  pass "evidence update: trusted key in $keys, minisign -S release installed, version names it, a changed copy refused, rolled back"
else
  echo "dist-check: not root: the system trusted-keys folder is left alone (CI runs this as root)"
fi

echo "== .rpm"
root=$work/rpm-root
mkdir -p "$root"
# Debian's rpm2cpio exits 1 after writing a whole archive; what counts is what cpio unpacks
rpm2cpio "${rpms[0]}" >"$work/rpm.cpio" || true
(cd "$root" && cpio -idm --quiet --no-absolute-filenames <"$work/rpm.cpio" 2>/dev/null)
reqs=$(rpm -qp --requires "${rpms[0]}" 2>/dev/null)
[[ $reqs == *libglvnd-glx* && $reqs == *libX11* && $reqs == *libXxf86vm* ]] || fail ".rpm does not declare its libraries: $reqs"
check_linux "$root" rpm

echo "== .tar.xz"
tars=(dist/*-linux-amd64.tar.xz)
mkdir -p "$work/tar"
tar -xJf "${tars[0]}" -C "$work/tar"
make -s -C "$work/tar/ketamine-explorer" install DESTDIR="$work/tar-root" PREFIX=/usr >/dev/null || fail "the tar.xz's make install failed"
check_linux "$work/tar-root" tar.xz

echo "== SBOM"
jq -e '.bomFormat == "CycloneDX" and (.specVersion | length > 0)' "${sboms[0]}" >/dev/null || fail "the SBOM is not CycloneDX JSON"
for mod in fyne.io/fyne/v2 github.com/mattn/go-sqlite3 github.com/wcharczuk/go-chart/v2; do
  v=$(go list -m -f '{{.Version}}' "$mod")
  jq -e --arg m "$mod" --arg v "$v" 'any(.components[]; .name == $m and .version == $v)' "${sboms[0]}" >/dev/null ||
    fail "the SBOM does not list $mod $v"
done
pass "SBOM: CycloneDX $(jq -r .specVersion "${sboms[0]}"), $(jq '.components | length' "${sboms[0]}") components, fyne, go-sqlite3 and go-chart at go.mod's versions"

echo "== Windows installer under Wine"
export WINEPREFIX=$work/wine WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=;bcryptprimitives=n,b"
wineboot --init >/dev/null 2>&1 || fail "wineboot could not make a Wine prefix"
wineserver -w
x86_64-w64-mingw32-gcc -shared -O2 -o "$work/bcryptprimitives.dll" \
  scripts/dist/wine/bcryptprimitives.c scripts/dist/wine/bcryptprimitives.def
cp "$work/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"

wine "$PWD/${setups[0]}" /S >/dev/null 2>&1 || fail "the silent install failed"
wineserver -w
user_dir=$(ls -d "$WINEPREFIX"/drive_c/users/*/AppData | grep -v /Public/ | head -1)
inst="$user_dir/Local/Programs/Ketamine Evidence Explorer"
exe="$inst/ketamine-explorer.exe"
lnk="$user_dir/Roaming/Microsoft/Windows/Start Menu/Programs/Ketamine Evidence Explorer.lnk"
[[ -f $exe ]] || fail "the installer did not install $exe"
[[ -f $lnk ]] || fail "the installer made no Start-menu entry"
[[ -f $inst/uninstall.exe ]] || fail "the installer left no uninstaller"
pass "silent per-user install, Start-menu entry, uninstaller"

grep -qF "$want" <<<"$(wine "$exe" version 2>/dev/null)" || fail "installed exe: version is not $want"
wine "$exe" export trd --out 'C:\export' >/dev/null 2>&1 || fail "installed exe: export failed"
check_export "$WINEPREFIX/drive_c/export"
# show keeps the cards' lines in a file Windows deletes on close: whole cards, nothing left
grep -qF '"pooled_by_this_app"' <<<"$(wine "$exe" show trd --format json 2>/dev/null)" || fail "installed exe: show did not write its cards"
left=$(find "$WINEPREFIX/drive_c" -name '.ketamine-explorer-*.tmp')
[[ -z $left ]] || fail "installed exe: show left $left"
pass "installed exe: version, export, show"
window install-windows-wine-window wine "$exe" --indication trd --view charts

wine "$inst/uninstall.exe" /S >/dev/null 2>&1 || fail "the silent uninstall failed"
for _ in $(seq 60); do [[ -e $exe ]] || break; sleep 0.5; done
wineserver -w
[[ ! -e $exe && ! -e $lnk ]] || fail "uninstalling left $exe or the Start-menu entry"
pass "silent uninstall removed the app and its Start-menu entry"

echo "== MSI under Wine (per machine)"
uninstall_key='HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall'
# installed: the DisplayVersion of every installed product of ours, one per line
installed() { wine reg query "$uninstall_key" /s 2>/dev/null | tr -d '\r' | awk '
  function flush() { if (ours && v != "") print v; ours = 0; v = "" }
  /^HKEY/ { flush() } /DisplayName.*Ketamine Evidence Explorer/ { ours = 1 } /DisplayVersion/ { v = $NF }
  END { flush() }'; }
pf="$WINEPREFIX/drive_c/Program Files/Ketamine Evidence Explorer"
exe="$pf/ketamine-explorer.exe"
# Windows resolves the Start-menu folder to All Users' when ALLUSERS=1 (which the package
# sets); Wine's msiexec always takes the installing user's, so that is where it is looked for
lnk="$user_dir/Roaming/Microsoft/Windows/Start Menu/Programs/Ketamine Evidence Explorer.lnk"
grep -qP '^ALLUSERS\t1\r?$' <<<"$(msiinfo export "${msis[0]}" Property)" || fail "the MSI does not set ALLUSERS=1 (per machine)"
wine msiexec /i "$PWD/${msis[0]}" /qn >/dev/null 2>&1 || fail "the silent MSI install failed"
wineserver -w
[[ -f $exe ]] || fail "the MSI did not install $exe"
[[ -f $lnk ]] || fail "the MSI made no Start-menu entry"
[[ $(installed) == "$version" ]] || fail "after the MSI install, installed versions are: $(installed)"
pass "silent per-machine install (ALLUSERS=1) under Program Files, Start-menu entry"
grep -qF "$want" <<<"$(wine "$exe" version 2>/dev/null)" || fail "MSI-installed exe: version is not $want"
rm -rf "$WINEPREFIX/drive_c/export"
wine "$exe" export trd --out 'C:\export' >/dev/null 2>&1 || fail "MSI-installed exe: export failed"
check_export "$WINEPREFIX/drive_c/export"
pass "MSI-installed exe: version, export"
window install-msi-wine-window wine "$exe" --indication trd --view charts

IFS=. read -r major minor patch <<<"$version"
newer=$major.$minor.$((patch + 1))
scripts/dist/msi.sh "$newer" dist/build/windows/ketamine-explorer.exe dist/build/windows/README.md dist/build/icon.ico "$work/newer.msi" 2>/dev/null
wine msiexec /i "$work/newer.msi" /qn >/dev/null 2>&1 || fail "the silent upgrade to $newer failed"
wineserver -w
[[ $(installed) == "$newer" ]] || fail "after the upgrade to $newer, installed versions are: $(installed | tr '\n' ' ')"
[[ -f $exe && -f $lnk ]] || fail "the upgrade lost the app or its Start-menu entry"
pass "an MSI numbered $newer replaced $version (one product installed)"

wine msiexec /x "$work/newer.msi" /qn >/dev/null 2>&1 || fail "the silent MSI uninstall failed"
wineserver -w
[[ -z $(installed) ]] || fail "after the uninstall, still installed: $(installed)"
[[ ! -e $pf && ! -e $lnk ]] || fail "the MSI uninstall left files: $(ls -R "$pf" "$lnk" 2>&1 | head -5)"
pass "silent MSI uninstall left no files and no installed product"
echo "dist-check: all passed"
