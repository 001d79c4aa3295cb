"""The store: migrations, idempotent upserts, replacement of a changed source."""

from __future__ import annotations

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
