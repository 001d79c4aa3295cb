"""The structured corpus index as JSON or JSON Lines, streamed so memory stays flat.

JSON Lines: one record per line, each ``{"type": "theme"|"document"|"entity",
...}``. JSON: one object ``{"schema_version", "themes": [...], "documents":
[...], "entities": [...]}`` written incrementally. Documents carry metadata,
theme, entity counts and claims with provenance; the text is left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from pipeline.models import SCHEMA_VERSION
from pipeline.store import Store

DOC_FIELDS = {"id", "source", "title", "published", "publisher", "author", "doc_type",
              "language", "url", "status", "theme_id", "duplicate_of", "entity_counts",
              "claims", "pages"}


_PLURAL = {"theme": "themes", "document": "documents", "entity": "entities"}


def records(store: Store) -> Iterator[tuple[str, dict[str, Any]]]:
    for t in store.themes():
        yield "theme", t.model_dump()
    for d in store.iter_documents():
        yield "document", json.loads(d.model_dump_json(include=DOC_FIELDS))
    for e in store.entities(limit=10**9):
        yield "entity", e.model_dump()


def write_index(store: Store, path: Path, fmt: str = "jsonl") -> int:
    """Write the index to ``path``; returns the number of records."""
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        if fmt == "jsonl":
            for kind, rec in records(store):
                fh.write(json.dumps({"type": kind, **rec}, ensure_ascii=False, default=str))
                fh.write("\n")
                n += 1
            return n
        n = _write_json(store, fh)
    return n


def _write_json(store: Store, fh: IO[str]) -> int:
    fh.write(f'{{"schema_version": "{SCHEMA_VERSION}"')
    current = None
    n = 0
    for kind, rec in records(store):
        if kind != current:
            fh.write("]" if current else "")
            fh.write(f', "{_PLURAL[kind]}": [')
            current = kind
        else:
            fh.write(", ")
        fh.write(json.dumps(rec, ensure_ascii=False, default=str))
        n += 1
    fh.write("]}\n" if current else "}\n")
    return n


# -- gold JSONL (issue 8) --------------------------------------------------------
def gold_records(store: Store, reviewed: bool = True) -> Iterator[dict[str, Any]]:
    """ANNOTATION.md objects ``{"id", "text", "entities", "claims"}``: with
    ``reviewed``, the documents editors marked reviewed and the items they kept;
    without, every indexed document as the model extracted it."""
    if reviewed:
        yield from store.reviewed_gold()
        return
    for d in store.iter_documents():
        yield {"id": d.id, "text": d.text,
               "entities": [{"start": m.start, "end": m.end, "label": m.label, "norm": m.norm}
                            for m in d.entities],
               "claims": [{"start": k.start, "end": k.end, "category": k.category,
                           "modality": k.modality} for k in d.claims]}


def write_gold(store: Store, path: Path, reviewed: bool = True) -> int:
    """Write gold JSONL to ``path``; returns the number of documents."""
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for rec in gold_records(store, reviewed):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    return n
