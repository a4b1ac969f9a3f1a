"""The MiniLM cosine that a multilingual-e5 cosine stands for, between two news sentences.

Comparison's thresholds (same claim, same thing) were tuned on MiniLM cosines. A story with an
article in another language is compared in multilingual-e5's space, whose cosines bunch near 1;
a quantile map carries each e5 cosine to the MiniLM cosine at the same rank. The map is fitted
on sentence pairs across the articles of BASIL's 2010-2014 events (the development years; later
events are kept for reports) and printed as the table in crosswire.settings.

    python bench/calibrate_multilingual.py
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "basil" / "articles"
QUANTILES = (0.0, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.998, 0.999, 1.0)


def sentences_by_event(years: range) -> list[list[list[str]]]:
    events: dict[str, list[list[str]]] = {}
    for path in sorted(DATA.glob("*/*.json")):
        if int(path.parent.name) not in years:
            continue
        record = json.loads(path.read_text(encoding="utf-8"))
        text = " ".join(" ".join(p) for p in record.get("body-paragraphs", []))
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 5]
        events.setdefault(record["triplet-uuid"], []).append(sentences[:25])
    return [articles for articles in events.values() if len(articles) >= 2]


def pair_cosines(events, encode) -> np.ndarray:
    found = []
    for articles in events:
        vectors = [encode(sentences) for sentences in articles]
        for a in range(len(vectors)):
            for b in range(a + 1, len(vectors)):
                found.append((vectors[a] @ vectors[b].T).ravel())
    return np.concatenate(found)


def main() -> int:
    from crosswire.nlp.embed import embed, embed_multilingual

    events = sentences_by_event(range(2010, 2015))
    print(f"{len(events)} events, 2010-2014")
    minilm = pair_cosines(events, embed)
    e5 = pair_cosines(events, embed_multilingual)
    print(f"{len(minilm)} sentence pairs across articles of one event")
    points = [
        (round(float(np.quantile(e5, q)), 3), round(float(np.quantile(minilm, q)), 3))
        for q in QUANTILES
    ]
    print("quantile  e5     MiniLM")
    for q, (x, y) in zip(QUANTILES, points, strict=True):
        print(f"{q:<9} {x:<6} {y}")
    print("E5_TO_MINILM =", tuple(points))
    return 0


if __name__ == "__main__":
    sys.exit(main())
