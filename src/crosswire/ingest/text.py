"""Separate the article from the page chrome in a plain-text dump.

A dump reads top to bottom as header (promos, navigation, headline, byline, date, captions),
body, and trailer (related links, newsletter prompts, comments, syndication footers). Lines are
first described on their own (``chrome.py``), then read in order: the headline ends the header,
the first block marker or the last prose line ends the body, and inside the body only lines that
are clearly chrome are dropped, so every article sentence is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from crosswire.ingest import chrome, metadata
from crosswire.model import DroppedPart, DropReason, Paragraph, ParagraphKind, Span

HEADER_WINDOW = 12
MAX_PROSE_BEFORE_TITLE = 2


@dataclass(slots=True)
class Line:
    text: str
    start: int
    end: int
    shape: chrome.LineShape

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass(slots=True)
class CleanText:
    """What the cleaner found: body paragraphs, dropped parts and stated metadata."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    dropped: list[DroppedPart] = field(default_factory=list)
    title: str | None = None
    title_span: Span | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    outlet: str | None = None
    carried_by: str | None = None


def split_lines(text: str, offset: int = 0) -> list[Line]:
    """Non-blank lines with their stripped extent in ``text``."""
    lines = []
    for match in re.finditer(r"[^\r\n]+", text):
        raw = match.group(0)
        stripped = raw.strip()
        if not stripped:
            continue
        start = offset + match.start() + (len(raw) - len(raw.lstrip()))
        lines.append(Line(stripped, start, start + len(stripped), chrome.shape(stripped)))
    return lines


def clean_text(text: str) -> CleanText:
    lines = split_lines(text)
    result = CleanText()
    if not lines:
        return result
    labels: list[DropReason | ParagraphKind | None] = [None] * len(lines)

    title_index = _find_title(lines)
    body_start = _label_header(lines, labels, title_index, result)
    trailer_start = _find_trailer(lines, body_start)
    _label_body(lines, labels, body_start, trailer_start)
    _label_trailer(lines, labels, trailer_start)
    _mark_repeats(lines, labels)
    _collect(lines, labels, result)
    _find_carrier(result)
    return result


def _is_meta(line: Line) -> bool:
    return bool(
        (metadata.find_byline(line.text) and line.shape.words <= 25)
        or metadata.is_date_line(line.text)
        or metadata.find_outlet_line(line.text)
        or chrome.is_timestamp(line.text)
    )


def _find_title(lines: list[Line]) -> int | None:
    prose_seen = 0
    for index, line in enumerate(lines[:HEADER_WINDOW]):
        if chrome.chrome_reason(line.text, outside_body=True) or _is_meta(line):
            continue
        if chrome.is_section_marker(line.text):
            return None
        if line.shape.headline and line.shape.has_lower:
            return index
        if line.shape.prose:
            prose_seen += 1
            if prose_seen > MAX_PROSE_BEFORE_TITLE:
                return None
    return None


def _label_header(
    lines: list[Line],
    labels: list,
    title_index: int | None,
    result: CleanText,
) -> int:
    """Label the lines before the body and record stated metadata; return where the body starts."""
    if title_index is not None:
        labels[title_index] = DropReason.HEADLINE
        result.title = lines[title_index].text
        result.title_span = lines[title_index].span
    index = 0
    limit = min(len(lines), HEADER_WINDOW + 4)
    while index < limit:
        line = lines[index]
        if index == title_index:
            index += 1
            continue
        above_title = title_index is not None and index < title_index
        reason = _header_reason(line, result, above_title=above_title)
        if reason is None and not above_title:
            break
        # Prose above the headline stays as a standfirst unless it is chrome (label None).
        labels[index] = reason
        index += 1
    return index


def _header_reason(line: Line, result: CleanText, *, above_title: bool) -> DropReason | None:
    names = metadata.find_byline(line.text) if line.shape.words <= 25 else None
    if names:
        result.authors = result.authors or names
        result.date = result.date or metadata.find_date(line.text)
        return DropReason.BYLINE
    if metadata.is_date_line(line.text) or chrome.is_timestamp(line.text):
        result.date = result.date or metadata.find_date(line.text)
        return DropReason.DATELINE
    outlet = metadata.find_outlet_line(line.text)
    if outlet:
        result.outlet = result.outlet or outlet
        return DropReason.SOURCE_CREDIT
    if chrome.is_masthead(line.text):
        result.outlet = result.outlet or metadata.masthead_name(line.text)
        return DropReason.SOURCE_CREDIT
    return chrome.chrome_reason(line.text, outside_body=above_title)


