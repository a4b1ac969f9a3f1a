"""`crosswire ingest`, `watch` and `serve`: the store, fed from files, URLs and feeds, and
browsed in a web browser."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from crosswire.cli.common import (
    DEFAULT_MAX_BYTES,
    AllowPrivate,
    Database,
    GroupBy,
    MaxBytes,
    Outlets,
    errors,
    exit_if_any_failed,
    load_registry,
    plural,
    read_with_progress,
    report,
)
from crosswire.errors import IngestError


def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, URLs, feeds, OPML.")],
    db: Database = Path("crosswire.db"),
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    allow_private: AllowPrivate = False,
    outlets: Outlets = None,
) -> None:
    """Add articles to the store, then regroup and compare the stories that changed.

    Running it again adds nothing twice: an article is known by its URL or the hash of its text,
    and a new text under a known URL is kept as a revision.
    """
    _ingest_once(paths, db, max_bytes, allow_private, load_registry(outlets))


def watch(
    feeds: Annotated[list[str], typer.Argument(help="Feed, OPML or page URLs to keep reading.")],
    every: Annotated[str, typer.Option(help="How often: 90s, 15m, 2h.")] = "15m",
    db: Database = Path("crosswire.db"),
    allow_private: AllowPrivate = False,
    rounds: Annotated[int, typer.Option(help="Stop after this many rounds (0: never).")] = 0,
) -> None:
    """Keep ingesting feeds: read them, store what is new, sleep, and again."""
    seconds = parse_interval(every)
    done = 0
    while True:
        try:
            _ingest_once(feeds, db, DEFAULT_MAX_BYTES, allow_private)
        except typer.Exit as stop:
            if stop.exit_code == 2:
                raise  # the store cannot be opened: no later round will do better
        done += 1
        if rounds and done >= rounds:
            return
        errors.print(f"next round in {every}; Ctrl-C stops.")
        time.sleep(seconds)


def parse_interval(text: str) -> float:
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    text = text.strip().lower()
    try:
        value = float(text[:-1]) * units[text[-1]] if text[-1] in units else float(text)
    except (ValueError, IndexError):
        raise typer.BadParameter(f"{text!r} is not an interval like 90s, 15m or 2h") from None
    if value <= 0:
        raise typer.BadParameter("the interval must be positive")
    return value


def _ingest_once(
    paths: list[str], db: Path, max_bytes: int, allow_private: bool, registry=None
) -> None:
    from crosswire.ingest.fetch import Fetcher
    from crosswire.store import ingest_articles, refresh
    from crosswire.workflow import readable_by_models

    store = _open_store(db)
    failures = 0
    fetcher = Fetcher(allow_private=allow_private)

    def articles():
        nonlocal failures
        # The store keeps and groups every language; only comparisons need a parser.
        for item in readable_by_models(read_with_progress(paths, max_bytes, fetcher), None):
            if isinstance(item, IngestError):
                failures += 1
                report(item)
            else:
                if registry is not None:
                    registry.apply(item)
                yield item

    try:
        done = ingest_articles(store, articles())
        compared = refresh(store, done["revised"])
        counts = store.counts()
    finally:
        store.close()
    errors.print(
        f"{len(done['new'])} new, {len(done['revised'])} revised, {len(done['unchanged'])} "
        f"unchanged; {plural(len(compared), 'story', 'stories')} compared again. The store {db} "
        f"holds {plural(counts['articles'], 'article')} in {plural(counts['stories'], 'story')}."
    )
    exit_if_any_failed(failures, sum(len(v) for v in done.values()))


def serve(
    db: Database = Path("crosswire.db"),
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8421,
    outlets: Outlets = None,
    group_by: GroupBy = None,
) -> None:
    """Browse the stored stories in a web browser, with a JSON API beside the pages."""
    import uvicorn

    from crosswire.web import create_app

    if not db.exists():
        errors.print(f"no store at {db}; create one with `crosswire ingest PATH --db {db}`.")
        raise typer.Exit(1)
    errors.print(f"Crosswire is serving {db} at http://{host}:{port}/ (Ctrl-C stops it)")
    app = create_app(db, load_registry(outlets, group_by))
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _open_store(db: Path):
    import sqlite3

    from crosswire.store import Store

    try:
        return Store(db)
    except sqlite3.Error as error:
        errors.print(f"cannot open the store {db}: {error}; check the path and permissions.")
        raise typer.Exit(2) from None
