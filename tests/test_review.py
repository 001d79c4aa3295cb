"""The editors' review (issue 8): decisions as data, the audit log, optimistic
concurrency (409), re-extraction keeping decisions and flagging disagreements,
reviewed-only results, the queue, gold export and training examples, the page's
sign-in, CSRF and escaping. Real SQLite and PostgreSQL stores (conftest), FastAPI's
TestClient; the browser test is tests/test_review_browser.py."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from pipeline.api import create_app
from pipeline.cli import app as cli
from pipeline.errors import InvalidDecision, ReviewConflict
from pipeline.evaluate import load_gold
from pipeline.ingest import sha256
from pipeline.models import DecisionInput, Document, Mention, Page, RiskClaim
from pipeline.store import SCHEMA_VERSION, Store
from tests.test_api import DOCS, EMB, GALLIUM, _fill, _h

GAL = DOCS[0]
CHINA = {"target": "entity", "start": 0, "end": 5, "label": "NATION"}
GALLIUM_0 = {"target": "entity", "start": 16, "end": 23, "label": "MATERIAL"}
CLAIM_0 = {"target": "claim", "start": 0, "end": 53}
STOCK = GALLIUM.index("stockpiles")


def _d(**kw: Any) -> DecisionInput:
    return DecisionInput(**kw)


@pytest.fixture
def filled(db_url: str) -> tuple[Store, dict[str, str], TestClient]:
    store = Store(db_url)
    tokens = _fill(store)
    yield store, tokens, TestClient(create_app(store, embedder=EMB))
    store.engine.dispose()


def _first_round(store: Store) -> Any:
    """Accept China, correct gallium's norm, reject the first claim, add 'stockpiles'."""
    return store.record_decisions(GAL.id, 0, [
        _d(action="accept", **CHINA),
        _d(action="correct", **GALLIUM_0, after={"norm": "gallium metal"}),
        _d(action="reject", **CLAIM_0),
        _d(target="entity", action="add",
           after={"start": STOCK, "end": STOCK + 10, "label": "MATERIAL"}),
    ], "alice#2")


def _by_ref(state: Any) -> dict[str, Any]:
    return {i.ref: i for i in state.items}


# -- store: decisions, audit, concurrency --------------------------------------
def test_decisions_apply_and_are_logged(filled: Any) -> None:
    store, _, _ = filled
    fresh = store.review_state(GAL.id)
    assert (fresh.version, fresh.status, fresh.pending) == (0, "new", 8)
    state = _first_round(store)
    items = _by_ref(state)
    assert (state.version, state.status, state.pending) == (1, "in_review", 5)
    assert items["e:0:5:NATION"].status == "accepted"
    assert items["e:16:23:MATERIAL"].status == "corrected"
    assert items["e:16:23:MATERIAL"].norm == "gallium metal"
    assert items["c:0:53"].status == "rejected"
    added = items[f"e:{STOCK}:{STOCK + 10}:MATERIAL"]
    assert (added.status, added.norm, added.text, added.confidence) == (
        "added", "stockpiles", "stockpiles", None)
    log, _ = store.page_decisions(document_id=GAL.id)
    assert [d.action for d in log] == ["add", "reject", "correct", "accept"]  # newest first
    corr = log[2]
    assert corr.editor == "alice#2" and corr.review_version == 1
    assert (corr.start, corr.end, corr.label) == (16, 23, "MATERIAL")
    assert corr.before == {"start": 16, "end": 23, "label": "MATERIAL", "norm": "gallium"}
    assert corr.after == {"start": 16, "end": 23, "label": "MATERIAL", "norm": "gallium metal"}
    assert log[1].after is None
    assert store.page_decisions(editor="bob#9")[0] == []


