"""Scoring of main-text extraction and publication dates (storyline.eval.extract / .dates)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from storyline.errors import EvalDataError
from storyline.eval import dates as eval_dates
from storyline.eval import extract as eval_extract
from storyline.eval.common import format_table, prf

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"


# --------------------------------------------------------------------------- shingle scoring by hand


def test_identical_text_scores_one():
    assert eval_extract.shingle_scores("a b c d e f", "a b c d e f") == (1.0, 1.0, 1.0)


def test_extra_text_lowers_precision_only():
    # truth: 6 tokens -> 3 shingles; prediction adds 2 tokens -> 5 shingles, 3 of them true.
    p, r, f = eval_extract.shingle_scores("a b c d e f", "a b c d e f x y")
    assert (p, r) == (pytest.approx(3 / 5), 1.0)
    assert f == pytest.approx(2 * 0.6 / 1.6)


def test_missing_text_lowers_recall_only():
    p, r, _ = eval_extract.shingle_scores("a b c d e f g h", "a b c d e")
    assert p == 1.0 and r == pytest.approx(2 / 5)


def test_empty_output_is_precision_zero():
    assert eval_extract.shingle_scores("some real article text here", "") == (0.0, 0.0, 0.0)


def test_shingles_count_repeats_and_short_texts():
    assert eval_extract.shingles("a b c d a b c d")[("a", "b", "c", "d")] == 2
    assert list(eval_extract.shingles("just two")) == [("just", "two")]
    assert not eval_extract.shingles("  ,; ")


def _fake_scrapinghub(tmp_path: Path) -> Path:
    article = ("The regional council approved the new water tariff on Tuesday after a heated session. "
               "Councillors voted 31 to 12 in favour of the plan, which raises bills by about 4 percent. "
               "Opposition members said the increase would hit pensioners hardest and called for a review.")
    html = (f"<html><head><title>Council backs tariff</title></head><body><nav>Home News Sport</nav>"
            f"<article><h1>Council backs tariff</h1><p>{article}</p></article>"
            f"<footer>Contact us | Privacy policy</footer></body></html>")
    (tmp_path / "html").mkdir()
    with gzip.open(tmp_path / "html" / "p1.html.gz", "wt", encoding="utf-8") as fh:
        fh.write(html)
    (tmp_path / "ground-truth.json").write_text(json.dumps({"p1": {"articleBody": article, "url": None}}))
    return tmp_path


def test_evaluate_extract_on_a_built_folder(tmp_path):
    result = eval_extract.evaluate(_fake_scrapinghub(tmp_path))
    assert result["dataset"] == "scrapinghub" and result["n"] == 1
    assert set(result["metrics"]) >= {"precision", "recall", "f1", "articles_per_s"}
    assert result["metrics"]["f1"] > 0.9
    assert result["items"][0]["id"] == "p1"


def test_wrong_folder_is_a_clear_error(tmp_path):
    with pytest.raises(EvalDataError, match="ground-truth.json"):
        eval_extract.evaluate(tmp_path)
    with pytest.raises(EvalDataError, match="no such folder"):
        eval_dates.evaluate(tmp_path / "missing")


# --------------------------------------------------------------------------- date scoring


def test_date_outcomes_follow_htmldate():
    assert eval_dates.score_one("2020-05-01", "2020-05-01") == (1, 0, 0, 0)
    assert eval_dates.score_one("2020-05-02", "2020-05-01") == (0, 1, 0, 0)
    assert eval_dates.score_one(None, "2020-05-01") == (0, 0, 0, 1)
    assert eval_dates.score_one(None, None) == (0, 0, 1, 1)
    assert eval_dates.score_one("2020-05-02", None) == (0, 1, 0, 0)


def test_evaluate_dates_on_a_built_folder(tmp_path):
    (tmp_path / "test_set").mkdir()
    page = ('<html><head><meta property="article:published_time" content="2019-06-04T15:02:00Z"></head>'
            '<body><article><p>The council approved the tariff.</p></article></body></html>')
    (tmp_path / "test_set" / "a.html").write_text(page, encoding="utf-8")
    (tmp_path / "test_set" / "b.html").write_text("<html><body><p>No date here at all.</p></body></html>")
    (tmp_path / "gold.json").write_text(
        '{"https://example.org/a": {"file": "a.html", "date": "2019-06-04"},'
        ' "https://example.org/b": {"file": "b.html", "date": NaN}}')
    result = eval_dates.evaluate(tmp_path)
    assert result["n"] == 2
    m = result["metrics"]
    assert (m["tp"], m["fp"]) == (1, 0)
    assert m["accuracy"] == 0.5
    assert m["f1"] == pytest.approx(2 * 1 / (2 * 1 + 0 + 1))
    assert {i["id"]: i["found"] for i in result["items"]}["a.html"] == "2019-06-04"


# --------------------------------------------------------------------------- helpers


def test_prf_and_table():
    assert prf(0, 0, 0) == (0.0, 0.0, 0.0)
    assert prf(3, 1, 1) == (0.75, 0.75, 0.75)
    table = format_table([["scrapinghub", 181, 0.97123]], ["dataset", "n", "f1"])
    lines = table.splitlines()
    assert lines[0].split() == ["dataset", "n", "f1"]
    assert lines[2].split() == ["scrapinghub", "181", "0.971"]


# --------------------------------------------------------------------------- the real data (a few pages)


def test_extract_on_real_pages():
    data = SHARED / "scrapinghub"
    if not data.is_dir():
        pytest.skip(f"{data} absent: the shared evaluation data is not available here")
    result = eval_extract.evaluate(data, limit=8)
    assert result["n"] == 8
    assert result["metrics"]["f1"] >= 0.9


def test_dates_on_real_pages():
    data = SHARED / "htmldate-mediacloud"
    if not data.is_dir():
        pytest.skip(f"{data} absent: the shared evaluation data is not available here")
    result = eval_dates.evaluate(data, limit=12)
    assert result["n"] == 12
    # The first twelve pages hold several hard ones (measured 8 right, 1 wrong, 3 missed).
    assert result["metrics"]["accuracy"] >= 0.6 and result["metrics"]["f1"] >= 0.75


@pytest.mark.slow
def test_extract_full_set_gate():
    """Regression gate on the whole scrapinghub set (measured 0.972 when written)."""
    data = SHARED / "scrapinghub"
    if not data.is_dir():
        pytest.skip(f"{data} absent: the shared evaluation data is not available here")
    assert eval_extract.evaluate(data)["metrics"]["f1"] >= 0.95


@pytest.mark.slow
def test_dates_full_set_gate():
    """Regression gate on the htmldate set (measured accuracy 0.890, F1 0.942 when written)."""
    data = SHARED / "htmldate-mediacloud"
    if not data.is_dir():
        pytest.skip(f"{data} absent: the shared evaluation data is not available here")
    m = eval_dates.evaluate(data)["metrics"]
    assert m["accuracy"] >= 0.87 and m["f1"] >= 0.93
