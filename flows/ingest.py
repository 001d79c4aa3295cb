"""The ingestion flow: read -> extract -> embed -> store per batch, then themes.

Thin on purpose: each task calls one library function of ``pipeline`` or
``extractors``. Documents travel in batches (a task costs tens of
milliseconds of orchestration). A document that fails is recorded with its
reason and the batch goes on. Models load once per process (per Dask worker).
"""

from __future__ import annotations

import os
import re
import threading
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
from pipeline.errors import FetchError, TransientFetchError  # noqa: E402
from pipeline.ingest import discover, fetch  # noqa: E402
from pipeline.models import RunReport  # noqa: E402
from pipeline.settings import get_settings  # noqa: E402
from pipeline.stages import Batch, embed_batch, read_batch, rebuild_themes, store_batch  # noqa: E402
from pipeline.store import Store  # noqa: E402

# Set by the CLI to draw a progress bar: called with (documents done, total).
PROGRESS: Callable[[int, int], None] | None = None

_models: dict[str, Any] = {}
# How many times each model was made in this process: 1 each, however many tasks
# a (Dask) worker runs. The lock keeps two threads of one worker from both loading.
LOADS: dict[str, int] = {}
_lock = threading.RLock()
_stores: dict[str, Store] = {}


def _hashing() -> bool:
    """RISKATLAS_EMBEDDER=hashing: hashing vectors and the keyword claim rule (tests)."""
    return os.environ.get("RISKATLAS_EMBEDDER") == "hashing"


def get_embedder() -> Embedder:
    with _lock:
        if "embedder" not in _models:
            if _hashing():
                from pipeline.embed import HashingEmbedder

                _models["embedder"] = HashingEmbedder()
            else:
                _models["embedder"] = MiniLMEmbedder()
            LOADS["embedder"] = LOADS.get("embedder", 0) + 1
    return _models["embedder"]  # type: ignore[no-any-return]


def get_extractor() -> Extractor:
    with _lock:
        if "extractor" not in _models:
            s = get_settings()
            _models["extractor"] = Extractor(s.spacy_model, s.gazetteer_dir,
                                             embedder=get_embedder(), batch_size=s.batch_size,
                                             baseline_claims=_hashing())
            LOADS["extractor"] = LOADS.get("extractor", 0) + 1
    return _models["extractor"]  # type: ignore[no-any-return]


def get_store(db: str) -> Store:
    """One Store (one connection pool) per database per process."""
    with _lock:
        if db not in _stores:
            _stores[db] = Store(db)
    return _stores[db]


def _progress(done: int, total: int) -> None:
    """Tell PROGRESS, if set. (The flow calls this rather than reading PROGRESS: the
    flow is pickled for Dask workers, and a progress bar cannot be.)"""
    if PROGRESS:
        PROGRESS(done, total)


def _timed(seconds: dict[str, float], stage: str, t0: float) -> None:
    seconds[stage] = round(seconds.get(stage, 0.0) + time.perf_counter() - t0, 3)


def _transient(_task: Any, _run: Any, state: Any) -> bool:
    """Retry a fetch only when the network may answer next time."""
    return isinstance(getattr(state, "data", None), TransientFetchError)


# Network I/O is the only thing retried. The tag lets a Prefect server cap fetches
# across all runs (`prefect concurrency-limit create riskatlas-fetch 4`); within a
# run, at most RISKATLAS_FETCH_CONCURRENCY fetches are in flight.
@task(name="fetch", retries=2, retry_delay_seconds=[2, 10], retry_condition_fn=_transient,
      tags=["riskatlas-fetch"])
def fetch_task(url: str) -> bytes | str:
    """The bytes at ``url``, or why there are none (an HTTP 404...: not retried, and
    the task completes). Network errors raise TransientFetchError and are retried."""
    s = get_settings()
    try:
        return fetch(url, timeout=s.fetch_timeout, max_bytes=s.fetch_max_bytes,
                     user_agent=s.user_agent)[0]
    except TransientFetchError:
        raise
    except FetchError as exc:
        return str(exc)


@task(name="read")
def read_task(sources: list[str], db: str, version: str, password: str | None,
              force: bool = False, fetched: dict[str, bytes] | None = None,
              fetch_errors: dict[str, str] | None = None,
              pending: list[Batch] | None = None) -> Batch:
    s = get_settings()
    return read_batch(sources, get_store(db), version, password=password,
                      max_pages=s.max_pdf_pages, force=force,
                      fetch_options={"timeout": s.fetch_timeout, "max_bytes": s.fetch_max_bytes,
                                     "user_agent": s.user_agent},
                      fetched=fetched, fetch_errors=fetch_errors, pending=pending)


@task(name="extract")
def extract_task(batch: Batch) -> Batch:
    t0 = time.perf_counter()
    get_extractor().analyze(batch.docs)
    _timed(batch.seconds, "extract", t0)
    return batch


@task(name="embed")
def embed_task(batch: Batch, db: str) -> Batch:
    t0 = time.perf_counter()
    batch = embed_batch(batch, get_embedder(), get_store(db))
    _timed(batch.seconds, "embed", t0)
    return batch


@task(name="store")
def store_task(batch: Batch, db: str) -> dict[str, Any]:
    return store_batch(batch, get_store(db))


