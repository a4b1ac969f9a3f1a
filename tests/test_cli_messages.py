"""What the command line shows while it works: bars for long work, nothing for short work."""

from __future__ import annotations

import io

from rich.console import Console

from crosswire.cli import common


def test_a_long_stage_shows_a_bar_and_a_short_one_nothing(monkeypatch):
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=100)
    monkeypatch.setattr(common, "errors", console)  # a terminal, which the test runner is not
    with common.stage("parsing articles", 1, characters=20_000_000) as advance:
        advance(1)
    assert "parsing articles" in screen.getvalue()
    screen.truncate(0)
    with common.stage("parsing articles", 3, characters=2_000) as advance:
        advance(3)
    assert screen.getvalue() == ""


def test_the_output_files_suffix_chooses_the_format_unless_format_is_given(tmp_path):
    import json

    from tests.clirun import crosswire
    from tests.conftest import EXAMPLES

    source = str(EXAMPLES / "harbour-ledger.txt")
    assert crosswire("extract", source, "-o", str(tmp_path / "a.json")).returncode == 0
    assert isinstance(json.loads((tmp_path / "a.json").read_text(encoding="utf-8")), list)
    assert crosswire("extract", source, "-o", str(tmp_path / "a.txt")).returncode == 0
    assert not (tmp_path / "a.txt").read_text(encoding="utf-8").startswith(("{", "["))
    assert (
        crosswire("extract", source, "-f", "jsonl", "-o", str(tmp_path / "b.json")).returncode == 0
    )
    assert (tmp_path / "b.json").read_text(encoding="utf-8").startswith("{")
    assert crosswire("extract", source, "-o", str(tmp_path / "c.out")).returncode == 0
    assert (tmp_path / "c.out").read_text(encoding="utf-8").startswith("{")  # the default, jsonl
