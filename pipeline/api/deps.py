"""Dependencies as ``Annotated`` aliases: the store, the searcher, the caller's token
checked against a role, and the keyset-pagination parameters."""

from __future__ import annotations

import base64
import binascii
import json
import math
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from pipeline.auth import allows, hash_token
from pipeline.models import ApiToken, Role
from pipeline.search import Searcher
from pipeline.store import Store

MAX_LIMIT = 500
MAX_ID = 2**31 - 1  # ids and numbers past this are no record's (and overflow SQLite)


def get_store(request: Request) -> Store:
    return request.app.state.store


def get_searcher(request: Request) -> Searcher:
    return request.app.state.searcher


StoreDep = Annotated[Store, Depends(get_store)]
SearcherDep = Annotated[Searcher, Depends(get_searcher)]

bearer = HTTPBearer(auto_error=False, scheme_name="token",
                    description="A token from `riskatlas token create` or POST /tokens.")
_CHALLENGE = {"WWW-Authenticate": "Bearer"}


def current_token(
    store: StoreDep,
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> ApiToken:
    """The caller's active token, or 401."""
    if creds is None or not creds.credentials:
        raise HTTPException(401, "missing token; send the header `Authorization: Bearer "
                                 "<token>` (an admin makes one with `riskatlas token create`)",
                            headers=_CHALLENGE)
    token = store.token_by_hash(hash_token(creds.credentials))
    if token is None:
        raise HTTPException(401, "invalid or revoked token; ask an admin for a new one",
                            headers=_CHALLENGE)
    return token


CurrentToken = Annotated[ApiToken, Depends(current_token)]


class RequireRole:
    """A dependency that lets through tokens of ``role`` or above, else 403."""

    def __init__(self, role: Role) -> None:
        self.role = role

    def __call__(self, token: CurrentToken) -> ApiToken:
        if not allows(token.role, self.role):
            raise HTTPException(403, f"this needs the {self.role} role or above; "
                                     f"the token is {token.role}")
        return token


require_analyst = RequireRole(Role.analyst)
require_editor = RequireRole(Role.editor)
require_admin = RequireRole(Role.admin)
AnalystToken = Annotated[ApiToken, Depends(require_analyst)]
EditorToken = Annotated[ApiToken, Depends(require_editor)]
AdminToken = Annotated[ApiToken, Depends(require_admin)]

# -- pagination and common filters -------------------------------------------
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Page size, 1 to {MAX_LIMIT}.")]
Cursor = Annotated[str | None, Query(
    max_length=2000, description="The next_cursor of the previous page; omit for the first.")]
PublishedFrom = Annotated[date | None, Query(description="Published on or after (YYYY-MM-DD).")]
PublishedTo = Annotated[date | None, Query(description="Published on or before (YYYY-MM-DD).")]
ThemeId = Annotated[int | None, Query(ge=0, le=MAX_ID, description="Documents of this theme id.")]
SourcePrefix = Annotated[str | None, Query(
    max_length=2000, description="Documents whose source starts with this (file, folder, URL).")]
DocumentId = Annotated[str | None, Query(max_length=128, description="One document's id.")]
Norm = Annotated[str | None, Query(max_length=500, description="An exact norm: CHN, gallium.")]

_BAD_CURSOR = "invalid cursor; pass the next_cursor of the previous page unchanged"


def encode_cursor(key: Any) -> str | None:
    """An opaque cursor for a page key (None on the last page)."""
    if key is None:
        return None
    parts = list(key) if isinstance(key, tuple | list) else [key]
    raw = json.dumps(parts, separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None, *types: type) -> tuple[Any, ...] | None:
    """The key in a cursor, checked against ``types`` (float accepts int), or 422."""
    if cursor is None:
        return None
    try:
        value = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise HTTPException(422, _BAD_CURSOR) from None
    if not isinstance(value, list) or len(value) != len(types):
        raise HTTPException(422, _BAD_CURSOR)
    for v, t in zip(value, types, strict=True):
        ok = isinstance(v, int | float) if t is float else isinstance(v, t)
        if ok and isinstance(v, int | float):
            ok = math.isfinite(v) and abs(v) <= 2**62
        if not ok or isinstance(v, bool):
            raise HTTPException(422, _BAD_CURSOR)
    return tuple(value)
