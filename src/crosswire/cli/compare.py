"""`crosswire compare`: the comparison of one story."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console

from crosswire.cli.common import (
    DEFAULT_MAX_BYTES,
    GroupBy,
    MaxBytes,
    Outlets,
    Output,
    Paths,
    errors,
    exit_if_any_failed,
    load_registry,
    open_output,
    pick_format,
    stage,
    understood,
)


class CompareFormat(StrEnum):
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"


def compare(
    paths: Paths,
    output_format: Annotated[
        CompareFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format [default: from the -o file's suffix, else markdown].",
        ),
    ] = None,
    output: Output = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    outlets: Outlets = None,
    group_by: GroupBy = None,
) -> None:
    """Compare the articles of one story: quotes, claims, conflicts, framing, cited summary."""
    output_format = pick_format(output_format, output, CompareFormat, CompareFormat.MARKDOWN)
    from crosswire.render.html import comparison_html
    from crosswire.render.markdown import comparison_markdown
    from crosswire.workflow import compare_understood

    registry = load_registry(outlets, group_by)
    found, failures = understood(paths, max_bytes, registry)
    if not found.annotated:
        errors.print("nothing to compare: no article could be read.", style="red")
        raise typer.Exit(1)
    size = sum(len(a.body) for a in found.articles)
    with stage("comparing", len(found.annotated), size, steps=False):
        comparison = compare_understood(found)
    if output_format is CompareFormat.JSON:
        text = json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2) + "\n"
    elif output_format is CompareFormat.HTML:
        text = comparison_html(comparison, found.articles, registry=registry)
    else:
        text = comparison_markdown(comparison, registry)
    if output is None and output_format is CompareFormat.MARKDOWN and sys.stdout.isatty():
        from rich.markdown import Markdown

        Console().print(Markdown(text))
    else:
        with open_output(output) as sink:
            sink.write(text)
    exit_if_any_failed(failures, len(found.annotated))
