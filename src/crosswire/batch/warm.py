"""The models, loaded at import: the local engine's fork server imports this module once, so that
every worker forked from it starts with the models in memory instead of loading them (some 9 s
of imports and loading per worker, and workers are replaced every few tasks).

Nothing here may start a thread pool: a process forked after OpenMP has run can hang.
"""

from __future__ import annotations

import gc


def _load() -> None:
    try:
        import torch

        torch.set_num_threads(1)
        from crosswire.nlp.embed import load_encoder, load_static
        from crosswire.nlp.parse import load_pipeline

        load_pipeline()
        load_encoder()
        load_static()
    except Exception:  # a worker then loads them itself and says what is wrong
        return
    # Frozen objects are left out of garbage collection: the models' millions of objects are
    # then neither scanned in every worker nor touched, so their pages stay shared.
    gc.collect()
    gc.freeze()


_load()
