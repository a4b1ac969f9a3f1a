"""Quoted passages as the text marks them: double and single quote marks, passages that go on
into the next paragraph, and a quote that lost its closing mark before its attribution.

This layer reads characters only; who said a quote is found through the parse (speakers.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crosswire.model import Article, Span

CUE_WORDS = (
    r"(?:said|says|told|tells|added|adds|claimed|claims|stressed|stresses|noted|notes|wrote"
    r"|writes|posted|stated|states|asked|asks|explained|insisted|argued|warned|declared"
    r"|emphasi[sz]ed|reiterated|admitted|revealed|acknowledged|continued|replied|responded"
    r"|tweeted|concluded)"
)


_TAIL_ATTRIBUTION = re.compile(
    rf",\s+(?:(?:he|she|they)|(?:[A-Z][\w'’.-]+\s+){{0,3}}[A-Z][\w'’.-]+)\s+{CUE_WORDS}\b[^\"“”]*$"
    rf"|,\s+{CUE_WORDS}\s+(?:[A-Z][\w'’.-]+\s*){{1,4}}[^\"“”]*$"
)


OPENING = "“„«"


CLOSING = "”»"


STRAIGHT = '"'


# Quote marks as the parser's tokens: single marks, and doubled ones as one token.
QUOTE_MARKS = frozenset({*OPENING, *CLOSING, STRAIGHT, "'", "‘", "’", "''", "``"})


SCARE_MAX_WORDS = 3


LONG_QUOTE_WORDS = 6


@dataclass(slots=True)
class RawQuote:
    paragraph: int
    start: int  # content start in source text (after the opening mark)
    end: int  # content end (before the closing mark, or paragraph end when unclosed)
    closed: bool
    last_paragraph: int
    continued: bool = False


_DOUBLED_SINGLE = re.compile(r"''(?=(\w|[(\[]))|''")


def _doubled_singles_as_double(text: str) -> str:
    """'' used as a double quote mark becomes one, keeping every offset (2 chars for 2)."""
    return _DOUBLED_SINGLE.sub(lambda m: ' "' if m.group(1) else '" ', text)


def find_quote_spans(text: str, offset: int = 0) -> list[tuple[int, int, bool]]:
    """Content spans of double-quoted passages in one paragraph: (start, end, closed)."""
    text = _doubled_singles_as_double(text) if "''" in text else text
    spans: list[tuple[int, int, bool]] = []
    open_at: int | None = None
    for position, char in enumerate(text):
        if char not in OPENING + CLOSING + STRAIGHT:
            continue
        role = _mark_role(text, position, inside=open_at is not None)
        if role == "open" and open_at is None:
            open_at = position
        elif role == "close" and open_at is not None:
            spans.append((offset + open_at + 1, offset + position, True))
            open_at = None
        elif role == "open" and open_at is not None:
            # A second opening mark: the first quote was never closed.
            spans.append((offset + open_at + 1, offset + position, False))
            open_at = position
    if open_at is not None:
        spans.append((offset + open_at + 1, offset + len(text), False))
    return [(s, e, c) for s, e, c in spans if _has_words(text[s - offset : e - offset])]


def _mark_role(text: str, position: int, inside: bool) -> str:
    char = text[position]
    before = text[position - 1] if position > 0 else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    # Curly marks are trusted unless their place says the typist used the wrong one.
    if char in OPENING:
        return "close" if inside and (after.isspace() or after in ".,;:!?") else "open"
    if char in CLOSING:
        return "open" if not inside and before.isspace() and after.isalpha() else "close"
    if before.isspace() or before in "([{—–-/":
        return "open" if not after.isspace() else ("close" if inside else "open")
    if after.isspace() or after in ".,;:!?)]}—–-" or not after.isalnum():
        return "close"
    return "close" if inside else "open"


def _has_words(text: str) -> bool:
    return bool(re.search(r"\w", text))


def find_single_quoted(text: str, offset: int = 0) -> list[Span]:
    """'Single-quoted' phrases, as headlines use them; apostrophes are not quotes."""
    text = _doubled_singles_as_double(text) if "''" in text else text
    spans = []
    pattern = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))[‘'](?=\S)(.+?)(?<=[^\s])[’'](?![\w])")
    for match in pattern.finditer(text):
        spans.append(Span(offset + match.start(1), offset + match.end(1)))
    return spans


def raw_quotes(article: Article) -> list[RawQuote]:
    found = []
    for index, paragraph in enumerate(article.paragraphs):
        doubles = find_quote_spans(paragraph.text, paragraph.start)
        for start, end, closed in doubles:
            found.append(RawQuote(index, start, end, closed, index))
        for single in find_single_quoted(paragraph.text, paragraph.start):
            # Single marks quote on their own only outside double quotes (British style,
            # or text whose double marks were flattened); inside, they are nested quotes.
            nested = any(s - 1 <= single.start and single.end <= e + 1 for s, e, _ in doubles)
            words = re.findall(r"\w+", single.of(article.source.text))
            if not nested and len(words) >= 2:
                found.append(RawQuote(index, single.start, single.end, True, index))
    found.sort(key=lambda q: q.start)
    return found


def link_continuations(raw: list[RawQuote], article: Article) -> list[RawQuote]:
    """A quote left open at a paragraph's end goes on if the next paragraph opens a quote.

    Each paragraph's piece stays its own quote (marked ``continued``), so spans never cross
    paragraphs; an open quote that does not go on lost its closing mark, and ends before an
    attribution such as ", Lavrov claimed." when it has one.
    """
    text = article.source.text
    for index, item in enumerate(raw):
        following = raw[index + 1] if index + 1 < len(raw) else None
        if item.closed:
            continue
        paragraph = article.paragraphs[item.paragraph]
        next_opens = (
            following is not None
            and following.paragraph == item.paragraph + 1
            and following.start == article.paragraphs[following.paragraph].start + 1
        )
        if item.end == paragraph.end and next_opens:
            item.continued = True
        else:
            item.end = _cut_attribution_tail(text, item.start, item.end)
    return raw


def _cut_attribution_tail(text: str, start: int, end: int) -> int:
    """An unclosed quote that ends ", Lavrov claimed." lost its closing mark before the comma."""
    match = _TAIL_ATTRIBUTION.search(text[start:end])
    return start + match.start() if match else end
