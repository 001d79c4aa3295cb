"""The review page in a real browser: Playwright for Python driving Debian's Chromium
(``apt-get install -y chromium``; skipped with a message where it is missing). The app
is served by uvicorn on 127.0.0.1 in a background thread over a temp SQLite store.

An editor signs in, opens a document from the queue, accepts an entity, rejects a
claim and adds an entity by selecting text, all with the keyboard; after a reload
all three are still there; then accepts the rest and marks the document reviewed.
A document holding HTML and script shows it as text. Screenshots are saved in the
test's temp folder (and in $RISKATLAS_SCREENSHOT_DIR when set)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pipeline.api import create_app
from pipeline.ingest import sha256
from pipeline.models import Document, Mention, Page
from pipeline.store import Store
from tests.test_api import DOCS, EMB, GALLIUM, _fill

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
EVIL = 'Warning <script>alert("pwned")</script><img src=x onerror=alert(2)> China acts.'

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is missing: install Debian's Chromium with "
                "`apt-get install -y chromium` (.ci/run does) to run the browser test",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api",
                               reason="playwright is missing: pip install -e '.[dev]'")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, dict[str, str], Store]]:
    import uvicorn

    store = Store(str(tmp_path / "review.db"))
    tokens = _fill(store)
    start = EVIL.index("China")
    store.upsert_document(Document(
        id=sha256(EVIL), source="corpus/evil.html", title="<i>Evil</i> page", text=EVIL,
        pages=[Page(number=1, start=0, end=len(EVIL))],
        entities=[Mention(start=start, end=start + 5, text="China", label="NATION",
                          norm="CHN", confidence=0.4, page=1, component="test")]))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(store, embedder=EMB), host="127.0.0.1",
                                           port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", tokens, store
    server.should_exit = True
    thread.join(10)
    store.engine.dispose()


@pytest.fixture
def page(tmp_path: Path) -> Iterator[Any]:
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        ctx = browser.new_context(viewport={"width": 1400, "height": 900})
        pg = ctx.new_page()
        pg.set_default_timeout(15000)
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.on("dialog", lambda d: errors.append(f"dialog: {d.message}"))
        yield pg
        browser.close()
        assert errors == [], errors


def _shot(pg: Any, tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    pg.screenshot(path=str(path))
    if os.environ.get("RISKATLAS_SCREENSHOT_DIR"):
        shutil.copy(path, Path(os.environ["RISKATLAS_SCREENSHOT_DIR"]) / name)
    return path


def _sign_in(pg: Any, base: str, token: str) -> None:
    pg.goto(f"{base}/review/login")
    pg.fill("#token", token)
    pg.keyboard.press("Enter")
    sync_api.expect(pg.locator("h1")).to_have_text("Review queue")


def _status(pg: Any, ref: str) -> str:
    return pg.locator(f'#panel li.item[data-ref="{ref}"]').get_attribute("data-status")


def test_review_a_document_with_the_keyboard(served: Any, page: Any, tmp_path: Path) -> None:
    expect = sync_api.expect
    base, tokens, store = served
    pg = page
    pg.goto(f"{base}/review")
    expect(pg).to_have_url(re.compile(r"/review/login"))
    pg.fill("#token", tokens["editor"])
    pg.keyboard.press("Enter")
    expect(pg.locator("h1")).to_have_text("Review queue")
    _shot(pg, tmp_path, "review-queue.png")

    pg.get_by_role("link", name="Gallium export controls").click()
    expect(pg.locator("#panel li.item.sel")).to_have_attribute("data-ref", "c:0:53")
    msg = pg.locator("#msg")

    pg.keyboard.press("j")  # the claim's first entity: "China"
    expect(pg.locator("#panel li.item.sel")).to_have_attribute("data-ref", "e:0:5:NATION")
    expect(pg.locator("#doctext .hl")).to_have_text("China")
    pg.keyboard.press("a")
    expect(msg).to_contain_text("accepted: China")
    expect(pg.locator("#panel li.item.sel")).to_have_attribute("data-ref", "e:16:23:MATERIAL")

    pg.keyboard.press("k")
    pg.keyboard.press("k")
    expect(pg.locator("#panel li.item.sel")).to_have_attribute("data-ref", "c:0:53")
    pg.keyboard.press("r")
    expect(msg).to_contain_text("rejected: China restricts")

    # add an entity by selecting text: "stockpiles", then n, pick the label, Enter
    pg.evaluate("""() => {
        const root = document.getElementById('doctext');
        const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walk.nextNode())) {
            const i = node.data.indexOf('stockpiles');
            if (i >= 0) {
                const r = document.createRange();
                r.setStart(node, i); r.setEnd(node, i + 'stockpiles'.length);
                const s = window.getSelection(); s.removeAllRanges(); s.addRange(r);
                return;
            }
        }
        throw new Error('no stockpiles in the text');
    }""")
    pg.keyboard.press("n")
    form = pg.locator("#addform")
    expect(form).to_be_visible()
    expect(form).to_contain_text("New entity: “stockpiles”")
    form.locator("select[name=label]").select_option("MATERIAL")
    form.locator("input[name=norm]").press("Enter")
    stock = GALLIUM.index("stockpiles")
    added = f"e:{stock}:{stock + 10}:MATERIAL"
    expect(msg).to_contain_text("added an entity: stockpiles")
    expect(pg.locator(f'#panel li.item[data-ref="{added}"]')).to_have_attribute(
        "data-status", "added")

    pg.keyboard.press("?")
    expect(pg.locator("#help")).to_be_visible()
    pg.keyboard.press("Escape")
    expect(pg.locator("#help")).to_be_hidden()

    pg.reload()  # the decisions are the store's, not the page's
    assert _status(pg, "e:0:5:NATION") == "accepted"
    assert _status(pg, "c:0:53") == "rejected"
    assert _status(pg, added) == "added"
    assert pg.locator(f'#panel li.item[data-ref="{added}"] .vals').inner_text().startswith(
        "norm stockpiles")
    expect(pg.locator('#doctext span.e-rejected, #doctext span.c-rejected').first).to_be_visible()
    pg.keyboard.press("j")
    _shot(pg, tmp_path, "review-page.png")

    pg.keyboard.press("m")  # refused while items are pending
    expect(msg).to_contain_text("still pending")
    pg.keyboard.press("Shift+A")
    expect(msg).to_contain_text("accepted 6 remaining items")
    pg.keyboard.press("m")
    expect(msg).to_contain_text("marked reviewed")
    expect(pg.locator(".statusline .st")).to_have_text("reviewed")
    state = store.review_state(DOCS[0].id)
    assert (state.status, state.pending, state.version) == ("reviewed", 0, 5)

    pg.goto(f"{base}/review/audit")
    expect(pg.locator("table.audit tbody tr")).to_have_count(3 + 6 + 1)
    expect(pg.locator("table.audit tbody tr").first).to_contain_text("reviewed")


def test_a_conflict_is_shown_not_overwritten(served: Any, page: Any) -> None:
    expect = sync_api.expect
    base, tokens, store = served
    pg = page
    _sign_in(pg, base, tokens["editor"])
    pg.goto(f"{base}/review/doc/{DOCS[0].id}")
    from pipeline.models import DecisionInput

    store.record_decisions(DOCS[0].id, 0, [DecisionInput(
        target="entity", action="reject", start=0, end=5, label="NATION")], "other#9")
    pg.keyboard.press("j")
    pg.keyboard.press("a")
    expect(pg.locator("#msg .conflict")).to_contain_text("was changed by other#9")
    assert store.review_state(DOCS[0].id).items[1].status == "rejected"  # not overwritten


def test_html_in_a_document_renders_as_text(served: Any, page: Any, tmp_path: Path) -> None:
    expect = sync_api.expect
    base, tokens, _ = served
    pg = page
    _sign_in(pg, base, tokens["editor"])
    pg.goto(f"{base}/review/doc/{sha256(EVIL)}")
    expect(pg.locator("#doctext")).to_have_text(EVIL)  # the text, not markup
    expect(pg.locator("h1")).to_have_text("<i>Evil</i> page")
    assert pg.locator("#doctext script, #doctext img, h1 i").count() == 0
    pg.keyboard.press("a")
    expect(pg.locator("#msg")).to_contain_text("accepted: China")
    # the page fixture fails the test on any dialog (alert) or script error
