"""Every CLI command has help and appears in the README; JSON output is clean."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from pipeline.cli import app

runner = CliRunner()


def _commands(cmd: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = []
    if getattr(cmd, "commands", None):
        for name, sub in cmd.commands.items():
            out.extend(_commands(sub, (*prefix, name)))
    else:
        out.append(prefix)
    return out


COMMANDS = _commands(get_command(app))


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output
    cmd = get_command(app)
    for name in path:
        cmd = cmd.commands[name]  # type: ignore[attr-defined]
    assert cmd.help, f"riskatlas {' '.join(path)} has no help text"


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_every_command_is_in_the_readme(path: tuple[str, ...], root: Path) -> None:
    readme = (root / "README.md").read_text()
    assert f"riskatlas {' '.join(path)}" in readme


def test_schema_is_json() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert "Document" in json.loads(result.stdout)["$defs"]


def test_stats_json_on_empty_store(tmp_path: Path) -> None:
    result = runner.invoke(app, ["stats", "--db", str(tmp_path / "e.db"), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["documents_by_status"] == {}


def test_extract_missing_file_names_it() -> None:
    result = runner.invoke(app, ["extract", "no/such/file.pdf", "--json"])
    assert result.exit_code == 1
    assert "no/such/file.pdf does not exist" in result.stderr


def test_extract_bad_file_exits_2_with_reason(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf at all")
    result = runner.invoke(app, ["extract", str(bad)])
    assert result.exit_code == 2
    assert "bad.pdf is named .pdf but is not a PDF" in result.stderr


def test_query_formats_jsonl_and_csv(tmp_path: Path) -> None:
    import csv
    import io

    from pipeline.ingest import sha256
    from pipeline.models import Document, Mention
    from pipeline.store import Store

    db = str(tmp_path / "f.db")
    text = "China restricts gallium exports."
    Store(db).upsert_document(Document(
        id=sha256(text), source="a.txt", text=text, title="A",
        entities=[Mention(start=0, end=5, text="China", label="NATION", norm="CHN",
                          confidence=0.9, component="gazetteer:name")]))
    r = runner.invoke(app, ["query", "entities", "--db", db, "--format", "jsonl"])
    assert r.exit_code == 0 and json.loads(r.stdout.splitlines()[0])["norm"] == "CHN"
    r = runner.invoke(app, ["query", "documents", "--db", db, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert r.exit_code == 0 and rows[0]["source"] == "a.txt"
    r = runner.invoke(app, ["query", "claims", "--db", db, "--format", "xml"])
    assert r.exit_code == 1 and "--format must be json, jsonl or csv" in r.stderr


def test_stage_spinner_shows_info_lines_and_restores_the_loggers() -> None:
    """`train claims` shows its fold and epoch lines (INFO) as a spinner on stderr;
    afterwards the loggers are as they were (no INFO reaches the root handlers)."""
    import logging

    from pipeline.cli import _stages

    lg = logging.getLogger("riskatlas.test.stages")
    lg.setLevel(logging.WARNING)
    seen: list[str] = []

    class Grab(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record.getMessage())

    root = logging.getLogger()
    grab = Grab()
    root.addHandler(grab)
    try:
        with _stages(True, lg.name):
            lg.info("cross-validation fold 1/5")
            assert lg.level == logging.INFO and not lg.propagate
        assert lg.level == logging.WARNING and lg.propagate
        assert seen == []  # shown on the spinner, not passed to the root logger
    finally:
        root.removeHandler(grab)


@pytest.fixture
def claims_model_env(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Set RISKATLAS_CLAIMS_MODEL for the CLI (settings are read once, so re-read them)."""
    from pipeline.settings import get_settings

    def use(path: Path) -> None:
        monkeypatch.setenv("RISKATLAS_CLAIMS_MODEL", str(path))
        get_settings.cache_clear()

    yield use
    monkeypatch.delenv("RISKATLAS_CLAIMS_MODEL", raising=False)
    get_settings.cache_clear()


def test_a_missing_claims_model_is_named_with_the_way_out(tmp_path: Path,
                                                          claims_model_env: Any) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("Italy depends on China for its gallium.")
    claims_model_env(tmp_path / "nope.joblib")
    for args in (["extract", str(doc)], ["ingest", str(doc), "--db", str(tmp_path / "x.db")],
                 ["serve", "--db", str(tmp_path / "x.db")]):
        r = runner.invoke(app, args)
        assert r.exit_code == 1, r.output
        assert f"no claim model at {tmp_path / 'nope.joblib'}" in " ".join(r.stderr.split())
        assert "train claims --out" in " ".join(r.stderr.split())
    assert not (tmp_path / "x.db").exists()
    assert runner.invoke(app, ["extract", str(doc), "--baseline", "--json"]).exit_code == 0


def test_train_claims_out_writes_a_model_that_extraction_then_loads(
        tmp_path: Path, claims_model_env: Any) -> None:
    """An analyst's own model (say, retrained on editors' decisions) lives beside the
    shipped one: `train claims --out`, then RISKATLAS_CLAIMS_MODEL points at it."""
    from pipeline.review import claim_model_info

    data = tmp_path / "claims"
    data.mkdir()
    rows = [{"text": f"{w} depends on a single supplier in {c} for its {m}.",
             "category": "dependency", "modality": "asserted"}
            for w in ("Italy", "Spain", "Norway", "Japan") for c, m in (("China", "gallium"),
                                                                       ("Chile", "lithium"))]
    rows += [{"text": f"{c} could restrict exports of {m} to {w}.",
              "category": "trade_restriction", "modality": "hedged"}
             for w in ("Italy", "Spain", "Norway", "Japan") for c, m in (("China", "gallium"),
                                                                        ("Chile", "lithium"))]
    rows += [{"text": f"The {w} meeting of the committee was held in {m}.", "category": "none"}
             for w in ("annual", "spring", "board", "final") for m in ("May", "June")]
    (data / "a.jsonl").write_text("\n".join(json.dumps(x) for x in rows))
    model = tmp_path / "mine" / "claims.joblib"
    r = runner.invoke(app, ["train", "claims", "--data", str(data), "--finetune-epochs", "0",
                            "--out", str(model), "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["model"] == str(model) and model.is_file()
    claims_model_env(model)
    assert claim_model_info()["n_examples"] == 24  # the review page shows the model in use
    doc = tmp_path / "b.txt"
    doc.write_text("Portugal depends on a single supplier in China for its gallium.")
    r = runner.invoke(app, ["extract", str(doc), "--json"])
    assert r.exit_code == 0, r.output
    assert [c["category"] for c in json.loads(r.stdout)["claims"]] == ["dependency"]