def _find_trailer(lines: list[Line], body_start: int) -> int:
    """Index of the first trailer line: a block marker, or what follows the last prose."""
    last_prose = body_start - 1
    for index in range(body_start, len(lines)):
        line = lines[index]
        if chrome.is_section_marker(line.text) and index > body_start:
            return index
        if line.shape.prose and chrome.chrome_reason(line.text) is None:
            last_prose = index
    return last_prose + 1


def _label_body(lines: list[Line], labels: list, start: int, end: int) -> None:
    for index in range(start, end):
        if labels[index] is not None:
            continue
        line = lines[index]
        reason = chrome.chrome_reason(line.text)
        if reason is not None:
            labels[index] = reason
        elif _is_teaser_pair(lines, index, end):
            labels[index] = labels[index + 1] = DropReason.RELATED_LINKS
        elif line.shape.ellipsis and _in_ellipsis_run(lines, index, end):
            labels[index] = DropReason.RELATED_LINKS
        elif line.shape.headline:
            labels[index] = _heading_or_teaser(lines, index, end)
        else:
            labels[index] = ParagraphKind.TEXT


def _is_teaser_pair(lines: list[Line], index: int, end: int) -> bool:
    """A headline followed by an excerpt cut off mid-sentence links to another article."""
    return index + 1 < end and lines[index].shape.headline and lines[index + 1].shape.truncated


def _in_ellipsis_run(lines: list[Line], index: int, end: int) -> bool:
    neighbours = [lines[i] for i in (index - 1, index + 1) if 0 <= i < end]
    return any(n.shape.ellipsis for n in neighbours)


def _heading_or_teaser(lines: list[Line], index: int, end: int) -> ParagraphKind | DropReason:
    """A subheading is followed by body prose; a lone headline at the end links elsewhere."""
    following = lines[index + 1] if index + 1 < end else None
    if following is not None and (following.shape.prose or following.shape.headline):
        return ParagraphKind.HEADING
    return DropReason.RELATED_LINKS


def _label_trailer(lines: list[Line], labels: list, start: int) -> None:
    current = DropReason.RELATED_LINKS
    for index in range(start, len(lines)):
        line = lines[index]
        if chrome.is_section_marker(line.text):
            current = DropReason.RELATED_LINKS
            labels[index] = current
            continue
        reason = chrome.chrome_reason(line.text, outside_body=True)
        if reason is DropReason.DATELINE:
            # A timestamp in a link block dates a teaser; the block keeps its reason.
            reason = None
        elif reason is not None:
            current = reason
        elif line.shape.truncated:
            reason = DropReason.RELATED_LINKS
        labels[index] = reason or current


def _normalise(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _mark_repeats(lines: list[Line], labels: list) -> None:
    """A lead or headline shown twice keeps one copy; the others are dropped."""
    first_body: dict[str, int] = {}
    for index, line in enumerate(lines):
        if isinstance(labels[index], ParagraphKind):
            first_body.setdefault(_normalise(line.text), index)
    titles = {
        _normalise(lines[i].text) for i, label in enumerate(labels) if label is DropReason.HEADLINE
    }
    lead = min((i for i, label in enumerate(labels) if label is ParagraphKind.TEXT), default=None)
    for index, line in enumerate(lines):
        key = _normalise(line.text)
        if len(key) < 20 or not (labels[index] is None or isinstance(labels[index], ParagraphKind)):
            continue
        if key in titles:
            labels[index] = DropReason.DUPLICATE
            continue
        kept = first_body.get(key)
        if kept is not None and kept != index:
            labels[index] = DropReason.REPEATED_LEAD if kept == lead else DropReason.DUPLICATE


def _collect(lines: list[Line], labels: list, result: CleanText) -> None:
    for line, label in zip(lines, labels, strict=True):
        if label is None:
            label = ParagraphKind.TEXT
        if isinstance(label, ParagraphKind):
            result.paragraphs.append(Paragraph(line.text, line.start, line.end, label))
        else:
            result.dropped.append(DroppedPart(line.text, line.start, line.end, label))


def _find_carrier(result: CleanText) -> None:
    """A syndicator names itself in its footer ("a news release to X")."""
    for part in result.dropped:
        if part.reason in (DropReason.SYNDICATION_FOOTER, DropReason.NEWSLETTER):
            carrier = metadata.find_carrier(part.text)
            if carrier and carrier != result.outlet:
                result.carried_by = carrier
                return
