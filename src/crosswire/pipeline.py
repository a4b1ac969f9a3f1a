"""Batch runs over large corpora: ``crosswire run``.

The input streams through in partitions of a few hundred articles. Each partition is extracted,
parsed, its quotes found and its per-article comparison facts computed in one task, on this
machine or on Dask workers; nothing else of the corpus is in memory meanwhile. The results land
in partitioned JSONL tables under the output folder, and a partition whose tables are complete is
skipped by a rerun. Grouping then runs over every partition's small grouping records, and each
story that several outlets cover is compared from its articles' facts.

Where ``crosswire compare`` spends MiniLM on every sentence, a run embeds claim sentences with a
static model distilled from MiniLM (hundreds of times faster), keeps MiniLM for titles and leads,
which decide the stories, and tells events apart by those same title-and-lead vectors.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import numpy as np

from crosswire.errors import CrosswireError, IngestError
from crosswire.model import SourceDocument

PARTITION_ARTICLES = 250
# A worker process is replaced after this many tasks: what parsing leaves behind (spaCy's string
# store, the embedding cache, a fragmented heap) then cannot grow with the corpus. A replacement
# is forked with the models already loaded (see _worker_context), so it costs little.
TASKS_PER_WORKER = 10
STORIES_PER_FILE = 500
STORIES_PER_TASK = 200
FORMAT_VERSION = 1


@dataclass(slots=True)
class Partition:
    index: int
    sources: list[SourceDocument | IngestError]


@dataclass(slots=True)
class PartitionResult:
    """What one partition gives: table rows, facts for comparing, and grouping records."""

    index: int
    articles: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    facts: list = field(default_factory=list)  # crosswire.compare.ArticleFacts
    vectors: np.ndarray | None = None  # MiniLM title-and-lead vectors, a row per fact
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass(slots=True)
class RunReport:
    out: Path
    articles: int = 0
    errors: int = 0
    partitions_done: int = 0
    partitions_skipped: int = 0
    stories: int = 0
    compared: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


# ------------------------------------------------------------------------ per partition


def process_partition(partition: Partition) -> PartitionResult:
    """Extract, parse, find quotes and compute comparison facts for one partition.

    Runs wherever the engine puts it; the models load once per process and stay loaded.
    """
    from crosswire.compare import article_facts, unique_keys
    from crosswire.embed import embed_leads, embed_static
    from crosswire.ingest import safe_extract
    from crosswire.nlp import annotate_many
    from crosswire.quotes import quotes_across

    result = PartitionResult(partition.index)
    clock = functools.partial(_timed, result.seconds)
    with clock("extract"):
        extracted = [
            source if isinstance(source, IngestError) else safe_extract(source)
            for source in partition.sources
        ]
    articles = []
    for item in extracted:
        if isinstance(item, IngestError):
            result.errors.append({"input": item.location, "error": item.message})
        else:
            articles.append(item)
    with clock("parse"):
        annotated = list(annotate_many(articles))
    with clock("quotes"):
        quoted = quotes_across(annotated)
    keys = unique_keys(articles)
    with clock("facts"):
        result.facts = [
            article_facts(item, quotes, key, sentence_vectors=embed_static)
            for item, quotes, key in zip(annotated, quoted, keys, strict=True)
        ]
    with clock("embed"):
        result.vectors = embed_leads([fact.group.text for fact in result.facts])
    for fact in result.facts:
        result.articles.append(_article_row(fact, partition.index))
        result.quotes.extend(_quote_rows(fact))
        result.claims.extend(_claim_rows(fact))
    return result


@contextmanager
def _timed(seconds: dict[str, float], stage: str) -> Iterator[None]:
    started = time.perf_counter()
    yield
    seconds[stage] = seconds.get(stage, 0.0) + time.perf_counter() - started


def _article_row(fact, partition: int) -> dict:
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


def _quote_rows(fact) -> list[dict]:
    return [{"article": fact.key, **quote.to_dict()} for quote in fact.quotes]


def _claim_rows(fact) -> list[dict]:
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


# ------------------------------------------------------------------------------ engines


class LocalEngine:
    """Tasks on this machine: in this process, or in a pool of worker processes.

    Each worker process loads the models once and runs them on one thread, so that two workers
    on two cores do not fight over them. At most two tasks per worker are in flight, and results
    come back in input order.
    """

    def __init__(self, workers: int = 1) -> None:
        self.pool = None
        if workers > 1:
            from concurrent.futures import ProcessPoolExecutor

            self.pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=_worker_context(),
                max_tasks_per_child=TASKS_PER_WORKER,
                initializer=exit_with_parent,
                initargs=(os.getpid(),),
            )
        self.window = 2 * workers

    def map(self, function: Callable, items: Iterable) -> Iterator:
        if self.pool is None:
            yield from map(function, items)
            return
        submit = lambda item: self.pool.submit(on_one_thread, function, item)  # noqa: E731
        yield from _windowed(submit, items, self.window)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


def _worker_context():
    """Workers forked from a server that has loaded the models (crosswire.warm) start at once;
    where there is no fork server, each worker starts a fresh interpreter and loads them."""
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["crosswire.warm"])
    return context


def exit_with_parent(run: int) -> None:
    """Make a worker end when the run that started it is killed, instead of running on alone.

    A worker forked from the fork server is the server's child, not the run's, and the server
    lives as long as any worker does, so the worker watches the run itself."""

    def watch() -> None:
        while _running(run):
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0 asks only whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists, under another user
    return True


def on_one_thread(function: Callable, item):
    """Call ``function`` with the models and the linear algebra on one thread: a worker shares
    the cores with others.

    Set in the thread that runs the task, since OpenMP keeps the setting per thread. The same
    thread count everywhere also makes every engine's floating-point sums, and so its output,
    the same: Dask starts its workers with one BLAS thread, a local pool's would have one per
    core, and claim vectors summed in another order split two near-tied claims another way.
    """
    import torch
    from threadpoolctl import threadpool_limits

    torch.set_num_threads(1)
    with threadpool_limits(limits=1):
        return function(item)


def _windowed(submit: Callable, items: Iterable, window: int) -> Iterator:
    iterator = iter(items)
    pending = [submit(item) for item in islice(iterator, window)]
    while pending:
        future = pending.pop(0)
        yield future.result()
        pending.extend(submit(item) for item in islice(iterator, 1))


class DaskEngine:
    """Partitions as Dask tasks, on a scheduler given by address or a LocalCluster started here.

    At most two partitions per worker are in flight, so the client's memory stays bounded, and
    results come back in input order, so the tables match a local run line for line.
    """

    def __init__(self, scheduler: str | None = None, workers: int = 2) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as error:
            raise CrosswireError(f"Dask is not installed ({error}); run `make install`") from None
        self.cluster = None
        if scheduler:
            try:
                self.client = Client(scheduler, timeout="20s")
            except OSError as error:
                raise CrosswireError(
                    f"cannot reach the Dask scheduler at {scheduler} ({error}); "
                    "check the address, or leave --scheduler out to start a local cluster"
                ) from None
        else:
            self.cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            )
            self.client = Client(self.cluster)
        self.window = 2 * max(1, len(self.client.scheduler_info().get("workers", {})) or workers)

    def map(self, function: Callable, items: Iterable) -> Iterator:
        submit = lambda item: self.client.submit(on_one_thread, function, item, pure=False)  # noqa: E731
        yield from _windowed(submit, items, self.window)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_engine(name: str, scheduler: str | None = None, workers: int = 2):
    if name == "local":
        return LocalEngine(workers)
    if name == "dask":
        return DaskEngine(scheduler, workers)
    raise CrosswireError(f"unknown engine {name!r}; use local or dask")


# --------------------------------------------------------------------------------- the run


def run(
    inputs: Sequence[str | Path],
    out: Path,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int = 2,
    partition_size: int = PARTITION_ARTICLES,
    max_bytes: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> RunReport:
    """Run the whole pipeline over ``inputs`` into the folder ``out``; reruns resume."""
    from crosswire.ingest import MAX_DOCUMENT_BYTES, iter_sources

    out = Path(out)
    _prepare(out, inputs, partition_size)
    report = RunReport(out)
    sources = iter_sources(inputs, max_bytes or MAX_DOCUMENT_BYTES)
    pending = _pending_partitions(out, _partitions(sources, partition_size), report, progress)
    runner = make_engine(engine, scheduler, workers)
    facts = FactStore(out / "facts.sqlite")
    try:
        started = time.perf_counter()
        for result in runner.map(process_partition, pending):
            _write_partition(out, result, facts)
            report.partitions_done += 1
            for stage, spent in result.seconds.items():
                report.seconds[stage] = report.seconds.get(stage, 0.0) + spent
            if progress:
                progress(len(result.articles) + len(result.errors))
        report.seconds["partitions (wall)"] = time.perf_counter() - started
        started = time.perf_counter()
        placements = _group(out, facts)
        report.seconds["group"] = time.perf_counter() - started
        started = time.perf_counter()
        report.stories, report.compared = _compare_stories(out, facts, placements, runner)
        report.seconds["compare"] = time.perf_counter() - started
    finally:
        runner.close()
        facts.close()
    _count(out, report)
    _write_json(out / "run.json", _manifest(inputs, partition_size) | _summary(report))
    return report


def _prepare(out: Path, inputs: Sequence[str | Path], partition_size: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    manifest = out / "run.json"
    if manifest.exists():
        try:
            before = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            before = {}
        wanted = _manifest(inputs, partition_size)
        if {k: before.get(k) for k in wanted} != wanted:
            raise CrosswireError(
                f"{out} holds a run over other inputs or settings; "
                "choose another --out folder, or delete this one to start again"
            )
    else:
        _write_json(manifest, _manifest(inputs, partition_size))


def _manifest(inputs: Sequence[str | Path], partition_size: int) -> dict:
    return {
        "format": FORMAT_VERSION,
        "inputs": [str(i) for i in inputs],
        "partition_size": partition_size,
    }


def _partitions(sources: Iterator, size: int) -> Iterator[Partition]:
    index = 0
    while chunk := list(islice(sources, size)):
        yield Partition(index, chunk)
        index += 1


def _pending_partitions(out, partitions, report: RunReport, progress) -> Iterator[Partition]:
    for partition in partitions:
        if _done_marker(out, partition.index).exists():
            report.partitions_skipped += 1
            if progress:
                progress(len(partition.sources))
            continue
        yield partition


def _done_marker(out: Path, index: int) -> Path:
    return out / "partitions" / f"part-{index:05d}.done"


def _table(out: Path, name: str, index: int) -> Path:
    return out / name / f"part-{index:05d}.jsonl"


TABLES = ("articles", "quotes", "claims", "errors")


def _write_partition(out: Path, result: PartitionResult, facts: FactStore) -> None:
    """Tables first, facts next, the done marker last: a partition cut short is redone."""
    for name in TABLES:
        _write_jsonl(_table(out, name, result.index), getattr(result, name))
    facts.put(result.index, result.facts, result.vectors)
    marker = _done_marker(out, result.index)
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(json.dumps({"articles": len(result.articles)}), encoding="utf-8")


def _write_jsonl(path: Path, rows: Iterable[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with open(partial, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    os.replace(partial, path)


def _write_json(path: Path, value: dict) -> None:
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


def _group(out: Path, facts: FactStore) -> list[tuple[tuple[int, int], object]]:
    """Each article's location in the fact store and its placement, in input order."""
    from crosswire.group import group_items

    locations, items, vectors = [], [], []
    for location, item, vector in facts.grouping():
        locations.append(location)
        items.append(item)
        vectors.append(vector)
    if not items:
        _write_jsonl(out / "stories.jsonl", [])
        return []
    stacked = np.vstack(vectors)
    placements = group_items(items, vectors=stacked, event_vectors=stacked)
    _write_jsonl(
        out / "stories.jsonl",
        (
            {
                "article": p.key,
                "story": p.story,
                "event": p.event,
                "reprint_of": p.reprint.original if p.reprint else None,
                "reprint_kind": p.reprint.kind if p.reprint else None,
            }
            for p in placements
        ),
    )
    return list(zip(locations, placements, strict=True))