def test_a_stale_version_is_a_conflict_and_writes_nothing(filled: Any) -> None:
    store, _, _ = filled
    store.record_decisions(GAL.id, 0, [_d(action="accept", **CHINA)], "alice#2")
    with pytest.raises(ReviewConflict, match=r"changed by alice#2 .*review version 1; yours "
                                             r"was 0.*reload it"):
        store.record_decisions(GAL.id, 0, [_d(action="reject", **CHINA)], "bob#3")
    assert _by_ref(store.review_state(GAL.id))["e:0:5:NATION"].status == "accepted"
    assert len(store.page_decisions()[0]) == 1
    again = store.record_decisions(GAL.id, 1, [_d(action="reject", **CHINA)], "bob#3")
    assert again.version == 2 and _by_ref(again)["e:0:5:NATION"].status == "rejected"


@pytest.mark.parametrize(("decision", "message"), [
    ({"action": "accept", "target": "entity", "start": 0, "end": 4, "label": "NATION"},
     r"has no entity \[0:4\] NATION; reload"),
    ({"action": "accept", "target": "entity"}, "needs the entity's key: start and end and label"),
    ({"action": "add", "target": "entity", "after": {"start": 0, "end": 5, "label": "NATION"}},
     "already has this entity at \\[0:5\\]; accept or correct it"),
    ({"action": "add", "target": "entity", "after": {"start": 5, "end": 999,
                                                     "label": "NATION"}},
     r"span \[5:999\] is not inside the text"),
    ({"action": "add", "target": "claim", "after": {"start": 0, "end": 20}},
     "a new claim needs a category"),
    ({"action": "correct", **CHINA}, "correct needs 'after'"),
    ({"action": "reviewed", **CHINA}, "'reviewed' goes with target 'document'"),
    ({"action": "reviewed", "target": "document"}, "8 items .* are still pending"),
])
def test_bad_decisions_are_refused_with_the_way_out(filled: Any, decision: dict[str, Any],
                                                    message: str) -> None:
    store, _, _ = filled
    with pytest.raises(InvalidDecision, match=message):
        store.record_decisions(GAL.id, 0, [_d(**decision)], "alice#2")
    assert store.review_state(GAL.id).version == 0  # all or nothing


def test_mark_reviewed_after_deciding_everything(filled: Any) -> None:
    store, _, _ = filled
    _first_round(store)
    pending = [i for i in store.review_state(GAL.id).items if i.status == "pending"]
    batch = [_d(target=i.target, action="accept", start=i.key_start, end=i.key_end,
                label=i.key_label) for i in pending]
    done = store.record_decisions(GAL.id, 1, [*batch, _d(target="document", action="reviewed")],
                                  "alice#2")
    assert (done.status, done.pending, done.version) == ("reviewed", 0, 2)
    assert store.page_decisions(limit=1)[0][0].after == {"status": "reviewed"}


# -- re-extraction ------------------------------------------------------------------
def test_reextraction_keeps_decisions_and_flags_disagreements(filled: Any) -> None:
    store, _, _ = filled
    _first_round(store)
    new = GAL.model_copy(deep=True)
    new.extractor_version = "2+new-model"
    # the new model drops the accepted "China", keeps the corrected and rejected items as
    # they were, and now finds the added "stockpiles" itself
    new.entities = [m for m in new.entities if m.start != 0] + [Mention(
        start=STOCK, end=STOCK + 10, text="stockpiles", label="MATERIAL", norm="stockpiles",
        confidence=0.7, page=1, component="gazetteer:name")]
    assert store.upsert_document(new) == "changed"
    state = store.review_state(GAL.id)
    items = _by_ref(state)
    assert items["e:0:5:NATION"].status == "accepted"  # kept
    assert items["e:0:5:NATION"].flagged and items["e:0:5:NATION"].model is None
    assert items["e:16:23:MATERIAL"].norm == "gallium metal" and not items[
        "e:16:23:MATERIAL"].flagged  # the model says what it said: nothing new
    assert items["c:0:53"].status == "rejected" and not items["c:0:53"].flagged
    added = items[f"e:{STOCK}:{STOCK + 10}:MATERIAL"]
    assert added.status == "added" and not added.flagged  # now agrees
    assert added.confidence == 0.7
    assert sum(i.ref == added.ref for i in state.items) == 1  # not listed twice
    assert (state.flagged, state.extractor_version) == (1, "2+new-model")
    assert [(d, i.ref) for d, i in store.disagreements()] == [(GAL.id, "e:0:5:NATION")]
    # deciding again on the flagged item clears the flag
    again = store.record_decisions(GAL.id, 1, [_d(action="reject", **CHINA)], "alice#2")
    assert again.flagged == 0 and store.disagreements(GAL.id) == []


