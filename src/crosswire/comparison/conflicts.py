"""Conflicts: where the articles of a story disagree on a fact, each side with its words.

Numbers and dates are compared between sentences that are about the same thing (close in
meaning, whether or not they ended up in one claim group). Titles are compared for each person
across articles: "former US President" against "U.S. President" is a conflict because the role
is the same and only one side marks it as past. Attributions conflict when one quote is given to
different speakers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

import numpy as np

from crosswire.comparison.claims import (
    WEEKDAYS,
    ClaimUnit,
    about_other_things,
    in_words,
    number_clashes,
)
from crosswire.model import Conflict, ConflictKind, ConflictSide, Evidence, QuoteGroup, Span
from crosswire.nlp.parse import parse_number
from crosswire.nlp.people import TITLE_WORDS, clean_name, looks_like_name, same_name
from crosswire.settings import CompareSettings

if TYPE_CHECKING:
    from crosswire.comparison.claims import NumberFact
    from crosswire.model import Person, QuoteVariant


DEFAULT = CompareSettings()

STATUS_WORDS = frozenset({"former", "ex", "late", "acting", "interim", "outgoing", "incoming"})
# A rank under the role: "Deputy Harbour Minister" and "Harbour Minister" are not one post.
# "Associate Justice" is not among them: "Justice" is its usual short form.
RANK_WORDS = frozenset({"deputy", "vice", "assistant", "junior"})
MARKER_WORDS = STATUS_WORDS | RANK_WORDS
_LOWERCASE_TITLE_WORDS = STATUS_WORDS | {
    "president",
    "minister",
    "secretary",
    "leader",
    "vice",
    "deputy",
}
# "the late Justice Ginsburg" and "Justice Ginsburg" both name a judge who has died: an
# unmarked title answers "former", never "late"
_ANSWERED_MARKERS = MARKER_WORDS - {"late"}
# Courtesy titles kept for life: a retired judge is still "Justice O'Connor", so a plain one
# answers no "former"
_KEPT_FOR_LIFE = frozenset({"justice", "judge", "ambassador"})
# (person, the name's words, the title's words, named in passing or of earlier times)
TitleMention = tuple[str, Evidence, Evidence, bool]


def number_conflicts(
    units: Sequence[ClaimUnit],
    similarity: np.ndarray,
    claim_of: dict[int, str],
    events: dict[str, int],
    settings: CompareSettings = DEFAULT,
):
    found: dict[tuple, Conflict] = {}
    unclear, unclear_of_a_period = _several_values(units, False), _several_values(units, True)
    stated = _stated_figures(units)
    bar = min(settings.about_the_same, settings.about_the_same_period)
    for i, j in _comparable_pairs(units, similarity, events, bar):
        close = similarity[i, j] >= settings.about_the_same
        for x, y in number_clashes(units[i], units[j], settings.claims):
            if not close and not _pinned_to_a_period(x, y):
                continue
            # Two counts of one named period ("in July") are clear whatever the article says
            # of other periods; without it on both sides, any second value makes them unclear.
            dated = bool(x.when and y.when)
            several = unclear_of_a_period if dated else unclear
            if _value_key(x, dated) in several or _value_key(y, dated) in several:
                continue
            if _told_by_both(x, y, stated):
                continue
            # One conflict per claim: the same noun in two claims is two facts, not one.
            key = (ConflictKind.NUMBER, x.counts, claim_of.get(i, f"unit {i}"))
            conflict = found.setdefault(
                key, Conflict("", ConflictKind.NUMBER, x.counts, [], claim_of.get(i))
            )
            _add_side(conflict, _number_value(x), x.evidence)
            _add_side(conflict, _number_value(y), y.evidence)
    kept = [c for c in found.values() if not _article_on_two_sides(c)]
    return _merged(kept, _same_values)


_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?(?:\s+(?:thousand|million|billion|trillion)\b)?", re.I)
_PLAIN_FIGURE = 100  # below it a figure recurs by chance ("2 killed", "2 days")


def _pinned_to_a_period(x: NumberFact, y: NumberFact) -> bool:
    """Both figures tied to the same named period, or both changes measured from one."""
    return bool(x.when and x.when == y.when) or bool(x.since and y.since)


def _stated_figures(units: Sequence[ClaimUnit]) -> dict[str, set[float]]:
    """Every figure each article writes, whatever it counts."""
    stated: dict[str, set[float]] = {}
    for unit in units:
        for match in _FIGURE.finditer(unit.evidence.text):
            value = parse_number(match.group(0))
            if value is not None:
                stated.setdefault(unit.article, set()).add(value)
    return stated


def _told_by_both(x: NumberFact, y: NumberFact, stated: dict[str, set[float]]) -> bool:
    """An article that writes the other's figure too ("reached 300,000 deaths on Dec. 17 ...
    a month to reach 400,000") gives it to something else, not a different value to one thing."""
    return any(
        fact.value >= _PLAIN_FIGURE and fact.value in stated.get(other.evidence.article, ())
        for fact, other in ((x, y), (y, x))
    )


