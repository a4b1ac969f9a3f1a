"""`crosswire export`: the store as CSV or Parquet tables."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from crosswire.cli.common import errors, plural


class ExportFormat(StrEnum):
    CSV = "csv"
    PARQUET = "parquet"


def export(
    db: Annotated[
        Path, typer.Option("--db", help="The SQLite store, or a crosswire run --out folder.")
    ] = Path("crosswire.db"),
    out: Annotated[Path, typer.Option("--out", help="Folder for the tables.")] = Path("export"),
    output_format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="File format.")
    ] = ExportFormat.CSV,
) -> None:
    """Write the articles, quotes, stories, claims, claim cells, conflicts, framing cues and
    outlets of a store (or of a run folder) as one file per table, with stable ids and evidence
    offsets."""
    from crosswire.export import export as export_tables

    counts = export_tables(db, out, output_format.value)
    listed = ", ".join(f"{name} {count}" for name, count in counts.items())
    errors.print(f"{plural(len(counts), 'table')} in {out}/ ({listed})")
