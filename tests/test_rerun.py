"""Re-running on a stored corpus: unchanged inputs are skipped before any work; inputs whose
analysis was made by other code or another model are analysed again, under their stored ids."""

from __future__ import annotations

import storyline
import storyline.api as api
import storyline.pipeline as pipeline
import storyline.versions as versions


def _corpus(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    more = ("Engineers had warned in 2019 that the structure needed repairs, and residents said traffic "
            "on the crossing had grown heavier every year since the new road opened to lorries. ")
    (src / "a.txt").write_text("Bridge collapses in river town\n\nMarch 3, 2021\n\n"
                               "The old bridge over the river collapsed on Tuesday, officials said. "
                               "Rescuers pulled three people from the water on Tuesday. " + more + "\n", encoding="utf-8")
    (src / "b.txt").write_text("Town orders bridge inspections\n\nMarch 4, 2021\n\n"
                               "The mayor ordered an inspection of every bridge in the town on Wednesday, "
                               "a day after the old bridge over the river collapsed. " + more + "\n", encoding="utf-8")
    return src


def test_unchanged_inputs_are_skipped_and_stories_kept(tmp_path, monkeypatch):
    src = _corpus(tmp_path)
    first = storyline.run([src], out=tmp_path / "out")
    assert len(first.articles) == 2 and not first.skipped

    def no_work(*args, **kwargs):
        raise AssertionError("nothing changed: no per-article or story work expected")

    monkeypatch.setattr(pipeline, "process_raw", no_work)
    monkeypatch.setattr(api, "regroup_all", no_work)
    again = storyline.run([src], out=tmp_path / "out")
    assert not again.articles and sorted(again.skipped) == sorted(a.id for a in first.articles)
    assert [s.id for s in again.stories] == [s.id for s in first.stories]
    assert again.exit_code == 0


def test_new_analysis_code_refreshes_stored_articles(tmp_path, monkeypatch):
    src = _corpus(tmp_path)
    first = storyline.run([src], out=tmp_path / "out")
    monkeypatch.setattr(versions, "analysis_version", lambda: "a-newer-extractor")
    again = storyline.run([src], out=tmp_path / "out")
    assert not again.articles and sorted(again.refreshed) == sorted(a.id for a in first.articles)
    from storyline.store import Store

    with Store(tmp_path / "out" / "storyline.db") as store:
        assert sorted(a.id for a in store.iter_articles()) == sorted(a.id for a in first.articles)
        assert all(store.get_analysis(a.id).article == a.id for a in first.articles)
    third = storyline.run([src], out=tmp_path / "out")
    assert not third.refreshed and len(third.skipped) == 2


def test_new_story_code_rebuilds_stories_without_reanalysis(tmp_path, monkeypatch):
    src = _corpus(tmp_path)
    storyline.run([src], out=tmp_path / "out")
    monkeypatch.setattr(versions, "story_version", lambda: "a-newer-timeline")
    calls = []
    real = api.regroup_all
    monkeypatch.setattr(api, "regroup_all", lambda *a, **k: calls.append(1) or real(*a, **k))
    again = storyline.run([src], out=tmp_path / "out")
    assert calls and not again.refreshed and again.stories


def test_add_rebuilds_the_stories_of_refreshed_articles(tmp_path, monkeypatch):
    src = _corpus(tmp_path)
    first = storyline.run([src], out=tmp_path / "out")
    monkeypatch.setattr(versions, "analysis_version", lambda: "a-newer-extractor")
    again = storyline.add([src / "a.txt"], db=tmp_path / "out" / "storyline.db")
    assert again.refreshed and not again.articles
    assert {s.id for s in again.stories} <= {s.id for s in first.stories} and again.stories
