"""Compare the articles of one story: claims, quotes, conflicts, framing and a cited summary.

The input is the articles of one story. Everything found points to spans of the articles'
source text (``Evidence``), so that a reader can go from any finding to the words.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np

from crosswire.claims import ClaimUnit, align_claims, build_groups, claim_units
from crosswire.conflicts import (
    attribution_conflicts,
    date_conflicts,
    number_conflicts,
    title_conflicts,
    title_mentions,
)
from crosswire.errors import CrosswireError
from crosswire.framing import attribution_verbs, loaded_terms, naming_variants
from crosswire.group import GroupItem
from crosswire.model import (
    Article,
    ChangeKind,
    ClaimGroup,
    Comparison,
    Conflict,
    ConflictKind,
    Coverage,
    DropReason,
    Evidence,
    HeadlineFraming,
    LoadedTerm,
    Omission,
    OutletFraming,
    QuoteGroup,
    QuoteKind,
    StoryArticle,
    Summary,
    SummaryDifference,
    SummarySentence,
)
from crosswire.nlp import Annotated
from crosswire.quotealign import PlacedQuote, align_quotes

SUMMARY_SENTENCES = 8
EXCLUSIVE_PER_ARTICLE = 3
HEADLINE_WEIGHT = 0.5
_SELF_NAMED = re.compile(
    r"\b(The(?: [A-Z][\w-]+){1,4})(?:’s|'s| news\b| in your inbox| newsletter)"
)
_CHROME_WITH_OUTLET = {DropReason.PROMO, DropReason.NEWSLETTER, DropReason.SOURCE_CREDIT}


def compare(paths: Iterable[str | Path]) -> Comparison:
    """Compare the articles found at ``paths`` (files, folders, globs), taken as one story."""
    from crosswire.ingest import IngestError, load_articles

    articles = [a for a in load_articles(paths) if not isinstance(a, IngestError)]
    if not articles:
        raise CrosswireError("no article could be read from the given paths")
    return compare_articles(articles)


def compare_articles(articles: Sequence[Article], keys: Sequence[str] | None = None) -> Comparison:
    from crosswire.nlp import annotate_many
    from crosswire.quotes import quotes_across

    annotated = list(annotate_many(articles))
    return compare_annotated(annotated, quotes_across(annotated), keys)


def compare_annotated(annotated: Sequence[Annotated], quoted, keys=None) -> Comparison:
    """The comparison of annotated articles and their quotes (from ``quotes_across``).

    Articles are named by ``keys`` when given (a store names them by id), else by their path,
    JSONL id or URL.
    """
    keys = list(keys) if keys is not None else unique_keys([item.article for item in annotated])
    facts = [
        article_facts(item, result, key)
        for item, result, key in zip(annotated, quoted, keys, strict=True)
    ]
    return compare_facts(facts)


@dataclass(slots=True)
class ArticleFacts:
    """What comparing needs of one article, its parse left behind: small and picklable.

    The batch pipeline computes these where the article is parsed (a worker), and compares a
    story later from its articles' facts alone.
    """

    key: str
    article: Article
    quotes: list
    people: list
    group: GroupItem
    units: list[ClaimUnit]
    unit_vectors: np.ndarray
    framing: OutletFraming
    placed: list[PlacedQuote]
    entities: list[tuple[str, str, Evidence]]


def article_facts(item: Annotated, result, key: str, sentence_vectors=None) -> ArticleFacts:
    """One article's share of a comparison. ``sentence_vectors`` embeds its claim sentences
    (MiniLM by default; the batch pipeline passes the faster static model)."""
    from crosswire.embed import embed
    from crosswire.group import group_item

    encode = sentence_vectors or embed
    article = item.article
    group = group_item(item, result.quotes)
    group.key = key
    outlet, _ = outlet_of(article)
    units = claim_units([item], [key])
    placed = _placed_quotes(item, result, key)
    return ArticleFacts(
        key=key,
        article=article,
        quotes=result.quotes,
        people=result.people,
        group=group,
        units=units,
        unit_vectors=encode([u.evidence.text for u in units]),
        framing=_framing(item, result, key, outlet),
        placed=placed,
        entities=[(e.label, e.text, Evidence(key, e.start, e.end, e.text)) for e in item.entities],
    )


def compare_facts(facts: Sequence[ArticleFacts], placements=None) -> Comparison:
    """Compare one story from its articles' facts; ``placements`` (from grouping) give each
    article's event and reprint link, and are computed here when not given."""
    story = _story_articles(facts, placements)
    units = []
    for index, fact in enumerate(facts):
        for unit in fact.units:
            unit.article_index = index
        units.extend(fact.units)
    vectors = _stack([f.unit_vectors for f in facts])
    similarity = vectors @ vectors.T
    framing = [copy.deepcopy(f.framing) for f in facts]
    loaded_by_unit = _loaded_counts(units, framing)
    claims = build_groups(units, align_claims(units, similarity), similarity, loaded_by_unit)
    claims = _rank(claims, story)
    claim_of = _claim_of_units(units, claims)
    events = {a.key: a.event for a in story}
    _add_headline_support(framing, units, similarity)
    quotes = _quote_groups(facts)
    conflicts = _number_ids(
        number_conflicts(units, similarity, claim_of, events)
        + date_conflicts(units, similarity, claim_of, events)
        + title_conflicts(_titles(facts))
        + attribution_conflicts(quotes)
    )
    naming = naming_variants(
        [e for u in units for e in u.entities], _entity_contexts(units, vectors)
    )
    claims = _rank(_fold_contradictions(claims, conflicts), story)
    for conflict in conflicts:
        conflict.claim = _claim_holding(claims, conflict)
    comparison = Comparison(story, claims, quotes, conflicts, framing, naming, Summary())
    comparison.omissions = _omissions(comparison)
    comparison.summary = _summary(comparison)
    return comparison


