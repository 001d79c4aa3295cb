"""Themes: clustering document vectors without being told how many there are.

``ThemeModel`` follows scikit-learn (``fit`` returns self, learned state ends
in ``_``). The number of themes is chosen by the silhouette of k-means
solutions over k from ``k_min`` up to ``k_max`` or sqrt(n/2), whichever is
smaller, on the unit document vectors (cosine geometry).
Documents far from every centroid are "unassigned" (at most ``max_unassigned``
of them). Each theme is named by class-based TF-IDF keywords (BERTopic's
c-TF-IDF) and gets sub-themes the same way. Fixed seeds: deterministic.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from pipeline.errors import NotFitted

log = logging.getLogger(__name__)

UNASSIGNED = -1
# Words of reporting, not of topic: never theme keywords.
REPORTING_WORDS = frozenset(
    "said says say told according year years new also would could may might will just like "
    "percent including including mr ms dr today week month time use used make made".split()
)


@dataclass
class ThemeInfo:
    label: int
    keywords: list[str]
    name: str
    size: int
    representatives: list[int]


LARGE = 20_000  # above this many documents, k is chosen on a sample and MiniBatchKMeans fits


def _kmeans(X: np.ndarray, k: int, seed: int, n_init: int = 4) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.cluster import KMeans, MiniBatchKMeans

    if len(X) > LARGE:
        mb = MiniBatchKMeans(n_clusters=k, n_init=3, random_state=seed, batch_size=4096,
                             max_no_improvement=20).fit(X)
        return mb.labels_, mb.cluster_centers_
    km = KMeans(n_clusters=k, n_init=n_init, random_state=seed).fit(X)
    return km.labels_, km.cluster_centers_


def choose_k(X: np.ndarray, k_min: int = 2, k_max: int = 30, seed: int = 0,
             sample: int = 3000) -> int:
    """The k in ``[k_min, k_max]`` whose k-means partition has the best silhouette.

    The search runs on a random sample of at most ``sample`` documents, so its
    cost does not grow with the corpus; the caller fits the chosen k on all.
    """
    from sklearn.metrics import silhouette_score

    n = len(X)
    if n < 3:
        return 1
    rng = np.random.default_rng(seed)
    S = X[rng.choice(n, size=min(n, sample), replace=False)] if n > sample else X
    k_max = max(k_min, min(k_max, len(S) - 1))
    best_k, best = k_min, -1.0
    for k in range(k_min, k_max + 1):
        labels, _ = _kmeans(S, k, seed, n_init=2)
        if len(set(labels)) < 2:
            continue
        score = silhouette_score(S, labels, metric="cosine")
        if score > best + 1e-9:
            best_k, best = k, score
    log.info("chose k=%d (silhouette %.3f)", best_k, best)
    return best_k


def ctfidf_keywords(texts: Sequence[str], labels: np.ndarray, top: int = 8
                    ) -> dict[int, list[str]]:
    """Top keywords of each label by class-based TF-IDF."""
    from sklearn.feature_extraction.text import CountVectorizer

    classes = sorted(set(labels.tolist()) - {UNASSIGNED})
    if not classes:
        return {}
    joined = [" ".join(t for t, lab in zip(texts, labels, strict=True) if lab == c)
              for c in classes]
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    stop = sorted(ENGLISH_STOP_WORDS | REPORTING_WORDS)
    cv = CountVectorizer(stop_words=stop, ngram_range=(1, 2), min_df=1,
                         token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z-]{2,}\b", max_features=50000)
    tf = cv.fit_transform(joined).astype(np.float64)
    tf = tf.multiply(1.0 / np.maximum(tf.sum(axis=1), 1)).tocsr()
    freq = np.asarray(tf.sum(axis=0)).ravel()
    avg = 1.0 / len(classes)
    idf = np.log(1 + avg / np.maximum(freq, 1e-12))
    scores = tf.multiply(idf).tocsr()
    vocab = np.array(cv.get_feature_names_out())
    out = {}
    for i, c in enumerate(classes):
        row = scores.getrow(i).toarray().ravel()
        order = np.argsort(-row)
        words: list[str] = []
        for j in order:
            w = vocab[j]
            if row[j] <= 0:
                break
            if any(w in x.split() or x in w.split() for x in words):
                continue
            words.append(w)
            if len(words) == top:
                break
        out[c] = words
    return out


class ThemeModel:
    """Themes and sub-themes of unit document vectors."""

    def __init__(self, k_min: int = 2, k_max: int = 30, max_unassigned: float = 0.05,
                 min_similarity: float = 0.15, subthemes: bool = True, seed: int = 0) -> None:
        self.k_min = k_min
        self.k_max = k_max
        self.max_unassigned = max_unassigned
        self.min_similarity = min_similarity
        self.subthemes = subthemes
        self.seed = seed

    def fit(self, X: np.ndarray, texts: Sequence[str]) -> ThemeModel:
        X = np.asarray(X, dtype=np.float32)
        n = len(X)
        if n == 0:
            raise ValueError("no documents to cluster")
        # The search stops at sqrt(n/2) themes (a classic rule of thumb, about 6 for
        # 80 documents): on small corpora the silhouette keeps rising with k towards
        # one theme per pair of documents, which no reader can navigate.
        k_top = min(self.k_max, max(2, round(float(np.sqrt(n / 2)))))
        k = 1 if n < 4 else choose_k(X, self.k_min, k_top, self.seed)
        if k == 1:
            labels, centers = np.zeros(n, dtype=int), X.mean(axis=0, keepdims=True)
        else:
            labels, centers = _kmeans(X, k, self.seed)
        centers = centers / np.maximum(np.linalg.norm(centers, axis=1, keepdims=True), 1e-12)
        sims = (X * centers[labels]).sum(axis=1)
        # The least similar documents become unassigned, at most max_unassigned.
        cap = int(self.max_unassigned * n)
        weak = np.flatnonzero(sims < self.min_similarity)
        weak = weak[np.argsort(sims[weak])][:cap]
        labels = labels.copy()
        labels[weak] = UNASSIGNED
        self.labels_ = labels
        self.centroids_ = centers
        self.similarity_ = sims
        kw = ctfidf_keywords(texts, labels)
        self.themes_ = []
        for c in range(len(centers)):
            members = np.flatnonzero(labels == c)
            if len(members) == 0:
                continue
            reps = members[np.argsort(-sims[members])][:3].tolist()
            words = kw.get(c, [])
            self.themes_.append(ThemeInfo(c, words, " / ".join(words[:3]) or f"theme {c}",
                                          len(members), reps))
        self.sub_labels_ = np.full(n, UNASSIGNED)
        self.subthemes_: dict[int, list[ThemeInfo]] = {}
        if self.subthemes:
            for t in self.themes_:
                members = np.flatnonzero(labels == t.label)
                if len(members) < 8:
                    continue
                sub = ThemeModel(k_min=2, k_max=min(6, len(members) // 4), max_unassigned=0,
                                 subthemes=False, seed=self.seed)
                sub.fit(X[members], [texts[int(i)] for i in members])
                if len(sub.themes_) < 2:
                    continue
                self.sub_labels_[members] = sub.labels_
                self.subthemes_[t.label] = [
                    ThemeInfo(s.label, s.keywords, s.name, s.size,
                              [int(members[i]) for i in s.representatives])
                    for s in sub.themes_
                ]
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Nearest theme of new vectors, or UNASSIGNED below ``min_similarity``."""
        if not hasattr(self, "centroids_"):
            raise NotFitted("the theme model is not fitted; run `riskatlas themes rebuild`")
        return assign(np.asarray(X, np.float32), self.centroids_, self.min_similarity)


