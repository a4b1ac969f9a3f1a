"""`crosswire extract`: clean article inputs."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer

from crosswire.cli.common import (
    DEFAULT_MAX_BYTES,
    MaxBytes,
    Output,
    Paths,
    exit_if_any_failed,
    open_output,
    pick_format,
    read_with_progress,
    report,
)
from crosswire.errors import IngestError


class ExtractFormat(StrEnum):
    JSON = "json"
    JSONL = "jsonl"
    TEXT = "text"


def extract(
    paths: Paths,
    output_format: Annotated[
        ExtractFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format [default: from the -o file's suffix, else jsonl].",
        ),
    ] = None,
    output: Output = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
) -> None:
    """Clean article inputs: body paragraphs and dropped chrome, each with character spans."""
    output_format = pick_format(output_format, output, ExtractFormat, ExtractFormat.JSONL)
    from crosswire.render.text import render_text

    failures = written = 0
    with open_output(output) as sink:
        articles = []
        for item in read_with_progress(paths, max_bytes):
            if isinstance(item, IngestError):
                failures += 1
                report(item)
                continue
            written += 1
            if output_format is ExtractFormat.JSON:
                articles.append(item)
            elif output_format is ExtractFormat.JSONL:
                sink.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
            else:
                sink.write(render_text(item))
        if output_format is ExtractFormat.JSON:
            json.dump([a.to_dict() for a in articles], sink, ensure_ascii=False, indent=2)
            sink.write("\n")
    exit_if_any_failed(failures, written)
