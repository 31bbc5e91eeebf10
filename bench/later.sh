#!/usr/bin/env bash
# Later ingests into a large store, one `parallax ingest` process each, as a cron job or a
# feed poll runs them: builds a store of 300,000 `stream` articles (new events round after
# round, a wire copy every fifth article, so the duplicate finder's window is full and the
# saved online state about 250 MB), then ingests RUNS files of 50 further articles, printing
# each one's wall time and peak memory, and its `--verbose` log (the time of each step of the
# analysis) under WORK.
#
#   bench/later.sh [PARALLAX_BINARY] [RUNS] [WORK]
# Run it once per build to compare builds side by side (the generated articles are reused).
# bench/RESULTS.md records the figures.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${1:-target/release/parallax}
runs=${2:-30}
work=${3:-/tmp/parallax-later}
mkdir -p "$work"

cargo build --release -q -p parallax-bench --bin stream
[ "$bin" != target/release/parallax ] || cargo build --release -q -p cli
if [ ! -s "$work/more.jsonl" ]; then
    PARALLAX_STREAM_JSONL="$work/big.jsonl" target/release/stream 300000 ../shared/data >/dev/null
    PARALLAX_STREAM_JSONL="$work/more.jsonl" PARALLAX_STREAM_FIRST=300000 \
        target/release/stream $((300000 + 50 * runs)) ../shared/data >/dev/null
fi
rm -rf "$work/chunks" && mkdir "$work/chunks"
split -l 50 -d -a 4 --additional-suffix=.jsonl "$work/more.jsonl" "$work/chunks/c"

db="$work/store.db"
rm -f "$db" "$db-wal" "$db-shm"
/usr/bin/time -f "first ingest (300000): %e s, peak %M KB" "$bin" ingest "$work/big.jsonl" --db "$db" -q
for chunk in $(ls "$work/chunks" | head -n "$runs"); do
    log="$work/${chunk%.jsonl}.log"
    /usr/bin/time -f "later ingest $chunk: %e s, peak %M KB" \
        "$bin" ingest "$work/chunks/$chunk" --db "$db" -v 2>"$log"
    tail -1 "$log"
done
