"""Corrections through the web app (issue 15 item 3): the JSON API (merge, split, move, list,
undo, errors as JSON with 400/404/403) and the story page's forms, with Starlette's TestClient
over the hand-built sample store."""

from __future__ import annotations

import warnings

import lxml.html
import pytest
from test_web_data import fill_store

from storyline.store import Store
from storyline.web import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


@pytest.fixture()
def client(tmp_path):
    db = tmp_path / "store.db"
    with Store(db) as store:
        fill_store(store)
    with TestClient(create_app(db, upload_dir=tmp_path / "uploads")) as c:
        yield c


def story_sets(client) -> set[frozenset[str]]:
    ids = [r["id"] for r in client.get("/api/stories").json()["stories"]]
    return {frozenset(client.get(f"/api/stories/{i}").json()["story"]["articles"]) for i in ids}


def story_of(client, article: str) -> str:
    return client.get(f"/api/articles/{article}").json()["story"]


def test_api_split_move_merge_list_and_undo(client):
    before = story_sets(client)
    bridge = story_of(client, "a1")
    members = client.get(f"/api/stories/{bridge}").json()["story"]["articles"]
    r = client.post(f"/api/stories/{bridge}/split", json={"articles": ["a1"]})
    assert r.status_code == 200
    done = r.json()
    assert done["correction"] == 1 and [s["articles"] for s in done["stories"]][0] == ["a1"]
    assert frozenset({"a1"}) in story_sets(client)
    other = next(s["id"] for s in done["stories"] if "a1" not in s["articles"])
    r = client.post("/api/articles/a1/move", json={"to": other})
    assert r.status_code == 200 and r.json()["correction"] == 2
    assert story_of(client, "a1") == r.json()["stories"][0]["id"]
    assert story_sets(client) == before  # moved back where it was: the same stories as at the start
    xss = next(i for i in (r["id"] for r in client.get("/api/stories").json()["stories"]) if i != story_of(client, "a1"))
    r = client.post(f"/api/stories/{story_of(client, 'a1')}/merge", json={"with": xss})
    assert r.status_code == 200 and len(story_sets(client)) == 1
    listed = client.get("/api/corrections").json()["corrections"]
    assert [(c["id"], c["kind"]) for c in listed] == [(1, "split"), (2, "move"), (3, "merge")]
    assert all(c["text"] and c["undone"] is None for c in listed)
    assert client.post("/api/corrections/1/undo").status_code == 400  # later ones touched the same stories
    for n in (3, 2, 1):
        r = client.post(f"/api/corrections/{n}/undo")
        assert r.status_code == 200 and r.json()["correction"] == n
    assert story_sets(client) == before
    assert all(c["undone"] for c in client.get("/api/corrections").json()["corrections"])


@pytest.mark.parametrize("path, body, status, words", [
    ("/api/stories/s-nope/merge", {"with": "s-bridge"}, 404, "no story 's-nope'"),
    ("/api/stories/{bridge}/merge", {"with": "{bridge}"}, 400, "itself"),
    ("/api/stories/{bridge}/split", {"articles": ["a1", "a2", "a3", "a4"]}, 400, "every article"),
    ("/api/stories/{bridge}/split", {"articles": "a1"}, 400, "articles to split off"),
    ("/api/stories/{bridge}/split", {"articles": ["ghost"]}, 404, "no article 'ghost'"),
    ("/api/articles/a1/move", {"to": "{bridge}"}, 400, "already in story"),
    ("/api/articles/ghost/move", {"to": "{bridge}"}, 404, "no article 'ghost'"),
    ("/api/corrections/9/undo", None, 404, "no correction 9"),
])
def test_api_errors_are_json_with_a_status(client, path, body, status, words):
    bridge = story_of(client, "a1")
    body = {k: ([x.replace("{bridge}", bridge) for x in v] if isinstance(v, list) else v.replace("{bridge}", bridge))
            for k, v in (body or {}).items()}
    r = client.post(path.replace("{bridge}", bridge), json=body)
    assert r.status_code == status and words in r.json()["error"], r.json()
    assert client.get("/api/corrections").json()["corrections"] == []


def test_another_sites_page_cannot_post_a_correction(client):
    bridge = story_of(client, "a1")
    r = client.post(f"/api/stories/{bridge}/split", json={"articles": ["a1"]}, headers={"origin": "https://evil.example"})
    assert r.status_code == 403
    r = client.post(f"/stories/{bridge}/split", data={"articles": ["a1"]}, headers={"sec-fetch-site": "cross-site"})
    assert r.status_code == 403
    assert client.get("/api/corrections").json()["corrections"] == []
    r = client.post(f"/api/stories/{bridge}/split", json={"articles": ["a1"]}, headers={"origin": "http://testserver"})
    assert r.status_code == 200


def test_story_page_forms_correct_and_undo(client):
    bridge = story_of(client, "a1")
    doc = lxml.html.fromstring(client.get(f"/stories/{bridge}").text)
    assert {c.get("value") for c in doc.xpath("//form[@id='split-form']//input[@name='articles']")} == {"a1", "a2", "a3", "a4"}
    targets = doc.xpath("//select[@id='merge-with']/option/@value")
    assert targets and bridge not in targets
    csrf = doc.xpath("//form[@id='split-form']/input[@name='csrf']/@value")[0]
    r = client.post(f"/stories/{bridge}/split", data={"articles": ["a3", "a4"], "csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303 and "?correction=1" in r.headers["location"]
    page = lxml.html.fromstring(client.get(r.headers["location"]).text)
    assert page.xpath("//form[@id='correction-done']/@action") == ["/corrections/1/undo"]
    assert {c.get("value") for c in page.xpath("//form[@id='split-form']//input[@name='articles']")} == {"a1", "a2"}
    r = client.post(f"/stories/{story_of(client, 'a3')}/move", data={"article": "a3", "to": story_of(client, "a1"), "csrf": csrf},
                    follow_redirects=False)
    assert r.status_code == 303 and story_of(client, "a3") == story_of(client, "a1")
    corrections = lxml.html.fromstring(client.get("/corrections").text)
    assert corrections.xpath("//li[@data-correction]/@data-correction") == ["2", "1"]  # newest first
    bad = client.post(f"/stories/{story_of(client, 'a1')}/split", data={"articles": [], "csrf": csrf})
    assert bad.status_code == 400 and "name the articles" in bad.text
    for n in (2, 1):
        assert client.post(f"/corrections/{n}/undo", data={"csrf": csrf}, follow_redirects=False).status_code == 303
    assert frozenset({"a1", "a2", "a3", "a4"}) in story_sets(client)
    assert "(undone)" in client.get("/corrections").text
