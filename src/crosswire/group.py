"""Stories, the events inside them, and reprints, from articles that arrive one at a time.

Each article joins the story it fits best or starts a new one; nothing is re-clustered. Fit is the
meaning of the title and lead (MiniLM embeddings, found through a usearch approximate
nearest-neighbour index, so the cost per article stays about constant as the corpus grows), plus
the named people, places and organisations the article shares with the story, less a penalty when
the article falls far outside the story's time window. usearch was chosen over hnswlib and faiss
because it ships wheels for every platform, adds vectors incrementally, and is small.

Within a story, articles belong to one event when they quote the same words or tell nearly the
same text: two interviews on one subject are two events. Reprints (syndicated copies, the same
article fetched twice, updated versions) are found with MinHash LSH (datasketch) on word
shingles, and are linked to their original.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

import numpy as np
from datasketch import MinHash, MinHashLSH
from rapidfuzz import fuzz
from usearch.index import Index

from crosswire.settings import EventSettings, GroupSettings

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from crosswire.model import Quote
    from crosswire.nlp.parse import Annotated, Entity


DEFAULT_EVENTS = EventSettings()
ENTITY_WEIGHTS = {"PERSON": 2.0, "GPE": 1.5, "LOC": 1.5, "EVENT": 1.5, "FAC": 1.0, "ORG": 1.0}
SHINGLE_WORDS = 5
MINHASH_PERMUTATIONS = 128


@dataclass(slots=True)
class GroupItem:
    """What grouping needs to know of one article."""

    key: str
    text: str  # title and lead, for meaning
    body: str = ""  # the whole body, for reprints
    day: date | None = None
    outlet: str | None = None
    title: str | None = None
    entities: dict[str, float] = field(default_factory=dict)
    quotes: list[str] = field(default_factory=list)
    language: str | None = None  # None in records stored before languages were told apart
    speakers: list[str] = field(default_factory=list)  # who says each quote ("" unknown)


@dataclass(slots=True)
class Reprint:
    original: str
    kind: str  # syndicated | duplicate | update
    similarity: float


@dataclass(slots=True)
class _Story:
    members: list[int] = field(default_factory=list)
    entities: Counter[str] = field(default_factory=Counter)
    first: date | None = None
    last: date | None = None


class StoryGrouper:
    """Incremental story assignment over an approximate nearest-neighbour index."""

    def __init__(self, settings: GroupSettings | None = None, dimensions: int = 384) -> None:
        self.settings = settings or GroupSettings()
        self.index = Index(
            ndim=dimensions,
            metric="cos",
            dtype="f32",
            connectivity=self.settings.index_connectivity,
            expansion_add=self.settings.index_expansion_add,
            expansion_search=self.settings.index_expansion_search,
        )
        self.items: list[GroupItem] = []
        self.story_of: list[int] = []
        self.stories: list[_Story] = []
        self.vectors = np.zeros((1024, dimensions), dtype=np.float32)  # grows by doubling
        self.terms = OnlineTfidf()

    def add(self, item: GroupItem, vector: np.ndarray) -> int:
        """Place one article and return its story number.

        An article that fits two stories joins them into one (when ``merge_bridged``), so that
        the stories do not depend on which of their articles came first. Numbers of merged
        stories go stale: ``story_of`` always has the current one for every article.
        """
        position = len(self.items)
        counts = self.terms.weighted(self.terms.add(item.text))
        fitting = self._fitting_stories(item, vector, counts)
        if not fitting:
            story = len(self.stories)
            self.stories.append(_Story())
        else:
            story = fitting[0]
            if self.settings.merge_bridged:
                for other in fitting[1:]:
                    self._merge(other, story)
        self._join(story, position, item)
        self.items.append(item)
        self.story_of.append(story)
        self._store_vector(position, vector)
        self.index.add(position, vector)
        return story

    def _store_vector(self, position: int, vector: np.ndarray) -> None:
        self.vectors = _with_room(self.vectors, position)
        self.vectors[position] = vector

    def _merge(self, source: int, target: int) -> None:
        moved = self.stories[source]
        for member in moved.members:
            self.story_of[member] = target
        record = self.stories[target]
        record.members.extend(moved.members)
        record.entities.update(moved.entities)
        for day in (moved.first, moved.last):
            if day is not None:
                record.first = min(record.first or day, day)
                record.last = max(record.last or day, day)
        self.stories[source] = _Story()

    def _fitting_stories(self, item: GroupItem, vector: np.ndarray, counts) -> list[int]:
        """Stories this article fits, best first."""
        if len(self.index) == 0:
            return []
        found = self.index.search(vector, min(self.settings.neighbours, len(self.index)))
        similarity: dict[int, float] = {}
        for key, distance in zip(found.keys, found.distances, strict=True):
            story = self.story_of[int(key)]
            cosine = 1.0 - float(distance) + self._language_gap(item, self.items[int(key)])
            similarity[story] = max(similarity.get(story, -1.0), cosine)
        if self.settings.average_link or self.settings.lexical_weight:
            similarity = self._story_similarities(vector, counts, list(similarity))
        scored = sorted(
            ((self._score(item, story, sim), story) for story, sim in similarity.items()),
            reverse=True,
        )
        return [story for score, story in scored if score >= self.settings.threshold]

    def _language_gap(self, item: GroupItem, other: GroupItem) -> float:
        """A text and its translation lie a little further apart than two texts in one
        language: the gap is made up where the two articles' languages differ."""
        if (item.language or "en") == (other.language or "en"):
            return 0.0
        return self.settings.cross_language_gap

    def _story_similarities(self, vector: np.ndarray, counts, stories: list[int]):
        """Similarity to each story's members (mean or best): MiniLM cosine blended with TF-IDF.

        All members of all candidate stories are scored in one matrix product and one pass of
        TF-IDF: per-member Python loops were two thirds of the grouper's time."""
        members = [self.stories[story].members for story in stories]
        flat = np.fromiter(itertools.chain.from_iterable(members), dtype=np.int64)
        meaning = self.vectors[flat] @ np.asarray(vector, dtype=np.float32)
        weight = self.settings.lexical_weight
        if weight:
            meaning = (1 - weight) * meaning + weight * self.terms.cosines(counts, flat)
        pool = np.mean if self.settings.average_link else np.max
        starts = list(itertools.accumulate(map(len, members), initial=0))
        return {
            story: float(pool(meaning[starts[i] : starts[i + 1]]))
            for i, story in enumerate(stories)
        }

    def _score(self, item: GroupItem, story: int, similarity: float) -> float:
        settings = self.settings
        score = similarity + settings.entity_weight * _entity_overlap(item, self.stories[story])
        gap = _days_outside(item.day, self.stories[story])
        if gap > settings.window_days and similarity < settings.follow_up_similarity:
            score -= settings.late_penalty
        return score

    def _join(self, story: int, position: int, item: GroupItem) -> None:
        record = self.stories[story]
        record.members.append(position)
        record.entities.update(item.entities.keys())
        if item.day is not None:
            record.first = min(record.first or item.day, item.day)
            record.last = max(record.last or item.day, item.day)


