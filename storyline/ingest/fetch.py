"""``http://`` and ``https://`` inputs: fetched, then read like a file.

People paste article addresses next to file names (``storyline run https://...``), as they
do with trafilatura; reading them beats telling them to download each page first. The
download is held to the rules a file is held to, plus the network's own: a timeout, the
file size limit (checked against Content-Length before the body, and while reading it), a
user agent that names Storyline so a site knows who asks, redirects only to http(s), and
one line naming the address and the reason when anything fails (offline, refused, 404...).
The standard library's urllib does all of it; proxies set in the environment are honoured.
"""

from __future__ import annotations

import http.client
import re
import socket
import ssl
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from storyline.versions import __version__
from storyline.errors import InputError

USER_AGENT = f"Storyline/{__version__} (news reader; Python urllib)"
_URL = re.compile(r"^https?://", re.I)
_CHUNK = 1 << 16


def is_url(path: object) -> bool:
    """Whether an input names an http(s) address rather than a file."""
    return isinstance(path, str) and bool(_URL.match(path))


def url_name(url: str) -> str:
    """What an article fetched from ``url`` is named after: its last path segment, else its host."""
    parts = urlsplit(url)
    segment = next((s for s in reversed(parts.path.split("/")) if s), "")
    return segment or parts.hostname or "page"


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) only: a page must not send the reader to ftp:// or a file."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not is_url(newurl):
            raise urllib.error.URLError(f"redirected to {newurl[:200]}, which is not an http(s) address")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, label: str, limits) -> bytes:
    """The body of ``url``, or InputError naming ``label`` and the reason."""
    return fetch_response(url, label, limits)[1]


def fetch_response(url: str, label: str, limits, headers: dict[str, str] | None = None
                   ) -> tuple[int, bytes, dict[str, str]]:
    """(status, body, response headers) of ``url``, sending ``headers`` too (``If-None-Match``,
    ``If-Modified-Since``: a 304 answer gives status 304 and no body); InputError otherwise."""
    timeout = limits.fetch_timeout
    opener = urllib.request.build_opener(_HttpOnlyRedirects)
    started = time.monotonic()
    try:
        request = urllib.request.Request(url, headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            **(headers or {}),
        })
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limits.max_file_bytes:
                raise InputError(label, f"page too large ({int(length):,} bytes; limit {limits.max_file_bytes:,}, "
                                        "see --max-file-bytes)")
            chunks, size = [], 0
            while size <= limits.max_file_bytes:
                chunk = response.read(_CHUNK)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                # The socket timeout bounds each wait; this bounds a server that sends a byte at a time.
                if time.monotonic() - started > timeout:
                    raise InputError(label, f"download not finished within {timeout:g} s (see --timeout)")
            # http.client returns a short body quietly when the server hangs up early; a page
            # cut short must not pass for the whole page.
            if length and length.isdigit() and size < int(length):
                raise InputError(label, f"connection closed after {size:,} of {int(length):,} bytes, before the "
                                        "whole page arrived")
            return response.status, b"".join(chunks), dict(response.headers.items())
    except InputError:
        raise
    except urllib.error.HTTPError as exc:
        if exc.code == 304:  # not modified since the validators sent
            return 304, b"", dict(exc.headers.items()) if exc.headers else {}
        target = exc.headers.get("Location", "") if exc.headers else ""
        if 300 <= exc.code < 400 and target and not is_url(target):  # refused by urllib itself (file:, data:)
            raise InputError(label, f"redirected to {target[:200]}, which is not an http(s) address") from None
        raise InputError(label, f"HTTP error {exc.code} {exc.reason}".rstrip()) from None
    except urllib.error.URLError as exc:
        raise InputError(label, f"cannot fetch: {_why(exc.reason, timeout)}") from None
    except http.client.IncompleteRead as exc:
        raise InputError(label, f"connection closed after {len(exc.partial):,} bytes, before the whole page "
                                "arrived") from None
    except (http.client.HTTPException, OSError) as exc:
        raise InputError(label, f"cannot fetch: {_why(exc, timeout)}") from None
    except ValueError as exc:  # urllib's word for an address it cannot parse ("http://[::1")
        raise InputError(label, f"not a valid address ({exc})") from None


def _why(reason: object, timeout: float) -> str:
    """A network failure in words a reader can act on."""
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"no answer within {timeout:g} s (see --timeout)"
    if isinstance(reason, socket.gaierror):
        return "host not found (offline, or a mistyped address?)"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused (is the address right, and the server up?)"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"the site's TLS certificate is not valid ({reason.verify_message})"
    if isinstance(reason, http.client.RemoteDisconnected):
        return "the server closed the connection without answering"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower()
    return str(reason) or reason.__class__.__name__
