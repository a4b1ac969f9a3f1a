"""Crosswire: how news outlets cover the same story, claim by claim and quote by quote."""

from crosswire.compare import compare, compare_articles
from crosswire.ingest import IngestError, load_articles, read_source
from crosswire.model import (
    Article,
    Comparison,
    DroppedPart,
    DropReason,
    Paragraph,
    SourceDocument,
)

__version__ = "0.1.0"

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
