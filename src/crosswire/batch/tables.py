"""A run's tables: partitioned JSONL files of articles, quotes, claims and errors, the story
table, and the store of each article's comparison facts that stories are compared from."""

from __future__ import annotations

import json
import os
import pickle
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from crosswire.comparison.facts import ArticleFacts


TABLES = ("articles", "quotes", "claims", "errors")


def article_row(fact: ArticleFacts, partition: int) -> dict:
    article = fact.article
    return {
        "article": fact.key,
        "partition": partition,
        "location": article.source.location,
        "url": article.source.url,
        "title": article.title,
        "authors": article.authors,
        "date": article.date,
        "outlet": fact.framing.outlet,
        "carried_by": article.carried_by,
        "paragraphs": len(article.paragraphs),
        "characters": len(article.body),
        "quotes": len(fact.quotes),
    }


def quote_rows(fact: ArticleFacts) -> list[dict]:
    return [{"article": fact.key, **quote.to_dict()} for quote in fact.quotes]


def claim_rows(fact: ArticleFacts) -> list[dict]:
    return [
        {
            "article": fact.key,
            "start": unit.evidence.start,
            "end": unit.evidence.end,
            "text": unit.evidence.text,
            "headline": unit.headline,
            "numbers": [
                {"text": n.evidence.text, "value": n.value, "counts": n.counts, "bound": n.bound}
                for n in unit.numbers
            ],
        }
        for unit in fact.units
    ]


def done_marker(out: Path, index: int) -> Path:
    return out / "partitions" / f"part-{index:05d}.done"


def table_path(out: Path, name: str, index: int) -> Path:
    return out / name / f"part-{index:05d}.jsonl"


def write_jsonl(path: Path, rows: Iterable[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with open(partial, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    os.replace(partial, path)


def write_json(path: Path, value: dict) -> None:
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(value, indent=2, default=str) + "\n", encoding="utf-8")
    os.replace(partial, path)


class FactStore:
    """Each article's comparison facts and grouping vector, by key, in SQLite beside the tables.

    Stories gather articles from anywhere in the corpus; reading their facts back by key keeps
    memory bounded however large the corpus is.
    """

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path)
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS facts (partition INTEGER, position INTEGER, key TEXT, "
            "grouping BLOB, facts BLOB, PRIMARY KEY (partition, position))"
        )

    def put(self, partition: int, facts: list, vectors: np.ndarray | None) -> None:
        rows = []
        for position, fact in enumerate(facts):
            grouping = pickle.dumps((fact.group, vectors[position]), pickle.HIGHEST_PROTOCOL)
            blob = pickle.dumps(fact, pickle.HIGHEST_PROTOCOL)
            rows.append((partition, position, fact.key, grouping, blob))
        with self.db:
            self.db.execute("DELETE FROM facts WHERE partition = ?", (partition,))
            self.db.executemany("INSERT INTO facts VALUES (?, ?, ?, ?, ?)", rows)

    def drop_from(self, partition: int) -> None:
        with self.db:
            self.db.execute("DELETE FROM facts WHERE partition >= ?", (partition,))

    def grouping(self) -> Iterator[tuple[tuple[int, int], object, np.ndarray]]:
        query = "SELECT partition, position, grouping FROM facts ORDER BY partition, position"
        for partition, position, blob in self.db.execute(query):
            item, vector = pickle.loads(blob)  # written by this run, never by a user
            yield (partition, position), item, vector

    def facts(self, locations: Sequence[tuple[int, int]]) -> list:
        query = "SELECT facts FROM facts WHERE partition = ? AND position = ?"
        return [pickle.loads(self.db.execute(query, at).fetchone()[0]) for at in locations]

    def locations(self) -> list[tuple[int, int]]:
        query = "SELECT partition, position FROM facts ORDER BY partition, position"
        return [tuple(row) for row in self.db.execute(query)]

    def close(self) -> None:
        self.db.close()


def read_table(out: Path, name: str) -> Iterator[dict]:
    """The rows of one table of a run, partition by partition."""
    paths = [out / f"{name}.jsonl"] if name == "stories" else sorted((out / name).glob("*.jsonl"))
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield json.loads(line)
