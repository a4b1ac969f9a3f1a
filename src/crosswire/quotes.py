"""Direct and partial quotes, their cue verbs and their speakers.

Quotes are found from the quote marks in the original text, so every quote's span is exactly
the quoted words. Who said it comes from the parse: the subject of the cue verb that governs or
sits beside the quote, an appositive when the subject is a role ("a spokesperson, John Kirby"),
the last fitting person for a pronoun, and the previous speaker for a paragraph that continues a
quote.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from crosswire.model import Article, Mention, Person, Quote, QuoteKind
from crosswire.nlp import Annotated, ParsedParagraph
from crosswire.people import PersonIndex, PersonRegistry, clean_name

CUE_LEMMAS = frozenset(
    """say tell add claim stress note write post state ask explain insist argue warn declare
    announce emphasize emphasise reiterate admit reveal acknowledge continue reply respond
    remark tweet suggest recall concede confirm deny call describe comment observe predict
    promise vow urge pledge complain boast slam blast accuse assert contend maintain caution
    testify report quip joke lament agree recount insist mutter shout scream yell whisper sigh
    laugh express underline underscore highlight point exclaim conclude begin answer counter
    retort tout proclaim affirm allege charge demand plead propose recommend reason speculate
    wonder repeat rebuke brag predict estimate acknowledge bark boom confess shoot snap fire
    chime interject thunder gush scoff sneer rail fume muse opine rant read quote cite""".split()
)
_CUE_WORDS = (
    r"(?:said|says|told|tells|added|adds|claimed|claims|stressed|stresses|noted|notes|wrote"
    r"|writes|posted|stated|states|asked|asks|explained|insisted|argued|warned|declared"
    r"|emphasi[sz]ed|reiterated|admitted|revealed|acknowledged|continued|replied|responded"
    r"|tweeted|concluded)"
)
_TAIL_ATTRIBUTION = re.compile(
    rf",\s+(?:(?:he|she|they)|(?:[A-Z][\w'’.-]+\s+){{0,3}}[A-Z][\w'’.-]+)\s+{_CUE_WORDS}\b[^\"“”]*$"
    rf"|,\s+{_CUE_WORDS}\s+(?:[A-Z][\w'’.-]+\s*){{1,4}}[^\"“”]*$"
)

OPENING = "“„«"
CLOSING = "”»"
STRAIGHT = '"'
# Quote marks as the parser's tokens: single marks, and doubled ones as one token.
QUOTE_MARKS = frozenset({*OPENING, *CLOSING, STRAIGHT, "'", "‘", "’", "''", "``"})
SCARE_MAX_WORDS = 3
LONG_QUOTE_WORDS = 6
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f", "they": "p", "them": "p"}


@dataclass(slots=True)
class _RawQuote:
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


def find_single_quoted(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """'Single-quoted' phrases, as headlines use them; apostrophes are not quotes."""
    text = _doubled_singles_as_double(text) if "''" in text else text
    spans = []
    pattern = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))[‘'](?=\S)(.+?)(?<=[^\s])[’'](?![\w])")
    for match in pattern.finditer(text):
        spans.append((offset + match.start(1), offset + match.end(1)))
    return spans


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
    raw = _link_continuations(_raw_quotes(article), article)
    quotes: list[Quote] = []
    if not raw and annotated.title_doc is None:
        return quotes
    previous: Quote | None = None
    spans_by_paragraph: dict[int, list[tuple[int, int]]] = {}
    for item in raw:
        for index in range(item.paragraph, item.last_paragraph + 1):
            spans_by_paragraph.setdefault(index, []).append((item.start, item.end))
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


def _raw_quotes(article: Article) -> list[_RawQuote]:
    found = []
    for index, paragraph in enumerate(article.paragraphs):
        doubles = find_quote_spans(paragraph.text, paragraph.start)
        for start, end, closed in doubles:
            found.append(_RawQuote(index, start, end, closed, index))
        for start, end in find_single_quoted(paragraph.text, paragraph.start):
            # Single marks quote on their own only outside double quotes (British style,
            # or text whose double marks were flattened); inside, they are nested quotes.
            nested = any(s - 1 <= start and end <= e + 1 for s, e, _ in doubles)
            words = re.findall(r"\w+", article.source.text[start:end])
            if not nested and len(words) >= 2:
                found.append(_RawQuote(index, start, end, True, index))
    found.sort(key=lambda q: q.start)
    return found


def _link_continuations(raw: list[_RawQuote], article: Article) -> list[_RawQuote]:
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


@dataclass(slots=True)
class _Speaker:
    mention: Mention | None = None
    pronoun: Mention | None = None
    cue: Mention | None = None


def _attribute(
    item: _RawQuote,
    parsed: ParsedParagraph,
    annotated: Annotated,
    people: PersonIndex,
    quote_spans: list[tuple[int, int]],
    previous: Quote | None,
) -> Quote:
    text = annotated.article.source.text
    found = _find_speaker(item, parsed, annotated, people, quote_spans)
    if found.mention is None and previous is not None and _is_continuation(item, previous, parsed):
        found = _Speaker(
            previous.speaker_mention, previous.speaker_pronoun, found.cue or previous.cue
        )
    kind = _kind(item, text, found.cue is not None, annotated.article, previous, parsed)
    if kind is QuoteKind.SCARE:
        found = _Speaker()  # a label in quotation marks is nobody's statement
    name = _speaker_name(found, people)
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


def _find_speaker(
    item: _RawQuote,
    parsed: ParsedParagraph,
    annotated: Annotated,
    people: PersonIndex,
    quote_spans: list[tuple[int, int]],
) -> _Speaker:
    text = annotated.article.source.text
    dashed = _dash_attribution(text, item, annotated.article)
    if dashed is not None:
        return dashed
    cue_token = _find_cue(parsed, item, quote_spans)
    if cue_token is not None:
        cue = _mention(text, parsed.offset + cue_token.idx, len(cue_token.text))
        found = _speaker_of(cue_token, parsed, text, people, quote_spans)
        found.cue = cue
        return found
    if item.start <= annotated.article.paragraphs[item.paragraph].start + 1:
        return _colon_introduction(item, annotated, people, quote_spans)
    found = _introduced_in_place(item, parsed, text, people, quote_spans)
    if found.mention is None:
        found = _previous_sentence(item, parsed, text, people, quote_spans)
    return found


def _previous_sentence(item: _RawQuote, parsed, text: str, people, quote_spans) -> _Speaker:
    """'Sam Lau said in a statement. “There are no paper ballots …”'."""
    inside = _tokens_in(parsed, item.start, item.end)
    if not inside or inside[0].sent.start == 0:
        return _Speaker()
    sentence = parsed.doc[inside[0].sent.start - 1].sent
    if any(_in_quotes(parsed.offset + t.idx, quote_spans) for t in sentence):
        return _Speaker()
    cues = [t for t in sentence if _is_cue(t)]
    if not cues:
        return _Speaker()
    found = _speaker_of(cues[-1], parsed, text, people, quote_spans)
    found.cue = _mention(text, parsed.offset + cues[-1].idx, len(cues[-1].text))
    return found


def _introduced_in_place(item: _RawQuote, parsed, text: str, people, quote_spans) -> _Speaker:
    """'Republican pollster Daron Shaw: “…”' or 'Trump boomed: “…”' with no speech verb."""
    # The opening mark is one character, or two for a doubled single quote (''…'').
    before = text[: item.start].rstrip().rstrip("\"'“”‘’„«").rstrip()
    if not before.endswith((":", ",")):
        return _Speaker()
    colon = len(before) - 1  # where the ':' or ',' is in the source text
    tokens = [t for t in parsed.doc if parsed.offset + t.idx < colon]
    if not tokens:
        return _Speaker()
    root = _clause_root(tokens[-1], parsed, quote_spans)
    named = _name_before_colon(tokens[-1]) if before.endswith(":") else None
    if named is not None:
        found = _speaker_of_noun(named, parsed, text)
    elif root.pos_ in {"PROPN", "NOUN"} and not _in_quotes(parsed.offset + root.idx, quote_spans):
        found = _speaker_of_noun(root, parsed, text)
    else:
        found = _speaker_of(root, parsed, text, people, quote_spans)
    if found.mention is not None:
        found.cue = Mention(text[colon], colon, colon + 1)
    return found


def _clause_root(token, parsed, quote_spans):
    """The highest word above the token outside quotes: the parse may run the introduction and
    the quote into one sentence whose root lies inside the quote."""
    root = token
    for ancestor in token.ancestors:
        if _in_quotes(parsed.offset + ancestor.idx, quote_spans):
            break
        root = ancestor
    return root


def _name_before_colon(last):
    """'… surprise Republican pollster Daron Shaw:' or 'Stated Stone:': the name itself speaks."""
    if last.pos_ == "PROPN" and (last.ent_type_ in {"PERSON", ""} or last.i == last.sent.start + 1):
        return last
    return None


def _speaker_of_noun(token, parsed, text: str) -> _Speaker:
    token = _appositive_name(token)
    begin, end = _name_extent(token)
    start, stop = parsed.offset + begin, parsed.offset + end
    return _Speaker(mention=Mention(text[start:stop], start, stop))


_DASH_NAME = re.compile(
    r"^\s*[―—–-]{1,2}\s*(?P<name>[A-Z][\w'’-]*\.?"
    r"(?:\s+(?:[A-Z][\w'’-]*\.?|de|van|von|al|bin)){0,4})"
)


def _dash_attribution(text: str, item: _RawQuote, article: Article) -> _Speaker | None:
    """'"…" ― Krystal Correa': a name after a dash at the end of the quote."""
    paragraph = article.paragraphs[item.last_paragraph]
    after = text[item.end + 1 : paragraph.end]
    match = _DASH_NAME.match(after)
    if not match:
        return None
    start = item.end + 1 + match.start("name")
    dash = item.end + 1 + after.index(after.strip()[0])
    name = Mention(match.group("name"), start, start + len(match.group("name")))
    return _Speaker(mention=name, cue=Mention(text[dash], dash, dash + 1))


def _colon_introduction(
    item: _RawQuote, annotated: Annotated, people: PersonIndex, quote_spans
) -> _Speaker:
    """'Sanders made the following comment:' ends the paragraph before the quote."""
    if item.paragraph == 0:
        return _Speaker()
    before = annotated.paragraphs[item.paragraph - 1]
    text = annotated.article.source.text
    paragraph = annotated.article.paragraphs[item.paragraph - 1]
    if not paragraph.text.rstrip().endswith(":"):
        return _Speaker()
    last_sentence = list(before.doc.sents)[-1]
    words = [t for t in last_sentence if not t.is_punct]
    named = _name_before_colon(words[-1]) if words else None
    if named is not None:
        found = _speaker_of_noun(named, before, text)
    else:
        found = _speaker_of(last_sentence.root, before, text, people, [])
    found.cue = _mention(text, before.offset + last_sentence.root.idx, len(last_sentence.root))
    return found


def _mention(text: str, start: int, length: int) -> Mention:
    return Mention(text[start : start + length], start, start + length)


def _tokens_in(parsed: ParsedParagraph, start: int, end: int) -> list:
    return [t for t in parsed.doc if start <= parsed.offset + t.idx < end]


def _find_cue(parsed: ParsedParagraph, item: _RawQuote, quote_spans: list[tuple[int, int]]):
    """The speech verb that governs the quote, or the nearest one beside it in its sentence."""
    inside = _tokens_in(parsed, item.start, item.end)
    quoted = {t.i for t in parsed.doc if _in_quotes(parsed.offset + t.idx, quote_spans)}
    for token in inside:
        for ancestor in [token, *token.ancestors]:
            if ancestor.i not in quoted and (_is_cue(ancestor) or _reports_quote(ancestor, inside)):
                return ancestor
    candidates = [t for t in _context_tokens(parsed, inside) if _is_cue(t) and t.i not in quoted]
    if not candidates and inside:
        candidates = _according_to(parsed, inside)
    if not candidates:
        return None
    anchor = inside[0].i if inside else 0
    return min(candidates, key=lambda t: abs(t.i - anchor))


def _reports_quote(verb, inside: list) -> bool:
    """'"France will always be France," an angry Hollande retaliated.': any verb right after a
    quote that ends in a comma (or ? or !), governing it, with its own subject in between,
    reports it."""
    if verb.pos_ != "VERB" or verb.dep_ != "ROOT" or not inside:
        return False
    last = inside[-1]
    if last.text not in {",", "?", "!"} or not 0 < verb.i - last.i <= 8:
        return False
    governs = any(child in inside for child in verb.children)
    subject = any(c.dep_ == "nsubj" and last.i < c.i < verb.i for c in verb.children)
    return governs and subject


def _in_quotes(position: int, quote_spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in quote_spans)


@functools.lru_cache(maxsize=65_536)
def _is_cue_word(word: str) -> bool:
    # Asked of every token near a quote: a word's answer is looked up, not matched again.
    return re.fullmatch(_CUE_WORDS, word) is not None


def _is_cue(token) -> bool:
    if token.pos_ in {"VERB", "AUX"} and (
        token.lemma_.lower() in CUE_LEMMAS
        or _is_cue_word(token.lower_)  # "Tweeted", whose lemma the tagger missed
        or _is_phrasal_cue(token)
    ):
        return True
    # "Said Ellis:" or "Conway notes." is often tagged as a name or a plural noun.
    if token.ent_type_ or not _is_cue_word(token.lower_):
        return False
    opens_sentence = token.i == token.sent.start
    speaker_before = any(
        c.i < token.i and c.dep_ in {"nsubj", "compound"} and c.pos_ in {"PROPN", "PRON"}
        for c in token.children
    )
    return opens_sentence or speaker_before


def _is_phrasal_cue(token) -> bool:
    """'As Foner put it: "…"' and '"…," Trump went on': speech verbs of two words."""
    lemma = token.lemma_.lower()
    if lemma == "put":
        return any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children)
    if lemma == "go":
        return any(c.dep_ == "prt" and c.lower_ == "on" for c in token.children)
    return False


def _context_tokens(parsed: ParsedParagraph, inside: list) -> list:
    """The sentences the quote touches, and an attribution sentence right after it."""
    if not inside:
        return []
    sentences = []
    for sent in parsed.doc.sents:
        if sent.end > inside[0].i and sent.start <= inside[-1].i:
            sentences.append(sent)
    if sentences and sentences[-1].end < len(parsed.doc):
        following = parsed.doc[sentences[-1].end].sent
        if _attributes_before(following):
            sentences.append(following)
    return [t for sent in sentences for t in sent]


def _attributes_before(sent) -> bool:
    """A sentence that may attribute the quote before it: short, opening with a speech verb,
    or one whose speech verb says nothing of its own."""
    opens_with_cue = any(_is_cue(t) for t in sent[:5])
    return len(sent) <= 12 or opens_with_cue or _only_attributes(sent)


def _only_attributes(sent) -> bool:
    """'Scott's niece, state Del. Marcia Price, shouted to the crowd.': a speech verb that
    says nothing of its own (no clause of what was said) attributes the quote before it."""
    return any(
        _is_cue(token) and not any(c.dep_ in {"ccomp", "xcomp"} for c in token.children)
        for token in sent
    )


def _according_to(parsed: ParsedParagraph, inside: list) -> list:
    """'According to X, "…"' in the quote's own sentence."""
    sentence = inside[0].sent
    return [
        token.nbor()
        for token in sentence
        if token.lower_ == "according"
        and token.i + 1 < sentence.end
        and token.nbor().lower_ == "to"
    ]


