"""Corroboration on stories Crosswire finds itself: PolNeAR's 2016 election articles.

PolNeAR (train and dev; its test split is never read here) holds 924 articles of seven US
outlets over a year. `crosswire group` sorts them into stories as a user would, and every story
carried by two outlets or more is compared. Unlike BASIL's triplets, these stories are loose:
articles days apart, on the primary in one state and the next, a poll before a debate and one
after. That is where two sentences sharing names and topic words are easily taken for one
fact, and where a consensus item cites an outlet that does not state it.

For each consensus item ("what most outlets report") every cited outlet but the one whose
wording is shown is checked against a hand-made label of the pair of sentences (the shown one,
the outlet's own): right when the outlet's sentence states the shown fact, wrong otherwise.
The labels (bench/gold/polnear_consensus.json) hold article ids and character offsets only.
Pairs nobody has labelled are counted apart, and ``--unjudged`` prints them for labelling.

    python bench/polnear_stories.py [--before REV] [--unjudged]
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare_quality import comparisons, comparisons_at

DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "polnear" / "data"
LABELS = Path(__file__).resolve().parent / "gold" / "polnear_consensus.json"
SPLITS = ("train", "dev")


def records() -> list[dict]:
    """PolNeAR train and dev articles as JSONL records: title, outlet, date, text."""
    with (DATA / "metadata.tsv").open(encoding="utf-8") as handle:
        meta = {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}
    found = []
    for split in SPLITS:
        for path in sorted((DATA / split / "text").glob("*.txt")):
            row = meta.get(path.stem)
            if row is None:
                continue
            found.append(
                {
                    "id": path.stem,
                    "title": row["title"],
                    "outlet": row["publisher"],
                    "date": row["publication_date"],
                    "text": path.read_text(encoding="utf-8"),
                }
            )
    return found


def stories(every: list[dict]) -> dict[str, list[dict]]:
    """Stories of two outlets or more, as `crosswire group` (this interpreter's) finds them."""
    by_id = {r["id"]: r for r in every}
    with tempfile.TemporaryDirectory() as scratch:
        source, tree = Path(scratch) / "polnear.jsonl", Path(scratch) / "groups.json"
        source.write_text("".join(json.dumps(r) + "\n" for r in every), encoding="utf-8")
        command = [sys.executable, "-m", "crosswire", "group", str(source), "-f", "json"]
        subprocess.run([*command, "-o", str(tree)], check=True)
        grouped = json.loads(tree.read_text(encoding="utf-8"))["stories"]
    chosen = {}
    for story in grouped:
        ids = [a["article"] for event in story["events"] for a in event["articles"]]
        if len({by_id[i]["outlet"] for i in ids}) >= 2:
            chosen[f"story-{story['story']}"] = [by_id[i] for i in ids]
    return chosen


def cited_pairs(comparison: dict) -> list[tuple[dict, dict]]:
    """(shown sentence, cited outlet's sentence) for every outlet a consensus item cites
    beside the one whose wording it shows."""
    claims = {c["id"]: c for c in comparison["claims"]}
    pairs = []
    for item in comparison["summary"]["agreed"]:
        shown = item["evidence"]
        for member in claims[item["claim"]]["members"]:
            evidence = member["evidence"]
            if evidence["article"] != shown["article"] and member["coverage"] == "reports":
                pairs.append((shown, evidence))
    return pairs


def key(shown: dict, cited: dict) -> str:
    return f"{shown['article']}:{shown['start']}|{cited['article']}:{cited['start']}"


def score(found: dict[str, dict], labels: dict[str, bool]) -> tuple[int, list, list]:
    """(right, the wrong pairs, the unjudged pairs)."""
    right, wrong, unjudged = 0, [], []
    for comparison in found.values():
        for shown, cited in cited_pairs(comparison):
            label = labels.get(key(shown, cited))
            if label is None:
                unjudged.append((shown, cited))
            elif label:
                right += 1
            else:
                wrong.append((shown, cited))
    return right, wrong, unjudged


def line(name: str, right: int, wrong: int, unjudged: int, items: int) -> str:
    judged = right + wrong
    share = f"{right / judged:.2f} ({right}/{judged})" if judged else "-"
    return (
        f"{name:<12} consensus items {items:>3}   cited outlets right {share:<14} "
        f"unjudged {unjudged}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="a git revision to score in the same run")
    parser.add_argument("--unjudged", action="store_true", help="print pairs with no label")
    parser.add_argument("--wrong", action="store_true", help="print pairs labelled wrong")
    parser.add_argument("--split", default="train+dev", help=argparse.SUPPRESS)
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"PolNeAR not found at {DATA}")
    chosen = stories(records())
    found = comparisons(chosen)
    if args.dump:
        args.dump.write_text(json.dumps(found), encoding="utf-8")
        return
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["pairs"] if LABELS.exists() else {}
    print(f"PolNeAR train+dev: {len(chosen)} stories of two outlets or more")
    versions = [("crosswire", found)]
    if args.before:
        versions.append((args.before, comparisons_at(args.before, "train+dev", Path(__file__))))
    for name, result in versions:
        right, wrong, unjudged = score(result, labels)
        items = sum(len(c["summary"]["agreed"]) for c in result.values())
        print(line(name, right, len(wrong), len(unjudged), items))
        shown_pairs = (unjudged if args.unjudged else []) + (wrong if args.wrong else [])
        for shown, cited in shown_pairs:
            print(f"  {key(shown, cited)}")
            print(f"    SHOWN {shown['text']!r}\n    CITED {cited['text']!r}")


if __name__ == "__main__":
    main()
