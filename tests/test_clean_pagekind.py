"""Pages that are not news articles: recognised with a reason, kept out of stories, the run exits 0."""

from __future__ import annotations

import json

from storyline.clean.pagekind import language_reason, not_article, text_reason, title_reason
from storyline.model import Article, RawArticle, Skipped
from storyline.pipeline import process_raw

ENGLISH = (
    "The council approved the new budget on Tuesday after a long debate, and the mayor said that the "
    "plan would cut waiting times for the bus routes that serve the eastern districts of the city. "
    "Officials who opposed it have said they will ask for a review of the figures before the vote in March."
)
SPANISH = (
    "El consejo aprobó el nuevo presupuesto el martes después de un largo debate, y el alcalde dijo que "
    "el plan reducirá los tiempos de espera de los autobuses que sirven a los distritos del este de la "
    "ciudad. Los funcionarios que se opusieron pidieron una revisión de las cifras antes de la votación."
)
BOX_SCORE = "\n\n".join([
    "Palm Bay (1-0): Tolivert 25 points. Davis 17 points. Burgher 10 points. Bozeman 10 points. Moore 3 points.",
    "Rockledge (0-1): Blakely 15 points. Devoe 2 points. Baker 6 points. Brown 4 points. Upshaw 3 points.",
    "Heritage (1-0): Armani Sheffield 19 points and 3 steals. Kelli Howard 6 steals. Jones 4 points.",
])


def _article(body: str, title: str = "Council approves budget", outlet: str | None = None, url: str | None = None):
    return Article(id="a", source="a.html", body=body, title=title, outlet=outlet, url=url)


def test_english_prose_is_an_article():
    assert not_article(_article(ENGLISH)) is None


def test_another_language_is_named_as_the_reason():
    why = language_reason(SPANISH)
    assert why and why.startswith("not in English")
    assert language_reason("Совет утвердил новый бюджет во вторник после долгих дебатов, мэр заявил об этом.")


def test_few_english_function_words_without_another_language_is_still_english():
    # A box score or a recipe has few function words of any language: not "another language".
    assert language_reason(BOX_SCORE) is None


def test_table_rows_do_not_decide_the_language():
    rows = "\n\n".join(f"| 2020-09-{d:02d} | $250 | Jane Doe |" for d in range(1, 30))
    assert language_reason(ENGLISH + "\n\n" + rows) is None


def test_pages_named_by_their_title():
    assert title_reason("NPR Search : NPR", "NPR", "https://www.npr.org/search?query=x")
    assert title_reason("World news - RT International", "RT", "https://www.rt.com/news/")
    assert title_reason("Reuters on Twitter")
    assert title_reason("Google Image Result for https://example.com/x.jpg")
    # Reports whose titles use the same words are not index pages.
    assert title_reason("Live: Protesters gather outside parliament - BBC News", "BBC News", "https://www.bbc.com/news/x") is None
    assert title_reason("Search for missing climbers called off", "Reuters") is None
    assert title_reason("World leaders meet in Paris | Reuters", "Reuters") is None


def test_page_furniture_text():
    assert text_reason("Request unsuccessful. Incapsula incident ID: 1234-5678")
    assert text_reason(ENGLISH) is None
    # headings, menus and an archive list under an article's title: no sentence of running text
    menu = ("FREE CSAT TEST SERIES\n\nINSIGHTS MONTHLY MAGAZINES\n\nArchives Archives Select Month January 2018 "
            "December 2017 November 2017 October 2017 September 2017 August 2017")
    assert "running text" in text_reason(menu)
    # a one-line report in headline style, or a paragraph cut before its stop, is running text
    assert text_reason("LAKE FOREST, Ill. \u2014 Chicago Bears fire coach John Fox after 5-11 season.") is None
    assert text_reason("Astronauts have identified microbes in space. Each time, the results were the same on the ground") is None


def test_process_raw_skips_with_the_reason_before_annotating():
    raw = RawArticle(id="s", source="s.txt", format="text", text=SPANISH + "\n\n" + SPANISH, title="Presupuesto")
    out = process_raw(raw)
    assert isinstance(out, Skipped) and out.source == "s.txt" and out.reason.startswith("not in English")


def test_run_reports_skipped_pages_apart_and_exits_0(tmp_path):
    from storyline.cli import main

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "es.txt").write_text("Presupuesto aprobado\n\n" + SPANISH + "\n\n" + SPANISH, "utf-8")
    (tmp_path / "in" / "en.txt").write_text("Council approves budget\n\n" + ENGLISH + "\n\n" + ENGLISH, "utf-8")
    out = tmp_path / "out"
    code = main(["run", str(tmp_path / "in"), "--out", str(out), "--quiet"])
    assert code == 0
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert [s["source"].rsplit("/", 1)[-1] for s in report["skipped"]] == ["es.txt"]
    assert report["skipped"][0]["reason"].startswith("not in English")
    assert report["rejected"] == []
    assert all(not a["source"].endswith("es.txt") for a in report["articles"])
    assert "Pages skipped (not news articles)" in (out / "report.md").read_text("utf-8")
