"""A bounded load test on loopback: a fixed number of requests (reads, searches and uploads)
from several threads against a real uvicorn server. Every request is answered with the
expected status and every accepted upload ends up in the store. No timing assertions."""

from __future__ import annotations

import random
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
from test_web_data import ServerThread

from storyline.store import Store
from storyline.web import create_app

REQUESTS = 200
THREADS = 8
UPLOADS = 8

TOPICS = ["tram", "ferry", "tunnel", "harbour", "market", "library", "stadium", "airport"]


def _article(i: int) -> bytes:
    topic = TOPICS[i % len(TOPICS)]
    return (f"The city council voted on Monday to repair the {topic} number {i}, officials said. "
            f"Work on the {topic} will begin next month and cost {i + 2} million euros, according to the "
            f"transport office. Residents near the {topic} welcomed the decision but asked for quieter night work, "
            f"and a spokesperson said the council would publish a timetable for item {i} within a week.").encode()


def test_concurrent_reads_and_uploads_lose_nothing(seed_run, tmp_path):
    # a store made by the pipeline (not hand-built records), so adding articles regroups it as in real use
    _, report, out = seed_run
    db = tmp_path / "load.db"
    shutil.copy(out / "storyline.db", db)
    with Store(db) as store:
        before = store.count("articles")
        story = store.list_stories()[0]["id"]
        article = next(store.iter_articles()).id
    app = create_app(db, upload_dir=tmp_path / "uploads")
    reads = ["/", f"/stories/{story}", f"/articles/{article}", "/?q=treaty", "/api/stories", f"/api/stories/{story}",
             "/api/search?q=Duma", f"/api/articles/{article}", "/static/storyline.css", "/upload"]
    rng = random.Random(7)
    plan = [("GET", rng.choice(reads), None) for _ in range(REQUESTS - UPLOADS)]
    for i in range(UPLOADS):
        plan.insert(rng.randrange(len(plan)), ("POST", "/api/upload", i))
    assert len(plan) == REQUESTS

    local = threading.local()
    clients = []

    with ServerThread(app) as server:
        def send(item):
            method, path, i = item
            c = getattr(local, "client", None)
            if c is None:  # one keep-alive connection per thread, like a browser
                c = local.client = httpx.Client(base_url=server.url, timeout=60)
                clients.append(c)
            if method == "POST":
                r = c.post(path, files={"files": (f"load-{i}.txt", _article(i), "text/plain")})
                return path, r.status_code, r.json()
            r = c.get(path)
            return path, r.status_code, None

        with ThreadPoolExecutor(THREADS) as pool:
            results = list(pool.map(send, plan))
        for c in clients:
            c.close()
        uploads = app.state.uploads
        assert uploads.wait_idle(180), "uploads did not finish"

    statuses = {}
    for path, status, _ in results:
        statuses.setdefault(status, []).append(path)
    assert set(statuses) <= {200, 202}, {k: v[:3] for k, v in statuses.items() if k not in (200, 202)}
    assert len(results) == REQUESTS
    accepted = [body for _, status, body in results if status == 202]
    assert len(accepted) == UPLOADS
    added = []
    for body in accepted:
        job = uploads.get(body["id"])
        assert job.status == "done", job.to_dict()
        assert job.rejected == [] and job.skipped == []
        added += [a["id"] for a in job.added]
    assert len(added) == UPLOADS
    with Store(db) as store:
        assert store.count("articles") == before + UPLOADS
        for aid in added:
            assert store.get_article(aid) is not None
            assert store.story_of(aid) is not None  # every article joined (or started) a story
