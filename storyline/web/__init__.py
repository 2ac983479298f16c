"""``storyline serve``: the web app and its JSON API over a Storyline store.

:func:`create_app` builds the Starlette app (usable with any ASGI server or Starlette's
TestClient); :func:`serve` runs it with uvicorn. See docs/web.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

from storyline.web.app import UploadLimits, create_app

__all__ = ["create_app", "serve", "UploadLimits"]


def serve(db: str | Path = "out/storyline.db", host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the web app over the store ``db`` on ``host:port`` until interrupted.

    A store that does not exist yet is created empty (add articles with the upload page).
    """
    import uvicorn

    if not Path(db).exists():
        print(f"storyline: {db} does not exist yet; starting with an empty store (add articles at /upload)",
              file=sys.stderr)
    app = create_app(db)
    print(f"storyline: serving {db} on http://{host}:{port}/ (Ctrl-C stops)", file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
