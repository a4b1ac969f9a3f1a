"""Crosswire: how news outlets cover the same story, claim by claim and quote by quote."""

from crosswire.ingest import IngestError, load_articles, read_source
from crosswire.model import Article, DroppedPart, DropReason, Paragraph, SourceDocument

__version__ = "0.1.0"

__all__ = [
    "Article",
    "DropReason",
    "DroppedPart",
    "IngestError",
    "Paragraph",
    "SourceDocument",
    "__version__",
    "load_articles",
    "read_source",
]
