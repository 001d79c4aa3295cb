"""Near-duplicate detection with MinHash over word shingles (datasketch)."""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np

NUM_PERM = 128
SHINGLE = 5
THRESHOLD = 0.5  # estimated Jaccard similarity of shingle sets


def signature(text: str) -> np.ndarray:
    """The MinHash signature of the text's word 5-shingles: uint64 (NUM_PERM,)."""
    from datasketch import MinHash

    words = re.findall(r"\w+", text.lower())
    m = MinHash(num_perm=NUM_PERM, seed=1)
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    m.update_batch([s.encode("utf-8") for s in shingles])
    return np.asarray(m.hashvalues, dtype=np.uint64)


def find_near_duplicate(sig: np.ndarray, others: Iterable[tuple[str, bytes]],
                        threshold: float = THRESHOLD) -> tuple[str, float] | None:
    """The most similar (id, jaccard) among ``others`` at or above ``threshold``."""
    best: tuple[str, float] | None = None
    for doc_id, blob in others:
        other = np.frombuffer(blob, dtype=np.uint64)
        if other.shape != sig.shape:
            continue
        j = float(np.mean(other == sig))
        if j >= threshold and (best is None or j > best[1]):
            best = (doc_id, j)
    return best
