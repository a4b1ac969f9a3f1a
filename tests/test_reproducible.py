"""Same input, same answer: every command's output is byte-identical whatever the process's
string-hash seed, so two runs of a study can be compared line by line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

# Each command in one interpreter per seed: the seed is fixed at start-up, so it needs a fresh one.
SCRIPT = """
import sys
from pathlib import Path
from tests.clirun import crosswire

corpus, out, engines = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3].split(",")
out.mkdir()
forms = {"extract": "jsonl", "quotes": "jsonl", "group": "json", "compare": "json"}
for command, form in forms.items():
    done = crosswire(command, str(corpus), "-f", form, "-o", str(out / f"{command}.{form}"))
    assert done.returncode == 0, done.stderr
for engine in engines:
    args = ["run", str(corpus), "--out", str(out / f"run-{engine}"), "--engine", engine]
    done = crosswire(*args, "--workers", "2", "--partition-size", "4")
    assert done.returncode == 0, done.stderr
"""

TABLES = ("articles", "quotes", "claims", "errors", "stories", "comparisons")


def corpus_with_copies(path: Path) -> Path:
    """The examples as JSONL, each text also carried by three other outlets word for word:
    equally good originals for a copy, the case where hash order used to pick one."""
    rows = []
    for source in sorted(EXAMPLES.glob("*.txt")):
        text = source.read_text(encoding="utf-8")
        rows.append({"id": source.stem, "text": text})
        for n, outlet in enumerate(("Wire One", "Paper Two", "Blog Three")):
            rows.append({"id": f"{source.stem}-{n}", "text": text, "outlet": outlet})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def outputs(folder: Path) -> dict[str, bytes]:
    found = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        keep = path.suffix in (".json", ".jsonl") and len(relative.parts) == 1
        keep |= len(relative.parts) > 1 and relative.parts[1] in TABLES
        keep |= relative.name == "stories.jsonl"
        if path.is_file() and keep:
            found[relative.as_posix()] = path.read_bytes()
    return found


def run_with_seed(seed: int, corpus: Path, out: Path, engines: str) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    command = [sys.executable, "-c", SCRIPT, str(corpus), str(out), engines]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    return outputs(out)


def test_outputs_do_not_depend_on_the_hash_seed(tmp_path):
    # The Dask engine gives the local engine's tables (tests/test_pipeline.py), and grouping,
    # where the ties are broken, runs on the client in both; so the local engine stands for both
    # here, which keeps this test to two interpreters' work.
    corpus = corpus_with_copies(tmp_path / "corpus.jsonl")
    first = run_with_seed(1, corpus, tmp_path / "seed1", "local")
    second = run_with_seed(2, corpus, tmp_path / "seed2", "local")
    assert {"extract.jsonl", "group.json", "run-local/stories.jsonl"} <= set(first)
    reprints = json.loads(first["group.json"])["reprints"]
    assert len(reprints) >= 9  # the copies were found, so the tie was there to break
    assert set(second) == set(first)
    for name, data in second.items():
        assert data == first[name], f"{name} differs between hash seeds"