def _stack(arrays: list[np.ndarray]) -> np.ndarray:
    arrays = [a for a in arrays if len(a)]
    return np.vstack(arrays) if arrays else np.zeros((0, 1), dtype=np.float32)


# ------------------------------------------------------------------------------ articles


def unique_keys(articles: Sequence[Article]) -> list[str]:
    from crosswire.group import article_key

    keys: list[str] = []
    seen: Counter[str] = Counter()
    for article in articles:
        key = article_key(article)
        seen[key] += 1
        keys.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return keys


def outlet_of(article: Article) -> tuple[str, str]:
    """The outlet and where it was found: the metadata, the text, the domain or the file name."""
    if article.outlet:
        return article.outlet, "metadata"
    for part in article.dropped:
        if part.reason in _CHROME_WITH_OUTLET:
            match = _SELF_NAMED.search(part.text)
            if match:
                return match.group(1), "text"
    if article.source.url:
        host = urlsplit(article.source.url).hostname or ""
        if host:
            return host.removeprefix("www."), "domain"
    return Path(article.source.location).stem, "file name"


def _story_articles(facts: Sequence[ArticleFacts], placements=None) -> list[StoryArticle]:
    from crosswire.group import group_items

    if placements is None:
        placements = group_items([f.group for f in facts]) if facts else []
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
            )
        )
    return story


# -------------------------------------------------------------------------------- claims


def _rank(claims: list[ClaimGroup], story: list[StoryArticle]) -> list[ClaimGroup]:
    """Claims by importance: how many outlets carry them, how early, whether in a headline."""
    reprint_of = {a.key: a.reprint_of for a in story}
    for claim in claims:
        counted = {reprint_of.get(k) or k for k in claim.articles()}
        earliness = sum(1 - m.position for m in claim.members) / len(claim.members)
        headline = HEADLINE_WEIGHT if any(m.headline for m in claim.members) else 0.0
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
        if len(held) < 2:
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


def _claim_of_units(units, claims: list[ClaimGroup]) -> dict[int, str]:
    where = {(u.article, u.evidence.start): i for i, u in enumerate(units)}
    return {
        where[(m.evidence.article, m.evidence.start)]: claim.id
        for claim in claims
        for m in claim.members
        if len(claim.members) > 1
    }


def _entity_contexts(units, vectors: np.ndarray) -> dict[Evidence, np.ndarray]:
    return {e[2]: vectors[i] for i, u in enumerate(units) for e in u.entities}


# -------------------------------------------------------------------------------- quotes


