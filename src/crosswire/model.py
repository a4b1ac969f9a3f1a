"""The data model shared by every stage.

Every span is a pair of character offsets into ``SourceDocument.text``. For plain-text and
JSONL input that is the decoded file exactly as it is (no newline translation); for HTML it is
the page's visible text as Crosswire renders it, with the markup kept in ``SourceDocument.raw``.
Later stages (sentences, quotes, claims) hang their spans off the same text, so
``source.text[span.start:span.end]`` is always the evidence a user can click through to.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
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


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Character offsets into a source text: the one span type every stage passes around.

    Findings keep their offsets as ``start`` and ``end`` fields (the JSON's shape); each has a
    ``span`` property that gives this type.
    """

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def holds(self, position: int) -> bool:
        return self.start <= position < self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def of(self, text: str) -> str:
        """The words this span points at in ``text``."""
        return text[self.start : self.end]


class Spanned:
    """A mixin for the dataclasses that keep their offsets as ``start`` and ``end`` fields."""

    __slots__ = ()

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)  # type: ignore[attr-defined]


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
        return span.of(self.text)


@dataclass(slots=True)
class Paragraph(Spanned):
    text: str
    start: int
    end: int
    kind: ParagraphKind = ParagraphKind.TEXT


@dataclass(slots=True)
class DroppedPart(Spanned):
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
class Mention(Spanned):
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
class Quote(Spanned):
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


# ------------------------------------------------------------------------------- comparison
#
# A comparison is the set of findings about one story. Every finding carries Evidence: the
# article it comes from and the character span of the exact words in that article's source text.


class Coverage(StrEnum):
    REPORTS = "reports"
    OMITS = "omits"
    CONTRADICTS = "contradicts"
    # Written in another language than every article that reports the claim, and not matched to
    # it across languages: its silence is not an omission.
    OTHER_LANGUAGE = "other-language"


class ChangeKind(StrEnum):
    COSMETIC = "cosmetic"  # case, punctuation, spelling, an editor's [insertion]
    ELISION = "elision"  # words left out at an ellipsis or at a cut
    WORDING = "wording"  # other words, close in meaning
    MEANING = "meaning"  # other words that change what was said


@dataclass(frozen=True, slots=True)
class Evidence(Spanned):
    """The exact words of one article a finding rests on: its key and a span of its text."""

    article: str
    start: int
    end: int
    text: str


@dataclass(slots=True)
class StoryArticle:
    """One column of the comparison: an article and the outlet that published it."""

    key: str
    outlet: str
    outlet_source: str  # metadata, text, domain or file name
    title: str | None
    date: str | None
    carried_by: str | None = None
    reprint_of: str | None = None
    event: int = 0
    language: str | None = None


@dataclass(slots=True)
class ClaimMember:
    evidence: Evidence
    coverage: Coverage
    position: float  # 0 at the top of the article, 1 at the end
    headline: bool = False


@dataclass(slots=True)
class ClaimGroup:
    id: str
    text: str  # the representative wording, one member's words
    importance: float
    members: list[ClaimMember] = field(default_factory=list)

    def articles(self) -> set[str]:
        return {m.evidence.article for m in self.members}


@dataclass(slots=True)
class WordChange:
    kind: ChangeKind
    base: Evidence | None  # the words in the group's fullest rendering
    variant: Evidence | None  # the words in this rendering


@dataclass(slots=True)
class QuoteVariant:
    evidence: Evidence
    kind: QuoteKind
    speaker: str | None
    cue: Evidence | None
    changes: list[WordChange] = field(default_factory=list)
    changes_meaning: bool = False
    # In another language than the group's base: a translation, so no word-level diff.
    translation: bool = False


@dataclass(slots=True)
class QuoteGroup:
    id: str
    speaker: str | None
    base: Evidence  # the fullest rendering, which the others are compared with
    variants: list[QuoteVariant] = field(default_factory=list)

    @property
    def changes_meaning(self) -> bool:
        return any(v.changes_meaning for v in self.variants)


class ConflictKind(StrEnum):
    NUMBER = "number"
    DATE = "date"
    TITLE = "title"
    ATTRIBUTION = "attribution"


@dataclass(slots=True)
class ConflictSide:
    value: str
    evidence: list[Evidence]


@dataclass(slots=True)
class Conflict:
    id: str
    kind: ConflictKind
    subject: str  # what the sides disagree about: "killed", "Donald Trump", a quote
    sides: list[ConflictSide]
    claim: str | None = None  # the claim group it was found in


@dataclass(slots=True)
class VerbUse:
    speaker: str
    verb: str  # the lemma
    category: str  # neutral, assertive, factive, emphatic, other
    count: int
    evidence: list[Evidence]


@dataclass(slots=True)
class LoadedTerm:
    evidence: Evidence
    category: str  # intensifier, evaluative, charged, distancing
    lexicon: str  # where the judgement comes from


