"""Claims: the sentences of a story's articles, and the groups of them that state the same thing.

A claim unit is a headline or a body sentence. Units of different articles are aligned by meaning
(MiniLM cosine) backed by the words they share, and a group holds at most one unit per article,
so that it reads as one row of the coverage matrix. Cosine alone puts "three were killed" next to
"four were killed" and "he did" next to "he did not"; those stay in the group, because they are
about the same thing, but the unit that disagrees with the rest is marked as contradicting it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from crosswire.comparison.anchors import names_apart, one_body_named, ordinals_apart
from crosswire.model import ClaimGroup, ClaimMember, Coverage, Evidence, ParagraphKind
from crosswire.nlp.parse import NUMBER_LABELS, Annotated, glued_scale, parse_number
from crosswire.nlp.quotes.speakers import CUE_LEMMAS
from crosswire.settings import ClaimSettings

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token


DEFAULT = ClaimSettings()

NEGATIONS = frozenset({"not", "no", "never", "n't", "nobody", "nothing", "none", "neither", "nor"})
_BOUNDS = (
    (re.compile(r"\b(?:at least|more than|over|above|upwards of|in excess of)\s+$", re.I), "min"),
    (re.compile(r"\b(?:at most|up to|less than|fewer than|under|below|within)\s+$", re.I), "max"),
    (
        re.compile(r"\b(?:about|around|nearly|almost|roughly|some|approximately)\s+$", re.I),
        "approx",
    ),
)


@dataclass(frozen=True, slots=True)
class NumberFact:
    """A number in a sentence, what it counts, and how exactly the sentence states it."""

    evidence: Evidence
    value: float
    counts: str  # lemma of the noun it counts (or its own text when it stands alone)
    label: str
    bound: str = "exact"  # exact, min, max, approx, range
    phrase: str = ""  # the number with what it counts and what happened to it: "3 workers killed"
    high: float | None = None  # the top of a range ("dozens": 24 to 120); value is its bottom
    kind: frozenset[str] = frozenset()  # words that say which of the noun: "wealthy" nations
    kind_nouns: frozenset[str] = frozenset()  # those of them that are nouns: "state" senators
    since: frozenset[str] = frozenset()  # the time a change is measured from: "from February"
    expected: bool = False  # a forecast or a goal ("expect 165,000 jobs"), not a count made
    when: str = ""  # the named period it is of: "943,000 jobs added in July" -> "july"

    def interval(self) -> tuple[float, float]:
        if self.bound == "range" and self.high is not None:
            return self.value, self.high
        if self.bound == "min":
            return self.value, float("inf")
        if self.bound == "max":
            return float("-inf"), self.value
        if self.bound == "approx":
            return self.value * 0.85, self.value * 1.15
        return self.value, self.value


@dataclass(frozen=True, slots=True)
class DateFact:
    evidence: Evidence
    weekday: str | None
    month_day: tuple[int, int] | None
    predicate: str = ""  # lemma of the verb the date tells the time of: "apologise", "kill"
    actor: str = ""  # the named one who did it, lowercased surname: "mcauliffe said Sunday"
    # which side of a midnight the words put it on: "early" Friday, Thursday "night" (late),
    # both for "local time" or "overnight"; empty when nothing says
    near_midnight: frozenset[str] = frozenset()


@dataclass(slots=True)
class ClaimUnit:
    article: str
    article_index: int
    evidence: Evidence
    position: float
    headline: bool
    lemmas: frozenset[str]
    negated: bool
    numbers: tuple[NumberFact, ...]
    dates: tuple[DateFact, ...]
    entities: tuple[tuple[str, str, Evidence], ...]  # (label, text, evidence)
    language: str = "en"  # the article's
    # nouns a name qualifies, which say who as the name does: "the Biden administration"
    named_heads: frozenset[str] = frozenset()
    # verbs the sentence says did not happen: "would not be used", "has yet to endorse"
    negated_verbs: frozenset[str] = frozenset()


def claim_units(
    annotated: Sequence[Annotated], keys: Sequence[str], settings: ClaimSettings = DEFAULT
) -> list[ClaimUnit]:
    units: list[ClaimUnit] = []
    for index, (item, key) in enumerate(zip(annotated, keys, strict=True)):
        units.extend(_units_of(item, key, index, settings.min_words))
    return units


def _units_of(item: Annotated, key: str, index: int, min_words: int) -> list[ClaimUnit]:
    article = item.article
    text = article.source.text
    units = []
    if item.title_doc is not None and article.title_span is not None:
        units.append(
            _unit(item.title_doc[:], article.title_span.start, key, index, text, 0.0, True)
        )
    body = [p for p in item.paragraphs if article.paragraphs[p.index].kind is ParagraphKind.TEXT]
    sentences = [(p, s) for p in body for s in p.doc.sents]
    for rank, (parsed, sent) in enumerate(sentences):
        if sum(1 for t in sent if t.is_alpha) < min_words:
            continue
        position = rank / max(1, len(sentences) - 1)
        units.append(_unit(sent, parsed.offset, key, index, text, position, False))
    for unit in units:
        unit.language = article.language or "en"
    return units


def _unit(span, offset: int, key: str, index: int, text: str, position: float, headline: bool):
    start, end = offset + span.start_char, offset + span.end_char
    tokens = list(span)
    negated = _negated_verbs(tokens)
    return ClaimUnit(
        article=key,
        article_index=index,
        evidence=Evidence(key, start, end, text[start:end]),
        position=position,
        headline=headline,
        lemmas=frozenset(
            t.lemma_.lower() for t in tokens if t.is_alpha and not t.is_stop and len(t) > 1
        ),
        negated=bool(negated),
        numbers=tuple(_numbers(span, offset, key, text)),
        dates=tuple(_dates(span, offset, key, text)),
        entities=tuple(
            (
                ent.label_,
                ent.text,
                _evidence(key, text, offset + ent.start_char, offset + ent.end_char),
            )
            for ent in span.ents
            if ent.label_ in NAME_LABELS
        ),
        named_heads=frozenset(
            ent.root.head.lemma_.lower()
            for ent in span.ents
            if ent.label_ in NAME_LABELS
            and ent.root.dep_ in {"compound", "poss", "nmod"}
            and ent.root.head.pos_ == "NOUN"
        ),
        negated_verbs=negated,
    )


NAME_LABELS = frozenset({"PERSON", "GPE", "LOC", "ORG", "NORP", "FAC", "EVENT"})
_YET_AFTER = frozenset({"has", "have", "had", "is", "are", "was", "were"})


def _negated_verbs(tokens: list[Token]) -> frozenset[str]:
    """The verbs a sentence says did not happen ("would not be used"), "has yet to endorse"
    among them, though no word says "not"; empty when it negates nothing."""
    verbs = set()
    for i, token in enumerate(tokens):
        if token.dep_ == "neg" or token.lower_ in NEGATIONS:
            verbs.add(token.head.lemma_.lower())
        after = tokens[i + 1 : i + 3]
        yet_to = token.lower_ == "yet" and len(after) == 2 and after[0].lower_ == "to"
        if yet_to and i > 0 and tokens[i - 1].lower_ in _YET_AFTER:
            verbs.add(after[1].lemma_.lower())
    return frozenset(verbs)


def _evidence(key: str, text: str, start: int, end: int) -> Evidence:
    return Evidence(key, start, end, text[start:end])


def _numbers(span, offset: int, key: str, text: str):
    last, last_verb = None, None
    for fact, verb in _counted_numbers(span, offset, key, text):
        if fact.counts:
            last, last_verb = fact, verb
            yield fact
        elif last is not None and _elliptical(fact, last, text):
            if verb is not None and last_verb is not None and verb != last_verb:
                continue  # "killed 37 people and injured more than 100": another measure
            # "2.5 million doses for Mexico and 1.5 million for Canada": the second counts the
            # first one's noun, so the sentence lists the noun twice (see _listed)
            yield NumberFact(fact.evidence, fact.value, last.counts, fact.label, phrase=last.phrase)


_ELLIPSIS_END = re.compile(r"\s*(?:[.,;:)]|$|(?:for|to|in|with|from|at|on|by|among|apiece|each)\b)")


def _elliptical(fact: NumberFact, last: NumberFact, text: str) -> bool:
    """ "... and 1.5 million for Canada" leaves the noun out; "157 seats, 13 short of a
    majority" says how far the first count falls short, of another thing."""
    between = text[last.evidence.end : fact.evidence.start]
    joined = re.search(r"\band\b|\bor\b|,", between) is not None
    ends = _ELLIPSIS_END.match(text, fact.evidence.end) is not None
    return fact.label == last.label and len(between) < 60 and joined and ends


