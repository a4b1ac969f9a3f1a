"""Which outlet published an article, and where that was found."""

from __future__ import annotations

import csv
import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from crosswire.errors import CrosswireError
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


# ----------------------------------------------------------------------- the user's registry


@dataclass(frozen=True, slots=True)
class OutletEntry:
    """One outlet as the user describes it: its name, where it publishes, what else it is
    called, and whatever columns the user keeps (country, owner, funding, lean...)."""

    name: str
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    attributes: dict[str, str] = field(default_factory=dict)
    files: tuple[str, ...] = ()  # file names or patterns ("001_*.txt") of saved pages


@dataclass(slots=True)
class OutletRegistry:
    """Outlets from a CSV file the user writes; nothing about any outlet is built in.

    Columns: ``name`` (required), ``domains``, ``aliases`` and ``files`` (separated by ``;``;
    ``files`` names saved pages by file name or pattern, for dumps that say nothing of where
    they came from), and any others, kept as attributes in the file's order. ``group_by``
    names the attribute that coverage is compared across (the first attribute column unless
    the caller says otherwise).
    """

    entries: list[OutletEntry]
    columns: list[str]
    group_by: str | None = None

    @classmethod
    def load(cls, path: str | Path, group_by: str | None = None) -> OutletRegistry:
        try:
            with open(path, encoding="utf-8-sig", newline="") as handle:
                rows = list(csv.DictReader(handle))
                header = list(rows[0].keys()) if rows else []
        except (OSError, UnicodeDecodeError, csv.Error) as error:
            raise CrosswireError(f"{path}: cannot read the outlets file ({error})") from None
        if "name" not in header:
            raise CrosswireError(f"{path}: the outlets file needs a 'name' column (CSV)")
        columns = [c for c in header if c not in ("name", "domains", "aliases", "files")]
        if group_by is not None and group_by not in columns:
            raise CrosswireError(f"{path}: no column {group_by!r} to group outlets by")
        entries = [
            OutletEntry(
                name=row["name"].strip(),
                domains=_listed(row.get("domains")),
                aliases=_listed(row.get("aliases")),
                files=_listed(row.get("files")),
                attributes={c: (row.get(c) or "").strip() for c in columns},
            )
            for row in rows
            if (row.get("name") or "").strip()
        ]
        return cls(entries, columns, group_by or (columns[0] if columns else None))

    def match(self, article: Article) -> OutletEntry | None:
        host = (urlsplit(article.source.url).hostname or "") if article.source.url else ""
        host = host.removeprefix("www.")
        file_name = Path(article.source.location).name
        for entry in self.entries:
            if any(fnmatch.fnmatch(file_name, pattern) for pattern in entry.files):
                return entry
            domains = [d.lower().removeprefix("www.") for d in entry.domains]
            if host and any(host == d or host.endswith("." + d) for d in domains):
                return entry
        found, _ = outlet_of(article)
        return self.named(found)

    def named(self, name: str | None) -> OutletEntry | None:
        wanted = (name or "").casefold().strip()
        for entry in self.entries:
            if wanted and wanted in {n.casefold() for n in (entry.name, *entry.aliases)}:
                return entry
        return None

    def apply(self, article: Article) -> None:
        """Name the article's outlet as the registry does, so every stage sees one name."""
        entry = self.match(article)
        if entry is not None:
            article.outlet = entry.name


def _listed(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(";") if part.strip())
