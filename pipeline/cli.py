"""The ``riskatlas`` command line. ``--json`` prints machine output to stdout alone;
progress bars and messages go to stderr; ``--quiet`` hides them."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from pipeline.settings import CLAIMS_DIR, GOLD_DEV, SHARED_DIR, get_settings

app = typer.Typer(
    help="RiskAtlas: entities, risk claims and themes from defense and supply-chain documents.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)
query_app = typer.Typer(help="Query the index: documents, entities, claims, themes, graph.",
                        no_args_is_help=True)
themes_app = typer.Typer(help="Build, update and evaluate themes.", no_args_is_help=True)
train_app = typer.Typer(help="Train the models that ship with RiskAtlas.", no_args_is_help=True)
app.add_typer(query_app, name="query")
app.add_typer(themes_app, name="themes")
app.add_typer(train_app, name="train")
token_app = typer.Typer(help="Make, list and revoke API tokens.", no_args_is_help=True)
app.add_typer(token_app, name="token")

err = Console(stderr=True)
out = Console()

DbOpt = Annotated[str | None, typer.Option(
    "--db", help="SQLAlchemy URL or SQLite file (default: $RISKATLAS_DB or riskatlas.db).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON to stdout, nothing else.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars or messages.")]
LimitOpt = Annotated[int, typer.Option("--limit", help="At most this many results.")]


def _db(db: str | None) -> str:
    return db or get_settings().db


def _store(db: str | None) -> Any:
    from pipeline.errors import StoreError
    from pipeline.store import Store

    try:
        return Store(_db(db))
    except StoreError as exc:
        _fail(str(exc))


def _claims_model() -> Path:
    """The claim model extraction will load; a clear error where it is missing."""
    path = get_settings().claims_model
    if not path.is_file():
        _fail(f"no claim model at {path}: set RISKATLAS_CLAIMS_MODEL to a model written by "
              "`riskatlas train claims --out PATH`, or unset it to use the shipped one")
    return path


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)


def _emit(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


FormatOpt = Annotated[str | None, typer.Option(
    "--format", help="json, jsonl (one record a line, streamed) or csv (flat columns).")]


def _emit_rows(rows: list[dict[str, Any]], fmt: str) -> None:
    """Machine output of a list: a JSON array, JSON Lines or CSV (nested values as JSON)."""
    if fmt == "json":
        _emit(rows)
    elif fmt == "jsonl":
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        import csv

        cols = list(dict.fromkeys(k for r in rows for k in r))
        w = csv.DictWriter(sys.stdout, fieldnames=cols, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: json.dumps(v, default=str) if isinstance(v, dict | list) else v
                        for k, v in r.items()})
    else:
        _fail(f"--format must be json, jsonl or csv, not {fmt!r}")


def _logging(quiet: bool) -> None:
    logging.basicConfig(level=logging.ERROR if quiet else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


@contextlib.contextmanager
def _stages(show: bool, *names: str) -> Iterator[None]:
    """A spinner on stderr whose line is the latest INFO message of these loggers."""
    from rich.progress import Progress, SpinnerColumn, TimeElapsedColumn

    progress = Progress(SpinnerColumn(), "{task.description}", TimeElapsedColumn(),
                        console=err, disable=not show, transient=True)
    task = progress.add_task("starting", total=None)

    class _ToProgress(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            progress.update(task, description=record.getMessage())

    handler = _ToProgress(logging.INFO)
    loggers = [logging.getLogger(n) for n in names]
    saved = [(lg.level, lg.propagate) for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.INFO)
        lg.propagate = False
        lg.addHandler(handler)
    try:
        with progress:
            yield
    finally:
        for lg, (level, propagate) in zip(loggers, saved, strict=True):
            lg.removeHandler(handler)
            lg.setLevel(level)
            lg.propagate = propagate


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, folders or http(s) URLs.")],
    db: DbOpt = None,
    batch_size: Annotated[int, typer.Option(help="Documents per task.")] = 16,
    retry_failed: Annotated[bool, typer.Option(help="Retry only sources that failed.")] = False,
    prune: Annotated[bool, typer.Option(help="Remove documents whose source is gone.")] = False,
    password: Annotated[str | None, typer.Option(help="Password for encrypted PDFs.")] = None,
    task_runner: Annotated[str, typer.Option(
        help="sequential (this process), threads (extract and embed side by side in "
             "threads) or dask (extract and embed on a Dask cluster).")]
    = "sequential",
    dask_address: Annotated[str | None, typer.Option(
        help="Scheduler of an existing Dask cluster, e.g. tcp://HOST:8786 (default: a local "
             "cluster of $RISKATLAS_DASK_WORKERS workers).")] = None,
    as_json: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Ingest documents into the index with the Prefect flow, then print what was found.

    Example: riskatlas ingest corpora/sample --task-runner dask
    """
    _logging(quiet)
    import flows.ingest as fl

    _claims_model()
    if task_runner not in fl.TASK_RUNNERS:
        _fail(f"--task-runner must be one of {', '.join(fl.TASK_RUNNERS)}, not {task_runner!r}")
    if dask_address and task_runner != "dask":
        _fail("--dask-address needs --task-runner dask")
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    show = not quiet and not as_json
    progress = Progress("[progress.description]{task.description}", BarColumn(),
                        MofNCompleteColumn(), TimeElapsedColumn(), console=err,
                        disable=not show, transient=True)
    with progress:
        bar = progress.add_task("ingesting", total=None)
        fl.PROGRESS = lambda done, total: progress.update(bar, completed=done, total=total)
        report = fl.run_ingest(list(sources), task_runner=task_runner,
                               dask_address=dask_address, db=_db(db), batch_size=batch_size,
                               retry_failed=retry_failed, prune=prune, password=password)
    if as_json:
        _emit(json.loads(report.model_dump_json()))
        return
    if quiet:
        return
    _print_run(report)
    _print_summary(_store(db))
    err.print("\n[bold]Try next:[/]")
    err.print("  analysts:    riskatlas query claims --material gallium --json")
    err.print("               riskatlas query entities --label SUPPLIER")
    err.print("  researchers: riskatlas ingest ~/papers https://example.org/brief.html"
              "   (then `riskatlas schedule add --help`)")
    err.print("  editors:     riskatlas token create --role editor && riskatlas serve"
              "   (then open http://127.0.0.1:8000/review)")