def _counted_numbers(span, offset: int, key: str, text: str):
    """The numbers of a sentence with what they count ("" where nothing says)."""
    for ent in span.ents:
        if ent.label_ not in NUMBER_LABELS - {"ORDINAL"}:
            continue
        sign = _MARGIN.match(ent.text)
        if sign:
            margin = _margin_of_error(ent, sign.end(), offset, key, text)
            if margin is not None:
                yield margin, _verb_of(ent.root)
            continue
        if _in_a_ratio(text, offset + ent.start_char, offset + ent.end_char):
            continue  # "a 2 in 3 chance", "one out of five": odds, not a count
        if _a_total(text, offset + ent.start_char):
            continue  # "157 of 338 seats": the whole the count is part of
        if _a_starting_value(text, offset + ent.start_char, offset + ent.end_char):
            continue  # "rose from 6,121 in 2016 to 7,314": a value the count has left behind
        if _one_of(text, ent, offset):
            continue  # "Kentucky, one of three states": a member, the three are the count
        if _in_a_name(ent) or _a_rank_or_a_date(text, offset + ent.start_char, ent):
            continue  # "the Group of 7 nations", "the No. 3 Republican", "9/11": not counts
        after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        if after is not None and after.lower_ in INCREMENTS:
            continue  # "two more debates": part of a total, which another outlet may give
        value = parse_number(ent.text)
        if value is not None:
            value *= glued_scale(text, offset + ent.start_char, offset + ent.end_char)
        vague = VAGUE_QUANTITIES.get(" ".join(ent.text.lower().split())) if value is None else None
        counted = _counted(ent, vague is not None) if value is not None or vague else None
        start, end = offset + ent.start_char, offset + ent.end_char
        if counted is None:
            if _value_of_a_noun(ent.root):
                continue  # "forecasts of 750,000": the figure of the noun before, no count
            if value is not None:  # counts nothing said: perhaps the noun before (_numbers)
                fact = NumberFact(_evidence(key, text, start, end), value, "", ent.label_)
                yield fact, _verb_of(ent.root)
            continue
        head, counts = counted
        if _counts_sources(head):
            continue  # "three officials familiar with the matter said": who told, not what
        counts += _per(text, offset + head.idx + len(head.text))
        owner = _owner(head) if ent.label_ == "QUANTITY" else frozenset()
        counts += _place_owning(head)
        two = _two_numbers(ent.text)
        bound = "range" if vague or two else _bound(text, start, end)
        low, high = vague or two or (value, None)
        yield NumberFact(
            _evidence(key, text, start, end), low, counts, ent.label_, bound, _phrase(ent, head),
            high, _kind(head, ent) | owner, _kind(head, ent, {"compound"}) | owner,
            _since(text, end), _expected(head), _period_of(head),
        ), _verb_of(head)  # fmt: skip


# "plus or minus four percentage points": the tagger's entity is "minus four"
_MARGIN = re.compile(r"(?:plus|minus)\s+(?=\S)", re.IGNORECASE)


def _margin_of_error(ent: SpacySpan, skip: int, offset: int, key: str, text: str):
    """A poll's margin, counted by the noun after it ("point"), or None when none follows."""
    value = parse_number(ent.text[skip:])
    nouns = [t for t in ent.doc[ent.end : ent.end + 2] if t.pos_ == "NOUN"]
    if value is None or not nouns:
        return None
    start, end = offset + ent.start_char + skip, offset + ent.end_char
    phrase = text[start : offset + nouns[-1].idx + len(nouns[-1].text)]
    evidence = _evidence(key, text, start, end)
    return NumberFact(evidence, value, nouns[-1].lemma_.lower(), ent.label_, phrase=phrase)


# The people a report rests on; their number is the outlet's sourcing, not a fact of the story.
SOURCE_NOUNS = frozenset(
    "official source person people aide diplomat officer lawmaker insider witness".split()
)
# Words that make a figure a forecast, a hope or a possibility rather than a count made.
# "Projected to win 157 seats" (an election called) and "an estimated 40 dead" are counts.
EXPECTING = frozenset("expect forecast predict anticipate hope aim target goal".split())
_MAYBE = frozenset({"could", "might", "may", "would"})


def _value_of_a_noun(root: Token) -> bool:
    preposition = root.head
    return root.dep_ == "pobj" and preposition.lower_ == "of" and preposition.head.pos_ == "NOUN"