def _speaker_of(cue_token, parsed, text, people: PersonIndex, quote_spans) -> _Speaker:
    subject = _subject(cue_token, parsed, quote_spans)
    if subject is None:
        return _Speaker()
    subject = _appositive_name(_relative_antecedent(_outside_parentheses(subject)))
    start = parsed.offset + subject.idx
    if subject.pos_ == "PRON" or subject.lower_ in PRONOUNS:
        pronoun = Mention(subject.text, start, start + len(subject.text))
        local = people.antecedent(start, PRONOUNS.get(subject.lower_))
        named = local.named_before(start) if local else None
        if local is None or named is None:
            return _Speaker(mention=pronoun if local is None else None, pronoun=pronoun)
        mention = Mention(
            text[named[0] : named[1]], named[0], named[1], refers_to=local.person.name
        )
        return _Speaker(mention=mention, pronoun=pronoun)
    begin, end = _name_extent(subject)
    return _Speaker(
        mention=Mention(
            text[parsed.offset + begin : parsed.offset + end],
            parsed.offset + begin,
            parsed.offset + end,
        )
    )


def _relative_antecedent(token):
    """'an architect who said': the speaker is the architect, not 'who'."""
    if token.lower_ in {"who", "that", "which"} and token.head.dep_ == "relcl":
        return token.head.head
    return token


