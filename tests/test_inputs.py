"""Each input kind and encoding, read from real files on disk."""

from __future__ import annotations

import gzip
import json

import pytest

from crosswire import load_articles
from crosswire.errors import IngestError
from crosswire.model import Article, InputKind
from tests.conftest import assert_spans_hold

ENGLISH = (
    "Lavrov Meets Press in Minsk\n\n"
    "Russian Foreign Minister Sergei Lavrov met reporters in Minsk on Friday, officials said.\n\n"
    '"We are ready to talk," Lavrov said, adding that the café meeting had gone well.\n\n'
    "The talks will continue next week in Geneva, according to both delegations.\n"
)
WITH_CYRILLIC = ENGLISH.replace("officials said.", "officials said (Лавров, «Коммерсантъ»).")

HTML_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Bridge to close for eight months | City Times</title>
<meta name="author" content="Karel Vos"><meta property="og:site_name" content="City Times">
<meta property="article:published_time" content="2026-05-04T10:00:00+02:00"></head>
<body><nav><a href="/">Home</a><a href="/news">News</a></nav>
<article><h1>Bridge to close for eight months</h1>
<p>The city council voted on Monday to close the old bridge for repairs, officials said.</p>
<p>&ldquo;We cannot wait any longer,&rdquo; Mayor Ines Dorval told reporters after the vote.</p>
<p>The bridge carries about 20,000 vehicles a day, according to the <b>transport office</b>.</p>
<p>The council said repairs would take at least eight months and cost 14 million euros.</p>
<p>Drivers will be sent along the ring road, which will get two extra lanes during the works.</p>
</article><aside><h3>Related stories</h3><ul><li><a href="/x">Tram fares rise in April</a></li>
</ul></aside><footer><p>&copy; 2026 City Times. All rights reserved.</p></footer></body></html>
"""


def only_article(paths) -> Article:
    results = list(load_articles(paths))
    assert len(results) == 1
    assert isinstance(results[0], Article), results[0]
    assert_spans_hold(results[0])
    return results[0]


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),
        ("utf-16-le", "utf-16-le"),
        ("utf-16-be", "utf-16-be"),
    ],
)
def test_unicode_encodings_are_read_without_mangling(tmp_path, encoding, expected):
    path = tmp_path / "article.txt"
    path.write_bytes(WITH_CYRILLIC.encode(encoding))
    article = only_article([path])
    assert article.source.encoding == expected
    assert "Лавров, «Коммерсантъ»" in article.body
    assert "café" in article.body


def test_cp1251_is_detected(tmp_path):
    text = ENGLISH.replace("café", "cafe") + "Лавров сказал журналистам, что переговоры идут.\n"
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode("cp1251"))
    article = only_article([path])
    assert "Лавров сказал журналистам" in article.source.text
    assert article.source.encoding.replace("_", "").lower() in {"cp1251", "windows1251"}


def test_latin1_is_detected(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes((ENGLISH + "The mayor of Jülich also attended.\n").encode("latin-1"))
    article = only_article([path])
    assert "café" in article.body and "Jülich" in article.body


def test_html_page_goes_through_trafilatura_with_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    article = only_article([path])
    assert article.source.kind is InputKind.HTML
    assert article.source.raw == HTML_PAGE
    assert article.title == "Bridge to close for eight months"
    assert article.authors == ["Karel Vos"]
    assert article.date == "2026-05-04"
    assert article.outlet == "City Times"
    assert len(article.paragraphs) == 5
    assert "“We cannot wait any longer,” Mayor Ines Dorval" in article.body
    assert "transport office" in article.body
    dropped = " ".join(d.text for d in article.dropped)
    assert "Tram fares rise in April" in dropped and "All rights reserved" in dropped


def test_gzipped_html_is_read(tmp_path):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(HTML_PAGE.encode("utf-8")))
    assert only_article([path]).title == "Bridge to close for eight months"


def test_html_without_extension_is_sniffed(tmp_path):
    path = tmp_path / "download"
    path.write_text(HTML_PAGE, encoding="utf-8")
    assert only_article([path]).source.kind is InputKind.HTML


def test_jsonl_records_with_text_and_html(tmp_path):
    records = [
        {
            "id": "a1",
            "url": "https://example.org/a1",
            "title": "Stated title",
            "text": ENGLISH,
            "outlet": "Example Post",
            "date": "2026-05-04",
            "author": "Ann Lee",
        },
        {"id": "a2", "html": HTML_PAGE},
    ]
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    first, second = list(load_articles([path]))
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.source.id, first.title, first.outlet) == ("a1", "Stated title", "Example Post")
    assert (first.authors, first.date, first.source.url) == (
        ["Ann Lee"],
        "2026-05-04",
        "https://example.org/a1",
    )
    assert second.source.id == "a2" and second.outlet == "City Times"
    for article in (first, second):
        assert_spans_hold(article)


def test_jsonl_bad_lines_fail_alone(tmp_path):
    path = tmp_path / "corpus.jsonl"
    good = json.dumps({"id": "ok", "text": ENGLISH})
    path.write_text("{not json\n" + good + "\n[1, 2]\n" + json.dumps({"id": "x"}) + "\n")
    results = list(load_articles([path]))
    assert [type(r).__name__ for r in results] == [
        "IngestError",
        "Article",
        "IngestError",
        "IngestError",
    ]
    assert "not valid JSON" in str(results[0]) and ":1:" in str(results[0])
    assert "neither a 'text' nor an 'html'" in str(results[3])


def test_folders_are_walked_recursively_and_globs_expand(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text(ENGLISH)
    (tmp_path / "a" / "b" / "two.html").write_text(HTML_PAGE)
    (tmp_path / "a" / "b" / "notes.csv").write_text("x,y\n")
    (tmp_path / "a" / ".hidden.txt").write_text(ENGLISH)
    found = [r.source.location for r in load_articles([tmp_path / "a"])]
    assert [p.rsplit("/", 1)[-1] for p in found] == ["two.html", "one.txt"]
    globbed = [r.source.location for r in load_articles([str(tmp_path / "a" / "**" / "*.html")])]
    assert [p.rsplit("/", 1)[-1] for p in globbed] == ["two.html"]


def test_a_glob_that_matches_nothing_is_an_error(tmp_path):
    (result,) = list(load_articles([str(tmp_path / "*.txt")]))
    assert isinstance(result, IngestError) and "no files match" in str(result)


def test_records_are_counted_for_the_progress_bar(tmp_path):
    from crosswire.ingest.inputs import count_records

    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(json.dumps({"id": i, "text": ENGLISH}) for i in range(7)) + "\n\n")
    assert count_records(path) == 7
    assert count_records(tmp_path / "page.html") == 1


def test_a_folder_reached_through_dot_dot_is_walked(tmp_path, monkeypatch):
    # Bug: "../shared/seeds" gave no articles, because ".." counted as a hidden folder.
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "one.txt").write_text(ENGLISH)
    (tmp_path / "corpus" / ".draft.txt").write_text(ENGLISH)
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    found = [r.source.location for r in load_articles(["../corpus"])]
    assert found == ["../corpus/one.txt"]
