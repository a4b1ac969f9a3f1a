"""People: one canonical person for every way an article, or a set of articles, names them.

Within an article, a full name ("Russian Foreign Minister Sergey Lavrov") defines a person and a
bare surname ("Lavrov") joins the last person with that surname. Across articles, people merge
when their surnames match and their first names are compatible: equal, missing, or spellings of
one name (Sergei/Sergey, Zelensky/Zelenskyy). Two people who share only a surname stay apart.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from crosswire.model import Mention, Person, Span
from crosswire.nlp.parse import Annotated
from crosswire.nlp.russian import latin

TITLE_WORDS = frozenset(
    """mr mrs ms miss dr prof president vice minister secretary senator sen rep representative gov
    governor mayor chancellor premier prime foreign defence defense interior finance chief
    general gen colonel col admiral spokesman spokeswoman spokesperson ambassador envoy special
    deputy acting former king queen prince princess pope judge justice leader chairman chair ceo
    director commissioner sheriff officer captain capt lieutenant lt sergeant sgt us u.s.
    russian ukrainian american british french german chinese israeli palestinian iranian state
    house press white national security adviser advisor speaker majority minority whip senior
    top lord lady sir dame rev reverend father sister brother councillor councilor councilman
    councilwoman alderman assemblyman assemblywoman congressman congresswoman delegate del
    professor""".split()
)
# A name's grammatical gender where the language marks it (Russian: Лавров Masc, Захарова Fem).
GRAMMATICAL_GENDER = {"Masc": "m", "Fem": "f"}
HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "lady": "f"}
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
FIRST_NAME_SIMILARITY = 0.85
SURNAME_SIMILARITY = 0.93
# Shorter surnames match only when equal: Li and Le are two names, not two spellings.
FUZZY_SURNAME_LENGTH = 5


@dataclass(slots=True)
class _LocalPerson:
    person: Person
    first: str | None
    surname: str
    positions: list[int] = field(default_factory=list)
    subject_positions: list[int] = field(default_factory=list)
    named: list[Span] = field(default_factory=list)

    def named_before(self, position: int) -> Span | None:
        """The last place before ``position`` where the text names this person."""
        earlier = [span for span in self.named if span.start < position]
        return max(earlier) if earlier else None


def clean_name(text: str) -> tuple[str, list[str]]:
    """The bare name and the title words in front of it."""
    text = re.sub(r"[’']s$", "", text.strip()).strip(" ,.;:")
    words = text.split()
    titles = []
    while len(words) > 1 and words[0].lower().strip(".") in TITLE_WORDS:
        titles.append(words.pop(0))
    return " ".join(words), titles


def _split(name: str) -> tuple[str | None, str]:
    """(first name, surname), lower case, in Latin letters: Лавров and Lavrov are one surname."""
    words = latin(name).split()
    if len(words) > 2 and words[-1].lower().strip(".,") in GENERATIONS:
        words = words[:-1]  # "Jesse Jackson Jr.": the surname is Jackson
    if len(words) == 1:
        return None, words[0].lower()
    return words[0].lower(), words[-1].lower()


GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})


# English short forms that share too few letters with the full name for string similarity:
# "Dick Durbin" is Richard J. Durbin, "Bill Clinton" William J. Clinton.
NICKNAMES = {
    "dick": "richard", "rick": "richard", "rich": "richard", "bill": "william",
    "will": "william", "billy": "william", "bob": "robert", "rob": "robert", "bobby": "robert",
    "jim": "james", "jimmy": "james", "mike": "michael", "tom": "thomas", "joe": "joseph",
    "chris": "christopher", "nick": "nicholas", "ted": "edward", "ed": "edward",
    "ben": "benjamin", "dan": "daniel", "dave": "david", "steve": "stephen",
    "tony": "anthony", "pat": "patrick", "sam": "samuel", "chuck": "charles",
    "charlie": "charles", "jack": "john", "jerry": "gerald", "larry": "lawrence",
    "peggy": "margaret", "meg": "margaret", "liz": "elizabeth", "beth": "elizabeth",
    "betsy": "elizabeth", "kate": "katherine", "kathy": "katherine", "sue": "susan",
    "jenny": "jennifer", "jen": "jennifer", "mitch": "mitchell", "newt": "newton",
}  # fmt: skip


def first_names_compatible(a: str | None, b: str | None) -> bool:
    if a is None or b is None or a == b:
        return True
    if len(a) <= 2 or len(b) <= 2:  # initials
        return a[0] == b[0]
    full_a, full_b = NICKNAMES.get(a.lower(), a.lower()), NICKNAMES.get(b.lower(), b.lower())
    if full_a == full_b:
        return True
    return JaroWinkler.similarity(a, b) >= FIRST_NAME_SIMILARITY


def surnames_match(a: str, b: str) -> bool:
    return a == b or (
        min(len(a), len(b)) >= FUZZY_SURNAME_LENGTH
        and JaroWinkler.similarity(a, b) >= SURNAME_SIMILARITY
    )


class PersonIndex:
    """The people of one article, found from its PERSON entities."""

    def __init__(self) -> None:
        self.people: list[_LocalPerson] = []
        self.by_span: dict[Span, _LocalPerson] = {}

    @classmethod
    def for_article(cls, annotated: Annotated) -> PersonIndex:
        index = cls()
        text = annotated.article.source.text
        places = _place_names(annotated) if annotated.article.language == "ru" else set()
        for parsed in annotated.paragraphs:
            # Where names inflect (Russian), the parser gives each its nominative.
            nominative = parsed.doc.user_data.get("normal_names", {})
            for ent in parsed.doc.ents:
                if not (ent.label_ == "PERSON" or _titled_name(ent.text)):
                    continue
                start, end = parsed.offset + ent.start_char, parsed.offset + ent.end_char
                name = nominative.get((ent.start_char, ent.end_char)) or text[start:end]
                if parsed.doc.lang_ == "ru" and _called_a_place(name, places):
                    continue  # natasha's one-word "person" that it calls a place elsewhere
                subject = ent.root.dep_ in SUBJECT_DEPS or _names_the_subject(ent.root)
                index._add_coordinated_first_name(parsed, ent, subject)
                index.add(name, start, end, _titles_before(text, start), subject)
                gender = GRAMMATICAL_GENDER.get(ent.root.morph.get("Gender", [""])[0])
                local = index.by_span.get(Span(start, end))
                if local is not None and gender and local.person.gender is None:
                    local.person.gender = gender
        index._add_unrecognised_subjects(annotated)
        return index

    def _add_coordinated_first_name(self, parsed, ent, subject: bool) -> None:
        """'Hillary and Bill Clinton' names two people: Hillary Clinton too, named first."""
        doc = parsed.doc
        if len(ent) < 2 or ent.start < 2 or doc[ent.start - 1].lower_ not in {"and", "&"}:
            return
        first = doc[ent.start - 2]
        if (
            first.pos_ != "PROPN"
            or not first.text[:1].isupper()
            or first.ent_type_
            not in {
                "",
                "PERSON",
            }
        ):
            return
        start = parsed.offset + first.idx
        word = latin(first.text).lower()
        titled = first.i > 0 and doc[first.i - 1].lower_.strip(".") in TITLE_WORDS
        if titled or any(
            p.surname == word and min(p.positions, default=start) < start for p in self.people
        ):
            return  # "President Obama and Hillary Clinton": a titled or known surname, two people
        self.add(f"{first.text} {ent[-1].text}", start, start + len(first.text), None, subject)

    def _add_unrecognised_subjects(self, annotated: Annotated) -> None:
        """Names in subject position count even where the NER did not tag them as people."""
        text = annotated.article.source.text
        for parsed in annotated.paragraphs:
            for token in parsed.doc:
                if token.dep_ not in SUBJECT_DEPS or token.pos_ != "PROPN":
                    continue
                if token.ent_type_ == "PERSON":
                    continue
                first = min([token, *(c for c in token.lefts if c.dep_ == "compound")], key=_idx)
                start = parsed.offset + first.idx
                end = parsed.offset + token.idx + len(token.text)
                raw = text[start:end]
                name, _ = clean_name(raw)
                known = self.lookup(Mention(name, start, end)) if name else None
                untagged = not token.ent_type_ or _titled_name(raw)
                if known is not None or (untagged and len(name.split()) >= 2):
                    self.add(raw, start, end, _titles_before(text, start), subject=True)

    def add(
        self,
        raw: str,
        start: int,
        end: int,
        titles: list[str] | None = None,
        subject: bool = False,
    ) -> None:
        name, own_titles = clean_name(raw)
        if not name or not re.search(r"[^\W\d_]", name):
            return
        first, surname = _split(name)
        local = self._match(first, surname, start)
        if local is None:
            local = _LocalPerson(Person(name), first, surname)
            self.people.append(local)
        elif len(name.split()) > len(local.person.name.split()):
            local.person.name = name
            local.first = local.first or first
        local.person.variants.add(name)
        local.person.titles.update(t for t in [*(titles or []), " ".join(own_titles)] if t)
        honorific = (titles or own_titles or [""])[0].lower().strip(".")
        local.person.gender = local.person.gender or HONORIFIC_GENDER.get(honorific)
        local.positions.append(start)
        local.named.append(Span(start, end))
        if subject:
            local.subject_positions.append(start)
        self.by_span[Span(start, end)] = local

    def _match(self, first: str | None, surname: str, position: int) -> _LocalPerson | None:
        candidates = [
            p
            for p in self.people
            if (p.surname == surname and first_names_compatible(p.first, first))
            or (first is None and p.first == surname)
        ]
        if not candidates:
            return None
        if first is None and len({p.first for p in candidates}) > 1:
            # A bare surname that two people of the article share ("Biden" beside Joe and Jill
            # Biden) is the one the article named first: news style introduces the other by
            # full name and goes on calling them so ("Jill Biden", "Mrs. Biden", "the first
            # lady"), keeping the bare surname for the person the story is about.
            return min(candidates, key=lambda p: min(p.positions, default=position))
        return max(candidates, key=lambda p: max(p.positions, default=-1))

    def lookup(self, mention: Mention) -> _LocalPerson | None:
        for span, local in self.by_span.items():
            if span.overlaps(mention.span):
                return local
        name, _ = clean_name(mention.text)
        if not name:
            return None
        first, surname = _split(name)
        return self._match(first, surname, mention.start)

    def canonical_for(self, mention: Mention) -> str | None:
        if mention.refers_to is not None:
            return mention.refers_to
        local = self.lookup(mention)
        return local.person.name if local else None

    def antecedent(
        self,
        position: int,
        gender: str | None,
        quoted: Sequence[Span] = (),
        answering: bool = False,
        sentences: tuple[int, int] | None = None,
    ) -> _LocalPerson | None:
        """The person a pronoun at ``position`` refers to.

        The last person named as a grammatical subject wins over one named as an object: in
        "Lavrov praised Trump for what he described as ..." the "he" is Lavrov. A person named
        inside ``quoted`` words is not one: in '"Dick Cheney says it is going to be a good
        year," he declared' the "he" is the speaker.
        """
        if gender == "p":
            return None
        # 'X asked Y, "…?" His answer: "…"': an answer is given by the one asked, named last
        # as an object, not by the asker.
        chosen = (self._latest(position, gender, None, quoted) if answering else None) or (
            self._in_sentence_before(position, gender, quoted, sentences)
            or self._latest(position, gender, True, quoted)
            or self._latest(position, gender, False, quoted)
        )
        if chosen is not None:
            chosen.subject_positions.append(position)
            if gender and chosen.person.gender is None:
                chosen.person.gender = gender
        return chosen

    def note_speaker(self, mention: Mention) -> None:
        """A named speaker is a subject too, even where the NER missed the name."""
        local = self.lookup(mention)
        if local is None and looks_like_name(mention.text):
            self.add(mention.text, mention.start, mention.end, subject=True)
            return
        one_word = " " not in mention.text
        if (
            local is not None
            and one_word
            and mention.text.lower() not in (local.surname, local.first)
        ):
            local = None  # overlapping a name is not naming it: "Monday" beside "Ines Dorval"
        if local is not None and mention.start not in local.subject_positions:
            local.subject_positions.append(mention.start)
            local.positions.append(mention.start)
            if mention.refers_to is None:
                local.named.append(mention.span)

    def named_just_before(
        self, position: int, quoted: Sequence[Span], sentences: tuple[int, int]
    ) -> _LocalPerson | None:
        """The one person the sentence before names, when this one names no one before
        ``position``: what a description ("the footballer") most likely refers to."""
        return self._in_sentence_before(position, None, quoted, sentences)

    def _in_sentence_before(
        self,
        position: int,
        gender: str | None,
        quoted: Sequence[Span],
        sentences: tuple[int, int] | None,
    ) -> _LocalPerson | None:
        """'That did not satisfy Justice Scalia. "…," he said': when the pronoun's own sentence
        names no one before it, the person the sentence before names is the one meant (its
        subject if it names several, else the one named last), not a subject of older
        sentences."""
        if sentences is None:
            return None
        previous, current = sentences

        def named_in(start: int, end: int) -> list[_LocalPerson]:
            return [
                p
                for p in self.people
                if _gender_fits(p, gender)
                and any(
                    start <= q < end and not any(s.holds(q) for s in quoted) for q in p.positions
                )
            ]

        if named_in(current, position):
            return None  # the existing rules choose within the sentence
        candidates = named_in(previous, current)
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0]
        subjects = [
            p for p in candidates if any(previous <= q < current for q in p.subject_positions)
        ]
        if len(subjects) == 1:
            return subjects[0]
        if subjects:
            return None
        # No subject among them: the one named last, nearest the pronoun.
        return max(candidates, key=lambda p: max(q for q in p.positions if previous <= q < current))

    def _latest(
        self, position: int, gender: str | None, subjects: bool | None, quoted: Sequence[Span] = ()
    ) -> _LocalPerson | None:
        """The person last named before ``position``: as a subject (True), anywhere (False), or
        only where not a subject (None)."""
        best: tuple[int, _LocalPerson] | None = None
        for local in self.people:
            if not _gender_fits(local, gender):
                continue
            seen = local.subject_positions if subjects else local.positions
            if subjects is None:
                seen = [p for p in local.positions if p not in local.subject_positions]
            earlier = [q for q in seen if q < position and not any(s.holds(q) for s in quoted)]
            if earlier and (best is None or max(earlier) > best[0]):
                best = (max(earlier), local)
        return best[1] if best else None

    def by_title(self, text: str) -> _LocalPerson | None:
        """'the US president' names the one person this article titles 'US President'."""
        wanted = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.IGNORECASE).lower()
        if not wanted:
            return None
        holders = [
            p
            for p in self.people
            if any(t.lower() == wanted or t.lower().endswith(" " + wanted) for t in p.person.titles)
        ]
        return holders[0] if len(holders) == 1 else None

    def persons(self) -> list[Person]:
        return [p.person for p in self.people]


def _place_names(annotated: Annotated) -> set[str]:
    return {
        (e.normal or e.text).lower() for e in annotated.entities if e.label in {"GPE", "LOC", "ORG"}
    }


def _called_a_place(name: str, places: set[str]) -> bool:
    return " " not in name and any(_same_stem(name.lower(), p) for p in places)


def _same_stem(word: str, other: str) -> bool:
    """One word in two inflections, as far as endings tell (Вельдория, Вельдории)."""
    if word == other:
        return True
    stem = len(word) - 2
    return stem >= 4 and abs(len(word) - len(other)) <= 2 and word[:stem] == other[:stem]


def _names_the_subject(token) -> bool:
    """'Министр … Сергей Лавров заявил': in Russian the name hangs off the role, which is the
    subject (English parses put the name itself there)."""
    return token.doc.lang_ == "ru" and token.dep_ == "appos" and token.head.dep_ in SUBJECT_DEPS


def _idx(token) -> int:
    return token.i


def looks_like_name(text: str) -> bool:
    """Capitalised words that are not a pronoun or a sentence: "Mayor Ines Dorval"."""
    words = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.IGNORECASE).split()
    if not words or len(words) > 6 or words[0].lower() in {"he", "she", "they", "it", "i", "we"}:
        return False
    return all(w[0].isupper() for w in words if w.lower() not in {"de", "van", "von", "al", "bin"})


def _titled_name(text: str) -> bool:
    """'Mayor Ines Dorval' that the NER labelled as an organisation is still a person."""
    words = text.split()
    return (
        len(words) >= 3
        and words[0].lower().strip(".") in TITLE_WORDS
        and looks_like_name(" ".join(words[1:]))
    )


def _gender_fits(local: _LocalPerson, gender: str | None) -> bool:
    return gender is None or local.person.gender in (None, gender)


def _titles_before(text: str, start: int) -> list[str]:
    """Title words written just before a name: "Russian Foreign Minister Sergey Lavrov"."""
    before = text[max(0, start - 80) : start]
    words = before.split()
    titles: list[str] = []
    while words and words[-1].lower().strip(".,") in TITLE_WORDS and words[-1][0].isupper():
        titles.insert(0, words.pop())
    return [" ".join(titles)] if titles else []


class PersonRegistry:
    """People across articles, each with one canonical name and every variant seen.

    People are found by surname (exact, or spelled alike for surnames of five letters or more),
    not by a scan of everyone: a scan made quote resolution over n articles cost n squared.
    """

    def __init__(self) -> None:
        self.people: list[Person] = []
        self._spellings: dict[int, Counter[str]] = {}
        self._by_surname: dict[str, list[int]] = {}  # surname -> positions in self.people
        self._long_surnames: list[str] = []  # the keys that can match a variant spelling

    def resolve(self, person: Person) -> Person:
        """The registry's person for an article's person, merging when they are the same."""
        first, surname = _split(person.name)
        matches = [
            p
            for p in self._with_surname_like(surname)
            if first_names_compatible(_split(p.name)[0], first)
        ]
        if len(matches) > 1 and first is None:
            return person  # a bare surname that several people share stays unresolved
        if not matches:
            target = Person(person.name, set(), set(), person.gender)
            self.people.append(target)
            self._file(len(self.people) - 1)
        else:
            target = max(matches, key=lambda p: self._spellings[id(p)].total())
        filed_under = _split(target.name)[1]
        spellings = self._spellings.setdefault(id(target), Counter())
        spellings.update(sorted(v for v in person.variants if " " in v))
        target.variants.update(person.variants)
        target.titles.update(person.titles)
        target.gender = target.gender or person.gender
        if spellings:
            # Ties go to the fuller spelling, then to Latin letters (the reports are in English),
            # then the alphabet, never to a set's hash order.
            target.name = max(
                spellings,
                key=lambda v: (spellings[v], len(v.split()), latin(v) == v, len(v), v),
            )
        elif len(person.name.split()) > len(target.name.split()):
            target.name = person.name
        if _split(target.name)[1] != filed_under:
            self._refile(target, filed_under)
        return target

    def _with_surname_like(self, surname: str) -> list[Person]:
        """Known people whose surname matches, in the order they became known."""
        positions = list(self._by_surname.get(surname, ()))
        if len(surname) >= FUZZY_SURNAME_LENGTH:
            for other, _, _ in process.extract_iter(
                surname,
                self._long_surnames,
                scorer=JaroWinkler.similarity,
                score_cutoff=SURNAME_SIMILARITY,
            ):
                if other != surname:
                    positions.extend(self._by_surname[other])
        return [self.people[i] for i in sorted(positions)]

    def _file(self, position: int) -> None:
        surname = _split(self.people[position].name)[1]
        if surname not in self._by_surname:
            self._by_surname[surname] = []
            if len(surname) >= FUZZY_SURNAME_LENGTH:
                self._long_surnames.append(surname)
        self._by_surname[surname].append(position)

    def _refile(self, person: Person, old_surname: str) -> None:
        position = next(i for i in self._by_surname[old_surname] if self.people[i] is person)
        self._by_surname[old_surname].remove(position)
        self._file(position)


def same_name(a: str, b: str) -> bool:
    """Whether two names can be one person's: same surname, compatible first names."""
    return _same_person(_split(a), _split(b))


def _same_person(known: tuple[str | None, str], new: tuple[str | None, str]) -> bool:
    return surnames_match(known[1], new[1]) and first_names_compatible(known[0], new[0])
