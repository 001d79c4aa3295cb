"""Scheduled ingestion: every Prefect deployment of RiskAtlas is defined here.

A schedule (``riskatlas schedule add``) lives in the index; ``riskatlas worker``
serves one deployment of ``schedule_flow`` per schedule (``flow.to_deployment``
on a Prefect ``Runner``, as ``prefect.serve`` does) and keeps them in step with
the index: schedules added, changed, paused or resumed there are applied within
``poll`` seconds, removed ones are deleted from Prefect. The worker passes no
database URL to Prefect (it may hold a password): flow runs read RISKATLAS_DB.
"""

from __future__ import annotations

import asyncio
import logging
import os
from typing import Any

from flows import quiet_prefect

quiet_prefect()

from prefect import flow, task  # noqa: E402

from flows.ingest import _transient, get_store, ingest_flow  # noqa: E402
from pipeline.feeds import FeedUpdate, read_feed  # noqa: E402
from pipeline.models import Failure, RunReport, Schedule, Status  # noqa: E402
from pipeline.settings import get_settings  # noqa: E402

log = logging.getLogger(__name__)

FLOW_NAME = "riskatlas-schedule"


@task(name="read-feed", retries=2, retry_delay_seconds=[2, 10], retry_condition_fn=_transient,
      tags=["riskatlas-fetch"])
def feed_task(url: str, db: str) -> FeedUpdate:
    store = get_store(db)
    etag, modified = store.feed_validators(url)
    s = get_settings()
    return read_feed(url, store.feed_entries(url), etag=etag, modified=modified,
                     user_agent=s.user_agent, timeout=s.fetch_timeout)


@flow(name=FLOW_NAME, log_prints=False, validate_parameters=False)
def schedule_flow(name: str, db: str | None = None, run_paused: bool = False
                  ) -> RunReport | None:
    """Run schedule ``name`` once: ingest its sources, or the new and changed items of
    its feeds, then remember those items. A paused schedule is skipped (None) unless
    ``run_paused``."""
    db = db or get_settings().db
    store = get_store(db)
    sch = store.get_schedule(name)
    if sch.paused and not run_paused:
        log.warning("schedule %s is paused; resume it with `riskatlas schedule resume %s`",
                    name, name)
        return None
    updates: list[FeedUpdate] = []
    bad_feeds: list[Failure] = []
    for url in sch.sources if sch.feed else []:
        state = feed_task(url, db, return_state=True)
        if state.is_completed():
            updates.append(state.result())
        else:  # recorded in the report; the other feeds go on
            bad_feeds.append(Failure(source=url, status=Status.failed,
                                     reason=str(state.result(raise_on_failure=False))))
    sources = [link for u in updates for link in u.links] if sch.feed else list(sch.sources)
    report: RunReport = ingest_flow(sources, db=db)
    report.sources = list(sch.sources)
    report.schedule = name
    report.failed += len(bad_feeds)
    report.failures.extend(bad_feeds)
    store.save_run(report)
    failed = {f.source for f in report.failures}
    for u in updates:
        ok = [(i.entry_id, i.link, i.version) for i in u.items if i.link not in failed]
        # the validators are kept only when every item made it, so that a feed with
        # failed items is read again (and only those items fetched) next time
        whole = len(ok) == len(u.items)
        store.remember_feed(u.url, ok, (u.etag, u.modified) if whole else None)
    return report


async def deployment(sch: Schedule) -> Any:
    """The Prefect deployment of one schedule (a RunnerDeployment)."""
    from prefect.types.entrypoint import EntrypointType

    kind = "feeds" if sch.feed else "sources"
    return await schedule_flow.ato_deployment(
        name=sch.name, parameters={"name": sch.name}, cron=sch.cron, interval=sch.interval,
        paused=sch.paused, tags=["riskatlas"], entrypoint_type=EntrypointType.MODULE_PATH,
        description=f"RiskAtlas: ingest the {kind} {', '.join(sch.sources)}")


def _signature(sch: Schedule) -> tuple[Any, ...]:
    return (tuple(sch.sources), sch.feed, sch.cron, sch.interval, sch.paused)


async def sync_deployments(runner: Any, db: str, applied: dict[str, tuple[Any, ...]]
                           ) -> list[str]:
    """Bring the runner's deployments in step with the schedules in the index;
    ``applied`` (name -> what was applied) is updated. Returns the names changed."""
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound

    current = {s.name: s for s in get_store(db).schedules()}
    changed = []
    for name, sch in current.items():
        if applied.get(name) != _signature(sch):
            await runner.aadd_deployment(await deployment(sch))
            applied[name] = _signature(sch)
            changed.append(name)
    gone = [n for n in applied if n not in current]
    if gone:
        async with get_client() as client:
            for name in gone:
                try:
                    dep = await client.read_deployment_by_name(f"{FLOW_NAME}/{name}")
                    await client.delete_deployment(dep.id)
                except ObjectNotFound:
                    pass
                del applied[name]
                changed.append(name)
    return changed


async def serve_schedules(db: str, poll: float = 30.0) -> None:
    """Serve every schedule of the index until stopped, re-reading them each ``poll``
    seconds. Flow runs run in subprocesses that read RISKATLAS_DB, set here."""
    from prefect.runner import Runner

    os.environ["RISKATLAS_DB"] = db
    runner = Runner(name="riskatlas-worker", pause_on_shutdown=True)
    applied: dict[str, tuple[Any, ...]] = {}
    await sync_deployments(runner, db, applied)
    started = asyncio.create_task(runner.start())
    while not started.done():
        await asyncio.sleep(poll)
        for name in await sync_deployments(runner, db, applied):
            log.warning("schedule %s added, changed or removed: its deployment follows", name)
    await started


def cron_error(expr: str) -> str | None:
    """Why ``expr`` is not a cron expression Prefect can schedule, or None."""
    from prefect.client.schemas.schedules import CronSchedule
    from pydantic import ValidationError

    try:
        CronSchedule(cron=expr)
    except ValidationError:
        return (f"--cron {expr!r} is not a cron expression; give five fields "
                "(minute hour day month weekday), e.g. \"0 6 * * *\"")
    return None
