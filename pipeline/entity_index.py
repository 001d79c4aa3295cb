"""Mention counts per document, in memory, for entity aggregates over any subset of
documents (a doc type, a date range, a theme, a source folder, the documents that
name a nation...).

In SQL such an aggregate reads every matching mention (about 2 µs a row in SQLite,
so seconds over 2,000,000 mentions). Here the counts per (document, surface form)
are a sparse matrix, and a query is a boolean mask over documents and two sparse
matrix-vector products: milliseconds. ``pipeline.store.Store`` fills it, keeps it in
step with its change log (``Store.page_entities``) and owns all the SQL; this module
holds none.

Positions: every loaded document gets a position (a column). A changed or removed
document's position is marked dead, and a changed one is appended anew with its
counts in small "delta" arrays, so an update costs only the changed documents; the
store reloads everything once the dead and appended positions pile up. Readers take
``self.snap`` once: updates build a new snapshot and swap it in, so a query never
sees half an update.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import numpy as np
from scipy import sparse

DOC_TYPES = {"paper": 0, "agreement": 1, "article": 2, "other": 3}
NO_THEME = -(2**62)
_LOW = 0xFFFFFFFF

DocRow = tuple[str, str | None, int | None, date | None, str]  # id, type, theme, published, source
MentionRow = tuple[str, str, str, str]  # document id, label, norm, surface text


def _empty(dtype: Any) -> np.ndarray:
    return np.zeros(0, dtype)


@dataclass(frozen=True)
class Snapshot:
    """Documents by position; counts of the first ``n_base`` positions in two sparse
    matrices (rows: surface forms or entities; columns: positions) and of the later
    ones in COO arrays (``d_*``)."""

    ids: list[str] = field(default_factory=list)  # position -> document id
    pos: dict[str, int] = field(default_factory=dict)  # live document id -> position
    alive: np.ndarray = field(default_factory=lambda: _empty(bool))
    doc_type: np.ndarray = field(default_factory=lambda: _empty(np.int8))
    theme: np.ndarray = field(default_factory=lambda: _empty(np.int64))
    pub: np.ndarray = field(default_factory=lambda: _empty(np.int64))  # date ordinal
    pub_ok: np.ndarray = field(default_factory=lambda: _empty(bool))
    sources: list[str] = field(default_factory=list)  # position -> source
    sorted_sources: list[str] = field(default_factory=list)  # the base positions', sorted
    sorted_pos: np.ndarray = field(default_factory=lambda: _empty(np.int64))
    n_base: int = 0
    forms: Any = None  # csr (forms, n_base): mentions
    ents: Any = None  # csr (entities, n_base): 1 where the document names the entity
    d_pos: np.ndarray = field(default_factory=lambda: _empty(np.int64))
    d_form: np.ndarray = field(default_factory=lambda: _empty(np.int64))
    d_n: np.ndarray = field(default_factory=lambda: _empty(np.int64))
    de_pos: np.ndarray = field(default_factory=lambda: _empty(np.int64))
    de_ent: np.ndarray = field(default_factory=lambda: _empty(np.int64))
    n_forms: int = 0  # the vocabulary's sizes when this snapshot was made (it only grows)
    n_ents: int = 0

    @property
    def n(self) -> int:
        return len(self.ids)


@dataclass
class Vocabulary:
    """Surface forms (label, norm, text) and entities (label, norm); ids only grow."""

    forms: dict[tuple[str, str, str], int] = field(default_factory=dict)
    form_ent: list[int] = field(default_factory=list)
    form_text: list[str] = field(default_factory=list)
    ents: dict[tuple[str, str], int] = field(default_factory=dict)
    ent_key: list[tuple[str, str]] = field(default_factory=list)
    ent_forms: list[list[int]] = field(default_factory=list)

    def form(self, label: str, norm: str, text: str) -> int:
        """The id of a surface form, made on first sight."""
        key = (label, norm, text)
        f = self.forms.get(key)
        if f is None:
            e = self.ents.get((label, norm))
            if e is None:
                e = self.ents[(label, norm)] = len(self.ent_key)
                self.ent_key.append((label, norm))
                self.ent_forms.append([])
            f = self.forms[key] = len(self.form_ent)
            self.form_ent.append(e)
            self.form_text.append(text)
            self.ent_forms[e].append(f)
        return f


class EntityIndex:
    """Entities aggregated over a filtered set of indexed documents, from memory.

    ``load`` (everything) and ``apply`` (the documents that changed) take rows the
    store reads; ``documents_mask`` and ``aggregate`` answer ``Store.page_entities``.
    ``seq`` is the position in the store's change log that the index reflects."""

    def __init__(self) -> None:
        self.seq: int | None = None
        self.vocab = Vocabulary()
        self.snap = Snapshot()

    # -- filling ----------------------------------------------------------------
    def load(self, docs: Iterable[DocRow], mentions: Iterable[MentionRow], seq: int) -> None:
        """Replace everything with these indexed documents and their mentions."""
        self.vocab = Vocabulary()
        self.snap = self._grow(Snapshot(), list(docs), mentions, base=True)
        self.seq = seq

    def apply(self, changed: Iterable[str], docs: Iterable[DocRow],
              mentions: Iterable[MentionRow], seq: int) -> None:
        """Forget the ``changed`` documents, then add ``docs`` (those of them that are
        indexed now) with their mentions."""
        s = self.snap
        alive, pos = s.alive.copy(), dict(s.pos)
        for d in changed:
            p = pos.pop(d, None)
            if p is not None:
                alive[p] = False
        self.snap = self._grow(replace(s, alive=alive, pos=pos), list(docs), mentions,
                               base=False)
        self.seq = seq

    def set_themes(self, themes: dict[str, int | None], seq: int) -> None:
        """The theme ids of the live documents, after the themes were rebuilt."""
        s = self.snap
        theme = np.full(s.n, NO_THEME, np.int64)
        for d, p in s.pos.items():
            t = themes.get(d)
            theme[p] = NO_THEME if t is None else t
        self.snap = replace(s, theme=theme)
        self.seq = seq

    @property
    def stale_share(self) -> float:
        """Share of positions that are dead or outside the sparse matrices."""
        s = self.snap
        return (s.n - s.n_base + int((~s.alive[:s.n_base]).sum())) / max(1, s.n)

    def _grow(self, s: Snapshot, docs: list[DocRow], mentions: Iterable[MentionRow],
              base: bool) -> Snapshot:
        start = s.n
        pos = dict(s.pos)
        pos.update({d[0]: start + i for i, d in enumerate(docs)})
        vocab, forms = self.vocab, self.vocab.forms
        fpos, fid = array("q"), array("q")
        last_doc, p = "", -1
        for doc_id, label, norm, text in mentions:
            if doc_id != last_doc:  # mentions come grouped by document
                last_doc, p = doc_id, pos.get(doc_id, -1)
            if p < start:  # not indexed, or not one of the new documents
                continue
            f = forms.get((label, norm, text))
            fpos.append(p)
            fid.append(vocab.form(label, norm, text) if f is None else f)
        p64 = np.frombuffer(fpos, np.int64) if fpos else _empty(np.int64)
        f64 = np.frombuffer(fid, np.int64) if fid else _empty(np.int64)
        keys, counts = np.unique((p64 << 32) | f64, return_counts=True)
        m_pos, m_form = keys >> 32, keys & _LOW
        ekeys = np.unique((m_pos << 32) | np.asarray(vocab.form_ent, np.int64)[m_form]) \
            if len(keys) else _empty(np.int64)
        e_pos, e_ent = ekeys >> 32, ekeys & _LOW
        ids = [*s.ids, *(d[0] for d in docs)]
        sources = [*s.sources, *(d[4] for d in docs)]
        pubs = [d[3] for d in docs]
        grown = replace(
            s, ids=ids, pos=pos, sources=sources, n_forms=len(vocab.form_ent),
            n_ents=len(vocab.ent_key),
            alive=np.concatenate([s.alive, np.ones(len(docs), bool)]),
            doc_type=np.concatenate([s.doc_type, np.array(
                [DOC_TYPES.get(d[1] or "", -1) for d in docs], np.int8)]),
            theme=np.concatenate([s.theme, np.array(
                [NO_THEME if d[2] is None else d[2] for d in docs], np.int64)]),
            pub=np.concatenate([s.pub, np.array(
                [p.toordinal() if p else 0 for p in pubs], np.int64)]),
            pub_ok=np.concatenate([s.pub_ok, np.array([p is not None for p in pubs], bool)]))
        if not base:
            return replace(
                grown, d_pos=np.concatenate([s.d_pos, m_pos]),
                d_form=np.concatenate([s.d_form, m_form]),
                d_n=np.concatenate([s.d_n, counts.astype(np.int64)]),
                de_pos=np.concatenate([s.de_pos, e_pos]),
                de_ent=np.concatenate([s.de_ent, e_ent]))
        order = sorted(range(len(sources)), key=sources.__getitem__)
        n = len(ids)
        return replace(
            grown, n_base=n, sorted_sources=[sources[i] for i in order],
            sorted_pos=np.array(order, np.int64),
            forms=sparse.csr_matrix((counts.astype(np.float64), (m_form, m_pos)),
                                    shape=(len(vocab.form_ent), n)),
            ents=sparse.csr_matrix((np.ones(len(e_pos)), (e_ent, e_pos)),
                                   shape=(len(vocab.ent_key), n)))

    # -- querying ---------------------------------------------------------------
    @staticmethod
    def _source_mask(s: Snapshot, prefix: str) -> np.ndarray:
        """Documents whose source starts with ``prefix`` (case-sensitive)."""
        mask = np.zeros(s.n, bool)
        lo = bisect.bisect_left(s.sorted_sources, prefix)
        if prefix[-1] < chr(0x10FFFF):  # every string with the prefix sorts before this
            hi = bisect.bisect_left(s.sorted_sources, prefix[:-1] + chr(ord(prefix[-1]) + 1))
        else:
            hi = lo
            while hi < len(s.sorted_sources) and s.sorted_sources[hi].startswith(prefix):
                hi += 1
        mask[s.sorted_pos[lo:hi]] = True
        for p in range(s.n_base, s.n):  # appended since the last load
            mask[p] = s.sources[p].startswith(prefix)
        return mask

    def _naming(self, s: Snapshot, label: str, norm: str) -> np.ndarray:
        """Documents that name an entity, as a mask over positions."""
        mask = np.zeros(s.n, bool)
        e = self.vocab.ents.get((label, norm))
        if e is not None:
            if s.ents is not None and e < s.ents.shape[0]:
                mask[s.ents.indices[s.ents.indptr[e]:s.ents.indptr[e + 1]]] = True
            mask[s.de_pos[s.de_ent == e]] = True
        return mask

    def entities(self, *, label: str | None = None, norm: str | None = None,
                 after: tuple[int, str, str] | None = None, limit: int = 50,
                 **filters: Any) -> list[tuple[str, str, int, int, list[str]]]:
        """``aggregate`` over the documents that pass ``filters`` (see
        ``documents_mask``), both on one snapshot."""
        s = self.snap
        return self.aggregate(self.documents_mask(s, **filters), s, label=label, norm=norm,
                              after=after, limit=limit)

    def documents_mask(self, s: Snapshot, *, doc_type: str | None = None,
                       theme: int | None = None, source: str | None = None,
                       document_id: str | None = None, published_from: date | None = None,
                       published_to: date | None = None, nation: str | None = None
                       ) -> np.ndarray:
        """The live documents of snapshot ``s`` that pass every filter, as a mask over
        positions."""
        mask = s.alive.copy()
        if doc_type:
            mask &= s.doc_type == DOC_TYPES.get(doc_type, -2)
        if theme is not None:
            mask &= s.theme == theme
        if published_from:
            mask &= s.pub_ok & (s.pub >= published_from.toordinal())
        if published_to:
            mask &= s.pub_ok & (s.pub <= published_to.toordinal())
        if document_id:
            one = np.zeros(s.n, bool)
            if document_id in s.pos:
                one[s.pos[document_id]] = True
            mask &= one
        if source:
            mask &= self._source_mask(s, source)
        if nation:
            mask &= self._naming(s, "NATION", nation)
        return mask

    def aggregate(self, mask: np.ndarray, s: Snapshot, *, label: str | None = None,
                  norm: str | None = None, after: tuple[int, str, str] | None = None,
                  limit: int = 50, forms: int = 5) -> list[tuple[str, str, int, int, list[str]]]:
        """(label, norm, mentions, documents, commonest surface forms) over the documents
        of ``mask`` in snapshot ``s``, most mentioned first, then by label and norm: at
        most ``limit`` that come after the key ``after`` = (mentions, label, norm)."""
        v = self.vocab
        n_forms, n_ents = s.n_forms, s.n_ents  # the vocabulary may have grown since
        form_n = np.zeros(n_forms)
        ent_docs = np.zeros(n_ents)
        if s.forms is not None:
            x = mask[:s.n_base].astype(np.float64)
            form_n[:s.forms.shape[0]] += s.forms @ x
            ent_docs[:s.ents.shape[0]] += s.ents @ x
        if len(s.d_pos):
            sel, esel = mask[s.d_pos], mask[s.de_pos]
            form_n += np.bincount(s.d_form[sel], weights=s.d_n[sel], minlength=n_forms)
            ent_docs += np.bincount(s.de_ent[esel], minlength=n_ents)
        ent_n = np.bincount(np.asarray(v.form_ent[:n_forms], np.int64), weights=form_n,
                            minlength=n_ents)
        keys = v.ent_key[:n_ents]
        if norm is not None:
            cands = [i for i in ([v.ents[(label, norm)]] if (label, norm) in v.ents else [])
                     if i < n_ents] if label else [i for i, k in enumerate(keys) if k[1] == norm]
        elif label:
            cands = [i for i, k in enumerate(keys) if k[0] == label]
        else:
            cands = range(n_ents)  # type: ignore[assignment]
        rows = [(-int(round(ent_n[i])), *v.ent_key[i], i) for i in cands if ent_n[i] > 0.5]
        if after is not None:
            key = (-after[0], after[1], after[2])
            rows = [r for r in rows if r[:3] > key]
        rows.sort()
        out = []
        for neg, lab, nrm, i in rows[:limit]:
            fs = sorted((-form_n[f], v.form_text[f]) for f in v.ent_forms[i]
                        if f < n_forms and form_n[f] > 0.5)
            out.append((lab, nrm, -neg, int(round(ent_docs[i])), [t for _, t in fs[:forms]]))
        return out

    def stats(self) -> dict[str, Any]:
        """Sizes, for logs and the bench."""
        s = self.snap
        nnz = 0 if s.forms is None else s.forms.nnz + s.ents.nnz
        return {"positions": s.n, "stale_share": round(self.stale_share, 4),
                "entities": len(self.vocab.ent_key), "forms": len(self.vocab.form_ent),
                "nonzeros": nnz + len(s.d_pos) + len(s.de_pos)}
