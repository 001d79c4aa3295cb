"""One JSON error shape for every 4xx and 5xx: ``{"error": {"code", "message"}}``."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from pipeline.errors import EmbedderMismatch, InvalidQuery, NotFound
from pipeline.models import ErrorResponse

log = logging.getLogger(__name__)

CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 409: "conflict", 413: "payload_too_large",
         415: "unsupported_media_type", 422: "invalid_request", 429: "too_many_requests",
         500: "internal_error", 503: "unavailable"}

# For the OpenAPI spec: the errors every protected route may answer.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse, "description": "No token, or a bad or revoked one"},
    403: {"model": ErrorResponse, "description": "The token's role is too low"},
    422: {"model": ErrorResponse, "description": "Invalid parameters or body"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse, "description": "No such record"}}


def error_body(status: int, message: str, code: str | None = None) -> dict[str, Any]:
    return {"error": {"code": code or CODES.get(status, f"http_{status}"), "message": message}}


def error_response(status: int, message: str, code: str | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, message, code), status_code=status, headers=headers)


def _where(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("query", "path", "header", "body", "cookie"):
        kind, rest = parts[0], parts[1:]
        name = ".".join(rest)
        if kind == "body":
            return f"body field {name!r}" if name else "the body"
        return f"{kind} parameter {name!r}"
    return ".".join(parts) or "the request"


def validation_message(exc: RequestValidationError) -> str:
    """One readable line per problem, e.g. "query parameter 'limit': Input should be
    less than or equal to 500"."""
    lines = [f"{_where(tuple(e.get('loc', ())))}: {e.get('msg', 'invalid')}"
             for e in exc.errors()[:10]]
    return "; ".join(lines) or "invalid request"


def install(app: FastAPI) -> None:
    """Register the handlers that give every error the one shape."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail
        if isinstance(detail, dict) and "code" in detail:
            return error_response(exc.status_code, str(detail.get("message", "")),
                                  str(detail["code"]), getattr(exc, "headers", None))
        message = detail if isinstance(detail, str) else str(detail)
        if exc.status_code == 404 and message == "Not Found":
            message = "no such route; see /openapi.json for the routes"
        elif exc.status_code == 405:
            message = "method not allowed on this route; see /openapi.json"
        return error_response(exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, validation_message(exc))

    @app.exception_handler(NotFound)
    async def not_found(_request: Request, exc: NotFound) -> JSONResponse:
        return error_response(404, str(exc))

    @app.exception_handler(InvalidQuery)
    async def bad_query(_request: Request, exc: InvalidQuery) -> JSONResponse:
        return error_response(422, str(exc))

    @app.exception_handler(EmbedderMismatch)
    async def mismatch(_request: Request, exc: EmbedderMismatch) -> JSONResponse:
        return error_response(409, str(exc))

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(500, "internal error; the server log has the details")
