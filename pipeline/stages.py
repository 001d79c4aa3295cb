"""The ingestion stages as plain functions over batches; flows call these.

read -> (skip unchanged, mark duplicates) -> extract -> embed -> store, then
themes over the whole index. Each function takes its collaborators (store,
extractor, embedder) as arguments.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.dedup import find_near_duplicate, signature
from pipeline.embed import Embedder, chunk_text, document_vector, embed_cached
from pipeline.ingest import read_source, sha256
from pipeline.models import Document, Failure, Status, Theme
from pipeline.store import Store
from pipeline.themes import UNASSIGNED, ThemeModel, assign, match_ids

log = logging.getLogger(__name__)


@dataclass
class Batch:
    """Documents of one batch on their way through the stages."""

    docs: list[Document] = field(default_factory=list)
    signatures: dict[str, bytes] = field(default_factory=dict)
    vectors: dict[str, np.ndarray] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # stage -> seconds spent on it


def read_batch(sources: list[str], store: Store, extractor_version: str,
               password: str | None = None, max_pages: int = 2000,
               fetch_options: dict[str, Any] | None = None, force: bool = False,
               fetched: dict[str, bytes] | None = None,
               fetch_errors: dict[str, str] | None = None,
               pending: list[Batch] | None = None) -> Batch:
    """Read sources; skip those unchanged since the last run (unless ``force``);
    mark duplicates.

    ``fetched`` holds the bytes of URLs already downloaded and ``fetch_errors``
    why others could not be (those are recorded as failed, not fetched again);
    other URLs are fetched here. ``pending`` are earlier batches of this run not
    stored yet (in flight on other workers): their documents count as known when
    looking for duplicates."""
    batch = Batch()
    seen_in_batch: dict[str, str] = {}
    earlier: list[tuple[str, bytes]] = []
    for b in pending or []:
        for d in b.docs:
            if d.status == Status.indexed:
                seen_in_batch.setdefault(d.id, d.source)
        earlier.extend(b.signatures.items())
    for src in sources:
        is_url = bool(re.match(r"^https?://", src))
        data = None
        if is_url and fetch_errors and src in fetch_errors:
            batch.docs.append(Document(id=sha256("source:" + src), source=src,
                                       status=Status.failed, reason=fetch_errors[src],
                                       extractor_version=extractor_version))
            continue
        if is_url:
            data = (fetched or {}).get(src)
        else:
            try:
                data = Path(src).read_bytes()
            except OSError:
                data = None  # read_source reports it
        if data is not None:
            state = store.source_state(src)
            if not force and state and state[1] == sha256(data) \
                    and state[3] == extractor_version:
                batch.unchanged.append(src)
                continue
        doc = read_source(src, data=data, password=password, max_pages=max_pages,
                          fetch_options=fetch_options)
        doc.extractor_version = extractor_version
        if doc.status == Status.indexed:
            known = store.find_by_id(doc.id)
            if (known and known[1] != src) or doc.id in seen_in_batch:
                doc.status = Status.duplicate
                doc.duplicate_of = doc.id
                doc.reason = f"same text as {known[1] if known else seen_in_batch[doc.id]}"
                doc.id = sha256("dup:" + src)
            else:
                sig = signature(doc.text)
                others = [(i, s) for i, s in store.minhashes(exclude_source=src)] + [
                    (d.id, batch.signatures[d.id]) for d in batch.docs if d.id in batch.signatures
                ] + earlier
                near = find_near_duplicate(sig, [(i, s) for i, s in others if i != doc.id])
                if near is not None:
                    doc.status = Status.duplicate
                    doc.duplicate_of = near[0]
                    doc.reason = (
                        f"near-duplicate ({near[1]:.0%} shared text) of document {near[0][:12]}"
                    )
                else:
                    batch.signatures[doc.id] = sig.tobytes()
                    seen_in_batch[doc.id] = src
        batch.docs.append(doc)
    return batch


def embed_batch(batch: Batch, embedder: Embedder, store: Store | None) -> Batch:
    """Document vectors as the mean of their chunks' vectors, cached by text hash."""
    docs = [d for d in batch.docs if d.status == Status.indexed and d.text]
    chunks = [(d.id, c) for d in docs for c in chunk_text(d.text)]
    vecs = embed_cached(
        [c for _, c in chunks], embedder,
        lookup=store.cached_vectors if store else None,
        save=store.save_vectors if store else None,
    )
    by_doc: dict[str, list[np.ndarray]] = {}
    for (doc_id, _), v in zip(chunks, vecs, strict=True):
        by_doc.setdefault(doc_id, []).append(v)
    for doc_id, vs in by_doc.items():
        batch.vectors[doc_id] = document_vector(np.stack(vs))
    return batch


