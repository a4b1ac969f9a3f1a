"""How incremental grouping scales: time per article and peak memory at 10^5 and 10^6 items.

Items are synthetic (no model runs), with a title+lead made of their story's words. Stories of 3
to 12 items arrive interleaved, as a day of news does. Two kinds of vectors:

- ``structured`` (default): stories nested in subtopics and topics, with a common direction, so
  that the vectors have the shape of real MiniLM news vectors. The mix is set so that on 9,198
  items it matches NeuS (train, val and test, title+lead at 96 word pieces): pairs of items
  from different stories at cosine 0.138 +- 0.113 (NeuS 0.143 +- 0.113), an item's nearest
  other-story item at 0.651 (NeuS 0.666), items of one story at 0.699 (NeuS 0.694). Stories
  stay apart through their words, so B-cubed against the synthetic stories measures what the
  index loses, not what the similarity confuses.
- ``uniform``: story centres drawn at random on the sphere, each nearly orthogonal to every
  other. Nothing leads a graph search towards a story, so this is the worst case for the index.

The cost that matters is the grouper's own: the usearch lookup, the story scoring and the online
TF-IDF. It is reported per tenth of the run, so a growing cost per article would show. At the
end: B-cubed F1 against the synthetic stories, and the index's recall: for a sample of 1,000
arrivals, the share of the 10 earlier items nearest by exact search that the grouper's index
lookup returned (timed apart from the grouping).

    python bench/grouping_scale.py [--sizes 100000 1000000] [--vectors structured|uniform]
                                   [--connectivity 16] [--expansion-add 128]
                                   [--expansion-search N]
"""

from __future__ import annotations

import argparse
import random
import resource
import time

import numpy as np
from grouping import b_cubed

DIMENSIONS = 384
VOCABULARY = 50_000
# Weights of the common direction, topic, subtopic, story and item noise (structured vectors).
MIX = (0.33, 0.55, 0.55, 0.35, 0.6)
STORIES_PER_SUBTOPIC = 10
SUBTOPICS_PER_TOPIC = 20
RECALL_SAMPLE = 1000
RECALL_DEPTH = 10


def _unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=-1, keepdims=True)).astype(np.float32)


def arrival_order(count: int, pick: random.Random) -> list[int]:
    sizes: list[int] = []
    while sum(sizes) < count:
        sizes.append(pick.randint(3, 12))
    order = [s for s, size in enumerate(sizes) for _ in range(size)][:count]
    pick.shuffle(order)
    return order


def story_centres(stories: int, kind: str, rng: np.random.Generator) -> np.ndarray:
    """One unscaled centre per story; an item is its centre plus noise."""
    if kind == "uniform":
        return _unit(rng.standard_normal((stories, DIMENSIONS)))
    common, topic, subtopic, story, _ = MIX
    subtopics = max(1, stories // STORIES_PER_SUBTOPIC)
    topics = max(1, subtopics // SUBTOPICS_PER_TOPIC)
    topic_of_subtopic = rng.integers(0, topics, subtopics)
    subtopic_of_story = rng.integers(0, subtopics, stories)
    topic_vectors = _unit(rng.standard_normal((topics, DIMENSIONS)))
    subtopic_vectors = _unit(rng.standard_normal((subtopics, DIMENSIONS)))
    return (
        common * _unit(rng.standard_normal(DIMENSIONS))
        + topic * topic_vectors[topic_of_subtopic[subtopic_of_story]]
        + subtopic * subtopic_vectors[subtopic_of_story]
        + story * _unit(rng.standard_normal((stories, DIMENSIONS)))
    ).astype(np.float32)


def synthetic(count: int, kind: str = "structured", seed: int = 0):
    rng = np.random.default_rng(seed)
    pick = random.Random(seed)
    order = arrival_order(count, pick)
    centres = story_centres(max(order) + 1, kind, rng)
    noise = MIX[-1] if kind == "structured" else 0.035 * np.sqrt(DIMENSIONS)
    words: dict[int, list[str]] = {}
    for story in order:
        if story not in words:
            words[story] = [f"w{pick.randrange(VOCABULARY)}" for _ in range(12)]
        vector = centres[story] + noise * _unit(rng.standard_normal(DIMENSIONS))
        text = " ".join(pick.sample(words[story], 8) + [f"w{pick.randrange(VOCABULARY)}"] * 4)
        yield story, _unit(vector), text


def index_recall(grouper, vector: np.ndarray) -> float | None:
    """Share of the earlier items nearest by exact search that the grouper's lookup returns."""
    known = len(grouper.items)
    if known < RECALL_DEPTH:
        return None
    exact = np.argpartition(-(grouper.vectors[:known] @ vector), RECALL_DEPTH)[:RECALL_DEPTH]
    found = grouper.index.search(vector, min(grouper.settings.neighbours, known)).keys
    return len(set(exact.tolist()) & set(found.tolist())) / RECALL_DEPTH


def run(count: int, kind: str, settings) -> float:
    """Group ``count`` synthetic items; return the milliseconds per article."""
    from crosswire.group import GroupItem, StoryGrouper

    grouper = StoryGrouper(settings)
    gold, recalls = [], []
    sample_every = max(1, count // RECALL_SAMPLE)
    busy = slice_busy = 0.0
    print(f"\n{count:,} items, {kind} vectors")
    print(f"{'items':>10} {'ms/article (slice)':>20} {'peak RSS MB':>12}")
    for position, (story, vector, text) in enumerate(synthetic(count, kind), start=1):
        gold.append(story)
        if position % sample_every == 0 and (recall := index_recall(grouper, vector)) is not None:
            recalls.append(recall)
        started = time.perf_counter()
        grouper.add(GroupItem(key=str(position), text=text), vector)
        slice_busy += time.perf_counter() - started
        if position % (count // 10) == 0:
            per = slice_busy / (count // 10) * 1000
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{position:>10,} {per:>20.2f} {rss:>12.0f}", flush=True)
            busy += slice_busy
            slice_busy = 0.0
    stories = len(set(grouper.story_of))
    print(f"grouping {busy:.0f} s, {busy / count * 1000:.2f} ms/article, {stories:,} stories")
    score = b_cubed(grouper.story_of, gold)
    print(
        f"B-cubed against the {len(set(gold)):,} synthetic stories: P {score['P']:.4f} "
        f"R {score['R']:.4f} F1 {score['F1']:.4f}; index recall@{RECALL_DEPTH} against exact "
        f"search {np.mean(recalls):.4f} over {len(recalls):,} arrivals"
    )
    return busy / count * 1000


def main() -> None:
    from crosswire.group import GroupSettings

    defaults = GroupSettings()
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--vectors", choices=["structured", "uniform"], default="structured")
    parser.add_argument("--connectivity", type=int, default=defaults.index_connectivity)
    parser.add_argument("--expansion-add", type=int, default=defaults.index_expansion_add)
    parser.add_argument("--expansion-search", type=int, default=defaults.index_expansion_search)
    args = parser.parse_args()
    settings = GroupSettings(
        index_connectivity=args.connectivity,
        index_expansion_add=args.expansion_add,
        index_expansion_search=args.expansion_search,
    )
    sizes = args.sizes
    per_article = [run(size, args.vectors, settings) for size in sizes]
    if len(sizes) > 1:
        ratio = per_article[-1] / per_article[0]
        print(f"\n{sizes[-1]:,} against {sizes[0]:,} items: {ratio:.2f}x the time per article")


if __name__ == "__main__":
    main()
