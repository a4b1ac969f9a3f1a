"""Framing evidence: how each outlet tells the story, cue by cue, each cue with its words.

- Attribution verbs per speaker. Reporting verbs are classed after Hooper (1975) as used for
  news bias by Recasens, Danescu-Niculescu-Mizil and Jurafsky (2013): "said" is neutral,
  assertives ("claimed", "insisted") distance the writer from the words, factives ("admitted",
  "revealed") present them as established; and emphatic verbs ("stressed", "slammed") add force.
- Loaded terms, outside quotes (quoted words are the speaker's, not the outlet's):
  intensifiers from VADER's booster list and charged words from VADER's valence lexicon
  (Hutto and Gilbert 2014, MIT licence, the vaderSentiment package), evaluative adjectives and
  adverbs from the Pattern subjectivity lexicon (De Smedt and Daelemans 2012, PDDL, shipped in
  the textblob package), and distancing: scare quotes and "so-called".
- Naming variants: spellings of one entity across outlets (Kyiv/Kiev, Sergei/Sergey), found by
  string similarity after transliteration is set aside, and confirmed by the contexts they
  appear in; no list of known variants.
- The headline: its main verbs and loaded terms, and how closely the body bears it out.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import xml.etree.ElementTree as ElementTree
from collections import Counter, defaultdict
from collections.abc import Sequence
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz.distance import JaroWinkler

from crosswire.model import Evidence, LoadedTerm, NameForm, NamingVariant, Span, VerbUse
from crosswire.settings import FramingSettings

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacy.tokens import Doc, Token

    from crosswire.model import Quote


NEUTRAL_VERBS = frozenset(
    "say tell add state write post ask report respond reply explain continue speak comment "
    "announce tweet answer describe call quote read recount".split()
)
ASSERTIVE_VERBS = frozenset(
    "claim allege insist contend assert maintain argue suggest purport boast predict".split()
)
FACTIVE_VERBS = frozenset(
    "admit acknowledge concede reveal confirm note point recall notice observe realize "
    "realise discover learn".split()
)
EMPHATIC_VERBS = frozenset(
    "stress emphasize emphasise underline underscore warn declare vow slam blast attack rebuke "
    "school lash accuse demand urge threaten proclaim exclaim thunder".split()
)
# Russian reporting verbs in the same classes (natasha's lemmas, both aspects).
NEUTRAL_VERBS |= frozenset(
    "сказать говорить заявить заявлять сообщить сообщать добавить добавлять написать писать "
    "ответить отвечать пояснить пояснять уточнить уточнять рассказать рассказывать объяснить "
    "объяснять продолжить высказаться".split()
)
ASSERTIVE_VERBS |= frozenset("утверждать настаивать считать заверить заверять".split())
FACTIVE_VERBS |= frozenset(
    "признать признавать отметить отмечать напомнить напоминать указать указывать заметить "
    "замечать констатировать".split()
)
EMPHATIC_VERBS |= frozenset(
    "подчеркнуть подчёркивать подчеркивать предупредить предупреждать возразить парировать "
    "пообещать обещать".split()
)
DISTANCING = frozenset({"so-called", "self-proclaimed", "self-styled", "purported", "supposed"})
CONTENT_POS = {"ADJ", "ADV", "VERB", "NOUN"}
DEFAULT = FramingSettings()


def verb_category(lemma: str) -> str:
    for category, verbs in (
        ("neutral", NEUTRAL_VERBS),
        ("assertive", ASSERTIVE_VERBS),
        ("factive", FACTIVE_VERBS),
        ("emphatic", EMPHATIC_VERBS),
    ):
        if lemma in verbs:
            return category
    return "other"


def attribution_verbs(quotes: Sequence[Quote], key: str, lemma_of) -> list[VerbUse]:
    """Cue verbs per speaker for one article, counted; ``lemma_of`` maps a cue to its lemma."""
    uses: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
    for quote in quotes:
        if quote.cue is None or quote.speaker is None:
            continue
        evidence = Evidence(key, quote.cue.start, quote.cue.end, quote.cue.text)
        bucket = uses[(quote.speaker, lemma_of(quote.cue))]
        if evidence not in bucket:  # one cue can introduce both halves of a split quote
            bucket.append(evidence)
    return [
        VerbUse(speaker, verb, verb_category(verb), len(evidence), evidence)
        for (speaker, verb), evidence in sorted(uses.items())
    ]


# ---------------------------------------------------------------------------- loaded terms


@functools.cache
def _vader():
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentimentIntensityAnalyzer

    boosters = {word for word, value in BOOSTER_DICT.items() if value > 0}
    return SentimentIntensityAnalyzer().lexicon, frozenset(boosters)


@functools.cache
def _pattern_subjectivity() -> dict[str, tuple[float, float]]:
    """Mean (subjectivity, |polarity|) of each word in the Pattern lexicon."""
    path = resources.files("textblob") / "en" / "en-sentiment.xml"
    senses: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for word in ElementTree.fromstring(path.read_bytes()).iter("word"):
        senses[word.get("form", "").lower()].append(
            (float(word.get("subjectivity", 0)), abs(float(word.get("polarity", 0))))
        )
    return {
        form: (sum(s for s, _ in values) / len(values), sum(p for _, p in values) / len(values))
        for form, values in senses.items()
    }


def loaded_category(token: Token, settings: FramingSettings = DEFAULT) -> tuple[str, str] | None:
    """(category, lexicon) when a spaCy token is a loaded term, else None."""
    lower = token.lower_
    if lower in DISTANCING:
        return "distancing", "crosswire"
    if token.pos_ not in CONTENT_POS or token.ent_type_:
        return None
    valence, boosters = _vader()
    if lower in boosters and token.pos_ in {"ADV", "ADJ"}:
        return "intensifier", "vader-booster"
    subjectivity = _pattern_subjectivity().get(lower)
    if (
        subjectivity
        and token.pos_ in {"ADJ", "ADV"}
        and subjectivity[0] >= settings.evaluative_subjectivity
        and subjectivity[1] >= settings.evaluative_polarity
    ):
        return "evaluative", "pattern"
    score = valence.get(lower, valence.get(token.lemma_.lower()))
    charged = score is not None and abs(score) >= settings.charged_valence
    if charged and token.pos_ in {"ADJ", "ADV", "VERB"}:
        return "charged", "vader"
    return None


def loaded_terms(
    doc: Doc,
    offset: int,
    key: str,
    text: str,
    quote_spans: Sequence[Span],
    settings: FramingSettings = DEFAULT,
) -> list[LoadedTerm]:
    """Loaded terms in one parsed paragraph or headline, outside quoted words."""
    terms = []
    tokens = list(doc)
    skip_next = False
    for index, token in enumerate(tokens):
        if skip_next:
            skip_next = False
            continue
        start = offset + token.idx
        end = start + len(token.text)
        # spaCy splits "so-called" into three tokens; join them back.
        if token.lower_ == "so" and index + 2 < len(tokens) and tokens[index + 1].text == "-":
            end = offset + tokens[index + 2].idx + len(tokens[index + 2].text)
            found = ("distancing", "crosswire") if text[start:end].lower() in DISTANCING else None
            skip_next = found is not None
        else:
            found = loaded_category(token, settings)
        if found is None or any(span.holds(start) for span in quote_spans):
            continue
        terms.append(LoadedTerm(Evidence(key, start, end, text[start:end]), *found))
    return [t for t in terms if t.evidence.text.lower() not in {"-", "called"}]


# ------------------------------------------------------------------------------ naming


_TRANSLITERATION = (
    (r"[yji]+", "i"),
    (r"ie|ei|ey", "i"),
    (r"kh", "h"),
    (r"ph", "f"),
    (r"(.)\1", r"\1"),
)


# Naming variants compare every pair of names in a story, so each name's keys are kept.
@functools.lru_cache(maxsize=65536)
def transliteration_key(name: str) -> str:
    """A spelling with the usual transliteration choices evened out: Kyiv/Kiev, Sergei/Sergey."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z ]", "", text)
    for pattern, replacement in _TRANSLITERATION:
        text = re.sub(pattern, replacement, text)
    return text


