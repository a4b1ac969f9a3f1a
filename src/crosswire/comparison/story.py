"""Compare the articles of one story: claims, quotes, conflicts, framing and a cited summary.

The input is each article's facts (compare/facts.py). Everything found points to spans of the
articles' source text (``Evidence``), so that a reader can go from any finding to the words.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from crosswire.comparison.claims import align_claims, build_groups, dice
from crosswire.comparison.conflicts import (
    attribution_conflicts,
    date_conflicts,
    number_conflicts,
    title_conflicts,
    title_mentions,
)
from crosswire.comparison.facts import ArticleFacts
from crosswire.comparison.framing import naming_variants
from crosswire.comparison.quotealign import align_quotes
from crosswire.comparison.summary import omissions, summarize
from crosswire.ingest.outlets import outlet_of
from crosswire.model import (
    ClaimGroup,
    Comparison,
    Conflict,
    ConflictKind,
    Coverage,
    Evidence,
    Omission,
    OutletFraming,
    QuoteGroup,
    QuoteKind,
    StoryArticle,
    Summary,
)
from crosswire.settings import CompareSettings, EventSettings, GroupSettings

if TYPE_CHECKING:
    from crosswire.comparison.claims import ClaimUnit
    from crosswire.group import Placement


DEFAULT = CompareSettings()


def compare_facts(
    facts: Sequence[ArticleFacts],
    placements: Sequence[Placement] | None = None,
    settings: CompareSettings = DEFAULT,
    group: GroupSettings | None = None,
    events: EventSettings | None = None,
) -> Comparison:
    """Compare one story from its articles' facts; ``placements`` (from grouping) give each
    article's event and reprint link, and are computed here, with the ``group`` and ``events``
    settings, when not given."""
    story = _story_articles(facts, placements, group, events)
    units = []
    for index, fact in enumerate(facts):
        for unit in fact.units:
            unit.article_index = index
        units.extend(fact.units)
    vectors = _stack([f.unit_vectors for f in facts])
    similarity = _across_languages(vectors @ vectors.T, units)
    framing = [copy.deepcopy(f.framing) for f in facts]
    loaded_by_unit = _loaded_counts(units, framing)
    quotes = _quote_groups(facts, settings)
    quoting = _quoting_pairs(units, quotes)
    aligned = align_claims(units, similarity, settings.claims, quoting)
    claims = build_groups(units, aligned, similarity, loaded_by_unit, settings.claims, quoting)
    claims = _rank(claims, story, settings.headline_weight)
    claim_of = _claim_of_units(units, claims)
    events_of = {a.key: a.event for a in story}
    _add_headline_support(framing, units, similarity)
    conflicts = _number_ids(
        number_conflicts(units, similarity, claim_of, events_of, settings)
        + date_conflicts(
            units, similarity, claim_of, events_of, settings, {a.key: a.date for a in story}
        )
        + title_conflicts(_titles(facts))
        + attribution_conflicts(
            quotes, _paragraph_finder(facts), _speaker_named_at(facts), _said_in_place(facts)
        )
    )
    naming = naming_variants(
        [e for u in units for e in u.entities], _entity_contexts(units, vectors), settings.framing
    )
    claims = _rank(_fold_contradictions(claims, conflicts), story, settings.headline_weight)
    for conflict in conflicts:
        conflict.claim = _claim_holding(claims, conflict)
    comparison = Comparison(story, claims, quotes, conflicts, framing, naming, Summary())
    comparison.omissions = [
        o
        for o in omissions(comparison)
        if not _carries(o, claims, units, similarity, quotes, settings)
    ]
    comparison.summary = summarize(comparison, settings)
    return comparison


def _carries(
    omission: Omission,
    claims: list[ClaimGroup],
    units: Sequence[ClaimUnit],
    similarity: np.ndarray,
    quotes: list[QuoteGroup],
    settings: CompareSettings,
) -> bool:
    """Whether the article said to leave a claim out carries it after all, or may: a sentence of
    it (headline included) about the same thing, one sharing the claim's words, or the very
    quote the claim's sentences carry. "Leaves out" is said only when none is there."""
    claim = next(c for c in claims if c.id == omission.claim)
    at = {(u.article, u.evidence.start): i for i, u in enumerate(units)}
    members = [at[(m.evidence.article, m.evidence.start)] for m in claim.members]
    if max(len(units[m].lemmas) for m in members) < settings.omission_min_words:
        return True  # too few words to be sure the article has nothing like it
    theirs = [i for i, u in enumerate(units) if u.article == omission.article]
    held = settings.carried_share
    if any(_share_held(units[m].lemmas, units[t].lemmas) >= held for m in members for t in theirs):
        return True
    if theirs and float(similarity[np.ix_(members, theirs)].max()) >= settings.about_the_same:
        return True
    shared = settings.claims.shared_words
    if any(dice(units[m].lemmas, units[t].lemmas) >= shared for m in members for t in theirs):
        return True
    return any(_quoted_in(group, claim, omission.article) for group in quotes)


