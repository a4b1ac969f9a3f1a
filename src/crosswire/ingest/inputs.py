"""Ingest: files, folders, globs, HTML, JSONL and plain-text dumps, into clean articles.

Each input becomes a ``SourceDocument`` (decoded text) and then an ``Article`` whose paragraphs
and dropped parts carry spans into that text. A bad input yields an ``IngestError`` in place of
its article, so one broken file never stops a batch.
"""

from __future__ import annotations

import glob
import gzip
import json
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

import py3langid

from crosswire.errors import IngestError
from crosswire.ingest.decoding import decode_bytes
from crosswire.ingest.html import extract_html
from crosswire.ingest.metadata import parse_date
from crosswire.ingest.text import CleanText, clean_text, split_lines
from crosswire.model import Article, InputKind, Paragraph, SourceDocument, Span
from crosswire.settings import MAX_DOCUMENT_BYTES

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
# Log-probability per letter by which English may trail the identifier's best guess and still
# be taken: short English headlines trail Pidgin by 0.02-0.21; a Pidgin sentence by 0.6 or more.
ENGLISH_MARGIN_PER_LETTER = 0.3
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

ArticleOrError = Article | IngestError


def load_articles(
    inputs: Iterable[str | Path], max_bytes: int = MAX_DOCUMENT_BYTES, fetcher=None
) -> Iterator[ArticleOrError]:
    """Every article in the given paths, folders, globs and URLs (pages, feeds, OPML lists).

    URLs are fetched with ``fetcher`` (a ``crosswire.ingest.fetch.Fetcher``), by default one that
    refuses private and local addresses.
    """
    for item in expand_inputs(inputs):
        if isinstance(item, IngestError):
            yield item
            continue
        if isinstance(item, str):
            yield from _load_url(item, fetcher)
            continue
        try:
            sources = read_source(item, max_bytes=max_bytes)
            for source in sources:
                yield source if isinstance(source, IngestError) else safe_extract(source)
        except IngestError as error:
            yield error


def iter_sources(
    inputs: Iterable[str | Path], max_bytes: int = MAX_DOCUMENT_BYTES, fetcher=None
) -> Iterator[SourceDocument | IngestError]:
    """Decoded sources one at a time, JSONL files line by line, so memory stays bounded.

    Extraction is left to the caller, which may run it elsewhere (a batch worker).
    """
    for item in expand_inputs(inputs):
        if isinstance(item, IngestError):
            yield item
        elif isinstance(item, str):
            from crosswire.ingest.fetch import Fetcher, fetch_documents

            yield from fetch_documents(item, fetcher or Fetcher())
        elif _base_suffix(item) in JSONL_SUFFIXES:
            yield from _read_jsonl(item, max_bytes)
        else:
            try:
                yield from read_source(item, max_bytes=max_bytes)
            except IngestError as error:
                yield error


def _load_url(url: str, fetcher) -> Iterator[ArticleOrError]:
    from crosswire.ingest.fetch import Fetcher, fetch_documents

    for document in fetch_documents(url, fetcher or Fetcher()):
        yield document if isinstance(document, IngestError) else safe_extract(document)


def safe_extract(source: SourceDocument) -> ArticleOrError:
    """The article of a source, or the error that says why there is none."""
    try:
        return extract_article(source)
    except IngestError as error:
        return error


def expand_inputs(inputs: Iterable[str | Path]) -> Iterator[Path | str | IngestError]:
    """Files, with folders walked and globs expanded; URLs pass through as strings."""
    for raw in inputs:
        if isinstance(raw, str) and is_url(raw):
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if _is_article_file(p, path))
            if not found:
                yield IngestError(str(raw), _no_article_files(path))
            yield from found
        elif path.exists():
            yield path
        elif glob.has_magic(str(raw)):
            matches = sorted(Path(m) for m in glob.glob(str(raw), recursive=True))
            files = [m for m in matches if m.is_file()]
            if not files:
                yield IngestError(str(raw), "no files match this pattern")
            yield from files
        else:
            yield IngestError(str(raw), "no such file or folder; check the path")


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def count_records(item: Path | str | IngestError) -> int:
    """How many articles an input holds: one per file, one per non-blank JSONL line."""
    if isinstance(item, IngestError | str) or _base_suffix(item) not in JSONL_SUFFIXES:
        return 1
    opener = gzip.open if item.suffix.lower() == ".gz" else open
    try:
        with opener(item, "rb") as handle:
            return sum(1 for line in handle if line.strip())
    except (OSError, EOFError, zlib.error):
        return 1


