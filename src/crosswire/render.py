"""Comparisons for people: Markdown for a terminal or a file, and a single-file HTML report.

Article text is hostile input: everything taken from an article is escaped so that it cannot
open a heading, a table cell, a link or an HTML tag in whatever renders the Markdown.
"""

from __future__ import annotations

import functools
import heapq
import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from crosswire import __version__
from crosswire.model import Article, ChangeKind, Comparison, Coverage, Evidence, QuoteGroup

COVERAGE_MARK = {Coverage.REPORTS: "✓", Coverage.OMITS: "·", Coverage.CONTRADICTS: "✗"}
CLAIM_WIDTH = 90
MATRIX_ROWS = 40
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def escape(text: str) -> str:
    """Text safe inside Markdown: one line, with every markup character escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def shorten(text: str, width: int = CLAIM_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def comparison_markdown(comparison: Comparison) -> str:
    names = _names(comparison)
    parts = [
        f"# How {len(comparison.articles)} articles cover the story",
        _articles_section(comparison, names),
        _summary_section(comparison, names),
        _quotes_section(comparison, names),
        _matrix_section(comparison, names),
        _conflicts_section(comparison, names),
        _framing_section(comparison, names),
        _naming_section(comparison, names),
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


def _names(comparison: Comparison) -> dict[str, str]:
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


def _articles_section(comparison: Comparison, names) -> str:
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
            f"{escape(a.date or '')} | {a.event + 1} | {'; '.join(notes)} |"
        )
    return "\n".join(lines)


def _summary_section(comparison: Comparison, names) -> str:
    summary = comparison.summary
    lines = ["## What most outlets report", ""]
    for sentence in summary.agreed:
        sources = ", ".join(escape(names[k]) for k in sentence.articles)
        lines.append(f"- {escape(sentence.text)} [{sources}]")
    if not summary.agreed:
        lines.append("- (no claim is carried by two or more outlets)")
    if summary.differences:
        lines += ["", "## Where accounts differ", ""]
        lines += [f"- {escape(d.text)}" for d in summary.differences]
    if summary.exclusive:
        lines += ["", "## Reported only by one outlet", ""]
        for sentence in summary.exclusive:
            lines.append(f"- {escape(names[sentence.articles[0]])}: {escape(sentence.text)}")
    if comparison.omissions:
        lines += ["", "## Left out", ""]
        for omission in comparison.omissions:
            claim = next(c for c in comparison.claims if c.id == omission.claim)
            lines.append(
                f"- {escape(names[omission.article])} leaves out {omission.claim}: "
                f"“{escape(shorten(claim.text))}” (reported by {len(omission.reported_by)})"
            )
    return "\n".join(lines)


def _quotes_section(comparison: Comparison, names) -> str:
    if not comparison.quotes:
        return ""
    lines = ["## Quote variants"]
    for group in comparison.quotes:
        lines += ["", _quote_heading(group)]
        for variant in group.variants:
            cue = f", {escape(variant.cue.text)}" if variant.cue else ""
            lines.append(
                f"- {_cite(variant.evidence, names)} ({variant.kind.value}{cue}): "
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


def _matrix_section(comparison: Comparison, names) -> str:
    shown = [c for c in comparison.claims if len(c.members) > 1][:MATRIX_ROWS]
    if not shown:
        return ""
    header = " | ".join(escape(names[a.key]) for a in comparison.articles)
    lines = [
        "## Coverage (✓ reports, · omits, ✗ contradicts)",
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


def _conflicts_section(comparison: Comparison, names) -> str:
    if not comparison.conflicts:
        return ""
    lines = ["## Conflicts", ""]
    for conflict in comparison.conflicts:
        sides = "; ".join(
            f"“{escape(side.value)}” ({', '.join(_cite(e, names) for e in side.evidence)})"
            for side in conflict.sides
        )
        lines.append(f"- {conflict.kind.value} — {escape(shorten(conflict.subject, 60))}: {sides}")
    return "\n".join(lines)


def _framing_section(comparison: Comparison, names) -> str:
    lines = ["## Framing"]
    for framing in comparison.framing:
        lines += ["", f"### {escape(names[framing.article])}"]
        if framing.headline:
            verbs = ", ".join(escape(v.text) for v in framing.headline.verbs) or "none"
            lines.append(
                f"- headline: “{escape(framing.headline.evidence.text)}” (verbs: {verbs}; "
                f"body bears it out at {framing.headline.body_support:.2f})"
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


def _naming_section(comparison: Comparison, names) -> str:
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


# ------------------------------------------------------------------------------------ HTML


def evidence_id(article_index: int, start: int, end: int) -> str:
    return f"ev-{article_index}-{start}-{end}"


def comparison_html(comparison: Comparison, articles: Sequence[Article], web: bool = False) -> str:
    """One self-contained page: inline CSS, no script, no request to anywhere.

    ``articles`` are the compared articles in the order of ``comparison.articles``. Every
    finding links to its words (``#ev-…``), which ``:target`` highlights in the article text.
    """
    index_of = {a.key: i for i, a in enumerate(comparison.articles)}
    names = _names(comparison)
    marks = _marks(comparison, index_of)
    environment = _environment()
    environment.globals.update(
        ev=lambda e: "#" + evidence_id(index_of[e.article], e.start, e.end),
        name=lambda key: names[key],
        short=shorten,
        coverage_mark=lambda claim, key: comparison.coverage(claim, key).value,
        member_of=lambda claim, key: next(
            (m for m in claim.members if m.evidence.article == key), None
        ),
        variant_parts=_variant_parts,
        key_index=index_of,
        version=__version__,
    )
    environment.filters["name_of"] = lambda key: names[key]
    texts = [
        _article_view(i, key, article, marks.get(key, []))
        for i, (key, article) in enumerate(
            zip((a.key for a in comparison.articles), articles, strict=True)
        )
    ]
    return environment.get_template("report.html").render(
        comparison=comparison,
        shared_claims=[c for c in comparison.claims if len(c.articles()) > 1],
        article_views=texts,
        css=stylesheet(),
        web=web,
    )


@functools.cache
def stylesheet() -> str:
    environment = _environment()
    return environment.loader.get_source(environment, "report.css")[0]


def render_page(template: str, **context) -> str:
    """A page from the package's templates, with the stylesheet inlined."""
    return _environment().get_template(template).render(css=stylesheet(), **context)


def article_html(index: int, key: str, article: Article, marks, **context) -> str:
    """One article with the given marks, for the web app's article page."""
    return render_page("article.html", view=_article_view(index, key, article, marks), **context)


def marks_for(comparison: Comparison | None, key: str, quotes=()) -> list[_Mark]:
    """Every span of one article that a finding points at, plus its quotes."""
    marks = []
    if comparison is not None:
        index_of = {a.key: i for i, a in enumerate(comparison.articles)}
        marks = _marks(comparison, index_of).get(key, [])
    return marks + [_Mark(q["start"], q["end"], "quote") for q in quotes]


@functools.cache
def _environment():
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(
        loader=PackageLoader("crosswire", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


@dataclass(frozen=True, slots=True)
class _Mark:
    start: int
    end: int
    kind: str  # quote, cue, claim, loaded, conflict, name
    anchor: bool = True


def _marks(comparison: Comparison, index_of: dict[str, int]) -> dict[str, list[_Mark]]:
    """Every span a finding points at, per article, with the kind of finding it is."""
    marks: dict[str, list[_Mark]] = {}

    def add(evidence: Evidence | None, kind: str) -> None:
        if evidence is not None:
            marks.setdefault(evidence.article, []).append(_Mark(evidence.start, evidence.end, kind))

    for claim in comparison.claims:
        for member in claim.members:
            add(member.evidence, "claim")
    for group in comparison.quotes:
        for variant in group.variants:
            add(variant.evidence, "quote")
            add(variant.cue, "cue")
            for change in variant.changes:
                add(change.variant, f"change-{change.kind.value}")
                add(change.base, f"change-{change.kind.value}")
    for conflict in comparison.conflicts:
        for side in conflict.sides:
            for evidence in side.evidence:
                add(evidence, "conflict")
    for framing in comparison.framing:
        for term in framing.loaded_terms:
            add(term.evidence, "loaded")
        for use in framing.attribution_verbs:
            for evidence in use.evidence:
                add(evidence, "cue")
    for variant in comparison.naming:
        for form in variant.forms:
            for evidence in form.evidence:
                add(evidence, "name")
    for sentence in comparison.summary.agreed + comparison.summary.exclusive:
        add(sentence.evidence, "claim")
    return marks


@dataclass(slots=True)
class _ArticleView:
    key: str
    index: int
    article: Article
    paragraphs: list[Markup]
    headline: Markup | None


def _article_view(index: int, key: str, article: Article, marks: list[_Mark]) -> _ArticleView:
    text = article.source.text
    headline = None
    if article.title_span is not None:
        span = article.title_span
        headline = mark_up(text, span.start, span.end, marks, index)
    paragraphs = [mark_up(text, p.start, p.end, marks, index) for p in article.paragraphs]
    return _ArticleView(key, index, article, paragraphs, headline)


def mark_up(text: str, start: int, end: int, marks: Sequence[_Mark], index: int) -> Markup:
    """``text[start:end]`` as escaped HTML, each mark a nested ``<span>``.

    Marks that cross (neither holds the other) are split at the crossing, and only a mark's
    first piece carries its id, so that every id is unique and every link lands on its words.
    """
    from markupsafe import Markup, escape

    clipped = [
        (
            max(m.start, start),
            min(m.end, end),
            m.kind,
            evidence_id(index, m.start, m.end) if m.start >= start else "",
        )
        for m in marks
        if m.start < end and m.end > start and m.start < m.end
    ]
    heap = [(s, -e, kinds, ident) for s, e, kinds, ident in _merge_kinds(clipped)]
    heapq.heapify(heap)
    out: list[str] = []
    position = start
    stack: list[int] = []  # ends of the open spans
    while heap:
        s, negative_end, kinds, ident = heapq.heappop(heap)
        e = -negative_end
        while stack and stack[-1] <= s:
            out.append(str(escape(text[position : stack[-1]])))
            out.append("</span>")
            position = stack.pop()
        out.append(str(escape(text[position:s])))
        position = s
        if stack and e > stack[-1]:
            heapq.heappush(heap, (stack[-1], -e, kinds, ""))
            e = stack[-1]
        anchor = f' id="{ident}"' if ident else ""
        out.append(f'<span class="ev {" ".join(kinds)}"{anchor}>')
        stack.append(e)
    while stack:
        out.append(str(escape(text[position : stack[-1]])))
        out.append("</span>")
        position = stack.pop()
    out.append(str(escape(text[position:end])))
    return Markup("".join(out))


def _merge_kinds(marks):
    """One mark per span, with every kind of finding that points at it."""
    merged: dict[tuple[int, int], tuple[set[str], str]] = {}
    for s, e, kind, ident in marks:
        kinds, known = merged.get((s, e), (set(), ""))
        kinds.add(kind)
        merged[(s, e)] = (kinds, known or ident)
    return [(s, e, tuple(sorted(kinds)), ident) for (s, e), (kinds, ident) in merged.items()]


def _variant_parts(variant) -> list[tuple[str, str | None]]:
    """The variant's words as (text, change kind or None) pieces, for highlighting the diff."""
    text, start = variant.evidence.text, variant.evidence.start
    cuts = sorted(
        (c.variant.start - start, c.variant.end - start, c.kind.value)
        for c in variant.changes
        if c.variant is not None and c.variant.article == variant.evidence.article
    )
    parts, position = [], 0
    for s, e, kind in cuts:
        if s < position or e > len(text):
            continue
        parts.append((text[position:s], None))
        parts.append((text[s:e], kind))
        position = e
    parts.append((text[position:], None))
    return [p for p in parts if p[0]]
