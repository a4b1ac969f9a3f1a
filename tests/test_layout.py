"""The package's shape: stages import only earlier stages, and starting the CLI is cheap."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

PACKAGE = REPO / "src" / "crosswire"

# The data flow, first to last; a module may import its own stage and the ones before it.
STAGES = (
    ("crosswire", "crosswire.version", "crosswire.errors", "crosswire.model", "crosswire.settings"),
    ("crosswire.ingest",),
    ("crosswire.nlp",),
    ("crosswire.group",),
    ("crosswire.comparison",),
    ("crosswire.workflow",),
    ("crosswire.store", "crosswire.export"),
    ("crosswire.batch",),
    ("crosswire.render",),
    ("crosswire.web",),
    ("crosswire.cli", "crosswire.__main__"),
)


def stage_of(module: str) -> int:
    best = None
    for rank, prefixes in enumerate(STAGES):
        for prefix in prefixes:
            if module == prefix or (prefix != "crosswire" and module.startswith(prefix + ".")):
                best = rank
    assert best is not None, f"{module} belongs to no stage; add it to STAGES"
    return best


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every crosswire module a file imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in found if name.split(".")[0] == "crosswire"}


def existing(name: str) -> bool:
    relative = Path(*name.split(".")[1:]) if "." in name else Path()
    base = PACKAGE / relative
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def test_no_module_imports_a_later_stage():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        own = module_name(path)
        if own == "crosswire":
            continue  # the facade: it names the public API of every stage, loaded lazily
        for imported in imports_of(path):
            if existing(imported) and stage_of(imported) > stage_of(own):
                wrong.append(f"{own} imports {imported}")
    assert wrong == []


IMPORTS_AFTER = """
import sys
{code}
print(sorted(m for m in ("spacy", "torch", "sentence_transformers") if m in sys.modules))
"""


def loaded_after(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", IMPORTS_AFTER.format(code=code)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]


def test_importing_crosswire_loads_neither_spacy_nor_torch():
    assert loaded_after("import crosswire, crosswire.cli; crosswire.Article") == "[]"


def test_help_and_extract_load_neither_spacy_nor_torch():
    code = (
        "from typer.testing import CliRunner\n"
        "from crosswire.cli import app\n"
        "assert CliRunner().invoke(app, ['--help']).exit_code == 0\n"
        "assert CliRunner().invoke(app, ['extract', 'examples', '-f', 'text']).exit_code == 0"
    )
    assert loaded_after(code) == "[]"


def test_public_names_load_on_first_use():
    import crosswire
    import crosswire.comparison.story  # a stage package named like a public function would hide it

    assert set(crosswire.__all__) <= set(dir(crosswire))
    assert crosswire.compare.__module__ == "crosswire.workflow"
    assert crosswire.__version__
