#!/usr/bin/env python3
"""Peer baselines for the clustering and dedupe steps, on the same inputs as ours.

* Clustering: scikit-learn TF-IDF (sublinear tf, English stop words, title and text) and
  agglomerative clustering (cosine distance, average linkage, a distance threshold), the
  baseline of the clustering issue. The threshold is tuned on each data set itself (the
  baseline's favour: it sees the gold labels, we do not); for AllSides, pairs published more
  than two days apart are kept apart ("with a two-day window"). Offline: it sees all
  articles at once, which an online clusterer never does.
* Dedupe: datasketch MinHashLSH (128 permutations, 5-word shingles of the lower-cased words)
  over the reprint stream written by our dedupe eval, each text queried against the
  originals before it and inserted when it matched none, as our deduper does.

Scores use ../shared/tools/clusterscore.py (pairwise and BCubed) and NMI with the arithmetic
mean of the entropies (as `cluster::metrics::nmi`).

Usage (from the repository root):
    pip install -r bench/peers/requirements.txt
    PARALLAX_EVAL=1 PARALLAX_REPRINTS_OUT=/tmp/reprints.jsonl \\
        cargo test -p dedupe --release --test integration eval -- --nocapture
    python3 bench/peers/cluster_peers.py ../shared/data /tmp/reprints.jsonl
"""

import json
import math
import os
import re
import sys
import time
from collections import Counter
from datetime import datetime

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import TfidfVectorizer

DATA = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
REPRINTS = sys.argv[2] if len(sys.argv) > 2 else None
sys.path.insert(0, os.path.join(DATA, "..", "tools"))
from clusterscore import bcubed, pairwise  # noqa: E402


def nmi(pred, gold):
    ids = list(gold)
    n = len(ids)
    joint = Counter((pred[i], gold[i]) for i in ids)
    cp = Counter(pred[i] for i in ids)
    cg = Counter(gold[i] for i in ids)
    mi = sum(v / n * math.log(v * n / (cp[p] * cg[g])) for (p, g), v in joint.items())
    hp = -sum(v / n * math.log(v / n) for v in cp.values())
    hg = -sum(v / n * math.log(v / n) for v in cg.values())
    return 2 * mi / (hp + hg) if hp + hg > 0 else 1.0


def read(name):
    rows = [json.loads(line) for line in open(os.path.join(DATA, "clustering", name))]
    out = []
    for r in rows:
        if "textCleaned" in r:
            out.append((str(r["Id"]), str(r["clusterNo"]), r["textCleaned"], None))
        else:
            text = ((r.get("title") or "") + "\n\n" + (r.get("text") or "")).strip()
            when = r.get("published")
            when = datetime.fromisoformat(when).timestamp() if when else None
            out.append((str(r["id"]), str(r["story"]), text, when))
    return out


def dendrogram(rows, window_days=None):
    """TF-IDF and the average-linkage merge tree; cut at a distance threshold, it gives the
    same clusters as sklearn's AgglomerativeClustering(metric="cosine", linkage="average",
    distance_threshold=t), built once for the whole threshold grid."""
    started = time.perf_counter()
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(
        [text for _, _, text, _ in rows]
    )
    dist = 1.0 - (matrix @ matrix.T).toarray()
    np.clip(dist, 0.0, None, out=dist)
    if window_days is not None:
        times = np.array([t if t is not None else np.nan for _, _, _, t in rows])
        gap = np.abs(times[:, None] - times[None, :]) / 86400.0
        dist[np.nan_to_num(gap, nan=0.0) > window_days] = 1.0
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(dist, checks=False), method="average")
    return tree, time.perf_counter() - started


def cut(rows, tree, threshold):
    labels = fcluster(tree, t=threshold, criterion="distance")
    return {rows[i][0]: str(label) for i, label in enumerate(labels)}


def clustering():
    sets = [
        ("ECB+ dev", "ecbplus-dev.jsonl", None),
        ("AllSides", "allsides-stories.jsonl", 2.0),
        ("MStream titles", "mstream-news.jsonl", None),
    ]
    grid = [round(x, 3) for x in np.arange(0.5, 1.0, 0.025)]
    for label, name, window in sets:
        rows = read(name)
        gold = {i: g for i, g, _, _ in rows}
        best = None
        tree, seconds = dendrogram(rows, window)
        for threshold in grid:
            pred = cut(rows, tree, threshold)
            p, r, f = pairwise(pred, gold)
            b = bcubed(pred, gold)
            score = nmi(pred, gold) if name.startswith("mstream") else f
            if best is None or score > best[0]:
                best = (score, threshold, (p, r, f), b, nmi(pred, gold), seconds)
        _, threshold, (p, r, f), (bp, br, bf), n, seconds = best
        print(
            f"sklearn TF-IDF + agglomerative, {label} ({len(rows)} articles, "
            f"distance threshold {threshold} tuned on it"
            f"{', two-day window' if window else ''}): pairwise P {p:.3f} R {r:.3f} F1 {f:.3f}; "
            f"BCubed F1 {bf:.3f}; NMI {n:.3f}; {seconds:.2f} s ({len(rows) / seconds:.0f} articles/s)",
            flush=True,
        )


def shingles(text, size=5):
    words = [w.lower().replace("\u2019", "'") for w in re.findall(r"\w[\w'\u2019-]*", text)]
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def dedupe(path):
    from datasketch import MinHash, MinHashLSH

    stream = [json.loads(line) for line in open(path)]
    order = {row["id"]: n for n, row in enumerate(stream)}
    for threshold in (0.3, 0.5, 0.7):
        started = time.perf_counter()
        lsh = MinHashLSH(threshold=threshold, num_perm=128)
        right = wrong = missed = between = 0
        root = {}
        for row in stream:
            sig = MinHash(num_perm=128)
            for shingle in shingles(row["text"]):
                sig.update(shingle.encode("utf8"))
            found = lsh.query(sig)
            # The first-seen original wins, as in ours (keys are inserted in arrival order).
            found = min(found, key=order.get) if found else None
            expected = row["copy_of"]
            if expected is not None:
                if found is None:
                    missed += 1
                elif found == expected or root.get(expected) == found:
                    right += 1
                else:
                    wrong += 1
            elif found is not None:
                between += 1
                root[row["id"]] = found
            if found is None:
                lsh.insert(row["id"], sig)
        seconds = time.perf_counter() - started
        precision = right / max(right + wrong, 1)
        recall = right / max(right + missed + wrong, 1)
        print(
            f"datasketch MinHashLSH (threshold {threshold}), {len(stream)} texts: "
            f"precision {precision:.4f} recall {recall:.4f}; {between} flags between two "
            f"originals; {seconds:.2f} s ({len(stream) / seconds:.0f} texts/s)",
            flush=True,
        )


if __name__ == "__main__":
    clustering()
    if REPRINTS:
        dedupe(REPRINTS)
