"""Batch runs over large corpora: ``crosswire run``.

The input streams through in partitions of a few hundred articles. Each partition is extracted,
parsed, its quotes found and its per-article comparison facts computed in one task, on this
machine or on Dask workers; nothing else of the corpus is in memory meanwhile. The results land
in partitioned JSONL tables under the output folder, and a rerun skips a partition whose tables
are complete and whose content has not changed since. Grouping then runs over every partition's
small grouping records, and each story that several outlets cover is compared from its articles'
facts.

Where ``crosswire compare`` spends MiniLM on every sentence, a run embeds claim sentences with a
static model distilled from MiniLM (hundreds of times faster), keeps MiniLM for titles and leads,
which decide the stories, and tells events apart by those same title-and-lead vectors.
"""

from __future__ import annotations

import functools
import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path

import numpy as np

from crosswire.batch.engines import make_engine
from crosswire.batch.tables import (
    TABLES,
    FactStore,
    article_row,
    claim_rows,
    done_marker,
    quote_rows,
    table_path,
    write_json,
    write_jsonl,
)
from crosswire.errors import CrosswireError, IngestError
from crosswire.model import SourceDocument
from crosswire.settings import DEFAULT, Settings

# Raised when the pickled facts change shape (2: titles named in passing; 4: the nouns names
# qualify), so that a run folder of an older version is refused with a clear message instead
# of resumed.
FORMAT_VERSION = 4


@dataclass(slots=True)
class Partition:
    index: int
    sources: list[SourceDocument | IngestError]
    settings: Settings = DEFAULT
    content: str = ""  # the digest of the sources, set when the partition is cut


@dataclass(slots=True)
class PartitionResult:
    """What one partition gives: table rows, facts for comparing, and grouping records."""

    index: int
    content: str = ""
    articles: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    facts: list = field(default_factory=list)  # crosswire.comparison.facts.ArticleFacts
    vectors: np.ndarray | None = None  # MiniLM title-and-lead vectors, a row per fact
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass(slots=True)
class RunReport:
    out: Path
    articles: int = 0
    errors: int = 0
    partitions: int = 0
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
    from crosswire import workflow
    from crosswire.ingest.inputs import safe_extract
    from crosswire.nlp.embed import embed_leads, embed_static

    result = PartitionResult(partition.index, partition.content)
    clock = functools.partial(_timed, result.seconds)
    with clock("extract"):
        extracted = [
            source if isinstance(source, IngestError) else safe_extract(source)
            for source in partition.sources
        ]
    registry = _registry(partition.settings.run.outlets)
    articles = []
    for item in workflow.readable_by_models(extracted):
        if registry is not None and not isinstance(item, IngestError):
            registry.apply(item)
        if isinstance(item, IngestError):
            result.errors.append({"input": item.location, "error": item.message})
        else:
            articles.append(item)
    with clock("parse and quotes"):
        understood = workflow.understand(articles)
    with clock("facts"):
        result.facts = workflow.facts(
            understood, settings=partition.settings, sentence_vectors=embed_static
        )
    with clock("embed"):
        result.vectors = embed_leads([fact.group.text for fact in result.facts])
    for fact in result.facts:
        result.articles.append(article_row(fact, partition.index))
        result.quotes.extend(quote_rows(fact))
        result.claims.extend(claim_rows(fact))
    return result


@functools.cache
def _registry(path: str | None):
    from crosswire.ingest.outlets import OutletRegistry

    return OutletRegistry.load(path) if path else None


@contextmanager
def _timed(seconds: dict[str, float], stage: str) -> Iterator[None]:
    started = time.perf_counter()
    yield
    seconds[stage] = seconds.get(stage, 0.0) + time.perf_counter() - started


# --------------------------------------------------------------------------------- the run


def run_settings(settings: Settings = DEFAULT, **changes) -> Settings:
    """``settings`` with some of its run settings changed: ``run_settings(workers=1)``."""
    return replace(settings, run=replace(settings.run, **changes))


