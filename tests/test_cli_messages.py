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
