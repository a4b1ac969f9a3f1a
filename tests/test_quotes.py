"""Quotes and speakers on text written for these tests: every quote form, every speaker route."""

from __future__ import annotations

import random

import pytest

from crosswire.ingest.inputs import extract_article
from crosswire.model import InputKind, QuoteKind, SourceDocument
from crosswire.nlp.parse import annotate, annotate_many
from crosswire.nlp.quotes import extract_quotes, quotes_across


def article(text: str, name: str = "test.txt"):
    source = SourceDocument(location=name, text=text, encoding="utf-8", kind=InputKind.TEXT)
    return extract_article(source)


def quotes_of(text: str):
    found = extract_quotes(annotate(article(text)))
    for quote in found:
        assert article_text(text)[quote.start : quote.end] == quote.text
    return found


def article_text(text: str) -> str:
    return text


def by_text(quotes, prefix: str):
    matches = [q for q in quotes if q.text.startswith(prefix)]
    assert matches, f"no quote starting {prefix!r} in {[q.text for q in quotes]}"
    return matches[0]


HEADLINE = "Council votes to close the old bridge\n\n"


def test_straight_and_curly_double_quotes():
    text = HEADLINE + (
        '"We cannot wait any longer," Mayor Ines Dorval told reporters on Monday.\n\n'
        "“The bridge is older than my grandmother,” said Karl Weber, the city engineer.\n"
    )
    found = quotes_of(text)
    first = by_text(found, "We cannot wait")
    assert (first.kind, first.speaker, first.cue.text) == (QuoteKind.FULL, "Ines Dorval", "told")
    second = by_text(found, "The bridge is older")
    assert (second.speaker, second.cue.text) == ("Karl Weber", "said")


def test_single_quotes_in_a_headline_are_quotes_and_apostrophes_are_not():
    text = (
        "Bridge closure 'long overdue' but 'poorly planned,' Dorval says\n\n"
        "Mayor Ines Dorval said the council's decision was right.\n"
    )
    found = quotes_of(text)
    assert [q.text for q in found if q.headline] == ["long overdue", "poorly planned,"]
    assert all(q.speaker == "Ines Dorval" for q in found if q.headline)


def test_multi_sentence_quote_is_one_quote():
    text = HEADLINE + (
        '"It will take eight months. It will cost 14 million euros. And it must be done," '
        "Dorval said.\n"
    )
    (quote,) = quotes_of(text)
    assert quote.text.endswith("And it must be done,")


def test_multi_paragraph_quote_runs_until_its_closing_mark():
    text = HEADLINE + (
        'Engineer Karl Weber said: "The cracks have grown every winter since 2019.\n\n'
        '"Last year we found rust in the main cables. We cannot keep it open."\n\n'
        "The council will meet again in May.\n"
    )
    first, second = quotes_of(text)
    assert first.text == "The cracks have grown every winter since 2019."
    assert first.continued and not second.continued
    assert second.text == "Last year we found rust in the main cables. We cannot keep it open."
    assert first.speaker == second.speaker == "Karl Weber"


def test_quote_split_by_its_attribution():
    text = HEADLINE + '"We cannot wait," Dorval said, "and we will not wait any longer."\n'
    first, second = quotes_of(text)
    assert first.text == "We cannot wait,"
    assert second.text == "and we will not wait any longer."
    assert first.speaker == second.speaker == "Dorval"
    assert second.kind is QuoteKind.FULL


def test_partial_quote_inside_paraphrase():
    text = HEADLINE + (
        'Mayor Ines Dorval said the repairs were "long overdue" but noted that the costs '
        '"need to be defined" before work begins.\n'
    )
    found = quotes_of(text)
    overdue = by_text(found, "long overdue")
    defined = by_text(found, "need to be defined")
    assert overdue.kind is defined.kind is QuoteKind.PARTIAL
    assert defined.cue.text == "noted" and defined.speaker == "Ines Dorval"


def test_scare_quotes_are_kept_apart():
    text = HEADLINE + 'The council calls the plan a "temporary" closure lasting eight months.\n'
    (quote,) = quotes_of(text)
    assert quote.kind is QuoteKind.SCARE and quote.speaker is None


