#!/usr/bin/env bash
# Story-list latency and throughput of `parallax serve` on a given store, for one or more
# builds one after the other: five requests to each list endpoint with curl (the first after
# the server starts sorts the list), then wrk with 50 connections on the story API and the
# front page. Use a large store, for instance the one bench/later.sh builds.
#
#   bench/lists.sh STORE PARALLAX_BINARY...
# bench/RESULTS.md records the figures.
set -euo pipefail
source "$(dirname "$0")/serving.sh"

db=$1
shift
addr=127.0.0.1:18090
for bin in "$@"; do
    trap 'kill "${server:-}" 2>/dev/null || true' EXIT
    serve_store "$bin" "$db" "$addr"
    echo "== $bin"
    for path in "/api/stories" "/api/stories?sort=covered" "/api/stories?source=Test%20Wire%203" "/"; do
        times=$(for _ in 1 2 3 4 5; do curl -s -o /dev/null -w "%{time_total} " "http://$addr$path"; done)
        echo "$path: $times"
    done
    for path in "/api/stories" "/"; do
        echo "wrk $path: $(wrk -t2 -c50 -d10s "http://$addr$path" 2>&1 | grep -E "Requests/sec|Latency" | tr -s ' ' | tr '\n' ' ')"
    done
    kill "$server"
    wait "$server" 2>/dev/null || true
done
