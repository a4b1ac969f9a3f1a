"""The web app over a store: pages, the JSON API, escaping and security headers."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from crosswire.web import create_app


@pytest.fixture(scope="module")
def client(hostile_store):
    return TestClient(create_app(hostile_store))


def test_the_story_list_shows_outlet_counts_and_searches(client):
    page = client.get("/")
    assert page.status_code == 200
    assert "6 outlets" in page.text and "/story/1" in page.text
    assert "/story/1" in client.get("/", params={"q": "Varga"}).text
    assert "Nothing matches" in client.get("/", params={"q": "zzzunknownzzz"}).text
    assert client.get("/", params={"q": 'NEAR( " *'}).status_code == 200


def test_every_response_carries_a_strict_policy(client):
    for url in ("/", "/story/1", "/article/1", "/api/stories"):
        headers = client.get(url).headers
        assert "default-src 'none'" in headers["content-security-policy"]
        assert "script-src" not in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"


def test_the_story_page_shows_the_comparison(client):
    page = client.get("/story/1").text
    assert 'class="cell contradicts"' in page
    assert "Quote variants" in page and "meaning differs" in page
    assert "&lt;script&gt;" in page and "<script>" not in page
    assert "<img" not in page


def test_the_article_page_highlights_its_spans(client):
    page = client.get("/article/1").text
    assert 'class="ev' in page and 'id="ev-0-' in page
    assert client.get("/article/999").status_code == 404
    assert client.get("/story/999").status_code == 404


def test_the_api_mirrors_the_pages(client):
    stories = client.get("/api/stories").json()
    assert stories[0]["id"] == 1 and stories[0]["article_count"] == 6
    story = client.get("/api/stories/1").json()
    assert story["comparison"]["matrix"]["rows"]
    article = client.get("/api/articles/1").json()
    assert article["quotes"] and article["story"] == 1
    spec = client.get("/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}"} <= set(
        spec["paths"]
    )


def test_serve_binds_to_loopback_by_default():
    import inspect

    from crosswire import cli

    assert inspect.signature(cli.serve).parameters["host"].default == "127.0.0.1"


def test_no_request_gives_a_server_error_or_echoes_its_input(hostile_store):
    client = TestClient(create_app(hostile_store), raise_server_exceptions=False)
    huge = "9" * 26
    long_query = "Varga " * 5_000
    urls = [
        f"/story/{huge}", f"/article/{huge}", f"/api/stories/{huge}", f"/api/articles/{huge}",
        "/story/-1", "/article/0", "/story/abc", "/api/stories/1e5", "/nowhere",
    ]  # fmt: skip
    queries = ["\x00", "a\x00b", "Varga\x00", long_query, '"*^NEAR(', "\u202e\ufeff", "%00"]
    responses = [(url, client.get(url)) for url in urls]
    responses += [(f"q={q[:20]!r}", client.get("/", params={"q": q})) for q in queries]
    responses += [
        (f"api q={q[:20]!r}", client.get("/api/stories", params={"q": q})) for q in queries
    ]
    for label, response in responses:
        assert response.status_code < 500, label
        assert len(response.content) < 20_000 or response.status_code == 200, label
        assert "Varga Varga Varga" not in response.text, label
        if "/api/" in label or label.startswith("api "):
            assert response.headers["content-type"].startswith("application/json"), label
        else:
            assert response.headers["content-type"].startswith("text/html"), label
    page = client.get(f"/story/{huge}")
    assert page.status_code == 404 and "No such story" in page.text and '{"detail"' not in page.text
    assert client.get(f"/api/articles/{huge}").json() == {"error": "no such article", "status": 404}
    refused = client.get("/", params={"q": long_query})
    assert refused.status_code == 422 and "at most 200 characters" in refused.text


def test_the_index_shows_outlets_a_lead_and_what_a_search_matched(client):
    page = client.get("/").text
    assert '<span class="pill">Meridian Wire</span>' in page
    assert '<p class="lead">' in page
    found = client.get("/", params={"q": "Varga"}).text
    assert '<mark class="hit">Varga</mark>' in found


def test_web_visitors_see_no_local_file_paths(client, hostile_store):
    for url in ("/story/1", "/article/1", "/"):
        page = client.get(url).text
        assert "examples/" not in page and ".txt" not in page and str(hostile_store) not in page
