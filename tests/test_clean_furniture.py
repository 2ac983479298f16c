"""Widgets flattened into article paragraphs (storyline.clean.furniture) and their removal."""

from __future__ import annotations

import pytest

from storyline.clean import clean
from storyline.clean.furniture import furniture_kind, split_trailing_credit
from storyline.clean.text import clean_text
from storyline.ingest.newsplease import record_to_article


@pytest.mark.parametrize(
    "para, kind",
    [
        ("Newsletter Sign Up Continue reading the main story Please verify you're not a robot by clicking the box. "
         "Invalid email address. Please re-enter.", "chrome"),
        ("Advertisement Continue reading the main story", "chrome"),
        ("JUST WATCHED Harbour bridge reopens Replay More Videos ... MUST WATCH Harbour bridge reopens 01:12", "chrome"),
        ("Got a tip for our newsroom? Email us at desk@example.com or call 020 7946 0000. We pay for your stories!",
         "chrome"),
        ("Read or Share this story: http://exm.pl/2abc", "chrome"),
        ("MOST READ IN SPORT LAST GASP Rovers snatch a late win at home PAY DAY Striker signs bumper new deal",
         "most_read"),
        ("Related Stories HIGH TIDE Floods return to the valley COUNTING THE COST What the storm will cost farmers",
         "related"),
        ("Harbour life in pictures", None),  # alone it is a subhead; before a gallery counter it is the gallery's title
        ("12 show all Harbour life in pictures", "gallery"),
        ("[Video: Divers search the flooded tunnel for a second day]", "related"),
        ("• This article was amended on 3 May 2021 to correct the name of the harbour master.", "correction"),
        ("(Jane Roe / The Daily Example)", "credit"),
        ("EPA Rescue workers search the rubble of the collapsed bridge", "caption"),
        ("SWNS • PA Commuters wait at the closed station on the morning of the strike", "caption"),
        ("Image copyright Getty Images Image caption Divers worked through the night", "caption"),
        ("Enlarge this image toggle caption Jane Roe/AP Jane Roe/AP", "caption"),
        ("NORTH QUAY OLD HARBOUR BRIDGE STREET MARKET SQUARE ST MARY'S CHURCH RIVERSIDE PARK WEST GATE", "graphic"),
        # Article text that shares words with furniture stays.
        ("Thousands of runners sign up for the race every year, organisers said.", None),
        ("Sign up for a free account and the first month costs nothing, the company said in its offer.", None),
        ("EPA officials said the plant had broken emission limits three times since March.", None),
        ("Reuters reported that the minister had resigned, citing two people familiar with the matter.", None),
        ("The most read story on the site last week was about the flood.", None),
        ("[ Example News ]", None),
        ("The mayor, the harbour master, the head of the port authority and the police chief met on Monday.", None),
    ],
)
def test_furniture_kind(para, kind):
    assert furniture_kind(para) == kind


def test_a_gallery_title_goes_with_its_counter():
    assert furniture_kind("Harbour life in pictures", following="12 show all Harbour life in pictures") == "gallery"
    assert furniture_kind("The harbour reopened.", following="12 show all Harbour life in pictures") is None


def test_trailing_wire_credit_is_cut_off():
    para = "The ministry said talks would resume next week. (Reporting by Jane Roe; Editing by John Doe)"
    assert split_trailing_credit(para) == ("The ministry said talks would resume next week.",
                                           "(Reporting by Jane Roe; Editing by John Doe)")
    assert split_trailing_credit("The ministry said talks would resume next week.") is None


BODY = """The harbour bridge reopened on Monday after three weeks of repairs, the city council said.

EPA Workers remove the last barriers from the bridge deck

Advertisement Continue reading the main story

Engineers found cracks in two of the bridge's supports in early March, forcing its closure.

MOST READ IN NEWS LAST GASP Rovers snatch a late win at home PAY DAY Striker signs bumper new deal

The council said traffic would be limited to cars for another month. (Reporting by Jane Roe; Editing by John Doe)"""


@pytest.mark.parametrize("structured", [True, False])
def test_clean_text_removes_widgets_with_reasons(structured):
    parts = clean_text(BODY, structured=structured)
    body = "\n".join(parts.paragraphs)
    assert "MOST READ" not in body and "Advertisement" not in body and "Editing by" not in body
    assert "Workers remove the last barriers" not in body
    assert parts.paragraphs[-1] == "The council said traffic would be limited to cars for another month."
    kinds = {r.kind for r in parts.removed}
    assert {"most_read", "chrome", "caption", "credit"} <= kinds
    assert any("Workers remove the last barriers" in c for c in parts.captions)
    assert len(parts.paragraphs) == 3


def test_news_please_article_keeps_its_text():
    rec = {"title": "Harbour bridge reopens", "maintext": BODY, "date_publish": "2021-05-03T10:00:00",
           "url": "https://example.com/2021/05/03/bridge", "source_domain": "example.com"}
    art = clean(record_to_article(rec, "rec.json", "a1"))
    assert art.body.startswith("The harbour bridge reopened on Monday")
    assert "Engineers found cracks" in art.body and "MOST READ" not in art.body
