"""``storyline serve``: the web app and its JSON API over a Storyline store.

:func:`create_app` builds the Starlette app (usable with any ASGI server or Starlette's
TestClient); :func:`serve` runs it with uvicorn. See docs/web.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

from storyline.web.app import UploadLimits, create_app

__all__ = ["create_app", "serve", "UploadLimits"]


def serve(db: str | Path = "out/storyline.db", host: str = "127.0.0.1", port: int = 8000, *,
          token: str | None = None, read_only: bool = False) -> None:
    """Serve the web app over the store ``db`` on ``host:port`` until interrupted.

    A store that does not exist yet is created empty (add articles with the upload page).
    On an address other than loopback, writes must be protected: give ``token`` (uploads and
    corrections then need it) or ``read_only``; :class:`~storyline.errors.ConfigError` otherwise.
    """
    import uvicorn

    from storyline.errors import ConfigError
    from storyline.web.guard import MIN_TOKEN_CHARS, is_loopback

    if token is not None and len(token) < MIN_TOKEN_CHARS:
        raise ConfigError(f"the access token is too short ({len(token)} characters): use at least {MIN_TOKEN_CHARS}, "
                          "e.g. python3 -c 'import secrets; print(secrets.token_urlsafe())'")
    if not is_loopback(host) and not token and not read_only:
        raise ConfigError(f"refusing to serve on {host} with writes open to anyone who can reach it: give --token "
                          "(or set STORYLINE_TOKEN) so that uploads and corrections need it, or --read-only")
    if not Path(db).exists():
        print(f"storyline: {db} does not exist yet; starting with an empty store (add articles at /upload)",
              file=sys.stderr)
    app = create_app(db, token=token, read_only=read_only)
    mode = "read-only" if read_only else ("writes need the access token" if token else "writes open to this machine")
    print(f"storyline: serving {db} on http://{host}:{port}/ ({mode}; Ctrl-C stops)", file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