def _print_run(report: Any) -> None:
    parts = [f"{report.new} new", f"{report.changed} changed", f"{report.unchanged} unchanged",
             f"{report.duplicates} duplicates", f"{report.failed} failed"]
    err.print(f"[bold]Run {report.id}:[/] " + ", ".join(parts))
    if report.unchanged and not (report.new or report.changed):
        err.print("  nothing changed since the last run: no extraction work was done")
    for f in report.failures:
        err.print(f"  [yellow]{f.status}[/] {f.reason}")
    if report.seconds:
        err.print("  seconds per stage: " + ", ".join(f"{k} {v:.1f}" for k, v in
                                                     report.seconds.items()))


def _print_summary(store: Any) -> None:
    c = store.counts()
    t = Table(title="Documents", show_header=True)
    t.add_column("type")
    t.add_column("count", justify="right")
    for k, v in sorted(c["documents_by_type"].items()):
        t.add_row(str(k), str(v))
    err.print(t)
    for label in ("NATION", "ALLIANCE", "SUPPLIER", "MATERIAL"):
        ents = store.entities(label=label, limit=5)
        err.print(f"[bold]{label}[/] ({c['mentions_by_label'].get(label, 0)} mentions): "
                  + ", ".join(f"{e.norm} ({e.count})" for e in ents))
    err.print("[bold]Risk claims:[/] " + ", ".join(
        f"{k} {v}" for k, v in sorted(c["claims_by_category"].items(), key=lambda kv: -kv[1])))
    for th in store.themes():
        if th.level == 1:
            err.print(f"[bold]Theme {th.id}[/] ({th.size} docs): {', '.join(th.keywords[:6])}")


@app.command()
def extract(
    file: Annotated[str, typer.Argument(help="A PDF, HTML, DOCX, Markdown or text file, or URL.")],
    as_json: JsonOpt = False,
    baseline: Annotated[bool, typer.Option(help="Use the plain keyword rule for claims.")] = False,
    password: Annotated[str | None, typer.Option(help="Password for an encrypted PDF.")] = None,
    quiet: QuietOpt = False,
) -> None:
    """Read one file without any store and print its entities and claims (ANNOTATION.md JSON).

    Example: riskatlas extract report.pdf --json
    """
    _logging(quiet)
    from extractors.analyze import Extractor
    from pipeline.ingest import read_source

    s = get_settings()
    if not (file.startswith(("http://", "https://")) or Path(file).exists()):
        _fail(f"{file} does not exist; check the path")
    doc = read_source(file, password=password, max_pages=s.max_pdf_pages)
    if doc.status != "indexed":
        if as_json:
            _emit(json.loads(doc.model_dump_json()))
        _fail(doc.reason or f"{file} could not be read", code=2)
    Extractor(s.spacy_model, s.gazetteer_dir, baseline_claims=baseline,
              claim_model=None if baseline else _claims_model()).analyze([doc])
    if as_json:
        _emit(annotation_json(doc))
        return
    out.print(f"[bold]{doc.title}[/] ({doc.doc_type}, {len(doc.pages)} pages)")
    for e in doc.entity_counts[:30]:
        out.print(f"  {e.label:9s} {e.norm:30s} {e.count}")
    for k in doc.claims:
        out.print(f"  [yellow]{k.category}[/] ({k.modality}, p.{k.page}): {k.text[:160]}")


def annotation_json(doc: Any) -> dict[str, Any]:
    """The ANNOTATION.md object for a document, with its metadata."""
    d = json.loads(doc.model_dump_json())
    keep = ("id", "source", "title", "published", "doc_type", "publisher", "language", "text",
            "pages", "sections", "tables", "entities", "entity_counts", "claims", "dropped")
    return {k: d[k] for k in keep}