def test_square_and_round_bracket_insertions_stay_inside_the_quote():
    text = HEADLINE + (
        '"The city does not negotiate [over] its bridges," Dorval said.\n\n'
        '"(W)e are busy with the repairs," she added.\n'
    )
    found = quotes_of(text)
    assert by_text(found, "The city does not negotiate [over]").speaker == "Ines Dorval" or (
        by_text(found, "The city does not negotiate [over]").speaker == "Dorval"
    )
    assert by_text(found, "(W)e are busy").kind is QuoteKind.FULL


def test_unclosed_quote_at_the_end_of_a_paragraph_stops_before_its_attribution():
    text = HEADLINE + (
        "Mayor Ines Dorval spoke after the vote.\n\n"
        '"The bridge has served us for a century. Now it needs us, Dorval said.\n\n'
        "The council will meet again in May.\n"
    )
    (quote,) = quotes_of(text)
    assert quote.text == "The bridge has served us for a century. Now it needs us"
    assert quote.speaker == "Ines Dorval"


def test_speaker_through_an_appositive():
    text = HEADLINE + (
        'A spokesperson for the council, Anna Berg, said: "The detours are ready."\n'
    )
    (quote,) = quotes_of(text)
    assert quote.speaker == "Anna Berg"


def test_speaker_through_a_pronoun_of_the_right_gender():
    text = HEADLINE + (
        "Mayor Ines Dorval met engineer Karl Weber at the bridge on Monday.\n\n"
        "Mr. Weber showed her the rusted cables.\n\n"
        '"The steel is tired," he said.\n\n'
        '"Then we close it," she replied.\n'
    )
    found = quotes_of(text)
    steel = by_text(found, "The steel is tired")
    close = by_text(found, "Then we close it")
    assert steel.speaker_pronoun.text == "he"
    assert steel.speaker == "Karl Weber"
    assert close.speaker_pronoun.text == "she"
    assert close.speaker == "Ines Dorval"


def test_pronoun_refers_to_the_subject_not_the_object():
    text = HEADLINE + (
        'Karl Weber praised Mayor Ines Dorval for what he called "a brave decision."\n'
    )
    (quote,) = quotes_of(text)
    assert quote.speaker == "Karl Weber"


def test_continuation_paragraph_keeps_the_last_speaker():
    text = HEADLINE + (
        '"We will open a ferry line," Mayor Ines Dorval said.\n\n'
        '"It will run every twenty minutes from six in the morning."\n'
    )
    ferry, schedule = quotes_of(text)
    assert schedule.speaker == ferry.speaker == "Ines Dorval"


def test_dash_attribution_after_a_quote():
    text = HEADLINE + (
        "Readers wrote in about the closure.\n\n"
        "“I cross it every day and I will miss it.” ― Maria Lopez\n\n"
        "“Eight months is far too long for a repair.” ― Tom Baker\n"
    )
    found = quotes_of(text)
    assert [q.speaker for q in found] == ["Maria Lopez", "Tom Baker"]


def test_colon_introduction_in_the_paragraph_before():
    text = HEADLINE + (
        "Mayor Ines Dorval wrote to residents on Friday:\n\n"
        '"Your patience will be rewarded with a safe bridge for the next hundred years."\n'
    )
    (quote,) = quotes_of(text)
    assert quote.speaker == "Ines Dorval"


CROSS = {
    "a.txt": HEADLINE + '"Talks are moving," Russian Foreign Minister Sergey Lavrov said.\n',
    "b.txt": HEADLINE + '"Talks are hard," Foreign Minister Sergei Lavrov told reporters.\n',
    "c.txt": HEADLINE + '"We will see," Lavrov said.\n',
}


def test_speakers_merge_across_articles_with_their_variants_and_titles():
    articles = [article(text, name) for name, text in CROSS.items()]
    results = quotes_across(annotate_many(articles))
    speakers = {r.quotes[0].speaker for r in results}
    assert speakers == {"Sergey Lavrov"}
    (person,) = [p for p in results[0].people if p.name == "Sergey Lavrov"]
    assert {"Sergey Lavrov", "Sergei Lavrov"} <= person.variants
    assert "Russian Foreign Minister" in person.titles


