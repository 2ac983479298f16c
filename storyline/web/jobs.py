"""Uploads: saved under names the server chooses, then added to the store by one worker thread.

One writer at a time: the worker takes every queued job, reads each job's files through the
incremental path (``pipeline.ingest``, then ``stories.incremental.add_to_store``, what
``storyline add`` runs) and marks the job done. Readers are never blocked (SQLite WAL).

Nothing accepted is lost: a job's files are written to ``upload_dir/<job>/`` before the
upload is answered, and a job directory without its ``done.json`` marker is queued again
when the app starts, so a crash mid-way re-runs the job (articles already stored are
recognised by their content and not added twice).
"""

from __future__ import annotations

import json
import logging
import queue
import re
import secrets
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from storyline.ingest import Limits
from storyline.pipeline import Progress

log = logging.getLogger("storyline.web")

# Extensions the readers pick a format by; anything else is stored as .txt (read as plain text).
KNOWN_EXT = {".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".shtml", ".json", ".jsonl", ".ndjson",
             ".warc", ".arc", ".rss", ".atom", ".xml", ".feed"}
DONE_MARKER = "done.json"


def iso_time(t: float | None) -> str | None:
    """A Unix time as ISO 8601 in UTC (``2026-12-01T09:30:00+00:00``), what the API shows."""
    return datetime.fromtimestamp(t, timezone.utc).isoformat(timespec="seconds") if t is not None else None