def _counts_sources(head: Token) -> bool:
    if head.lemma_.lower() not in SOURCE_NOUNS:
        return False
    if head.dep_ in {"nsubj", "nsubjpass"} and head.head.lemma_.lower() in CUE_LEMMAS:
        return True
    according = head.dep_ == "pobj" and head.head.lower_ == "to"
    return according and head.head.head.lower_ == "according"


def _expected(head: Token) -> bool:
    """ "Economists expect to see 165,000 jobs", "could soon be vaccinating 1.5 million", "a
    goal of 100 million shots": what is hoped or foreseen, against what was counted. A
    subject's size holds whatever may befall it ("the $1.2 trillion bill could die")."""
    subject = head.dep_ in {"nsubj", "nsubjpass"}
    for token in [head, *head.ancestors][:5]:
        if token.lemma_.lower() in EXPECTING:
            return True
        if not subject and any(c.dep_ == "aux" and c.lower_ in _MAYBE for c in token.children):
            return True
    return False


_STARTING = re.compile(r"\bfrom\s+(?:about\s+|around\s+|nearly\s+|some\s+)?\$?$", re.I)
_TO_VALUE = re.compile(
    r"[^.;:]{0,50}?\bto\s+(?:about\s+|around\s+|nearly\s+|some\s+)?"
    r"(?:\$?\d|one|two|three|four|five|six|seven|eight|nine|ten)\b",
    re.I,
)


def _a_starting_value(text: str, start: int, end: int) -> bool:
    before = _STARTING.search(text, max(0, start - 20), start) is not None
    return before and _TO_VALUE.match(text, end) is not None


def _verb_of(token: Token) -> int | None:
    """The position of the verb a word hangs from, if it hangs from one."""
    return token.head.i if token.head.pos_ in {"VERB", "AUX"} else None


_TOTAL = re.compile(
    r"(?:\d[\d,.]*%?(?:\s+[a-z]+)?\s+|\bout\s+)(?:out\s+)?of\s+(?:the\s+|all\s+)?$", re.I
)
_PER = re.compile(r"\s*(?:in\s+a|a|per|each|every)\s+(?:single\s+)?(day|week|month|year|hour)\b")


def _one_of(text: str, ent: SpacySpan, offset: int) -> bool:
    return (
        ent.text.lower() == "one"
        and re.match(r"\s+of\b", text[offset + ent.end_char :]) is not None
    )


def _a_total(text: str, start: int) -> bool:
    """ "157 of 338 seats", "156 seats of the 338": the whole, not a second count."""
    return _TOTAL.search(text, max(0, start - 30), start) is not None


_SINCE = re.compile(
    r"(?:[^.;:!?]|\.\d){0,40}?\b(?:from|over|since|than|compared (?:with|to))\s+"
    r"((?:[^.;:!?]|\.\d){0,60})",
    re.I,
)
_PERIODS = frozenset(("year", "month", "quarter", "week", "day"))


def _since(text: str, end: int) -> frozenset[str]:
    """ "a 36% increase from February" / "a 25% increase from March 2020": two changes over
    two periods, not two accounts of one."""
    match = _SINCE.match(text, end)
    if match is None:
        return frozenset()
    words = re.findall(r"[a-z]+|\b\d{4}\b", match.group(1).lower())
    return frozenset(w for w in words if w in _PERIODS or w in MONTHS or w.isdigit())


def _period_of(head: Token) -> str:
    """The month, weekday or year a count is of, where the parse ties it to one: "943,000 jobs
    added in July", "rose by 235,000 in August", "July, when more than 1 million jobs were
    created", "July's 943,000 jobs". An article giving a noun two values of two periods gives
    no two values of one thing."""
    verb = head.head if head.head.pos_ in {"VERB", "AUX"} else None
    holders = [head, *(c for c in head.children if c.dep_ in {"acl", "relcl"})]
    if verb is not None:
        holders.append(verb)
        if verb.dep_ == "relcl" and verb.head.ent_type_ == "DATE":
            return _named_period(verb.head)
    for holder in holders:
        for child in holder.children:
            date = child
            if child.dep_ == "prep" and child.lower_ in {"in", "during", "for", "on"}:
                date = next((c for c in child.children if c.dep_ == "pobj"), child)
            elif child.dep_ not in {"npadvmod", "poss", "pobj"}:
                continue
            if date.ent_type_ == "DATE" and _named_period(date):
                return _named_period(date)
    return ""


_YEAR = re.compile(r"(?:19|20)\d\d")


def _named_period(token: Token) -> str:
    words = [t.lower_ for t in token.subtree if t.ent_type_ == "DATE"]
    named = [w for w in words if w in MONTHS or w in WEEKDAYS or _YEAR.fullmatch(w)]
    return " ".join(named)


def _one_period(a: frozenset[str], b: frozenset[str]) -> bool:
    """ "over the previous month" and "over the influx in June" may name one month; "from a
    year ago" and "from February" are two periods, as are "from February" and "from March"."""
    return bool(a & b) or _generic_of(a, b) or _generic_of(b, a)


def _generic_of(generic: frozenset[str], named: frozenset[str]) -> bool:
    """A bare "month" against a named month, a bare "year" against a year."""
    if generic == {"month"}:
        return any(w in MONTHS for w in named)
    return generic == {"year"} and any(w.isdigit() for w in named)


def _per(text: str, after: int) -> str:
    """ "2,000 deaths in a day" counts a rate, not a toll: " a day" to the counted noun."""
    match = _PER.match(text, after)
    return f" a {match.group(1)}" if match else ""


def _counted(ent: SpacySpan, vague: bool) -> tuple[Token, str] | None:
    """The noun a number counts and the name it is compared by; None when nothing says."""
    root = ent.root
    if root.pos_ == "ADP":  # "between 50 and 100 pardons": the tagger's root is "between"
        root = next((t for t in ent if t.dep_ == "nummod"), root)
    head = root.head if root.dep_ in {"nummod", "quantmod"} else ent.root
    if vague or (head.i == ent.root.i and ent.label_ != "QUANTITY"):
        # "dozens of documents", "$26 billion in sales": what is counted follows
        head = _counted_after_of(ent.root) or ent.root
    if ent.label_ == "PERCENT":
        return _described_by_percent(ent.root, head)
    if head.i == ent.root.i and ent.label_ != "QUANTITY":
        # "asking for $1.8 trillion", "fell to 498,000": nothing says what is counted, and
        # two such numbers in one story are as likely to count two things
        return None
    counts = head.lemma_.lower()
    if head.dep_ in {"compound", "amod"} and head.head.pos_ in {"NOUN", "PROPN"}:
        # "a 60-vote threshold", "a 48-page indictment": the count describes another thing
        counts = f"{counts} {head.head.lemma_.lower()}"
    return head, _with_coordinated(head, counts)