def _same_values(conflict: Conflict) -> frozenset[str]:
    """One disagreement found through several sentence pairs ("$13 billion" / "$11.6 billion"
    in headline and lead, of the "aid" and of the "package") is shown once."""
    return frozenset(side.value for side in conflict.sides)


def _several_values(units: Sequence[ClaimUnit], dated: bool) -> set[tuple]:
    """(article, counted noun, told in words[, period]) where the article gives the noun several
    values ("$700 billion", "$800 billion", "$882 billion"): which of them answers another
    outlet's figure is unknown. Words for a range ("tens of thousands of pages") are never
    compared with a figure, so beside one figure ("55,000 pages") they leave it clear.
    ``dated``: values told apart by the named period they are of ("in July", "in August")."""
    values: dict[tuple, set[float]] = {}
    for unit in units:
        for number in unit.numbers:
            values.setdefault(_value_key(number, dated), set()).add(number.value)
    return {key for key, seen in values.items() if len(seen) > 1}


def _value_key(number: NumberFact, dated: bool = False) -> tuple:
    period = (number.when,) if dated else ()
    return number.evidence.article, number.counts, in_words(number), *period


def _article_on_two_sides(conflict: Conflict) -> bool:
    """An article giving two values of the conflict counts two things ("$9.68 million" in 2013,
    "$13.17 million" in 2014), so which one answers the other outlet is unknown."""
    sides_of: dict[str, set[str]] = {}
    for side in conflict.sides:
        for evidence in side.evidence:
            sides_of.setdefault(evidence.article, set()).add(side.value)
    return any(len(values) > 1 for values in sides_of.values())


def _number_value(fact: NumberFact) -> str:
    if fact.bound == "range":  # "dozens", "hundreds": the words themselves
        return fact.evidence.text.lower()
    value = readable_number(fact.value)
    return value if fact.bound == "exact" else f"{fact.bound} {value}"


def readable_number(value: float) -> str:
    """3000000 as "3 million", 12500 as "12,500", 2.5 as "2.5" (never "3e+06" as before)."""
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= scale:
            return f"{value / scale:,.2f}".rstrip("0").rstrip(".") + f" {word}"
    grouped = "," if abs(value) >= 10_000 else ""  # 2013 stays 2013
    return f"{value:{grouped}.2f}".rstrip("0").rstrip(".")


