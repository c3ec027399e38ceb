#!/usr/bin/env bash
# Load figures for `rareflow serve` (docs/performance.md): p50/p99 latency and throughput at
# 100 concurrent clients on loopback, rate limit off, for rank, country and the map data;
# a scenario run timed while rank is under that load; on a SQLite file and on PostgreSQL.
# Usage: bash bench/serve.sh [BINARY]   (needs wrk: apt-get install wrk; PostgreSQL leg when
# RAREFLOW_PG_URL names a server, e.g. after eval "$(bash .ci/postgres.sh start)").
set -euo pipefail
BIN=${1:-target/release/rareflow}
DURATION=${DURATION:-10s}
dir=$(mktemp -d)
trap 'kill "${server_pid:-}" 2>/dev/null || true; rm -rf "$dir"' EXIT

serve() { # $1: store location; prints the address
  "$BIN" serve --addr 127.0.0.1:0 --rate-limit off --db "$1" 2>"$dir/log" &
  server_pid=$!
  for _ in $(seq 100); do
    addr=$(grep -o 'http://[0-9.:]*' "$dir/log" | head -1 || true)
    [ -n "$addr" ] && break
    sleep 0.1
  done
  echo "$addr"
}

load() { # $1: base, $2: path
  local out
  out=$(wrk -t2 -c100 -d"$DURATION" --latency "$1$2")
  local p50 p99 rps errors
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  errors=$(echo "$out" | grep -E 'Non-2xx|Socket errors' | tr '\n' ' ' || true)
  printf '| %s | %s | %s | %s | %s |\n' "$2" "$p50" "$p99" "$rps" "${errors:-none}"
}

scenario_under_load() { # $1: base
  wrk -t2 -c100 -d"$DURATION" "$1/api/v1/rank?metric=reserves&edition=MCS2025" >/dev/null &
  local wrk_pid=$!
  sleep 1
  local times=()
  for _ in $(seq 10); do
    times+=("$(curl -s -o /dev/null -w '%{time_total}' "$1/api/v1/sim/run?scenario=china-2025-controls")")
  done
  wait "$wrk_pid"
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "| sim run china-2025-controls during rank load (10 runs) | median %.0f ms | max %.0f ms |\n", a[int((NR+1)/2)]*1000, a[NR]*1000}'
  local alone=()
  for _ in $(seq 10); do
    alone+=("$(curl -s -o /dev/null -w '%{time_total}' "$1/api/v1/sim/run?scenario=china-2025-controls")")
  done
  printf '%s\n' "${alone[@]}" | sort -n | awk '{a[NR]=$1} END {printf "| sim run china-2025-controls alone (10 runs) | median %.0f ms | max %.0f ms |\n", a[int((NR+1)/2)]*1000, a[NR]*1000}'
}

run_backend() { # $1: label, $2: store location
  local base
  base=$(serve "$2")
  curl -s -o /dev/null "$base/api/v1/sim/run?scenario=baseline" # warm the world network
  echo
  echo "### $1 ($2)"
  echo
  echo "| path | p50 | p99 | requests/s | errors |"
  echo "|---|---|---|---|---|"
  load "$base" "/api/v1/rank?metric=reserves&edition=MCS2025"
  load "$base" "/api/v1/country/RUS"
  load "$base" "/charts/map.json?metric=reserves&edition=MCS2025"
  echo
  echo "| scenario | latency | |"
  echo "|---|---|---|"
  scenario_under_load "$base"
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
}

echo "rareflow serve under wrk -t2 -c100 -d$DURATION ($(nproc) cores, $(date -u +%F))"
run_backend SQLite "$dir/rareflow.db"
if [ -n "${RAREFLOW_PG_URL:-}" ]; then
  run_backend PostgreSQL "$RAREFLOW_PG_URL"
fi