BACKGROUND_DOCUMENTS = 1000


class OnlineTfidf:
    """TF-IDF cosine between articles, with document frequencies counted as articles arrive.

    Early in a stream a handful of documents would make every shared word look common, so the
    frequencies start from ``background`` documents that contain none of the words.
    """

    background = BACKGROUND_DOCUMENTS

    def __init__(self) -> None:
        self.vocabulary: dict[str, int] = {}
        self.frequency = np.zeros(1024, dtype=np.float64)  # documents per word id
        self.documents: list[tuple[np.ndarray, np.ndarray]] = []  # word ids, term weights

    def add(self, text: str) -> dict[str, float]:
        counts = Counter(_words(text))
        terms = {word: 1.0 + math.log(count) for word, count in counts.items()}
        ids = np.fromiter((self._word_id(word) for word in terms), dtype=np.int64, count=len(terms))
        self.frequency[ids] += 1
        self.documents.append((ids, np.fromiter(terms.values(), dtype=np.float64)))
        return terms

    def _word_id(self, word: str) -> int:
        known = self.vocabulary.get(word)
        if known is not None:
            return known
        new = self.vocabulary[word] = len(self.vocabulary)
        self.frequency = _with_room(self.frequency, new)
        return new

    def cosines(self, left: dict[str, float], others: np.ndarray) -> np.ndarray:
        """Cosine of weighted terms (from ``weighted``) with each document seen before."""
        if not len(others) or not left:
            return np.zeros(len(others))
        ids = [self.documents[other][0] for other in others]
        lengths = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
        # One trailing zero keeps every segment start a valid index for reduceat, empty or not.
        flat_ids = np.concatenate([*ids, [0]])
        tf = np.concatenate([*(self.documents[other][1] for other in others), [0.0]])
        weights = tf * (self._log_total() - np.log(1 + self.frequency[flat_ids]) + 1.0)
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        norms = np.add.reduceat(weights * weights, starts)
        left_ids = np.array([self.vocabulary[word] for word in left], dtype=np.int64)
        order = np.argsort(left_ids)
        left_ids, left_weights = left_ids[order], np.array(list(left.values()))[order]
        place = np.minimum(np.searchsorted(left_ids, flat_ids), len(left_ids) - 1)
        shared = np.where(left_ids[place] == flat_ids, weights * left_weights[place], 0.0)
        dots = np.add.reduceat(shared, starts)
        norm = np.sqrt(sum(w * w for w in left.values()) * norms)
        empty = (lengths == 0) | (norm == 0)
        return np.where(empty, 0.0, dots / np.where(empty, 1.0, norm))

    def weighted(self, terms: dict[str, float]) -> dict[str, float]:
        total = self._log_total()
        vocabulary, frequency = self.vocabulary, self.frequency
        return {
            word: tf * (total - math.log(1 + frequency[vocabulary[word]]) + 1.0)
            for word, tf in terms.items()
        }

    def _log_total(self) -> float:
        return math.log(1 + len(self.documents) + self.background)


