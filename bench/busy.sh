#!/usr/bin/env bash
# Reads while the server ingests: for each build, serves STORE, posts one new article in the
# background, and two seconds later requests five story pages and their JSON (not cached yet),
# printing each request's time and the post's. The first post by a build the store has not
# seen replays and compares the whole store, minutes on a large one (bench/later.sh builds
# one of 300,000 articles), which is what this measures reads against.
#
#   bench/busy.sh STORE PARALLAX_BINARY...
# bench/RESULTS.md records the figures.
set -euo pipefail
source "$(dirname "$0")/serving.sh"

db=$1
shift
addr=127.0.0.1:18092
for bin in "$@"; do
    trap 'kill "${server:-}" 2>/dev/null || true' EXIT
    serve_store "$bin" "$db" "$addr" --token bench
    echo "== $bin"
    stories=$(curl -s "http://$addr/api/stories?limit=5&sort=covered" |
        python3 -c 'import json, sys; print(" ".join(s["id"] for s in json.load(sys.stdin)["stories"]))')
    body=$(printf '{"id": "busy-%s", "source": "Busy Wire", "title": "Senate passes spending bill", "text": "The Senate passed a spending bill on Tuesday to avert a government shutdown. Lawmakers voted 68 to 31 after weeks of talks."}' "$(date +%s%N)")
    curl -s -o /dev/null -w "post: %{time_total} s\n" -X POST -H "Authorization: Bearer bench" \
        -H "Content-Type: application/json" --data "$body" "http://$addr/api/articles" &
    post=$!
    sleep 2
    for story in $stories; do
        curl -s -o /dev/null -w "story page $story: %{time_total} s\n" "http://$addr/stories/$story"
        curl -s -o /dev/null -w "story JSON $story: %{time_total} s\n" "http://$addr/api/stories/$story"
    done
    wait "$post"
    kill "$server"
    wait "$server" 2>/dev/null || true
done
