"""Article extraction on the Article Extraction Benchmark (scrapinghub), against two baselines.

Metric: the benchmark's own. Word 4-gram shingles of the predicted and true article body;
precision and recall per page (tp/fp/fn normalised per page), averaged over pages; F1 from the
two averages. Baselines run in the same process on the same decoded HTML:
bare ``trafilatura.extract(html, include_comments=False)`` and readability-lxml.

    python bench/aeb.py [--data ../shared/datasets/aeb] [--limit N] [--show-worst K]

The row "crosswire extract (CLI)" runs the command a user runs, ``crosswire extract FOLDER -f
jsonl``, once over all the pages written as files: decoding, language and refusals included.
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "aeb"
_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    gold, guess = shingles(true), shingles(pred)
    tp = fp = fn = 0.0
    for key in gold.keys() | guess.keys():
        g, p = gold.get(key, 0), guess.get(key, 0)
        tp += min(g, p)
        fp += max(0, p - g)
        fn += max(0, g - p)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def score(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    precision = statistics.mean(_precision(*c) for c in counts if c[0] + c[1] > 0)
    recall = statistics.mean(_recall(*c) for c in counts if c[0] + c[2] > 0)
    return {
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall),
    }


def crosswire_text(html: str, url: str) -> str:
    from crosswire.errors import IngestError
    from crosswire.ingest.html import extract_html

    try:
        page = extract_html(html, "page", url=url)
    except IngestError:
        return ""
    return "\n".join(p.text for p in page.found.paragraphs)


def trafilatura_text(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


def readability_text(html: str, url: str) -> str:
    from lxml import html as lxml_html
    from readability import Document

    try:
        summary = Document(html).summary(html_partial=True)
        return lxml_html.fromstring(summary).text_content()
    except Exception:  # readability raises bare errors on odd pages; score them as empty
        return ""


SYSTEMS = {
    "crosswire": crosswire_text,
    "trafilatura": trafilatura_text,
    "readability-lxml": readability_text,
}


def _run_page(args: tuple[str, bytes, str, str]) -> dict:
    page_id, raw, url, truth = args
    from crosswire.ingest.decoding import decode_bytes

    html, _ = decode_bytes(raw, page_id)
    row = {"id": page_id}
    for name, system in SYSTEMS.items():
        started = time.perf_counter()
        text = system(html, url)
        row[name] = tp_fp_fn(truth, text)
        row[name + "_s"] = time.perf_counter() - started
    return row


def cli_counts(jobs: list[tuple[str, bytes, str, str]]) -> tuple[list[tuple], float]:
    """Per page tp/fp/fn of `crosswire extract` over the pages as files, and its wall time."""
    with tempfile.TemporaryDirectory() as folder:
        for page_id, raw, _, _ in jobs:
            (Path(folder) / f"{page_id}.html").write_bytes(raw)
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "crosswire", "extract", folder, "-f", "jsonl"],
            capture_output=True,
            text=True,
        )
        elapsed = time.perf_counter() - started
    found = {}
    for line in done.stdout.splitlines():
        record = json.loads(line)
        found[Path(record["path"]).stem] = "\n".join(p["text"] for p in record["paragraphs"])
    refused = len([x for x in done.stderr.splitlines() if x.startswith("error:")])
    print(f"crosswire extract (CLI): {len(found)} pages extracted, {refused} refused")
    return [tp_fp_fn(truth, found.get(page_id, "")) for page_id, _, _, truth in jobs], elapsed


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--show-worst", type=int, default=0)
    args = parser.parse_args()
    truth_path = args.data / "ground-truth.json"
    if not truth_path.exists():
        print(f"AEB data not found at {args.data}; pass --data", file=sys.stderr)
        return 2
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    ids = sorted(truth)[: args.limit or None]
    jobs = [
        (
            i,
            gzip.decompress((args.data / "html" / f"{i}.html.gz").read_bytes()),
            truth[i].get("url", ""),
            truth[i].get("articleBody", ""),
        )
        for i in ids
    ]
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        rows = list(pool.map(_run_page, jobs, chunksize=4))
    elapsed = time.perf_counter() - started
    print(
        f"AEB: {len(rows)} pages, {platform.processor() or platform.machine()}, {elapsed:.0f}s wall"
    )
    print(f"{'system':<18} {'precision':>9} {'recall':>7} {'F1':>7} {'ms/page':>8}")
    for name in SYSTEMS:
        metrics = score([r[name] for r in rows])
        ms = 1000 * statistics.mean(r[name + "_s"] for r in rows)
        print(
            f"{name:<18} {metrics['precision']:>9.4f} {metrics['recall']:>7.4f}"
            f" {metrics['f1']:>7.4f} {ms:>8.0f}"
        )
    counts, cli_seconds = cli_counts(jobs)
    metrics = score(counts)
    ms = 1000 * cli_seconds / max(1, len(jobs))
    print(
        f"{'crosswire extract (CLI)':<18} {metrics['precision']:>9.4f} {metrics['recall']:>7.4f}"
        f" {metrics['f1']:>7.4f} {ms:>8.0f}"
    )
    if args.show_worst:
        worst = sorted(rows, key=lambda r: r["crosswire"][0])[: args.show_worst]
        for r in worst:
            print(
                r["id"][:12],
                "crosswire tp/fp/fn={:.2f}/{:.2f}/{:.2f}".format(*r["crosswire"]),
                "trafilatura={:.2f}/{:.2f}/{:.2f}".format(*r["trafilatura"]),
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
