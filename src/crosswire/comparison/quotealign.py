"""Quote alignment: the renderings of one statement across outlets, and how their words differ.

Two quotes render the same statement when they share a run of words (a partial quote inside a
full one), or mean the same by the same speaker (two translations). A one- or two-word partial
quote ("fine-tuned") is placed through the sentence around it. Inside a group every rendering is
compared word by word with the fullest one, and each difference is classed: cosmetic (case,
spelling, an editor's bracket), elision (words left out), wording (other words, same meaning in
context) or meaning (other words that say something else, or a changed number or negation).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np
from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS

from crosswire.comparison.claims import NEGATIONS
from crosswire.model import (
    ChangeKind,
    Evidence,
    Quote,
    QuoteGroup,
    QuoteKind,
    QuoteVariant,
    Span,
    WordChange,
)
from crosswire.settings import QuoteAlignSettings

DEFAULT = QuoteAlignSettings()

_EDITORIAL = r"[\[(][^\])\n]{1,40}[\])](?![\w])"
_WORD = r"(?:\([A-Za-z]\))?[\w’']+(?:[-.][\w’']+)*"
_TOKEN = re.compile(rf"{_EDITORIAL}|{_WORD}|\.\.\.|…")


@dataclass(frozen=True, slots=True)
class Token:
    norm: str  # "" for an editor's insertion and for an ellipsis
    start: int
    end: int
    editorial: bool = False
    ellipsis: bool = False


@dataclass(slots=True)
class PlacedQuote:
    """A quote with what alignment needs: its words and the sentence it stands in."""

    article: str
    quote: Quote
    source_text: str
    context: Span  # the sentence around it
    language: str = "en"

    def tokens(self, start: int | None = None, end: int | None = None) -> list[Token]:
        start = self.quote.start if start is None else start
        end = self.quote.end if end is None else end
        return tokenize(self.source_text, start, end)

    def words(self) -> list[str]:
        return [t.norm for t in self.tokens() if t.norm]

    def reading(self) -> list[Token]:
        """The words compared with other renderings: the sentence, for a partial quote."""
        if self.quote.kind is QuoteKind.PARTIAL:
            return self.tokens(self.context.start, self.context.end)
        return self.tokens()


def tokenize(text: str, start: int, end: int) -> list[Token]:
    tokens = []
    for match in _TOKEN.finditer(text, start, end):
        raw = match.group(0)
        if raw in ("...", "…"):
            tokens.append(Token("", match.start(), match.end(), ellipsis=True))
        elif raw[0] in "[(" and re.fullmatch(_EDITORIAL, raw):
            tokens.append(Token("", match.start(), match.end(), editorial=True))
        else:
            norm = re.sub(r"[()]", "", raw).lower().replace("’", "'").strip(".")
            tokens.append(Token(norm, match.start(), match.end()))
    return tokens


class LazyRows:
    """Embeddings of some texts, made on first use; the rows known to be needed come in one batch.

    Most quotes in a story never meet a quote of the same speaker in another outlet, and so are
    never compared by meaning: embedding only the ones that are keeps MiniLM off most of them.
    """

    def __init__(self, texts: list[str], encode: Callable, needed: list[bool]) -> None:
        self.texts, self.encode = texts, encode
        self.rows: dict[int, np.ndarray] = {}
        self._fill([i for i, wanted in enumerate(needed) if wanted])

    def _fill(self, indices: list[int]) -> None:
        if indices:
            vectors = self.encode([self.texts[i] for i in indices])
            self.rows.update(zip(indices, vectors, strict=True))

    def __getitem__(self, index: int) -> np.ndarray:
        if index not in self.rows:
            self._fill([index])
        return self.rows[index]


def align_quotes(
    placed: list[PlacedQuote], encode: Callable, settings: QuoteAlignSettings = DEFAULT
):
    """Quote groups that span at least two articles, fullest rendering first.

    Long quotes group only when each matches every other (complete link), so that two
    statements that end alike stay apart; a short partial quote then joins the one group it
    fits best, since it could otherwise chain two statements together. ``encode`` turns texts
    into unit vectors; only the quotes that may be compared by meaning are encoded.
    """
    words = [p.words() for p in placed]
    vectors = LazyRows([p.quote.text for p in placed], encode, _may_meet(placed))
    # A sentence around a quote places only a short partial quote (see _fit, _same_statement).
    context_vectors = LazyRows(
        [p.context.of(p.source_text) for p in placed],
        encode,
        [len(w) < settings.long_quote_words for w in words],
    )
    cache: dict[tuple[int, int], bool] = {}

    def match(i: int, j: int) -> bool:
        key = (min(i, j), max(i, j))
        if key not in cache:
            cache[key] = _same_statement(
                placed[key[0]],
                placed[key[1]],
                words[key[0]],
                words[key[1]],
                vectors,
                context_vectors,
                *key,
                settings,
            )
        return cache[key]

    long = settings.long_quote_words
    long_ones = [i for i in range(len(placed)) if len(words[i]) >= long]
    clusters = _pieces_joined(_complete_link([[i] for i in long_ones], match), placed, match)
    loose: list[list[int]] = []
    for i in (i for i in range(len(placed)) if len(words[i]) < long):
        fits = [
            (max(_fit(i, j, words, vectors, context_vectors) for j in c), n)
            for n, c in enumerate(clusters)
            if any(match(i, j) for j in c)
        ]
        if fits:
            clusters[max(fits)[1]].append(i)
        else:
            loose.append([i])
    clusters.extend(_complete_link(loose, match))
    clusters = _translations_joined(clusters, placed, settings)
    groups = [
        [placed[i] for i in sorted(c)] for c in clusters if len({placed[i].article for i in c}) >= 2
    ]
    groups.sort(key=lambda g: min((p.article, p.quote.start) for p in g))
    return [_group(f"q{n + 1}", members, settings) for n, members in enumerate(groups)]


def _translations_joined(
    clusters: list[list[int]], placed: list[PlacedQuote], settings: QuoteAlignSettings
) -> list[list[int]]:
    """A remark quoted in two languages: groups by one speaker in different languages join when
    each is the other's closest in multilingual-e5 and close enough to be its translation."""
    languages = [{placed[i].language for i in c} for c in clusters]
    if len(set().union(*languages)) < 2:
        return clusters
    from crosswire.nlp.embed import embed_multilingual

    heads = [max(c, key=lambda i: len(placed[i].quote.text)) for c in clusters]
    vectors = embed_multilingual([placed[i].quote.text for i in heads])
    similarity = vectors @ vectors.T
    speakers = [{placed[i].quote.speaker for i in c} - {None} for c in clusters]

    def best(a: int) -> int | None:
        others = [
            b
            for b in range(len(clusters))
            if languages[a].isdisjoint(languages[b])
            and speakers[a] & speakers[b]
            and similarity[a, b] >= settings.translation
        ]
        return max(others, key=lambda b: (similarity[a, b], -b)) if others else None

    bests = [best(a) for a in range(len(clusters))]
    joined = {a: b for a, b in enumerate(bests) if b is not None and bests[b] == a}
    merged = []
    for a, cluster in enumerate(clusters):
        partner = joined.get(a)
        if partner is not None and partner < a:
            continue  # joined to an earlier group
        merged.append(cluster + (clusters[partner] if partner is not None else []))
    return merged