def date_conflicts(
    units: Sequence[ClaimUnit],
    similarity: np.ndarray,
    claim_of: dict[int, str],
    events: dict[str, int],
    settings: CompareSettings = DEFAULT,
    published: dict[str, str | None] | None = None,
):
    found: dict[tuple, Conflict] = {}
    published = published or {}
    for i, j in _comparable_pairs(units, similarity, events, settings.about_the_same):
        a, b = units[i], units[j]
        if len(a.dates) != 1 or len(b.dates) != 1:
            continue  # with several dates in a sentence, which one matches which is unclear
        same_claim = claim_of.get(i) is not None and claim_of.get(i) == claim_of.get(j)
        same_moment = same_claim and (
            a.dates[0].predicate == b.dates[0].predicate or _calendar_dates_across(a, b)
        )
        if not same_moment and not number_clashes(a, b, settings.claims):
            # Two days in sentences about one topic are as often two moments (the remarks on
            # Sunday, the apology on Monday) as two accounts of one: the dates clash only where
            # the sentences state the same claim and date the same happening, or state the
            # same count differently.
            continue
        x, y = a.dates[0], b.dates[0]
        if x.actor and y.actor and x.actor != y.actor:
            continue  # "McAuliffe said Sunday" / "Northam said on Saturday": two people's acts
        for field_name in ("weekday", "month_day"):
            left, right = getattr(x, field_name), getattr(y, field_name)
            if field_name == "weekday" and _days_apart(published, a.article, b.article) > 1:
                continue  # "Thursday" written four days after "Sunday": two weeks' days
            if field_name == "weekday" and _next_day_near_midnight(x, y):
                continue
            if left and right and left != right:
                conflict = found.setdefault(
                    (field_name, claim_of.get(i, i)),
                    Conflict(
                        "", ConflictKind.DATE, field_name.replace("_", " "), [], claim_of.get(i)
                    ),
                )
                _add_side(conflict, _date_value(left), x.evidence)
                _add_side(conflict, _date_value(right), y.evidence)
    return list(found.values())


def _next_day_near_midnight(x, y) -> bool:
    """ "Thursday" / "early Friday morning local time": one moment told in two time zones, or
    on two sides of a midnight. Such a moment is late on the first day or early on the next,
    never early on the first or late on the next ("Saturday night" / "Sunday night")."""
    if not (x.weekday and y.weekday):
        return False
    days = WEEKDAYS.index(y.weekday) - WEEKDAYS.index(x.weekday)
    if days % 7 not in (1, 6):
        return False
    first, then = (x, y) if days % 7 == 1 else (y, x)
    spans = "late" in first.near_midnight or "early" in then.near_midnight
    return spans and first.near_midnight != {"early"} and then.near_midnight != {"late"}


def _days_apart(published: dict[str, str | None], a: str, b: str) -> int:
    """Days between two articles' publication dates; 0 where either is unknown."""
    from datetime import date

    try:
        first, second = (date.fromisoformat((published.get(k) or "")[:10]) for k in (a, b))
    except ValueError:
        return 0
    return abs((first - second).days)


def _calendar_dates_across(a: ClaimUnit, b: ClaimUnit) -> bool:
    """One claim in two languages, each giving a calendar date ("14 мая" / "May 15"): their
    verbs cannot be compared word for word, and a claim matched across languages is one
    happening, so the dates are its date. Weekdays alone stay apart (two moments as often)."""
    calendar = a.dates[0].month_day is not None and b.dates[0].month_day is not None
    return a.language != b.language and calendar


def _date_value(value) -> str:
    """ "15 May" for (5, 15); a weekday capitalised."""
    if isinstance(value, tuple):
        return f"{value[1]} {MONTH_NAMES[value[0] - 1]}"
    return value.capitalize()


MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()


def _comparable_pairs(
    units: Sequence[ClaimUnit], similarity: np.ndarray, events: dict[str, int], bar: float
):
    """Sentences of different articles about one event that are about the same thing.

    Two events of one story (two interviews) have their own dates and figures, and so have
    two sentences about two places ("an explosion in Alexandria killed 13" / "two explosions
    in Egypt killed 40").
    """
    for i in range(len(units)):
        for j in range(i + 1, len(units)):
            a, b = units[i].article, units[j].article
            if a == b or events[a] != events[b] or similarity[i, j] < bar:
                continue
            if not about_other_things(units[i], units[j], places_only=True):
                yield i, j


