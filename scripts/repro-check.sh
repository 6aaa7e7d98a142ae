#!/usr/bin/env bash
# Reproducible builds: the Linux artefacts of `scripts/dist.sh linux` (binary, tar.xz,
# .deb, .rpm, SBOM) built twice from clean clones of the last commit, in two folders, the
# second with an empty Go build cache (nothing reused from the first), must be
# byte-identical. Any difference is listed, with the package members that differ.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
# the packaging tools themselves are not what is checked: both builds use the same ones
tools=$PWD/.tools/bin
for side in first second; do
  git clone -q --no-hardlinks . "$work/$side"
  cache=$(go env GOCACHE)
  [[ $side == second ]] && cache=$work/gocache
  echo "repro-check: $side build ($(git -C "$work/$side" log -1 --format='%h %cs'), GOCACHE=$cache)"
  (cd "$work/$side" && GOCACHE=$cache DIST_TOOLS=$tools scripts/dist.sh linux >"$work/$side.log" 2>&1) ||
    { tail -20 "$work/$side.log" >&2; echo "repro-check: the $side build failed" >&2; exit 1; }
done

a=$work/first b=$work/second
files=(dist/build/linux/ketamine-explorer)
while IFS= read -r f; do files+=("$f"); done < <(cd "$a" && ls dist/*.*)
differ=0
for f in "${files[@]}"; do
  if cmp -s "$a/$f" "$b/$f"; then
    echo "repro-check: same  $(sha256sum <"$a/$f" | cut -c1-16)  $f"
    continue
  fi
  differ=1
  echo "repro-check: DIFFERENT  $f"
  case $f in
    *.tar.xz) diff <(tar -tvJf "$a/$f") <(tar -tvJf "$b/$f") | head -20 ;;
    *.deb) diff <(dpkg-deb -c "$a/$f") <(dpkg-deb -c "$b/$f") | head -20 ;;
    *.rpm) diff <(rpm -qplv --dump "$a/$f" 2>/dev/null) <(rpm -qplv --dump "$b/$f" 2>/dev/null) | head -20 ;;
    *.json) diff "$a/$f" "$b/$f" | head -20 ;;
    *) echo "  $(cmp -l "$a/$f" "$b/$f" | wc -l) bytes differ" ;;
  esac
done
[[ $differ -eq 0 ]] || { echo "repro-check: FAIL: the Linux artefacts are not reproducible" >&2; exit 1; }
echo "repro-check: ok: ${#files[@]} Linux artefacts byte-identical across two clean builds"
