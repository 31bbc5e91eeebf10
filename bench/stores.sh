#!/usr/bin/env bash
# The same ingests into a SQLite file and a PostgreSQL database, one after the other: the
# shared data's 3,172 articles (AllSides, ECB+, NeuS), then STREAM generated articles (the
# `stream` benchmark's), then three later ingests of 50, and a story listing. Prints the wall
# time and peak memory of each `parallax` process (for later ingests also how long reading
# the saved online state back took), then that state's size and what compressing it would
# save. PostgreSQL is a private cluster of the machine's PostgreSQL, started for the run with
# its default settings (a commit waits for its fsync, where the SQLite store's WAL with
# synchronous=NORMAL does not), and removed after it.
#
#   bench/stores.sh [PARALLAX_BINARY] [STREAM]
# bench/RESULTS.md records the figures.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${1:-target/release/parallax}
stream=${2:-50000}
data=../shared/data
work=$(mktemp -d /tmp/parallax-stores.XXXXXX)
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
[ "$(id -u)" != 0 ] || chown postgres "$work"
trap 'as_owner "$pg_bin/pg_ctl" -D "$work/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
as_owner "$pg_bin/initdb" -D "$work/data" -U postgres -A trust >/dev/null
as_owner "$pg_bin/pg_ctl" -D "$work/data" -o "-k $work -c listen_addresses=''" -l "$work/log" -w start >/dev/null
"$pg_bin/psql" -h "$work" -U postgres -qc "CREATE DATABASE news"

cargo build --release -q -p parallax-bench --bin stream
[ "$bin" != target/release/parallax ] || cargo build --release -q -p cli
PARALLAX_STREAM_JSONL="$work/stream.jsonl" target/release/stream "$stream" "$data" >/dev/null
for later in 0 1 2; do
    PARALLAX_STREAM_JSONL="$work/later-$later.jsonl" PARALLAX_STREAM_FIRST=$((stream + 50 * later)) \
        target/release/stream $((stream + 50 * later + 50)) "$data" >/dev/null
done

timed() {
    local what=$1
    shift
    /usr/bin/time -f "  $what: %e s, peak %M KB" "$bin" "$@" -q 2>&1 >/dev/null | tail -1
}
# A later ingest, with the seconds its `--verbose` log puts between reading the article keys
# and having the saved online state back (reading and restoring the state).
later() {
    local what=$1 log=$work/later.log
    shift
    /usr/bin/time -o "$work/time" -f "%e s, peak %M KB" "$bin" "$@" -v 2>"$log" >/dev/null
    local read_back
    read_back=$(awk '/Article keys read/ { a = $1 } /online state has seen/ { b = $1 }
        END { split(a, x, "T"); split(b, y, "T"); split(x[2], p, ":"); split(y[2], q, ":");
              printf "%.2f", (q[1] * 3600 + q[2] * 60 + q[3]) - (p[1] * 3600 + p[2] * 60 + p[3]) }' "$log")
    echo "  $what: $(cat "$work/time"), of which reading the state back ${read_back} s"
}
for db in "$work/news.db" "postgresql://postgres@/news?host=$work"; do
    echo "== ${db%%\?*}"
    timed "ingest the shared data (3,172)" ingest "$data/clustering/allsides-stories.jsonl" \
        "$data/clustering/ecbplus-dev.jsonl" "$data/summarization/neus-val.jsonl" --db "$db"
    timed "ingest $stream stream articles" ingest "$work/stream.jsonl" --db "$db"
    for later in 0 1 2; do
        later "later ingest of 50 ($later)" ingest "$work/later-$later.jsonl" --db "$db"
    done
    timed "list every story" stories --db "$db" --format json
done

# The saved online state: its size as PostgreSQL stores it, and what compressing it would
# save (zstd -1, on the SQLite store's copy of the same kind of state).
"$pg_bin/psql" -h "$work" -U postgres -d news -Atc \
    "SELECT 'online state in PostgreSQL: ' || octet_length(state) || ' bytes, stored as ' \
     || pg_column_size(state) || ' bytes' FROM online_state"
if command -v sqlite3 >/dev/null && command -v zstd >/dev/null; then
    sqlite3 "$work/news.db" "SELECT writefile('$work/state.bin', state) FROM online_state" >/dev/null
    start=$(date +%s.%N)
    zstd -1 -q -f "$work/state.bin" -o "$work/state.zst"
    echo "online state in SQLite: $(stat -c %s "$work/state.bin") bytes, zstd -1: \
$(stat -c %s "$work/state.zst") bytes in $(echo "$(date +%s.%N) - $start" | bc) s"
fi