def run(
    inputs: Sequence[str | Path],
    out: Path,
    settings: Settings = DEFAULT,
    progress: Callable[[int], None] | None = None,
) -> RunReport:
    """Run the whole pipeline over ``inputs`` into the folder ``out``; reruns resume.

    ``settings.run`` says where the work runs (engine, scheduler, workers) and how it is cut.
    """
    from crosswire.ingest.inputs import iter_sources

    out = Path(out)
    size = settings.run.partition_size
    _prepare(out, inputs, size)
    report = RunReport(out)
    sources = iter_sources(inputs, settings.run.max_bytes)
    partitions = _partitions(sources, size, settings)
    pending = _pending_partitions(out, partitions, report, progress)
    runner = make_engine(settings.run)
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
        _drop_partitions_from(out, report.partitions, facts)
        started = time.perf_counter()
        placements = _group(out, facts, settings)
        report.seconds["group"] = time.perf_counter() - started
        started = time.perf_counter()
        contents = {i: _marker_digest(out, i) or "" for i in range(report.partitions)}
        report.stories, report.compared = _compare_stories(
            out, facts, placements, runner, contents, settings
        )
        report.seconds["compare"] = time.perf_counter() - started
    finally:
        runner.close()
        facts.close()
    _count(out, report)
    write_json(out / "run.json", _manifest(inputs, size) | _summary(report))
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
        write_json(manifest, _manifest(inputs, partition_size))


def _manifest(inputs: Sequence[str | Path], partition_size: int) -> dict:
    return {
        "format": FORMAT_VERSION,
        "inputs": [str(i) for i in inputs],
        "partition_size": partition_size,
    }


def _partitions(sources: Iterator, size: int, settings: Settings) -> Iterator[Partition]:
    index = 0
    while chunk := list(islice(sources, size)):
        yield Partition(index, chunk, settings)
        index += 1


def _pending_partitions(
    out: Path, partitions, report: RunReport, progress: Callable[[int], None] | None
) -> Iterator[Partition]:
    """The partitions whose content is not yet done: a partition is known by what it holds, so
    an edited or appended input is redone, not skipped because its place in the input was."""
    outlets: bytes | None = None  # the registry file, read once for the whole run
    for partition in partitions:
        report.partitions += 1
        if outlets is None:
            outlets = _outlets_file(partition.settings)
        partition.content = content_digest(partition.sources, outlets)
        if _marker_digest(out, partition.index) == partition.content:
            report.partitions_skipped += 1
            if progress:
                progress(len(partition.sources))
            continue
        yield partition


def _outlets_file(settings: Settings) -> bytes:
    path = settings.run.outlets
    return Path(path).read_bytes() if path else b""


def content_digest(sources: Sequence[SourceDocument | IngestError], outlets: bytes = b"") -> str:
    """What a partition holds, whatever file it came from: ids, texts and errors, and the
    outlets file that names their outlets."""
    digest = hashlib.sha256(outlets)
    for source in sources:
        if isinstance(source, IngestError):
            parts = ("error", source.location, source.message)
        else:
            metadata = json.dumps(source.metadata, sort_keys=True, default=str)
            parts = (source.location, source.id or "", source.url or "", metadata, source.text)
        for part in parts:
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def _marker_digest(out: Path, index: int) -> str | None:
    try:
        return json.loads(done_marker(out, index).read_text(encoding="utf-8")).get("content")
    except (OSError, ValueError, AttributeError):
        return None


def _drop_partitions_from(out: Path, count: int, facts: FactStore) -> None:
    """A shorter input leaves partitions past its end: their tables no longer hold."""
    for marker in sorted((out / "partitions").glob("part-*.done")):
        index = int(marker.stem.split("-")[1])
        if index >= count:
            marker.unlink()
            for name in TABLES:
                table_path(out, name, index).unlink(missing_ok=True)
    facts.drop_from(count)