def naming_variants(
    entities: Iterable[tuple[str, str, Evidence]],
    context: dict[Evidence, np.ndarray],
    settings: FramingSettings = DEFAULT,
) -> list[NamingVariant]:
    """Entities spelled differently by different articles.

    ``entities`` are (label, text, evidence) across the story; ``context`` maps each entity
    evidence to the embedding of the sentence it stands in.
    """
    forms: dict[str, list[Evidence]] = defaultdict(list)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for label, text, evidence in entities:
        forms[text.strip()].append(evidence)
        labels[text.strip()][_label_family(label)] += 1
    names = sorted(forms)
    label_of = {name: labels[name].most_common(1)[0][0] for name in names}
    parent = {name: name for name in names}

    def root(name: str) -> str:
        while parent[name] != name:
            name = parent[name]
        return name

    scores: dict[str, float] = {}
    for index, a in enumerate(names):
        for b in names[index + 1 :]:
            score = _same_entity((label_of[a], a), (label_of[b], b), forms, context, settings)
            if score is not None and root(a) != root(b):
                top = root(a)
                parent[root(b)] = top
                scores[top] = max(scores.get(top, 0.0), score)
    clusters: dict[str, list[str]] = defaultdict(list)
    for name in names:
        clusters[root(name)].append(name)
    return [
        NamingVariant(
            label=Counter(label_of[m] for m in members).most_common(1)[0][0],
            forms=[NameForm(m, sorted({e.article for e in forms[m]}), forms[m]) for m in members],
            similarity=round(scores.get(top, 0.0), 3),
        )
        for top, members in clusters.items()
        if len(members) > 1
    ]


