"""A store or a run folder as flat tables a researcher can take away: CSV or Parquet, one file
per table.

Every row keeps stable ids (the store's article, quote and story ids, or a run's article keys;
claim and conflict ids as the comparison numbers them) and, where it rests on words, the
character offsets of those words in the article's extracted text, so a row can be traced back.
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


def export(source: Path, out: Path, form: str = "csv") -> dict[str, int]:
    """Write every table of the store (a file) or the run (a folder) at ``source`` under ``out``;
    returns the rows per table."""
    if form not in FORMATS:
        raise CrosswireError(f"unknown export format {form!r}; use csv or parquet")
    source = Path(source)
    if source.is_dir():
        if not (source / "run.json").exists():
            raise CrosswireError(f"{source}: not a run folder (no run.json); see crosswire run")
        found = run_tables(source)
    elif source.exists():
        with Store(source) as store:
            found = tables(store)
    else:
        raise CrosswireError(f"{source}: no such store; create it with crosswire ingest")
    writer = _parquet_writer() if form == "parquet" else _write_csv
    out.mkdir(parents=True, exist_ok=True)
    for name, rows in found.items():
        writer(out / f"{name}.{form}", COLUMNS[name], rows)
    if not source.is_dir():
        metadata = json.dumps(datasette_metadata(source.stem), indent=2, ensure_ascii=False)
        (out / "metadata.json").write_text(metadata + "\n", encoding="utf-8")
    return {name: len(rows) for name, rows in found.items()}


STORE_TABLES = {
    "articles": (
        "One row per stored article: its decoded input, extraction, story and event.",
        {
            "identity": "the canonical URL, or sha256:<hash> of the input",
            "content_hash": "sha256 of the decoded input; a new one makes a revision",
            "input": "the decoded input (HTML markup for pages)",
            "body": "the extracted article text, paragraphs joined",
            "extracted": "the extraction as JSON: paragraphs and dropped parts with offsets",
            "story_id": "the story the article belongs to (stories.id)",
            "event": "the event inside the story, from 0",
            "reprint_of": "the article this one reprints (articles.id)",
        },
    ),
    "revisions": ("Earlier texts of articles whose input changed.", {}),
    "quotes": (
        "Direct and partial quotes with their speaker.",
        {"start": "offset of the quote in the extracted text", "end": "its end", "cue": "the "
         "reporting verb or mark"},
    ),
    "stories": ("Stories: articles about one news story, with their outlets and dates.", {}),
    "events": ("The events inside each story.", {}),
    "claims": ("Claims of each compared story, by importance.", {}),
    "comparisons": (
        "Each compared story's comparison as JSON (docs/schema/comparison.schema.json).", {}
    ),
}  # fmt: skip


def datasette_metadata(database: str) -> dict:
    """A datasette metadata file that says what each table of a store holds."""
    return {
        "title": "Crosswire store",
        "description": "How news outlets cover the same story, claim by claim and quote by "
        "quote. Offsets index each article's extracted text.",
        "source": "Crosswire",
        "databases": {
            database: {
                "tables": {
                    table: {"description": text, "columns": columns}
                    for table, (text, columns) in STORE_TABLES.items()
                }
            }
        },
    }


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
        _add_findings(found, story_id, comparison, int)
    for article in found["articles"]:
        article["outlet"] = article["outlet"] or named.get(article["article_id"])
    found["outlets"] = _outlets(found["articles"])
    return found


def _add_findings(found: dict, story_id, comparison: dict, key) -> None:
    found["claim_cells"] += list(_claim_cells(story_id, comparison, key))
    found["conflicts"] += list(_conflicts(story_id, comparison, key))
    found["framing_cues"] += list(_framing_cues(story_id, comparison, key))


def run_tables(folder: Path) -> dict[str, list[dict]]:
    """The same tables from a run folder's JSONL tables; article ids are the run's keys."""
    placed = {row["article"]: row for row in _jsonl([folder / "stories.jsonl"])}
    articles = [
        {
            "article_id": row["article"],
            "story_id": placed.get(row["article"], {}).get("story"),
            "event": placed.get(row["article"], {}).get("event"),
            "reprint_of": placed.get(row["article"], {}).get("reprint_of"),
            "outlet": row["outlet"],
            "title": row["title"],
            "author": ", ".join(row.get("authors") or []) or None,
            "date": row["date"],
            "url": row["url"],
            "location": row["location"],
        }
        for row in _jsonl(sorted((folder / "articles").glob("part-*.jsonl")))
    ]
    quotes = [
        {"quote_id": f"{q['article']}:{q['start']}-{q['end']}", "article_id": q["article"], **q}
        for q in _jsonl(sorted((folder / "quotes").glob("part-*.jsonl")))
    ]
    for quote in quotes:
        quote["cue"] = (quote.get("cue") or {}).get("text")
    found = {"articles": articles, "quotes": quotes, "stories": _run_stories(articles)}
    found |= {"claims": [], "claim_cells": [], "conflicts": [], "framing_cues": []}
    for row in _jsonl(sorted((folder / "comparisons").glob("part-*.jsonl"))):
        comparison, story = row["comparison"], row["story"]
        found["claims"] += [
            {"story_id": story, "claim": c["id"], "text": c["text"],
             "importance": c["importance"], "article_count": len({m["evidence"]["article"]
                                                                 for m in c["members"]})}
            for c in comparison["claims"]
        ]  # fmt: skip
        _add_findings(found, story, comparison, str)
    found["outlets"] = _outlets(articles)
    return found


def _run_stories(articles: list[dict]) -> list[dict]:
    stories: dict[int, list[dict]] = {}
    for article in articles:
        stories.setdefault(article["story_id"], []).append(article)
    rows = []
    for story, members in sorted(stories.items(), key=lambda item: (item[0] is None, item[0])):
        dates = sorted(a["date"] for a in members if a["date"])
        rows.append(
            {
                "story_id": story,
                "title": members[0]["title"],
                "article_count": len(members),
                "outlet_count": len({a["outlet"] for a in members}),
                "first_date": dates[0] if dates else None,
                "last_date": dates[-1] if dates else None,
            }
        )
    return rows


def _jsonl(paths: list[Path]) -> Iterator[dict]:
    for path in paths:
        if path.exists():
            with open(path, encoding="utf-8") as handle:
                yield from (json.loads(line) for line in handle if line.strip())


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


def _evidence(evidence: dict | None, key=int) -> dict:
    if not evidence:
        return {"article_id": None, "start": None, "end": None, "text": None}
    return {
        "article_id": key(evidence["article"]),
        "start": evidence["start"],
        "end": evidence["end"],
        "text": evidence["text"],
    }


def _claim_cells(story_id: int, comparison: dict, key=int) -> Iterator[dict]:
    """One row per claim and article: reports, omits or contradicts, with the words if any."""
    members = {
        (claim["id"], m["evidence"]["article"]): m["evidence"]
        for claim in comparison["claims"]
        for m in claim["members"]
    }
    articles = comparison["matrix"]["articles"]
    for row in comparison["matrix"]["rows"]:
        for article, coverage in zip(articles, row["cells"], strict=True):
            cell = _evidence(members.get((row["claim"], article)), key)
            cell["article_id"] = key(article)
            yield {"story_id": story_id, "claim": row["claim"], "coverage": coverage, **cell}


def _conflicts(story_id: int, comparison: dict, key=int) -> Iterator[dict]:
    for conflict in comparison["conflicts"]:
        for side in conflict["sides"]:
            for evidence in side["evidence"]:
                yield {
                    "story_id": story_id,
                    "conflict": conflict["id"],
                    "kind": conflict["kind"],
                    "subject": conflict["subject"],
                    "value": side["value"],
                    **_evidence(evidence, key),
                }


def _framing_cues(story_id: int, comparison: dict, key=int) -> Iterator[dict]:
    for framing in comparison["framing"]:
        for use in framing["attribution_verbs"]:
            for evidence in use["evidence"]:
                yield {
                    "story_id": story_id,
                    "cue": "attribution verb",
                    "speaker": use["speaker"],
                    "word": use["verb"],
                    "category": use["category"],
                    **_evidence(evidence, key),
                }
        for term in framing["loaded_terms"]:
            yield {
                "story_id": story_id,
                "cue": "loaded term",
                "speaker": None,
                "word": term["evidence"]["text"],
                "category": term["category"],
                **_evidence(term["evidence"], key),
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
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
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
