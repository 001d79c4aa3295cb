"""RSS and Atom feeds: which items are new or changed since the last read.

``read_feed`` asks for the feed with the validators of the last complete read
(ETag, Last-Modified), so an unchanged feed costs one ``304 Not Modified``; of
the entries it gets, it keeps those whose id is unknown or whose version (the
updated or published stamp, else a hash of title, link and summary) changed.
The caller ingests their links and then records them with
``Store.remember_feed``, so a run that dies midway fetches them again.
"""

from __future__ import annotations

import http.client
import logging
import socket
import urllib.error
from dataclasses import dataclass, field

from pipeline.errors import FetchError, TransientFetchError
from pipeline.ingest import sha256

log = logging.getLogger(__name__)


@dataclass
class FeedItem:
    """One feed entry to ingest: its id, the link to the document, its version."""

    entry_id: str
    link: str
    version: str


@dataclass
class FeedUpdate:
    """What a read of one feed found: new or changed items and the validators."""

    url: str
    items: list[FeedItem] = field(default_factory=list)
    etag: str | None = None
    modified: str | None = None
    not_modified: bool = False  # the server answered 304: nothing to do
    entries: int = 0  # entries in the feed, old ones included

    @property
    def links(self) -> list[str]:
        return [i.link for i in self.items]


def _version(entry: dict[str, object]) -> str:
    stamp = entry.get("updated") or entry.get("published")
    if stamp:
        return str(stamp)
    return "sha256:" + sha256("\x1f".join(str(entry.get(k) or "") for k in
                                          ("title", "link", "summary")))


def read_feed(url: str, seen: dict[str, str], etag: str | None = None,
              modified: str | None = None, user_agent: str = "RiskAtlas/0.1",
              timeout: float = 20.0) -> FeedUpdate:
    """Read the feed at ``url`` (http(s) or a local file) and return the items whose
    id is not in ``seen`` (entry id -> version) or whose version differs, in feed
    order. Raises TransientFetchError when the network failed (worth a retry) and
    FetchError when the answer is not a feed."""
    import feedparser

    old_timeout = socket.getdefaulttimeout()
    socket.setdefaulttimeout(timeout)  # feedparser's urllib has no timeout of its own
    try:
        d = feedparser.parse(url, etag=etag, modified=modified, agent=user_agent)
    finally:
        socket.setdefaulttimeout(old_timeout)
    status = d.get("status")
    if status == 304:
        return FeedUpdate(url, etag=etag, modified=modified, not_modified=True)
    exc = d.get("bozo_exception")
    if isinstance(exc, urllib.error.HTTPError):
        status = exc.code
    if status is not None and (status == 429 or status >= 500):
        raise TransientFetchError(f"feed {url} answered HTTP {status}; retry later")
    if status is not None and status >= 400:
        raise FetchError(f"feed {url} answered HTTP {status}; check the address")
    if not d.entries and isinstance(exc, urllib.error.URLError | OSError | socket.timeout
                                    | http.client.HTTPException):
        raise TransientFetchError(f"feed {url} could not be fetched ({exc}); retry later")
    if not d.entries and d.get("bozo") and not d.get("feed"):
        raise FetchError(f"{url} is not an RSS or Atom feed ({exc}); check the address")
    update = FeedUpdate(url, etag=d.get("etag"), modified=d.get("modified"),
                        entries=len(d.entries))
    taken: set[str] = set()
    for e in d.entries:
        link = e.get("link")
        if not link:
            log.warning("feed %s: an entry without a link (%s) is skipped", url,
                        e.get("title") or e.get("id") or "untitled")
            continue
        entry_id = str(e.get("id") or link)
        version = _version(e)
        if entry_id in taken or seen.get(entry_id) == version:
            continue
        taken.add(entry_id)
        update.items.append(FeedItem(entry_id, str(link), version))
    return update
