"""The SQLite store: idempotent, resumable ingest, revisions, full-text search."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from crosswire.ingest.inputs import load_articles
from crosswire.store import Store, fts_phrase, ingest_articles, refresh
from tests.clirun import crosswire
from tests.conftest import EXAMPLES, REPO

TOPICS = [
    ("Lindholm", "bridge", "Anna Berg", "We are working day and night to reopen the bridge"),
    ("Varnholt", "hospital", "Piet Olsen", "The new wing will open to patients in the spring"),
    ("Osterby", "school", "Maja Lund", "Every child in the district will have a place by autumn"),
]


def corpus_records(count: int) -> list[dict]:
    records = []
    for number in range(count):
        town, thing, person, words = TOPICS[number % len(TOPICS)]
        text = (
            f"Council report {number}: the {thing} in {town}\n\n"
            f"Officials in {town} said on Monday that work on the {thing} had reached stage "
            f"{number}, and that the budget for the project had been approved by the council.\n\n"
            f'"{words}, and stage {number} is done," {person} told reporters in {town}.\n'
        )
        records.append({"id": f"r{number}", "url": f"https://news.example/{number}", "text": text})
    return records


def write_jsonl(path, records) -> None:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")


def test_ingest_is_idempotent_and_compares_the_story(tmp_path):
    store = Store(tmp_path / "cw.db")
    first = ingest_articles(store, list(load_articles([EXAMPLES])))
    assert len(first["new"]) == 5
    assert refresh(store, first["revised"]) == [1]
    again = ingest_articles(store, list(load_articles([EXAMPLES])))
    assert len(again["unchanged"]) == 5 and not again["new"]
    assert refresh(store) == []
    counts = store.counts()
    assert counts["articles"] == 5 and counts["stories"] == 1 and counts["comparisons"] == 1
    assert store.comparison(1)["schema"].endswith("/comparison/1")
    store.close()


def test_a_new_text_under_a_known_url_is_a_revision(tmp_path):
    path = tmp_path / "feed.jsonl"
    record = corpus_records(1)[0]
    write_jsonl(path, [record])
    store = Store(tmp_path / "cw.db")
    ingest_articles(store, list(load_articles([path])))
    record["text"] = record["text"].replace("approved", "approved unanimously")
    write_jsonl(path, [record])
    done = ingest_articles(store, list(load_articles([path])))
    assert done["revised"] == [1]
    row = store.article_row(1)
    assert row["revision"] == 2 and "unanimously" in row["body"]
    (old,) = store.db.execute("SELECT input FROM revisions WHERE article_id = 1").fetchall()
    assert "unanimously" not in old["input"]
    store.close()


def test_reingesting_files_that_share_a_url_adds_no_revision(tmp_path):
    shared = "https://news.example/one-url"
    records = [r | {"url": shared} for r in corpus_records(3)]
    for number, record in enumerate(records):
        write_jsonl(tmp_path / f"file{number}.jsonl", [record])
    paths = sorted(tmp_path.glob("file*.jsonl"))
    store = Store(tmp_path / "cw.db")
    first = ingest_articles(store, list(load_articles(paths)))
    assert (len(first["new"]), len(first["revised"])) == (1, 2)
    body = store.article_row(1)["body"]
    for _ in range(2):
        again = ingest_articles(store, list(load_articles(paths)))
        assert (again["new"], again["revised"], len(again["unchanged"])) == ([], [], 3)
    row = store.article_row(1)
    assert row["revision"] == 3 and row["body"] == body
    store.close()


def test_search_takes_any_words_without_fts_syntax_errors(tmp_path):
    store = Store(tmp_path / "cw.db")
    ingest_articles(store, list(load_articles([EXAMPLES])))
    refresh(store)
    assert store.stories("Varga")
    assert store.stories('ammonium "nitrate') is not None
    assert store.stories("NEAR( OR * -") == []
    assert fts_phrase('say "hi"') == '"say" """hi"""'
    store.close()


def test_the_store_opens_as_plain_sqlite(tmp_path):
    store = Store(tmp_path / "cw.db")
    ingest_articles(store, list(load_articles([EXAMPLES])))
    store.close()
    with sqlite3.connect(tmp_path / "cw.db") as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        mode = db.execute("PRAGMA journal_mode").fetchone()[0]
    assert {"articles", "quotes", "stories", "events", "claims", "comparisons"} <= tables
    assert mode == "wal"


def test_killing_ingest_mid_batch_loses_and_duplicates_nothing(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    write_jsonl(corpus, corpus_records(12))
    db = tmp_path / "cw.db"
    command = [sys.executable, "-m", "crosswire", "ingest", str(corpus), "--db", str(db)]
    process = subprocess.Popen(command, cwd=REPO, stderr=subprocess.PIPE)
    stored = 0
    deadline = time.time() + 240
    while time.time() < deadline and process.poll() is None:
        stored = _count(db)
        if stored >= 2:
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.05)
    process.wait()
    assert 0 < stored < 12, "the batch was killed part-way"
    finished = crosswire(*command[3:], cwd=REPO)  # the rerun, in this process
    assert finished.returncode == 0, finished.stderr
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM articles").fetchone()[0] == 12
        duplicates = connection.execute(
            "SELECT count(*) FROM (SELECT article_id, start, end FROM quotes "
            "GROUP BY article_id, start, end HAVING count(*) > 1)"
        ).fetchone()[0]
        assert duplicates == 0
        assert connection.execute("SELECT count(*) FROM quotes").fetchone()[0] >= 12
    assert "unchanged" in finished.stderr


def _count(db) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=1) as connection:
            return connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_stored_articles_come_back_as_extracted_without_extracting_again(hostile_store):
    from crosswire.workflow import read_paths

    with Store(hostile_store) as store:
        rows = store.db.execute("SELECT id, location, extracted FROM articles").fetchall()
        assert rows and all(row["extracted"] for row in rows)
        fresh = {a.source.location: a for a in read_paths([EXAMPLES, hostile_store.parent])}
        for row in rows:
            stored, extracted = store.load_article(row["id"]), fresh[row["location"]]
            assert stored.to_dict() == extracted.to_dict()
            assert stored.source.text == extracted.source.text  # what every span indexes
            assert stored.source.raw == extracted.source.raw


def test_a_store_from_before_schema_versions_is_migrated_and_reads_as_before(tmp_path):
    from crosswire.store import MIGRATIONS

    db = tmp_path / "old.db"
    with Store(db) as store:
        ingest_articles(store, list(load_articles([EXAMPLES / "harbour-ledger.txt"])))
        before = store.load_article(1).to_dict()
        # As a store written before this migration was: no extraction kept, no version.
        store.db.execute("ALTER TABLE articles DROP COLUMN extracted")
        store.db.execute("PRAGMA user_version = 0")
    with Store(db) as store:
        version = store.db.execute("PRAGMA user_version").fetchone()[0]
        assert version == len(MIGRATIONS)
        assert store.load_article(1).to_dict() == before
        assert store.counts()["articles"] == 1


def test_a_store_newer_than_this_crosswire_is_refused(tmp_path):
    db = tmp_path / "new.db"
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA user_version = 999")
    with pytest.raises(sqlite3.DatabaseError, match="upgrade Crosswire"):
        Store(db)


def test_a_revised_article_shows_what_changed(tmp_path):
    from fastapi.testclient import TestClient

    from crosswire.render.revisions import word_diff
    from crosswire.web import create_app

    path = tmp_path / "feed.jsonl"
    record = corpus_records(1)[0]
    write_jsonl(path, [record])
    store = Store(tmp_path / "cw.db")
    ingest_articles(store, list(load_articles([path])))
    record["text"] = (
        record["text"].replace("stage 0", "stage 4").replace("Anna Berg", "Piet Olsen")
        + "\nThe council met again on Friday.\n"
    )
    write_jsonl(path, [record])
    ingest_articles(store, list(load_articles([path])))
    (old,) = store.revisions_of(1)
    assert old["revision"] == 1 and "stage 0" in old["body"]
    store.close()
    kinds = {(p.change, p.kind) for p in word_diff(old["body"], "stage 4 is done")}
    assert ("added", "number") in kinds
    page = TestClient(create_app(tmp_path / "cw.db")).get("/article/1").text
    assert "Changed since first stored" in page
    assert '<ins class="diff number" title="added number">4' in page
    assert '<del class="diff name" title="removed name">Anna Berg</del>' in page
    assert '<ins class="diff words" title="added words">The council met again' in page
