#!/usr/bin/env bash
# A server's start over an ingest that was interrupted before its analysis: for each build,
# ingests 50 new `stream` articles into STORE and kills the ingest once they are stored (so
# they have no story), then starts that build on the store with bench/start.sh. STORE must
# hold the first N `stream` articles and nothing else, as the one bench/later.sh builds does.
#
#   bench/interrupted.sh STORE PARALLAX_BINARY...
# bench/RESULTS.md records the figures.
set -euo pipefail
cd "$(dirname "$0")/.."

db=$1
shift
cargo build --release -q -p parallax-bench --bin stream
chunk=$(mktemp --suffix .jsonl)
trap 'rm -f "$chunk"' EXIT
unassigned() { sqlite3 "$db" "SELECT count(*) FROM articles WHERE story IS NULL"; }
for bin in "$@"; do
    first=$(sqlite3 "$db" "SELECT count(*) FROM articles")
    PARALLAX_STREAM_JSONL="$chunk" PARALLAX_STREAM_FIRST=$first \
        target/release/stream $((first + 50)) ../shared/data >/dev/null
    "$bin" ingest "$chunk" --db "$db" -q &
    ingest=$!
    while kill -0 "$ingest" 2>/dev/null && [ "$(unassigned)" = 0 ]; do sleep 0.02; done
    kill -9 "$ingest" 2>/dev/null || true
    wait "$ingest" 2>/dev/null || true
    if [ "$(unassigned)" = 0 ]; then
        echo "$bin: the ingest ended before it could be interrupted" >&2
        continue
    fi
    echo "$bin: $(unassigned) articles without a story"
    bench/start.sh "$db" "$bin" | sed -n 1p   # its first start; the restart is a plain one
done
