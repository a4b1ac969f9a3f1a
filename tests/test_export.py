"""`crosswire export`: the store's tables as CSV and Parquet that pandas reads back whole."""

from __future__ import annotations

import pytest

from crosswire.store import Store
from tests.clirun import crosswire


@pytest.mark.parametrize("form", ["csv", "parquet"])
def test_export_writes_every_table_and_pandas_reads_the_same_rows(hostile_store, tmp_path, form):
    pandas = pytest.importorskip("pandas")
    out = tmp_path / form
    done = crosswire("export", "--db", str(hostile_store), "--out", str(out), "-f", form)
    assert done.returncode == 0, done.stderr
    read = pandas.read_csv if form == "csv" else pandas.read_parquet
    frames = {path.stem: read(path) for path in out.glob(f"*.{form}")}
    assert set(frames) == {
        "articles", "quotes", "stories", "claims", "claim_cells", "conflicts", "framing_cues",
        "outlets",
    }  # fmt: skip
    with Store(hostile_store) as store:
        for table in ("articles", "quotes", "stories", "claims"):
            (count,) = store.db.execute(f"SELECT count(*) FROM {table}").fetchone()
            assert len(frames[table]) == count, table
        articles = {int(a["article_id"]): store.load_article(int(a["article_id"])) for _, a in
                    frames["articles"].iterrows()}  # fmt: skip
    cells = frames["claim_cells"]
    assert set(cells["coverage"]) <= {"reports", "omits", "contradicts"}
    assert len(cells) == len(frames["claims"]) * len(frames["articles"])
    for table in ("conflicts", "framing_cues", "claim_cells"):
        rows = frames[table].dropna(subset=["start"])
        assert len(rows), table
        for _, row in rows.iterrows():
            text = articles[int(row["article_id"])].source.text
            assert text[int(row["start"]) : int(row["end"])] == row["text"], table
    assert frames["outlets"]["articles"].sum() == len(frames["articles"])


def test_export_of_a_missing_store_is_one_line(tmp_path):
    done = crosswire("export", "--db", str(tmp_path / "none.db"), "--out", str(tmp_path / "x"))
    assert (
        done.returncode == 2 and "no such store" in done.stderr and "Traceback" not in done.stderr
    )


def test_a_run_folder_exports_the_same_tables(tmp_path):
    pandas = pytest.importorskip("pandas")
    from crosswire.batch.run import run, run_settings
    from tests.conftest import EXAMPLES

    out = tmp_path / "run"
    run([EXAMPLES], out, run_settings(partition_size=2, workers=1))
    done = crosswire("export", "--db", str(out), "--out", str(tmp_path / "csv"))
    assert done.returncode == 0, done.stderr
    frames = {p.stem: pandas.read_csv(p) for p in (tmp_path / "csv").glob("*.csv")}
    assert len(frames["articles"]) == 5 and frames["articles"]["story_id"].nunique() == 1
    assert len(frames["claim_cells"]) == len(frames["claims"]) * 5
    assert "number" in set(frames["conflicts"]["kind"])
    quotes = sum(1 for p in (out / "quotes").glob("*.jsonl") for line in p.open() if line.strip())
    assert len(frames["quotes"]) == quotes


def test_the_store_opens_in_datasette_with_its_table_descriptions(hostile_store, tmp_path):
    pytest.importorskip("datasette")
    import asyncio
    import json

    from datasette.app import Datasette

    crosswire("export", "--db", str(hostile_store), "--out", str(tmp_path))
    metadata = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))

    async def browse():
        datasette = Datasette([str(hostile_store)], metadata=metadata)
        await datasette.invoke_startup()
        database = hostile_store.stem
        tables = await datasette.client.get(f"/{database}.json")
        articles = await datasette.client.get(f"/{database}/articles.json?_shape=array")
        page = await datasette.client.get(f"/{database}/quotes")
        return tables.status_code, articles.json(), page.text

    status, articles, page = asyncio.run(browse())
    assert status == 200 and len(articles) == 6
    assert "Direct and partial quotes with their speaker." in page
