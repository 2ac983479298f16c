"""The public Python API. The CLI, the web app and the tests all go through here.

>>> import storyline
>>> result = storyline.run(["examples/"], out="out")        # doctest: +SKIP
>>> result.stories[0].timeline[0].text                      # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable
from pathlib import Path

from storyline.ingest import Limits
from storyline.model import Article, ArticleAnalysis
from storyline.pipeline import Progress, RunResult, ingest, regroup_all, write_reports


def _engine(engine: str, workers: int, scheduler: str | None):
    from storyline.engines import get_engine

    return get_engine(engine, workers, scheduler)


def run(
    paths: Iterable[str | os.PathLike],
    out: str | os.PathLike = "out",
    *,
    db: str | os.PathLike | None = None,
    engine: str = "local",
    workers: int = 1,
    scheduler: str | None = None,
    max_events: int | None = None,
    limits: Limits | None = None,
    quiet: bool = True,
    reports: bool = True,
    all_events: bool = False,
    layout: str = "auto",
) -> RunResult:
    """Read ``paths``, process every article, group stories, store everything and write reports.

    The store defaults to ``out/storyline.db``. Articles already in the store (same
    cleaned content) are not added twice. Returns what was done; see ``RunResult.exit_code``.
    When no input gives an article, nothing is written: no reports, and no store or
    output folder that were not there before.
    Each story's timeline is the editor's view of its key events (the full list is
    ``Story.events``); ``all_events`` makes the reports show every event as the timeline. ``layout``: one
    report.html (``"single"``), an index and a page per story (``"pages"``), or by size (``"auto"``).
    """
    from storyline.store import Store

    out = Path(out)
    db = Path(db) if db else out / "storyline.db"
    made = _missing_folders(db.parent)  # the reports make ``out`` themselves, when there is something to write
    new_db = not db.exists()
    db.parent.mkdir(parents=True, exist_ok=True)
    import time

    t0 = time.time()
    eng = _engine(engine, workers, scheduler)
    progress = Progress(not quiet)
    try:
        with Store(db) as store:
            result = ingest(store, [str(p) for p in paths], limits=limits, engine=eng, progress=progress)
            if not result.read_nothing:
                progress.stage("group")
                result.stories = _stories(store, result, max_events, progress, eng)
                if reports:
                    progress.stage("write", unit="file")
                    result.outputs = write_reports(store, out, result, all_events=all_events, layout=layout)
                    progress.reach(len(result.outputs))
        progress.done()
    finally:
        progress.close()
        eng.close()
    if result.read_nothing and new_db:
        _remove_store(db, made)
    result.seconds = time.time() - t0
    return result


def _stories(store, result: RunResult, max_events: int | None, progress: Progress | None = None,
             engine=None) -> list:
    """Every story, rebuilt unless nothing changed since they were built: no article added or
    re-analysed, and the story stages' code and options as then (``storyline.versions``)."""
    from storyline.versions import story_version

    stamp = f"{story_version()}:{max_events}"
    if not result.articles and not result.refreshed and store.get_grouping_state("built_by") == stamp:
        stories = list(store.iter_stories())
        if stories:
            return stories
    stories = regroup_all(store, max_events=max_events, progress=progress, engine=engine)
    with store.transaction() as c:
        store.set_grouping_state(c, "built_by", stamp)
    return stories


def _missing_folders(folder: Path) -> list[Path]:
    """``folder`` and those of its parents that do not exist yet, deepest first."""
    missing = []
    for f in [folder, *folder.parents]:
        if f.exists():
            break
        missing.append(f)
    return missing


