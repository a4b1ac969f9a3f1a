"""The ``crosswire`` command line: one module per command, each a thin wrapper over functions
that return data (crosswire.workflow, crosswire.store, crosswire.batch), as spaCy's cli/ is.

Importing this package loads Typer and Rich only; each command imports what it needs when it
runs, so `crosswire --help` starts at once.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from crosswire.cli import compare, export, extract, group, quotes, run, store
from crosswire.cli.common import errors, report
from crosswire.errors import CrosswireError

app = typer.Typer(
    help="Crosswire: how news outlets cover the same story, claim by claim and quote by quote.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(wanted: bool) -> None:
    if wanted:
        from crosswire.version import __version__

        print(f"crosswire {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_show_version, is_eager=True, help="Show the version."
        ),
    ] = False,
) -> None:
    """Crosswire command line."""


app.command("extract")(extract.extract)
app.command("quotes")(quotes.quotes)
app.command("group")(group.group)
app.command("compare")(compare.compare)
app.command("ingest")(store.ingest)
app.command("run")(run.run)
app.command("watch")(store.watch)
app.command("serve")(store.serve)
app.command("export")(export.export)

# The commands by name, as tests and scripts may look them up.
serve = store.serve
parse_interval = store.parse_interval


def main() -> None:
    try:
        app()
    except CrosswireError as error:
        report(error)
        sys.exit(2)
    except KeyboardInterrupt:
        errors.print("interrupted", style="yellow")
        sys.exit(130)