def _may_meet(placed: list[PlacedQuote]) -> list[bool]:
    """Quotes that another outlet's quote by a compatible speaker could match by meaning."""
    return [
        any(
            other.article != quote.article
            and len({quote.quote.speaker, other.quote.speaker} - {None}) <= 1
            for other in placed
        )
        for quote in placed
    ]


def _pieces_joined(clusters: list[list[int]], placed: list[PlacedQuote], match) -> list[list[int]]:
    """A long quote left alone because another outlet ran it together with the next remark
    ("As I said yesterday … Today, his fellow Missourians …" against two quotes) joins the
    group of that fuller rendering when it matches it, though not the group's other pieces."""
    kept = []
    for cluster in clusters:
        if len(cluster) > 1:
            kept.append(cluster)
            continue
        (i,) = cluster
        hosts = [
            c
            for c in clusters
            if len(c) > 1 and any(placed[j].article != placed[i].article and match(i, j) for j in c)
        ]
        if len(hosts) == 1:
            hosts[0].append(i)
        else:
            kept.append(cluster)
    return kept


def _complete_link(clusters: list[list[int]], match) -> list[list[int]]:
    merged = True
    while merged:
        merged = False
        for a in range(len(clusters)):
            for b in range(a + 1, len(clusters)):
                if all(match(i, j) for i in clusters[a] for j in clusters[b]):
                    clusters[a] = clusters[a] + clusters.pop(b)
                    merged = True
                    break
            if merged:
                break
    return clusters


