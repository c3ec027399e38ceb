#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on 127.0.0.1:54329 for the store tests and prints
# the export line for RAREFLOW_PG_URL. Usage: eval "$(bash .ci/postgres.sh start)"; ... ; bash .ci/postgres.sh stop
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
DIR=${RAREFLOW_PG_DIR:-/tmp/rareflow-pg}
case "${1:-start}" in
  start)
    if [ -z "$PGBIN" ]; then echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; fi
    if [ -f "$DIR/data/postmaster.pid" ]; then runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DIR/data" -m fast stop >&2 || true; fi
    rm -rf "$DIR"; mkdir -p "$DIR"; chown postgres:postgres "$DIR"
    runuser -u postgres -- "$PGBIN/initdb" -D "$DIR/data" -U rareflow --auth=trust -E UTF8 --no-locale >/dev/null
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -o "-p 54329 -k $DIR -c listen_addresses=127.0.0.1" -w start >&2
    psql -q postgres://rareflow@127.0.0.1:54329/postgres -c 'create database rareflow_test' >&2
    echo "export RAREFLOW_PG_URL=postgres://rareflow@127.0.0.1:54329/rareflow_test"
    ;;
  stop)
    [ -n "$PGBIN" ] && [ -d "$DIR/data" ] && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DIR/data" -m fast stop >&2 || true
    ;;
esac