@functools.lru_cache(maxsize=65536)
def _plain(text: str) -> str:
    return re.sub(r"[\W_]", "", text.lower())


def _label_family(label: str) -> str:
    return {"LOC": "GPE", "FAC": "GPE", "NORP": "ORG"}.get(label, label)


def _same_entity(a, b, forms, context, settings: FramingSettings) -> float | None:
    (label_a, text_a), (label_b, text_b) = a, b
    if _plain(text_a) == _plain(text_b):
        return None  # "U.S." and "US" differ in punctuation only
    words_a, words_b = text_a.split(), text_b.split()
    if len(words_a) != len(words_b):
        # "Port Kaltberg" against "Kaltburg": the longer name's last words carry the spelling.
        size = min(len(words_a), len(words_b))
        text_a, text_b = " ".join(words_a[-size:]), " ".join(words_b[-size:])
        if _plain(text_a) == _plain(text_b):
            return None  # "Lavrov" and "Sergey Lavrov": one name, short and long
    key_a, key_b = transliteration_key(text_a), transliteration_key(text_b)
    # The tagger mislabels names often enough ("Kyiv" as a PERSON) that differing labels are
    # forgiven, but only for spellings that are the same once transliteration is set aside.
    if label_a != label_b and key_a != key_b:
        return None
    articles_a = {e.article for e in forms[a[1]]}
    articles_b = {e.article for e in forms[b[1]]}
    if articles_a & articles_b:
        return None  # one article using both spellings means two things, or a quoted name
    if not key_a or not key_b:
        return None
    score = JaroWinkler.similarity(key_a, key_b)
    if score < settings.same_name:
        return None
    bar = settings.same_context
    if key_a != key_b and _context_similarity(forms[a[1]], forms[b[1]], context) < bar:
        return None
    return score


def _context_similarity(a: Sequence[Evidence], b: Sequence[Evidence], context) -> float:
    left = [context[e] for e in a if e in context]
    right = [context[e] for e in b if e in context]
    if not left or not right:
        return 0.0
    mean_a, mean_b = np.mean(left, axis=0), np.mean(right, axis=0)
    norm = float(np.linalg.norm(mean_a) * np.linalg.norm(mean_b)) or 1.0
    return float(mean_a @ mean_b) / norm
