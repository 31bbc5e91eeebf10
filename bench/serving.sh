# Helpers for the server benchmarks (post.sh, lists.sh, busy.sh, load.sh), which source this.

# Serves the store $2 with the parallax binary $1 at $3 (host:port), with any further
# arguments, in the background: `server` holds its process id, which the caller stops. Returns
# once it answers.
serve_store() {
    local bin=$1 db=$2 addr=$3
    shift 3
    "$bin" serve --db "$db" --addr "$addr" -q "$@" >/dev/null 2>&1 &
    server=$!
    wait_healthy "$addr"
}

# Waits until the server at $1 (host:port) answers its health check, for up to five minutes:
# a server brings its search index up to the store before it listens (on a large store
# whose index is lost or of an older schema, that takes seconds).
wait_healthy() {
    for _ in $(seq 1500); do
        curl -sf "http://$1/api/health" >/dev/null && return 0
        sleep 0.2
    done
    echo "no server answered at $1" >&2
    return 1
}

# Waits until the server at $1 has finished the analysis it starts with (`analysing` in its
# health check), and prints how long that took.
wait_analysed() {
    local start=$SECONDS
    while curl -sf "http://$1/api/health" | grep -q '"analysing":true'; do
        sleep 0.2
    done
    echo "analysis at start: done $((SECONDS - start)) s after the server answered"
}