def _add_side(conflict: Conflict, value: str, evidence: Evidence) -> None:
    for side in conflict.sides:
        if side.value == value:
            if evidence not in side.evidence:
                side.evidence.append(evidence)
            return
    conflict.sides.append(ConflictSide(value, [evidence]))


# ------------------------------------------------------------------------------------ titles


def title_conflicts(mentions: Sequence[TitleMention]) -> list[Conflict]:
    """``mentions`` are the titled mentions of people across the story's articles.

    A status ("former", "late") is a claim about now: only a plain title given to the one who
    acts in a clause of the story's time answers it ("criticised President Obama", "President
    Obama signed the order in 2012" are no present titles).
    """
    by_person: dict[str, list[tuple[str, Evidence, bool]]] = {}
    for person, _, title, passing in mentions:
        by_person.setdefault(person, []).append((title.text, title, passing))
    conflicts = []
    for person, titles in by_person.items():
        for status in sorted(_ANSWERED_MARKERS):
            marked = [(t, e) for t, e, _ in titles if status in _title_words(t)]
            for text, evidence in marked:
                unmarked = [
                    e
                    for t, e, passing in titles
                    if status not in _title_words(t)
                    and e.article != evidence.article
                    and not (passing and status in STATUS_WORDS)
                    and not (status == "former" and _role(text) in _KEPT_FOR_LIFE)
                    and _role(text)
                    and _role(t) == _role(text)
                ]
                if unmarked:
                    conflict = Conflict("", ConflictKind.TITLE, person, [])
                    _add_side(conflict, _plain_title(text), evidence)
                    for other in unmarked:
                        _add_side(conflict, _plain_title(other.text), other)
                    conflicts.append(conflict)
    return _merged(conflicts, lambda conflict: conflict.subject)


_PLACE_WORDS = frozenset({"us", "u.s", "u.s.", "american", "russian", "ukrainian", "british"})


def _title_words(text: str) -> set[str]:
    words = {w.strip(".,").lower() for w in re.split(r"[\s-]+", text) if w}
    return {SAME_STATUS.get(w, w) for w in words}


# "ex-Vice President" is "former Vice President"; "Dep. Chief" is "Deputy Chief"
SAME_STATUS = {"ex": "former", "dep": "deputy", "asst": "assistant"}


def _role(text: str) -> str:
    """The head of a title: "former US President" and "U.S. President" are both "president"."""
    words = [w for w in _title_words(text) if w not in MARKER_WORDS and w not in _PLACE_WORDS]
    return re.split(r"[\s-]+", text.lower().strip())[-1].strip(".") if words else ""


def _plain_title(text: str) -> str:
    return " ".join(text.split())


def _merged(conflicts: list[Conflict], key: Callable[[Conflict], object]) -> list[Conflict]:
    """Conflicts of one ``key`` as one, with the evidence of all."""
    merged: dict[object, Conflict] = {}
    for conflict in conflicts:
        first = merged.setdefault(key(conflict), conflict)
        if first is conflict:
            continue
        for side in conflict.sides:
            for evidence in side.evidence:
                _add_side(first, side.value, evidence)
    return list(merged.values())


def title_mentions(
    text: str,
    key: str,
    entities: Sequence[tuple[str, str, Evidence]],
    people: Sequence[Person],
    quoted: Sequence[Span] = (),
    in_passing: frozenset[int] = frozenset(),
) -> list[TitleMention]:
    """Each titled mention of a known person: the person, the name's words, the title's words,
    and whether the name is given in passing (``in_passing`` holds such names' offsets).

    A name inside ``quoted`` words is left out: the title there is the speaker's, not the
    outlet's ("I told President Clinton" in a story that calls him former President Clinton).
    """
    found = []
    for label, name, evidence in entities:
        if label != "PERSON" or any(span.holds(evidence.start) for span in quoted):
            continue
        bare, _ = clean_name(name)
        person = _person_for(bare, people)
        if person is None:
            continue
        title = title_before(text, evidence.start)
        if title is not None:
            title_words = Evidence(key, title.start, title.end, title.of(text))
            earlier = evidence.start in in_passing or _THEN.search(text, 0, title.start)
            found.append((person, evidence, title_words, bool(earlier)))
    return found


