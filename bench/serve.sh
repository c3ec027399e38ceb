#!/usr/bin/env bash
# Load figures for `rareflow serve` (docs/performance.md): p50/p99 latency and throughput at
# 100 concurrent clients on loopback, rate limit off, for rank, country and the map data;
# scenario runs timed alone and while rank is under that load; on a SQLite file and on
# PostgreSQL. The store holds one imported edition (the golden tests' MCS 2024-style file),
# so that `country` reads rows from the store on every request, as a team's server would.
#
# Usage: bash bench/serve.sh [BINARY]
#   needs wrk (apt-get install wrk) and curl; the PostgreSQL leg runs when RAREFLOW_PG_URL
#   names a server (e.g. after eval "$(bash .ci/postgres.sh start)"); DURATION (default 10s)
#   is each wrk run's length.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-target/release/rareflow}
DURATION=${DURATION:-10s}
CLIENTS=100
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 1; }
dir=$(mktemp -d)
server_pid=
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$dir"' EXIT

serve() { # $1: store location; sets server_pid and base
  "$BIN" import usgs-mcs tests/golden/inputs/mcs2024x.csv --replace --db "$1" >/dev/null
  "$BIN" serve --addr 127.0.0.1:0 --rate-limit off --db "$1" >/dev/null 2>"$dir/log" &
  server_pid=$!
  base=
  for _ in $(seq 100); do
    base=$(grep -o 'http://[0-9.:]*' "$dir/log" | head -1 || true)
    [ -n "$base" ] && return
    sleep 0.1
  done
  echo "rareflow serve did not start:" >&2
  cat "$dir/log" >&2
  exit 1
}

stop() {
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=
}

load() { # $1: path; prints a table row
  local out p50 p99 rps errors
  out=$(wrk -t2 -c"$CLIENTS" -d"$DURATION" --latency "$base$1")
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  rps=$(echo "$out" | awk '/Requests\/sec/ {printf "%.0f", $2}')
  errors=$(echo "$out" | grep -E 'Non-2xx|Socket errors' | sed 's/^ *//' | tr '\n' ' ' || true)
  printf '| `%s` | %s | %s | %s | %s |\n' "$1" "$p50" "$p99" "$rps" "${errors:-none}"
}

times() { # $1: url, $2: runs; prints the median and the maximum in ms
  local t=()
  for _ in $(seq "$2"); do
    t+=("$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "$1")")
  done
  printf '%s\n' "${t[@]}" | awk '$1 != 200 {bad++} {print $2}
    END {if (bad) print "non-200: " bad > "/dev/stderr"}' | sort -n |
    awk '{a[NR]=$1} END {printf "median %.0f ms, max %.0f ms", a[int((NR+1)/2)]*1000, a[NR]*1000}'
}

scenarios() { # prints table rows
  local url="$base/api/v1/sim/run?scenario=china-2025-controls"
  printf '| alone (20 runs) | %s |\n' "$(times "$url" 20)"
  wrk -t2 -c"$CLIENTS" -d"$DURATION" "$base/api/v1/rank?metric=reserves&edition=MCS2025" >"$dir/wrk" &
  local wrk_pid=$!
  sleep 1
  printf '| while rank serves %s clients (20 runs) | %s |\n' "$CLIENTS" "$(times "$url" 20)"
  wait "$wrk_pid"
  printf '| rank meanwhile | %s requests/s |\n' "$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$dir/wrk")"
}

run_backend() { # $1: label, $2: store location
  serve "$2"
  curl -s -o /dev/null "$base/api/v1/sim/run?scenario=baseline" # warm the world network
  echo
  echo "### $1"
  echo
  echo "| path | p50 | p99 | requests/s | errors |"
  echo "|---|---|---|---|---|"
  load "/api/v1/rank?metric=reserves&edition=MCS2025"
  load "/api/v1/country/RUS"
  load "/charts/map.json?metric=reserves&edition=MCS2025"
  echo
  echo "| \`GET /api/v1/sim/run?scenario=china-2025-controls\` | latency |"
  echo "|---|---|"
  scenarios
  stop
}

echo "rareflow serve, wrk -t2 -c$CLIENTS -d$DURATION on loopback; $(nproc) cores; $(date -u +%F); rareflow $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
run_backend "SQLite (a file)" "$dir/rareflow.db"
if [ -n "${RAREFLOW_PG_URL:-}" ]; then
  run_backend "PostgreSQL (same machine)" "$RAREFLOW_PG_URL"
fi
