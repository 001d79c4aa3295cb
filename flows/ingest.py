"""The ingestion flow: read -> extract -> embed -> store per batch, then themes.

Thin on purpose: each task calls one library function of ``pipeline`` or
``extractors``. Documents travel in batches (a task costs tens of
milliseconds of orchestration). A document that fails is recorded with its
reason and the batch goes on. Models load once per process (per Dask worker).
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from flows import quiet_prefect

quiet_prefect()

from prefect import flow, task  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402

from extractors.analyze import Extractor  # noqa: E402
from pipeline.embed import Embedder, MiniLMEmbedder  # noqa: E402
from pipeline.errors import FetchError, TransientFetchError  # noqa: E402
from pipeline.ingest import discover, fetch  # noqa: E402
from pipeline.models import Document, Entity, Mention, RiskClaim, RunReport, Status  # noqa: E402
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
                                             claim_model=s.claims_model,
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


def _add(seconds: dict[str, float], stage: str, spent: float) -> None:
    seconds[stage] = round(seconds.get(stage, 0.0) + spent, 3)


def _timed(seconds: dict[str, float], stage: str, t0: float) -> None:
    _add(seconds, stage, time.perf_counter() - t0)


def _transient(_task: Any, _run: Any, state: Any) -> bool:
    """Retry a fetch only when the network may answer next time."""
    return isinstance(getattr(state, "data", None), TransientFetchError)


# Network I/O is the only thing retried. The tag lets a Prefect server cap fetches
# across all runs (`prefect concurrency-limit create riskatlas-fetch 4`); within a
# run, at most RISKATLAS_FETCH_CONCURRENCY fetches are in flight.
@task(name="fetch", retries=2, retry_delay_seconds=[2, 10], retry_condition_fn=_transient,
      tags=["riskatlas-fetch"], cache_policy=NO_CACHE)
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


# Tasks that read or write the index are never cached (NO_CACHE also spares Prefect
# hashing whole batches for its default key). Extract and embed are pure functions
# of the documents' text and the models: their key is the content hashes plus the
# extractor or embedding model version, their results are kept for
# RISKATLAS_CACHE_HOURS in RISKATLAS_CACHE_DIR, so a run that crashed before storing
# a batch does not extract or embed it again.
@task(name="read", cache_policy=NO_CACHE)
def read_task(sources: list[str], db: str, version: str, password: str | None,
              force: bool = False, fetched: dict[str, bytes] | None = None,
              fetch_errors: dict[str, str] | None = None,
              pending: list[Batch] | None = None) -> Batch:
    t0 = time.perf_counter()
    s = get_settings()
    batch = read_batch(sources, get_store(db), version, password=password,
                       max_pages=s.max_pdf_pages, force=force,
                       fetch_options={"timeout": s.fetch_timeout,
                                      "max_bytes": s.fetch_max_bytes, "user_agent": s.user_agent},
                       fetched=fetched, fetch_errors=fetch_errors, pending=pending)
    _timed(batch.seconds, "read", t0)
    return batch


def _indexed(batch: Batch) -> list[Document]:
    return [d for d in batch.docs if d.status == Status.indexed and d.text]


def content_key(kind: str, model: str, batch: Batch) -> str:
    """The cache key of ``kind`` work on ``batch``: its documents' text hashes (and
    page offsets, which give mentions their page) plus the model version."""
    h = hashlib.sha256(f"{kind}\x00{model}".encode())
    for d in _indexed(batch):
        h.update(f"\x00{d.id}:{','.join(str(p.start) for p in d.pages)}".encode())
    return f"riskatlas-{kind}-{h.hexdigest()}"


def _cache_hours() -> timedelta:
    return timedelta(hours=get_settings().cache_hours)


def _result_storage() -> Path:
    """A local folder (Prefect makes it a LocalFileSystem)."""
    return get_settings().cache_dir / "prefect-results"


# What extraction adds to a document: entities, their counts, claims.
Annotations = dict[str, tuple[list[Mention], list[Entity], list[RiskClaim]]]


@task(name="extract",
      cache_key_fn=lambda _c, p: content_key("extract", f"{p['version']}|{p['model']}",
                                             p["batch"]),
      cache_expiration=_cache_hours(), result_storage=_result_storage())
def extract_task(batch: Batch, version: str, model: str) -> tuple[Annotations, float]:
    """Entities and claims of the batch's documents, and the seconds it took.
    (``model``, the embedding model the claim classifier reads, is in the key.)"""
    t0 = time.perf_counter()
    extractor = get_extractor()
    if extractor.version != version:
        raise RuntimeError(f"this worker's extractor is version {extractor.version}, the "
                           f"flow's is {version}: install the same RiskAtlas everywhere")
    docs = [d.model_copy() for d in _indexed(batch)]
    extractor.analyze(docs)
    out = {d.id: (d.entities, d.entity_counts, d.claims) for d in docs}
    return out, time.perf_counter() - t0


@task(name="embed", cache_key_fn=lambda _c, p: content_key("embed", p["model"], p["batch"]),
      cache_expiration=_cache_hours(), result_storage=_result_storage())
def embed_task(batch: Batch, db: str, model: str) -> tuple[dict[str, Any], float]:
    """Document vectors of the batch (chunk vectors cached in the index) and seconds."""
    t0 = time.perf_counter()
    done = embed_batch(Batch(docs=_indexed(batch)), get_embedder(), get_store(db))
    return done.vectors, time.perf_counter() - t0


def model_id(embedder: Embedder) -> str:
    return f"{embedder.name}/{getattr(embedder, 'precision', '')}"


def prune_cache(folder: Path, older_than: timedelta) -> int:
    """Remove cached task results older than ``older_than``; how many were removed."""
    if not folder.is_dir():
        return 0
    cutoff = time.time() - older_than.total_seconds()
    n = 0
    for f in folder.iterdir():
        try:
            if f.is_file() and f.stat().st_mtime < cutoff:
                f.unlink()
                n += 1
        except OSError:  # another run removed it first
            pass
    return n


@task(name="store", cache_policy=NO_CACHE)
def store_task(batch: Batch, db: str) -> dict[str, Any]:
    t0 = time.perf_counter()
    counts = store_batch(batch, get_store(db))
    return {**counts, "seconds": time.perf_counter() - t0}


@task(name="themes", cache_policy=NO_CACHE)
def themes_task(db: str) -> tuple[int, float]:
    """How many themes there are after a rebuild, and the seconds it took."""
    t0 = time.perf_counter()
    n = len([t for t in rebuild_themes(get_store(db)) if t.level == 1])
    return n, time.perf_counter() - t0


def _outcome(work: Any) -> tuple[Any, bool]:
    """The result of a task's state or future, and whether it came from the cache."""
    if not hasattr(work, "is_completed"):  # a future: wait for its final state
        work.wait()
        work = work.state
    return work.result(), work.name == "Cached"


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
    seconds: dict[str, float] = {}
    # the models themselves load lazily, in the first extract and embed tasks
    version = get_extractor().version
    model = model_id(get_embedder())
    done = 0
    # (sources in the batch, the batch as read, its extract and embed work: a Prefect
    # state, a future of the task runner, or None when nothing is to be analysed)
    inflight: list[tuple[int, Batch, Any, Any]] = []

    def store_oldest() -> None:
        nonlocal done
        n, batch, extracted, embedded = inflight.pop(0)
        if extracted is not None:
            (annotations, extract_s), cached = _outcome(extracted)
            for d in batch.docs:
                if d.id in annotations and d.status == Status.indexed:
                    d.entities, d.entity_counts, d.claims = annotations[d.id]
                    d.extractor_version = version
            _add(seconds, "extract", 0.0 if cached else extract_s)
            (vectors, embed_s), cached = _outcome(embedded)
            batch.vectors.update(vectors)
            _add(seconds, "embed", 0.0 if cached else embed_s)
        counts = store_task(batch, db)
        _add(seconds, "store", counts["seconds"])
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
        batch = read_task(chunk, db, version, password, force=retry_failed, fetched=fetched,
                          fetch_errors=fetch_errors, pending=[b for _, b, _, _ in inflight])
        _add(seconds, "read", batch.seconds.pop("read", 0.0))
        report.unchanged += len(batch.unchanged)
        extracted: Any = None
        embedded: Any = None
        if _indexed(batch):
            if parallel > 1:  # on the task runner (threads, a Dask cluster), side by side
                extracted = extract_task.submit(batch, version, model)
                embedded = embed_task.submit(batch, db, model)
            else:
                extracted = extract_task(batch, version, model, return_state=True)
                embedded = embed_task(batch, db, model, return_state=True)
        inflight.append((len(chunk), batch, extracted, embedded))
        while len(inflight) >= max(1, parallel):
            store_oldest()
    while inflight:
        store_oldest()
    if themes and (report.new or report.changed or not store.themes()):
        report.themes, themes_s = themes_task(db)
        _add(seconds, "themes", themes_s)
    else:
        report.themes = len([t for t in store.themes() if t.level == 1])
    prune_cache(_result_storage(), _cache_hours())
    report.seconds = seconds
    report.finished_at = datetime.now(UTC)
    store.save_run(report)
    return report


