"""The ingestion flow: read -> extract -> embed -> store per batch, then themes.

Thin on purpose: each task calls one library function of ``pipeline`` or
``extractors``. Documents travel in batches (a task costs tens of
milliseconds of orchestration). A document that fails is recorded with its
reason and the batch goes on. Models load once per process (per Dask worker).
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from flows import quiet_prefect

quiet_prefect()

from prefect import flow, task  # noqa: E402

from extractors.analyze import Extractor  # noqa: E402
from pipeline.embed import Embedder, MiniLMEmbedder  # noqa: E402
from pipeline.ingest import discover  # noqa: E402
from pipeline.models import RunReport  # noqa: E402
from pipeline.settings import get_settings  # noqa: E402
from pipeline.stages import Batch, embed_batch, read_batch, rebuild_themes, store_batch  # noqa: E402
from pipeline.store import Store  # noqa: E402

# Set by the CLI to draw a progress bar: called with (documents done, total).
PROGRESS: Callable[[int, int], None] | None = None

_models: dict[str, Any] = {}


def get_embedder() -> Embedder:
    if "embedder" not in _models:
        if os.environ.get("RISKATLAS_EMBEDDER") == "hashing":
            from pipeline.embed import HashingEmbedder

            _models["embedder"] = HashingEmbedder()
        else:
            _models["embedder"] = MiniLMEmbedder(get_settings().embed_batch_size)
    return _models["embedder"]  # type: ignore[no-any-return]


def get_extractor() -> Extractor:
    if "extractor" not in _models:
        s = get_settings()
        _models["extractor"] = Extractor(s.spacy_model, s.gazetteer_dir, embedder=get_embedder(),
                                         batch_size=s.batch_size)
    return _models["extractor"]  # type: ignore[no-any-return]


def _timed(seconds: dict[str, float], stage: str, t0: float) -> None:
    seconds[stage] = round(seconds.get(stage, 0.0) + time.perf_counter() - t0, 3)


@task(name="read")
def read_task(sources: list[str], db: str, version: str, password: str | None,
              force: bool = False) -> Batch:
    s = get_settings()
    return read_batch(sources, Store(db), version, password=password, max_pages=s.max_pdf_pages,
                      force=force,
                      fetch_options={"timeout": s.fetch_timeout, "max_bytes": s.fetch_max_bytes,
                                     "user_agent": s.user_agent})


@task(name="extract")
def extract_task(batch: Batch) -> Batch:
    get_extractor().analyze(batch.docs)
    return batch


@task(name="embed")
def embed_task(batch: Batch, db: str) -> Batch:
    return embed_batch(batch, get_embedder(), Store(db))


@task(name="store")
def store_task(batch: Batch, db: str) -> dict[str, Any]:
    return store_batch(batch, Store(db))


@task(name="themes")
def themes_task(db: str) -> int:
    return len([t for t in rebuild_themes(Store(db)) if t.level == 1])


@flow(name="riskatlas-ingest", log_prints=False, validate_parameters=False)
def ingest_flow(sources: list[str], db: str = "riskatlas.db", batch_size: int = 16,
                retry_failed: bool = False, prune: bool = False,
                password: str | None = None, themes: bool = True) -> RunReport:
    """Ingest files, folders and URLs into the index at ``db``; return the run report."""
    store = Store(db)
    report = RunReport(id=uuid.uuid4().hex[:12], started_at=datetime.now(UTC),
                       sources=list(sources))
    files = list(discover(sources))
    if retry_failed:
        failed = set(store.failed_sources())
        files = [f for f in files if f in failed] or sorted(failed)
    if prune:
        present = set(files)
        for src in store.sources():
            if not src.startswith(("http://", "https://")) and src not in present \
                    and not os.path.exists(src):
                store.remove_source(src)
    version = get_extractor().version
    seconds: dict[str, float] = {}
    done = 0
    for i in range(0, len(files), batch_size):
        chunk = files[i:i + batch_size]
        t0 = time.perf_counter()
        batch = read_task(chunk, db, version, password, force=retry_failed)
        _timed(seconds, "read", t0)
        report.unchanged += len(batch.unchanged)
        if any(d.status == "indexed" for d in batch.docs):
            t0 = time.perf_counter()
            batch = extract_task(batch)
            _timed(seconds, "extract", t0)
            t0 = time.perf_counter()
            batch = embed_task(batch, db)
            _timed(seconds, "embed", t0)
        t0 = time.perf_counter()
        counts = store_task(batch, db)
        _timed(seconds, "store", t0)
        report.new += counts["new"]
        report.changed += counts["changed"]
        report.duplicates += counts["duplicates"]
        report.failed += counts["failed"]
        report.failures.extend(counts["failures"])
        done += len(chunk)
        if PROGRESS:
            PROGRESS(done, len(files))
    if themes and (report.new or report.changed or not store.themes()):
        t0 = time.perf_counter()
        report.themes = themes_task(db)
        _timed(seconds, "themes", t0)
    else:
        report.themes = len([t for t in store.themes() if t.level == 1])
    report.seconds = seconds
    report.finished_at = datetime.now(UTC)
    store.save_run(report)
    return report