def _write_partition(out: Path, result: PartitionResult, facts: FactStore) -> None:
    """Tables first, facts next, the done marker last: a partition cut short is redone."""
    for name in TABLES:
        write_jsonl(table_path(out, name, result.index), getattr(result, name))
    facts.put(result.index, result.facts, result.vectors)
    marker = done_marker(out, result.index)
    marker.parent.mkdir(parents=True, exist_ok=True)
    state = {"articles": len(result.articles), "content": result.content}
    marker.write_text(json.dumps(state), encoding="utf-8")


def _group(out: Path, facts: FactStore, settings: Settings = DEFAULT) -> list[tuple]:
    """Each article's location in the fact store and its placement, in input order."""
    from crosswire.group import group_items

    locations, items, vectors = [], [], []
    for location, item, vector in facts.grouping():
        locations.append(location)
        items.append(item)
        vectors.append(vector)
    if not items:
        write_jsonl(out / "stories.jsonl", [])
        return []
    stacked = np.vstack(vectors)
    placements = group_items(
        items, settings.group, stacked, event_vectors=stacked, events=settings.events
    )
    write_jsonl(
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


def _compare_stories(
    out: Path,
    facts: FactStore,
    placements: list,
    runner,
    contents: dict[int, str],
    settings: Settings = DEFAULT,
) -> tuple[int, int]:
    """Compare each story that two or more outlets cover; files of stories whose articles and
    their partitions' content did not change since the last run are kept."""
    members: dict[int, list] = {}
    for location, place in placements:
        members.setdefault(place.story, []).append((location, place))
    stories = [m for _, m in sorted(members.items())]
    compared = 0
    folder = out / "comparisons"
    folder.mkdir(parents=True, exist_ok=True)
    todo = {}
    per_file = settings.run.stories_per_file
    for number, start in enumerate(range(0, len(stories), per_file)):
        chunk = stories[start : start + per_file]
        digest = _digest(chunk, contents)
        path, marker = _comparison_files(folder, number)
        if marker.exists() and marker.read_text(encoding="utf-8") == digest:
            compared += sum(1 for line in path.open(encoding="utf-8") if line.strip())
        else:
            todo[number] = (chunk, digest)
    # One stream of batches over every file, so that no worker waits for a file's last batch.
    rows: dict[int, list[dict]] = {}
    batches = _comparison_batches(todo, facts, settings)
    for batch, compared_rows in runner.map(compare_batch, batches):
        rows.setdefault(batch.file, []).extend(compared_rows)
        if batch.last:
            path, marker = _comparison_files(folder, batch.file)
            write_jsonl(path, rows[batch.file])
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
    settings: Settings = DEFAULT


@dataclass(slots=True)
class _ComparisonBatch:
    file: int
    last: bool  # the file's last batch: its rows can then be written
    tasks: list[_ComparisonTask]


def _comparison_batches(todo: dict, facts: FactStore, settings: Settings):
    for number, (chunk, _) in todo.items():
        tasks = (
            _ComparisonTask(
                s[0][1].story, [p for _, p in s], facts.facts([at for at, _ in s]), settings
            )
            for s in chunk
        )
        per_task = settings.run.stories_per_task
        batches = list(_batched(filter(_several_outlets, tasks), per_task)) or [[]]
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
    from crosswire.comparison.story import compare_facts

    comparison = compare_facts(task.facts, task.placements, task.settings.compare)
    return {
        "story": task.story,
        "articles": [p.key for p in task.placements],
        "comparison": comparison.to_dict(),
    }


def _digest(stories: list[list], contents: dict[int, str]) -> str:
    text = json.dumps(
        [
            [[*at, contents.get(at[0]), p.key, p.event, bool(p.reprint)] for at, p in s]
            for s in stories
        ]
    )
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


def load_into_store(out: Path, db: Path, settings: Settings = DEFAULT) -> int:
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
            refresh(store, settings=settings)
    finally:
        facts.close()
    return added
