from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest

from crosswire.model import Article

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SHARED = Path(os.environ.get("CROSSWIRE_SHARED", REPO.parent / "shared"))
SEEDS = SHARED / "seeds"
DATASETS = SHARED / "datasets"


HOSTILE = (
    "Warehouse fire at Port Kaltberg: <script>alert('x')</script> questions remain\n\n"
    "A fire at a fertiliser warehouse at Port Kaltberg on Tuesday killed three dock workers, "
    'officials said. <img src=x onerror="alert(1)"> Harbour Minister Elena Varga visited.\n\n'
    '"We will not rest until every family has answers," Varga told reporters at the port.\n'
)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}")
    return SEEDS


# The examples and the seeds are parsed and compared once per session, not once per test file:
# the tests only read these results.


def _understood(path: Path):
    from crosswire.ingest.inputs import load_articles
    from crosswire.workflow import understand

    return understand([a for a in load_articles([path]) if isinstance(a, Article)])


@pytest.fixture(scope="session")
def examples_understood():
    return _understood(EXAMPLES)


@pytest.fixture(scope="session")
def examples_comparison(examples_understood):
    from crosswire.workflow import compare_understood

    return compare_understood(examples_understood)


@pytest.fixture(scope="session")
def seeds_understood(seeds_dir):
    return _understood(seeds_dir)


@pytest.fixture(scope="session")
def seeds_comparison(seeds_understood):
    from crosswire.workflow import compare_understood

    return compare_understood(seeds_understood)


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory) -> Path:
    """A store of the examples and an article written to attack the pages that show it."""
    from crosswire.ingest.inputs import load_articles
    from crosswire.store import Store, ingest_articles, refresh

    folder = tmp_path_factory.mktemp("store")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    db = folder / "cw.db"
    with Store(db) as store:
        ingest_articles(store, list(load_articles([EXAMPLES, folder / "hostile.txt"])))
        refresh(store)
    return db


def assert_spans_hold(article: Article) -> None:
    """Every span points at exactly its text, and no two parts claim the same characters."""
    text = article.source.text
    parts = [(p.start, p.end, p.text) for p in article.paragraphs]
    parts += [(d.start, d.end, d.text) for d in article.dropped]
    for start, end, part_text in parts:
        assert text[start:end] == part_text
    ordered = sorted(parts)
    for (_, first_end, _), (second_start, _, _) in itertools.pairwise(ordered):
        assert first_end <= second_start
    if article.title_span is not None:
        assert text[article.title_span.start : article.title_span.end] == article.title


def basil_events(count: int) -> list[list[dict]]:
    """The first ``count`` BASIL events (three outlets each), as JSONL records, oldest first."""
    import json

    root = DATASETS / "basil" / "articles"
    if not root.is_dir():
        pytest.skip(f"BASIL not found at {root}")
    events: dict[str, list[dict]] = {}
    for path in sorted(root.glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = ["".join(p) if isinstance(p, list) else p for p in data["body-paragraphs"]]
        events.setdefault(data["triplet-uuid"], []).append(
            {
                "id": path.stem,
                "title": data["title"],
                "outlet": data["source"],
                "date": data["date"],
                "text": data["title"] + "\n\n" + "\n\n".join(paragraphs),
            }
        )
    return [records for records in events.values() if len(records) == 3][:count]


def printed_under_hash_seeds(code: str, seeds: int = 4) -> set[str]:
    """What a snippet prints in fresh processes with different string hashing: one answer
    means nothing it does follows the iteration order of a set of strings."""
    return {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": str(seed), "PATH": ""},
        ).stdout.strip()
        for seed in range(seeds)
    }
