"""Every full quote in the seeds, with its speaker. The seeds stay in ../shared, never here."""

from __future__ import annotations

import pytest

from crosswire.model import QuoteKind

LAVROV = "Sergey Lavrov"
TRUMP = "Donald Trump"

# (seed, opening words of the quote, speaker, attributed through a pronoun)
FULL_QUOTES = [
    ("000", "Well, the president of the United States believes", LAVROV, False),
    ("000", "The statement by the (U.S.) president", LAVROV, False),
    ("000", "I think we have a deal with both", TRUMP, False),
    ("000", "(W)e are busy with this exact process", LAVROV, True),
    ("000", "Well, you don't trust the word", LAVROV, False),
    ("000", "We continue our contacts with the American side", LAVROV, True),
    ("000", "President Trump is probably the only leader", LAVROV, False),
    ("001", "It is not easy to agree", LAVROV, False),
    ("001", "We are well aware of what a mutually beneficial deal", LAVROV, False),
    ("001", "We’re talking about the rights of the people", LAVROV, True),
    ("002", "If you want a ceasefire", LAVROV, False),
    ("002", "There are several signs", LAVROV, False),
    ("002", "Everything Russian", LAVROV, False),
    ("002", "To ask somebody's opinion", LAVROV, False),
    ("002", "And the US, at least under the Biden administration", LAVROV, False),
    ("003", "No, my brief answer is you are wrong", LAVROV, False),
    ("003", "I have been emphasizing repeatedly", LAVROV, True),
    ("003", "There are several signs", LAVROV, False),
    ("003", "Russia does not negotiate [over] its own territory", LAVROV, False),
    ("003", "It's been with them [Russia]", TRUMP, False),
    ("004", "The president of the United States believes, and I think rightly so", LAVROV, False),
    ("004", "The statement by the president mentions a deal", LAVROV, False),
    ("004", "I am not happy with the Russian strikes", TRUMP, False),
    ("004", "There are still some specific points", LAVROV, True),
    ("004", "We’ll do the best we can", TRUMP, False),
]


@pytest.fixture(scope="module")
def seed_quotes(seeds_understood):
    results = seeds_understood.quoted
    return {r.article.source.location.rsplit("/", 1)[-1][:3]: r for r in results}


@pytest.mark.parametrize(("seed", "opening", "speaker", "pronoun"), FULL_QUOTES)
def test_seed_full_quote_and_speaker(seed_quotes, seed, opening, speaker, pronoun):
    result = seed_quotes[seed]
    matches = [q for q in result.quotes if q.text.startswith(opening)]
    assert len(matches) == 1, [q.text[:40] for q in result.quotes]
    (quote,) = matches
    assert quote.kind is QuoteKind.FULL
    assert quote.speaker == speaker
    assert (quote.speaker_pronoun is not None) == pronoun
    text = result.article.source.text
    assert text[quote.start : quote.end] == quote.text
    assert text[quote.cue.start : quote.cue.end] == quote.cue.text


def test_quote_with_a_missing_closing_mark_stops_before_its_attribution(seed_quotes):
    (quote,) = [
        q for q in seed_quotes["000"].quotes if q.text.startswith("President Trump is probably")
    ]
    assert quote.text.endswith("and he wants to rectify this")
    assert quote.cue.text == "claimed"


def test_every_full_quote_in_the_seeds_is_pinned(seed_quotes):
    full = sum(q.kind is QuoteKind.FULL for r in seed_quotes.values() for q in r.quotes)
    # Trump's second Truth Social sentence and his last remark in 004 are separate full quotes.
    assert full == len(FULL_QUOTES) + 2


def test_the_same_quote_rendered_three_ways_is_found_in_each_outlet(seed_quotes):
    renderings = {
        "000": "need to be defined",
        "002": "fine-tuned",
        "004": "which need to be fine-tuned",
    }
    for seed, words in renderings.items():
        assert any(words in q.text for q in seed_quotes[seed].quotes), seed


def test_lavrov_is_one_person_across_the_seeds(seed_quotes):
    people = {p.name: p for r in seed_quotes.values() for p in r.people}
    lavrov = people[LAVROV]
    assert {"Sergey Lavrov", "Sergei Lavrov", "Lavrov"} <= lavrov.variants
    assert "Russian Foreign Minister" in lavrov.titles
    assert "Sergei Lavrov" not in people


def test_headline_quotes_are_partial_and_attributed(seed_quotes):
    headline = [q for q in seed_quotes["000"].quotes if q.headline]
    assert [q.text for q in headline] == ["moving in the right direction", "need to be defined,"]
    assert all(q.kind is QuoteKind.PARTIAL and q.speaker == LAVROV for q in headline)
