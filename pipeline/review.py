"""Editors' review: the logic between the store's rows and what editors see.

An item's *key* is where the model (or, for an added item, the editor) first put
it: ``(start, end, label)`` for an entity, ``(start, end)`` for a claim, as
character offsets into the document's text. The store keeps the log of
decisions and, per key, the latest one (a :class:`Row`). Here the current
extraction and those rows are merged into :class:`ReviewItem` s, decisions are
checked and turned into rows, and reviewed documents become gold records in the
format of ANNOTATION.md.

Re-extraction replaces the model's mentions and claims but never the rows, so
human decisions survive; an item is *flagged* where the model's output at its
key changed since the decision and now disagrees with it (e.g. an accepted
entity the new model no longer finds, or a correction it contradicts).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pipeline.errors import InvalidDecision
from pipeline.models import (
    DecisionInput,
    Document,
    ItemStatus,
    ReviewAction,
    ReviewItem,
    ReviewTarget,
)

Key = tuple[str, int, int, str]  # (target, start, end, label or "")
Model = dict[Key, tuple[dict[str, Any], float, int | None]]  # values, confidence, page

FIELDS = {"entity": ("start", "end", "label", "norm"),
          "claim": ("start", "end", "category", "modality")}
LIVE = (ItemStatus.accepted.value, ItemStatus.corrected.value, ItemStatus.added.value)


@dataclass
class Row:
    """The latest decision on one key, as the store keeps it. ``values`` is the item
    after the decision (for a rejection: the item rejected); ``model`` the model's
    values at the key when the decision was made (None if it had nothing there)."""

    target: str
    key_start: int
    key_end: int
    key_label: str
    status: str
    values: dict[str, Any]
    model: dict[str, Any] | None
    decision_id: int
    editor: str
    decided_at: datetime

    @property
    def key(self) -> Key:
        return (self.target, self.key_start, self.key_end, self.key_label)


def values_of(target: str, item: Any) -> dict[str, Any]:
    """The reviewable values of a Mention (entity) or RiskClaim (claim)."""
    return {f: (v if isinstance(v, int) else str(v))
            for f in FIELDS[target] for v in [getattr(item, f)]}


def key_of(target: str, values: dict[str, Any]) -> Key:
    label = str(values.get("label") or "") if target == "entity" else ""
    return (target, int(values["start"]), int(values["end"]), label)


def ref_of(key: Key) -> str:
    """A short name for an item in the page: ``e:10:15:NATION`` or ``c:0:80``."""
    t, s, e, lab = key
    return f"e:{s}:{e}:{lab}" if t == "entity" else f"c:{s}:{e}"


def page_of(doc: Document, start: int) -> int | None:
    for p in doc.pages:
        if p.start <= start < p.end:
            return p.number
    return None


def _tuple(target: str, v: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(v.get(f) for f in FIELDS[target])


def model_items(doc: Document) -> Model:
    """The current extraction by key: (values, confidence, page); the first of two
    items on one key wins."""
    out: dict[Key, tuple[dict[str, Any], float, int | None]] = {}
    for target, items in (("claim", doc.claims), ("entity", doc.entities)):
        for it in items:
            v = values_of(target, it)
            out.setdefault(key_of(target, v), (v, it.confidence, it.page))
    return out


def by_span(model: Model) -> dict[tuple[str, int, int], list[dict[str, Any]]]:
    """The model's values by (target, start, end)."""
    out: dict[tuple[str, int, int], list[dict[str, Any]]] = {}
    for k, (v, _c, _p) in model.items():
        out.setdefault((k[0], k[1], k[2]), []).append(v)
    return out


