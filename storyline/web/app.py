"""The web app over a Storyline store: pages rendered on the server from the same templates
as report.html, and a JSON API under ``/api/`` described by ``/api/openapi.json``.

Untrusted text stays text: every page is rendered with autoescape, every response carries a
Content-Security-Policy that allows scripts and styles from this server only (no inline
script or style at all), uploads are bounded in size and count before they are parsed, and
an uploaded file's name is never used as a path. Who may write (uploads, corrections) is
decided in :mod:`storyline.web.guard`: an access token, a CSRF token on every form, and a rate
limit on uploads.
"""

from __future__ import annotations

import json
import math
import re
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

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
from storyline.web.guard import AUTH_COOKIE, SESSION_COOKIE, Guard, RateLimit
from storyline.web.jobs import UploadRefused, Uploads, check_client_name, iso_time

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


class BadParam(ValueError):
    """A query or path parameter the API cannot take; answered 400 with the message."""


def create_app(db_path: str | Path, *, upload_dir: str | Path | None = None, limits: UploadLimits | None = None,
               input_limits: Limits | None = None, recover: bool = True, token: str | None = None,
               read_only: bool = False, rate: RateLimit | None = None) -> Starlette:
    """The web app over the store at ``db_path``. Uploads are kept in ``upload_dir`` (default:
    ``uploads/`` beside the store) and added by one background worker; ``recover`` queues
    again the uploads a previous run accepted but did not finish.

    With ``token``, uploads and corrections need it (``Authorization: Bearer`` for the API, a
    sign-in at ``/login`` for forms); with ``read_only`` they are refused. ``rate`` limits
    uploads per client (default: :class:`RateLimit`'s)."""
    from storyline.versions import __version__
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
    guard = Guard(token, read_only)
    rate = rate or RateLimit()

    def page(request: Request, name: str, status: int = 200, **ctx) -> HTMLResponse:
        # Every page has a session (the CSRF token of its forms is derived from it); a browser
        # without one gets it with this page.
        session = request.cookies.get(SESSION_COOKIE) or ""
        fresh = not session or len(session) > 64
        if fresh:
            session = guard.new_session()
        html = env.get_template(name).render(links=links, version=__version__, q=request.query_params.get("q", ""),
                                             limits=limits, csrf=guard.csrf_for(session), writable=not guard.read_only,
                                             needs_sign_in=guard.token is not None and not signed_in(request), **ctx)
        response = HTMLResponse(html, status_code=status)
        if fresh:
            response.set_cookie(SESSION_COOKIE, session, httponly=True, samesite="strict", path="/")
        return response

    def signed_in(request: Request) -> bool:
        return guard.signed_in(request.cookies.get(AUTH_COOKIE))

    def refused(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
        if wants_json(request):
            return JSONResponse({"error": message}, status_code=status, headers=headers)
        response = page(request, "error.html", status, title="Refused", message=message,
                        sign_in=status == 401)
        response.headers.update(headers or {})
        return response

    def refuse_write(request: Request) -> Response | None:
        """Why this write may not go ahead (read-only, another site's page, no token), or None."""
        if guard.read_only:
            return refused(request, 403, "this server is read-only: it takes no uploads or corrections")
        if not same_origin(request):
            return refused(request, 403, "writes are accepted from this site's own pages only")
        if guard.token is None:
            return None
        if wants_json(request):
            if not request.headers.get("authorization"):
                return refused(request, 401, "this server needs its access token for writes: send it as "
                                             "'Authorization: Bearer <token>'", {"www-authenticate": "Bearer"})
            if not guard.bearer_ok(request.headers.get("authorization")):
                return refused(request, 403, "wrong access token", {"www-authenticate": 'Bearer error="invalid_token"'})
            return None
        if not signed_in(request):
            return refused(request, 401, "this server needs its access token for writes: sign in first")
        return None

    def refuse_csrf(request: Request, form) -> Response | None:
        """A form post whose CSRF token is not this browser session's (forged, or from before a restart)."""
        if guard.csrf_ok(request.cookies.get(SESSION_COOKIE), form.get("csrf")):
            return None
        return refused(request, 403, "the form has expired or did not come from this site: reload the page and try again")

    def refuse_rate(request: Request) -> Response | None:
        wait = rate.take(request.client.host if request.client else "")
        if not wait:
            return None
        seconds = max(1, math.ceil(wait)) if math.isfinite(wait) else 3600
        return refused(request, 429, f"too many uploads from your address ({rate.describe()}): "
                                     f"try again in {seconds} s", {"retry-after": str(seconds)})

    async def write_form(request: Request):
        """The form of a write posted by a page, or the response refusing it."""
        error = refuse_write(request)
        if error:
            return None, error
        form = await request.form()
        return form, refuse_csrf(request, form)

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

    def related_stories(story_id: str) -> list[dict[str, Any]]:
        """Stories related to this one (storyline.stories.related), each with its page."""
        from storyline.stories.related import related_in_store

        rows = related_in_store(store(), [story_id]).get(story_id, [])
        return [{**r, "page": links.story(r["id"])} for r in rows]

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

    def search_hits(q: str, limit: int) -> list[dict[str, Any]]:
        """Search results, each naming its story (title and page) so a reader need not open it to know."""
        titles: dict[str, str | None] = {}
        hits = []
        for r in store().search(q, limit=limit):
            sid = r.get("story")
            if sid and sid not in titles:
                s = store().get_story(sid)
                titles[sid] = s.title if s else None
            hits.append({**r, "story_title": titles.get(sid) if sid else None,
                         "story_page": links.story(sid) if sid else None, "page": links.article(r["id"])})
        return hits

    def search_rows(q: str, limit: int = 50) -> list[dict[str, Any]]:
        return [{**r, "published_when": format_date(r.get("published")) if r.get("published") else "date unknown",
                 "shown_title": display_title(r)} for r in search_hits(q, limit)]

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
        s["related"] = related_stories(s["id"])
        others = [r for r in store().list_stories(limit=500) if r["id"] != s["id"]]
        members = sorted(arts.values(), key=lambda a: (published_sort_key(a), a["id"]))
        done = _int(request.query_params.get("correction"), 0, 0, 2**62)
        changes = changes_view(request, s["id"])
        response = page(request, "story.html", v=story_view(s, arts), page=True, others=others, members=members,
                        done=next((c for c in store().corrections() if c["id"] == done), None) if done else None,
                        changes=changes)
        # The next visit shows what changed after this one.
        response.set_cookie(_seen_cookie(s["id"]), f"{time.time():.0f}", max_age=400 * 86400, httponly=True,
                            samesite="lax", path="/")
        return response

    def changes_view(request: Request, story_id: str) -> dict[str, Any]:
        """What changed in a story since ?since=DATE, else since this browser's last visit
        (else the latest change sets), as lines to show."""
        from storyline.api import parse_since
        from storyline.errors import ConfigError
        from storyline.stories.changes import describe

        asked = request.query_params.get("since", "").strip()[:40]
        error, since, how = None, None, "latest"
        if asked:
            try:
                since, how = parse_since(asked), "date"
            except ConfigError as exc:
                error = str(exc)
        else:
            seen = request.cookies.get(_seen_cookie(story_id), "")
            if seen.isdigit():
                since, how = float(seen), "visit"
        rows = store().story_changes(story_id, since, 50 if since is not None else 3)
        return {"how": how, "asked": asked, "error": error, "since": iso_time(since) if since else None,
                "sets": [{"at": iso_time(r["at"]), "lines": describe(r), "n": len(r.get("articles") or [])}
                         for r in rows],
                "feed": f"/stories/{quote(story_id, safe='')}/feed.atom"}

    def story_feed(request: Request) -> Response:
        """GET /stories/{story_id}/feed.atom: the story's change sets as an Atom feed."""
        from storyline.report.atom import atom_feed

        sid = request.path_params["story_id"]
        s = store().get_story(sid)
        rows = store().story_changes(sid, None, 100)
        if s is None and not rows:
            return not_found(request, "Story")
        base = str(request.base_url).rstrip("/")
        body = atom_feed(sid, s.title if s else sid, rows, page_url=base + links.story(sid),
                         self_url=base + f"/stories/{quote(sid, safe='')}/feed.atom")
        return Response(body, media_type="application/atom+xml; charset=utf-8")

    # ------------------------------------------------------------------ corrections (issue 15)
    def same_origin(request: Request) -> bool:
        """Whether a write comes from this site's pages, or from a client that is no browser."""
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
        the error response (400/404, JSON under /api/, a page elsewhere). The caller has
        checked that the request may write (:func:`refuse_write`)."""
        from storyline import api
        from storyline.stories.corrections import CorrectionError

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
        form, error = await write_form(request)
        if error:
            return error
        result, error = await correct(request, "merge_stories", request.path_params["story_id"], str(form.get("with") or ""))
        return error or corrected(result, 0)

    async def split_submit(request: Request) -> Response:
        """POST /stories/{id}/split (form: ``articles``, repeated)."""
        form, error = await write_form(request)
        if error:
            return error
        result, error = await correct(request, "split_story", request.path_params["story_id"],
                                      [str(a) for a in form.getlist("articles")])
        return error or corrected(result, 1)  # the story the user was on, less the articles split off

    async def move_submit(request: Request) -> Response:
        """POST /stories/{id}/move (form: ``article``, ``to``)."""
        form, error = await write_form(request)
        if error:
            return error
        result, error = await correct(request, "move_article", str(form.get("article") or ""), str(form.get("to") or ""))
        return error or corrected(result, 0)  # the target, with the article in it

    def corrections_page(request: Request) -> Response:
        """Every correction, newest first, with an undo button for each active one."""
        from storyline.stories.corrections import describe

        rows = [{**c, "text": describe(c)} for c in reversed(store().corrections())]
        return page(request, "corrections.html", corrections=rows)

    async def undo_submit(request: Request) -> Response:
        """POST /corrections/{number}/undo."""
        _, error = await write_form(request)
        if error:
            return error
        result, error = await correct(request, "undo_correction", _int(request.path_params["number"], -1, -1, 2**62))
        return error or RedirectResponse("/corrections", status_code=303)

    async def api_merge(request: Request) -> Response:
        """POST /api/stories/{story_id}/merge."""
        error = refuse_write(request)
        if error:
            return error
        body = await json_body(request)
        result, error = await correct(request, "merge_stories", request.path_params["story_id"], str(body.get("with") or ""))
        return error or JSONResponse(result.to_dict())

    async def api_split(request: Request) -> Response:
        """POST /api/stories/{story_id}/split."""
        error = refuse_write(request)
        if error:
            return error
        body = await json_body(request)
        articles = body.get("articles")
        if not isinstance(articles, list) or not articles or not all(isinstance(a, str) for a in articles):
            return JSONResponse({"error": "give the ids of the articles to split off as {\"articles\": [...]}"}, 400)
        result, error = await correct(request, "split_story", request.path_params["story_id"], articles)
        return error or JSONResponse(result.to_dict())

    async def api_move(request: Request) -> Response:
        """POST /api/articles/{article_id}/move."""
        error = refuse_write(request)
        if error:
            return error
        body = await json_body(request)
        result, error = await correct(request, "move_article", request.path_params["article_id"], str(body.get("to") or ""))
        return error or JSONResponse(result.to_dict())

    def api_corrections(request: Request) -> Response:
        """GET /api/corrections."""
        from storyline.stories.corrections import describe

        return JSONResponse({"corrections": [{**c, "text": describe(c), "at": iso_time(c.get("at")),
                                              "undone": iso_time(c.get("undone"))} for c in store().corrections()]})

    async def api_undo(request: Request) -> Response:
        """POST /api/corrections/{number}/undo."""
        error = refuse_write(request)
        if error:
            return error
        number = path_int(request, "number", "correction number")
        result, error = await correct(request, "undo_correction", number)
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
        return page(request, "upload.html", jobs=sorted(uploads.jobs.values(), key=lambda j: -j.created)[:10], form={})

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
            # checked before anything is saved; the form had to be read to see its token
            if not wants_json(request) and refuse_csrf(request, form):
                raise UploadRefused("the form has expired or did not come from this site: reload the page and try again", 403)
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
                meta = pasted_metadata(form)
                if meta:
                    # Given with the text, the metadata travels as a news-please record, which the
                    # JSON reader takes as given (a date given is never re-inferred from the text).
                    data = json.dumps({**meta, "text": text}, ensure_ascii=False).encode("utf-8")
                    name = (name.rsplit(".", 1)[0] if "." in name else name) or "pasted"
                    name += ".json"
                else:
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
        error = refuse_write(request) or refuse_rate(request)
        if error:
            return error
        try:
            files = await read_upload(request)
            job = await anyio.to_thread.run_sync(uploads.submit, files)
        except UploadRefused as exc:
            return page(request, "upload.html", exc.status, error=exc.message, jobs=[], form={})
        return RedirectResponse(f"/jobs/{quote(job.id)}", status_code=303)

    # ------------------------------------------------------------------ JSON API
    def api_stories(request: Request) -> Response:
        """GET /api/stories."""
        limit = query_int(request, "limit", 100, 1, 1000)
        rows = store().list_stories(limit=limit)
        return JSONResponse({"stories": [{**r, "updated": iso_time(r.get("updated")),
                                          "url": f"/api/stories/{quote(r['id'], safe='')}", "page": links.story(r["id"])}
                                         for r in rows]})

    def api_story(request: Request) -> Response:
        """GET /api/stories/{story_id}."""
        data = story_data(request.path_params["story_id"])
        if data is None:
            return not_found(request, "Story")
        s, arts = data
        s["related"] = related_stories(s["id"])
        brief = [{k: a.get(k) for k in ("id", "title", "outlet", "published", "url")} for a in arts.values()]
        return JSONResponse({"story": s, "articles": brief})

    def api_changes(request: Request) -> Response:
        """GET /api/stories/{story_id}/changes?since=: the story's change sets, newest first."""
        from storyline.api import parse_since
        from storyline.errors import ConfigError

        sid = request.path_params["story_id"]
        try:
            since = parse_since(request.query_params.get("since"))
        except ConfigError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        limit = query_int(request, "limit", 100, 1, 1000)
        rows = store().story_changes(sid, since, limit)
        if not rows and store().get_story(sid) is None:
            return not_found(request, "Story")
        from storyline.stories.changes import describe

        for r in rows:
            r["at"], r["lines"] = iso_time(r["at"]), describe(r)
        return JSONResponse({"story": sid, "since": iso_time(since) if since is not None else None, "changes": rows,
                             "feed": f"/stories/{quote(sid, safe='')}/feed.atom"})

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
        limit = query_int(request, "limit", 50, 1, 200)
        return JSONResponse({"query": q, "results": search_hits(q, limit)})

    async def api_upload(request: Request) -> Response:
        """POST /api/upload: 202 with the job, or the finished job with ?wait=true."""
        wait = query_bool(request, "wait")
        error = refuse_write(request) or refuse_rate(request)
        if error:
            return error
        try:
            files = await read_upload(request)
            job = await anyio.to_thread.run_sync(uploads.submit, files)
        except UploadRefused as exc:
            return JSONResponse({"error": exc.message}, status_code=exc.status)
        if wait:
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

    def login_form(request: Request) -> Response:
        """The sign-in page of a server started with a token."""
        return page(request, "login.html", next=safe_next(request.query_params.get("next")), signed_in=signed_in(request),
                    has_token=guard.token is not None)

    async def login_submit(request: Request) -> Response:
        """POST /login (form: ``token``, ``next``): a cookie that lets this browser write."""
        form = await request.form()
        error = refuse_csrf(request, form)
        if error:
            return error
        nxt = safe_next(str(form.get("next") or ""))
        if guard.token is None or not guard.token_ok(str(form.get("token") or "")):
            return page(request, "login.html", 403, next=nxt, error="That is not this server's access token.",
                        has_token=guard.token is not None)
        response = RedirectResponse(nxt, status_code=303)
        response.set_cookie(AUTH_COOKIE, guard.signed_in_cookie(), httponly=True, samesite="strict", path="/")
        return response

    async def on_bad_param(request: Request, exc: BadParam) -> Response:
        return JSONResponse({"error": str(exc)}, status_code=400)

    async def on_error(request: Request, exc: HTTPException) -> Response:
        if wants_json(request):
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
        return page(request, "error.html", exc.status_code, title=str(exc.status_code), message=exc.detail)

    routes = [
        Route("/", home, name="home"),
        Route("/stories/{story_id}", story_page, name="story"),
        Route("/stories/{story_id}/feed.atom", story_feed, name="story_feed"),
        Route("/articles/{article_id}", article_page, name="article"),
        Route("/upload", upload_form, methods=["GET"], name="upload_form"),
        Route("/upload", upload_submit, methods=["POST"], name="upload_submit"),
        Route("/jobs/{job_id}", job_page, name="job"),
        Route("/stories/{story_id}/merge", merge_submit, methods=["POST"], name="merge_submit"),
        Route("/stories/{story_id}/split", split_submit, methods=["POST"], name="split_submit"),
        Route("/stories/{story_id}/move", move_submit, methods=["POST"], name="move_submit"),
        Route("/corrections", corrections_page, name="corrections"),
        Route("/login", login_form, methods=["GET"], name="login_form"),
        Route("/login", login_submit, methods=["POST"], name="login_submit"),
        Route("/corrections/{number}/undo", undo_submit, methods=["POST"], name="undo_submit"),
        Route("/static/{name}", static, name="static"),
        Route("/favicon.ico", lambda request: Response(status_code=204), name="favicon"),
        Route("/api/stories", api_stories, name="api_stories"),
        Route("/api/stories/{story_id}", api_story, name="api_story"),
        Route("/api/stories/{story_id}/changes", api_changes, name="api_changes"),
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

    app = Starlette(routes=routes, exception_handlers={HTTPException: on_error, BadParam: on_bad_param}, lifespan=lifespan)
    app.add_middleware(SecurityMiddleware, limits=limits)
    app.state.uploads = uploads
    app.state.db_path = db_path
    app.state.limits = limits
    app.state.guard = guard
    app.state.rate = rate
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


def query_int(request: Request, name: str, default: int, lo: int, hi: int) -> int:
    """An API query parameter as an int within [lo, hi]; :class:`BadParam` (400) otherwise."""
    value = request.query_params.get(name)
    if value is None:
        return default
    if not re.fullmatch(r"[+-]?\d{1,18}", value.strip()) or not lo <= int(value) <= hi:
        raise BadParam(f"{name} must be a whole number from {lo} to {hi}, not {value[:40]!r}")
    return int(value)


def query_bool(request: Request, name: str) -> bool:
    """An API query parameter as a yes/no; :class:`BadParam` (400) when it is neither."""
    value = (request.query_params.get(name) or "false").strip().lower()
    if value not in ("1", "true", "yes", "0", "false", "no", ""):
        raise BadParam(f"{name} must be true or false, not {value[:40]!r}")
    return value in ("1", "true", "yes")


def path_int(request: Request, name: str, what: str) -> int:
    """A path parameter that must be a whole number (a correction's number)."""
    value = request.path_params[name]
    if not re.fullmatch(r"\d{1,18}", value):
        raise BadParam(f"the {what} must be a whole number, not {value[:40]!r}")
    return int(value)


def safe_next(value: str | None) -> str:
    """Where to go after signing in: a path on this site only (never //host or a scheme)."""
    value = value or "/"
    return value if value.startswith("/") and not value.startswith("//") and "\\" not in value else "/"


def pasted_metadata(form) -> dict[str, str]:
    """The title, outlet, date and URL given with a pasted article (as news-please fields),
    each checked; :class:`UploadRefused` names the field that is wrong."""
    meta: dict[str, str] = {}
    for field, key, most in (("title", "title", 1000), ("outlet", "outlet", 200), ("date", "published", 100),
                             ("url", "url", 4096)):
        value = form.get(field)
        value = value.strip() if isinstance(value, str) else ""
        if not value:
            continue
        if len(value) > most:
            raise UploadRefused(f"the {field} is longer than {most} characters", 400)
        meta[key] = value
    if "published" in meta:
        try:
            datetime.fromisoformat(meta["published"].replace("Z", "+00:00"))
        except ValueError:
            raise UploadRefused(f"the date {meta['published'][:40]!r} is not a date: give it as YYYY-MM-DD "
                                "(a time may follow, e.g. 2018-01-03T14:30)", 400) from None
    if "url" in meta:
        parts = urlsplit(meta["url"])
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise UploadRefused(f"the URL {meta['url'][:80]!r} is not an http(s) address", 400)
    return meta


def _seen_cookie(story_id: str) -> str:
    """The cookie that remembers when this browser last saw a story (a short hash of its id:
    cookie names take only some characters)."""
    import hashlib

    return "seen-" + hashlib.sha1(story_id.encode("utf-8")).hexdigest()[:12]


def _int(value: str | None, default: int, lo: int, hi: int) -> int:
    """A page's query parameter as an int within [lo, hi]; ``default`` when absent or not a
    number (pages forgive what the API refuses: a stale link still shows the page)."""
    try:
        return max(lo, min(hi, int(value))) if value is not None else default
    except ValueError:
        return default

