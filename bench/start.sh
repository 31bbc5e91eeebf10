#!/usr/bin/env bash
# Start-up of `parallax serve` on a given store, for one or more builds one after the other:
# each build is started twice (the first start after another build finds an index that build
# did not write; the second is a plain restart). Prints the seconds until the server answered
# its health check and until its start-up analysis ended, and the server's peak memory then.
# Use a large store, for instance the one bench/later.sh builds.
#
#   bench/start.sh STORE PARALLAX_BINARY...
# bench/RESULTS.md records the figures.
set -euo pipefail
source "$(dirname "$0")/serving.sh"

db=$1
shift
addr=127.0.0.1:18091
trap 'kill "${server:-}" 2>/dev/null || true' EXIT
for bin in "$@"; do
    for start in first restart; do
        begin=$(date +%s.%N)
        serve_store "$bin" "$db" "$addr"
        answered=$(date +%s.%N)
        wait_analysed "$addr" >/dev/null
        analysed=$(date +%s.%N)
        peak=$(grep VmHWM "/proc/$server/status" | tr -s ' ' | cut -d' ' -f2-)
        printf '%s, %s start: answered after %.2f s, analysed after %.2f s, peak %s\n' \
            "$bin" "$start" "$(echo "$answered - $begin" | bc)" "$(echo "$analysed - $begin" | bc)" "$peak"
        kill "$server"
        wait "$server" 2>/dev/null || true
    done
done
