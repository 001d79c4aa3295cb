"""The supply-dependency graph: who depends on or is restricted by whom, for what.

Nodes are entity norms (nations, alliances, suppliers, materials). Each risk
claim with roles adds edges ``exposed -> source`` (relation = the claim's
category) carrying the materials concerned, and ``party -> material`` edges
("concerns"); every edge keeps its claims as evidence (document, page,
character offsets, quote). Built with networkx; exported as JSON or GraphML.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from pipeline.models import RiskClaim


def build_graph(rows: Iterable[tuple[str, str, RiskClaim]],
                labels: dict[str, str] | None = None) -> nx.MultiDiGraph:
    """A graph from ``(document id, source, claim)`` rows; ``labels`` maps norm -> label."""
    labels = labels or {}
    g = nx.MultiDiGraph()

    def node(norm: str, default: str) -> str:
        if norm not in g:
            g.add_node(norm, label=labels.get(norm, default))
        return norm

    for doc_id, source, claim in rows:
        r = claim.roles
        evidence = {"document_id": doc_id, "source": source, "page": claim.page,
                    "start": claim.start, "end": claim.end, "quote": claim.text,
                    "modality": claim.modality, "confidence": claim.confidence}
        materials = list(r.materials)
        exposed = list(r.exposed) or []
        sources = list(r.source) + [s for s in r.suppliers if s not in r.source]
        for a in exposed:
            for b in sources:
                if a != b:
                    _add(g, node(a, "NATION"), node(b, "NATION"), claim.category, materials,
                         evidence)
        for party in exposed + sources:
            for m in materials:
                _add(g, node(party, "NATION"), node(m, "MATERIAL"), "concerns", [], evidence)
    return g


def _add(g: nx.MultiDiGraph, a: str, b: str, relation: str, materials: list[str],
         evidence: dict[str, Any]) -> None:
    """One edge per (a, b, relation); further claims join its evidence."""
    if g.has_edge(a, b, key=relation):
        data = g.edges[a, b, relation]
        data["evidence"].append(evidence)
        data["materials"] = sorted(set(data["materials"]) | set(materials))
        data["weight"] = len(data["evidence"])
        return
    g.add_edge(a, b, key=relation, relation=relation, materials=sorted(set(materials)),
               evidence=[evidence], weight=1)


def focus_of(material: str | None = None, nation: str | None = None,
             supplier: str | None = None) -> tuple[str | None, str | None]:
    """(norm, label) of the entity a query is about: materials lower-case, nations upper."""
    if material:
        return material.lower(), "MATERIAL"
    if nation:
        return nation.upper(), "NATION"
    if supplier:
        return supplier, "SUPPLIER"
    return None, None


def graph_around(store: Any, material: str | None = None, nation: str | None = None,
                 supplier: str | None = None, limit: int = 5000) -> nx.MultiDiGraph:
    """The graph of the claims about one material, nation or supplier (or all claims)."""
    focus, label = focus_of(material, nation, supplier)
    g = build_graph(store.claims(norm=focus, label=label, limit=limit), store.entity_labels())
    if focus and label != "MATERIAL":
        g = neighbourhood(g, focus)
    return g


def neighbourhood(g: nx.MultiDiGraph, norm: str) -> nx.MultiDiGraph:
    """The subgraph of ``norm`` and the nodes one edge away, either direction."""
    if norm not in g:
        return nx.MultiDiGraph()
    nodes = {norm, *g.successors(norm), *g.predecessors(norm)}
    return g.subgraph(nodes).copy()


def to_json(g: nx.MultiDiGraph) -> dict[str, Any]:
    return {
        "nodes": [{"id": n, **d} for n, d in g.nodes(data=True)],
        "edges": [{"source": a, "target": b, **d} for a, b, d in g.edges(data=True)],
    }


def write_graphml(g: nx.MultiDiGraph, path: Path) -> None:
    """GraphML keeps scalar attributes only: lists become JSON strings."""
    h = nx.MultiDiGraph()
    for n, d in g.nodes(data=True):
        h.add_node(n, **{k: v for k, v in d.items() if isinstance(v, str | int | float)})
    for a, b, k, d in g.edges(keys=True, data=True):
        h.add_edge(a, b, key=k, relation=d["relation"], weight=d["weight"],
                   materials=json.dumps(d["materials"]), evidence=json.dumps(d["evidence"]))
    nx.write_graphml(h, path)


def draw(g: nx.MultiDiGraph, path: Path, title: str = "", focus: str | None = None) -> None:
    """A PNG of the graph: nodes coloured by label, edges labelled by relation.

    Rings: the focus in the middle, nations, alliances and suppliers around it,
    materials outside, each ring in name order (so a redraw puts nodes in place)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    colours = {"NATION": "#4e79a7", "ALLIANCE": "#59a14f", "SUPPLIER": "#f28e2b",
               "MATERIAL": "#e15759"}
    fig, ax = plt.subplots(figsize=(11, 8), dpi=110)
    if len(g) == 0:
        ax.text(0.5, 0.5, "no claims found", ha="center")
    else:
        rest = [n for n in sorted(g) if n != focus]
        rings = [[focus]] if focus in g else []
        rings += [r for r in ([n for n in rest if g.nodes[n].get("label") != "MATERIAL"],
                              [n for n in rest if g.nodes[n].get("label") == "MATERIAL"]) if r]
        pos = nx.shell_layout(g, nlist=rings)
        nx.draw_networkx_nodes(g, pos, ax=ax, node_size=900,
                               node_color=[colours.get(d.get("label"), "#bab0ac")
                                           for _, d in g.nodes(data=True)])
        nx.draw_networkx_labels(g, pos, ax=ax, font_size=8)
        widths = [1 + min(5, d["weight"]) for _, _, d in g.edges(data=True)]
        nx.draw_networkx_edges(g, pos, ax=ax, width=widths, arrows=True, arrowsize=14,
                               connectionstyle="arc3,rad=0.08", edge_color="#888888")
        labels = {(a, b): d["relation"] for a, b, d in g.edges(data=True)}
        nx.draw_networkx_edge_labels(g, pos, edge_labels=labels, ax=ax, font_size=7)
        for lab, c in colours.items():
            ax.scatter([], [], c=c, label=lab)
        ax.legend(loc="lower left", fontsize=8)
    ax.set_title(title or "Supply-dependency graph")
    ax.axis("off")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
