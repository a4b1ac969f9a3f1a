"""The `crosswire` command run in this process, through Click's test runner: the same code
path as the console script (``crosswire.cli.main``, its exit codes and one-line errors
included) without starting a fresh interpreter and loading the models again each time."""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from crosswire.cli import main


@dataclass(frozen=True, slots=True)
class Completed:
    """What a subprocess.CompletedProcess would have told of the same command."""

    returncode: int
    stdout: str
    stderr: str


def crosswire(*args: str, cwd: Path | None = None) -> Completed:
    """Run `crosswire ARGS` in-process and return its exit code, stdout and stderr."""
    argv = sys.argv
    with CliRunner().isolation() as (out, err, _), _working_in(cwd):
        sys.argv = ["crosswire", *args]
        try:
            main()
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        finally:
            sys.argv = argv
            sys.stdout.flush()  # the runner's text streams buffer over the bytes read below
            sys.stderr.flush()
        stdout, stderr = out.getvalue(), err.getvalue()
    return Completed(code, stdout.decode("utf-8", "replace"), stderr.decode("utf-8", "replace"))


@contextlib.contextmanager
def _working_in(folder: Path | None):
    if folder is None:
        yield
        return
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)
