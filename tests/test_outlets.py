"""Outlets as the user describes them (--outlets): names, domains, aliases and their own columns,
shown beside the comparison with coverage by group."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crosswire.errors import CrosswireError
from crosswire.ingest.inputs import load_articles
from crosswire.ingest.outlets import OutletRegistry
from tests.clirun import crosswire
from tests.conftest import EXAMPLES

REGISTRY = EXAMPLES / "outlets.csv"


def test_the_registry_names_an_article_by_domain_alias_or_name(tmp_path):
    registry = OutletRegistry.load(REGISTRY)
    assert registry.columns == ["ownership", "country", "format"]
    assert registry.group_by == "ownership"
    records = [
        {"id": "1", "text": "Officials said the port would reopen on Friday, a week early.",
         "url": "https://www.northline.example/news/1"},
        {"id": "2", "text": "Officials said the port would reopen on Friday, a week early.",
         "outlet": "the Voice"},
        {"id": "3", "text": "Officials said the port would reopen on Friday, a week early.",
         "outlet": "Somebody Else"},
    ]  # fmt: skip
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    articles = list(load_articles([path]))
    for article in articles:
        registry.apply(article)
    assert [a.outlet for a in articles] == ["Northline Daily", "Valdmere Voice", "Somebody Else"]
    assert registry.named("Northline").attributes["ownership"] == "state-funded"


def test_a_registry_without_a_name_column_is_one_clear_error(tmp_path):
    bad = tmp_path / "outlets.csv"
    bad.write_text("outlet,lean\nA,left\n", encoding="utf-8")
    with pytest.raises(CrosswireError, match="needs a 'name' column"):
        OutletRegistry.load(bad)
    with pytest.raises(CrosswireError, match="no column 'lean'"):
        OutletRegistry.load(REGISTRY, group_by="lean")
    done = crosswire("compare", str(EXAMPLES), "--outlets", str(bad))
    assert done.returncode == 2 and "needs a 'name' column" in done.stderr


def test_compare_shows_each_outlets_columns_and_coverage_by_group(tmp_path):
    out = tmp_path / "report.html"
    done = crosswire("compare", str(EXAMPLES), "--outlets", str(REGISTRY), "-f", "html", "-o",
                     str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    assert '<section class="card" id="outlets">' in page
    assert "<td>Northline Daily</td><td>state-funded</td><td>Kaltberg</td>" in page
    assert "Coverage by ownership" in page
    private = page.split("<strong>private</strong>", 1)[1].split("</li>", 1)[0]
    assert "Only these outlets report" in private and "failed an inspection" in private
    markdown = crosswire("compare", str(EXAMPLES), "--outlets", str(REGISTRY)).stdout
    assert "| Valdmere Voice | exile | Valdmere | online |" in markdown


def test_run_and_ingest_name_outlets_from_the_registry(tmp_path):
    record = {"id": "1", "title": "Port to reopen", "outlet": "Northline",
              "text": "Officials said the port would reopen on Friday, a week early."}  # fmt: skip
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps(record) + "\n", encoding="utf-8")
    out = tmp_path / "run"
    done = crosswire("run", str(corpus), "--out", str(out), "--workers", "1",
                     "--outlets", str(REGISTRY))  # fmt: skip
    assert done.returncode == 0, done.stderr
    (row,) = [json.loads(line) for line in (out / "articles" / "part-00000.jsonl").open()]
    assert row["outlet"] == "Northline Daily"
    db = tmp_path / "cw.db"
    done = crosswire("ingest", str(corpus), "--db", str(db), "--outlets", str(REGISTRY))
    assert done.returncode == 0, done.stderr
    from crosswire.store import Store

    with Store(db) as store:
        assert store.article_row(1)["outlet"] == "Northline Daily"


def test_the_web_story_page_shows_the_registry(hostile_store):
    from fastapi.testclient import TestClient

    from crosswire.web import create_app

    client = TestClient(create_app(hostile_store, OutletRegistry.load(REGISTRY)))
    page = client.get("/story/1").text
    assert "Coverage by ownership" in page and "<td>cooperative</td>" in page
    assert Path(REGISTRY).exists()


def test_the_seeds_report_with_a_registry_names_every_outlet_and_groups_them(seeds_dir, tmp_path):
    out = tmp_path / "seeds.html"
    registry = Path(__file__).parent / "data" / "seeds-outlets.csv"
    done = crosswire("compare", str(seeds_dir), "--outlets", str(registry), "-f", "html",
                     "-o", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    header = page.split("</header>", 1)[0]
    for name in ("The Kyiv Independent", "Regional news site", "Kremlin-aligned site", "RT.com",
                 "Western outlet"):  # fmt: skip
        assert name in header
    kremlin = page.split("<strong>Kremlin-aligned</strong>", 1)[1].split("</li>", 1)[0]
    assert "Only these outlets report" in kremlin and "ceasefire" in kremlin
    assert 'aria-label="Coverage heatmap' in page and 'aria-label="Timeline' in page
