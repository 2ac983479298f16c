"""Wire copies and independent sources (storyline.compare.wire)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.compare.wire import (
    agency_of,
    credits_of,
    find_wire_groups,
    independence_keys,
    near_copies,
    partial_credits,
)
from storyline.model import Article, Removed

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

STORY = (
    "The central bank raised its main interest rate by half a percentage point on Tuesday, the third rise this "
    "year, saying inflation had proved more stubborn than expected. Economists had forecast a smaller move. "
    "The governor told reporters the bank was ready to act again if prices kept climbing, and markets fell "
    "sharply after the announcement. Mortgage lenders said they would pass the increase on to borrowers within "
    "days, adding to pressure on households already squeezed by higher energy bills and food prices. "
)


def art(aid: str, body: str, outlet: str | None = None, **kw) -> Article:
    return Article(id=aid, source=aid, body=body, outlet=outlet, **kw)


@pytest.mark.parametrize(
    "last_line, expected",
    [
        ("Reuters", {"Reuters": "full"}),
        ("teleSUR/ JF Source: EFE", {"EFE": "full"}),
        ("AFP contributed reporting.", {"AFP": "partial"}),
        ("Additional reporting by Reuters.", {"Reuters": "partial"}),
        ("(AP)", {"AP": "full"}),
        ("— Agence France-Presse", {"AFP": "full"}),
        ("Picture: VLADIMIR SMIRNOV/POOL via REUTERS", {}),
        ("Photo credits: Korean Central News Agency", {}),
        ("The rate rise was widely expected by AP economists surveyed.", {}),
    ],
)
def test_credit_lines(last_line, expected):
    assert credits_of(art("a", STORY + "\n\n" + last_line)) == expected


def test_dateline_credit_and_removed_credit():
    assert credits_of(art("a", "LONDON (Reuters) - " + STORY)) == {"Reuters": "full"}
    removed = [Removed("AFP contributed reporting.", "credit")]
    assert credits_of(art("b", STORY, removed=removed)) == {"AFP": "partial"}
    # A credit the cleaner found with no line to read is taken as a full credit.
    assert credits_of(art("c", STORY, credits=["Xinhua"])) == {"Xinhua": "full"}


def test_agency_names():
    assert agency_of("Agence France-Presse") == "AFP"
    assert agency_of("The Associated Press") == "AP"
    assert agency_of("Reuters") == "Reuters"
    assert agency_of("The Guardian") is None


def test_near_copies_found_and_distinct_stories_not():
    other = ("Flood waters rose across the northern provinces overnight, forcing thousands of families from their "
             "homes as rescue teams in boats searched for people stranded on rooftops. Officials said two bridges "
             "had collapsed and the main highway was closed. ") * 2
    a = art("a", STORY + "Shares in banks rose.", "Daily One")
    b = art("b", "Updated. " + STORY + "The opposition criticised the decision.", "Daily Two")
    c = art("c", other, "Daily Three")
    pairs = near_copies([a, b, c])
    assert [(i, j) for i, j, _ in pairs] == [("a", "b")]
    assert pairs[0][2] > 0.8


def test_groups_and_independence_keys():
    arts = [
        art("r1", STORY + "\n\nReuters", "Business Day"),
        art("r2", "Rates rise again. The bank said more may follow.\n\n" + "Prices climbed. " * 10 + "\n\nReuters",
            "Daily Star"),
        art("own", "Our correspondent reports the bank's decision surprised nobody in the city. " * 3, "The Times"),
        art("own2", "A second piece by the same paper on what higher rates mean for renters and landlords. " * 3,
            "The Times"),
        art("part", STORY.replace("Tuesday", "Tuesday morning") + "\n\nAFP contributed reporting.", "Metro"),
        art("wire", "Rates news from the wire itself, written differently, about the same decision. " * 3, "Reuters"),
    ]
    groups = find_wire_groups(arts)
    reuters = next(g for g in groups if g.wire == "Reuters")
    # "part" is a near-copy of r1 text, so it is a reprint too, whatever its credit line says.
    assert set(reuters.articles) == {"r1", "r2", "part", "wire"}
    keys = independence_keys(arts, groups)
    # Two articles credited to Reuters, and Reuters' own article, are one source.
    assert keys["r1"] == keys["r2"] == keys["wire"] == "wire:Reuters"
    # Two articles from one newsroom are one source.
    assert keys["own"] == keys["own2"] == "outlet:the times"
    afp = next(g for g in groups if g.wire == "AFP")
    assert afp.partial == ["part"]
    assert partial_credits(arts) == {"part": {"AFP"}}


def test_partly_wire_article_keeps_its_outlet_key():
    arts = [art("p", "Reporting of our own on the vote, and what it means for the region. " * 4
                + "\n\nAFP contributed reporting.", "Moscow Paper")]
    keys = independence_keys(arts, find_wire_groups(arts))
    assert keys["p"] == "outlet:moscow paper"


def test_seed_credits():
    if not EXAMPLES.is_dir():
        pytest.skip("seed articles not found")
    from storyline.clean import clean
    from storyline.ingest import read_inputs

    arts = [clean(r) for r in read_inputs([str(EXAMPLES)], None)]
    credits = {a.id[:3]: credits_of(a) for a in arts}
    assert credits["000"].get("AFP") == "partial"
    assert credits["001"].get("EFE") == "full"
    assert credits["002"].get("Reuters") == "full"
    keys = independence_keys(arts, find_wire_groups(arts))
    assert len(set(keys.values())) == 5  # five articles, none a copy of another
    assert keys[next(a.id for a in arts if a.id.startswith("001"))] == "wire:EFE"
    assert keys[next(a.id for a in arts if a.id.startswith("002"))] == "wire:Reuters"
