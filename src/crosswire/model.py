"""The data model shared by every stage.

Every span is a pair of character offsets into ``SourceDocument.text``. For plain-text and
JSONL input that is the decoded file exactly as it is (no newline translation); for HTML it is
the page's visible text as Crosswire renders it, with the markup kept in ``SourceDocument.raw``.
Later stages (sentences, quotes, claims) hang their spans off the same text, so
``source.text[span.start:span.end]`` is always the evidence a user can click through to.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class InputKind(StrEnum):
    TEXT = "text"
    HTML = "html"
    JSONL = "jsonl"


class ParagraphKind(StrEnum):
    TEXT = "text"
    HEADING = "heading"


class DropReason(StrEnum):
    """Why a part of the page is not article body."""

    HEADLINE = "headline"
    BYLINE = "byline"
    DATELINE = "dateline"
    SOURCE_CREDIT = "source-credit"
    NAVIGATION = "navigation"
    PROMO = "promo"
    NEWSLETTER = "newsletter"
    RELATED_LINKS = "related-links"
    CAPTION = "caption"
    MEDIA_NOTICE = "media-notice"
    REPEATED_LEAD = "repeated-lead"
    DUPLICATE = "duplicate"
    COMMENTS = "comments"
    SYNDICATION_FOOTER = "syndication-footer"
    BOILERPLATE = "boilerplate"


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")


@dataclass(slots=True)
class SourceDocument:
    """One input document, decoded. ``text`` is what every span indexes."""

    location: str
    text: str
    encoding: str
    kind: InputKind
    id: str | None = None
    url: str | None = None
    raw: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    def slice(self, span: Span) -> str:
        return self.text[span.start : span.end]


@dataclass(slots=True)
class Paragraph:
    text: str
    start: int
    end: int
    kind: ParagraphKind = ParagraphKind.TEXT


@dataclass(slots=True)
class DroppedPart:
    text: str
    start: int
    end: int
    reason: DropReason


@dataclass(slots=True)
class Article:
    source: SourceDocument
    title: str | None = None
    title_span: Span | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    outlet: str | None = None
    carried_by: str | None = None
    language: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    dropped: list[DroppedPart] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)

    @property
    def author(self) -> str | None:
        return ", ".join(self.authors) or None

    def to_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {"path": self.source.location}
        if self.source.id is not None:
            record["id"] = self.source.id
        if self.source.url is not None:
            record["url"] = self.source.url
        record.update(
            kind=self.source.kind.value,
            encoding=self.source.encoding,
            title=self.title,
            title_span=asdict(self.title_span) if self.title_span else None,
            author=self.author,
            authors=self.authors,
            date=self.date,
            outlet=self.outlet,
            carried_by=self.carried_by,
            language=self.language,
            paragraphs=[
                {"text": p.text, "start": p.start, "end": p.end, "kind": p.kind.value}
                for p in self.paragraphs
            ],
            dropped=[
                {"text": d.text, "start": d.start, "end": d.end, "reason": d.reason.value}
                for d in self.dropped
            ],
        )
        return record


class QuoteKind(StrEnum):
    FULL = "full"
    PARTIAL = "partial"
    SCARE = "scare"


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of the source text that names something, such as a speaker or a cue verb.

    ``refers_to`` is set when the words themselves do not name the referent (a pronoun).
    """

    text: str
    start: int
    end: int
    refers_to: str | None = None

    def to_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {"text": self.text, "start": self.start, "end": self.end}
        if self.refers_to is not None:
            record["refers_to"] = self.refers_to
        return record


@dataclass(slots=True)
class Quote:
    text: str
    start: int
    end: int
    kind: QuoteKind
    speaker: str | None = None
    speaker_mention: Mention | None = None
    cue: Mention | None = None
    headline: bool = False
    speaker_pronoun: Mention | None = None
    continued: bool = False  # the quote goes on in the next paragraph

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind.value,
            "speaker": self.speaker,
            "speaker_mention": self.speaker_mention.to_dict() if self.speaker_mention else None,
            "speaker_pronoun": self.speaker_pronoun.to_dict() if self.speaker_pronoun else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "headline": self.headline,
            "continued": self.continued,
        }


@dataclass(slots=True)
class Person:
    """One person as named across articles: a canonical name, the variants, the titles."""

    name: str
    variants: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    gender: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "variants": sorted(self.variants),
            "titles": sorted(self.titles),
        }
