"""The one chain every front end uses: read → understand (parse, quotes) → group → compare.

The CLI, the Python API, the store and the batch engines all call these functions, so that an
article is read, parsed and compared the same way wherever it comes from. Each step takes its
settings explicitly (crosswire.settings); the defaults are the tuned values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from crosswire.errors import CrosswireError, IngestError
from crosswire.model import Article, Comparison
from crosswire.settings import DEFAULT, Settings

if TYPE_CHECKING:
    from crosswire.ingest.fetch import Fetcher
    from crosswire.nlp.embed import Encoder


@dataclass(slots=True)
class Understood:
    """Articles parsed, with their quotes and speakers resolved across all of them."""

    annotated: list  # crosswire.nlp.parse.Annotated, one per article
    quoted: list  # crosswire.nlp.quotes.ArticleQuotes, in the same order

    @property
    def articles(self) -> list[Article]:
        return [item.article for item in self.annotated]


# ------------------------------------------------------------------------------------ read


def read(
    files: Iterable, max_bytes: int = DEFAULT.max_bytes, fetcher: Fetcher | None = None
) -> Iterator:
    """Articles, or an IngestError for each input that cannot be read, from what
    ``crosswire.ingest.inputs.expand_inputs`` found. A bug while reading one input becomes that
    input's error: the rest of the batch goes on."""
    from crosswire.ingest.inputs import load_articles

    for file in files:
        if isinstance(file, IngestError):
            yield file
            continue
        try:
            yield from load_articles([file], max_bytes=max_bytes, fetcher=fetcher)
        except Exception as error:  # a bug must not sink the batch; say what to report
            yield IngestError(
                str(file),
                f"internal error ({type(error).__name__}: {error}); "
                "please report it with this file",
            )


def read_paths(paths: Iterable[str | Path], max_bytes: int = DEFAULT.max_bytes) -> Iterator:
    from crosswire.ingest.inputs import expand_inputs

    return read(expand_inputs(paths), max_bytes)


MODEL_LANGUAGES = frozenset({"en", "ru"})


def readable_by_models(
    items: Iterable[Article | IngestError], languages: frozenset[str] | None = MODEL_LANGUAGES
) -> Iterator[Article | IngestError]:
    """The articles the language models can read; each other one becomes its input's error, so
    the stages after extraction say once, per article, why they skip it. ``languages`` None:
    every language (grouping and the store need no parser)."""
    for item in items:
        if languages is None:
            yield item
        elif isinstance(item, Article) and item.language not in languages:
            source = item.source
            name = source.location if source.id is None else f"{source.location} [{source.id}]"
            yield IngestError(
                name,
                f"the article is in '{item.language}': quotes and comparisons need English or "
                "Russian for now (crosswire extract reads every language; group and ingest take "
                "it too)",
            )
        else:
            yield item


# ------------------------------------------------------------------------------ understand


def understand(
    articles: Sequence[Article], progress: Callable[[int], None] | None = None
) -> Understood:
    """Parse every article once, and find its quotes with speakers resolved across all.
    ``progress`` is told of each article parsed."""
    from crosswire.nlp.parse import annotate_many
    from crosswire.nlp.quotes import quotes_across

    annotated = []
    for item in annotate_many(articles):
        annotated.append(item)
        if progress:
            progress(1)
    return Understood(annotated, quotes_across(annotated))


def understand_one(article: Article, settings: Settings = DEFAULT):
    """One article parsed alone, with its quotes and grouping record: what the store keeps."""
    from crosswire.group import group_item

    understood = understand([article])
    (result,) = understood.quoted
    return result, group_item(understood.annotated[0], result.quotes, settings.events)


# ----------------------------------------------------------------------------------- group


def group(understood: Understood, settings: Settings = DEFAULT):
    """(placements, grouping items): each article's story, event and reprint link."""
    from crosswire.group import group_item, group_items

    items = [
        group_item(item, result.quotes, settings.events)
        for item, result in zip(understood.annotated, understood.quoted, strict=True)
    ]
    return group_items(items, settings.group, events=settings.events), items


# --------------------------------------------------------------------------------- compare


def facts(
    understood: Understood,
    keys: Sequence[str] | None = None,
    settings: Settings = DEFAULT,
    sentence_vectors: Encoder | None = None,
) -> list:
    """Each article's comparison facts (crosswire.comparison.facts.ArticleFacts)."""
    from crosswire.comparison.facts import article_facts
    from crosswire.group import unique_keys

    keys = list(keys) if keys is not None else unique_keys(understood.articles)
    return [
        article_facts(item, result, key, sentence_vectors, settings.compare, settings.events)
        for item, result, key in zip(understood.annotated, understood.quoted, keys, strict=True)
    ]


def compare_understood(
    understood: Understood, keys: Sequence[str] | None = None, settings: Settings = DEFAULT
) -> Comparison:
    """The comparison of parsed articles. Articles are named by ``keys`` when given (a store
    names them by id), else by their path, JSONL id or URL."""
    from crosswire.comparison.story import compare_facts

    found = facts(understood, keys, settings)
    return compare_facts(found, None, settings.compare, settings.group, settings.events)


def compare_articles(
    articles: Sequence[Article], keys: Sequence[str] | None = None, settings: Settings = DEFAULT
) -> Comparison:
    """Compare articles already read, taken as one story."""
    return compare_understood(understand(articles), keys, settings)


def compare(paths: Iterable[str | Path], settings: Settings = DEFAULT) -> Comparison:
    """Compare the articles found at ``paths`` (files, folders, globs), taken as one story."""
    read_in = readable_by_models(read_paths(paths, settings.max_bytes))
    articles = [a for a in read_in if isinstance(a, Article)]
    if not articles:
        raise CrosswireError("no article could be read from the given paths")
    return compare_articles(articles, settings=settings)