def _no_article_files(folder: Path) -> str:
    others = sorted({p.suffix.lower() or p.name for p in folder.rglob("*") if p.is_file()})
    seen = f" (it holds {', '.join(others[:5])} files)" if others else " (it is empty)"
    wanted = ", ".join(sorted(KNOWN_SUFFIXES))
    return f"no article files in this folder{seen}; Crosswire reads {wanted}"


def _is_article_file(path: Path, folder: Path) -> bool:
    # Only names inside the folder count as hidden: "../shared" is a folder a user may name.
    hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
    if hidden or not path.is_file():
        return False
    return _base_suffix(path) in KNOWN_SUFFIXES


def _base_suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def read_source(
    path: Path, max_bytes: int = MAX_DOCUMENT_BYTES
) -> list[SourceDocument | IngestError]:
    """Decode one file; a JSONL file gives one source (or error) per line."""
    location = str(path)
    if _base_suffix(path) in JSONL_SUFFIXES:
        return list(_read_jsonl(path, max_bytes))
    data = _read_bytes(path, max_bytes)
    text, encoding = decode_bytes(data, location)
    kind = InputKind.HTML if _looks_like_html(path, text) else InputKind.TEXT
    return [SourceDocument(location=location, text=text, encoding=encoding, kind=kind)]


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    location = str(path)
    try:
        size = path.stat().st_size
        if path.suffix.lower() == ".gz":
            return _gunzip(path, max_bytes)
        if size > max_bytes:
            raise IngestError(location, _too_big(size, max_bytes))
        return path.read_bytes()
    except PermissionError:
        raise IngestError(location, "permission denied; check the file's permissions") from None
    except IsADirectoryError:
        raise IngestError(location, "this is a folder, not a file") from None
    except OSError as error:
        raise IngestError(location, f"could not read the file ({error.strerror})") from None


def _gunzip(path: Path, max_bytes: int) -> bytes:
    try:
        with gzip.open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error):
        raise IngestError(str(path), "this .gz file is damaged or not gzip") from None
    if len(data) > max_bytes:
        raise IngestError(str(path), _too_big(len(data), max_bytes, "unpacks to over"))
    return data


def _too_big(size: int, max_bytes: int, verb: str = "is") -> str:
    return (
        f"the file {verb} {size / 2**20:.1f} MB, over the {max_bytes / 2**20:.0f} MB limit for "
        "one article; split it, or raise the limit with --max-bytes"
    )


def _looks_like_html(path: Path, text: str) -> bool:
    if _base_suffix(path) in HTML_SUFFIXES:
        return True
    head = text[:1024].lstrip().lower()
    return head.startswith(("<!doctype html", "<html"))


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[SourceDocument | IngestError]:
    location = str(path)
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    try:
        with opener(path, "rb") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                if len(line) > max_bytes:
                    yield IngestError(f"{location}:{number}", _too_big(len(line), max_bytes))
                    continue
                yield _jsonl_record(line, location, number)
    except (OSError, EOFError, zlib.error) as error:
        yield IngestError(location, f"could not read the file ({error})")