def _subject(cue_token, parsed=None, quote_spans=()):
    if cue_token.lower_ == "to":  # "according to X"
        objects = [c for c in cue_token.children if c.dep_ == "pobj"]
        return objects[0] if objects else None
    offset = parsed.offset if parsed is not None else 0

    def outside(token) -> bool:
        return not _in_quotes(offset + token.idx, quote_spans)

    if cue_token.pos_ not in {"VERB", "AUX"}:  # "Lavrov stresses" read as a noun compound
        named = [
            c
            for c in cue_token.lefts
            if c.dep_ in {"nsubj", "compound"} and c.pos_ in {"PROPN", "PRON"} and outside(c)
        ]
        if named:
            return named[-1]

    verb = cue_token
    for _ in range(3):
        if verb is not cue_token and not outside(verb):
            # '…, adding, "He lost …"' hangs on a verb inside the first quote, whose subject
            # is the quote's own ("Romney had a policy"), not the speaker; unless a colon
            # shows the name introduces the quote ("Bernie Sanders: 'It Is Not …'").
            introducing = [c for c in verb.children if c.dep_ == "nsubj" and _before_colon(c)]
            if introducing and outside(introducing[0]):
                return introducing[0]
            verb = verb.head  # a root is its own head
            continue
        subjects = [
            c
            for c in verb.children
            if c.dep_ in {"nsubj", "nsubjpass"} and outside(c) and _has_letters(c)
        ]
        if subjects:
            return _likeliest_subject(subjects, verb)
        if verb is cue_token:
            named = [
                c for c in verb.lefts if c.dep_ == "compound" and c.pos_ == "PROPN" and outside(c)
            ]
            if named:  # '"…," Trump barked' parsed as a compound
                return named[-1]
        agents = [c for c in verb.children if c.dep_ == "agent"]
        objects = [c for a in agents for c in a.children if c.dep_ == "pobj"]
        if objects:
            return objects[0]
        inverted = [  # "Said Ellis: ..."
            c
            for c in verb.rights
            if c.pos_ == "PROPN"
            and c.dep_ in {"dobj", "attr", "appos"}
            and c.ent_type_ not in {"DATE", "TIME"}
            and verb.i == verb.sent.start
            and outside(c)
        ]
        if inverted:
            return inverted[0]
        if verb.dep_ != "ROOT" and verb.head is not verb:
            verb = verb.head
        else:
            break
    return _inverted_name(cue_token, outside) or _name_before_cue(cue_token, outside)