def _compare_stories(out: Path, facts: FactStore, placements: list, runner) -> tuple[int, int]:
    """Compare each story that two or more outlets cover; files of stories that did not change
    since the last run are kept."""
    members: dict[int, list] = {}
    for location, place in placements:
        members.setdefault(place.story, []).append((location, place))
    stories = [m for _, m in sorted(members.items())]
    compared = 0
    folder = out / "comparisons"
    folder.mkdir(parents=True, exist_ok=True)
    todo = {}
    for number, start in enumerate(range(0, len(stories), STORIES_PER_FILE)):
        chunk = stories[start : start + STORIES_PER_FILE]
        digest = _digest(chunk)
        path, marker = _comparison_files(folder, number)
        if marker.exists() and marker.read_text(encoding="utf-8") == digest:
            compared += sum(1 for line in path.open(encoding="utf-8") if line.strip())
        else:
            todo[number] = (chunk, digest)
    # One stream of batches over every file, so that no worker waits for a file's last batch.
    rows: dict[int, list[dict]] = {}
    for batch, compared_rows in runner.map(compare_batch, _comparison_batches(todo, facts)):
        rows.setdefault(batch.file, []).extend(compared_rows)
        if batch.last:
            path, marker = _comparison_files(folder, batch.file)
            _write_jsonl(path, rows[batch.file])
            marker.write_text(todo[batch.file][1], encoding="utf-8")
            compared += len(rows.pop(batch.file))
    return len(stories), compared


