"""The store: migrations, idempotent upserts, replacement of a changed source."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from pipeline.errors import NotFound, StoreError
from pipeline.ingest import sha256
from pipeline.models import Document, Mention, RiskClaim, RunReport
from pipeline.store import SCHEMA_VERSION, Store


def _doc(text: str, source: str = "a.txt") -> Document:
    return Document(
        id=sha256(text), source=source, text=text, title="t",
        entities=[Mention(start=0, end=5, text=text[:5], label="NATION", norm="CHN",
                          confidence=0.9, component="gazetteer:name")],
        claims=[RiskClaim(start=0, end=len(text), text=text, category="dependency",
                          modality="asserted", confidence=0.7)],
    )


def test_schema_version_recorded(store: Store) -> None:
    assert store.migrate() == SCHEMA_VERSION


def test_newer_schema_is_refused(db_url: str) -> None:
    s = Store(db_url)
    with s.engine.begin() as c:
        c.exec_driver_sql("UPDATE meta SET value='999' WHERE key='schema_version'")
    with pytest.raises(StoreError, match="newer than this RiskAtlas"):
        Store(db_url)


def test_upsert_is_idempotent(store: Store) -> None:
    d = _doc("China dominates gallium refining.")
    assert store.upsert_document(d) == "new"
    assert store.upsert_document(d) == "changed"
    assert store.counts()["documents_by_status"] == {"indexed": 1}
    assert store.counts()["mentions_by_label"] == {"NATION": 1}
    got = store.get_document(d.id)
    assert got.text == d.text and len(got.claims) == 1 and got.entity_counts[0].norm == "CHN"


def test_changed_source_replaces_its_rows(store: Store) -> None:
    store.upsert_document(_doc("China dominates gallium refining."))
    new = _doc("China controls most germanium output.")
    assert store.upsert_document(new) == "changed"
    assert [d.id for d in store.list_documents()] == [new.id]
    assert store.counts()["mentions_by_label"] == {"NATION": 1}


def test_same_text_other_source_is_refused(store: Store) -> None:
    store.upsert_document(_doc("Same text.", "a.txt"))
    with pytest.raises(StoreError, match="should be marked duplicate"):
        store.upsert_document(_doc("Same text.", "b.txt"))
    assert len(store.list_documents()) == 1  # the failed write left nothing behind


def test_missing_document(store: Store) -> None:
    with pytest.raises(NotFound, match="no document"):
        store.get_document("nope")


def test_vectors_and_cache(store: Store) -> None:
    store.upsert_document(_doc("China dominates gallium refining."),
                          vector=np.ones(4, np.float32))
    ids, X, texts = store.document_vectors()
    assert X.shape == (1, 4) and texts[0].startswith("China")
    store.save_vectors({"k": np.arange(3, dtype=np.float32)})
    store.save_vectors({"k": np.arange(3, dtype=np.float32)})  # no duplicate key error
    assert store.cached_vectors(["k", "missing"])["k"].tolist() == [0, 1, 2]


def test_runs_are_kept(store: Store) -> None:
    from datetime import UTC, datetime

    r = RunReport(id="r1", started_at=datetime.now(UTC), new=2, seconds={"read": 0.5})
    store.save_run(r)
    assert store.runs()[0].new == 2


def test_entity_and_claim_queries(store: Store) -> None:
    store.upsert_document(_doc("China dominates gallium refining."))
    ents = store.entities(label="NATION")
    assert ents[0].norm == "CHN" and ents[0].documents == 1
    rows = store.claims(norm="CHN", label="NATION")
    assert len(rows) == 1 and rows[0][2].category == "dependency"
    assert store.claims(norm="USA", label="NATION") == []


# -- PostgreSQL and concurrent writers (issue 9) --------------------------------
def test_concurrent_writers_of_one_cached_vector_do_not_clash(db_url: str) -> None:
    """Two workers embedding the same chunk both save it: the second write is skipped."""
    import threading

    stores = [Store(db_url) for _ in range(4)]
    barrier = threading.Barrier(len(stores))
    errors: list[BaseException] = []
    vecs = {f"k{i}": np.full(3, i, np.float32) for i in range(50)}

    def work(s: Store) -> None:
        barrier.wait()
        try:
            s.save_vectors(vecs)
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert stores[0].cached_vectors(["k7"])["k7"].tolist() == [7, 7, 7]
    for s in stores:
        s.engine.dispose()


def test_every_store_type_round_trips(store: Store) -> None:
    """JSON, bytes, dates and timestamps come back as written on either backend."""
    from datetime import UTC, date, datetime

    d = _doc("Japan depends on China for gallium.")
    d.published = date(2024, 5, 1)
    d.metadata = {"format": "text", "nested": [1, "two"]}
    sig = np.arange(129, dtype=np.uint64).tobytes()
    store.upsert_document(d, minhash=sig, vector=np.ones(4, np.float32))
    got = store.get_document(d.id)
    assert got.published == date(2024, 5, 1) and got.metadata["nested"] == [1, "two"]
    assert dict(store.minhashes())[d.id] == sig
    assert got.claims[0].roles.model_dump() == d.claims[0].roles.model_dump()
    t = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    store.save_run(RunReport(id="r", started_at=t, new=1))
    store.save_run(RunReport(id="r", started_at=t, new=2))  # saved again: replaced
    assert [r.new for r in store.runs()] == [2]


# -- summaries, the entity index and the claim plans at scale (issue 7) ---------------
FORMS = {("NATION", "CHN"): ["China", "PRC"], ("NATION", "USA"): ["United States", "US"],
         ("NATION", "DEU"): ["Germany"], ("MATERIAL", "gallium"): ["gallium"],
         ("MATERIAL", "germanium"): ["germanium", "Ge"], ("SUPPLIER", "Umicore"): ["Umicore"],
         ("SUPPLIER", "Lynas"): ["Lynas"], ("ALLIANCE", "NATO"): ["NATO"]}
SOURCES = ["corpus/a/", "corpus/b/", "Corpus/A/", "https://x.example/"]


def _random_doc(rng: Any, i: int, source: str | None = None, status: str = "indexed"
                ) -> Document:
    """A document of a few sentences with mentions in place and claims over some of
    them; attributes drawn from small sets so that every filter matches something."""
    from datetime import date

    parts: list[str] = []
    ents: list[Mention] = []
    cls: list[RiskClaim] = []
    pos = 0
    for _ in range(rng.randint(1, 5)):
        start, first = pos, len(ents)
        words = [f"w{rng.randint(0, 30)}" for _ in range(rng.randint(1, 4))]
        for _ in range(rng.randint(0, 4)):
            key = rng.choice(sorted(FORMS))
            surface = rng.choice(FORMS[key])
            words.append("near")
            at = start + sum(len(w) + 1 for w in words)
            words.append(surface)
            ents.append(Mention(start=at, end=at + len(surface), text=surface, label=key[0],
                                norm=key[1], confidence=0.9, component="test"))
        sentence = " ".join(words) + "."
        if rng.random() < 0.6:
            cls.append(RiskClaim(
                start=start, end=start + len(sentence), text=sentence,
                category=rng.choice(["dependency", "capacity", "trade_restriction"]),
                modality=rng.choice(["asserted", "hedged"]),
                confidence=round(rng.random(), 6), entities=list(range(first, len(ents)))))
        parts.append(sentence)
        pos = start + len(sentence) + 1
    text = " ".join(parts) + f" doc{i} {rng.random()}"
    return Document(
        id=sha256(text), source=source or f"{rng.choice(SOURCES)}d{i}.txt", text=text,
        status=status, doc_type=rng.choice(["paper", "article", "agreement", "other"]),
        published=rng.choice([None, date(2023, 5, 1), date(2024, 1, 1), date(2024, 7, 9),
                              date(2025, 2, 3)]),
        entities=ents, claims=cls)


def _expected_entities(docs: list[Document], *, label: str | None = None,
                       norm: str | None = None, nation: str | None = None,
                       **f: Any) -> list[tuple[str, str, int, int, list[str]]]:
    """The aggregate page_entities should give, computed from the documents in Python."""
    from collections import Counter, defaultdict

    n: Counter[tuple[str, str]] = Counter()
    d_n: Counter[tuple[str, str]] = Counter()
    forms: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for d in _filtered(docs, **f):
        if nation and not any(m.label == "NATION" and m.norm == nation for m in d.entities):
            continue
        keys = set()
        for m in d.entities:
            if (label and m.label != label) or (norm and m.norm != norm):
                continue
            n[(m.label, m.norm)] += 1
            forms[(m.label, m.norm)][m.text] += 1
            keys.add((m.label, m.norm))
        d_n.update(keys)
    rows = sorted(n, key=lambda k: (-n[k], k))
    return [(k[0], k[1], n[k], d_n[k],
             [t for t, _ in sorted(forms[k].items(), key=lambda kv: (-kv[1], kv[0]))][:5])
            for k in rows]


def _filtered(docs: list[Document], doc_type: str | None = None, theme: int | None = None,
              source: str | None = None, document_id: str | None = None,
              published_from: Any = None, published_to: Any = None) -> list[Document]:
    return [d for d in docs if d.status == "indexed"
            and (not doc_type or d.doc_type == doc_type)
            and (theme is None or d.theme_id == theme)
            and (not source or d.source.startswith(source))
            and (not document_id or d.id == document_id)
            and (not published_from or (d.published and d.published >= published_from))
            and (not published_to or (d.published and d.published <= published_to))]


def _expected_claims(docs: list[Document], about: list[tuple[str, str]],
                     category: str | None = None, **f: Any) -> list[tuple[str, int]]:
    """(document id, start) of the claims page_claims should give, most confident first."""
    out = []
    for d in _filtered(docs, **f):
        for k in d.claims:
            inside = {(m.label, m.norm) for m in d.entities
                      if m.start >= k.start and m.end <= k.end}
            if all(a in inside for a in about) and (not category or k.category == category):
                out.append((-k.confidence, d.id, k.start))
    return [(d, s) for _, d, s in sorted(out)]


ENTITY_QUERIES: list[dict[str, Any]] = [
    {}, {"label": "NATION"}, {"norm": "CHN"}, {"label": "MATERIAL", "norm": "germanium"},
    {"doc_type": "paper"}, {"theme": 1}, {"theme": 2, "label": "SUPPLIER"},
    {"source": "corpus/a/"}, {"source": "Corpus/"}, {"nation": "CHN"},
    {"nation": "DEU", "label": "MATERIAL"}, {"published_from": "2024-01-01"},
    {"published_from": "2024-01-01", "published_to": "2024-12-31", "doc_type": "article"},
]
CLAIM_QUERIES: list[dict[str, Any]] = [
    {}, {"category": "capacity"}, {"nation": "CHN"}, {"material": "gallium", "nation": "USA"},
    {"supplier": "Umicore", "category": "dependency"}, {"alliance": "NATO"},
    {"theme": 1}, {"doc_type": "other", "nation": "CHN"}, {"source": "corpus/b/"},
    {"published_from": "2024-01-01", "material": "germanium"}, {"published_to": "2023-12-31"},
]


def _check_everything(store: Store, docs: dict[str, Document]) -> None:
    """Summaries equal a recount in SQL; entity and claim queries equal the answers
    computed from the documents in Python, first pages and keyset pages alike."""
    from datetime import date

    from sqlalchemy import select, text

    from pipeline.store import _claim_entity_rows, claim_entities, entity_forms, entity_stats

    with store.engine.connect() as c:
        recount = text("SELECT m.label, m.norm, count(*), count(DISTINCT m.doc_id) FROM "
                       "mentions m JOIN documents d ON d.id = m.doc_id WHERE d.status = "
                       "'indexed' GROUP BY m.label, m.norm")
        assert sorted(map(tuple, c.execute(select(entity_stats)))) == \
            sorted(map(tuple, c.execute(recount)))
        recount = text("SELECT m.label, m.norm, m.text, count(*) FROM mentions m JOIN "
                       "documents d ON d.id = m.doc_id WHERE d.status = 'indexed' "
                       "GROUP BY m.label, m.norm, m.text")
        assert sorted(map(tuple, c.execute(select(entity_forms)))) == \
            sorted(map(tuple, c.execute(recount)))
        assert sorted(map(tuple, c.execute(select(claim_entities)))) == \
            sorted(map(tuple, c.execute(_claim_entity_rows())))
    every = list(docs.values())
    for q in ENTITY_QUERIES:
        q = {k: date.fromisoformat(v) if k.startswith("published") else v for k, v in q.items()}
        got = [(e.label, e.norm, e.count, e.documents, e.surface_forms)
               for e in store.page_entities(**q, limit=500)[0]]
        assert got == _expected_entities(every, **q), q
        pages, after = [], None
        while True:
            items, after = store.page_entities(**q, after=after, limit=3)
            pages += [(e.label, e.norm) for e in items]
            if after is None:
                break
        assert pages == [g[:2] for g in got], q
    for q in CLAIM_QUERIES:
        q = {k: date.fromisoformat(v) if k.startswith("published") else v for k, v in q.items()}
        about = [(lab, q.pop(k)) for k, lab in (("nation", "NATION"), ("material", "MATERIAL"),
                                                 ("supplier", "SUPPLIER"),
                                                 ("alliance", "ALLIANCE")) if k in q]
        want = _expected_claims(every, about, **q)
        kw = {("nation" if k == "NATION" else k.lower()): v for k, v in about}
        got = [(r.document_id, r.start) for r in store.page_claims(**kw, **q, limit=500)[0]]
        assert got == want, (q, about)
        pages2, key = [], None
        while True:
            recs, key = store.page_claims(**kw, **q, after=key, limit=4)
            pages2 += [(r.document_id, r.start) for r in recs]
            if key is None:
                break
        assert pages2 == want, (q, about)
        if len(about) == 1 and not q:  # the CLI's query: one fast path with the API's
            lab, value = about[0]
            assert [(d, k.start) for d, _, k in store.claims(norm=value, label=lab,
                                                            limit=500)] == want


def test_summaries_and_queries_stay_exact_through_writes_replacements_and_removals(
        db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A corpus written, themed, re-extracted, replaced, edited and pruned: after each
    step the summaries match a recount and every entity and claim query (summary path,
    in-memory index kept up by the change log, claim plans) matches Python's answer;
    a second store reading the same index (another process) agrees."""
    import random
    from datetime import date

    import pipeline.store as S
    from pipeline.models import Theme

    monkeypatch.setattr(S, "RELOAD_SHARE", 1.0)  # follow the change log, never reload
    rng = random.Random(7)
    store, other = Store(db_url), Store(db_url)
    docs: dict[str, Document] = {}

    def write(d: Document) -> None:
        store.upsert_document(d)
        for k in [k for k, v in docs.items() if v.source == d.source]:
            del docs[k]
        docs[d.id] = d

    for i in range(40):
        write(_random_doc(rng, i))
    write(_random_doc(rng, 40, status="duplicate"))  # its mentions count nowhere
    _check_everything(store, docs)
    _check_everything(other, docs)

    themes = {d: rng.choice([1, 2, None]) for d in docs if docs[d].status == "indexed"}
    store.replace_themes([Theme(id=1, name="a", keywords=["a"], size=1),
                          Theme(id=2, name="b", keywords=["b"], size=1)], themes, {})
    for d, t in themes.items():
        docs[d].theme_id = t
    _check_everything(store, docs)

    for d in rng.sample(sorted(docs), 6):  # changed files: new text, new id
        write(_random_doc(rng, 100 + len(docs), source=docs[d].source))
    for d in rng.sample(sorted(docs), 4):  # re-extracted: same text, other mentions
        again = _random_doc(rng, 0, source=docs[d].source)
        again = docs[d].model_copy(update={"entities": again.entities[:2], "claims": []})
        write(again)
    for d in rng.sample(sorted(docs), 3):
        store.update_document_metadata(d, {"doc_type": "paper", "published": date(2024, 3, 3)})
        docs[d] = docs[d].model_copy(update={"doc_type": "paper",
                                             "published": date(2024, 3, 3)})
    _check_everything(store, docs)
    _check_everything(other, docs)

    for d in rng.sample(sorted(docs), 8):
        assert store.remove_source(docs.pop(d).source)
    index = store._entities
    _check_everything(store, docs)
    _check_everything(other, docs)
    assert store._entities is index and index is not None and index.stale_share > 0.2
    _check_everything(Store(db_url), docs)  # a fresh process loads it whole
    for s in (store, other):
        s.engine.dispose()


