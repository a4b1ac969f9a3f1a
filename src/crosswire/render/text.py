"""Plain text for a person in a terminal: a cleaned article, its quotes, a story tree."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crosswire.model import Article, ParagraphKind

if TYPE_CHECKING:
    from crosswire.nlp.quotes import ArticleQuotes


def render_text(article: Article) -> str:
    """The cleaned article, for a person to read."""
    name = article.source.location
    if article.source.id:
        name += f" [{article.source.id}]"
    lines = [f"=== {name}"]
    if article.title:
        lines.append(article.title.upper())
    facts = [
        ("by", article.author),
        ("date", article.date),
        ("outlet", article.outlet),
        ("carried by", article.carried_by),
    ]
    stated = [f"{label} {value}" for label, value in facts if value]
    if stated:
        lines.append(" | ".join(stated))
    lines.append("")
    for paragraph in article.paragraphs:
        prefix = "## " if paragraph.kind is ParagraphKind.HEADING else ""
        lines.append(prefix + paragraph.text)
        lines.append("")
    reasons: dict[str, int] = {}
    for part in article.dropped:
        reasons[part.reason.value] = reasons.get(part.reason.value, 0) + 1
    if reasons:
        summary = ", ".join(f"{count} {reason}" for reason, count in sorted(reasons.items()))
        lines.append(f"[dropped: {summary}]")
    return "\n".join(lines) + "\n\n"


def render_quotes(result: ArticleQuotes) -> str:
    """Each quote with its speaker and cue, for a person."""
    lines = [f"=== {result.article.source.location}"]
    if result.article.title:
        lines.append(result.article.title)
    for quote in result.quotes:
        speaker = quote.speaker or "(unattributed)"
        cue = f" [{quote.cue.text}]" if quote.cue else ""
        where = " (headline)" if quote.headline else ""
        lines.append(f"  {speaker}{cue} · {quote.kind.value}{where}")
        lines.append(f"    “{quote.text}”")
    if not result.quotes:
        lines.append("  (no quotes)")
    return "\n".join(lines) + "\n\n"


def render_tree(tree: dict, openings: dict[str, str] | None = None) -> str:
    """Stories, events and articles as an indented tree; an untitled article shows its opening."""
    openings = openings or {}
    lines = []
    reprint_of = {r["article"]: r for r in tree["reprints"]}
    for story in tree["stories"]:
        count = sum(len(e["articles"]) for e in story["events"])
        lines.append(f"story {story['story']} ({count} article{'' if count == 1 else 's'})")
        for event in story["events"]:
            lines.append(f"  event {event['event']}")
            for entry in event["articles"]:
                note = ""
                if entry["article"] in reprint_of:
                    r = reprint_of[entry["article"]]
                    note = f"  [{r['kind']} of {r['reprint_of']}]"
                title = entry["title"] or f"(untitled) {openings.get(entry['article'], '')}".strip()
                source = ", ".join(filter(None, [entry["outlet"], entry["date"]]))
                where = f" ({source})" if source else ""
                lines.append(f"    {entry['article']}{where}: {title}{note}")
    return "\n".join(lines) + "\n"


def opening(text: str, words: int = 12) -> str:
    """The first words of an article, quoted, to tell an untitled article apart in a list."""
    head = text.split()
    if not head:
        return ""
    more = "…" if len(head) > words else ""
    return f'"{" ".join(head[:words])}{more}"'