def test_a_changed_model_contradicting_a_correction_is_flagged(filled: Any) -> None:
    store, _, _ = filled
    _first_round(store)
    new = GAL.model_copy(deep=True)
    for m in new.entities:
        if m.start == 16:
            m.norm = "gallium oxide"
    store.upsert_document(new)
    item = _by_ref(store.review_state(GAL.id))["e:16:23:MATERIAL"]
    assert item.flagged and item.norm == "gallium metal"
    assert item.model == {"start": 16, "end": 23, "label": "MATERIAL", "norm": "gallium oxide"}


# -- queue, reviewed-only, gold, training ----------------------------------------------
def test_queue_orders_by_need_and_filters(filled: Any) -> None:
    store, tokens, client = filled
    r = client.get("/queue", headers=_h(tokens["analyst"]))
    assert r.status_code == 200, r.text
    rows = r.json()["items"]
    needs = [x["need"] for x in rows]
    assert needs == sorted(needs, reverse=True) and len(rows) == 3  # the failed one is out
    assert {x["review_status"] for x in rows} == {"new"}
    _first_round(store)
    q = client.get("/queue?status=in_review", headers=_h(tokens["analyst"])).json()["items"]
    assert [(x["id"], x["review_version"], x["pending"], x["updated_by"]) for x in q] == [
        (GAL.id, 1, 5, "alice#2")]
    by_cat = client.get("/queue?category=capacity", headers=_h(tokens["analyst"])).json()
    assert [x["source"] for x in by_cat["items"]] == ["corpus/news/shells.html"]
    by_label = client.get("/queue?label=SUPPLIER&doc_type=agreement",
                          headers=_h(tokens["analyst"])).json()["items"]
    assert [x["source"] for x in by_label] == ["corpus/agreements/rare-earths.txt"]
    page1 = client.get("/queue?limit=2", headers=_h(tokens["analyst"])).json()
    page2 = client.get(f"/queue?limit=2&cursor={page1['next_cursor']}",
                       headers=_h(tokens["analyst"])).json()
    assert len({x["id"] for x in page1["items"] + page2["items"]}) == 3
    assert page2["next_cursor"] is None


def test_reviewed_only_claims_and_mentions(filled: Any) -> None:
    store, tokens, client = filled
    h = _h(tokens["analyst"])
    assert client.get("/mentions?reviewed_only=true", headers=h).json()["items"] == []
    _first_round(store)
    store.record_decisions(GAL.id, 1, [_d(action="accept", target="claim", start=54,
                                          end=143)], "alice#2")
    ms = client.get("/mentions?reviewed_only=true", headers=h).json()["items"]
    assert [(m["quote"], m["norm"], m["component"]) for m in ms] == [
        ("China", "CHN", "review:accepted"), ("gallium", "gallium metal", "review:corrected"),
        ("stockpiles", "stockpiles", "review:added")]
    assert client.get("/mentions?reviewed_only=true&norm=gallium", headers=h).json()[
        "items"] == []
    cs = client.get("/claims?reviewed_only=true", headers=h).json()["items"]
    assert [(c["start"], c["category"], c["confidence"]) for c in cs] == [
        (54, "dependency", 1.0)]  # the rejected claim is not there
    assert client.get("/claims?reviewed_only=true&nation=CHN", headers=h).json()["items"] == []
    assert len(client.get("/claims", headers=h).json()["items"]) == 6  # the model's, as before