def _comparison_files(folder: Path, number: int) -> tuple[Path, Path]:
    return folder / f"part-{number:05d}.jsonl", folder / f"part-{number:05d}.done"


@dataclass(slots=True)
class _ComparisonTask:
    story: int
    placements: list
    facts: list


@dataclass(slots=True)
class _ComparisonBatch:
    file: int
    last: bool  # the file's last batch: its rows can then be written
    tasks: list[_ComparisonTask]


def _comparison_batches(todo: dict, facts: FactStore) -> Iterator[_ComparisonBatch]:
    for number, (chunk, _) in todo.items():
        tasks = (
            _ComparisonTask(s[0][1].story, [p for _, p in s], facts.facts([at for at, _ in s]))
            for s in chunk
        )
        batches = list(_batched(filter(_several_outlets, tasks), STORIES_PER_TASK)) or [[]]
        for index, batch in enumerate(batches):
            yield _ComparisonBatch(number, index == len(batches) - 1, batch)


def _several_outlets(task: _ComparisonTask) -> bool:
    pairs = zip(task.facts, task.placements, strict=True)
    counted = {fact.framing.outlet for fact, place in pairs if place.reprint is None}
    return len(counted) >= 2


def _batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def compare_batch(batch: _ComparisonBatch) -> tuple[_ComparisonBatch, list[dict]]:
    """One task compares several stories: a story alone is too small to be worth a task."""
    rows = [compare_story(task) for task in batch.tasks]
    batch.tasks = []  # the facts need not travel back
    return batch, rows