def _placed_quotes(item: Annotated, result, key: str) -> list[PlacedQuote]:
    text = item.article.source.text
    return [
        PlacedQuote(key, quote, text, _context(item, quote))
        for quote in result.quotes
        if quote.kind is not QuoteKind.SCARE
    ]


def _quote_groups(facts: Sequence[ArticleFacts]) -> list[QuoteGroup]:
    from crosswire.embed import embed

    # A quote group spans two articles at least, so MiniLM runs only where two articles quote.
    if sum(1 for f in facts if f.placed) < 2:
        return []
    return align_quotes([p for f in facts for p in f.placed], embed)


def _context(item: Annotated, quote) -> tuple[int, int]:
    if quote.headline and item.article.title_span:
        return item.article.title_span.start, item.article.title_span.end
    for sentence in item.sentences:
        if sentence.start <= quote.start < sentence.end:
            return sentence.start, sentence.end
    return quote.start, quote.end


def _titles(facts: Sequence[ArticleFacts]):
    people = list({id(p): p for f in facts for p in f.people}.values())
    mentions = []
    for fact in facts:
        mentions.extend(title_mentions(fact.article.source.text, fact.key, fact.entities, people))
    return mentions


def _number_ids(conflicts: list[Conflict]) -> list[Conflict]:
    for number, conflict in enumerate(conflicts, start=1):
        conflict.id = f"conflict-{number}"
    return conflicts


# ------------------------------------------------------------------------------- framing


def _framing(item: Annotated, result, key: str, outlet: str) -> OutletFraming:
    article = item.article
    text = article.source.text
    lemmas = _lemmas(item)
    framing = OutletFraming(key, outlet)
    framing.attribution_verbs = attribution_verbs(
        result.quotes, key, lambda cue: lemmas.get(cue.start, cue.text.lower())
    )
    quote_spans = [(q.start, q.end) for q in result.quotes]
    for parsed in item.paragraphs:
        framing.loaded_terms.extend(loaded_terms(parsed.doc, parsed.offset, key, text, quote_spans))
    framing.loaded_terms.extend(
        LoadedTerm(Evidence(key, q.start, q.end, q.text), "distancing", "scare-quotes")
        for q in result.quotes
        if q.kind is QuoteKind.SCARE
    )
    if item.title_doc is not None and article.title_span is not None:
        offset = article.title_span.start
        headline_terms = loaded_terms(item.title_doc, offset, key, text, quote_spans)
        verbs = [
            Evidence(key, offset + t.idx, offset + t.idx + len(t.text), t.text)
            for t in item.title_doc
            if t.pos_ in {"VERB", "AUX"} and t.dep_ in {"ROOT", "conj", "ccomp"}
        ]
        span = article.title_span
        framing.headline = HeadlineFraming(
            Evidence(key, span.start, span.end, text[span.start : span.end]),
            verbs,
            headline_terms,
            0.0,
        )
        framing.loaded_terms = headline_terms + framing.loaded_terms
    framing.loaded_terms.sort(key=lambda t: t.evidence.start)
    return framing


def _lemmas(item: Annotated) -> dict[int, str]:
    lemmas: dict[int, str] = {}
    docs = [(p.doc, p.offset) for p in item.paragraphs]
    if item.title_doc is not None and item.article.title_span is not None:
        docs.append((item.title_doc, item.article.title_span.start))
    for doc, offset in docs:
        for token in doc:
            lemmas[offset + token.idx] = token.lemma_.lower()
    return lemmas


def _loaded_counts(units, framing: list[OutletFraming]) -> dict[int, int]:
    terms = {f.article: [t.evidence.start for t in f.loaded_terms] for f in framing}
    return {
        i: sum(u.evidence.start <= s < u.evidence.end for s in terms.get(u.article, []))
        for i, u in enumerate(units)
    }


def _add_headline_support(framing: list[OutletFraming], units, similarity: np.ndarray) -> None:
    for outlet in framing:
        if outlet.headline is None:
            continue
        mine = [i for i, u in enumerate(units) if u.article == outlet.article]
        headline = [i for i in mine if units[i].headline]
        body = [i for i in mine if not units[i].headline]
        if headline and body:
            outlet.headline.body_support = round(float(similarity[headline[0], body].max()), 3)


