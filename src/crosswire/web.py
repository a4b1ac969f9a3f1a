"""The local web app: stories, comparisons and articles from a store, in pages and JSON.

Pages are server-rendered (Jinja2, auto-escaped) and carry no script, so the
Content-Security-Policy forbids every script, frame and remote resource. The server binds to
127.0.0.1 unless told otherwise, and reads the store only.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from crosswire import __version__
from crosswire.model import comparison_from_dict
from crosswire.store import Store

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


def create_app(db_path: str | Path) -> FastAPI:
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

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(q: str | None = Query(None, max_length=MAX_QUERY)):
        from crosswire.render import _environment, stylesheet

        store = open_store()
        try:
            stories = store.stories(q)
            counts = store.counts()
        finally:
            store.close()
        page = (
            _environment()
            .get_template("index.html")
            .render(
                stories=stories,
                counts=counts,
                query=q,
                css=stylesheet(),
                version=__version__,
                db_name=Path(db_path).name,
            )
        )
        return HTMLResponse(page)

    @app.get("/story/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(story_id: int):
        from crosswire.render import comparison_html

        store = open_store()
        try:
            record = store.comparison(story_id)
            members = store.story_members(story_id)
            if not members:
                raise HTTPException(404, "no such story")
            if record is None:  # a story of one article has nothing to compare
                from fastapi.responses import RedirectResponse

                return RedirectResponse(f"/article/{members[0]}", status_code=303)
            comparison = comparison_from_dict(record)
            articles = [store.load_article(int(a.key)) for a in comparison.articles]
        finally:
            store.close()
        return HTMLResponse(comparison_html(comparison, articles, web=True))

    @app.get("/article/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(article_id: int):
        from crosswire.render import article_html, marks_for

        store = open_store()
        try:
            row = store.article_row(article_id)
            if row is None:
                raise HTTPException(404, "no such article")
            article = store.load_article(article_id)
            quotes = [
                dict(q)
                for q in store.db.execute(
                    "SELECT start, end, text, kind, speaker, cue FROM quotes WHERE article_id = ? "
                    "ORDER BY start",
                    (article_id,),
                )
            ]
            record = store.comparison(row["story_id"]) if row["story_id"] else None
        finally:
            store.close()
        comparison = comparison_from_dict(record) if record else None
        marks = marks_for(comparison, str(article_id), quotes)
        page = article_html(
            0,
            str(article_id),
            article,
            marks,
            quotes=quotes,
            story_id=row["story_id"],
            outlet=row["outlet"] or Path(row["location"]).stem,
        )
        return HTMLResponse(page)

    # ------------------------------------------------------------------------------ API

    @app.get("/api/stories", summary="Stories, newest first, optionally matching a search")
    def api_stories(q: str | None = Query(None, max_length=MAX_QUERY)) -> list[dict]:
        store = open_store()
        try:
            return [dict(row) | {"members": _members(row)} for row in store.stories(q)]
        finally:
            store.close()

    @app.get("/api/stories/{story_id}", summary="One story: its articles and its comparison")
    def api_story(story_id: int) -> dict:
        store = open_store()
        try:
            articles = [dict(r) for r in store.story_articles(story_id)]
            if not articles:
                raise HTTPException(404, "no such story")
            return {
                "story": story_id,
                "articles": articles,
                "comparison": store.comparison(story_id),
            }
        finally:
            store.close()

    @app.get("/api/articles/{article_id}", summary="One article, extracted, with its quotes")
    def api_article(article_id: int) -> dict:
        store = open_store()
        try:
            row = store.article_row(article_id)
            if row is None:
                raise HTTPException(404, "no such article")
            record = store.load_article(article_id).to_dict()
            record["quotes"] = [
                dict(q)
                for q in store.db.execute(
                    "SELECT start, end, text, kind, speaker, cue FROM quotes WHERE article_id = ?",
                    (article_id,),
                )
            ]
            record["story"] = row["story_id"]
            record["revision"] = row["revision"]
            return record
        finally:
            store.close()

    return app


def _members(row) -> list[int]:
    import json

    return json.loads(row["members"])
