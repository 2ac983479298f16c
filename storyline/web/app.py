"""The web app over a Storyline store: pages rendered on the server from the same templates
as report.html, and a JSON API under ``/api/`` described by ``/api/openapi.json``.

Untrusted text stays text: every page is rendered with autoescape, every response carries a
Content-Security-Policy that allows scripts and styles from this server only (no inline
script or style at all), uploads are bounded in size and count before they are parsed, and
an uploaded file's name is never used as a path.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import anyio
import jinja2
from markupsafe import Markup, escape
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from storyline.ingest import Limits
from storyline.model import asdict
from storyline.report import article_dict
from storyline.report.html import (
    WebLinks,
    article_card,
    article_view,
    asset,
    cited_spans,
    display_title,
    environment,
    event_anchor,
    format_date,
    outlet_colours,
    published_sort_key,
    source_label,
    story_view,
)
from storyline.web.jobs import UploadRefused, Uploads, check_client_name

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}
STATIC = {"storyline.css": "text/css; charset=utf-8", "storyline.js": "text/javascript; charset=utf-8"}
UPLOAD_PATHS = ("/upload", "/api/upload")


@dataclass
class UploadLimits:
    """How much one upload request may carry (documented in docs/web.md)."""

    max_file_bytes: int = 5 * 1024 * 1024  # one file, or the pasted text
    max_files: int = 20  # files in one request
    max_request_bytes: int = 25 * 1024 * 1024  # the whole request body

    def describe(self) -> str:
        """The limits in words, for messages and the upload form."""
        return (f"up to {self.max_files} files of at most {_mb(self.max_file_bytes)} each, "
                f"{_mb(self.max_request_bytes)} in all")


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.3g} MB" if n >= 1024 * 1024 else f"{n / 1024:.3g} KB"


class _TooLarge(Exception):
    pass


class SecurityMiddleware:
    """Adds the security headers to every response, and answers 413 for an upload whose body
    is larger than allowed, by its Content-Length or, when it has none, while it is read."""

    def __init__(self, app, limits: UploadLimits):
        self.app = app
        self.limits = limits

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [(k, v) for k, v in message.get("headers", []) if k.decode().lower() not in SECURITY_HEADERS]
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        limit = self.limits.max_request_bytes
        if scope["method"] == "POST" and scope["path"] in UPLOAD_PATHS:
            length = dict(scope.get("headers") or []).get(b"content-length")
            if length is not None and (not length.isdigit() or int(length) > limit):
                await _too_large(scope, self.limits)(scope, receive, send_with_headers)
                return
            seen = 0

            async def counting_receive():
                nonlocal seen
                message = await receive()
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _TooLarge()
                return message

            try:
                await self.app(scope, counting_receive, send_with_headers)
            except _TooLarge:
                if not started:
                    await _too_large(scope, self.limits)(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)


def _too_large(scope, limits: UploadLimits) -> Response:
    message = f"upload too large: the limit is {limits.describe()}"
    if scope["path"].startswith("/api/"):
        return JSONResponse({"error": message}, status_code=413, headers={"connection": "close"})
    return HTMLResponse(f"<!doctype html><title>Upload too large</title><p>{message}. <a href=\"/upload\">Back</a></p>",
                        status_code=413, headers={"connection": "close"})


class StoreReader:
    """One read connection per thread (SQLite connections are cheap but not free to open, and
    WAL lets them read while the upload worker writes)."""

    def __init__(self, db_path: str):
        self.db_path = db_path
        self.local = threading.local()
        self.all: list[Any] = []
        self.lock = threading.Lock()

    def __call__(self):
        store = getattr(self.local, "store", None)
        if store is None:
            from storyline.store import Store

            store = Store(self.db_path)
            self.local.store = store
            with self.lock:
                self.all.append(store)
        return store

    def close(self) -> None:
        """Close every thread's connection (at shutdown)."""
        with self.lock:
            for s in self.all:
                try:
                    s.close()
                except Exception:  # closing at shutdown must not raise
                    pass
            self.all.clear()


