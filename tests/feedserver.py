"""A small news site on 127.0.0.1 for the watcher's tests: a feed that grows, pages, and the
ways a real site fails (no answer, HTTP 500, broken XML, a page that is no article).

The feed answers conditional GETs (ETag and Last-Modified) with 304 when nothing was
released since; every request is logged, so tests can check what the watcher asked for.
"""

from __future__ import annotations

import html
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def page_html(text: str) -> str:
    """A plain text article as a web page: its first line the title, every line a paragraph."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    title = html.escape(lines[0]) if lines else ""
    body = "\n".join(f"<p>{html.escape(ln)}</p>" for ln in lines)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><nav><a href='/'>Home</a></nav><article>{body}</article></body></html>")


class Site:
    """The site's state: articles released so far (newest listed first, as feeds do)."""

    def __init__(self) -> None:
        self.pages: dict[str, bytes] = {}  # path -> body
        self.dates: dict[str, str] = {}  # path -> pubDate of its feed entry
        self.released: list[tuple[str, str]] = []  # (path, title), oldest first
        self.version = 0
        self.changed = time.time()
        self.log: list[tuple[str, dict[str, str]]] = []  # (path, request headers)
        self.hold: dict[str, float] = {}  # path -> seconds to wait before answering
        self.requested = threading.Event()  # set when a held path is first asked for
        self.robots: str | None = "User-agent: *\nDisallow: /private/\n"

    def release(self, path: str, title: str, body: str, date: str | None = None) -> None:
        """Publish a page; ``date`` (RFC 822) becomes its feed entry's pubDate."""
        if date:
            self.dates[path] = date
        self.pages[path] = page_html(body).encode("utf-8")
        self.released.append((path, title))
        self.version += 1
        self.changed = time.time() - 1  # a whole second earlier: Last-Modified has no finer grain

    def list_only(self, path: str, title: str) -> None:
        """List a page in the feed that the site cannot serve (it answers 404)."""
        self.released.append((path, title))
        self.version += 1
        self.changed = time.time() - 1

    def feed(self, base: str, extra: list[tuple[str, str]] | None = None) -> bytes:
        items = "".join(
            f"<item><title>{html.escape(t)}</title><link>{base}{p}</link><guid>{base}{p}</guid>"
            + (f"<pubDate>{self.dates[p]}</pubDate>" if p in self.dates else "") + "</item>"
            for p, t in reversed(self.released + (extra or [])))
        return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Test news</title>"
                f"<link>{base}/</link><description>a growing feed</description>{items}</channel></rss>").encode("utf-8")


def serve(site: Site):
    """Start the site on a free port of 127.0.0.1; returns (server, base address)."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def handle(self):
            try:
                super().handle()
            except (BrokenPipeError, ConnectionResetError):  # the watcher gave up waiting: expected
                pass

        def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", headers=None):
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def do_GET(self):  # noqa: N802 (the stdlib's name)
            path = self.path
            site.log.append((path, dict(self.headers.items())))
            if path in site.hold:
                site.requested.set()
                time.sleep(site.hold[path])
            base = f"http://{self.headers.get('Host')}"
            if path == "/robots.txt":
                if site.robots is None:  # the site fails to serve it
                    return self._send(503, b"unavailable", "text/plain")
                return self._send(200, site.robots.encode(), "text/plain")
            if path in ("/feed.xml", "/mixed.xml"):
                etag = f'"v{site.version}"'
                modified = formatdate(site.changed, usegmt=True)
                if self.headers.get("If-None-Match") == etag:
                    return self._send(304, b"", headers={"ETag": etag, "Last-Modified": modified})
                extra = [("/about.html", "About us"), ("/private/secret.html", "Members only")] if path == "/mixed.xml" else []
                return self._send(200, site.feed(base, extra), "application/rss+xml",
                                  {"ETag": etag, "Last-Modified": modified})
            if path == "/sitemap.xml":
                urls = "".join(f"<url><loc>{base}{p}</loc></url>" for p, _ in reversed(site.released))
                body = ("<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                        f"{urls}</urlset>").encode()
                return self._send(200, body, "application/xml")
            if path == "/error.xml":
                return self._send(500, b"<h1>Internal Server Error</h1>")
            if path == "/broken.xml":
                return self._send(200, b"<<<rss version='2.0'><channel><item><title>cut", "application/rss+xml")
            if path == "/slow.xml":
                time.sleep(3)
                return self._send(200, site.feed(base), "application/rss+xml")
            if path == "/about.html":
                return self._send(200, b"<html><head><title>About</title></head><body><p>About us. Contact.</p>"
                                       b"</body></html>")
            if path in site.pages:
                return self._send(200, site.pages[path])
            return self._send(404, b"not found")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def release_all(site: Site, folder: Path, order: list[str]) -> None:
    """Release the articles of ``folder`` whose names start with ``order``'s prefixes, in that order."""
    for prefix in order:
        f = next(folder.glob(f"{prefix}*"))
        site.release(f"/news/{f.stem}.html", f.stem, f.read_text("utf-8"))
