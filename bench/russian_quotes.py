"""Russian quotes and speakers on the hand-labelled test set in tests/data/russian/.

Prints, for Crosswire's Russian pipeline and, in the same run, for the baseline of reading the
same text with the English pipeline (what Crosswire did before it read Russian):
- quotes: share of gold quotes found (same words, punctuation aside), and the precision of the
  quotes reported (scare quotes and names in quotation marks left out);
- speakers: share of gold quotes found with the right speaker (a quote with no person as its
  speaker is right when none is given).
The dev files were used to write the rules; heldout/ was written before the last changes and
never tuned on.

    python bench/russian_quotes.py
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

FOLDER = Path(__file__).resolve().parents[1] / "tests" / "data" / "russian"


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower().replace("ё", "е")))


def score(as_language: str | None = None, folder: Path = FOLDER) -> dict[str, float]:
    from crosswire.nlp.people import same_name
    from crosswire.workflow import read_paths, understand

    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))["files"]
    found = right = reported = true_reported = total = 0
    for name, expected in gold.items():
        (article,) = read_paths([folder / name])
        if as_language:
            article.language = as_language
        quotes = [q for q in understand([article]).quoted[0].quotes if q.kind.value != "scare"]
        reported += len(quotes)
        wanted = [_key(g["quote"]) for g in expected]
        true_reported += sum(_key(q.text) in wanted for q in quotes)
        unused = list(quotes)
        for item in expected:
            total += 1
            match = next((q for q in unused if _key(q.text) == _key(item["quote"])), None)
            if match is None:
                continue
            unused.remove(match)
            found += 1
            speaker, gold_speaker = match.speaker, item["speaker"]
            if (speaker is None and gold_speaker is None) or (
                speaker and gold_speaker and same_name(speaker, gold_speaker)
            ):
                right += 1
    return {
        "quotes_recall": found / total,
        "quotes_precision": true_reported / reported if reported else 0.0,
        "speakers": right / total,
        "gold_quotes": total,
    }


def main() -> int:
    runs = [
        (f"{split}: {label}", language, folder)
        for split, folder in (("dev", FOLDER), ("held out", FOLDER / "heldout"))
        for label, language in (("crosswire", None), ("English pipeline", "en"))
    ]
    for label, language, folder in runs:
        started = time.perf_counter()
        result = score(language, folder)
        seconds = time.perf_counter() - started
        print(
            f"{label:32} quotes found {result['quotes_recall']:.3f}  precision "
            f"{result['quotes_precision']:.3f}  right speaker {result['speakers']:.3f}  "
            f"({result['gold_quotes']} gold quotes, {seconds:.1f} s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
