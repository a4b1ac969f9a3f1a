"""Russian: natasha's sentences, morphology, syntax and names, handed on as spaCy Docs.

No trained Russian spaCy pipeline exists on the registries; natasha (MIT, its models inside the
package, nothing fetched) parses to Universal Dependencies. Its output is rebuilt as a spaCy
``Doc`` over the paragraph's own characters, so that every later stage reads sentences, tokens,
heads, lemmas and entities through one interface, whatever the language. Each person's name is
also kept in the nominative ("Сергея Лаврова" is Сергей Лавров), since Russian inflects names.
"""

from __future__ import annotations

import functools
import re
import warnings
from dataclasses import dataclass, field

from crosswire.errors import CrosswireError

# natasha's labels as the English model's: people, places (as GPE: countries and cities are
# most of them), organisations.
ENTITY_LABELS = {"PER": "PERSON", "LOC": "GPE", "ORG": "ORG"}
# spaCy's English parser calls these by older names; the stages that look for a subject or a
# passive subject read one label whatever the language.
DEP_LABELS = {"root": "ROOT", "nsubj:pass": "nsubjpass"}
RUSSIAN_MONTHS = (
    "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
    "октября", "ноября", "декабря",
)  # fmt: skip
# "14 мая", "12 мая 2026 года"; and the weekdays as dates write them ("в понедельник").
RUSSIAN_DATE = re.compile(
    rf"\b\d{{1,2}}\s+(?:{'|'.join(RUSSIAN_MONTHS)})(?:\s+\d{{4}}(?:\s+года|\s*г\.)?)?"
    r"|\bв(?:о)?\s+(?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)\b",
    re.IGNORECASE,
)
SCALE_WORDS = ("тыс", "млн", "млрд", "трлн", "миллион", "миллиард", "триллион")
NORMAL_NAMES = "normal_names"  # Doc.user_data key: (start_char, end_char) -> nominative form


@dataclass(frozen=True, slots=True)
class _Natasha:
    segmenter: object
    morph_vocab: object
    morph_tagger: object
    syntax_parser: object
    ner_tagger: object
    vocab: object  # the spaCy vocabulary the Docs are built on


@functools.cache
def load_russian() -> _Natasha:
    """natasha's models, loaded once per process from the installed package."""
    try:
        with warnings.catch_warnings():
            # pymorphy2 imports pkg_resources, which warns on every import of setuptools 80
            warnings.simplefilter("ignore")
            import spacy
            from natasha import (
                MorphVocab,
                NewsEmbedding,
                NewsMorphTagger,
                NewsNERTagger,
                NewsSyntaxParser,
                Segmenter,
            )

            embedding = NewsEmbedding()
            return _Natasha(
                Segmenter(),
                MorphVocab(),
                NewsMorphTagger(embedding),
                NewsSyntaxParser(embedding),
                NewsNERTagger(embedding),
                spacy.blank("ru").vocab,
            )
    except ImportError as error:
        raise CrosswireError(
            f"the Russian models are not installed ({error}); run `make install`"
        ) from None


def parse_russian(text: str):
    """One paragraph as a spaCy Doc whose text is exactly ``text``."""
    from natasha import Doc as NatashaDoc

    models = load_russian()
    parsed = NatashaDoc(text)
    parsed.segment(models.segmenter)
    parsed.tag_morph(models.morph_tagger)
    parsed.parse_syntax(models.syntax_parser)
    parsed.tag_ner(models.ner_tagger)
    for token in parsed.tokens:
        token.lemmatize(models.morph_vocab)
    return _as_spacy(text, parsed, models)


@dataclass(slots=True)
class _Columns:
    """The token attributes a spaCy Doc is built from, one list per attribute."""

    words: list[str] = field(default_factory=list)
    spaces: list[bool] = field(default_factory=list)
    pos: list[str] = field(default_factory=list)
    deps: list[str] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    morphs: list[str] = field(default_factory=list)
    sent_starts: list[bool] = field(default_factory=list)
    heads: list[str | int | None] = field(default_factory=list)  # natasha id, Doc index, root

    def add(self, word, pos, dep, lemma, morph, start, head) -> None:
        for column, value in zip(
            (self.words, self.spaces, self.pos, self.deps, self.lemmas, self.morphs),
            (word, False, pos, dep, lemma, morph),
            strict=True,
        ):
            column.append(value)
        self.sent_starts.append(start)
        self.heads.append(head)

    def gap(self, text: str) -> None:
        """One space joins two tokens; other whitespace becomes a whitespace token, as spaCy's
        own tokenizer makes it, so that the Doc's characters stay the paragraph's. It hangs
        on the token before, as in spaCy, so it does not make a sentence of its own."""
        if text == " " and self.spaces:
            self.spaces[-1] = True
        elif text:
            before = len(self.words) - 1 if self.words else None
            self.add(text, "SPACE", "dep", text, "", not self.words, before)


