"""The supply-dependency graph and the streamed corpus index export."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline import graph as G
from pipeline.export import write_index
from pipeline.ingest import sha256
from pipeline.models import ClaimRoles, Document, Mention, RiskClaim, Theme
from pipeline.store import Store


def _claim(text: str, category: str, exposed: list[str], source: list[str],
           materials: list[str]) -> RiskClaim:
    return RiskClaim(start=0, end=len(text), text=text, category=category, modality="asserted",
                     confidence=0.9, page=1,
                     roles=ClaimRoles(exposed=exposed, source=source, materials=materials))


def test_graph_edges_carry_evidence(tmp_path: Path) -> None:
    rows = [
        ("d1", "a.txt", _claim("Japan depends on China for gallium.", "dependency",
                               ["JPN"], ["CHN"], ["gallium"])),
        ("d2", "b.txt", _claim("Korea depends on China for gallium.", "dependency",
                               ["KOR"], ["CHN"], ["gallium"])),
        ("d3", "c.txt", _claim("Japan relies on China for gallium too.", "dependency",
                               ["JPN"], ["CHN"], ["gallium"])),
    ]
    g = G.build_graph(rows, {"gallium": "MATERIAL"})
    edge = g.edges["JPN", "CHN", "dependency"]
    assert edge["weight"] == 2 and edge["materials"] == ["gallium"]
    assert {e["document_id"] for e in edge["evidence"]} == {"d1", "d3"}
    assert g.nodes["gallium"]["label"] == "MATERIAL"
    sub = G.neighbourhood(g, "KOR")
    assert set(sub.nodes) == {"KOR", "CHN", "gallium"}
    data = G.to_json(g)
    assert {"nodes", "edges"} <= set(data)
    G.write_graphml(g, tmp_path / "g.graphml")
    assert "dependency" in (tmp_path / "g.graphml").read_text()
    G.draw(g, tmp_path / "g.png", "test")
    assert (tmp_path / "g.png").read_bytes()[:4] == b"\x89PNG"


def test_export_jsonl_and_json(tmp_path: Path, store: Store) -> None:
    text = "China restricts gallium exports."
    store.upsert_document(Document(
        id=sha256(text), source="a.txt", text=text, title="A",
        entities=[Mention(start=0, end=5, text="China", label="NATION", norm="CHN",
                          confidence=0.9, component="gazetteer:name")],
        claims=[_claim(text, "trade_restriction", [], ["CHN"], ["gallium"])]))
    store.replace_themes([Theme(id=1, name="gallium", keywords=["gallium"], size=1)],
                         {sha256(text): 1}, {})
    n = write_index(store, tmp_path / "i.jsonl", "jsonl")
    lines = [json.loads(x) for x in (tmp_path / "i.jsonl").read_text().splitlines()]
    assert n == len(lines) == 3
    assert [x["type"] for x in lines] == ["theme", "document", "entity"]
    assert lines[1]["theme_id"] == 1 and lines[1]["claims"][0]["category"] == "trade_restriction"
    assert "text" not in lines[1]
    write_index(store, tmp_path / "i.json", "json")
    data = json.loads((tmp_path / "i.json").read_text())
    assert len(data["documents"]) == 1 and data["entities"][0]["norm"] == "CHN"
