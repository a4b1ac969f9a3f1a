"""Pages, feeds and OPML over HTTP from a local server, and the refusal of private addresses."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from crosswire.errors import IngestError
from crosswire.ingest.fetch import Fetcher, is_public, opml_feeds
from crosswire.ingest.inputs import load_articles
from tests.clirun import crosswire
from tests.conftest import EXAMPLES, REPO

PAGES = {
    "/a.html": (EXAMPLES / "northline-daily.html").read_bytes(),
    "/b.html": (EXAMPLES / "continental-review.html").read_bytes(),
}


def rss(base: str) -> bytes:
    items = "".join(
        f"<item><title>Story {name}</title><link>{base}{name}</link>"
        f"<pubDate>Wed, 04 Mar 2026 09:00:00 GMT</pubDate></item>"
        for name in PAGES
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>{items}'
        "</channel></rss>"
    ).encode()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass

    def do_GET(self):
        base = f"http://127.0.0.1:{self.server.server_port}"
        self.server.hits.append((self.path, time.monotonic()))
        routes = {
            "/robots.txt": ("text/plain", b"User-agent: *\nDisallow: /private/\n"),
            "/feed.xml": ("application/rss+xml", rss(base)),
            "/list.opml": (
                "text/x-opml",
                f'<opml version="2.0"><body><outline text="Local" xmlUrl="{base}/feed.xml"/>'
                "</body></opml>".encode(),
            ),
            "/private/c.html": ("text/html", PAGES["/a.html"]),
            "/big": ("text/html", b"x" * (2 * 1024 * 1024)),
            **{path: ("text/html; charset=utf-8", body) for path, body in PAGES.items()},
        }
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        if self.path == "/to-metadata":
            self.send_response(302)
            self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
            self.end_headers()
            return
        if self.path == "/slow":
            time.sleep(2)
        content_type, body = routes.get(self.path, ("text/plain", b""))
        self.send_response(200 if self.path in routes or self.path == "/slow" else 404)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.hits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def local() -> Fetcher:
    return Fetcher(allow_private=True, delay=0)


def test_private_and_local_addresses_are_refused_by_default(site):
    _, base = site
    for url in (f"{base}/a.html", base.replace("127.0.0.1", "localhost") + "/a.html"):
        with pytest.raises(IngestError, match="allow-private"):
            Fetcher().get(url)
    for address in (
        "10.0.0.1",
        "192.168.1.5",
        "169.254.169.254",
        "::1",
        "::ffff:127.0.0.1",
        "fc00::1",
    ):
        assert not is_public(address)
    assert is_public("8.8.8.8") and is_public("2606:4700:4700::1111")


def test_a_redirect_to_a_private_address_is_checked_again(site):
    _, base = site
    fetcher = Fetcher(allow_private=True, delay=0)
    fetcher.allow_private = True
    response = fetcher._request(f"{base}/to-metadata")
    assert "169.254.169.254" in response.url
    fetcher.allow_private = False
    with pytest.raises(IngestError, match="private or local"):
        fetcher._request(response.url)


def test_a_feed_gives_its_linked_articles(site):
    _, base = site
    articles = list(load_articles([f"{base}/feed.xml"], fetcher=local()))
    assert [a.source.url for a in articles] == [f"{base}/a.html", f"{base}/b.html"]
    assert articles[0].title == "Story /a.html"  # the feed's title wins, as record metadata does
    assert all(a.paragraphs for a in articles)


def test_an_opml_list_gives_the_articles_of_its_feeds(site):
    _, base = site
    opml = f'<opml><body><outline xmlUrl="{base}/feed.xml"/></body></opml>'.encode()
    assert opml_feeds(opml) == [f"{base}/feed.xml"]
    articles = list(load_articles([f"{base}/list.opml"], fetcher=local()))
    assert len(articles) == 2


def test_robots_txt_is_honoured(site):
    _, base = site
    with pytest.raises(IngestError, match=r"robots\.txt"):
        local().get(f"{base}/private/c.html")


def test_sizes_redirects_and_time_are_capped(site):
    _, base = site
    with pytest.raises(IngestError, match="larger than"):
        Fetcher(allow_private=True, delay=0, max_bytes=1024 * 1024).get(f"{base}/big")
    with pytest.raises(IngestError, match="redirects"):
        local().get(f"{base}/loop")
    with pytest.raises(IngestError, match="no answer within"):
        Fetcher(allow_private=True, delay=0, timeout=0.5).get(f"{base}/slow")


def test_each_host_is_asked_at_most_once_per_delay(site):
    server, base = site
    fetcher = Fetcher(allow_private=True, delay=0.4, obey_robots=False)
    start = len(server.hits)
    fetcher.get(f"{base}/a.html")
    fetcher.get(f"{base}/b.html")
    (_, first), (_, second) = server.hits[start : start + 2]
    assert second - first >= 0.35


def test_ingest_and_watch_read_feeds_into_the_store(site, tmp_path):
    _, base = site
    db = tmp_path / "cw.db"
    refused = crosswire("ingest", f"{base}/feed.xml", "--db", str(db), cwd=REPO)
    assert refused.returncode == 1 and "allow-private" in refused.stderr
    assert "Traceback" not in refused.stderr
    watched = crosswire(
        "watch",
        f"{base}/feed.xml",
        *("--db", str(db), "--allow-private", "--every", "1s", "--rounds", "2"),
        cwd=REPO,
    )
    assert watched.returncode == 0, watched.stderr
    assert "2 new" in watched.stderr and "2 unchanged" in watched.stderr