def row_item(doc: Document, r: Row, model: Model,
             spans: dict[tuple[str, int, int], list[dict[str, Any]]]) -> ReviewItem:
    """The item a row shows: its latest decision, with the model's current values at its
    key and whether the model's output there changed and now disagrees (flagged)."""
    human = r.values if r.status in LIVE else None
    labels = {r.key_label, str(r.values.get("label") or "")}
    now = sorted(_tuple(r.target, v)
                 for span in {(r.key_start, r.key_end),
                              (int(r.values["start"]), int(r.values["end"]))}
                 for v in spans.get((r.target, *span), [])
                 if r.target == "claim" or v.get("label") in labels)
    then = [_tuple(r.target, r.model)] if r.model else []
    mine = [_tuple(r.target, human)] if human else []
    at_key = model.get(r.key)
    v = r.values
    return ReviewItem(
        ref=ref_of(r.key), target=ReviewTarget(r.target), key_start=r.key_start,
        key_end=r.key_end, key_label=r.key_label or None, start=v["start"], end=v["end"],
        text=doc.text[v["start"]:v["end"]], label=v.get("label"), norm=v.get("norm"),
        category=v.get("category"), modality=v.get("modality"),
        confidence=at_key[1] if at_key else None,
        page=at_key[2] if at_key else page_of(doc, v["start"]), status=ItemStatus(r.status),
        model=at_key[0] if at_key else None, flagged=now != then and now != mine,
        decision_id=r.decision_id, editor=r.editor, decided_at=r.decided_at)


def merge(doc: Document, rows: list[Row], model: Model | None = None) -> list[ReviewItem]:
    """The items an editor sees, in reading order (a claim before the entities in it):
    rows with their latest decision, then the model's items no row covers."""
    model = model_items(doc) if model is None else model
    spans = by_span(model)
    covered = {key_of(r.target, r.values) for r in rows if r.status in LIVE}
    items = [row_item(doc, r, model, spans) for r in rows]
    done = {r.key for r in rows}
    for k, (v, conf, page) in model.items():
        if k in done or k in covered:
            continue
        items.append(ReviewItem(
            ref=ref_of(k), target=ReviewTarget(k[0]), key_start=k[1], key_end=k[2],
            key_label=k[3] or None,
            start=v["start"], end=v["end"], text=doc.text[v["start"]:v["end"]],
            label=v.get("label"), norm=v.get("norm"), category=v.get("category"),
            modality=v.get("modality"), confidence=conf, page=page, model=v,
            status=ItemStatus.pending))
    items.sort(key=lambda i: (i.start, i.target != "claim", -i.end, i.ref))
    return items


def _complete(doc: Document, target: str, given: dict[str, Any],
              base: dict[str, Any] | None) -> dict[str, Any]:
    """``given`` over ``base``, checked: a span inside the text, a label and norm (entity)
    or a category and modality (claim)."""
    v = dict(base or {})
    v.update({k: (str(x) if k != "start" and k != "end" else x)
              for k, x in given.items() if x is not None and k in FIELDS[target]})
    n = len(doc.text)
    start, end = v.get("start"), v.get("end")
    if start is None or end is None:
        raise InvalidDecision(f"a new {target} needs its span: give after.start and after.end")
    if not 0 <= start < end <= n:
        raise InvalidDecision(f"span [{start}:{end}] is not inside the text of document "
                              f"{doc.id[:12]} (0 to {n}); select the text again")
    if target == "entity":
        if not v.get("label"):
            raise InvalidDecision("a new entity needs a label: NATION, ALLIANCE, SUPPLIER "
                                  "or MATERIAL")
        if not str(v.get("norm") or "").strip():
            surface = " ".join(doc.text[start:end].split())
            v["norm"] = surface.lower() if v["label"] == "MATERIAL" else surface
        v["norm"] = str(v["norm"]).strip()
    else:
        if not v.get("category"):
            raise InvalidDecision("a new claim needs a category (dependency, "
                                  "trade_restriction, geopolitical, capacity, security, "
                                  "logistics or cost)")
        v.setdefault("modality", "asserted")
    return {f: v[f] for f in FIELDS[target]}


