"""The story page as a reader meets it: named, dated and worded for people, not for the code."""

from __future__ import annotations

import re

import pytest

from crosswire.comparison.summary import _few
from crosswire.render.html import comparison_html
from crosswire.render.markdown import balance_quotes, comparison_markdown, human_date


@pytest.fixture(scope="module")
def seeds_page(seeds_understood, seeds_comparison):
    return comparison_html(seeds_comparison, seeds_understood.articles)


@pytest.fixture(scope="module")
def examples_page(examples_understood, examples_comparison):
    return comparison_html(examples_comparison, examples_understood.articles)


def header(page: str) -> str:
    return page.split("</header>", 1)[0]


def chips(page: str) -> list[str]:
    return re.findall(r'<a class="cite" href="[^"]*">([^<]*)</a>', page)


def test_the_heading_is_a_headline_of_the_story(seeds_page, examples_page):
    assert "How 5 articles cover the story" not in seeds_page
    assert "<h1>Lavrov" in header(seeds_page) or "<h1>Peace talks" in header(seeds_page)
    assert "from 5 outlets cover the story, 3–5 Mar 2026" in header(examples_page)


def test_outlets_named_by_a_machine_get_a_readable_label(seeds_page, seeds_comparison):
    assert not re.search(r"\d{3}_[0-9a-f]{16}", header(seeds_page))
    assert not any(re.search(r"[0-9a-f]{16}", chip) for chip in chips(seeds_page))
    sources = {a.outlet_source for a in seeds_comparison.articles}
    assert {"title", "opening words"} <= sources
    assert "“Russia signals diplomatic readiness…”" in seeds_page


def test_dates_are_written_for_people(seeds_page, examples_page):
    assert "25–27 Apr 2025" in header(seeds_page)
    assert "2025-04-25T04:30:00" not in seeds_page.split('id="articles"')[0]
    assert "25 Apr 2025, 04:30" in seeds_page
    assert human_date("2025-04-27T21:28:00+10:00") == "27 Apr 2025, 21:28"
    assert human_date("2026-03-04") == "4 Mar 2026"
    assert human_date("sometime in spring") == "sometime in spring"


def test_findings_are_worded_without_jargon(examples_page, examples_comparison):
    markdown = comparison_markdown(examples_comparison)
    for page in (examples_page, markdown):
        assert "Number of '" not in page and "Date of '" not in page and "Title of '" not in page
        assert "bears it out" not in page
    assert "different numbers of workers" in examples_page.lower()
    assert "the body matches it" in examples_page


def test_a_finding_cites_each_outlet_once(seeds_page):
    differ = seeds_page.split("Where accounts differ", 1)[1].split("</ul>", 1)[0]
    for item in differ.split("<li>")[1:]:
        cited = chips(item)
        assert len(cited) == len(set(cited)), cited


def test_summary_sentences_have_balanced_quotation_marks(seeds_page):
    summary = seeds_page.split('id="summary"', 1)[1].split("</section>", 1)[0]
    for item in re.findall(r"<li>(.*?)<a class=", summary, re.S):
        text = item.replace("&#34;", '"')
        assert text.count('"') % 2 == 0 and text.count("“") == text.count("”"), text
    assert balance_quotes('Lavrov said: "We are moving') == 'Lavrov said: "We are moving"'
    assert balance_quotes('we are moving," he said.') == '"we are moving," he said.'
    assert balance_quotes("“a deal within reach") == "“a deal within reach”"


def test_subheads_are_headings_and_marks_explain_themselves(seeds_page):
    assert "<h4>EU &amp; NATO Twist Trump&#39;s Plan</h4>" in seeds_page
    assert 'class="legend muted">In the texts:' in seeds_page
    assert re.search(r'<span class="ev conflict"[^>]* title="outlets disagree here">', seeds_page)


def test_long_outlet_lists_are_cut_short():
    assert _few(["B", "A", "C"]) == "A, B, C"
    assert (
        _few([f"Outlet {n:02d}" for n in range(20)])
        == "Outlet 00, Outlet 01, Outlet 02 and 17 others"
    )


def test_the_report_draws_a_heatmap_a_timeline_and_the_verbs_as_inline_svg(examples_page):
    from crosswire.model import Coverage  # noqa: F401  (the heatmap colours by it)

    heat = examples_page.split('aria-label="Coverage heatmap', 1)[1].split("</svg>", 1)[0]
    assert heat.count("<rect") == 11 * 5  # 11 claims carried by two or more outlets, 5 outlets
    assert "Valdmere Voice: contradicts" in heat
    line = examples_page.split('aria-label="Timeline', 1)[1].split("</svg>", 1)[0]
    assert line.count("<circle") == 5 and "03 Mar 2026" in line
    verbs = examples_page.split('aria-label="Reporting verbs', 1)[1].split("</svg>", 1)[0]
    assert "Elena Varga · Valdmere Voice" in verbs and "assertive: 1" in verbs
    assert "<script" not in examples_page and "http://" not in examples_page.replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )


def test_each_shared_claim_says_who_reported_it_first(examples_page):
    row = examples_page.split('id="claim-c1"', 1)[1].split("</tr>", 1)[0]
    assert "first: The Harbour Ledger, 3 Mar 2026, 18:15" in row


def test_the_heading_is_a_plain_headline_the_others_echo(examples_page, examples_comparison):
    # Not the one headline that spells the port "Kaltburg" and shares few words with the rest.
    assert "<h1>Port Kaltberg fire: three dead, inquiry ordered</h1>" in header(examples_page)
    assert comparison_markdown(examples_comparison).startswith(
        "# Port Kaltberg fire: three dead, inquiry ordered (Northline Daily)\n"
    )


def test_the_exclusives_shown_put_a_stated_toll_first(seeds_comparison):
    # The seeds' telling omission: only one outlet reports the Kyiv strike that killed 12 people.
    shown = [s.text for s in seeds_comparison.summary.exclusive]
    assert any(text.startswith("At least 12 civilians were killed") for text in shown)
    per_outlet = {}
    for sentence in seeds_comparison.summary.exclusive:
        per_outlet[sentence.articles[0]] = per_outlet.get(sentence.articles[0], 0) + 1
    assert max(per_outlet.values()) <= 3