def _remove_store(db: Path, folders: list[Path]) -> None:
    """Undo a store a run made but could put nothing in, and the folders made for it, so a
    run on a mistyped path leaves nothing behind (and no empty reports to mistake for results)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{db}{suffix}")
    for folder in folders:  # deepest first; a folder that holds anything else stays
        with contextlib.suppress(OSError):
            folder.rmdir()


def add(
    paths: Iterable[str | os.PathLike],
    db: str | os.PathLike,
    *,
    out: str | os.PathLike | None = None,
    max_events: int | None = None,
    limits: Limits | None = None,
    quiet: bool = True,
    all_events: bool = False,
    layout: str = "auto",
) -> RunResult:
    """Add articles to an existing store: each joins a story or starts one; only the
    stories touched are rebuilt. Adding the same article twice does nothing."""
    import time

    from storyline.stories.incremental import add_to_store
    from storyline.store import Store

    t0 = time.time()
    progress = Progress(not quiet)
    try:
        with Store(db) as store:
            result = ingest(store, [str(p) for p in paths], limits=limits, progress=progress)
            if not result.read_nothing:
                progress.stage("build stories", unit="story", units="stories")
                result.stories = add_to_store(store, result.articles, max_events=max_events)
                if result.refreshed:  # re-analysed by newer code: their stories are rebuilt where they are
                    from storyline.stories.incremental import rebuild_stories

                    done = {s.id for s in result.stories}
                    result.stories += [s for s in rebuild_stories(store, result.refreshed, max_events=max_events)
                                       if s.id not in done]
                progress.reach(len(result.stories))
                if out is not None:
                    progress.stage("write", unit="file")
                    Path(out).mkdir(parents=True, exist_ok=True)
                    result.outputs = write_reports(store, Path(out), result, all_events=all_events, layout=layout)
                    progress.reach(len(result.outputs))
        progress.done()
    finally:
        progress.close()
    result.seconds = time.time() - t0
    return result


def _open_store(db: str | os.PathLike):
    from storyline.stories.corrections import CorrectionError
    from storyline.store import Store

    if not Path(db).exists():
        raise CorrectionError(f"{db}: no such store (create one with 'storyline run ... --db {db}')")
    return Store(db)


def stories(db: str | os.PathLike, *, limit: int = 1000) -> list[dict]:
    """The stories of a store, latest activity first: id, title, first, last, n_articles,
    and ``articles`` (id, title, outlet, published of each)."""
    with _open_store(db) as store:
        rows = store.list_stories(limit=limit)
        for r in rows:
            r["articles"] = [{"id": a.id, "title": a.title, "outlet": a.outlet,
                              "published": a.published.date or a.published.earliest}
                             for a in store.get_articles(store.story_members(r["id"]))]
        return rows


def corrections(db: str | os.PathLike) -> list[dict]:
    """Every correction made to the store's stories, oldest first, undone ones included
    (``undone`` is the Unix time of the undo, or None), each with a ``text`` saying what it did."""
    from storyline.stories.corrections import describe

    with _open_store(db) as store:
        return [{**c, "text": describe(c)} for c in store.corrections()]


def _correct(db, action: str, *args, out=None, max_events: int | None = None, all_events: bool = False):
    from storyline.stories import corrections as corr

    with _open_store(db) as store:
        done = getattr(corr, action)(store, *args, max_events=max_events)
        number, built = (args[0], done) if action == "undo" else done
        result = corr.CorrectionResult(number, built)
        if out is not None:
            Path(out).mkdir(parents=True, exist_ok=True)
            result.outputs = write_reports(store, Path(out), RunResult(), all_events=all_events)
    return result


def merge_stories(db: str | os.PathLike, story: str, other: str, **kw):
    """Merge story ``other`` into ``story`` for good (a correction: listed, undoable, kept
    by re-runs and adds). ``out`` rewrites the reports there. Returns a CorrectionResult."""
    return _correct(db, "merge", story, other, **kw)


def split_story(db: str | os.PathLike, story: str, articles: list[str], **kw):
    """Split ``articles`` off ``story`` into a story of their own, kept apart from then on."""
    return _correct(db, "split", story, list(articles), **kw)


def move_article(db: str | os.PathLike, article: str, to: str, **kw):
    """Move one article into story ``to``, where it stays."""
    return _correct(db, "move", article, to, **kw)


def undo_correction(db: str | os.PathLike, number: int, **kw):
    """Undo correction ``number`` (see :func:`corrections`); the stories it touched are rebuilt."""
    return _correct(db, "undo", int(number), **kw)


def parse_since(since: str | None) -> float | None:
    """Unix time of a ``--since`` / ``?since=`` value: an ISO date or date and time (UTC when
    no offset is given). Raises ConfigError for anything else."""
    import datetime as dt

    from storyline.errors import ConfigError

    if since is None or not str(since).strip():
        return None
    # RFC 3339 allows a lower-case "t" and "z" and a leap second; Python's parser wants neither.
    text = re.sub(r":60(?=\D|$)", ":59", str(since).strip().upper().replace("Z", "+00:00"))
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"since: not a date or date and time such as 2026-12-01 or 2026-12-01T08:00 (got {since!r})"
                          ) from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.timestamp()


def changes(db: str | os.PathLike, *, since: str | float | None = None, story: str | None = None,
            limit: int = 1000) -> list[dict]:
    """Change sets recorded by adds, newest first (of one story, or since a date): each with
    ``story``, ``title``, ``at`` (Unix time), ``recorded`` (ISO, UTC), ``articles`` added, the
    lists of :mod:`storyline.stories.changes`, and ``lines``: the changes in words."""
    import datetime as dt

    from storyline.stories.changes import describe

    t = since if isinstance(since, (int, float)) else parse_since(since)
    with _open_store(db) as store:
        rows = store.story_changes(story, t, limit)
    for r in rows:
        r["recorded"] = dt.datetime.fromtimestamp(r["at"], dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        r["lines"] = describe(r)
    return rows


def analyse(article: Article) -> ArticleAnalysis:
    """Run the per-article stages on one cleaned article (sentences, entities, times, events, claims)."""
    from storyline.annotate import analyse_article

    return analyse_article(article)
