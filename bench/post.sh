#!/usr/bin/env bash
# Latency of `POST /api/articles` on a store of real articles: ingests the AllSides, ECB+ and
# NeuS texts of ../shared/data (3,172 articles), serves the store, waits for the analysis the
# server starts with (a build that reports none is not waited for), and posts one new article
# at a time, printing curl's total time for each.
#
#   bench/post.sh [PARALLAX_BINARY] [POSTS] [STORE] [CLIENTS]
# The store is built by the same binary, so no post compares every story again (an analysis
# is keyed by the executable that made it). With STORE, that store (built by the same binary,
# for instance by bench/later.sh) is served instead. With CLIENTS, that many clients then post
# POSTS articles each at once, and the time they all take is printed. bench/RESULTS.md records
# the figures.
set -euo pipefail
source "$(dirname "$0")/serving.sh"
cd "$(dirname "$0")/.."

bin=${1:-target/release/parallax}
posts=${2:-6}
clients=${4:-1}
addr=127.0.0.1:18081
data=../shared/data
work=$(mktemp -d)
trap 'kill "${server:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

[ "$bin" != target/release/parallax ] || cargo build --release -q -p cli
db=${3:-$work/bench.db}
if [ -z "${3:-}" ]; then
    "$bin" ingest "$data/clustering/allsides-stories.jsonl" "$data/clustering/ecbplus-dev.jsonl" \
        "$data/summarization/neus-val.jsonl" --db "$db" -q
fi
serve_store "$bin" "$db" "$addr" --token bench
wait_analysed "$addr"
# Ids new to the store on every run: a post of a stored article changes nothing.
run=$(date +%s)
post() {
    local body
    body=$(printf '{"id": "post-%s-%s", "source": "Test Wire %s", "published": "2020-01-0%dT10:00:00Z", "title": "Senate passes spending bill", "text": "The Senate passed a spending bill on Tuesday to avert a government shutdown, sending the measure to the president. Lawmakers voted 68 to 31 after weeks of talks. Post %s."}' "$run" "$1" "$1" "$(($2 % 9 + 1))" "$1")
    curl -sf -o /dev/null -w "post $1: %{time_total} s\n" -X POST -H "Authorization: Bearer bench" \
        -H "Content-Type: application/json" --data "$body" "http://$addr/api/articles"
}
for i in $(seq 0 $((posts - 1))); do
    post "$i" "$i"
done
# Then CLIENTS clients at once, POSTS posts each, one after the other.
if [ "$clients" -gt 1 ]; then
    start=$(date +%s.%N)
    for c in $(seq 1 "$clients"); do
        (for i in $(seq 0 $((posts - 1))); do post "c$c-$i" "$i" >/dev/null; done) &
    done
    wait $(jobs -p | grep -v "^$server\$")
    end=$(date +%s.%N)
    echo "$clients clients, $((clients * posts)) posts: $(awk "BEGIN { print $end - $start }") s"
fi
