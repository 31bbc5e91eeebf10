"""Scores Parallax's NeuS summaries with the reference ROUGE implementation (rouge-score).

The summaries are those the ROUGE evaluation prints with PARALLAX_NEUS_DUMP set:

    PARALLAX_NEUS_DUMP=1 PARALLAX_NEUS_DIR=../shared/data/summarization \
        cargo test --release -p compare --test integration neus -- --nocapture 2> /tmp/neus.dump
    python3 bench/peers/rouge_score_check.py /tmp/neus.dump

Prints the mean ROUGE-1/2/L F1 (stemmed), to compare with what our own scorer printed.
"""

import re
import sys

from rouge_score import rouge_scorer


def main(path):
    text = open(path, encoding="utf-8").read()
    items = re.findall(r"== (.*?)\nREF: (.*?)\nSUM: (.*?)\n\n", text, re.S)
    if not items:
        sys.exit(f"{path}: no summaries (run the evaluation with PARALLAX_NEUS_DUMP=1)")
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    totals = [0.0, 0.0, 0.0]
    for _story, reference, summary in items:
        scores = scorer.score(reference, summary)
        for i, name in enumerate(["rouge1", "rouge2", "rougeL"]):
            totals[i] += scores[name].fmeasure
    n = len(items)
    r1, r2, rl = (100 * t / n for t in totals)
    print(f"{n} stories: ROUGE-1 {r1:.2f} ROUGE-2 {r2:.2f} ROUGE-L {rl:.2f} (rouge-score, stemmed)")


if __name__ == "__main__":
    main(sys.argv[1])
