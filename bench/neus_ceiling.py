"""How far can story grouping go on NeuS with MiniLM and TF-IDF? Ceilings on the val split.

The grouping issue asks for B-cubed F1 >= 0.90 on NeuS test, reached incrementally. This script
asks what the similarity itself allows, on NeuS val only (never test), with the threshold of each
system set to its best on val (so every figure is a ceiling, not a result):

- nearest-neighbour accuracy: how often an item's most similar other item is from its story;
- the grouper's rule (join the story of the most similar earlier item, or start one), exact search;
- average-linkage agglomerative clustering over the whole split (offline, not incremental);
- the grouper's rule on hubness-corrected similarity (CSLS: each item's similarity less the mean
  of its k best similarities, as in Conneau et al. 2018), with that density measured
  (a) over the whole split, later articles included, so not incremental;
  (b) over the articles seen so far, as an incremental grouper would;
  (c) over those plus a reference corpus of NeuS train items (``--reference``, 8 more minutes);
  (d) over those plus the next L items, as a grouper that waits before placing would
      (``--delay L ...``).

Similarity: half MiniLM cosine on title+lead (96 word pieces, as the grouper reads them), half
TF-IDF cosine (sublinear, English stop words, fitted on the split). Density uses MiniLM alone.

    python bench/neus_ceiling.py [--reference] [--delay 50 150 300] [--k 5]
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from grouping import DATA, b_cubed, neus

THRESHOLDS = np.arange(-0.4, 0.9, 0.02)


def place_in_order(count: int, scores, threshold: float) -> list[int]:
    """The grouper's rule: each item joins the story of its best-scoring earlier item, if that
    score reaches the threshold, or starts a story. ``scores(i)`` gives item i's scores against
    items 0..i-1, asked in arrival order."""
    story = np.zeros(count, dtype=np.int64)
    stories = 0
    for i in range(count):
        row = scores(i)
        if i:
            best = np.full(stories, -np.inf)
            np.maximum.at(best, story[:i], row)
            chosen = int(best.argmax())
            if best[chosen] >= threshold:
                story[i] = chosen
                continue
        story[i] = stories
        stories += 1
    return story.tolist()


def join_most_similar(similarity: np.ndarray, threshold: float) -> list[int]:
    return place_in_order(len(similarity), lambda i: similarity[i, :i], threshold)


def join_causal(blend: np.ndarray, meaning: np.ndarray, k: int, reference: np.ndarray | None, t):
    """CSLS similarity whose densities use only what has arrived (and the reference)."""
    best_k = np.zeros((len(blend), k))  # each item's k best MiniLM similarities so far
    if reference is not None:
        best_k = np.sort(reference, axis=1)[:, -k:]

    def scores(i: int) -> np.ndarray:
        seen = meaning[i, :i]
        best_k[i] = np.sort(np.concatenate([best_k[i], seen]))[-k:]
        row = blend[i, :i] - 0.5 * (best_k[i].mean() + best_k[:i].mean(axis=1))
        grown = np.concatenate([best_k[:i], seen[:, None]], axis=1)
        best_k[:i] = np.sort(grown, axis=1)[:, -k:]
        return row

    return place_in_order(len(blend), scores, t)


def join_delayed(blend: np.ndarray, meaning: np.ndarray, k: int, delay: int, t) -> list[int]:
    """CSLS similarity whose densities see ``delay`` items ahead of the one being placed."""
    count = len(blend)
    others = meaning.copy()
    np.fill_diagonal(others, -np.inf)

    def scores(i: int) -> np.ndarray:
        visible = min(count, i + 1 + delay)
        nearest = np.sort(others[: i + 1, :visible], axis=1)[:, -k:]
        density = np.where(np.isinf(nearest), 0.0, nearest).mean(axis=1)
        return blend[i, :i] - 0.5 * (density[i] + density[:i])

    return place_in_order(count, scores, t)


def csls(blend: np.ndarray, meaning: np.ndarray, k: int) -> np.ndarray:
    others = meaning.copy()
    np.fill_diagonal(others, -np.inf)
    density = np.sort(others, axis=1)[:, -k:].mean(axis=1)
    return blend - 0.5 * (density[:, None] + density[None, :])


def agglomerative(similarity: np.ndarray, threshold: float) -> list[int]:
    from sklearn.cluster import AgglomerativeClustering

    distance = np.clip(1 - similarity, 0, None)
    np.fill_diagonal(distance, 0)
    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=threshold
    )
    return model.fit_predict(distance).tolist()


def best_over(system, gold: list[int], thresholds) -> tuple[float, float]:
    return max((b_cubed(system(t), gold)["F1"], float(t)) for t in thresholds)


def nearest_accuracy(similarity: np.ndarray, gold: list[int]) -> float:
    others = similarity.copy()
    np.fill_diagonal(others, -np.inf)
    labels = np.asarray(gold)
    return float((labels[others.argmax(axis=1)] == labels).mean())


def similarities(items: list[dict]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The grouper's blend, MiniLM cosine alone, and the MiniLM vectors."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from crosswire.nlp.embed import embed_leads

    texts = [item["text"] for item in items]
    vectors = embed_leads(texts)
    terms = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    meaning = vectors @ vectors.T
    return 0.5 * meaning + 0.5 * (terms @ terms.T).toarray(), meaning, vectors


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reference", action="store_true", help="add variant (c)")
    parser.add_argument("--delay", type=int, nargs="*", default=[], help="add variant (d)")
    parser.add_argument("--k", type=int, default=5, help="neighbours in each density")
    args = parser.parse_args()
    if not (DATA / "neus").is_dir():
        print(f"NeuS not found under {DATA}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    items, gold = neus("val")
    blend, meaning, vectors = similarities(items)
    k = args.k
    corrected = csls(blend, meaning, k)
    rows = [
        ("grouper's rule, exact search", blend, lambda t: join_most_similar(blend, t)),
        ("average-linkage agglomerative (offline)", blend, lambda t: agglomerative(blend, 1 - t)),
        (f"hubness-corrected, density over the split, k={k}", corrected,
         lambda t: join_most_similar(corrected, t)),
        (f"hubness-corrected, density over seen items, k={k}", None,
         lambda t: join_causal(blend, meaning, k, None, t)),
    ]  # fmt: skip
    if args.reference:
        from crosswire.nlp.embed import embed_leads

        train, _ = neus("train")
        reference = vectors @ embed_leads([item["text"] for item in train]).T
        rows.append(
            (
                f"hubness-corrected, seen items + {len(train):,} train items, k={k}",
                None,
                lambda t: join_causal(blend, meaning, k, reference, t),
            )
        )
    for delay in args.delay:
        rows.append(
            (
                f"hubness-corrected, seen items + the next {delay}, k={k}",
                None,
                functools.partial(join_delayed, blend, meaning, k, delay),
            )
        )
    print(f"NeuS val, {len(items)} items in {len(set(gold))} stories")
    print(f"{'system':<60} {'NN acc':>7} {'best F1':>8} {'at':>6}")
    for name, matrix, system in rows:
        accuracy = f"{nearest_accuracy(matrix, gold):.3f}" if matrix is not None else ""
        score, threshold = best_over(system, gold, THRESHOLDS)
        print(f"{name:<60} {accuracy:>7} {score:>8.3f} {threshold:>6.2f}", flush=True)
    print(f"{time.perf_counter() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