def _fit(i: int, j: int, words, vectors: LazyRows, context_vectors: LazyRows) -> float:
    shorter = max(1, min(len(words[i]), len(words[j])))
    return _matched_words(words[i], words[j]) / shorter + float(context_vectors[i] @ vectors[j])


def _same_statement(
    a,
    b,
    words_a: list[str],
    words_b: list[str],
    vectors: LazyRows,
    context_vectors: LazyRows,
    i: int,
    j: int,
    settings: QuoteAlignSettings,
) -> bool:
    speakers = {a.quote.speaker, b.quote.speaker} - {None}
    same_speaker = len(speakers) <= 1
    shorter = min(len(words_a), len(words_b))
    if shorter == 0:
        return False
    if (
        shorter <= settings.short_partial
        and None in {a.quote.speaker, b.quote.speaker}
        and max(len(words_a), len(words_b)) > 3 * shorter
    ):
        # "act of terror", a candidate's words, inside a proclamation no one is named for: a
        # stock phrase is anyone's, so a short partial joins a much longer quote only when both
        # speakers are known
        return False
    matched = _matched_words(words_a, words_b)
    least = settings.shared_min_words
    if shorter >= least and matched / shorter >= settings.shared_run:
        return same_speaker or matched >= 2 * least  # long shared runs: a misattribution
    if not same_speaker:
        return False
    if "en" not in {a.language} | {b.language} or a.language != b.language:
        # MiniLM reads English only: elsewhere a short partial quote must be found word for
        # word in the fuller one (translations join later, through multilingual-e5).
        return shorter <= settings.short_partial and matched == shorter and a.language == b.language
    if shorter > settings.short_partial:
        return float(vectors[i] @ vectors[j]) >= settings.same_meaning
    # A short partial quote is placed through the sentence around it.
    short, other = (i, j) if len(words_a) <= len(words_b) else (j, i)
    bar = settings.context_meaning_shared if matched == shorter else settings.context_meaning
    return float(context_vectors[short] @ vectors[other]) >= bar


def _matched_words(a: list[str], b: list[str]) -> int:
    """Words the two share in order; a lone shared word counts only if it is not a stop word."""
    blocks = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return sum(
        block.size
        for block in blocks
        if block.size >= 2 or (block.size == 1 and a[block.a] not in STOP_WORDS)
    )


