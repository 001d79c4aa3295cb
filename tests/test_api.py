"""The HTTP API: every route and filter, keyset pagination, the error shape, an
authorization matrix over every route and role, and the CLI commands that go with
it. A temp SQLite store of hand-made documents with HashingEmbedder vectors."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from pipeline.api import create_app
from pipeline.auth import hash_token, new_token
from pipeline.embed import HashingEmbedder
from pipeline.ingest import sha256
from pipeline.models import (
    ClaimRoles,
    Document,
    Mention,
    Page,
    RiskClaim,
    RunReport,
    Status,
    Theme,
)
from pipeline.store import SCHEMA_VERSION, Store

EMB = HashingEmbedder()
ROLES = ("analyst", "editor", "admin")


def _mention(text: str, surface: str, label: str, norm: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention(start=start, end=start + len(surface), text=surface, label=label, norm=norm,
                   confidence=0.9, page=1, component="gazetteer:name")


def _claim(text: str, sentence: str, category: str, modality: str, conf: float,
           **roles: list[str]) -> RiskClaim:
    start = text.index(sentence)
    return RiskClaim(start=start, end=start + len(sentence), text=sentence, category=category,
                     modality=modality, confidence=conf, page=1, roles=ClaimRoles(**roles))


def _doc(source: str, title: str, text: str, doc_type: str, published: date,
         mentions: list[tuple[str, str, str, int]], claims: list[tuple[Any, ...]]) -> Document:
    return Document(
        id=sha256(text), source=source, title=title, text=text, doc_type=doc_type,
        published=published, pages=[Page(number=1, start=0, end=len(text))],
        entities=[_mention(text, s, lab, norm, nth) for s, lab, norm, nth in mentions],
        claims=[_claim(text, *c) for c in claims])


GALLIUM = ("China restricts gallium exports to the United States. The United States depends "
           "on China for most gallium refining, and stockpiles may run out.")
SHELLS = ("NATO allies face shortages of artillery shells. Rheinmetall may expand capacity "
          "in Germany to meet demand.")
RARE = ("Japan and Australia agree to secure rare earth supply chains. Lynas processes rare "
        "earth ore in Malaysia, and China dominates magnet production.")

DOCS = [
    _doc("corpus/papers/gallium.md", "Gallium export controls", GALLIUM, "paper",
         date(2024, 3, 1),
         [("China", "NATION", "CHN", 0), ("gallium", "MATERIAL", "gallium", 0),
          ("United States", "NATION", "USA", 0), ("United States", "NATION", "USA", 1),
          ("China", "NATION", "CHN", 1), ("gallium", "MATERIAL", "gallium", 1)],
         [("China restricts gallium exports to the United States.", "trade_restriction",
           "asserted", 0.9),
          ("The United States depends on China for most gallium refining, and stockpiles "
           "may run out.", "dependency", "hedged", 0.6)]),
    _doc("corpus/news/shells.html", "Artillery shell shortages", SHELLS, "article",
         date(2025, 1, 15),
         [("NATO", "ALLIANCE", "NATO", 0), ("Rheinmetall", "SUPPLIER", "Rheinmetall", 0),
          ("Germany", "NATION", "DEU", 0)],
         [("NATO allies face shortages of artillery shells.", "capacity", "asserted", 0.8),
          ("Rheinmetall may expand capacity in Germany to meet demand.", "capacity",
           "hedged", 0.8)]),
    _doc("corpus/agreements/rare-earths.txt", "Rare earth partnership", RARE, "agreement",
         date(2023, 6, 30),
         [("Japan", "NATION", "JPN", 0), ("Australia", "NATION", "AUS", 0),
          ("rare earth", "MATERIAL", "rare earth", 0), ("Lynas", "SUPPLIER", "Lynas", 0),
          ("rare earth", "MATERIAL", "rare earth", 1), ("Malaysia", "NATION", "MYS", 0),
          ("China", "NATION", "CHN", 0)],
         [("Japan and Australia agree to secure rare earth supply chains.", "geopolitical",
           "asserted", 0.7),
          ("Lynas processes rare earth ore in Malaysia, and China dominates magnet "
           "production.", "dependency", "asserted", 0.75)]),
]
FAILED = Document(id=sha256("broken"), source="corpus/broken.pdf", status=Status.failed,
                  reason="corpus/broken.pdf is not a PDF; check the file")
IDS = {d.source: d.id for d in DOCS}


def _fill(store: Store) -> dict[str, str]:
    """The documents, themes, runs and one token per role (plus a spare admin one)."""
    for d in DOCS:
        store.upsert_document(d, vector=EMB.embed([d.text])[0])
    store.upsert_document(FAILED)
    store.replace_themes(
        [Theme(id=1, name="0_gallium_china", keywords=["gallium", "china"], size=1),
         Theme(id=2, name="1_supply_capacity", keywords=["capacity", "rare"], size=2),
         Theme(id=1000, name="sub_rare", keywords=["rare"], size=1, parent_id=2, level=2)],
        {DOCS[0].id: 1, DOCS[1].id: 2, DOCS[2].id: 2}, {})
    t0 = datetime(2025, 5, 1, tzinfo=UTC)
    for i in range(3):
        store.save_run(RunReport(id=f"run{i}", started_at=t0 + timedelta(hours=i), new=i))
    tokens = {}
    for role in (*ROLES, "admin"):
        secret = new_token()
        tok = store.add_token(hash_token(secret), role, f"{role} test")
        tokens[role if role not in tokens else "spare"] = secret
        if role == "admin" and "spare" in tokens:
            tokens["spare_id"] = str(tok.id)
    return tokens


@pytest.fixture(scope="module")
def world(module_db_url: str) -> tuple[TestClient, dict[str, str], Store]:
    """The filled store on SQLite and on PostgreSQL (conftest's module_db_url)."""
    store = Store(module_db_url)
    tokens = _fill(store)
    return TestClient(create_app(store, embedder=EMB)), tokens, store


@pytest.fixture
def fresh(db_url: str) -> tuple[TestClient, dict[str, str], Store]:
    """A store of its own, for tests that write."""
    store = Store(db_url)
    tokens = _fill(store)
    return TestClient(create_app(store, embedder=EMB, max_request_bytes=2000)), tokens, store


def _h(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def get(world: Any, path: str, role: str = "analyst", **params: Any) -> Any:
    client, tokens, _ = world
    r = client.get(path, params=params, headers=_h(tokens[role]))
    assert r.status_code == 200, r.text
    return r.json()


def items(world: Any, path: str, **params: Any) -> list[dict[str, Any]]:
    return get(world, path, **params)["items"]


def _error(r: Any, status: int, code: str, match: str = "") -> dict[str, Any]:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    assert match.lower() in body["error"]["message"].lower(), body
    return body


# -- documents ----------------------------------------------------------------
def test_documents_lists_all_by_source_without_text(world: Any) -> None:
    docs = items(world, "/documents")
    assert [d["source"] for d in docs] == sorted([*IDS, FAILED.source])
    assert all("text" not in d for d in docs)


@pytest.mark.parametrize(("params", "sources"), [
    ({"status": "failed"}, ["corpus/broken.pdf"]),
    ({"status": "indexed", "doc_type": "paper"}, ["corpus/papers/gallium.md"]),
    ({"theme": 2}, ["corpus/agreements/rare-earths.txt", "corpus/news/shells.html"]),
    ({"source": "corpus/news/"}, ["corpus/news/shells.html"]),
    ({"published_from": "2024-01-01"}, ["corpus/news/shells.html", "corpus/papers/gallium.md"]),
    ({"published_to": "2024-01-01"}, ["corpus/agreements/rare-earths.txt"]),
    ({"published_from": "2024-01-01", "published_to": "2024-12-31"},
     ["corpus/papers/gallium.md"]),
])
def test_documents_filters(world: Any, params: dict[str, Any], sources: list[str]) -> None:
    assert [d["source"] for d in items(world, "/documents", **params)] == sources


def test_document_in_full(world: Any) -> None:
    d = get(world, f"/documents/{DOCS[0].id}")
    assert d["text"] == GALLIUM and d["theme_id"] == 1 and len(d["entities"]) == 6
    assert {c["category"] for c in d["claims"]} == {"trade_restriction", "dependency"}
    assert d["entity_counts"][0]["norm"] in {"CHN", "USA", "gallium"}


def test_missing_document_is_404_with_the_error_shape(world: Any) -> None:
    client, tokens, _ = world
    r = client.get("/documents/nope", headers=_h(tokens["analyst"]))
    _error(r, 404, "not_found", "no document 'nope'")


def test_editor_corrects_metadata_and_search_follows(fresh: Any) -> None:
    client, tokens, _ = fresh
    r = client.patch(f"/documents/{DOCS[1].id}", headers=_h(tokens["editor"]),
                     json={"title": "Howitzer ammunition", "doc_type": "paper"})
    assert r.status_code == 200, r.text
    assert r.json()["title"] == "Howitzer ammunition" and r.json()["doc_type"] == "paper"
    hits = get(fresh, "/search", q="howitzer", mode="keyword")["items"]
    assert [h["document_id"] for h in hits] == [DOCS[1].id]
    assert get(fresh, "/search", q="artillery shortages", mode="keyword")["items"]
    r = client.patch("/documents/nope", headers=_h(tokens["editor"]), json={"title": "x"})
    _error(r, 404, "not_found", "no document")
    r = client.patch(f"/documents/{DOCS[1].id}", headers=_h(tokens["editor"]),
                     json={"colour": "red"})
    _error(r, 422, "invalid_request", "body field 'colour'")


# -- entities and mentions ----------------------------------------------------
def test_entities_aggregate_indexed_documents(world: Any) -> None:
    ents = items(world, "/entities", limit=500)
    chn = next(e for e in ents if e["norm"] == "CHN")
    assert chn["count"] == 3 and chn["documents"] == 2 and chn["surface_forms"] == ["China"]
    counts = [e["count"] for e in ents]
    assert counts == sorted(counts, reverse=True)


@pytest.mark.parametrize(("params", "norms"), [
    ({"label": "MATERIAL"}, {"gallium", "rare earth"}),
    ({"norm": "USA"}, {"USA"}),
    ({"label": "SUPPLIER", "nation": "DEU"}, {"Rheinmetall"}),
    ({"label": "NATION", "doc_type": "agreement"}, {"JPN", "AUS", "MYS", "CHN"}),
    ({"label": "NATION", "theme": 1}, {"CHN", "USA"}),
    ({"source": "corpus/news"}, {"NATO", "Rheinmetall", "DEU"}),
    ({"document_id": DOCS[2].id, "label": "SUPPLIER"}, {"Lynas"}),
    ({"label": "NATION", "published_from": "2025-01-01"}, {"DEU"}),
    ({"label": "MATERIAL", "published_to": "2023-12-31"}, {"rare earth"}),
])
def test_entity_filters(world: Any, params: dict[str, Any], norms: set[str]) -> None:
    assert {e["norm"] for e in items(world, "/entities", **params)} == norms


def test_mentions_carry_provenance(world: Any) -> None:
    ms = items(world, "/mentions", limit=500)
    assert len(ms) == sum(len(d.entities) for d in DOCS)  # none from the failed document
    texts = {d.id: d.text for d in DOCS}
    for m in ms:
        assert m["quote"] == texts[m["document_id"]][m["start"]:m["end"]] == m["text"]
        assert m["quote"] in m["context"] and m["page"] == 1
        assert m["source"] in IDS


@pytest.mark.parametrize(("params", "n"), [
    ({"label": "NATION"}, 9), ({"norm": "CHN"}, 3), ({"label": "MATERIAL", "norm": "gallium"}, 2),
    ({"document_id": DOCS[1].id}, 3), ({"doc_type": "article"}, 3), ({"theme": 1}, 6),
    ({"source": "corpus/agreements/"}, 7), ({"published_from": "2025-01-01"}, 3),
    ({"published_to": "2024-06-01", "label": "SUPPLIER"}, 1),
])
def test_mention_filters(world: Any, params: dict[str, Any], n: int) -> None:
    assert len(items(world, "/mentions", limit=500, **params)) == n


# -- claims -------------------------------------------------------------------
def test_claims_most_confident_first_with_provenance(world: Any) -> None:
    cs = items(world, "/claims")
    assert len(cs) == 6
    assert [c["confidence"] for c in cs] == sorted((c["confidence"] for c in cs), reverse=True)
    texts = {d.id: d.text for d in DOCS}
    for c in cs:
        assert c["quote"] == texts[c["document_id"]][c["start"]:c["end"]] == c["text"]
        assert c["source"] in IDS and c["page"] == 1 and c["published"]


@pytest.mark.parametrize(("params", "n"), [
    ({"category": "capacity"}, 2), ({"modality": "hedged"}, 2),
    ({"category": "dependency", "modality": "asserted"}, 1),
    ({"nation": "chn"}, 3), ({"nation": "USA", "category": "dependency"}, 1),
    ({"supplier": "Rheinmetall"}, 1), ({"material": "Gallium"}, 2), ({"alliance": "nato"}, 1),
    ({"material": "rare earth", "nation": "CHN"}, 1), ({"min_confidence": 0.8}, 3),
    ({"theme": 2}, 4), ({"doc_type": "paper"}, 2), ({"source": "corpus/news"}, 2),
    ({"document_id": DOCS[2].id}, 2), ({"published_from": "2024-01-01"}, 4),
    ({"published_from": "2024-01-01", "published_to": "2024-12-31"}, 2),
    ({"material": "germanium"}, 0),
])
def test_claim_filters(world: Any, params: dict[str, Any], n: int) -> None:
    assert len(items(world, "/claims", **params)) == n


# -- themes, facets, runs -----------------------------------------------------
def test_themes_and_one_theme(world: Any) -> None:
    assert [t["id"] for t in items(world, "/themes")] == [1, 2, 1000]
    assert [t["id"] for t in items(world, "/themes", level=2)] == [1000]
    assert [t["id"] for t in items(world, "/themes", parent_id=2)] == [1000]
    t = get(world, "/themes/2")
    assert t["keywords"] == ["capacity", "rare"]
    assert [s["id"] for s in t["subthemes"]] == [1000]
    assert {d["id"] for d in t["documents"]} == {DOCS[1].id, DOCS[2].id}
    client, tokens, _ = world
    _error(client.get("/themes/77", headers=_h(tokens["analyst"])), 404, "not_found",
           "no theme 77")


def test_facets(world: Any) -> None:
    f = get(world, "/facets")
    assert f["documents_by_status"] == {"indexed": 3, "failed": 1}
    assert f["documents_by_type"] == {"paper": 1, "article": 1, "agreement": 1}
    assert f["documents_by_theme"] == {"1": 1, "2": 2}
    assert f["documents_by_year"] == {"2023": 1, "2024": 1, "2025": 1}
    assert f["mentions_by_label"] == {"NATION": 9, "MATERIAL": 4, "ALLIANCE": 1, "SUPPLIER": 2}
    assert f["claims_by_category"]["capacity"] == 2
    assert f["claims_by_modality"] == {"asserted": 4, "hedged": 2}


def test_runs_newest_first_and_paged(world: Any) -> None:
    page = get(world, "/runs", limit=2)
    assert [r["id"] for r in page["items"]] == ["run2", "run1"]
    rest = get(world, "/runs", limit=2, cursor=page["next_cursor"])
    assert [r["id"] for r in rest["items"]] == ["run0"] and rest["next_cursor"] is None


# -- search -------------------------------------------------------------------
def test_keyword_search_stems_and_ranks(world: Any) -> None:
    hits = items(world, "/search", q="restricting gallium", mode="keyword")
    assert [h["document_id"] for h in hits] == [DOCS[0].id]
    h = hits[0]
    assert h["keyword_rank"] == 1 and h["semantic_rank"] is None and "[" in h["snippet"]
    assert h["title"] == "Gallium export controls" and h["source"] == "corpus/papers/gallium.md"
    # every word must match; punctuation is not FTS syntax
    assert items(world, "/search", q="gallium Rheinmetall", mode="keyword") == []
    assert items(world, "/search", q='"rare" AND earth*)', mode="keyword")[0]["document_id"] \
        == DOCS[2].id


def test_semantic_search_uses_the_injected_embedder(world: Any) -> None:
    hits = items(world, "/search", q="artillery shells shortages", mode="semantic")
    assert hits[0]["document_id"] == DOCS[1].id and hits[0]["keyword_rank"] is None
    assert len(hits) == 3  # every indexed document with a vector, the failed one never
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_hybrid_search_fuses_both_lists(world: Any) -> None:
    hits = items(world, "/search", q="rare earth magnets", mode="hybrid")
    top = hits[0]
    assert top["document_id"] == DOCS[2].id
    assert top["keyword_rank"] == 1 and top["semantic_rank"] == 1
    assert top["score"] == pytest.approx(2 / 61, abs=1e-6)
    page = get(world, "/search", q="rare earth magnets", limit=1)
    assert len(page["items"]) == 1 and page["next_cursor"]
    nxt = get(world, "/search", q="rare earth magnets", limit=1, cursor=page["next_cursor"])
    assert nxt["items"][0]["document_id"] == hits[1]["document_id"]


class CountingEmbedder(HashingEmbedder):
    """HashingEmbedder that counts the texts it embeds."""

    calls = 0

    def embed(self, texts: Any) -> Any:
        self.calls += len(texts)
        return super().embed(texts)


def test_next_pages_of_a_query_do_not_embed_it_again(world: Any) -> None:
    from pipeline.search import Searcher

    emb = CountingEmbedder()
    searcher = Searcher(world[2], emb)
    first, more = searcher.search("rare earth magnets", "hybrid", limit=1)
    second, _ = searcher.search("rare earth magnets", "hybrid", limit=1, offset=1)
    assert more and first[0].document_id != second[0].document_id and emb.calls == 1


def test_search_errors(world: Any) -> None:
    client, tokens, _ = world
    h = _h(tokens["analyst"])
    _error(client.get("/search", params={"q": "!!!", "mode": "keyword"}, headers=h), 422,
           "invalid_request", "no words to search for")
    _error(client.get("/search", params={"q": "x", "mode": "fuzzy"}, headers=h), 422,
           "invalid_request", "query parameter 'mode'")
    _error(client.get("/search", headers=h), 422, "invalid_request", "query parameter 'q'")


# -- pagination ---------------------------------------------------------------
@pytest.mark.parametrize("path", ["/documents", "/entities", "/mentions", "/claims", "/themes",
                                  "/runs"])
def test_keyset_pages_neither_skip_nor_repeat(world: Any, path: str) -> None:
    whole = items(world, path, limit=500)
    seen: list[Any] = []
    cursor = None
    for _ in range(50):
        params: dict[str, Any] = {"limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = get(world, path, **params)
        assert len(page["items"]) <= 2
        seen.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == whole and len(whole) >= 3


@pytest.mark.parametrize(("path", "params"), [
    ("/entities", {"published_from": "2023-01-01"}), ("/entities", {"nation": "CHN"}),
    ("/claims", {"published_from": "2023-01-01"}), ("/claims", {"nation": "CHN"}),
    ("/claims", {"theme": 2, "category": "capacity"}),
])
def test_filtered_keyset_pages_neither_skip_nor_repeat(world: Any, path: str,
                                                       params: dict[str, Any]) -> None:
    """Filtered lists (the in-memory entity index; the claim plans) page like the rest."""
    whole = items(world, path, limit=500, **params)
    seen: list[Any] = []
    cursor = None
    for _ in range(50):
        page = get(world, path, limit=1, **params, **({"cursor": cursor} if cursor else {}))
        seen.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == whole and len(whole) >= 2


def test_filtered_entities_follow_an_edit_at_once(fresh: Any) -> None:
    """An editor's change of a document's type shows in /entities?doc_type= on the next
    request (the entity index follows the store's change log)."""
    client, tokens, _ = fresh
    before = {e["norm"] for e in items(fresh, "/entities", doc_type="paper")}
    assert before == {"CHN", "USA", "gallium"}
    r = client.patch(f"/documents/{DOCS[1].id}", headers=_h(tokens["editor"]),
                     json={"doc_type": "paper"})
    assert r.status_code == 200, r.text
    after = {e["norm"] for e in items(fresh, "/entities", doc_type="paper")}
    assert after == before | {"NATO", "Rheinmetall", "DEU"}


# -- errors -------------------------------------------------------------------
@pytest.mark.parametrize(("path", "params", "match"), [
    ("/claims", {"limit": 0}, "query parameter 'limit': Input should be greater than"),
    ("/claims", {"limit": 501}, "less than or equal to 500"),
    ("/claims", {"category": "weather"}, "query parameter 'category'"),
    ("/claims", {"published_from": "yesterday"}, "query parameter 'published_from'"),
    ("/claims", {"min_confidence": 2}, "query parameter 'min_confidence'"),
    ("/entities", {"label": "PERSON"}, "query parameter 'label'"),
    ("/mentions", {"cursor": "not-a-cursor"}, "invalid cursor"),
    ("/entities", {"cursor": "WzFd"}, "invalid cursor"),  # [1]: a key of the wrong shape
    ("/themes/abc", {}, "path parameter 'theme_id'"),
])
def test_invalid_input_is_422_with_a_clear_message(world: Any, path: str,
                                                   params: dict[str, Any], match: str) -> None:
    client, tokens, _ = world
    _error(client.get(path, params=params, headers=_h(tokens["analyst"])), 422,
           "invalid_request", match)


def test_unknown_route_and_method(world: Any) -> None:
    client, tokens, _ = world
    _error(client.get("/nowhere", headers=_h(tokens["analyst"])), 404, "not_found",
           "no such route")
    _error(client.delete("/claims", headers=_h(tokens["admin"])), 405, "method_not_allowed")


def test_bodies_over_the_limit_get_413(fresh: Any) -> None:
    client, tokens, _ = fresh
    r = client.patch(f"/documents/{DOCS[0].id}", headers=_h(tokens["editor"]),
                     content=json.dumps({"title": "x" * 5000}),
                     )
    _error(r, 413, "payload_too_large", "larger than 2000 bytes")

    def chunks() -> Any:  # no Content-Length: counted while read
        for _ in range(5):
            yield b" " * 1000

    r = client.patch(f"/documents/{DOCS[0].id}", headers=_h(tokens["editor"]), content=chunks())
    _error(r, 413, "payload_too_large", "larger than 2000 bytes")


# -- access control -----------------------------------------------------------
def _routes(spare_id: str) -> list[tuple[str, str, dict[str, Any] | None, str, int]]:
    """(method, path, JSON body, least role, success status) of every route."""
    doc = DOCS[0].id
    return [
        ("GET", "/documents", None, "analyst", 200),
        ("GET", f"/documents/{doc}", None, "analyst", 200),
        ("PATCH", f"/documents/{doc}", {"title": DOCS[0].title}, "editor", 200),
        ("GET", "/entities", None, "analyst", 200),
        ("GET", "/mentions", None, "analyst", 200),
        ("GET", "/claims", None, "analyst", 200),
        ("GET", "/themes", None, "analyst", 200),
        ("GET", "/themes/1", None, "analyst", 200),
        ("GET", "/search?q=gallium", None, "analyst", 200),
        ("GET", "/facets", None, "analyst", 200),
        ("GET", "/runs", None, "analyst", 200),
        ("GET", "/graph?material=gallium", None, "analyst", 200),
        ("GET", "/export", None, "analyst", 200),
        ("GET", "/tokens", None, "admin", 200),
        ("POST", "/tokens", {"role": "analyst", "name": "matrix"}, "admin", 201),
        ("DELETE", f"/tokens/{spare_id}", None, "admin", 200),
        # the review (issue 8); the decision names no item, so it changes nothing: 422
        ("GET", "/queue", None, "analyst", 200),
        ("GET", "/decisions", None, "analyst", 200),
        ("GET", f"/documents/{doc}/review", None, "analyst", 200),
        ("POST", f"/documents/{doc}/decisions", {"version": 0, "decisions": [
            {"target": "entity", "action": "accept", "start": 0, "end": 1, "label": "NATION"}]},
         "editor", 422),
    ]


CALLERS = ("none", "bad", *ROLES)


def test_every_route_is_in_the_matrix(world: Any) -> None:
    client, tokens, _ = world
    spec = client.get("/openapi.json").json()["paths"]
    have = {(m, p.split("?")[0]) for m, p, *_ in _routes(tokens["spare_id"])}
    for path, ops in spec.items():
        if path == "/health":
            continue
        for method in ops:
            concrete = path.replace("{document_id}", DOCS[0].id).replace(
                "{theme_id}", "1").replace("{token_id}", tokens["spare_id"])
            assert (method.upper(), concrete) in have, (method, path)


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("route", range(20))
def test_authorization_matrix(world: Any, route: int, caller: str) -> None:
    client, tokens, _ = world
    method, path, body, need, ok = _routes(tokens["spare_id"])[route]
    headers = {}
    if caller == "bad":
        headers = _h("ra_" + "x" * 43)
    elif caller != "none":
        headers = _h(tokens[caller])
    r = client.request(method, path, json=body, headers=headers)
    if caller in ("none", "bad"):
        _error(r, 401, "unauthorized", "missing token" if caller == "none" else "invalid")
        assert r.headers["www-authenticate"] == "Bearer"
    elif ROLES.index(caller) < ROLES.index(need):
        _error(r, 403, "forbidden", f"needs the {need} role")
    else:
        assert r.status_code == ok, r.text


def test_public_routes_need_no_token(world: Any) -> None:
    client, _, _ = world
    assert client.get("/health").json() == {"status": "ok"}
    spec = client.get("/openapi.json").json()
    assert spec["components"]["securitySchemes"]["token"]["scheme"] == "bearer"
    assert "ErrorResponse" in spec["components"]["schemas"]


def test_malformed_authorization_header_is_401(world: Any) -> None:
    client, tokens, _ = world
    for value in (f"Basic {tokens['admin']}", "Bearer", tokens["admin"]):
        _error(client.get("/facets", headers={"Authorization": value}), 401, "unauthorized")


def test_token_lifecycle_and_hashing(fresh: Any) -> None:
    client, tokens, store = fresh
    r = client.post("/tokens", headers=_h(tokens["admin"]), json={"role": "editor",
                                                                  "name": "bob"})
    assert r.status_code == 201
    made = r.json()
    assert made["role"] == "editor" and made["token"].startswith("ra_")
    assert client.get("/claims", headers=_h(made["token"])).status_code == 200
    listed = client.get("/tokens", headers=_h(tokens["admin"])).json()["items"]
    assert "token" not in listed[0] and any(t["name"] == "bob" for t in listed)
    # only the sha256 is stored: the secret appears nowhere in the database file
    store.engine.dispose()
    if store.dialect == "sqlite":
        raw = Path(store.url.removeprefix("sqlite:///")).read_bytes()
        wal = Path(store.url.removeprefix("sqlite:///") + "-wal")
        raw += wal.read_bytes() if wal.exists() else b""
    else:  # PostgreSQL: every column of every token row
        with store.engine.connect() as c:
            raw = repr(c.exec_driver_sql("SELECT * FROM api_tokens").all()).encode()
    assert made["token"].encode() not in raw and hash_token(made["token"]).encode() in raw
    r = client.delete(f"/tokens/{made['id']}", headers=_h(tokens["admin"]))
    assert r.status_code == 200 and r.json()["revoked_at"]
    _error(client.get("/claims", headers=_h(made["token"])), 401, "unauthorized", "revoked")
    _error(client.delete("/tokens/9999", headers=_h(tokens["admin"])), 404, "not_found",
           "no token 9999")
    _error(client.post("/tokens", headers=_h(tokens["admin"]), json={"role": "root"}), 422,
           "invalid_request", "body field 'role'")


# -- store upgrade ------------------------------------------------------------
def test_store_at_schema_1_upgrades_with_a_search_index(tmp_path: Path) -> None:
    db = str(tmp_path / "old.db")
    store = Store(db)
    store.upsert_document(DOCS[0])
    with store.engine.begin() as c:  # back to what schema version 1 had
        for trig in ("documents_fts_ai", "documents_fts_ad", "documents_fts_au"):
            c.exec_driver_sql(f"DROP TRIGGER {trig}")
        c.exec_driver_sql("DROP TABLE documents_fts")
        c.exec_driver_sql("DROP TABLE api_tokens")
        c.exec_driver_sql("UPDATE meta SET value='1' WHERE key='schema_version'")
    store.engine.dispose()
    again = Store(db)
    assert again.migrate() == SCHEMA_VERSION
    assert [r[0] for r in again.keyword_search(["gallium"], 10)] == [DOCS[0].id]
    again.upsert_document(DOCS[1])  # the triggers keep it in sync from now on
    assert [r[0] for r in again.keyword_search(["shells"], 10)] == [DOCS[1].id]
    again.remove_source(DOCS[0].source)
    assert again.keyword_search(["gallium"], 10) == []
    assert again.list_tokens() == []


# -- CLI ----------------------------------------------------------------------
runner = CliRunner()


def test_cli_token_create_list_revoke(tmp_path: Path) -> None:
    from pipeline.cli import app

    db = str(tmp_path / "cli.db")
    r = runner.invoke(app, ["token", "create", "--role", "editor", "--name", "eve", "--db", db,
                            "--json"])
    assert r.exit_code == 0, r.output
    made = json.loads(r.stdout)
    assert made["role"] == "editor" and made["token"].startswith("ra_")
    store = Store(db)
    assert store.token_by_hash(hash_token(made["token"])).name == "eve"  # type: ignore[union-attr]
    r = runner.invoke(app, ["token", "create", "--db", db])
    assert r.exit_code == 0 and r.stdout.strip().startswith("ra_")
    assert "not shown again" in r.stderr
    r = runner.invoke(app, ["token", "list", "--db", db, "--json"])
    assert [t["role"] for t in json.loads(r.stdout)] == ["editor", "analyst"]
    assert "ra_" not in r.stdout
    r = runner.invoke(app, ["token", "revoke", str(made["id"]), "--db", db, "--json"])
    assert r.exit_code == 0 and json.loads(r.stdout)["revoked_at"]
    assert store.token_by_hash(hash_token(made["token"])) is None
    r = runner.invoke(app, ["token", "create", "--role", "root", "--db", db])
    assert r.exit_code == 1 and "--role must be analyst, editor or admin" in r.stderr
    r = runner.invoke(app, ["token", "revoke", "99", "--db", db])
    assert r.exit_code == 1 and "no token 99" in r.stderr


def test_cli_search_keyword_json(tmp_path: Path) -> None:
    from pipeline.cli import app

    db = str(tmp_path / "s.db")
    _fill(Store(db))
    r = runner.invoke(app, ["search", "gallium exports", "--mode", "keyword", "--db", db,
                            "--json"])
    assert r.exit_code == 0, r.output
    hits = json.loads(r.stdout)
    assert [h["document_id"] for h in hits] == [DOCS[0].id]
    r = runner.invoke(app, ["search", "x", "--mode", "fuzzy", "--db", db])
    assert r.exit_code == 1 and "--mode must be keyword, semantic or hybrid" in r.stderr
    r = runner.invoke(app, ["search", "???", "--mode", "keyword", "--db", db])
    assert r.exit_code == 1 and "no words to search for" in r.stderr


def test_cli_serve_binds_localhost_by_default(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from pipeline.cli import app

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda api, **kw: seen.update(api=api, **kw))
    r = runner.invoke(app, ["serve", "--db", str(tmp_path / "v.db")])
    assert r.exit_code == 0, r.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8000
    assert "no API tokens yet" in r.stderr
    client = TestClient(seen["api"])
    assert client.get("/health").status_code == 200
    assert client.get("/claims").status_code == 401


def test_cli_serve_workers_build_their_app_from_the_environment(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from pipeline.api.app import app_from_settings
    from pipeline.cli import app
    from pipeline.settings import get_settings

    db = str(tmp_path / "w.db")
    tokens = _fill(Store(db))
    monkeypatch.delenv("RISKATLAS_DB", raising=False)  # restored afterwards
    monkeypatch.delenv("PYTHONWARNINGS", raising=False)
    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda api, **kw: seen.update(api=api, **kw))
    r = runner.invoke(app, ["serve", "--db", db, "--workers", "2"])
    assert r.exit_code == 0, r.output
    assert seen["api"] == "pipeline.api.app:app_from_settings"
    assert seen["factory"] is True and seen["workers"] == 2
    get_settings.cache_clear()  # as in a fresh worker process
    try:
        client = TestClient(app_from_settings())
        assert client.get("/claims", headers=_h(tokens["analyst"])).status_code == 200
    finally:
        get_settings.cache_clear()
    r = runner.invoke(app, ["serve", "--db", db, "--workers", "0"])
    assert r.exit_code == 2


def test_cli_queries_answer_as_the_api(tmp_path: Path) -> None:
    """`riskatlas query claims|entities` take the API's query path: same claims in the
    same order, same entity counts."""
    from pipeline.cli import app

    db = str(tmp_path / "q.db")
    tokens = _fill(Store(db))
    client = TestClient(create_app(Store(db), embedder=EMB))
    api = client.get("/claims", params={"nation": "CHN"}, headers=_h(tokens["analyst"])).json()
    r = runner.invoke(app, ["query", "claims", "--nation", "chn", "--db", db, "--json"])
    assert r.exit_code == 0, r.output
    assert [(c["document_id"], c["start"]) for c in json.loads(r.stdout)] == \
        [(c["document_id"], c["start"]) for c in api["items"]]
    api = client.get("/entities", params={"label": "NATION", "nation": "CHN"},
                     headers=_h(tokens["analyst"])).json()
    r = runner.invoke(app, ["query", "entities", "--label", "NATION", "--nation", "CHN",
                            "--db", db, "--json"])
    assert r.exit_code == 0, r.output
    assert [(e["norm"], e["count"], e["documents"]) for e in json.loads(r.stdout)] == \
        [(e["norm"], e["count"], e["documents"]) for e in api["items"]]


def test_graph_and_export(world: Any) -> None:
    client, tokens, _ = world
    g = client.get("/graph", headers=_h(tokens["analyst"])).json()
    assert set(g) == {"nodes", "edges"}
    r = client.get("/export", headers=_h(tokens["analyst"]))
    kinds = [json.loads(x)["type"] for x in r.text.splitlines()]
    assert r.status_code == 200 and "document" in kinds and "theme" in kinds
