"""Reports: report.json (validated against the shipped JSON Schema), report.md, report.html."""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import json
import os
import secrets
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from storyline.model import Article, Rejection, Story, asdict
from storyline.report.facts import wire_facts  # noqa: F401  (its home; kept importable from here)
from storyline.report.windows import window_words  # noqa: F401  (its home; kept importable from here)

SCHEMA_VERSION = "1.0"


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema of report.json (``storyline schema`` prints it)."""
    return json.loads(resources.files("storyline.report").joinpath("schema.json").read_text("utf-8"))


def article_dict(a: Article) -> dict[str, Any]:
    d = asdict(a)
    d.pop("fingerprint", None)
    return d


def build_report(articles: list[Article], stories: list[Story], rejected: list[Rejection], *,
                 all_events: bool = False, skipped: list | None = None,
                 related: dict[str, list[dict[str, Any]]] | None = None) -> dict[str, Any]:
    """The report as plain data, in the shape the schema describes. Each story's ``timeline``
    is the editor's view and ``events`` the full list; ``all_events`` shows the full list as
    the timeline too."""
    from storyline.versions import __version__

    story_dicts = [asdict(s) for s in stories]
    if all_events:
        for s in story_dicts:
            s["timeline"] = s.get("events") or s["timeline"]
    for s in story_dicts:  # storyline.stories.related: only stories that have some say so
        if related and related.get(s["id"]):
            s["related"] = related[s["id"]]
    return {
        "schema_version": SCHEMA_VERSION,
        "storyline_version": __version__,
        "generated": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "articles": [article_dict(a) for a in articles],
        "stories": story_dicts,
        "rejected": [{"source": r.source, "reason": r.reason} for r in rejected],
        # Read, but not news articles (storyline.clean.pagekind): kept out of stories.
        "skipped": [{"source": s.source, "reason": s.reason, "title": s.title} for s in (skipped or [])],
    }


@lru_cache(maxsize=1)
def _validator():
    import jsonschema

    return jsonschema.Draft202012Validator(schema())


def validate(report: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError when ``report`` does not match the schema."""
    import jsonschema

    error = jsonschema.exceptions.best_match(_validator().iter_errors(report))
    if error is not None:
        raise error


def finite(data: Any) -> Any:
    """Replace NaN and infinities (not JSON) by None, all the way down."""
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, dict):
        return {k: finite(v) for k, v in data.items()}
    if isinstance(data, list):
        return [finite(v) for v in data]
    return data


def atomic_write(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path`` and rename it over, so a crash never
    leaves a half-written report.

    The temporary file is created with mode 0666 less the umask, as ``open()`` would
    create the report itself (0644 under the usual umask): ``tempfile.mkstemp`` makes it
    0600, and the rename would leave reports meant for sharing readable by their owner only.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(f".{path.name}.*.tmp"):  # left by a run that was killed mid-write
        with contextlib.suppress(OSError):
            stale.unlink()
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    while True:
        tmp = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
        try:
            fd = os.open(tmp, flags, 0o666)
            break
        except FileExistsError:  # another writer picked the same name: draw again
            continue
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_all(report: dict[str, Any], out: Path, layout: str = "auto") -> dict[str, str]:
    """Write report.json, report.md and the HTML into ``out``; return their paths.

    The HTML is one self-contained report.html (``layout="single"``), or report.html as an
    index with a page per story in ``out/stories/`` (``"pages"``); ``"auto"`` picks by the
    size of the run (:func:`storyline.report.pages.choose_layout`). Either way report.html
    is the page to open.
    """
    from storyline.report.html import render_html
    from storyline.report.markdown import render_markdown
    from storyline.report.pages import choose_layout, remove_pages, write_pages

    report = finite(report)
    validate(report)
    paths = {"json": out / "report.json", "markdown": out / "report.md", "html": out / "report.html"}
    atomic_write(paths["json"], json.dumps(report, ensure_ascii=False, indent=2, allow_nan=False))
    atomic_write(paths["markdown"], render_markdown(report))
    if choose_layout(report, layout) == "pages":
        write_pages(report, out, atomic_write)
    else:
        atomic_write(paths["html"], render_html(report))
        remove_pages(out)
    return {k: str(v) for k, v in paths.items()}
