"""The store as flat tables a researcher can take away: CSV or Parquet, one file per table.

Every row keeps stable ids (the store's article, quote and story ids; claim and conflict ids
as the comparison numbers them) and, where it rests on words, the character offsets of those
words in the article's extracted text, so a table row can always be traced back.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

from crosswire.errors import CrosswireError
from crosswire.store import Store

FORMATS = ("csv", "parquet")

COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": (
        "article_id", "story_id", "event", "reprint_of", "revision", "outlet", "title", "author",
        "date", "url", "location", "record_id", "ingested_at",
    ),
    "quotes": ("quote_id", "article_id", "start", "end", "text", "kind", "speaker", "cue"),
    "stories": (
        "story_id", "title", "article_count", "outlet_count", "first_date", "last_date",
    ),
    "claims": ("story_id", "claim", "text", "importance", "article_count"),
    "claim_cells": ("story_id", "claim", "article_id", "coverage", "start", "end", "text"),
    "conflicts": (
        "story_id", "conflict", "kind", "subject", "value", "article_id", "start", "end", "text",
    ),
    "framing_cues": (
        "story_id", "article_id", "cue", "speaker", "word", "category", "start", "end", "text",
    ),
    "outlets": ("outlet", "articles", "stories"),
}  # fmt: skip


def export(db: Path, out: Path, form: str = "csv") -> dict[str, int]:
    """Write every table of the store at ``db`` under ``out``; returns the rows per table."""
    if form not in FORMATS:
        raise CrosswireError(f"unknown export format {form!r}; use csv or parquet")
    if not Path(db).exists():
        raise CrosswireError(f"{db}: no such store; create it with crosswire ingest")
    writer = _parquet_writer() if form == "parquet" else _write_csv
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    with Store(db) as store:
        for name, rows in tables(store).items():
            writer(out / f"{name}.{form}", COLUMNS[name], rows)
            counts[name] = len(rows)
    return counts


def tables(store: Store) -> dict[str, list[dict]]:
    """Each table's rows, from the store's own tables and its stored comparisons."""
    found = {
        "articles": _articles(store),
        "quotes": _rows(store, "SELECT id AS quote_id, article_id, start, end, text, kind, "
                        "speaker, cue FROM quotes ORDER BY id"),
        "stories": _rows(store, "SELECT id AS story_id, title, article_count, outlet_count, "
                         "first_date, last_date FROM stories ORDER BY id"),
        "claims": _rows(store, "SELECT story_id, claim, text, importance, article_count "
                        "FROM claims ORDER BY story_id, id"),
        "claim_cells": [],
        "conflicts": [],
        "framing_cues": [],
    }  # fmt: skip
    named: dict[int, str] = {}  # outlets found in the text, which the articles table lacks
    for story_id, comparison in _comparisons(store):
        named.update({int(a["key"]): a["outlet"] for a in comparison["articles"]})
        found["claim_cells"] += list(_claim_cells(story_id, comparison))
        found["conflicts"] += list(_conflicts(story_id, comparison))
        found["framing_cues"] += list(_framing_cues(story_id, comparison))
    for article in found["articles"]:
        article["outlet"] = article["outlet"] or named.get(article["article_id"])
    found["outlets"] = _outlets(found["articles"])
    return found


def _rows(store: Store, query: str) -> list[dict]:
    return [dict(row) for row in store.db.execute(query)]


def _articles(store: Store) -> list[dict]:
    return _rows(
        store,
        "SELECT id AS article_id, story_id, event, reprint_of, revision, outlet, title, author, "
        "date, url, location, record_id, ingested_at FROM articles ORDER BY id",
    )


def _comparisons(store: Store) -> Iterator[tuple[int, dict]]:
    query = "SELECT story_id, comparison FROM comparisons ORDER BY story_id"
    for story_id, text in store.db.execute(query):
        yield story_id, json.loads(text)


def _evidence(evidence: dict | None) -> dict:
    if not evidence:
        return {"article_id": None, "start": None, "end": None, "text": None}
    return {
        "article_id": int(evidence["article"]),
        "start": evidence["start"],
        "end": evidence["end"],
        "text": evidence["text"],
    }


def _claim_cells(story_id: int, comparison: dict) -> Iterator[dict]:
    """One row per claim and article: reports, omits or contradicts, with the words if any."""
    members = {
        (claim["id"], m["evidence"]["article"]): m["evidence"]
        for claim in comparison["claims"]
        for m in claim["members"]
    }
    articles = comparison["matrix"]["articles"]
    for row in comparison["matrix"]["rows"]:
        for key, coverage in zip(articles, row["cells"], strict=True):
            cell = _evidence(members.get((row["claim"], key)))
            cell["article_id"] = int(key)
            yield {"story_id": story_id, "claim": row["claim"], "coverage": coverage, **cell}


def _conflicts(story_id: int, comparison: dict) -> Iterator[dict]:
    for conflict in comparison["conflicts"]:
        for side in conflict["sides"]:
            for evidence in side["evidence"]:
                yield {
                    "story_id": story_id,
                    "conflict": conflict["id"],
                    "kind": conflict["kind"],
                    "subject": conflict["subject"],
                    "value": side["value"],
                    **_evidence(evidence),
                }


def _framing_cues(story_id: int, comparison: dict) -> Iterator[dict]:
    for framing in comparison["framing"]:
        for use in framing["attribution_verbs"]:
            for evidence in use["evidence"]:
                yield {
                    "story_id": story_id,
                    "cue": "attribution verb",
                    "speaker": use["speaker"],
                    "word": use["verb"],
                    "category": use["category"],
                    **_evidence(evidence),
                }
        for term in framing["loaded_terms"]:
            yield {
                "story_id": story_id,
                "cue": "loaded term",
                "speaker": None,
                "word": term["evidence"]["text"],
                "category": term["category"],
                **_evidence(term["evidence"]),
            }


def _outlets(articles: list[dict]) -> list[dict]:
    seen: dict[str, tuple[int, set]] = {}
    for article in articles:
        name = article["outlet"] or "(unknown)"
        count, stories = seen.get(name, (0, set()))
        stories.add(article["story_id"])
        seen[name] = (count + 1, stories)
    return [
        {"outlet": name, "articles": count, "stories": len(stories - {None})}
        for name, (count, stories) in sorted(seen.items())
    ]


def _write_csv(path: Path, columns: tuple[str, ...], rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def _parquet_writer():
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise CrosswireError(
            "Parquet needs pyarrow (pip install pyarrow); --format csv needs nothing"
        ) from None

    def write(path: Path, columns: tuple[str, ...], rows: list[dict]) -> None:
        table = pa.Table.from_pylist(
            [{c: row.get(c) for c in columns} for row in rows],
            schema=None if rows else pa.schema([(c, pa.string()) for c in columns]),
        )
        pq.write_table(table, path)

    return write