def _share_held(claim: frozenset[str], sentence: frozenset[str]) -> float:
    """How much of a claim's content words one sentence holds: a short claim ("Do you support
    the Obama agenda?") inside a long sentence that says it in passing."""
    return len(claim & sentence) / len(claim) if claim else 0.0


def _quoted_in(group: QuoteGroup, claim: ClaimGroup, article: str) -> bool:
    """Whether a quote of the claim's sentences is, in some rendering, in ``article`` too."""
    spans = [m.evidence for m in claim.members]
    in_claim = any(
        v.evidence.article == e.article and e.start <= v.evidence.start < e.end
        for v in group.variants
        for e in spans
    )
    return in_claim and any(v.evidence.article == article for v in group.variants)


def _stack(arrays: list[np.ndarray]) -> np.ndarray:
    arrays = [a for a in arrays if len(a)]
    return np.vstack(arrays) if arrays else np.zeros((0, 1), dtype=np.float32)


# ------------------------------------------------------------------------------ articles


def _story_articles(
    facts: Sequence[ArticleFacts],
    placements: Sequence[Placement] | None = None,
    group: GroupSettings | None = None,
    events: EventSettings | None = None,
) -> list[StoryArticle]:
    from crosswire.group import group_items

    if placements is None:
        items = [f.group for f in facts]
        placements = group_items(items, group, events=events) if facts else []
    story = []
    for fact, place in zip(facts, placements, strict=True):
        article = fact.article
        outlet, source = outlet_of(article)
        story.append(
            StoryArticle(
                key=fact.key,
                outlet=outlet,
                outlet_source=source,
                title=article.title,
                date=article.date,
                carried_by=article.carried_by,
                reprint_of=place.reprint.original if place.reprint else None,
                event=place.event,
                language=article.language,
            )
        )
    return story


# -------------------------------------------------------------------------------- claims


def _rank(claims: list[ClaimGroup], story: list[StoryArticle], headline_weight: float):
    """Claims by importance: how many outlets carry them, how early, whether in a headline."""
    reprint_of = {a.key: a.reprint_of for a in story}
    for claim in claims:
        counted = {reprint_of.get(k) or k for k in claim.articles()}
        earliness = sum(1 - m.position for m in claim.members) / len(claim.members)
        headline = headline_weight if any(m.headline for m in claim.members) else 0.0
        claim.importance = round(len(counted) + earliness + headline, 3)
    ordered = sorted(claims, key=lambda c: (-c.importance, c.members[0].evidence.start))
    for number, claim in enumerate(ordered, start=1):
        claim.id = f"c{number}"
    return ordered


def _holding(claims: list[ClaimGroup], evidence: Evidence) -> ClaimGroup | None:
    for claim in claims:
        for member in claim.members:
            found = member.evidence
            if found.article == evidence.article and found.start <= evidence.start < found.end:
                return claim
    return None


