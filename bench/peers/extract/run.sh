#!/usr/bin/env bash
# Runs Parallax, dom_smoothie, rs-trafilatura and trafilatura on the same pages in one go and
# prints F1 (ScrapingHub AEB, WCXB dev articles), metadata exact match (WCXB) and pages/s on
# one core (median of ROUNDS interleaved rounds: A B C D, A B C D, ...).
#
# Parallax runs as `parallax eval extract BENCHMARK --work DIR --format json`: pages are read and
# decoded before its clock starts, each page gets the URL the benchmark records (as a crawler's
# pages do), and the clock covers extraction alone on one thread; run.sh takes its
# `pages_per_second` and the predictions and metadata it wrote under DIR. (It also runs the
# benchmark's scorer; run.sh scores every tool again below, the same way for all.)
#
# Usage (from anywhere): bench/peers/extract/run.sh
# Environment (all optional):
#   ROUNDS=3            timed rounds (tools interleaved within each round)
#   CORE=1              the core every tool is pinned to (taskset -c)
#   DATA=REPO/../shared/data/extraction   benchmark data (aeb/, wcxb-dev-articles.tar.gz)
#   WORK=${TMPDIR:-/tmp}/parallax-peers-extract   scratch: unpacked pages, outputs, timings
#   PARALLAX_TARGET=REPO/target   CARGO_TARGET_DIR for the parallax binary
#   PEERS_TARGET=bench/peers/extract/target   CARGO_TARGET_DIR for the peers project
#   BUILD=1             build both (set 0 to use the binaries already in the targets)
#   INSTALL=1           pip install -r bench/peers/requirements.txt when trafilatura is missing
#   PYTHON=python3
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
ROUNDS=${ROUNDS:-3}
CORE=${CORE:-1}
DATA=${DATA:-$REPO/../shared/data/extraction}
WORK=${WORK:-${TMPDIR:-/tmp}/parallax-peers-extract}
PARALLAX_TARGET=${PARALLAX_TARGET:-$REPO/target}
PEERS_TARGET=${PEERS_TARGET:-$HERE/target}
BUILD=${BUILD:-1}
INSTALL=${INSTALL:-1}
PYTHON=${PYTHON:-python3}
PIN=(taskset -c "$CORE")

log() { echo "[run.sh $(date -u +%H:%M:%S)] $*" >&2; }

# --- tools -------------------------------------------------------------------------------
if ! "$PYTHON" -c 'import trafilatura' 2>/dev/null; then
    if [ "$INSTALL" = 1 ]; then
        log "installing Python requirements"
        "$PYTHON" -m pip install -q -r "$REPO/bench/peers/requirements.txt"
    else
        echo "trafilatura is not importable: pip install -r bench/peers/requirements.txt" >&2
        exit 1
    fi
fi
if [ "$BUILD" = 1 ]; then
    log "building parallax (CARGO_TARGET_DIR=$PARALLAX_TARGET)"
    (cd "$REPO" && CARGO_TARGET_DIR=$PARALLAX_TARGET cargo build --release -q -p cli)
    log "building peers project (CARGO_TARGET_DIR=$PEERS_TARGET)"
    (cd "$HERE" && CARGO_TARGET_DIR=$PEERS_TARGET cargo build --release -q --locked)
fi
PARALLAX=$PARALLAX_TARGET/release/parallax
PEERS=$PEERS_TARGET/release/peers-extract
for bin in "$PARALLAX" "$PEERS"; do
    [ -x "$bin" ] || { echo "missing $bin (run with BUILD=1)" >&2; exit 1; }
done
log "Parallax binary: $PARALLAX $(date -u -r "$PARALLAX" +%FT%TZ)"

# --- data --------------------------------------------------------------------------------
AEB_SRC=$DATA/aeb
AEB=$WORK/aeb
WCXB=$WORK/wcxb/wcxb-dev-articles
mkdir -p "$AEB/output" "$WORK/wcxb" "$WORK/out"
ln -sf "$AEB_SRC/evaluate.py" "$AEB/evaluate.py"
ln -sf "$AEB_SRC/ground-truth.json" "$AEB/ground-truth.json"
if [ ! -f "$WCXB/evaluate.py" ]; then
    log "unpacking WCXB dev articles into $WORK/wcxb"
    tar xzf "$DATA/wcxb-dev-articles.tar.gz" -C "$WORK/wcxb"