def _described_by_percent(root: Token, head: Token) -> tuple[Token, str]:
    """ "A 55 percent majority", "an 8% increase", "a 16 percent spending boost": a share
    names what it is a share of, and two shares of two things ("a majority supports deporting"
    / "said migrants were a burden") are no two accounts of one."""
    described = root.head.pos_ == "NOUN" and root.dep_ in {"compound", "amod", "nmod"}
    if described and head.i == root.i:
        return root.head, f"percent {root.head.lemma_.lower()}"
    return head, "percent"


def _with_coordinated(head: Token, counts: str) -> str:
    """ "50 to 100 commutations and pardons" and "100 pardons and commutations" count one
    thing; a coordinated noun with a number of its own ("3 workers and 2 visitors") is
    another count."""
    others = {t.lemma_.lower() for t in _coordinated(head)}
    return " and ".join(sorted({counts, *others})) if others else counts


def _coordinated(head: Token) -> list[Token]:
    return [
        t
        for t in head.children
        if t.dep_ == "conj"
        and t.pos_ == "NOUN"
        and not any(c.dep_ in {"nummod", "amod"} for c in t.children)
    ]


def _a_rank_or_a_date(text: str, start: int, ent: SpacySpan) -> bool:
    """ "No. 3", "number two", "#1" rank; "9/11", "24/7" join numbers into a name or a date."""
    if re.search(r"(?:\bno\.?|\bnumber|#)\s*$", text[max(0, start - 8) : start], re.I):
        return True
    end = start + len(ent.text)
    return "/" in text[max(0, start - 1) : end + 1]


def _in_a_name(ent: SpacySpan) -> bool:
    before = ent.start - 1
    if before >= 1 and ent.doc[before].lower_ == "of":
        before -= 1
    if before < 0:
        return False
    word = ent.doc[before]
    return word.pos_ == "PROPN" and word.text[:1].isupper() and not word.is_sent_start


def _kind(
    head: Token,
    ent: SpacySpan,
    relations: frozenset[str] | set[str] = frozenset({"amod", "compound"}),
) -> frozenset[str]:
    """The describing words of a counted noun: "100 developing nations" and "7 wealthy nations"
    count two sets of nations."""
    return frozenset(
        t.lemma_.lower()
        for t in head.children
        if t.dep_ in relations
        and not (ent.start <= t.i < ent.end)
        and t.is_alpha
        and t.lower_ not in NOT_RESTRICTIVE
    )


# Words that describe a count without narrowing what is counted: "19 separate actions" and
# "23 executive actions" count the same actions.
NOT_RESTRICTIVE = frozenset(
    "separate new total individual different distinct single full entire whole only more "
    "additional other such various several many few major key main overall".split()
)


# Counts that words give as a range. The plural means at least two of the unit ("dozens": 24);
# the top is the next unit's bottom, so that "dozens" and "hundreds" never overlap but "dozens"
# admits 100 and "hundreds" admits 150, as reporters round.
VAGUE_QUANTITIES = {
    "dozens": (24, 120), "scores": (40, 120), "hundreds": (150, 1_500),
    "thousands": (1_500, 15_000), "tens of thousands": (15_000, 150_000),
    "hundreds of thousands": (150_000, 1_500_000), "millions": (1_500_000, 1.5e9),
}  # fmt: skip


INCREMENTS = frozenset({"more", "other", "additional", "further", "remaining", "extra"})
_SMALL = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)"
_RATIO = re.compile(rf"\b{_SMALL}[\s-]+(?:in|out[\s-]+of)[\s-]+{_SMALL}\b", re.IGNORECASE)


def _in_a_ratio(text: str, start: int, end: int) -> bool:
    window_start = max(0, start - 20)
    for match in _RATIO.finditer(text, window_start, min(len(text), end + 20)):
        if match.start() < end and start < match.end():
            return True
    return False


_TWO_NUMBERS = re.compile(
    r"(\d[\d,.]*)\s*(?:to|and|-|–|—)\s*[$€£]?(\d[\d,.]*)(?:\s*(thousand|million|billion|trillion))?",
    re.I,
)


def _two_numbers(text: str) -> tuple[float, float] | None:
    """The ends of "92,000 to 498,000", "between 10 and 20", "10-12": one mention, two values,
    so only a value outside both is another count ("fell by 92,000 to 498,000" admits 498,000)."""
    match = _TWO_NUMBERS.search(text)
    if not match:
        return None
    scale = parse_number("1 " + match.group(3)) if match.group(3) else 1.0
    low, high = (parse_number(match.group(k)) for k in (1, 2))
    if low is None or high is None or scale is None:
        return None
    return min(low, high) * scale, max(low, high) * scale


def _counted_after_of(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "in"}:
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _phrase(ent: SpacySpan, head: Token) -> str:
    """What a number says: "three dock workers were killed", "27 people taken"."""
    verb = head.head if head.head.pos_ in {"VERB", "AUX"} else None
    if head.pos_ == "VERB":
        verb = head
    if verb is None and head.dep_ == "pobj" and head.head.head.pos_ in {"VERB", "AUX"}:
        verb = head.head.head  # "issue between 50 and 90 pardons"
    if verb is None and head.dep_ == "nsubj" and head.head.pos_ == "ADJ":
        # "left 40 people dead": the state the count is in, and the verb that left them so
        state = head.head
        governs = [state.head.text] if state.head.pos_ in {"VERB", "AUX"} else []
        return " ".join([ent.text, head.text, state.text, *governs])
    # The counted word stays even when it is inside the mention ("3 million tonnes"): the
    # phrase is compared without the mention's words. spaCy makes a new Token object at each
    # access, so positions are compared, not identities.
    words = [ent.text] + ([] if verb is not None and head.i == verb.i else [head.text])
    words.extend(t.text for t in _coordinated(head))
    if verb is not None:
        words.append(verb.text)
        words.extend(
            t.text
            for t in verb.children
            if t.dep_ in {"prt", "dobj", "prep", "oprd"} and t.i > ent.root.i
        )
    return " ".join(words)


_GOVERNED = frozenset({"pobj", "prep", "appos", "npadvmod", "advmod", "conj"})


