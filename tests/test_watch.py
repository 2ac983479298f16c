"""`storyline watch` against a news site on 127.0.0.1 whose feed grows, and the change sets
it records (issue 17).

The site releases the bundled seed articles one by one, oldest first, as HTML pages listed
in an RSS feed and a sitemap; beside it are sources that fail the ways real ones do (HTTP
500, no answer, broken XML) and a feed that lists a page that is no article and a page
robots.txt forbids. One module fixture runs the rounds (the pipeline analyses each article
once); the tests read what each round said and recorded.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from feedserver import Site, serve
from storyline.ingest import Limits
from storyline.ingest.sources import Manners
from storyline.store import Store
from storyline.watch import parse_every, watch_round

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
# The seed articles in the order they were published (the order a live feed released them).
SEED_ORDER = ["004_", "000_", "001_", "002_", "003_"]


def _seeds() -> list[Path]:
    found = [next(EXAMPLES.glob(p + "*"), None) for p in SEED_ORDER]
    if not all(found):
        pytest.skip("the seed articles are not in examples/")
    return found  # type: ignore[return-value]


@pytest.fixture(scope="module")
def watched(tmp_path_factory):
    """Five rounds, one seed article released before each, then a round with nothing new."""
    seeds = _seeds()
    site = Site()
    server, base = serve(site)
    db = tmp_path_factory.mktemp("watch") / "watch.db"
    limits = Limits()
    limits.fetch_timeout = 1.0  # /slow.xml answers after 3 s
    manners = Manners(limits, delay=0)
    sources = [f"{base}/feed.xml", f"{base}/error.xml", f"{base}/broken.xml", f"{base}/slow.xml",
               f"{base}/mixed.xml", f"{base}/sitemap.xml"]
    rounds = []
    with Store(db) as store:
        for f in [*seeds, None]:
            if f is not None:
                site.release(f"/news/{f.stem}.html", f.stem, f.read_text("utf-8"))
            lines: list[str] = []
            res = watch_round(store, sources, limits=limits, manners=manners, say=lines.append)
            rounds.append((res, lines))
        final = list(store.iter_stories())
    yield {"site": site, "base": base, "db": db, "rounds": rounds, "stories": final, "sources": sources}
    server.shutdown()


def _texts(changes: dict, kind: str) -> list[str]:
    return [e["text"] for e in changes[kind]]


def _one_story_changes(res) -> dict:
    assert len(res.changes) == 1, [c["story"] for c in res.changes]
    return res.changes[0]


def test_every_round_has_one_line_per_source_and_failures_do_not_stop_it(watched):
    n = len(watched["sources"])
    for res, lines in watched["rounds"]:
        source_lines = [ln for ln in lines if not ln.startswith("story ")]
        assert len(source_lines) == n
        assert any("error.xml: error: HTTP error 500" in ln for ln in source_lines)
        assert any("slow.xml: error: cannot fetch: no answer within 1 s" in ln for ln in source_lines)
        assert any("broken.xml: error: not a readable RSS/Atom feed" in ln for ln in source_lines)
    first = watched["rounds"][0][1]
    assert any("feed.xml: 1 new entry, 1 article added" in ln for ln in first)
    assert any(ln.startswith("sitemap ") and "1 new entry" in ln for ln in first)  # the same page: stored once


def test_each_article_is_added_once_and_an_unchanged_feed_costs_a_304(watched):
    with Store(watched["db"]) as store:
        assert store.count("articles") == 5
        assert len(watched["stories"]) == 1 and len(watched["stories"][0].articles) == 5
    last, lines = watched["rounds"][-1]
    assert not last.changes
    assert any("feed.xml: 0 new entries, 0 articles added, feed not modified" in ln for ln in lines)
    asked = [h for p, h in watched["site"].log if p == "/feed.xml"]
    assert "If-None-Match" not in asked[0] and all(h.get("If-None-Match") for h in asked[1:])
    assert all("Storyline/" in h.get("User-Agent", "") for _, h in watched["site"].log)


def test_robots_txt_is_obeyed_and_a_page_that_is_no_article_is_rejected_once(watched):
    log = [p for p, _ in watched["site"].log]
    assert "/private/secret.html" not in log
    assert log.count("/about.html") == 1  # rejected for good, not fetched again every round
    first = next(ln for ln in watched["rounds"][0][1] if "mixed.xml" in ln)
    assert "1 rejected (" in first and "about.html: no article text found" in first
    assert "1 failed (" in first and "disallowed by the site's robots.txt" in first


def test_change_sets_follow_the_seed_story(watched):
    """What the reader is told after each round (what the pipeline gives through the HTML path)."""
    r = [res for res, _ in watched["rounds"]]
    one = _one_story_changes(r[0])
    assert one["began"] and one["new_events"]
    two = _one_story_changes(r[1])
    # The feed gives no dates and the first two pages state none of their own (htmldate's
    # guess, the treaty's "June 19, 2024" from the text, is refused): nothing can be placed yet,
    # so no line is new; the Duma vote comes with the first dated report.
    assert not two["new_events"]
    assert any("Federation Council" in x["what"] for x in two["steps_announced"])
    three = _one_story_changes(r[2])
    assert any("Duma voted 397 to 0" in t for t in _texts(three, "new_events"))
    assert any("Senate ratified" in t for t in _texts(three, "new_events"))  # the Federation Council's vote
    revised = [f for f in three["figures_revised"] if "troops" in f["subject"]]
    assert revised and revised[0]["old"]["value"] == 3000 and revised[0]["new"]["value"] == 11000
    assert revised[0]["new"]["attributed_to"] == ["Ukraine"]
    four = _one_story_changes(r[3])
    assert any("Putin signed into law" in t for t in _texts(four, "new_events"))
    five = _one_story_changes(r[4])
    assert five["articles"] and not five["began"]
    # Nothing reported new twice: every new line of the view is new once.
    seen = [t for res in r for c in res.changes for t in _texts(c, "new_events")]
    assert len(seen) == len(set(seen))


def test_kims_decree_is_new_in_the_last_round(watched):
    five = _one_story_changes(watched["rounds"][4][0])
    assert any("Kim Jong Un signed the decree" in t for t in _texts(five, "new_events"))


def test_changes_command_api_and_atom_feed(watched, capsys):
    import feedparser
    from starlette.testclient import TestClient

    from storyline.cli import main
    from storyline.web.app import create_app

    sid = watched["stories"][0].id
    assert main(["changes", "--db", str(watched["db"]), "--story", sid]) == 0
    out = capsys.readouterr().out
    assert "figure revised: North Korea troops" in out and "→ around 11,000 troops (Ukraine)" in out
    assert main(["changes", "--db", str(watched["db"]), "--since", "2999-01-01"]) == 0
    assert "no changes recorded since 2999-01-01" in capsys.readouterr().out
    assert main(["changes", "--db", str(watched["db"]), "--since", "yesterday"]) == 2

    client = TestClient(create_app(watched["db"], read_only=True))
    api = client.get(f"/api/stories/{sid}/changes").json()
    assert len(api["changes"]) == 5 and api["changes"][0]["at"] >= api["changes"][-1]["at"]
    assert any(line.startswith("figure revised: North Korea troops") for c in api["changes"] for line in c["lines"])
    assert client.get(f"/api/stories/{sid}/changes?since=2999-01-01").json()["changes"] == []
    assert client.get(f"/api/stories/{sid}/changes?since=soon").status_code == 400
    assert client.get("/api/stories/s-none/changes").status_code == 404

    atom = client.get(f"/stories/{sid}/feed.atom")
    assert atom.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(atom.content)
    assert not feed.bozo and feed.version == "atom10"
    assert len(feed.entries) == 5 and len({e.id for e in feed.entries}) == 5
    assert any("figure revised" in e.title for e in feed.entries)
    assert any("around 11,000 troops" in e.content[0].value for e in feed.entries)

    first = client.get(f"/stories/{sid}")
    assert "Latest changes" in first.text and "feed.atom" in first.text
    again = client.get(f"/stories/{sid}")  # the cookie of the first visit came back
    assert "Since your last visit" in again.text and "Nothing new since your last visit" in again.text
    dated = client.get(f"/stories/{sid}?since=2000-01-01")
    assert "What changed since 2000-01-01" in dated.text and dated.text.count('class="change-set"') == 5


def test_folder_source_picks_up_new_files_once(tmp_path):
    seeds = _seeds()
    folder = tmp_path / "crawl"
    folder.mkdir()
    target = folder / "a" / seeds[2].name
    target.parent.mkdir()
    target.write_text(seeds[2].read_text("utf-8"), "utf-8")
    writing = folder / "writing.txt"
    writing.write_text("half written", "utf-8")
    os.utime(target, (time.time() - 60, time.time() - 60))
    os.utime(writing, (time.time() + 3600, time.time() + 3600))  # still being written: left for later
    with Store(tmp_path / "f.db") as store:
        lines: list[str] = []
        watch_round(store, [str(folder)], say=lines.append)
        assert lines[0].startswith("folder ") and "1 new entry, 1 article added" in lines[0]
        os.utime(writing, (time.time() - 60, time.time() - 60))  # done writing: read, and it is no article
        lines.clear()
        watch_round(store, [str(folder)], say=lines.append)
        assert "1 new entry, 0 articles added, 1 rejected (" in lines[0] and "writing.txt: no article text" in lines[0]
        lines.clear()
        watch_round(store, [str(folder)], say=lines.append)
        assert "0 new entries, 0 articles added" in lines[0]
        assert store.count("articles") == 1


def test_a_killed_watcher_resumes_without_duplicates_or_gaps(tmp_path):
    seeds = _seeds()[:3]
    site = Site()
    server, base = serve(site)
    try:
        for f in seeds:
            site.release(f"/news/{f.stem}.html", f.stem, f.read_text("utf-8"))
        held = f"/news/{seeds[2].stem}.html"
        site.hold[held] = 60  # the watcher is killed while it waits for this page
        db = tmp_path / "w.db"
        cmd = [sys.executable, "-m", "storyline", "watch", f"{base}/feed.xml", "--db", str(db), "--once",
               "--delay", "0"]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert site.requested.wait(120), "the watcher never asked for the held page"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with Store(db) as store:
            pending = store.watch_entries(f"{base}/feed.xml", states={"pending"})
            assert len(pending) == 3 and store.count("articles") == 0
        site.hold.clear()
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        assert "0 new entries, 3 articles added" in done.stdout
        again = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
        assert "0 new entries, 0 articles added" in again.stdout
        with Store(db) as store:
            assert store.count("articles") == 3
            assert set(store.watch_entries(f"{base}/feed.xml", states={"done"})) == {
                f"{base}/news/{f.stem}.html" for f in seeds}
            added = [a for c in store.story_changes() for a in c["articles"]]
            assert sorted(added) == sorted({f.stem for f in seeds})  # each article in one change set
    finally:
        server.shutdown()


@pytest.mark.parametrize("crash", ["before grouping", "before entries are marked done"])
def test_a_round_that_dies_midway_is_finished_by_the_next(tmp_path, monkeypatch, crash):
    import storyline.stories.incremental as incremental

    seed = _seeds()[2]
    site = Site()
    server, base = serve(site)
    real = incremental.add_to_store

    def dies(store, articles, **kw):
        if crash == "before entries are marked done":
            real(store, articles, **kw)
        raise KeyboardInterrupt  # what a kill leaves: the work before committed, the rest not

    try:
        site.release(f"/news/{seed.stem}.html", seed.stem, seed.read_text("utf-8"))
        feed = f"{base}/feed.xml"
        with Store(tmp_path / "d.db") as store:
            manners = Manners(Limits(), delay=0)
            monkeypatch.setattr(incremental, "add_to_store", dies)
            with pytest.raises(KeyboardInterrupt):
                watch_round(store, [feed], manners=manners)
            assert list(store.watch_entries(feed, states={"pending"})) == [f"{base}/news/{seed.stem}.html"]
            monkeypatch.setattr(incremental, "add_to_store", real)
            lines: list[str] = []
            watch_round(store, [feed], manners=manners, say=lines.append)
            assert "1 already stored" in lines[0]  # stored by the round that died; grouped now if not then
            assert store.count("articles") == 1 and store.story_of(seed.stem)
            assert list(store.watch_entries(feed, states={"done"})) == [f"{base}/news/{seed.stem}.html"]
            assert [c["articles"] for c in store.story_changes()] == [[seed.stem]]  # recorded once
    finally:
        server.shutdown()


def test_a_feed_entrys_date_is_its_pages_publication_date(tmp_path):
    site = Site()
    server, base = serve(site)
    text = ("Council approves new bridge\n"
            "The city council voted on Monday to approve a new footbridge across the river, ending a debate that "
            "had lasted two years. The mayor said construction would begin in the spring and take about eighteen "
            "months. Opponents had argued that the bridge would cost too much and spoil the view from the old "
            "town, but the vote passed by nine votes to four after a long session.")
    try:
        site.release("/news/bridge.html", "Council approves new bridge", text, date="Tue, 05 Mar 2024 09:30:00 GMT")
        with Store(tmp_path / "d.db") as store:
            watch_round(store, [f"{base}/feed.xml"], manners=Manners(Limits(), delay=0))
            [article] = list(store.iter_articles())
        assert article.published.date == "2024-03-05" and article.published.how == "metadata"
    finally:
        server.shutdown()


def test_a_page_that_fails_to_download_is_tried_again_then_given_up(tmp_path):
    site = Site()
    server, base = serve(site)
    try:
        site.list_only("/news/gone.html", "Gone")
        with Store(tmp_path / "g.db") as store:
            manners = Manners(Limits(), delay=0)
            said = []
            for _ in range(4):
                lines: list[str] = []
                watch_round(store, [f"{base}/feed.xml"], manners=manners, say=lines.append)
                said.append(lines[0])
        assert "1 failed (" in said[0] and "HTTP error 404" in said[0] and "will try again" in said[0]
        assert "will try again" in said[1] and "will try again" not in said[2]
        assert "failed" not in said[3]  # given up: not fetched again
        assert [p for p, _ in site.log].count("/news/gone.html") == 3
    finally:
        server.shutdown()


def test_a_site_whose_robots_txt_fails_is_not_read(tmp_path):
    site = Site()
    site.robots = None
    server, base = serve(site)
    try:
        with Store(tmp_path / "r.db") as store:
            lines: list[str] = []
            watch_round(store, [f"{base}/feed.xml"], manners=Manners(Limits(), delay=0), say=lines.append)
        assert "error: the site's robots.txt could not be read (HTTP error 503" in lines[0]
        assert "/feed.xml" not in [p for p, _ in site.log]
    finally:
        server.shutdown()


def test_every_parses_durations():
    assert parse_every("15m") == 900 and parse_every("1h") == 3600 and parse_every("90") == 90
    from storyline.errors import ConfigError

    with pytest.raises(ConfigError):
        parse_every("soon")


def test_watch_refuses_what_it_cannot_watch(tmp_path, capsys):
    from storyline.cli import main

    assert main(["watch", str(tmp_path / "missing"), "--db", str(tmp_path / "x.db"), "--once"]) == 2
    assert "not an http(s) address of a feed or sitemap, nor a folder" in capsys.readouterr().err
    assert main(["watch", str(tmp_path), "--db", str(tmp_path / "x.db"), "--every", "often"]) == 2


def test_news_sitemaps_and_sitemap_indexes_are_read_oldest_first():
    from storyline.ingest.sources import _xml_root, oldest_first, sitemap_entries

    news = _xml_root(b"""<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
 <url><loc>https://example.org/b</loc><news:news><news:publication_date>2024-11-10T08:00:00Z</news:publication_date>
  <news:title>B</news:title></news:news></url>
 <url><loc>/a</loc><news:news><news:publication_date>2024-11-06</news:publication_date></news:news></url>
 <url><loc>file:///etc/passwd</loc></url>
