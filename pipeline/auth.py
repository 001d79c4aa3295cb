"""API tokens: made from 32 random bytes, stored only as their sha256, checked by role.

A token is ``ra_`` and 43 URL-safe characters. Its 256 bits of entropy make a
plain sha256 as safe to store as a slow password hash, and let the store find a
token by its hash in one indexed lookup.
"""

from __future__ import annotations

import hashlib
import secrets

from pipeline.models import Role

TOKEN_PREFIX = "ra_"
ROLE_RANK = {Role.analyst: 1, Role.editor: 2, Role.admin: 3}


def new_token() -> str:
    """A new secret token (shown once to its owner, never stored)."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """The sha256 hex digest under which a token is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def allows(have: Role | str, need: Role | str) -> bool:
    """Whether a token of role ``have`` may do what needs role ``need``."""
    return ROLE_RANK[Role(have)] >= ROLE_RANK[Role(need)]
