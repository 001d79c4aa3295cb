"""Prefect flows of RiskAtlas. Nothing imports this package but the CLI."""

from __future__ import annotations

import logging
import os


def quiet_prefect() -> None:
    """No telemetry, no chatter, no shutdown tracebacks from the temporary server.

    Called before ``prefect`` is imported. A user's own settings win.
    """
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_SERVER_LEVEL", "ERROR")
    os.environ.setdefault("PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW", "ignore")
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "ERROR")
    os.environ.setdefault("PREFECT_UI_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
    # Dask (--task-runner dask): worker processes read this too. Shutdown chatter
    # (heartbeats to a scheduler already closed) is logged as errors, so: critical.
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "critical")
    for name in ("prefect", "uvicorn", "uvicorn.error", "httpx", "docket", "distributed"):
        logging.getLogger(name).setLevel(logging.ERROR)