def _before_colon(token) -> bool:
    following = token.i + 1
    return following < len(token.doc) and token.doc[following].text == ":"


def _likeliest_subject(subjects: list, verb):
    """'Tuesday in Berea, OH, …, Gov. John Kasich said': of two subjects, the person speaks,
    else the one nearest the verb."""
    people = [s for s in subjects if s.ent_type_ == "PERSON"]
    return min(people or subjects, key=lambda s: abs(s.i - verb.i))


def _has_letters(token) -> bool:
    # A dash or a stray mark parsed as the subject ("― Trump boasted") is no speaker.
    return any(ch.isalpha() for ch in token.text)


def _name_before_cue(cue_token, outside):
    """'"…," Flynn, a top Trump surrogate, said Thursday': the parse left the verb no subject, so
    the first person named between the quote (or the sentence start) and the verb speaks."""
    doc, first = cue_token.doc, None
    position = cue_token.i - 1
    start = cue_token.sent.start
    quoted_words = 0
    while position >= start and not _ends_the_quote(doc, position):
        token = doc[position]
        if token.text in QUOTE_MARKS:
            pass  # a short quoted name ('"Ted Cruz" campaign pins') is passed over
        elif not outside(token):
            quoted_words += 1
            if quoted_words > SCARE_MAX_WORDS + 1:
                break
        else:
            quoted_words = 0
            if token.ent_type_ == "PERSON":
                first = token
        position -= 1
    return first


