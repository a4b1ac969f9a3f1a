"""`crosswire run`: a corpus end to end, in partitions, on this machine or on Dask."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from crosswire.cli.common import (
    DEFAULT_MAX_BYTES,
    MaxBytes,
    Outlets,
    errors,
    load_registry,
    plural,
    run_progress,
)
from crosswire.settings import RunSettings


class Engine(StrEnum):
    LOCAL = "local"
    DASK = "dask"


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
        RunSettings().partition_size
    ),
    db: Annotated[
        Path | None, typer.Option("--db", help="Also load the results into this store.")
    ] = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    outlets: Outlets = None,
) -> None:
    """Process a corpus end to end: extract, parse, quotes, stories, comparisons.

    Writes partitioned JSONL tables (articles, quotes, claims, errors, stories, comparisons) under
    --out. A rerun keeps the partitions whose input did not change, so a stopped run resumes.
    """
    from crosswire.batch.run import load_into_store, run_settings
    from crosswire.batch.run import run as run_pipeline
    from crosswire.ingest.inputs import count_records, expand_inputs

    if engine is Engine.LOCAL and scheduler:
        errors.print("--scheduler needs --engine dask.", style="red")
        raise typer.Exit(2)
    settings = run_settings(
        engine=engine.value,
        scheduler=scheduler,
        workers=workers or os.cpu_count() or 1,
        partition_size=max(1, partition_size),
        max_bytes=max_bytes,
        outlets=str(load_registry(outlets) and outlets.resolve()) if outlets else None,
    )
    total = sum(count_records(f) for f in expand_inputs(paths))
    try:
        with run_progress(total) as advance:
            report = run_pipeline(paths, out, settings, progress=advance)
    except KeyboardInterrupt:
        errors.print(
            f"interrupted; finished partitions are kept in {out}/: run the same command "
            "again to resume.",
            style="yellow",
        )
        raise typer.Exit(130) from None
    skipped = report.partitions_skipped
    unchanged = f"; {plural(skipped, 'partition')} unchanged since the last run" if skipped else ""
    seconds = report.seconds.get("partitions (wall)", 0.0)
    rate = (
        f", {report.articles / seconds:.1f} articles/s"
        if seconds and report.partitions_done
        else ""
    )
    errors.print(
        f"{plural(report.articles, 'article')} in {plural(report.stories, 'story')}, "
        f"{report.compared} compared{rate}{unchanged}. Tables in {out}/"
    )
    if db is not None:
        added = load_into_store(out, db, settings)
        errors.print(f"{added} articles loaded into {db}")
    if report.errors:
        errors.print(
            f"{plural(report.errors, 'input')} could not be read; see {out}/errors/.",
            style="yellow",
        )
        raise typer.Exit(1)
