"""The gazetteers in ``corpora/gazetteers/*.jsonl``, loaded into lookup tables.

Schemas are described in ``corpora/gazetteers/README.md``. Everything here is
plain Python (no spaCy), so tests and the normalizer can use it directly.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

LEGAL_SUFFIX = re.compile(
    r"(,?\s+(inc|incorporated|corp|corporation|co|company|ltd|limited|llc|l\.l\.c|plc|p\.l\.c|"
    r"ag|se|sa|s\.a|s\.p\.a|spa|nv|n\.v|bv|b\.v|gmbh|kg|kgaa|ab|asa|oyj|as|a/s|pty|pte|"
    r"holdings?|group holdings|co\.,? ltd|k\.k|w\.l\.l)\.?)+$",
    re.I,
)


REVIEWED = "reviewed.jsonl"


def learn_from_reviews(examples: list[tuple[str, str, str | None, bool]], folder: Path
                       ) -> dict[str, int]:
    """Write editors' entity decisions to ``folder/reviewed.jsonl``.

    ``examples`` are (surface, label, norm, kept). A kept name that the gazetteer
    does not already map becomes an alias of its norm; a rejected name that no
    editor kept becomes a rejection. Returns the counts written.
    """
    current = load_gazetteer.__wrapped__(str(folder))  # type: ignore[attr-defined]
    kept: dict[tuple[str, str], tuple[str, str]] = {}
    dropped: dict[tuple[str, str], str] = {}
    for surface, label, norm, keep in examples:
        k = (label, _key(surface))
        if keep and norm:
            kept[k] = (surface, norm)
            dropped.pop(k, None)
        elif not keep and k not in kept:
            dropped[k] = surface
    rows: list[dict[str, Any]] = [{"label": lab, "alias": surf, "norm": norm}
            for (lab, key), (surf, norm) in sorted(kept.items())
            if current.by_alias.get((lab, key)) != norm]
    rows += [{"label": lab, "alias": surf, "rejected": True}
             for (lab, _), surf in sorted(dropped.items())]
    (folder / REVIEWED).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                                           for r in rows), encoding="utf-8")
    load_gazetteer.cache_clear()
    return {"aliases": sum("norm" in r for r in rows), "rejections": sum("rejected" in r
                                                                         for r in rows)}


def strip_legal_suffix(name: str) -> str:
    """'Lockheed Martin Corp.' -> 'Lockheed Martin'; never strips to nothing."""
    out = LEGAL_SUFFIX.sub("", name.strip()).strip(" ,.")
    return out or name.strip()


def _read(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{n} is not valid JSON ({exc}); fix that line") from exc
    return rows


@dataclass
class Entry:
    label: str
    norm: str
    alias: str
    case_sensitive: bool
    kind: str = "name"  # name, capital, symbol
    ambiguous: bool = False


@dataclass
class Gazetteer:
    """Lookup tables built from the gazetteer folder."""

    entries: list[Entry] = field(default_factory=list)
    demonyms: set[str] = field(default_factory=set)
    territories: set[str] = field(default_factory=set)
    capitals: set[str] = field(default_factory=set)
    rejected: set[tuple[str, str]] = field(default_factory=set)  # (label, alias key)
    material_parent: dict[str, str] = field(default_factory=dict)
    supplier_country: dict[str, str] = field(default_factory=dict)
    non_suppliers: set[str] = field(default_factory=set)
    non_supplier_keywords: set[str] = field(default_factory=set)
    by_alias: dict[tuple[str, str], str] = field(default_factory=dict)  # (label, lower alias)

    def norm_of(self, label: str, text: str) -> str | None:
        return self.by_alias.get((label, _key(text)))


def _key(text: str) -> str:
    text = re.sub(r"^(the)\s+", "", text.strip(), flags=re.I)
    return re.sub(r"\s+", " ", text.replace("’", "'")).lower().strip(" .,")


def _case_sensitive(alias: str, explicit: bool | None) -> bool:
    if explicit is not None:
        return explicit
    letters = [c for c in alias if c.isalpha()]
    # Short or all-capital aliases (US, EU, REE, TNT) must match their case.
    return len(alias) <= 4 or (bool(letters) and all(c.isupper() for c in letters))


@lru_cache(maxsize=4)
def load_gazetteer(folder: str) -> Gazetteer:
    d = Path(folder)
    if not d.is_dir():
        raise FileNotFoundError(
            f"gazetteer folder {d} not found; set RISKATLAS_GAZETTEER_DIR to corpora/gazetteers"
        )
    g = Gazetteer()

    def add(label: str, norm: str, alias: str, cs: bool | None = None, kind: str = "name",
            ambiguous: bool = False) -> None:
        alias = alias.strip()
        if not alias:
            return
        g.entries.append(Entry(label, norm, alias, _case_sensitive(alias, cs), kind, ambiguous))
        g.by_alias.setdefault((label, _key(alias)), norm)

    for row in _read(d / "nations.jsonl"):
        if row.get("sovereign") is False:
            continue
        norm = row["norm"]
        for a in row.get("aliases", []):
            add("NATION", norm, a)
        for c in row.get("capitals", []):
            add("NATION", norm, c, kind="capital")
            g.capitals.add(_key(c))
        g.demonyms.update(x.lower() for x in row.get("demonyms", []))
    for row in _read(d / "territories.jsonl"):
        g.territories.update(a.lower() for a in row.get("aliases", []))
    for row in _read(d / "alliances.jsonl"):
        for a in row.get("aliases", []):
            add("ALLIANCE", row["norm"], a, row.get("case_sensitive") if len(a) <= 5 else None)
    for row in _read(d / "materials.jsonl"):
        norm = row["norm"]
        ambiguous = {a.lower() for a in row.get("ambiguous_aliases", [])}
        for a in [norm, *row.get("aliases", [])]:
            add("MATERIAL", norm, a, cs=None if a.isupper() or len(a) <= 3 else False,
                ambiguous=a.lower() in ambiguous)
        for s in row.get("symbols", []):
            add("MATERIAL", norm, s, cs=True, kind="symbol")
        if row.get("parent"):
            g.material_parent[norm] = row["parent"]
    for row in _read(d / "suppliers.jsonl"):
        norm = row["norm"]
        skip = {a.lower() for a in row.get("ambiguous_aliases", [])}
        if row.get("norm_ambiguous"):
            skip.add(norm.lower())  # an everyday word ("Shell"): only longer aliases match
        cs = row.get("case_sensitive", True)
        for a in {norm, *row.get("aliases", [])}:
            if a.lower() in skip:
                g.by_alias.setdefault(("SUPPLIER", _key(a)), norm)  # still normalizes NER hits
                continue
            add("SUPPLIER", norm, a, cs=cs)
        if row.get("country"):
            g.supplier_country[norm] = row["country"]
    # Editors' decisions (``riskatlas train gazetteers``): names they added or
    # corrected become aliases; names they rejected are never tagged with that label.
    for row in _read(d / REVIEWED):
        if row.get("rejected"):
            g.rejected.add((row["label"], _key(row["alias"])))
        elif row.get("norm"):
            add(row["label"], row["norm"], row["alias"], cs=None)
    for row in _read(d / "non_suppliers.jsonl"):
        for name in [row.get("name"), *row.get("aliases", [])]:
            if name:
                g.non_suppliers.add(_key(name))
        if "keyword" in row:
            g.non_supplier_keywords.add(row["keyword"].lower())
    return g