def _group(group_id: str, members: list[PlacedQuote], settings: QuoteAlignSettings) -> QuoteGroup:
    base = max(
        members, key=lambda p: (p.quote.kind is QuoteKind.FULL, len(p.words()), -p.quote.start)
    )
    speakers = Counter(p.quote.speaker for p in members if p.quote.speaker)
    group = QuoteGroup(
        id=group_id,
        speaker=speakers.most_common(1)[0][0] if speakers else None,
        base=_evidence(base, base.quote.start, base.quote.end),
    )
    ordered = sorted(members, key=lambda p: (p is not base, p.article, p.quote.start))
    translated = len({p.language for p in members}) > 1
    diffed = []
    for placed in ordered:
        translation = placed.language != base.language
        same = placed is base or translation  # a translation is not diffed word by word
        changes = [] if same else compare_renderings(base, placed, settings, translated)
        diffed.append((placed, translation, changes))
    faithful = [p for p, _, changes in diffed if not _changes_meaning(changes)]
    for placed, translation, changes in diffed:
        if any(_same_passage(other, placed) for other in faithful if other is not placed):
            # The article renders the same passage faithfully, at least as fully, elsewhere
            # in the group: a second, different rendering there is another remark ("a big
            # challenge" / "a real one"), not an altered quote.
            changes = [_as_wording(c) for c in changes]
        cue = placed.quote.cue
        group.variants.append(
            QuoteVariant(
                evidence=_evidence(placed, placed.quote.start, placed.quote.end),
                kind=placed.quote.kind,
                speaker=placed.quote.speaker,
                cue=Evidence(placed.article, cue.start, cue.end, cue.text) if cue else None,
                changes=changes,
                changes_meaning=_changes_meaning(changes),
                translation=translation,
            )
        )
    return group


def _changes_meaning(changes: list[WordChange]) -> bool:
    return any(c.kind is ChangeKind.MEANING for c in changes)


def _same_passage(faithful: PlacedQuote, other: PlacedQuote) -> bool:
    """Whether ``faithful``, of the same article, holds most of ``other``'s words in order and
    is at least as long: two parts of one long remark are not one passage twice."""
    if faithful.article != other.article:
        return False
    words, others = faithful.words(), other.words()
    return len(words) >= len(others) and _matched_words(words, others) * 2 >= len(others)


def _as_wording(change: WordChange) -> WordChange:
    if change.kind is not ChangeKind.MEANING:
        return change
    return WordChange(ChangeKind.WORDING, change.base, change.variant)


def _evidence(placed: PlacedQuote, start: int, end: int) -> Evidence:
    return Evidence(placed.article, start, end, placed.source_text[start:end])


# ------------------------------------------------------------------------------ word diffs


def compare_renderings(
    base: PlacedQuote,
    variant: PlacedQuote,
    settings: QuoteAlignSettings = DEFAULT,
    translated: bool = False,
) -> list[WordChange]:
    """Word-level changes from the base quote to a variant, within the words they share.
    ``translated``: both render a remark made in another language."""
    base_tokens = [t for t in base.tokens() if t.norm]
    reading = variant.reading()
    words = [t for t in reading if t.norm]
    matcher = SequenceMatcher(
        None, [t.norm for t in base_tokens], [t.norm for t in words], autojunk=False
    )
    opcodes = matcher.get_opcodes()
    inside = [
        k for k, (_, _, _, j1, j2) in enumerate(opcodes) if _touches_quote(words, j1, j2, variant)
    ]
    equal = [k for k, op in enumerate(opcodes) if op[0] == "equal"]
    # A lone shared word ("a", "the") is no anchor: in a long reading it is met by chance, and
    # the words beside it are then "changes" of unrelated words ("not" / "we need").
    anchors = [k for k in equal if opcodes[k][2] - opcodes[k][1] >= 2]
    if not inside or not anchors:
        return []  # no two words in a row shared: these readings are not aligned at all
    changes = []
    first, last = anchors[0], anchors[-1]
    for k in inside:
        tag, i1, i2, j1, j2 = opcodes[k]
        if tag == "equal":
            continue
        # Words before the first shared word or after the last are a cut, not a change, unless
        # a few words stand in place of a few others: "need to be defined" / "... fine-tuned".
        at_edge = k in (first - 1, last + 1) and tag == "replace"
        edge = settings.edge_words
        if not (first < k < last or (at_edge and i2 - i1 <= edge and j2 - j1 <= edge)):
            continue
        new = [t for t in words[j1:j2] if variant.quote.start <= t.start < variant.quote.end]
        base_span = _span(base, base_tokens[i1:i2])
        variant_span = _span(variant, new)
        kind = _classify(tag, base_tokens[i1:i2], new, base, variant, settings, translated)
        if tag == "delete" and _repeated([t.norm for t in base_tokens], i1, i2):
            kind = ChangeKind.COSMETIC  # "we will not, we will not stand by": a stammer dropped
        changes.append(WordChange(kind, base_span, variant_span))
    changes.extend(_editorial_marks(variant))
    return changes


