#!/usr/bin/env python3
"""Where the WCXB date misses stand: for each page whose date `parallax eval extract` gets
wrong, whether the gold date is written anywhere in the page, in any of the common forms.

    parallax eval extract ../shared/data/extraction/wcxb-dev-articles.tar.gz --work /tmp/ex
    python3 bench/peers/extract/date_misses.py /tmp/ex

A miss whose gold date the page never writes came from elsewhere (or is a UTC day where the
page shows its local one): no rule that reads the page can find it. The others are listed
with the places the gold date and ours are written, to tell which date the gold took.
"""
import glob
import gzip
import json
import os
import sys

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def forms(day):
    """The ways a page may write an ISO day."""
    y, m, d = map(int, day.split("-"))
    month = MONTHS[m - 1]
    return [day, f"{m}/{d}/{y}", f"{m:02}/{d:02}/{y}", f"{d}/{m}/{y}", f"{d:02}.{m:02}.{y}",
            f"{month} {d}, {y}", f"{month[:3]} {d}, {y}", f"{d} {month} {y}",
            f"{d} {month[:3]} {y}", f"{month[:3]}. {d}, {y}", f"{month} {d} {y}",
            f"{month[:4]}. {d}, {y}", f"{y}/{m:02}/{d:02}", f"{y}{m:02}{d:02}"]


def context(page, day, n=2):
    """Up to `n` snippets of the page around where it writes `day`."""
    lower = page.lower()
    found = []
    for form in forms(day):
        at = lower.find(form.lower())
        while at >= 0 and len(found) < n:
            found.append(" ".join(page[max(0, at - 70):at + len(form) + 5].split()))
            at = lower.find(form.lower(), at + 1)
    return found


def main(work):
    [metadata] = glob.glob(os.path.join(work, "*-wcxb", "metadata.json"))
    [root] = glob.glob(os.path.join(work, "*-unpacked", "*", "ground-truth"))
    root = os.path.dirname(root)
    ours = json.load(open(metadata))
    nowhere, written = [], []
    for page_id, found in sorted(ours.items()):
        truth = json.load(open(os.path.join(root, "ground-truth", page_id + ".json")))
        gold = (truth["ground_truth"].get("publish_date") or "")[:10]
        if not gold or found["date"] == gold:
            continue
        page = gzip.open(os.path.join(root, "html", page_id + ".html.gz")).read()
        page = page.decode("utf-8", "replace")
        if gold.count("-") != 2 or not context(page, gold):
            nowhere.append(page_id)
            continue
        written.append(page_id)
        print(f"{page_id} gold {gold} ours {found['date']}")
        for snippet in context(page, gold):
            print(f"  gold> {snippet}")
        if found["date"]:
            for snippet in context(page, found["date"]):
                print(f"  ours> {snippet}")
    print(f"{len(nowhere) + len(written)} misses: the gold date is written in the page for "
          f"{len(written)}, nowhere in it for {len(nowhere)} ({' '.join(nowhere)})")


if __name__ == "__main__":
    main(sys.argv[1])