def _as_spacy(text: str, parsed, models: _Natasha):
    from spacy.tokens import Doc

    columns = _Columns()
    index_of: dict[str, int] = {}
    position = 0
    for sentence in parsed.sents:
        for number, token in enumerate(sentence.tokens):
            columns.gap(text[position : token.start])
            index_of[token.id] = len(columns.words)
            columns.add(
                token.text,
                token.pos or "X",
                DEP_LABELS.get(token.rel, token.rel or "dep"),
                token.lemma or token.text.lower(),
                "|".join(f"{k}={v}" for k, v in sorted((token.feats or {}).items())),
                number == 0,
                token.head_id if token.rel != "root" else None,
            )
            position = token.stop
    columns.gap(text[position:])
    if not columns.words:
        return Doc(models.vocab, words=[])
    doc = Doc(
        models.vocab,
        words=columns.words,
        spaces=columns.spaces,
        pos=columns.pos,
        deps=columns.deps,
        heads=[_head(h, i, index_of) for i, h in enumerate(columns.heads)],
        lemmas=columns.lemmas,
        morphs=columns.morphs,
        sent_starts=columns.sent_starts,
    )
    if doc.text != text:  # never expected: every offset downstream relies on it
        raise CrosswireError("the Russian tokenizer lost characters of a paragraph")
    _set_entities(doc, parsed, models)
    return doc


def _head(head: str | int | None, position: int, index_of: dict[str, int]) -> int:
    if head is None:
        return position
    if isinstance(head, int):
        return head
    return index_of.get(head, position)


def _set_entities(doc, parsed, models: _Natasha) -> None:
    from spacy.tokens import Span

    spans, normal = [], {}
    for found in parsed.spans:
        span = doc.char_span(found.start, found.stop, label=ENTITY_LABELS.get(found.type, "MISC"))
        if span is None:
            continue
        spans.append(span)
        found.normalize(models.morph_vocab)
        normal[(span.start_char, span.end_char)] = _nominative_name(found, span)
    for match in RUSSIAN_DATE.finditer(doc.text):
        date = doc.char_span(match.start(), match.end(), label="DATE", alignment_mode="expand")
        if date is not None and not any(s.start < date.end and date.start < s.end for s in spans):
            spans.append(date)
    taken = {i for span in spans for i in range(span.start, span.end)}
    for token in doc:
        if token.pos_ == "NUM" and any(c.isdigit() for c in token.text) and token.i not in taken:
            end = token.i + 1
            if end < len(doc) and doc[end].lower_.startswith(SCALE_WORDS) and end not in taken:
                end += 1  # "3 млн": the scale is part of the number
            spans.append(Span(doc, token.i, end, label="CARDINAL"))
    doc.set_ents(sorted((s for s in spans if s is not None), key=lambda s: s.start))
    doc.user_data[NORMAL_NAMES] = normal


def _nominative_name(found, span) -> str:
    """natasha's normal form, each word capitalised as written ("Лаврова" is "Лавров")."""
    normal = found.normal or span.text
    written = span.text.split()
    words = normal.split()
    if len(written) == len(words):
        words = [
            w[:1].upper() + w[1:] if o[:1].isupper() else w
            for w, o in zip(words, written, strict=True)
        ]
    return " ".join(words)


# ----------------------------------------------------------------------- across scripts

# Russian letters as English-language newsrooms write them (BGN/PCGN, simplified): Лавров is
# Lavrov, Сергей Sergey, Киев Kiev. Other spellings of the same name (Sergei, Kyiv) are left to
# the fuzzy name matching that already joins Sergei and Sergey.
_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
}  # fmt: skip
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def has_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


def latin(text: str) -> str:
    """Cyrillic letters transliterated, case kept; other characters as they are."""
    if not has_cyrillic(text):
        return text
    out = []
    for char in text:
        lower = char.lower()
        plain = _LATIN.get(lower)
        if plain is None:
            out.append(char)
        elif char != lower:
            out.append(plain[:1].upper() + plain[1:])
        else:
            out.append(plain)
    return "".join(out)