def test_export_reviewed_gold(filled: Any, db_url: str, tmp_path: Path) -> None:
    store, _, _ = filled
    _first_round(store)
    state = store.review_state(GAL.id)
    rest = [_d(target=i.target, action="accept", start=i.key_start, end=i.key_end,
               label=i.key_label) for i in state.items if i.status == "pending"]
    store.record_decisions(GAL.id, 1, [*rest, _d(target="document", action="reviewed")], "a#2")
    store.record_decisions(DOCS[1].id, 0, [_d(action="accept", target="claim", start=0,
                                              end=47)], "a#2")  # in review: not exported
    out = tmp_path / "gold.jsonl"
    r = CliRunner().invoke(cli, ["export", "--reviewed", "--format", "gold", "-o", str(out),
                                 "--db", db_url])
    assert r.exit_code == 0, r.output
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(lines) == 1
    gold = lines[0]
    assert set(gold) == {"id", "text", "entities", "claims"}
    assert gold["id"] == GAL.id and gold["text"] == GALLIUM
    assert {"start": 0, "end": 5, "label": "NATION", "norm": "CHN"} in gold["entities"]
    assert {"start": 16, "end": 23, "label": "MATERIAL", "norm": "gallium metal"} in gold[
        "entities"]
    assert {"start": STOCK, "end": STOCK + 10, "label": "MATERIAL",
            "norm": "stockpiles"} in gold["entities"]
    assert gold["claims"] == [{"start": 54, "end": 143, "category": "dependency",
                               "modality": "hedged"}]  # the rejected one is left out
    assert load_gold(out, tmp_path)[0]["entities"] == gold["entities"]  # `riskatlas eval` reads it


def test_export_reviewed_needs_gold_format(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["export", "--reviewed", "-o", str(tmp_path / "x"),
                                 "--db", str(tmp_path / "x.db")])
    assert r.exit_code == 1 and "add --format gold" in r.stderr


def test_train_claims_from_store_needs_reviewed_claims(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["train", "claims", "--from-store", "--db",
                                 str(tmp_path / "empty.db")])
    assert r.exit_code == 1 and "no reviewed claims in" in r.stderr


def test_reviewed_claims_become_training_examples(filled: Any, tmp_path: Path) -> None:
    from pipeline.train import train_claims

    store, _, _ = filled
    _first_round(store)
    store.record_decisions(GAL.id, 1, [_d(action="correct", target="claim", start=54, end=143,
                                          after={"category": "capacity"})], "alice#2")
    extra = store.claim_review_examples()
    assert extra == [("China restricts gallium exports to the United States.", None, None),
                     (GALLIUM[54:143], "capacity", "hedged")]
    data = tmp_path / "claims"
    data.mkdir()
    rows = [{"text": f"{w} depends on one supplier for {m}.", "category": "dependency",
             "modality": "asserted"} for w in ("Italy", "Spain", "Norway") for m in ("nickel",
                                                                                   "cobalt")]
    rows += [{"text": f"The {w} meeting was held in {m}.", "category": "none"}
             for w in ("annual", "spring", "board") for m in ("May", "June")]
    (data / "a.jsonl").write_text("\n".join(json.dumps(x) for x in rows))
    report = train_claims(data, tmp_path, EMB, out=tmp_path / "m" / "claims.joblib",
                          extra=extra, cv=False)
    assert (report["examples"], report["extra_examples"], report["claims"]) == (14, 2, 7)
    meta = json.loads((tmp_path / "m" / "claims.json").read_text())
    assert meta["n_examples"] == 14 and meta["data"]["extra_examples"] == 2


# -- migration ------------------------------------------------------------------------
def test_store_at_schema_2_gains_the_review_tables(tmp_path: Path) -> None:
    db = str(tmp_path / "v2.db")
    store = Store(db)
    store.upsert_document(GAL)
    with store.engine.begin() as c:
        for t in ("review_decisions", "review_items", "review_documents", "review_sessions"):
            c.exec_driver_sql(f"DROP TABLE {t}")
        c.exec_driver_sql("UPDATE meta SET value='2' WHERE key='schema_version'")
    store.engine.dispose()
    again = Store(db)
    assert again.migrate() == SCHEMA_VERSION >= 3
    assert again.record_decisions(GAL.id, 0, [_d(action="accept", **CHINA)], "a#1").version == 1


