"""The web app shared with a team (issue 16 item 3), through Starlette's TestClient: writes
need the access token or are refused on a read-only server, forms carry a CSRF token, uploads
are rate limited, `storyline serve` refuses an unprotected public address, API parameters are
validated, times are ISO 8601, the paste form's metadata is kept, and duplicates and search
results are named by their titles."""

from __future__ import annotations

import warnings
from datetime import datetime

import lxml.html
import pytest
from test_web import ARTICLE, form_token
from test_web_data import fill_store

from storyline.cli import main
from storyline.store import Store
from storyline.web import create_app
from storyline.web.guard import Guard, RateLimit, is_loopback

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

TOKEN = "team-token-0123456789"
BEARER = {"authorization": f"Bearer {TOKEN}"}


class Clock:
    """A clock the test moves by hand, so the rate limit needs no sleeping."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "store.db"
    with Store(path) as store:
        fill_store(store)
    return path


def _client(db, tmp_path, **kw):
    return TestClient(create_app(db, upload_dir=tmp_path / "uploads", **kw))


# ------------------------------------------------------------------ serve: where it binds


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("::1", True), ("localhost", True),
                                            ("127.0.0.2", True), ("0.0.0.0", False), ("192.168.1.5", False),
                                            ("::", False), ("example.org", False)])
def test_loopback_addresses(host, loopback):
    assert is_loopback(host) is loopback


def test_serve_refuses_a_public_address_without_token_or_read_only(tmp_path, monkeypatch, capsys):
    import uvicorn

    ran = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: ran.append(kw))
    monkeypatch.delenv("STORYLINE_TOKEN", raising=False)
    db = str(tmp_path / "s.db")
    assert main(["serve", "--db", db, "--host", "0.0.0.0"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "refusing to serve on 0.0.0.0" in err and "--token" in err and "--read-only" in err
    assert main(["serve", "--db", db, "--host", "0.0.0.0", "--token", "short"]) == 2
    assert "too short" in capsys.readouterr().err
    assert not ran
    assert main(["serve", "--db", db, "--host", "0.0.0.0", "--read-only", "--port", "9"]) == 0
    assert "read-only" in capsys.readouterr().err
    monkeypatch.setenv("STORYLINE_TOKEN", TOKEN)
    assert main(["serve", "--db", db, "--host", "0.0.0.0", "--port", "9"]) == 0
    assert "writes need the access token" in capsys.readouterr().err
    assert [kw["host"] for kw in ran] == ["0.0.0.0", "0.0.0.0"]


# ------------------------------------------------------------------ the access token


def test_api_writes_need_the_bearer_token(db, tmp_path):
    with _client(db, tmp_path, token=TOKEN) as c:
        r = c.post("/api/upload", data={"text": ARTICLE})
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer" and "Bearer" in r.json()["error"]
        r = c.post("/api/upload", data={"text": ARTICLE}, headers={"authorization": "Bearer wrong-token-0000000000"})
        assert r.status_code == 403 and r.json() == {"error": "wrong access token"}
        assert c.post("/api/stories/s-bridge/split", json={"articles": ["a1"]}).status_code == 401
        assert c.post("/api/corrections/1/undo").status_code == 401
        assert not (tmp_path / "uploads").exists() or not list((tmp_path / "uploads").iterdir())
        assert c.get("/api/stories").status_code == 200 and c.get("/").status_code == 200  # reads stay open
        r = c.post("/api/upload?wait=1", data={"text": ARTICLE}, headers=BEARER)
        assert r.status_code == 200 and r.json()["status"] == "done"
        bridge = c.get("/api/articles/a1").json()["story"]  # story ids follow their articles
        r = c.post(f"/api/stories/{bridge}/split", json={"articles": ["a1"]}, headers=BEARER)
        assert r.status_code == 200


def test_forms_need_a_sign_in_with_the_token(db, tmp_path):
    with _client(db, tmp_path, token=TOKEN) as c:
        upload = lxml.html.fromstring(c.get("/upload").text)
        assert upload.xpath("//a[@href='/login?next=/upload']")  # the page says to sign in
        csrf = form_token(c)
        r = c.post("/upload", data={"text": ARTICLE, "csrf": csrf})
        assert r.status_code == 401 and "sign in" in r.text and 'href="/login"' in r.text
        r = c.post("/login", data={"token": "not-the-token-000000", "csrf": csrf, "next": "/upload"})
        assert r.status_code == 403 and "not this server&#39;s access token" in r.text
        assert c.post("/login", data={"token": TOKEN, "next": "/upload"}).status_code == 403  # the sign-in form has CSRF too
        r = c.post("/login", data={"token": TOKEN, "csrf": csrf, "next": "//evil.example/"}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/"  # never sent off-site
        assert TOKEN not in r.headers["set-cookie"]  # the cookie proves the token without holding it
        r = c.post("/upload", data={"text": ARTICLE, "csrf": csrf}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/jobs/")
        c.app.state.uploads.wait_idle(120)


def test_a_sign_in_does_not_outlive_the_server(db, tmp_path):
    # another process has another secret: its cookies and form tokens are worth nothing here
    old = Guard(TOKEN)
    with _client(db, tmp_path, token=TOKEN) as c:
        c.cookies.set("storyline_auth", old.signed_in_cookie())
        c.cookies.set("storyline_session", "s" * 32)
        r = c.post("/upload", data={"text": ARTICLE, "csrf": old.csrf_for("s" * 32)})
        assert r.status_code == 401


# ------------------------------------------------------------------ CSRF


def test_forms_without_their_csrf_token_are_refused(db, tmp_path):
    with _client(db, tmp_path) as c:
        form_token(c)  # the browser has a session
        for data in ({}, {"csrf": "forged"}, {"csrf": Guard().csrf_for(c.cookies["storyline_session"])}):
            r = c.post("/upload", data={"text": ARTICLE, **data})
            assert r.status_code == 403 and "reload the page" in r.text
            r = c.post("/stories/s-bridge/split", data={"articles": ["a1"], **data})
            assert r.status_code == 403
            assert c.post("/corrections/1/undo", data=data).status_code == 403
        assert not (tmp_path / "uploads").exists() or not list((tmp_path / "uploads").iterdir())
        assert c.get("/api/corrections").json()["corrections"] == []
        # a token from another browser's session is no good either
        other = _client(db, tmp_path)
        with other:
            stolen = form_token(other)
        assert c.post("/upload", data={"text": ARTICLE, "csrf": stolen}).status_code == 403


def test_every_form_carries_the_csrf_token(db, tmp_path):
    with _client(db, tmp_path) as c:
        for url in ("/upload", "/stories/s-bridge"):
            doc = lxml.html.fromstring(c.get(url).text)
            forms = doc.xpath("//form[@method='post']")
            assert forms and all(f.xpath("./input[@name='csrf']/@value") for f in forms), url
        session = c.get("/").cookies.get("storyline_session") or c.cookies["storyline_session"]
        assert session


# ------------------------------------------------------------------ read-only


def test_read_only_refuses_every_write_and_shows_no_forms(db, tmp_path):
    with _client(db, tmp_path, read_only=True) as c:
        r = c.post("/api/upload", data={"text": ARTICLE}, headers=BEARER)
        assert r.status_code == 403 and "read-only" in r.json()["error"]
        assert c.post("/api/stories/s-bridge/split", json={"articles": ["a1"]}).status_code == 403
        assert c.post("/api/articles/a1/move", json={"to": "s-xss"}).status_code == 403
        assert c.post("/upload", data={"text": ARTICLE, "csrf": "x"}).status_code == 403
        upload = lxml.html.fromstring(c.get("/upload").text)
        assert not upload.xpath("//form[@id='upload-form']") and "read-only" in upload.text_content()
        story = lxml.html.fromstring(c.get("/stories/s-bridge").text)
        assert not story.xpath("//form[@method='post']")
        assert c.get("/api/corrections").json()["corrections"] == []


# ------------------------------------------------------------------ rate limit


def test_rate_limit_bucket_refills_with_time():
    clock = Clock()
    rate = RateLimit(burst=2, per_minute=6, clock=clock)
    assert rate.take("a") == 0 and rate.take("a") == 0
    assert rate.take("a") == pytest.approx(10.0)  # one token every 10 s
    assert rate.take("b") == 0  # per client
    clock.now += 10
    assert rate.take("a") == 0 and rate.take("a") > 0


def test_rate_limit_forgets_the_oldest_clients():
    rate = RateLimit(burst=1, per_minute=1, max_clients=2, clock=Clock())
    for client in ("a", "b", "c"):
        assert rate.take(client) == 0
    assert list(rate.buckets) == ["b", "c"]


def test_uploads_beyond_the_rate_get_429_with_retry_after(db, tmp_path):
    clock = Clock()
    with _client(db, tmp_path, rate=RateLimit(burst=1, per_minute=2, clock=clock)) as c:
        assert c.post("/api/upload", data={"text": ARTICLE}).status_code == 202
        r = c.post("/api/upload", data={"text": ARTICLE})
        assert r.status_code == 429 and r.headers["retry-after"] == "30" and "try again in 30 s" in r.json()["error"]
        r = c.post("/upload", data={"text": ARTICLE, "csrf": form_token(c)})
        assert r.status_code == 429 and r.headers["retry-after"] == "30"
        assert c.get("/api/stories").status_code == 200  # reads are not limited
        clock.now += 30
        assert c.post("/api/upload", data={"text": ARTICLE}).status_code == 202
        c.app.state.uploads.wait_idle(120)


# ------------------------------------------------------------------ API parameters and times


@pytest.mark.parametrize("url, words", [
    ("/api/stories?limit=abc", "limit must be a whole number from 1 to 1000, not 'abc'"),
    ("/api/stories?limit=-5", "not '-5'"),
    ("/api/stories?limit=0", "not '0'"),
    ("/api/stories?limit=99999999999999999999999", "limit must be a whole number"),
    ("/api/stories?limit=1.5", "not '1.5'"),
    ("/api/search?q=bridge&limit=201", "from 1 to 200"),
    ("/api/search?q=bridge&limit=", "not ''"),
])
def test_bad_query_parameters_get_400_with_the_reason(db, tmp_path, url, words):
    with _client(db, tmp_path) as c:
        r = c.get(url)
        assert r.status_code == 400 and r.headers["content-type"] == "application/json"
        assert words in r.json()["error"], r.json()


def test_bad_wait_and_correction_numbers_get_400_unknown_ids_404(db, tmp_path):
    with _client(db, tmp_path) as c:
        r = c.post("/api/upload?wait=maybe", data={"text": ARTICLE})
        assert r.status_code == 400 and "wait must be true or false" in r.json()["error"]
        r = c.post("/api/corrections/abc/undo")
        assert r.status_code == 400 and "correction number must be a whole number" in r.json()["error"]
        assert c.post("/api/corrections/77/undo").status_code == 404
        for url in ("/api/stories/s-none", "/api/articles/none", "/api/jobs/none"):
            r = c.get(url)
            assert r.status_code == 404 and "not found" in r.json()["error"], url
        assert c.get("/api/stories?limit=1").json()["stories"][0]["id"] == "s-bridge"
        assert c.get("/?correction=abc").status_code == 200  # pages forgive a stale link


def _iso(value: str) -> datetime:
    t = datetime.fromisoformat(value)
    assert t.tzinfo is not None, value
    return t


def test_times_in_the_api_are_iso_8601(db, tmp_path):
    with _client(db, tmp_path) as c:
        for s in c.get("/api/stories").json()["stories"]:
            _iso(s["updated"])
        job = c.post("/api/upload?wait=1", data={"text": ARTICLE}).json()
        assert _iso(job["created"]) <= _iso(job["finished"])
        bridge = c.get("/api/articles/a1").json()["story"]
        assert c.post(f"/api/stories/{bridge}/split", json={"articles": ["a1"]}).status_code == 200
        assert c.post("/api/corrections/1/undo").status_code == 200
        (correction,) = c.get("/api/corrections").json()["corrections"]
        assert _iso(correction["at"]) <= _iso(correction["undone"])
        spec = c.get("/api/openapi.json").json()["components"]["schemas"]
        assert spec["story_row"]["properties"]["updated"]["format"] == "date-time"
        assert spec["job"]["properties"]["created"]["format"] == "date-time"
        assert spec["correction"]["properties"]["at"]["format"] == "date-time"


# ------------------------------------------------------------------ paste metadata, duplicates, search


def test_pasted_article_keeps_the_title_outlet_date_and_url_given(db, tmp_path):
    with _client(db, tmp_path) as c:
        upload = lxml.html.fromstring(c.get("/upload").text)
        assert {"title", "outlet", "date", "url"} <= set(upload.xpath("//form[@id='upload-form']//input/@name"))
        text = "Ferry crews walk out\n\n(Jan. 3, 2018) " + ARTICLE
        job = c.post("/api/upload?wait=1", data={"text": text, "title": "Ferry crews walk out over pay",
                                                 "outlet": "Harbour Gazette", "date": "2018-01-03",
                                                 "url": "https://gazette.example/ferry"}).json()
        assert job["status"] == "done" and len(job["articles"]) == 1, job
        art = c.get(job["articles"][0]["url"]).json()["article"]
        assert art["title"] == "Ferry crews walk out over pay" and art["outlet"] == "Harbour Gazette"
        assert art["url"] == "https://gazette.example/ferry"
        assert art["published"]["date"].startswith("2018-01-03") and art["published"]["how"] == "metadata"


@pytest.mark.parametrize("field, value, words", [
    ("date", "Jan. 3, 2018", "is not a date: give it as YYYY-MM-DD"),
    ("date", "2018-13-40", "is not a date"),
    ("url", "javascript:alert(1)", "is not an http(s) address"),
    ("url", "gazette.example/ferry", "is not an http(s) address"),
    ("title", "x" * 1001, "the title is longer than 1000 characters"),
])
def test_bad_paste_metadata_is_refused_naming_the_field(db, tmp_path, field, value, words):
    with _client(db, tmp_path) as c:
        r = c.post("/api/upload", data={"text": ARTICLE, field: value})
        assert r.status_code == 400 and words in r.json()["error"]
        r = c.post("/upload", data={"text": ARTICLE, field: value, "csrf": form_token(c)})
        assert r.status_code == 400 and words.split(":")[0][:20] in r.text
        assert not (tmp_path / "uploads").exists() or not list((tmp_path / "uploads").iterdir())


def test_an_article_already_stored_is_answered_with_its_title_and_link(db, tmp_path):
    with _client(db, tmp_path) as c:
        text = ("Ferry crews walk out over pay\n\n" + ARTICLE).encode()
        first = c.post("/api/upload?wait=1", files={"files": ("ferry.txt", text, "text/plain")}).json()
        (added,) = first["articles"]
        again = c.post("/api/upload?wait=1", files={"files": ("copy.txt", text, "text/plain")}).json()
        assert again["articles"] == [] and len(again["skipped"]) == 1
        (stored,) = again["already"]
        assert stored["id"] == added["id"] and stored["title"] == added["title"] and stored["title"]
        assert stored["page"] == f"/articles/{added['id']}" and stored["story_page"] == f"/stories/{added['story']}"
        page = lxml.html.fromstring(c.get(again["page"]).text)
        (line,) = [li for li in page.xpath("//div[@data-result]//li") if "Already in the store" in li.text_content()]
        assert line.xpath(".//a/@href")[0] == stored["page"] and line.xpath(".//a")[0].text_content() == stored["title"]
        assert again["skipped"][0] not in line.text_content()  # no internal id


def test_search_results_name_their_story(db, tmp_path):
    with _client(db, tmp_path) as c:
        hits = c.get("/api/search", params={"q": "cables"}).json()["results"]
        hit = next(h for h in hits if h["id"] == "a1")
        assert hit["story_title"] == "Harbour Bridge closed after cables crack" and hit["story_page"] == "/stories/s-bridge"
        doc = lxml.html.fromstring(c.get("/", params={"q": "cables"}).text)
        links = doc.xpath("//ol[@class='results']//a[@class='story-link']")
        assert links and links[0].get("href") == "/stories/s-bridge"
        assert links[0].text_content() == "Harbour Bridge closed after cables crack"
        assert "its story" not in doc.text_content()