def test_two_people_who_share_a_surname_are_not_merged():
    texts = {
        "a.txt": HEADLINE + '"I will run again," President Joe Biden said.\n',
        "b.txt": HEADLINE + '"I paint every day," Hunter Biden said.\n',
    }
    articles = [article(text, name) for name, text in texts.items()]
    results = quotes_across(annotate_many(articles))
    assert [r.quotes[0].speaker for r in results] == ["Joe Biden", "Hunter Biden"]


@pytest.mark.parametrize("mark", ['"', "“"])
def test_quote_spans_index_the_source_text(mark):
    close = '"' if mark == '"' else "”"
    text = HEADLINE + f"{mark}The bridge will close,{close} Dorval said.\n"
    source = article(text)
    (quote,) = extract_quotes(annotate(source))
    assert source.source.text[quote.start : quote.end] == "The bridge will close,"
    assert source.source.text[quote.cue.start : quote.cue.end] == "said"
    mention = quote.speaker_mention
    assert source.source.text[mention.start : mention.end] == "Dorval"


def test_according_to_in_an_earlier_sentence_does_not_take_the_next_quote():
    # Bug: "according to figures" one sentence earlier was taken as the second quote's source.
    text = HEADLINE + (
        "Inspectors were cut from 48 to 19, according to figures from the union. "
        '"We cannot be everywhere," said union secretary Dariusz Nowak. '
        '"Something like this was bound to happen."\n'
    )
    first, second = quotes_of(text)
    assert first.speaker == second.speaker == "Dariusz Nowak"


def test_a_name_before_the_colon_speaks_rather_than_the_clause_subject():
    text = HEADLINE + (
        "The closure did not surprise engineer Karl Weber: "
        '"We warned the council about the cables five years ago."\n'
    )
    (quote,) = quotes_of(text)
    assert quote.speaker == "Karl Weber"


def test_a_party_label_in_parentheses_is_not_the_speaker():
    text = HEADLINE + '"Close it now," said Sen. Maria Lopez (D-NY), who chairs the committee.\n'
    (quote,) = quotes_of(text)
    assert quote.speaker == "Maria Lopez"


def test_hyphenated_surnames_stay_whole():
    text = HEADLINE + '"The plan is sound," Mr. Holtz-Eakin said on Monday.\n'
    (quote,) = quotes_of(text)
    assert quote.speaker_mention.text.endswith("Holtz-Eakin")


def test_doubled_single_quotes_act_as_double_quotes():
    text = HEADLINE + "''We cannot wait any longer,'' Mayor Ines Dorval said on Monday.\n"
    (quote,) = quotes_of(text)
    assert quote.text == "We cannot wait any longer,"
    assert quote.kind is QuoteKind.FULL and quote.speaker == "Ines Dorval"


def test_attribution_in_the_sentence_before_the_quote():
    text = HEADLINE + (
        "Council spokesperson Anna Berg said in a statement. "
        '"The detours will be signposted from Monday."\n'
    )
    (quote,) = quotes_of(text)
    assert quote.speaker == "Anna Berg"


def test_doubled_single_quotes_with_inverted_and_colon_attribution():
    # Found on PolNeAR train: the parse hangs "Robin Maynard" on "joking", not on "said", and a
    # two-character opening mark hid the colon before "''I told you".
    quotes = quotes_of(
        "Factory workers worry about jobs\n\n"
        "''I'm more skilled with my hands than I am with my brain,'' said Robin Maynard, half "
        "joking. He holds two associate degrees.\n\n"
        "And Mr. Christie gloated: ''I told you he wouldn't be ready.''\n"
    )
    assert by_text(quotes, "I'm more skilled").speaker == "Robin Maynard"
    assert by_text(quotes, "I told you").speaker_mention.text == "Christie"


def test_a_name_after_the_closing_mark_speaks_when_the_verb_has_no_subject():
    # Found on PolNeAR dev: with no subject in the parse, "said Thursday morning" made the day
    # the speaker of both quotes.
    quotes = quotes_of(
        "General backs the candidate\n\n"
        "Retired general Mark Dunmore spoke on Thursday.\n\n"
        "“He's absolutely right. There's a severe disconnect between this White House and our "
        "military,” Dunmore, a top campaign surrogate, said Thursday morning on a cable show. "
        "“I mean, there's a lot of frustration within the ranks.”\n"
    )
    assert by_text(quotes, "He's absolutely right").speaker == "Mark Dunmore"
    assert by_text(quotes, "I mean").speaker == "Mark Dunmore"


