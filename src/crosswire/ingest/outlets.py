"""Which outlet published an article, and where that was found."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from crosswire.model import Article, DropReason

_SELF_NAMED = re.compile(
    r"\b(The(?: [A-Z][\w-]+){1,4})(?:’s|'s| news\b| in your inbox| newsletter)"
)
_CHROME_WITH_OUTLET = {DropReason.PROMO, DropReason.NEWSLETTER, DropReason.SOURCE_CREDIT}


def outlet_of(article: Article) -> tuple[str, str]:
    """The outlet and where it was found: the metadata, the text, the domain, the file name, or,
    for a file named by a machine (``001_9d8b4481cc8f52ea``), the title's first words."""
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
    stem = Path(article.source.location).stem
    opening = article.title or (article.paragraphs[0].text if article.paragraphs else "")
    if opening and article.source.id is None and machine_made(stem):
        return title_label(opening), "title" if article.title else "opening words"
    return stem, "file name"


def machine_made(name: str) -> bool:
    """A name no person chose: a hash or a number, with no word of three letters in it."""
    words = re.findall(r"[A-Za-z]{3,}", name)
    hashed = re.search(r"[0-9a-f]{8,}", name.lower()) is not None
    return not words or (hashed and all(re.fullmatch(r"[a-f]+", w.lower()) for w in words))


def title_label(title: str, words: int = 4) -> str:
    """A short label that says it is a title, not an outlet's name: “First four words…”."""
    parts = title.split()
    cut = " ".join(parts[:words]).rstrip(",;:.!?")
    return f"\u201c{cut}{'…' if len(parts) > words else ''}\u201d"
