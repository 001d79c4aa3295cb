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