# ------------------------------------------------------------------- omissions and summary


def _counted(comparison: Comparison, keys: Iterable[str]) -> set[str]:
    reprint_of = {a.key: a.reprint_of for a in comparison.articles}
    return {reprint_of.get(k) or k for k in keys}


def _omissions(comparison: Comparison) -> list[Omission]:
    """Claims most articles of an event report, left out by one of them."""
    event_of = {a.key: a.event for a in comparison.articles}
    originals = [a for a in comparison.articles if a.reprint_of is None]
    omissions = []
    for claim in comparison.claims:
        reporters = _counted(comparison, claim.articles())
        if len(reporters) < 2:
            continue
        events = Counter(event_of[k] for k in reporters)
        # On a tie the first event wins, not whichever the set's hash order gave first.
        event, count = min(events.items(), key=lambda item: (-item[1], item[0]))
        peers = [a.key for a in originals if a.event == event]
        if count * 2 <= len(peers):
            continue
        for key in peers:
            if key not in reporters:
                omissions.append(Omission(claim.id, key, sorted(reporters)))
    return omissions


def _summary(comparison: Comparison) -> Summary:
    summary = Summary()
    for claim in comparison.claims:
        if len(summary.agreed) >= SUMMARY_SENTENCES:
            break
        reporters = _counted(comparison, claim.articles())
        if len(reporters) < 2 or any(m.coverage is Coverage.CONTRADICTS for m in claim.members):
            continue
        representative = _representative_member(claim)
        if representative is None:
            continue
        summary.agreed.append(
            SummarySentence(representative.text, representative, sorted(reporters), claim.id)
        )
    summary.differences = _differences(comparison)
    summary.exclusive = _exclusive(comparison)
    return summary


def _representative_member(claim: ClaimGroup) -> Evidence | None:
    for member in claim.members:
        if member.evidence.text == claim.text and not member.headline:
            return member.evidence
    return None


def _differences(comparison: Comparison) -> list[SummaryDifference]:
    outlet = {a.key: a.outlet for a in comparison.articles}
    notes = []
    for conflict in comparison.conflicts:
        sides = "; ".join(
            f"{side.value} ({', '.join(sorted({outlet[e.article] for e in side.evidence}))})"
            for side in conflict.sides
        )
        notes.append(
            SummaryDifference(
                f"{conflict.kind.value.capitalize()} of {conflict.subject!r}: {sides}.",
                conflict.id,
                [e for side in conflict.sides for e in side.evidence],
            )
        )
    for claim in comparison.claims:
        against = [m for m in claim.members if m.coverage is Coverage.CONTRADICTS]
        if against:
            notes.append(
                SummaryDifference(
                    f"{', '.join(sorted({outlet[m.evidence.article] for m in against}))} "
                    f"contradict{'s' if len(against) == 1 else ''} {claim.text!r}.",
                    claim.id,
                    [m.evidence for m in claim.members],
                )
            )
    for group in comparison.quotes:
        if not group.changes_meaning:
            continue
        words = []
        for variant in group.variants:
            changed = [c for c in variant.changes if c.kind is ChangeKind.MEANING]
            for change in changed:
                if change.base and change.variant:
                    words.append((change.base, change.variant, variant.evidence.article))
        renderings = "; ".join(
            f"{outlet[base.article]} has \u201c{base.text}\u201d where "
            f"{outlet[article]} has \u201c{variant.text}\u201d"
            for base, variant, article in words
        )
        speaker = group.speaker or "An unnamed speaker"
        notes.append(
            SummaryDifference(
                f"{speaker}'s words are quoted differently: {renderings}.",
                group.id,
                [v.evidence for v in group.variants],
            )
        )
    return notes


def _exclusive(comparison: Comparison) -> list[SummarySentence]:
    per_article: Counter[str] = Counter()
    sentences = []
    for claim in comparison.exclusive_claims():
        member = _representative_member(claim)
        if member is None:
            continue
        (article,) = _counted(comparison, claim.articles())
        if per_article[article] >= EXCLUSIVE_PER_ARTICLE:
            continue
        per_article[article] += 1
        sentences.append(SummarySentence(member.text, member, [article], claim.id))
    return sentences
