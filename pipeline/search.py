"""Search over the index: keyword (SQLite FTS5 / PostgreSQL tsvector), semantic
(cosine between the query's vector and the stored document vectors) and hybrid
(reciprocal rank fusion of the two lists).

``Searcher(store, embedder)`` takes any ``Embedder`` (``HashingEmbedder`` in
tests); the default ``MiniLMEmbedder`` loads on the first semantic query. The
document vectors are read once and re-read when the store changes (checked at
most every ``ttl`` seconds).
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections import OrderedDict
from enum import StrEnum
from typing import Any

import numpy as np

from pipeline.embed import Embedder
from pipeline.errors import EmbedderMismatch, InvalidQuery
from pipeline.models import SearchHit

log = logging.getLogger(__name__)

RRF_K = 60  # the constant of reciprocal rank fusion (Cormack et al. 2009)
MAX_CANDIDATES = 1000  # at most this many documents from each list
MAX_TERMS = 32


class SearchMode(StrEnum):
    keyword = "keyword"
    semantic = "semantic"
    hybrid = "hybrid"


def query_terms(q: str) -> list[str]:
    """The words of a free-text query, lower-cased, at most ``MAX_TERMS``."""
    return re.findall(r"\w+", q.lower())[:MAX_TERMS]


class Searcher:
    """Keyword, semantic and hybrid search over one store."""

    def __init__(self, store: Any, embedder: Embedder | None = None, ttl: float = 2.0,
                 threads: int | None = None) -> None:
        self.store = store
        self.embedder = embedder
        self.ttl = ttl
        self.threads = threads  # torch threads of the process, set with the default embedder
        self._lock = threading.Lock()
        self._state: tuple[Any, ...] | None = None
        self._checked = 0.0
        self._ids: list[str] = []
        self._X = np.zeros((0, 0), np.float32)
        self._queries: OrderedDict[str, np.ndarray] = OrderedDict()  # LRU of query vectors

    def _get_embedder(self) -> Embedder:
        if self.embedder is None:
            from pipeline.embed import MiniLMEmbedder

            if self.threads:
                import torch

                torch.set_num_threads(self.threads)
            self.embedder = MiniLMEmbedder()
        return self.embedder

    def _vectors(self) -> tuple[list[str], np.ndarray]:
        with self._lock:
            now = time.monotonic()
            if self._state is None or now - self._checked > self.ttl:
                state = self.store.vector_state()
                if state != self._state:
                    self._ids, self._X = self.store.vector_matrix()
                    self._state = state
                    log.info("loaded %d document vectors", len(self._ids))
                self._checked = now
            return self._ids, self._X

    def _query_vector(self, q: str, keep: int = 256) -> np.ndarray:
        """The query's vector, remembered for the next pages of the same query."""
        with self._lock:
            if q in self._queries:
                self._queries.move_to_end(q)
                return self._queries[q]
        v = self._get_embedder().embed([q])[0]
        with self._lock:
            self._queries[q] = v
            while len(self._queries) > keep:
                self._queries.popitem(last=False)
        return v

    def keyword(self, q: str, k: int, snippets: bool = True) -> list[tuple[str, float, str]]:
        """(document id, score (higher is better), snippet), best first; the snippets
        are left empty with ``snippets=False``."""
        terms = query_terms(q)
        if not terms:
            raise InvalidQuery(f"the query {q!r} has no words to search for")
        return self.store.keyword_search(terms, k, snippets=snippets)

    def semantic(self, q: str, k: int) -> list[tuple[str, float]]:
        """(document id, cosine), best first."""
        if not q.strip():
            raise InvalidQuery("the query is empty; give some words to search for")
        ids, X = self._vectors()
        if not ids:
            return []
        v = self._query_vector(q)
        if X.shape[1] != v.shape[0]:
            raise EmbedderMismatch(
                f"the stored document vectors have {X.shape[1]} dimensions but the query "
                f"embedder {self._get_embedder().name} makes {v.shape[0]}; re-ingest with "
                "the same embedder or search with mode=keyword"
            )
        scores = X @ v
        k = min(k, len(ids))
        cand = np.argpartition(-scores, k - 1)[:k] if k < len(ids) else np.arange(len(ids))
        top = sorted(cand.tolist(), key=lambda i: (-float(scores[i]), ids[i]))
        return [(ids[i], float(scores[i])) for i in top]

    def search(self, q: str, mode: SearchMode | str = SearchMode.hybrid, limit: int = 20,
               offset: int = 0) -> tuple[list[SearchHit], bool]:
        """One page of hits, best first, and whether more follow."""
        mode = SearchMode(mode)
        k = min(MAX_CANDIDATES, max(100, 2 * (offset + limit)))
        kw = self.keyword(q, k, snippets=False) if mode != SearchMode.semantic else []
        sem = self.semantic(q, k) if mode != SearchMode.keyword else []
        kw_rank = {d: i + 1 for i, (d, _, _) in enumerate(kw)}
        sem_rank = {d: i + 1 for i, (d, _) in enumerate(sem)}
        if mode == SearchMode.keyword:
            ranked = [(d, s) for d, s, _ in kw]
        elif mode == SearchMode.semantic:
            ranked = list(sem)
        else:
            fused: dict[str, float] = {}
            for ranks in (kw_rank, sem_rank):
                for d, r in ranks.items():
                    fused[d] = fused.get(d, 0.0) + 1.0 / (RRF_K + r)
            ranked = sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))
        page = ranked[offset:offset + limit]
        info = self.store.search_documents([d for d, _ in page])
        snippets = self.store.keyword_snippets(query_terms(q), [d for d, _ in page
                                                                if d in kw_rank])
        hits = []
        for d, score in page:
            if d not in info:  # removed since the vectors were read
                continue
            summary, lead = info[d]
            hits.append(SearchHit(
                document_id=d, source=summary.source, title=summary.title,
                published=summary.published, doc_type=summary.doc_type,
                theme_id=summary.theme_id, score=round(score, 6), keyword_rank=kw_rank.get(d),
                semantic_rank=sem_rank.get(d), snippet=snippets.get(d) or lead))
        return hits, len(ranked) > offset + limit
