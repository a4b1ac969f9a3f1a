"""End-to-end throughput of `crosswire run`, against the naive design and our model-bound limit.

The corpus is bench/corpus.py's: BASIL bodies, PolNeAR texts and NeuS title+lead items, shuffled
with a fixed seed. In one run this script reports:

- `crosswire run` (local engine, one worker per core) at each ``--sizes``: articles/s end to end,
  the share of each stage, and the peak RSS of the whole process tree (main and workers);
- the naive design on a ``--sample`` of the same corpus: spaCy's full pipeline on every article
  and MiniLM on every sentence, no Crosswire code, one process as a plain script would;
- the model-bound limit of our design: the models a run actually uses, bare, on the same inputs,
  one thread each, spread ideally over the cores. On the sample: spaCy on the paragraphs and
  titles, MiniLM on titles and leads, the static model on the claim sentences. On the largest
  run: MiniLM on the quotes and sentences its comparison stage embeds (found by comparing its
  stories again with the encoder recording what it is given);
- the ceiling that limit puts on the ratio to the naive design, and the ceiling of the same
  design with spaCy's parser left out altogether (the most that parsing only the sentences that
  need a parse could save);
- the Dask engine (a LocalCluster, one worker per core) against the local engine on
  ``--dask-size`` articles;
- ours against the naive design again on ``--full`` whole articles (BASIL and PolNeAR only).

    python bench/throughput.py [--sizes 1000 10000] [--sample 500] [--dask-size 2000] [--full 300]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

CORES = os.cpu_count() or 1


def peak_rss_of(command: list[str]) -> tuple[float, int, float, float]:
    """Run a command; return its wall seconds, exit code, and the peak RSS and peak PSS (MB) of
    its process tree.

    RSS counts a page shared by several processes once in each (the models a fork server loaded
    and its workers share); PSS divides it between them, so their sum is the memory in use.
    """
    import psutil

    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = pss_peak = main_peak = worker_peak = 0.0
    watched = psutil.Process(process.pid)
    stop = threading.Event()

    def watch() -> None:
        nonlocal peak, pss_peak, main_peak, worker_peak
        while not stop.is_set():
            try:
                tree = [watched, *watched.children(recursive=True)]
                memory = [p.memory_full_info() for p in tree]
                rss = [m.rss / 2**20 for m in memory]
                peak = max(peak, sum(rss))
                pss_peak = max(pss_peak, sum(m.pss for m in memory) / 2**20)
                main_peak = max(main_peak, rss[0])
                worker_peak = max([worker_peak, *rss[1:]])
            except psutil.Error:
                pass
            stop.wait(0.2)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    _, stderr = process.communicate()
    stop.set()
    thread.join()
    if process.returncode not in (0, 1):
        print(stderr.decode("utf-8", "replace")[-2000:], file=sys.stderr)
    print(f"  peak RSS: main process {main_peak:.0f} MB, largest child {worker_peak:.0f} MB")
    return time.perf_counter() - started, process.returncode, peak, pss_peak


def crosswire_run(path: Path, out: Path, engine: str = "local") -> dict:
    command = [sys.executable, "-m", "crosswire", "run", str(path), "--out", str(out)]
    command += ["--engine", engine, "--workers", str(CORES)]
    wall, code, peak, pss = peak_rss_of(command)
    manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
    return {"wall": wall, "code": code, "peak_mb": peak, "pss_mb": pss, "manifest": manifest}


def naive(records: list[dict]) -> float:
    """Seconds for full spaCy on every article and MiniLM on every sentence, in one process."""
    import spacy

    from crosswire.nlp.embed import MAX_TOKENS, load_encoder
    from crosswire.nlp.parse import MODEL

    nlp = spacy.load(MODEL)
    encoder = load_encoder()
    encoder.max_seq_length = MAX_TOKENS
    texts = [r["text"] for r in records]
    list(nlp.pipe(texts[:20]))
    encoder.encode(texts[:20])
    started = time.perf_counter()
    sentences = [s.text for doc in nlp.pipe(texts, batch_size=64) for s in doc.sents]
    encoder.encode(sentences, batch_size=64, show_progress_bar=False)
    return time.perf_counter() - started


def model_bound(records: list[dict]) -> dict[str, float]:
    """Seconds each model of our design takes, bare and on one thread, on the sample; and
    spaCy's seconds without its parser, which no design that keeps the outputs can drop more of."""
    import torch

    from crosswire.comparison.facts import article_facts
    from crosswire.ingest.inputs import safe_extract
    from crosswire.model import InputKind, SourceDocument
    from crosswire.nlp.embed import embed_leads, embed_static, load_encoder, load_static
    from crosswire.nlp.parse import _MARKS, _title_text, annotate_many, load_pipeline
    from crosswire.nlp.quotes import quotes_across

    torch.set_num_threads(1)
    articles = []
    for number, record in enumerate(records):
        metadata = {k: record[k] for k in ("title", "outlet", "date") if record.get(k)}
        source = SourceDocument(
            location="sample.jsonl",
            text=record["text"],
            encoding="utf-8",
            kind=InputKind.JSONL,
            id=record["id"],
            metadata={**metadata, "line": number + 1},
        )
        article = safe_extract(source)
        if not isinstance(article, Exception):
            articles.append(article)
    # The inputs our run gives each model, gathered first so that only the models are timed.
    annotated = list(annotate_many(articles))
    quoted = quotes_across(annotated)
    pairs = zip(annotated, quoted, strict=True)
    facts = [article_facts(a, q, str(i), embed_static) for i, (a, q) in enumerate(pairs)]
    paragraphs = []
    for article in articles:
        paragraphs.append(_title_text(article).translate(_MARKS))
        paragraphs.extend(p.text.translate(_MARKS) for p in article.paragraphs)
    leads = [f.group.text for f in facts]
    sentences = [u.evidence.text for f in facts for u in f.units]
    nlp, encoder, static = load_pipeline(), load_encoder(), load_static()
    list(nlp.pipe(paragraphs[:50]))
    embed_leads(["warm up"])
    static.encode(["warm up"])
    seconds = {}
    started = time.perf_counter()
    for _ in nlp.pipe(paragraphs, batch_size=64):
        pass
    seconds["spacy"] = time.perf_counter() - started
    with nlp.select_pipes(disable=["parser"]):
        started = time.perf_counter()
        for _ in nlp.pipe(paragraphs, batch_size=64):
            pass
        without_parser = time.perf_counter() - started
    encoder.max_seq_length = 96
    started = time.perf_counter()
    encoder.encode(leads, batch_size=64, show_progress_bar=False)
    seconds["minilm (titles and leads)"] = time.perf_counter() - started
    started = time.perf_counter()
    static.encode(sentences, show_progress_bar=False)
    seconds["static (claim sentences)"] = time.perf_counter() - started
    seconds["articles"] = len(articles)
    return seconds, without_parser


