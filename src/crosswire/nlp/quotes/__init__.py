"""Direct and partial quotes, their cue verbs and their speakers: the quote marks (marks.py),
the speakers through the parse (speakers.py), and here what kind each quote is and one person
per speaker across articles.

Quotes are found from the quote marks in the original text, so every quote's span is exactly
the quoted words. Who said it comes from the parse: the subject of the cue verb that governs or
sits beside the quote, an appositive when the subject is a role ("a spokesperson, John Kirby"),
the last fitting person for a pronoun, and the previous speaker for a paragraph that continues a
quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from crosswire.model import Article, Person, Quote, QuoteKind, Span
from crosswire.nlp.parse import Annotated, ParsedParagraph
from crosswire.nlp.people import PersonIndex, PersonRegistry
from crosswire.nlp.quotes.marks import (
    CUE_WORDS,
    LONG_QUOTE_WORDS,
    SCARE_MAX_WORDS,
    RawQuote,
    find_quote_spans,
    find_single_quoted,
    link_continuations,
    raw_quotes,
)
from crosswire.nlp.quotes.speakers import (
    Speaker,
    find_cue,
    find_speaker,
    mention,
    speaker_name,
    speaker_of,
    tokens_in,
)


@dataclass(slots=True)
class ArticleQuotes:
    article: Article
    quotes: list[Quote]
    people: list[Person]


def quotes_across(annotated: Iterable[Annotated], registry: PersonRegistry | None = None):
    """Quotes of many articles, with speakers resolved to one person across all of them."""
    registry = registry or PersonRegistry()
    results = []
    for item in annotated:
        people = PersonIndex.for_article(item)
        quotes = extract_quotes(item, people)
        local_to_global = {local.name: registry.resolve(local) for local in people.persons()}
        results.append((item.article, quotes, local_to_global))
    # Canonical names settle only once every article is in, so they are applied last.
    output = []
    for article, quotes, local_to_global in results:
        for quote in quotes:
            person = local_to_global.get(quote.speaker or "")
            if person is not None:
                quote.speaker = person.name
        people = list({id(p): p for p in local_to_global.values()}.values())
        output.append(ArticleQuotes(article, quotes, people))
    return output


def extract_quotes(annotated: Annotated, people: PersonIndex | None = None) -> list[Quote]:
    """All quotes of one article, in reading order, with cue and speaker where found."""
    article = annotated.article
    people = people or PersonIndex.for_article(annotated)
    if article.language == "ru":
        from crosswire.nlp.quotes.russian import extract_quotes_ru

        return extract_quotes_ru(annotated, people)
    if (article.language or "en") != "en":
        return []  # no parser for this language: no speaker could be found

    raw = link_continuations(raw_quotes(article), article)
    quotes: list[Quote] = []
    if not raw and annotated.title_doc is None:
        return quotes
    previous: Quote | None = None
    spans_by_paragraph: dict[int, list[Span]] = {}
    for item in raw:
        for index in range(item.paragraph, item.last_paragraph + 1):
            spans_by_paragraph.setdefault(index, []).append(Span(item.start, item.end))
    for item in raw:
        parsed = annotated.paragraphs[item.paragraph]
        spans = spans_by_paragraph.get(item.paragraph, [])
        quote = _attribute(item, parsed, annotated, people, spans, previous)
        quotes.append(quote)
        if quote.speaker_mention is not None and quote.speaker_mention.refers_to is None:
            people.note_speaker(quote.speaker_mention)
        previous = quote
    quotes.extend(_headline_quotes(annotated, people))
    quotes.sort(key=lambda q: q.start)
    return quotes


def _attribute(
    item: RawQuote,
    parsed: ParsedParagraph,
    annotated: Annotated,
    people: PersonIndex,
    quote_spans: list[Span],
    previous: Quote | None,
) -> Quote:
    text = annotated.article.source.text
    continuing = (
        previous is not None
        and previous.speaker_mention is not None
        and previous.start >= parsed.offset
    )
    found = find_speaker(item, parsed, annotated, people, quote_spans, continuing)
    if found.mention is None and previous is not None and _is_continuation(item, previous, parsed):
        found = Speaker(
            previous.speaker_mention, previous.speaker_pronoun, found.cue or previous.cue
        )
    kind = _kind(item, text, found.cue is not None, annotated.article, previous, parsed)
    if kind is QuoteKind.SCARE:
        found = Speaker()  # a label in quotation marks is nobody's statement
    name = speaker_name(found, people)
    return Quote(
        text=text[item.start : item.end],
        start=item.start,
        end=item.end,
        kind=kind,
        speaker=name,
        speaker_mention=found.mention,
        cue=found.cue,
        speaker_pronoun=found.pronoun,
        continued=item.continued,
    )


def _is_continuation(item: RawQuote, previous: Quote, parsed: ParsedParagraph) -> bool:
    """A quote in the same paragraph as the last one, or one that opens its paragraph."""
    if previous.speaker_mention is None:
        return False
    same_paragraph = previous.start >= parsed.offset
    opens_paragraph = item.start <= parsed.offset + 1
    return same_paragraph or opens_paragraph


def _modifies_a_noun(item: RawQuote, parsed: ParsedParagraph | None) -> bool:
    """'a "temporary" closure', 'the "confidence building" measures': a label, not a statement."""
    if parsed is None:
        return False
    inside = tokens_in(parsed, item.start, item.end)
    heads = [t for t in inside if t.head not in inside or t.head == t]
    return bool(heads) and all(
        t.dep_ in {"amod", "compound", "nmod"} and t.head.pos_ in {"NOUN", "PROPN"} for t in heads
    )


def _kind(
    item: RawQuote,
    text: str,
    has_cue: bool,
    article: Article,
    previous: Quote | None,
    parsed: ParsedParagraph | None = None,
) -> QuoteKind:
    content = text[item.start : item.end].strip()
    words = re.findall(r"\w+", content)
    if not has_cue and (len(words) <= SCARE_MAX_WORDS or _is_title_of_work(words)):
        return QuoteKind.SCARE
    if len(words) <= SCARE_MAX_WORDS and _modifies_a_noun(item, parsed):
        return QuoteKind.SCARE
    paragraph = article.paragraphs[item.paragraph]
    before = text[paragraph.start : item.start].rstrip().rstrip("\"“„«'‘").rstrip()
    if _resumes_after_attribution(text, item, previous, paragraph.start):
        return previous.kind
    starts_clause = not before or before.endswith((":", ",", ".", "?", "!", '"', "”", "—"))
    first = content.lstrip("(['\"“‘.… ")
    capital = bool(first) and (first[0].isupper() or first[0].isdigit())
    if starts_clause and (capital or (len(words) >= LONG_QUOTE_WORDS and before[-1:] in ",:")):
        return QuoteKind.FULL
    return QuoteKind.PARTIAL


def _is_title_of_work(words: list[str]) -> bool:
    """'Legend in the Coal Fields': a quoted name of a book, film or article, not a statement."""
    content_words = [w for w in words if len(w) > 3]
    if not content_words or len(words) > 10:
        return False
    capitalised = sum(w[0].isupper() for w in content_words)
    return capitalised / len(content_words) >= 0.8 and len(content_words) >= 2


def _resumes_after_attribution(
    text: str, item: RawQuote, previous: Quote | None, paragraph_start: int
) -> bool:
    """'"That," he added, "promises ..."': the second piece continues the first quote."""
    if previous is None or previous.headline or previous.end < paragraph_start:
        return False
    between = text[previous.end : item.start]
    words = re.findall(r"[\w'’]+", between)
    return 0 < len(words) <= 8 and bool(re.search(CUE_WORDS, between))


def _headline_quotes(annotated: Annotated, people: PersonIndex) -> list[Quote]:
    """Quotes inside the headline: partial by nature, attributed by the headline's own verb."""
    article = annotated.article
    span = article.title_span
    if span is None or annotated.title_doc is None:
        return []
    text = article.source.text
    headline = text[span.start : span.end]
    spans = [Span(s, e) for s, e, _ in find_quote_spans(headline, span.start)]
    spans += find_single_quoted(headline, span.start)
    quotes = []
    parsed = ParsedParagraph(-1, span.start, annotated.title_doc)
    headline_spans = sorted(set(spans))
    for quoted in headline_spans:
        start, end = quoted.start, quoted.end
        item = RawQuote(-1, start, end, True, -1)
        cue_token = find_cue(parsed, item, headline_spans)
        found = Speaker()
        if cue_token is not None:
            found = speaker_of(cue_token, parsed, text, people, headline_spans)
            found.cue = mention(text, span.start + cue_token.idx, len(cue_token.text))
        words = len(re.findall(r"\w+", text[start:end]))
        kind = QuoteKind.PARTIAL if words > SCARE_MAX_WORDS or found.cue else QuoteKind.SCARE
        quotes.append(
            Quote(
                text[start:end],
                start,
                end,
                kind,
                speaker_name(found, people),
                found.mention,
                found.cue,
                headline=True,
                speaker_pronoun=found.pronoun,
            )
        )
    return quotes
