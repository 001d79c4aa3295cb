"""Scoring exactly as ANNOTATION.md says, and the gold files that reference ../shared.

Gold files hold references, never shared text: each line names a shared file
(``source``, relative to the shared folder), a character range of it and the
sha256 of that passage; entity and claim offsets are relative to the passage.
For a PDF or DOCX the range is into the text RiskAtlas reads from it (the
``text`` of its Document), not into the file's bytes; a range of a CSV file (the
sha256 is of the file's characters) reads its cell's doubled quotes as one.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline.errors import NotFound

LABELS = ["NATION", "ALLIANCE", "SUPPLIER", "MATERIAL"]
READER_TEXT = {".pdf", ".docx"}  # referenced by the text RiskAtlas reads, not by bytes


@functools.lru_cache(maxsize=16)
def _reader_text(path: Path) -> str:
    from pipeline.ingest import read_source

    doc = read_source(str(path))
    if not doc.text:
        raise ValueError(f"{path} gave no text ({doc.reason}); check that RiskAtlas reads it")
    return doc.text


def resolve_passage(shared: Path, source: str, start: int, end: int, digest: str | None) -> str:
    path = shared / source
    if not path.exists():
        raise NotFound(
            f"{path} is missing: gold passages reference the shared corpus; set RISKATLAS_SHARED "
            "to the folder that holds corpora/real"
        )
    if path.suffix.lower() in READER_TEXT:
        text = _reader_text(path)[start:end]
    else:
        with open(path, encoding="utf-8", newline="") as fh:
            text = fh.read()[start:end]
    if digest and hashlib.sha256(text.encode("utf-8")).hexdigest() != digest:
        raise ValueError(f"{source}[{start}:{end}] changed since it was annotated (sha256 differs)")
    if path.suffix.lower() == ".csv":  # a range inside one cell: its quotes are doubled
        text = text.replace('""', '"')
    return text


def load_gold(path: Path, shared: Path) -> list[dict[str, Any]]:
    """Gold documents ``{"id", "text", "entities", "claims"}`` from a reference file.

    Lines that already carry ``text`` (ANNOTATION.md's own format) are used as is. Two
    passages of one source may not overlap: the text they share would be scored twice.
    """
    out = []
    ranges: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if "text" not in row:
            try:
                row["text"] = resolve_passage(shared, row["source"], row["start"], row["end"],
                                              row.get("sha256"))
            except KeyError as exc:
                raise ValueError(f"{path}:{n} has neither text nor source/start/end") from exc
            for start, end, m in ranges[row["source"]]:
                if row["start"] < end and start < row["end"]:
                    raise ValueError(
                        f"{path}:{n} overlaps line {m} ({row['source']}[{start}:{end}]): the "
                        "shared text would be scored twice; merge the two passages into one"
                    )
            ranges[row["source"]].append((row["start"], row["end"], n))
        row.setdefault("id", f"{path.name}:{n}")
        row.setdefault("entities", [])
        row.setdefault("claims", [])
        out.append(row)
    return out


def load_annotations(path: Path, gold_docs: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Another annotator's labels of the gold passages, in gold order, to score like a system.

    ``path`` holds one line per gold passage, ``{"id", "claims", "entities"}`` with offsets
    relative to the passage, as in the gold file; a passage with nothing in it still needs
    its line, so that a missing line is an error rather than "found nothing".
    """
    rows: dict[str, dict[str, Any]] = {}
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            row = json.loads(line)
            if "id" not in row:
                raise ValueError(f"{path}:{n} has no id; each line names the passage it labels")
            rows[str(row["id"])] = row
    missing = [str(g["id"]) for g in gold_docs if str(g["id"]) not in rows]
    if missing:
        raise ValueError(f"{path} has no line for {len(missing)} gold passage(s), e.g. "
                         f"{missing[0]!r}; give one line per passage (empty lists are fine)")
    return [{"entities": rows[str(g["id"])].get("entities", []),
             "claims": rows[str(g["id"])].get("claims", [])} for g in gold_docs]


def _overlap_ok(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Spans overlap by at least half of the longer one."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    longer = max(a[1] - a[0], b[1] - b[0])
    return inter > 0 and inter * 2 >= longer


def _match(gold: list[dict[str, Any]], pred: list[dict[str, Any]], same_label: bool
           ) -> list[tuple[int, int]]:
    """Greedy one-to-one matches (gold index, pred index), best overlap first."""
    cands = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if same_label and g["label"] != p["label"]:
                continue
            if _overlap_ok((g["start"], g["end"]), (p["start"], p["end"])):
                inter = min(g["end"], p["end"]) - max(g["start"], p["start"])
                cands.append((-inter, i, j))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, i, j in sorted(cands):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp": tp, "pred": n_pred, "gold": n_gold}


def score(gold_docs: Sequence[dict[str, Any]], pred_docs: Sequence[dict[str, Any]]
          ) -> dict[str, Any]:
    """Entity P/R/F1 per label and micro, normalization accuracy, claim scores."""
    tp: dict[str, int] = defaultdict(int)
    npred: dict[str, int] = defaultdict(int)
    ngold: dict[str, int] = defaultdict(int)
    norm_ok = norm_n = 0
    ctp = cpred = cgold = cat_ok = mod_ok = 0
    for g, p in zip(gold_docs, pred_docs, strict=True):
        ge, pe = g["entities"], p.get("entities", [])
        for e in ge:
            ngold[e["label"]] += 1
        for e in pe:
            npred[e["label"]] += 1
        for i, j in _match(ge, pe, same_label=True):
            tp[ge[i]["label"]] += 1
            norm_n += 1
            norm_ok += ge[i].get("norm") == pe[j].get("norm")
        gc, pc = g.get("claims", []), p.get("claims", [])
        cgold += len(gc)
        cpred += len(pc)
        for i, j in _match(gc, pc, same_label=False):
            ctp += 1
            cat_ok += gc[i]["category"] == pc[j]["category"]
            mod_ok += gc[i]["modality"] == pc[j]["modality"]
    per_label = {lab: _prf(tp[lab], npred[lab], ngold[lab]) for lab in LABELS}
    micro = _prf(sum(tp.values()), sum(npred.values()), sum(ngold.values()))
    return {
        "entities": {"per_label": per_label, "micro": micro,
                     "normalization_accuracy": round(norm_ok / norm_n, 4) if norm_n else 0.0},
        "claims": {**_prf(ctp, cpred, cgold),
                   "category_accuracy": round(cat_ok / ctp, 4) if ctp else 0.0,
                   "modality_accuracy": round(mod_ok / ctp, 4) if ctp else 0.0},
        "documents": len(gold_docs),
    }


def baseline_predictions(texts: Sequence[str], nlp: Any) -> list[dict[str, Any]]:
    """The plain baseline: en_core_web_sm GPE -> NATION, ORG -> SUPPLIER, keyword claims."""
    from extractors.analyze import collapse_whitespace, sentences
    from extractors.claims import KeywordBaseline

    rule = KeywordBaseline()
    out = []
    for text, doc in zip(texts, nlp.pipe(texts), strict=True):
        ents = [{"start": e.start_char, "end": e.end_char,
                 "label": {"GPE": "NATION", "ORG": "SUPPLIER"}[e.label_], "norm": e.text}
                for e in doc.ents if e.label_ in ("GPE", "ORG")]
        flat, index = collapse_whitespace(text)
        spans = [(a, b) for a, b in sentences(nlp(flat), 0, index)
                 if len(text[a:b].split()) >= 6]
        preds = rule.predict([text[a:b] for a, b in spans])
        claims = [{"start": a, "end": b, "category": p.category, "modality": p.modality}
                  for (a, b), p in zip(spans, preds, strict=True) if p.is_claim]
        out.append({"entities": ents, "claims": claims})
    return out
