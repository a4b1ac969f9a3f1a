"""Conflict precision and recall over every event of a split, BASIL and NeuS together.

bench/compare_quality.py scores all finding types on a few fully labelled BASIL events. This
scores conflicts alone, on every event of a split: all 50 BASIL events of its years (dev
2010-2014, test 2015-2019) and every NeuS crawled story of its half (dev before 2021-07-16,
test after; bench/findings.py --neus). The gold (bench/gold/conflicts.json, plus the conflicts
of bench/gold/basil.json) holds article ids and character offsets of each side of every real
conflict found by reading: each pair of numbers counting one noun, or dates of one verb, across
the articles of an event (whatever their sentences' similarity), and every conflict a version
reported. A reported conflict is right when its sides fall on two sides of a gold conflict.

``--split probe-test`` scores NeuS's probe stories instead (title and lead of three outlets,
bench/findings.py probe_events), which no rule was tuned on: its gold came from reading every
cross-outlet pair of number mentions of one entity label with different values, and every pair
of differing weekdays or month-days, whatever they count or say (852 pairs in 113 stories).
``probe-dev`` holds the probe's val stories, read while tuning for what was reported; its
gold was labelled the same way in the seventh session (bench/number_pairs.py), before any rule
was tried on its misses. ``probe-train`` holds the 2,000-odd train stories; its first 900 are
labelled the same way, for tuning (``--stories 900``).

    python bench/conflict_quality.py --split test [--before 0b01fa4]
    python bench/conflict_quality.py --split probe-train --stories 900
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare_quality import GOLD, comparisons, comparisons_at, overlaps, show
from findings import events, neus_events, probe_events

CONFLICTS = GOLD.parent / "conflicts.json"
YEARS = {"dev": (2010, 2014), "test": (2015, 2019)}
SPLITS = ("dev", "test", "probe-dev", "probe-test", "probe-train")


def chosen_events(split: str, stories: int | None = None) -> dict[str, list[dict]]:
    if split.startswith("probe-"):
        every = probe_events(split.removeprefix("probe-"))
    else:
        every = events(*YEARS[split]) + neus_events(split)
    return {records[0]["id"].rsplit("_", 1)[0]: records for records in every[:stories]}


def gold_conflicts(split: str, chosen: dict[str, list[dict]]) -> dict[str, list[dict]]:
    gold: dict[str, list[dict]] = {uuid: [] for uuid in chosen}
    for uuid, entry in json.loads(CONFLICTS.read_text(encoding="utf-8"))["conflicts"].items():
        if uuid in gold:
            gold[uuid].extend(entry["conflicts"])
    for uuid, event in json.loads(GOLD.read_text(encoding="utf-8"))["events"].items():
        if uuid in gold and event["split"] == split:
            gold[uuid].extend(event["conflicts"])
    return gold


def score(found: dict[str, dict], gold: dict[str, list[dict]]) -> tuple[list[int], list[int]]:
    precision, recall = [0, 0], [0, 0]
    for uuid, real in gold.items():
        matched = set()
        for conflict in found[uuid]["conflicts"]:
            evidence = [e for side in conflict["sides"] for e in side["evidence"]]
            hit = next(
                (
                    number
                    for number, one in enumerate(real)
                    if len(
                        {
                            i
                            for i, side in enumerate(one["sides"])
                            for e in evidence
                            if overlaps(e, side)
                        }
                    )
                    >= 2
                ),
                None,
            )
            precision[1] += 1
            if hit is not None:
                precision[0] += 1
                matched.add(hit)
        recall[0] += len(matched)
        recall[1] += len(real)
    return precision, recall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=SPLITS, default="dev")
    parser.add_argument("--before", help="a git revision to score in the same run")
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--stories", type=int, help="the split's first N stories only")
    args = parser.parse_args()
    chosen = chosen_events(args.split, args.stories)
    found = comparisons(chosen)
    if args.dump:
        args.dump.write_text(json.dumps(found), encoding="utf-8")
        return
    gold = gold_conflicts(args.split, chosen)
    results = {"crosswire": score(found, gold)}
    if args.before:
        extra = ("--stories", str(args.stories)) if args.stories else ()
        before = comparisons_at(args.before, args.split, Path(__file__).resolve(), extra)
        results[f"before ({args.before})"] = score(before, gold)
    print(f"{args.split}: {len(chosen)} events, {sum(map(len, gold.values()))} real conflicts")
    for name, (precision, recall) in results.items():
        print(
            f"{name:24} precision {show(precision):>16}   recall {show(recall):>16}"
            f"   reported {precision[1]}"
        )


if __name__ == "__main__":
    main()