def store_batch(batch: Batch, store: Store) -> dict[str, Any]:
    """Write each document in its own transaction; count new, changed, failed."""
    out: dict[str, Any] = {"new": 0, "changed": 0, "duplicates": 0, "failed": 0,
                           "failures": []}
    for d in batch.docs:
        kind = store.upsert_document(d, minhash=batch.signatures.get(d.id),
                                     vector=batch.vectors.get(d.id))
        if d.status == Status.indexed:
            out[kind] += 1
        elif d.status == Status.duplicate:
            out["duplicates"] += 1
        else:
            out["failed"] += 1
            out["failures"].append(Failure(source=d.source, status=d.status,
                                           reason=d.reason or "unknown"))
    return out


def rebuild_themes(store: Store, model: ThemeModel | None = None) -> list[Theme]:
    """Re-cluster every document; keep the ids of themes that persist."""
    return rebuild_themes_report(store, model)[0]


def rebuild_themes_report(store: Store, model: ThemeModel | None = None
                          ) -> tuple[list[Theme], dict[str, Any]]:
    """Re-cluster; keep ids of persisting themes (by centroid, then by membership);
    report themes kept, born, gone, merged and split."""
    ids, X, texts = store.document_vectors()
    before = {d.id: d.theme_id for d in store.list_documents(status="indexed", limit=10**9)}
    if not ids:
        store.replace_themes([], {}, {})
        return [], {"themes": 0}
    model = (model or ThemeModel()).fit(X, texts)
    old = store.theme_centroids()
    keep = match_ids(old, model.centroids_)
    # Themes whose centroid moved but whose members stayed keep their id too.
    for t in model.themes_:
        if t.label in keep:
            continue
        members = [ids[i] for i in np.flatnonzero(model.labels_ == t.label)]
        prev = [before.get(m) for m in members if before.get(m) is not None]
        if prev:
            top: int = max(set(prev), key=prev.count)  # type: ignore[type-var, assignment]
            if prev.count(top) >= 0.6 * len(members) and top not in keep.values():
                keep[t.label] = top
    next_id = max([*old, *[v for v in before.values() if v], 0]) + 1
    label_to_id: dict[int, int] = {}
    for t in model.themes_:
        if t.label in keep:
            label_to_id[t.label] = keep[t.label]
        else:
            label_to_id[t.label] = next_id
            next_id += 1
    found: list[Theme] = []
    centroids: dict[int, np.ndarray] = {}
    for t in model.themes_:
        tid = label_to_id[t.label]
        centroids[tid] = model.centroids_[t.label]
        found.append(Theme(id=tid, name=t.name, keywords=t.keywords, size=t.size,
                           representative_docs=[ids[i] for i in t.representatives]))
    sub_id = max([next_id, 1000])
    for parent_label, subs in model.subthemes_.items():
        for s in subs:
            found.append(Theme(id=sub_id, name=s.name, keywords=s.keywords, size=s.size,
                               parent_id=label_to_id[parent_label], level=2,
                               representative_docs=[ids[i] for i in s.representatives]))
            sub_id += 1
    assignment = {
        doc_id: (label_to_id[int(lab)] if lab != UNASSIGNED else None)
        for doc_id, lab in zip(ids, model.labels_, strict=True)
    }
    store.replace_themes(found, assignment, centroids)
    return found, _changes(before, assignment)