# "then-FBI Director", "the then Harbour Director": the title held at the time told of
_THEN = re.compile(r"\bthen[-\s]+(?:\S+\s+)?$", re.I)


def title_before(text: str, start: int) -> Span | None:
    """The span of the title words written just before a name, if any.

    Title words are a closed class (President, Minister, former); a capitalised word directly in
    front of one is taken in too, so that "Harbour Minister" and "Foreign Minister" stay whole.
    """
    # A title ends its line ("... a transformative prime minister" closing a headline) far
    # more often than it names the person the next line starts with.
    window_start = max(0, start - 80, text.rfind("\n", 0, start) + 1)
    # "IOWA CITY, Iowa—Former Vice President": a dash joins no words of a title
    words = list(re.finditer(r"[^\s—–]+", text[window_start:start]))
    first = None
    previous_is_title = False
    qualifiers = 0
    for match in reversed(words):
        word = match.group(0)
        bare = word.lower().strip(".,")
        if word.endswith((",", ";", ":", ".")) and bare not in _ABBREVIATED:
            break
        parts = bare.split("-")  # "ex-Vice": every part a title word
        if bare in _PLACE_WORDS and word[0].isupper() and first is not None:
            first = window_start + match.start()  # "Acting U.S. Attorney General": one title
            continue
        if all(p in TITLE_WORDS | STATUS_WORDS for p in parts) and (
            word[0].isupper() or bare in _LOWERCASE_TITLE_WORDS or len(parts) > 1
        ):
            previous_is_title = parts[-1] not in STATUS_WORDS
        elif (
            word[0].isupper()
            and previous_is_title
            and qualifiers < 2
            and bare not in _NOT_QUALIFIERS
        ):
            qualifiers += 1
            previous_is_title = False
        else:
            break
        first = window_start + match.start()
    if first is not None:
        first = _status_before_place(text, window_start, first)
    return Span(first, _trim_end(text, first, start)) if first is not None else None


_ABBREVIATED = frozenset({"u.s", "dr", "mr", "mrs", "ms", "dep", "asst"})
# "former New York City Mayor": a status before a place name of up to three words
_STATUS_BEFORE_PLACE = re.compile(
    rf"\b(?i:{'|'.join(sorted(STATUS_WORDS))})\s+(?:[A-Z][\w.]*\s+){{1,3}}$"
)


def _status_before_place(text: str, window_start: int, first: int) -> int:
    match = _STATUS_BEFORE_PLACE.search(text, window_start, first)
    return match.start() if match else first


_NOT_QUALIFIERS = frozenset(
    "the a an on in at by for and but or of to as with from monday tuesday wednesday thursday "
    "friday saturday sunday january february march april may june july august september october "
    "november december".split()
)


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _person_for(name: str, people: Sequence) -> str | None:
    if not name.split():
        return None
    for person in people:
        if name in person.variants:
            return person.name
    for person in people:
        if same_name(person.name, name):
            return person.name
    return None


# ------------------------------------------------------------------------------ attribution