def assign(X: np.ndarray, centroids: np.ndarray, min_similarity: float) -> np.ndarray:
    sims = X @ centroids.T
    labels = sims.argmax(axis=1)
    labels[sims.max(axis=1) < min_similarity] = UNASSIGNED
    return labels


def match_ids(old: dict[int, np.ndarray], new: np.ndarray, threshold: float = 0.8
              ) -> dict[int, int]:
    """Map new centroid index -> old theme id where centroids persist (Hungarian)."""
    from scipy.optimize import linear_sum_assignment

    if not old or len(new) == 0:
        return {}
    ids = list(old)
    M = np.stack([old[i] for i in ids])
    sims = new @ M.T
    rows, cols = linear_sum_assignment(-sims)
    return {int(r): ids[c] for r, c in zip(rows, cols, strict=True) if sims[r, c] >= threshold}


def embed_documents(texts: Sequence[str], embedder: object, lookup: object = None,
                    save: object = None) -> np.ndarray:
    """Unit document vectors as the mean of their chunks' vectors (cached by text hash)."""
    from pipeline.embed import chunk_text, document_vector, embed_cached

    chunks = [chunk_text(t) or [t[:1000] or " "] for t in texts]
    flat = [c for cs in chunks for c in cs]
    vecs = embed_cached(flat, embedder, lookup=lookup, save=save)  # type: ignore[arg-type]
    out, i = [], 0
    for cs in chunks:
        out.append(document_vector(vecs[i:i + len(cs)]))
        i += len(cs)
    return np.stack(out)


