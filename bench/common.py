"""Helpers shared by the benchmark driver and its workers: the corpus, the
inputs of each section, text similarity and synthetic theme data.

Nothing here imports spaCy, torch or Prefect, so the driver stays light and
every heavy model is loaded only inside a worker process.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from pathlib import Path

import numpy as np

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent


def real_dir() -> Path:
    from pipeline.settings import SHARED_DIR

    return Path(SHARED_DIR) / "corpora" / "real"


def pdf_files(real: Path) -> list[Path]:
    return sorted((real / "pdf").glob("*.pdf"))


def article_files(real: Path, suffixes: tuple[str, ...] = (".txt",)) -> list[Path]:
    return sorted(p for p in (real / "articles").iterdir() if p.suffix in suffixes)


def pdf_pages(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def rendition_pairs(real: Path) -> list[tuple[Path, Path]]:
    """(pdf, text rendition) pairs that MANIFEST.json says are the same document."""
    manifest = json.loads((real / "MANIFEST.json").read_text())
    pairs = []
    for d in manifest["documents"]:
        other = d.get("same_document_as")
        path = d.get("path", "")
        if other and "text-rendition" in path and other.endswith(".pdf"):
            if (real / path).exists() and (real / other).exists():
                pairs.append((real / other, real / path))
    return sorted(pairs)


# -- text quality --------------------------------------------------------------

_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_URL = re.compile(r"https?://\S+")
_WORD = re.compile(r"[a-z0-9]+")


def rendition_body(raw: str) -> str:
    """The article body of a CRS Markdown rendition: after the site chrome (the
    "[Listen](...)" line) and before the "Disclaimer:"; links become their text,
    Markdown marks are dropped."""
    lines = raw.splitlines()
    start = next((i for i, x in enumerate(lines) if x.startswith("[Listen](")), -1)
    end = next((i for i, x in enumerate(lines) if x.strip().startswith("Disclaimer:")),
               len(lines))
    body = "\n".join(lines[start + 1:end]) if start >= 0 else "\n".join(lines[:end])
    if start >= 0:  # the Listen line runs on into the title
        body = _MD_LINK.sub(r"\1", lines[start]) + "\n" + body
    body = _MD_LINK.sub(r"\1", body)
    body = _URL.sub(" ", body)
    return re.sub(r"[|*_#>`]", " ", body)


def words(text: str) -> list[str]:
    """Lower-cased alphanumeric words (punctuation and hyphens split words)."""
    return _WORD.findall(text.lower())


def order_similarity(ours: list[str], ref: list[str], cap: int = 3000) -> float:
    """difflib ratio over word lists (first ``cap`` words): rewards reading order."""
    sm = difflib.SequenceMatcher(None, ours[:cap], ref[:cap], autojunk=False)
    return round(sm.ratio(), 4)


def bag_f1(ours: list[str], ref: list[str]) -> float:
    """F1 of the word multisets: content regardless of order."""
    a, b = Counter(ours), Counter(ref)
    common = sum((a & b).values())
    if not common:
        return 0.0
    p, r = common / sum(a.values()), common / sum(b.values())
    return round(2 * p * r / (p + r), 4)


# -- synthetic themes ----------------------------------------------------------

def blobs(n: int, k: int, dim: int = 384, noise: float = 0.08, seed: int = 0
          ) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """``n`` unit vectors around ``k`` random unit centers (gaussian noise of
    ``noise`` per coordinate, then re-normalized), unequal blob sizes, their
    labels, and a short text per vector (blob words plus shared filler) for the
    keyword step."""
    rng = np.random.default_rng(seed)
    centers = rng.normal(size=(k, dim))
    centers /= np.linalg.norm(centers, axis=1, keepdims=True)
    share = rng.dirichlet(np.full(k, 5.0))
    labels = rng.choice(k, size=n, p=share)
    X = centers[labels] + rng.normal(scale=noise, size=(n, dim))
    X = (X / np.linalg.norm(X, axis=1, keepdims=True)).astype(np.float32)
    vocab = ["theme" + chr(97 + c // 26 % 26) + chr(97 + c % 26) for c in range(k)]
    filler = ["supply", "chain", "defense", "industrial", "base", "alliance"]
    texts = [f"{vocab[c]} {vocab[c]}x {filler[i % 6]} {filler[(i + c) % 6]}"
             for i, c in enumerate(labels.tolist())]
    return X, labels, texts