def _ends_the_quote(doc, position: int) -> bool:
    """The closing mark of a quoted statement follows its punctuation: '…," Flynn said'."""
    return (
        doc[position].text in QUOTE_MARKS
        and position > 0
        and doc[position - 1].text in {",", ".", "?", "!", "…", "—", "-", "--"}
    )


def _inverted_name(cue_token, outside):
    """'"…," said Robin Maynard, half joking' where the parse hangs the name elsewhere."""
    doc = cue_token.doc
    opens_sentence = cue_token.i == cue_token.sent.start  # "Continued Stone: …"
    after_quote = cue_token.i > 0 and doc[cue_token.i - 1].text in QUOTE_MARKS
    if not (opens_sentence or after_quote) or cue_token.lemma_ == "tell":
        return None  # in '…, Cohen, told Mr. Obama' the name after the verb is the listener
    position = cue_token.i + 1
    while position < len(doc) and doc[position].pos_ == "DET":
        position += 1
    if position >= len(doc) or not outside(doc[position]):
        return None
    if doc[position].ent_type_ in {"DATE", "TIME"}:  # "said Thursday morning"
        return None
    if doc[position].pos_ == "PROPN":
        while position + 1 < len(doc) and doc[position + 1].pos_ == "PROPN":
            position += 1
        return doc[position]
    if doc[position].pos_ == "NOUN" and position > cue_token.i + 1:  # "said the senator"
        return doc[position]
    return None