def test_a_dash_parsed_as_the_subject_is_not_the_speaker():
    # Found on PolNeAR dev: a clause set off by dashes gave "―" as the subject of "boasted".
    (quote,) = quotes_of(
        "Debate night\n\n"
        "When Clinton noted that Trump has occasionally not paid anything in federal income "
        "taxes ― as was true for the few years his tax returns were made public ― Trump "
        "boasted, “That makes me smart.”\n"
    )
    assert quote.speaker == "Trump"


TIED_SPELLINGS = """
from crosswire.model import Person
from crosswire.nlp.people import PersonRegistry
registry = PersonRegistry()
person = registry.resolve(Person("Steve Mnuchin", {"Steve Mnuchin", "Steven Mnuchin"}))
print(person.name)
"""


def test_a_tie_between_two_spellings_is_settled_the_same_way_in_every_process():
    # Found running 2,000 corpus articles under two hash seeds: the canonical name of a speaker
    # spelled two ways once each followed the iteration order of a set.
    from tests.conftest import printed_under_hash_seeds

    names = printed_under_hash_seeds(TIED_SPELLINGS)
    assert names == {"Steven Mnuchin"}


def test_people_found_by_surname_are_those_a_scan_of_everyone_finds():
    # Quote resolution over n articles compared every new person with every known one (n
    # squared: 7.7 s for 1,500 corpus articles); people are now looked up by surname.
    from crosswire.model import Person
    from crosswire.nlp.people import PersonRegistry, _split, surnames_match

    class ScanningRegistry(PersonRegistry):
        def _with_surname_like(self, surname):
            return [p for p in self.people if surnames_match(_split(p.name)[1], surname)]

    firsts = ["Sergei", "Sergey", "S.", "John", "Jane", "Volodymyr", None]
    surnames = ["Lavrov", "Lavrow", "Smith", "Zelensky", "Zelenskyy", "Zelenskiy", "Mnuchin", "Li"]
    names = [f"{f} {s}" if f else s for f in firsts for s in surnames] * 3
    random.Random(0).shuffle(names)
    # A canonical name that changes surname (Zelenskyy to Zelensky) must be found under the new
    # one: Zelenskij is spelled like Zelensky, not like Zelenskyy.
    names = ["Volodymyr Zelenskyy"] + ["Volodymyr Zelensky"] * 2 + ["Volodymyr Zelenskij", *names]
    indexed, scanning = PersonRegistry(), ScanningRegistry()
    for name in names:
        found = indexed.resolve(Person(name, {name}, set()))
        expected = scanning.resolve(Person(name, {name}, set()))
        assert (found.name, found.variants) == (expected.name, expected.variants)
    assert [p.name for p in indexed.people] == [p.name for p in scanning.people]
    assert any(
        {"Sergei Lavrov", "Sergey Lavrov", "S. Lavrov"} <= p.variants for p in indexed.people
    )


