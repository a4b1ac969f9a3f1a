"""Russian articles: extraction (cp1251 too), quotes and speakers, people across scripts,
stories across languages, and translated quotes in one group. All text is fictional, written
for these tests (tests/data/russian, examples-cross-language)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from crosswire.model import Coverage
from tests.conftest import REPO, assert_spans_hold

RUSSIAN = REPO / "tests" / "data" / "russian"
CROSS = REPO / "examples-cross-language"


def _read(*paths):
    from crosswire.workflow import read_paths

    return list(read_paths(paths))


def _quotes(text: str, tmp_path: Path):
    from crosswire.workflow import understand

    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    (article,) = _read(path)
    return understand([article]).quoted[0].quotes


@pytest.fixture(scope="module")
def cross_comparison():
    from crosswire.ingest.outlets import OutletRegistry
    from crosswire.workflow import compare_articles

    registry = OutletRegistry.load(CROSS / "outlets.csv")
    articles = _read(CROSS)
    for article in articles:
        registry.apply(article)
    return compare_articles(articles), articles


def test_cp1251_article_is_read_with_its_metadata():
    raw = (CROSS / "vestnik-severa.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    (article,) = _read(CROSS / "vestnik-severa.txt")
    assert article.language == "ru"
    assert article.title == "Громов: соглашение о зерновом коридоре «нужно доработать»"
    assert article.authors == ["Ирина Малахова"]
    assert article.date.startswith("2026-05-12")
    assert article.outlet == "Вестник Севера"
    body = article.body
    assert "Читайте также" not in body and "Подписывайтесь" not in body and "Фото:" not in body
    assert "Время ещё есть" in body
    assert_spans_hold(article)


def test_russian_quotes_and_speakers_meet_the_target():
    sys.path.insert(0, str(REPO / "bench"))
    from russian_quotes import score

    for folder, floor in ((RUSSIAN, 0.9), (RUSSIAN / "heldout", 0.9)):
        result = score(folder=folder)
        assert result["quotes_recall"] >= floor, (folder, result)
        assert result["quotes_precision"] >= 0.9, (folder, result)
        assert result["speakers"] >= floor, (folder, result)


def test_dash_speech_pronoun_and_role_resolve_to_the_person(tmp_path):
    quotes = _quotes(
        "Переговоры продолжатся\n\n"
        "Министр иностранных дел Вельдории Павел Громов встретился с послом Остланда. "
        "Официальный представитель министерства Анна Лебедева добавила, что встреча прошла "
        "спокойно.\n\n"
        "«Мы не отказываемся от диалога», — подчеркнул министр.\n\n"
        "— Решение пока не принято, — сказала она. — Ждём ответа.\n",
        tmp_path,
    )
    by_text = {q.text: q for q in quotes}
    assert by_text["Мы не отказываемся от диалога"].speaker == "Павел Громов"
    assert by_text["Решение пока не принято"].speaker == "Анна Лебедева"
    assert by_text["Ждём ответа"].speaker == "Анна Лебедева"


def test_a_name_in_guillemets_is_not_a_quote(tmp_path):
    quotes = _quotes(
        "Интервью\n\nПавел Громов заявил в эфире радиостанции «Норд», что «соглашение нужно "
        "доработать».\n",
        tmp_path,
    )
    kinds = {q.text: q.kind.value for q in quotes}
    assert kinds["Норд"] == "scare"
    assert kinds["соглашение нужно доработать"] == "partial"


def test_one_person_across_scripts():
    from crosswire.nlp.people import PersonRegistry, same_name
    from crosswire.nlp.russian import latin

    assert latin("Сергей Лавров") == "Sergey Lavrov"
    assert same_name("Сергей Лавров", "Sergei Lavrov")
    assert same_name("Лавров", "Sergey Lavrov")
    assert not same_name("Анна Лебедева", "Anton Lebedev")
    registry = PersonRegistry()
    from crosswire.model import Person

    first = registry.resolve(Person("Павел Громов", {"Павел Громов"}))
    second = registry.resolve(Person("Pavel Gromov", {"Pavel Gromov"}))
    assert first is second


def test_stories_across_languages():
    from crosswire.workflow import group, understand

    paths = [
        *sorted(CROSS.glob("*.txt")),
        *sorted((REPO / "examples").glob("*.*t*")),
        RUSSIAN / "01-port.txt",
        RUSSIAN / "07-science.txt",
        RUSSIAN / "05-budget.txt",
    ]
    articles = _read(*paths)
    placements, _ = group(understand(articles))
    story = {
        Path(a.source.location).name: p.story for a, p in zip(articles, placements, strict=True)
    }
    grain = {story[p.name] for p in CROSS.glob("*.txt")}
    assert len(grain) == 1  # two Russian and two English articles of one story
    fire = {story[p.name] for p in (REPO / "examples").glob("*.*t*")}
    assert fire == {story["01-port.txt"]}  # the Russian report of the English-covered fire
    unrelated = {story["07-science.txt"], story["05-budget.txt"]}
    assert len(unrelated) == 2 and not unrelated & (grain | fire)


def test_a_quote_and_its_translation_form_one_group(cross_comparison):
    comparison, _ = cross_comparison
    group = next(
        g
        for g in comparison.quotes
        if any(v.evidence.text == "Мы ждём ответа от партнёров" for v in g.variants)
    )
    texts = {v.evidence.text: v for v in group.variants}
    assert "We are waiting for an answer from our partners," in texts
    assert group.speaker in {"Павел Громов", "Pavel Gromov"}
    translated = [v for v in group.variants if v.translation]
    assert translated and all(not v.changes for v in translated)
    # Exactly the renderings in the other language than the base's are translations.
    cyrillic = [bool(re.search("[а-яА-Я]", v.evidence.text)) for v in group.variants]
    assert [v.translation for v in group.variants] == [c != cyrillic[0] for c in cyrillic]
    # Different remarks of the same speaker stay apart across languages.
    assert "Время ещё есть" not in texts


def test_other_language_articles_are_not_said_to_omit():
    from crosswire.workflow import compare_articles

    # Two English reports of the fire and the Russian one: what only the English pair carries is
    # "another language" for the Russian article, never "omits", and it leaves nothing out.
    articles = _read(
        REPO / "examples" / "northline-daily.html",
        REPO / "examples" / "continental-review.html",
        RUSSIAN / "01-port.txt",
    )
    comparison = compare_articles(articles)
    (russian,) = [a.key for a in comparison.articles if a.language == "ru"]
    english_only = [
        c
        for c in comparison.claims
        if comparison.claim_languages(c) == {"en"} and len(c.articles()) >= 2
    ]
    assert english_only
    for claim in english_only:
        assert comparison.coverage(claim, russian) is Coverage.OTHER_LANGUAGE
    assert not any(o.article == russian for o in comparison.omissions)
    for claim in comparison.claims:  # within a claim's languages, silence is still "omits"
        for article in comparison.articles:
            state = comparison.coverage(claim, article.key)
            if article.key not in claim.articles():
                expected = (
                    Coverage.OMITS
                    if (article.language or "en") in comparison.claim_languages(claim)
                    else Coverage.OTHER_LANGUAGE
                )
                assert state is expected


def test_numbers_conflict_across_languages(cross_comparison):
    comparison, articles = cross_comparison
    (tonnes,) = [c for c in comparison.conflicts if c.kind.value == "number"]
    sides = {side.value: {e.article for e in side.evidence} for side in tonnes.sides}
    assert set(sides) == {"3 million", "2 million"}  # read as numbers, never "3e+06"
    outlets = {a.key: a.outlet for a in comparison.articles}
    assert {outlets[k] for k in sides["3 million"]} == {
        "The Baltic Courier",
        "Вельдория сегодня",
        "Вестник Севера",
    }
    assert {outlets[k] for k in sides["2 million"]} == {"Meridian Wire"}
    for side in tonnes.sides:
        for evidence in side.evidence:
            article = next(a for a in articles if a.source.location == evidence.article)
            assert article.source.text[evidence.start : evidence.end] == evidence.text


def test_russian_scales_and_decimal_commas():
    from crosswire.nlp.parse import parse_number

    assert parse_number("3 млн") == 3_000_000
    assert parse_number("2,5 тыс.") == 2_500
    assert parse_number("5,000") == 5_000  # an English thousands comma stays one


def test_a_claim_reported_in_both_languages_is_one_row(cross_comparison):
    comparison, _ = cross_comparison
    languages = [comparison.claim_languages(c) for c in comparison.claims]
    assert {"en", "ru"} in languages


def test_dates_conflict_across_languages_and_leave_the_consensus(cross_comparison):
    comparison, _ = cross_comparison
    outlets = {a.key: a.outlet for a in comparison.articles}
    (dates,) = [c for c in comparison.conflicts if c.kind.value == "date"]
    sides = {side.value: {outlets[e.article] for e in side.evidence} for side in dates.sides}
    assert sides == {"15 May": {"Meridian Wire"}, "14 May": {"Вельдория сегодня", "Вестник Севера"}}
    # The contested claim is not told as agreed, and its cell for Meridian Wire is ✗.
    assert not any("14 мая" in s.text for s in comparison.summary.agreed)
    (claim,) = [c for c in comparison.claims if "14 мая" in c.text]
    meridian = next(a.key for a in comparison.articles if a.outlet == "Meridian Wire")
    assert comparison.coverage(claim, meridian) is Coverage.CONTRADICTS


def test_two_translations_differ_in_wording_not_meaning(cross_comparison):
    comparison, _ = cross_comparison
    group = next(
        g
        for g in comparison.quotes
        if any(v.evidence.text.startswith("We are not walking away") for v in g.variants)
    )
    assert any(v.translation for v in group.variants)
    changed = [c for v in group.variants for c in v.changes]
    assert changed and not group.changes_meaning  # "walking away from" / "refusing"


def test_a_masthead_in_capitals_is_named_as_written():
    from crosswire.ingest.metadata import masthead_name

    assert masthead_name("THE BALTIC COURIER") == "The Baltic Courier"
    assert masthead_name("ВЕЛЬДОРИЯ СЕГОДНЯ") == "Вельдория сегодня"
    assert masthead_name("BBC NEWS") == "BBC News"
    assert masthead_name("NEWS OF THE DAY") == "News of the Day"
    assert masthead_name("BBC") == "BBC"
    (article,) = _read(CROSS / "baltic-courier.txt")
    assert article.outlet == "The Baltic Courier"


GERMAN_FIRE = (
    "Großbrand im Hafen von Kaltberg: drei Tote\n\n"
    "Bei einem Brand in einem Düngemittellager im Hafen von Kaltberg sind am Dienstag drei "
    "Hafenarbeiter ums Leben gekommen, 27 weitere wurden verletzt. Das teilte der regionale "
    "Rettungsdienst mit.\n\n"
    "Hafenministerin Elena Varga besuchte am Abend die Unglücksstelle. „Wir werden nicht ruhen, "
    "bis jede Familie Antworten hat“, sagte Varga vor Journalisten.\n"
)


def test_a_language_with_no_parser_is_stored_and_grouped(tmp_path):
    from crosswire.store import Store, ingest_articles, refresh
    from crosswire.workflow import group, understand

    german = tmp_path / "de.txt"
    german.write_text(GERMAN_FIRE, encoding="utf-8")
    articles = _read(*sorted((REPO / "examples").glob("*.*t*")), german)
    assert articles[-1].language == "de"
    placements, _ = group(understand(articles))
    assert len({p.story for p in placements}) == 1  # the German report joins the fire story
    store = Store(tmp_path / "store.db")
    try:
        done = ingest_articles(store, articles)
        assert len(done["new"]) == 6
        refresh(store, done["new"])
        assert store.counts()["articles"] == 6
        (story,) = {store.article_row(i)["story_id"] for i in done["new"]}
        compared = store.comparison(story)
        keys = {a["key"] for a in compared["articles"]}
        assert str(done["new"][-1]) not in keys and len(keys) == 5  # compared without it
    finally:
        store.close()