def _outside_parentheses(token):
    """'Gov. John Kasich (R-OH) said': the party label is not the speaker; but in
    '(Raphael Lemkin, who coined the word, once said, "…")' the whole attribution is inside."""
    doc = token.doc
    for back in range(token.i - 1, max(-1, token.i - 5), -1):
        if doc[back].text == ")":
            return token
        if doc[back].text == "(":
            close = next((t.i for t in doc[token.i :] if t.text == ")"), len(doc))
            if token.head is token or back < token.head.i < close:
                return token
            return token.head
    return token


def _appositive_name(token):
    """'a spokesperson, John Kirby, said' names Kirby; 'Kirby, a spokesperson, said' too."""
    if token.pos_ == "PROPN" or token.ent_type_ == "PERSON":
        return token
    for child in token.children:
        if child.dep_ == "appos" and (child.pos_ == "PROPN" or child.ent_type_ == "PERSON"):
            return child
    return token


def _name_extent(token) -> tuple[int, int]:
    """Character extent of the name or noun phrase headed by the token, within its doc."""
    if token.pos_ == "PROPN" or token.ent_type_ == "PERSON":
        return _proper_name_extent(token)
    if token.ent_type_:
        ent = _entity_of(token)
        if ent is not None and ent.label_ in NAME_LABELS:
            return ent.start_char, ent.end_char
    left = token
    for child in token.lefts:
        if child.dep_ in {"compound", "amod", "poss", "nmod", "det"} and child.i < left.i:
            left = child
            break
    start = min(left.idx, token.idx)
    return start, token.idx + len(token.text)


