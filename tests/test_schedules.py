"""Schedules, feeds, the worker's deployments, fetch retries and `riskatlas runs`
(issue 9). Feeds and documents come from a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.errors import AlreadyExists, FetchError, NotFound, TransientFetchError
from pipeline.feeds import read_feed
from pipeline.models import Schedule
from pipeline.store import Store

runner = CliRunner()


# -- a small web server: fixed answers, ETag support, a log of requests -------------
class Site:
    def __init__(self) -> None:
        self.pages: dict[str, tuple[bytes, str]] = {}  # path -> (body, content type)
        self.fail: dict[str, list[int]] = {}  # path -> statuses to answer first, in turn
        self.log: list[tuple[str, int]] = []  # (path, status)
        self.url = ""

    def put(self, path: str, body: str, ctype: str = "text/plain") -> str:
        self.pages[path] = (body.encode(), ctype)
        return self.url + path

    def gets(self, path: str) -> list[int]:
        return [status for p, status in self.log if p == path]


@pytest.fixture
def site() -> Iterator[Site]:
    import hashlib

    s = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            path = self.path
            if s.fail.get(path):
                status = s.fail[path].pop(0)
                s.log.append((path, status))
                self.send_error(status)
                return
            if path not in s.pages:
                s.log.append((path, 404))
                self.send_error(404)
                return
            body, ctype = s.pages[path]
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                s.log.append((path, 304))
                self.send_response(304)
                self.end_headers()
                return
            s.log.append((path, 200))
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    s.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield s
    server.shutdown()
    server.server_close()


def rss(items: list[tuple[str, str, str]]) -> str:
    """An RSS 2.0 feed of (guid, link, pubDate) items."""
    body = "".join(f"<item><title>{g}</title><link>{link}</link>"
                   f'<guid isPermaLink="false">{g}</guid><pubDate>{d}</pubDate></item>'
                   for g, link, d in items)
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
            f"<link>http://example.org/</link><description>d</description>{body}"
            "</channel></rss>")


D1 = "Mon, 01 Jan 2024 00:00:00 GMT"
D2 = "Tue, 02 Jan 2024 00:00:00 GMT"
TEXTS = {
    "a": "China restricts gallium exports to the United States, a report said on Monday.",
    "b": "NATO allies face shortages of artillery shells as Rheinmetall expands in Germany.",
    "c": "Japan and Australia agree to secure rare earth supply chains with Lynas.",
}


# -- the store ----------------------------------------------------------------------
def test_schedules_are_kept_paused_resumed_and_removed(store: Store) -> None:
    sch = store.add_schedule(Schedule(name="news", sources=["https://e.org/feed"], feed=True,
                                      cron="0 6 * * *"))
    assert sch.created_at is not None and not sch.paused and sch.interval is None
    store.add_schedule(Schedule(name="papers", sources=["/data/papers"], interval=3600))
    assert [s.name for s in store.schedules()] == ["news", "papers"]
    with pytest.raises(AlreadyExists, match="a schedule named 'news' exists"):
        store.add_schedule(Schedule(name="news", sources=["x"], interval=60))
    assert store.set_schedule_paused("news", True).paused
    assert not store.set_schedule_paused("news", False).paused
    store.remove_schedule("news")
    with pytest.raises(NotFound, match="no schedule 'news'; list them with"):
        store.get_schedule("news")
    with pytest.raises(NotFound, match="no schedule 'gone'"):
        store.set_schedule_paused("gone", True)


def test_feed_entries_and_validators_are_upserted(store: Store) -> None:
    url = "https://e.org/feed"
    assert store.feed_validators(url) == (None, None) and store.feed_entries(url) == {}
    store.remember_feed(url, [("a", "https://e.org/a", "v1"), ("b", "https://e.org/b", "v1")],
                        ('"e1"', None))
    store.remember_feed(url, [("a", "https://e.org/a", "v2")], ('"e2"', "Tue"))
    assert store.feed_entries(url) == {"a": "v2", "b": "v1"}
    assert store.feed_validators(url) == ('"e2"', "Tue")
    store.remember_feed(url, [], None)  # nothing to record: nothing changes
    assert store.feed_validators(url) == ('"e2"', "Tue")


def test_schedule_model_round_trips_and_checks_its_name() -> None:
    from pydantic import ValidationError

    s = Schedule(name="a.b_c-1", sources=["x"], interval=5)
    assert Schedule.model_validate_json(s.model_dump_json()) == s
    for bad in ("", "a/b", "-a", "x" * 65):
        with pytest.raises(ValidationError):
            Schedule(name=bad, sources=["x"], interval=5)


# -- feeds --------------------------------------------------------------------------
def test_read_feed_returns_new_and_changed_items_and_uses_the_etag(site: Site) -> None:
    url = site.put("/feed.xml", rss([("a", "https://e.org/a", D1), ("b", "https://e.org/b", D1)]),
                   "application/rss+xml")
    first = read_feed(url, {})
    assert [i.entry_id for i in first.items] == ["a", "b"] and first.etag
    seen = {i.entry_id: i.version for i in first.items}
    again = read_feed(url, seen, etag=first.etag)
    assert again.not_modified and again.items == []
    assert site.gets("/feed.xml") == [200, 304]
    site.put("/feed.xml", rss([("a", "https://e.org/a", D2), ("b", "https://e.org/b", D1),
                               ("c", "https://e.org/c", D1)]), "application/rss+xml")
    changed = read_feed(url, seen, etag=first.etag)
    assert [i.entry_id for i in changed.items] == ["a", "c"]  # a was updated, c is new


def test_read_feed_errors_say_whether_to_retry(site: Site, tmp_path: Path) -> None:
    site.fail["/busy.xml"] = [503]
    with pytest.raises(TransientFetchError, match="busy.xml answered HTTP 503; retry later"):
        read_feed(site.url + "/busy.xml", {})
    with pytest.raises(FetchError, match="missing.xml answered HTTP 404; check the address"):
        read_feed(site.url + "/missing.xml", {})
    with pytest.raises(TransientFetchError, match="could not be fetched"):
        read_feed("http://127.0.0.1:9/feed.xml", {}, timeout=2)
    page = tmp_path / "page.html"
    page.write_text("not a feed <<<")
    with pytest.raises(FetchError, match="is not an RSS or Atom feed"):
        read_feed(str(page), {})


# -- the CLI ------------------------------------------------------------------------
def test_cli_schedule_add_list_pause_resume_remove(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    folder = tmp_path / "papers"
    folder.mkdir()
    r = runner.invoke(app, ["schedule", "add", "papers", "--source", str(folder),
                            "--interval", "3600", "--db", db, "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["sources"] == [str(folder.resolve())]
    r = runner.invoke(app, ["schedule", "add", "news", "--source", "https://e.org/feed.xml",
                            "--feed", "--cron", "0 6 * * *", "--db", db])
    assert r.exit_code == 0 and "schedule news added" in r.stderr
    r = runner.invoke(app, ["schedule", "pause", "news", "--db", db])
    assert r.exit_code == 0 and "schedule news paused" in r.stderr
    r = runner.invoke(app, ["schedule", "list", "--db", db, "--json"])
    listed = {s["name"]: s for s in json.loads(r.stdout)}
    assert listed["news"]["paused"] and listed["news"]["feed"] and listed["news"]["cron"]
    assert listed["papers"]["interval"] == 3600 and not listed["papers"]["paused"]
    r = runner.invoke(app, ["schedule", "list", "--db", db])
    assert r.exit_code == 0 and "news" in r.stdout and "paused" in r.stdout
    r = runner.invoke(app, ["schedule", "resume", "news", "--db", db, "--json"])
    assert r.exit_code == 0 and not json.loads(r.stdout)["paused"]
    r = runner.invoke(app, ["schedule", "remove", "news", "--db", db])
    assert r.exit_code == 0 and "schedule news removed" in r.stderr
    assert [s.name for s in Store(db).schedules()] == ["papers"]


@pytest.mark.parametrize(("args", "message"), [
    (["x", "--source", "https://e.org"], "give exactly one of --cron and --interval"),
    (["x", "--source", "https://e.org", "--cron", "0 6 * *", "--interval", "5"],
     "give exactly one of --cron and --interval"),
    (["x", "--source", "https://e.org", "--cron", "0 6 * *"],
     "is not a cron expression; give five fields"),
    (["x", "--source", "https://e.org", "--interval", "0"], "--interval must be a positive"),
    (["x", "--source", "/no/such/folder", "--interval", "60"],
     "/no/such/folder does not exist; check the path"),
    (["a/b", "--source", "https://e.org", "--interval", "60"], "is not a schedule name"),
])
def test_cli_schedule_add_refuses_bad_input(tmp_path: Path, args: list[str],
                                            message: str) -> None:
    r = runner.invoke(app, ["schedule", "add", *args, "--db", str(tmp_path / "s.db")])
    assert r.exit_code == 1 and message in r.stderr, r.output


def test_cli_schedule_errors_name_the_way_out(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    runner.invoke(app, ["schedule", "add", "n", "--source", "https://e.org", "--interval", "9",
                        "--db", db])
    r = runner.invoke(app, ["schedule", "add", "n", "--source", "https://e.org", "--interval",
                            "9", "--db", db])
    assert r.exit_code == 1 and "remove it with `riskatlas schedule remove n`" in r.stderr
    for cmd in ("pause", "resume", "remove", "run-now"):
        r = runner.invoke(app, ["schedule", cmd, "zz", "--db", db])
        assert r.exit_code == 1 and "no schedule 'zz'" in r.stderr, cmd


def test_cli_runs_lists_reports_newest_first(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    from pipeline.models import Failure, RunReport

    db = str(tmp_path / "r.db")
    r = runner.invoke(app, ["runs", "--db", db])
    assert r.exit_code == 0 and "no runs yet" in r.stderr
    store = Store(db)
    t0 = datetime(2025, 1, 1, tzinfo=UTC)
    store.save_run(RunReport(id="old", started_at=t0, new=3, seconds={"read": 1.0}))
    store.save_run(RunReport(id="new", started_at=t0 + timedelta(hours=1), failed=1,
                             schedule="news", failures=[Failure(
                                 source="x.pdf", status="failed", reason="x.pdf is broken")]))
    r = runner.invoke(app, ["runs", "--db", db, "--json"])
    assert [x["id"] for x in json.loads(r.stdout)] == ["new", "old"]
    assert json.loads(r.stdout)[0]["schedule"] == "news"
    r = runner.invoke(app, ["runs", "--db", db, "--limit", "1"])
    assert r.exit_code == 0 and "new" in r.stdout and "x.pdf is broken" in r.stderr


# -- flows: feeds end to end, fetch retries, the worker's deployments (Prefect) -------
@pytest.fixture(scope="module")
def harness() -> Iterator[None]:
    from flows import quiet_prefect

    quiet_prefect()
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    import flows.ingest as fl

    monkeypatch.setenv("RISKATLAS_EMBEDDER", "hashing")
    monkeypatch.setattr(fl, "_models", {})
    monkeypatch.setattr(fl, "_stores", {})


@pytest.mark.slow
def test_feed_schedule_ingests_only_new_or_changed_items(harness: None, hashing: None,
                                                         site: Site, db_url: str) -> None:
    links = {k: site.put(f"/{k}.txt", v) for k, v in TEXTS.items()}
    feed = site.put("/feed.xml", rss([("a", links["a"], D1), ("b", links["b"], D1)]),
                    "application/rss+xml")
    r = runner.invoke(app, ["schedule", "add", "news", "--source", feed, "--feed", "--cron",
                            "0 6 * * *", "--db", db_url])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["schedule", "run-now", "news", "--db", db_url, "--json"])
    assert r.exit_code == 0, r.output
    first = json.loads(r.stdout)
    assert first["new"] == 2 and first["schedule"] == "news" and first["sources"] == [feed]
    assert site.gets("/a.txt") == [200] and site.gets("/b.txt") == [200]
    # nothing new: one conditional GET of the feed, no document fetched
    r = runner.invoke(app, ["schedule", "run-now", "news", "--db", db_url, "--json"])
    assert json.loads(r.stdout)["new"] == 0
    assert site.gets("/feed.xml") == [200, 304] and site.gets("/a.txt") == [200]
    # a new item and an updated one: only those two fetched
    site.put("/a.txt", TEXTS["a"] + " Prices rose.")
    site.put("/feed.xml", rss([("a", links["a"], D2), ("b", links["b"], D1),
                               ("c", links["c"], D1)]), "application/rss+xml")
    r = runner.invoke(app, ["schedule", "run-now", "news", "--db", db_url, "--json"])
    third = json.loads(r.stdout)
    assert (third["new"], third["changed"]) == (1, 1)
    assert site.gets("/a.txt") == [200, 200] and site.gets("/b.txt") == [200]
    store = Store(db_url)
    assert sorted(store.sources()) == sorted(links.values())
    assert store.feed_entries(feed) == {"a": D2, "b": D1, "c": D1}
    r = runner.invoke(app, ["runs", "--db", db_url, "--json"])
    assert [x["schedule"] for x in json.loads(r.stdout)] == ["news"] * 3
    store.engine.dispose()


@pytest.mark.slow
def test_fetch_is_retried_on_network_errors_only(harness: None, hashing: None, site: Site,
                                                 tmp_path: Path) -> None:
    from flows.ingest import ingest_flow

    flaky = site.put("/flaky.txt", TEXTS["a"])
    site.fail["/flaky.txt"] = [503]
    gone = site.url + "/gone.txt"
    report = ingest_flow([flaky, gone], db=str(tmp_path / "f.db"), themes=False)
    assert report.new == 1 and report.failed == 1
    assert site.gets("/flaky.txt") == [503, 200]  # retried after the 503
    assert site.gets("/gone.txt") == [404]  # a 404 is not retried
    assert "gone.txt answered HTTP 404; check the address" in report.failures[0].reason
    assert "fetch" in report.seconds


@pytest.mark.slow
def test_a_failed_feed_item_is_fetched_again_next_run(harness: None, hashing: None,
                                                      site: Site, tmp_path: Path) -> None:
    from flows.deploy import schedule_flow

    db = str(tmp_path / "f.db")
    ok = site.put("/ok.txt", TEXTS["b"])
    later = site.url + "/later.txt"
    feed = site.put("/feed.xml", rss([("ok", ok, D1), ("later", later, D1)]))
    Store(db).add_schedule(Schedule(name="f", sources=[feed, site.url + "/old-feed.xml"],
                                    feed=True, interval=60))
    first = schedule_flow("f", db=db)
    assert first is not None and (first.new, first.failed) == (1, 2)
    assert any("old-feed.xml answered HTTP 404" in f.reason for f in first.failures)
    site.put("/later.txt", TEXTS["c"])
    second = schedule_flow("f", db=db)
    assert second is not None and second.changed == 1  # the failed record is replaced
    assert site.gets("/ok.txt") == [200] and site.gets("/later.txt") == [404, 200]
    assert site.gets("/feed.xml") == [200, 200]  # validators not kept after a failure
    Store(db).set_schedule_paused("f", True)
    assert schedule_flow("f", db=db) is None  # a paused schedule is skipped


@pytest.mark.slow
def test_worker_serves_one_deployment_per_schedule_in_step_with_the_index(
        harness: None, tmp_path: Path) -> None:
    import asyncio

    from prefect.client.orchestration import get_client
    from prefect.runner import Runner

    from flows.deploy import FLOW_NAME, sync_deployments

    db = str(tmp_path / "w.db")
    folder = tmp_path / "papers"
    folder.mkdir()
    store = Store(db)
    store.add_schedule(Schedule(name="news", sources=["https://e.org/feed"], feed=True,
                                cron="0 6 * * *"))
    store.add_schedule(Schedule(name="papers", sources=[str(folder)], interval=3600,
                                paused=True))

    async def deployments() -> dict[str, Any]:
        async with get_client() as client:
            deps = await client.read_deployments()
            return {d.name: d for d in deps if d.tags == ["riskatlas"]}

    async def scenario() -> None:
        runner = Runner(name="test-worker", pause_on_shutdown=False)
        applied: dict[str, Any] = {}
        assert sorted(await sync_deployments(runner, db, applied)) == ["news", "papers"]
        deps = await deployments()
        assert deps["news"].schedules[0].schedule.cron == "0 6 * * *"
        assert not deps["news"].paused and deps["papers"].paused
        assert deps["papers"].schedules[0].schedule.interval.total_seconds() == 3600
        assert deps["news"].parameters == {"name": "news"}
        assert deps["news"].entrypoint == "flows.deploy.schedule_flow"
        assert await sync_deployments(runner, db, applied) == []  # nothing changed
        store.set_schedule_paused("news", True)
        store.remove_schedule("papers")
        assert sorted(await sync_deployments(runner, db, applied)) == ["news", "papers"]
        deps = await deployments()
        assert set(deps) == {"news"} and deps["news"].paused
        assert all(d.flow_id for d in deps.values())
        async with get_client() as client:
            flow = await client.read_flow(deps["news"].flow_id)
        assert flow.name == FLOW_NAME

    asyncio.run(scenario())