def attribution_conflicts(
    groups: Sequence[QuoteGroup],
    paragraph_of: Callable[[str, int], int] | None = None,
    named_at: Callable[[str, int], int | None] | None = None,
    said_in_place: Callable[[str, int], bool] | None = None,
) -> list[Conflict]:
    """Quotes that outlets give to two different people.

    Only full personal names count as sides: "the president", "a statement", an agency or a
    surname alone may be another name of the same person, and two names that can be one
    person's (same surname, compatible first names) are one side. When unsure, say nothing.
    """
    conflicts = []
    for group in groups:
        # Only a rendering with a reporting verb in its own paragraph names a speaker: one
        # without took the speaker of the quote before it, which may be another person's.
        stated = [
            v
            for v in group.variants
            if _attributed_in_place(v, paragraph_of, named_at)
            and (said_in_place is None or said_in_place(v.evidence.article, v.evidence.start))
        ]
        people = _distinct_people([v.speaker for v in stated])
        if len(people) < 2 or not _across_articles(stated, people):
            continue
        conflict = Conflict("", ConflictKind.ATTRIBUTION, group.base.text, [], group.id)
        for variant in stated:
            if variant.speaker in people:
                _add_side(conflict, people[variant.speaker], variant.evidence)
        conflicts.append(conflict)
    return conflicts


def _across_articles(stated: Sequence[QuoteVariant], people: dict[str, str]) -> bool:
    """Two outlets give the same words to two people: one article naming two speakers for words
    grouped together holds two remarks, and a motto quoted inside someone's longer quote ("…
    voting on 'In God We Trust'") is not that quote; neither is an outlets' disagreement."""
    by_person: dict[str, list[QuoteVariant]] = {}
    for variant in stated:
        if variant.speaker in people:
            by_person.setdefault(people[variant.speaker], []).append(variant)
    sides = list(by_person.values())
    return any(
        _same_words_elsewhere(a, b)
        for i, x in enumerate(sides)
        for y in sides[i + 1 :]
        for a in x
        for b in y
    )


def _same_words_elsewhere(a: QuoteVariant, b: QuoteVariant, share: float = 0.6) -> bool:
    """The same words in two articles: comparable lengths, and most words in the same order
    ("With respect to that quote, I think the vice president…" and "As the vice president very
    well knows…" share a run, not a remark)."""
    if a.evidence.article == b.evidence.article:
        return False
    words = [re.findall(r"\w+", v.evidence.text.lower()) for v in (a, b)]
    lengths = sorted(len(w) for w in words)
    if lengths[0] < 0.5 * lengths[1]:
        return False
    return SequenceMatcher(None, *words, autojunk=False).ratio() >= share


def _attributed_in_place(variant: QuoteVariant, paragraph_of, named_at=None) -> bool:
    """A reporting verb in the quote's paragraph, and the speaker named there or in the
    paragraph before: a "he said" whose "he" was named three paragraphs up may be anyone."""
    if variant.cue is None:
        return False
    if paragraph_of is None:
        return True
    article = variant.evidence.article
    here = paragraph_of(article, variant.evidence.start)
    if paragraph_of(article, variant.cue.start) != here:
        return False
    named = named_at(article, variant.evidence.start) if named_at else None
    return named is None or here - 1 <= paragraph_of(article, named) <= here


def _distinct_people(speakers: Sequence[str | None]) -> dict[str, str]:
    """Each speaker that is a full personal name, mapped to the first name given for that
    person; empty unless two of them are certainly different people."""
    names = [s for s in dict.fromkeys(speakers) if s and _full_name(s)]
    if any(s and s not in names for s in speakers):
        return {}  # a speaker we cannot place might be either of them
    canonical: dict[str, str] = {}
    for name in names:
        canonical[name] = next((c for c in canonical.values() if same_name(c, name)), name)
    sides = set(canonical.values())
    if _share_a_word(sides):
        # "Boehner Sees" (a headline's words taken for a name) and "John Boehner", "Bibi" and
        # "Benjamin Netanyahu": names sharing a word may be one person's.
        return {}
    return canonical if len(sides) >= 2 else {}


def _share_a_word(names: set[str]) -> bool:
    words = [set(clean_name(n)[0].lower().split()) for n in names]
    return any(a & b for i, a in enumerate(words) for b in words[i + 1 :])


def _full_name(text: str) -> bool:
    name, _ = clean_name(text)
    words = name.split()
    return len(words) >= 2 and looks_like_name(name)