def _owner(head: Token, steps: int = 4) -> frozenset[str]:
    """The noun a verbless measure belongs to: "a base about 50 miles from the capital", "a
    range of 420 kilometers (260 miles)": a distance and a range are two measures."""
    for _ in range(steps):
        if head.dep_ not in _GOVERNED or head.head.i == head.i:
            return frozenset()
        conversion = head.dep_ == "appos"  # "(260 miles)": the same measure in other units
        head = head.head
        if head.pos_ == "VERB":
            return frozenset()
        if head.pos_ in {"NOUN", "PROPN"} and not conversion:
            return frozenset({head.lemma_.lower()})
    return frozenset()


def _place_owning(head: Token) -> str:
    """ "California's 55 electors" are a part of "538 electors": a place's count is its own."""
    places = [c for c in head.children if c.dep_ == "poss" and c.ent_type_ in {"GPE", "LOC"}]
    return "".join(f" of {c.lower_}" for c in places)


def _bound(text: str, start: int, end: int) -> str:
    """Whether the text states the number exactly or as a bound: "at least 12", "nearly 70"."""
    digits = re.search(
        r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozen)\b", text[start:end], re.I
    )
    before = text[max(0, start - 25) : start + (digits.start() if digits else 0)]
    before = re.sub(r"[$€£¥₽]\s*$", "", before)  # "roughly $928 billion"
    before = re.sub(r"\ba\s+$", "", before, flags=re.I)  # "nearly a dozen"
    return next((kind for pattern, kind in _BOUNDS if pattern.search(before)), "exact")


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january february march april may june july august september october november december"
).split()


def _dates(span, offset: int, key: str, text: str):
    for ent in span.ents:
        # the tagger calls "Saturday night" and "early Tuesday morning" times, not dates
        if ent.label_ not in {"DATE", "TIME"} or _names_a_weekday_in_a_name(ent):
            continue
        lowered = ent.text.lower()
        weekday = next((w for w in WEEKDAYS if w in lowered), None)
        weekday = weekday or next(
            (w for stem, w in RUSSIAN_WEEKDAYS.items() if stem in lowered), None
        )
        month_day = _month_day(lowered)
        if weekday or month_day:
            start, end = offset + ent.start_char, offset + ent.end_char
            evidence = _evidence(key, text, start, end)
            around = text[max(0, start - 12) : min(len(text), end + 24)]
            yield DateFact(
                evidence,
                weekday,
                month_day,
                _governing_verb(ent.root),
                near_midnight=_sides_of_midnight(around),
                actor=_actor(ent.root),
            )


# Around midnight, or told in another time zone, one moment falls on two days: "early Friday
# morning local time" in Gaza is Thursday evening in Washington.
_NEAR_MIDNIGHT = {
    "early": re.compile(r"\b(?:early|overnight|dawn|pre-dawn|local time)\b", re.I),
    "late": re.compile(r"\b(?:late|overnight|night|midnight|local time)\b", re.I),
}


def _sides_of_midnight(around: str) -> frozenset[str]:
    return frozenset(side for side, words in _NEAR_MIDNIGHT.items() if words.search(around))


RUSSIAN_MONTHS = "январ февра март апрел мая июн июл август сентябр октябр ноябр декабр".split()
RUSSIAN_WEEKDAYS = {
    "понедельник": "monday", "вторник": "tuesday", "сред": "wednesday", "четверг": "thursday",
    "пятниц": "friday", "суббот": "saturday", "воскресен": "sunday",
}  # fmt: skip


def _month_day(lowered: str) -> tuple[int, int] | None:
    """(month, day) of "May 14" or "14 мая"."""
    match = re.search(rf"\b({'|'.join(MONTHS)})\s+(\d{{1,2}})\b", lowered)
    if match:
        return MONTHS.index(match.group(1)) + 1, int(match.group(2))
    match = re.search(rf"\b(\d{{1,2}})\s+({'|'.join(RUSSIAN_MONTHS)})", lowered)
    if match:
        return RUSSIAN_MONTHS.index(match.group(2)) + 1, int(match.group(1))
    return None


def _names_a_weekday_in_a_name(ent: SpacySpan) -> bool:
    """ "Fox News Sunday", "Super Tuesday", "Good Friday": a weekday inside a name is no date."""
    if len(ent) != 1 or ent[0].lower_ not in WEEKDAYS or ent.start == 0:
        return False
    before = ent.doc[ent.start - 1]
    starts_sentence = before.is_sent_start or before.is_punct
    return before.text[:1].isupper() and not starts_sentence and before.pos_ in {"PROPN", "ADJ"}


def _governing_verb(token: Token) -> str:
    """The lemma of the nearest verb above a token: what happened at the time a date names.

    A state ("effective Friday") or an earlier happening ("grounded the jets after a crash on
    Sunday") the date is told of stands in the verb's place: the verb happened at another time.
    """
    for ancestor in token.ancestors:
        if ancestor.pos_ in {"VERB", "AUX"}:
            return ancestor.lemma_.lower()
        if ancestor.pos_ == "ADJ" or (
            ancestor.pos_ == "NOUN" and ancestor.head.lower_ in _REFERENCE_PREPOSITIONS
        ):
            return ancestor.lemma_.lower()
    return ""


_REFERENCE_PREPOSITIONS = frozenset({"after", "before", "since", "following", "until"})


