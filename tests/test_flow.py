"""The ingestion flow end to end on the sample corpus (real models, real Prefect)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def harness():
    from flows import quiet_prefect

    quiet_prefect()
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="module")
def ingested(harness, tmp_path_factory: pytest.TempPathFactory, sample_dir: Path):
    from flows.ingest import ingest_flow

    work = tmp_path_factory.mktemp("flow")
    corpus = work / "corpus"
    shutil.copytree(sample_dir, corpus)
    (corpus / "README.md").unlink()
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.4 truncated nonsense")
    db = str(work / "idx.db")
    report = ingest_flow([str(corpus)], db=db, batch_size=5)
    return corpus, db, report


def test_first_run_indexes_and_isolates_failures(ingested) -> None:
    _corpus, _db, report = ingested
    assert report.new == 11
    assert report.duplicates == 1  # the syndicated copy
    assert report.failed == 1
    assert "broken.pdf" in report.failures[0].reason
    assert report.themes >= 2
    assert set(report.seconds) >= {"read", "extract", "embed", "store", "themes"}


def test_index_holds_entities_claims_and_themes(ingested) -> None:
    from pipeline.store import Store

    _corpus, db, _ = ingested
    store = Store(db)
    counts = store.counts()
    assert counts["mentions_by_label"]["NATION"] > 50
    assert sum(counts["claims_by_category"].values()) > 20
    docs = store.list_documents(status="indexed")
    assert all(d.theme_id is not None for d in docs[:5]) or store.themes()
    dup = store.list_documents(status="duplicate")[0]
    assert dup.duplicate_of and "near-duplicate" in dup.reason


def test_second_run_does_no_work(ingested) -> None:
    from flows.ingest import ingest_flow

    corpus, db, _ = ingested
    report = ingest_flow([str(corpus)], db=db, batch_size=5)
    assert report.new == 0 and report.changed == 0
    assert report.unchanged == 13
    assert "extract" not in report.seconds


def test_changed_file_replaces_and_prune_removes(ingested) -> None:
    from flows.ingest import ingest_flow
    from pipeline.store import Store

    corpus, db, _ = ingested
    f = corpus / "shipyard-workforce.txt"
    f.write_text(f.read_text() + "\n\nA late paragraph about welders in short supply.\n")
    (corpus / "aukus-submarines.md").unlink()
    report = ingest_flow([str(corpus)], db=db, batch_size=5, prune=True)
    assert report.changed == 1
    sources = Store(db).sources()
    assert not any(s.endswith("aukus-submarines.md") for s in sources)
    assert sum(s.endswith("shipyard-workforce.txt") for s in sources) == 1


# -- caching and retries on purpose (issue 9) ---------------------------------------
def _doc_rows(db: str) -> dict[str, tuple[int, int]]:
    """source name -> (mentions, claims) of each indexed document."""
    from pipeline.store import Store

    store = Store(db)
    out = {}
    for d in store.list_documents(status="indexed"):
        full = store.get_document(d.id)
        out[Path(d.source).name] = (len(full.entities), len(full.claims))
    store.engine.dispose()
    return out


def test_a_rerun_into_a_fresh_index_takes_extract_and_embed_from_the_cache(
        harness, tmp_path: Path, sample_dir: Path) -> None:
    """Another index, the same texts and models: the cache keys match, nothing is
    extracted or embedded again, and what is stored is the same."""
    from flows.ingest import ingest_flow

    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        for f in sorted(sample_dir.glob("*.md"))[:4]:
            shutil.copy(f, tmp_path / name / f.name)  # the same texts at other paths
    first = ingest_flow([str(tmp_path / "a")], db=str(tmp_path / "a.db"), batch_size=2,
                        themes=False)
    again = ingest_flow([str(tmp_path / "b")], db=str(tmp_path / "b.db"), batch_size=2,
                        themes=False)
    assert first.new == again.new >= 3  # (one of them may be a near-duplicate)
    assert again.seconds["extract"] == 0 and again.seconds["embed"] == 0
    assert _doc_rows(str(tmp_path / "b.db")) == _doc_rows(str(tmp_path / "a.db"))


def test_extractor_version_follows_gazetteers_model_and_code(tmp_path: Path) -> None:
    from extractors.analyze import extractor_version

    gaz, code = tmp_path / "gaz", tmp_path / "code"
    gaz.mkdir()
    code.mkdir()
    (gaz / "suppliers.jsonl").write_text('{"norm": "A"}\n')
    (code / "entities.py").write_text("RULE = 1\n")
    model = tmp_path / "claims.joblib"
    model.with_suffix(".json").write_text('{"threshold": 0.5}')
    seen = {extractor_version(gaz, model, code)}
    assert extractor_version(gaz, model, code) in seen  # stable
    (code / "entities.py").write_text("RULE = 2\n")  # an upgrade changes a rule
    seen.add(extractor_version(gaz, model, code))
    (gaz / "suppliers.jsonl").write_text('{"norm": "B"}\n')
    seen.add(extractor_version(gaz, model, code))
    model.with_suffix(".json").write_text('{"threshold": 0.6}')
    seen.add(extractor_version(gaz, model, code))
    assert len(seen) == 4


def test_cache_keys_are_content_and_model_versions() -> None:
    from flows.ingest import content_key
    from pipeline.models import Document, Page, Status
    from pipeline.stages import Batch

    def batch(*texts: str, page_starts: tuple[int, ...] = (0,)) -> Batch:
        from pipeline.ingest import sha256

        return Batch(docs=[Document(id=sha256(t), source=f"/x/{i}.txt", text=t,
                                    pages=[Page(number=k + 1, start=s, end=len(t))
                                           for k, s in enumerate(page_starts)])
                           for i, t in enumerate(texts)])

    a = content_key("extract", "v1", batch("gallium", "germanium"))
    assert a == content_key("extract", "v1", batch("gallium", "germanium"))
    assert a != content_key("extract", "v2", batch("gallium", "germanium"))  # new model
    assert a != content_key("extract", "v1", batch("gallium", "cobalt"))  # new text
    assert a != content_key("embed", "v1", batch("gallium", "germanium"))
    assert a != content_key("extract", "v1", batch("gallium", "germanium", page_starts=(0, 3)))
    # documents that are not analysed (failed, duplicates) do not change the key
    b = batch("gallium", "germanium")
    b.docs.append(Document(id="f", source="/x/bad.pdf", status=Status.failed, reason="bad"))
    assert content_key("extract", "v1", b) == a


def test_only_network_io_is_retried_and_index_tasks_are_never_cached() -> None:
    from prefect.cache_policies import NO_CACHE

    import flows.ingest as fl

    assert fl.fetch_task.retries == 2 and fl.fetch_task.retry_condition_fn is not None
    for t in (fl.read_task, fl.extract_task, fl.embed_task, fl.store_task, fl.themes_task):
        assert t.retries == 0, t.name
    for t in (fl.fetch_task, fl.read_task, fl.store_task, fl.themes_task):
        assert t.cache_policy is NO_CACHE, t.name
    for t in (fl.extract_task, fl.embed_task):
        assert t.cache_key_fn is not None and t.persist_result, t.name


def test_old_cached_results_are_pruned(tmp_path: Path) -> None:
    import os
    import time
    from datetime import timedelta

    from flows.ingest import prune_cache

    old, new = tmp_path / "old", tmp_path / "new"
    old.write_text("x")
    new.write_text("y")
    os.utime(old, (time.time() - 3 * 3600,) * 2)
    assert prune_cache(tmp_path, timedelta(hours=2)) == 1
    assert not old.exists() and new.exists()
    assert prune_cache(tmp_path / "absent", timedelta(hours=1)) == 0


def test_threads_runner_stores_what_the_sequential_run_stores(
        harness, tmp_path: Path, sample_dir: Path) -> None:
    """Extract and embed side by side in threads, two batches in flight, the models
    shared: the index holds the same entities and claims as a sequential run."""
    import flows.ingest as fl

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for f in sorted(sample_dir.glob("*.md"))[:6]:
        shutil.copy(f, corpus / f.name)
    from prefect.settings import PREFECT_TASKS_REFRESH_CACHE, temporary_settings

    with temporary_settings(updates={PREFECT_TASKS_REFRESH_CACHE: True}):  # both compute
        seq = fl.run_ingest([str(corpus)], db=str(tmp_path / "seq.db"), batch_size=2,
                            themes=False)
        thr = fl.run_ingest([str(corpus)], task_runner="threads", db=str(tmp_path / "thr.db"),
                            batch_size=2, themes=False)
    assert thr.new == seq.new >= 3 and thr.failed == 0
    assert thr.seconds["extract"] > 0 and thr.seconds["embed"] > 0
    assert _doc_rows(str(tmp_path / "thr.db")) == _doc_rows(str(tmp_path / "seq.db"))
