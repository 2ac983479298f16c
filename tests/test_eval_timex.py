"""The TempEval-3 scorer for time expressions: reading TimeML, pairing, metrics, and a floor
on real TimeBank documents (skipped when the evaluation data is absent)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from storyline.errors import EvalDataError
from storyline.eval.timex import GoldTimex, evaluate, match, read_tml, score_counts
from storyline.model import TimeExpr

SHARED = Path(__file__).resolve().parents[2] / "shared"
TE3 = SHARED / "eval" / "tempeval3-train"

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>TEST1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-13" temporalFunction="false" functionInDocument="CREATION_TIME">02/13/1998</TIMEX3></DCT>
<TITLE>Not <TIMEX3 tid="t9" type="DATE" value="1998" functionInDocument="NONE">1998</TIMEX3> text</TITLE>
<TEXT>
Profits &amp; sales <EVENT eid="e1">rose</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-02-13" functionInDocument="NONE">Friday</TIMEX3>, up from <TIMEX3 tid="t2" type="DATE" value="1997" functionInDocument="NONE">a year earlier</TIMEX3>, over <TIMEX3 tid="t3" type="DURATION" value="P2Y" functionInDocument="NONE">the past two years</TIMEX3>.
</TEXT>
</TimeML>
"""


def write(tmp_path: Path, name: str = "TEST1.tml", body: str = TML) -> Path:
    folder = tmp_path / "TimeBank"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(body, "utf-8")
    return path


def test_read_tml_keeps_text_offsets_and_skips_creation_time(tmp_path):
    doc = read_tml(write(tmp_path))
    assert doc.dct == dt.date(1998, 2, 13)
    assert doc.part == "TimeBank" and doc.id == "TEST1"
    assert [g.text for g in doc.timexes] == ["Friday", "a year earlier", "the past two years"]  # not the title's
    for g in doc.timexes:
        assert doc.text[g.start : g.end] == g.text
    assert "Profits & sales rose Friday" in doc.text  # entities decoded, tags stripped


def test_read_tml_rejects_non_timeml(tmp_path):
    bad = write(tmp_path, "bad.tml", "<TimeML><DOCID>x</DOCID></TimeML>")
    with pytest.raises(EvalDataError, match="no <TEXT>"):
        read_tml(bad)
    broken = write(tmp_path, "broken.tml", "<TimeML><TEXT>unclosed")
    with pytest.raises(EvalDataError, match="not readable"):
        read_tml(broken)


def test_missing_folder_names_the_path(tmp_path):
    with pytest.raises(EvalDataError, match="no such folder"):
        evaluate(tmp_path / "nowhere")
    with pytest.raises(EvalDataError, match="no .tml files"):
        evaluate(tmp_path)


def sys_tx(text, start, value, typ="DATE"):
    return TimeExpr(text=text, start=start, end=start + len(text), type=typ, value=value)


def test_match_is_greedy_one_to_one_in_text_order():
    gold = [GoldTimex("last Friday", 10, 21, "DATE", "x"), GoldTimex("Friday night", 30, 42, "TIME", "y")]
    # one system span overlapping both golds may pair with the first only
    system = [sys_tx("Friday" + " " * 18 + "Frid", 16, "x")]
    pairs = match(gold, system)
    assert [(g.text, s.value) for g, s in pairs] == [("last Friday", "x")]
    # no overlap, no pair
    assert match(gold, [sys_tx("Monday", 50, "z")]) == []


def test_metrics_follow_te3():
    counts = {"gold": 4, "system": 5, "strict": 2, "relaxed": 4, "value": 3, "type": 4}
    m = score_counts(counts)
    assert m["relaxed_precision"] == 0.8 and m["relaxed_recall"] == 1.0
    assert m["strict_f1"] == round(2 * 0.4 * 0.5 / 0.9, 4)
    assert m["value_accuracy"] == 0.75
    assert m["value_f1"] == round(0.75 * (2 * 0.8 / 1.8), 4)


def test_evaluate_with_a_given_finder(tmp_path):
    write(tmp_path)

    def finder(text, anchor):
        assert anchor == dt.date(1998, 2, 13)
        i = text.index("Friday")
        j = text.index("year earlier")
        return [sys_tx("Friday", i, "1998-02-13"), sys_tx("year earlier", j, "1996")]

    r = evaluate(tmp_path, finder=finder)
    assert r["dataset"] == "tempeval3-train" and r["n"] == 1
    assert r["counts"] == {"gold": 3, "system": 2, "strict": 1, "relaxed": 2, "value": 1, "type": 2}
    assert r["metrics"]["value_accuracy"] == 0.5
    assert r["parts"]["TimeBank"]["n"] == 1
    item = r["items"][0]
    assert item["missed"] == [("the past two years", "DURATION", "P2Y")]
    assert item["wrong"][0][:4] == ("a year earlier", "year earlier", "1997", "1996")


def test_evaluate_default_finder_on_the_hand_built_doc(tmp_path):
    write(tmp_path)
    r = evaluate(tmp_path, limit=5)
    assert r["counts"]["gold"] == 3 and r["counts"]["relaxed"] == 3 and r["counts"]["strict"] == 3
    assert r["counts"]["value"] >= 2  # Friday and the past two years; "a year earlier" follows Friday


def test_value_f1_on_timebank_stays_above_the_measured_floor():
    folder = TE3 / "TimeBank"
    if not folder.is_dir():
        pytest.skip(f"TempEval-3 data not found at {folder} (evaluation data is not part of the repository)")
    r = evaluate(folder, limit=30)
    m = r["metrics"]
    # measured 2026-11 on the first 30 TimeBank documents: value F1 0.833, strict 0.926, relaxed 0.952
    assert r["n"] == 30
    assert m["value_f1"] >= 0.80
    assert m["strict_f1"] >= 0.89
    assert m["relaxed_f1"] >= 0.93