def _jsonl_record(line: bytes, location: str, number: int) -> SourceDocument | IngestError:
    where = f"{location}:{number}"
    try:
        decoded, _ = decode_bytes(line, where)
        record = json.loads(decoded)
    except IngestError as error:
        return error
    except json.JSONDecodeError as error:
        return IngestError(where, f"not valid JSON ({error.msg} at column {error.colno})")
    if not isinstance(record, dict):
        return IngestError(where, "each line must be a JSON object")
    body_html, body_text = record.get("html"), record.get("text")
    if not isinstance(body_html, str) and not isinstance(body_text, str):
        return IngestError(where, "the record has neither a 'text' nor an 'html' field")
    kind = InputKind.HTML if isinstance(body_html, str) and body_html.strip() else InputKind.TEXT
    text = body_html if kind is InputKind.HTML else body_text
    record_id = record.get("id")
    metadata = {k: record[k] for k in ("title", "outlet", "date", "author") if record.get(k)}
    return SourceDocument(
        location=location,
        text=text or "",
        encoding="utf-8",
        kind=InputKind.JSONL if kind is InputKind.TEXT else InputKind.HTML,
        id=str(record_id) if record_id is not None else None,
        url=record.get("url") if isinstance(record.get("url"), str) else None,
        metadata={**metadata, "line": number},
    )


def extract_article(source: SourceDocument) -> Article:
    """Clean one decoded source into an article with spans."""
    name = source.location if source.id is None else f"{source.location} [{source.id}]"
    if not source.text.strip():
        raise IngestError(name, "the article text is empty")
    article = _from_html(source, name) if source.kind is InputKind.HTML else _from_text(source)
    _apply_record_metadata(article, source.metadata)
    if not article.paragraphs and source.kind is InputKind.JSONL:
        _keep_record_text(article)
    if not article.paragraphs:
        raise IngestError(name, "no article text found on this page")
    article.language = detect_language(article)
    return article


def _keep_record_text(article: Article) -> None:
    """A record's text was given as the article: when the cleaner would drop all of it (a feed's
    one-sentence summary cut mid-phrase looks like a teaser), it is kept as it is."""
    title = (article.title or "").strip()
    lines = [line for line in split_lines(article.source.text) if line.text != title]
    article.paragraphs = [Paragraph(line.text, line.start, line.end) for line in lines]
    kept = {(p.start, p.end) for p in article.paragraphs}
    article.dropped = [d for d in article.dropped if (d.start, d.end) not in kept]


def _from_text(source: SourceDocument) -> Article:
    return _article(source, clean_text(source.text))


def _from_html(source: SourceDocument, name: str) -> Article:
    page = extract_html(source.text, name, url=source.url)
    source.raw = source.text
    source.text = page.visible_text
    source.url = source.url or page.url
    return _article(source, page.found)


def _article(source: SourceDocument, found: CleanText) -> Article:
    return Article(
        source=source,
        title=found.title,
        title_span=found.title_span,
        authors=found.authors,
        date=found.date,
        outlet=found.outlet,
        carried_by=found.carried_by,
        paragraphs=found.paragraphs,
        dropped=found.dropped,
    )


def _apply_record_metadata(article: Article, metadata: dict) -> None:
    """Fields stated in a JSONL record win over what was read from the text."""
    if metadata.get("title"):
        article.title = str(metadata["title"]).strip()
        found = article.source.text.find(article.title)
        article.title_span = Span(found, found + len(article.title)) if found >= 0 else None
    if metadata.get("outlet"):
        article.outlet = str(metadata["outlet"])
    if metadata.get("author"):
        author = metadata["author"]
        article.authors = [str(a) for a in author] if isinstance(author, list) else [str(author)]
    if metadata.get("date"):
        article.date = parse_date(str(metadata["date"])) or str(metadata["date"])


def detect_language(article: Article) -> str:
    """The body's language code; text too short to tell is taken as English. Extraction keeps
    every language: only the stages that need a language model refuse what they cannot read."""
    sample = article.body[:5000]
    letters = sum(ch.isalpha() for ch in sample)
    if letters < 40:
        return "en"
    scores = dict(py3langid.rank(sample))
    language = max(scores, key=scores.__getitem__)
    # A headline and a dateline in capitals score a shade closer to Nigerian Pidgin than to
    # English; text of another language trails English by far more per letter.
    if (scores[language] - scores["en"]) / letters < ENGLISH_MARGIN_PER_LETTER:
        return "en"
    return language
