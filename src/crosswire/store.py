"""The embedded store: one SQLite file of plain tables that opens as-is in datasette.

Each article is written in its own transaction, so a batch killed half-way keeps what it finished
and a rerun skips it: an article is known by its URL, or else by the hash of its input, and a
changed text under a known URL becomes a new revision, the old one kept in ``revisions``.
Stories, events and comparisons are derived tables, rebuilt for what changed after each batch.
Full-text search is FTS5 over articles and quotes.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from crosswire.model import (
    Article,
    DroppedPart,
    DropReason,
    InputKind,
    Paragraph,
    ParagraphKind,
    Quote,
    SourceDocument,
    Span,
)
from crosswire.settings import DEFAULT, Settings

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY,
    identity TEXT NOT NULL UNIQUE,      -- the URL, or sha256:<hash of the input>
    content_hash TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    location TEXT NOT NULL,
    url TEXT,
    record_id TEXT,
    kind TEXT NOT NULL,
    encoding TEXT NOT NULL,
    input TEXT NOT NULL,                -- the decoded input (HTML markup for pages)
    metadata TEXT NOT NULL DEFAULT '{}',
    title TEXT,
    author TEXT,
    date TEXT,
    outlet TEXT,
    carried_by TEXT,
    body TEXT NOT NULL,
    grouping TEXT NOT NULL,             -- what grouping needs, as JSON
    story_id INTEGER,
    event INTEGER,
    reprint_of INTEGER REFERENCES articles(id),
    ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS revisions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    revision INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    input TEXT NOT NULL,
    title TEXT,
    ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS quotes (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    speaker TEXT,
    cue TEXT
);
CREATE TABLE IF NOT EXISTS stories (
    id INTEGER PRIMARY KEY,             -- the id of the story's first stored article
    title TEXT,
    article_count INTEGER NOT NULL,
    outlet_count INTEGER NOT NULL,
    first_date TEXT,
    last_date TEXT,
    members TEXT NOT NULL,              -- article ids, JSON, to tell when a story changed
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    event INTEGER NOT NULL,
    article_count INTEGER NOT NULL,
    first_date TEXT,
    PRIMARY KEY (story_id, event)
);
CREATE TABLE IF NOT EXISTS claims (
    id INTEGER PRIMARY KEY,
    story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    claim TEXT NOT NULL,
    text TEXT NOT NULL,
    importance REAL NOT NULL,
    article_count INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS comparisons (
    story_id INTEGER PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
    comparison TEXT NOT NULL,           -- the comparison JSON (docs/schema/comparison.schema.json)
    members TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, body, content='articles', content_rowid='id'
);
CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(
    text, speaker, content='quotes', content_rowid='id'
);
CREATE TRIGGER IF NOT EXISTS articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER IF NOT EXISTS articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body)
    VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER IF NOT EXISTS articles_au AFTER UPDATE OF title, body ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body)
    VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER IF NOT EXISTS quotes_ai AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text, speaker) VALUES (new.id, new.text, new.speaker);
END;
CREATE TRIGGER IF NOT EXISTS quotes_ad AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker)
    VALUES ('delete', old.id, old.text, old.speaker);
END;
"""


# Each migration has a name and runs once, in order; ``PRAGMA user_version`` counts those done
# (as sqlite-utils' migrations do). A store made before versioning holds the first one's tables.
MIGRATIONS: tuple[tuple[str, str], ...] = (
    ("create the tables", SCHEMA),
    (
        "keep each article's extraction, so that pages need not extract it again",
        "ALTER TABLE articles ADD COLUMN extracted TEXT;",
    ),
)


