"""The single-file HTML report: self-contained, escaped, and every link lands on its words."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from crosswire.ingest.inputs import load_articles
from crosswire.model import Coverage
from crosswire.render.html import comparison_html, mark_up
from crosswire.workflow import compare_articles
from tests.test_compare import claim_holding

HOSTILE = (
    "Officials in Lindholm said on Monday that <script>alert('x')</script> the harbour budget "
    'would rise. <img src=x onerror="alert(1)"> The council met on Monday evening.\n\n'
    '"We will rebuild the bridge before the winter comes," Mayor Anna Berg said on Monday.\n'
)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.sources: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        values = dict(attrs)
        if "id" in values:
            assert values["id"] not in self.ids, f"duplicate id {values['id']}"
            self.ids.add(values["id"])
        if "href" in values:
            self.links.append(values["href"])
        if "src" in values:
            self.sources.append(values["src"])


@pytest.fixture(scope="module")
def report(examples_understood, examples_comparison):
    comparison = examples_comparison
    html = comparison_html(comparison, examples_understood.articles)
    page = _Page()
    page.feed(html)
    return comparison, html, page


def test_the_report_is_self_contained(report):
    _, html, page = report
    assert not page.sources
    assert all(link.startswith("#") for link in page.links)
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "script" not in page.tags and "link" not in page.tags


def test_every_link_lands_on_an_element(report):
    _, _, page = report
    targets = {link[1:] for link in page.links}
    assert targets and targets <= page.ids


def test_the_matrix_shows_the_coverage_of_each_article(report):
    comparison, html, _ = report
    claim = claim_holding(comparison.claims, "Three dock workers")
    for article in comparison.articles:
        state = comparison.coverage(claim, article.key).value
        key = re.escape(article.key)
        pattern = rf'<td class="cell (\w+)" data-claim="{claim.id}" data-article="{key}"'
        cell = re.search(pattern, html)
        assert cell and cell.group(1) == state
    assert Coverage.CONTRADICTS.value in html


def test_quote_variants_highlight_the_changed_words(report):
    _, html, _ = report
    assert '<span class="chg meaning" title="meaning">stop</span>' in html


def test_hostile_article_text_is_rendered_as_text(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(
            HOSTILE.replace("Monday", "Tuesday" if name == "b.txt" else "Monday")
        )
    articles = list(load_articles([tmp_path]))
    html = comparison_html(compare_articles(articles), articles)
    page = _Page()
    page.feed(html)
    assert "script" not in page.tags and "img" not in page.tags
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=" in html


def test_crossing_marks_are_split_and_ids_stay_unique():
    from crosswire.render.html import _Mark

    text = "one two three four five"
    marks = [_Mark(0, 13, "claim"), _Mark(4, 18, "quote"), _Mark(4, 18, "loaded")]
    html = str(mark_up(text, 0, len(text), marks, 0))
    assert re.sub(r"<[^>]+>", "", html) == text
    assert html.count('id="ev-0-4-18"') == 1 and html.count('id="ev-0-0-13"') == 1
    assert 'class="ev loaded quote"' in html
