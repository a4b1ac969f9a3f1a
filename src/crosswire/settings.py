"""Every tuned number, in one frozen dataclass per stage.

Each stage takes its settings as an argument (as trafilatura's ``Extractor`` options are passed
down) and its defaults are the tuned values; a test or a bench builds other settings with
``dataclasses.replace`` instead of patching module constants. Where a value was tuned, the
comment says on what.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class GroupSettings:
    """Tuned on the NeuS validation split (bench/grouping.py); never on a test split."""

    threshold: float = 0.42
    # Where a batch mixes languages, multilingual-e5 replaces MiniLM and TF-IDF; its best
    # threshold on NeuS val (bench/grouping.py --multilingual), where its cosines bunch near 1.
    multilingual_threshold: float = 0.90
    # How much further apart e5 puts one story told in two languages than in one: the same event
    # in Russian and English scored 0.87-0.90, other stories at most 0.84 (the bundled
    # examples-cross-language and tests/data/russian; no labelled cross-language news exists
    # here, so this is a small sample).
    multilingual_language_gap: float = 0.04
    cross_language_gap: float = 0.0  # the gap in use: set to the one above in mixed batches
    entity_weight: float = 0.0
    lexical_weight: float = 0.5  # share of TF-IDF cosine in the similarity, beside MiniLM's
    # Similarity to a story is that of its closest member. The mean over members scored 0.004
    # higher on NeuS val but split the seed story differently with the arrival order.
    average_link: bool = False
    merge_bridged: bool = False
    window_days: int = 7
    late_penalty: float = 0.25
    follow_up_similarity: float = 0.8
    neighbours: int = 32
    # usearch's own defaults. Cheaper graphs lose candidates: on 30,000 synthetic items,
    # expansion_add 32 saved a quarter of the time and cost 0.007 B-cubed F1, connectivity 8 0.03.
    index_connectivity: int = 16
    index_expansion_add: int = 128
    # How wide a lookup searches the graph. usearch's default, 64, misses story-mates as the index
    # grows (an earlier story-mate among the 32 found, synthetic news-shaped vectors: 99.56 % at
    # 10^5 items, 96.25 % at 4x10^5); 256 found 99.93 % at 4x10^5, for 0.7 ms more per article.
    index_expansion_search: int = 256


@dataclass(frozen=True, slots=True)
class EventSettings:
    """How a story splits into events, and how reprints are told apart."""

    quote_min_words: int = 6  # quotes this long, shared, put two articles in one event
    same_quote: int = 85  # rapidfuzz token-set ratio of two renderings of one quote
    same_text: float = 0.85  # cosine of two bodies that tell nearly the same text
    nearest_event: float = 0.6  # cosine at which an article joins its nearest event
    reprint_similarity: float = 0.8  # MinHash Jaccard of a syndicated copy
    update_similarity: float = 0.5  # MinHash Jaccard of an updated version, same outlet or title
    lead_paragraphs: int = 2  # the lead MiniLM reads with the title, for stories
    body_chars: int = 2000  # the opening of the body that tells events apart
    body_tokens: int = 256  # all MiniLM reads; at 128 the seeds' two interviews ran together


# multilingual-e5 cosine -> the MiniLM cosine at the same rank, between sentences of different
# articles of one event (bench/calibrate_multilingual.py, BASIL 2010-2014: 61,866 pairs). The
# comparison's thresholds were tuned on MiniLM; where a sentence is not English, its e5 cosines
# are read through this map (MiniLM's 0.72 for one claim is e5's 0.91).
E5_TO_MINILM = (
    (0.671, -0.157), (0.811, 0.252), (0.841, 0.405), (0.857, 0.49), (0.871, 0.56),
    (0.887, 0.636), (0.9, 0.685), (0.912, 0.727), (0.932, 0.792), (0.951, 0.865), (1.0, 1.0),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ClaimSettings:
    min_words: int = 4
    same_claim: float = 0.72  # cosine at which two sentences say the same on meaning alone
    same_claim_with_words: float = 0.65  # cosine enough when they also share their content words
    # The same, for two sentences carrying renderings of one quote: the quote vouches for part
    # of what they say ("some elements need to be 'fine-tuned,' he adds" / "… points, elements
    # of this which need to be fine-tuned," he said).
    same_claim_quoting: float = 0.58
    shared_words: float = 0.35  # Dice overlap of content lemmas
    same_words_but_negated: float = 0.5
    group_cohesion: float = 0.5  # a unit joins a group only this close to its members on average
    same_measure: float = 0.6  # cosine of what two numbers count, the numbers left out


@dataclass(frozen=True, slots=True)
class QuoteAlignSettings:
    shared_run: float = 0.75  # share of the shorter quote's words found in order in the other
    shared_min_words: int = 3
    same_meaning: float = 0.8  # cosine of two quotes by one speaker that render one statement
    context_meaning: float = 0.6  # cosine of a short partial quote's sentence and a fuller quote
    context_meaning_shared: float = 0.45  # the same, when the fuller quote has the partial's words
    long_quote_words: int = 6
    short_partial: int = 3
    wording_in_context: float = 0.8  # cosine of changed passages at which a change is wording only
    spelling: int = 85  # rapidfuzz ratio at which two words are one word spelled two ways
    window: int = 3
    edge_words: int = 3
    # A rendering that changes more words than this in one place is another passage (two
    # remarks aligned), not an altered quote: at most "wording", never "meaning differs".
    meaning_max_words: int = 4
    # multilingual-e5 cosine of a quote and its translation by the same speaker: translations
    # in the bundled cross-language example scored 0.87-0.96, other remarks at most 0.86.
    translation: float = 0.88


@dataclass(frozen=True, slots=True)
class FramingSettings:
    charged_valence: float = 2.5  # VADER's scale runs from -4 to 4
    evaluative_subjectivity: float = 0.8  # Pattern's subjectivity runs from 0 to 1
    evaluative_polarity: float = 0.3
    same_name: float = 0.9  # Jaro-Winkler of two spellings once transliteration is set aside
    same_context: float = 0.3  # cosine of the sentences two spellings stand in


@dataclass(frozen=True, slots=True)
class CompareSettings:
    summary_sentences: int = 8
    exclusive_per_article: int = 3
    headline_weight: float = 0.5  # importance a claim gains by standing in a headline
    about_the_same: float = 0.6  # cosine of two sentences whose numbers and dates are compared
    # ... and of two whose figures are tied to one named period on both sides ("in July", "a
    # 12% increase over the previous month" / "over June"): the slot is pinned, the rest may vary
    about_the_same_period: float = 0.5
    # "Leaves out" is said of claims with this many content words at least: a shorter one
    # ("Tell me who you are") cannot be told absent from an article that paraphrases it.
    omission_min_words: int = 3
    carried_share: float = 0.75  # share of a claim's content words one sentence holds: carried
    claims: ClaimSettings = field(default_factory=ClaimSettings)
    quotes: QuoteAlignSettings = field(default_factory=QuoteAlignSettings)
    framing: FramingSettings = field(default_factory=FramingSettings)


@dataclass(frozen=True, slots=True)
class RunSettings:
    """A batch run: where the work runs and how it is cut."""

    engine: str = "local"  # local or dask
    scheduler: str | None = None  # a running Dask scheduler's address
    workers: int = 2
    partition_size: int = 250
    max_bytes: int = MAX_DOCUMENT_BYTES
    # A worker process is replaced after this many tasks: what parsing leaves behind (spaCy's
    # string store, the embedding cache, a fragmented heap) then cannot grow with the corpus. A
    # replacement is forked with the models already loaded, so it costs little.
    tasks_per_worker: int = 10
    stories_per_file: int = 500
    stories_per_task: int = 200
    outlets: str | None = None  # a CSV of outlets (--outlets) that names each article's outlet


@dataclass(frozen=True, slots=True)
class Settings:
    """All of them, for the workflow that chains the stages."""

    max_bytes: int = MAX_DOCUMENT_BYTES
    group: GroupSettings = field(default_factory=GroupSettings)
    events: EventSettings = field(default_factory=EventSettings)
    compare: CompareSettings = field(default_factory=CompareSettings)
    run: RunSettings = field(default_factory=RunSettings)


DEFAULT = Settings()
