"""Article extraction from HTML pages, through trafilatura.

Spans must index text a person can read, so the page is first rendered to its visible text
(block elements on their own lines) and that rendering becomes ``SourceDocument.text``.
trafilatura then picks the article, and each of its paragraphs is located in the rendering.
Whatever lies between located paragraphs is dropped, with a reason where the line says one.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from crosswire.errors import IngestError
from crosswire.ingest import chrome, metadata
from crosswire.ingest.text import CleanText, split_lines
from crosswire.model import DroppedPart, DropReason, Paragraph, ParagraphKind, Span

_INVISIBLE = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object"}
_BLOCK = {
    "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td",
    "th", "tr", "ul", "title", "button", "option", "caption",
}  # fmt: skip
# huge_tree: libxml2 otherwise stops at 256 levels of nesting and drops everything deeper.
_UTF8_PARSER = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True, huge_tree=True)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


@dataclass(slots=True)
class HtmlPage:
    """A page's visible text, which spans index, and what was found in it."""

    visible_text: str
    found: CleanText = field(default_factory=CleanText)
    url: str | None = None


def parse_tree(markup: str, location: str) -> etree._Element:
    try:
        # The markup is already decoded; tell lxml so it does not re-guess from a meta charset.
        data = markup.encode("utf-8", "surrogatepass")
        tree = lxml_html.document_fromstring(data, parser=_UTF8_PARSER)
    except (etree.ParserError, ValueError) as error:
        raise IngestError(location, f"could not parse the HTML ({error})") from None
    if tree is None:
        raise IngestError(location, "the HTML has no content")
    return tree


LIBXML2_MAX_DEPTH = 2048

# Tags that only wrap others: dropping them loses no text and no paragraph break.
_WRAPPERS = re.compile(
    r"</?(?:div|span|section|article|main|font|center|b|i|u|em|strong|small|big|a|"
    r"table|tbody|thead|tr|td|th|ul|ol|li|blockquote|aside|header|footer|nav)\b[^>]*>",
    re.IGNORECASE,
)
_NOT_TEXT_BLOCKS = re.compile(r"<(?!/?(?:p|br|h[1-6]|title|html|head|body|meta)\b)[^>]*>", re.I)


def too_deep(markup: str) -> bool:
    """Whether libxml2 stops at its depth limit (2,048 levels) and would drop what lies deeper."""
    if markup.count("<") < LIBXML2_MAX_DEPTH:
        return False  # too few tags to nest that deep: no second parse for ordinary pages
    parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True, huge_tree=True)
    with contextlib.suppress(etree.ParserError, ValueError):
        lxml_html.document_fromstring(markup.encode("utf-8", "surrogatepass"), parser=parser)
    return any("Excessive depth" in entry.message for entry in parser.error_log)


def shallow(markup: str) -> str:
    """The markup with its wrapping tags dropped, when it nests too deep to parse whole."""
    if not too_deep(markup):
        return markup
    flat = _WRAPPERS.sub("", markup)
    return flat if not too_deep(flat) else _NOT_TEXT_BLOCKS.sub("", flat)


def visible_text(tree: etree._Element) -> str:
    """The page's text as a reader sees it, one block per line."""
    parts: list[str] = []
    _render(tree, parts)
    text = "".join(parts)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _render(root: etree._Element, parts: list[str]) -> None:
    # A stack, not recursion: hostile pages nest thousands of levels deep.
    stack: list[tuple[etree._Element, bool]] = [(root, False)]
    while stack:
        element, closing = stack.pop()
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        block = tag in _BLOCK
        if closing:
            if block:
                parts.append("\n")
            if element.tail:
                parts.append(_flatten(element.tail))
            continue
        if not tag or tag in _INVISIBLE:
            if element.tail:
                parts.append(_flatten(element.tail))
            continue
        if block:
            parts.append("\n")
        if element.text:
            parts.append(_flatten(element.text))
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))


def _flatten(text: str) -> str:
    return text.replace("\n", " ")


def extract_html(markup: str, location: str, url: str | None = None) -> HtmlPage:
    markup = shallow(markup)
    tree = parse_tree(markup, location)
    rendered = visible_text(tree)
    if not rendered.strip():
        raise IngestError(location, "the HTML page has no visible text")
    document = _trafilatura(markup, url)
    page = HtmlPage(visible_text=rendered)
    if document is None:
        return page
    found = page.found
    _copy_metadata(document, page)
    pieces = [line for line in (document.text or "").split("\n") if line.strip()]
    located = locate_paragraphs(pieces, rendered)
    found.paragraphs, chrome_parts = _drop_chrome(located, found.title)
    found.title_span = _locate_title(found.title, rendered, found.paragraphs)
    found.dropped = sorted(
        _gaps(rendered, located, found.title_span) + chrome_parts, key=lambda d: d.start
    )
    return page


# Below this share of the default extraction, trafilatura's precision mode has cut real text.
PRECISION_MODE_MIN_SHARE = 0.5


def _trafilatura(markup: str, url: str | None):
    """trafilatura's precision mode, unless it throws away most of what the default keeps."""
    options = dict(
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        deduplicate=False,
    )
    precise = trafilatura.bare_extraction(markup, favor_precision=True, **options)
    default = trafilatura.bare_extraction(markup, **options)
    if precise is None or default is None:
        return precise or default
    if len(precise.text or "") >= PRECISION_MODE_MIN_SHARE * len(default.text or ""):
        return precise
    return default


