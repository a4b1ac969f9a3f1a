"""What comparing needs of one article: its claims, quotes, framing and grouping record.

The facts are computed where the article is parsed (a batch worker, or the workflow), and are
small and picklable, so that a story is compared later from its articles' facts alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import takewhile
from typing import TYPE_CHECKING

import numpy as np

from crosswire.comparison.claims import ClaimUnit, claim_units
from crosswire.comparison.framing import attribution_verbs, loaded_terms
from crosswire.comparison.quotealign import PlacedQuote
from crosswire.group import GroupItem, group_item
from crosswire.ingest.outlets import outlet_of
from crosswire.model import (
    Article,
    Evidence,
    HeadlineFraming,
    LoadedTerm,
    OutletFraming,
    Quote,
    QuoteKind,
    Span,
)
from crosswire.nlp.parse import Annotated
from crosswire.nlp.quotes import ArticleQuotes
from crosswire.settings import CompareSettings, EventSettings

if TYPE_CHECKING:
    from crosswire.nlp.embed import Encoder


DEFAULT = CompareSettings()
DEFAULT_EVENTS = EventSettings()


@dataclass(slots=True)
class ArticleFacts:
    """What comparing needs of one article, its parse left behind: small and picklable.

    The batch pipeline computes these where the article is parsed (a worker), and compares a
    story later from its articles' facts alone.
    """

    key: str
    article: Article
    quotes: list
    people: list
    group: GroupItem
    units: list[ClaimUnit]
    unit_vectors: np.ndarray
    framing: OutletFraming
    placed: list[PlacedQuote]
    entities: list[tuple[str, str, Evidence]]
    # Where a person is named in passing (not the one who acts in the clause) or in a clause
    # about earlier times: "had been put in place under President Trump", "criticised President
    # Obama for it". The title there may be the one held then, not the title now.
    named_in_passing: frozenset[int] = frozenset()


def article_facts(
    item: Annotated,
    result: ArticleQuotes,
    key: str,
    sentence_vectors: Encoder | None = None,
    settings: CompareSettings = DEFAULT,
    events: EventSettings = DEFAULT_EVENTS,
) -> ArticleFacts:
    """One article's share of a comparison. ``sentence_vectors`` embeds its claim sentences
    (MiniLM by default; the batch pipeline passes the faster static model)."""
    from crosswire.nlp.embed import embed

    encode = sentence_vectors or embed
    article = item.article
    group = group_item(item, result.quotes, events)
    group.key = key
    outlet, _ = outlet_of(article)
    units = claim_units([item], [key], settings.claims)
    placed = _placed_quotes(item, result, key)
    return ArticleFacts(
        key=key,
        article=article,
        quotes=result.quotes,
        people=result.people,
        group=group,
        units=units,
        unit_vectors=encode([u.evidence.text for u in units]),
        framing=_framing(item, result, key, outlet, settings),
        placed=placed,
        entities=[(e.label, e.text, Evidence(key, e.start, e.end, e.text)) for e in item.entities],
        named_in_passing=_named_in_passing(item),
    )


def _named_in_passing(item: Annotated) -> frozenset[int]:
    """Start offsets of the people named other than as the one who acts in the clause, or in a
    clause about an earlier time than the story's ("President Obama created it in 2012")."""
    docs = [(p.offset, p.doc) for p in item.paragraphs]
    if item.title_doc is not None and item.article.title_span is not None:
        docs.append((item.article.title_span.start, item.title_doc))
    year = _year(item.article.date)
    return frozenset(
        offset + ent.start_char
        for offset, doc in docs
        for ent in doc.ents
        if ent.label_ == "PERSON" and (not _acts(ent) or _told_of_earlier_times(ent, year))
    )


def _acts(ent) -> bool:
    """Whether the person is the subject of the clause, or in apposition to it ("The minister,
    Elena Varga, said"): the one the story shows acting now."""
    root = ent.root
    if root.dep_ == "appos":
        root = root.head
    return root.dep_ in {"nsubj", "nsubjpass"}


