"""Every finding of `crosswire compare` on BASIL events, as text to read and label by hand.

Each BASIL event is one story told by three outlets (Fox News, New York Times, HuffPost). For
each event this prints the findings a reader is asked to trust (conflicts, "leaves out" entries,
quote groups whose meaning differs, consensus items, exclusives per article) with the words they
rest on, so that a person can mark each one right or wrong. It is the first step towards the gold
of issue 17 (bench/gold/, ids and offsets only). Tune on 2010-2014; keep 2015-2019 for reporting.

    python bench/findings.py --years 2010-2014 --events 5 [--offset 0]
    python bench/findings.py --neus dev --events 50 [--only conflicts,meaning]

``--neus`` reads NeuS's crawled AllSides stories instead (2021; three outlets of the left,
centre and right, each the first paragraphs of its article): a second set of real stories, from
other outlets and another year. The older half (published before 2021-07-16) is for tuning
("dev"), the newer half is kept for reporting ("test"). The texts stop after a few paragraphs,
so their "leaves out" entries say little; their conflicts and quote groups are the point.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "basil" / "articles"
NEUS = (
    Path(__file__).resolve().parents[2]
    / "shared/datasets/neus/data/raw_crawled/headline_11_2021-10-19_crawled_all.jsonl"
)
NEUS_SPLIT_DATE = "2021-07-16"
PROBE = NEUS.parents[1] / "naacl2022_lrc_roundup_random_order_probe"


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


def neus_events(split: str) -> list[list[dict]]:
    """NeuS crawled stories with all three outlets, oldest first, as JSONL records."""
    stories = [json.loads(line) for line in NEUS.read_text(encoding="utf-8").splitlines()]
    stories.sort(key=lambda story: (story["date"], story["id"]))
    chosen = []
    for story in stories:
        if len(story["news"]) < 3 or (story["date"][:10] < NEUS_SPLIT_DATE) != (split == "dev"):
            continue
        chosen.append(
            [
                {
                    "id": f"neus{story['id']}_{side}",
                    "title": item["newsTitle"],
                    "outlet": item["newsSource"].split(" (")[0],
                    "date": story["date"][:10],
                    "text": item["newsTitle"] + "\n\n" + "\n\n".join(item["newBody"]),
                }
                for side, item in sorted(story["news"].items())
            ]
        )
    return chosen


def probe_events(split: str) -> list[list[dict]]:
    """NeuS's probe stories (title and lead of three outlets, in random order, no outlet
    names; "dev" reads the val split, "test" the test split, "train" the train split), as JSONL
    records. Stories that share a title with the crawled stories, read while tuning, are left
    out."""
    crawled = {
        _plain(item["newsTitle"])
        for line in NEUS.read_text(encoding="utf-8").splitlines()
        for item in json.loads(line)["news"].values()
    }
    name = {"dev": "val", "test": "test", "train": "train"}[split]
    chosen = []
    for story, line in enumerate((PROBE / f"{name}.source").read_text("utf-8").splitlines()):
        pieces = [piece.partition("ARTICLE=>") for piece in line.split("[SEP]")]
        titles = [title.replace("TITLE=>", "").strip() for title, _, _ in pieces]
        if any(_plain(title) in crawled for title in titles):
            continue
        chosen.append(
            [
                {
                    "id": f"probe-{name}-{story}_{side}",
                    "title": title,
                    "outlet": f"Outlet {'ABC'[side]}",
                    "date": "",
                    "text": f"{title}\n\n{lead.strip()}",
                }
                for side, (title, (_, _, lead)) in enumerate(zip(titles, pieces, strict=True))
            ]
        )
    return chosen


def _plain(title: str) -> str:
    return title.lower().strip(" .")


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
    parser.add_argument("--neus", choices=["dev", "test"], help="NeuS stories instead of BASIL")
    parser.add_argument("--only", default="", help="finding kinds to print, e.g. conflict,meaning")
    args = parser.parse_args()
    first, last = (int(y) for y in args.years.split("-"))
    every = neus_events(args.neus) if args.neus else events(first, last)
    chosen = every[args.offset : args.offset + args.events]
    kinds = tuple(kind.strip().upper() for kind in args.only.split(",") if kind.strip())
    with tempfile.TemporaryDirectory() as scratch:
        for records in chosen:
            first = records[0]
            print(f"=== {first['id'].rsplit('_', 1)[0]} {first['date']}: {first['title']}")
            for line in report(compare_event(records, Path(scratch))):
                if not kinds or line.startswith(kinds):
                    print("  " + line, flush=True)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