</urlset>""")
    pages, children = sitemap_entries(news, "https://example.org/sitemap.xml")
    assert [e.location for e in oldest_first(pages)] == ["https://example.org/a", "https://example.org/b"]
    assert pages[0].title == "B" and children == []
    index = _xml_root(b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
 <sitemap><loc>https://example.org/news-1.xml</loc></sitemap></sitemapindex>""")
    assert sitemap_entries(index, "https://example.org/")[1] == ["https://example.org/news-1.xml"]
    # Entities are not expanded: a sitemap cannot make the reader open files.
    hostile = _xml_root(b'<!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]><urlset><url><loc>https://e.org/&x;'
                        b'</loc></url></urlset>')
    assert hostile is None or all("root:" not in e.location for e in sitemap_entries(hostile, "https://e.org/")[0])


def test_requests_to_one_host_are_spaced_by_the_delay(monkeypatch):
    import storyline.ingest.sources as sources

    clock = [100.0]
    waits: list[float] = []

    def sleep(s):
        waits.append(round(s, 3))
        clock[0] += s

    monkeypatch.setattr(sources, "fetch_response", lambda url, label, limits, headers=None: (200, b"", {}))
    manners = Manners(Limits(), delay=2.0, sleep=sleep, clock=lambda: clock[0])
    monkeypatch.setattr(manners, "allowed", lambda url: True)
    manners.get("https://a.example/1", "a1")
    clock[0] += 0.5
    manners.get("https://a.example/2", "a2")  # 0.5 s after the last: waits 1.5 s
    manners.get("https://b.example/1", "b1")  # another host: no wait
    assert waits == [1.5]


def test_watch_runs_rounds_every_so_often(tmp_path):
    from storyline.watch import watch

    said: list[str] = []
    (tmp_path / "in").mkdir()
    assert watch([str(tmp_path / "in")], tmp_path / "w.db", every=0.01, rounds=2, say=said.append) == 0
    assert len(said) == 2 and all("folder " in s and "0 new entries, 0 articles added" in s for s in said)
