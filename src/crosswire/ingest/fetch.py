"""Fetching pages and feeds, politely and without reaching into private networks.

Every request, and every redirect hop, resolves the host first and refuses private, loopback,
link-local and other non-public addresses unless the caller allows them. The request then goes
to the address that was checked (the name kept for the Host header and TLS), so a name cannot
resolve to a public address for the check and a private one for the connection. Responses are
capped in size and time, robots.txt is honoured, and each host is asked at most once per
``delay`` seconds.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import urllib.robotparser
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from crosswire.errors import IngestError
from crosswire.model import InputKind, SourceDocument
from crosswire.version import __version__

USER_AGENT = f"Crosswire/{__version__} (news comparison; offline-first)"
MAX_BYTES = 5 * 1024 * 1024
TIMEOUT = 15.0
MAX_REDIRECTS = 5
DELAY = 1.0
FEED_TYPES = ("rss", "atom", "xml")


@dataclass(slots=True)
class Response:
    url: str
    status: int
    content_type: str
    body: bytes


@dataclass
class Fetcher:
    allow_private: bool = False
    max_bytes: int = MAX_BYTES
    timeout: float = TIMEOUT
    max_redirects: int = MAX_REDIRECTS
    delay: float = DELAY
    obey_robots: bool = True
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)

    def get(self, url: str) -> Response:
        """The response at ``url`` after redirects, each hop checked; IngestError otherwise."""
        if self.obey_robots and not self._allowed_by_robots(url):
            raise IngestError(url, "robots.txt asks crawlers not to fetch this page")
        return self._get(url)

    def _get(self, url: str) -> Response:
        for _ in range(self.max_redirects + 1):
            response = self._request(url)
            if response.status in (301, 302, 303, 307, 308) and response.url:
                url = response.url
                continue
            if response.status >= 400:
                raise IngestError(url, f"the server answered {response.status}")
            return response
        raise IngestError(url, f"more than {self.max_redirects} redirects; giving up")

    def _request(self, url: str) -> Response:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise IngestError(url, "only http and https addresses can be fetched")
        address = self._checked_address(url, parts.hostname, parts.port)
        self._wait_for_turn(parts.hostname)
        host = f"[{address}]" if ":" in address else address
        netloc = host if parts.port is None else f"{host}:{parts.port}"
        pinned = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
        headers = {"Host": parts.netloc.rsplit("@", 1)[-1], "User-Agent": USER_AGENT}
        extensions = {"sni_hostname": parts.hostname} if parts.scheme == "https" else {}
        try:
            with (
                httpx.Client(timeout=self.timeout, follow_redirects=False) as client,
                client.stream("GET", pinned, headers=headers, extensions=extensions) as answer,
            ):
                if answer.is_redirect:
                    location = answer.headers.get("location", "")
                    return Response(urljoin(url, location), answer.status_code, "", b"")
                body = self._read_capped(url, answer.iter_bytes())
                content_type = answer.headers.get("content-type", "").split(";")[0].strip()
                return Response(url, answer.status_code, content_type.lower(), body)
        except httpx.TimeoutException:
            raise IngestError(url, f"no answer within {self.timeout:g} s") from None
        except httpx.HTTPError as error:
            raise IngestError(url, f"could not fetch: {error}") from None

    def _read_capped(self, url: str, chunks: Iterator[bytes]) -> bytes:
        body = bytearray()
        for chunk in chunks:
            body.extend(chunk)
            if len(body) > self.max_bytes:
                raise IngestError(url, f"the response is larger than {self.max_bytes} bytes")
        return bytes(body)

    def _checked_address(self, url: str, host: str, port: int | None) -> str:
        try:
            found = socket.getaddrinfo(host, port or 443, proto=socket.IPPROTO_TCP)
        except socket.gaierror:
            raise IngestError(url, f"the name {host} does not resolve") from None
        addresses = [info[4][0] for info in found]
        if not self.allow_private:
            for address in addresses:
                if not is_public(address):
                    raise IngestError(
                        url,
                        f"{host} resolves to {address}, a private or local address; "
                        "pass --allow-private to fetch it",
                    )
        return addresses[0]

    def _wait_for_turn(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            pause = self.delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
        self._last[host] = time.monotonic()

    def _allowed_by_robots(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        rules = self._robots[origin]
        return rules is None or rules.can_fetch(USER_AGENT, url)

    def _read_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        try:
            response = self._get(origin + "/robots.txt")
        except IngestError:
            return None  # no robots.txt, or none readable: nothing is asked of us
        rules = urllib.robotparser.RobotFileParser()
        rules.parse(response.body.decode("utf-8", "replace").splitlines())
        return rules


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


# ---------------------------------------------------------------------------- documents


def fetch_documents(url: str, fetcher: Fetcher) -> Iterator[SourceDocument | IngestError]:
    """The documents at a URL: a page, every linked page of a feed, or every feed of an OPML."""
    try:
        response = fetcher.get(url)
    except IngestError as error:
        yield error
        return
    kind = _kind_of(response)
    if kind == "opml":
        for feed in opml_feeds(response.body):
            yield from fetch_documents(feed, fetcher)
    elif kind == "feed":
        yield from _feed_documents(response, fetcher)
    else:
        yield _page(response)


def _kind_of(response: Response) -> str:
    head = response.body[:2048].lstrip().lower()
    if b"<opml" in head:
        return "opml"
    if any(t in response.content_type for t in FEED_TYPES) or b"<rss" in head or b"<feed" in head:
        return "feed" if b"<html" not in head else "page"
    return "page"


def _page(response: Response) -> SourceDocument | IngestError:
    from crosswire.ingest.decoding import decode_bytes

    try:
        text, encoding = decode_bytes(response.body, response.url)
    except IngestError as error:
        return error
    return SourceDocument(response.url, text, encoding, InputKind.HTML, url=response.url)


def _feed_documents(response: Response, fetcher: Fetcher) -> Iterator[SourceDocument | IngestError]:
    import feedparser

    feed = feedparser.parse(response.body)
    if feed.bozo and not feed.entries:
        yield IngestError(response.url, "this feed could not be read")
        return
    for entry in feed.entries:
        link = entry.get("link")
        if not link:
            continue
        try:
            page = fetcher.get(urljoin(response.url, link))
        except IngestError as error:
            yield error
            continue
        document = _page(page)
        if isinstance(document, SourceDocument):
            document.metadata = {
                k: v
                for k, v in (("title", entry.get("title")), ("date", entry.get("published")))
                if v
            }
        yield document


def opml_feeds(body: bytes) -> list[str]:
    """The feed addresses listed in an OPML file."""
    from defusedxml import ElementTree

    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        return []
    return [node.get("xmlUrl") for node in root.iter("outline") if node.get("xmlUrl")]
