"""What a sentence is about: the people, places and bodies it names.

Two sentences close in meaning may be about different things: "Clinton wins Democratic
presidential primary in New York" / "Hillary Clinton Wins Delaware's Democratic Primary", "Trump
told a crowd, 'I support and endorse … Paul Ryan'" / "Pence said, 'I strongly support Paul
Ryan'", "In Alexandria, an explosion … killed 13" / "Two explosions … in Egypt … left at least 40
dead". Each names one the other lacks, of the same kind (a person, a place, an organisation),
so they state two facts, and neither corroborates nor contradicts the other.

Only a name of the same kind on both sides parts them: a sentence that names a place where the
other names none may be the same fact told more fully ("in Green Bay, Wisconsin").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from crosswire.model import Evidence

Entity = tuple[str, str, Evidence]  # (label, text, evidence), as claim units keep them

KINDS = {
    "PERSON": "person",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "ORG": "body",
    "EVENT": "event",
}
# One country under its many names; other places are matched by their own words.
_UNITED_STATES = frozenset({"us", "usa", "united states", "america", "united states of america"})
# Words many names share: "New York" and "New Jersey" are no one place because both say "New".
_SHARED_WORDS = frozenset(
    "new north south east west united national state states city county the of and for "
    "democratic republican party saint st mount san los las el la de".split()
)
# A preposition that puts something in a place: "In Alexandria, an explosion …".
_LOCATED = re.compile(
    r"\b(?:in|at|near|outside|inside|across|throughout|around)\s+(?:the\s+)?$", re.I
)
# A place in capitals before a dash opens a wire story ("LOS ANGELES -", "WASHINGTON (AP) —"):
# where it was filed, not what it says.
_DATELINE_AFTER = re.compile(r"\s*(?:,\s*[\w. ]{2,20})?\s*(?:\((?:AP|Reuters|AFP)\)\s*)?[-—–]")


def names_apart(
    first: Sequence[Entity],
    second: Sequence[Entity],
    first_text: Evidence,
    second_text: Evidence,
    kinds: frozenset[str] = frozenset(KINDS.values()),
    located: bool = False,
) -> bool:
    """Whether each sentence names a person, place or body of one of ``kinds`` that the other
    lacks. ``located``: only a place a preposition puts something in ("in Alexandria", "at the
    church") can be lacking; a place the tagger found elsewhere ("Melania", "a New York City
    developer") is no scope of what the sentence counts."""
    mine, theirs = _anchors(first, first_text), _anchors(second, second_text)
    own = _anchors(first, first_text, located) if located else mine
    other = _anchors(second, second_text, located) if located else theirs
    for kind in {kind for kind, _ in own} & {kind for kind, _ in other} & kinds:
        lacking_here = any(
            not _named_in(name, kind, theirs, second_text.text) for k, name in own if k == kind
        )
        lacking_there = any(
            not _named_in(name, kind, mine, first_text.text) for k, name in other if k == kind
        )
        if lacking_here and lacking_there:
            return True
    return False


def _anchors(
    entities: Sequence[Entity], sentence: Evidence, located: bool = False
) -> list[tuple[str, str]]:
    found = []
    for label, text, evidence in entities:
        kind = KINDS.get(label)
        if kind is None or _dateline(evidence, sentence):
            continue
        if located and not _LOCATED.search(sentence.text[: evidence.start - sentence.start]):
            continue
        name = _plain(text)
        if name:
            found.append((kind, name))
    return found


def _dateline(entity: Evidence, sentence: Evidence) -> bool:
    if entity.start - sentence.start > 3:
        return False
    return _DATELINE_AFTER.match(sentence.text, entity.end - sentence.start) is not None


def _plain(name: str) -> str:
    name = re.sub(r"['’]s?$", "", name.strip())
    name = re.sub(r"^the\s+", "", name, flags=re.I)
    return " ".join(name.replace(".", "").split()).lower()


def _named_in(name: str, kind: str, anchors: list[tuple[str, str]], text: str) -> bool:
    others = [other for k, other in anchors if k == kind]
    if kind == "person":
        return _same_person_in(name, others, text)
    words = _words(text)
    if name in _UNITED_STATES:
        return any(alias in _plain(text) for alias in _UNITED_STATES) or "us" in words
    own = [w for w in name.split() if len(w) > 2 and w not in _SHARED_WORDS]
    if any(w in words for w in own) or re.search(rf"\b{re.escape(name)}\b", _plain(text)):
        return True
    return any(_initials(name) == other or _initials(other) == name for other in others)


def _same_person_in(name: str, others: list[str], text: str) -> bool:
    """ "Hillary" is "Hillary Clinton"; "Bill Clinton" is not; a surname the tagger left
    untagged on the other side ("Clinton's campaign") still names the person."""
    surname, first = _name_parts(name)
    for other in others:
        their_surname, their_first = _name_parts(other)
        if not first and surname == (their_first or their_surname):
            return True  # a first name alone: "Hillary" / "Hillary Clinton"
        if not their_first and their_surname == first:
            return True  # "John G." (cut at its initial) / "John Roberts"
        if their_surname == surname and (
            not first or not their_first or _first_names_agree(first, their_first)
        ):
            return True
    same_surname = any(_name_parts(other)[0] == surname for other in others)
    return not same_surname and surname in _words(text)


def _name_parts(name: str) -> tuple[str, str]:
    """(surname, first name or ""); "John G.", cut by the sentence splitter at its initial,
    is a first name alone."""
    parts = name.split()
    if len(parts) > 1 and len(parts[-1]) == 1:
        parts = parts[:-1]
    return parts[-1], parts[0] if len(parts) > 1 else ""


def _first_names_agree(one: str, other: str) -> bool:
    return (
        one == other
        or (len(one) == 1 and other.startswith(one))
        or (len(other) == 1 and one.startswith(other))
    )


def _initials(name: str) -> str:
    words = [w for w in name.split() if w not in {"of", "for", "the", "and"}]
    return "".join(w[0] for w in words) if len(words) > 1 else ""


def _words(text: str) -> set[str]:
    return set(re.findall(r"[\w-]+", text.lower().replace(".", "")))


_ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split()
)
_ORDINAL = re.compile(
    rf"\b({'|'.join(_ORDINALS)}|\d+(?:st|nd|rd|th))\b((?:[\s-]+[A-Za-z][\w'’-]*){{1,3}})", re.I
)
_NOT_NOUNS = frozenset("the a an of in on at to for and or time place".split())


def ordinals_apart(first: str, second: str) -> bool:
    """ "The sixth Democratic debate" / "the fifth Democratic presidential debate": one noun
    numbered twice, two occasions."""
    mine, theirs = _numbered(first), _numbered(second)
    shared = [(x, y) for x in mine for y in theirs if x[1] & y[1]]
    return bool(shared) and all(x[0] != y[0] for x, y in shared)


def _numbered(text: str) -> list[tuple[str, frozenset[str]]]:
    found = []
    for match in _ORDINAL.finditer(text):
        rank = match.group(1).lower()
        rank = str(_ORDINALS.index(rank) + 1) if rank in _ORDINALS else rank[:-2]
        words = frozenset(re.findall(r"[a-z]+", match.group(2).lower())) - _NOT_NOUNS
        if words:
            found.append((rank, words))
    return found


def one_body_named(
    first: Sequence[Entity], second: Sequence[Entity], first_text: Evidence, second_text: Evidence
) -> bool:
    """Whether an organisation the first sentence names is named in the second too."""
    theirs = _anchors(second, second_text)
    mine = [name for kind, name in _anchors(first, first_text) if kind == "body"]
    return any(_named_in(name, "body", theirs, second_text.text) for name in mine)