def _actor(token: Token) -> str:
    """The named subject of the verb a date hangs from ("McAuliffe said Sunday"), or the named
    agent of a passive one ("was sued Sunday by Rep. Louie Gohmert"); "" when none is named."""
    verb = next((a for a in token.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    if verb is None:
        return ""
    for child in verb.children:
        if child.dep_ == "agent":
            child = next((c for c in child.children if c.dep_ == "pobj"), child)
            return child.lower_ if child.pos_ == "PROPN" else ""
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.dep_ == "nsubjpass":
        return ""
    return subject.lower_ if subject.pos_ == "PROPN" else ""


# ------------------------------------------------------------------------------- alignment


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def same_claim(
    a: ClaimUnit,
    b: ClaimUnit,
    cosine: float,
    settings: ClaimSettings = DEFAULT,
    one_quote: bool = False,
) -> bool:
    """``one_quote``: the two sentences carry renderings of one quote."""
    if cosine < settings.same_claim:
        with_words = settings.same_claim_quoting if one_quote else settings.same_claim_with_words
        if cosine < with_words or _counts_on_one_side(a, b):
            return False  # "Clinton now has 1,163 delegates" / "the delegate-packed primary"
        if dice(a.lemmas, b.lemmas) < settings.shared_words or not _more_than_names(a, b):
            return False
    # the names last: every pair of a story's sentences is asked, most fail on meaning
    return not (_two_moments(a, b) or _before_and_after(a, b) or about_other_things(a, b))


def _two_moments(a: ClaimUnit, b: ClaimUnit) -> bool:
    """Two days of the week for two things done ("Ryan declared on Thursday …" / "Ryan's office
    announced Friday …"): two moments, not one claim. The same act on two days stays one
    claim, which the date conflicts then report."""
    if len(a.dates) != 1 or len(b.dates) != 1:
        return False
    x, y = a.dates[0], b.dates[0]
    apart = bool(x.weekday and y.weekday and x.weekday != y.weekday)
    return apart and bool(x.predicate and y.predicate) and x.predicate != y.predicate


_OCCASION_WORDS = r"((?:[\w'’-]+\s+){0,3}[\w'’-]+)"
_BEFORE = re.compile(
    r"\b(?:before|ahead\s+of|heading\s+into|going\s+into|on\s+the\s+eve\s+of|"
    rf"in\s+the\s+run-up\s+to|leading\s+up\s+to)\s+{_OCCASION_WORDS}",
    re.IGNORECASE,
)
# the time after an occasion, or its outcome: "scored a decisive victory in Tuesday's primary"
_AFTER = re.compile(
    r"\b(?:after|following|in\s+the\s+wake\s+of|(?:victory|win|defeat|loss)\s+(?:in|at)|"
    rf"won|lost)\s+{_OCCASION_WORDS}",
    re.IGNORECASE,
)
_RANKS = frozenset("first second third fourth fifth last next final new".split())


def _before_and_after(a: ClaimUnit, b: ClaimUnit) -> bool:
    """One sentence tells of a time before an occasion, the other of the time after it ("tied
    heading into their first debate" / "remains in a tight race after the first debate"): two
    moments, however close in words."""
    return _before_then_after(a, b) or _before_then_after(b, a)


def _before_then_after(a: ClaimUnit, b: ClaimUnit) -> bool:
    before = _occasions(_BEFORE, a) - _occasions(_AFTER, a)
    after = _occasions(_AFTER, b) - _occasions(_BEFORE, b)
    return bool(before & after)


def _occasions(pattern: re.Pattern, unit: ClaimUnit) -> frozenset[str]:
    """The content words (as lemmas) of the phrases ``pattern`` finds in a unit's sentence."""
    found = set()
    for match in pattern.finditer(unit.evidence.text):
        for word in re.findall(r"[a-z]+", match.group(1).lower()):
            plural = word.endswith("s") and word[:-1] in unit.lemmas
            lemma = word if word in unit.lemmas else word[:-1] if plural else ""
            if lemma and lemma not in _RANKS:
                found.add(lemma)
    return frozenset(found)


def _counts_on_one_side(a: ClaimUnit, b: ClaimUnit) -> bool:
    """A sentence that gives a figure against one that gives none: what they share is the
    topic; only meaning close enough on its own makes them one claim. A range in words
    ("thousands of Americans") is no figure."""
    return _gives_a_figure(a) != _gives_a_figure(b)


def _gives_a_figure(unit: ClaimUnit) -> bool:
    return any(n.counts and not in_words(n) for n in unit.numbers)


def _more_than_names(a: ClaimUnit, b: ClaimUnit) -> bool:
    """Whether two sentences share a word besides the names in them and a speech verb: "Crucial
    wins for Clinton and Trump in New York" and "That is why New York is so important to
    Clinton" share only who and where, not what happened."""
    return bool(_beyond_names(a) & _beyond_names(b))


def _beyond_names(unit: ClaimUnit) -> frozenset[str]:
    named = {word.lower() for _, text, _ in unit.entities for word in re.findall(r"\w+", text)}
    named |= unit.named_heads
    return frozenset(
        lemma
        for lemma in unit.lemmas
        if lemma not in named and lemma + "s" not in named and lemma not in CUE_LEMMAS
    )


def align_claims(
    units: Sequence[ClaimUnit],
    similarity: np.ndarray,
    settings: ClaimSettings = DEFAULT,
    quoting: frozenset[frozenset[int]] = frozenset(),
) -> list[list[int]]:
    """Groups of unit indexes, best pairs first, never two units of one article in a group.
    ``quoting``: pairs of units that carry renderings of one quote."""
    pairs = [
        (similarity[i, j], i, j)
        for i in range(len(units))
        for j in range(i + 1, len(units))
        if units[i].article != units[j].article
        and same_claim(units[i], units[j], similarity[i, j], settings, frozenset((i, j)) in quoting)
    ]
    pairs.sort(reverse=True)
    group_of = list(range(len(units)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(units))}
    for _, i, j in pairs:
        gi, gj = group_of[i], group_of[j]
        if gi == gj or not _can_merge(members[gi], members[gj], units, similarity, settings):
            continue
        for k in members[gj]:
            group_of[k] = gi
        members[gi].extend(members.pop(gj))
    return [sorted(m) for m in members.values()]


def _can_merge(
    a: list[int],
    b: list[int],
    units: Sequence[ClaimUnit],
    similarity: np.ndarray,
    settings: ClaimSettings,
) -> bool:
    if {units[i].article for i in a} & {units[j].article for j in b}:
        return False
    if any(about_other_things(units[i], units[j]) for i in a for j in b):
        return False
    return float(similarity[np.ix_(a, b)].mean()) >= settings.group_cohesion


def about_other_things(a: ClaimUnit, b: ClaimUnit, places_only: bool = False) -> bool:
    """Two sentences of one language naming two people, places or bodies of one kind, each
    one the other lacks ("won New York" / "won Delaware"): two facts, however close in words.
    Across languages the names are spelled apart, and only meaning can match them.

    ``places_only``: for figures, only a place something is in scopes a count ("an explosion
    in Alexandria killed 13" / "two explosions in Egypt"); the people a sentence names in
    passing ("Biden's $3.5 trillion package" beside "the $1.2 trillion bill") do not."""
    if a.language != b.language:
        return False
    if ordinals_apart(a.evidence.text, b.evidence.text):
        return True  # "the sixth Democratic debate" / "the fifth Democratic debate"
    if places_only:
        return names_apart(
            a.entities, b.entities, a.evidence, b.evidence, frozenset({"place"}), located=True
        )
    return names_apart(a.entities, b.entities, a.evidence, b.evidence)


def disagrees(a: ClaimUnit, b: ClaimUnit, settings: ClaimSettings = DEFAULT) -> bool:
    """Whether two units about the same thing say opposite things, or different numbers.

    A negation counts only between sentences that share most of their words, where it is the
    difference; elsewhere it is as likely to belong to a clause the other sentence lacks.
    """
    shared = dice(a.lemmas, b.lemmas) >= settings.same_words_but_negated
    return (a.negated != b.negated and shared) or bool(number_clashes(a, b, settings))


def number_clashes(
    a: ClaimUnit, b: ClaimUnit, settings: ClaimSettings = DEFAULT
) -> list[tuple[NumberFact, NumberFact]]:
    clashes = []
    polls_apart = _two_polls(a, b)
    # A noun counted twice in one sentence ("Romney has 21 percent, Trump 17 percent") is a
    # list: which of its numbers answers which on the other side is unknown, so say nothing.
    listed = _listed(a) | _listed(b)
    for x in a.numbers:
        for y in b.numbers:
            if x.counts in listed or y.counts in listed or _overlap(x, y):
                continue
            if polls_apart and _a_share_or_margin(x):
                continue
            if in_words(x) != in_words(y):
                # "millions of jobs are still missing" / "only 266,000 jobs": a word for a
                # range is loose, and as often counts another slice of the thing; only two
                # range words ("dozens" / "hundreds") are two accounts of one count
                continue
            if a.language != b.language:  # тонна / tonne: what they count, compared by meaning
                same = {x.label, y.label} <= COUNT_LABELS and _same_measure_across(x, y, settings)
            else:
                same = counted_as(x) == counted_as(y) and x.label == y.label
                same = same and _kinds_agree(x, y)
                same = same and (
                    _sum_of_one_thing(x, y)
                    or _change_from_one_period(x, y)
                    or _same_measure(x, y, settings.same_measure)
                )
                same = same and x.expected == y.expected  # read from English words
                same = same and not (x.when and y.when and x.when != y.when)
            same = same and not (x.since and y.since and not _one_period(x.since, y.since))
            if same and not (_named_otherwise(y, a) or _named_otherwise(x, b)):
                clashes.append((x, y))
    return clashes


# Nouns naming one legislated or proposed sum: "the $1 trillion infrastructure bill" and "the
# $1.2 trillion package" size one thing, whatever each outlet calls it.
SUM_NOUNS = frozenset("bill package plan measure legislation proposal".split())


def counted_as(fact: NumberFact) -> str:
    """What a figure counts, the names of one legislated sum taken as one noun."""
    if fact.label == "MONEY" and fact.counts in SUM_NOUNS:
        return "bill"
    return fact.counts


POLL_LEMMAS = frozenset({"poll", "survey", "polling", "pollster"})
MARGIN_LEMMAS = frozenset({"margin", "error"})


def _two_polls(a: ClaimUnit, b: ClaimUnit) -> bool:
    """A poll's shares and margins are its own: "trails by 4 percentage points, according to
    HuffPost Pollster's average" / "several polls show Sanders within two points" are two
    measurements, not two accounts of one. Only figures of one named pollster are compared.
    A margin of error is a poll's too, where no sentence says "poll"."""
    if not any(POLL_LEMMAS & u.lemmas or u.lemmas >= MARGIN_LEMMAS for u in (a, b)):
        return False
    return not one_body_named(a.entities, b.entities, a.evidence, b.evidence)


def _a_share_or_margin(fact: NumberFact) -> bool:
    """What a poll measures: "46 percent", "a 4-point lead" ("polls closed in four states"
    counts states)."""
    return fact.label == "PERCENT" or fact.counts.split()[-1:] == ["point"]


def _sum_of_one_thing(x: NumberFact, y: NumberFact) -> bool:
    """A sum that sizes a described thing ("the $1.2 trillion infrastructure bill") is its size
    whatever happens to it ("could live or die" / "will be voted on"), unlike a count of what
    happened ("three workers killed" / "four workers injured")."""
    return x.label == y.label == "MONEY" and bool(x.kind and y.kind)


def _change_from_one_period(x: NumberFact, y: NumberFact) -> bool:
    """ "A 12% increase over the previous month" / "a 13 percent increase over June": one
    change over one period, whatever verb the sentence hangs it on."""
    described = x.counts.startswith("percent ")
    return described and bool(x.since and y.since) and _one_period(x.since, y.since)


def _named_otherwise(fact: NumberFact, unit: ClaimUnit) -> bool:
    """Whether the other sentence gives this very figure to another noun: beside "a $1
    trillion infrastructure bill" and "a $3.5 trillion package", another outlet's "$1 trillion
    infrastructure package" is the bill by another name, not a second figure for the package."""
    return any(
        other.counts != fact.counts
        and other.label == fact.label
        and not in_words(other)  # "dozens of others" is no figure given to them
        and _overlap(other, fact)
        for other in unit.numbers
    )


def _kinds_agree(x: NumberFact, y: NumberFact) -> bool:
    """ "two Republican senators" / "three Republican state senators" count two sets; a
    describing adjective more ("a bipartisan $1.2 trillion infrastructure bill" / "the $1
    trillion infrastructure bill") tells more of the same thing."""
    if not x.kind or not y.kind or x.kind == y.kind:
        return True
    fewer, more = sorted((x, y), key=lambda fact: len(fact.kind))
    if not fewer.kind < more.kind:
        return False
    return not (more.kind - fewer.kind) & more.kind_nouns


COUNT_LABELS = frozenset({"CARDINAL", "QUANTITY"})  # natasha tags no quantities: "3 млн тонн"


def _same_measure_across(x: NumberFact, y: NumberFact, settings: ClaimSettings) -> bool:
    """Whether two numbers in two languages count the same thing, by multilingual-e5 read on
    MiniLM's scale."""
    from crosswire.nlp.embed import embed_multilingual, on_minilm_scale

    vectors = embed_multilingual([_without_number(x), _without_number(y)])
    cosine = on_minilm_scale(np.float32(vectors[0] @ vectors[1]), across_languages=True)
    return float(cosine) >= settings.same_measure


def _listed(unit: ClaimUnit) -> set[str]:
    """Nouns counted twice in the sentence, unless of two named periods ("212,672 migrants in
    July, … 188,000 migrants in June" is a change, not a list)."""
    periods: dict[str, list[str]] = {}
    for number in unit.numbers:
        periods.setdefault(number.counts, []).append(number.when)
    return {
        counts
        for counts, whens in periods.items()
        if len(whens) > 1 and not (all(whens) and len(set(whens)) == len(whens))
    }


def _same_measure(x: NumberFact, y: NumberFact, bar: float) -> bool:
    """Whether two numbers count the same thing: "three workers killed" / "four workers died"."""
    from crosswire.nlp.embed import embed

    if x.phrase == y.phrase:
        return True
    vectors = embed([_without_number(x), _without_number(y)])
    return float(vectors[0] @ vectors[1]) >= bar


def _without_number(fact: NumberFact) -> str:
    return fact.phrase.replace(fact.evidence.text, "").strip() or fact.counts


def in_words(fact: NumberFact) -> bool:
    """A range told in words: "dozens", "hundreds of thousands"."""
    return fact.bound == "range" and not any(c.isdigit() for c in fact.evidence.text)


def _overlap(x: NumberFact, y: NumberFact) -> bool:
    (a_low, a_high), (b_low, b_high) = x.interval(), y.interval()
    return (a_low <= b_high and b_low <= a_high) or _rounded_alike(x, y)


def _rounded_alike(x: NumberFact, y: NumberFact) -> bool:
    """ "43,000" and "43,350", "2 percent" and "2.1 percent": the finer figure rounded as the
    coarser one is written gives it, so they are one figure told at two precisions."""
    if x.bound != "exact" or y.bound != "exact":
        return False
    step = max(_step(x.value), _step(y.value))
    close = abs(x.value - y.value) <= 0.05 * max(abs(x.value), abs(y.value))  # not 100 / 120
    coarser = step > min(_step(x.value), _step(y.value))
    # half a step either way: "$740.5 billion" is "$741 billion" rounded up
    return close and coarser and abs(x.value - y.value) <= step / 2 + 1e-9


def _step(value: float) -> float:
    """The place of a figure's last significant digit: 43,000 -> 1,000; 2.1 -> 0.1."""
    if value != int(value):
        text = f"{value:.6f}".rstrip("0")
        return 10.0 ** -(len(text) - text.index(".") - 1)
    step, whole = 1.0, int(abs(value))
    while whole and whole % 10 == 0:
        whole //= 10
        step *= 10
    return step


def build_groups(
    units: Sequence[ClaimUnit],
    groups: list[list[int]],
    similarity: np.ndarray,
    loaded: dict,
    settings: ClaimSettings = DEFAULT,
    quoting: frozenset[frozenset[int]] = frozenset(),
) -> list[ClaimGroup]:
    """Claim groups with a representative wording and each member's coverage.

    A member is checked against the representative itself, not only against the group it
    joined: one that states another claim, or gives other figures of the same thing without
    contradicting it ("leads 49 percent to 47 percent" / "47.3 percent to 44.4 percent", two
    polls), is a claim of its own, so that a group's outlets all carry its wording's fact."""
    result = []
    pending = [list(members) for members in groups]
    while pending:
        members = pending.pop(0)
        representative = _representative(members, units, similarity, loaded)
        rep = units[representative]
        claim = ClaimGroup(id="", text=rep.evidence.text, importance=0.0)
        apart = []
        for i in members:
            unit = units[i]
            contradicts = i != representative and disagrees(unit, rep, settings)
            if (
                i != representative
                and not contradicts
                and not _carries(
                    unit,
                    rep,
                    similarity[i, representative],
                    settings,
                    frozenset((i, representative)) in quoting,
                )
            ):
                apart.append(i)
                continue
            coverage = Coverage.CONTRADICTS if contradicts else Coverage.REPORTS
            claim.members.append(ClaimMember(unit.evidence, coverage, unit.position, unit.headline))
        result.append(claim)
        if apart:
            pending.insert(0, apart)
    return result


def _carries(
    unit: ClaimUnit, rep: ClaimUnit, cosine: float, settings: ClaimSettings, one_quote: bool
) -> bool:
    """Whether a member states the fact of the group's wording: the same claim, the same
    figures if any ("Clinton wins the New York primary" does not state "… through the support
    of women (61 percent)"), and the same polarity ("Trump Finally Endorses Ryan" / "Trump has
    yet to endorse Ryan")."""
    if _negation_differs(unit, rep) or _counts_on_one_side(unit, rep):
        return False
    return same_claim(unit, rep, cosine, settings, one_quote) and not _figures_apart(
        unit, rep, settings
    )


def _negation_differs(a: ClaimUnit, b: ClaimUnit) -> bool:
    """A verb one sentence negates and the other states: "Trump Finally Endorses Ryan" /
    "Trump has yet to endorse Ryan". A negation of something the other does not say ("any
    ceasefire would not be used to rearm Ukraine" / "a ceasefire just to continue supplying
    arms") is no difference."""
    return _states_any(a.negated_verbs - b.negated_verbs, b) or _states_any(
        b.negated_verbs - a.negated_verbs, a
    )


def _states_any(verbs: frozenset[str], unit: ClaimUnit) -> bool:
    # a headline's capitals leave the tagger's lemma inflected: "Endorses" for "endorse"
    return any(
        lemma == verb or (lemma.startswith(verb) and len(lemma) - len(verb) <= 2)
        for verb in verbs
        for lemma in unit.lemmas
    )


def _figures_apart(a: ClaimUnit, b: ClaimUnit, settings: ClaimSettings) -> bool:
    """Both sentences give figures and share none ("led by 5 percentage points" / "rose 1
    percentage point since the debate"), or count one thing and each gives a figure for it the
    other lacks, which no clash reports (lists: "49 percent to 47 percent" / "47.3 to 44.4")."""
    counted_a, counted_b = [x for x in a.numbers if x.counts], [y for y in b.numbers if y.counts]
    if counted_a and counted_b and not any(_overlap(x, y) for x in counted_a for y in counted_b):
        return True
    listed = _listed(a) & _listed(b)  # "Johnson 5 percent, Stein 1 percent" / "… 3 percent"
    pairs = [
        (x, y)
        for x in a.numbers
        for y in b.numbers
        if x.counts
        and (x.label, x.counts) == (y.label, y.counts)
        and (x.counts in listed or _same_measure(x, y, settings.same_measure))
    ]
    if not pairs:
        return False
    mine, theirs = {id(x): x for x, _ in pairs}, {id(y): y for _, y in pairs}
    partners = {(id(x), id(y)) for x, y in pairs if _overlap(x, y)}
    lacking_there = any(all((i, j) not in partners for j in theirs) for i in mine)
    lacking_here = any(all((i, j) not in partners for i in mine) for j in theirs)
    return lacking_there and lacking_here


def _representative(
    members: list[int], units: Sequence[ClaimUnit], similarity: np.ndarray, loaded: dict
) -> int:
    """The most central, least loaded body sentence: the wording a neutral summary can use."""

    def score(i: int) -> tuple:
        centrality = float(similarity[i, members].mean()) if len(members) > 1 else 0.0
        return (not units[i].headline, -loaded.get(i, 0), round(centrality, 3), -i)

    return max(members, key=score)
