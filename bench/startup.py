"""How long `crosswire --help` and `crosswire extract examples/` take to start and finish.

The baseline, measured in the same run, is the eager design the package had until 2026-12-02:
importing `crosswire` imported the comparison stage, and with it spaCy, scipy and torch. It is
reproduced here by importing every stage module before running the same command.

    python bench/startup.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EAGER = (
    "import crosswire.workflow, crosswire.comparison.story, crosswire.store, crosswire.web, "
    "crosswire.batch.run, torch, spacy, sentence_transformers; "
)
COMMANDS = {"--help": ["--help"], "extract examples/": ["extract", "examples/", "-f", "text"]}


def seconds(code: str, repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", code], cwd=REPO, check=True, stdout=subprocess.DEVNULL
        )
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def command_code(args: list[str], eager: bool) -> str:
    prefix = EAGER if eager else ""
    return (
        f"import sys; {prefix}from crosswire.cli import main; "
        f"sys.argv = ['crosswire', *{args!r}]; main()"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    header = f"{'command':22} {'crosswire':>10} {'eager import':>13} {'ratio':>6}"
    print(f"{header}  (median of {args.repeat} runs)")
    for name, argv in COMMANDS.items():
        ours = seconds(command_code(argv, eager=False), args.repeat)
        eager = seconds(command_code(argv, eager=True), args.repeat)
        print(f"{name:22} {ours:9.2f}s {eager:12.2f}s {eager / ours:5.1f}x")


if __name__ == "__main__":
    main()
