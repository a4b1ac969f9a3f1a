"""The five seed articles: body kept whole, chrome dropped with a reason, stated metadata found.

The seeds live in ../shared/seeds and are never copied here; these tests skip without them.
"""

from __future__ import annotations

import pytest

from crosswire import load_articles
from crosswire.model import Article, DropReason, ParagraphKind
from tests.conftest import assert_spans_hold

EXPECTED = {
    "000": dict(
        title="Peace talks 'moving in the right direction' but 'need to be defined,' Lavrov claims",
        authors=["Volodymyr Ivanyshyn"],
        date="2025-04-25T04:30:00",
        outlet=None,
        paragraphs=15,
        first="Russian Foreign Minister Sergey Lavrov claimed",
        last="Vance repeated warnings",
        dropped={
            "The Power Within:": DropReason.PROMO,
            "Skip to content": DropReason.NAVIGATION,
            "Russian Foreign Minister Sergei Lavrov at the Konstantin": DropReason.CAPTION,
            "This audio is created": DropReason.MEDIA_NOTICE,
            "‘No point in negotiating:’": DropReason.RELATED_LINKS,
            "Liudmyla Kapatsii, 75,": DropReason.RELATED_LINKS,
            "News Feed": DropReason.RELATED_LINKS,
            '"Nobody is asking (President': DropReason.RELATED_LINKS,
            "Enter your email to subscribe": DropReason.NEWSLETTER,
            "* indicates required": DropReason.NEWSLETTER,
            "Thank you for signing up": DropReason.NEWSLETTER,
        },
    ),
    "001": dict(
        title=None,
        authors=[],
        date=None,
        outlet=None,
        paragraphs=10,
        first="Russian Foreign Minister Sergei Lavrov said reaching",
        last="While Western leaders",
        dropped={
            "Read next": DropReason.RELATED_LINKS,
            "23:00": DropReason.RELATED_LINKS,
            "Kyrgyz President Sadyr Japarov": DropReason.RELATED_LINKS,
            "What is your opinion on this topic?": DropReason.COMMENTS,
            "Leave the first comment": DropReason.COMMENTS,
        },
    ),
    "002": dict(
        title="Lavrov Schools CBS on Russian Diplomacy, Signals Progress in Relations With US",
        authors=[],
        date="2025-04-27",
        outlet=None,
        paragraphs=20,
        first="Russo-American talks are ongoing",
        last='"And the US, at least under the Biden',
        dropped={
            "date 2025-04-27": DropReason.DATELINE,
            "Russo-American talks are ongoing": DropReason.REPEATED_LEAD,
        },
    ),
    "003": dict(
        title="It is wrong to say that Russia is not willing to make concessions, the country's "
        "top diplomat stated",
        authors=[],
        date="2025-04-27T21:28:00+10:00",
        outlet="RT.com",
        paragraphs=10,
        first="Russian Foreign Minister Sergey Lavrov has rebuked",
        last="Russian officials have",
        carried_by="St Petersburg Star",
        dropped={
            "RT.com": DropReason.SOURCE_CREDIT,
            "27 Apr 2025": DropReason.DATELINE,
            "Get a daily dose": DropReason.NEWSLETTER,
            "Publish news of your business": DropReason.SYNDICATION_FOOTER,
            "More InformationTHE VATICAN": DropReason.RELATED_LINKS,
            "WASHINGTON, D.C.: The U.S. Food": DropReason.RELATED_LINKS,
        },
    ),
    "004": dict(
        title="Russia signals diplomatic readiness despite fresh assault on Kyiv",
        authors=[],
        date=None,
        outlet=None,
        paragraphs=13,
        first="Russia has indicated its willingness",
        last="While Russia’s latest comments",
        dropped={},
    ),
}


@pytest.fixture(scope="module")
def seed_articles(seeds_dir) -> dict[str, Article]:
    articles = {}
    for result in load_articles([seeds_dir]):
        assert isinstance(result, Article), result
        articles[result.source.location.rsplit("/", 1)[-1][:3]] = result
    return articles


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_seed_metadata(seed_articles, seed):
    article, expected = seed_articles[seed], EXPECTED[seed]
    assert article.title == expected["title"]
    assert article.authors == expected["authors"]
    assert article.date == expected["date"]
    assert article.outlet == expected["outlet"]
    assert article.carried_by == expected.get("carried_by")
    assert article.language == "en"


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_seed_body_is_kept_whole(seed_articles, seed):
    article, expected = seed_articles[seed], EXPECTED[seed]
    assert_spans_hold(article)
    assert len(article.paragraphs) == expected["paragraphs"]
    assert article.paragraphs[0].text.startswith(expected["first"])
    assert article.paragraphs[-1].text.startswith(expected["last"])
    # Every line of the body between the first and last paragraph is kept or is a subheading.
    text = article.source.text
    body = text[article.paragraphs[0].start : article.paragraphs[-1].end]
    kept = {p.text for p in article.paragraphs}
    assert all(line.strip() in kept for line in body.splitlines() if line.strip())


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_seed_chrome_is_dropped_with_its_reason(seed_articles, seed):
    article, expected = seed_articles[seed], EXPECTED[seed]
    for prefix, reason in expected["dropped"].items():
        matches = [d.reason for d in article.dropped if d.text.startswith(prefix)]
        assert matches, prefix
        assert set(matches) == {reason}, prefix
    chrome_only = tuple(k for k, v in expected["dropped"].items() if v != DropReason.REPEATED_LEAD)
    kept_chrome = [p.text for p in article.paragraphs if p.text.startswith(chrome_only)]
    assert kept_chrome == []


def test_seed_002_keeps_its_subheadings(seed_articles):
    headings = [p.text for p in seed_articles["002"].paragraphs if p.kind is ParagraphKind.HEADING]
    assert headings[0] == "EU & NATO Twist Trump's Plan" and len(headings) == 6


def test_seed_000_keeps_the_quote_whose_closing_mark_is_missing(seed_articles):
    assert any(
        p.text.startswith('"President Trump is probably the only leader')
        for p in seed_articles["000"].paragraphs
    )
