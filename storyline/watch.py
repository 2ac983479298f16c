"""``storyline watch``: follow sources round after round, add what is new, record what changed.

A round asks every source what it lists (``storyline.ingest.sources``), records the entries
it had not seen as pending in the store, fetches the pending pages, reads them with the
usual readers (the HTML path), and adds the new articles through the incremental path
(``stories.incremental.add_to_store``), which records each touched story's change set. Only
then are the entries marked done. Every step commits on its own, and nothing is marked done
before its article is in a story, so a watcher killed at any point (``kill -9``) reads again,
on restart, exactly what it had not finished: the store skips what it already holds (no
duplicates) and picks up articles left without a story (no gaps).

A source that fails (no answer, HTTP 500, broken XML, a page that is no article) is reported
on its own line and the round goes on. A page whose download failed is tried again in the
next rounds, up to ``MAX_ATTEMPTS`` times; a page that was read but is no article is not.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from storyline.errors import ConfigError, InputError
from storyline.ingest import Limits, input_label
from storyline.ingest.fetch import is_url
from storyline.ingest.safety import display_path
from storyline.progress import counted

MAX_ATTEMPTS = 3  # downloads of one page that may fail before it is given up
MAX_PAGES_PER_ROUND = 200  # per source; the rest stay pending for the next round
MAX_ROUND_BYTES = 256 * 1024 * 1024  # pages held in memory for one round; the rest wait for the next
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|d)?\s*$", re.I)
_UNITS = {None: 1, "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400}


def parse_every(text: str) -> float:
    """Seconds in "15m", "1h", "90s", "2d" or a plain number of seconds."""
    m = _DURATION.match(text or "")
    if not m or float(m.group(1)) <= 0:
        raise ConfigError(f"--every must be a duration such as 15m, 1h or 90s (got {text!r})")
    return float(m.group(1)) * _UNITS[(m.group(2) or "").lower() or None]


def source_key(source: str) -> str:
    """How a source is named in the store: an address as given, a folder by its absolute path."""
    return source if is_url(source) else str(Path(source).resolve())


@dataclass
class SourceReport:
    """What one round did with one source."""

    source: str
    kind: str = "source"
    new: int = 0  # entries listed for the first time
    added: int = 0  # articles added to the store
    stored: int = 0  # pages read whose article the store already held
    rejected: list[str] = field(default_factory=list)  # "address: reason" of pages that are no article
    failed: list[str] = field(default_factory=list)  # pages whose download failed (tried again later)
    error: str | None = None  # the source itself failed
    not_modified: bool = False

    def line(self) -> str:
        """The one line a round prints for this source."""
        if self.error:
            return f"{self.kind} {self.source}: error: {self.error}"
        parts = [counted(self.new, "new entry", "new entries"), counted(self.added, "article") + " added"]
        if self.stored:
            parts.append(f"{self.stored:,} already stored")
        if self.rejected:
            parts.append(f"{len(self.rejected):,} rejected ({self.rejected[0]}"
                         + (f"; and {len(self.rejected) - 1:,} more" if len(self.rejected) > 1 else "") + ")")
        if self.failed:
            parts.append(f"{len(self.failed):,} failed ({self.failed[0]}"
                         + (f"; and {len(self.failed) - 1:,} more" if len(self.failed) > 1 else "") + ")")
        if self.not_modified:
            parts.append("feed not modified")
        return f"{self.kind} {self.source}: " + ", ".join(parts)


@dataclass
class RoundResult:
    sources: list[SourceReport] = field(default_factory=list)
    stories: list = field(default_factory=list)  # stories rebuilt
    changes: list[dict] = field(default_factory=list)  # change sets recorded this round

    @property
    def ok(self) -> bool:
        return not any(s.error for s in self.sources)


def _list(store, key: str, source: str, manners, limits):
    from storyline.ingest.sources import list_folder, list_url

    if is_url(source):
        known = store.watch_source(key) or {}
        return list_url(source, manners, limits, known.get("etag"), known.get("last_modified"))
    return list_folder(source)


def watch_round(store, sources: list[str], *, limits: Limits | None = None, manners=None,
                max_events: int | None = None, say: Callable[[str], None] | None = None) -> RoundResult:
    """One round over ``sources`` (addresses of feeds or sitemaps, folders) on an open store."""
    from storyline.ingest.sources import Manners, RobotsUnavailable
    from storyline.pipeline import ingest
    from storyline.stories.incremental import add_to_store

    limits = limits or Limits()
    manners = manners or Manners(limits)
    result = RoundResult()
    last_change = max((ch["id"] for ch in store.story_changes(limit=1)), default=0)
    pages: dict[str, bytes] = {}  # address -> the page fetched this round
    todo: list[tuple[SourceReport, str, dict]] = []  # (report, source key, entry row) to read
    for source in sources:
        key = source_key(source)
        rep = SourceReport(source=source if is_url(source) else display_path(source))
        result.sources.append(rep)
        try:
            listing = _list(store, key, source, manners, limits)
        except InputError as exc:
            rep.error = exc.reason
            with store.transaction() as c:
                known = store.watch_source(key) or {}
                store.put_watch_source(c, key, etag=known.get("etag"), last_modified=known.get("last_modified"),
                                       status=f"error: {exc.reason}")
            continue
        rep.kind, rep.not_modified = listing.kind, listing.not_modified
        seen = store.watch_entries(key)
        with store.transaction() as c:  # what was listed, before any of it is read
            for e in listing.entries:
                if e.key not in seen:
                    rep.new += 1
                    store.put_watch_entry(c, key, e.key, url=e.location, state="pending", published=e.published)
            store.put_watch_source(c, key, etag=listing.etag, last_modified=listing.last_modified, status="ok")
        for row in list(store.watch_entries(key, states={"pending"}).values())[:MAX_PAGES_PER_ROUND]:
            if listing.kind == "folder" or not is_url(row["url"]):
                todo.append((rep, key, row))
                continue
            if row["url"] in pages:  # listed by an earlier source too
                todo.append((rep, key, row))
                continue
            if sum(map(len, pages.values())) > MAX_ROUND_BYTES:
                break  # still pending: read next round
            try:
                pages[row["url"]] = manners.get(row["url"], row["url"])[1]
                todo.append((rep, key, row))
            except InputError as exc:
                # A page robots.txt forbids is given up at once; one whose site is down (robots.txt
                # too) is tried again next round, without counting it as an attempt.
                unavailable = isinstance(exc, RobotsUnavailable)
                forbidden = not unavailable and exc.reason.startswith("disallowed by the site's robots.txt")
                gave_up = forbidden or (not unavailable and row["attempts"] + 1 >= MAX_ATTEMPTS)
                rep.failed.append(f"{row['url']}: {exc.reason}" + ("" if gave_up else "; will try again"))
                with store.transaction() as c:
                    store.put_watch_entry(c, key, row["entry"], url=row["url"], state="failed" if gave_up else "pending",
                                          reason=exc.reason, attempt=not unavailable)

    if todo:
        def fetched(url: str, label: str, _limits) -> bytes:
            return pages[url]

        # The date a feed entry or news sitemap gives its page is the publisher's own metadata;
        # the clean stage checks it against the text as it checks any metadata date.
        dates = {_label(row["url"]): row["published"] for _, _, row in todo if row.get("published")}

        def given(raw) -> None:
            if not raw.published and raw.source in dates:
                raw.published = dates[raw.source]

        locations = list(dict.fromkeys(row["url"] for _, _, row in todo))
        read = ingest(store, locations, limits=limits, fetcher=fetched, given=given)
        result.stories = add_to_store(store, read.articles, max_events=max_events)
        by_label: dict[str, list[str]] = {}
        for r in read.rejected:
            by_label.setdefault(r.source, []).append(r.reason)
        added: dict[str, int] = {}  # input -> articles it gave (a feed or WARC file in a folder gives several)
        labels = {_label(row["url"]) for _, _, row in todo}
        for a in read.articles:
            base = a.source if a.source in labels else a.source.split("#", 1)[0]
            added[base] = added.get(base, 0) + 1
        with store.transaction() as c:
            for rep, key, row in todo:
                label = _label(row["url"])
                reasons = by_label.get(label) or next(
                    (v for k, v in by_label.items() if k.startswith(label + "#")), None)
                if label in added:
                    rep.added += added.pop(label)  # a page two sources list is counted as added once
                    state, reason = "done", None
                elif reasons:
                    rep.rejected.append(f"{label}: {reasons[0]}")
                    state, reason = "rejected", reasons[0]
                else:
                    rep.stored += 1
                    state, reason = "done", None
                store.put_watch_entry(c, key, row["entry"], url=row["url"], state=state, reason=reason)
    result.changes = list(reversed(store.story_changes(after=last_change, limit=10_000)))
    if say is not None:
        for rep in result.sources:
            say(rep.line())
        for ch in result.changes:
            say(f"story {ch['story']}: {summary(ch)}")
    return result


def summary(changes: dict) -> str:
    """A change set counted in one line: "story began, 2 new events, 1 figure revised"."""
    from storyline.stories.changes import KINDS

    names = {"new_events": ("new event", "new events"), "dates_refined": ("date more precise", "dates more precise"),
             "figures_revised": ("figure revised", "figures revised"),
             "conflicts_appeared": ("conflict appeared", "conflicts appeared"),
             "conflicts_resolved": ("conflict resolved", "conflicts resolved"),
             "steps_fulfilled": ("next step fulfilled", "next steps fulfilled"),
             "steps_overdue": ("next step overdue", "next steps overdue"),
             "steps_announced": ("next step announced", "next steps announced"),
             "new_outlets": ("new outlet", "new outlets")}
    parts = ["story began"] if changes.get("began") else []
    for k in KINDS:
        n = len(changes.get(k) or [])
        if n:
            parts.append(f"{n} {names[k][0] if n == 1 else names[k][1]}")
    return ", ".join(parts) or "no change a reader would see"


def watch(sources: list[str], db: str | os.PathLike, *, every: float | None = None, once: bool = False,
          limits: Limits | None = None, delay: float = 1.0, max_events: int | None = None,
          say: Callable[[str], None] = print, rounds: int | None = None) -> int:
    """Watch ``sources`` into the store ``db``: one round (``once``), else a round every
    ``every`` seconds until interrupted (or ``rounds`` rounds). Returns 0 when every source
    answered in the last round, 3 when one failed."""
    from storyline.ingest.sources import Manners
    from storyline.store import Store

    if not sources:
        raise ConfigError("name at least one feed, sitemap or folder to watch")
    for s in sources:
        if not is_url(s) and not Path(s).is_dir():
            raise ConfigError(f"{s}: not an http(s) address of a feed or sitemap, nor a folder")
    limits = limits or Limits()
    manners = Manners(limits, delay)
    every = every or 15 * 60.0
    n = 0
    with Store(db) as store:
        while True:
            started = time.monotonic()
            stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
            res = watch_round(store, sources, limits=limits, manners=manners, max_events=max_events,
                              say=lambda line: say(f"{stamp} {line}"))
            n += 1
            if once or (rounds is not None and n >= rounds):
                return 0 if res.ok else 3
            time.sleep(max(0.0, every - (time.monotonic() - started)))


def _label(location: str) -> str:
    """The name the ingest stage gives an input (its articles' ``source``): the address, or a
    file's name when it is given by its own path."""
    return display_path(location) if is_url(location) else input_label(Path(location), Path(location))