@query_app.command("documents")
def query_documents(
    db: DbOpt = None,
    status: Annotated[str | None, typer.Option(help="indexed, duplicate, failed, needs_ocr, "
                                                    "non_english, unsupported")] = None,
    doc_type: Annotated[str | None, typer.Option(help="paper, agreement, article, other")] = None,
    theme: Annotated[int | None, typer.Option(help="Theme id.")] = None,
    limit: LimitOpt = 100,
    as_json: JsonOpt = False,
    fmt: FormatOpt = None,
) -> None:
    """List documents. Example: riskatlas query documents --status failed"""
    docs = _store(db).list_documents(status=status, doc_type=doc_type, theme=theme, limit=limit)
    if as_json or fmt:
        _emit_rows([json.loads(d.model_dump_json(exclude={"text", "entities", "claims",
                                                           "entity_counts"})) for d in docs],
                   fmt or "json")
        return
    t = Table("id", "status", "type", "title / reason", "source")
    for d in docs:
        t.add_row(d.id[:12], str(d.status), str(d.doc_type),
                  (d.reason if d.status != "indexed" else d.title) or "", d.source)
    out.print(t)


@query_app.command("entities")
def query_entities(
    db: DbOpt = None,
    label: Annotated[str | None, typer.Option(help="NATION, ALLIANCE, SUPPLIER, MATERIAL")] = None,
    norm: Annotated[str | None, typer.Option(help="An exact norm, e.g. CHN or gallium.")] = None,
    nation: Annotated[str | None, typer.Option(help="Only documents naming this nation.")] = None,
    doc_type: Annotated[str | None, typer.Option(help="paper, agreement, article, other")] = None,
    limit: LimitOpt = 50,
    as_json: JsonOpt = False,
    fmt: FormatOpt = None,
) -> None:
    """Entities aggregated by norm. Example: riskatlas query entities --label MATERIAL --json"""
    ents = _store(db).entities(label=label, norm=norm, nation=nation, doc_type=doc_type,
                               limit=limit)
    if as_json or fmt:
        _emit_rows([e.model_dump(exclude_none=True) for e in ents], fmt or "json")
        return
    t = Table("label", "norm", "mentions", "documents")
    for e in ents:
        t.add_row(str(e.label), e.norm, str(e.count), str(e.documents))
    out.print(t)


@query_app.command("claims")
def query_claims(
    db: DbOpt = None,
    category: Annotated[str | None, typer.Option(help="dependency, trade_restriction, ...")] = None,
    modality: Annotated[str | None, typer.Option(help="asserted or hedged")] = None,
    material: Annotated[str | None, typer.Option(help="About this material norm.")] = None,
    nation: Annotated[str | None, typer.Option(help="About this nation (alpha-3).")] = None,
    supplier: Annotated[str | None, typer.Option(help="About this supplier norm.")] = None,
    limit: LimitOpt = 100,
    as_json: JsonOpt = False,
    fmt: FormatOpt = None,
) -> None:
    """Risk claims with provenance. Example: riskatlas query claims --material gallium --json"""
    from pipeline.graph import focus_of

    norm, label = focus_of(material, nation, supplier)
    rows = _store(db).claims(category=category, modality=modality, norm=norm, label=label,
                             limit=limit)
    if as_json or fmt:
        _emit_rows([{"document_id": d, "source": s, **k.model_dump()} for d, s, k in rows],
                   fmt or "json")
        return
    for _d, s, k in rows:
        out.print(f"[yellow]{k.category}[/] {k.modality} {k.confidence:.2f}  "
                  f"{Path(s).name} p.{k.page} [{k.start}:{k.end}]\n  {k.text[:200]}")


