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