def _with_room(array: np.ndarray, index: int) -> np.ndarray:
    """The array, doubled in length when ``index`` is one past its end (amortised growth)."""
    if index < len(array):
        return array
    return np.concatenate([array, np.zeros_like(array)])


def _words(text: str) -> list[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return [w for w in re.findall(r"\b\w\w+\b", text.lower()) if w not in STOP_WORDS]


def _entity_overlap(item: GroupItem, story: _Story) -> float:
    total = sum(item.entities.values())
    if not total:
        return 0.0
    shared = sum(weight for name, weight in item.entities.items() if name in story.entities)
    return shared / total


def _days_outside(day: date | None, story: _Story) -> int:
    if day is None or story.first is None or story.last is None:
        return 0
    if day < story.first:
        return (story.first - day).days
    return max(0, (day - story.last).days)


# ------------------------------------------------------------------------------------ events


def split_events(
    items: list[GroupItem], vectors: np.ndarray, settings: EventSettings = DEFAULT_EVENTS
) -> list[int]:
    """Event number for each article of one story, in arrival order of first appearance.

    Two articles share an event when they quote the same words, or tell nearly the same text.
    An article left alone joins the event of the article it is closest to, if close enough,
    unless there is evidence of another occasion: both quote one person at length and share
    none of the words (two interviews of one minister). A story splits only on such evidence.
    """
    count = len(items)
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    similarity = vectors @ vectors.T if count else np.zeros((0, 0))
    for a in range(count):
        for b in range(a + 1, count):
            if (
                _share_a_quote(items[a], items[b], settings)
                or similarity[a, b] >= settings.same_text
            ):
                parent[root(b)] = root(a)
    for a in range(count):
        if root(a) != a or any(root(b) == a for b in range(count) if b != a):
            continue
        others = [b for b in range(count) if b != a]
        if others:
            nearest = max(others, key=lambda b: similarity[a, b])
            if similarity[a, nearest] >= settings.nearest_event and not _another_occasion(
                items[a], [items[b] for b in range(count) if root(b) == root(nearest)], settings
            ):
                parent[root(a)] = root(nearest)
    numbers: dict[int, int] = {}
    return [numbers.setdefault(root(i), len(numbers)) for i in range(count)]


def _another_occasion(item: GroupItem, event: list[GroupItem], settings: EventSettings) -> bool:
    """Someone the article quotes at length (twice or more) is quoted at length in the event
    too, and no words are shared: the same person speaking on another occasion."""
    mine = _long_quotes_by_speaker(item, settings)
    for other in event:
        theirs = _long_quotes_by_speaker(other, settings)
        for speaker in set(mine) & set(theirs):
            if len(mine[speaker]) >= 2 and len(theirs[speaker]) >= 2:
                return True
    return False


def _long_quotes_by_speaker(item: GroupItem, settings: EventSettings) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for text, speaker in zip(item.quotes, item.speakers, strict=False):
        if speaker and len(text.split()) >= settings.quote_min_words:
            found.setdefault(speaker, []).append(text)
    return found


def _share_a_quote(a: GroupItem, b: GroupItem, settings: EventSettings) -> bool:
    long_a = [q for q in a.quotes if len(q.split()) >= settings.quote_min_words]
    long_b = [q for q in b.quotes if len(q.split()) >= settings.quote_min_words]
    same = settings.same_quote
    return any(fuzz.token_set_ratio(x, y) >= same for x in long_a for y in long_b)


# ---------------------------------------------------------------------------------- reprints


class ReprintFinder:
    """Near-duplicate bodies through MinHash LSH: copies, refetches and updates."""

    def __init__(self, settings: EventSettings = DEFAULT_EVENTS) -> None:
        self.settings = settings
        bands = _lsh_bands(settings.update_similarity)
        self.lsh = MinHashLSH(num_perm=MINHASH_PERMUTATIONS, params=bands)
        self.signatures: dict[str, MinHash] = {}
        self.items: dict[str, GroupItem] = {}
        self.order: dict[str, int] = {}

    def add(self, item: GroupItem) -> Reprint | None:
        signature = _minhash(item.body)
        reprint = self._match(item, signature)
        if item.key not in self.signatures:
            self.lsh.insert(item.key, signature)
            self.signatures[item.key] = signature
            self.items[item.key] = item
            self.order[item.key] = len(self.order)
        return reprint

    def _match(self, item: GroupItem, signature: MinHash) -> Reprint | None:
        # LSH answers in hash order, which varies per process; among equally similar
        # candidates the one added first is the original.
        candidates = [
            (signature.jaccard(self.signatures[k]), -self.order[k], k)
            for k in self.lsh.query(signature)
        ]
        if not candidates:
            return None
        similarity, _, key = max(candidates)
        original = self.items[key]
        kind = _reprint_kind(item, original, similarity, self.settings)
        return Reprint(key, kind, round(similarity, 3)) if kind else None


def _reprint_kind(
    item: GroupItem, original: GroupItem, similarity: float, settings: EventSettings
) -> str | None:
    same_outlet = bool(item.outlet) and item.outlet == original.outlet
    if similarity >= settings.reprint_similarity and not same_outlet:
        return "syndicated"
    if similarity >= 0.95 and (same_outlet or not item.outlet):
        return "duplicate"
    same_title = bool(item.title) and _key(item.title or "") == _key(original.title or "")
    if similarity >= settings.update_similarity and (same_outlet or same_title):
        return "update"
    return "syndicated" if similarity >= settings.reprint_similarity else None


@functools.cache
def _lsh_bands(threshold: float) -> tuple[int, int]:
    # datasketch finds the bands for a threshold by numerical integration: 75 ms per finder.
    lsh = MinHashLSH(threshold=threshold, num_perm=MINHASH_PERMUTATIONS)
    return lsh.b, lsh.r


def _minhash(text: str) -> MinHash:
    words = re.findall(r"\w+", text.lower())
    signature = MinHash(num_perm=MINHASH_PERMUTATIONS)
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(1, len(words) - 4))}
    signature.update_batch([shingle.encode("utf-8") for shingle in shingles])
    return signature


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