TASK_RUNNERS = ("sequential", "threads", "dask")


def run_ingest(sources: list[str], *, task_runner: str = "sequential",
               dask_address: str | None = None, dask_workers: int | None = None,
               **params: Any) -> RunReport:
    """Run ``ingest_flow`` on a task runner: ``sequential`` (in this process),
    ``threads`` (extract and embed of a batch side by side in this process's
    threads, ``dask_workers`` batches in flight, the models shared) or ``dask``:
    the cluster at ``dask_address`` (``tcp://host:8786``), else a local cluster of
    ``dask_workers`` single-threaded worker processes. On Dask, extract and embed
    run on the workers, two batches in flight per worker; each worker loads the
    models once. Workers open the index themselves: on more than one machine give
    a PostgreSQL ``db``."""
    if task_runner not in TASK_RUNNERS:
        raise ValueError(f"--task-runner must be one of {', '.join(TASK_RUNNERS)}, "
                         f"not {task_runner!r}")
    if dask_address and task_runner != "dask":
        raise ValueError("--dask-address needs --task-runner dask")
    n = dask_workers or get_settings().dask_workers
    if task_runner == "sequential":
        return ingest_flow(list(sources), **params)  # type: ignore[no-any-return]
    runner: Any
    if task_runner == "threads":
        from prefect.task_runners import ThreadPoolTaskRunner

        runner = ThreadPoolTaskRunner(max_workers=2 * n)
        params.setdefault("parallel", n)
    else:
        from prefect_dask import DaskTaskRunner

        if dask_address:
            runner = DaskTaskRunner(address=dask_address)
            params.setdefault("parallel", 16)
        else:
            runner = DaskTaskRunner(cluster_kwargs={"n_workers": n, "threads_per_worker": 1,
                                                    "processes": True,
                                                    "dashboard_address": ":0"})
            params.setdefault("parallel", 2 * n)
    return ingest_flow.with_options(task_runner=runner)(  # type: ignore[no-any-return]
        list(sources), **params)
