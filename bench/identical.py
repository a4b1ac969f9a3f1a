"""Same output before and after a change that should not change behaviour.

Runs the CLI on examples/ and the seeds (`extract`, `quotes`, `group`, `compare` as JSON or JSONL)
and `crosswire run` on a 1,000-article corpus (bench/corpus.py), each under a fixed
PYTHONHASHSEED, and records a SHA-256 of every output (the run's tables, not its timings or its
pickled facts, whose class paths move with the code). ``--save`` writes the digests; ``--check``
compares them with digests saved before and names every output that differs.

    python bench/identical.py --save /tmp/before.json        # on the old commit
    python bench/identical.py --check /tmp/before.json       # on the new one

Run it from the repository root, so that the paths inside the outputs are the same.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus

REPO = Path(__file__).resolve().parents[1]
SEEDS = Path("..") / "shared" / "seeds"
HASH_SEED = "0"
RUN_TABLES = ("articles", "quotes", "claims", "errors", "comparisons")
COMMANDS = {
    "extract": "jsonl",
    "quotes": "jsonl",
    "group": "jsonl",
    "group-tree": "json",
    "compare": "json",
}


def _crosswire(*args: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": HASH_SEED}
    done = subprocess.run(
        [sys.executable, "-m", "crosswire", *args], cwd=REPO, capture_output=True, env=env
    )
    if done.returncode not in (0, 1):
        sys.exit(f"crosswire {' '.join(args)} failed: {done.stderr.decode()[-2000:]}")
    return done.stdout


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def cli_digests(inputs: dict[str, str]) -> dict[str, str]:
    found = {}
    for name, path in inputs.items():
        for command, form in COMMANDS.items():
            verb = command.split("-")[0]
            found[f"{verb} {form} {name}"] = _digest(_crosswire(verb, path, "--format", form))
            print(f"  {verb} {form} {name}", file=sys.stderr)
    return found


def run_digests(size: int) -> dict[str, str]:
    found = {}
    # One fixed folder: the corpus's path is in the articles table, and must be the same.
    scratch = Path(tempfile.gettempdir()) / "crosswire-identical"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    try:
        path = scratch / "corpus.jsonl"
        corpus.write(path, size)
        out = scratch / "run"
        _crosswire("run", str(path), "--out", str(out))
        for table in RUN_TABLES:
            parts = sorted((out / table).glob("part-*.jsonl"))
            found[f"run {table}"] = _digest(b"".join(p.read_bytes() for p in parts))
        found["run stories"] = _digest((out / "stories.jsonl").read_bytes())
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"  run on {size} articles", file=sys.stderr)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--save", type=Path, help="write the digests here")
    action.add_argument("--check", type=Path, help="compare with digests saved here")
    parser.add_argument("--size", type=int, default=1000, help="articles in the run's corpus")
    parser.add_argument("--no-run", action="store_true", help="leave the batch run out")
    args = parser.parse_args()
    inputs = {"examples": "examples"}
    if (REPO / SEEDS).is_dir():
        inputs["seeds"] = str(SEEDS)
    found = cli_digests(inputs)
    if not args.no_run and corpus.available():
        found |= run_digests(args.size)
    if args.save:
        args.save.write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")
        print(f"{len(found)} outputs recorded in {args.save}")
        return
    before = json.loads(args.check.read_text(encoding="utf-8"))
    differ = [k for k in found if k in before and before[k] != found[k]]
    missing = [k for k in before if k not in found]
    for key in found:
        mark = "differs" if key in differ else ("new" if key not in before else "same")
        print(f"{mark:8} {key}")
    for key in missing:
        print(f"{'missing':8} {key}")
    print(f"{len(found) - len(differ)} of {len(found)} outputs byte-identical")
    sys.exit(1 if differ or missing else 0)


if __name__ == "__main__":
    main()