def migrate(db: sqlite3.Connection) -> int:
    """Bring the store's schema up to date; returns its version."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise sqlite3.DatabaseError(
            f"the store is of schema version {version}, newer than this Crosswire knows "
            f"({len(MIGRATIONS)}); upgrade Crosswire"
        )
    for number, (_name, script) in enumerate(MIGRATIONS[version:], start=version + 1):
        with db:
            db.executescript(f"BEGIN; {script} PRAGMA user_version = {number}; COMMIT;")
    return len(MIGRATIONS)


@dataclass(frozen=True, slots=True)
class Added:
    article_id: int
    status: str  # new, unchanged, revised


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def identity_of(article: Article) -> tuple[str, str]:
    """(identity, content hash): the URL when there is one, else the hash of the input."""
    digest = hashlib.sha256(_input_of(article.source).encode("utf-8")).hexdigest()
    return (article.source.url or f"sha256:{digest}"), digest


def _input_of(source: SourceDocument) -> str:
    return source.raw if source.kind is InputKind.HTML and source.raw else source.text


class Store:
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self.db = sqlite3.connect(self.path, timeout=30)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        migrate(self.db)

    def close(self) -> None:
        self.db.close()

    # ---------------------------------------------------------------------------- articles

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def known(self, article: Article) -> tuple[str | None, int | None]:
        """('unchanged', id) for a text already stored, now or as an earlier revision;
        ('revised', id) for a new text of a stored article."""
        identity, digest = identity_of(article)
        row = self.db.execute(
            "SELECT id, content_hash FROM articles WHERE identity = ?", (identity,)
        ).fetchone()
        if row is None:
            return None, None
        seen = row["content_hash"] == digest or self._was_revision(row["id"], digest)
        return ("unchanged" if seen else "revised"), row["id"]

    def _was_revision(self, article_id: int, digest: str) -> bool:
        # Files that share a URL would otherwise each count as a new revision of the other on
        # every ingest, and the stored text would flip to whichever came last.
        return (
            self.db.execute(
                "SELECT 1 FROM revisions WHERE article_id = ? AND content_hash = ? LIMIT 1",
                (article_id, digest),
            ).fetchone()
            is not None
        )

    def add(self, article: Article, quotes: Sequence[Quote], grouping: dict) -> Added:
        """Store one article and its quotes in one transaction."""
        identity, digest = identity_of(article)
        source = article.source
        with self.db:
            row = self.db.execute(
                "SELECT id, content_hash, revision, input, title FROM articles WHERE identity = ?",
                (identity,),
            ).fetchone()
            if row is not None and (
                row["content_hash"] == digest or self._was_revision(row["id"], digest)
            ):
                return Added(row["id"], "unchanged")
            values = {
                "identity": identity,
                "content_hash": digest,
                "location": source.location,
                "url": source.url,
                "record_id": source.id,
                "kind": source.kind.value,
                "encoding": source.encoding,
                "input": _input_of(source),
                "metadata": json.dumps(source.metadata, default=str),
                "title": article.title,
                "author": article.author,
                "date": article.date,
                "outlet": article.outlet,
                "carried_by": article.carried_by,
                "body": article.body,
                "grouping": json.dumps(grouping, default=str),
                "extracted": _extraction(article),
                "ingested_at": now(),
            }
            if row is None:
                columns = ", ".join(values)
                marks = ", ".join(f":{k}" for k in values)
                cursor = self.db.execute(
                    f"INSERT INTO articles ({columns}) VALUES ({marks})", values
                )
                article_id, status = cursor.lastrowid, "new"
            else:
                article_id, status = row["id"], "revised"
                self.db.execute(
                    "INSERT INTO revisions (article_id, revision, content_hash, input, title, "
                    "ingested_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        article_id,
                        row["revision"],
                        row["content_hash"],
                        row["input"],
                        row["title"],
                        now(),
                    ),
                )
                assignments = ", ".join(f"{k} = :{k}" for k in values)
                self.db.execute(
                    f"UPDATE articles SET {assignments}, revision = revision + 1 WHERE id = :id",
                    {**values, "id": article_id},
                )
                self.db.execute("DELETE FROM quotes WHERE article_id = ?", (article_id,))
            self.db.executemany(
                "INSERT INTO quotes (article_id, start, end, text, kind, speaker, cue) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        article_id,
                        q.start,
                        q.end,
                        q.text,
                        q.kind.value,
                        q.speaker,
                        q.cue.text if q.cue else None,
                    )
                    for q in quotes
                ],
            )
        return Added(article_id, status)

    def quotes_of(self, article_id: int) -> list[dict]:
        rows = self.db.execute(
            "SELECT start, end, text, kind, speaker, cue FROM quotes WHERE article_id = ? "
            "ORDER BY start",
            (article_id,),
        )
        return [dict(row) for row in rows]

    def article_row(self, article_id: int) -> sqlite3.Row | None:
        return self.db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()

    def load_article(self, article_id: int) -> Article:
        """The stored article as it was extracted when stored; a row stored before extractions
        were kept is extracted again from its stored input (extraction is pure)."""
        row = self.article_row(article_id)
        if row is None:
            raise KeyError(article_id)
        source = _source_of(row, row["input"])
        if row["extracted"] is None:
            from crosswire.ingest.inputs import extract_article

            return extract_article(source)
        return _article_from(source, json.loads(row["extracted"]))

    def revisions_of(self, article_id: int) -> list[dict]:
        """Earlier revisions of an article, oldest first, each with its extracted body."""
        from crosswire.errors import IngestError
        from crosswire.ingest.inputs import extract_article

        row = self.article_row(article_id)
        found = []
        query = "SELECT revision, input, title, ingested_at FROM revisions WHERE article_id = ? "
        for old in self.db.execute(query + "ORDER BY revision", (article_id,)).fetchall():
            try:
                body = extract_article(_source_of(row, old["input"])).body
            except IngestError:
                body = ""
            found.append({"revision": old["revision"], "title": old["title"], "body": body,
                          "ingested_at": old["ingested_at"]})  # fmt: skip
        return found

    def grouping_rows(self) -> list[tuple[int, dict]]:
        rows = self.db.execute("SELECT id, grouping FROM articles ORDER BY id")
        return [(row["id"], json.loads(row["grouping"])) for row in rows]

    # ----------------------------------------------------------------------------- stories

    def save_groups(self, placements: dict[int, tuple[int, int, int | None]]) -> list[int]:
        """Store story, event and reprint per article; return the stories whose members changed.

        ``placements`` maps article id to (story number, event, id of the original or None).
        A story's id is the id of its first stored article, so it stays put as articles arrive.
        """
        members: dict[int, list[int]] = {}
        for article_id, (story, _, _) in placements.items():
            members.setdefault(story, []).append(article_id)
        story_id = {story: min(ids) for story, ids in members.items()}
        changed = []
        with self.db:
            for article_id, (story, event, original) in placements.items():
                self.db.execute(
                    "UPDATE articles SET story_id = ?, event = ?, reprint_of = ? WHERE id = ?",
                    (story_id[story], event, original, article_id),
                )
            known = {
                row["id"]: row["members"]
                for row in self.db.execute("SELECT id, members FROM stories")
            }
            for story, ids in members.items():
                sid = story_id[story]
                encoded = json.dumps(sorted(ids))
                if known.get(sid) != encoded:
                    changed.append(sid)
                self._write_story(sid, sorted(ids), encoded)
            stale = set(known) - set(story_id.values())
            for sid in stale:
                self.db.execute("DELETE FROM stories WHERE id = ?", (sid,))
        return changed

    def _write_story(self, sid: int, ids: list[int], encoded: str) -> None:
        marks = ",".join("?" * len(ids))
        rows = self.db.execute(
            f"SELECT id, title, date, outlet, event FROM articles WHERE id IN ({marks})", ids
        ).fetchall()
        dates = sorted(r["date"] for r in rows if r["date"])
        first = min(rows, key=lambda r: (r["date"] or "9999", r["id"]))
        outlets = {r["outlet"] or f"article {r['id']}" for r in rows}
        self.db.execute(
            "INSERT INTO stories (id, title, article_count, outlet_count, first_date, last_date, "
            "members, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
            "title = excluded.title, article_count = excluded.article_count, "
            "outlet_count = excluded.outlet_count, first_date = excluded.first_date, "
            "last_date = excluded.last_date, members = excluded.members, "
            "updated_at = excluded.updated_at",
            (
                sid,
                first["title"],
                len(rows),
                len(outlets),
                dates[0] if dates else None,
                dates[-1] if dates else None,
                encoded,
                now(),
            ),
        )
        self.db.execute("DELETE FROM events WHERE story_id = ?", (sid,))
        events: dict[int, list] = {}
        for r in rows:
            events.setdefault(r["event"] or 0, []).append(r)
        for event, members in events.items():
            first_date = min((r["date"] for r in members if r["date"]), default=None)
            self.db.execute(
                "INSERT INTO events (story_id, event, article_count, first_date) "
                "VALUES (?, ?, ?, ?)",
                (sid, event, len(members), first_date),
            )

    def story_members(self, story_id: int) -> list[int]:
        row = self.db.execute("SELECT members FROM stories WHERE id = ?", (story_id,)).fetchone()
        return json.loads(row["members"]) if row else []

    def save_comparison(self, story_id: int, comparison: dict) -> None:
        members = json.dumps(self.story_members(story_id))
        with self.db:
            self.db.execute(
                "INSERT INTO comparisons (story_id, comparison, members, updated_at) "
                "VALUES (?, ?, ?, ?) "
                "ON CONFLICT(story_id) DO UPDATE SET comparison = excluded.comparison, "
                "members = excluded.members, updated_at = excluded.updated_at",
                (story_id, json.dumps(comparison, ensure_ascii=False), members, now()),
            )
            self.db.execute("DELETE FROM claims WHERE story_id = ?", (story_id,))
            self.db.executemany(
                "INSERT INTO claims (story_id, claim, text, importance, article_count) "
                "VALUES (?, ?, ?, ?, ?)",
                [
                    (
                        story_id,
                        c["id"],
                        c["text"],
                        c["importance"],
                        len({m["evidence"]["article"] for m in c["members"]}),
                    )
                    for c in comparison["claims"]
                ],
            )

    def comparison(self, story_id: int) -> dict | None:
        row = self.db.execute(
            "SELECT comparison FROM comparisons WHERE story_id = ?", (story_id,)
        ).fetchone()
        return json.loads(row["comparison"]) if row else None

    def stories(self, query: str | None = None, limit: int = 200) -> list[sqlite3.Row]:
        """Stories, newest first; with a query, those whose articles or quotes match it."""
        if not query:
            return self.db.execute(
                "SELECT * FROM stories ORDER BY COALESCE(last_date, '') DESC, id DESC LIMIT ?",
                (limit,),
            ).fetchall()
        phrase = fts_phrase(query)
        return self.db.execute(
            "SELECT * FROM stories WHERE id IN ("
            " SELECT a.story_id FROM articles_fts f JOIN articles a ON a.id = f.rowid"
            " WHERE articles_fts MATCH :q"
            " UNION SELECT a.story_id FROM quotes_fts f JOIN quotes q ON q.id = f.rowid"
            " JOIN articles a ON a.id = q.article_id WHERE quotes_fts MATCH :q)"
            " ORDER BY COALESCE(last_date, '') DESC, id DESC LIMIT :limit",
            {"q": phrase, "limit": limit},
        ).fetchall()

    def story_card(self, story_id: int, query: str | None = None) -> dict:
        """What the story list shows of a story: its outlets, its lead, and with a search the
        words that matched (between \\x02 and \\x03, for the page to mark after escaping)."""
        rows = self.db.execute(
            "SELECT id, outlet, location, body FROM articles WHERE story_id = ? "
            "ORDER BY date IS NULL, date, id",
            (story_id,),
        ).fetchall()
        compared = self.comparison(story_id)  # names outlets found in the text too
        named = [a["outlet"] for a in compared["articles"]] if compared else []
        named = named or [r["outlet"] for r in rows if r["outlet"]]
        outlets = sorted(set(named), key=str.casefold)
        lead = next((r["body"] for r in rows if r["body"]), "")
        card = {"outlets": outlets, "lead": lead.split("\n", 1)[0][:280], "snippet": None}
        if query:
            hit = self.db.execute(
                "SELECT snippet(articles_fts, 1, char(2), char(3), '…', 24) FROM articles_fts f "
                "JOIN articles a ON a.id = f.rowid WHERE articles_fts MATCH ? AND a.story_id = ? "
                "LIMIT 1",
                (fts_phrase(query), story_id),
            ).fetchone()
            card["snippet"] = hit[0] if hit else None
        return card

    def story_articles(self, story_id: int) -> list[sqlite3.Row]:
        return self.db.execute(
            "SELECT id, title, outlet, date, event, reprint_of, location, url FROM articles "
            "WHERE story_id = ? ORDER BY COALESCE(date, ''), id",
            (story_id,),
        ).fetchall()

    def counts(self) -> dict[str, int]:
        return {
            table: self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "revisions", "quotes", "stories", "comparisons")
        }


def _extraction(article: Article) -> str:
    """The extracted article as JSON, with the text its spans index where that is not the
    stored input (an HTML page's visible text)."""
    record = article.to_dict()
    if article.source.text != _input_of(article.source):
        record["source_text"] = article.source.text
    return json.dumps(record, ensure_ascii=False)


def _article_from(source: SourceDocument, record: dict) -> Article:
    if "source_text" in record:
        source.raw, source.text = source.text, record["source_text"]
    span = record.get("title_span")
    return Article(
        source=source,
        title=record.get("title"),
        title_span=Span(span["start"], span["end"]) if span else None,
        authors=list(record.get("authors") or []),
        date=record.get("date"),
        outlet=record.get("outlet"),
        carried_by=record.get("carried_by"),
        language=record.get("language"),
        paragraphs=[
            Paragraph(p["text"], p["start"], p["end"], ParagraphKind(p["kind"]))
            for p in record["paragraphs"]
        ],
        dropped=[
            DroppedPart(d["text"], d["start"], d["end"], DropReason(d["reason"]))
            for d in record["dropped"]
        ],
    )


def _source_of(row: sqlite3.Row, text: str) -> SourceDocument:
    """A stored article's source document, with the given input text (current or earlier)."""
    return SourceDocument(
        location=row["location"],
        text=text,
        encoding=row["encoding"],
        kind=InputKind(row["kind"]),
        id=row["record_id"],
        url=row["url"],
        metadata=json.loads(row["metadata"]),
    )


def fts_phrase(query: str) -> str:
    """A user's words as an FTS5 query of plain terms, so no input is read as FTS syntax."""
    # NUL and other control characters are no words; SQLite would choke on some of them.
    query = "".join(ch if ch.isprintable() else " " for ch in query)
    words = [w.replace('"', '""') for w in query.split() if w.strip()]
    return " ".join(f'"{w}"' for w in words) or '""'


def grouping_record(item) -> dict:
    """A GroupItem as JSON, so grouping can run again without parsing the article again."""
    record = asdict(item)
    record["day"] = item.day.isoformat() if item.day else None
    return record


def group_item_from(record: dict):
    from crosswire.group import GroupItem, parse_day

    record = dict(record)
    record["day"] = parse_day(record["day"])
    return GroupItem(**record)


# ------------------------------------------------------------------ keeping the store current


def ingest_articles(
    store: Store, articles: Iterable[Article], settings: Settings = DEFAULT
) -> dict[str, list[int]]:
    """Annotate and store each article not stored yet, one transaction each.

    Returns the article ids by status: new, revised, unchanged.
    """
    from crosswire.workflow import understand_one

    done: dict[str, list[int]] = {"new": [], "revised": [], "unchanged": []}
    for article in articles:
        status, article_id = store.known(article)
        if status == "unchanged":
            done["unchanged"].append(article_id)
            continue
        result, item = understand_one(article, settings)
        added = store.add(article, result.quotes, grouping_record(item))
        done[added.status].append(added.article_id)
    return done


def _comparable(article: Article) -> bool:
    """Whether a parser reads the article's language: others are stored and grouped only."""
    from crosswire.workflow import MODEL_LANGUAGES

    return (article.language or "en") in MODEL_LANGUAGES


def refresh(store: Store, touched: Iterable[int] = (), settings: Settings = DEFAULT) -> list[int]:
    """Regroup the stored articles and compare again each story that changed.

    A story changed when its members did, or when one of them (``touched``) has a new text.
    Returns the ids of the stories compared again.
    """
    from crosswire.group import group_items
    from crosswire.workflow import compare_articles

    rows = store.grouping_rows()
    if not rows:
        return []
    items = []
    for article_id, record in rows:
        item = group_item_from(record)
        item.key = str(article_id)
        items.append(item)
    placements = group_items(items, settings.group, events=settings.events)
    mapping = {
        int(p.key): (p.story, p.event, int(p.reprint.original) if p.reprint else None)
        for p in placements
    }
    changed = set(store.save_groups(mapping))
    touched = set(touched)
    story_of = {article_id: store.article_row(article_id)["story_id"] for article_id in touched}
    changed |= {sid for sid in story_of.values() if sid is not None}
    compared = []
    for story_id in sorted(changed):
        members = store.story_members(story_id)
        if len(members) < 2:
            continue
        loaded = {i: store.load_article(i) for i in members}
        members = [i for i in members if _comparable(loaded[i])]
        if len(members) < 2:
            continue
        articles = [loaded[i] for i in members]
        comparison = compare_articles(articles, [str(i) for i in members], settings)
        store.save_comparison(story_id, comparison.to_dict())
        compared.append(story_id)
    return compared
