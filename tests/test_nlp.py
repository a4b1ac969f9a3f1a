"""The NLP stage: sentences, entities and numbers with spans into the source text."""

from __future__ import annotations

import pytest

from crosswire.ingest.inputs import extract_article
from crosswire.model import InputKind, SourceDocument
from crosswire.nlp.parse import annotate, annotate_many, load_pipeline, parse_number

TEXT = (
    "Port fire kills three\n\n"
    "A fire at Port Kaltberg killed three workers on Tuesday, officials in Valdmere said.\n\n"
    "About 400 tonnes of ammonium nitrate were stored there, 62% more than allowed.\n"
)


def test_spans_index_the_source_text():
    source = SourceDocument("t.txt", TEXT, "utf-8", InputKind.TEXT)
    annotated = annotate(extract_article(source))
    text = annotated.article.source.text
    assert [text[s.start : s.end] for s in annotated.sentences] == [
        "A fire at Port Kaltberg killed three workers on Tuesday, officials in Valdmere said.",
        "About 400 tonnes of ammonium nitrate were stored there, 62% more than allowed.",
    ]
    assert all(text[e.start : e.end] == e.text for e in annotated.entities)
    labels = {e.text: e.label for e in annotated.entities}
    assert labels.get("Tuesday") == "DATE"
    values = {n.text: n.value for n in annotated.numbers}
    assert values.get("three") == 3 and values.get("62%") == 62


def test_batches_keep_articles_in_order():
    sources = [
        SourceDocument(f"{i}.txt", TEXT.replace("three", str(i + 10)), "utf-8", InputKind.TEXT)
        for i in range(5)
    ]
    results = list(annotate_many([extract_article(s) for s in sources], batch_size=2))
    assert [r.article.source.location for r in results] == [f"{i}.txt" for i in range(5)]


def test_the_pipeline_is_loaded_once():
    assert load_pipeline() is load_pipeline()


@pytest.mark.parametrize(
    ("text", "value"),
    [("12", 12), ("5,000", 5000), ("20%", 20), ("3.2 million", 3.2e6), ("four", 4), ("x", None)],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_remembered_attributes_equal_spacys_own_token_for_token():
    import spacy

    from crosswire.ingest.inputs import load_articles
    from crosswire.nlp.parse import _MARKS, MODEL
    from tests.conftest import EXAMPLES

    paragraphs = [p.text.translate(_MARKS) for a in load_articles([EXAMPLES]) for p in a.paragraphs]
    # Two-word rules too: "gonna", "let's", "ain't" and an expletive "there's".
    paragraphs.append("They're gonna win, let's face it, ain't they? There's no doubt.")
    reference = spacy.load(MODEL)
    ours = load_pipeline()
    assert "crosswire_attributes" in ours.pipe_names
    assert "lemmatizer" not in ours.pipe_names and "lemmatizer" in reference.pipe_names

    def attributes(nlp):
        return [
            (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_)
            for doc in nlp.pipe(paragraphs)
            for t in doc
        ]

    assert attributes(ours) == attributes(reference)
