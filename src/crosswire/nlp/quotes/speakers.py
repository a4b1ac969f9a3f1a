"""Who said a quote: the cue verb that governs or sits beside it, and its subject through the
parse, an appositive when the subject is a role ("a spokesperson, John Kirby"), the last fitting
person for a pronoun, a name after a dash, or an introduction ending in a colon.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crosswire.model import Article, Mention, Span
from crosswire.nlp.parse import Annotated, ParsedParagraph
from crosswire.nlp.people import PersonIndex, clean_name
from crosswire.nlp.quotes.marks import CUE_WORDS, QUOTE_MARKS, SCARE_MAX_WORDS, RawQuote

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


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


NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f", "they": "p", "them": "p"}


@dataclass(slots=True)
class Speaker:
    mention: Mention | None = None
    pronoun: Mention | None = None
    cue: Mention | None = None


def find_speaker(
    item: RawQuote,
    parsed: ParsedParagraph,
    annotated: Annotated,
    people: PersonIndex,
    quote_spans: Sequence[Span],
    continuing: bool = False,
) -> Speaker:
    """``continuing``: the quote follows one attributed in its paragraph, which it may go on."""
    text = annotated.article.source.text
    dashed = _dash_attribution(text, item, annotated.article)
    if dashed is not None:
        return dashed
    owned = _owned_words_before(item, parsed, text, people, quote_spans)
    if owned is not None:
        return owned
    cue_token = find_cue(parsed, item, quote_spans, continuing)
    if cue_token is not None:
        cue = mention(text, parsed.offset + cue_token.idx, len(cue_token.text))
        found = speaker_of(cue_token, parsed, text, people, quote_spans)
        found.cue = cue
        if found.mention is None and found.pronoun is not None:
            found.mention = _thing_before(found.pronoun.start, item, annotated, people, quote_spans)
        return found
    if item.start <= annotated.article.paragraphs[item.paragraph].start + 1:
        return _colon_introduction(item, annotated, people, quote_spans)
    found = _introduced_in_place(item, parsed, text, people, quote_spans)
    if found.mention is None:
        found = _previous_sentence(item, parsed, text, people, quote_spans)
    return found


def _owned_words_before(
    item: RawQuote,
    parsed: ParsedParagraph,
    text: str,
    people: PersonIndex,
    quote_spans: Sequence[Span],
) -> Speaker | None:
    """'His response: "…"' speaks for its owner, even where the parse hangs "response" on the
    question's "asked" before it."""
    before = text[: item.start].rstrip().rstrip("\"'“”‘’„«").rstrip()
    if not before.endswith(":"):
        return None
    colon = len(before) - 1
    tokens = [t for t in parsed.doc if parsed.offset + t.idx < colon]
    owner = _owner_of_words(tokens[-1]) if tokens else None
    if owner is None:
        return None
    answering = tokens[-1].lemma_.lower() in ANSWERS
    found = _pronoun_speaker(owner, parsed, text, people, quote_spans, answering)
    if found.mention is None:
        return None
    found.cue = Mention(text[colon], colon, colon + 1)
    return found


def _previous_sentence(
    item: RawQuote,
    parsed: ParsedParagraph,
    text: str,
    people: PersonIndex,
    quote_spans: Sequence[Span],
) -> Speaker:
    """'Sam Lau said in a statement. “There are no paper ballots …”'."""
    inside = tokens_in(parsed, item.start, item.end)
    if not inside or inside[0].sent.start == 0:
        return Speaker()
    sentence = parsed.doc[inside[0].sent.start - 1].sent
    if any(_in_quotes(parsed.offset + t.idx, quote_spans) for t in sentence):
        return Speaker()
    cues = [t for t in sentence if _is_cue(t)]
    if not cues:
        return Speaker()
    found = speaker_of(cues[-1], parsed, text, people, quote_spans)
    found.cue = mention(text, parsed.offset + cues[-1].idx, len(cues[-1].text))
    return found


