"""`crosswire run`: the batch pipeline, its tables, resuming, and Dask giving the same output."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crosswire.batch.run import run, run_settings
from crosswire.batch.tables import read_table
from tests.clirun import crosswire

from .conftest import EXAMPLES

TABLE_FILES = ("articles", "quotes", "claims", "errors", "comparisons")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The examples as one JSONL corpus, with two lines that cannot be read."""
    from crosswire.ingest.inputs import load_articles

    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    with open(path, "w", encoding="utf-8") as handle:
        for number, article in enumerate(load_articles([EXAMPLES])):
            record = {
                "id": f"example-{number}",
                "title": article.title,
                "text": "\n\n".join(p.text for p in article.paragraphs),
                "outlet": article.outlet or Path(article.source.location).stem,
                "date": article.date,
            }
            handle.write(json.dumps(record) + "\n")
            if number == 1:
                handle.write("{not json\n")
                handle.write(json.dumps({"id": "empty", "text": "   "}) + "\n")
    return path


@pytest.fixture(scope="module")
def local_run(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("local")
    run([corpus], out, run_settings(partition_size=2, workers=1))
    return out


def snapshot(out: Path) -> dict[str, str]:
    files = {"stories.jsonl": (out / "stories.jsonl").read_text(encoding="utf-8")}
    for name in TABLE_FILES:
        for path in sorted((out / name).glob("*.jsonl")):
            files[f"{name}/{path.name}"] = path.read_text(encoding="utf-8")
    return files


def test_run_writes_every_table_in_partitions(local_run: Path):
    articles = list(read_table(local_run, "articles"))
    assert len(articles) == 5
    assert len(list((local_run / "articles").glob("part-*.jsonl"))) == 4  # 7 lines, 2 a part
    errors = list(read_table(local_run, "errors"))
    assert len(errors) == 2
    assert any("not valid JSON" in e["error"] for e in errors)
    assert any("empty" in e["error"] for e in errors)
    stories = list(read_table(local_run, "stories"))
    assert {row["article"] for row in stories} == {a["article"] for a in articles}
    assert len({row["story"] for row in stories}) == 1
    quotes = list(read_table(local_run, "quotes"))
    assert quotes and all(q["article"].startswith("example-") for q in quotes)
    assert list(read_table(local_run, "claims"))
    manifest = json.loads((local_run / "run.json").read_text(encoding="utf-8"))
    assert manifest["articles"] == 5 and manifest["errors"] == 2


def test_run_compares_the_story_with_evidence_that_holds(local_run: Path, corpus: Path):
    texts = {}
    for line in corpus.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        texts[record["id"]] = record["text"]
    (row,) = list(read_table(local_run, "comparisons"))
    comparison = row["comparison"]
    assert len(comparison["articles"]) == 5
    assert comparison["quotes"], "the planted quote variants are aligned"
    assert any(c["kind"] == "number" for c in comparison["conflicts"])
    for claim in comparison["claims"]:
        for member in claim["members"]:
            evidence = member["evidence"]
            assert (
                texts[evidence["article"]][evidence["start"] : evidence["end"]]
                == (evidence["text"])
            )


def test_a_rerun_skips_finished_partitions_and_redoes_a_broken_one(local_run, corpus, tmp_path):
    out = tmp_path / "again"
    shutil.copytree(local_run, out)
    before = snapshot(out)
    (out / "partitions" / "part-00001.done").unlink()
    report = run([corpus], out, run_settings(partition_size=2, workers=1))
    assert (report.partitions_skipped, report.partitions_done) == (3, 1)
    assert snapshot(out) == before


def test_a_rerun_redoes_what_changed_in_the_input(corpus, tmp_path):
    """Edited, appended and removed records are redone; the tables then equal a fresh run's."""
    edited = tmp_path / "corpus.jsonl"
    out = tmp_path / "run"
    shutil.copy(corpus, edited)
    run([edited], out, run_settings(partition_size=2, workers=1))
    lines = edited.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    first["text"] = first["text"].replace("Harbour", "Harbor", 1) + "\n\nA late correction."
    appended = json.loads(lines[4]) | {"id": "example-appended", "outlet": "Late Wire"}
    lines = [json.dumps(first), *lines[1:], json.dumps(appended)]
    edited.write_text("\n".join(lines) + "\n", encoding="utf-8")

    report = run([edited], out, run_settings(partition_size=2, workers=1))
    assert (report.partitions_done, report.partitions_skipped) == (2, 2)
    fresh = tmp_path / "fresh"
    run([edited], fresh, run_settings(partition_size=2, workers=1))
    assert snapshot(out) == snapshot(fresh)
    assert any(a["article"] == "example-appended" for a in read_table(out, "articles"))

    edited.write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")  # shorter: 2 parts
    run([edited], out, run_settings(partition_size=2, workers=1))
    assert len(list((out / "articles").glob("part-*.jsonl"))) == 2
    assert len(list(read_table(out, "articles"))) == 2
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["articles"] == 2


def test_a_run_refuses_a_folder_of_another_run(local_run, tmp_path):
    from crosswire.errors import CrosswireError

    out = tmp_path / "other"
    shutil.copytree(local_run, out)
    with pytest.raises(CrosswireError, match="another --out folder"):
        run([EXAMPLES], out, run_settings(partition_size=2))


def test_a_run_refuses_a_folder_an_older_version_wrote(local_run, corpus, tmp_path):
    # Its pickled facts lack the fields this version reads: resuming would fail half-way.
    from crosswire.errors import CrosswireError

    out = tmp_path / "older"
    shutil.copytree(local_run, out)
    manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
    (out / "run.json").write_text(json.dumps({**manifest, "format": 1}), encoding="utf-8")
    with pytest.raises(CrosswireError, match="another --out folder"):
        run([corpus], out, run_settings(partition_size=2, workers=1))


def test_cli_run_reports_unreadable_lines_and_exits_1(corpus, tmp_path):
    out = tmp_path / "cli"
    result = crosswire("run", str(corpus), "--out", str(out), "--workers", "1")
    assert result.returncode == 1, result.stderr
    assert "5 articles in 1 story, 1 compared" in result.stderr
    assert "2 inputs could not be read" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_run_loads_the_store(corpus, tmp_path):
    from crosswire.store import Store

    db = tmp_path / "run.db"
    args = ["run", str(corpus), "--out", str(tmp_path / "o"), "--workers", "1", "--db", str(db)]
    crosswire(*args)
    with Store(db) as store:
        counts = store.counts()
    assert counts["articles"] == 5 and counts["stories"] == 1


@pytest.mark.parametrize("partition_size", [3])
def test_dask_local_cluster_gives_the_local_output(local_run, corpus, tmp_path, partition_size):
    pytest.importorskip("dask.distributed")
    local = tmp_path / "local"
    run([corpus], local, run_settings(partition_size=partition_size, workers=2))
    dask = tmp_path / "dask"
    run([corpus], dask, run_settings(engine="dask", workers=2, partition_size=partition_size))
    assert snapshot(dask) == snapshot(local)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_dask_against_a_scheduler_started_separately(local_run, corpus, tmp_path):
    pytest.importorskip("dask.distributed")
    bin_dir = Path(sys.executable).parent
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    common = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    scheduler = subprocess.Popen(
        [bin_dir / "dask", "scheduler", "--host", "127.0.0.1", "--port", str(port),
         "--no-dashboard"], **common,
    )  # fmt: skip
    workers = [
        subprocess.Popen(
            [bin_dir / "dask", "worker", address, "--nthreads", "1", "--no-dashboard"], **common
        )
        for _ in range(2)
    ]
    try:
        from dask.distributed import Client

        deadline = time.monotonic() + 60
        with Client(address, timeout="30s") as client:
            while len(client.scheduler_info()["workers"]) < 2 and time.monotonic() < deadline:
                time.sleep(0.5)
        out = tmp_path / "remote"
        args = ["run", str(corpus), "--out", str(out), "--engine", "dask", "--scheduler", address]
        result = crosswire(*args, "--partition-size", "2")
        assert result.returncode == 1, result.stderr  # the two unreadable lines
        assert snapshot(out) == snapshot(local_run)
    finally:
        for process in [*workers, scheduler]:
            process.terminate()
        for process in [*workers, scheduler]:
            process.wait(timeout=30)


def test_an_unreachable_scheduler_is_one_clear_error(corpus, tmp_path, monkeypatch):
    pytest.importorskip("dask.distributed")
    monkeypatch.setenv("CROSSWIRE_DASK_TIMEOUT", "2s")  # the 20 s default, shortened
    address = f"tcp://127.0.0.1:{_free_port()}"
    args = ["run", str(corpus), "--out", str(tmp_path / "x"), "--engine", "dask"]
    result = crosswire(*args, "--scheduler", address)
    assert result.returncode == 2
    assert "cannot reach the Dask scheduler" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_ingest_error_crosses_processes_intact():
    import pickle

    from crosswire.errors import IngestError

    error = pickle.loads(pickle.dumps(IngestError("corpus.jsonl:3", "not valid JSON")))
    assert (error.location, error.message) == ("corpus.jsonl:3", "not valid JSON")
    assert str(error) == "corpus.jsonl:3: not valid JSON"


def test_run_finds_the_seed_story_and_its_two_events(seeds_dir, tmp_path):
    run([seeds_dir], tmp_path / "seeds", run_settings(workers=1))
    rows = list(read_table(tmp_path / "seeds", "stories"))
    assert len({row["story"] for row in rows}) == 1
    events: dict[int, set[str]] = {}
    for row in rows:
        events.setdefault(row["event"], set()).add(Path(row["article"]).name[:3])
    assert sorted(events.values(), key=len) == [{"001"}, {"000", "002", "003", "004"}]


def test_replaced_workers_give_the_same_tables(local_run, corpus, tmp_path):
    out = tmp_path / "recycled"
    run([corpus], out, run_settings(partition_size=2, workers=2, tasks_per_worker=1))
    assert snapshot(out) == snapshot(local_run)


def test_killing_a_run_ends_its_workers(tmp_path):
    import os
    import signal

    psutil = pytest.importorskip("psutil")
    corpus_path = tmp_path / "many.jsonl"
    with open(corpus_path, "w", encoding="utf-8") as handle:
        for number in range(200):
            text = f"Officials said on Monday that {number} people were moved. " * 20
            handle.write(json.dumps({"id": str(number), "text": text}) + "\n")
    command = [sys.executable, "-m", "crosswire", "run", str(corpus_path), "--out"]
    process = subprocess.Popen(
        [*command, str(tmp_path / "o"), "--workers", "2", "--partition-size", "5"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    parent = psutil.Process(process.pid)
    deadline = time.monotonic() + 60
    # Workers are forked from a fork server, a child of the run: count the whole tree.
    while len(parent.children(recursive=True)) < 3 and time.monotonic() < deadline:
        time.sleep(0.2)
    workers = parent.children(recursive=True)
    assert workers, "the run started no worker"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    _gone, alive = psutil.wait_procs(workers, timeout=15)
    assert not alive, f"workers still running after the run was killed: {alive}"


def test_ctrl_c_on_a_run_says_how_to_resume(tmp_path):
    import signal

    corpus_path = tmp_path / "many.jsonl"
    with open(corpus_path, "w", encoding="utf-8") as handle:
        for number in range(200):
            text = f"Officials said on Monday that {number} people were moved. " * 20
            handle.write(json.dumps({"id": str(number), "text": text}) + "\n")
    out = tmp_path / "o"
    command = [sys.executable, "-m", "crosswire", "run", str(corpus_path), "--out", str(out)]
    process = subprocess.Popen(
        [*command, "--workers", "1", "--partition-size", "5"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        # A shell starts background jobs with SIGINT ignored, and a child keeps that: the run
        # would finish and exit 0 when the suite itself runs in the background ("make test &").
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 90
    while not list(out.glob("partitions/*.done")) and time.monotonic() < deadline:
        time.sleep(0.2)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "run the same command again to resume" in stderr and "Traceback" not in stderr


def blas_threads(_item) -> list[int]:
    import numpy  # noqa: F401  (loads OpenBLAS, so that it is counted)
    from threadpoolctl import threadpool_info

    return sorted({pool["num_threads"] for pool in threadpool_info()})


def test_tasks_run_on_one_blas_thread_in_both_engines():
    # Found when Dask's tables differed from the local ones on 2,000 corpus articles: Dask gives
    # its workers one BLAS thread, a local pool's workers had one per core, so claim vectors were
    # summed in another order.
    from crosswire.batch.engines import DaskEngine, LocalEngine

    local = LocalEngine(workers=2)
    try:
        assert list(local.map(blas_threads, [0, 1])) == [[1], [1]]
    finally:
        local.close()
    dask = DaskEngine(workers=2)
    try:
        assert list(dask.map(blas_threads, [0, 1])) == [[1], [1]]
    finally:
        dask.close()


def models_in_memory(_item) -> tuple[int, int]:
    from crosswire.nlp import embed
    from crosswire.nlp import parse as nlp

    return nlp.load_pipeline.cache_info().currsize, embed.load_encoder.cache_info().currsize


def test_local_workers_start_with_the_models_loaded():
    # Each worker used to import and load the models itself, some 9 s a worker, and workers are
    # replaced every TASKS_PER_WORKER tasks; they are now forked from a server that loaded them.
    import multiprocessing

    from crosswire.batch.engines import LocalEngine

    if "forkserver" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork server on this platform")
    local = LocalEngine(workers=2)
    try:
        assert list(local.map(models_in_memory, [0, 1])) == [(1, 1), (1, 1)]
    finally:
        local.close()
