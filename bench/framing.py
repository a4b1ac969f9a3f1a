"""Loaded-term cues against BASIL's lexical-bias spans, and biased sentences on BABE.

BASIL (all 300 articles): gold is every phrase annotated `bias: lex` outside quotes (`quote: no`;
Crosswire deliberately leaves quoted words out of an outlet's framing), located in the article
body by its text. A predicted cue is right when it overlaps a gold span; a gold span is found when
a cue overlaps it. BABE (final_labels_SG2, 3,673 labelled sentences): a sentence is called biased
when it holds at least one loaded term; macro-F1 over biased / non-biased. BABE is AGPL and used
for evaluation only; nothing here was tuned on it.

Baselines, same run, same spaCy docs:
- adjectives and adverbs: every ADJ/ADV token outside quotes is a cue (BASIL); a sentence with
  one is biased (BABE);
- TextBlob's Pattern subjectivity (BABE only): a sentence is biased when subjectivity >= 0.5.

    python bench/framing.py [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=0, help="Use only this many items of each.")
    args = parser.parse_args()
    if not (args.data / "basil").is_dir():
        sys.exit(f"datasets not found at {args.data}")
    started = time.perf_counter()
    basil(args.data / "basil", args.limit)
    babe(args.data / "babe" / "data" / "final_labels_SG2.csv", args.limit)
    print(f"\ntotal time {time.perf_counter() - started:.0f} s")


# ------------------------------------------------------------------------------------ BASIL


def basil(root: Path, limit: int) -> None:
    from crosswire.nlp.parse import load_pipeline

    nlp = load_pipeline()
    articles = sorted((root / "articles").glob("*/*.json"))[: limit or None]
    scores = {"crosswire": [0, 0, 0, 0], "adjectives+adverbs": [0, 0, 0, 0]}
    for path in articles:
        body, gold = _basil_article(path, root)
        if not gold:
            continue
        quotes = [(m.start(), m.end()) for m in re.finditer(r"[\"“][^\"“”]*[\"”]", body)]
        doc = nlp(body)
        predictions = {
            "crosswire": _crosswire_cues(doc, body, quotes),
            "adjectives+adverbs": [
                (t.idx, t.idx + len(t))
                for t in doc
                if t.pos_ in {"ADJ", "ADV"} and not _inside(t.idx, quotes)
            ],
        }
        for name, cues in predictions.items():
            tally = scores[name]
            tally[0] += sum(any(_overlaps(c, g) for g in gold) for c in cues)
            tally[1] += len(cues)
            tally[2] += sum(any(_overlaps(c, g) for c in cues) for g in gold)
            tally[3] += len(gold)
    print(f"BASIL lexical bias, {len(articles)} articles, {scores['crosswire'][3]} gold spans")
    print(f"{'method':<22}{'precision':>10}{'recall':>10}{'F1':>10}{'cues':>8}")
    for name, (right, predicted, found, gold) in scores.items():
        precision = right / predicted if predicted else 0.0
        recall = found / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(f"{name:<22}{precision:>10.3f}{recall:>10.3f}{f1:>10.3f}{predicted:>8}")


def _basil_article(path: Path, root: Path) -> tuple[str, list[tuple[int, int]]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    paragraphs = ["".join(p) if isinstance(p, list) else p for p in data["body-paragraphs"]]
    body = "\n\n".join(paragraphs)
    annotation = root / "annotations" / path.parent.name / f"{path.stem}_ann.json"
    if not annotation.exists():
        return body, []
    phrases = json.loads(annotation.read_text(encoding="utf-8"))["phrase-level-annotations"]
    gold = []
    for phrase in phrases:
        if phrase.get("bias") != "lex" or phrase.get("quote") == "yes":
            continue
        found = body.find(phrase["txt"].strip())
        if found >= 0:
            gold.append((found, found + len(phrase["txt"].strip())))
    return body, gold


def _crosswire_cues(doc, body: str, quotes) -> list[tuple[int, int]]:
    from crosswire.comparison.framing import loaded_terms

    return [(t.evidence.start, t.evidence.end) for t in loaded_terms(doc, 0, "", body, quotes)]


def _inside(position: int, spans) -> bool:
    return any(start <= position < end for start, end in spans)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# ------------------------------------------------------------------------------------- BABE


def babe(path: Path, limit: int) -> None:
    from textblob import TextBlob

    from crosswire.nlp.parse import load_pipeline

    with path.open(encoding="utf-8-sig") as handle:
        rows = [
            r
            for r in csv.DictReader(handle, delimiter=";")
            if r["label_bias"] in {"Biased", "Non-biased"}
        ]
    rows = rows[: limit or None]
    gold = [r["label_bias"] == "Biased" for r in rows]
    texts = [r["text"] for r in rows]
    docs = list(load_pipeline().pipe(texts, batch_size=64))
    predictions = {
        "crosswire": [
            bool(_crosswire_cues(doc, text, [])) for doc, text in zip(docs, texts, strict=True)
        ],
        "adjectives+adverbs": [any(t.pos_ in {"ADJ", "ADV"} for t in doc) for doc in docs],
        "textblob subjectivity": [TextBlob(text).sentiment.subjectivity >= 0.5 for text in texts],
        "majority class": [sum(gold) * 2 >= len(gold)] * len(gold),
    }
    print(f"\nBABE SG2, {len(rows)} sentences ({sum(gold)} biased)")
    print(f"{'method':<24}{'macro-F1':>10}{'accuracy':>10}")
    for name, predicted in predictions.items():
        print(f"{name:<24}{_macro_f1(gold, predicted):>10.3f}{_accuracy(gold, predicted):>10.3f}")
    print("published: 0.804 (supervised BERT with distant pre-training, Spinde et al. 2021)")


def _macro_f1(gold: list[bool], predicted: list[bool]) -> float:
    scores = []
    for label in (True, False):
        tp = sum(g == label and p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / 2


def _accuracy(gold: list[bool], predicted: list[bool]) -> float:
    return sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold)


if __name__ == "__main__":
    main()