def create_app(db_path: str | Path, *, upload_dir: str | Path | None = None, limits: UploadLimits | None = None,
               input_limits: Limits | None = None, recover: bool = True) -> Starlette:
    """The web app over the store at ``db_path``. Uploads are kept in ``upload_dir`` (default:
    ``uploads/`` beside the store) and added by one background worker; ``recover`` queues
    again the uploads a previous run accepted but did not finish."""
    from storyline import __version__
    from storyline.store import Store

    db_path = str(db_path)
    Store(db_path).close()  # create and migrate now, so a bad path fails at start, not on a request
    limits = limits or UploadLimits()
    upload_dir = Path(upload_dir) if upload_dir else Path(db_path).resolve().parent / "uploads"
    uploads = Uploads(db_path, upload_dir, limits=input_limits)
    store = StoreReader(db_path)
    env = environment(jinja2.PackageLoader("storyline.web", "templates"))
    env.filters["snippet"] = snippet_html
    links = WebLinks()

    def page(request: Request, name: str, status: int = 200, **ctx) -> HTMLResponse:
        html = env.get_template(name).render(links=links, version=__version__, q=request.query_params.get("q", ""),
                                             limits=limits, **ctx)
        return HTMLResponse(html, status_code=status)

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    def not_found(request: Request, what: str) -> Response:
        if wants_json(request):
            return JSONResponse({"error": f"{what} not found"}, status_code=404)
        return page(request, "error.html", 404, title="Not found", message=f"{what} not found.")

    # ------------------------------------------------------------------ data helpers
    def story_data(story_id: str) -> tuple[dict, dict[str, dict]] | None:
        s = store().get_story(story_id)
        if s is None:
            return None
        arts = {a.id: article_dict(a) for a in store().get_articles(s.articles)}
        return asdict(s), arts

    def story_rows(limit: int) -> list[dict[str, Any]]:
        rows = []
        for r in store().list_stories(limit=limit):
            s = store().get_story(r["id"])
            if s is None:  # deleted between the two reads by a regrouping
                continue
            outlets = sorted({source_label(article_dict(a)) for a in store().get_articles(s.articles)})
            colours = outlet_colours(outlets)
            span = " – ".join(dict.fromkeys(format_date(d) for d in (s.first, s.last) if d))
            rows.append({**r, "span": span, "n_events": len(s.timeline),
                         "outlets": [{"name": o, "colour": colours[o]} for o in outlets],
                         "lede": s.summary_sentences[0].text if s.summary_sentences else (s.summary or "")[:300]})
        return rows

    def search_rows(q: str, limit: int = 50) -> list[dict[str, Any]]:
        return [{**r, "published_when": format_date(r.get("published")) if r.get("published") else "date unknown",
                 "shown_title": display_title(r)} for r in store().search(q, limit=limit)]

    # ------------------------------------------------------------------ pages
    def home(request: Request) -> Response:
        """The stories list, and search results when ?q= is given."""
        q = request.query_params.get("q", "").strip()[:200]
        results = search_rows(q) if q else None
        return page(request, "stories.html", stories=story_rows(200), results=results, query=q,
                    n_articles=store().count("articles"))

    def story_page(request: Request) -> Response:
        """One story with every view of it, and the forms that correct its grouping."""
        data = story_data(request.path_params["story_id"])
        if data is None:
            return not_found(request, "Story")
        s, arts = data
        others = [r for r in store().list_stories(limit=500) if r["id"] != s["id"]]
        members = sorted(arts.values(), key=lambda a: (published_sort_key(a), a["id"]))
        done = _int(request.query_params.get("correction"), 0, 0, 2**62)
        return page(request, "story.html", v=story_view(s, arts), page=True, others=others, members=members,
                    done=next((c for c in store().corrections() if c["id"] == done), None) if done else None)

    # ------------------------------------------------------------------ corrections (issue 15)
    def same_origin(request: Request) -> bool:
        # A page elsewhere must not be able to post corrections through the user's browser.
        # Browsers say where a request comes from in Sec-Fetch-Site; Origin is the fallback,
        # but our no-referrer policy makes it "null" even for our own forms. Clients that
        # send neither (curl, scripts) are not browsers acting for someone else.
        site = request.headers.get("sec-fetch-site")
        if site is not None:
            return site in ("same-origin", "none")
        origin = request.headers.get("origin")
        return origin in (None, "null") or origin.split("://", 1)[-1] == request.headers.get("host")

    async def correct(request: Request, action: str, *args) -> tuple[Any, Response | None]:
        """Run one correction (or undo) through the API in a worker thread; the result, or
        the error response (400/404, JSON under /api/, a page elsewhere)."""
        from storyline import api
        from storyline.stories.corrections import CorrectionError

        if not same_origin(request):
            message = "corrections are accepted from this site's own pages only"
            return None, (JSONResponse({"error": message}, status_code=403) if wants_json(request)
                          else page(request, "error.html", 403, title="Refused", message=message))
        try:
            return await anyio.to_thread.run_sync(lambda: getattr(api, action)(db_path, *args)), None
        except CorrectionError as exc:
            if wants_json(request):
                return None, JSONResponse({"error": str(exc)}, status_code=exc.status)
            return None, page(request, "error.html", exc.status, title="Correction not made", message=str(exc))

    async def json_body(request: Request) -> dict:
        try:
            body = await request.json()
        except ValueError:
            body = None
        return body if isinstance(body, dict) else {}

    def corrected(result, index: int) -> Response:
        """After a correction made with a form: the story it left, with the undo button."""
        sid = result.stories[index].id if result.stories else ""
        return RedirectResponse(f"{links.story(sid)}?correction={result.number}" if sid else "/corrections",
                                status_code=303)

    async def merge_submit(request: Request) -> Response:
        """POST /stories/{id}/merge (form: ``with``)."""
        form = await request.form()
        result, error = await correct(request, "merge_stories", request.path_params["story_id"], str(form.get("with") or ""))
        return error or corrected(result, 0)

    async def split_submit(request: Request) -> Response:
        """POST /stories/{id}/split (form: ``articles``, repeated)."""
        form = await request.form()
        result, error = await correct(request, "split_story", request.path_params["story_id"],
                                      [str(a) for a in form.getlist("articles")])
        return error or corrected(result, 1)  # the story the user was on, less the articles split off

    async def move_submit(request: Request) -> Response:
        """POST /stories/{id}/move (form: ``article``, ``to``)."""
        form = await request.form()
        result, error = await correct(request, "move_article", str(form.get("article") or ""), str(form.get("to") or ""))
        return error or corrected(result, 0)  # the target, with the article in it

    def corrections_page(request: Request) -> Response:
        """Every correction, newest first, with an undo button for each active one."""
        from storyline.stories.corrections import describe

        rows = [{**c, "text": describe(c)} for c in reversed(store().corrections())]
        return page(request, "corrections.html", corrections=rows)

    async def undo_submit(request: Request) -> Response:
        """POST /corrections/{number}/undo."""
        result, error = await correct(request, "undo_correction", _int(request.path_params["number"], -1, -1, 2**62))
        return error or RedirectResponse("/corrections", status_code=303)

    async def api_merge(request: Request) -> Response:
        """POST /api/stories/{story_id}/merge."""
        body = await json_body(request)
        result, error = await correct(request, "merge_stories", request.path_params["story_id"], str(body.get("with") or ""))
        return error or JSONResponse(result.to_dict())

    async def api_split(request: Request) -> Response:
        """POST /api/stories/{story_id}/split."""
        body = await json_body(request)
        articles = body.get("articles")
        if not isinstance(articles, list) or not articles or not all(isinstance(a, str) for a in articles):
            return JSONResponse({"error": "give the ids of the articles to split off as {\"articles\": [...]}"}, 400)
        result, error = await correct(request, "split_story", request.path_params["story_id"], articles)
        return error or JSONResponse(result.to_dict())

    async def api_move(request: Request) -> Response:
        """POST /api/articles/{article_id}/move."""
        body = await json_body(request)
        result, error = await correct(request, "move_article", request.path_params["article_id"], str(body.get("to") or ""))
        return error or JSONResponse(result.to_dict())

    def api_corrections(request: Request) -> Response:
        """GET /api/corrections."""
        from storyline.stories.corrections import describe

        return JSONResponse({"corrections": [{**c, "text": describe(c)} for c in store().corrections()]})

    async def api_undo(request: Request) -> Response:
        """POST /api/corrections/{number}/undo."""
        result, error = await correct(request, "undo_correction", _int(request.path_params["number"], -1, -1, 2**62))
        return error or JSONResponse(result.to_dict())

    def article_page(request: Request) -> Response:
        """One article, its cited passages marked, and the events it reports."""
        aid = request.path_params["article_id"]
        art = store().get_article(aid)
        if art is None:
            return not_found(request, "Article")
        a = article_dict(art)
        sid = store().story_of(aid)
        data = story_data(sid) if sid else None
        stories = [data[0]] if data else []
        colours = outlet_colours([source_label(x) for x in data[1].values()]) if data else {}
        view = article_view(a, cited_spans(stories, aid), colours)
        view["story"] = data[0] if data else None
        events = []
        if data:
            arts = data[1]
            for e in data[0].get("timeline") or []:
                if aid in (e.get("sources") or []):
                    events.append({**e, "when": format_date(e.get("date"), e.get("precision")),
                                   "href": links.event(data[0]["id"], e["id"]), "anchor": event_anchor(data[0]["id"], e["id"]),
                                   "others": [article_card(arts[x], colours) for x in e.get("sources") or []
                                              if x != aid and x in arts]})
        return page(request, "article.html", a=view, page=True, events=events)

    def upload_form(request: Request) -> Response:
        """The upload/paste form and the recent uploads."""
        return page(request, "upload.html", jobs=sorted(uploads.jobs.values(), key=lambda j: -j.created)[:10])

    def job_page(request: Request) -> Response:
        """An upload's progress (kept current by storyline.js) and result."""
        job = uploads.get(request.path_params["job_id"])
        if job is None:
            return not_found(request, "Upload")
        return page(request, "job.html", job=job)

    async def read_upload(request: Request) -> list[tuple[str, bytes]]:
        """The files (and pasted text) of an upload request, checked against the limits."""
        try:
            form = await request.form(max_files=limits.max_files, max_fields=20, max_part_size=limits.max_file_bytes)
        except (MultiPartException, HTTPException) as exc:
            detail = getattr(exc, "message", None) or getattr(exc, "detail", str(exc))
            status = 413 if "Too many files" in detail or "exceeded maximum size" in detail else 400
            raise UploadRefused(f"cannot read the upload: {detail} (the limit is {limits.describe()})", status) from None
        files: list[tuple[str, bytes]] = []
        try:
            for item in form.getlist("files"):
                if not isinstance(item, UploadFile):
                    continue
                name = item.filename or ""
                if not name and not item.size:  # the browser sends an empty part when no file is chosen
                    continue
                check_client_name(name)
                data = await item.read(limits.max_file_bytes + 1)
                if len(data) > limits.max_file_bytes:
                    raise UploadRefused(f"{name!r} is larger than {_mb(limits.max_file_bytes)}, the limit for one file", 413)
                files.append((name or "upload.txt", data))
            text = form.get("text")
            if isinstance(text, str) and text.strip():
                name = form.get("name") if isinstance(form.get("name"), str) else ""
                # a label, not a file name: it only becomes part of a slug (see stored_name)
                name = re.sub(r"[\\/\x00]+", "-", (name or "").strip())
                data = text.encode("utf-8")
                if len(data) > limits.max_file_bytes:
                    raise UploadRefused(f"the pasted text is larger than {_mb(limits.max_file_bytes)}, the limit", 413)
                files.append(((name or "pasted") + ("" if "." in name else ".txt"), data))
        finally:
            await form.close()
        if len(files) > limits.max_files:
            raise UploadRefused(f"too many files ({len(files)}): the limit is {limits.max_files} per upload", 413)
        if not files:
            raise UploadRefused("nothing to add: choose at least one file or paste an article", 400)
        return files

    async def upload_submit(request: Request) -> Response:
        """The form's POST: queue the upload, then show its job page (303)."""
        try:
            files = await read_upload(request)
            job = await anyio.to_thread.run_sync(uploads.submit, files)
        except UploadRefused as exc:
            return page(request, "upload.html", exc.status, error=exc.message, jobs=[])
        return RedirectResponse(f"/jobs/{quote(job.id)}", status_code=303)

    # ------------------------------------------------------------------ JSON API
    def api_stories(request: Request) -> Response:
        """GET /api/stories."""
        limit = _int(request.query_params.get("limit"), 100, 1, 1000)
        rows = store().list_stories(limit=limit)
        return JSONResponse({"stories": [{**r, "url": f"/api/stories/{quote(r['id'], safe='')}"} for r in rows]})

    def api_story(request: Request) -> Response:
        """GET /api/stories/{story_id}."""
        data = story_data(request.path_params["story_id"])
        if data is None:
            return not_found(request, "Story")
        s, arts = data
        brief = [{k: a.get(k) for k in ("id", "title", "outlet", "published", "url")} for a in arts.values()]
        return JSONResponse({"story": s, "articles": brief})

    def api_article(request: Request) -> Response:
        """GET /api/articles/{article_id}."""
        aid = request.path_params["article_id"]
        art = store().get_article(aid)
        if art is None:
            return not_found(request, "Article")
        return JSONResponse({"article": article_dict(art), "story": store().story_of(aid)})

    def api_search(request: Request) -> Response:
        """GET /api/search?q=."""
        q = request.query_params.get("q", "").strip()[:200]
        if not q:
            return JSONResponse({"error": "give the words to search for as ?q=..."}, status_code=400)
        limit = _int(request.query_params.get("limit"), 50, 1, 200)
        return JSONResponse({"query": q, "results": store().search(q, limit=limit)})

    async def api_upload(request: Request) -> Response:
        """POST /api/upload: 202 with the job, or the finished job with ?wait=true."""
        try:
            files = await read_upload(request)
            job = await anyio.to_thread.run_sync(uploads.submit, files)
        except UploadRefused as exc:
            return JSONResponse({"error": exc.message}, status_code=exc.status)
        if request.query_params.get("wait") in ("1", "true", "yes"):
            await anyio.to_thread.run_sync(job.event.wait, 300)
            return JSONResponse(job.to_dict(), status_code=200 if job.status == "done" else 202)
        return JSONResponse(job.to_dict(), status_code=202, headers={"location": f"/api/jobs/{job.id}"})

    def api_job(request: Request) -> Response:
        """GET /api/jobs/{job_id}."""
        job = uploads.get(request.path_params["job_id"])
        if job is None:
            return not_found(request, "Upload")
        return JSONResponse(job.to_dict())

    def api_openapi(request: Request) -> Response:
        """GET /api/openapi.json."""
        from storyline.web.openapi import openapi

        return JSONResponse(openapi(__version__, limits))

    def static(request: Request) -> Response:
        """The shared stylesheet and script (the same text report.html inlines)."""
        name = request.path_params["name"]
        if name not in STATIC:
            return Response("not found", status_code=404, media_type="text/plain")
        return Response(asset(name), media_type=STATIC[name], headers={"cache-control": "no-cache"})

    async def on_error(request: Request, exc: HTTPException) -> Response:
        if wants_json(request):
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
        return page(request, "error.html", exc.status_code, title=str(exc.status_code), message=exc.detail)

    routes = [
        Route("/", home, name="home"),
        Route("/stories/{story_id}", story_page, name="story"),
        Route("/articles/{article_id}", article_page, name="article"),
        Route("/upload", upload_form, methods=["GET"], name="upload_form"),
        Route("/upload", upload_submit, methods=["POST"], name="upload_submit"),
        Route("/jobs/{job_id}", job_page, name="job"),
        Route("/stories/{story_id}/merge", merge_submit, methods=["POST"], name="merge_submit"),
        Route("/stories/{story_id}/split", split_submit, methods=["POST"], name="split_submit"),
        Route("/stories/{story_id}/move", move_submit, methods=["POST"], name="move_submit"),
        Route("/corrections", corrections_page, name="corrections"),
        Route("/corrections/{number}/undo", undo_submit, methods=["POST"], name="undo_submit"),
        Route("/static/{name}", static, name="static"),
        Route("/favicon.ico", lambda request: Response(status_code=204), name="favicon"),
        Route("/api/stories", api_stories, name="api_stories"),
        Route("/api/stories/{story_id}", api_story, name="api_story"),
        Route("/api/articles/{article_id}", api_article, name="api_article"),
        Route("/api/search", api_search, name="api_search"),
        Route("/api/stories/{story_id}/merge", api_merge, methods=["POST"], name="api_merge"),
        Route("/api/stories/{story_id}/split", api_split, methods=["POST"], name="api_split"),
        Route("/api/articles/{article_id}/move", api_move, methods=["POST"], name="api_move"),
        Route("/api/corrections", api_corrections, name="api_corrections"),
        Route("/api/corrections/{number}/undo", api_undo, methods=["POST"], name="api_undo"),
        Route("/api/upload", api_upload, methods=["POST"], name="api_upload"),
        Route("/api/jobs/{job_id}", api_job, name="api_job"),
        Route("/api/openapi.json", api_openapi, name="api_openapi"),
    ]

    from contextlib import asynccontextmanager

    @asynccontextmanager
    async def lifespan(app):
        if recover:
            uploads.recover()
        try:
            yield
        finally:
            await anyio.to_thread.run_sync(uploads.stop)
            store.close()

    app = Starlette(routes=routes, exception_handlers={HTTPException: on_error}, lifespan=lifespan)
    app.add_middleware(SecurityMiddleware, limits=limits)
    app.state.uploads = uploads
    app.state.db_path = db_path
    app.state.limits = limits
    return app


def snippet_html(snippet: str | None, query: str) -> Markup:
    """An FTS5 snippet with the query's words marked. The snippet is article text, so it is
    escaped first; only brackets the search put around a query word become <mark>."""
    words = {w.casefold() for w in re.findall(r"\w+", query or "")}
    out, pos = [], 0
    text = snippet or ""
    for m in re.finditer(r"\[([^\[\]]{1,100})\]", text):
        inner = m.group(1)
        if not ({w.casefold() for w in re.findall(r"\w+", inner)} & words):
            continue
        out.append(escape(text[pos:m.start()]))
        out.append(Markup("<mark>") + escape(inner) + Markup("</mark>"))
        pos = m.end()
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def _int(value: str | None, default: int, lo: int, hi: int) -> int:
    """A query parameter as an int within [lo, hi]; ``default`` when absent or not a number."""
    try:
        return max(lo, min(hi, int(value))) if value is not None else default
    except ValueError:
        return default

