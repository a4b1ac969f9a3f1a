"""How far a reader can trust `crosswire compare`'s findings, against a hand-made gold.

The gold (bench/gold/basil.json) labels BASIL events by hand: for each event, shared facts with
the articles that carry them, quote groups across outlets (and whether their meaning differs),
and real conflicts with the words on each side. It holds article ids and character offsets into
the text bench/findings.py builds for a record (title, blank line, paragraphs), never the text.
Events of 2010-2014 are for tuning ("dev"); 2015-2019 ones are kept for reporting ("test").

Per finding type it prints, for Crosswire and for the version at ``--before`` (a git revision,
run from a temporary worktree in the same run):
- conflicts: precision (a finding whose sides fall on two sides of a gold conflict) and recall;
- "leaves out": the share of entries that are false (the article carries a gold fact the
  claim states), among the entries that fall on a gold fact;
- consensus: the share of cited outlets that carry the gold fact the item states;
- quote groups: recall of the gold groups of four words or more found across two outlets;
- "meaning differs": precision, among flags that fall on a gold quote group;
- exclusives: the most shown for one article.

    python bench/compare_quality.py --split dev [--before caa8dc5]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from findings import events

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "bench" / "gold" / "basil.json"
YEARS = {"dev": (2010, 2014), "test": (2015, 2019)}


def load_gold(split: str) -> dict[str, dict]:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["events"]
    return {uuid: event for uuid, event in gold.items() if event["split"] == split}


def comparisons(chosen: dict[str, list[dict]]) -> dict[str, dict]:
    """Each event's comparison JSON, compared by the crosswire this interpreter imports."""
    import crosswire

    found = {}
    with tempfile.TemporaryDirectory() as scratch:
        for uuid, records in chosen.items():
            path = Path(scratch) / f"{uuid}.jsonl"
            path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
            found[uuid] = crosswire.compare([path]).to_dict()
    return found


def comparisons_at(
    revision: str, split: str, script: Path | None = None, extra: tuple[str, ...] = ()
) -> dict[str, dict]:
    """The same comparisons from the code at ``revision``, in a worktree of its own, made by
    ``script`` (this one by default) run with ``--split split --dump FILE`` and ``extra``."""
    with tempfile.TemporaryDirectory() as scratch:
        tree = Path(scratch) / "tree"
        subprocess.run(
            ["git", "worktree", "add", "--detach", "-q", str(tree), revision], cwd=REPO, check=True
        )
        try:
            out = Path(scratch) / "before.json"
            env = {**os.environ, "PYTHONPATH": str(tree / "src")}
            script = script or Path(__file__).resolve()
            subprocess.run(
                [sys.executable, str(script), "--split", split, "--dump", str(out), *extra],
                env=env,
                check=True,
            )
            return json.loads(out.read_text(encoding="utf-8"))
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=REPO)


# --------------------------------------------------------------------------------- scoring


def overlaps(evidence: dict, spans: dict[str, list[list[int]]]) -> bool:
    return any(
        s < evidence["end"] and evidence["start"] < e for s, e in spans.get(evidence["article"], [])
    )


def fact_of(evidence: list[dict], facts: list[dict]) -> dict | None:
    return next((f for f in facts if any(overlaps(e, f["spans"]) for e in evidence)), None)


def score(comparison: dict, gold: dict, tally: dict[str, list[int]]) -> None:
    facts, groups = gold["facts"], gold["quote_groups"]
    _conflicts(comparison, gold["conflicts"], tally)
    claims = {c["id"]: c for c in comparison["claims"]}
    for omission in comparison["omissions"]:
        members = [m["evidence"] for m in claims[omission["claim"]]["members"]]
        fact = fact_of(members, facts)
        if fact is not None:
            tally["leaves out false"][0] += omission["article"] in fact["spans"]
            tally["leaves out false"][1] += 1
    for item in comparison["summary"]["agreed"]:
        fact = fact_of([item["evidence"]], facts)
        if fact is not None:
            tally["consensus outlets right"][0] += sum(a in fact["spans"] for a in item["articles"])
            tally["consensus outlets right"][1] += len(item["articles"])
    for group in groups:
        if len(group["spans"]) < 2:
            continue
        tally["quote groups found"][1] += 1
        tally["quote groups found"][0] += any(
            len(
                {
                    v["evidence"]["article"]
                    for v in p["variants"]
                    if overlaps(v["evidence"], group["spans"])
                }
            )
            >= 2
            for p in comparison["quotes"]
        )
    for predicted in comparison["quotes"]:
        for variant in predicted["variants"]:
            if not variant["changes_meaning"]:
                continue
            group = next((g for g in groups if overlaps(variant["evidence"], g["spans"])), None)
            if group is not None:
                tally["meaning differs right"][0] += group["meaning_differs"]
                tally["meaning differs right"][1] += 1
    shown: dict[str, int] = {}
    for item in comparison["summary"]["exclusive"]:
        for article in item["articles"]:
            shown[article] = shown.get(article, 0) + 1
    tally["most exclusives shown"][0] = max([tally["most exclusives shown"][0], *shown.values()])


def _conflicts(comparison: dict, gold: list[dict], tally: dict[str, list[int]]) -> None:
    found = set()
    for conflict in comparison["conflicts"]:
        evidence = [e for side in conflict["sides"] for e in side["evidence"]]
        hit = None
        for number, real in enumerate(gold):
            touched = {
                i for i, side in enumerate(real["sides"]) for e in evidence if overlaps(e, side)
            }
            if len(touched) >= 2:
                hit = number
        tally["conflict precision"][1] += 1
        if hit is not None:
            tally["conflict precision"][0] += 1
            found.add(hit)
    tally["conflict recall"][0] += len(found)
    tally["conflict recall"][1] += len(gold)


def summarize(found: dict[str, dict], gold: dict[str, dict]) -> dict[str, list[int]]:
    names = (
        "conflict precision",
        "conflict recall",
        "leaves out false",
        "consensus outlets right",
        "quote groups found",
        "meaning differs right",
        "most exclusives shown",
    )
    tally = {name: [0, 0] for name in names}
    for uuid, event in gold.items():
        score(found[uuid], event, tally)
    return tally


def show(tally: dict[str, list[int]]) -> str:
    if tally[1] == 0:
        return f"{tally[0]} (none judged)" if tally[0] else "- (none judged)"
    return f"{tally[0] / tally[1]:.2f} ({tally[0]}/{tally[1]})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=sorted(YEARS), default="dev")
    parser.add_argument("--before", help="a git revision to score in the same run")
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    gold = load_gold(args.split)
    first, last = YEARS[args.split]
    chosen = {r[0]["id"].rsplit("_", 1)[0]: r for r in events(first, last)}
    chosen = {uuid: chosen[uuid] for uuid in gold}
    found = comparisons(chosen)
    if args.dump:
        args.dump.write_text(json.dumps(found), encoding="utf-8")
        return
    results = {"crosswire": summarize(found, gold)}
    if args.before:
        results[f"before ({args.before})"] = summarize(
            comparisons_at(args.before, args.split), gold
        )
    print(f"BASIL {args.split}: {len(gold)} hand-labelled events")
    print(f"{'finding':26}" + "".join(f"{name:>26}" for name in results))
    for name in next(iter(results.values())):
        row = [
            show(r[name]) if name != "most exclusives shown" else str(r[name][0])
            for r in results.values()
        ]
        print(f"{name:26}" + "".join(f"{cell:>26}" for cell in row))


if __name__ == "__main__":
    main()