# ------------------------------------------------------------------------------ from articles


def parse_day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value[:10]).date()
    except ValueError:
        return None


def entity_weights(entities: Iterable[Entity]) -> dict[str, float]:
    """Named people, places and organisations, normalised, with people and places weighted."""
    weights: dict[str, float] = {}
    for entity in entities:
        weight = ENTITY_WEIGHTS.get(entity.label)
        if weight is None:
            continue
        name = re.sub(r"^the\s+|['’]s$", "", entity.text.strip().lower())
        if len(name) > 1:
            weights[name] = max(weights.get(name, 0.0), weight)
    return weights


# ------------------------------------------------------------------------------ the pipeline


@dataclass(slots=True)
class Placement:
    """Where one article landed: its story, the event inside it, and what it reprints."""

    key: str
    story: int
    event: int
    reprint: Reprint | None = None


def article_key(article) -> str:
    """An article is named by its path, or in JSONL input by its id (else its url)."""
    source = article.source
    if source.kind.value == "jsonl" or source.id is not None:
        return str(source.id or source.url or source.location)
    return source.location


def unique_keys(articles) -> list[str]:
    """Each article's key, made unique within the batch by a ``#2``, ``#3`` suffix."""
    keys: list[str] = []
    seen: Counter[str] = Counter()
    for article in articles:
        key = article_key(article)
        seen[key] += 1
        keys.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return keys


