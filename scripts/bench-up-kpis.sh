#!/usr/bin/env bash
# Time from `naap up` being ready to the synthetic fleet's first live KPIs, demand and swap
# (docs/BENCHMARKS.md). Starts an ephemeral naap up on ports 18080 (API) and 18545 (chain),
# polls the API, stops it. Fails when a step takes longer than 5 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
api=http://127.0.0.1:18080
log="${TMPDIR:-/tmp}/naap-bench-up-kpis.log"

t0=$(date +%s.%N)
./naap up --ephemeral --port 18080 --rpc-port 18545 >"$log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT

wait_for() { # wait_for DESCRIPTION COMMAND...: retries the command every 0.5 s, 5 minutes at most
  local what=$1 deadline=$((SECONDS + 300))
  shift
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS > deadline)); then
      echo "bench-up-kpis: no $what within 5 minutes (see $log)" >&2
      exit 1
    fi
    sleep 0.5
  done
}
kpis() { # kpis PYTHON-CONDITION-ON-t: the test traffic's KPI total satisfies the condition
  curl -sf "$api/v1/kpis?bucket=minute&traffic=test" |
    python3 -c "import json,sys; t=json.load(sys.stdin)['total']; sys.exit(0 if ($1) else 1)"
}

wait_for "ready API" curl -sf "$api/health"
t1=$(date +%s.%N)
wait_for "KPIs and demand" kpis "t['outputFps']['count']>0 and t['startupMs']['count']>0 and t['demand']['streams']>0"
t2=$(date +%s.%N)
wait_for "swap" kpis "t['swaps']>0"
t3=$(date +%s.%N)
python3 -c "print('ready %.1f s after launch; first KPIs and demand %.1f s after ready; first swap %.1f s after ready' % ($t1-$t0, $t2-$t1, $t3-$t1))"
