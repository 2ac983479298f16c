"""Who may write through the web app: the access token, the CSRF token of forms, and the
upload rate limit (issue 16 item 3).

Reads are open to anyone who can reach the server. Writes (uploads, corrections) are guarded:

- with an access token (``storyline serve --token``), API writes carry it as
  ``Authorization: Bearer <token>`` and people sign in once at ``/login``, which sets a cookie
  holding an HMAC of the token under a per-process secret (the token itself is never stored
  in the browser, and the cookie stops working when the server restarts);
- every form carries a CSRF token, the HMAC of the browser's session cookie under the same
  secret, so a page elsewhere cannot post a form through the user's browser even on a server
  without a token;
- uploads are rate limited per client address by a small token bucket.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import math
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

SESSION_COOKIE = "storyline_session"
AUTH_COOKIE = "storyline_auth"
MIN_TOKEN_CHARS = 16


def is_loopback(host: str) -> bool:
    """Whether ``host`` (an address to bind) is reachable from this machine only."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a host name other than localhost may resolve to anything
        return False


class Guard:
    """The token and the per-process secret the CSRF and sign-in cookies are HMACs under."""

    def __init__(self, token: str | None = None, read_only: bool = False, secret: bytes | None = None):
        self.token = token or None
        self.read_only = read_only
        # Per process: a restart invalidates every form and sign-in, which is what we want from
        # a secret nobody has to configure.
        self.secret = secret or secrets.token_bytes(32)

    def _mac(self, purpose: str, value: str) -> str:
        return hmac.new(self.secret, f"{purpose}\0{value}".encode(), hashlib.sha256).hexdigest()

    @staticmethod
    def new_session() -> str:
        """A fresh session id for the session cookie."""
        return secrets.token_urlsafe(24)

    def csrf_for(self, session: str) -> str:
        """The CSRF token the forms of ``session`` carry."""
        return self._mac("csrf", session)

    def csrf_ok(self, session: str | None, value: object) -> bool:
        """Whether a posted CSRF ``value`` belongs to ``session``."""
        return bool(session) and isinstance(value, str) and hmac.compare_digest(self.csrf_for(session), value)

    def token_ok(self, value: str | None) -> bool:
        """Whether ``value`` is the access token (compared in constant time)."""
        return self.token is not None and value is not None and hmac.compare_digest(value.encode(), self.token.encode())

    def bearer_ok(self, authorization: str | None) -> bool:
        """Whether an ``Authorization`` header carries the access token."""
        scheme, _, value = (authorization or "").partition(" ")
        return scheme.lower() == "bearer" and self.token_ok(value.strip())

    def signed_in_cookie(self) -> str:
        """The sign-in cookie's value: proves the token was given, without being it."""
        return self._mac("auth", self.token or "")

    def signed_in(self, cookie: str | None) -> bool:
        """Whether a browser's sign-in cookie is valid for this process and token."""
        return self.token is not None and cookie is not None and hmac.compare_digest(cookie, self.signed_in_cookie())


class RateLimit:
    """A token bucket per client: ``burst`` uploads at once, then ``per_minute`` a minute.

    Kept in memory for at most ``max_clients`` addresses (the least recently seen are
    forgotten, which only ever gives a client a full bucket back). ``clock`` is injectable so
    tests need no sleeping."""

    def __init__(self, burst: int = 10, per_minute: float = 10.0, *, max_clients: int = 10_000,
                 clock: Callable[[], float] = time.monotonic):
        self.burst = burst
        self.rate = per_minute / 60.0
        self.max_clients = max_clients
        self.clock = clock
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # client -> (tokens, when)
        self.lock = threading.Lock()

    def take(self, client: str) -> float:
        """Take one token for ``client``: 0 when allowed, else the seconds until one is free."""
        now = self.clock()
        with self.lock:
            tokens, when = self.buckets.pop(client, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - when) * self.rate)
            wait = 0.0
            if tokens >= 1:
                tokens -= 1
            else:
                wait = (1 - tokens) / self.rate if self.rate > 0 else math.inf
            self.buckets[client] = (tokens, now)
            while len(self.buckets) > self.max_clients:
                self.buckets.popitem(last=False)
            return wait

    def describe(self) -> str:
        """The limit in words, for messages and docs."""
        return f"{self.burst} uploads at once, then {self.rate * 60:g} a minute per client"
