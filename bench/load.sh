#!/usr/bin/env bash
# Load test of `parallax serve` on the example corpus: 200 concurrent clients on the largest
# story's page, the search API and page, the story API and the story list, with wrk
# (installed from Debian's packages when missing).
#
#   bench/load.sh [SECONDS] [CONNECTIONS]
#
# Prints wrk's latency distribution for each endpoint; bench/RESULTS.md records the figures.
set -euo pipefail
source "$(dirname "$0")/serving.sh"
cd "$(dirname "$0")/.."

seconds=${1:-15}
connections=${2:-200}
addr=127.0.0.1:18080
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

if ! command -v wrk >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
    else
        echo "wrk is missing: install it (Debian: apt-get install wrk)" >&2
        exit 1
    fi
fi

cargo build --release -q -p server --example serve
target/release/examples/serve "$work/parallax.db" "$addr" examples/ecbplus/articles &
server=$!
wait_healthy "$addr"

# The story with the most articles: the heaviest page of the corpus.
story=$(curl -fs "http://$addr/api/stories?limit=100" | python3 -c '
import json, sys
stories = json.load(sys.stdin)["stories"]
print(max(stories, key=lambda s: s["article_count"])["id"])')

run() {
    echo "== $1"
    wrk -t2 -c"$connections" -d"${seconds}s" --latency "$2" | grep -E "^\s+(50|90|99)%|Requests/sec|Non-2xx|Socket errors"
}
run "story page $story" "http://$addr/stories/$story"
run "search API (q=rehab)" "http://$addr/api/search?q=rehab"
run "search page (q=rehab)" "http://$addr/search?q=rehab"
run "story API $story" "http://$addr/api/stories/$story"
run "story list page" "http://$addr/"