def _introduced_in_place(
    item: RawQuote,
    parsed: ParsedParagraph,
    text: str,
    people: PersonIndex,
    quote_spans: Sequence[Span],
) -> Speaker:
    """'Republican pollster Daron Shaw: “…”' or 'Trump boomed: “…”' with no speech verb."""
    # The opening mark is one character, or two for a doubled single quote (''…'').
    before = text[: item.start].rstrip().rstrip("\"'“”‘’„«").rstrip()
    if not before.endswith((":", ",")):
        return Speaker()
    colon = len(before) - 1  # where the ':' or ',' is in the source text
    tokens = [t for t in parsed.doc if parsed.offset + t.idx < colon]
    if not tokens:
        return Speaker()
    root = _clause_root(tokens[-1], parsed, quote_spans)
    named = _name_before_colon(tokens[-1]) if before.endswith(":") else None
    if named is not None:
        found = _speaker_of_noun(named, parsed, text)
    elif root.pos_ in {"PROPN", "NOUN"} and not _in_quotes(parsed.offset + root.idx, quote_spans):
        owner = _owner_of_words(root)
        if owner is not None:  # 'His response: "…"' is his
            answering = root.lemma_.lower() in ANSWERS
            found = _pronoun_speaker(owner, parsed, text, people, quote_spans, answering)
        else:
            found = _speaker_of_noun(root, parsed, text)
    else:
        found = speaker_of(root, parsed, text, people, quote_spans)
    if found.mention is not None:
        found.cue = Mention(text[colon], colon, colon + 1)
    return found


SPEECH_NOUNS = frozenset(
    {"response", "reply", "answer", "words", "message", "statement", "comment", "retort", "verdict"}
)
ANSWERS = frozenset({"response", "reply", "answer", "retort"})
POSSESSIVES = {"his": "he", "her": "she", "their": "they"}
NOT_PEOPLE = frozenset({"it", "its", "this", "that", "which"})


def _owner_of_words(noun: Token) -> Token | None:
    """The possessive pronoun of 'his response' or 'her reply', which names who speaks."""
    if noun.lemma_.lower() not in SPEECH_NOUNS and noun.lower_ not in SPEECH_NOUNS:
        return None
    return next((c for c in noun.children if c.dep_ == "poss" and c.lower_ in POSSESSIVES), None)


def _clause_root(token: Token, parsed: ParsedParagraph, quote_spans: Sequence[Span]):
    """The highest word above the token outside quotes: the parse may run the introduction and
    the quote into one sentence whose root lies inside the quote."""
    root = token
    for ancestor in token.ancestors:
        if _in_quotes(parsed.offset + ancestor.idx, quote_spans):
            break
        root = ancestor
    return root


def _name_before_colon(last: Token):
    """'… surprise Republican pollster Daron Shaw:' or 'Stated Stone:': the name itself speaks;
    not a name a preposition governs ('Ocasio-Cortez after being booed voting for Pelosi:')."""
    governed = last.dep_ == "pobj" and last.head.i < last.i
    governed = governed and last.head.lower_ not in {"from", "by", "to"}  # "More from Jones:"
    if governed and not any(t.is_punct for t in last.doc[last.head.i + 1 : last.i]):
        return None  # a dash between ("… IN OTHER STATES - Michael P. McDonald:") parts them
    if last.pos_ == "PROPN" and (last.ent_type_ in {"PERSON", ""} or last.i == last.sent.start + 1):
        return last
    return None


def _speaker_of_noun(token: Token, parsed: ParsedParagraph, text: str) -> Speaker:
    token = _appositive_name(token)
    begin, end = _name_extent(token)
    start, stop = parsed.offset + begin, parsed.offset + end
    return Speaker(mention=Mention(text[start:stop], start, stop))


_DASH_NAME = re.compile(
    r"^\s*[―—–-]{1,2}\s*(?P<name>[A-Z][\w'’-]*\.?"
    r"(?:\s+(?:[A-Z][\w'’-]*\.?|de|van|von|al|bin)){0,4})"
)


