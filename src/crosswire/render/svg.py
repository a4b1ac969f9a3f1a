"""Pictures for the report and the story page, as inline SVG: no script, no external resource,
every label escaped. A picture sits beside the data it draws; each mark links to its words."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from markupsafe import Markup, escape

from crosswire.model import Comparison, Coverage
from crosswire.render.markdown import human_date

CELL = 22
LABEL_WIDTH = 190
COLOURS = {
    Coverage.REPORTS: "#1f8a4c",
    Coverage.OMITS: "#e3e6ec",
    Coverage.CONTRADICTS: "#c2362b",
    Coverage.OTHER_LANGUAGE: "#ffffff",
}
CATEGORY_COLOURS = {
    "neutral": "#a7adb9",
    "assertive": "#b7791f",
    "factive": "#2f5bd3",
    "emphatic": "#c2362b",
    "other": "#5d6678",
}
HEATMAP_ROWS = 30


def heatmap(comparison: Comparison, names: dict[str, str], rows: int = HEATMAP_ROWS) -> Markup:
    """Claims (rows) by articles (columns): reports, omits or contradicts, as coloured cells."""
    claims = [c for c in comparison.claims if len(c.articles()) > 1][:rows]
    articles = comparison.articles
    if not claims:
        return Markup("")
    top = 120  # room for the slanted outlet names
    width = LABEL_WIDTH + CELL * len(articles) + 150  # the slanted names reach right
    height = top + CELL * len(claims) + 4
    parts = [_open(width, height, "Coverage heatmap: claims by outlet")]
    for column, article in enumerate(articles):
        x = LABEL_WIDTH + column * CELL + CELL / 2
        label = escape(_cut(names[article.key], 24))
        parts.append(
            f'<text x="{x:.0f}" y="{top - 6}" transform="rotate(-55 {x:.0f} {top - 6})" '
            f'font-size="11">{label}</text>'
        )
    for row, claim in enumerate(claims):
        y = top + row * CELL
        parts.append(
            f'<a href="#claim-{escape(claim.id)}"><text x="{LABEL_WIDTH - 6}" y="{y + 12}" '
            f'font-size="11" text-anchor="end">{escape(_cut(claim.text, 28))}</text></a>'
        )
        for column, article in enumerate(articles):
            state = comparison.coverage(claim, article.key)
            x = LABEL_WIDTH + column * CELL
            parts.append(
                f'<rect x="{x + 1}" y="{y + 1}" width="{CELL - 2}" height="{CELL - 2}" rx="2" '
                f'fill="{COLOURS[state]}"><title>{escape(names[article.key])}: '
                f"{state.value}</title></rect>"
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def timeline(comparison: Comparison, names: dict[str, str]) -> Markup:
    """When each article was published, on one time axis; undated articles are left off."""
    dated = [(a, _moment(a.date)) for a in comparison.articles]
    dated = sorted(((a, m) for a, m in dated if m is not None), key=lambda item: item[1])
    if not dated:
        return Markup("")
    first, last = dated[0][1], dated[-1][1]
    span = max((last - first).total_seconds(), 1.0)
    width, left, right = 760, 20, 200
    height = 36 + 22 * len(dated)
    parts = [_open(width, height, "Timeline: when each outlet published")]
    parts.append(f'<line x1="{left}" y1="20" x2="{width - right}" y2="20" stroke="#a7adb9"/>')
    for moment, anchor in ((first, "start"), (last, "end")):
        x = left + (moment - first).total_seconds() / span * (width - left - right)
        parts.append(
            f'<text x="{x:.0f}" y="14" font-size="10" text-anchor="{anchor}">'
            f"{escape(moment.strftime('%d %b %Y'))}</text>"
        )
    for row, (article, moment) in enumerate(dated):
        x = left + (moment - first).total_seconds() / span * (width - left - right)
        y = 36 + row * 22
        parts.append(
            f'<line x1="{x:.0f}" y1="20" x2="{x:.0f}" y2="{y}" stroke="#e3e6ec"/>'
            f'<circle cx="{x:.0f}" cy="{y}" r="5" fill="#2f5bd3"><title>'
            f"{escape(names[article.key])}: {escape(human_date(article.date))}</title></circle>"
            f'<text x="{x + 9:.0f}" y="{y + 4}" font-size="11">'
            f"{escape(_cut(names[article.key], 40))}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def verbs_by_outlet(comparison: Comparison, names: dict[str, str], speakers: int = 3) -> Markup:
    """For the most quoted speakers, how each outlet reports them: a bar per outlet, split by
    the kind of reporting verb (neutral "said", assertive "claimed", factive "admitted"...)."""
    uses: Counter[str] = Counter()
    for framing in comparison.framing:
        for use in framing.attribution_verbs:
            uses[use.speaker] += use.count
    top = [s for s, _ in uses.most_common(speakers)]
    rows = []
    for speaker in top:
        for framing in comparison.framing:
            counts: Counter[str] = Counter()
            for use in framing.attribution_verbs:
                if use.speaker == speaker:
                    counts[use.category] += use.count
            if counts:
                rows.append((speaker, names[framing.article], counts))
    if not rows:
        return Markup("")
    width, left, unit = 760, 300, 22
    height = 30 + 20 * len(rows)
    parts = [_open(width, height, "Reporting verbs by outlet for the most quoted speakers")]
    x = left
    for category, colour in CATEGORY_COLOURS.items():
        parts.append(
            f'<rect x="{x}" y="4" width="10" height="10" fill="{colour}"/>'
            f'<text x="{x + 14}" y="13" font-size="10">{category}</text>'
        )
        x += 80
    for row, (speaker, outlet, counts) in enumerate(rows):
        y = 24 + row * 20
        parts.append(
            f'<text x="{left - 8}" y="{y + 12}" font-size="11" text-anchor="end">'
            f"{escape(_cut(speaker, 22))} · {escape(_cut(outlet, 24))}</text>"
        )
        x = left
        for category, colour in CATEGORY_COLOURS.items():
            if counts[category]:
                size = counts[category] * unit
                parts.append(
                    f'<rect x="{x}" y="{y + 2}" width="{size}" height="14" fill="{colour}">'
                    f"<title>{category}: {counts[category]}</title></rect>"
                )
                x += size
    parts.append("</svg>")
    return Markup("".join(parts))


def _open(width: float, height: float, label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(label)}" '
        f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
        'font-family="system-ui, sans-serif" fill="#1d2330">'
    )


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _moment(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.replace(tzinfo=None)
