"""Omissions and the neutral summary: what most outlets report, where they differ, and what
only one reports, every sentence citing the articles it comes from."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from crosswire.model import (
    ChangeKind,
    ClaimGroup,
    Comparison,
    Conflict,
    ConflictKind,
    Coverage,
    Evidence,
    Omission,
    Summary,
    SummaryDifference,
    SummarySentence,
)
from crosswire.settings import CompareSettings

DEFAULT = CompareSettings()


def _counted(comparison: Comparison, keys: Iterable[str]) -> set[str]:
    reprint_of = {a.key: a.reprint_of for a in comparison.articles}
    return {reprint_of.get(k) or k for k in keys}


def omissions(comparison: Comparison) -> list[Omission]:
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
        # Claims are matched within one language: an article in another is no peer.
        languages = comparison.claim_languages(claim)
        peers = [a.key for a in originals if a.event == event and (a.language or "en") in languages]
        if count * 2 <= len(peers):
            continue
        for key in peers:
            if key not in reporters:
                omissions.append(Omission(claim.id, key, sorted(reporters)))
    return omissions


def summarize(comparison: Comparison, settings: CompareSettings = DEFAULT) -> Summary:
    summary = Summary()
    for claim in comparison.claims:
        if len(summary.agreed) >= settings.summary_sentences:
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
    summary.exclusive = _exclusive(comparison, settings.exclusive_per_article)
    return summary


def _representative_member(claim: ClaimGroup) -> Evidence | None:
    for member in claim.members:
        if member.evidence.text == claim.text and not member.headline:
            return member.evidence
    return None


def conflict_phrase(conflict: Conflict) -> str:
    """What the outlets disagree on, in words a reader uses: "different numbers of workers"."""
    subject = conflict.subject
    if conflict.kind is ConflictKind.NUMBER:
        return f"different numbers of {_plural(subject)}"
    if conflict.kind is ConflictKind.DATE:
        return "different days of the week" if "weekday" in subject else "different dates"
    if conflict.kind is ConflictKind.TITLE:
        return f"different titles for {subject}"
    words = subject if len(subject) <= 60 else subject[:59].rstrip() + "…"
    return f"different speakers for \u201c{words}\u201d"


def _plural(noun: str) -> str:
    if not noun or noun.endswith("s") or " " in noun.strip():
        return noun
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("ch", "sh", "x")) else "s")


def _few(names: Iterable[str], shown: int = 3) -> str:
    """ "A, B, C and 12 others": a sentence stays readable when a story has 200 outlets."""
    ordered = sorted(set(names), key=str.casefold)
    if len(ordered) <= shown + 1:
        return ", ".join(ordered)
    return f"{', '.join(ordered[:shown])} and {len(ordered) - shown} others"


def _differences(comparison: Comparison) -> list[SummaryDifference]:
    outlet = {a.key: a.outlet for a in comparison.articles}
    notes = []
    for conflict in comparison.conflicts:
        sides = "; ".join(
            f"{side.value} ({_few({outlet[e.article] for e in side.evidence})})"
            for side in conflict.sides
        )
        notes.append(
            SummaryDifference(
                f"Outlets give {conflict_phrase(conflict)}: {sides}.",
                conflict.id,
                [e for side in conflict.sides for e in side.evidence],
            )
        )
    for claim in comparison.claims:
        against = [m for m in claim.members if m.coverage is Coverage.CONTRADICTS]
        if against:
            notes.append(
                SummaryDifference(
                    f"{_few({outlet[m.evidence.article] for m in against})} "
                    f"contradict{'s' if len(against) == 1 else ''} \u201c{claim.text}\u201d.",
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


_COUNT = re.compile(r"\b\d[\d,.]*\b(?!\s*(?:a\.m|p\.m))")


def _states_a_count(text: str) -> bool:
    """A number that is not a year or a time: "At least 12 civilians were killed"."""
    return any(not re.fullmatch(r"(?:19|20)\d\d", m.group()) for m in _COUNT.finditer(text))


def _exclusive(comparison: Comparison, per_article_at_most: int) -> list[SummarySentence]:
    """What only one outlet reports, a few per outlet: first the facts that state a count (a
    toll, a sum), then by importance, so "At least 12 civilians were killed" is not crowded out
    by a teaser line that happens to come earlier."""
    per_article: Counter[str] = Counter()
    sentences = []
    claims = comparison.exclusive_claims()
    ranked = sorted(range(len(claims)), key=lambda i: (not _states_a_count(claims[i].text), i))
    for claim in (claims[i] for i in ranked):
        member = _representative_member(claim)
        if member is None:
            continue
        (article,) = _counted(comparison, claim.articles())
        if per_article[article] >= per_article_at_most:
            continue
        per_article[article] += 1
        sentences.append(SummarySentence(member.text, member, [article], claim.id))
    return sentences