def evaluate_labeled(X: np.ndarray, texts: Sequence[str], labels: Sequence[str],
                     model: ThemeModel | None = None) -> dict[str, object]:
    """Cluster as the pipeline would and compare with known labels (NMI, ARI)."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    model = (model or ThemeModel()).fit(X, texts)
    pred = model.labels_
    return {
        "documents": len(texts),
        "classes": len(set(labels)),
        "themes": len(model.themes_),
        "unassigned_share": round(float(np.mean(pred == UNASSIGNED)), 4),
        "nmi": round(float(normalized_mutual_info_score(labels, pred)), 4),
        "ari": round(float(adjusted_rand_score(labels, pred)), 4),
        "theme_names": {t.label: t.name for t in model.themes_},
        "assignments": [int(x) for x in pred],
    }


def project_2d(X: np.ndarray, seed: int = 0) -> np.ndarray:
    """A 2-D projection of unit vectors for a map (PCA; deterministic)."""
    from sklearn.decomposition import PCA

    if len(X) < 3:
        return np.zeros((len(X), 2))
    return PCA(n_components=2, random_state=seed).fit_transform(X)


def draw_map(P: np.ndarray, theme_ids: Sequence[int | None], names: dict[int, str],
             path: str, title: str = "Theme map") -> None:
    """Theme map as PNG or (for a path ending in .html) a page with the SVG inline."""
    import io
    from pathlib import Path

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(10, 7), dpi=110)
    ids = [t if t is not None else -1 for t in theme_ids]
    palette = plt.get_cmap("tab20")
    for k, tid in enumerate(sorted(set(ids))):
        mask = np.array([i == tid for i in ids])
        colour = "#bbbbbb" if tid == -1 else palette(k % 20)
        label = "unassigned" if tid == -1 else f"{tid}: {names.get(tid, '')}"
        ax.scatter(P[mask, 0], P[mask, 1], s=18, color=colour, label=label, alpha=0.8)
        if tid != -1 and mask.any():
            cx, cy = P[mask].mean(axis=0)
            ax.annotate(names.get(tid, str(tid)), (cx, cy), fontsize=9, weight="bold",
                        ha="center", bbox={"boxstyle": "round", "fc": "white", "alpha": 0.7})
    ax.set_title(title)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.legend(loc="best", fontsize=7, markerscale=1.5)
    fig.tight_layout()
    if str(path).endswith(".html"):
        buf = io.StringIO()
        fig.savefig(buf, format="svg")
        rows = "".join(f"<tr><td>{t}</td><td>{_esc(n)}</td></tr>" for t, n in sorted(names.items()))
        Path(path).write_text(
            f"<!doctype html><meta charset='utf-8'><title>{_esc(title)}</title>"
            f"<h1>{_esc(title)}</h1>{buf.getvalue()}<table><tr><th>theme</th><th>name</th></tr>"
            f"{rows}</table>\n", encoding="utf-8")
    else:
        fig.savefig(path)
    plt.close(fig)


def _esc(s: str) -> str:
    import html

    return html.escape(str(s))