# Found on PolNeAR train and dev (second round): each text is written for the test, in the form
# of a quote whose speaker came out wrong or missing.
SPEAKER_FORMS = [
    pytest.param(
        "“Not our plan but we can't argue with it!” Karl Weber, the city engineer, Tweeted on "
        "Friday with a photo of the bridge.",
        "Not our plan",
        "Karl Weber",
        id="capitalised-speech-verb",
    ),
    pytest.param(
        "“Go back to Channel Four,” Trump barked and a guard escorted the reporter out.",
        "Go back",
        "Trump",
        id="subject-parsed-as-compound",
    ),
    pytest.param(
        "“We've had better meetings than this one,” delegate Tom Berger, wearing a cap and "
        "“Save the Bridge” pins, said as the hall emptied around him.",
        "We've had better",
        "Tom Berger",
        id="short-quote-inside-the-attribution",
    ),
    pytest.param(
        "As if addressing the mayor directly, the Harbor Board was clear in its findings: "
        "“Further repairs to the bridge are a waste of money.”",
        "Further repairs",
        "Harbor Board",
        id="colon-after-a-clause",
    ),
    pytest.param(
        "As Professor Lena Ortiz put it: ''The bridge has outlived its purpose.''",
        "The bridge has outlived",
        "Lena Ortiz",
        id="put-it",
    ),
    pytest.param(
        "Kelly Marsh replied: “It can happen at any age.”\n\n"
        "“You know, it happens, right?” Dorval went on, as if he had not heard her.",
        "You know",
        "Dorval",
        id="went-on",
    ),
    pytest.param(
        "Continued Weber: “So I think it is a very real problem for the whole town.”",
        "So I think",
        "Weber",
        id="verb-first-before-a-colon",
    ),
    pytest.param(
        "Tuesday at Baldwin Wallace University in Berea, OH, after winning Ohio in the Republican "
        "presidential primary, Gov. John Kasey (R-OH) said, “I'm getting ready to rent a covered "
        "wagon.”",
        "I'm getting ready",
        "John Kasey",
        id="two-subjects-the-person-speaks",
    ),
    pytest.param(
        "The town recognizes this calamity for what it is (Ruth Lemke, who coined the word "
        "bridgegate, once said, “It happened so many times...first to the ferry, then after the "
        "ferry, the council took action”).",
        "It happened so many",
        "Ruth Lemke",
        id="attribution-inside-parentheses",
    ),
    pytest.param(
        "To wit, Dorval told the radio that Mark Weber “had a crazy policy of closures which was "
        "maniacal,” adding, “He lost all of the east bank vote … he lost everybody who drives to "
        "work.”",
        "He lost all",
        "Dorval",
        id="adding-after-a-partial-quote",
    ),
    pytest.param(
        "''That was a good speech you gave last night, Madam Mayor,'' Councillor Steve Cohn, "
        "a Democrat from the east bank, told Mayor Dorval at the party.",
        "That was a good speech",
        "Steve Cohn",
        id="told-names-the-listener-after-the-verb",
    ),
    pytest.param(
        "Weber said,“Look, the cables have rusted through and nobody checked them.”",
        "Look, the cables",
        "Weber",
        id="no-space-after-the-comma",
    ),
    pytest.param(
        "“It has been surprising to see somebody so affable traffic in paranoia,”Dorval said.",
        "It has been surprising",
        "Dorval",
        id="no-space-after-the-closing-mark",
    ),
    pytest.param(
        "“The bridge will always be the bridge,” an angry Dorval retaliated.",
        "The bridge will always",
        "Dorval",
        id="any-verb-right-after-a-comma-quote",
    ),
    pytest.param(
        "“This is a big year for our town!” The mayor's niece, councillor Ana Price, shouted to "
        "the crowd.",
        "This is a big year",
        "Ana Price",
        id="attribution-sentence-after-the-quote",
    ),
]


@pytest.mark.parametrize(("paragraph", "quote_start", "speaker"), SPEAKER_FORMS)
def test_speaker_forms_found_on_polnear(paragraph, quote_start, speaker):
    quote = by_text(quotes_of(HEADLINE + paragraph + "\n"), quote_start)
    assert quote.speaker == speaker


def test_a_quote_going_on_from_an_attributed_one_is_not_the_next_sentences_subjects():
    # NeuS probe train: '"I am not going to do a virtual debate," Trump said on Fox Business.
    # "I am not going to waste my time on a virtual debate." Biden's campaign on Thursday
    # swiftly agreed to the virtual format.' gave the second quote to Biden; and '"Too bad!"
    # In a statement, Cummings confirmed the attempted break-in' gave Trump's tweet to Cummings.
    text = (
        HEADLINE + "Mayor Tom Kessler rejected the plan on Monday. “I am not going to sign "
        "it,” Kessler said on the radio. “I am not going to waste my time on this plan.” Anna "
        "Berg's office on Monday swiftly agreed to the new vote.\n\n"
        "“Really bad news!” Kessler wrote. “The old bridge was closed again. Too bad!” In a "
        "statement, Berg confirmed the closure of the bridge, revealing she was at home.\n"
    )
    quotes = quotes_of(text)
    assert by_text(quotes, "I am not going to waste").speaker == "Tom Kessler"
    assert by_text(quotes, "The old bridge was closed").speaker == "Tom Kessler"


def test_a_name_a_preposition_governs_before_a_colon_is_not_the_speaker():
    # NeuS probe train: the headline "Ocasio-Cortez after being booed voting for Pelosi: 'Don't
    # hate me cause you ain't me'" gave the words to Pelosi.
    text = (
        "Kessler after being booed voting for Berg: 'Don’t hate me cause you ain’t me'.\n\n"
        "Mayor Tom Kessler was booed on Thursday while he voted for Anna Berg.\n"
    )
    assert by_text(quotes_of(text), "Don’t hate me").speaker == "Tom Kessler"