def decide(doc: Document, items: dict[Key, ReviewItem], inp: DecisionInput
           ) -> tuple[Key, dict[str, Any] | None, dict[str, Any] | None, str,
                      dict[str, Any] | None]:
    """Check one item decision against the current items (by key) and return
    (key, before, after, new status, the model's values at the key).

    Raises InvalidDecision with a message that names the item and the way out."""
    target, action = str(inp.target), str(inp.action)
    if target == ReviewTarget.document or action == ReviewAction.reviewed:
        raise InvalidDecision("'reviewed' goes with target 'document' and only with it")
    if action == ReviewAction.add:
        if inp.after is None:
            raise InvalidDecision(f"add needs 'after': the new {target}'s span and values")
        after = _complete(doc, target, inp.after.model_dump(), None)
        key = key_of(target, after)
        have = items.get(key)
        if have is not None and have.status != ItemStatus.rejected:
            raise InvalidDecision(f"document {doc.id[:12]} already has this {target} at "
                                  f"[{key[1]}:{key[2]}]; accept or correct it instead")
        model = have.model if have is not None else None
        return key, None, after, _status(after, model, target), model
    if inp.start is None or inp.end is None or (target == "entity" and inp.label is None):
        raise InvalidDecision(f"{action} needs the {target}'s key: start and end"
                              + (" and label" if target == "entity" else ""))
    key = (target, inp.start, inp.end, str(inp.label or "") if target == "entity" else "")
    have = items.get(key)
    if have is None:
        what = f"{target} [{inp.start}:{inp.end}]" + (f" {inp.label}" if inp.label else "")
        raise InvalidDecision(f"document {doc.id[:12]} has no {what}; reload the review "
                              "to see its current items")
    before = {f: getattr(have, f) for f in FIELDS[target]}
    if action == ReviewAction.reject:
        return key, before, None, ItemStatus.rejected.value, have.model
    if action == ReviewAction.accept:
        return key, before, before, _status(before, have.model, target), have.model
    if inp.after is None:
        raise InvalidDecision(f"correct needs 'after': the {target}'s new values")
    after = _complete(doc, target, inp.after.model_dump(), before)
    return key, before, after, _status(after, have.model, target), have.model


def _status(after: dict[str, Any], model: dict[str, Any] | None, target: str) -> str:
    if model is None:
        return ItemStatus.added.value
    if _tuple(target, after) == _tuple(target, model):
        return ItemStatus.accepted.value
    return ItemStatus.corrected.value


def gold_record(doc: Document, items: list[ReviewItem]) -> dict[str, Any]:
    """The ANNOTATION.md gold object of a reviewed document: the items editors kept
    (accepted, corrected, added), without pending or rejected ones."""
    kept = [i for i in items if i.status in LIVE]
    return {
        "id": doc.id,
        "text": doc.text,
        "entities": [{"start": i.start, "end": i.end, "label": i.label, "norm": i.norm}
                     for i in sorted(kept, key=lambda i: (i.start, i.end))
                     if i.target == "entity"],
        "claims": [{"start": i.start, "end": i.end, "category": i.category,
                    "modality": i.modality}
                   for i in sorted(kept, key=lambda i: (i.start, i.end))
                   if i.target == "claim"],
    }


def claim_model_info(path: Path | None = None) -> dict[str, Any] | None:
    """When the claim model in use (``RISKATLAS_CLAIMS_MODEL``) was trained and on how
    many examples (of which ``extra_examples`` came from editors' decisions), from the
    ``.json`` beside it."""
    from pipeline.settings import get_settings

    meta = (path or get_settings().claims_model.with_suffix(".json"))
    try:
        info = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    data = info.get("data") or {}
    return {"version": info.get("version"), "trained_at": info.get("trained_at"),
            "n_examples": info.get("n_examples"),
            "from_decisions": data.get("extra_examples", 0)}
