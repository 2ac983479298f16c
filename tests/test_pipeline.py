"""End-to-end invariants of a run over the bundled seed articles (the parts every stage must keep)."""

from __future__ import annotations

import json

import pytest

from storyline.model import RawArticle
from storyline.pipeline import process_raw
from storyline.report import validate


def _bodies(report):
    return {a["id"]: a["body"] for a in report["articles"]}


def test_report_validates_against_schema(seed_run):
    _, report, _ = seed_run
    validate(report)


def test_article_ids_are_file_names(seed_run, examples_dir):
    _, report, _ = seed_run
    assert {a["id"] for a in report["articles"]} == {p.name[:-4] for p in examples_dir.glob("*.txt")}


def test_every_evidence_quote_is_the_body_text_at_its_offsets(seed_run):
    _, report, _ = seed_run
    bodies = _bodies(report)
    quotes = []
    for s in report["stories"]:
        for e in s["timeline"]:
            quotes += e["evidence"]
        for c in s["claims"]:
            quotes += c["evidence"]
        for x in s.get("expectations") or []:
            quotes += x["evidence"]
    for q in quotes:
        assert bodies[q["article"]][q["start"]:q["end"]] == q["quote"]


def test_timeline_sources_belong_to_the_story(seed_run):
    _, report, _ = seed_run
    for s in report["stories"]:
        for e in s["timeline"]:
            assert set(e["sources"]) <= set(s["articles"])
            assert e["sources"], e


def test_captions_and_removed_text_are_not_in_the_body(seed_run):
    _, report, _ = seed_run
    for a in report["articles"]:
        for c in a["captions"]:
            assert c.strip() not in a["body"]


def test_every_article_is_in_exactly_one_story(seed_run):
    _, report, _ = seed_run
    seen = [aid for s in report["stories"] for aid in s["articles"]]
    assert sorted(seen) == sorted(a["id"] for a in report["articles"])


def test_store_matches_report(seed_run):
    from storyline.store import Store

    result, report, out = seed_run
    with Store(out / "storyline.db") as store:
        assert store.count("articles") == len(report["articles"])
        assert store.count("analyses") == len(report["articles"])
        assert store.count("stories") == len(report["stories"])
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_too_short_body_is_rejected_with_a_reason():
    out = process_raw(RawArticle(id="x", source="x.txt", format="text", text="Subscribe now.\nShare this."))
    assert not isinstance(out, tuple)
    assert out.source == "x.txt" and "no article text" in out.reason


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_markdown_and_html_reports_name_every_article(seed_run, fmt):
    _, report, out = seed_run
    text = (out / ("report.md" if fmt == "markdown" else "report.html")).read_text("utf-8")
    for a in report["articles"]:
        title = a["title"] or a["id"]
        if fmt == "html":
            import html

            title = html.escape(title)
        assert title in text
    json.dumps(report)  # plain data all the way down


def test_a_text_file_in_a_folder_named_for_a_day_is_dated_by_it():
    from storyline.model import RawArticle
    from storyline.pipeline import date_in_path

    assert date_in_path(RawArticle(id="x", source="corpus/InputDocs/2010-01-13/1.htm.txt", format="text", text="t")) == "2010-01-13"
    assert date_in_path(RawArticle(id="x", source="corpus/2010-13-45/1.txt", format="text", text="t")) is None
    assert date_in_path(RawArticle(id="x", source="corpus/notes/1.txt", format="text", text="t")) is None
    assert date_in_path(RawArticle(id="x", source="pages/2010-01-13/a.html", format="html", html="<p>t</p>")) is None


def test_a_page_of_only_furniture_is_skipped_not_rejected():
    from storyline.model import RawArticle, Rejection, Skipped
    from storyline.pipeline import process_raw

    gallery = "\n\n".join(f"Photos: Celebrity splits Star {n} and partner {n} announced in 2016 that they had separated "
                          f"after years together. Hide Caption {n} of 40" for n in range(1, 41))
    out = process_raw(RawArticle(id="g", source="gallery.txt", format="text", text="Celebrity splits\n\n" + gallery))
    assert isinstance(out, Skipped) and "page furniture" in out.reason
    out = process_raw(RawArticle(id="s", source="short.txt", format="text", text="Just a few words here."))
    assert isinstance(out, Rejection)
