"""The editors' review page at /review: server-rendered Jinja2 templates and one small
plain-JavaScript file, no build step.

Sign in with an editor token (a cookie session; pipeline/api/session.py), pick a
document from the queue (most in need of review first), then accept, reject,
correct or add entities and claims with the keyboard or the mouse. The page's
script writes through the JSON API (POST /documents/{id}/decisions) with the
session's CSRF token and swaps in the re-rendered document. Document text is
always escaped (Jinja2 autoescape and ``markupsafe.escape``), and a strict
Content-Security-Policy allows only this page's own script and style.
"""

from __future__ import annotations

from pathlib import Path as FsPath
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from pipeline.api.deps import decode_cursor, encode_cursor
from pipeline.api.session import (
    COOKIE,
    LIFETIME,
    end_session,
    session_of,
    start_session,
)
from pipeline.auth import allows, hash_token
from pipeline.errors import NotFound
from pipeline.models import (
    ApiToken,
    Category,
    DocType,
    Label,
    Modality,
    ReviewItem,
    ReviewStatus,
    Role,
)
from pipeline.review import claim_model_info
from pipeline.store import Store

HERE = FsPath(__file__).resolve().parent.parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
STATIC = {"review.js": "text/javascript", "review.css": "text/css"}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
                               "img-src 'self'; connect-src 'self'; form-action 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}

router = APIRouter(prefix="/review", include_in_schema=False)


def _store(request: Request) -> Store:
    return request.app.state.store


def _page(request: Request, name: str, ctx: dict[str, Any], status: int = 200) -> Response:
    base = {"labels": [x.value for x in Label], "categories": [x.value for x in Category],
            "modalities": [x.value for x in Modality], "model": claim_model_info()}
    resp = templates.TemplateResponse(request, name, {**base, **ctx}, status_code=status)
    resp.headers.update(SECURITY_HEADERS)
    return resp


def _signed_in(request: Request) -> tuple[ApiToken, str] | None:
    found = session_of(request, _store(request))
    if found is None or not allows(found[0].role, Role.editor):
        return None
    return found


def _to_login(request: Request) -> RedirectResponse:
    nxt = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse("/review/login?" + urlencode({"next": nxt}), status_code=303)


def highlight(text: str, items: list[ReviewItem]) -> Markup:
    """The text, escaped, with each stretch covered by items wrapped in a span whose
    classes show the innermost entity's label and the claim's category and whose
    ``data-refs`` names every item covering it. The spans' text is exactly ``text``,
    so offsets in the page are offsets into the document."""
    n = len(text)
    spans = sorted((max(0, min(i.start, n)), max(0, min(i.end, n)), i) for i in items
                   if i.end > i.start)
    bounds = sorted({0, n, *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[str] = []
    active: list[tuple[int, int, ReviewItem]] = []
    j = 0
    for a, b in zip(bounds, bounds[1:], strict=False):
        while j < len(spans) and spans[j][0] <= a:
            active.append(spans[j])
            j += 1
        active = [s for s in active if s[1] > a]
        piece = str(escape(text[a:b]))
        if not active:
            out.append(piece)
            continue
        claim = next((i for _, _, i in active if i.target == "claim"), None)
        ents = sorted((i for _, _, i in active if i.target == "entity"),
                      key=lambda i: i.end - i.start)
        cls = []
        if claim is not None:
            cls += ["c", f"cat-{claim.category}", f"c-{claim.status}"]
        if ents:
            cls += ["e", f"lab-{ents[0].label}", f"e-{ents[0].status}"]
        if any(i.flagged for _, _, i in active):
            cls.append("flag")
        refs = " ".join(i.ref for i in [*ents, *([claim] if claim else [])])
        out.append(f'<span class="{escape(" ".join(cls))}" data-refs="{escape(refs)}">'
                   f"{piece}</span>")
    return Markup("".join(out))


@router.get("/static/{name}")
def static(name: Annotated[str, Path(max_length=40)]) -> Response:
    if name not in STATIC:
        return Response("not found", status_code=404, media_type="text/plain")
    return FileResponse(HERE / "static" / name, media_type=STATIC[name],
                        headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"})


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: Annotated[str, Query(max_length=2000)] = "/review"
               ) -> Response:
    if _signed_in(request):
        return RedirectResponse(_safe_next(next), status_code=303)
    return _page(request, "login.html", {"next": _safe_next(next), "error": None})


def _safe_next(nxt: str) -> str:
    """Only a path of this page: never another site."""
    return nxt if nxt.startswith("/review") and not nxt.startswith("//") else "/review"


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, token: Annotated[str, Form(max_length=200)],
          next: Annotated[str, Form(max_length=2000)] = "/review") -> Response:
    store = _store(request)
    tok = store.token_by_hash(hash_token(token.strip()))
    if tok is None:
        return _page(request, "login.html", {"next": _safe_next(next), "error":
                     "That token is not valid or has been revoked; ask an admin for an "
                     "editor token (riskatlas token create --role editor)."}, 401)
    if not allows(tok.role, Role.editor):
        return _page(request, "login.html", {"next": _safe_next(next), "error":
                     f"The review page needs an editor token; this one is {tok.role}."}, 403)
    secret, _csrf = start_session(store, tok)
    resp = RedirectResponse(_safe_next(next), status_code=303)
    resp.set_cookie(COOKIE, secret, max_age=int(LIFETIME.total_seconds()), httponly=True,
                    samesite="strict", secure=request.url.scheme == "https", path="/")
    return resp


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form(max_length=200)] = "") -> Response:
    found = session_of(request, _store(request))
    if found is not None and csrf == found[1]:
        end_session(request, _store(request))
    resp = RedirectResponse("/review/login", status_code=303)
    resp.delete_cookie(COOKIE, path="/")
    return resp


