"""How incremental grouping scales: time per article and peak memory at 10^5 and 10^6 items.

Items are synthetic (no model runs): story centres drawn at random on the unit sphere, each item
its story's centre plus noise, with a title+lead made of its story's words. Stories of 3 to 12
items arrive interleaved, as a day of news does. The cost that matters is the grouper's own:
the usearch lookup, the story scoring and the online TF-IDF. Reported per tenth of the run, so a
growing cost per article would show, with B-cubed F1 against the synthetic stories at the end (a
cheaper index that misses neighbours shows there). ``--connectivity`` and ``--expansion-add``
try other usearch graphs than the grouper's.

    python bench/grouping_scale.py [--sizes 100000 1000000]
                                   [--connectivity 16] [--expansion-add 128]
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


def synthetic(count: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    pick = random.Random(seed)
    stories = []
    total = 0
    while total < count:
        size = pick.randint(3, 12)
        stories.append(size)
        total += size
    order = [s for s, size in enumerate(stories) for _ in range(size)][:count]
    pick.shuffle(order)
    centres: dict[int, np.ndarray] = {}
    words: dict[int, list[str]] = {}
    for story in order:
        if story not in centres:
            centre = rng.standard_normal(DIMENSIONS).astype(np.float32)
            centres[story] = centre / np.linalg.norm(centre)
            words[story] = [f"w{pick.randrange(VOCABULARY)}" for _ in range(12)]
        noise = rng.standard_normal(DIMENSIONS).astype(np.float32) * 0.035
        vector = centres[story] + noise
        text = " ".join(pick.sample(words[story], 8) + [f"w{pick.randrange(VOCABULARY)}"] * 4)
        yield story, vector / np.linalg.norm(vector), text


def run(count: int, settings) -> float:
    """Group ``count`` synthetic items; return the milliseconds per article."""
    from crosswire.group import GroupItem, StoryGrouper

    grouper = StoryGrouper(settings)
    gold = []
    started = time.perf_counter()
    slice_started = started
    print(f"\n{count:,} items")
    print(f"{'items':>10} {'ms/article (slice)':>20} {'peak RSS MB':>12}")
    for position, (story, vector, text) in enumerate(synthetic(count), start=1):
        gold.append(story)
        grouper.add(GroupItem(key=str(position), text=text), vector)
        if position % (count // 10) == 0:
            now = time.perf_counter()
            per = (now - slice_started) / (count // 10) * 1000
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{position:>10,} {per:>20.2f} {rss:>12.0f}", flush=True)
            slice_started = now
    total = time.perf_counter() - started
    stories = len(set(grouper.story_of))
    print(f"total {total:.0f} s, {total / count * 1000:.2f} ms/article, {stories:,} stories")
    score = b_cubed(grouper.story_of, gold)
    print(
        f"B-cubed against the synthetic stories: P {score['P']:.4f} R {score['R']:.4f} "
        f"F1 {score['F1']:.4f}"
    )
    return total / count * 1000


def main() -> None:
    from crosswire.group import GroupSettings

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--connectivity", type=int, default=GroupSettings().index_connectivity)
    parser.add_argument("--expansion-add", type=int, default=GroupSettings().index_expansion_add)
    args = parser.parse_args()
    settings = GroupSettings(
        index_connectivity=args.connectivity, index_expansion_add=args.expansion_add
    )
    sizes = args.sizes
    per_article = [run(size, settings) for size in sizes]
    if len(sizes) > 1:
        ratio = per_article[-1] / per_article[0]
        print(f"\n{sizes[-1]:,} against {sizes[0]:,} items: {ratio:.2f}x the time per article")


if __name__ == "__main__":
    main()
