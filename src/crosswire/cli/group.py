"""`crosswire group`: stories, events and reprints."""

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


class GroupFormat(StrEnum):
    JSON = "json"
    JSONL = "jsonl"
    TEXT = "text"


def group(
    paths: Paths,
    output_format: Annotated[
        GroupFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format [default: from the -o file's suffix, else text].",
        ),
    ] = None,
    output: Output = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
) -> None:
    """Sort articles into stories and the events inside them, and link reprints."""
    output_format = pick_format(output_format, output, GroupFormat, GroupFormat.TEXT)
    from crosswire import workflow
    from crosswire.group import group_tree
    from crosswire.render.text import opening, render_tree

    found, failures = understood(paths, max_bytes, every_language=True)
    placements, items = workflow.group(found)
    with open_output(output) as sink:
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
            json.dump(group_tree(placements, items), sink, ensure_ascii=False, indent=2)
            sink.write("\n")
        else:
            openings = {item.key: opening(item.text) for item in items if not item.title}
            sink.write(render_tree(group_tree(placements, items), openings))
    exit_if_any_failed(failures, len(found.annotated))
