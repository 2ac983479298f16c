"""The web app through Starlette's TestClient: every route, the JSON API and its OpenAPI
description, uploads through the incremental path, and the security points (escaping, CSP,
size and count limits, file names that try to be paths)."""

from __future__ import annotations

import io
import json
import warnings
from pathlib import Path
from urllib.parse import quote

import lxml.html
import pytest
from test_web_data import XSS_TITLE, fill_store

from storyline.store import Store
from storyline.web import UploadLimits, create_app
from storyline.web.app import CSP, snippet_html
from storyline.web.jobs import UploadRefused, Uploads, check_client_name, stored_name

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

ARTICLE = ("Harbour ferry crews walked out on Tuesday over pay, the union said, leaving commuters without a crossing "
           "while the Harbour Bridge stays closed for repairs to its cracked cables. The union said the strike would last "
           "two days. The council said it regretted the walkout and asked both sides to meet on Thursday.")
PROBES = ("<script>alert(", "<img src=x onerror", "<svg onload", "<b onmouseover")


@pytest.fixture()
def db(tmp_path) -> Path:
    path = tmp_path / "store.db"
    with Store(path) as store:
        fill_store(store)
    return path


@pytest.fixture()
def client(db, tmp_path):
    app = create_app(db, upload_dir=tmp_path / "uploads",
                     limits=UploadLimits(max_file_bytes=20_000, max_files=3, max_request_bytes=100_000))
    with TestClient(app) as c:
        yield c


def form_token(client, url: str = "/upload") -> str:
    """The CSRF token the page at ``url`` puts in its forms (the client keeps the session cookie)."""
    doc = lxml.html.fromstring(client.get(url).text)
    return doc.xpath("//input[@name='csrf']/@value")[0]


def _safe(html: str) -> None:
    for probe in PROBES:
        assert probe not in html, probe


# ------------------------------------------------------------------ pages


def test_stories_list_newest_first_with_outlets(client):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    doc = lxml.html.fromstring(r.text)
    titles = [" ".join(a.text_content().split()) for a in doc.xpath("//li[@class='story-card']/h2/a")]
    assert titles == ["Harbour Bridge closed after cables crack", XSS_TITLE]  # last activity 2031-11-08, then 2031-10-01
    assert "Daily Example" in r.text and "4 articles · 5 events" in r.text
    _safe(r.text)


def test_search_finds_articles_and_marks_the_words(client):
    r = client.get("/", params={"q": "harbour"})
    doc = lxml.html.fromstring(r.text)
    hits = doc.xpath("//ol[@class='results']/li")
    assert {h.xpath(".//a/strong")[0].text_content() for h in hits} >= {"Repairs begin on Harbour Bridge", XSS_TITLE}
    assert doc.xpath("//p[@class='snippet']/mark")
    _safe(r.text)
    assert "No article contains all these words" in client.get("/", params={"q": "zebra"}).text


def test_story_page_has_every_view(client):
    r = client.get("/stories/s-bridge")
    assert r.status_code == 200
    doc = lxml.html.fromstring(r.text)
    for section in ("summary", "timeline", "claims", "coverage", "next", "articles"):
        assert doc.xpath(f"//section[@id='s-s-bridge-{section}']"), section
    assert doc.xpath("//h1")[0].text_content() == "Harbour Bridge closed after cables crack"
    assert doc.xpath("//a[@class='badge o1' and @href='/articles/a1']")  # badges link to the article pages
    assert doc.xpath("//link[@rel='stylesheet' and @href='/static/storyline.css']")
    assert not doc.xpath("//style") and not doc.xpath("//script[not(@src)]") and not doc.xpath("//*[@style]")


def test_article_page_shows_text_with_cited_passages_and_its_events(client):
    r = client.get("/articles/a2")
    doc = lxml.html.fromstring(r.text)
    assert doc.xpath("//h1")[0].text_content() == "Cracked cables shut the Harbour Bridge"
    marks = doc.xpath("//div[@class='body']//mark")
    assert marks and all(m.get("id").startswith("q-a2.") for m in marks)
    assert "In the story's timeline" in r.text and "/stories/s-bridge#ev-s-bridge.e1" in r.text
    assert "found in the page's HTML" in doc.text_content()