def _told_of_earlier_times(ent, year: int | None) -> bool:
    # News tells the present in the past tense ("Minister Varga said"): only a past perfect,
    # "under"/"during" a person, or an earlier year in the sentence places the clause earlier.
    below_verb = takewhile(lambda t: t.pos_ not in {"VERB", "AUX"}, ent.root.ancestors)
    if {"under", "during"} & {t.lower_ for t in below_verb}:
        return True
    verb = _verb_of(ent.root)
    if verb is None:
        return False
    if any(t.dep_ == "aux" and t.lower_ == "had" for t in verb.children):
        return True
    # An earlier year dating the person's own verb ("created it in 2012"); "who has held the
    # post since 2023" dates another verb, and "since" reaches to now.
    return year is not None and any(
        e.label_ == "DATE"
        and (found := _year(e.text)) is not None
        and found < year
        and e.root.head.lower_ != "since"
        and (dated := _verb_of(e.root)) is not None
        and dated.i == verb.i
        for e in ent.sent.ents
    )


def _verb_of(token):
    return next((t for t in token.ancestors if t.pos_ in {"VERB", "AUX"}), None)


def _year(text: str | None) -> int | None:
    match = re.search(r"\b(1[89]\d\d|20\d\d)\b", text or "")
    return int(match.group(1)) if match else None


def _placed_quotes(item: Annotated, result: ArticleQuotes, key: str) -> list[PlacedQuote]:
    text = item.article.source.text
    return [
        PlacedQuote(key, quote, text, _context(item, quote), item.article.language or "en")
        for quote in result.quotes
        if quote.kind is not QuoteKind.SCARE
    ]


def _context(item: Annotated, quote: Quote) -> Span:
    if quote.headline and item.article.title_span:
        return item.article.title_span
    for sentence in item.sentences:
        if sentence.start <= quote.start < sentence.end:
            return Span(sentence.start, sentence.end)
    return quote.span


def _typographic_name(quote, language: str | None) -> bool:
    """Russian sets names of firms, media and works in guillemets (радио «Норд»): a capitalised
    one is a name, not the writer keeping a distance."""
    return language == "ru" and quote.text[:1].isupper()


def _framing(
    item: Annotated, result: ArticleQuotes, key: str, outlet: str, settings: CompareSettings
) -> OutletFraming:
    article = item.article
    text = article.source.text
    lemmas = _lemmas(item)
    framed = settings.framing
    framing = OutletFraming(key, outlet)
    framing.attribution_verbs = attribution_verbs(
        result.quotes, key, lambda cue: lemmas.get(cue.start, cue.text.lower())
    )
    quote_spans = [q.span for q in result.quotes]
    for parsed in item.paragraphs:
        framing.loaded_terms.extend(
            loaded_terms(parsed.doc, parsed.offset, key, text, quote_spans, framed)
        )
    framing.loaded_terms.extend(
        LoadedTerm(Evidence(key, q.start, q.end, q.text), "distancing", "scare-quotes")
        for q in result.quotes
        if q.kind is QuoteKind.SCARE and not _typographic_name(q, article.language)
    )
    if item.title_doc is not None and article.title_span is not None:
        offset = article.title_span.start
        headline_terms = loaded_terms(item.title_doc, offset, key, text, quote_spans, framed)
        verbs = [
            Evidence(key, offset + t.idx, offset + t.idx + len(t.text), t.text)
            for t in item.title_doc
            if t.pos_ in {"VERB", "AUX"} and t.dep_ in {"ROOT", "conj", "ccomp"}
        ]
        span = article.title_span
        framing.headline = HeadlineFraming(
            Evidence(key, span.start, span.end, text[span.start : span.end]),
            verbs,
            headline_terms,
            0.0,
        )
        framing.loaded_terms = headline_terms + framing.loaded_terms
    framing.loaded_terms.sort(key=lambda t: t.evidence.start)
    return framing


def _lemmas(item: Annotated) -> dict[int, str]:
    lemmas: dict[int, str] = {}
    docs = [(p.doc, p.offset) for p in item.paragraphs]
    if item.title_doc is not None and item.article.title_span is not None:
        docs.append((item.title_doc, item.article.title_span.start))
    for doc, offset in docs:
        for token in doc:
            lemmas[offset + token.idx] = token.lemma_.lower()
    return lemmas
