"""A comparison as a single-file HTML report, and the web app's pages.

Pages are rendered by Jinja2 with autoescaping: article text is hostile input, and everything
taken from an article is escaped. The report carries its stylesheet inline and no script.
"""

from __future__ import annotations

import functools
import heapq
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from crosswire.comparison.summary import conflict_phrase
from crosswire.model import Article, Comparison, Coverage, Evidence, ParagraphKind
from crosswire.render import svg
from crosswire.render.markdown import (
    agreed_heading,
    balance_quotes,
    coverage_by_group,
    date_range,
    human_date,
    outlet_attributes,
    outlet_names,
    shorten,
    story_title,
    support_words,
)
from crosswire.version import __version__

if TYPE_CHECKING:
    from crosswire.model import QuoteVariant


def evidence_id(article_index: int, start: int, end: int) -> str:
    return f"ev-{article_index}-{start}-{end}"


def comparison_html(
    comparison: Comparison, articles: Sequence[Article], web: bool = False, registry=None
) -> str:
    """One self-contained page: inline CSS, no script, no request to anywhere.

    ``articles`` are the compared articles in the order of ``comparison.articles``. Every
    finding links to its words (``#ev-…``), which ``:target`` highlights in the article text.
    """
    index_of = {a.key: i for i, a in enumerate(comparison.articles)}
    names = outlet_names(comparison)
    marks = _marks(comparison, index_of)
    environment = _environment()
    environment.globals.update(
        ev=lambda e: "#" + evidence_id(index_of[e.article], e.start, e.end),
        name=lambda key: names[key],
        short=shorten,
        coverage_mark=lambda claim, key: comparison.coverage(claim, key).value,
        several_languages=comparison.several_languages(),
        agreed_heading=agreed_heading(comparison),
        member_of=lambda claim, key: next(
            (m for m in claim.members if m.evidence.article == key), None
        ),
        variant_parts=_variant_parts,
        key_index=index_of,
        version=__version__,
    )
    environment.filters["name_of"] = lambda key: names[key]
    title, title_key = story_title(comparison)
    environment.globals.update(
        cites=_one_per_article,
        story_title=title,
        title_from=names[title_key]
        if title_key and not _named_by_title(comparison, title_key)
        else None,
        dates=date_range([a.date for a in comparison.articles]),
        outlets=sorted({a.outlet for a in comparison.articles}, key=str.casefold),
        conflict_phrase=conflict_phrase,
        support_words=support_words,
        many=len(comparison.articles) > MANY_ARTICLES,
        registry=registry,
        outlet_rows=outlet_attributes(comparison, registry) if registry else [],
        groups=coverage_by_group(comparison, registry),
        first_report=lambda claim: _first_report(comparison, claim, names),
        heatmap=svg.heatmap(comparison, names),
        timeline=svg.timeline(comparison, names),
        verbs_chart=svg.verbs_by_outlet(comparison, names),
    )
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


# Above this many articles a story page folds its long lists: a wall of chips helps no one.
MANY_ARTICLES = 12
CHIPS_SHOWN = 6

# What each kind of mark in an article's text means, for its tooltip and the legend.
MARK_MEANING = {
    "quote": "quoted words",
    "cue": "attribution: who said it and how",
    "claim": "a claim compared across outlets",
    "conflict": "outlets disagree here",
    "loaded": "a loaded term",
    "name": "a name other outlets write differently",
    "change-meaning": "quoted differently, meaning changed",
    "change-wording": "quoted in other words",
    "change-cosmetic": "quoted with a cosmetic change",
    "change-elision": "words left out of the quotation",
}


def _first_report(comparison: Comparison, claim, names: dict[str, str]) -> str:
    """Who reported a claim first, by publication date ("" when its reporters are undated)."""
    dated = {a.key: a.date for a in comparison.articles if a.date}
    reporters = sorted(
        (dated[m.evidence.article], m.evidence.article)
        for m in claim.members
        if m.evidence.article in dated and m.coverage is Coverage.REPORTS
    )
    if not reporters:
        return ""
    date, key = reporters[0]
    return f"first: {names[key]}, {human_date(date)}"


def _named_by_title(comparison: Comparison, key: str) -> bool:
    return any(a.key == key and a.outlet_source == "title" for a in comparison.articles)


def _marked(snippet: str) -> Markup:
    """A search snippet escaped, then its matches (between \\x02 and \\x03) marked."""
    from markupsafe import escape

    text = str(escape(snippet))
    if text.count("\x02") != text.count("\x03"):  # the article itself held such characters
        text = text.replace("\x02", "").replace("\x03", "")
    return Markup(text.replace("\x02", '<mark class="hit">').replace("\x03", "</mark>"))


def _one_per_article(evidence: Sequence[Evidence]) -> list[Evidence]:
    """The first evidence of each article: one chip per outlet, not one per mention."""
    seen: dict[str, Evidence] = {}
    for item in evidence:
        seen.setdefault(item.article, item)
    return list(seen.values())


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


def marks_for(comparison: Comparison | None, key: str, quotes: Sequence[dict] = ()) -> list[_Mark]:
    """Every span of one article that a finding points at, plus its quotes."""
    marks = []
    if comparison is not None:
        index_of = {a.key: i for i, a in enumerate(comparison.articles)}
        marks = _marks(comparison, index_of).get(key, [])
    return marks + [_Mark(q["start"], q["end"], "quote") for q in quotes]


@functools.cache
def _environment():
    from jinja2 import Environment, PackageLoader, select_autoescape

    environment = Environment(
        loader=PackageLoader("crosswire.render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["human_date"] = human_date
    environment.filters["balanced"] = balance_quotes
    environment.filters["sentence"] = lambda text: text[:1].upper() + text[1:]
    environment.filters["marked"] = _marked
    environment.filters["date_range"] = date_range
    environment.globals["mark_meaning"] = MARK_MEANING
    return environment


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
    paragraphs: list[tuple[Markup, bool]]  # (marked-up text, is a subhead)
    headline: Markup | None


def _article_view(index: int, key: str, article: Article, marks: list[_Mark]) -> _ArticleView:
    text = article.source.text
    headline = None
    if article.title_span is not None:
        span = article.title_span
        headline = mark_up(text, span.start, span.end, marks, index)
    paragraphs = [
        (mark_up(text, p.start, p.end, marks, index), p.kind is ParagraphKind.HEADING)
        for p in article.paragraphs
    ]
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
        meaning = "; ".join(MARK_MEANING[k] for k in kinds if k in MARK_MEANING)
        out.append(f'<span class="ev {" ".join(kinds)}"{anchor} title="{meaning}">')
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


def _variant_parts(variant: QuoteVariant) -> list[tuple[str, str | None]]:
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