def test_added_after_a_reported_clause_goes_on_from_said():
    # PolNeAR train: 'Suu Kyi, 70, said it was too early to congratulate winners but added,
    # "I think …"' hangs "added" on the reported "was", whose subject "it" names no person;
    # and "More from Jones:" before a quote is Jones's, as "from" tells.
    text = (
        HEADLINE + "Appearing before supporters on Monday, Mayor Tom Kessler, 70, said it was "
        "too early to celebrate but added, “I think you all know the result.”\n\n"
        "More from Anna Berg: “The bridge will close in May.”\n"
    )
    quotes = quotes_of(text)
    assert by_text(quotes, "I think you all").speaker == "Tom Kessler"
    assert by_text(quotes, "The bridge will close").speaker == "Anna Berg"


def test_an_it_that_speaks_is_the_document_or_group_before_never_a_person():
    # PolNeAR train: '"…," the company wrote in its statement. It added, "We want no part …"'
    # and "Thursday's memo from the panel … '…,' it stated" had no speaker; on Sanders's
    # website '"This is your movement," it now says' must not go to Sanders.
    text = (
        HEADLINE + "“Nobody at the harbour was told,” the company wrote in its statement.\n\n"
        "It added, “We want no part in the closure.”\n\n"
        "On his website, Mayor Tom Kessler has started a campaign. “This is your bridge,” it "
        "now says.\n"
    )
    quotes = quotes_of(text)
    added = by_text(quotes, "We want no part")
    assert added.speaker_mention.text == "the company"
    assert added.speaker_pronoun.text == "It"
    assert by_text(quotes, "This is your bridge").speaker is None
    text = HEADLINE + "The weekend saw record crowds at the harbour. “We are open,” it said.\n"
    assert by_text(quotes_of(text), "We are open").speaker is None


def test_a_narrating_clause_the_parse_put_under_a_quote_keeps_its_subject():
    # PolNeAR dev: "Mr. Trump hardly clarified the matter, treating Mrs. Clinton's remark
    # first as a compliment -- ''That makes me smart'' -- and, when questioned after the
    # debate, asserting, ''Of course, I pay federal taxes.''" had no speaker: the parse made
    # the quoted "makes" the root, with "Trump … clarified" under it.
    text = (
        HEADLINE + "Mayor Tom Kessler hardly clarified the matter, treating Anna Berg's remark "
        "first as a compliment -- ''That makes me smart'' -- and, when questioned after the "
        "debate, asserting, ''Of course, I pay my taxes.''\n"
    )
    assert by_text(quotes_of(text), "Of course, I pay").speaker == "Tom Kessler"


def test_a_participle_speaks_for_the_name_just_before_it():
    # PolNeAR dev: "The ad uses footage of Hillary Clinton asking, '…'" and "The spot concludes
    # with footage of Trump saying during the debate last week, 'That makes me smart'" gave the
    # words to the ad and the spot, the subjects of the verbs the parse hangs the participle on.
    text = (
        HEADLINE + "The new ad uses footage of Anna Berg asking, “Why am I not far ahead?”\n\n"
        "The spot concludes with footage of Kessler saying during the debate last week, "
        "“That makes me smart,” when Berg blasted him over his taxes.\n\n"
        "The video shows Mayor Tom Kessler telling reporters, “We will rebuild the pier.”\n"
    )
    quotes = quotes_of(text)
    assert by_text(quotes, "Why am I not").speaker == "Anna Berg"
    assert by_text(quotes, "That makes me smart").speaker == "Tom Kessler"
    assert by_text(quotes, "We will rebuild").speaker == "Tom Kessler"
    # a participle with no speaker of its own goes on from the verb that reports
    text = (
        HEADLINE + "Kessler said Berg's situation reminds him of the 1969 book titled “The Fall "
        "of a Mayor,” explaining, “because what could have been and so there are certain tragic "
        "dimensions of it, which we all lament.”\n"
    )
    assert by_text(quotes_of(text), "because what could").speaker == "Kessler"