def test_missing_pages_are_404_in_html_and_json(client):
    assert client.get("/stories/nope").status_code == 404
    r = client.get("/articles/nope")
    assert r.status_code == 404 and "Article not found" in r.text
    r = client.get("/api/stories/nope")
    assert r.status_code == 404 and r.json() == {"error": "Story not found"}
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get("/api/jobs/nope").status_code == 404
    assert client.get("/jobs/nope").status_code == 404
    assert client.get("/static/../app.py").status_code == 404
    assert client.get("/static/other.css").status_code == 404
    assert client.get("/no/such/page").status_code == 404


def test_static_assets_are_served_with_types(client):
    assert client.get("/static/storyline.css").headers["content-type"].startswith("text/css")
    assert client.get("/static/storyline.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/favicon.ico").status_code == 204


# ------------------------------------------------------------------ JSON API


def test_api_stories_story_article_search(client):
    stories = client.get("/api/stories").json()["stories"]
    assert [s["id"] for s in stories] == ["s-bridge", "s-xss"] and stories[0]["url"] == "/api/stories/s-bridge"
    story = client.get("/api/stories/s-bridge").json()
    assert story["story"]["timeline"][1]["sources"] == ["a1", "a2", "a4"]
    assert {a["id"] for a in story["articles"]} == {"a1", "a2", "a3", "a4"}
    art = client.get("/api/articles/a3").json()
    assert art["story"] == "s-bridge" and art["article"]["published"]["how"] == "inferred"
    hits = client.get("/api/search", params={"q": "cables council"}).json()
    assert hits["query"] == "cables council" and {h["id"] for h in hits["results"]} >= {"a1"}
    assert client.get("/api/search").status_code == 400
    assert client.get("/api/stories", params={"limit": "x"}).json() == {
        "error": "limit must be a whole number from 1 to 1000, not 'x'"}


def test_api_article_with_odd_id_round_trips(client):
    r = client.get("/api/articles/" + quote("x<script>1", safe=""))
    assert r.status_code == 200 and r.json()["article"]["title"] == XSS_TITLE
    assert r.headers["content-type"] == "application/json"


def test_openapi_describes_every_api_route_and_only_those(client):
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    routes = {(r.path, m.lower()) for r in client.app.routes if r.path.startswith("/api/") for m in r.methods - {"HEAD"}}
    described = {(p, m) for p, ops in spec["paths"].items() for m in ops}
    assert routes == described
    refs = set()

    def walk(x):
        if isinstance(x, dict):
            if "$ref" in x:
                refs.add(x["$ref"].rsplit("/", 1)[-1])
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
    walk(spec)
    assert refs <= set(spec["components"]["schemas"])  # every reference resolves
    assert "up to 3 files of at most 19.5 KB each, 97.7 KB in all" in spec["paths"]["/api/upload"]["post"]["description"]


# ------------------------------------------------------------------ security


def test_every_response_has_the_security_headers(client):
    for url in ("/", "/stories/s-bridge", "/api/stories", "/static/storyline.js", "/nope", "/api/nope"):
        h = client.get(url).headers
        assert h["content-security-policy"] == CSP and h["x-content-type-options"] == "nosniff", url
        assert "'unsafe-inline'" not in h["content-security-policy"]
        assert h["x-frame-options"] == "DENY"


def test_xss_story_and_article_render_as_text(client):
    for url in ("/stories/s-xss", "/articles/" + quote("x<script>1", safe=""), "/?q=sign", "/"):
        r = client.get(url)
        assert r.status_code == 200, url
        _safe(r.text)
    r = client.get("/stories/s-xss")
    doc = lxml.html.fromstring(r.text)
    assert doc.xpath("//h1")[0].text_content() == XSS_TITLE
    assert "&lt;script&gt;alert(&#39;event&#39;)&lt;/script&gt;" in r.text
    assert not [a for el in doc.iter() if isinstance(el.tag, str) for a in el.attrib if a.lower().startswith("on")]


