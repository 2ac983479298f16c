"""End-to-end in a real browser: the server on 127.0.0.1 over the seed articles' store,
Debian's chromium driven by Playwright, checking what a person sees.

Skips when /usr/bin/chromium is absent (``apt-get install chromium``; Playwright's own
browser download is never used). Screenshots go to $STORYLINE_SCREENSHOTS when set (the
PNGs in docs/screenshots/ are made with ``STORYLINE_SCREENSHOTS=docs/screenshots``),
else to a temporary folder.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import httpx
import pytest
from test_web_data import ServerThread

from browser_checks import ARGS, CHROMIUM, PHONE, assert_nothing_cut_off

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="browser tests need Debian's chromium at /usr/bin/chromium "
                                                     "(apt-get install chromium); skipped"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package")

FOLLOW_UP = ("North Korea ratifies defence treaty with Russia\n\n"
             "North Korea's parliament ratified the mutual defence treaty with Russia, state media reported on Tuesday. "
             "The treaty, signed by Kim Jong Un and Vladimir Putin in Pyongyang in June, obliges each side to give "
             "military assistance if the other is attacked. Russia's Federation Council approved the treaty last week "
             "and Putin signed the ratification law on Saturday, officials in Moscow said.")
PROBE_NAME = "<img src=x onerror=alert('file')>.txt"
PROBE = ("<script>alert('title')</script> Harbour probe\n\n"
         "Residents said <img src=x onerror=alert('body')> the ferry was late again on Monday, and a "
         "<script>alert(1)</script> sign appeared near the harbour gate for the second time this week. Officials "
         "did not comment on the sign or on the timetable for repairs to the old bridge across the harbour.")


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("STORYLINE_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def server(seed_run, tmp_path_factory):
    """The web app over a copy of the seed run's store (uploads must not touch the shared one)."""
    from storyline.web import create_app

    _, report, out = seed_run
    assert report["stories"], f"the seed run made no story (rejected: {report['rejected']})"
    folder = tmp_path_factory.mktemp("browser-store")
    shutil.copy(out / "storyline.db", folder / "storyline.db")
    app = create_app(folder / "storyline.db", upload_dir=folder / "uploads")
    with ServerThread(app) as srv:
        srv.app = app
        yield srv


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    """A fresh page that records console errors (CSP violations land there) and any dialog
    (an alert() from an XSS probe would open one)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    pg.errors, pg.dialogs = [], []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


def _datetimes(pg) -> list[str]:
    return pg.locator("ol.timeline > li.day time").evaluate_all("els => els.map(e => e.getAttribute('datetime'))")


def test_seed_story_timeline_shows_dated_events_in_order_with_source_badges(server, page, shots):
    page.goto(server.url + "/")
    page.screenshot(path=str(shots / "stories.png"))
    page.locator(".story-card h2 a").first.click()
    page.wait_for_selector("ol.timeline")
    page.screenshot(path=str(shots / "story.png"))
    dates = _datetimes(page)
    assert len(dates) >= 3 and dates == sorted(dates)
    assert {"2024-11-06", "2024-11-09"} <= set(dates)  # the Federation Council's vote, Putin's signature
    badges = page.locator("ol.timeline li.event").evaluate_all(
        "els => els.map(e => e.querySelectorAll('.meta .badge').length)")
    assert badges and all(n >= 1 for n in badges)
    assert page.locator("ol.timeline li.event .badge").first.is_visible()
    # quoted evidence on demand
    first = page.locator("ol.timeline li.event").first
    assert not first.locator("blockquote").first.is_visible()
    first.locator("details.evidence summary").click()
    assert first.locator("blockquote").first.is_visible()
    # the outlet filter (script allowed by the CSP) hides the other outlets' events
    button = page.locator(".filter button.badge").first
    outlet = button.get_attribute("data-outlet")
    box = "#" + page.locator(".filter").first.get_attribute("data-timeline")
    total = page.locator(f"{box} li.event").count()
    button.click()
    shown = page.locator(f"{box} li.event:visible").evaluate_all("els => els.map(e => e.dataset.outlets)")
    assert shown and all(outlet in s.split("|") for s in shown) and len(shown) <= total
    assert f"{len(shown)} of {total} events" in page.locator(".filter [data-shown]").inner_text()
    page.locator("#" + page.locator("section.story").get_attribute("id") + "-timeline").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "story-timeline.png"))
    assert page.errors == [] and page.dialogs == []


def test_search_finds_an_article(server, page, shots):
    page.goto(server.url + "/")
    page.fill("#q", "Duma")
    page.press("#q", "Enter")
    page.wait_for_selector("ol.results li")
    assert page.locator("ol.results li p.snippet mark").first.inner_text().lower() == "duma"
    title = page.locator("ol.results li a strong").first.inner_text()
    page.locator("ol.results li a").first.click()
    page.wait_for_selector("article.doc h1")
    assert page.locator("article.doc h1").inner_text() == title
    assert "Duma" in page.locator("div.body").inner_text()
    page.screenshot(path=str(shots / "article.png"))
    assert page.errors == []


def _upload_and_wait(page, url: str) -> dict:
    page.wait_for_selector("#job.finished")
    job_id = page.url.rsplit("/", 1)[1]
    return httpx.get(f"{url}/api/jobs/{job_id}").json()


def test_an_upload_adds_an_article_to_a_story(server, page, shots):
    page.goto(server.url + "/upload")
    page.fill("#text", FOLLOW_UP)
    page.fill("#name", "follow-up")
    page.click("#upload-form button[type=submit]")
    job = _upload_and_wait(page, server.url)
    assert "Done: 1 article added" in page.locator("[data-state]").inner_text()
    page.screenshot(path=str(shots / "upload-done.png"))
    added = job["articles"][0]
    assert added["story"]
    page.locator("[data-result] a").first.click()
    page.wait_for_selector("section.story")
    links = page.locator(f"#{page.locator('section.story').get_attribute('id')}-articles a").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))")
    assert f"/articles/{added['id']}" in links
    assert page.errors == []


def test_xss_probe_shows_as_text(server, page):
    page.goto(server.url + "/upload")
    page.set_input_files("#files", files=[{"name": PROBE_NAME, "mimeType": "text/plain", "buffer": PROBE.encode()}])
    page.click("#upload-form button[type=submit]")
    job = _upload_and_wait(page, server.url)
    assert PROBE_NAME in page.locator("#job").inner_text()  # the file name, as text
    added = job["articles"][0]
    page.goto(f"{server.url}/articles/{added['id']}")
    text = page.locator("main").inner_text()
    assert "<img src=x onerror=alert('body')>" in text and "<script>alert(1)</script>" in text
    assert page.evaluate("document.querySelectorAll('main img, main script, main svg').length") == 0
    page.goto(f"{server.url}/stories/{added['story']}")
    page.goto(f"{server.url}/?q=harbour")
    assert "<script>alert" in page.locator("ol.results").inner_text()
    assert page.dialogs == [], page.dialogs
    assert page.errors == []


def test_report_html_works_offline_on_a_phone(seed_run, browser, shots):
    _, _, out = seed_run
    context = browser.new_context(**PHONE, offline=True)
    pg = context.new_page()
    errors = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.goto((out / "report.html").resolve().as_uri())
    pg.wait_for_selector("ol.timeline")
    assert_nothing_cut_off(pg)
    pg.screenshot(path=str(shots / "report-phone.png"))
    pg.locator("ol.timeline").first.scroll_into_view_if_needed()
    pg.screenshot(path=str(shots / "report-phone-timeline.png"))
    # the script runs under the report's own CSP: the filter bar is shown by it
    assert pg.locator(".filter").first.is_visible()
    dates = _datetimes(pg)
    assert dates == sorted(dates)
    assert errors == []
    context.close()


@pytest.fixture()
def sample_server(tmp_path):
    """The web app over the hand-built sample store (its own copy: the test regroups it)."""
    from test_web_data import fill_store

    from storyline.store import Store
    from storyline.web import create_app

    with Store(tmp_path / "s.db") as store:
        fill_store(store)
    with ServerThread(create_app(tmp_path / "s.db", upload_dir=tmp_path / "uploads")) as srv:
        yield srv


def test_a_split_made_on_the_story_page_sticks_and_is_undone(sample_server, page, shots):
    url = sample_server.url
    story_of = lambda aid: httpx.get(f"{url}/api/articles/{aid}").json()["story"]  # noqa: E731
    bridge = story_of("a1")
    page.goto(f"{url}/stories/{bridge}")
    page.locator("#correct summary").click()
    page.check("#split-form input[value='a1']")
    page.screenshot(path=str(shots / "story-correct.png"))
    page.click("#split-form button[type=submit]")
    page.wait_for_selector("#correction-done")
    assert "Correction 1 made: split" in page.locator("#correction-done").inner_text()
    alone = story_of("a1")
    assert httpx.get(f"{url}/api/stories/{alone}").json()["story"]["articles"] == ["a1"]
    assert story_of("a2") != alone
    page.click("#correction-done button[type=submit]")
    page.wait_for_selector("#corrections")
    assert "(undone)" in page.locator("li[data-correction='1']").inner_text()
    assert story_of("a1") == story_of("a2")
    assert page.errors == [] and page.dialogs == []


TEAM_TOKEN = "team-token-0123456789"


@pytest.fixture()
def team_server(tmp_path):
    """The web app as a team shares it: writes need the access token."""
    from test_web_data import fill_store

    from storyline.store import Store
    from storyline.web import create_app

    with Store(tmp_path / "s.db") as store:
        fill_store(store)
    with ServerThread(create_app(tmp_path / "s.db", upload_dir=tmp_path / "uploads", token=TEAM_TOKEN)) as srv:
        yield srv


def test_a_team_member_signs_in_and_pastes_an_article_with_its_facts(team_server, page, shots):
    url = team_server.url
    page.goto(url + "/upload")
    assert not page.locator("#upload-form").is_visible() or page.locator("a[href='/login?next=/upload']").count()
    page.goto(url + "/login?next=/upload")
    page.fill("#token", "not-the-token-000000")
    page.click("#login-form button[type=submit]")
    assert "not this server" in page.locator("main").inner_text()
    page.errors.clear()  # the 403 of the wrong token, logged by the browser as a failed load
    page.goto(url + "/login?next=/upload")
    page.fill("#token", TEAM_TOKEN)
    page.click("#login-form button[type=submit]")
    page.wait_for_url(url + "/upload")
    page.fill("#text", "Ferry crews walk out\n\n(Jan. 3, 2018) " + FOLLOW_UP)
    page.fill("#meta-title", "Ferry crews walk out over pay")
    page.fill("#meta-outlet", "Harbour Gazette")
    page.fill("#meta-date", "2018-01-03")
    page.fill("#meta-url", "https://gazette.example/ferry")
    page.screenshot(path=str(shots / "upload-form.png"))
    page.click("#upload-form button[type=submit]")
    job = _upload_and_wait(page, url)
    assert job["status"] == "done" and job["articles"], job
    page.goto(f"{url}/articles/{job['articles'][0]['id']}")
    facts = page.locator("dl.facts").inner_text()
    assert "Harbour Gazette" in facts and "3 January 2018" in facts and "https://gazette.example/ferry" in facts
    assert page.locator("article.doc h1").inner_text() == "Ferry crews walk out over pay"
    assert page.errors == [] and page.dialogs == []


def test_a_read_only_server_offers_no_form_to_write(tmp_path, page):
    from test_web_data import fill_store

    from storyline.store import Store
    from storyline.web import create_app

    with Store(tmp_path / "s.db") as store:
        fill_store(store)
    with ServerThread(create_app(tmp_path / "s.db", upload_dir=tmp_path / "u", read_only=True)) as srv:
        page.goto(srv.url + "/upload")
        assert page.locator("#upload-form").count() == 0 and "read-only" in page.locator("main").inner_text()
        page.goto(srv.url + "/stories/s-bridge")
        assert page.locator("form[method=post]").count() == 0
        assert page.errors == []


def test_the_web_pages_fit_a_phone(server, browser):
    context = browser.new_context(**PHONE)
    pg = context.new_page()
    pg.goto(server.url + "/")
    assert_nothing_cut_off(pg)
    pg.locator(".story-card h2 a").first.click()
    pg.wait_for_selector("ol.timeline")
    assert_nothing_cut_off(pg)
    pg.goto(server.url + "/upload")
    assert_nothing_cut_off(pg)
    context.close()