def _dash_attribution(text: str, item: RawQuote, article: Article) -> Speaker | None:
    """'"…" ― Krystal Correa': a name after a dash at the end of the quote."""
    paragraph = article.paragraphs[item.last_paragraph]
    after = text[item.end + 1 : paragraph.end]
    match = _DASH_NAME.match(after)
    if not match:
        return None
    start = item.end + 1 + match.start("name")
    dash = item.end + 1 + after.index(after.strip()[0])
    name = Mention(match.group("name"), start, start + len(match.group("name")))
    return Speaker(mention=name, cue=Mention(text[dash], dash, dash + 1))


def _colon_introduction(
    item: RawQuote,
    annotated: Annotated,
    people: PersonIndex,
    quote_spans: Sequence[Span],
) -> Speaker:
    """'Sanders made the following comment:' ends the paragraph before the quote."""
    if item.paragraph == 0:
        return Speaker()
    before = annotated.paragraphs[item.paragraph - 1]
    text = annotated.article.source.text
    paragraph = annotated.article.paragraphs[item.paragraph - 1]
    if not paragraph.text.rstrip().endswith(":"):
        return Speaker()
    last_sentence = list(before.doc.sents)[-1]
    words = [t for t in last_sentence if not t.is_punct]
    named = _name_before_colon(words[-1]) if words else None
    if named is not None:
        found = _speaker_of_noun(named, before, text)
    else:
        found = speaker_of(last_sentence.root, before, text, people, [])
    found.cue = mention(text, before.offset + last_sentence.root.idx, len(last_sentence.root))
    return found


def mention(text: str, start: int, length: int) -> Mention:
    return Mention(text[start : start + length], start, start + length)


def tokens_in(parsed: ParsedParagraph, start: int, end: int) -> list:
    return [t for t in parsed.doc if start <= parsed.offset + t.idx < end]


def find_cue(
    parsed: ParsedParagraph,
    item: RawQuote,
    quote_spans: Sequence[Span],
    continuing: bool = False,
):
    """The speech verb that governs the quote, or the nearest one beside it in its sentence."""
    inside = tokens_in(parsed, item.start, item.end)
    quoted = {t.i for t in parsed.doc if _in_quotes(parsed.offset + t.idx, quote_spans)}
    for token in inside:
        for ancestor in [token, *token.ancestors]:
            if ancestor.i not in quoted and (_is_cue(ancestor) or _reports_quote(ancestor, inside)):
                return _participle_between(ancestor, inside, quoted) or ancestor
    context = _context_tokens(parsed, inside, continuing)
    candidates = [t for t in context if _is_cue(t) and t.i not in quoted]
    if not candidates and inside:
        candidates = _according_to(parsed, inside)
    if not candidates:
        return None
    anchor = inside[0].i if inside else 0
    return min(candidates, key=lambda t: abs(t.i - anchor))


def _participle_between(cue: Token, inside: list, quoted: set[int]) -> Token | None:
    """'The spot concludes with footage of Kessler saying …, "…"': the parse hangs the quote
    on "concludes", but the speech participle nearer the quote, with a speaker of its own,
    introduces it ("Starr said …, explaining, '…'" goes on from "said")."""
    if not inside or cue.i >= inside[0].i:
        return None
    between = [
        t
        for t in cue.doc[cue.i + 1 : inside[0].i]
        if t.tag_ == "VBG" and t.i not in quoted and _is_cue(t) and _own_speaker(t)
    ]
    return between[-1] if between else None


def _own_speaker(participle: Token) -> bool:
    return _has_subject(participle) or _name_just_before(participle) is not None


def _name_just_before(token: Token) -> Token | None:
    before = token.doc[token.i - 1] if token.i > 0 else None
    return before if before is not None and before.pos_ == "PROPN" else None


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)


def _reports_quote(verb: Token, inside: list) -> bool:
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


def _in_quotes(position: int, quote_spans: Sequence[Span]) -> bool:
    return any(span.holds(position) for span in quote_spans)


