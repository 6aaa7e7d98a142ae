#!/usr/bin/env bash
# Takes screenshots of the real window under Xvfb, one per indication and view, into DIR.
set -euo pipefail
out=${1:-docs}
size=${SIZE:-1400x900}
mkdir -p "$out"
if ! command -v Xvfb >/dev/null || ! command -v import >/dev/null; then
  sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq xvfb imagemagick >/dev/null
fi
display=:97
Xvfb $display -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
for ind in trd pain si neuro; do
  for view in summary charts; do
    DISPLAY=$display ./ketamine-explorer --indication "$ind" --view "$view" >/dev/null 2>&1 &
    app=$!
    sleep "${WAIT:-4}"
    DISPLAY=$display import -window root "$out/window-$ind-$view.png"
    kill $app
    wait $app 2>/dev/null || true
    echo "screenshots: $out/window-$ind-$view.png"
  done
done
