# Helpers for the server benchmarks (post.sh, lists.sh, busy.sh, load.sh), which source this.

# Waits until the server at $1 (host:port) answers its health check, for up to five minutes:
# a server on a large store rebuilds its search index before it listens.
wait_healthy() {
    for _ in $(seq 1500); do
        curl -sf "http://$1/api/health" >/dev/null && return 0
        sleep 0.2
    done
    echo "no server answered at $1" >&2
    return 1
}