class UploadRefused(ValueError):
    """An upload the app will not take; ``status`` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


def check_client_name(name: str) -> None:
    """Refuse a client file name that tries to be a path. The name is never used as a path
    anyway (see :func:`stored_name`); refusing it tells the client plainly."""
    if "\x00" in name or "/" in name or "\\" in name or name.strip() in (".", "..") or re.match(r"^[A-Za-z]:", name):
        shown = name.replace("\x00", "\\0")[:80]
        raise UploadRefused(f"file name {shown!r} contains a path (/, \\, .. or a drive letter); "
                            "send the file under its plain name", 400)


def stored_name(client_name: str, token: str) -> str:
    """A safe file name for an upload: a slug of the client's name (so the article id stays
    recognisable), a token unique to the job (so two uploads called ``article.txt`` never
    share an article id), and a known extension (which picks the reader)."""
    name = unicodedata.normalize("NFKC", client_name or "")
    gz = name.lower().endswith(".gz")
    if gz:
        name = name[:-3]
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        stem, ext = name, ""
    ext = "." + ext.lower() if ext else ""
    if ext not in KNOWN_EXT:
        ext = ".txt"
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-_")[:60] or "upload"
    return f"{slug}_{token}{ext}" + (".gz" if gz else "")


class JobProgress(Progress):
    """Counts articles as the pipeline processes them, for the job page."""

    def __init__(self, job: Job):
        super().__init__(enabled=False)
        self.job = job

    def tick(self, n: int = 1) -> None:
        """Called by the pipeline once per article processed."""
        self.job.articles_read += n


@dataclass
class Job:
    """One upload: its files, and what adding them did."""

    id: str
    folder: Path
    files: list[dict[str, str]]  # {"name": client name, "path": stored path}
    status: str = "queued"  # queued | reading | grouping | done | failed
    done: int = 0  # files read so far
    articles_read: int = 0
    added: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    already: list[dict[str, Any]] = field(default_factory=list)  # the stored articles the skipped ones copy
    rejected: list[dict[str, str]] = field(default_factory=list)
    not_articles: list[dict[str, str]] = field(default_factory=list)  # read, but not news articles
    error: str | None = None
    created: float = field(default_factory=time.time)
    finished: float | None = None
    event: threading.Event = field(default_factory=threading.Event, repr=False)

    @property
    def message(self) -> str:
        """Where the job is, in words, for the job page and the API."""
        n = len(self.files)
        if self.status == "queued":
            return f"Waiting to start ({n} file{'s' if n != 1 else ''})."
        if self.status == "reading":
            return f"Reading and analysing: {self.done} of {n} file{'s' if n != 1 else ''} done."
        if self.status == "grouping":
            return "Placing the new articles into stories."
        if self.status == "failed":
            return f"Failed: {self.error}"
        return (f"Done: {len(self.added)} article{'s' if len(self.added) != 1 else ''} added, "
                f"{len(self.skipped)} already stored, {len(self.not_articles)} not articles, "
                f"{len(self.rejected)} rejected.")

    def to_dict(self) -> dict[str, Any]:
        """The job as the JSON API shows it."""
        return {"id": self.id, "status": self.status, "message": self.message, "total": len(self.files),
                "done": self.done, "articles_read": self.articles_read,
                "files": [f["name"] for f in self.files], "articles": self.added, "skipped": self.skipped,
                "already": self.already, "rejected": self.rejected, "not_articles": self.not_articles,
                "error": self.error,
                "created": iso_time(self.created), "finished": iso_time(self.finished),
                "url": f"/api/jobs/{self.id}", "page": f"/jobs/{self.id}"}


class Uploads:
    """The upload queue and its single worker thread."""

    def __init__(self, db_path: str, upload_dir: Path, *, limits: Limits | None = None,
                 max_queued: int = 200, keep_jobs: int = 1000):
        self.db_path = db_path
        self.upload_dir = Path(upload_dir)
        self.limits = limits or Limits()
        self.max_queued = max_queued
        self.keep_jobs = keep_jobs
        self.jobs: dict[str, Job] = {}
        self.queue: queue.Queue[Job | None] = queue.Queue()
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None

    # -- submitting
    def submit(self, files: list[tuple[str, bytes]]) -> Job:
        """Save ``files`` (client name, content) under server-chosen names and queue them.
        Returns once the files are on disk: from then on the job survives a crash."""
        if self.queue.qsize() >= self.max_queued:
            raise UploadRefused(f"the server has {self.queue.qsize()} uploads waiting; try again in a minute", 503)
        job_id = time.strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(4)
        folder = self.upload_dir / job_id
        folder.mkdir(parents=True, exist_ok=False)
        saved = []
        for i, (client_name, data) in enumerate(files):
            name = stored_name(client_name, f"{job_id[-8:]}{i}" if len(files) > 1 else job_id[-8:])
            path = folder / name
            path.write_bytes(data)
            saved.append({"name": client_name, "path": str(path)})
        (folder / "job.json").write_text(json.dumps({"files": saved}), "utf-8")
        job = Job(id=job_id, folder=folder, files=saved)
        self._enqueue(job)
        return job

    def _enqueue(self, job: Job) -> None:
        with self.lock:
            self.jobs[job.id] = job
            if len(self.jobs) > self.keep_jobs:  # forget the oldest finished jobs
                for old in [j for j in self.jobs.values() if j.finished][: len(self.jobs) - self.keep_jobs]:
                    self.jobs.pop(old.id, None)
        self.start()
        self.queue.put(job)

    def get(self, job_id: str) -> Job | None:
        """The job with this id, or None (jobs are kept in memory until the app stops)."""
        return self.jobs.get(job_id)

    def recover(self) -> int:
        """Queue again every saved job that never finished (the app stopped or crashed)."""
        n = 0
        if not self.upload_dir.is_dir():
            return 0
        for folder in sorted(p for p in self.upload_dir.iterdir() if p.is_dir()):
            meta, done = folder / "job.json", folder / DONE_MARKER
            if done.exists() or not meta.exists() or folder.name in self.jobs:
                continue
            try:
                files = json.loads(meta.read_text("utf-8"))["files"]
            except (OSError, ValueError, KeyError):
                continue
            self._enqueue(Job(id=folder.name, folder=folder, files=files))
            n += 1
        return n

    # -- the worker
    def start(self) -> None:
        """Start the worker thread if it is not running (it also starts on the first upload)."""
        with self.lock:
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, name="storyline-uploads", daemon=True)
                self.thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Finish the job in hand, then stop (queued jobs stay on disk for next time)."""
        if self.thread is not None and self.thread.is_alive():
            self.queue.put(None)
            self.thread.join(timeout)

    def wait_idle(self, timeout: float = 60.0) -> bool:
        """Block until every known job is finished (tests and the load test use this)."""
        deadline = time.time() + timeout
        for job in list(self.jobs.values()):
            if not job.event.wait(max(0.0, deadline - time.time())):
                return False
        return True

    def _run(self) -> None:
        from storyline.store import Store

        store = Store(self.db_path)
        try:
            while True:
                job = self.queue.get()
                if job is None:
                    return
                batch = [job]
                while len(batch) < 50:  # take what else is waiting: stories are rebuilt once per batch
                    try:
                        nxt = self.queue.get_nowait()
                    except queue.Empty:
                        break
                    if nxt is None:
                        self.queue.put(None)
                        break
                    batch.append(nxt)
                self._process(store, batch)
        finally:
            store.close()

    def _process(self, store, batch: list[Job]) -> None:
        from storyline.pipeline import ingest
        from storyline.stories.incremental import add_to_store

        new_articles = []
        per_job: dict[str, list] = {}
        for job in batch:
            try:
                job.status = "reading"
                progress = JobProgress(job)
                arts = []
                for f in job.files:
                    result = ingest(store, [f["path"]], limits=self.limits, progress=progress)
                    arts += result.articles
                    job.skipped += result.skipped
                    job.rejected += [{"source": f["name"], "reason": _reason(r.reason, f)} for r in result.rejected]
                    job.not_articles += [{"source": f["name"], "reason": p.reason} for p in result.not_articles]
                    job.done += 1
                per_job[job.id] = arts
                new_articles += arts
            except Exception as exc:  # one bad job must not stop the others
                log.exception("upload %s failed", job.id)
                self._finish(job, "failed", f"{exc.__class__.__name__}: {exc}")
        try:
            for job in batch:
                if job.status == "reading":
                    job.status = "grouping"
            if new_articles:
                add_to_store(store, new_articles)
        except Exception as exc:
            log.exception("grouping uploads failed")
            for job in batch:
                if job.status == "grouping":
                    self._finish(job, "failed", f"the articles are stored, but grouping failed ({exc.__class__.__name__}: {exc})")
            return
        for job in batch:
            if job.status != "grouping":
                continue
            for a in per_job.get(job.id, []):
                job.added.append(_described(store, a))
            for sid in job.skipped:
                stored = _stored_copy(store, sid, job, self.limits)
                if stored is not None:
                    job.already.append(_described(store, stored))
            self._finish(job, "done")

    def _finish(self, job: Job, status: str, error: str | None = None) -> None:
        job.status, job.error, job.finished = status, error, time.time()
        try:
            (job.folder / DONE_MARKER).write_text(json.dumps(job.to_dict()), "utf-8")
        except OSError:
            log.warning("could not mark upload %s done", job.id)
        job.event.set()


