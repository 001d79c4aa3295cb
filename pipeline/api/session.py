"""Sign-ins of the review page: a cookie session over an API token, and CSRF.

Signing in with a token makes a session: a random secret in an HttpOnly,
SameSite=Strict cookie (only its sha256 is stored) and a random CSRF token the
page sends back in the ``X-CSRF-Token`` header of every write. A request that
authenticates by the cookie may write only with that header; a request with
``Authorization: Bearer`` needs none (browsers never add it on their own).
Revoking the token ends its sessions at once; sessions last 12 hours.
"""

from __future__ import annotations

import hmac
import secrets
from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials

from pipeline.api.deps import StoreDep, bearer, current_token
from pipeline.auth import allows, hash_token
from pipeline.models import ApiToken, Role
from pipeline.store import Store

COOKIE = "ra_session"
CSRF_HEADER = "X-CSRF-Token"
LIFETIME = timedelta(hours=12)


def start_session(store: Store, token: ApiToken) -> tuple[str, str]:
    """A new session for ``token``: (cookie secret, CSRF token)."""
    secret, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
    store.add_session(hash_token(secret), token.id, csrf, datetime.now(UTC) + LIFETIME)
    return secret, csrf


def session_of(request: Request, store: Store) -> tuple[ApiToken, str] | None:
    """(token, CSRF token) of the request's session cookie, if it is a live one."""
    secret = request.cookies.get(COOKIE)
    if not secret or len(secret) > 200:
        return None
    return store.session_token(hash_token(secret))


def end_session(request: Request, store: Store) -> None:
    secret = request.cookies.get(COOKIE)
    if secret and len(secret) <= 200:
        store.drop_session(hash_token(secret))


def editor_name(token: ApiToken) -> str:
    """How decisions name who made them: the token's name and id, e.g. ``alice#3``."""
    return f"{token.name or 'token'}#{token.id}"


class SessionOrBearer:
    """A dependency: the caller's token from ``Authorization: Bearer`` or, failing
    that, the review page's session cookie (writes then need the CSRF header);
    401 without either, 403 below ``role``."""

    def __init__(self, role: Role, write: bool) -> None:
        self.role, self.write = role, write

    def __call__(self, request: Request, store: StoreDep,
                 creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
                 ) -> ApiToken:
        token: ApiToken | None = None
        if creds is None and request.cookies.get(COOKIE):
            found = session_of(request, store)
            if found is None:
                raise HTTPException(401, "your review session has ended; sign in again at "
                                         "/review/login")
            token, csrf = found
            sent = request.headers.get(CSRF_HEADER, "")
            if self.write and not hmac.compare_digest(sent.encode(), csrf.encode()):
                raise HTTPException(403, f"a write signed in by cookie needs the {CSRF_HEADER} "
                                         "header of the review page; reload the page")
        if token is None:
            token = current_token(store, creds)
        if not allows(token.role, self.role):
            raise HTTPException(403, f"this needs the {self.role} role or above; "
                                     f"the token is {token.role}")
        return token


ReaderToken = Annotated[ApiToken, Depends(SessionOrBearer(Role.analyst, write=False))]
WriterToken = Annotated[ApiToken, Depends(SessionOrBearer(Role.editor, write=True))]