def _proper_name_extent(token) -> tuple[int, int]:
    """'an angry Hollande' is Hollande; 'councillor Ana Price' is Ana Price even when the
    entity recogniser saw only 'Price'; 'Continued Stone' is Stone."""
    doc = token.doc
    first = token.i
    while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].dep_ == "compound":
        first -= 1
    start, end = doc[first].idx, token.idx + len(token.text)
    ent = _entity_of(token)
    if ent is None or ent.label_ not in NAME_LABELS:
        return start, end
    ent_first = ent.start
    while ent_first < token.i and doc[ent_first].pos_ in {"VERB", "ADJ", "DET"}:
        ent_first += 1
    if ent.label_ == "PERSON":
        return doc[ent_first].idx, ent.end_char
    return min(start, doc[ent_first].idx), max(end, ent.end_char)


def _entity_of(token):
    if not token.ent_type_:
        return None
    return next((e for e in token.doc.ents if e.start <= token.i < e.end), None)


def _is_continuation(item: _RawQuote, previous: Quote, parsed: ParsedParagraph) -> bool:
    """A quote in the same paragraph as the last one, or one that opens its paragraph."""
    if previous.speaker_mention is None:
        return False
    same_paragraph = previous.start >= parsed.offset
    opens_paragraph = item.start <= parsed.offset + 1
    return same_paragraph or opens_paragraph


def _modifies_a_noun(item: _RawQuote, parsed: ParsedParagraph | None) -> bool:
    """'a "temporary" closure', 'the "confidence building" measures': a label, not a statement."""
    if parsed is None:
        return False
    inside = _tokens_in(parsed, item.start, item.end)
    heads = [t for t in inside if t.head not in inside or t.head == t]
    return bool(heads) and all(
        t.dep_ in {"amod", "compound", "nmod"} and t.head.pos_ in {"NOUN", "PROPN"} for t in heads
    )


def _kind(
    item: _RawQuote,
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
    text: str, item: _RawQuote, previous: Quote | None, paragraph_start: int
) -> bool:
    """'"That," he added, "promises ..."': the second piece continues the first quote."""
    if previous is None or previous.headline or previous.end < paragraph_start:
        return False
    between = text[previous.end : item.start]
    words = re.findall(r"[\w'’]+", between)
    return 0 < len(words) <= 8 and bool(re.search(_CUE_WORDS, between))


def _speaker_name(found: _Speaker, people: PersonIndex) -> str | None:
    mention = found.mention
    if mention is None:
        return None
    name = people.canonical_for(mention)
    if name is None and mention.refers_to is None:
        holder = people.by_title(mention.text)
        name = holder.person.name if holder else None
    if name is None and mention.text.lower() not in PRONOUNS and mention.refers_to is None:
        name = _plain_name(mention.text)
    return name


def _plain_name(text: str) -> str:
    name, _titles = clean_name(re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.IGNORECASE))
    return name


def _headline_quotes(annotated: Annotated, people: PersonIndex) -> list[Quote]:
    """Quotes inside the headline: partial by nature, attributed by the headline's own verb."""
    article = annotated.article
    span = article.title_span
    if span is None or annotated.title_doc is None:
        return []
    text = article.source.text
    headline = text[span.start : span.end]
    spans = [(s, e) for s, e, _ in find_quote_spans(headline, span.start)]
    spans += find_single_quoted(headline, span.start)
    quotes = []
    parsed = ParsedParagraph(-1, span.start, annotated.title_doc)
    headline_spans = sorted(set(spans))
    for start, end in headline_spans:
        item = _RawQuote(-1, start, end, True, -1)
        cue_token = _find_cue(parsed, item, headline_spans)
        found = _Speaker()
        if cue_token is not None:
            found = _speaker_of(cue_token, parsed, text, people, headline_spans)
            found.cue = _mention(text, span.start + cue_token.idx, len(cue_token.text))
        words = len(re.findall(r"\w+", text[start:end]))
        kind = QuoteKind.PARTIAL if words > SCARE_MAX_WORDS or found.cue else QuoteKind.SCARE
        quotes.append(
            Quote(
                text[start:end],
                start,
                end,
                kind,
                _speaker_name(found, people),
                found.mention,
                found.cue,
                headline=True,
                speaker_pronoun=found.pronoun,
            )
        )
    return quotes