def _repeated(words: list[str], i1: int, i2: int) -> bool:
    """Whether words[i1:i2] say again the words right after or before them."""
    size = i2 - i1
    cut = words[i1:i2]
    return cut == words[i2 : i2 + size] or (i1 >= size and cut == words[i1 - size : i1])


def _touches_quote(words: list[Token], j1: int, j2: int, variant: PlacedQuote) -> bool:
    start, end = variant.quote.start, variant.quote.end
    if j1 == j2:  # a deletion: the point between two words
        before = words[j1 - 1].end if j1 > 0 else -1
        after = words[j1].start if j1 < len(words) else 10**12
        return start <= after and before <= end and start < after and before < end
    return any(start <= t.start and t.end <= end for t in words[j1:j2])


def _span(placed: PlacedQuote, tokens: list[Token]) -> Evidence | None:
    if not tokens:
        return None
    return _evidence(placed, tokens[0].start, tokens[-1].end)


def _classify(
    tag: str,
    old: list[Token],
    new: list[Token],
    base: PlacedQuote,
    variant: PlacedQuote,
    settings: QuoteAlignSettings,
    translated: bool = False,
) -> ChangeKind:
    old_words, new_words = [t.norm for t in old], [t.norm for t in new]
    if _expanded(old_words) == _expanded(new_words) or _letters(old_words) == _letters(new_words):
        return ChangeKind.COSMETIC  # "do not" / "don't"; "respect.No" / "respect. No"
    if _written_otherwise(old, new, base, variant):
        return ChangeKind.COSMETIC  # "Gen." / "General"; "motherf***er"; "F.B.I." / "FBI, and"
    longest = max(len(old_words), len(new_words))
    if (
        longest > settings.meaning_max_words
        or _across_sentences(old, base)
        or _across_sentences(new, variant)
    ):
        # "motto. So his point was simply that" against "Trust": two passages, not one altered
        return ChangeKind.ELISION if tag == "delete" else ChangeKind.WORDING
    if _states_otherwise(old_words, new_words):
        return ChangeKind.MEANING
    if tag == "delete":
        return ChangeKind.ELISION
    spelled = fuzz.ratio(" ".join(old_words), " ".join(new_words)) >= settings.spelling
    if tag == "replace" and (spelled or _name_respelled(old, new, base, variant)):
        return ChangeKind.COSMETIC
    if _other_name(old, new, base, variant):
        return ChangeKind.MEANING  # a person or place named differently inside the quote
    if translated:
        # Two translations of one remark choose their words ("walking away from" / "refusing"
        # for "не отказываемся"); only a negation, a number or a name told otherwise (above)
        # changes what was said.
        return ChangeKind.WORDING
    if all(w in _FUNCTION_WORDS for w in [*old_words, *new_words]):
        # function words only: "in" / "of", "the" / "a", "before we" / "and then let's"
        return ChangeKind.WORDING
    if _spoken(old_words) == _spoken(new_words):
        return ChangeKind.WORDING  # "I got a problem" / "I have a problem"
    if len(old_words) == len(new_words) and all(map(_inflected, old_words, new_words)):
        return ChangeKind.WORDING  # "has spent" / "spend": one verb, another form
    if tag == "replace" and _close_in_context(old, new, base, variant, settings):
        return ChangeKind.WORDING
    if tag == "insert" and not _names(new, variant):
        # "since running" / "since started running", "warnings" / "agency warnings": a word
        # more, as a word less is an elision; a name more ("Warren, Sherrod Brown and") is not
        return ChangeKind.WORDING
    return ChangeKind.MEANING