# -- HTTP API ------------------------------------------------------------------------
def test_api_decisions_conflict_and_audit(filled: Any) -> None:
    store, tokens, client = filled
    ed, adm = _h(tokens["editor"]), _h(tokens["admin"])
    url = f"/documents/{GAL.id}/decisions"
    state = client.get(f"/documents/{GAL.id}/review", headers=_h(tokens["analyst"])).json()
    assert state["version"] == 0 and state["items"][0]["ref"] == "c:0:53"
    r = client.post(url, headers=ed, json={"version": 0, "decisions": [
        {"action": "accept", **CHINA}]})
    assert r.status_code == 200, r.text
    assert r.json()["version"] == 1
    r = client.post(url, headers=adm, json={"version": 0, "decisions": [
        {"action": "reject", **CHINA}]})  # a second editor, on what they loaded before
    assert r.status_code == 409
    err = r.json()["error"]
    assert err["code"] == "conflict"
    assert re.search(r"changed by editor test#\d+ .*reload it", err["message"])
    r = client.post(url, headers=ed, json={"version": 1, "decisions": [
        {"action": "accept", "target": "entity", "start": 0, "end": 3, "label": "NATION"}]})
    assert r.status_code == 422 and "has no entity [0:3] NATION" in r.json()["error"]["message"]
    r = client.post(url, headers=_h(tokens["analyst"]), json={"version": 1, "decisions": [
        {"action": "reject", **CHINA}]})
    assert r.status_code == 403
    log = client.get(f"/decisions?document_id={GAL.id}", headers=_h(tokens["analyst"])).json()
    assert [(d["action"], d["editor"].startswith("editor test#")) for d in log["items"]] == [
        ("accept", True)]
    assert log["items"][0]["model_version"] is None  # the hand-made documents have none
    assert client.post(f"/documents/{'0' * 64}/decisions", headers=ed, json={
        "version": 0, "decisions": [{"action": "accept", **CHINA}]}).status_code == 404


# -- the page: sign-in, CSRF, escaping --------------------------------------------------
def _sign_in(client: TestClient, token: str) -> str:
    r = client.post("/review/login", data={"token": token}, follow_redirects=False)
    assert r.status_code == 303, r.text
    page = client.get("/review")
    return re.search(r'name="csrf-token" content="([^"]+)"', page.text).group(1)


