"""Running past one machine (issue 9): the flow on a Dask cluster of two workers,
and an ingest killed with SIGKILL mid-run then run again."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

pytestmark = pytest.mark.slow

DOCS = ["shipyard-workforce.txt", "aukus-submarines.md", "chip-packaging-allies.md",
        "european-shell-production.md"]


@pytest.fixture(scope="module")
def harness():
    from flows import quiet_prefect

    quiet_prefect()
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hashing vectors and the keyword claim rule, in this process and in the workers
    (they inherit the environment); no models cached from earlier tests."""
    import flows.ingest as fl

    monkeypatch.setenv("RISKATLAS_EMBEDDER", "hashing")
    monkeypatch.setattr(fl, "_models", {})
    monkeypatch.setattr(fl, "_stores", {})


def test_dask_cluster_of_two_workers_runs_extract_and_embed(
        harness: Any, hashing: None, db_url: str, sample_dir: Path, tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    from pipeline.cli import app
    from pipeline.store import Store

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in DOCS:  # texts of this test alone, so that no task result is cached
        (corpus / name).write_text((sample_dir / name).read_text() + f"\n\nRun {tmp_path.name}.\n")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as cluster, Client(cluster) as client:
        r = CliRunner().invoke(app, ["ingest", str(corpus), "--db", db_url, "--batch-size", "1",
                                     "--task-runner", "dask", "--dask-address",
                                     cluster.scheduler_address, "--json"])
        assert r.exit_code == 0, r.output
        loads = client.run(lambda: dict(__import__("flows.ingest").ingest.LOADS))
    report = __import__("json").loads(r.stdout)
    assert report["new"] == 4 and report["failed"] == 0
    assert report["seconds"]["extract"] > 0 and report["seconds"]["embed"] > 0
    # both workers took tasks, and each loaded a model at most once for all of them
    assert len(loads) == 2 and all(v and set(v.values()) == {1} for v in loads.values()), loads
    assert set().union(*loads.values()) == {"embedder", "extractor"}
    store = Store(db_url)
    docs = store.list_documents(status="indexed")
    assert len(docs) == 4
    assert all(store.get_document(d.id).entities for d in docs)
    assert store.document_vectors()[1].shape == (4, 384)
    store.engine.dispose()


def test_dask_options_are_checked() -> None:
    from pipeline.cli import app

    r = CliRunner().invoke(app, ["ingest", "x", "--task-runner", "spark"])
    assert r.exit_code == 1 and "--task-runner must be one of sequential, threads, dask" in r.stderr
    r = CliRunner().invoke(app, ["ingest", "x", "--dask-address", "tcp://h:8786"])
    assert r.exit_code == 1 and "--dask-address needs --task-runner dask" in r.stderr


# -- crash safety -----------------------------------------------------------------
def _ingest_cmd(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-c", "from pipeline.cli import app; app()", "ingest", str(corpus),
            "--db", str(db), "--batch-size", "1", "--json"]


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, RISKATLAS_EMBEDDER="hashing", PREFECT_HOME=str(tmp_path / "prefect"))
    env.pop("PREFECT_API_URL", None)  # each run starts its own temporary Prefect server
    return env


def _rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    if not db.exists():
        return []
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return con.execute(sql).fetchall()
    except sqlite3.OperationalError:  # no tables yet
        return []
    finally:
        con.close()


def _index(db: Path) -> dict[str, tuple[str, str, int, int]]:
    """source -> (id, status, mentions, claims)."""
    rows = _rows(db, "SELECT d.source, d.id, d.status, "
                     "(SELECT count(*) FROM mentions m WHERE m.doc_id = d.id), "
                     "(SELECT count(*) FROM claims k WHERE k.doc_id = d.id) FROM documents d")
    return {Path(r[0]).name: (r[1], r[2], r[3], r[4]) for r in rows}


def test_ingest_killed_mid_run_then_rerun_loses_and_doubles_nothing(
        tmp_path: Path, sample_dir: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(sample_dir, corpus)
    (corpus / "README.md").unlink()
    total = len(list(corpus.iterdir()))
    env = _env(tmp_path)
    # the reference: one clean run
    ref_db = tmp_path / "ref.db"
    done = subprocess.run(_ingest_cmd(corpus, ref_db), env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    reference = _index(ref_db)
    assert len(reference) == total
    # killed with SIGKILL (the whole process group: Prefect's server too) mid-run
    db = tmp_path / "idx.db"
    proc = subprocess.Popen(_ingest_cmd(corpus, db), env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and proc.poll() is None:
            if len(_rows(db, "SELECT id FROM documents")) >= 2:
                break
            time.sleep(0.02)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    before = _index(db)
    assert 2 <= len(before) < total, "the kill should land mid-run"
    assert _rows(db, "SELECT id FROM runs") == []
    for name, row in before.items():  # what was written was written whole
        assert row == reference[name], name
    # run again: it picks up where the killed run stopped
    again = subprocess.run(_ingest_cmd(corpus, db), env=env, capture_output=True, text=True,
                           timeout=600)
    assert again.returncode == 0, again.stderr[-2000:]
    report = __import__("json").loads(again.stdout)
    assert report["unchanged"] == len(before)
    assert report["unchanged"] + report["new"] + report["duplicates"] + report["failed"] == total
    after = _index(db)
    assert after == reference  # same documents, ids, statuses, mentions and claims
    assert len(_rows(db, "SELECT source FROM documents")) == total  # no duplicates
