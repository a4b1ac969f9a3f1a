"""Plain-text cleaning on dumps written for these tests: each kind of chrome, and body kept."""

from __future__ import annotations

import pytest

from crosswire.ingest.inputs import extract_article
from crosswire.model import DropReason, InputKind, ParagraphKind, SourceDocument
from tests.conftest import assert_spans_hold

BODY = [
    "The city council voted on Monday to close the old bridge for repairs, officials said.",
    '"We cannot wait any longer," Mayor Ines Dorval told reporters after the vote.',
    "The bridge carries about 20,000 vehicles a day, according to the transport office.",
    "Dorval said the council's newsletter would carry a map of the detours next week.",
    '"It will take at least eight months," she added.',
]


def article_from(text: str):
    source = SourceDocument(location="test.txt", text=text, encoding="utf-8", kind=InputKind.TEXT)
    article = extract_article(source)
    assert_spans_hold(article)
    return article


def reasons_of(article) -> dict[str, DropReason]:
    return {part.text: part.reason for part in article.dropped}


def assert_body_kept(article, body=BODY) -> None:
    kept = [p.text for p in article.paragraphs if p.kind is ParagraphKind.TEXT]
    assert kept == body


def page(header: list[str], body: list[str], trailer: list[str]) -> str:
    return "\n".join(header) + "\n\n" + "\n\n".join(body) + "\n\n" + "\n".join(trailer) + "\n"


def test_newsletter_prompts_are_dropped_and_body_kept():
    trailer = [
        "Sign up for our morning newsletter",
        "Enter your email address",
        "* indicates required",
        "Subscribe",
        "Thanks for subscribing! Check your inbox to confirm.",
    ]
    article = article_from(page(["Bridge to close for eight months"], BODY, trailer))
    assert_body_kept(article)
    reasons = reasons_of(article)
    for line in trailer:
        assert reasons[line] is DropReason.NEWSLETTER, line


def test_body_sentence_mentioning_a_newsletter_is_kept():
    article = article_from(page(["Bridge to close for eight months"], BODY, []))
    assert BODY[3] in [p.text for p in article.paragraphs]


def test_read_next_block_with_teasers_is_dropped():
    trailer = [
        "Read next",
        "14:05",
        "Harbour works",
        "The harbour authority said dredging would begin in June and last until the autumn.",
        "09:30",
        "School meals",
        "Free school meals will be extended to all primary pupils from September, the mayor said.",
    ]
    article = article_from(page(["Bridge to close for eight months"], BODY, trailer))
    assert_body_kept(article)
    assert set(reasons_of(article).values()) >= {DropReason.RELATED_LINKS}
    assert all(line in reasons_of(article) for line in trailer)


def test_teaser_in_the_middle_of_the_page_is_dropped():
    teaser = [
        "River levels fall after a week of floods",
        "Residents along the east bank returned to their homes on Sunday as the water dropped, "
        "but many found their ground floors still covered in mud and the power still off in",
    ]
    body = BODY[:3] + teaser + BODY[3:]
    article = article_from(page(["Bridge to close for eight months"], body, []))
    assert_body_kept(article)
    for line in teaser:
        assert reasons_of(article)[line] is DropReason.RELATED_LINKS


def test_inline_read_more_link_is_dropped():
    body = [*BODY[:2], "Read more: How the bridge was built in 1911", *BODY[2:]]
    article = article_from(page(["Bridge to close for eight months"], body, []))
    assert_body_kept(article)
    assert reasons_of(article)["Read more: How the bridge was built in 1911"] is (
        DropReason.RELATED_LINKS
    )


def test_captions_and_audio_notice_are_dropped():
    header = [
        "Bridge to close for eight months",
        "by Karel Vos May 4, 2026 10:00 AM",
        "Traffic crosses the old bridge on Monday. (Photo: City Times/Anna Berg)",
        "This audio is created with AI assistance",
    ]
    article = article_from(page(header, BODY, []))
    assert_body_kept(article)
    reasons = reasons_of(article)
    assert reasons[header[2]] is DropReason.CAPTION
    assert reasons[header[3]] is DropReason.MEDIA_NOTICE
    assert article.authors == ["Karel Vos"]
    assert article.date == "2026-05-04T10:00:00"
    assert article.title == "Bridge to close for eight months"


def test_lead_repeated_twice_is_dropped_once():
    header = ["date 2026-05-04 Local", BODY[0], "Bridge to close for eight months"]
    article = article_from(page(header, BODY, []))
    assert_body_kept(article)
    assert [d.reason for d in article.dropped if d.text == BODY[0]] == [DropReason.REPEATED_LEAD]
    assert article.date == "2026-05-04"


def test_lead_repeated_inside_the_body_is_dropped():
    body = [BODY[0], BODY[0], *BODY[1:]]
    article = article_from(page(["Bridge to close for eight months"], body, []))
    assert_body_kept(article)
    assert [d.reason for d in article.dropped if d.text == BODY[0]] == [DropReason.REPEATED_LEAD]


def test_syndication_footer_and_link_list_are_dropped():
    trailer = [
        "Get a daily dose of Riverside Herald news through our daily email, free every morning.",
        "Publish news of your business or club by submitting a news release to Riverside Herald.",
        "More InformationPARIS - Rail workers will strike on Thursday over pay, unions said...",
        "BERLIN - The government will present its budget plan next week, a spokesman...",
        "ROME - Heavy rain is expected across the north of the country this weekend...",
    ]
    header = ["citytimes.com", "4 May 2026, 10:00 GMT+2", "Bridge to close for eight months"]
    article = article_from(page(header, BODY, trailer))
    assert_body_kept(article)
    reasons = reasons_of(article)
    assert reasons[trailer[1]] is DropReason.SYNDICATION_FOOTER
    assert all(reasons[line] is DropReason.RELATED_LINKS for line in trailer[2:])
    assert article.outlet == "citytimes.com"
    assert article.carried_by == "Riverside Herald"
    assert article.date == "2026-05-04T10:00:00+02:00"


def test_comment_prompts_are_dropped():
    trailer = ["What is your opinion on this topic?", "Leave the first comment", "12 comments"]
    article = article_from(page(["Bridge to close for eight months"], BODY, trailer))
    assert_body_kept(article)
    assert all(reasons_of(article)[line] is DropReason.COMMENTS for line in trailer)


def test_navigation_and_promos_above_the_headline_are_dropped():
    header = [
        "Our new print edition is here. Be among the first to get it.",
        "pre-order now",
        "Skip to content",
        "Menu",
        "Bridge to close for eight months",
    ]
    article = article_from(page(header, BODY, []))
    assert_body_kept(article)
    reasons = reasons_of(article)
    assert reasons[header[0]] is DropReason.PROMO
    assert reasons["Skip to content"] is DropReason.NAVIGATION
    assert reasons[header[4]] is DropReason.HEADLINE


def test_subheadings_are_kept_as_headings():
    body = [BODY[0], "What happens next", BODY[1], BODY[2]]
    article = article_from(page(["Bridge to close for eight months"], body, []))
    headings = [p.text for p in article.paragraphs if p.kind is ParagraphKind.HEADING]
    assert headings == ["What happens next"]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_offsets_index_the_text_exactly_as_given(newline):
    text = page(["Bridge to close for eight months"], BODY, ["Subscribe"]).replace("\n", newline)
    article = article_from(text)
    assert_body_kept(article)