@router.get("", response_class=HTMLResponse)
def queue(
    request: Request,
    status: ReviewStatus | None = None,
    theme: Annotated[int | None, Query(ge=0, le=2**31 - 1)] = None,
    doc_type: DocType | None = None,
    source: Annotated[str | None, Query(max_length=2000)] = None,
    label: Label | None = None,
    category: Category | None = None,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> Response:
    who = _signed_in(request)
    if who is None:
        return _to_login(request)
    store = _store(request)
    filters = {"status": status, "theme": theme, "doc_type": doc_type, "source": source or None,
               "label": label, "category": category}
    items, key = store.review_queue(status=status, theme=theme, doc_type=doc_type,
                                    source=source or None, label=label, category=category,
                                    after=decode_cursor(cursor, float, str),
                                    limit=50)
    given = {k: v for k, v in filters.items() if v is not None}
    nxt = encode_cursor(key)
    return _page(request, "queue.html", {
        "user": who[0], "csrf": who[1], "items": items, "filters": given,
        "themes": [t for t in store.themes() if t.level == 1],
        "statuses": [s.value for s in ReviewStatus], "doc_types": [d.value for d in DocType],
        "next_url": "/review?" + urlencode({**given, "cursor": nxt}) if nxt else None,
    })


@router.get("/doc/{document_id}", response_class=HTMLResponse)
def document_page(request: Request,
                  document_id: Annotated[str, Path(max_length=128)]) -> Response:
    who = _signed_in(request)
    if who is None:
        return _to_login(request)
    store = _store(request)
    try:
        doc = store.get_document(document_id)
    except NotFound as exc:
        return _page(request, "error.html", {"user": who[0], "csrf": who[1],
                                             "message": str(exc)}, 404)
    state = store.review_state(document_id)
    return _page(request, "document.html", {
        "user": who[0], "csrf": who[1], "doc": doc, "state": state,
        "text": highlight(doc.text, state.items)})


@router.get("/doc/{document_id}/main", response_class=HTMLResponse)
def document_main(request: Request,
                  document_id: Annotated[str, Path(max_length=128)]) -> Response:
    """The document's text and side panel, re-rendered after each decision."""
    who = _signed_in(request)
    if who is None:
        return Response("sign in again at /review/login", status_code=401,
                        media_type="text/plain")
    store = _store(request)
    try:
        doc = store.get_document(document_id)
    except NotFound as exc:
        return Response(str(exc), status_code=404, media_type="text/plain")
    state = store.review_state(document_id)
    return _page(request, "_main.html", {"doc": doc, "state": state,
                                         "text": highlight(doc.text, state.items)})


@router.get("/audit", response_class=HTMLResponse)
def audit(
    request: Request,
    document_id: Annotated[str | None, Query(max_length=128)] = None,
    editor: Annotated[str | None, Query(max_length=300)] = None,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> Response:
    who = _signed_in(request)
    if who is None:
        return _to_login(request)
    after = decode_cursor(cursor, int)
    items, key = _store(request).page_decisions(
        document_id=document_id or None, editor=editor or None,
        after=after[0] if after else None, limit=100)
    given = {k: v for k, v in (("document_id", document_id), ("editor", editor)) if v}
    nxt = encode_cursor(key)
    return _page(request, "audit.html", {
        "user": who[0], "csrf": who[1], "items": items, "filters": given,
        "next_url": "/review/audit?" + urlencode({**given, "cursor": nxt}) if nxt else None})