@dataclass(slots=True)
class HeadlineFraming:
    evidence: Evidence
    verbs: list[Evidence]  # the headline's main verbs
    loaded_terms: list[LoadedTerm]
    body_support: float  # how closely the body bears the headline out (cosine, 0-1)


@dataclass(slots=True)
class OutletFraming:
    article: str
    outlet: str
    attribution_verbs: list[VerbUse] = field(default_factory=list)
    loaded_terms: list[LoadedTerm] = field(default_factory=list)
    headline: HeadlineFraming | None = None


@dataclass(slots=True)
class NameForm:
    form: str
    articles: list[str]
    evidence: list[Evidence]


@dataclass(slots=True)
class NamingVariant:
    label: str  # the entity type: PERSON, GPE, ORG...
    forms: list[NameForm]
    similarity: float  # how alike the spellings are once transliteration is set aside


@dataclass(slots=True)
class SummarySentence:
    text: str
    evidence: Evidence  # the words the sentence is taken from
    articles: list[str]  # every article that reports it
    claim: str | None = None


@dataclass(slots=True)
class SummaryDifference:
    text: str  # a plain account of the disagreement, quoting each side
    refers_to: str  # the conflict ("conflict-2") or quote group ("q3") it comes from
    evidence: list[Evidence]


@dataclass(slots=True)
class Summary:
    agreed: list[SummarySentence] = field(default_factory=list)
    differences: list[SummaryDifference] = field(default_factory=list)
    exclusive: list[SummarySentence] = field(default_factory=list)


@dataclass(slots=True)
class Omission:
    """A claim most articles of an event report that this one leaves out."""

    claim: str
    article: str
    reported_by: list[str]


@dataclass(slots=True)
class Comparison:
    articles: list[StoryArticle]
    claims: list[ClaimGroup]
    quotes: list[QuoteGroup]
    conflicts: list[Conflict]
    framing: list[OutletFraming]
    naming: list[NamingVariant]
    summary: Summary
    omissions: list[Omission] = field(default_factory=list)
    # Each article's language by key, built on first use: the matrix asks once per cell. Not
    # part of the comparison's data (left out of to_dict).
    _languages: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def coverage(self, claim: ClaimGroup, article: str) -> Coverage:
        for member in claim.members:
            if member.evidence.article == article:
                return member.coverage
        if self.language_of(article) not in self.claim_languages(claim):
            return Coverage.OTHER_LANGUAGE
        return Coverage.OMITS

    def language_of(self, article: str) -> str:
        if article not in self._languages:
            self._languages = {a.key: a.language or "en" for a in self.articles}
        return self._languages.get(article, "en")

    def several_languages(self) -> bool:
        return len({self.language_of(a.key) for a in self.articles}) > 1

    def claim_languages(self, claim: ClaimGroup) -> set[str]:
        return {self.language_of(m.evidence.article) for m in claim.members}

    def exclusive_claims(self) -> list[ClaimGroup]:
        return [c for c in self.claims if len(_counted(c.articles(), self.articles)) == 1]

    def to_dict(self) -> dict[str, Any]:
        record = asdict(self)
        del record["_languages"]
        record["schema"] = COMPARISON_SCHEMA_ID
        record["matrix"] = {
            "articles": [a.key for a in self.articles],
            "rows": [
                {"claim": c.id, "cells": [self.coverage(c, a.key).value for a in self.articles]}
                for c in self.claims
            ],
        }
        record["exclusive"] = [
            {"claim": c.id, "article": min(_counted(c.articles(), self.articles))}
            for c in self.exclusive_claims()
        ]
        return record


COMPARISON_SCHEMA_ID = "https://crosswire.invalid/schema/comparison/1"


def comparison_from_dict(record: dict[str, Any]) -> Comparison:
    """A comparison read back from its JSON (``Comparison.to_dict``)."""
    fields = {k: v for k, v in record.items() if k not in ("schema", "matrix", "exclusive")}
    return _build(Comparison, fields)


def _build(kind: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [k for k in typing.get_args(kind) if k is not type(None)]
        return _build(options[0], value)
    if origin is list:
        (item,) = typing.get_args(kind)
        return [_build(item, v) for v in value]
    if origin is dict:
        return dict(value)
    if isinstance(kind, type) and issubclass(kind, StrEnum):
        return kind(value)
    if dataclasses.is_dataclass(kind):
        hints = _field_types(kind)
        return kind(**{k: _build(hints[k], v) for k, v in value.items() if k in hints})
    return value


@functools.cache
def _field_types(kind: type) -> dict[str, Any]:
    names = {f.name for f in dataclasses.fields(kind)}
    return {k: v for k, v in typing.get_type_hints(kind).items() if k in names}


def _counted(keys: set[str], articles: list[StoryArticle]) -> set[str]:
    """Articles that count for coverage: a reprint counts as its original."""
    reprint_of = {a.key: a.reprint_of for a in articles}
    return {reprint_of.get(k) or k for k in keys}