def group_item(
    annotated: Annotated, quotes: Sequence[Quote], settings: EventSettings = DEFAULT_EVENTS
) -> GroupItem:
    """What grouping needs of an annotated article and its quotes (scare quotes are no one's)."""
    article = annotated.article
    lead = " ".join(p.text for p in article.paragraphs[: settings.lead_paragraphs])
    return GroupItem(
        key=article_key(article),
        text=f"{article.title or ''}. {lead}".strip(". "),
        body=article.body,
        day=parse_day(article.date),
        outlet=article.outlet,
        title=article.title,
        entities=entity_weights(annotated.entities),
        quotes=[q.text for q in quotes if q.kind.value != "scare"],
        language=article.language,
        speakers=[q.speaker or "" for q in quotes if q.kind.value != "scare"],
    )


def group_items(
    items: list[GroupItem],
    settings: GroupSettings | None = None,
    vectors: np.ndarray | None = None,
    event_vectors: np.ndarray | None = None,
    events: EventSettings | None = None,
) -> list[Placement]:
    """Stories in arrival order (dated articles by date), then events and reprints.

    ``vectors`` (title and lead, a row per item) and ``event_vectors`` (what tells events apart,
    the bodies by default) are embedded here unless given.
    """
    events = events or DEFAULT_EVENTS
    settings = settings or GroupSettings()
    from crosswire.nlp.embed import embed, embed_leads, embed_multilingual

    order = sorted(range(len(items)), key=lambda i: (items[i].day or date.max, i))
    across = across_languages(items)
    if across:
        # MiniLM reads English only: a batch with another language is grouped in e5's space,
        # where a text and its translation lie close, on meaning alone (TF-IDF shares no words
        # across languages), at the threshold tuned for e5 on NeuS val.
        settings = replace(
            settings,
            threshold=settings.multilingual_threshold,
            lexical_weight=0.0,
            cross_language_gap=settings.multilingual_language_gap,
        )
        arriving = embed_multilingual([items[i].text for i in order])
    elif vectors is None:
        arriving = embed_leads([items[i].text for i in order])
    else:
        arriving = np.asarray(vectors, dtype=np.float32)[order]
    grouper = StoryGrouper(settings, dimensions=arriving.shape[1] if len(arriving) else 384)
    finder = ReprintFinder(events)
    placements = {}
    for position, index in enumerate(order):
        grouper.add(items[index], arriving[position])
        placements[index] = Placement(items[index].key, 0, 0, finder.add(items[index]))
    numbers: dict[int, int] = {}
    for position, index in enumerate(order):  # stories numbered by their first article
        placements[index].story = numbers.setdefault(grouper.story_of[position], len(numbers))
    for members in _stories(placements):
        if len(members) < 2:
            continue
        if across:
            bodies = embed_multilingual([items[i].body[: events.body_chars] for i in members])
        elif event_vectors is None:
            texts = [items[i].body[: events.body_chars] for i in members]
            bodies = embed(texts, max_tokens=events.body_tokens)
        else:
            bodies = np.asarray(event_vectors, dtype=np.float32)[members]
        for index, event in zip(
            members, split_events([items[i] for i in members], bodies, events), strict=True
        ):
            placements[index].event = event
    return [placements[i] for i in range(len(items))]


def across_languages(items: Sequence[GroupItem]) -> bool:
    """Whether any article is in a language other than English (MiniLM's only one)."""
    return any((item.language or "en") != "en" for item in items)


def _stories(placements: dict[int, Placement]) -> list[list[int]]:
    members: dict[int, list[int]] = {}
    for index in sorted(placements):
        members.setdefault(placements[index].story, []).append(index)
    return list(members.values())


def group_tree(placements: list[Placement], items: list[GroupItem]) -> dict:
    """Stories, their events and their articles, and the reprints, as plain data."""
    stories: dict[int, dict[int, list[dict]]] = {}
    for place, item in zip(placements, items, strict=True):
        entry = {
            "article": place.key,
            "title": item.title,
            "outlet": item.outlet,
            "date": item.day.isoformat() if item.day else None,
        }
        stories.setdefault(place.story, {}).setdefault(place.event, []).append(entry)
    reprints = [
        {
            "article": p.key,
            "reprint_of": p.reprint.original,
            "kind": p.reprint.kind,
            "similarity": p.reprint.similarity,
        }
        for p in placements
        if p.reprint
    ]
    return {
        "stories": [
            {
                "story": story,
                "events": [
                    {"event": event, "articles": members}
                    for event, members in sorted(events.items())
                ],
            }
            for story, events in sorted(stories.items())
        ],
        "reprints": reprints,
    }
