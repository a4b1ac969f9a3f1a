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