def _claim_holding(claims: list[ClaimGroup], conflict: Conflict) -> str | None:
    held = [_holding(claims, e) for side in conflict.sides for e in side.evidence]
    shared = [c for c in held if c is not None and len(c.members) > 1]
    return max(shared, key=lambda c: len(c.members)).id if shared else None


def _fold_contradictions(claims: list[ClaimGroup], conflicts: list[Conflict]) -> list[ClaimGroup]:
    """A sentence that disagrees on a number or date joins the claim it disagrees with.

    It was kept apart because it reads differently ("Four workers died" against "Three dock
    workers were killed"), but for coverage its outlet contradicts the claim, not omits it.
    """
    for conflict in conflicts:
        if conflict.kind not in (ConflictKind.NUMBER, ConflictKind.DATE):
            continue
        held = {
            id(c): c for side in conflict.sides for e in side.evidence if (c := _holding(claims, e))
        }
        if len(held) == 1:
            _mark_minority(next(iter(held.values())), conflict)
            continue
        if not held:
            continue
        anchor = max(held.values(), key=lambda c: len(c.members))
        for claim in held.values():
            if claim is anchor or len(claim.members) != 1:
                continue
            member = claim.members[0]
            if member.evidence.article in anchor.articles():
                continue
            member.coverage = Coverage.CONTRADICTS
            anchor.members.append(member)
            claim.members.clear()
    return [c for c in claims if c.members]


def _mark_minority(claim: ClaimGroup, conflict: Conflict) -> None:
    """Both sides in one claim ("14 мая" and "May 15" matched as one happening): the side fewer
    articles give contradicts it (on a tie, the side without the claim's own wording)."""
    sides = [{e.article for e in side.evidence} for side in conflict.sides]
    own = next((m.evidence.article for m in claim.members if m.evidence.text == claim.text), None)
    majority = max(range(len(sides)), key=lambda i: (len(sides[i]), own in sides[i]))
    others = set().union(*(a for i, a in enumerate(sides) if i != majority)) - sides[majority]
    for member in claim.members:
        if member.evidence.article in others:
            member.coverage = Coverage.CONTRADICTS


def _claim_of_units(units: Sequence[ClaimUnit], claims: list[ClaimGroup]) -> dict[int, str]:
    where = {(u.article, u.evidence.start): i for i, u in enumerate(units)}
    return {
        where[(m.evidence.article, m.evidence.start)]: claim.id
        for claim in claims
        for m in claim.members
        if len(claim.members) > 1
    }


def _entity_contexts(units: Sequence[ClaimUnit], vectors: np.ndarray) -> dict[Evidence, np.ndarray]:
    return {e[2]: vectors[i] for i, u in enumerate(units) for e in u.entities}


# -------------------------------------------------------------------------------- quotes


def _quoting_pairs(
    units: Sequence[ClaimUnit], quotes: list[QuoteGroup]
) -> frozenset[frozenset[int]]:
    """Pairs of units whose sentences carry renderings of one quote."""
    by_article: dict[str, list[int]] = {}
    for index, unit in enumerate(units):
        by_article.setdefault(unit.article, []).append(index)
    pairs = set()
    for group in quotes:
        holding = {
            i
            for v in group.variants
            for i in by_article.get(v.evidence.article, ())
            if units[i].evidence.start <= v.evidence.start < units[i].evidence.end
        }
        pairs |= {frozenset((i, j)) for i in holding for j in holding if i != j}
    return frozenset(pairs)


def _quote_groups(facts: Sequence[ArticleFacts], settings: CompareSettings) -> list[QuoteGroup]:
    from crosswire.nlp.embed import embed

    # A quote group spans two articles at least, so MiniLM runs only where two articles quote.
    if sum(1 for f in facts if f.placed) < 2:
        return []
    return align_quotes([p for f in facts for p in f.placed], embed, settings.quotes)


