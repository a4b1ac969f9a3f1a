"""Candidate conflicts to label by hand: per story, every cross-outlet pair of number mentions of
one entity label with different values, and every pair of differing weekdays or month-days,
whatever they count or say.

This is how the probe gold of bench/gold/conflicts.json was made, without looking at what
crosswire reports: the listing marks each mention ``[k:text]`` in its sentence; a reader
decides which pairs are two accounts of one thing, then writes them as gold, each conflict as
its sides' mention numbers (``0,6/3``: mentions 0 and 6 against mention 3).

    python bench/number_pairs.py probe-dev > listing.txt      # also writes mentions.json
    python bench/number_pairs.py probe-train --first 0 --count 450 > listing.txt
    python bench/number_pairs.py --add mentions.json "probe dev" probe-val-46=0/6,10 ...
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conflict_quality import CONFLICTS, chosen_events

LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
BOUND_WORDS = re.compile(
    r"^(?:at least|more than|nearly|about|around|over|some|almost|up to)\s+", re.IGNORECASE
)
DAYS = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
MONTH_DAYS = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b"
)

# (side, label, value, start, end, sentence start, sentence end)
Mention = tuple[int, str, object, int, int, int, int]


def mentions(nlp, records: list[dict]) -> list[Mention]:
    from crosswire.nlp.parse import parse_number

    found: list[Mention] = []
    for side, record in enumerate(records):
        doc = nlp(record["text"])
        for ent in doc.ents:
            if ent.label_ in LABELS:
                plain = BOUND_WORDS.sub("", ent.text.lower())
                value = parse_number(plain)
                sentence = ent.sent
                found.append(
                    (side, ent.label_, plain if value is None else value, ent.start_char,
                     ent.end_char, sentence.start_char, sentence.end_char)
                )  # fmt: skip
        for label, pattern in (("DAY", DAYS), ("MONTH-DAY", MONTH_DAYS)):
            for match in pattern.finditer(record["text"]):
                span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
                sentence = span.sent
                found.append(
                    (side, label, match.group(0), match.start(), match.end(),
                     sentence.start_char, sentence.end_char)
                )  # fmt: skip
    return found


def differing(found: list[Mention]) -> set[int]:
    return {
        k
        for i, x in enumerate(found)
        for j, y in enumerate(found)
        if i < j and x[0] != y[0] and x[1] == y[1] and x[2] != y[2]
        for k in (i, j)
    }


def show(uuid: str, records: list[dict], found: list[Mention], flagged: set[int]) -> None:
    print(f"=== {uuid}")
    for side, record in enumerate(records):
        text = record["text"]
        mine = sorted((m[3], k) for k, m in enumerate(found) if k in flagged and m[0] == side)
        for start, end in sorted({(found[k][5], found[k][6]) for _, k in mine}):
            pieces, at = [], start
            for begin, k in mine:
                if start <= begin < end:
                    pieces.append(text[at:begin] + f"[{k}:" + text[begin : found[k][4]] + "]")
                    at = found[k][4]
            pieces.append(text[at:end])
            print(f" {'ABC'[side]}: " + "".join(pieces).replace("\n", " ").strip())


def listing(split: str, first: int, count: int | None, table: Path) -> None:
    from crosswire.nlp.parse import load_pipeline

    nlp = load_pipeline()
    stories = list(chosen_events(split).items())[first : None if count is None else first + count]
    kept = {}
    for uuid, records in stories:
        found = mentions(nlp, records)
        flagged = differing(found)
        if flagged:
            show(uuid, records, found, flagged)
            kept[uuid] = {"ids": [r["id"] for r in records], "mentions": found}
    table.write_text(json.dumps(kept), encoding="utf-8")


def add(table: Path, name: str, specs: list[str]) -> None:
    """Write labelled conflicts (``uuid=0,6/3``) into the gold, as ids and offsets."""
    mentioned = json.loads(table.read_text(encoding="utf-8"))
    gold = json.loads(CONFLICTS.read_text(encoding="utf-8"))
    for spec in specs:
        uuid, sides = spec.split("=")
        story = mentioned[uuid]
        conflict = []
        for numbers in sides.split("/"):
            side: dict[str, list[list[int]]] = {}
            for k in map(int, numbers.split(",")):
                article, _, _, start, end, _, _ = story["mentions"][k]
                side.setdefault(story["ids"][article], []).append([start, end])
            conflict.append(side)
        entry = gold["conflicts"].setdefault(uuid, {"set": name, "conflicts": []})
        entry["conflicts"].append({"sides": conflict})
    CONFLICTS.write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n", "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", nargs="?", default="probe-dev")
    parser.add_argument("--first", type=int, default=0)
    parser.add_argument("--count", type=int)
    parser.add_argument("--table", type=Path, default=Path("mentions.json"))
    parser.add_argument("--add", nargs="+", metavar=("TABLE NAME", "SPEC"))
    args = parser.parse_args()
    if args.add:
        add(Path(args.add[0]), args.add[1], args.add[2:])
    else:
        listing(args.split, args.first, args.count, args.table)


if __name__ == "__main__":
    main()
