"""The bundled demo corpus goes through cleanly, with its chrome dropped."""

from __future__ import annotations

from crosswire import load_articles
from crosswire.model import Article, DropReason
from tests.conftest import EXAMPLES, assert_spans_hold


def example_articles() -> dict[str, Article]:
    results = list(load_articles([EXAMPLES]))
    assert all(isinstance(r, Article) for r in results), results
    return {r.source.location.rsplit("/", 1)[-1]: r for r in results}


def test_every_example_extracts_with_valid_spans():
    articles = example_articles()
    assert len(articles) == 5
    for article in articles.values():
        assert_spans_hold(article)
        assert article.title and len(article.paragraphs) >= 6


def test_example_metadata():
    articles = example_articles()
    assert articles["harbour-ledger.txt"].authors == ["Marta Oyelaran"]
    assert articles["valdmere-voice.txt"].outlet == "Valdmere Voice"
    wire = articles["coastal-post-meridian.txt"]
    assert (wire.outlet, wire.carried_by) == ("Meridian Wire", "Coastal Post")
    assert articles["northline-daily.html"].outlet == "Northline Daily"
    assert articles["continental-review.html"].date == "2026-03-05"


def test_example_chrome_is_dropped():
    articles = example_articles()
    body = " ".join(a.body for a in articles.values())
    for chrome_text in (
        "Sign up free",
        "Kaltberg dockers remember",
        "Leave a comment",
        "news release to",
        "Become a member",
        "Share this article",
    ):
        assert chrome_text not in body, chrome_text
    voice = articles["valdmere-voice.txt"]
    assert [d.reason for d in voice.dropped].count(DropReason.REPEATED_LEAD) == 1
    assert voice.body.count("Four workers died") == 1


def test_example_quotes_and_the_minister_across_outlets():
    from crosswire.nlp.parse import annotate_many
    from crosswire.nlp.quotes import quotes_across

    articles = list(example_articles().values())
    results = {
        r.article.source.location.rsplit("/", 1)[-1]: r
        for r in quotes_across(annotate_many(articles))
    }
    vows = [
        q for r in results.values() for q in r.quotes if "every family" in q.text and not q.headline
    ]
    assert len(vows) == 5
    assert {q.speaker for q in vows} == {"Elena Varga"}
    (varga,) = {p.name: p for r in results.values() for p in r.people if "Varga" in p.name}.values()
    assert {"Elena Varga", "Jelena Varga"} <= varga.variants
