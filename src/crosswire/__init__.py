"""Crosswire: how news outlets cover the same story, claim by claim and quote by quote.

Importing the package is cheap: the public names are loaded on first use (as datasette and
spaCy's CLI do), so `crosswire --help` and `crosswire extract` never import spaCy or torch.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from crosswire.version import __version__

# Each public name and the module that defines it.
_PUBLIC = {
    "Article": "crosswire.model",
    "Comparison": "crosswire.model",
    "DropReason": "crosswire.model",
    "DroppedPart": "crosswire.model",
    "Paragraph": "crosswire.model",
    "SourceDocument": "crosswire.model",
    "IngestError": "crosswire.errors",
    "load_articles": "crosswire.ingest.inputs",
    "read_source": "crosswire.ingest.inputs",
    "compare": "crosswire.workflow",
    "compare_articles": "crosswire.workflow",
}

__all__ = [
    "Article",
    "Comparison",
    "DropReason",
    "DroppedPart",
    "IngestError",
    "Paragraph",
    "SourceDocument",
    "__version__",
    "compare",
    "compare_articles",
    "load_articles",
    "read_source",
]

if TYPE_CHECKING:
    from crosswire.errors import IngestError
    from crosswire.ingest.inputs import load_articles, read_source
    from crosswire.model import (
        Article,
        Comparison,
        DroppedPart,
        DropReason,
        Paragraph,
        SourceDocument,
    )
    from crosswire.workflow import compare, compare_articles


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'crosswire' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_PUBLIC})