fi
mkdir -p "$WCXB/dev"
ln -sfn ../html "$WCXB/dev/html"
ln -sfn ../ground-truth "$WCXB/dev/ground-truth"

# --- timed rounds ------------------------------------------------------------------------
TIMES=$WORK/times.jsonl
: > "$TIMES"
parallax_rate() { # stdin: `eval extract --format json`; stdout: pages/s
    "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["benchmarks"][0]["pages_per_second"])'
}
run_tool() { # TOOL FORMAT ROUND
    local tool=$1 fmt=$2 round=$3 rate
    local out=$WORK/out/$fmt-$tool.json meta=$WORK/out/$fmt-$tool-meta.json
    case "$tool" in
        parallax)
            local dir=$AEB_SRC run=$WORK/parallax-$fmt
            [ "$fmt" = wcxb ] && dir=$WCXB
            rm -rf "$run"
            rate=$("${PIN[@]}" "$PARALLAX" eval extract "$dir" --work "$run" --format json | parallax_rate)
            if [ "$fmt" = aeb ]; then
                cp "$run/0-aeb/output/parallax.json" "$out"
            else
                cp "$run/0-wcxb/predictions.json" "$out"
                cp "$run/0-wcxb/metadata.json" "$meta"
            fi
            echo "{\"tool\": \"parallax\", \"format\": \"$fmt\", \"round\": $round, \"pages_per_s\": $rate}" >> "$TIMES"
            ;;
        dom_smoothie|rs_trafilatura)
            local dir=$AEB_SRC/html
            [ "$fmt" = wcxb ] && dir=$WCXB
            "${PIN[@]}" "$PEERS" "$tool" "$fmt" "$dir" "$out" "$meta" \
                | "$PYTHON" -c "import json,sys; r=json.loads(sys.stdin.read()); r['round']=$round; print(json.dumps(r))" >> "$TIMES"
            ;;
        trafilatura)
            local dir=$AEB_SRC/html extra=()
            [ "$fmt" = wcxb ] && dir=$WCXB
            # The metadata pass (WCXB only) runs once, in round 1; the body pass is what is timed.
            [ "$fmt" = wcxb ] && [ "$round" = 1 ] && extra=("$meta")
            "${PIN[@]}" "$PYTHON" "$HERE/trafilatura_run.py" "$fmt" "$dir" "$out" "${extra[@]}" \
                | "$PYTHON" -c "import json,sys; r=json.loads(sys.stdin.read()); r['round']=$round; print(json.dumps(r))" >> "$TIMES"
            ;;
    esac
    log "round $round $fmt $tool: $(tail -1 "$TIMES" | grep -o '"pages_per_s": [0-9.]*')"
}
TOOLS=(parallax dom_smoothie rs_trafilatura trafilatura)
for round in $(seq 1 "$ROUNDS"); do
    for fmt in aeb wcxb; do
        for tool in "${TOOLS[@]}"; do
            run_tool "$tool" "$fmt" "$round"
        done
    done
done

# --- scoring -----------------------------------------------------------------------------
rm -f "$AEB"/output/*.json
for tool in "${TOOLS[@]}"; do
    cp "$WORK/out/aeb-$tool.json" "$AEB/output/$tool.json"
done
log "scoring AEB (its evaluate.py)"
(cd "$AEB" && "$PYTHON" evaluate.py --n-bootstrap 200 --output "$WORK/aeb-metrics.json") > "$WORK/aeb-evaluate.txt"
cat "$WORK/aeb-evaluate.txt" >&2
for tool in "${TOOLS[@]}"; do
    log "scoring WCXB $tool (its evaluate.py)"
    (cd "$WCXB" && "$PYTHON" evaluate.py --split dev --results "$WORK/out/wcxb-$tool.json") > "$WORK/wcxb-evaluate-$tool.txt"
done

"$PYTHON" "$HERE/summarize.py" "$WORK" "${TOOLS[@]}"