def _described(store, article) -> dict[str, Any]:
    """An article as a job names it: title, outlet, its story, and where to read both."""
    from urllib.parse import quote

    sid = store.story_of(article.id)
    story = store.get_story(sid) if sid else None
    return {"id": article.id, "title": article.title, "outlet": article.outlet, "story": sid,
            "story_title": story.title if story else None, "url": f"/api/articles/{quote(article.id, safe='')}",
            "page": f"/articles/{quote(article.id, safe='')}",
            "story_page": f"/stories/{quote(sid, safe='')}" if sid else None}


def _stored_copy(store, skipped_id: str, job: Job, limits: Limits):
    """The stored article an upload was a copy of. ``ingest`` names a copy found by its
    content under the id the upload would have had, which is not in the store; the input's
    fingerprint, recorded against the stored article, finds it (the files are read again,
    without analysis, only for uploads that were copies)."""
    from storyline.ingest import RawArticle, read_inputs
    from storyline.versions import input_fingerprint

    found = store.get_article(skipped_id)
    if found is not None:
        return found
    for f in job.files:
        for raw in read_inputs([f["path"]], limits, taken=store.has_article):  # as ingest read it
            if isinstance(raw, RawArticle) and raw.id == skipped_id:
                seen = store.input_seen(input_fingerprint(raw, None))
                return store.get_article(seen[0]) if seen else None
    return None


def _reason(reason: str, f: dict[str, str]) -> str:
    """A rejection reason with the server's path replaced by the name the client sent."""
    return reason.replace(f["path"], f["name"]).replace(Path(f["path"]).name, f["name"])
