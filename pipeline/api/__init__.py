"""The analysts' HTTP API: ``create_app(store)`` returns a FastAPI app.

Every route but ``/openapi.json``, ``/docs`` and ``/health`` needs
``Authorization: Bearer <token>``: reading needs the analyst role, writing
editor, token management admin. Errors have one shape,
``{"error": {"code": ..., "message": ...}}``.
"""

from pipeline.api.app import create_app

__all__ = ["create_app"]