@query_app.command("themes")
def query_themes(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Themes and sub-themes with keywords. Example: riskatlas query themes --json"""
    ths = _store(db).themes()
    if as_json:
        _emit([t.model_dump() for t in ths])
        return
    for t in ths:
        indent = "  " if t.level == 2 else ""
        out.print(f"{indent}[bold]{t.id}[/] {t.name} ({t.size}): {', '.join(t.keywords)}")


@query_app.command("graph")
def query_graph(
    db: DbOpt = None,
    material: Annotated[str | None, typer.Option(help="Around this material norm.")] = None,
    nation: Annotated[str | None, typer.Option(help="Around this nation (alpha-3).")] = None,
    supplier: Annotated[str | None, typer.Option(help="Around this supplier norm.")] = None,
    graphml: Annotated[Path | None, typer.Option(help="Also write GraphML here.")] = None,
    png: Annotated[Path | None, typer.Option(help="Also draw the graph to this PNG.")] = None,
    limit: LimitOpt = 5000,
    as_json: JsonOpt = False,
) -> None:
    """The supply-dependency graph built from risk claims, with claims as evidence.

    Example: riskatlas query graph --material gallium --json
    """
    from pipeline import graph as G

    g = G.graph_around(_store(db), material, nation, supplier, limit)
    focus, _ = G.focus_of(material, nation, supplier)
    if graphml:
        G.write_graphml(g, graphml)
    if png:
        G.draw(g, png, title=f"Supply-dependency graph: {focus or 'all claims'}", focus=focus)
    if as_json:
        _emit(G.to_json(g))
        return
    for a, b, d in g.edges(data=True):
        mats = f" [{', '.join(d['materials'])}]" if d["materials"] else ""
        out.print(f"{a} --{d['relation']}--> {b}{mats}  ({d['weight']} claims)")
    if not g.number_of_edges():
        out.print("no claims with roles match; try another --material or --nation")


@app.command("export")
def export_index(
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write.")],
    fmt: Annotated[str, typer.Option("--format", help="json, jsonl or gold (ANNOTATION.md "
                                                      "JSONL: id, text, entities, claims)")]
    = "jsonl",
    reviewed: Annotated[bool, typer.Option(
        "--reviewed", help="Gold of the documents editors marked reviewed, with their "
                           "decisions (with --format gold).")] = False,
    db: DbOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Write the structured corpus index (themes, documents, entities), streamed.

    Example: riskatlas export --format jsonl -o index.jsonl
    Example: riskatlas export --reviewed --format gold -o reviewed.jsonl
    """
    from pipeline.export import write_gold, write_index

    if fmt not in ("json", "jsonl", "gold"):
        _fail(f"--format must be json, jsonl or gold, not {fmt!r}")
    if reviewed and fmt != "gold":
        _fail("--reviewed writes the editors' decisions as gold JSONL; add --format gold")
    if fmt == "gold":
        n = write_gold(_store(db), output, reviewed=reviewed)
    else:
        n = write_index(_store(db), output, fmt)
    if not quiet:
        err.print(f"wrote {n} records to {output}")


@app.command()
def stats(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Counts of documents, mentions, claims and themes. Example: riskatlas stats --json"""
    store = _store(db)
    if as_json:
        data = store.counts()
        data["themes"] = [t.model_dump() for t in store.themes()]
        data["runs"] = [json.loads(r.model_dump_json()) for r in store.runs(limit=1)]
        _emit(data)
        return
    _print_summary(store)


@app.command()
def schema() -> None:
    """Print the JSON Schema of every RiskAtlas record. Example: riskatlas schema > schema.json"""
    from pipeline.models import json_schema

    _emit(json_schema())


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL (ANNOTATION.md format or references).")]
    = GOLD_DEV,
    annotator: Annotated[list[Path] | None, typer.Option(
        "--annotator", help="Another annotator's labels of the same passages (one line per "
        "passage id), scored beside RiskAtlas as the human reference. Repeatable.")] = None,
    as_json: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Score RiskAtlas and the plain baseline on a gold file, side by side.

    Example: riskatlas eval tests/gold/dev.jsonl --json
    Human agreement: riskatlas eval --annotator tests/gold/dev_claims_annotator_a.jsonl
    """
    _logging(quiet)
    from extractors.analyze import Extractor
    from pipeline.evaluate import baseline_predictions, load_annotations, load_gold, score
    from pipeline.models import Document

    if not gold.exists():
        _fail(f"{gold} does not exist; give a gold JSONL file")
    for path in annotator or []:
        if not path.is_file():
            _fail(f"{path} does not exist; give a JSONL with one line per gold passage id")
    s = get_settings()
    try:
        gdocs = load_gold(gold, SHARED_DIR)
    except Exception as exc:  # noqa: BLE001 - NotFound or a changed passage: one message
        _fail(str(exc))
    docs = [Document(id=str(g["id"]), source=str(g["id"]), text=g["text"]) for g in gdocs]
    Extractor(s.spacy_model, s.gazetteer_dir, claim_model=_claims_model()).analyze(docs)
    ours = [{"entities": [m.model_dump() for m in d.entities],
             "claims": [k.model_dump() for k in d.claims]} for d in docs]
    import spacy

    base_nlp = spacy.load(s.spacy_model)
    base = baseline_predictions([g["text"] for g in gdocs], base_nlp)
    result = {"gold": str(gold), "riskatlas": score(gdocs, ours), "baseline": score(gdocs, base)}
    for path in annotator or []:
        try:
            result[f"annotator:{path.stem}"] = score(gdocs, load_annotations(path, gdocs))
        except ValueError as exc:  # a bad line or a missing passage: the message names both
            _fail(str(exc))
    if as_json:
        _emit(result)
        return
    _print_scores(result)


def _print_scores(r: dict[str, Any]) -> None:
    t = Table(title=f"Entities ({r['riskatlas']['documents']} documents)")
    for col in ("label", "RiskAtlas P", "R", "F1", "baseline P", "R", "F1", "gold"):
        t.add_column(col, justify="right")
    a, b = r["riskatlas"]["entities"], r["baseline"]["entities"]
    for lab in [*a["per_label"], "micro"]:
        x = a["micro"] if lab == "micro" else a["per_label"][lab]
        y = b["micro"] if lab == "micro" else b["per_label"][lab]
        t.add_row(lab, *(f"{x[k]:.3f}" for k in ("precision", "recall", "f1")),
                  *(f"{y[k]:.3f}" for k in ("precision", "recall", "f1")), str(x["gold"]))
    out.print(t)
    out.print(f"normalization accuracy: RiskAtlas {a['normalization_accuracy']:.3f}, "
              f"baseline {b['normalization_accuracy']:.3f}")
    t = Table(title="Risk claims")
    for col in ("system", "P", "R", "F1", "category acc", "modality acc"):
        t.add_column(col, justify="right")
    for name in ("riskatlas", "baseline", *(k for k in r if k.startswith("annotator:"))):
        c = r[name]["claims"]
        t.add_row(name, *(f"{c[k]:.3f}" for k in ("precision", "recall", "f1",
                                                   "category_accuracy", "modality_accuracy")))
    out.print(t)


@train_app.command("claims")
def train_claims_cmd(
    data: Annotated[Path, typer.Option(help="Folder of labeled *.jsonl.")] = CLAIMS_DIR,
    from_store: Annotated[bool, typer.Option(
        "--from-store", help="Also learn from the editors' claim decisions in the store "
                             "(--db): accepted, corrected and added claims as positives, "
                             "rejected ones as negatives.")] = False,
    finetune_epochs: Annotated[int, typer.Option(
        help="Epochs of MiniLM fine-tuning (LoRA) beside the linear model, in each CV fold "
             "and the final fit: about 90 minutes on 2 cores; 0 trains the linear model "
             "alone in about 5.")] = 4,
    out_path: Annotated[Path | None, typer.Option(
        "--out", metavar="PATH",
        help="Where to write the model (and its .json card). Default: "
             "$RISKATLAS_CLAIMS_MODEL, which extraction loads; else the shipped model.")] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Retrain the claim classifier and save it (5-fold CV figures printed).

    Example: riskatlas train claims --from-store --db riskatlas.db --out ~/models/claims.joblib
    Then: RISKATLAS_CLAIMS_MODEL=~/models/claims.joblib riskatlas ingest ...
    """
    _logging(quiet)
    from pipeline.embed import MiniLMEmbedder
    from pipeline.train import train_claims

    extra = _store(db).claim_review_examples() if from_store else []
    if from_store and not extra:
        _fail(f"no reviewed claims in {_db(db)}; review some at /review (riskatlas serve) "
              "or leave out --from-store")
    try:
        with _stages(not quiet and not as_json, "pipeline.train", "extractors.finetune"):
            report = train_claims(data, SHARED_DIR, MiniLMEmbedder(), extra=extra,
                                  out=out_path or get_settings().claims_model,
                                  finetune_epochs=finetune_epochs)
    except (FileNotFoundError, ValueError) as exc:
        _fail(str(exc))
    if as_json:
        _emit(report)
        return
    out.print_json(json.dumps(report))


@train_app.command("gazetteers")
def train_gazetteers_cmd(
    db: DbOpt = None,
    folder: Annotated[Path, typer.Option(help="The gazetteer folder to write into.")]
    = get_settings().gazetteer_dir,
    as_json: JsonOpt = False,
) -> None:
    """Take editors' entity decisions into the gazetteers (corpora/gazetteers/reviewed.jsonl):
    added and corrected names become aliases of their norm, rejected names are never tagged.

    Example: riskatlas train gazetteers --db riskatlas.db
    """
    from extractors.gazetteer import learn_from_reviews

    examples = _store(db).entity_review_examples()
    if not examples:
        _fail(f"no reviewed entities in {_db(db)}; review some at /review (riskatlas serve)")
    counts = learn_from_reviews(examples, folder)
    if as_json:
        _emit(counts)
        return
    out.print(f"wrote {counts['aliases']} aliases and {counts['rejections']} rejections "
              f"to {folder / 'reviewed.jsonl'}")


@themes_app.command("rebuild")
def themes_rebuild(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Re-cluster all documents, keeping the ids of themes that persist."""
    from pipeline.stages import rebuild_themes_report

    _found, summary = rebuild_themes_report(_store(db))
    if as_json:
        _emit(summary)
        return
    out.print(f"{summary['themes']} themes; kept {summary.get('kept')}, "
              f"born {summary.get('born')}, "
              f"gone {summary.get('gone')}, merged {summary.get('merged')}, "
              f"split {summary.get('split')}; documents keeping their theme: "
              f"{summary.get('documents_keeping_theme')}")


@themes_app.command("update")
def themes_update(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Assign documents without a theme to the nearest existing theme."""
    from pipeline.stages import update_themes

    n = update_themes(_store(db))
    if as_json:
        _emit({"assigned": n})
        return
    out.print(f"assigned {n} documents to existing themes")


# -- HTTP API, tokens and search (issue 7) -------------------------------------
@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Interface to bind; 127.0.0.1 keeps it local.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    workers: Annotated[int, typer.Option(
        min=1, help="Server processes (uvicorn workers), each with its own models and "
                    "caches; about one per core.")] = 1,
    quiet: QuietOpt = False,
) -> None:
    """Serve the HTTP API with uvicorn (OpenAPI at /openapi.json, docs at /docs).

    Example: riskatlas serve --port 8000 --workers 2
    """
    _logging(quiet)
    import uvicorn

    from pipeline.api.app import app_from_settings

    _claims_model()
    store = _store(db)
    if not any(t.revoked_at is None for t in store.list_tokens()):
        err.print("[yellow]no API tokens yet:[/] make one with "
                  "`riskatlas token create --role analyst`")
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"[yellow]binding {host}:[/] others can reach the API; put TLS in front")
    level = "warning" if quiet else "info"
    if workers > 1:  # each worker process builds its app from the environment
        os.environ["RISKATLAS_DB"] = _db(db)
        # workers stopped with the server leave torch's semaphores to multiprocessing's
        # resource tracker, which would warn about them on every shutdown
        os.environ["PYTHONWARNINGS"] = ",".join(filter(None, [
            os.environ.get("PYTHONWARNINGS"),
            "ignore::UserWarning:multiprocessing.resource_tracker"]))
        store.engine.dispose()
        uvicorn.run("pipeline.api.app:app_from_settings", factory=True, workers=workers,
                    host=host, port=port, log_level=level)
        return
    uvicorn.run(app_from_settings(store), host=host, port=port, log_level=level)


@token_app.command("create")
def token_create(
    role: Annotated[str, typer.Option(help="analyst (read), editor (write) or admin "
                                           "(tokens).")] = "analyst",
    name: Annotated[str | None, typer.Option(help="Who or what the token is for.")] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Make an API token and print it once (only its sha256 is stored).

    Example: riskatlas token create --role analyst --name alice
    """
    from pipeline.auth import hash_token, new_token
    from pipeline.models import Role, TokenCreated

    if role not in {r.value for r in Role}:
        _fail(f"--role must be analyst, editor or admin, not {role!r}")
    secret = new_token()
    tok = _store(db).add_token(hash_token(secret), role, name)
    if as_json:
        _emit(json.loads(TokenCreated(**tok.model_dump(), token=secret).model_dump_json()))
        return
    err.print(f"token {tok.id} ({tok.role}{', ' + name if name else ''}); "
              "keep it now, it is not shown again:")
    sys.stdout.write(secret + "\n")


@token_app.command("list")
def token_list(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """List API tokens (never their secrets). Example: riskatlas token list --json"""
    toks = _store(db).list_tokens()
    if as_json:
        _emit([json.loads(t.model_dump_json()) for t in toks])
        return
    t = Table("id", "role", "name", "created", "revoked")
    for k in toks:
        t.add_row(str(k.id), str(k.role), k.name or "", f"{k.created_at:%Y-%m-%d %H:%M}",
                  f"{k.revoked_at:%Y-%m-%d %H:%M}" if k.revoked_at else "")
    out.print(t)


@token_app.command("revoke")
def token_revoke(
    token_id: Annotated[int, typer.Argument(help="The id from `riskatlas token list`.")],
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Revoke an API token; it stops working at once. Example: riskatlas token revoke 3"""
    from pipeline.errors import NotFound

    try:
        tok = _store(db).revoke_token(token_id)
    except NotFound as exc:
        _fail(str(exc))
    if as_json:
        _emit(json.loads(tok.model_dump_json()))
        return
    err.print(f"token {tok.id} revoked")


@app.command("search")
def search_cmd(
    query: Annotated[str, typer.Argument(help="Free text, e.g. \"gallium export controls\".")],
    mode: Annotated[str, typer.Option(help="keyword, semantic or hybrid.")] = "hybrid",
    limit: LimitOpt = 20,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Search documents by keyword (FTS5), meaning (MiniLM) or both (rank fusion).

    Example: riskatlas search "gallium export controls" --mode hybrid --json
    """
    _logging(quiet)
    from pipeline.errors import EmbedderMismatch, InvalidQuery
    from pipeline.search import Searcher, SearchMode

    if mode not in {m.value for m in SearchMode}:
        _fail(f"--mode must be keyword, semantic or hybrid, not {mode!r}")
    try:
        hits, _ = Searcher(_store(db)).search(query, mode, limit=max(1, min(limit, 1000)))
    except (InvalidQuery, EmbedderMismatch) as exc:
        _fail(str(exc))
    if as_json:
        _emit([json.loads(h.model_dump_json()) for h in hits])
        return
    if not hits:
        err.print("no documents match; try other words or --mode semantic")
    from rich.markup import escape

    for h in hits:
        out.print(f"[bold]{h.score:.4f}[/] {escape(h.title or Path(h.source).name)}  "
                  f"({h.doc_type}, {h.published or 'undated'})  {escape(h.source)}\n  "
                  f"{escape(' '.join(h.snippet.split())[:200])}")


@themes_app.command("map")
def themes_map(
    output: Annotated[Path, typer.Option("-o", "--output", help="A .png or .html file.")],
    db: DbOpt = None,
) -> None:
    """Draw the theme map: documents in a 2-D projection, coloured and named by theme.

    Example: riskatlas themes map -o themes.png
    """
    from pipeline.themes import draw_map, project_2d

    store = _store(db)
    ids, X, _ = store.document_vectors()
    if not ids:
        _fail("no embedded documents in the index; run `riskatlas ingest` first")
    theme_of = {d.id: d.theme_id for d in store.list_documents(status="indexed", limit=10**9)}
    names = {t.id: t.name for t in store.themes() if t.level == 1}
    draw_map(project_2d(X), [theme_of.get(i) for i in ids], names, str(output),
             title=f"RiskAtlas themes ({len(ids)} documents)")
    err.print(f"wrote {output}")


@themes_app.command("timeline")
def themes_timeline(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Documents per theme per month (by published date).

    Example: riskatlas themes timeline --json
    """
    from collections import Counter

    store = _store(db)
    counts: Counter[tuple[int | None, str]] = Counter()
    for d in store.list_documents(status="indexed", limit=10**9):
        if d.published:
            counts[(d.theme_id, d.published.strftime("%Y-%m"))] += 1
    rows = [{"theme_id": t, "month": m, "documents": n} for (t, m), n in sorted(
        counts.items(), key=lambda kv: (kv[0][1], kv[0][0] or -1))]
    if as_json:
        _emit(rows)
        return
    for r in rows:
        out.print(f"{r['month']}  theme {r['theme_id']}: {r['documents']}")


@themes_app.command("evaluate")
def themes_evaluate(
    labeled: Annotated[Path, typer.Argument(help="A CSV of labeled documents.")],
    text_col: Annotated[str, typer.Option(help="Column holding the text.")] = "text",
    label_col: Annotated[str, typer.Option(help="Column holding the true label.")] = "category",
    stability: Annotated[bool, typer.Option(
        help="Also rebuild after adding 10% more documents and report the share of "
             "documents that keep their theme id.")] = False,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Cluster labeled documents as the pipeline would; print NMI, ARI, themes, unassigned.

    Embeddings are cached in the store (--db), so a second run is fast.
    Example: riskatlas themes evaluate bbc.csv --text-col text --label-col category --stability
    """
    _logging(quiet)
    import csv

    from pipeline.embed import MiniLMEmbedder
    from pipeline.themes import embed_documents, evaluate_labeled

    if not labeled.exists():
        _fail(f"{labeled} does not exist; give a CSV file")
    with open(labeled, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    if not rows or text_col not in rows[0] or label_col not in rows[0]:
        cols = ", ".join(rows[0]) if rows else "none"
        _fail(f"{labeled} needs columns {text_col!r} and {label_col!r} (it has: {cols})")
    texts = [r[text_col] for r in rows]
    labels = [r[label_col] for r in rows]
    store = _store(db)
    with err.status(f"embedding {len(texts)} documents", spinner="dots") if not quiet \
            and not as_json else contextlib.nullcontext():
        X = embed_documents(texts, MiniLMEmbedder(), store.cached_vectors, store.save_vectors)
    result = evaluate_labeled(X, texts, labels)
    st: dict[str, Any] = {}
    if stability:
        from pipeline.stages import rebuild_stability

        st = result["stability"] = rebuild_stability(X, texts)
    if as_json:
        _emit(result)
        return
    out.print(f"NMI {result['nmi']:.3f}  ARI {result['ari']:.3f}  themes {result['themes']} "
              f"(classes {result['classes']})  unassigned {result['unassigned_share']:.1%}")
    if st:
        out.print(f"rebuild after adding {st['documents_added']} documents to "
                  f"{st['documents_before']}: {st['documents_keeping_theme']:.1%} keep their "
                  f"theme id; born {st['born']}, gone {st['gone']}, merged {st['merged']}, "
                  f"split {st['split']}")
    for k, name in dict(result["theme_names"]).items():  # type: ignore[call-overload]
        out.print(f"  theme {k}: {name}")


# -- schedules, worker and runs (issue 9) -------------------------------------------
schedule_app = typer.Typer(help="Sources and feeds ingested on a schedule by `riskatlas worker`.",
                           no_args_is_help=True)
app.add_typer(schedule_app, name="schedule")


@schedule_app.command("add")
def schedule_add(
    name: Annotated[str, typer.Argument(help="A name: letters, digits, '.', '_' and '-'.")],
    source: Annotated[list[str], typer.Option(
        "--source", help="A file, folder or URL (or, with --feed, an RSS/Atom feed); "
                         "repeat for more.")],
    feed: Annotated[bool, typer.Option(
        help="The sources are feeds: ingest their new and changed items.")] = False,
    cron: Annotated[str | None, typer.Option(
        help='When, as cron (UTC), e.g. "0 6 * * *" for 06:00 every day.')] = None,
    interval: Annotated[int | None, typer.Option(help="Or every so many seconds.")] = None,
    paused: Annotated[bool, typer.Option(help="Add it paused.")] = False,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Register sources to ingest on a schedule; `riskatlas worker` runs them.

    Example: riskatlas schedule add defense-news --source https://example.org/feed.xml --feed
    --cron "0 6 * * *"
    """
    from pydantic import ValidationError

    from flows.deploy import cron_error
    from pipeline.errors import AlreadyExists
    from pipeline.models import Schedule

    if (cron is None) == (interval is None):
        _fail("give exactly one of --cron and --interval")
    if cron is not None and (why := cron_error(cron)):
        _fail(why)
    if interval is not None and interval < 1:
        _fail(f"--interval must be a positive number of seconds, not {interval}")
    sources = []
    for src in source:
        if src.startswith(("http://", "https://")):
            sources.append(src)
        elif not Path(src).exists():
            _fail(f"{src} does not exist; check the path (URLs start with http:// or https://)")
        else:
            sources.append(str(Path(src).resolve()))
    try:
        sch = Schedule(name=name, sources=sources, feed=feed, cron=cron, interval=interval,
                       paused=paused)
    except ValidationError:
        _fail(f"{name!r} is not a schedule name; use up to 64 letters, digits, '.', '_' and "
              "'-', starting with a letter or digit")
    try:
        sch = _store(db).add_schedule(sch)
    except AlreadyExists as exc:
        _fail(str(exc))
    if as_json:
        _emit(json.loads(sch.model_dump_json()))
        return
    err.print(f"schedule {sch.name} added; `riskatlas worker` runs it "
              f"({_when(sch)}), `riskatlas schedule run-now {sch.name}` runs it now")


def _when(sch: Any) -> str:
    return f"cron {sch.cron}" if sch.cron else f"every {sch.interval} s"


@schedule_app.command("list")
def schedule_list(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """List the schedules. Example: riskatlas schedule list --json"""
    items = _store(db).schedules()
    if as_json:
        _emit([json.loads(s.model_dump_json()) for s in items])
        return
    t = Table("name", "kind", "when", "state", "sources")
    for s in items:
        t.add_row(s.name, "feed" if s.feed else "sources", _when(s),
                  "paused" if s.paused else "active", "\n".join(s.sources))
    out.print(t)
    if not items:
        err.print("no schedules yet: add one with `riskatlas schedule add`")


def _set_paused(name: str, paused: bool, db: str | None, as_json: bool) -> None:
    from pipeline.errors import NotFound

    try:
        sch = _store(db).set_schedule_paused(name, paused)
    except NotFound as exc:
        _fail(str(exc))
    if as_json:
        _emit(json.loads(sch.model_dump_json()))
        return
    err.print(f"schedule {name} {'paused' if paused else 'resumed'}")


@schedule_app.command("pause")
def schedule_pause(name: Annotated[str, typer.Argument(help="The schedule's name.")],
                   db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Pause a schedule: the worker stops running it. Example: riskatlas schedule pause news"""
    _set_paused(name, True, db, as_json)


@schedule_app.command("resume")
def schedule_resume(name: Annotated[str, typer.Argument(help="The schedule's name.")],
                    db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Resume a paused schedule. Example: riskatlas schedule resume news"""
    _set_paused(name, False, db, as_json)


@schedule_app.command("remove")
def schedule_remove(name: Annotated[str, typer.Argument(help="The schedule's name.")],
                    db: DbOpt = None) -> None:
    """Remove a schedule (what it ingested stays). Example: riskatlas schedule remove news"""
    from pipeline.errors import NotFound

    try:
        _store(db).remove_schedule(name)
    except NotFound as exc:
        _fail(str(exc))
    err.print(f"schedule {name} removed")


@schedule_app.command("run-now")
def schedule_run_now(
    name: Annotated[str, typer.Argument(help="The schedule's name.")],
    db: DbOpt = None,
    as_json: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Run a schedule once, now, in this process (paused or not) and print its report.

    Example: riskatlas schedule run-now news --json
    """
    _logging(quiet)
    from pipeline.errors import NotFound

    try:
        _store(db).get_schedule(name)
    except NotFound as exc:
        _fail(str(exc))
    from flows.deploy import schedule_flow

    report = schedule_flow(name, db=_db(db), run_paused=True)
    if report is None:  # run_paused: never skipped
        _fail(f"schedule {name} did not run")
        return
    if as_json:
        _emit(json.loads(report.model_dump_json()))
        return
    if not quiet:
        _print_run(report)


@app.command()
def worker(
    db: DbOpt = None,
    poll: Annotated[float, typer.Option(
        help="Seconds between looks at the index for added, changed or removed "
             "schedules.")] = 30.0,
    quiet: QuietOpt = False,
) -> None:
    """Serve every schedule as a Prefect deployment and run them when due (until Ctrl-C).

    Needs a Prefect server (`prefect server start`; PREFECT_API_URL set). Example:
    riskatlas worker --db postgresql+psycopg://user@host/riskatlas
    """
    _logging(quiet)
    import asyncio

    from flows.deploy import serve_schedules

    store = _store(db)
    if not os.environ.get("PREFECT_API_URL"):
        err.print("[yellow]PREFECT_API_URL is not set:[/] schedules run only while this "
                  "worker's temporary Prefect server lives; start one with "
                  "`prefect server start` and set PREFECT_API_URL=http://127.0.0.1:4200/api")
    if not quiet:
        names = [s.name for s in store.schedules()]
        err.print(f"serving {len(names)} schedules ({', '.join(names) or 'none yet'}); "
                  f"re-reading them every {poll:g} s; Ctrl-C stops")
    try:
        asyncio.run(serve_schedules(_db(db), poll=poll))
    except KeyboardInterrupt:
        err.print("worker stopped")


@app.command("runs")
def runs_cmd(db: DbOpt = None, limit: LimitOpt = 20, as_json: JsonOpt = False) -> None:
    """Ingestion run reports, newest first: new, changed, unchanged, failed (with reasons),
    seconds per stage. Example: riskatlas runs --limit 5 --json"""
    reports = _store(db).runs(limit=limit)
    if as_json:
        _emit([json.loads(r.model_dump_json()) for r in reports])
        return
    t = Table("run", "started", "schedule", "new", "changed", "unchanged", "dup", "failed",
              "seconds")
    for r in reports:
        t.add_row(r.id, f"{r.started_at:%Y-%m-%d %H:%M}", r.schedule or "", str(r.new),
                  str(r.changed), str(r.unchanged), str(r.duplicates), str(r.failed),
                  f"{sum(r.seconds.values()):.1f}")
    out.print(t)
    for r in reports:
        for f in r.failures:
            err.print(f"  {r.id} [yellow]{f.status}[/] {f.reason}")
    if not reports:
        err.print("no runs yet: `riskatlas ingest PATH` or `riskatlas schedule run-now NAME`")


def main() -> None:  # pragma: no cover
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    app()
