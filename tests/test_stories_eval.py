"""The story-grouping evaluation: B-cubed and ARI, layout detection, and the figures on
the shared data sets (slow; skipped when ../shared is absent)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from storyline.errors import EvalDataError
from storyline.eval.stories import layout, per_story, score

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"


def test_bcubed_and_ari_by_hand():
    gold = {"a": "x", "b": "x", "c": "y", "d": "y"}
    assert score([["a", "b"], ["c", "d"]], gold) == pytest.approx(
        {"bcubed_precision": 1.0, "bcubed_recall": 1.0, "bcubed_f1": 1.0, "ari": 1.0})
    m = score([["a", "b", "c", "d"]], gold)
    assert m["bcubed_precision"] == pytest.approx(0.5) and m["bcubed_recall"] == pytest.approx(1.0)
    assert m["bcubed_f1"] == pytest.approx(2 / 3) and m["ari"] == pytest.approx(0.0)
    m = score([["a"], ["b"], ["c"], ["d"]], gold)
    assert m["bcubed_precision"] == pytest.approx(1.0) and m["bcubed_recall"] == pytest.approx(0.5)


def test_per_story_reports_splits_and_purity():
    gold = {"a": "x", "b": "x", "c": "x", "d": "y"}
    items = {i["id"]: i for i in per_story([["a", "b", "d"], ["c"]], gold)}
    assert items["x"]["stories"] == 2 and items["x"]["largest_share"] == pytest.approx(2 / 3)
    assert items["x"]["largest_purity"] == pytest.approx(2 / 3) and items["y"]["stories"] == 1


def test_layout_detection(tmp_path):
    (tmp_path / "t17" / "bpoil_bbc" / "InputDocs" / "2010-05-01").mkdir(parents=True)
    assert layout(tmp_path / "t17") == "t17"
    (tmp_path / "np").mkdir()
    (tmp_path / "np" / "a.json").write_text("{}")
    assert layout(tmp_path / "np") == "newsplease"
    (tmp_path / "empty").mkdir()
    with pytest.raises(EvalDataError, match="neither"):
        layout(tmp_path / "empty")
    with pytest.raises(EvalDataError, match="no such folder"):
        layout(tmp_path / "missing")


def _data(name: str) -> Path:
    path = SHARED / "eval" / name
    if not path.is_dir():
        pytest.skip(f"{path} not found (evaluation data is not part of the repository)")
    return path


@pytest.mark.slow
def test_newsclusters_dev_bcubed():
    from storyline.eval.stories import evaluate

    result = evaluate(_data("newsclusters-dev"))
    assert result["n"] >= 150
    assert result["metrics"]["bcubed_f1"] >= 0.93
    assert result["metrics"]["bcubed_precision"] >= 0.95


@pytest.mark.slow
def test_t17_mixed_from_the_cli_never_merges_stories():
    """`storyline eval stories --data .../t17-dev` finds the layout by itself; on an even
    spread of 300 articles the four stories stay apart."""
    data = _data("t17-dev")
    r = subprocess.run([sys.executable, "-m", "storyline", "eval", "stories", "--data", str(data), "--limit", "300",
                        "--json"], capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert r.returncode == 0, r.stderr
    result = json.loads(r.stdout)
    assert "t17" in result["dataset"] and result["metrics"]["gold_stories"] == 4
    assert result["metrics"]["bcubed_precision"] >= 0.98
    assert result["metrics"]["bcubed_f1"] >= 0.85
    assert all(i["largest_purity"] >= 0.95 for i in result["items"])


def test_mixing_names_stories_of_two_gold_stories_and_the_seed_story():
    from storyline.eval.stories import mixing

    gold = {"s1": "seed", "s2": "seed", "a": "nc:1", "b": "nc:2", "c": "nc:2"}
    found = mixing([["s1", "s2"], ["a", "b"], ["c"]], gold)
    assert found["mixed_stories"] == [{"story": 1, "labels": {"nc:1": 1, "nc:2": 1}}]
    assert found["seed_whole"] and found["seed_alone"]
    found = mixing([["s1", "a"], ["s2"], ["b", "c"]], gold)
    assert not found["seed_whole"] and not found["seed_alone"]
    assert "seed_whole" not in mixing([["a"]], {"a": "nc:1"})


def test_mixed_crawl_needs_its_sibling_sets(tmp_path):
    from storyline.eval.stories import load_mixed

    (tmp_path / "newsclusters-dev").mkdir()
    with pytest.raises(EvalDataError, match="t17-dev"):
        load_mixed(tmp_path / "newsclusters-dev")