def _drop_chrome(
    paragraphs: list[Paragraph], title: str | None
) -> tuple[list[Paragraph], list[DroppedPart]]:
    """Chrome that trafilatura kept: prompts, credits, a repeated headline or byline.

    Repeated paragraphs stay: on HTML pages they are usually real (recipes, spec lists).
    """
    kept: list[Paragraph] = []
    dropped: list[DroppedPart] = []
    title_key = _key(title or "")
    for index, paragraph in enumerate(paragraphs):
        key = _key(paragraph.text)
        reason = chrome.chrome_reason(paragraph.text)
        if reason is None and key == title_key:
            reason = DropReason.HEADLINE
        elif reason is None and index < HEADER_PARAGRAPHS:
            reason = _byline_or_dateline(paragraph.text)
        if reason is None:
            kept.append(paragraph)
        else:
            dropped.append(DroppedPart(paragraph.text, paragraph.start, paragraph.end, reason))
    return kept, dropped


HEADER_PARAGRAPHS = 3


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _byline_or_dateline(text: str) -> DropReason | None:
    if chrome.shape(text).words > 20:
        return None
    if metadata.find_byline(text):
        return DropReason.BYLINE
    return DropReason.DATELINE if metadata.is_date_line(text) else None


def _copy_metadata(document, page: HtmlPage) -> None:
    found = page.found
    found.title = document.title or None
    if document.author:
        found.authors = [a.strip() for a in re.split(r";|\band\b", document.author) if a.strip()]
    found.date = document.date or None
    found.outlet = document.sitename or None
    page.url = document.url or None


class _Finder:
    """Find text in the rendering regardless of whitespace, as trafilatura re-spaces it."""

    def __init__(self, haystack: str) -> None:
        self.positions = [i for i, ch in enumerate(haystack) if not ch.isspace()]
        self.squeezed = "".join(haystack[i] for i in self.positions)

    def find(self, needle: str, cursor: int) -> Span | None:
        squeezed = "".join(needle.split())
        if not squeezed:
            return None
        at = self.squeezed.find(squeezed, cursor)
        if at < 0:
            at = self.squeezed.find(squeezed)
        if at < 0:
            return None
        start = self.positions[at]
        end = self.positions[at + len(squeezed) - 1] + 1
        return Span(start, end)

    def squeezed_index(self, position: int) -> int:
        from bisect import bisect_left

        return bisect_left(self.positions, position)


def locate_paragraphs(pieces: list[str], rendered: str) -> list[Paragraph]:
    finder = _Finder(rendered)
    paragraphs: list[Paragraph] = []
    cursor = 0
    for piece in pieces:
        for fragment, span in _locate_piece(piece, finder, cursor):
            if any(p.start < span.end and span.start < p.end for p in paragraphs):
                continue
            cursor = finder.squeezed_index(span.end)
            shape = chrome.shape(fragment)
            kind = ParagraphKind.HEADING if shape.headline else ParagraphKind.TEXT
            text = rendered[span.start : span.end]
            paragraphs.append(Paragraph(text, span.start, span.end, kind))
    paragraphs.sort(key=lambda p: p.start)
    return paragraphs


_LIST_MARK = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _locate_piece(piece: str, finder: _Finder, cursor: int) -> list[tuple[str, Span]]:
    """trafilatura writes lists as "- item" and tables as "| a | b |"; find what it means."""
    span = finder.find(piece, cursor)
    if span is not None:
        return [(piece, span)]
    unmarked = _LIST_MARK.sub("", piece)
    span = finder.find(unmarked, cursor)
    if span is not None:
        return [(unmarked, span)]
    cells = [c.strip() for c in unmarked.split("|") if c.strip()]
    span = finder.find("".join(cells), cursor) if len(cells) > 1 else None
    if span is not None:
        return [(" ".join(cells), span)]
    found = []
    for cell in cells:
        if not cell:
            continue
        span = finder.find(cell, cursor)
        if span is not None:
            found.append((cell, span))
            continue
        for sentence in _SENTENCE_END.split(cell):
            span = finder.find(sentence, cursor) if len(sentence) > 3 else None
            if span is not None:
                found.append((sentence, span))
    return found


def _locate_title(title: str | None, rendered: str, paragraphs: list[Paragraph]) -> Span | None:
    if not title:
        return None
    body_start = paragraphs[0].start if paragraphs else len(rendered)
    for match in re.finditer(re.escape(title.strip()), rendered):
        if match.start() < body_start:
            return Span(match.start(), match.end())
    match = re.search(re.escape(title.strip()), rendered)
    return Span(match.start(), match.end()) if match else None


def _gaps(rendered: str, paragraphs: list[Paragraph], title_span: Span | None) -> list[DroppedPart]:
    """Every visible line outside the article, with the most specific reason we can tell."""
    taken = [(p.start, p.end) for p in paragraphs]
    dropped: list[DroppedPart] = []
    for line in split_lines(rendered):
        if any(start < line.end and line.start < end for start, end in taken):
            continue
        if title_span and title_span.start <= line.start and line.end <= title_span.end:
            reason = DropReason.HEADLINE
        else:
            reason = chrome.chrome_reason(line.text, outside_body=True) or DropReason.BOILERPLATE
        dropped.append(DroppedPart(line.text, line.start, line.end, reason))
    return dropped
