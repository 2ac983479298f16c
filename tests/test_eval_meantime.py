"""The MEANTIME evaluation: reading the XML, the coreference scores by hand, a tiny made-up
corpus end to end, and (slow; skipped when ../shared is absent) the real data."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.errors import EvalDataError
from storyline.eval import meantime as mt

MEANTIME = Path(__file__).resolve().parents[2] / "shared" / "eval" / "meantime"


def _xml(doc_id: str, sentences: list[str], mentions: dict[str, list[int]], events: dict[str, str | None],
         refers: dict[str, list[str]]) -> str:
    """A MEANTIME-style file: sentences of space-separated tokens (t_id from 1), event mentions
    by token ids, EVENTs (m_id -> instance_id or None) and REFERS_TO (EVENT m_id -> mention m_ids)."""
    toks, n = [], 0
    for si, sentence in enumerate(sentences):
        for word in sentence.split():
            n += 1
            toks.append(f'<token number="{n - 1}" sentence="{si}" t_id="{n}">{word}</token>')
    marks = [f'<EVENT_MENTION m_id="{m}">' + "".join(f'<token_anchor t_id="{t}"/>' for t in tids) + "</EVENT_MENTION>"
             for m, tids in mentions.items()]
    marks += [f'<EVENT m_id="{m}" class="OTHER"' + (f' instance_id="{i}"' if i else "") + "/>" for m, i in events.items()]
    rels = ["<REFERS_TO>" + "".join(f'<source m_id="{s}"/>' for s in srcs) + f'<target m_id="{t}"/></REFERS_TO>'
            for t, srcs in refers.items()]
    return (f'<?xml version="1.0" ?><Document doc_id="{doc_id}" lang="en">' + "".join(toks)
            + "<Markables>" + "".join(marks) + "</Markables><Relations>" + "".join(rels) + "</Relations></Document>")


# Two made-up reports of one factory closure: tokens 1-4 headline, 5-8 date line, body from 9.
DOC_1 = _xml("1", ["Acme shuts Leeds plant", "March 3 , 2031",
                   "Acme closed its factory in Leeds on Monday , the company said .",
                   "Workers protested outside the gates ."],
             {"m1": [2], "m2": [10], "m3": [20], "m4": [23]},
             {"e1": "CLOSURE", "e2": None}, {"e1": ["m1", "m2"], "e2": ["m3"]})
DOC_2 = _xml("2", ["Leeds factory closed", "March 4 , 2031",
                   "The carmaker Acme closed its Leeds factory on Monday , officials said ."],
             {"m1": [3], "m2": [11]}, {"e9": "CLOSURE"}, {"e9": ["m1", "m2"]})


def test_rebuild_keeps_each_token_at_its_offsets():
    tokens = ["He", "said", "``", "no", "''", ",", "(", "CNN", ")", "It", "'s", "$", "5", "."]
    text, spans = mt.rebuild(tokens)
    assert text == "He said \u201cno\u201d, (CNN) It's $5."
    shown = [mt._QUOTES.get(t, t) for t in tokens]
    assert [text[s:e] for s, e in spans] == shown


def test_read_document_clusters_and_headline(tmp_path):
    path = tmp_path / "1.xml"
    path.write_text(DOC_1)
    doc = mt.read_document(path)
    assert doc.published == "2031-03-03" and doc.title == "Acme shuts Leeds plant"
    assert doc.body.startswith("Acme closed its factory in Leeds on Monday, the company said.")
    assert doc.body[slice(*doc.mentions["1/m2"])] == "closed"
    assert doc.clusters == {"1/m2": "CLOSURE", "1/m3": "1/event-e2", "1/m4": "1/m4"}  # instance, in-article, alone
    assert doc.in_headline == 1  # "shuts" is in the headline, not the body


def test_unreadable_file_and_layout(tmp_path):
    bad = tmp_path / "corpus_x" / "bad.xml"
    bad.parent.mkdir()
    bad.write_text("<Document>")
    with pytest.raises(EvalDataError, match=r"bad\.xml: not a MEANTIME XML file"):
        mt.read_document(bad)
    assert mt.corpora(tmp_path) == [bad.parent] == mt.corpora(bad.parent)
    with pytest.raises(EvalDataError, match="no MEANTIME corpus"):
        mt.corpora(_empty(tmp_path))
    with pytest.raises(EvalDataError, match="no such folder"):
        mt.corpora(tmp_path / "missing")


def _empty(tmp_path: Path) -> Path:
    d = tmp_path / "empty"
    d.mkdir()
    return d


def test_scores_by_hand():
    gold = {"a": "x", "b": "x", "c": "x"}
    pred = {"a": 1, "b": 1, "c": 2}
    p, r, f = mt.muc(gold, pred)
    assert (p, r) == (1.0, 0.5) and f == pytest.approx(2 / 3)
    p, r, _ = mt.bcubed(gold, pred)
    assert p == pytest.approx(1.0) and r == pytest.approx(5 / 9)
    p, r, f = mt.ceafe(gold, pred)
    assert p == pytest.approx(0.4) and r == pytest.approx(0.8) and f == pytest.approx(8 / 15)
    perfect = mt.scores(gold, {"a": 1, "b": 1, "c": 1, "z": 3})  # z: a prediction the gold lacks, left out
    assert perfect["conll_f1"] == pytest.approx(1.0) and perfect["bcubed_precision"] == pytest.approx(1.0)
    alone = mt.scores({"a": "x", "b": "y"}, {"a": 1, "b": 2})
    assert alone["muc_f1"] == 0.0 and alone["bcubed_f1"] == pytest.approx(1.0)  # MUC sees no links


def test_evaluate_tiny_corpus(tmp_path):
    corpus = tmp_path / "intra_cross-doc_annotation" / "corpus_acme"
    corpus.mkdir(parents=True)
    (corpus / "1.xml").write_text(DOC_1)
    (corpus / "2.xml").write_text(DOC_2)
    result = mt.evaluate(tmp_path)
    m = result["metrics"]
    assert m["gold_mentions"] == 6  # four in the bodies, two in the headlines
    assert 1 <= m["gold_mentions_found"] <= 4 and m["predicted_mentions"] >= m["gold_mentions_found"]
    assert all(0.0 <= m[k] <= 1.0 for k in ("bcubed_precision", "bcubed_recall", "conll_f1", "gold_found"))
    assert [it["id"] for it in result["items"]] == ["corpus_acme"]


@pytest.mark.slow
def test_meantime_data():
    if not MEANTIME.is_dir():
        pytest.skip(f"{MEANTIME} not found (evaluation data is not part of the repository)")
    result = mt.evaluate(MEANTIME, limit=4)
    assert len(result["items"]) == 4
    m = result["metrics"]
    assert m["gold_mentions"] > 300 and m["gold_mentions_found"] > 20
    assert m["bcubed_precision"] > 0.8