def comparison_inputs(out: Path) -> dict[int, list[str]]:
    """The texts a finished run's comparison stage gives MiniLM, by word-piece limit.

    Its stories are compared again in this process, into a scratch folder, with the encoder
    recording each call. One process keeps one vector cache where the run's workers kept one
    each, so this finds at most what the run embedded: the limit it gives is not too low.
    """
    import shutil

    from threadpoolctl import threadpool_limits

    from crosswire.batch import run as pipeline
    from crosswire.batch.engines import LocalEngine
    from crosswire.batch.tables import FactStore
    from crosswire.nlp import embed

    encoder = embed.load_encoder()
    stock = encoder.encode
    recorded: dict[int, list[str]] = {}

    def recording(texts, *args, **kwargs):
        recorded.setdefault(encoder.max_seq_length, []).extend(texts)
        return stock(texts, *args, **kwargs)

    scratch = out.parent / f"{out.name}-replay"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    facts = FactStore(out / "facts.sqlite")
    encoder.encode = recording
    embed.clear_cache()
    try:
        with threadpool_limits(limits=1):  # as in the run's workers, so the same decisions
            placements = pipeline._group(scratch, facts)
            pipeline._compare_stories(scratch, facts, placements, LocalEngine(1))
    finally:
        encoder.encode = stock
        facts.close()
    return recorded