def test_snippet_marks_only_query_words_and_escapes_the_rest():
    out = str(snippet_html("a [ferry] <b>[x]</b> [<i>]", "ferry"))
    assert out == "a <mark>ferry</mark> &lt;b&gt;[x]&lt;/b&gt; [&lt;i&gt;]"


@pytest.mark.parametrize("name", ["../../etc/passwd", "a/b.txt", "..\\evil.txt", "/abs.txt", "C:evil.txt", "..", "x\x00.txt"])
def test_file_names_with_paths_are_refused(client, tmp_path, name):
    # built by hand: an HTTP client would percent-encode some of these names
    body = (b'--b\r\nContent-Disposition: form-data; name="files"; filename="' + name.encode() +
            b'"\r\nContent-Type: text/plain\r\n\r\ntext\r\n--b--\r\n')
    headers = {"content-type": "multipart/form-data; boundary=b"}
    r = client.post("/api/upload", content=body, headers=headers)
    assert r.status_code == 400 and "contains a path" in r.json()["error"]
    assert not (tmp_path / "etc").exists() and not (tmp_path.parent / "evil.txt").exists()
    csrf = b'--b\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n' + form_token(client).encode() + b"\r\n"
    r = client.post("/upload", content=csrf + body, headers=headers)
    assert r.status_code == 400 and "contains a path" in r.text
    assert not list((tmp_path / "uploads").glob("*"))  # nothing was saved


def test_oversized_file_gets_413_with_a_message(client):
    r = client.post("/api/upload", files={"files": ("big.txt", b"x" * 20_001, "text/plain")})
    assert r.status_code == 413 and r.json()["error"] == "'big.txt' is larger than 19.5 KB, the limit for one file"
    r = client.post("/upload", files={"files": ("big.txt", b"x" * 20_001, "text/plain")}, data={"csrf": form_token(client)})
    assert r.status_code == 413 and "the limit for one file" in r.text


def test_oversized_request_gets_413_before_it_is_read(client):
    files = [("files", (f"f{i}.txt", b"y" * 19_000, "text/plain")) for i in range(6)]
    r = client.post("/api/upload", files=files)
    assert r.status_code == 413 and "upload too large" in r.json()["error"] and "3 files" in r.json()["error"]
    r = client.post("/upload", files=files)
    assert r.status_code == 413 and "upload too large" in r.text


def test_oversized_request_without_length_gets_413_while_read(client):
    def body():
        yield b"--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n\r\n"
        for _ in range(30):
            yield b"z" * 5000
        yield b"\r\n--b--\r\n"
    r = client.post("/api/upload", content=body(), headers={"content-type": "multipart/form-data; boundary=b"})
    assert r.status_code == 413 and "upload too large" in r.json()["error"]


def test_too_many_files_gets_413(client):
    files = [("files", (f"f{i}.txt", b"a", "text/plain")) for i in range(4)]
    r = client.post("/api/upload", files=files)
    assert r.status_code == 413 and "Too many files" in r.json()["error"] and "up to 3 files" in r.json()["error"]


def test_empty_upload_is_refused_with_a_message(client):
    r = client.post("/api/upload", data={"text": "  "})
    assert r.status_code == 400 and "nothing to add" in r.json()["error"]
    r = client.post("/upload", files={"files": ("", b"", "application/octet-stream")}, data={"csrf": form_token(client)})
    assert r.status_code == 400 and "nothing to add" in r.text


def test_client_names_are_never_paths():
    for name in ("x.txt", "<img src=x onerror=alert(1)>.html", "é vil.JSON", "noext", ".hidden", "a.exe", "a.txt.gz", ""):
        stored = stored_name(name, "tok")
        assert "/" not in stored and "\\" not in stored and not stored.startswith(".")
        assert Path(stored).name == stored
    assert stored_name("Report 1.HTML", "t") == "Report-1_t.html"
    assert stored_name("a.exe", "t") == "a_t.txt"
    assert stored_name("feed.xml.gz", "t") == "feed_t.xml.gz"
    with pytest.raises(UploadRefused):
        check_client_name("../x")