@functools.lru_cache(maxsize=65_536)
def _is_cue_word(word: str) -> bool:
    # Asked of every token near a quote: a word's answer is looked up, not matched again.
    return re.fullmatch(CUE_WORDS, word) is not None


def _is_cue(token: Token) -> bool:
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


def _is_phrasal_cue(token: Token) -> bool:
    """'As Foner put it: "…"' and '"…," Trump went on': speech verbs of two words."""
    lemma = token.lemma_.lower()
    if lemma == "put":
        return any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children)
    if lemma == "go":
        return any(c.dep_ == "prt" and c.lower_ == "on" for c in token.children)
    return False


def _context_tokens(parsed: ParsedParagraph, inside: list, continuing: bool = False) -> list:
    """The sentences the quote touches, and an attribution sentence right after it.

    A quote closed by a full stop that goes on from an attributed one ('"…," Trump said. "I am
    not going to waste my time." Biden's campaign agreed.') is the same speaker's; the sentence
    after it attributes it only if it opens with the speech verb ("Said Biden: …")."""
    if not inside:
        return []
    sentences = []
    for sent in parsed.doc.sents:
        if sent.end > inside[0].i and sent.start <= inside[-1].i:
            sentences.append(sent)
    if sentences and sentences[-1].end < len(parsed.doc):
        following = parsed.doc[sentences[-1].end].sent
        if _attributes_before(following, continuing, closed=inside[-1].text == "."):
            sentences.append(following)
    return [t for sent in sentences for t in sent]


def _attributes_before(sent: SpacySpan, continuing: bool = False, closed: bool = False) -> bool:
    """A sentence that may attribute the quote before it: short, opening with a speech verb,
    or one whose speech verb says nothing of its own. A quote that may go on from the last
    speaker's is taken from them only by a sentence that plainly attributes it."""
    opens_with_cue = any(_is_cue(t) for t in sent[:5])
    if continuing and closed:
        return opens_with_cue
    return len(sent) <= 12 or opens_with_cue or _only_attributes(sent, continuing)


def _only_attributes(sent: SpacySpan, strict: bool = False) -> bool:
    """'Scott's niece, state Del. Marcia Price, shouted to the crowd.': a speech verb that
    says nothing of its own (no clause of what was said) attributes the quote before it."""
    return any(_is_cue(token) and not _says_something(token, strict) for token in sent)


