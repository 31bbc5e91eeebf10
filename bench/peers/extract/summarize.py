#!/usr/bin/env python3
"""Prints run.sh's table from its scratch folder.

Usage: summarize.py WORK TOOL...

F1 AEB: the article-extraction-benchmark evaluate.py (WORK/aeb-metrics.json).
F1 WCXB: the "F1:" line of WCXB evaluate.py (WORK/wcxb-evaluate-TOOL.txt).
title / author / date: exact match over WCXB pages whose ground truth has the field, with the
rules of `parallax eval extract` (whitespace-normalised equality; the same YYYY-MM-DD day).
pages/s: median over the rounds in WORK/times.jsonl, with the range.
"""

import json
import re
import statistics
import sys
from pathlib import Path


def median_range(values):
    if not values:
        return "-"
    return f"{statistics.median(values):.1f} ({min(values):.1f}-{max(values):.1f})"


def meta_scores(gt_dir: Path, meta_path: Path):
    if not meta_path.exists():
        return None
    found = json.loads(meta_path.read_text(encoding="utf-8"))
    hits = {"title": 0, "author": 0, "date": 0}
    with_truth = {"title": 0, "author": 0, "date": 0}
    for gt_file in sorted(gt_dir.glob("*.json")):
        truth = json.loads(gt_file.read_text(encoding="utf-8"))["ground_truth"]
        got = found.get(gt_file.stem, {})
        for field, key in (("title", "title"), ("author", "author"), ("date", "publish_date")):
            want = (truth.get(key) or "").strip()
            if not want:
                continue
            with_truth[field] += 1
            have = got.get(field)
            if not have:
                continue
            if field == "date":
                hits[field] += int(len(want) >= 10 and want[:10] == have[:10])
            else:
                hits[field] += int(want.split() == have.split())
    return {f: hits[f] / max(with_truth[f], 1) for f in hits}


def main() -> None:
    work = Path(sys.argv[1])
    tools = sys.argv[2:]
    times = [json.loads(line) for line in (work / "times.jsonl").read_text().splitlines() if line.strip()]
    aeb = json.loads((work / "aeb-metrics.json").read_text())
    gt_dir = work / "wcxb" / "wcxb-dev-articles" / "ground-truth"
    rounds = len({t["round"] for t in times})

    header = ("tool", "F1 AEB", "F1 WCXB", "title/author/date WCXB",
              "pages/s AEB, 1 core", "pages/s WCXB, 1 core")
    rows = []
    for tool in tools:
        wcxb_text = (work / f"wcxb-evaluate-{tool}.txt").read_text()
        match = re.search(r"F1:\s+([0-9.]+)", wcxb_text)
        meta = meta_scores(gt_dir, work / "out" / f"wcxb-{tool}-meta.json")
        rate = {fmt: [t["pages_per_s"] for t in times if t["tool"] == tool and t["format"] == fmt]
                for fmt in ("aeb", "wcxb")}
        rows.append((
            tool,
            f"{aeb[tool]['f1']:.3f}" if tool in aeb else "-",
            f"{float(match.group(1)):.3f}" if match else "-",
            " / ".join(f"{meta[f]:.3f}" for f in ("title", "author", "date")) if meta else "-",
            median_range(rate["aeb"]),
            median_range(rate["wcxb"]),
        ))
    print(f"\npages/s: median (min-max) of {rounds} interleaved rounds, extraction only, one core")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join(" --- " for _ in header) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    if tools and tools[0] in [t["tool"] for t in times]:
        base = tools[0]
        print(f"\n{base} speed / each tool's, per round (median (min-max) of the rounds' ratios):")
        for fmt in ("aeb", "wcxb"):
            parts = []
            for tool in tools[1:]:
                ratios = []
                for r in sorted({t["round"] for t in times}):
                    a = [t["pages_per_s"] for t in times if (t["tool"], t["format"], t["round"]) == (base, fmt, r)]
                    b = [t["pages_per_s"] for t in times if (t["tool"], t["format"], t["round"]) == (tool, fmt, r)]
                    if a and b:
                        ratios.append(a[0] / b[0])
                if ratios:
                    parts.append(f"{tool} {statistics.median(ratios):.2f}x ({min(ratios):.2f}-{max(ratios):.2f})")
            print(f"  {fmt}: " + ", ".join(parts))
    extra = [t for t in times if "meta_pages_per_s" in t]
    for t in extra:
        print(f"\n{t['tool']} {t.get('version', '')}: extract_with_metadata pass on {t['format']}: "
              f"{t['meta_pages_per_s']:.1f} pages/s (round {t['round']}; the table times extract() alone)")
    failures = sorted({(t["tool"], t["format"], t["failures"]) for t in times if t.get("failures")})
    for tool, fmt, count in failures:
        print(f"{tool} {fmt}: {count} pages gave no result (scored as empty output)")


if __name__ == "__main__":
    main()