def comparison_seconds(out: Path) -> float:
    """Seconds MiniLM takes, bare and on one thread, on a run's comparison inputs."""
    import torch

    from crosswire.nlp.embed import load_encoder

    torch.set_num_threads(1)
    inputs = comparison_inputs(out)
    encoder = load_encoder()
    started = time.perf_counter()
    for max_tokens, texts in inputs.items():
        encoder.max_seq_length = max_tokens
        encoder.encode(texts, batch_size=64, show_progress_bar=False)
    spent = time.perf_counter() - started
    count = sum(len(texts) for texts in inputs.values())
    print(f"  comparison stage of the {out.name} run: MiniLM on {count} texts, {spent:.1f} s bare")
    return spent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--sample", type=int, default=500)
    parser.add_argument("--dask-size", type=int, default=2000)
    parser.add_argument(
        "--full",
        type=int,
        default=300,
        help="also time crosswire and the naive design on this many whole articles (0: skip)",
    )
    parser.add_argument("--skip", nargs="*", default=[], choices=["naive", "bound", "dask"])
    args = parser.parse_args()
    if not corpus.available():
        print(f"BASIL, PolNeAR or NeuS not found under {corpus.DATA}", file=sys.stderr)
        return 2
    print(f"machine: {CORES} cores; corpus: bench/corpus.py (BASIL, PolNeAR, NeuS), seed 0")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        results = {}
        for size in args.sizes:
            path = work / f"corpus-{size}.jsonl"
            corpus.write(path, size)
            result = crosswire_run(path, work / f"run-{size}")
            results[size] = result
            seconds = result["manifest"]["seconds"]
            rate = result["manifest"]["articles"] / result["wall"]
            print(
                f"crosswire run, {size} articles: {result['wall']:.0f} s, {rate:.2f} articles/s "
                f"end to end (process start and model loading included); "
                f"peak RSS {result['peak_mb']:.0f} MB, peak PSS {result['pss_mb']:.0f} MB"
            )
            stages = {k: v for k, v in seconds.items() if k != "partitions (wall)"}
            total = sum(stages.values())
            shares = ", ".join(f"{k} {100 * v / total:.0f}%" for k, v in stages.items())
            print(f"  stage shares of busy time: {shares}")
        largest = max(args.sizes)
        ours = results[largest]["manifest"]["articles"] / results[largest]["wall"]
        if len(args.sizes) > 1:
            smallest = min(args.sizes)
            for measure, key in (("RSS", "peak_mb"), ("PSS", "pss_mb")):
                ratio = results[largest][key] / results[smallest][key]
                print(
                    f"peak {measure} {largest} / {smallest} articles: {ratio:.2f}x (target <= 1.2x)"
                )
        sample = corpus.records(args.sample)
        naive_rate = None
        if "naive" not in args.skip:
            naive_rate = len(sample) / naive(sample)
            print(
                f"naive design (full spaCy + MiniLM on every sentence, one process), "
                f"{len(sample)} articles: {naive_rate:.2f} articles/s; "
                f"crosswire {ours:.2f} = {ours / naive_rate:.2f}x (target >= 3x)"
            )
        if "bound" not in args.skip:
            bound, without_parser = model_bound(sample)
            count = bound.pop("articles")
            per_article = {k: v / count for k, v in bound.items()}
            run_articles = results[largest]["manifest"]["articles"]
            compare = comparison_seconds(work / f"run-{largest}") / run_articles
            per_article["minilm (comparison stage)"] = compare
            limit = CORES / sum(per_article.values())
            parts = ", ".join(f"{k} {1000 * v:.1f} ms" for k, v in per_article.items())
            print(f"model-bound limit: {parts} per article on one thread")
            print(
                f"  = {limit:.2f} articles/s on {CORES} cores; crosswire {ours:.2f} = "
                f"{100 * ours / limit:.0f}% of it (target >= 80%)"
            )
            if naive_rate:
                lighter = sum(per_article.values()) - (bound["spacy"] - without_parser) / count
                print(
                    f"  ceiling on the ratio to the naive design: {limit / naive_rate:.2f}x at "
                    f"100% of this limit; {CORES / lighter / naive_rate:.2f}x with spaCy's "
                    f"parser left out entirely ({1000 * without_parser / count:.1f} ms spaCy)"
                )
        if "dask" not in args.skip:
            path = work / f"corpus-{args.dask_size}.jsonl"
            corpus.write(path, args.dask_size)
            local = crosswire_run(path, work / "dask-local")
            dask = crosswire_run(path, work / "dask-dask", engine="dask")
            for name, result in (("local", local), ("dask", dask)):
                rate = result["manifest"]["articles"] / result["wall"]
                print(
                    f"{name} engine, {args.dask_size} articles, {CORES} workers: "
                    f"{rate:.2f} articles/s, peak RSS {result['peak_mb']:.0f} MB, "
                    f"PSS {result['pss_mb']:.0f} MB"
                )
            same = _tables(work / "dask-local") == _tables(work / "dask-dask")
            print(f"  dask tables identical to local: {same}")
        if args.full:
            _full_articles(work, args.full)
    return 0


def _full_articles(work: Path, size: int) -> None:
    """The same two designs on whole articles only, where MiniLM on every sentence costs most.

    The main corpus is mostly NeuS title+lead items of two or three sentences, on which the
    naive design embeds about as much text as ours does.
    """
    records = corpus.full_articles(size)
    path = work / f"full-{size}.jsonl"
    corpus.write_records(path, records)
    result = crosswire_run(path, work / "full")
    ours = result["manifest"]["articles"] / result["wall"]
    theirs = len(records) / naive(records)
    characters = sum(len(r["text"]) for r in records) / len(records)
    print(
        f"whole articles only (BASIL and PolNeAR, {len(records)}, {characters:.0f} characters "
        f"each on average): crosswire {ours:.2f} articles/s end to end, naive design "
        f"{theirs:.2f} articles/s: {ours / theirs:.2f}x"
    )


def _tables(out: Path) -> dict[str, str]:
    files = {"stories": (out / "stories.jsonl").read_text(encoding="utf-8")}
    for name in ("articles", "quotes", "claims", "errors", "comparisons"):
        for path in sorted((out / name).glob("*.jsonl")):
            files[f"{name}/{path.name}"] = path.read_text(encoding="utf-8")
    return files


if __name__ == "__main__":
    sys.exit(main())
