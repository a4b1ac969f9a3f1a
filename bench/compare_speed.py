"""Time `compare` on a 10-article story, after the models are loaded.

The story: the bundled examples (5 articles) plus 5 BASIL articles when ../shared/datasets is
there (else the examples twice over, renamed, so that 10 articles go through every stage).
Reported: the median of three runs of the whole comparison (annotation, quotes, claims,
conflicts, framing, summary), against the same articles through spaCy and MiniLM alone, which is
the floor any design that parses and embeds every sentence pays.

    python bench/compare_speed.py
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "datasets" / "basil" / "articles"
RUNS = 3


def story_paths(folder: Path) -> list[Path]:
    paths = sorted((REPO / "examples").glob("*.*"))
    paths = [p for p in paths if p.suffix in {".txt", ".html"}]
    basil = sorted(DATA.glob("*/*.json"))[:5] if DATA.is_dir() else []
    if basil:
        lines = []
        for path in basil:
            data = json.loads(path.read_text(encoding="utf-8"))
            body = "\n\n".join("".join(p) for p in data["body-paragraphs"])
            lines.append(
                json.dumps(
                    {
                        "id": path.stem,
                        "title": data["title"],
                        "outlet": data["source"],
                        "text": data["title"] + "\n\n" + body,
                    }
                )
            )
        extra = folder / "basil.jsonl"
        extra.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return [*paths, extra]
    for path in list(paths):
        copy = folder / f"copy-{path.name}"
        copy.write_bytes(path.read_bytes())
        paths.append(copy)
    return paths


def main() -> None:
    from crosswire.ingest.inputs import IngestError, load_articles
    from crosswire.nlp.embed import clear_cache, embed, load_encoder
    from crosswire.nlp.parse import load_pipeline
    from crosswire.workflow import compare_articles

    with tempfile.TemporaryDirectory() as folder:
        articles = [
            a for a in load_articles(story_paths(Path(folder))) if not isinstance(a, IngestError)
        ]
    print(f"{len(articles)} articles, {sum(len(a.body) for a in articles)} characters of body")
    nlp, _ = load_pipeline(), load_encoder()
    compare_articles(articles[:2])  # warm both models and the lexicons
    ours = []
    for _ in range(RUNS):
        clear_cache()  # each run embeds every text afresh, as a first comparison would
        started = time.perf_counter()
        comparison = compare_articles(articles)
        ours.append(time.perf_counter() - started)
    floor = []
    for _ in range(RUNS):
        clear_cache()
        started = time.perf_counter()
        docs = list(nlp.pipe([p.text for a in articles for p in a.paragraphs], batch_size=64))
        embed([s.text for d in docs for s in d.sents])
        floor.append(time.perf_counter() - started)
    print(
        f"claims {len(comparison.claims)}, quote groups {len(comparison.quotes)}, "
        f"conflicts {len(comparison.conflicts)}"
    )
    print(f"{'':<40}{'median s':>10}")
    print(f"{'crosswire compare (10 articles)':<40}{statistics.median(ours):>10.2f}")
    print(f"{'spaCy + MiniLM on every sentence':<40}{statistics.median(floor):>10.2f}")
    print("target: under 10 s on 2 cores")


if __name__ == "__main__":
    sys.exit(main())
