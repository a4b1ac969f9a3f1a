"""What every command shares: the console for messages, the options, progress bars, output."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from crosswire.errors import CrosswireError, IngestError
from crosswire.settings import MAX_DOCUMENT_BYTES

errors = Console(stderr=True, highlight=False, soft_wrap=True)

PROGRESS_THRESHOLD = 20

Paths = Annotated[list[str], typer.Argument(help="Files, folders or globs of articles.")]
Output = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
]
MaxBytes = Annotated[int, typer.Option(help="Largest single article accepted, in bytes.")]
Database = Annotated[Path, typer.Option("--db", help="The SQLite store.")]
AllowPrivate = Annotated[
    bool,
    typer.Option(
        "--allow-private", help="Fetch from private, loopback and link-local addresses too."
    ),
]
DEFAULT_MAX_BYTES = MAX_DOCUMENT_BYTES
Outlets = Annotated[
    Path | None,
    typer.Option(
        "--outlets",
        help="A CSV of outlets: name, domains, aliases and any columns of your own "
        "(see docs/outlets.md).",
    ),
]
GroupBy = Annotated[
    str | None,
    typer.Option("--group-by", help="The --outlets column to compare coverage across."),
]


_SUFFIX_FORMATS = {"md": "markdown", "txt": "text", "htm": "html", "ndjson": "jsonl"}


def pick_format(given, output: Path | None, kind, default):
    """The --format given, else the one the -o file's suffix names (report.html, x.json), else
    the command's default: "-o out.json" should never hold Markdown."""
    if given is not None:
        return given
    if output is not None:
        suffix = output.suffix.lower().lstrip(".")
        value = _SUFFIX_FORMATS.get(suffix, suffix)
        if value in {member.value for member in kind}:
            return kind(value)
    return default


def load_registry(path: Path | None, group_by: str | None = None):
    if path is None:
        return None
    from crosswire.ingest.outlets import OutletRegistry

    return OutletRegistry.load(path, group_by)


def report(error: CrosswireError) -> None:
    errors.print(f"error: {error}", style="red", markup=False)


def plural(count: int, word: str, many: str | None = None) -> str:
    """ "1 story", "2 stories": counts read as English in every message."""
    if count == 1:
        return f"{count} {word}"
    return f"{count} {many or (word[:-1] + 'ies' if word.endswith('y') else word + 's')}"


def exit_if_any_failed(failures: int, processed: int) -> None:
    if not failures:
        return
    if processed:
        others = "1 other was" if processed == 1 else f"{processed} others were"
        errors.print(f"{plural(failures, 'input')} failed; {others} processed.", style="yellow")
    else:
        errors.print(f"nothing was processed: {plural(failures, 'input')} failed.", style="red")
    raise typer.Exit(1)


def read_with_progress(paths: list[str], max_bytes: int, fetcher=None) -> Iterator:
    """Articles as they are read, with a progress bar over articles (JSONL records count each)."""
    from crosswire.ingest.inputs import count_records, expand_inputs
    from crosswire.workflow import read

    files = list(expand_inputs(paths))
    total = sum(count_records(f) for f in files)
    if total < PROGRESS_THRESHOLD or not errors.is_terminal:
        yield from read(files, max_bytes, fetcher)
        return
    columns = (
        TextColumn("reading articles"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=errors, transient=True) as progress:
        task = progress.add_task("read", total=total)
        for item in read(files, max_bytes, fetcher):
            yield item
            progress.advance(task)


def read_all(paths: list[str], max_bytes: int, every_language: bool = False) -> tuple[list, int]:
    """Every article the models can read (or, ``every_language``, every article), each failure
    reported as one line, and their count."""
    from crosswire.workflow import MODEL_LANGUAGES, readable_by_models

    articles = []
    failures = 0
    languages = None if every_language else MODEL_LANGUAGES
    for item in readable_by_models(read_with_progress(paths, max_bytes), languages):
        if isinstance(item, IngestError):
            failures += 1
            report(item)
        else:
            articles.append(item)
    return articles, failures


def understood(paths: list[str], max_bytes: int, registry=None, every_language: bool = False):
    """Read, annotate and quote every article once: what quotes, group and compare start from.
    A registry of outlets (``--outlets``) names each article's outlet first."""
    from crosswire.workflow import understand

    articles, failures = read_all(paths, max_bytes, every_language)
    for article in articles if registry is not None else ():
        registry.apply(article)
    size = sum(len(a.body) for a in articles)
    with stage("parsing articles", len(articles), size) as advance:
        return understand(articles, progress=advance), failures


# Above this much text a stage shows its progress even for a handful of articles: a 20 MB
# article alone parses for minutes.
PROGRESS_CHARACTERS = 1_000_000


@contextmanager
def stage(label: str, total: int, characters: int = 0, steps: bool = True) -> Iterator:
    """A bar with a spinner and the time spent, for work long enough to wonder about; without
    ``steps``, a pulsing bar for work that cannot count its progress."""
    long = total >= PROGRESS_THRESHOLD or characters >= PROGRESS_CHARACTERS
    if not long or not errors.is_terminal:
        yield lambda count: None
        return
    columns = (
        SpinnerColumn(),
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=errors, transient=True) as progress:
        task = progress.add_task(label, total=total if steps else None)
        yield lambda count: progress.advance(task, count)


@contextmanager
def open_output(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    if not path.parent.exists() and path.parent.parent.is_dir():
        path.parent.mkdir()  # "-o out/x.json" makes "out"; a deeper missing path is a typo
    if not path.parent.is_dir():
        missing = "is not a folder" if path.parent.exists() else "does not exist; create it first"
        report(CrosswireError(f"{path}: cannot write here ({path.parent} {missing})"))
        raise typer.Exit(2)
    try:
        handle = path.open("w", encoding="utf-8")
    except OSError as error:
        report(CrosswireError(f"{path}: cannot write here ({error.strerror})"))
        raise typer.Exit(2) from None
    with handle:
        yield handle


@contextmanager
def run_progress(total: int) -> Iterator:
    """A bar over the articles of a batch run, with their rate; nothing for small runs."""
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
