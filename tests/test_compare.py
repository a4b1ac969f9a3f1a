"""crosswire compare: claims, quotes, conflicts, framing and summary on real and bundled text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from crosswire import compare
from crosswire.ingest.inputs import load_articles
from crosswire.model import ChangeKind, Comparison, ConflictKind, Coverage
from tests.clirun import crosswire
from tests.conftest import EXAMPLES, REPO, basil_events, printed_under_hash_seeds

SCHEMA = json.loads((REPO / "docs" / "schema" / "comparison.schema.json").read_text())


def claim_holding(claims, words: str):
    """The claim with a member sentence holding ``words``, whichever member it is shown by."""
    return next(c for c in claims if any(words in m.evidence.text for m in c.members))


@pytest.fixture(scope="module")
def examples(examples_comparison) -> Comparison:
    return examples_comparison


@pytest.fixture(scope="module")
def seeds(seeds_comparison) -> Comparison:
    return seeds_comparison


def key_ending(comparison: Comparison, suffix: str) -> str:
    (key,) = [a.key for a in comparison.articles if a.key.endswith(suffix)]
    return key


def assert_valid(comparison: Comparison, sources: dict[str, str]) -> dict:
    """The JSON follows the schema, and every piece of evidence is the words it names."""
    import jsonschema

    record = json.loads(json.dumps(comparison.to_dict()))
    jsonschema.validate(record, SCHEMA, cls=jsonschema.Draft202012Validator)
    for evidence in _evidence_in(record):
        text = sources[evidence["article"]]
        assert text[evidence["start"] : evidence["end"]] == evidence["text"]
    return record


def _evidence_in(node):
    if isinstance(node, dict):
        if {"article", "start", "end", "text"} <= node.keys():
            yield node
        for value in node.values():
            yield from _evidence_in(value)
    elif isinstance(node, list):
        for value in node:
            yield from _evidence_in(value)


def sources_of(paths) -> dict[str, str]:
    from crosswire.group import article_key

    return {article_key(a): a.source.text for a in load_articles(paths)}


# ------------------------------------------------------------------------------- examples


def test_examples_follow_the_schema_and_every_span_holds(examples):
    record = assert_valid(examples, sources_of([EXAMPLES]))
    assert len(record["matrix"]["rows"]) == len(record["claims"])


def test_examples_quote_variants_show_the_changed_words(examples):
    (group,) = [g for g in examples.quotes if "every family" in g.base.text]
    assert group.speaker == "Elena Varga"
    valdmere = next(v for v in group.variants if v.evidence.article.endswith("valdmere-voice.txt"))
    changed = {(c.base.text, c.variant.text) for c in valdmere.changes if c.base and c.variant}
    assert ("rest", "stop") in changed and ("has", "gets") in changed
    assert valdmere.cue.text == "claimed"


def test_examples_conflicts_cite_both_sides(examples):
    by_kind = {c.kind: c for c in examples.conflicts}
    deaths = by_kind[ConflictKind.NUMBER]
    assert {s.value for s in deaths.sides} == {"3", "4"}
    assert {s.value for s in by_kind[ConflictKind.DATE].sides} == {"Tuesday", "Wednesday"}
    title = by_kind[ConflictKind.TITLE]
    assert title.subject == "Elena Varga"
    assert "Former Harbour Minister" in {s.value for s in title.sides}
    # "who has held the post since 2023" does not date her title to the past
    plain = next(s for s in title.sides if s.value == "Harbour Minister")
    assert len({e.article for e in plain.evidence}) == 4


def test_a_sentence_with_other_numbers_contradicts_the_claim(examples):
    valdmere = key_ending(examples, "valdmere-voice.txt")
    claim = claim_holding(examples.claims, "Three dock workers")
    assert examples.coverage(claim, valdmere) is Coverage.CONTRADICTS
    assert claim.id not in {s.claim for s in examples.summary.agreed}


def test_examples_naming_variants_are_found_from_the_data(examples):
    pairs = [{f.form for f in v.forms} for v in examples.naming]
    assert {"Kaltburg", "Port Kaltberg"} in pairs
    assert {"Elena Varga", "Jelena Varga"} in pairs


def test_examples_framing_shows_verbs_and_loaded_terms(examples):
    valdmere = next(f for f in examples.framing if f.outlet == "Valdmere Voice")
    verbs = {(v.speaker, v.verb): v.category for v in valdmere.attribution_verbs}
    assert verbs[("Elena Varga", "claim")] == "assertive"
    assert verbs[("Ruth Okafor", "slam")] == "emphatic"
    terms = {t.evidence.text.lower(): t.category for t in valdmere.loaded_terms}
    assert terms["so-called"] == "distancing"
    ledger = next(f for f in examples.framing if f.outlet == "The Harbour Ledger")
    assert {v.category for v in ledger.attribution_verbs} <= {"neutral", "emphatic"}


def test_summary_cites_every_sentence_and_never_merges_conflicts(examples):
    assert examples.summary.agreed
    for sentence in examples.summary.agreed:
        assert len(sentence.articles) >= 2
        assert sentence.evidence.text == sentence.text
    differences = " ".join(d.text for d in examples.summary.differences)
    assert "3 (" in differences and "4 (" in differences


def test_omissions_that_matter_are_listed(examples):
    continental = key_ending(examples, "continental-review.html")
    assert any(o.article == continental for o in examples.omissions)


# ---------------------------------------------------------------------------------- seeds


def test_seeds_follow_the_schema_and_every_span_holds(seeds, seeds_dir):
    assert_valid(seeds, sources_of([seeds_dir]))


def test_seed_quote_variants_flag_the_change_of_meaning(seeds):
    (group,) = [g for g in seeds.quotes if "need to be defined" in g.base.text]
    assert group.speaker == "Sergey Lavrov" and group.changes_meaning
    swaps = {
        (c.base.text, c.variant.text, c.kind)
        for v in group.variants
        for c in v.changes
        if c.base and c.variant
    }
    assert ("defined", "fine-tuned", ChangeKind.MEANING) in swaps
    # both outlets that write "fine-tuned" are flagged, even the one that also quotes another
    # part of the remark faithfully
    flagged = {Path(v.evidence.article).name[:3] for v in group.variants if v.changes_meaning}
    assert flagged == {"002", "004"}
    (rightly,) = [g for g in seeds.quotes if "rightly so" in g.base.text]
    words = {(c.base.text, c.variant.text, c.kind) for v in rightly.variants for c in v.changes}
    assert ("believe", "think", ChangeKind.WORDING) in words


def test_the_kyiv_strike_is_reported_by_one_outlet_only(seeds):
    strike = [c for c in seeds.claims if "12 civilians were killed" in c.text]
    assert len(strike) == 1
    assert {k.rsplit("/", 1)[-1][:3] for k in strike[0].articles()} == {"004"}
    assert strike[0] in seeds.exclusive_claims()


def test_the_former_title_conflict_is_found(seeds):
    (title,) = [c for c in seeds.conflicts if c.kind is ConflictKind.TITLE]
    assert title.subject == "Donald Trump"
    values = {s.value for s in title.sides}
    assert "former US President" in values and "U.S. President" in values


def test_kiev_and_sergei_are_naming_variants(seeds):
    pairs = [{f.form for f in v.forms} for v in seeds.naming]
    assert {"Kiev", "Kyiv"} in pairs
    assert {"Sergei Lavrov", "Sergey Lavrov"} in pairs


def test_outlets_attribute_lavrovs_words_differently(seeds):
    categories = {}
    for framing in seeds.framing:
        uses = [v for v in framing.attribution_verbs if v.speaker == "Sergey Lavrov"]
        categories[framing.article.rsplit("/", 1)[-1][:3]] = {v.verb: v.count for v in uses}
    assert categories["000"]["claim"] >= 3
    assert "claim" not in categories["003"] and "claim" not in categories["004"]


def test_the_other_interview_is_a_separate_event(seeds):
    events = {a.key.rsplit("/", 1)[-1][:3]: a.event for a in seeds.articles}
    assert events["001"] != events["000"] == events["002"] == events["003"] == events["004"]
    assert all(not o.article.endswith(("001_9d8b4481cc8f52ea.txt",)) for o in seeds.omissions)


# ---------------------------------------------------------------------------------- BASIL


@pytest.mark.parametrize("index", [0, 1, 2])
def test_basil_events_compare(tmp_path, index):
    records = basil_events(3)[index]
    path = tmp_path / "event.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    comparison = compare([path])
    assert_valid(comparison, sources_of([path]))
    assert {a.outlet for a in comparison.articles} == {r["outlet"] for r in records}
    shared = [c for c in comparison.claims if len(c.articles()) >= 2]
    assert shared, "three reports of one event share at least one claim"
    assert all(len(s.articles) >= 2 for s in comparison.summary.agreed)


# ------------------------------------------------------------------------------------ CLI


def run_cli(*args: str):
    return crosswire(*args, cwd=REPO)


def test_cli_writes_json_and_markdown(tmp_path):
    out = tmp_path / "story.json"
    result = run_cli("compare", "examples", "--format", "json", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text())["schema"] == SCHEMA["$id"]
    markdown = run_cli("compare", "examples", "--format", "markdown")
    assert markdown.returncode == 0
    assert "## Where accounts differ" in markdown.stdout
    assert "Reported only by" in markdown.stdout


def test_markdown_escapes_hostile_article_text(tmp_path):
    hostile = (
        "Officials said on Monday that the <script>alert(1)</script> council | met [here]"
        "(javascript:alert(2)) to discuss the new harbour budget for the coming year.\n\n"
        "# Not a heading, said the mayor, who spoke to reporters at the town hall on Monday.\n"
    )
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(hostile, encoding="utf-8")
    result = run_cli("compare", str(tmp_path), "--format", "markdown")
    assert result.returncode == 0, result.stderr
    assert "<script>" not in result.stdout
    assert not re.search(r"(?<!\\)\]\(javascript", result.stdout)
    assert "\n# Not a heading" not in result.stdout


def test_cli_reports_unreadable_input_and_goes_on(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = run_cli("compare", "examples", str(tmp_path / "empty.txt"), "--format", "json")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "empty.txt" in result.stderr
    assert json.loads(result.stdout)["articles"]


def test_one_quote_given_to_two_speakers_is_an_attribution_conflict(tmp_path):
    words = "We will rebuild the bridge before the winter comes and nobody will be left behind"
    (tmp_path / "a.txt").write_text(
        f'Mayor Anna Berg spoke in Lindholm on Monday.\n\n"{words}," Berg said at the town hall.\n',
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "Governor Piet Olsen visited Lindholm on Monday to see the damage.\n\n"
        f'"{words}," Olsen told reporters on the riverbank.\n',
        encoding="utf-8",
    )
    comparison = compare([tmp_path])
    (conflict,) = [c for c in comparison.conflicts if c.kind is ConflictKind.ATTRIBUTION]
    assert {side.value for side in conflict.sides} == {"Anna Berg", "Piet Olsen"}


OMISSION_TIE = """
from crosswire.comparison.summary import omissions as _omissions
from crosswire.model import (
    ClaimGroup, ClaimMember, Comparison, Coverage, Evidence, StoryArticle, Summary,
)
events = {"a": 0, "a2": 0, "x": 0, "b": 1, "b2": 1, "y": 1}
articles = [StoryArticle(k, k, "text", None, None, event=e) for k, e in events.items()]
members = [
    ClaimMember(Evidence(k, 0, 1, "w"), Coverage.REPORTS, 0.0) for k in ("a", "a2", "b", "b2")
]
claim = ClaimGroup("c1", "w", 1.0, members)
comparison = Comparison(articles, [claim], [], [], [], [], Summary())
print([o.article for o in _omissions(comparison)])
"""


def test_an_omission_tied_between_two_events_goes_the_same_way_in_every_process():
    # Found comparing a 1,000-article run twice: the event a tied claim was counted in
    # followed the hash order of a set of article keys, which changes from process to process.
    outputs = printed_under_hash_seeds(OMISSION_TIE)
    assert outputs == {"['x']"}


def test_quote_alignment_embeds_only_quotes_that_can_meet(seeds, seeds_dir):
    from dataclasses import asdict

    from crosswire.comparison.facts import _placed_quotes
    from crosswire.comparison.quotealign import align_quotes
    from crosswire.group import unique_keys
    from crosswire.nlp.embed import embed
    from crosswire.nlp.parse import annotate_many
    from crosswire.nlp.quotes import quotes_across

    articles = list(load_articles([seeds_dir]))
    annotated = list(annotate_many(articles))
    keys = unique_keys(articles)
    placed = [
        quote
        for item, found, key in zip(annotated, quotes_across(annotated), keys, strict=True)
        for quote in _placed_quotes(item, found, key)
    ]
    encoded = []

    def counting(texts):
        encoded.extend(texts)
        return embed(texts)

    groups = align_quotes(placed, counting)
    # Every quote and every sentence around one would be two texts a quote.
    assert len(encoded) < 2 * len(placed)
    assert [asdict(g) for g in groups] == [asdict(g) for g in seeds.quotes]
