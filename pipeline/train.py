"""Training the claim classifier from the labeled set in ``corpora/claims/``.

The labeled set references sentences of the shared corpus by path, character
range and sha256 (no shared text is copied). ``written_*.jsonl`` files hold
sentences the project wrote to illustrate the annotation guide (``text``, no
``source``); they are only ever trained on, never scored in cross-validation.
Editors' decisions from the store can be added as extra examples.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from extractors.claims import ClaimClassifier, clean_text
from pipeline.evaluate import resolve_passage
from pipeline.settings import CLAIMS_MODEL

log = logging.getLogger(__name__)
WRITTEN = "written:"  # group prefix of sentences the project wrote (trained on, never scored)


def load_claim_examples(folder: Path, shared: Path
                        ) -> tuple[list[str], list[str | None], list[str | None], list[str], str]:
    """(texts, categories, modalities, groups, data sha256) from ``folder/*.jsonl``.

    A row's group is the shared file it comes from (its ``source``), or the record
    inside it (``source#doc``) where one file holds many documents (a CSV of news
    articles), so that cross-validation never puts sentences of one document on
    both sides; rows of a ``written_*.jsonl`` file have the group ``written:<file>``.
    """
    texts: list[str] = []
    cats: list[str | None] = []
    mods: list[str | None] = []
    groups: list[str] = []
    h = hashlib.sha256()
    files = sorted(Path(folder).glob("*.jsonl"))
    if not files:
        raise FileNotFoundError(f"no labeled claim files (*.jsonl) in {folder}")
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            h.update(line.encode())
            text = row.get("text") or resolve_passage(
                shared, row["source"], row["start"], row["end"], row.get("sha256"))
            texts.append(" ".join(text.split()))
            cat = row.get("category")
            cats.append(None if cat in (None, "none") else cat)
            mods.append(row.get("modality"))
            if f.name.startswith("written_"):
                groups.append(f"{WRITTEN}{f.name}")
            else:
                group = row.get("source") or f"{f.name}:{len(texts)}"
                groups.append(f"{group}#{row['doc']}" if row.get("doc") else group)
    return texts, cats, mods, groups, h.hexdigest()


def cross_validate(texts: Sequence[str], cats: Sequence[str | None], mods: Sequence[str | None],
                   embedder: Any, folds: int = 5, seed: int = 0,
                   groups: Sequence[str] | None = None, finetune_epochs: int = 0
                   ) -> dict[str, Any]:
    """k-fold detection F1, category and modality accuracy, and the threshold they choose.

    With ``groups`` (the source document of each sentence) the folds are grouped
    (``StratifiedGroupKFold``): no document has sentences on both sides, as on
    unseen documents. Without, folds are stratified by label only. Written
    sentences (group ``written:...``) join every training side and are never scored.
    """
    from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

    y = np.array([c or "none" for c in cats])
    # the classifier embeds cleaned text (see clean_text): embed each once, up front
    keys = list(dict.fromkeys(clean_text(t) for t in texts))
    vec_cache = dict(zip(keys, embedder.embed(keys), strict=True)) if embedder else {}

    class _Cached:
        name = getattr(embedder, "name", "none")
        dim = getattr(embedder, "dim", 0)

        def embed(self, ts: Sequence[str]) -> np.ndarray:
            return np.stack([vec_cache[t] for t in ts])

    cached = _Cached() if embedder else None
    tp = fp = fn = cat_ok = mod_ok = matched = 0
    oof = np.zeros(len(y))
    group = list(groups) if groups is not None else [""] * len(y)
    written = np.array([g.startswith(WRITTEN) for g in group], dtype=bool)
    scored, always = np.flatnonzero(~written), np.flatnonzero(written)
    grouped = groups is not None and len({group[i] for i in scored}) >= folds
    if grouped:
        splits = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed).split(
            np.zeros(len(scored)), y[scored] != "none", [group[i] for i in scored])
    else:
        splits = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed).split(
            np.zeros(len(scored)), y[scored])
    for k, (tr_s, te_s) in enumerate(splits, 1):
        log.info("cross-validation fold %d/%d", k, folds)
        tr, te = np.concatenate([scored[tr_s], always]), scored[te_s]
        model = ClaimClassifier(embedder=cached, finetune_epochs=finetune_epochs).fit(
            [texts[i] for i in tr], [cats[i] for i in tr], [mods[i] for i in tr])
        preds = model.predict([texts[i] for i in te])
        for i, p in zip(te, preds, strict=True):
            oof[i] = p.probability
            gold = cats[i] is not None
            if p.is_claim and gold:
                tp += 1
                matched += 1
                cat_ok += p.category == cats[i]
                mod_ok += p.modality == (mods[i] or "asserted")
            elif p.is_claim:
                fp += 1
            elif gold:
                fn += 1
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    is_claim = np.array([c is not None for c in cats])[scored]
    oof = oof[scored]
    best_t, best_f = 0.5, 0.0
    for t in np.arange(0.3, 0.91, 0.05):
        pred = oof >= t
        tp_t = int((pred & is_claim).sum())
        denom = int(pred.sum() + is_claim.sum())
        f = 2 * tp_t / denom if denom else 0.0
        if f > best_f + 1e-9:
            best_t, best_f = float(round(t, 2)), float(f)
    return {
        "folds": folds,
        "grouped_by_document": grouped,
        "scored_examples": len(scored),
        "best_threshold": best_t,
        "detection_f1_at_best_threshold": round(best_f, 4),
        "detection_precision": round(prec, 4),
        "detection_recall": round(rec, 4),
        "detection_f1": round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0,
        "category_accuracy": round(cat_ok / matched, 4) if matched else 0.0,
        "modality_accuracy": round(mod_ok / matched, 4) if matched else 0.0,
    }


def train_claims(folder: Path, shared: Path, embedder: Any, out: Path = CLAIMS_MODEL,
                 extra: Sequence[tuple[str, str | None, str | None]] = (), cv: bool = True,
                 finetune_epochs: int = 0) -> dict[str, Any]:
    """Fit on the labeled set (plus ``extra`` examples), save, and report CV figures.

    ``finetune_epochs`` > 0 also fine-tunes MiniLM (see ``extractors.finetune``) in
    every fold and in the final model: about 2 minutes per epoch per 4,000
    sentences on 2 cores."""
    texts, cats, mods, groups, digest = load_claim_examples(folder, shared)
    for i, (t, c, m) in enumerate(extra):
        texts.append(t)
        cats.append(c)
        mods.append(m)
        groups.append(f"review:{i}")
    report: dict[str, Any] = {
        "examples": len(texts),
        "claims": sum(c is not None for c in cats),
        "extra_examples": len(extra),
        "data_sha256": digest,
        "per_category": {c: sum(x == c for x in cats) for c in sorted({x for x in cats if x})},
    }
    if cv:
        report["cross_validation"] = cross_validate(texts, cats, mods, embedder, groups=groups,
                                                    finetune_epochs=finetune_epochs)
    threshold = report.get("cross_validation", {}).get("best_threshold", 0.5)
    log.info("fitting the final model on all %d examples", len(texts))
    model = ClaimClassifier(embedder=embedder, threshold=threshold,
                            finetune_epochs=finetune_epochs).fit(texts, cats, mods)
    model.save(out, data_info={k: v for k, v in report.items() if k != "per_category"})
    report["model"] = str(out)
    return report
