#!/usr/bin/env bash
# A command's resident memory over time: runs COMMAND, samples its VmRSS every half second
# into OUT (time, then kB), and prints the largest sample. Run the command with `-v` and its
# stderr to a file to line the samples up with the steps of an analysis, which log their
# times.
#
#   bench/rss.sh OUT COMMAND [ARG...]
# e.g. bench/rss.sh /tmp/rss.txt target/release/parallax ingest big.jsonl --db big.db -v 2>log
# bench/RESULTS.md records the figures.
set -euo pipefail

out=$1
shift
: >"$out"
"$@" &
pid=$!
while kill -0 "$pid" 2>/dev/null; do
    kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
    [ -z "$kb" ] || printf '%s %s\n' "$(date +%H:%M:%S.%N | cut -c1-10)" "$kb" >>"$out"
    sleep 0.5
done
status=0
wait "$pid" || status=$?
sort -k2 -n "$out" | tail -1 | awk '{ printf "largest sample: %.2f GB at %s\n", $2 / 1e6, $1 }' >&2
exit "$status"
