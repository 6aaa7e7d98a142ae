#!/usr/bin/env bash
# Takes screenshots of the real window under Xvfb into DIR: one per indication and view,
# presenter mode for each indication and the compare window at 1920x1080, and the pages
# of a PDF handout (pdftoppm).
set -euo pipefail
out=${1:-docs}
mkdir -p "$out"
if ! command -v Xvfb >/dev/null || ! command -v import >/dev/null || ! command -v pdftoppm >/dev/null; then
  sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq xvfb imagemagick poppler-utils >/dev/null
fi
# studies imported on the machine taking the screenshots must not appear in them; the
# talk shown is one pinned for a case conference
user=$(mktemp -d)
KETAMINE_EXPLORER_USER_DB=$user/none.sqlite
export KETAMINE_EXPLORER_USER_DB
cat >"$user/talks.json" <<'TALK'
{"current": {"name": "Grand rounds: ketamine for TRD", "slides": [
  {"id": "trd-overview"}, {"id": "trd-pooled", "title": "Pooled: esketamine vs placebo, MADRS at day 28"},
  {"id": "trd-07-forest"}, {"id": "trd-study-elekt-d"}, {"id": "trd-safety"}, {"id": "si-overview"}]},
 "saved": [{"name": "Grand rounds: ketamine for TRD", "slides": [{"id": "trd-overview"}]}]}
TALK

# shot NAME SIZE ARGS...: runs the app on a fresh virtual screen and saves the screen
shot() {
  local name=$1 size=$2
  shift 2
  local display=:97
  Xvfb $display -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
  local xvfb=$!
  sleep 1
  DISPLAY=$display ./ketamine-explorer "$@" >/dev/null 2>&1 &
  local app=$!
  sleep "${WAIT:-4}"
  DISPLAY=$display import -window root "$out/$name.png"
  kill $app
  wait $app 2>/dev/null || true
  kill $xvfb
  wait $xvfb 2>/dev/null || true
  echo "screenshots: $out/$name.png"
}

for ind in trd pain si neuro; do
  for view in summary charts; do
    shot "window-$ind-$view" 1400x900 --indication "$ind" --view "$view"
  done
  # Xvfb has no window manager to go full screen with: a window the size of the screen
  shot "present-$ind" 1920x1080 --indication "$ind" --present-in-window --size 1920x1080
done
shot compare 1920x1080 --compare-studies transform-1,transform-3 --size 1920x1080
shot laptop-1366x768-compact-header 1366x768 --view charts --compact --size 1366x768
shot filtered-empty-state 1400x900 --indication neuro --molecule esketamine
shot talk-builder-1366x768 1366x768 --talk
shot talk-builder-1024x768 1024x768 --talk
shot window-1024x768 1024x768
shot window-1366x768 1366x768
shot whats-new 1920x1080 --whats-new --size 1920x1080
shot pooled-source 1920x1080 --indication trd --source trd-pool-1 --size 1920x1080

# every forest plot, as presenter mode puts it in front of a room
charts=$(mktemp -d)
./ketamine-explorer export all --out "$charts" >/dev/null
for png in "$charts"/*-forest-*.png; do
  id=$(basename "$png" .png | cut -d- -f1-3) # the chart's ID: trd-05-forest
  shot "forest-$id" 1920x1080 --present-chart "$id" --present-in-window --size 1920x1080
done
rm -rf "$charts"

tmp=$(mktemp -d)
./ketamine-explorer export trd --out "$tmp" >/dev/null
pdftoppm -r 60 -png "$tmp/trd-handout.pdf" "$tmp/page"
pages=("$tmp"/page-*.png)
montage "${pages[@]:0:4}" "${pages[-1]}" -tile 5x1 -geometry +6+6 -background '#888888' "$out/handout-trd.png"
# a page of charts sharing it, at a size to read
./ketamine-explorer export pain --out "$tmp" >/dev/null
pdftoppm -f 5 -l 5 -r 110 -png "$tmp/pain-handout.pdf" "$tmp/chartpage"
cp "$tmp"/chartpage-*5.png "$out/handout-chart-page.png"
rm -rf "$tmp"
echo "screenshots: $out/handout-trd.png, $out/handout-chart-page.png"