def _speaker_named_at(facts: Sequence[ArticleFacts]):
    """(article key, quote offset) -> where a pronoun's speaker was last named, else None."""
    named = {f.key: [q for q in f.quotes if q.speaker_pronoun and q.speaker_mention] for f in facts}

    def named_at(key: str, position: int) -> int | None:
        quote = next((q for q in named.get(key, []) if q.start <= position < q.end), None)
        return quote.speaker_mention.start if quote else None

    return named_at


def _said_in_place(facts: Sequence[ArticleFacts]):
    """(article key, quote offset) -> whether the quote's speaker is named, not a pronoun, and
    its reporting verb stands in the quote's own sentence ("…take the Senate. “To put this…”"
    took its speaker from the sentence before, which may name someone else)."""
    quotes = {f.key: f.quotes for f in facts}
    texts = {f.key: f.article.source.text for f in facts}

    def said(key: str, position: int) -> bool:
        quote = next((q for q in quotes.get(key, []) if q.start <= position < q.end), None)
        if quote is None or quote.cue is None or quote.speaker_pronoun is not None:
            return False
        low, high = sorted(
            (quote.cue.start, quote.start if quote.cue.start < quote.start else quote.end)
        )
        between = texts[key][low:high]
        return not re.search(r"[.!?][\"'”’]?\s+[\"“‘]?(?:[A-Z]|$)", between)

    return said


def _paragraph_finder(facts: Sequence[ArticleFacts]):
    """(article key, offset) -> the index of the paragraph that holds the offset (-1: none)."""
    paragraphs = {f.key: [p.span for p in f.article.paragraphs] for f in facts}

    def paragraph_of(key: str, position: int) -> int:
        spans = paragraphs.get(key, [])
        return next((i for i, span in enumerate(spans) if span.holds(position)), -1)

    return paragraph_of


def _titles(facts: Sequence[ArticleFacts]):
    people = list({id(p): p for f in facts for p in f.people}.values())
    mentions = []
    for fact in facts:
        quoted = [q.span for q in fact.quotes if q.kind is not QuoteKind.SCARE]
        text = fact.article.source.text
        mentions.extend(
            title_mentions(text, fact.key, fact.entities, people, quoted, fact.named_in_passing)
        )
    return mentions


def _number_ids(conflicts: list[Conflict]) -> list[Conflict]:
    for number, conflict in enumerate(conflicts, start=1):
        conflict.id = f"conflict-{number}"
    return conflicts


# ------------------------------------------------------------------------------- framing


def _loaded_counts(units: Sequence[ClaimUnit], framing: list[OutletFraming]) -> dict[int, int]:
    terms = {f.article: [t.evidence.start for t in f.loaded_terms] for f in framing}
    return {
        i: sum(u.evidence.start <= s < u.evidence.end for s in terms.get(u.article, []))
        for i, u in enumerate(units)
    }


def _across_languages(similarity: np.ndarray, units: Sequence[ClaimUnit]) -> np.ndarray:
    """MiniLM reads English only: every pair with a sentence in another language is scored by
    multilingual-e5 instead, read on MiniLM's scale."""
    languages = np.array([u.language for u in units])
    foreign = languages != "en"
    if not foreign.any():
        return similarity
    from crosswire.nlp.embed import embed_multilingual, on_minilm_scale

    vectors = embed_multilingual([u.evidence.text for u in units])
    across = languages[:, None] != languages[None, :]
    mapped = on_minilm_scale(vectors @ vectors.T, across)
    replace = foreign[:, None] | foreign[None, :]
    return np.where(replace, mapped, similarity).astype(np.float32)


def _add_headline_support(
    framing: list[OutletFraming], units: Sequence[ClaimUnit], similarity: np.ndarray
) -> None:
    for outlet in framing:
        if outlet.headline is None:
            continue
        mine = [i for i, u in enumerate(units) if u.article == outlet.article]
        headline = [i for i in mine if units[i].headline]
        body = [i for i in mine if not units[i].headline]
        if headline and body:
            outlet.headline.body_support = round(float(similarity[headline[0], body].max()), 3)