def _changes(before: dict[str, int | None], after: dict[str, int | None]) -> dict[str, Any]:
    """Themes kept, born, gone, merged (fed by ≥2 old) and split (feeding ≥2 new)."""
    from collections import Counter

    flows: Counter[tuple[int, int]] = Counter(
        (before[d], t) for d, t in after.items()  # type: ignore[misc]
        if before.get(d) is not None and t is not None)
    old_sizes: Counter[int] = Counter(v for v in before.values() if v is not None)
    new_sizes: Counter[int] = Counter(v for v in after.values() if v is not None)
    split = sorted(o for o in old_sizes if sum(
        1 for (a, b), n in flows.items() if a == o and b != o and n >= 0.25 * old_sizes[o]) >= 1
        and sum(1 for (a, _), n in flows.items() if a == o and n >= 0.25 * old_sizes[o]) >= 2)
    merged = sorted(t for t in new_sizes if sum(
        1 for (a, b), n in flows.items() if b == t and n >= 0.25 * old_sizes[a]) >= 2)
    same = sum(1 for d, t in after.items() if before.get(d) is not None and before[d] == t)
    had = sum(1 for d in after if before.get(d) is not None)
    return {
        "themes": len(new_sizes),
        "kept": sorted(set(old_sizes) & set(new_sizes)),
        "born": sorted(set(new_sizes) - set(old_sizes)),
        "gone": sorted(set(old_sizes) - set(new_sizes)),
        "merged": merged,
        "split": split,
        "documents_keeping_theme": round(same / had, 4) if had else None,
    }


def update_themes(store: Store, min_similarity: float = 0.15) -> int:
    """Assign documents without a theme to the nearest existing theme."""
    ids, X, _ = store.document_vectors()
    cents = store.theme_centroids()
    if not ids or not cents:
        return 0
    tids = list(cents)
    labels = assign(X, np.stack([cents[t] for t in tids]), min_similarity)
    current = {d.id: d.theme_id for d in store.list_documents(status="indexed", limit=10**9)}
    themes_now = store.themes()
    assignment = {}
    changed = 0
    for doc_id, lab in zip(ids, labels, strict=True):
        tid = current.get(doc_id)
        if tid is None and lab != UNASSIGNED:
            tid = tids[int(lab)]
            changed += 1
        assignment[doc_id] = tid
    sizes = {t: sum(1 for v in assignment.values() if v == t) for t in tids}
    for t in themes_now:
        if t.level == 1:
            t.size = sizes.get(t.id, t.size)
    store.replace_themes(themes_now, assignment, cents)
    return changed


def rebuild_stability(X: np.ndarray, texts: list[str], added: float = 0.1,
                      seed: int = 0) -> dict[str, Any]:
    """What a rebuild keeps when a corpus grows: themes built on all but ``added``
    of the documents (a random share), then those documents added and the themes
    rebuilt, as ``riskatlas themes rebuild`` does, in a scratch index. Returns the
    rebuild's report (``documents_keeping_theme`` is the share of the first
    documents whose theme id is unchanged) and the sizes."""
    import tempfile

    n = len(texts)
    order = np.random.default_rng(seed).permutation(n)
    first, rest = order[:n - int(round(added * n))], order[n - int(round(added * n)):]

    def put(store: Store, idx: np.ndarray) -> None:
        for i in idx:
            doc = Document(id=sha256(f"{i}\x00{texts[i]}"), source=f"row:{i}", text=texts[i])
            store.upsert_document(doc, vector=X[i])

    with tempfile.TemporaryDirectory(prefix="riskatlas-stability-") as d:
        store = Store(str(Path(d) / "stability.db"))
        try:
            put(store, first)
            rebuild_themes_report(store)
            put(store, rest)
            _, report = rebuild_themes_report(store)
        finally:
            store.engine.dispose()
    return {"documents_before": len(first), "documents_added": len(rest), **report}