# ------------------------------------------------------------------ uploads through the incremental path


def test_upload_adds_an_article_to_a_story(client, db):
    r = client.post("/api/upload?wait=true", files={"files": ("ferry strike.txt", ARTICLE.encode(), "text/plain")})
    job = r.json()
    assert r.status_code == 200 and job["status"] == "done", job
    assert len(job["articles"]) == 1 and job["articles"][0]["story"]
    aid = job["articles"][0]["id"]
    assert aid.startswith("ferry-strike_")
    story = client.get(f"/api/stories/{job['articles'][0]['story']}").json()["story"]
    assert aid in story["articles"]
    assert aid in {h["id"] for h in client.get("/api/search", params={"q": "walked out"}).json()["results"]}
    page = client.get(f"/articles/{aid}")
    assert page.status_code == 200 and "walked out on Tuesday" in page.text
    # the same article again is recognised, not added twice
    again = client.post("/api/upload?wait=1", files={"files": ("copy.txt", ARTICLE.encode(), "text/plain")}).json()
    assert again["articles"] == [] and len(again["skipped"]) == 1
    with Store(db) as store:
        assert store.count("articles") == 6


def test_upload_form_redirects_to_a_job_page_that_shows_the_result(client):
    r = client.post("/upload", data={"text": ARTICLE, "name": "<script>alert(9)</script>", "csrf": form_token(client)},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/jobs/")
    job_id = r.headers["location"].rsplit("/", 1)[1]
    client.app.state.uploads.wait_idle(120)
    page = client.get(r.headers["location"])
    assert page.status_code == 200 and "Done: 1 article added" in page.text
    _safe(page.text)
    assert client.get(f"/api/jobs/{job_id}").json()["status"] == "done"
    assert "Recent uploads" in client.get("/upload").text


def test_rejected_upload_is_reported_by_the_name_the_client_sent(client):
    job = client.post("/api/upload?wait=1", files={"files": ("<img src=x onerror=alert(1)>.txt", b"too short", "text/plain")}).json()
    assert job["status"] == "done" and job["articles"] == []
    assert job["rejected"] and job["rejected"][0]["source"] == "<img src=x onerror=alert(1)>.txt"
    page = client.get(job["page"])
    _safe(page.text)
    assert "&lt;img src=x onerror=alert(1)&gt;.txt" in page.text


def test_uploads_left_unfinished_are_recovered_at_start(db, tmp_path):
    folder = tmp_path / "uploads" / "20000101-000000-deadbeef"
    folder.mkdir(parents=True)
    (folder / "left_x.txt").write_text(ARTICLE, "utf-8")
    (folder / "job.json").write_text(json.dumps({"files": [{"name": "left.txt", "path": str(folder / "left_x.txt")}]}))
    app = create_app(db, upload_dir=tmp_path / "uploads")
    with TestClient(app) as c:
        assert app.state.uploads.wait_idle(120)
        job = c.get("/api/jobs/20000101-000000-deadbeef").json()
        assert job["status"] == "done" and job["articles"][0]["id"] == "left_x"
    assert (folder / "done.json").exists()


def test_a_full_queue_answers_503(tmp_path):
    uploads = Uploads(str(tmp_path / "s.db"), tmp_path / "up", max_queued=0)
    with pytest.raises(UploadRefused) as err:
        uploads.submit([("a.txt", b"x")])
    assert err.value.status == 503


def test_serve_builds_the_app_over_a_new_store(tmp_path, monkeypatch, capsys):
    import uvicorn

    from storyline.web import serve

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    serve(db=tmp_path / "new.db", host="127.0.0.1", port=9)
    assert seen["port"] == 9 and seen["host"] == "127.0.0.1" and (tmp_path / "new.db").exists()
    assert "empty store" in capsys.readouterr().err


def test_pasted_text_is_one_article(client):
    r = client.post("/api/upload?wait=1", data={"text": ARTICLE})
    assert r.status_code == 200 and r.json()["files"] == ["pasted.txt"]
    assert io  # keep the import for readers extending these tests with file objects
