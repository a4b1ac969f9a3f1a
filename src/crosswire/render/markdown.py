"""A comparison as Markdown, for a terminal or a file.

Article text is hostile input: everything taken from an article is escaped so that it cannot
open a heading, a table cell, a link or an HTML tag in whatever renders the Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from crosswire.comparison.summary import conflict_phrase
from crosswire.model import ChangeKind, ClaimGroup, Comparison, Coverage, Evidence, QuoteGroup

COVERAGE_MARK = {
    Coverage.REPORTS: "✓",
    Coverage.OMITS: "·",
    Coverage.CONTRADICTS: "✗",
    Coverage.OTHER_LANGUAGE: "–",
}
CLAIM_WIDTH = 90
MATRIX_ROWS = 40
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def escape(text: str) -> str:
    """Text safe inside Markdown: one line, with every markup character escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def shorten(text: str, width: int = CLAIM_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


# ------------------------------------------------------------------ outlets and their groups

GROUP_LIST_MAX = 5


@dataclass(slots=True)
class GroupCoverage:
    """What one group of outlets (by a registry column) reports alone and leaves out."""

    value: str
    outlets: list[str]
    only: list[ClaimGroup] = field(default_factory=list)  # reported by this group's outlets alone
    left_out: list[ClaimGroup] = field(default_factory=list)  # every other group reports it


def outlet_attributes(comparison: Comparison, registry) -> list[tuple[str, dict[str, str]]]:
    """Each outlet of the story with its registry columns (empty when it is not listed)."""
    outlets = list(dict.fromkeys(a.outlet for a in comparison.articles))
    rows = []
    for outlet in outlets:
        entry = registry.named(outlet) if registry is not None else None
        rows.append((outlet, dict(entry.attributes) if entry else {}))
    return rows


def coverage_by_group(comparison: Comparison, registry) -> list[GroupCoverage]:
    """Claims only one group of outlets reports (by two or more of its outlets), and claims
    every other group reports but one leaves out, grouped by ``registry.group_by``."""
    if registry is None or registry.group_by is None:
        return []
    column = registry.group_by
    outlet_of = {a.key: a.outlet for a in comparison.articles}
    group_of = {}
    for article in comparison.articles:
        if article.reprint_of is None:
            entry = registry.named(article.outlet)
            group_of[article.key] = (entry.attributes.get(column) if entry else "") or "unlisted"
    groups: dict[str, GroupCoverage] = {}
    for key, value in group_of.items():
        found = groups.setdefault(value, GroupCoverage(value, []))
        if outlet_of[key] not in found.outlets:
            found.outlets.append(outlet_of[key])
    if len(groups) < 2:
        return []
    omitted = {(o.claim, o.article) for o in comparison.omissions}
    for claim in comparison.claims:
        reporters = [
            m.evidence.article
            for m in claim.members
            if m.coverage is Coverage.REPORTS and m.evidence.article in group_of
        ]
        reporting = {group_of[k] for k in reporters}
        outlets = {outlet_of[k] for k in reporters}
        if len(reporting) == 1 and len(outlets) >= 2:
            groups[next(iter(reporting))].only.append(claim)
        missing = set(groups) - reporting
        if len(missing) == 1 and len(reporting) >= 2:
            (value,) = missing
            members = [k for k, v in group_of.items() if v == value]
            # Only a verified absence counts (comparison.omissions): one that contradicts the
            # claim, or carries it in other words, does not leave it out.
            if all((claim.id, k) in omitted for k in members):
                groups[value].left_out.append(claim)
    for group in groups.values():
        group.only, group.left_out = group.only[:GROUP_LIST_MAX], group.left_out[:GROUP_LIST_MAX]
    return sorted(groups.values(), key=lambda g: g.value.casefold())


# ------------------------------------------------------------------ words for readers


def story_title(comparison: Comparison) -> tuple[str, str | None]:
    """(headline, article key): the headline that shares most words with the others, less a
    little for each loaded term, so the story is named as its outlets name it, plainly."""
    loaded = {f.article: len(f.headline.loaded_terms) for f in comparison.framing if f.headline}
    titled = [a for a in comparison.articles if a.title and not a.reprint_of]
    if not titled:
        return "An untitled story", None
    words = [set(re.findall(r"\w+", a.title.lower())) for a in titled]

    def rank(i: int) -> tuple:
        # Words in common first: a plain headline that no other outlet echoes is no name for
        # the story; each loaded term costs as much as a quarter of a headline's overlap.
        shared = sum(len(words[i] & w) / max(1, len(words[i] | w)) for w in words)
        return shared - 0.25 * loaded.get(titled[i].key, 0), -i

    best = titled[max(range(len(titled)), key=rank)]
    return best.title, best.key


def human_date(value: str | None) -> str:
    """ "2025-04-25T04:30:00+10:00" -> "25 Apr 2025, 04:30"; what cannot be read stays."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    day = f"{moment.day} {moment:%b %Y}"
    has_time = "T" in value and (moment.hour or moment.minute)
    return f"{day}, {moment:%H:%M}" if has_time else day


def date_range(values: list[str | None]) -> str:
    """The first and last day of a set of dates, as "25–27 Apr 2025"."""
    days = sorted({v[:10] for v in values if v and len(v) >= 10 and v[:4].isdigit()})
    if not days:
        return ""
    first, last = human_date(days[0]), human_date(days[-1])
    if first == last:
        return first
    a, b = first.split(" "), last.split(" ")
    if a[1:] == b[1:]:
        return f"{a[0]}–{last}"
    if a[2] == b[2]:
        return f"{a[0]} {a[1]} – {last}"
    return f"{first} – {last}"


_OPENING = "\u201c"
_CLOSING = "\u201d"


def balance_quotes(text: str) -> str:
    """A sentence cut from a longer quotation, with the quotation mark it lacks added, so a
    reader sees where the quoted words run."""
    curly_open, curly_close = text.count(_OPENING), text.count(_CLOSING)
    if curly_open > curly_close:
        return text + _CLOSING
    if curly_close > curly_open:
        return _OPENING + text
    if text.count('"') % 2:
        last = text.rindex('"')
        opens = last == 0 or (not text[last - 1].isalnum() and text[last - 1] not in ".,!?;:")
        return text + '"' if opens else '"' + text
    return text


def support_words(cosine: float) -> str:
    """How closely a body matches its headline, in words (MiniLM cosine; rough bands)."""
    band = "closely" if cosine >= 0.6 else "partly" if cosine >= 0.4 else "loosely"
    return f"the body matches it {band} ({cosine:.2f})"


def comparison_markdown(comparison: Comparison, registry=None) -> str:
    names = outlet_names(comparison)
    dates = date_range([a.date for a in comparison.articles])
    outlets = len({a.outlet for a in comparison.articles})
    title, key = story_title(comparison)
    parts = [
        f"# {escape(title)}"
        + (f" ({escape(names[key])})" if _named_elsewhere(comparison, key) else ""),
        f"How {len(comparison.articles)} articles from {outlets} outlets cover the story"
        + (f", {dates}" if dates else "")
        + ".",
        _articles_section(comparison, names),
        _outlets_section(comparison, registry),
        _summary_section(comparison, names),
        _quotes_section(comparison, names),
        _matrix_section(comparison, names),
        _conflicts_section(comparison, names),
        _framing_section(comparison, names),
        _naming_section(comparison, names),
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


def _named_elsewhere(comparison: Comparison, key: str | None) -> bool:
    """Whether the heading's outlet has a name apart from the headline itself."""
    return any(a.key == key and a.outlet_source != "title" for a in comparison.articles)


def outlet_names(comparison: Comparison) -> dict[str, str]:
    """A short label per article: its outlet, numbered when an outlet has several."""
    counts: dict[str, int] = {}
    names = {}
    for article in comparison.articles:
        counts[article.outlet] = counts.get(article.outlet, 0) + 1
        suffix = f" ({counts[article.outlet]})" if counts[article.outlet] > 1 else ""
        names[article.key] = article.outlet + suffix
    return names


def _cite(evidence: Evidence, names: dict[str, str]) -> str:
    return f"{escape(names[evidence.article])} @{evidence.start}–{evidence.end}"


def _articles_section(comparison: Comparison, names: dict[str, str]) -> str:
    lines = ["## Articles", "", "| outlet | title | date | event | note |", "|---|---|---|---|---|"]
    for a in comparison.articles:
        notes = []
        if a.outlet_source != "metadata":
            notes.append(f"outlet from the {a.outlet_source}")
        if a.carried_by:
            notes.append(f"carried by {escape(a.carried_by)}")
        if a.reprint_of:
            notes.append(f"reprint of {escape(names.get(a.reprint_of, a.reprint_of))}")
        lines.append(
            f"| {escape(names[a.key])} | {escape(a.title or '(untitled)')} | "
            f"{escape(human_date(a.date))} | {a.event + 1} | {'; '.join(notes)} |"
        )
    return "\n".join(lines)


def _outlets_section(comparison: Comparison, registry) -> str:
    if registry is None:
        return ""
    columns = registry.columns
    lines = ["## Outlets", "", "| outlet | " + " | ".join(escape(c) for c in columns) + " |"]
    lines.append("|---|" + "---|" * len(columns))
    for outlet, attributes in outlet_attributes(comparison, registry):
        cells = " | ".join(escape(attributes.get(c, "")) for c in columns)
        lines.append(f"| {escape(outlet)} | {cells} |")
    for group in coverage_by_group(comparison, registry):
        heading = f"{registry.group_by} = {group.value} ({', '.join(group.outlets)})"
        lines += ["", f"### {escape(heading)}"]
        lines += [f"- only this group reports: “{escape(shorten(c.text))}”" for c in group.only]
        lines += [f"- leaves out: “{escape(shorten(c.text))}”" for c in group.left_out]
        if not group.only and not group.left_out:
            lines.append("- nothing only this group reports or leaves out")
    return "\n".join(lines)


def agreed_heading(comparison: Comparison) -> str:
    """ "What most outlets report" only where every item is carried by more than half of the
    outlets; two of four is not most."""
    outlets = {a.outlet for a in comparison.articles if a.reprint_of is None}
    names = {a.key: a.outlet for a in comparison.articles}
    most = all(
        2 * len({names[k] for k in s.articles if k in names}) > len(outlets)
        for s in comparison.summary.agreed
    )
    return "What most outlets report" if most else "What more than one outlet reports"


def _summary_section(comparison: Comparison, names: dict[str, str]) -> str:
    summary = comparison.summary
    lines = [f"## {agreed_heading(comparison)}", ""]
    for sentence in summary.agreed:
        sources = ", ".join(escape(names[k]) for k in sentence.articles)
        lines.append(f"- {escape(balance_quotes(sentence.text))} [{sources}]")
    if not summary.agreed:
        lines.append("- (no claim is carried by two or more outlets)")
    if summary.differences:
        lines += ["", "## Where accounts differ", ""]
        lines += [f"- {escape(d.text)}" for d in summary.differences]
    if summary.exclusive:
        lines += ["", "## Reported only by one outlet", ""]
        for sentence in summary.exclusive:
            text = escape(balance_quotes(sentence.text))
            lines.append(f"- {escape(names[sentence.articles[0]])}: {text}")
    if comparison.omissions:
        lines += ["", "## Left out", ""]
        for omission in comparison.omissions:
            claim = next(c for c in comparison.claims if c.id == omission.claim)
            lines.append(
                f"- {escape(names[omission.article])} leaves out {omission.claim}: "
                f"“{escape(shorten(claim.text))}” (reported by {len(omission.reported_by)})"
            )
    return "\n".join(lines)


def _quotes_section(comparison: Comparison, names: dict[str, str]) -> str:
    if not comparison.quotes:
        return ""
    lines = ["## Quote variants"]
    for group in comparison.quotes:
        lines += ["", _quote_heading(group)]
        for variant in group.variants:
            cue = f", {escape(variant.cue.text)}" if variant.cue else ""
            lines.append(
                f"- {_cite(variant.evidence, names)} ({variant.kind.value}{cue}"
                f"{', translation' if variant.translation else ''}): "
                f"“{escape(variant.evidence.text)}”"
            )
            for change in variant.changes:
                lines.append(f"    - {change.kind.value}: {_change_text(change)}")
    return "\n".join(lines)


def _quote_heading(group: QuoteGroup) -> str:
    flag = " — **meaning differs**" if group.changes_meaning else ""
    speaker = escape(group.speaker or "unattributed")
    return f"### {group.id}: {speaker}{flag}"


def _change_text(change) -> str:
    old = f"~~{escape(change.base.text)}~~" if change.base else ""
    new = f"**{escape(change.variant.text)}**" if change.variant else ""
    if change.kind is ChangeKind.COSMETIC and not change.base:
        return f"editor's insertion {new}"
    if not new:
        return f"{old} left out"
    if not old:
        return f"{new} added"
    return f"{old} → {new}"


def _matrix_section(comparison: Comparison, names: dict[str, str]) -> str:
    shown = [c for c in comparison.claims if len(c.members) > 1][:MATRIX_ROWS]
    if not shown:
        return ""
    header = " | ".join(escape(names[a.key]) for a in comparison.articles)
    legend = "✓ reports, · omits, ✗ contradicts"
    legend += ", – another language" if comparison.several_languages() else ""
    lines = [
        f"## Coverage ({legend})",
        "",
        f"| claim | {header} |",
        "|---|" + "---|" * len(comparison.articles),
    ]
    for claim in shown:
        cells = " | ".join(
            COVERAGE_MARK[comparison.coverage(claim, a.key)] for a in comparison.articles
        )
        lines.append(f"| {claim.id}: {escape(shorten(claim.text, 70))} | {cells} |")
    hidden = len(comparison.claims) - len(shown)
    if hidden:
        lines.append(f"\n{hidden} more claims are carried by one article each.")
    return "\n".join(lines)


def _conflicts_section(comparison: Comparison, names: dict[str, str]) -> str:
    if not comparison.conflicts:
        return ""
    lines = ["## Conflicts", ""]
    for conflict in comparison.conflicts:
        sides = "; ".join(
            f"“{escape(side.value)}” ({', '.join(_cite(e, names) for e in side.evidence)})"
            for side in conflict.sides
        )
        phrase = conflict_phrase(conflict)
        lines.append(f"- {escape(phrase[:1].upper() + phrase[1:])}: {sides}")
    return "\n".join(lines)


def _framing_section(comparison: Comparison, names: dict[str, str]) -> str:
    lines = ["## Framing"]
    for framing in comparison.framing:
        lines += ["", f"### {escape(names[framing.article])}"]
        if framing.headline:
            verbs = ", ".join(escape(v.text) for v in framing.headline.verbs) or "none"
            lines.append(
                f"- headline: “{escape(framing.headline.evidence.text)}” (verbs: {verbs}; "
                f"{support_words(framing.headline.body_support)})"
            )
        by_speaker: dict[str, list[str]] = {}
        for use in framing.attribution_verbs:
            by_speaker.setdefault(use.speaker, []).append(
                f"{use.verb} ×{use.count} ({use.category})"
            )
        for speaker, uses in by_speaker.items():
            lines.append(f"- {escape(speaker)}: {escape(', '.join(uses))}")
        if framing.loaded_terms:
            terms = ", ".join(
                f"{escape(t.evidence.text)} ({t.category})" for t in framing.loaded_terms
            )
            lines.append(f"- loaded terms: {terms}")
    return "\n".join(lines)


def _naming_section(comparison: Comparison, names: dict[str, str]) -> str:
    if not comparison.naming:
        return ""
    lines = ["## Naming variants", ""]
    for variant in comparison.naming:
        forms = " / ".join(
            f"{escape(f.form)} ({', '.join(escape(names[k]) for k in f.articles)})"
            for f in variant.forms
        )
        lines.append(f"- {variant.label}: {forms}")
    return "\n".join(lines)
