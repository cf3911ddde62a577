#!/usr/bin/env bash
# Measures how long `naap up` takes to become ready (GET /health answers 200), on a warm build:
#   fresh  - a new home: initdb, first migration, contract deployment
#   warm   - the same home again: existing cluster and chain state, contracts reused
# and, in the same run, the floor every start pays: `naap --version` (JVM start + launcher).
# Usage: scripts/bench-up.sh [RUNS]   (default 5). Prints one line per measure (median, min, max).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
runs=${1:-5}
"$root/naap" --version >/dev/null # builds if needed, so no run below pays for a build

now_ms() { date +%s%3N; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Starts naap up on HOME, prints the milliseconds until /health answers 200, then stops it. SIGTERM,
# not SIGINT: a non-interactive shell starts background jobs with SIGINT ignored.
time_up() {
  local home=$1 api rpc start pid code elapsed
  api=$(free_port); rpc=$(free_port)
  start=$(now_ms)
  "$root/naap" up --home "$home" --port "$api" --rpc-port "$rpc" >"$home.out" 2>&1 &
  pid=$!
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$api/health" || true)
    [ "$code" = 200 ] && break
    if ! kill -0 "$pid" 2>/dev/null; then echo "naap up died:" >&2; cat "$home.out" >&2; exit 1; fi
    sleep 0.05
  done
  elapsed=$(( $(now_ms) - start ))
  kill -TERM "$pid"; wait "$pid" || true
  echo "$elapsed"
}

stats() { sort -n | awk '{a[NR]=$1} END {printf "median %6d ms   min %6d ms   max %6d ms   (n=%d)\n", a[int((NR+1)/2)], a[1], a[NR], NR}'; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fresh=(); warm=(); floor=()
for i in $(seq "$runs"); do
  home="$work/home$i"
  fresh+=("$(time_up "$home")")
  warm+=("$(time_up "$home")")
  start=$(now_ms); "$root/naap" --version >/dev/null; floor+=("$(( $(now_ms) - start ))")
done
printf 'naap up, fresh home:   '; printf '%s\n' "${fresh[@]}" | stats
printf 'naap up, warm home:    '; printf '%s\n' "${warm[@]}" | stats
printf 'naap --version (floor): '; printf '%s\n' "${floor[@]}" | stats