def test_entity_index_reloads_after_a_gap_in_the_change_log(db_url: str,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    """A reader further behind than the kept change log reloads everything."""
    import random

    import pipeline.store as S

    rng = random.Random(3)
    reader, writer = Store(db_url), Store(db_url)
    docs = {}
    for i in range(5):
        d = _random_doc(rng, i)
        writer.upsert_document(d)
        docs[d.id] = d
    _check_everything(reader, docs)
    monkeypatch.setattr(S, "KEEP_CHANGES", 2)
    monkeypatch.setattr(S, "PRUNE_EVERY", 4)
    for i in range(5, 15):
        d = _random_doc(rng, i)
        writer.upsert_document(d)
        docs[d.id] = d
    with writer.engine.connect() as c:
        from sqlalchemy import func, select

        assert c.execute(select(func.min(S.changes.c.seq))).scalar() > 6  # pruned
    assert reader.page_entities(doc_type="paper", limit=500)[0] == \
        Store(db_url).page_entities(doc_type="paper", limit=500)[0]
    _check_everything(reader, docs)
    for s in (reader, writer):
        s.engine.dispose()


def test_store_at_schema_4_upgrades_with_summaries(db_url: str) -> None:
    """Version 5 adds the summary tables and indexes and fills them from the mentions."""
    import random

    rng = random.Random(11)
    s = Store(db_url)
    docs = {}
    for i in range(12):
        d = _random_doc(rng, i)
        s.upsert_document(d)
        docs[d.id] = d
    with s.engine.begin() as c:  # back to what schema version 4 had
        for t in ("claim_entities", "entity_stats", "entity_forms", "changes"):
            c.exec_driver_sql(f"DROP TABLE {t}")
        for ix in ("ix_claims_order", "ix_claims_category_order",
                   "ix_documents_filter_published", "ix_documents_filter_theme",
                   "ix_documents_filter_type", "ix_documents_filter_source"):
            c.exec_driver_sql(f"DROP INDEX {ix}")
        c.exec_driver_sql("UPDATE meta SET value='4' WHERE key='schema_version'")
    s.engine.dispose()
    again = Store(db_url)
    assert again.migrate() == SCHEMA_VERSION == 5
    _check_everything(again, docs)
    again.engine.dispose()


def test_keyword_search_keeps_indexed_documents_best_first_ties_by_id(store: Store) -> None:
    """Ranking reads the FTS index alone and looks up only the best rows: documents
    that are not indexed are skipped however many rank first, equal scores come by id,
    and snippets come only for the asked ids."""
    same = "gallium export controls tighten again"
    for i in range(30):  # duplicates rank exactly like the indexed ones
        store.upsert_document(Document(id=sha256(f"{same} {i}"), source=f"dup{i}.txt",
                                       text=f"{same} {i}", status="duplicate"))
    ids = []
    for i in range(5):
        d = Document(id=sha256(f"{same} x{i}"), source=f"ok{i}.txt", text=f"{same} x{i}")
        store.upsert_document(d)
        ids.append(d.id)
    got = store.keyword_search(["gallium", "export"], 3)
    assert [g[0] for g in got] == sorted(ids)[:3]  # all tie: by id
    assert all("[gallium]" in g[2] for g in got)
    assert [g[2] for g in store.keyword_search(["gallium"], 3, snippets=False)] == [""] * 3
    assert set(store.keyword_snippets(["export"], ids[:2])) == set(ids[:2])
    assert store.keyword_search(["nothing"], 3) == []


def test_postgres_keyword_search_reads_a_gin_index_and_takes_any_length(store: Store) -> None:
    """PostgreSQL: the search's tsvector is the one ix_documents_tsv holds (the planner
    uses it), and a text too long for one tsvector is still indexed and found."""
    if store.dialect != "postgresql":
        pytest.skip("PostgreSQL's tsvector index (SQLite uses FTS5)")
    import sqlalchemy as sa

    from pipeline.store import _pg_tsvector, documents

    # 40,000 distinct words: about 1.3 MB of tsvector, past PostgreSQL's 1 MB limit
    filler = " ".join(sha256(str(i)) for i in range(40_000))
    big = Document(id=sha256("big"), source="big.txt", text="Gallium export licences. " + filler)
    store.upsert_document(big)
    assert [g[0] for g in store.keyword_search(["gallium", "licences"], 5)] == [big.id]
    q = sa.select(documents.c.id).where(
        _pg_tsvector().bool_op("@@")(sa.literal_column("plainto_tsquery('english', 'gallium')")))
    sql = str(q.compile(store.engine, compile_kwargs={"literal_binds": True}))
    with store.engine.connect() as c:
        c.exec_driver_sql("SET enable_seqscan = off")
        plan = "\n".join(r[0] for r in c.exec_driver_sql("EXPLAIN " + sql))
    assert "ix_documents_tsv" in plan, plan


def test_source_prefix_is_case_sensitive_on_both_backends(store: Store) -> None:
    """A source prefix is a prefix of the path or URL as written (SQLite used to match
    it regardless of case, PostgreSQL did not)."""
    store.upsert_document(_doc("China dominates gallium refining.", "Corpus/News/a.txt"))
    store.upsert_document(_doc("Japan depends on China.", "corpus/news/b.txt"))
    assert [d.source for d in store.page_documents(source="corpus/news/")[0]] == \
        ["corpus/news/b.txt"]
    assert [e.count for e in store.page_entities(source="Corpus/", limit=5)[0]] == [1]
    assert len(store.page_claims(source="corpus/")[0]) == 1


def test_entity_index_answers_from_one_snapshot_while_it_grows() -> None:
    """A query reads one snapshot: documents and surface forms added meanwhile (by
    another thread's refresh) neither show up in it nor break it."""
    from pipeline.entity_index import EntityIndex

    ei = EntityIndex()
    ei.load([("a", "paper", 1, None, "x/a")], [("a", "NATION", "CHN", "China")], 1)
    old = ei.snap
    ei.apply(["b"], [("b", "paper", 1, None, "x/b")],
             [("b", "NATION", "CHN", "PRC"), ("b", "MATERIAL", "gallium", "gallium")], 2)
    assert ei.aggregate(ei.documents_mask(old), old) == [("NATION", "CHN", 1, 1, ["China"])]
    assert ei.entities(doc_type="paper") == [("NATION", "CHN", 2, 2, ["China", "PRC"]),
                                            ("MATERIAL", "gallium", 1, 1, ["gallium"])]
    assert ei.entities(source="x/b", label="NATION") == [("NATION", "CHN", 1, 1, ["PRC"])]