_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s*[A-Z\"“]")


def _across_sentences(tokens: list[Token], quote: PlacedQuote) -> bool:
    """Whether changed words run from one sentence into the next."""
    if len(tokens) < 2:
        return False
    return _SENTENCE_END.search(quote.source_text[tokens[0].start : tokens[-1].end]) is not None


_CONTRACTIONS = (
    ("n't", " not"),
    ("'re", " are"),
    ("'ve", " have"),
    ("'ll", " will"),
    ("'m", " am"),
)


def _expanded(words: list[str]) -> list[str]:
    """Words with contractions spelled out: "don't" -> "do not", "won't" -> "will not"."""
    text = (
        " ".join(words).replace("’", "'").replace("won't", "will not").replace("can't", "can not")
    )
    for short, full in _CONTRACTIONS:
        text = text.replace(short, full)
    # "two-in-three" is "2 in 3": a number spelled out or in digits is one number
    words = text.replace("cannot", "can not").replace("-", " ").split()
    return [_DIGITS.get(w, w) for w in words]


_DIGITS = {
    w: str(n)
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
}


# Spoken forms a transcriber renders either way; the same meaning, other words.
_SPOKEN = {
    "got": "have", "gotten": "have", "has": "have", "had": "have", "gonna": "going",
    "wanna": "want", "gotta": "must", "ok": "okay", "yeah": "yes", "'cause": "because",
    "cause": "because",
}  # fmt: skip


def _spoken(words: list[str]) -> list[str]:
    return [_SPOKEN.get(w, w) for w in words]


_PUNCTUATION = re.compile(r"^[^\w*]+|[^\w*]+$")


def _written_otherwise(
    old: list[Token], new: list[Token], base: PlacedQuote, variant: PlacedQuote
) -> bool:
    """One word written two ways by editors: an abbreviation ("Gen." / "General"), a word
    censored with asterisks, or the same content words with a function word more or less."""
    old_text = [base.source_text[t.start : t.end] for t in old]
    new_text = [variant.source_text[t.start : t.end] for t in new]
    if old and new:
        a, b = sorted(
            (
                base.source_text[old[0].start : old[-1].end],
                variant.source_text[new[0].start : new[-1].end],
            ),
            key=len,
        )
        a, b = (_PUNCTUATION.sub("", side) for side in (a, b))
        if a[:1].isupper() and b[:1].isupper() and 2 <= len(a) <= 4 and b.startswith(a):
            return True
        censored = "*" in a + b and len(a) == len(b)
        if censored and all(x == y or "*" in (x, y) for x, y in zip(a, b, strict=True)):
            return True
    content = [[w for w in side if w not in STOP_WORDS] for side in (old_text, new_text)]
    return bool(content[0]) and _letters(content[0]) == _letters(content[1])


_ENDINGS = frozenset({"", "s", "es", "ed", "d", "ing", "t", "n", "en"})


def _inflected(a: str, b: str) -> bool:
    """Whether two words are forms of one ("spend" / "spent", "rule" / "ruled")."""
    stem = 0
    while stem < min(len(a), len(b)) and a[stem] == b[stem]:
        stem += 1
    return stem >= 3 and a[stem:] in _ENDINGS and b[stem:] in _ENDINGS


def _letters(words: list[str]) -> str:
    return "".join(c for w in words for c in w if c.isalnum())


# "let's" marks a proposal as "we" marks a subject: a word of grammar, not of content.
_FUNCTION_WORDS = STOP_WORDS | {"let", "let's", "let’s", "lets"}

