"""`crosswire quotes` from the command line."""

from __future__ import annotations

import json

from tests.clirun import crosswire
from tests.conftest import EXAMPLES


def test_quotes_jsonl_has_the_documented_fields(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = crosswire(
        "quotes", str(EXAMPLES / "northline-daily.html"), str(tmp_path / "empty.txt")
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "empty" in result.stderr
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["path"].endswith("northline-daily.html")
    quote = record["quotes"][0]
    assert set(quote) >= {"text", "start", "end", "kind", "speaker", "speaker_mention", "cue"}
    assert set(quote["speaker_mention"]) >= {"text", "start", "end"}
    assert quote["speaker"] == "Elena Varga"
    assert any(p["name"] == "Tomas Reyes" for p in record["people"])


def test_quotes_text_format_names_speakers():
    result = crosswire("quotes", str(EXAMPLES), "--format", "text")
    assert result.returncode == 0, result.stderr
    assert "Elena Varga [told] · full" in result.stdout
    assert "“We will not stop until every family gets answers,”" in result.stdout
