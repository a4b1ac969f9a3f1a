"""The ``crosswire`` command line."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from crosswire.errors import CrosswireError, IngestError
from crosswire.ingest import (
    MAX_DOCUMENT_BYTES,
    ArticleOrError,
    count_records,
    expand_inputs,
    load_articles,
)
from crosswire.model import Article, ParagraphKind
from crosswire.pipeline import PARTITION_ARTICLES

app = typer.Typer(
    help="Crosswire: how news outlets cover the same story, claim by claim and quote by quote.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
errors = Console(stderr=True, highlight=False, soft_wrap=True)

PROGRESS_THRESHOLD = 20

Paths = Annotated[list[str], typer.Argument(help="Files, folders or globs of articles.")]
Output = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
]
MaxBytes = Annotated[int, typer.Option(help="Largest single article accepted, in bytes.")]


class ExtractFormat(StrEnum):
    JSON = "json"
    JSONL = "jsonl"
    TEXT = "text"


@app.callback()
def _root() -> None:
    """Crosswire command line."""


@app.command()
def extract(
    paths: Paths,
    output_format: Annotated[
        ExtractFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ExtractFormat.JSONL,
    output: Output = None,
    max_bytes: MaxBytes = MAX_DOCUMENT_BYTES,
) -> None:
    """Clean article inputs: body paragraphs and dropped chrome, each with character spans."""
    failures = 0
    with _open_output(output) as sink:
        articles: list[Article] = []
        for item in _with_progress(paths, max_bytes):
            if isinstance(item, IngestError):
                failures += 1
                _report(item)
                continue
            if output_format is ExtractFormat.JSON:
                articles.append(item)
            elif output_format is ExtractFormat.JSONL:
                sink.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
            else:
                sink.write(render_text(item))
        if output_format is ExtractFormat.JSON:
            json.dump([a.to_dict() for a in articles], sink, ensure_ascii=False, indent=2)
            sink.write("\n")
    _exit_if_any_failed(failures)


class QuotesFormat(StrEnum):
    JSONL = "jsonl"
    TEXT = "text"


@app.command()
def quotes(
    paths: Paths,
    output_format: Annotated[
        QuotesFormat, typer.Option("--format", "-f", help="Output format.")
    ] = QuotesFormat.JSONL,
    output: Output = None,
    max_bytes: MaxBytes = MAX_DOCUMENT_BYTES,
) -> None:
    """Direct, partial and scare quotes, with cue verbs and speakers resolved across articles."""
    _annotated, results, failures = _quoted(paths, max_bytes)
    with _open_output(output) as sink:
        for result in results:
            if output_format is QuotesFormat.JSONL:
                record = {"path": result.article.source.location}
                if result.article.source.id is not None:
                    record["id"] = result.article.source.id
                record["quotes"] = [q.to_dict() for q in result.quotes]
                record["people"] = [p.to_dict() for p in result.people]
                sink.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                sink.write(render_quotes(result))
    _exit_if_any_failed(failures)


class GroupFormat(StrEnum):
    JSON = "json"
    JSONL = "jsonl"
    TEXT = "text"


@app.command()
def group(
    paths: Paths,
    output_format: Annotated[
        GroupFormat, typer.Option("--format", "-f", help="Output format.")
    ] = GroupFormat.TEXT,
    output: Output = None,
    max_bytes: MaxBytes = MAX_DOCUMENT_BYTES,
) -> None:
    """Sort articles into stories and the events inside them, and link reprints."""
    from crosswire.group import group_item, group_items

    annotated, quoted, failures = _quoted(paths, max_bytes)
    items = [group_item(a, r.quotes) for a, r in zip(annotated, quoted, strict=True)]
    placements = group_items(items)
    with _open_output(output) as sink:
        if output_format is GroupFormat.JSONL:
            for place in placements:
                reprint_of = place.reprint.original if place.reprint else None
                row = {
                    "article": place.key,
                    "story": place.story,
                    "event": place.event,
                    "reprint_of": reprint_of,
                }
                sink.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif output_format is GroupFormat.JSON:
            json.dump(_group_tree(placements, items), sink, ensure_ascii=False, indent=2)
            sink.write("\n")
        else:
            openings = {item.key: _opening(item.text) for item in items if not item.title}
            sink.write(_render_tree(_group_tree(placements, items), openings))
    _exit_if_any_failed(failures)


class CompareFormat(StrEnum):
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"


@app.command()
def compare(
    paths: Paths,
    output_format: Annotated[
        CompareFormat, typer.Option("--format", "-f", help="Output format.")
    ] = CompareFormat.MARKDOWN,
    output: Output = None,
    max_bytes: MaxBytes = MAX_DOCUMENT_BYTES,
) -> None:
    """Compare the articles of one story: quotes, claims, conflicts, framing, cited summary."""
    from crosswire.compare import compare_annotated
    from crosswire.render import comparison_html, comparison_markdown

    annotated, results, failures = _quoted(paths, max_bytes)
    if not annotated:
        errors.print("nothing to compare: no article could be read.", style="red")
        raise typer.Exit(1)
    comparison = compare_annotated(annotated, results)
    if output_format is CompareFormat.JSON:
        text = json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2) + "\n"
    elif output_format is CompareFormat.HTML:
        text = comparison_html(comparison, [item.article for item in annotated])
    else:
        text = comparison_markdown(comparison)
    if output is None and output_format is CompareFormat.MARKDOWN and sys.stdout.isatty():
        from rich.markdown import Markdown

        Console().print(Markdown(text))
    else:
        with _open_output(output) as sink:
            sink.write(text)
    _exit_if_any_failed(failures)


Database = Annotated[Path, typer.Option("--db", help="The SQLite store.")]


AllowPrivate = Annotated[
    bool,
    typer.Option(
        "--allow-private", help="Fetch from private, loopback and link-local addresses too."
    ),
]


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, URLs, feeds, OPML.")],
    db: Database = Path("crosswire.db"),
    max_bytes: MaxBytes = MAX_DOCUMENT_BYTES,
    allow_private: AllowPrivate = False,
) -> None:
    """Add articles to the store, then regroup and compare the stories that changed.

    Running it again adds nothing twice: an article is known by its URL or the hash of its text,
    and a new text under a known URL is kept as a revision.
    """
    _ingest_once(paths, db, max_bytes, allow_private)


class Engine(StrEnum):
    LOCAL = "local"
    DASK = "dask"


@app.command()
def run(
    paths: Annotated[list[str], typer.Argument(help="A JSONL corpus, folders, files or globs.")],
    out: Annotated[Path, typer.Option("--out", help="Folder for the tables; reruns resume.")],
    engine: Annotated[Engine, typer.Option(help="Where the per-article work runs.")] = (
        Engine.LOCAL
    ),
    scheduler: Annotated[
        str | None, typer.Option(help="Address of a running Dask scheduler (tcp://host:8786).")
    ] = None,
    workers: Annotated[
        int,
        typer.Option(help="Worker processes here (or in the LocalCluster); 0: one per core."),
    ] = 0,
    partition_size: Annotated[int, typer.Option(help="Articles per partition.")] = (
        PARTITION_ARTICLES
    ),
    db: Annotated[
        Path | None, typer.Option("--db", help="Also load the results into this store.")
    ] = None,
    max_bytes: MaxBytes = MAX_DOCUMENT_BYTES,
) -> None:
    """Process a corpus end to end: extract, parse, quotes, stories, comparisons.

    Writes partitioned JSONL tables (articles, quotes, claims, errors, stories, comparisons) under
    --out. A rerun skips the partitions already done.
    """
    from crosswire.pipeline import load_into_store
    from crosswire.pipeline import run as run_pipeline

    if engine is Engine.LOCAL and scheduler:
        errors.print("--scheduler needs --engine dask.", style="red")
        raise typer.Exit(2)
    total = sum(count_records(f) for f in expand_inputs(paths))
    with _run_progress(total) as advance:
        report = run_pipeline(
            paths,
            out,
            engine=engine.value,
            scheduler=scheduler,
            workers=workers or os.cpu_count() or 1,
            partition_size=max(1, partition_size),
            max_bytes=max_bytes,
            progress=advance,
        )
    seconds = report.seconds.get("partitions (wall)", 0.0)
    rate = (
        f", {report.articles / seconds:.1f} articles/s"
        if seconds and report.partitions_done
        else ""
    )
    errors.print(
        f"{report.articles} articles in {report.stories} stories, {report.compared} compared"
        f"{rate}; {report.partitions_skipped} partition(s) already done. Tables in {out}/"
    )
    if db is not None:
        added = load_into_store(out, db)
        errors.print(f"{added} articles loaded into {db}")
    if report.errors:
        errors.print(
            f"{report.errors} input(s) could not be read; see {out}/errors/.", style="yellow"
        )
        raise typer.Exit(1)


@contextmanager
def _run_progress(total: int) -> Iterator:
    if total < PROGRESS_THRESHOLD or not errors.is_terminal:
        yield lambda count: None
        return
    columns = (
        TextColumn("articles"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
    )
    started = time.perf_counter()
    with Progress(*columns, console=errors, transient=True) as progress:
        task = progress.add_task("run", total=total, rate="")
        done = 0

        def advance(count: int) -> None:
            nonlocal done
            done += count
            rate = done / max(time.perf_counter() - started, 1e-9)
            progress.update(task, completed=done, rate=f"{rate:.1f} articles/s")

        yield advance


@app.command()
def watch(
    feeds: Annotated[list[str], typer.Argument(help="Feed, OPML or page URLs to keep reading.")],
    every: Annotated[str, typer.Option(help="How often: 90s, 15m, 2h.")] = "15m",
    db: Database = Path("crosswire.db"),
    allow_private: AllowPrivate = False,
    rounds: Annotated[int, typer.Option(help="Stop after this many rounds (0: never).")] = 0,
) -> None:
    """Keep ingesting feeds: read them, store what is new, sleep, and again."""
    import time

    seconds = parse_interval(every)
    done = 0
    while True:
        try:
            _ingest_once(feeds, db, MAX_DOCUMENT_BYTES, allow_private)
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


def _ingest_once(paths: list[str], db: Path, max_bytes: int, allow_private: bool) -> None:
    from crosswire.fetch import Fetcher
    from crosswire.store import ingest_articles, refresh

    store = _open_store(db)
    failures = 0
    fetcher = Fetcher(allow_private=allow_private)

    def articles():
        nonlocal failures
        for item in _with_progress(paths, max_bytes, fetcher):
            if isinstance(item, IngestError):
                failures += 1
                _report(item)
            else:
                yield item

    try:
        done = ingest_articles(store, articles())
        compared = refresh(store, done["revised"])
        counts = store.counts()
    finally:
        store.close()
    errors.print(
        f"{len(done['new'])} new, {len(done['revised'])} revised, {len(done['unchanged'])} "
        f"unchanged; {len(compared)} stories compared again. The store {db} holds "
        f"{counts['articles']} articles in {counts['stories']} stories."
    )
    _exit_if_any_failed(failures)


@app.command()
def serve(
    db: Database = Path("crosswire.db"),
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8421,
) -> None:
    """Browse the stored stories in a web browser, with a JSON API beside the pages."""
    import uvicorn

    from crosswire.web import create_app

    if not db.exists():
        errors.print(f"no store at {db}; create one with `crosswire ingest PATH --db {db}`.")
        raise typer.Exit(1)
    errors.print(f"Crosswire is serving {db} at http://{host}:{port}/ (Ctrl-C stops it)")
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")


def _open_store(db: Path):
    import sqlite3

    from crosswire.store import Store

    try:
        return Store(db)
    except sqlite3.Error as error:
        errors.print(f"cannot open the store {db}: {error}; check the path and permissions.")
        raise typer.Exit(2) from None


def _exit_if_any_failed(failures: int) -> None:
    if failures:
        errors.print(f"{failures} input(s) failed; the others were processed.", style="yellow")
        raise typer.Exit(1)


def _quoted(paths: list[str], max_bytes: int):
    """Read, annotate and quote every article once: what quotes and group both start from."""
    from crosswire.nlp import annotate_many
    from crosswire.quotes import quotes_across

    articles, failures = _load_all(paths, max_bytes)
    annotated = list(annotate_many(articles))
    return annotated, quotes_across(annotated), failures


def _load_all(paths: list[str], max_bytes: int) -> tuple[list[Article], int]:
    articles: list[Article] = []
    failures = 0
    for item in _with_progress(paths, max_bytes):
        if isinstance(item, IngestError):
            failures += 1
            _report(item)
        else:
            articles.append(item)
    return articles, failures


def _group_tree(placements, items) -> dict:
    stories: dict[int, dict[int, list[dict]]] = {}
    for place, item in zip(placements, items, strict=True):
        entry = {
            "article": place.key,
            "title": item.title,
            "outlet": item.outlet,
            "date": item.day.isoformat() if item.day else None,
        }
        stories.setdefault(place.story, {}).setdefault(place.event, []).append(entry)
    reprints = [
        {
            "article": p.key,
            "reprint_of": p.reprint.original,
            "kind": p.reprint.kind,
            "similarity": p.reprint.similarity,
        }
        for p in placements
        if p.reprint
    ]
    return {
        "stories": [
            {
                "story": story,
                "events": [
                    {"event": event, "articles": members}
                    for event, members in sorted(events.items())
                ],
            }
            for story, events in sorted(stories.items())
        ],
        "reprints": reprints,
    }


def _render_tree(tree: dict, openings: dict[str, str] | None = None) -> str:
    """Stories, events and articles as an indented tree; an untitled article shows its opening."""
    openings = openings or {}
    lines = []
    reprint_of = {r["article"]: r for r in tree["reprints"]}
    for story in tree["stories"]:
        count = sum(len(e["articles"]) for e in story["events"])
        lines.append(f"story {story['story']} ({count} articles)")
        for event in story["events"]:
            lines.append(f"  event {event['event']}")
            for entry in event["articles"]:
                note = ""
                if entry["article"] in reprint_of:
                    r = reprint_of[entry["article"]]
                    note = f"  [{r['kind']} of {r['reprint_of']}]"
                title = entry["title"] or f"(untitled) {openings.get(entry['article'], '')}".strip()
                source = ", ".join(filter(None, [entry["outlet"], entry["date"]]))
                where = f" ({source})" if source else ""
                lines.append(f"    {entry['article']}{where}: {title}{note}")
    return "\n".join(lines) + "\n"


def _opening(text: str, words: int = 12) -> str:
    """The first words of an article, quoted, to tell an untitled article apart in a list."""
    head = text.split()
    if not head:
        return ""
    more = "…" if len(head) > words else ""
    return f'"{" ".join(head[:words])}{more}"'


def render_quotes(result) -> str:
    """Each quote with its speaker and cue, for a person."""
    lines = [f"=== {result.article.source.location}"]
    if result.article.title:
        lines.append(result.article.title)
    for quote in result.quotes:
        speaker = quote.speaker or "(unattributed)"
        cue = f" [{quote.cue.text}]" if quote.cue else ""
        where = " (headline)" if quote.headline else ""
        lines.append(f"  {speaker}{cue} · {quote.kind.value}{where}")
        lines.append(f"    “{quote.text}”")
    if not result.quotes:
        lines.append("  (no quotes)")
    return "\n".join(lines) + "\n\n"


def _with_progress(paths: list[str], max_bytes: int, fetcher=None) -> Iterator[ArticleOrError]:
    """Articles as they are read, with a progress bar over articles (JSONL records count each)."""
    files = list(expand_inputs(paths))
    total = sum(count_records(f) for f in files)
    if total < PROGRESS_THRESHOLD or not errors.is_terminal:
        yield from _guarded(files, max_bytes, fetcher)
        return
    columns = (
        TextColumn("reading articles"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=errors, transient=True) as progress:
        task = progress.add_task("read", total=total)
        for item in _guarded(files, max_bytes, fetcher):
            yield item
            progress.advance(task)


def _guarded(files: list, max_bytes: int, fetcher=None) -> Iterator[ArticleOrError]:
    for file in files:
        if isinstance(file, IngestError):
            yield file
            continue
        try:
            yield from load_articles([file], max_bytes=max_bytes, fetcher=fetcher)
        except Exception as error:  # a bug must not sink the batch; say what to report
            yield IngestError(
                str(file),
                f"internal error ({type(error).__name__}: {error}); "
                "please report it with this file",
            )


def _report(error: CrosswireError) -> None:
    errors.print(f"error: {error}", style="red", markup=False)


@contextmanager
def _open_output(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = path.open("w", encoding="utf-8")
    except OSError as error:
        _report(CrosswireError(f"{path}: cannot write here ({error.strerror})"))
        raise typer.Exit(2) from None
    with handle:
        yield handle


def render_text(article: Article) -> str:
    """The cleaned article, for a person to read."""
    name = article.source.location
    if article.source.id:
        name += f" [{article.source.id}]"
    lines = [f"=== {name}"]
    if article.title:
        lines.append(article.title.upper())
    facts = [
        ("by", article.author),
        ("date", article.date),
        ("outlet", article.outlet),
        ("carried by", article.carried_by),
    ]
    stated = [f"{label} {value}" for label, value in facts if value]
    if stated:
        lines.append(" | ".join(stated))
    lines.append("")
    for paragraph in article.paragraphs:
        prefix = "## " if paragraph.kind is ParagraphKind.HEADING else ""
        lines.append(prefix + paragraph.text)
        lines.append("")
    reasons: dict[str, int] = {}
    for part in article.dropped:
        reasons[part.reason.value] = reasons.get(part.reason.value, 0) + 1
    if reasons:
        summary = ", ".join(f"{count} {reason}" for reason, count in sorted(reasons.items()))
        lines.append(f"[dropped: {summary}]")
    return "\n".join(lines) + "\n\n"


def main() -> None:
    try:
        app()
    except CrosswireError as error:
        _report(error)
        sys.exit(2)
    except KeyboardInterrupt:
        errors.print("interrupted", style="yellow")
        sys.exit(130)
