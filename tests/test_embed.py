"""The embedding stage: chunking, precision, and bfloat16 kept close to float32."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.embed import MiniLMEmbedder, chunk_text, resolve_precision


def test_precision_is_checked() -> None:
    assert resolve_precision("float32") == "float32"
    assert resolve_precision("bfloat16") == "bfloat16"
    assert resolve_precision("auto") in ("float32", "bfloat16")
    with pytest.raises(ValueError, match="auto, float32 or bfloat16"):
        resolve_precision("int8")


def test_chunks_stay_under_the_window() -> None:
    text = " ".join(f"Sentence number {i} is about gallium supply." for i in range(200))
    chunks = chunk_text(text, max_words=50)
    assert all(len(c.split()) <= 50 for c in chunks)
    assert " ".join(chunks).split() == text.split()


def test_bfloat16_vectors_are_within_cosine_099_of_float32() -> None:
    texts = ["China controls most of the world's gallium refining.",
             "Export licences for germanium could be delayed.",
             "The alliance agreed to expand munitions production capacity in Europe.",
             ""]
    a = MiniLMEmbedder(precision="float32").embed(texts)
    b = MiniLMEmbedder(precision="bfloat16").embed(texts)
    assert a.dtype == b.dtype == np.float32 and a.shape == b.shape == (4, 384)
    np.testing.assert_allclose(np.linalg.norm(b, axis=1), 1.0, rtol=1e-5)
    assert (a * b).sum(axis=1).min() >= 0.99
    # different texts stay apart: the vectors are not all the same
    assert float(b[0] @ b[2]) < 0.9