def _says_something(cue: Token, strict: bool) -> bool:
    """A clause of what was said; and, ``strict``ly, an object that is not the one spoken to:
    "Cummings confirmed the attempted break-in" says something of its own, "a reporter asked
    Trump" does not."""
    return any(
        c.dep_ in {"ccomp", "xcomp"}
        or (strict and c.dep_ == "dobj" and c.pos_ not in {"PROPN", "PRON"})
        for c in cue.children
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


def _pronoun_speaker(
    pronoun_token: Token,
    parsed: ParsedParagraph,
    text,
    people: PersonIndex,
    quote_spans: Sequence[Span],
    answering: bool = False,
) -> Speaker:
    """The person a pronoun (he, she, his, her) refers to, named as the article named them."""
    start = parsed.offset + pronoun_token.idx
    word = POSSESSIVES.get(pronoun_token.lower_, pronoun_token.lower_)
    pronoun = Mention(pronoun_token.text, start, start + len(pronoun_token.text))
    sentence = pronoun_token.sent
    before = parsed.doc[sentence.start - 1].sent if sentence.start > 0 else None
    sentences = (
        (parsed.offset + before.start_char, parsed.offset + sentence.start_char) if before else None
    )
    local = people.antecedent(start, PRONOUNS.get(word), quote_spans, answering, sentences)
    named = local.named_before(start) if local else None
    if local is None or named is None:
        return Speaker(mention=pronoun if local is None else None, pronoun=pronoun)
    mention = Mention(named.of(text), named.start, named.end, refers_to=local.person.name)
    return Speaker(mention=mention, pronoun=pronoun)


def speaker_of(
    cue_token: Token,
    parsed: ParsedParagraph,
    text,
    people: PersonIndex,
    quote_spans: Sequence[Span],
) -> Speaker:
    subject = _subject(cue_token, parsed, quote_spans)
    if subject is None:
        return Speaker()
    subject = _appositive_name(_relative_antecedent(_outside_parentheses(subject)))
    if subject.lower_ in NOT_PEOPLE:
        # 'It said …' is a document's or a group's words, no person's: which one, find_speaker
        # reads from the paragraphs before (_thing_before)
        it = mention(text, parsed.offset + subject.idx, len(subject.text))
        return Speaker(pronoun=it if subject.lower_ == "it" else None)
    if subject.pos_ == "PRON" or subject.lower_ in PRONOUNS:
        return _pronoun_speaker(subject, parsed, text, people, quote_spans)
    begin, end = _name_extent(subject)
    return Speaker(
        mention=Mention(
            text[parsed.offset + begin : parsed.offset + end],
            parsed.offset + begin,
            parsed.offset + end,
        )
    )


def _thing_before(
    position: int,
    item: RawQuote,
    annotated: Annotated,
    people: PersonIndex,
    quote_spans: Sequence[Span],
) -> Mention | None:
    """What an 'it' that speaks stands for: the last subject before it, in its paragraph or
    the one before, that is no person ('the company wrote in its statement. It added, "…"';
    'Thursday's memo from the panel … "…," it stated'). Never a person: a group's or a
    document's words are no one's."""
    text = annotated.article.source.text
    near = [p for p in annotated.paragraphs if item.paragraph - 1 <= p.index <= item.paragraph]
    for parsed in reversed(near):
        for token in reversed(parsed.doc):
            start = parsed.offset + token.idx
            if start >= position or _in_quotes(start, quote_spans):
                continue
            main = token.head.i == token.sent.root.i  # "The post showed a man wearing …"
            if main and token.dep_ in {"nsubj", "nsubjpass"} and token.pos_ in {"NOUN", "PROPN"}:
                begin, end = _name_extent(token)
                found = mention(text, parsed.offset + begin, end - begin)
                if token.ent_type_ in {"PERSON", "NORP"} or people.lookup(found) is not None:
                    return None  # "it" after a person is about something else
                if token.ent_type_ in {"DATE", "TIME"}:
                    return None  # "Thursday was busy. '…,' it said": a time says nothing
                return found
    return None


def _relative_antecedent(token: Token):
    """'an architect who said': the speaker is the architect, not 'who'."""
    if token.lower_ in {"who", "that", "which"} and token.head.dep_ == "relcl":
        return token.head.head
    return token


def _subject(cue_token: Token, parsed: ParsedParagraph = None, quote_spans: Sequence[Span] = ()):
    if cue_token.lower_ == "to":  # "according to X"
        objects = [c for c in cue_token.children if c.dep_ == "pobj"]
        return objects[0] if objects else None
    offset = parsed.offset if parsed is not None else 0

    def outside(token: Token) -> bool:
        return not _in_quotes(offset + token.idx, quote_spans)

    if cue_token.pos_ not in {"VERB", "AUX"}:  # "Lavrov stresses" read as a noun compound
        named = [
            c
            for c in cue_token.lefts
            if c.dep_ in {"nsubj", "compound"} and c.pos_ in {"PROPN", "PRON"} and outside(c)
        ]
        if named:
            return named[-1]

    participle = _name_before_participle(cue_token, outside)
    if participle is not None:
        return participle
    verb = _reporting_verb_before(cue_token) or cue_token
    for _ in range(3):
        if verb is not cue_token and not outside(verb):
            # '…, adding, "He lost …"' hangs on a verb inside the first quote, whose subject
            # is the quote's own ("Romney had a policy"), not the speaker; unless a colon
            # shows the name introduces the quote ("Bernie Sanders: 'It Is Not …'").
            introducing = [c for c in verb.children if c.dep_ == "nsubj" and _before_colon(c)]
            if introducing and outside(introducing[0]):
                return introducing[0]
            outer = _clause_under_quote(verb, cue_token, outside)
            if outer is not None:
                return outer
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


def _name_before_participle(cue_token: Token, outside) -> Token | None:
    """'footage of Anna Berg asking, "…"', 'ends with Kessler saying, "…"': a speech participle
    with no subject of its own speaks for the name just before it; the parse hangs it on the
    clause's verb, whose subject is the ad or the clip that shows the speaker."""
    if cue_token.tag_ != "VBG" or _has_subject(cue_token):
        return None
    before = _name_just_before(cue_token)
    if before is not None and before.ent_type_ in {"PERSON", ""} and outside(before):
        return before
    return None


def _clause_under_quote(quoted: Token, cue_token: Token, outside) -> Token | None:
    """'Mr. Trump hardly clarified the matter, treating … as a compliment -- "That makes me
    smart" -- and … asserting, "…"': the parse made the quoted "makes" the root, with the
    narrating clause ("Trump … clarified") under it; that clause's subject goes on speaking."""
    for child in quoted.children:
        if child.i > cue_token.i or not outside(child) or child.pos_ != "VERB":
            continue
        if child.dep_ not in {"ccomp", "advcl", "parataxis", "conj"}:
            continue
        subjects = [c for c in child.children if c.dep_ == "nsubj" and outside(c)]
        if subjects and subjects[0].pos_ in {"PROPN", "NOUN"}:
            return subjects[0]
    return None


def _reporting_verb_before(cue_token: Token) -> Token | None:
    """'Suu Kyi said it was too early … but added, "…"': the parse joins "added" to the
    reported "was", whose subject ("it") is not the speaker; "added" goes on from "said"."""
    reported = cue_token.head
    if cue_token.dep_ != "conj" or reported.dep_ != "ccomp" or reported.i > cue_token.i:
        return None
    if _has_subject(cue_token):
        return None  # "… and when pressed, the 34-year-old mother of three replied"
    reporting = reported.head
    return reporting if reporting.lemma_.lower() in CUE_LEMMAS else None


def _before_colon(token: Token) -> bool:
    following = token.i + 1
    return following < len(token.doc) and token.doc[following].text == ":"


def _likeliest_subject(subjects: list, verb: Token):
    """'Tuesday in Berea, OH, …, Gov. John Kasich said': of two subjects, the person speaks,
    else the one nearest the verb."""
    people = [s for s in subjects if s.ent_type_ == "PERSON"]
    return min(people or subjects, key=lambda s: abs(s.i - verb.i))


def _has_letters(token: Token) -> bool:
    # A dash or a stray mark parsed as the subject ("― Trump boasted") is no speaker.
    return any(ch.isalpha() for ch in token.text)


def _name_before_cue(cue_token: Token, outside: list[Token]):
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


def _ends_the_quote(doc: Doc, position: int) -> bool:
    """The closing mark of a quoted statement follows its punctuation: '…," Flynn said'."""
    return (
        doc[position].text in QUOTE_MARKS
        and position > 0
        and doc[position - 1].text in {",", ".", "?", "!", "…", "—", "-", "--"}
    )


def _inverted_name(cue_token: Token, outside: list[Token]):
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


def _outside_parentheses(token: Token):
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


def _appositive_name(token: Token):
    """'a spokesperson, John Kirby, said' names Kirby; 'Kirby, a spokesperson, said' too."""
    if token.pos_ == "PROPN" or token.ent_type_ == "PERSON":
        return token
    for child in token.children:
        if child.dep_ == "appos" and (child.pos_ == "PROPN" or child.ent_type_ == "PERSON"):
            return child
    return token


def _name_extent(token: Token) -> tuple[int, int]:
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


def _proper_name_extent(token: Token) -> tuple[int, int]:
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


def _entity_of(token: Token):
    if not token.ent_type_:
        return None
    return next((e for e in token.doc.ents if e.start <= token.i < e.end), None)


def speaker_name(found: Speaker, people: PersonIndex) -> str | None:
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
