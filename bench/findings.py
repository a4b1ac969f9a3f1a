"""Every finding of `crosswire compare` on BASIL events, as text to read and label by hand.

Each BASIL event is one story told by three outlets (Fox News, New York Times, HuffPost). For
each event this prints the findings a reader is asked to trust (conflicts, "leaves out" entries,
quote groups whose meaning differs, consensus items, exclusives per article) with the words they
rest on, so that a person can mark each one right or wrong. It is the first step towards the gold
of issue 17 (bench/gold/, ids and offsets only). Tune on 2010-2014; keep 2015-2019 for reporting.

    python bench/findings.py --years 2010-2014 --events 5 [--offset 0]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "basil" / "articles"


def events(first: int, last: int) -> list[list[dict]]:
    """BASIL events of the given years with all three articles, oldest first, as JSONL records."""
    found: dict[str, list[dict]] = {}
    for year in range(first, last + 1):
        for path in sorted((DATA / str(year)).glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            paragraphs = ["".join(p) if isinstance(p, list) else p for p in data["body-paragraphs"]]
            found.setdefault(data["triplet-uuid"], []).append(
                {
                    "id": path.stem,
                    "title": data["title"],
                    "outlet": data["source"],
                    "date": data["date"],
                    "text": data["title"] + "\n\n" + "\n\n".join(paragraphs),
                }
            )
    return [records for records in found.values() if len(records) == 3]


def compare_event(records: list[dict], scratch: Path) -> dict:
    import crosswire

    path = scratch / "event.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return crosswire.compare([path]).to_dict()


def report(comparison: dict) -> list[str]:
    outlet = {a["key"]: a["outlet"] for a in comparison["articles"]}
    claims = {c["id"]: c for c in comparison["claims"]}
    lines = []
    for conflict in comparison["conflicts"]:
        sides = " | ".join(
            f"{s['value']} ({outlet[e['article']]}: {e['text'][:60]!r})"
            for s in conflict["sides"]
            for e in s["evidence"][:1]
        )
        lines.append(f"CONFLICT {conflict['kind']} {conflict['subject'][:40]!r}: {sides}")
    for omission in comparison["omissions"]:
        text = claims[omission["claim"]]["text"]
        lines.append(f"LEAVES OUT {outlet[omission['article']]}: {text[:150]!r}")
    for group in comparison["quotes"]:
        for variant in group["variants"]:
            if variant["changes_meaning"]:
                changes = [
                    (c["base"] or {}).get("text", "")
                    + " -> "
                    + (c["variant"] or {}).get("text", "")
                    for c in variant["changes"]
                    if c["kind"] == "meaning"
                ]
                lines.append(
                    f"MEANING {group['id']} {outlet[variant['evidence']['article']]}: {changes}"
                )
    for item in comparison["summary"]["agreed"]:
        cited = ",".join(outlet[a] for a in item["articles"])
        lines.append(f"CONSENSUS [{cited}]: {item['text'][:150]!r}")
    exclusive = Counter(outlet[e["article"]] for e in comparison["exclusive"])
    lines.append(f"EXCLUSIVE claims per article: {dict(exclusive)}")
    return lines


def main() -> None:
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", default="2010-2014")
    parser.add_argument("--events", type=int, default=5)
    parser.add_argument("--offset", type=int, default=0)
    args = parser.parse_args()
    first, last = (int(y) for y in args.years.split("-"))
    chosen = events(first, last)[args.offset : args.offset + args.events]
    with tempfile.TemporaryDirectory() as scratch:
        for records in chosen:
            first = records[0]
            print(f"=== {first['id'].rsplit('_', 1)[0]} {first['date']}: {first['title']}")
            for line in report(compare_event(records, Path(scratch))):
                print("  " + line)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
