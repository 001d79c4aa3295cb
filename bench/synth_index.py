"""A synthetic corpus index at scale, for the ``api`` bench section.

``build(path, n_docs)`` writes a SQLite index with the real schema
(``pipeline.store.Store`` creates it, then ``Store.rebuild_summaries`` fills
what the store derives from mentions) and bulk-inserts, in large SQLAlchemy
Core transactions:

- ``n_docs`` documents: doc types, publication dates over 2015-2025 (more
  recent ones more frequent; 4% undated), ~40 sources (folders and sites),
  ~20 themes with sub-themes, 4% duplicate / failed / needs_ocr; the text is
  ~12 sentences of words drawn by frequency from ``corpora/sample`` with the
  entity mentions in place (so FTS5, quotes and contexts are real);
- ~20 mentions per indexed document (2,000,000 for 100,000 documents), labels
  NATION 42%, MATERIAL 26%, SUPPLIER 20%, ALLIANCE 12%, norms and surface
  forms from ``corpora/gazetteers`` with Zipf-like frequencies (s = 1.07);
- ~2 claims per indexed document: sentences with a category cue (``depends
  on``, ``export controls on``...), hedged ones with "may"/"could", roles and
  entity indices from the mentions in the span;
- 384-d unit vectors near each document's theme centroid, themes with
  centroids, and editors' review decisions on 1% of the documents.

Everything is drawn from one seed, so a build is reproducible; bump
``GENERATOR_VERSION`` when the data it makes changes.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
GAZ = ROOT / "corpora" / "gazetteers"
SAMPLE = ROOT / "corpora" / "sample"
GENERATOR_VERSION = 1
DIM = 384

LABEL_SHARE = {"NATION": 0.42, "MATERIAL": 0.26, "SUPPLIER": 0.20, "ALLIANCE": 0.12}
FIRST = {  # the most mentioned of each label, in this order; the rest follow shuffled
    "NATION": ["USA", "CHN", "RUS", "DEU", "JPN", "GBR", "FRA", "KOR", "IND", "TWN", "AUS",
               "CAN", "UKR", "POL", "ITA", "NLD", "ISR", "TUR", "BRA", "SAU"],
    "MATERIAL": ["rare earth elements", "gallium", "germanium", "lithium", "cobalt",
                 "semiconductors", "tungsten", "titanium", "nickel", "graphite", "antimony"],
    "ALLIANCE": ["NATO", "EU", "AUKUS", "QUAD", "G7", "ASEAN"],
    "SUPPLIER": ["Lockheed Martin", "Rheinmetall", "TSMC", "Raytheon", "BAE Systems",
                 "Lynas", "Boeing", "Northrop Grumman", "Umicore", "General Dynamics"],
}
CUES = {
    "dependency": ["depends on", "relies heavily on", "imports most of its supply from"],
    "trade_restriction": ["export controls on", "restricts exports of", "imposed a ban on"],
    "capacity": ["a shortage of", "cannot expand production of", "limited capacity for"],
    "geopolitical": ["rising tensions with", "sanctions against", "a blockade of"],
    "security": ["a cyber attack on", "espionage targeting", "sabotage of"],
    "logistics": ["shipping disruptions around", "a chokepoint for", "port congestion in"],
    "cost": ["prices surged for", "the rising cost of", "price volatility in"],
}
CATEGORY_SHARE = [0.30, 0.20, 0.15, 0.12, 0.08, 0.08, 0.07]
DOC_TYPES = ["article", "paper", "agreement", "other"]
DOC_TYPE_SHARE = [0.45, 0.30, 0.10, 0.15]
N_THEMES = 20
PAGE_CHARS = 700


def sources(n: int, rng: np.random.Generator) -> list[str]:
    """About 40 source prefixes (folders and web sites)."""
    folders = [f"corpus/{x}/" for x in (
        "crs", "gao", "rand", "csis", "iiss", "sipri", "nato", "eu-commission", "dod",
        "usgs", "iea", "oecd", "wto", "think-tanks/brookings", "think-tanks/chatham-house",
        "agreements/bilateral", "agreements/multilateral", "internal/briefs")]
    sites = [f"https://www.{x}.example/" for x in (
        "defensenews", "reuters", "ft", "nikkei", "scmp", "politico", "breakingdefense",
        "janes", "mining", "argusmedia", "fastmarkets", "spglobal", "economist", "bloomberg",
        "handelsblatt", "lemonde", "asahi", "yonhap", "abc-au", "cbc", "thehindu", "dw")]
    return (folders + sites)[:n]


def vocabulary() -> tuple[list[str], np.ndarray]:
    """Words of the sample corpus (Markdown and text files) and their frequencies."""
    words: Counter[str] = Counter()
    for p in sorted(SAMPLE.iterdir()):
        if p.suffix in (".md", ".txt"):
            words.update(re.findall(r"[a-z][a-z-]{2,}", p.read_text(encoding="utf-8").lower()))
    vocab = sorted(words)
    freq = np.array([words[w] for w in vocab], float)
    return vocab, freq / freq.sum()


def gazetteer() -> dict[str, list[tuple[str, list[str]]]]:
    """label -> [(norm, surface forms)], most frequent first."""
    rng = np.random.default_rng(7)
    out: dict[str, list[tuple[str, list[str]]]] = {}
    for label, name in (("NATION", "nations"), ("ALLIANCE", "alliances"),
                        ("SUPPLIER", "suppliers"), ("MATERIAL", "materials")):
        rows = [json.loads(x) for x in (GAZ / f"{name}.jsonl").read_text().splitlines()
                if x.strip()]
        forms = {}
        for r in rows:
            f = [r["name"]] if r.get("name") else []
            f += [a for a in r.get("aliases", []) if a not in f]
            f += r.get("demonyms", [])[:1]
            forms[r["norm"]] = f or [r["norm"]]
        first = [n for n in FIRST[label] if n in forms]
        rest = [n for n in forms if n not in first]
        rest = [rest[i] for i in rng.permutation(len(rest))]
        out[label] = [(n, forms[n][:4]) for n in first + rest]
    return out


def zipf(n: int, s: float = 1.07) -> np.ndarray:
    p = 1.0 / np.arange(1, n + 1) ** s
    return p / p.sum()


def build(path: Path, n_docs: int = 100_000, mentions_per_doc: float = 20.8,
          claims_per_doc: float = 2.08, seed: int = 0, log: Any = print) -> dict[str, Any]:
    """Write the synthetic index to ``path`` (replaced); returns its counts and seconds."""
    from sqlalchemy import insert

    from pipeline import store as S

    t0 = time.perf_counter()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    rng = np.random.default_rng(seed)
    vocab, vfreq = vocabulary()
    gaz = gazetteer()
    labels = list(LABEL_SHARE)
    label_p = np.array([LABEL_SHARE[x] for x in labels])
    norm_p = {lab: zipf(len(gaz[lab])) for lab in labels}
    prefixes = sources(40, rng)
    prefix_p = zipf(len(prefixes), 0.8)
    cats = list(CUES)
    # Phrases of filler words, drawn by frequency; sentences are phrases and mentions.
    n_phr = 60_000
    lens = rng.integers(2, 7, n_phr)
    widx = rng.choice(len(vocab), size=int(lens.sum()), p=vfreq)
    phrases, k = [], 0
    for n in lens.tolist():
        phrases.append(" ".join(vocab[i] for i in widx[k:k + n]))
        k += n
    # Themes: level-1 ids 1..20 with centroids, three sub-themes each (1000+).
    cents = rng.normal(size=(N_THEMES, DIM)).astype(np.float32)
    cents /= np.linalg.norm(cents, axis=1, keepdims=True)
    theme_p = rng.dirichlet(np.full(N_THEMES, 3.0))
    start_day, end_day = date(2015, 1, 1), date(2025, 6, 30)
    span = (end_day - start_day).days
    now = datetime.now(UTC)

    store = S.Store(str(path))
    eng = store.engine
    docs_rows: list[dict[str, Any]] = []
    ment_rows: list[dict[str, Any]] = []
    claim_rows: list[dict[str, Any]] = []
    counts = Counter[str]()
    reviewed: list[tuple[str, str, list[dict[str, Any]], list[dict[str, Any]]]] = []
    indexed_ids: list[str] = []

    def flush(final: bool = False) -> None:
        if not docs_rows or (len(docs_rows) < 5000 and not final):
            return
        with eng.begin() as c:
            c.execute(insert(S.documents), docs_rows)
            if ment_rows:
                c.execute(insert(S.mentions), ment_rows)
            if claim_rows:
                c.execute(insert(S.claims), claim_rows)
        docs_rows.clear()
        ment_rows.clear()
        claim_rows.clear()

    for i in range(n_docs):
        r = rng.random()
        status = ("indexed" if r < 0.96 else "duplicate" if r < 0.98
                  else "failed" if r < 0.99 else "needs_ocr")
        dt = DOC_TYPES[int(rng.choice(4, p=DOC_TYPE_SHARE))]
        # More recent documents are more frequent (sqrt ramp over the span).
        pub = (start_day + timedelta(days=int(span * rng.random() ** 0.6))
               if rng.random() > 0.04 else None)
        pre = prefixes[int(rng.choice(len(prefixes), p=prefix_p))]
        year = pub.year if pub else 2020
        ext = "pdf" if pre.startswith("corpus/") else "html"
        source = f"{pre}{year}/doc-{i:06d}.{ext}"
        theme = int(rng.choice(N_THEMES, p=theme_p)) + 1 if rng.random() > 0.03 else None
        row: dict[str, Any] = dict(
            source=source, status=status, doc_type=dt, published=pub,
            title=f"{phrases[int(rng.integers(n_phr))].capitalize()} "
                  f"{phrases[int(rng.integers(n_phr))]}",
            publisher=pre.split("/")[-2] if ext == "pdf" else pre.split(".")[1],
            language="en", created_at=now, updated_at=now, theme_id=None,
            extractor_version="synthetic-1", pages=[], sections=[], tables=[], dropped=[],
            metadata={"synthetic": True}, reason=None, vector=None, text="",
            duplicate_of=None)
        if status in ("failed", "needs_ocr"):
            row["reason"] = f"{source} could not be read (synthetic); check the file"
            row["id"] = hashlib.sha256(source.encode()).hexdigest()
            docs_rows.append(row)
            counts["documents"] += 1
            flush()
            continue
        # The text: sentences of phrases with mentions in place.
        n_sent = 6 + int(rng.poisson(6))
        n_ment = int(rng.poisson(mentions_per_doc)) if status == "indexed" else 0
        per_sent = np.bincount(rng.integers(0, n_sent, n_ment), minlength=n_sent)
        n_claims = min(n_sent, int(rng.poisson(claims_per_doc))) if status == "indexed" else 0
        claim_sents = set(rng.choice(n_sent, n_claims, replace=False).tolist())
        parts: list[str] = []
        pos = 0
        ments: list[dict[str, Any]] = []
        doc_claims: list[dict[str, Any]] = []
        for s in range(n_sent):
            s_start = pos
            first_m = len(ments)
            pieces = [phrases[int(rng.integers(n_phr))].capitalize()]
            cat = None
            if s in claim_sents:
                cat = cats[int(rng.choice(len(cats), p=CATEGORY_SHARE))]
                hedged = rng.random() < 0.3
                pieces.append(("could face " if hedged else "faces ")
                              + CUES[cat][int(rng.integers(3))])
            for _ in range(int(per_sent[s])):
                lab = labels[int(rng.choice(4, p=label_p))]
                norm, forms = gaz[lab][int(rng.choice(len(gaz[lab]), p=norm_p[lab]))]
                surface = forms[0] if rng.random() < 0.75 or len(forms) == 1 else \
                    forms[1 + int(rng.integers(len(forms) - 1))]
                pieces.append(phrases[int(rng.integers(n_phr))])
                at = s_start + sum(len(p) + 1 for p in pieces)
                pieces.append(surface)
                ments.append(dict(start=at, end=at + len(surface), text=surface, label=lab,
                                  norm=norm))
            pieces.append(phrases[int(rng.integers(n_phr))] + ".")
            sentence = " ".join(pieces)
            parts.append(sentence)
            pos = s_start + len(sentence) + 1
            if cat is not None:
                inside = ments[first_m:]
                nations = [m["norm"] for m in inside if m["label"] == "NATION"]
                doc_claims.append(dict(
                    start=s_start, end=s_start + len(sentence), text=sentence, category=cat,
                    modality="hedged" if "could face" in sentence else "asserted",
                    confidence=round(float(0.5 + 0.5 * rng.random()), 4),
                    entities=list(range(first_m, len(ments))),
                    roles={"exposed": nations[:1], "source": nations[1:],
                           "materials": [m["norm"] for m in inside
                                         if m["label"] == "MATERIAL"],
                           "suppliers": [m["norm"] for m in inside
                                         if m["label"] == "SUPPLIER"]}))
        text = " ".join(parts)
        doc_id = hashlib.sha256(text.encode()).hexdigest()
        pages = [{"number": p + 1, "start": p * PAGE_CHARS,
                  "end": min(len(text), (p + 1) * PAGE_CHARS)}
                 for p in range(max(1, -(-len(text) // PAGE_CHARS)))]
        vec = None
        if status == "indexed":
            v = (cents[theme - 1] if theme else np.zeros(DIM, np.float32)) \
                + rng.normal(scale=0.06, size=DIM).astype(np.float32)
            vec = (v / np.linalg.norm(v)).astype(np.float32).tobytes()
            indexed_ids.append(doc_id)
        else:
            row["duplicate_of"] = indexed_ids[int(rng.integers(len(indexed_ids)))] \
                if indexed_ids else None
        row.update(id=doc_id, text=text, pages=pages, vector=vec,
                   theme_id=theme if status == "indexed" else None)
        docs_rows.append(row)
        for j, m in enumerate(ments):
            ment_rows.append(dict(doc_id=doc_id, idx=j, confidence=round(
                float(0.55 + 0.44 * rng.random()), 3), page=m["start"] // PAGE_CHARS + 1,
                component="gazetteer:name", **m))
        for k_ in doc_claims:
            claim_rows.append(dict(doc_id=doc_id, page=k_["start"] // PAGE_CHARS + 1, **k_))
        if status == "indexed" and rng.random() < 0.01:
            reviewed.append((doc_id, text, ments, doc_claims))
        counts["documents"] += 1
        counts["mentions"] += len(ments)
        counts["claims"] += len(doc_claims)
        flush()
        if (i + 1) % 20_000 == 0:
            log(f"  {i + 1:,} documents, {counts['mentions']:,} mentions "
                f"({time.perf_counter() - t0:.0f}s)")
    flush(final=True)
    _themes(eng, cents, theme_p, rng, now)
    counts["reviewed_documents"] = _reviews(eng, reviewed, rng, now)
    t1 = time.perf_counter()
    store.rebuild_summaries()  # what upsert_document keeps, filled once after the bulk load
    summaries_s = time.perf_counter() - t1
    store.engine.dispose()
    return {**counts, "generator_version": GENERATOR_VERSION, "n_docs": n_docs,
            "schema_version": S.SCHEMA_VERSION, "build_s": round(time.perf_counter() - t0, 1),
            "summaries_s": round(summaries_s, 1),
            "db_mb": round(path.stat().st_size / 2**20, 1)}


def _themes(eng: Any, cents: np.ndarray, share: np.ndarray, rng: np.random.Generator,
            now: datetime) -> None:
    from sqlalchemy import func, insert, select

    from pipeline import store as S

    with eng.begin() as c:
        sizes = dict(c.execute(select(S.documents.c.theme_id, func.count())
                               .where(S.documents.c.theme_id.is_not(None))
                               .group_by(S.documents.c.theme_id)).all())
        rows = []
        for t in range(1, N_THEMES + 1):
            kw = [f"theme{t}", "supply", "defense"]
            rows.append(dict(id=t, name=f"{t - 1}_theme{t}_supply", keywords=kw,
                             size=int(sizes.get(t, 0)), parent_id=None, level=1,
                             representative_docs=[], centroid=cents[t - 1].tobytes()))
            for s in range(3):
                rows.append(dict(id=1000 + 3 * (t - 1) + s, name=f"sub{t}_{s}",
                                 keywords=kw[:1], size=int(sizes.get(t, 0)) // 3,
                                 parent_id=t, level=2, representative_docs=[],
                                 centroid=None))
        c.execute(insert(S.themes), rows)


def _reviews(eng: Any, reviewed: list[tuple[str, str, list[dict[str, Any]],
                                            list[dict[str, Any]]]],
             rng: np.random.Generator, now: datetime) -> int:
    """Editors' decisions on some documents: most items accepted, some rejected or
    corrected, the document marked reviewed or left in review."""
    from sqlalchemy import insert

    from pipeline import store as S

    decisions, items, rdocs = [], [], []
    did = 0
    for doc_id, _text, ments, cls in reviewed:
        for target, rows in (("entity", ments), ("claim", cls)):
            for m in rows:
                did += 1
                r = rng.random()
                st = "accepted" if r < 0.85 else "rejected" if r < 0.95 else "corrected"
                action = {"accepted": "accept", "rejected": "reject",
                          "corrected": "correct"}[st]
                label = m.get("label", "")
                vals = ({"start": m["start"], "end": m["end"], "label": label,
                         "norm": m["norm"]} if target == "entity" else
                        {"start": m["start"], "end": m["end"], "category": m["category"],
                         "modality": m["modality"]})
                decisions.append(dict(id=did, doc_id=doc_id, target=target, action=action,
                                      start=m["start"], end=m["end"], label=label or None,
                                      before=vals, after=None if st == "rejected" else vals,
                                      editor="synthetic#1", created_at=now,
                                      model_version="synthetic-1", review_version=1))
                items.append(dict(doc_id=doc_id, target=target, key_start=m["start"],
                                  key_end=m["end"], key_label=label, status=st,
                                  start=m["start"], end=m["end"], label=label or None,
                                  norm=m.get("norm"), category=m.get("category"),
                                  modality=m.get("modality"),
                                  page=m["start"] // PAGE_CHARS + 1,
                                  roles=m.get("roles") if target == "claim" else None,
                                  model=vals, decision_id=did, editor="synthetic#1",
                                  updated_at=now))
        rdocs.append(dict(doc_id=doc_id, version=1, editor="synthetic#1", updated_at=now,
                          status="reviewed" if rng.random() < 0.7 else "in_review"))
    with eng.begin() as c:
        if decisions:
            c.execute(insert(S.review_decisions), decisions)
            c.execute(insert(S.review_items), items)
            c.execute(insert(S.review_documents), rdocs)
    return len(rdocs)
