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