def compare_story(task: _ComparisonTask) -> dict:
    from crosswire.compare import compare_facts

    comparison = compare_facts(task.facts, task.placements)
    return {
        "story": task.story,
        "articles": [p.key for p in task.placements],
        "comparison": comparison.to_dict(),
    }


def _digest(stories: list[list]) -> str:
    text = json.dumps([[[*at, p.key, p.event, bool(p.reprint)] for at, p in s] for s in stories])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _count(out: Path, report: RunReport) -> None:
    for marker in (out / "partitions").glob("part-*.done"):
        report.articles += json.loads(marker.read_text(encoding="utf-8")).get("articles", 0)
    for path in (out / "errors").glob("part-*.jsonl"):
        report.errors += sum(1 for line in path.open(encoding="utf-8") if line.strip())


def _summary(report: RunReport) -> dict:
    return {
        "articles": report.articles,
        "errors": report.errors,
        "stories": report.stories,
        "compared_stories": report.compared,
        "partitions_done": report.partitions_done,
        "partitions_skipped": report.partitions_skipped,
        "seconds": {k: round(v, 2) for k, v in report.seconds.items()},
    }


def read_table(out: Path, name: str) -> Iterator[dict]:
    """The rows of one table of a run, partition by partition."""
    paths = [out / f"{name}.jsonl"] if name == "stories" else sorted((out / name).glob("*.jsonl"))
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield json.loads(line)


def load_into_store(out: Path, db: Path) -> int:
    """Put a run's articles, quotes, stories and comparisons into the SQLite store."""
    from crosswire.store import Store, grouping_record, refresh

    facts = FactStore(out / "facts.sqlite")
    added = 0
    try:
        with Store(db) as store:
            for location in facts.locations():
                (fact,) = facts.facts([location])
                store.add(fact.article, fact.quotes, grouping_record(fact.group))
                added += 1
            refresh(store)
    finally:
        facts.close()
    return added
