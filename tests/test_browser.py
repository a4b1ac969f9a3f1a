"""The web app and the report in a real browser: Playwright driving Debian's Chromium.

Screenshots go to tests/artifacts/. Without Chromium (the Makefile installs it where it can)
these tests skip and say why.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crosswire.ingest.inputs import load_articles
from crosswire.render.html import comparison_html
from crosswire.store import Store
from crosswire.workflow import compare_articles
from tests.conftest import EXAMPLES, REPO

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = REPO / "tests" / "artifacts"
HIGHLIGHT = "rgb(255, 224, 102)"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium); see Makefile"
)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def server(hostile_store):
    db = hostile_store
    store = Store(db)
    hostile_id = store.db.execute(
        "SELECT id FROM articles WHERE location LIKE '%hostile.txt'"
    ).fetchone()[0]
    store.close()
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "crosswire", "serve", "--db", str(db), "--port", str(port)],
        cwd=REPO,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    _wait_for(port)
    yield base, hostile_id
    process.terminate()
    process.wait(timeout=10)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("crosswire serve did not start")


def open_page(browser, url: str, shot: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("dialog", lambda dialog: problems.append(f"dialog: {dialog.message}"))
    page.goto(url)
    page.wait_for_load_state("load")
    page.screenshot(path=str(ARTIFACTS / f"{shot}.png"), full_page=True)
    return page, problems


def test_pages_load_without_console_errors(browser, server):
    base, hostile_id = server
    for path, shot in (
        ("/", "stories"),
        ("/story/1", "story"),
        (f"/article/{hostile_id}", "article"),
    ):
        page, problems = open_page(browser, base + path, shot)
        assert problems == [], f"{path}: {problems}"
        page.close()


def test_the_matrix_shows_the_right_cells(browser, server):
    import httpx

    base, _ = server
    comparison = httpx.get(f"{base}/api/stories/1").json()["comparison"]
    page, _ = open_page(browser, f"{base}/story/1", "story-matrix")
    columns = comparison["matrix"]["articles"]
    checked = 0
    for row in comparison["matrix"]["rows"]:
        for article, state in zip(columns, row["cells"], strict=True):
            cell = page.locator(f'td.cell[data-claim="{row["claim"]}"][data-article="{article}"]')
            if cell.count():
                assert state in cell.get_attribute("class")
                checked += 1
    assert checked >= 10
    page.close()


def test_clicking_a_quote_variant_highlights_its_words(browser, server):
    base, _ = server
    page, _ = open_page(browser, f"{base}/story/1", "story-before-click")
    link = page.locator("a.quote-link").first
    target = link.get_attribute("href")
    link.click()
    page.wait_for_function(f"location.hash === '{target}'")
    words = page.locator(target)
    assert words.evaluate("e => getComputedStyle(e).backgroundColor") == HIGHLIGHT
    assert words.is_visible()
    page.screenshot(path=str(ARTIFACTS / "story-quote-clicked.png"))
    page.close()


def test_hostile_markup_renders_as_text(browser, server):
    base, hostile_id = server
    page, problems = open_page(browser, f"{base}/article/{hostile_id}", "hostile")
    text = page.inner_text("article")
    assert "<script>alert('x')</script>" in page.inner_text("body")
    assert '<img src=x onerror="alert(1)">' in text
    assert page.locator("script").count() == 0 and page.locator("img").count() == 0
    assert problems == []
    page.close()


def test_the_report_works_offline_in_a_browser(browser, tmp_path):
    articles = list(load_articles([EXAMPLES]))
    report = tmp_path / "report.html"
    report.write_text(comparison_html(compare_articles(articles), articles), encoding="utf-8")
    page, problems = open_page(browser, report.as_uri(), "report")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    link = page.locator("a.quote-link").nth(1)
    target = link.get_attribute("href")
    link.click()
    words = page.locator(target)
    assert words.evaluate("e => getComputedStyle(e).backgroundColor") == HIGHLIGHT
    assert problems == [] and all(url.startswith("file:") for url in requests)
    page.close()


def test_the_seeds_report_reads_well_in_a_browser(
    browser, tmp_path, seeds_understood, seeds_comparison
):
    report = tmp_path / "seeds.html"
    report.write_text(comparison_html(seeds_comparison, seeds_understood.articles), "utf-8")
    page, problems = open_page(browser, report.as_uri(), "seeds-report")
    heading = page.inner_text("header.top")
    assert "How 5 articles from 5 outlets cover the story, 25–27 Apr 2025." in heading
    assert "001_9d8b4481cc8f52ea" not in heading and "T04:30" not in heading
    conflict = page.locator("article span.ev.conflict").first
    assert "outlets disagree here" in conflict.get_attribute("title")
    assert page.locator("#articles h4").count() >= 3  # the subheads of the syndicated copy
    assert problems == []
    page.close()


def test_the_pictures_draw_in_a_browser(
    browser, tmp_path, examples_understood, examples_comparison
):
    from crosswire.ingest.outlets import OutletRegistry

    registry = OutletRegistry.load(EXAMPLES / "outlets.csv")
    report = tmp_path / "pictures.html"
    html = comparison_html(examples_comparison, examples_understood.articles, registry=registry)
    report.write_text(html, encoding="utf-8")
    page, problems = open_page(browser, report.as_uri(), "pictures")
    for label in ("Coverage heatmap", "Timeline", "Reporting verbs"):
        box = page.locator(f'svg[aria-label^="{label}"]').bounding_box()
        assert box and box["width"] > 200 and box["height"] > 60, label
    cell = page.locator('svg[aria-label^="Coverage heatmap"] rect').first
    assert cell.evaluate("e => getComputedStyle(e).fill") == "rgb(31, 138, 76)"  # reports
    assert page.locator("#outlets td", has_text="state-funded").count() == 1
    assert problems == []
    page.close()


def test_artifacts_folder_is_ignored_by_git():
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", str(Path("tests") / "artifacts" / "x.png")], cwd=REPO
    )
    assert ignored.returncode == 0
