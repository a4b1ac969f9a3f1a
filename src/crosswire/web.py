"""The local web app: stories, comparisons and articles from a store, in pages and JSON.

Pages are server-rendered (Jinja2, auto-escaped) and carry no script, so the
Content-Security-Policy forbids every script, frame and remote resource. The server binds to
127.0.0.1 unless told otherwise, and reads the store only.
"""

from __future__ import annotations

import json
from pathlib import Path

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from crosswire.model import comparison_from_dict
from crosswire.render.html import article_html, comparison_html, marks_for, render_page
from crosswire.render.revisions import word_diff
from crosswire.store import Store
from crosswire.version import __version__

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
MAX_QUERY = 200
MAX_ID = 2**63 - 1  # SQLite's largest integer: a larger id is no row, not an overflow


def create_app(db_path: str | Path, registry=None) -> FastAPI:
    """The app over the store at ``db_path``; ``registry`` (an OutletRegistry) adds each
    outlet's attributes and coverage by group to story pages."""
    db_path = str(db_path)
    app = FastAPI(
        title="Crosswire",
        version=__version__,
        summary="How news outlets cover the same story, claim by claim and quote by quote.",
        docs_url=None,  # the interactive docs load scripts from a CDN; the spec is at /openapi.json
        redoc_url=None,
    )

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    def open_store() -> Store:
        return Store(db_path)

    _add_error_pages(app)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(q: str | None = Query(None, max_length=MAX_QUERY)):
        with open_store() as store:
            stories, counts = store.stories(q), store.counts()
            cards = {s["id"]: store.story_card(s["id"], q) for s in stories}
        page = render_page(
            "index.html",
            stories=stories,
            cards=cards,
            counts=counts,
            query=q,
            version=__version__,
            db_name=Path(db_path).name,
        )
        return HTMLResponse(page)

    @app.get("/story/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(story_id: int):
        with open_store() as store:
            members = store.story_members(story_id) if _valid(story_id) else []
            if not members:
                raise HTTPException(404, "no such story")
            record = store.comparison(story_id)
            if record is None:  # a story of one article has nothing to compare
                return RedirectResponse(f"/article/{members[0]}", status_code=303)
            comparison = comparison_from_dict(record)
            articles = [store.load_article(int(a.key)) for a in comparison.articles]
        return HTMLResponse(comparison_html(comparison, articles, web=True, registry=registry))

    @app.get("/article/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(article_id: int):
        with open_store() as store:
            row = _article_row(store, article_id)
            article = store.load_article(article_id)
            quotes = store.quotes_of(article_id)
            record = store.comparison(row["story_id"]) if row["story_id"] else None
            revisions = store.revisions_of(article_id) if row["revision"] > 1 else []
        comparison = comparison_from_dict(record) if record else None
        page = article_html(
            0,
            str(article_id),
            article,
            marks_for(comparison, str(article_id), quotes),
            quotes=quotes,
            story_id=row["story_id"],
            outlet=row["outlet"] or Path(row["location"]).stem,
            revision=row["revision"],
            revisions=revisions,
            diff=word_diff(revisions[-1]["body"], article.body) if revisions else [],
        )
        return HTMLResponse(page)

    # ------------------------------------------------------------------------------ API

    @app.get("/api/stories", summary="Stories, newest first, optionally matching a search")
    def api_stories(q: str | None = Query(None, max_length=MAX_QUERY)) -> list[dict]:
        with open_store() as store:
            return [dict(row) | {"members": json.loads(row["members"])} for row in store.stories(q)]

    @app.get("/api/stories/{story_id}", summary="One story: its articles and its comparison")
    def api_story(story_id: int) -> dict:
        with open_store() as store:
            rows = store.story_articles(story_id) if _valid(story_id) else []
            articles = [dict(r) for r in rows]
            if not articles:
                raise HTTPException(404, "no such story")
            return {
                "story": story_id,
                "articles": articles,
                "comparison": store.comparison(story_id),
            }

    @app.get("/api/articles/{article_id}", summary="One article, extracted, with its quotes")
    def api_article(article_id: int) -> dict:
        with open_store() as store:
            row = _article_row(store, article_id)
            record = store.load_article(article_id).to_dict()
            record["quotes"] = store.quotes_of(article_id)
        record["story"] = row["story_id"]
        record["revision"] = row["revision"]
        return record

    return app


def _add_error_pages(app: FastAPI) -> None:
    """Errors as a page for people and as JSON under /api/; never a traceback, never the
    request echoed back (a query may be 100 KB of someone else's text)."""

    def respond(request: Request, status: int, message: str):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message, "status": status}, status_code=status)
        page = render_page("error.html", status=status, message=message, version=__version__)
        return HTMLResponse(page, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException):
        message = error.detail if isinstance(error.detail, str) else "request refused"
        if error.status_code == 404 and message == "Not Found":
            message = "no such page"
        return respond(request, error.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError):
        names = sorted({str(e["loc"][-1]) for e in error.errors() if e.get("loc")})
        where = ", ".join(names) or "the request"
        hint = f" (a search is at most {MAX_QUERY} characters)" if "q" in names else ""
        status = 404 if any(e["loc"][0] == "path" for e in error.errors()) else 422
        message = "no such page" if status == 404 else f"invalid {where}{hint}"
        return respond(request, status, message)

    @app.exception_handler(Exception)
    async def failed(request: Request, error: Exception):
        return respond(request, 500, "something went wrong on this page; the store is unchanged")


def _valid(number: int) -> bool:
    return 0 < number <= MAX_ID


def _article_row(store: Store, article_id: int):
    row = store.article_row(article_id) if _valid(article_id) else None
    if row is None:
        raise HTTPException(404, "no such article")
    return row
