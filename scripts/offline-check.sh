#!/usr/bin/env bash
# Offline guarantee: runs the CLI and the window (Xvfb) in a network namespace with no
# network (unshare -n), traced with strace, and fails if the app tries to open a network
# connection: any connect or send to an internet (AF_INET/AF_INET6) address. Local
# sockets (AF_UNIX: the X server) are allowed. Needs root for unshare.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh offline
go build -o out/offline/ketamine-explorer .
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

unshare -n -- bash -s "$work" <<'INNER'
set -euo pipefail
work=$1
bin=out/offline/ketamine-explorer
trace() { strace -f -qq -e trace=connect,sendto,sendmsg -o "$work/trace.$1" "${@:2}"; }
trace list "$bin" list >/dev/null
trace show "$bin" show trd --format json >/dev/null
trace export "$bin" export all --out "$work/export" >/dev/null
trace search "$bin" search midazolam >/dev/null
Xvfb :63 -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
for _ in $(seq 50); do [[ -e /tmp/.X11-unix/X63 ]] && break; sleep 0.1; done
DISPLAY=:63 trace window "$bin" --indication trd --view charts --exit-after-page
kill $xvfb
INNER

fail=0
for t in "$work"/trace.*; do
  name=${t##*.}
  if grep -E 'AF_INET6?' "$t" >/dev/null; then
    echo "offline-check: FAIL: $name tried the network:" >&2
    grep -E 'AF_INET6?' "$t" | head -5 >&2
    fail=1
  else
    echo "offline-check: ok: $name opened no network connection ($(grep -c 'connect(' "$t" || true) local socket calls)"
  fi
done
exit $fail
