"""Russian quotes: «ёлочки» with „лапки“ nested inside, speech introduced by a dash
("— Мы готовы, — сказал он."), and their speakers through natasha's parse.

A speaker is the subject of the speech verb (заявил, сказал, отметил…) beside the quote, the
name in "по словам X" / "как заявил X", a person named in apposition to a role ("министр
иностранных дел Сергей Лавров"), or, for "он"/"она", the last person of that gender named
before; a quote with no cue that continues a quoted paragraph keeps the previous speaker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from crosswire.model import Mention, Quote, QuoteKind, Span
from crosswire.nlp.parse import Annotated, ParsedParagraph
from crosswire.nlp.people import PersonIndex
from crosswire.nlp.quotes.marks import SCARE_MAX_WORDS, RawQuote, find_quote_spans

# Lemmas of verbs that report speech (natasha lemmatizes заявил to заявить).
CUE_LEMMAS = frozenset(
    """заявить заявлять сказать говорить отметить отмечать подчеркнуть подчёркивать подчеркивать
    признать признавать добавить добавлять сообщить сообщать пояснить пояснять уточнить уточнять
    напомнить напоминать указать указывать заметить замечать ответить отвечать написать писать
    предупредить предупреждать заверить заверять утверждать настаивать считать назвать называть
    констатировать рассказать рассказывать объяснить объяснять высказаться выразить заключить
    резюмировать обещать пообещать пожаловаться возразить парировать продолжить
    говориться""".split()
)
PRONOUN_GENDER = {"он": "m", "она": "f", "они": "p"}
GENDERS = {"Masc": "m", "Fem": "f"}
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# "по словам Лаврова", "как заявил Лавров": the name is the speaker, with no subject to find.
SOURCE_NOUNS = frozenset({"слово", "мнение", "данные", "оценка"})

# A paragraph of direct speech: "— Мы готовы, — сказал он. — Но не на любых условиях."
_DASH = "—–"
_DASH_SPEECH = re.compile(
    rf"^[ \t]*[{_DASH}-][ \t]+(?P<first>.+?)"
    rf"(?:(?<=[,!?…])[ \t]+[{_DASH}][ \t]+(?P<author>[^{_DASH}]+?)"
    rf"(?:[.:][ \t]+[{_DASH}][ \t]+(?P<second>.+?))?)?[ \t]*$",
    re.S,
)


def raw_quotes_ru(article) -> tuple[list[RawQuote], set[int]]:
    """Quoted passages and dash-introduced speech, paragraph by paragraph; and the starts of
    the dash-introduced ones."""
    found: list[RawQuote] = []
    dashed: set[int] = set()
    for index, paragraph in enumerate(article.paragraphs):
        spans = _guillemet_spans(paragraph.text)
        if spans is None:  # no «…» here: straight or curly marks, as in English
            spans = [(s, e) for s, e, _ in find_quote_spans(paragraph.text)]
        speech = _dash_speech(paragraph.text, spans)
        dashed.update(paragraph.start + start for start, _ in speech)
        for start, end in sorted(spans + speech):
            found.append(
                RawQuote(index, paragraph.start + start, paragraph.start + end, True, index)
            )
    return found, dashed


def _guillemet_spans(text: str) -> list[tuple[int, int]] | None:
    """Outermost «…» passages; „…“ or «…» inside them are quotes within the quote."""
    if "«" not in text:
        return None
    spans, depth, start = [], 0, 0
    for position, char in enumerate(text):
        if char == "«":
            if depth == 0:
                start = position + 1
            depth += 1
        elif char == "»" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, position))
    if depth:  # unclosed: the quote runs to the paragraph's end
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if re.search(r"\w", text[s:e])]


def _dash_speech(text: str, quoted: list[tuple[int, int]]) -> list[tuple[int, int]]:
    match = _DASH_SPEECH.match(text)
    if match is None:
        return []
    pieces = []
    for group in ("first", "second"):
        start, end = match.span(group)
        if start < 0:
            continue
        end = start + len(text[start:end].rstrip(",.—– \t"))
        if not any(s < end and start < e for s, e in quoted):
            pieces.append((start, end))
    return pieces


# ------------------------------------------------------------------------------- speakers


def extract_quotes_ru(annotated: Annotated, people: PersonIndex) -> list[Quote]:
    """All quotes of one Russian article, in reading order, with cue and speaker where found."""
    text = annotated.article.source.text
    raw, dashed = raw_quotes_ru(annotated.article)
    spans = [Span(q.start, q.end) for q in raw]
    roles = Roles.of(annotated, people)
    quotes: list[Quote] = []
    for item in raw:
        parsed = annotated.paragraphs[item.paragraph]
        found = _speaker(item, parsed, annotated, people, spans, roles)
        previous = quotes[-1] if quotes else None
        if found == (None, None, None) and previous and _continues(item, previous, annotated):
            found = (previous.speaker_mention, previous.cue, previous.speaker_pronoun)
        speaker, cue, pronoun = found
        kind = _kind(text, item, cue is not None, parsed, item.start in dashed)
        if kind is QuoteKind.SCARE:
            speaker = pronoun = cue = None
        name = people.canonical_for(speaker) if speaker is not None else None
        quote = Quote(text[item.start : item.end], item.start, item.end, kind, name, speaker, cue)
        quote.speaker_pronoun = pronoun
        if speaker is not None and speaker.refers_to is None:
            people.note_speaker(speaker)
        quotes.append(quote)
    quotes.extend(_headline_quotes(annotated, people))
    return sorted(quotes, key=lambda q: q.start)


# "Громов: …" — a headline that opens with a name and a colon gives the words to that name.
_HEADLINE_SPEAKER = re.compile(r"^([А-ЯЁ][\w-]+(?: [А-ЯЁ][\w-]+)?):")


def _headline_quotes(annotated: Annotated, people: PersonIndex) -> list[Quote]:
    """«…» in the headline, given to the one person the headline names ("Громов: «…»")."""
    span, doc = annotated.article.title_span, annotated.title_doc
    if span is None or doc is None:
        return []
    text = annotated.article.source.text
    headline = text[span.start : span.end]
    spans = _guillemet_spans(headline) or [(s, e) for s, e, _ in find_quote_spans(headline)]
    named = [e for e in doc.ents if e.label_ == "PERSON"]
    quotes = []
    for start, end in spans:
        outside = [e for e in named if e.end_char <= start or e.start_char >= end]
        speaker = None
        if len(outside) == 1:
            speaker = _mention(text, span.start + outside[0].start_char, len(outside[0].text))
        elif not named and (lead := _HEADLINE_SPEAKER.match(headline)) and lead.end(1) <= start:
            found = _mention(text, span.start, lead.end(1))
            speaker = found if people.lookup(found) is not None else None
        words = len(re.findall(r"\w+", headline[start:end]))
        kind = QuoteKind.PARTIAL if speaker or words > SCARE_MAX_WORDS else QuoteKind.SCARE
        name = people.canonical_for(speaker) if speaker else None
        quote = Quote(
            headline[start:end], span.start + start, span.start + end, kind, name, speaker
        )
        quote.headline = True
        quotes.append(quote)
    return quotes


@dataclass(slots=True)
class Roles:
    """Who holds a role the article named beside a name ("министр … Павел Громов"), so that
    "— подчеркнул министр" later is that person."""

    named: list[tuple[int, str, object]]  # (position, role lemma, the person)

    @classmethod
    def of(cls, annotated: Annotated, people: PersonIndex) -> Roles:
        named = []
        text = annotated.article.source.text
        for parsed in annotated.paragraphs:
            for ent in parsed.doc.ents:
                head = ent.root.head
                if ent.label_ != "PERSON" or ent.root.dep_ != "appos" or head.pos_ != "NOUN":
                    continue
                start = parsed.offset + ent.start_char
                local = people.lookup(
                    Mention(text[start : start + len(ent.text)], start, start + len(ent.text))
                )
                if local is not None:
                    named.append((start, head.lemma_, local))
        return cls(named)

    def holder(self, lemma: str, position: int):
        earlier = [(p, local) for p, role, local in self.named if role == lemma and p < position]
        return max(earlier, key=lambda pair: pair[0])[1] if earlier else None


def _continues(item: RawQuote, previous: Quote, annotated: Annotated) -> bool:
    """The next piece of the same paragraph, or a paragraph that is all quotation."""
    paragraph = annotated.article.paragraphs[item.paragraph]
    return previous.start >= paragraph.start or item.start <= paragraph.start + 2


def _kind(
    text: str, item: RawQuote, has_cue: bool, parsed: ParsedParagraph, dashed: bool = False
) -> QuoteKind:
    content = text[item.start : item.end]
    words = re.findall(r"\w+", content)
    before = text[parsed.offset : item.start].rstrip().rstrip('«„"“').rstrip()
    after = text[item.end : item.end + 4].lstrip('»“"')
    introduced = dashed or before.endswith(":") or re.match(r"[,!?…]?\s*[—–]", after) is not None
    # A short quote names something (радиостанция «Норд») unless a speech verb cites it
    # (назвала решение «справедливым») or a colon or dash introduces it.
    short = len(words) <= SCARE_MAX_WORDS
    if short and not introduced and (not has_cue or _modifies_a_noun(item, parsed)):
        return QuoteKind.SCARE
    first = content.lstrip("(['\"“„«.… ")
    capital = bool(first) and (first[0].isupper() or first[0].isdigit())
    if (not before or before.endswith((":", ".", "!", "?", "—", "–", "-"))) and capital:
        return QuoteKind.FULL
    return QuoteKind.PARTIAL


def _modifies_a_noun(item: RawQuote, parsed: ParsedParagraph) -> bool:
    start, end = item.start - parsed.offset, item.end - parsed.offset
    inside = [t for t in parsed.doc if start <= t.idx < end]
    heads = [t for t in inside if t.head not in inside or t.head == t]
    return bool(heads) and all(
        t.dep_ in {"appos", "flat", "flat:foreign", "nmod", "amod"}
        and t.head.pos_ in {"NOUN", "PROPN"}
        for t in heads
    )


def _speaker(
    item: RawQuote,
    parsed: ParsedParagraph,
    annotated: Annotated,
    people: PersonIndex,
    spans: Sequence[Span],
    roles: Roles,
) -> tuple[Mention | None, Mention | None, Mention | None]:
    """(speaker, cue, pronoun) for one quote."""
    text = annotated.article.source.text
    outside = _outside_tokens(item, parsed, spans)
    sources = [t for t in outside if t.lemma_ in SOURCE_NOUNS and t.text.lower() == "словам"]
    cues = [t for t in outside if t.lemma_ in CUE_LEMMAS and t.pos_ in {"VERB", "AUX"}]
    if not sources and not cues:
        return _introduced_before(item, annotated, people, spans, roles)
    cue_token = min(sources + cues, key=lambda t: _distance(t, parsed, item))
    if cue_token in sources:  # "по словам X", "по её словам"
        speaker, pronoun = _source_of(cue_token, parsed, text, people, spans, roles)
        return speaker, None, pronoun
    cue = _mention(text, parsed.offset + cue_token.idx, len(cue_token.text))
    speaker, pronoun = _subject_of(cue_token, parsed, text, people, spans, roles)
    return speaker, cue, pronoun


def _outside_tokens(item: RawQuote, parsed: ParsedParagraph, spans: Sequence[Span]) -> list:
    """Tokens of the sentences the quote touches, outside every quote."""
    doc = parsed.doc
    start, end = item.start - parsed.offset, item.end - parsed.offset
    tokens = []
    for sent in doc.sents:
        if sent.end_char < start or sent.start_char > end:
            continue
        for token in sent:
            position = parsed.offset + token.idx
            if not any(s.start - 1 <= position < s.end + 1 for s in spans):
                tokens.append(token)
    return tokens


def _distance(token, parsed: ParsedParagraph, item: RawQuote) -> int:
    position = parsed.offset + token.idx
    return max(item.start - position, position - item.end, 0)


POSSESSIVE_GENDER = {"его": "m", "её": "f", "ее": "f", "их": "p"}


def _source_of(noun, parsed: ParsedParagraph, text: str, people: PersonIndex, spans, roles):
    """(speaker, pronoun) of "по словам X": a name under the noun, or whose words "её" are."""
    for token in noun.subtree:
        if token.ent_type_ == "PERSON" or (
            token.pos_ == "PROPN" and token.dep_ in {"nmod", "appos"}
        ):
            return _name_mention(token, parsed, text), None
    for child in noun.children:
        gender = POSSESSIVE_GENDER.get(child.text.lower())
        if gender:
            return _resolve_pronoun(child, gender, parsed, text, people, spans)
        if child.pos_ == "NOUN" and child.dep_ == "nmod":  # "по словам футболиста"
            return _role_holder(child, parsed, text, people, spans, roles), None
    return None, None


def _document_of(cue_token, parsed: ParsedParagraph, text: str) -> Mention | None:
    """ "говорится в обращении Лунина": with no subject, the person whose statement, address or
    letter the verb names is the one speaking."""
    for child in cue_token.children:
        if child.dep_ == "obl":
            named = next((t for t in child.subtree if t.ent_type_ == "PERSON"), None)
            if named is not None:
                return _name_mention(named, parsed, text)
    return None


def _role_holder(noun, parsed: ParsedParagraph, text: str, people, spans, roles):
    """An animate common noun that stands for a person named before: the one the article named
    with that role, else the only person named so far, else the one person the sentence before
    names ("нападающий Денис Юсупов посвятил гол… По словам футболиста, …"). An inanimate noun
    ("администрация порта") is an institution: no person."""
    if "Anim" not in noun.morph.get("Animacy"):
        return None
    words = _mention(text, parsed.offset + noun.idx, len(noun.text))
    quoted = [Span(s.start, s.end) for s in spans]
    holder = (
        roles.holder(noun.lemma_, words.start)
        or _only_person_before(people, words)
        or people.named_just_before(words.start, quoted, _sentence_bounds(noun, parsed))
    )
    return _referring(words, holder)


def _resolve_pronoun(token, gender: str, parsed: ParsedParagraph, text: str, people, spans):
    pronoun = _mention(text, parsed.offset + token.idx, len(token.text))
    quoted = [Span(s.start, s.end) for s in spans]
    bounds = _sentence_bounds(token, parsed)
    local = people.antecedent(pronoun.start, gender, quoted, sentences=bounds)
    return _referring(pronoun, local), pronoun


def _subject_of(cue_token, parsed: ParsedParagraph, text: str, people: PersonIndex, spans, roles):
    subjects = [c for c in cue_token.children if c.dep_ in SUBJECTS]
    if not subjects and cue_token.dep_ in {"conj", "xcomp"}:  # "встретился и заявил"
        subjects = [c for c in cue_token.head.children if c.dep_ in SUBJECTS]
    if not subjects:
        return _document_of(cue_token, parsed, text), None
    subject = subjects[0]
    lower = subject.text.lower()
    if subject.pos_ == "PRON" and lower in PRONOUN_GENDER:
        return _resolve_pronoun(subject, PRONOUN_GENDER[lower], parsed, text, people, spans)
    if subject.ent_type_ == "PERSON" or subject.pos_ == "PROPN":
        return _name_mention(subject, parsed, text), None
    named = _person_in_subtree(subject)
    if named is not None:  # "министр иностранных дел России Сергей Лавров заявил"
        return _name_mention(named, parsed, text), None
    if subject.pos_ != "NOUN":
        return None, None
    words = _mention(text, parsed.offset + subject.idx, len(subject.text))
    if subject.text[:1].isupper() and people.lookup(words) is not None:
        return words, None  # a surname that is also a word: Холм
    return _role_holder(subject, parsed, text, people, spans, roles), None  # "— сказал министр"


def _only_person_before(people: PersonIndex, words: Mention):
    """ "— сказал министр" where the article has named one person so far: that person (a role
    named in other words, "глава МИД", is still the one person there is)."""
    named = [p for p in people.people if any(q < words.start for q in p.positions)]
    return named[0] if len(named) == 1 else None


def _referring(words: Mention, local) -> Mention | None:
    if local is None:
        return None
    return Mention(words.text, words.start, words.end, local.person.name)


def _sentence_bounds(token, parsed: ParsedParagraph) -> tuple[int, int]:
    """(start of the sentence before, start of the token's sentence), in source offsets."""
    sentences = list(token.doc.sents)
    number = next(i for i, s in enumerate(sentences) if s.start <= token.i < s.end)
    current = parsed.offset + sentences[number].start_char
    previous = parsed.offset + sentences[number - 1].start_char if number else current
    return previous, current


def _person_in_subtree(token):
    for child in token.subtree:
        if child.ent_type_ == "PERSON" and child.dep_ in {"appos", "flat:name", "nmod", "nsubj"}:
            return child
    return None


def _name_mention(token, parsed: ParsedParagraph, text: str) -> Mention:
    entity = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    start_char, end_char = (
        (entity.start_char, entity.end_char)
        if entity is not None
        else (token.idx, token.idx + len(token.text))
    )
    return _mention(text, parsed.offset + start_char, end_char - start_char)


def _mention(text: str, start: int, length: int) -> Mention:
    return Mention(text[start : start + length], start, start + length)


def _introduced_before(item: RawQuote, annotated: Annotated, people: PersonIndex, spans, roles):
    """'Лавров заявил:' closing the paragraph or sentence before the quote."""
    paragraph_index = item.paragraph
    parsed = annotated.paragraphs[paragraph_index]
    text = annotated.article.source.text
    before = text[parsed.offset : item.start].rstrip(' «„"“—–')
    if not before and paragraph_index > 0:
        parsed = annotated.paragraphs[paragraph_index - 1]
        before = text[parsed.offset : parsed.offset + len(parsed.doc.text)].rstrip()
    if not before.endswith(":"):
        return None, None, None
    end = parsed.offset + len(before)
    sentence = next(
        (
            s
            for s in parsed.doc.sents
            if parsed.offset + s.start_char < end <= parsed.offset + s.end_char + 1
        ),
        None,
    )
    if sentence is None:
        return None, None, None
    cues = [t for t in sentence if t.lemma_ in CUE_LEMMAS and t.pos_ in {"VERB", "AUX"}]
    if not cues:
        return None, None, None
    cue_token = cues[-1]
    cue = _mention(text, parsed.offset + cue_token.idx, len(cue_token.text))
    speaker, pronoun = _subject_of(cue_token, parsed, text, people, spans, roles)
    return speaker, cue, pronoun