# Modal verbs by what they assert: "must" / "may" tells another thing, "can" / "could" or
# "will" / "would" (the shift of reported speech) does not.
_MODALS = {
    "must": "necessity", "should": "necessity", "ought": "necessity", "shall": "necessity",
    "may": "possibility", "might": "possibility", "can": "possibility", "could": "possibility",
}  # fmt: skip


def _states_otherwise(old: list[str], new: list[str]) -> bool:
    """A change of negation, modality or number: one side denies what the other states,
    obliges where the other allows, or counts differently. A negation on both sides ("not" /
    "never") is no change of polarity."""
    expanded = [_expanded(side) for side in (old, new)]
    negations = [sum(w in NEGATIONS for w in side) for side in expanded]
    modals = [sorted(_MODALS[w] for w in side if w in _MODALS) for side in expanded]
    numbers = [sorted(w for w in side if any(c.isdigit() for c in w)) for side in (old, new)]
    return negations[0] != negations[1] or modals[0] != modals[1] or numbers[0] != numbers[1]


def _other_name(
    old: list[Token], new: list[Token], base: PlacedQuote, variant: PlacedQuote
) -> bool:
    """Whether a capitalised name stands in place of another: "Petrov" for "Ivanov"."""

    before, after = _names(old, base), _names(new, variant)
    return bool(before and after and before != after)


def _name_respelled(
    old: list[Token], new: list[Token], base: PlacedQuote, variant: PlacedQuote
) -> bool:
    """One name spelled two ways: "Momma" / "Mama", "Mohammed" / "Muhammad"."""
    before, after = _names(old, base), _names(new, variant)
    return len(old) == len(new) == len(before) == len(after) == 1 and _spelled_alike(
        next(iter(before)), next(iter(after))
    )


def _spelled_alike(a: str, b: str) -> bool:
    """Two spellings of one name: the same first letter and the same consonants once doubled
    letters are single. Short names are left out, as "Tim" / "Tom" are two people."""
    if min(len(a), len(b)) < 4 or max(len(a), len(b)) < 5 or a[0] != b[0]:
        return False
    return _consonants(a) == _consonants(b)


def _consonants(word: str) -> str:
    single = re.sub(r"(.)\1+", r"\1", word.lower())
    return single[0] + re.sub(r"[aeiouy]", "", single[1:])


def _names(tokens: list[Token], placed: PlacedQuote) -> set[str]:
    """The capitalised words among ``tokens``, but for the quote's first word."""
    found = set()
    for token in tokens:
        word = placed.source_text[token.start : token.end]
        starts_sentence = token.start == placed.quote.start
        if word[:1].isupper() and not starts_sentence and token.norm not in STOP_WORDS:
            found.add(token.norm)
    return found


def _close_in_context(
    old: list[Token],
    new: list[Token],
    base: PlacedQuote,
    variant: PlacedQuote,
    settings: QuoteAlignSettings,
) -> bool:
    from crosswire.nlp.embed import embed

    old_text = _window(base, old, settings.window)
    new_text = _window(variant, new, settings.window)
    vectors = embed([old_text, new_text])
    return float(vectors[0] @ vectors[1]) >= settings.wording_in_context


def _window(placed: PlacedQuote, tokens: list[Token], window: int) -> str:
    """The changed words with a few words either side, as the quote has them."""
    around = placed.tokens(placed.quote.start, placed.quote.end)
    words = [t for t in around if t.norm]
    index = next((k for k, t in enumerate(words) if t.start >= tokens[0].start), 0)
    last = next((k for k, t in enumerate(words) if t.end >= tokens[-1].end), len(words) - 1)
    chosen = words[max(0, index - window) : last + window + 1] or tokens
    return placed.source_text[chosen[0].start : chosen[-1].end]


def _editorial_marks(variant: PlacedQuote) -> list[WordChange]:
    """An editor's bracket inside the quoted words: "(U.S.) president", "[over]"."""
    return [
        WordChange(ChangeKind.COSMETIC, None, _evidence(variant, t.start, t.end))
        for t in variant.tokens()
        if t.editorial
    ]
