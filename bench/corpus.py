"""The throughput corpus: BASIL bodies, PolNeAR texts and NeuS title+lead items, as one JSONL file.

Each line is a Crosswire JSONL record (id, title, text, outlet, date). The mix is what
../shared/datasets holds: 300 long BASIL articles, 1,008 PolNeAR articles and 9,198 short NeuS
leads (all splits; nothing is tuned on this corpus, it only measures speed). ``--size`` cuts it or
replicates it (replicas get new ids and a marker sentence, so they are near-duplicates, not
identical lines), and the order is shuffled with a fixed seed so every slice has the same mix.

    python bench/corpus.py OUT.jsonl [--size N]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from collections.abc import Iterator
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets"


def basil() -> Iterator[dict]:
    for path in sorted((DATA / "basil" / "articles").glob("*/*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = [" ".join(p) for p in record.get("body-paragraphs", [])]
        yield {
            "id": f"basil/{path.stem}",
            "title": record.get("title", ""),
            "text": "\n\n".join(paragraphs),
            "outlet": record.get("source", ""),
            "date": record.get("date", ""),
        }


def polnear() -> Iterator[dict]:
    root = DATA / "polnear" / "data"
    metadata = {}
    with open(root / "metadata.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            metadata[row["filename"]] = row
    for path in sorted(root.glob("*/text/*.txt")):
        row = metadata.get(path.stem, {})
        yield {
            "id": f"polnear/{path.parent.parent.name}/{path.stem}",
            "title": row.get("title", ""),
            "text": path.read_text(encoding="utf-8"),
            "outlet": row.get("publisher", ""),
            "date": row.get("publication_date", ""),
        }


def neus() -> Iterator[dict]:
    folder = DATA / "neus" / "data" / "naacl2022_lrc_roundup_random_order_probe"
    for split in ("train", "val", "test"):
        lines = (folder / f"{split}.source").read_text(encoding="utf-8").splitlines()
        for story, line in enumerate(lines):
            for side, piece in enumerate(line.split("[SEP]")):
                title, _, lead = piece.partition("ARTICLE=>")
                title = title.replace("TITLE=>", "").strip()
                yield {
                    "id": f"neus/{split}/{story}/{side}",
                    "title": title,
                    "text": f"{title}\n\n{lead.strip()}",
                    "outlet": f"neus-{side}",
                    "date": "",
                }


def records(size: int | None = None, seed: int = 0) -> list[dict]:
    """The corpus, shuffled; cut to ``size`` or replicated up to it."""
    base = [r for r in (*basil(), *polnear(), *neus()) if r["text"].strip()]
    random.Random(seed).shuffle(base)
    if size is None or size <= len(base):
        return base[:size]
    out = list(base)
    copy = 1
    while len(out) < size:
        for record in base[: size - len(out)]:
            text = f"{record['text']}\n\n(Replica {copy} of this article.)"
            out.append({**record, "id": f"{record['id']}#r{copy}", "text": text})
        copy += 1
    return out


def full_articles(size: int, seed: int = 0) -> list[dict]:
    """Only the whole articles (BASIL and PolNeAR, no NeuS leads), shuffled, cut to ``size``."""
    return [r for r in records(seed=seed) if not r["id"].startswith("neus/")][:size]


def available() -> bool:
    return all((DATA / name).is_dir() for name in ("basil", "polnear", "neus"))


def write(path: Path, size: int | None = None) -> int:
    return write_records(path, records(size))


def write_records(path: Path, rows: list[dict]) -> int:
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", type=int, default=None)
    args = parser.parse_args()
    print(f"{write(args.out, args.size)} articles -> {args.out}")


if __name__ == "__main__":
    main()
