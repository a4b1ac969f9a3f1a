"""Silent edits: a word diff between an article's stored revisions, with the changes that
matter most to a reader (numbers, names, quoted words) marked as such."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

_WORDS = re.compile(r"\S+")
_QUOTES = '"“”«»„'


@dataclass(frozen=True, slots=True)
class DiffPiece:
    text: str
    change: str  # "", "removed" or "added"
    kind: str = ""  # for changes: "number", "name", "quote" or "words"


def word_diff(old: str, new: str) -> list[DiffPiece]:
    """``new`` against ``old``, word by word: unchanged runs, removed and added words."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    quoted_a, quoted_b = _inside_quotes(a), _inside_quotes(b)
    pieces: list[DiffPiece] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            pieces.append(DiffPiece(" ".join(b[j1:j2]), ""))
            continue
        if i2 > i1:
            kind = _kind(a[i1:i2], any(quoted_a[i1:i2]))
            pieces.append(DiffPiece(" ".join(a[i1:i2]), "removed", kind))
        if j2 > j1:
            kind = _kind(b[j1:j2], any(quoted_b[j1:j2]))
            pieces.append(DiffPiece(" ".join(b[j1:j2]), "added", kind))
    return pieces


def summary(pieces: list[DiffPiece]) -> dict[str, int]:
    """How many changed passages of each kind, for the line above the diff."""
    counts: dict[str, int] = {}
    for piece in pieces:
        if piece.change == "added" or (piece.change == "removed"):
            counts[piece.kind] = counts.get(piece.kind, 0) + 1
    return counts


def _kind(words: list[str], quoted: bool) -> str:
    if any(re.search(r"\d", w) for w in words):
        return "number"
    if quoted:
        return "quote"
    capitals = sum(w[:1].isupper() for w in words)
    if len(words) <= 4 and capitals * 2 >= len(words):
        return "name"  # "Anna Berg" for "Piet Olsen"; a new sentence is words, not a name
    return "words"


def _inside_quotes(words: list[str]) -> list[bool]:
    inside, marks = False, []
    for word in words:
        opens = word[:1] in _QUOTES
        closes = word.rstrip(".,;:!?)")[-1:] in _QUOTES
        marks.append(inside or opens)
        if opens and not (closes and len(word) > 1):
            inside = True
        elif closes:
            inside = False
    return marks
