#!/usr/bin/env bash
# Times the CLI's everyday commands on the bundled data with hyperfine (Debian package
# `hyperfine`). Figures go into docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
export RAREFLOW_DB=$(mktemp -d)/bench.db
target/release/rareflow sources >/dev/null   # create and migrate the store once
hyperfine --warmup 3 -N \
  'target/release/rareflow overview' \
  'target/release/rareflow rank --metric reserves --format json' \
  'target/release/rareflow compare --country RUS --metric reserves' \
  'target/release/rareflow country RUS'
