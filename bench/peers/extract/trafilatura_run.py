#!/usr/bin/env python3
"""Runs trafilatura over a benchmark's pages and writes that benchmark's prediction format.

Usage: trafilatura_run.py FORMAT PAGES_DIR OUT.json [META_OUT.json]

FORMAT `aeb` reads PAGES_DIR/*.html.gz and writes {id: {"articleBody": text}} (ScrapingHub
article-extraction-benchmark evaluate.py); `wcxb` reads PAGES_DIR/html/*.html.gz and writes
{id: text} (WCXB evaluate.py --results).

The body is `trafilatura.extract(html, include_comments=False)`: default settings (plain text,
no metadata) except comments, which neither benchmark counts as article text and rs-trafilatura
leaves out by default (with comments trafilatura 2.3.1 scores AEB F1 0.953 instead of 0.960).
With META_OUT, a second pass `trafilatura.extract_with_metadata(html, include_comments=False)` writes
{id: {"title", "author", "date"}}; that pass is timed separately ("meta_pages_per_s").

Pages are decompressed and decoded (UTF-8) before the clock starts; the clock covers only the
extraction call, inside this process (interpreter start-up and imports are excluded).
Prints one JSON line: {"tool", "format", "pages", "failures", "seconds", "pages_per_s", ...}.
"""

import gzip
import json
import sys
import time
from pathlib import Path

import trafilatura


def main() -> None:
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    fmt, root, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    meta_out = Path(sys.argv[4]) if len(sys.argv) > 4 else None
    if fmt not in ("aeb", "wcxb"):
        sys.exit(f"unknown format {fmt}")
    pages_dir = root if fmt == "aeb" else root / "html"
    paths = sorted(pages_dir.glob("*.html.gz"))
    pages = [(p.name[: -len(".html.gz")], gzip.open(p, "rb").read().decode("utf-8", "replace")) for p in paths]

    texts = {}
    failures = 0
    elapsed = 0.0
    for page_id, html in pages:
        start = time.perf_counter()
        text = trafilatura.extract(html, include_comments=False)
        elapsed += time.perf_counter() - start
        if text is None:
            failures += 1
            text = ""
        texts[page_id] = {"articleBody": text} if fmt == "aeb" else text
    out.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")

    report = {
        "tool": "trafilatura",
        "version": trafilatura.__version__,
        "settings": "include_comments=False",
        "format": fmt,
        "pages": len(pages),
        "failures": failures,
        "seconds": elapsed,
        "pages_per_s": len(pages) / max(elapsed, 1e-9),
    }
    if meta_out is not None:
        metas = {}
        meta_elapsed = 0.0
        for page_id, html in pages:
            start = time.perf_counter()
            doc = trafilatura.extract_with_metadata(html, include_comments=False)
            meta_elapsed += time.perf_counter() - start
            metas[page_id] = {
                "title": getattr(doc, "title", None),
                "author": getattr(doc, "author", None),
                "date": (getattr(doc, "date", None) or None) and doc.date[:10],
            }
        meta_out.write_text(json.dumps(metas, ensure_ascii=False), encoding="utf-8")
        report["meta_pages_per_s"] = len(pages) / max(meta_elapsed, 1e-9)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