def test_page_sign_in_needs_an_editor_token(filled: Any) -> None:
    _, tokens, client = filled
    r = client.get("/review", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/review/login")
    assert client.post("/review/login", data={"token": "ra_nope"}).status_code == 401
    r = client.post("/review/login", data={"token": tokens["analyst"]})
    assert r.status_code == 403 and "needs an editor token" in r.text
    r = client.post("/review/login", data={"token": tokens["editor"]}, follow_redirects=False)
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    page = client.get("/review")
    assert page.status_code == 200 and "Review queue" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "Claim model claims-1, last trained" in page.text
    assert client.get("/review/audit").status_code == 200


def test_cookie_writes_need_the_csrf_header(filled: Any) -> None:
    _, tokens, client = filled
    csrf = _sign_in(client, tokens["editor"])
    url = f"/documents/{GAL.id}/decisions"
    body = {"version": 0, "decisions": [{"action": "accept", **CHINA}]}
    r = client.post(url, json=body)  # the cookie alone, as a forged cross-site form would
    assert r.status_code == 403 and "X-CSRF-Token" in r.json()["error"]["message"]
    assert client.post(url, json=body, headers={"X-CSRF-Token": "wrong"}).status_code == 403
    r = client.post(url, json=body, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200 and r.json()["items"][1]["status"] == "accepted"
    assert client.get(f"/documents/{GAL.id}/review").status_code == 200  # reads need none
    secret = client.cookies.get("ra_session")
    client.post("/review/logout", data={"csrf": csrf})
    assert client.get("/review", follow_redirects=False).status_code == 303
    client.cookies.set("ra_session", secret)  # the old cookie no longer opens anything
    r = client.post(url, json={**body, "version": 1}, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 401 and "sign in again" in r.json()["error"]["message"]
    assert client.get("/review", follow_redirects=False).status_code == 303


def test_revoking_the_token_ends_its_sessions(filled: Any) -> None:
    store, tokens, client = filled
    _sign_in(client, tokens["editor"])
    editor_id = next(t.id for t in store.list_tokens() if t.role == "editor")
    store.revoke_token(editor_id)
    assert client.get("/review", follow_redirects=False).status_code == 303


def test_document_html_renders_as_text(filled: Any) -> None:
    store, tokens, client = filled
    text = ('Beware <script>alert("x")</script> and <img src=x onerror=alert(1)>: '
            "China restricts gallium.")
    start = text.index("China")
    doc = Document(id=sha256(text), source="corpus/evil.html", title="<b>Bold</b> title",
                   text=text, pages=[Page(number=1, start=0, end=len(text))],
                   entities=[Mention(start=start, end=start + 5, text="China", label="NATION",
                                     norm="CHN", confidence=0.9, component="t")],
                   claims=[RiskClaim(start=0, end=len(text), text=text,
                                     category="trade_restriction", modality="asserted",
                                     confidence=0.5)])
    store.upsert_document(doc)
    _sign_in(client, tokens["editor"])
    for url in (f"/review/doc/{doc.id}", f"/review/doc/{doc.id}/main", "/review"):
        html = client.get(url).text
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>Bold" not in html
    html = client.get(f"/review/doc/{doc.id}").text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "&lt;b&gt;Bold&lt;/b&gt; title" in html
    # the text pane holds exactly the document's text, so page offsets are text offsets
    pane = re.search(r'<article id="doctext" class="doctext">(.*?)</article>', html, re.S)
    import html as htmllib

    assert htmllib.unescape(re.sub(r"<[^>]+>", "", pane.group(1))) == text
    assert client.get("/review/doc/nope").status_code == 404


def test_concurrent_first_writes_one_wins_the_others_conflict(filled: Any) -> None:
    from concurrent.futures import ThreadPoolExecutor

    store, _, _ = filled

    def write(n: int) -> str:
        try:
            store.record_decisions(GAL.id, 0, [_d(action="reject", **CHINA)], f"e#{n}")
            return "ok"
        except ReviewConflict:
            return "conflict"

    with ThreadPoolExecutor(6) as pool:
        results = sorted(pool.map(write, range(6)))
    assert results == ["conflict"] * 5 + ["ok"]
    assert store.review_state(GAL.id).version == 1
    assert len(store.page_decisions()[0]) == 1


def test_review_records_round_trip(filled: Any) -> None:
    from pipeline.models import DecisionBatch, QueueItem, ReviewDecision, ReviewState

    store, _, _ = filled
    state = _first_round(store)
    assert ReviewState.model_validate_json(state.model_dump_json()) == state
    dec = store.page_decisions()[0][0]
    assert ReviewDecision.model_validate_json(dec.model_dump_json()) == dec
    q = store.review_queue()[0][0]
    assert QueueItem.model_validate_json(q.model_dump_json()) == q
    batch = DecisionBatch(version=1, decisions=[_d(action="accept", **CHINA)])
    assert DecisionBatch.model_validate_json(batch.model_dump_json()) == batch


def test_adjusting_a_span_keeps_the_items_key(filled: Any) -> None:
    store, _, _ = filled
    # "United States" at [39:52] -> "States" [46:52]; later decisions use the same key
    state = store.record_decisions(GAL.id, 0, [_d(
        action="correct", target="entity", start=39, end=52, label="NATION",
        after={"start": 46, "end": 52})], "alice#2")
    item = _by_ref(state)["e:39:52:NATION"]
    assert (item.start, item.end, item.text, item.status) == (46, 52, "States", "corrected")
    state = store.record_decisions(GAL.id, 1, [_d(action="reject", target="entity", start=39,
                                                  end=52, label="NATION")], "alice#2")
    assert _by_ref(state)["e:39:52:NATION"].status == "rejected"
    assert store.page_decisions(limit=1)[0][0].before["start"] == 46
