"""Corrections to the grouping (issue 15 item 3): `storyline story merge/split/move/undo`
end to end on a few invented articles, kept by a re-run and an add; the constraints in
the clusterer itself; errors as one line with exit code 2."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from storyline.cli import main
from storyline.stories.corrections import CorrectionError, merge, replay_pins, split, undo
from storyline.stories.group import Clusterer, DocFreq, vectorise
from storyline.stories.incremental import add_to_store, regroup
from storyline.store import Store

from test_incremental import no_reanalyse, partition, put  # noqa: E402  (tests/ is on sys.path)
from test_stories_group import corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def _article(title: str, day: str, body: str) -> str:
    return f"{title}\n\nPublished: {day}\n\n{body}\n"


BRIDGE = "the Harbour Bridge in Eastport, whose cracked support cables the city council said engineers would replace"
VOTE = "the Westfield county council budget, which raises spending on schools and libraries and cuts the road fund"
ARTICLES = {
    "bridge-1": _article("Harbour Bridge closed after cracks found in cables", "2031-11-03",
                         f"The city council closed {BRIDGE}, on Monday. About 40,000 vehicles cross the bridge each day, "
                         "the council said, and repairs to the cables will begin by the end of November."),
    "bridge-2": _article("Eastport bridge shut as engineers find cracked cables", "2031-11-04",
                         f"Engineers found cracks in two cables of {BRIDGE}. The transport office said 45,000 vehicles "
                         "use the bridge daily. Drivers were told to use the ring road while the bridge stays closed."),
    "bridge-3": _article("Repair crews start work on Eastport's Harbour Bridge", "2031-11-07",
                         f"Repair crews began work on {BRIDGE}, on Thursday. The bridge, closed since Monday, would "
                         "reopen once both cables were replaced, and the work on the cables could take three weeks."),
    "vote-1": _article("Westfield council approves new budget after long debate", "2031-11-03",
                       f"Council members approved {VOTE}, on Monday after a debate that lasted nine hours. The mayor "
                       "of Westfield called the budget vote a victory for families and for the libraries."),
    "vote-2": _article("Westfield budget passes: schools and libraries win, roads lose", "2031-11-04",
                       f"The council passed {VOTE}, on Monday night. Opposition members of the Westfield council said "
                       "the roads would suffer from the cut, and the mayor praised the budget vote."),
    "vote-3": _article("Westfield opposition vows to challenge budget cuts to roads", "2031-11-06",
                       f"Opposition members said on Wednesday they would challenge {VOTE}. The mayor of Westfield said "
                       "the budget for schools and libraries was settled and the council would not reopen the debate."),
}
LATER = _article("Harbour Bridge cable repairs ahead of schedule, Eastport says", "2031-11-12",
                 f"Repairs to {BRIDGE}, are ahead of schedule, the city council said on Wednesday. Engineers replaced "
                 "the first cable, and the bridge could reopen to vehicles next week, the transport office said.")


def cli(*args: str) -> int:
    return main(list(args))


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    """One real `storyline run` over the six articles (copied per test: runs are the slow part)."""
    root = tmp_path_factory.mktemp("corrections")
    inputs = root / "in"
    inputs.mkdir()
    for name, text in ARTICLES.items():
        (inputs / f"{name}.txt").write_text(text, "utf-8")
    later = root / "later"
    later.mkdir()
    (later / "bridge-4.txt").write_text(LATER, "utf-8")
    assert cli("run", str(inputs), "--out", str(root / "out"), "--quiet") == 0
    return root


@pytest.fixture()
def work(first_run, tmp_path):
    shutil.copy(first_run / "out" / "storyline.db", tmp_path / "s.db")
    return {"db": str(tmp_path / "s.db"), "in": str(first_run / "in"), "later": str(first_run / "later"),
            "out": str(tmp_path / "out")}


def groups(db: str) -> dict[str, frozenset[str]]:
    """Story id -> its article ids."""
    with Store(db) as store:
        return {s.id: frozenset(s.articles) for s in store.iter_stories()}


def story_of(db: str, article: str) -> str:
    with Store(db) as store:
        return store.story_of(article)


def as_json(capsys, *args: str):
    capsys.readouterr()
    assert cli(*args, "--json") == 0
    return json.loads(capsys.readouterr().out)


BRIDGES = frozenset({"bridge-1", "bridge-2", "bridge-3"})
VOTES = frozenset({"vote-1", "vote-2", "vote-3"})


def test_the_articles_group_as_written(work, capsys):
    assert set(groups(work["db"]).values()) == {BRIDGES, VOTES}
    rows = as_json(capsys, "story", "list", "--db", work["db"])
    assert {frozenset(a["id"] for a in r["articles"]) for r in rows} == {BRIDGES, VOTES}
    capsys.readouterr()
    assert cli("story", "list", "--db", work["db"], "--articles") == 0
    out = capsys.readouterr().out
    assert "3 articles" in out and "    bridge-1" in out


def test_merge_survives_a_rerun_and_an_add_and_rewrites_the_reports(work, capsys):
    db = work["db"]
    a, b = story_of(db, "bridge-1"), story_of(db, "vote-1")
    done = as_json(capsys, "story", "merge", a, b, "--db", db, "--out", work["out"])
    assert done["correction"] == 1 and [set(s["articles"]) for s in done["stories"]] == [BRIDGES | VOTES]
    report = json.loads((Path(work["out"]) / "report.json").read_text("utf-8"))
    assert [len(s["articles"]) for s in report["stories"]] == [6]
    assert cli("run", work["in"], "--db", db, "--out", work["out"], "--quiet") == 0  # regroups everything
    assert set(groups(db).values()) == {BRIDGES | VOTES}
    assert cli("add", work["later"], "--db", db, "--quiet") == 0
    assert set(groups(db).values()) == {BRIDGES | VOTES | {"bridge-4"}}  # the new article joined the merged story
    listed = as_json(capsys, "story", "corrections", "--db", db)
    assert [(c["id"], c["kind"], c["undone"]) for c in listed] == [(1, "merge", None)]
    assert listed[0]["text"].startswith(f"merged {a} and {b}")
    # undone, the two stories come back; the article added since goes to the bridge story
    assert cli("story", "undo", "1", "--db", db) == 0
    assert set(groups(db).values()) == {BRIDGES | {"bridge-4"}, VOTES}
    assert as_json(capsys, "story", "corrections", "--db", db)[0]["undone"]
    assert cli("run", work["in"], "--db", db, "--out", work["out"], "--quiet") == 0
    assert set(groups(db).values()) == {BRIDGES | {"bridge-4"}, VOTES}


def test_split_and_move_stick_and_undo_in_reverse_order(work, capsys):
    db = work["db"]
    bridges = story_of(db, "bridge-1")
    assert cli("story", "split", bridges, "--articles", "bridge-3", "--db", db) == 0
    part = story_of(db, "bridge-3")
    assert set(groups(db).values()) == {BRIDGES - {"bridge-3"}, frozenset({"bridge-3"}), VOTES}
    assert cli("story", "move", "vote-3", "--to", part, "--db", db) == 0
    expected = {BRIDGES - {"bridge-3"}, frozenset({"bridge-3", "vote-3"}), VOTES - {"vote-3"}}
    assert set(groups(db).values()) == expected
    assert cli("run", work["in"], "--db", db, "--quiet", "--out", work["out"]) == 0
    assert set(groups(db).values()) == expected  # the split part stays apart, the moved article stays put
    assert cli("add", work["later"], "--db", db, "--quiet") == 0
    after_add = set(groups(db).values())
    assert frozenset({"bridge-1", "bridge-2", "bridge-4"}) in after_add or \
        frozenset({"bridge-3", "vote-3", "bridge-4"}) in after_add  # joined a corrected bridge story
    assert VOTES - {"vote-3"} in after_add and len(after_add) == 3
    capsys.readouterr()
    assert cli("story", "undo", "1", "--db", db) == 2  # the move came after it and touched the same stories
    assert "undo 2 first" in capsys.readouterr().err
    assert cli("story", "undo", "2", "--db", db) == 0
    assert cli("story", "undo", "1", "--db", db) == 0
    assert set(groups(db).values()) == {BRIDGES | {"bridge-4"}, VOTES}
    with Store(db) as store:
        assert store.pins() == {}


@pytest.mark.parametrize("args, words", [
    (["story", "merge", "s-nope", "{bridge}"], "no story 's-nope'"),
    (["story", "merge", "{bridge}", "{bridge}"], "with itself"),
    (["story", "split", "{bridge}", "--articles", "bridge-1", "bridge-2", "bridge-3"], "every article"),
    (["story", "split", "{bridge}", "--articles", "vote-1"], "is not in story"),
    (["story", "split", "{bridge}", "--articles", "ghost"], "no article 'ghost'"),
    (["story", "move", "bridge-1", "--to", "{bridge}"], "already in story"),
    (["story", "move", "ghost", "--to", "{bridge}"], "no article 'ghost'"),
    (["story", "undo", "7"], "no correction 7"),
])
def test_errors_are_one_line_and_exit_2(work, capsys, args, words):
    bridge = story_of(work["db"], "bridge-1")
    capsys.readouterr()
    assert cli(*[a.replace("{bridge}", bridge) for a in args], "--db", work["db"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("storyline: error: ") and words in err[0], err
    assert set(groups(work["db"]).values()) == {BRIDGES, VOTES}  # nothing changed
    with Store(work["db"]) as store:
        assert store.corrections() == []


def test_a_missing_store_is_one_line_without_traceback(tmp_path):
    r = subprocess.run([sys.executable, "-m", "storyline", "story", "list", "--db", str(tmp_path / "nope.db")],
                       capture_output=True, cwd=ROOT)
    assert r.returncode == 2 and r.stderr.decode().count("\n") == 1 and "no such store" in r.stderr.decode()
    assert not (tmp_path / "nope.db").exists()  # looking does not create a store


# ------------------------------------------------------------------ the constraints themselves


def test_clusterer_keeps_pinned_articles_together_and_labels_apart():
    day = dt.date(2021, 3, 1)
    arts, ans, gold = corpus([("flood", day, 6, 1), ("merger", day, 6, 1)])
    from storyline.stories.group import article_features

    feats = {a.id: article_features(a, ans[a.id]) for a in arts}
    docfreq = DocFreq()
    for f in feats.values():
        docfreq.add(f.counts)
    floods = sorted(a for a in gold if gold[a].startswith("flood"))
    mergers = sorted(a for a in gold if gold[a].startswith("merger"))
    # the user cut the floods in two and moved one merger article to the first half (a
    # move pins what is left of the source story too)
    pins = {**{a: 1 for a in floods[:3] + [mergers[0]]}, **{a: 2 for a in floods[3:]}, **{a: 3 for a in mergers[1:]}}
    cl = Clusterer(pins=pins)
    for aid in sorted(feats, key=lambda a: (feats[a].published, a)):
        cl.assign(aid, vectorise(feats[aid].counts, docfreq), None)
    cl.merge_pass()
    got = {frozenset(g) for g in cl.groups()}
    assert got == {frozenset(floods[:3] + [mergers[0]]), frozenset(floods[3:]), frozenset(mergers[1:])}


def test_replay_pins_gives_each_story_left_a_label_and_skips_undone():
    corrs = [{"after": [["a", "b", "c"]]}, {"after": [["a"], ["b", "c"]]}, {"after": [["d", "e"]], "undone": 1.0}]
    pins = replay_pins(corrs)
    assert pins["b"] == pins["c"] != pins["a"] and "d" not in pins


def test_add_never_merges_two_corrected_stories(tmp_path):
    """One flood story split in two halves by the user; more flood articles arrive. They join
    a half, and the halves, as alike as ever, stay apart (add's merge check honours pins)."""
    arts, ans, gold = corpus([("flood", dt.date(2021, 3, 1), 16, 1)])
    first = sorted(arts, key=lambda a: a.id)[:8]
    later = sorted(arts, key=lambda a: a.id)[8:]
    with Store(tmp_path / "s.db") as store:
        put(store, first, ans)
        regroup(store, reanalyse=no_reanalyse)
        (sid,) = [s.id for s in store.iter_stories()]
        half = [a.id for a in first[:4]]
        number, built = split(store, sid, half, reanalyse=no_reanalyse)
        assert number == 1 and len(built) == 2
        put(store, later, ans)
        add_to_store(store, later, reanalyse=no_reanalyse)
        parts = partition(store)
        assert len(parts) == 2 and any(set(half) <= p for p in parts) and sum(map(len, parts)) == 16
        regroup(store, reanalyse=no_reanalyse)
        assert len(partition(store)) == 2
        with pytest.raises(CorrectionError, match="already undone"):
            undo(store, 1, reanalyse=no_reanalyse)
            undo(store, 1, reanalyse=no_reanalyse)
        assert len(partition(store)) == 1  # undone: one flood story again
        merge_ids = [s.id for s in store.iter_stories()]
        with pytest.raises(CorrectionError, match="itself"):
            merge(store, merge_ids[0], merge_ids[0], reanalyse=no_reanalyse)


# ------------------------------------------------------------------ made in the web app


def test_corrections_made_in_the_web_app_survive_a_rerun_and_an_add(work):
    """A split through the JSON API and a move through the story page's form, then `storyline
    run` again and `storyline add`: both hold, seen through the API, and the new article joins
    a corrected story."""
    import warnings

    import lxml.html

    from storyline.web import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    db = work["db"]

    def app_client():
        return TestClient(create_app(db, upload_dir=Path(work["out"]) / "uploads", recover=False))

    def api_groups(c) -> set[frozenset[str]]:
        ids = [r["id"] for r in c.get("/api/stories").json()["stories"]]
        return {frozenset(c.get(f"/api/stories/{i}").json()["story"]["articles"]) for i in ids}

    with app_client() as c:
        bridges = c.get("/api/articles/bridge-1").json()["story"]
        assert c.post(f"/api/stories/{bridges}/split", json={"articles": ["bridge-3"]}).status_code == 200
        part = c.get("/api/articles/bridge-3").json()["story"]
        votes = c.get("/api/articles/vote-3").json()["story"]
        page = lxml.html.fromstring(c.get(f"/stories/{votes}").text)
        csrf = page.xpath("//form[@id='split-form']/input[@name='csrf']/@value")[0]
        r = c.post(f"/stories/{votes}/move", data={"article": "vote-3", "to": part, "csrf": csrf}, follow_redirects=False)
        assert r.status_code == 303
    expected = {BRIDGES - {"bridge-3"}, frozenset({"bridge-3", "vote-3"}), VOTES - {"vote-3"}}
    assert set(groups(db).values()) == expected
    assert cli("run", work["in"], "--db", db, "--quiet", "--out", work["out"]) == 0
    assert set(groups(db).values()) == expected
    assert cli("add", work["later"], "--db", db, "--quiet") == 0
    with app_client() as c:
        after = api_groups(c)
        assert VOTES - {"vote-3"} in after and len(after) == 3
        assert frozenset({"bridge-1", "bridge-2", "bridge-4"}) in after or \
            frozenset({"bridge-3", "vote-3", "bridge-4"}) in after
        listed = c.get("/api/corrections").json()["corrections"]
        assert [(x["kind"], x["undone"]) for x in listed] == [("split", None), ("move", None)]