@task(name="themes")
def themes_task(db: str) -> int:
    return len([t for t in rebuild_themes(get_store(db)) if t.level == 1])


def _fetch_urls(sources: list[str]) -> tuple[dict[str, bytes], dict[str, str]]:
    """Fetch the URLs among ``sources`` as tasks, a few at a time: (bytes by URL,
    reason by URL that could not be fetched)."""
    urls = [u for u in sources if re.match(r"^https?://", u)]
    fetched: dict[str, bytes] = {}
    errors: dict[str, str] = {}
    step = max(1, get_settings().fetch_concurrency)
    for i in range(0, len(urls), step):
        futures = {u: fetch_task.submit(u) for u in urls[i:i + step]}
        for u, fut in futures.items():
            got = fut.result(raise_on_failure=False)
            if isinstance(got, bytes):
                fetched[u] = got
            else:  # the reason, or the exception of the last try
                errors[u] = str(got)
    return fetched, errors


@flow(name="riskatlas-ingest", log_prints=False, validate_parameters=False)
def ingest_flow(sources: list[str], db: str = "riskatlas.db", batch_size: int = 16,
                retry_failed: bool = False, prune: bool = False,
                password: str | None = None, themes: bool = True,
                parallel: int = 1) -> RunReport:
    """Ingest files, folders and URLs into the index at ``db``; return the run report.

    ``parallel`` is how many batches may be in flight: with 1 each batch is read,
    extracted, embedded and stored before the next; above 1 extract and embed are
    submitted to the flow's task runner (a Dask cluster) while the flow reads the
    next batches, and batches are stored in order as they come back. Seconds of
    extract and embed are then summed over workers.
    """
    store = get_store(db)
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
    # (sources in the batch, the batch as read, its extract+embed future or the batch)
    inflight: list[tuple[int, Batch, Any]] = []

    def store_oldest() -> None:
        nonlocal done
        n, _read, work = inflight.pop(0)
        batch = work if isinstance(work, Batch) else work.result()
        for stage, sec in batch.seconds.items():
            seconds[stage] = round(seconds.get(stage, 0.0) + sec, 3)
        t0 = time.perf_counter()
        counts = store_task(batch, db)
        _timed(seconds, "store", t0)
        report.new += counts["new"]
        report.changed += counts["changed"]
        report.duplicates += counts["duplicates"]
        report.failed += counts["failed"]
        report.failures.extend(counts["failures"])
        done += n
        _progress(done, len(files))

    for i in range(0, len(files), batch_size):
        chunk = files[i:i + batch_size]
        fetched: dict[str, bytes] = {}
        fetch_errors: dict[str, str] = {}
        if any(re.match(r"^https?://", f) for f in chunk):
            t0 = time.perf_counter()
            fetched, fetch_errors = _fetch_urls(chunk)
            _timed(seconds, "fetch", t0)
        t0 = time.perf_counter()
        batch = read_task(chunk, db, version, password, force=retry_failed, fetched=fetched,
                          fetch_errors=fetch_errors, pending=[b for _, b, _ in inflight])
        _timed(seconds, "read", t0)
        report.unchanged += len(batch.unchanged)
        work: Any = batch
        if any(d.status == "indexed" for d in batch.docs):
            if parallel > 1:
                extracted: Any = extract_task.submit(batch)  # a future: Dask passes it on
                work = embed_task.submit(extracted, db)
            else:
                work = embed_task(extract_task(batch), db)
        inflight.append((len(chunk), batch, work))
        while len(inflight) >= max(1, parallel):
            store_oldest()
    while inflight:
        store_oldest()
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


TASK_RUNNERS = ("sequential", "dask")


def run_ingest(sources: list[str], *, task_runner: str = "sequential",
               dask_address: str | None = None, dask_workers: int | None = None,
               **params: Any) -> RunReport:
    """Run ``ingest_flow`` on a task runner: ``sequential`` (in this process) or
    ``dask``: the cluster at ``dask_address`` (``tcp://host:8786``), else a local
    cluster of ``dask_workers`` single-threaded worker processes. On Dask, extract
    and embed run on the workers, two batches in flight per worker; each worker
    loads the models once. Workers open the index themselves: on more than one
    machine give a PostgreSQL ``db``."""
    if task_runner == "sequential":
        if dask_address:
            raise ValueError("--dask-address needs --task-runner dask")
        return ingest_flow(list(sources), **params)  # type: ignore[no-any-return]
    if task_runner != "dask":
        raise ValueError(f"--task-runner must be one of {', '.join(TASK_RUNNERS)}, "
                         f"not {task_runner!r}")
    from prefect_dask import DaskTaskRunner

    runner: Any
    if dask_address:
        runner = DaskTaskRunner(address=dask_address)
        params.setdefault("parallel", 16)
    else:
        n = dask_workers or get_settings().dask_workers
        runner = DaskTaskRunner(cluster_kwargs={"n_workers": n, "threads_per_worker": 1,
                                                "processes": True, "dashboard_address": ":0"})
        params.setdefault("parallel", 2 * n)
    return ingest_flow.with_options(task_runner=runner)(  # type: ignore[no-any-return]
        list(sources), **params)
