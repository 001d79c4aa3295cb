"""Near-duplicate detection with MinHash over word shingles (datasketch).

A PDF and its web rendition, or a syndicated copy with a new header, share most
of their word 5-shingles but not all: the test is the estimated *containment*
of the smaller shingle set in the larger, from the MinHash Jaccard estimate
and the two set sizes: |A∩B| = J(|A| + |B|) / (1 + J).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np

NUM_PERM = 128
SHINGLE = 5
THRESHOLD = 0.6  # estimated containment of the smaller document's shingles


def signature(text: str) -> np.ndarray:
    """[number of shingles, MinHash values...] as uint64, shape (NUM_PERM + 1,)."""
    from datasketch import MinHash

    words = re.findall(r"\w+", text.lower())
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    m = MinHash(num_perm=NUM_PERM, seed=1)
    m.update_batch([s.encode("utf-8") for s in shingles])
    return np.concatenate([[len(shingles)], m.hashvalues]).astype(np.uint64)


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated share of the smaller document's shingles found in the other."""
    j = float(np.mean(a[1:] == b[1:]))
    na, nb = float(a[0]), float(b[0])
    if min(na, nb) == 0:
        return 0.0
    return min(1.0, j * (na + nb) / ((1 + j) * min(na, nb)))


def find_near_duplicate(sig: np.ndarray, others: Iterable[tuple[str, bytes]],
                        threshold: float = THRESHOLD) -> tuple[str, float] | None:
    """The most similar (id, containment) among ``others`` at or above ``threshold``."""
    best: tuple[str, float] | None = None
    for doc_id, blob in others:
        other = np.frombuffer(blob, dtype=np.uint64)
        if other.shape != sig.shape:
            continue
        c = containment(sig, other)
        if c >= threshold and (best is None or c > best[1]):
            best = (doc_id, c)
    return best
