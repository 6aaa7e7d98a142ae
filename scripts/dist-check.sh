#!/usr/bin/env bash
# Smoke tests of the installers in dist/ (run `make dist` first):
#  - the .deb, unpacked into a throw-away root: the installed binary runs `version` and an
#    `export`, and opens its window under Xvfb (screenshot in docs/);
#  - the NSIS installer under Wine and Xvfb: silent install, Start-menu entry, `export` by
#    the installed exe, its window (screenshot in docs/), silent uninstall.
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG=en_US.UTF-8 # Fyne cannot parse the C locale and says so on every start
scripts/install-deps.sh check
shopt -s nullglob
debs=(dist/*.deb) setups=(dist/*-setup.exe)
[[ ${#debs[@]} -eq 1 && ${#setups[@]} -eq 1 ]] || { echo "dist-check: run make dist first" >&2; exit 1; }

work=$(mktemp -d)
xvfb=""
cleanup() {
  [[ -n $xvfb ]] && kill "$xvfb" 2>/dev/null
  wineserver -k 2>/dev/null || true
  rm -rf "$work"
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

echo "== .deb"
root=$work/deb-root
dpkg-deb -x "${debs[0]}" "$root"
deps=$(dpkg-deb -f "${debs[0]}" Depends)
[[ $deps == *libgl1* && $deps == *libx11-6* ]] || fail ".deb does not declare its libraries: $deps"
bin=$root/usr/bin/ketamine-explorer
[[ -f $root/usr/share/applications/io.github.ketamineexplorer.desktop ]] || fail ".deb has no desktop entry"
[[ -f $root/usr/share/icons/hicolor/512x512/apps/io.github.ketamineexplorer.png ]] || fail ".deb has no icon"
version=$(sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\(.*\)"/\1/p' FyneApp.toml)
build=$(sed -n 's/^[[:space:]]*Build[[:space:]]*=[[:space:]]*\([0-9]*\)/\1/p' FyneApp.toml)
want="Ketamine Evidence Explorer $version (build $build)"
"$bin" version | grep -qF "$want" || fail ".deb binary: version is not $want"
"$bin" export trd --out "$work/deb-export" >/dev/null
check_export "$work/deb-export"
pass ".deb: version, export, desktop entry, icon, dependencies"
mkdir -p docs
window install-deb-window "$bin" --indication trd --view charts

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

wine "$exe" version 2>/dev/null | grep -qF "$want" || fail "installed exe: version is not $want"
wine "$exe" export trd --out 'C:\export' >/dev/null 2>&1 || fail "installed exe: export failed"
check_export "$WINEPREFIX/drive_c/export"
pass "installed exe: version, export"
window install-windows-wine-window wine "$exe" --indication trd --view charts

wine "$inst/uninstall.exe" /S >/dev/null 2>&1 || fail "the silent uninstall failed"
for _ in $(seq 60); do [[ -e $exe ]] || break; sleep 0.5; done
wineserver -w
[[ ! -e $exe && ! -e $lnk ]] || fail "uninstalling left $exe or the Start-menu entry"
pass "silent uninstall removed the app and its Start-menu entry"
echo "dist-check: all passed"
