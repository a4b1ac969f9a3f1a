"""`crosswire quotes`: quotes with their cue verbs and speakers."""

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
    understood,
)


class QuotesFormat(StrEnum):
    JSONL = "jsonl"
    TEXT = "text"


def quote_record(result) -> dict:
    """One article's quotes and people as a JSONL record."""
    record = {"path": result.article.source.location}
    if result.article.source.id is not None:
        record["id"] = result.article.source.id
    record["quotes"] = [q.to_dict() for q in result.quotes]
    record["people"] = [p.to_dict() for p in result.people]
    return record


def quotes(
    paths: Paths,
    output_format: Annotated[
        QuotesFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format [default: from the -o file's suffix, else jsonl].",
        ),
    ] = None,
    output: Output = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
) -> None:
    """Direct, partial and scare quotes, with cue verbs and speakers resolved across articles."""
    output_format = pick_format(output_format, output, QuotesFormat, QuotesFormat.JSONL)
    from crosswire.render.text import render_quotes

    found, failures = understood(paths, max_bytes)
    with open_output(output) as sink:
        for result in found.quoted:
            if output_format is QuotesFormat.JSONL:
                sink.write(json.dumps(quote_record(result), ensure_ascii=False) + "\n")
            else:
                sink.write(render_quotes(result))
    exit_if_any_failed(failures, len(found.annotated))
