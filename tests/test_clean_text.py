"""Plain-text cleaning (storyline.clean.text): the five seeds, one synthetic case per rule,
and a check on data the rules were not written from."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.clean.text import agency_name, clean_text, is_caption

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def seed(prefix: str):
    path = next(EXAMPLES.glob(f"{prefix}_*.txt"))
    return clean_text(path.read_text(encoding="utf-8"))


def body(parts) -> str:
    return "\n".join(parts.paragraphs)


def kinds(parts) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in parts.removed:
        out.setdefault(r.kind, []).append(r.text)
    return out


# --------------------------------------------------------------------------- the seeds


def test_seed_000_address_credit_appeal():
    p = seed("000")
    b = body(p)
    for start in [
        "Russian lawmakers voted unanimously on Thursday",
        "Russian President Vladimir Putin signed the agreement",
        "The treaty allegedly includes a “secret clause”",
        "That report came as Western officials said Pyongyang had sent around 3,000 troops",
        "Lawmakers in Russia’s lower-house State Duma voted 397 to 0",
        "“It’s important for us to develop comprehensive and allied relations”",
        "Moscow has so far declined to comment",
        "Russia and North Korea have been allies since",
    ]:
        assert start in b
    assert len(p.paragraphs) == 7
    for furniture in ["Physical Address", "304 North Cardinal St.", "Dorchester Center", "AFP contributed",
                      "A Message from", "Dear readers", "unprecedented challenges", "$2", "Thank you for standing"]:
        assert furniture not in b
    k = kinds(p)
    assert "304 North Cardinal St." in k["address"]
    assert len(k["appeal"]) == 7
    assert k["credit"] == ["AFP contributed reporting."]
    assert p.credits == ["AFP"]
    assert p.outlet == "The Moscow Times"
    assert p.title is None and p.date is None


def test_seed_001_caption_dateline_related_source():
    p = seed("001")
    b = body(p)
    assert p.title == "Russian Senate Ratifies Military Treaty With North Korea"
    assert p.date == "2024-11-06" and p.dateline == "November 6, 2024 Hour: 6:54 am"
    assert p.captions and p.captions[0].startswith("President Vladimir Putin (L)")
    assert "@unbnewsroom" not in b
    assert p.standfirst == "According to Ukraine, North Korea has already deployed around 11,000 soldiers in Russia."
    for start in [
        "On Wednesday, the Russian Senate ratified",
        "According to this document, if one of the signatory parties",
        "Russian President Vladimir Putin and North Korean President Kim Jong-un signed",
        "The ratification of the treaty by the upper chamber",
        "“The first clashes with North Korean soldiers",
        "According to Ukraine and some of its allies",
        "Some of them are said to have joined Russian troops",
        "Russia, which has so far neither confirmed nor denied",
    ]:
        assert start in b
    assert len(p.paragraphs) == 7
    for furniture in ["RELATED", "Russia Fines Apple and Mozilla", "teleSUR", "Source: EFE", "Hour:"]:
        assert furniture not in b
    assert "EFE" in p.credits
    assert "Russia Fines Apple and Mozilla for Failing to Remove Banned Information" in kinds(p)["related"]


def test_seed_002_teasers_byline_credit():
    p = seed("002")
    b = body(p)
    assert p.title == "Putin signs mutual defence treaty with North Korea"
    assert p.standfirst == "Accord calls on each side to come to the other’s aid in case of an armed attack"
    assert p.date == "2024-11-10"
    assert p.byline == "Agency Staff"
    assert p.credits == ["Reuters"]
    assert len(p.captions) == 1 and "Picture: VLADIMIR SMIRNOV/POOL via REUTERS" in p.captions[0]
    for start in [
        "Russian President Vladimir Putin signed into law a treaty",
        "The accord, signed by Putin and North Korean leader Kim Jong Un in June",
        "Russia’s upper house ratified the treaty this week",
        "Putin signed a decree on that ratification",
        "The treaty galvanises closer ties",
        "Reports from South Korea and Western countries",
        "Ukrainian forensic experts say",
        "Ukrainian President Volodymyr Zelensky said on Thursday",
        "Russia has not confirmed the presence of the North Korean troops.",
    ]:
        assert start in b
    assert len(p.paragraphs) == 7
    for furniture in ["date 2024-11-10", "14:13", "Agency Staff", "file photo", "Putin says Russia is ready",
                      "SIMON BARBER", "days ago", "Peskov", "Agoa", "\nWorld", "Opinion"]:
        assert furniture not in b
    assert b.rstrip().endswith("Russia has not confirmed the presence of the North Korean troops.")
    k = kinds(p)
    assert len(k["teaser"]) == 16
    assert k["dateline"] == [" date 2024-11-10 World".strip(), "10 November 2024 - 14:13"]


def test_seed_003_most_read_list():
    p = seed("003")
    b = body(p)
    assert p.title == "North Korea ratifies major defense pact with Russia"
    assert len(p.paragraphs) == 9
    assert p.paragraphs[0].startswith("North Korea ratified a major defense pact")
    assert p.paragraphs[-1].startswith("Earlier, Seoul also claimed")
    assert "Most Read" not in b and "Starbucks" not in b and "Greenland" not in b
    assert len(kinds(p)["most_read"]) == 11
    assert p.date is None and p.credits == []


def test_seed_004_split_sentence_and_fused_caption():
    p = seed("004")
    b = body(p)
    assert p.title == "Russia is preparing to ratify the strategic partnership agreement with the DPRK"
    assert "Draft law No. 740196-8 was posted on the official website" in b
    assert "Thus, the fourth article of the treaty states" in b
    assert any(par.startswith("Thus, the fourth article") for par in p.paragraphs)
    assert "Photo credits" not in b and "Supreme People's Assembly" not in b and "Russian media" not in b
    assert len(p.captions) == 2
    assert p.captions[0].endswith("Photo credits: Korean Central News Agency")
    assert p.captions[1].endswith("Photo credits: Russian media")
    for start in ["In addition, this treaty has separate clauses", "In addition, the amendment added a third article",
                  "In addition, the agreement states", "The Washington Post previously reported"]:
        assert start in b
    assert len(p.paragraphs) == 6
    assert p.date is None


# --------------------------------------------------------------------------- one rule at a time

ARTICLE = [
    "The regional council approved the new water tariff on Tuesday after a heated three-hour session.",
    "Councillors voted 31 to 12 in favour of the plan, which raises household bills by about 4 percent from April.",
    "Opposition members said the increase would hit pensioners hardest and called for a public review.",
    "The council said the money would pay for repairs to pipes laid more than a century ago.",
]


def test_byline_and_dateline_in_one_line():
    text = "\n".join([
        "Water bills to rise in Lower Saxony",
        "By Greta Hoffmann and Jonas Weber, Reuters | Published 3:02 PM EDT, Tue June 4, 2019",
        *ARTICLE,
    ])
    p = clean_text(text)
    assert p.byline == "Greta Hoffmann and Jonas Weber"
    assert p.date == "2019-06-04"
    assert "Reuters" in p.credits
    assert p.paragraphs == ARTICLE


def test_by_in_a_sentence_is_not_a_byline():
    text = "\n".join(["Rates on hold", "By contrast, the central bank held rates at 2 percent on Thursday.", *ARTICLE])
    p = clean_text(text)
    assert p.byline is None
    assert "By contrast, the central bank held rates at 2 percent on Thursday." in p.paragraphs


def test_sentence_with_a_date_is_not_a_dateline():
    p = clean_text("\n".join(["Court rules on tariff", "On June 4, 2019, the court ruled against the council.", *ARTICLE]))
    assert p.date is None
    assert p.paragraphs[0] == "On June 4, 2019, the court ruled against the council."


def test_wire_credits():
    for line, agency in [("Reuters", "Reuters"), ("— AP", "AP"), ("(AFP)", "AFP"),
                         ("The Associated Press contributed to this report.", "AP"),
                         ("With reporting by Agence France-Presse", "AFP"), ("Source: EFE", "EFE"),
                         ("Sources: dpa, Xinhua", "dpa")]:
        p = clean_text("\n".join(["Council backs tariff", *ARTICLE, line]))
        assert agency in p.credits, line
        assert p.paragraphs == ARTICLE, line
        assert [r.kind for r in p.removed if r.text == line] == ["credit"], line


def test_reporting_footer_and_wire_opening():
    text = "\n".join([
        "Council backs tariff",
        "HANOVER (Reuters) - " + ARTICLE[0],
        *ARTICLE[1:],
        "Reporting by Greta Hoffmann; Editing by Jonas Weber",
    ])
    p = clean_text(text)
    assert p.credits == ["Reuters"]
    assert p.paragraphs[0].startswith("HANOVER (Reuters) - ")  # the wire opening stays in the text
    assert "Editing by" not in body(p)


def test_agency_names_are_normalised():
    assert agency_name("Agence France-Presse") == "AFP"
    assert agency_name("The Associated Press") == "AP"
    assert agency_name("Agencia EFE") == "EFE"
    assert agency_name("reuters") == "Reuters"
    assert agency_name("The Guardian") is None


def test_captions_with_credits():
    captions = [
        "Protesters gather outside parliament in Lima, Peru, March 3, 2018. REUTERS/Guadalupe Pardo",
        "Firefighters at the scene of the blaze in Porto on Sunday. Photo: Rui Duarte/Lusa",
        "FILE - In this Oct. 2, 2015, file photo, a ferry leaves the harbour in Piraeus, Greece.",
        "The minister (R) greets farmers in Nakuru, Kenya, Friday, May 8, 2015. Twitter/ @agrikenya",
        "Ana Silva, left, and Rosa Mendes attend the hearing in Lisbon. Picture: Carlos Reis/EPA",
    ]
    text = "\n".join(["Council backs tariff", ARTICLE[0], captions[0], ARTICLE[1], captions[1], ARTICLE[2],
                      captions[2], captions[3], ARTICLE[3], captions[4]])
    p = clean_text(text)
    assert p.paragraphs == ARTICLE
    assert p.captions == captions


@pytest.mark.parametrize("sentence", [
    "A photo by the ministry showed the damaged bridge, officials said on Monday.",
    "The mayor, left with few options, raised the tariff by 4 percent.",
    "Officials said the image of the city had suffered after the floods.",
    "Pictured in a 2015 photo with her family, Garcia later became the first woman to run the port.",
])
def test_prose_is_not_a_caption(sentence):
    assert not is_caption(sentence)
    p = clean_text("\n".join(["Council backs tariff", ARTICLE[0], sentence, *ARTICLE[1:]]))
    assert sentence in p.paragraphs


def test_fused_caption_is_split():
    text = "\n".join([
        "Fish catches fall on the coast",
        "Catches at the main landing site have fallen for the fifth year in a row, the fisheries office said.",
        "Fishermen haul nets at dawn near Mombasa. Photo credits: Coast Weekly MagazineBut the catch has fallen "
        "by half since 2015, officials said, and many boats now stay in port.",
        "The office blamed warmer water and illegal trawling by foreign fleets.",
    ])
    p = clean_text(text)
    assert p.captions == ["Fishermen haul nets at dawn near Mombasa. Photo credits: Coast Weekly Magazine"]
    assert "But the catch has fallen by half since 2015, officials said, and many boats now stay in port." in p.paragraphs


def test_broken_lines_are_joined():
    text = "\n".join([
        "Parliament passes port bill",
        "The bill, registered as Resolution No.",
        "12-B of 2019, passed with a large majority on Wednesday afternoon in the capital.",
        "The harbour authority said the reform would",
        "cut waiting times for ships by a third within two years.",
        "The reform was drafted by a team led by Dr.",
        "Mensah, the authority's chief engineer.",
    ])
    p = clean_text(text)
    assert "The bill, registered as Resolution No. 12-B of 2019, passed with a large majority" in body(p)
    assert "The harbour authority said the reform would cut waiting times for ships" in body(p)
    assert "a team led by Dr. Mensah, the authority's chief engineer." in body(p)


def test_related_header_and_inline_links():
    text = "\n".join([
        "Council backs tariff", ARTICLE[0], ARTICLE[1],
        "Read more:",
        "Drought pushes reservoir levels to record low",
        "Why water prices differ so much between regions",
        ARTICLE[2],
        "READ ALSO: Pensioners protest outside town hall",
        ARTICLE[3],
        "You may also like",
        "• Council elections: what you need to know",
        "• Five things to do this weekend in Hanover",
    ])
    p = clean_text(text)
    assert p.paragraphs == ARTICLE
    assert set(kinds(p)) >= {"related", "title"}
    assert len(kinds(p)["related"]) == 7


def test_a_feed_excerpt_s_tail_of_deals_and_trending_links_is_not_the_article():
    text = "\n".join([
        *ARTICLE[:2],
        "Continue reading\u2026",
        "Gadget Top Deals:",
        "Anyone who bought a new phone should have this $13 accessory There\u2019s a $48 camera that has the best "
        "feature of the $300 model and a charger that costs less than a sandwich at the station cafe today",
        "Trending Right Now:",
        "How to claim the $29 battery replacement right now New renders show the same design Streaming users "
        "complain of holiday outages",
        "Council backs tariff originally appeared on Example.com on Mon, 1 Jan 2018. Please see our terms for use of feeds.",
    ])
    p = clean_text(text, structured=True)
    assert p.paragraphs == ARTICLE[:2]  # no "$13 accessory" left for the claims to read


def test_teasers_labels_and_stamps():
    text = "\n".join([
        "Council backs tariff", *ARTICLE,
        "Ferry strike ends after two weeks",
        "Unions accept a 3 percent pay offer from the operator",
        "Business",
        "3 hours ago",
        "Flood warning for coastal towns",
        "Sport",
        "1 day ago",
    ])
    p = clean_text(text)
    assert p.paragraphs == ARTICLE
    assert len(kinds(p)["teaser"]) == 7


def test_trailing_link_list_without_header():
    links = ["Ferry strike ends after two weeks of disruption", "Teachers vote to accept new pay deal in Bremen",
             "How the tram network will change next year", "Mayor rules out second term after scandal"]
    p = clean_text("\n".join(["Council backs tariff", *ARTICLE, *links]))
    assert p.paragraphs == ARTICLE
    assert kinds(p)["related"] == links


def test_trailing_schedule_introduced_by_the_article_stays():
    rows = ["June 9 - Bremen, Stadthalle", "June 12 - Hamburg, Docks", "June 15 - Kiel, Ostseehalle"]
    p = clean_text("\n".join(["Band announces tour", *ARTICLE, "The tour dates are:", *rows]))
    assert p.paragraphs[-3:] == rows


def test_appeal_block():
    appeal = [
        "Dear reader,",
        "We rely on readers like you to keep our reporting free for everyone.",
        "If you can, please support us with a monthly contribution. Every amount helps us stay independent.",
    ]
    p = clean_text("\n".join(["Council backs tariff", *ARTICLE, *appeal]))
    assert p.paragraphs == ARTICLE
    assert kinds(p)["appeal"] == appeal


def test_we_in_a_quote_is_not_an_appeal():
    text = "\n".join(["Council backs tariff", *ARTICLE,
                      "“We need your help to fix these pipes,” the mayor told residents at a meeting."])
    p = clean_text(text)
    assert p.paragraphs[-1].startswith("“We need your help")


def test_address_block_printed_twice():
    address = ["Head office", "12 Harbour Road", "Leeds LS1 4AB", "Tel: +44 113 496 0000"]
    p = clean_text("\n".join([*address, *address, *ARTICLE]))
    assert p.paragraphs == ARTICLE
    k = kinds(p)
    assert "12 Harbour Road" in k["address"]
    assert len(k.get("repeated", [])) + len(k["address"]) == 8


def test_duplicated_paragraph():
    p = clean_text("\n".join(["Council backs tariff", *ARTICLE, ARTICLE[1]]))
    assert p.paragraphs == ARTICLE
    assert kinds(p)["repeated"] == [ARTICLE[1]]


def test_share_and_newsletter_prompts():
    prompts = ["Share this article", "Sign up for our daily newsletter", "Follow us on Twitter", "Advertisement",
               "Skip to main content", "5 min read"]
    p = clean_text("\n".join(["Council backs tariff", prompts[0], ARTICLE[0], ARTICLE[1], prompts[3], ARTICLE[2],
                              ARTICLE[3], prompts[1], prompts[2], prompts[4], prompts[5]]))
    assert p.paragraphs == ARTICLE
    removed = {r.text for r in p.removed}
    assert set(prompts) <= removed


def test_outlet_from_copyright_line():
    p = clean_text("\n".join(["Council backs tariff", *ARTICLE, "© 2019 The Hanover Courier. All rights reserved."]))
    assert p.outlet == "The Hanover Courier"
    assert p.paragraphs == ARTICLE


def test_given_title_line_is_dropped():
    p = clean_text("\n".join(["Council backs tariff", *ARTICLE]), title="Council backs tariff")
    assert p.title == "Council backs tariff"
    assert p.paragraphs == ARTICLE


def test_structured_keeps_subheads_lists_and_short_lines():
    text = "\n".join([
        ARTICLE[0], "What changes", "- Bills rise by 4 percent", "- Pensioners get a rebate", ARTICLE[1],
        "Why now?", ARTICLE[2], "Related questions were raised by the opposition.", ARTICLE[3],
    ])
    p = clean_text(text, structured=True)
    assert len(p.paragraphs) == 9
    assert not p.removed


def test_structured_strips_obvious_furniture():
    text = "\n".join([ARTICLE[0], ARTICLE[1], "Advertisement", ARTICLE[2], ARTICLE[3], "Related:",
                      "Drought pushes reservoir levels to record low", "Share this article"])
    p = clean_text(text, structured=True)
    assert p.paragraphs == ARTICLE


def test_empty_and_odd_input():
    assert clean_text("").paragraphs == []
    assert clean_text("\n\n  \n").paragraphs == []
    assert clean_text(None).paragraphs == []  # type: ignore[arg-type]


def _chars(s: str) -> Counter:
    return Counter(c for c in s if not c.isspace())


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(
    st.sampled_from(ARTICLE + ["Reuters", "By Jane Roe", "2 days ago", "World", "Related:", "Photo: AP",
                               "Dear readers,", "6 November 2024", "Draft law No.", "12 Harbour Road", ""]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cf")), max_size=80),
), max_size=15), st.booleans())
def test_nothing_disappears_silently(lines, structured):
    """Every visible character of the input ends up in the body or in ``removed``."""
    text = "\n".join(lines)
    p = clean_text(text, structured=structured)
    out = "".join(p.paragraphs) + "".join(r.text for r in p.removed)
    assert _chars(out) == _chars(text)


# --------------------------------------------------------------------------- data the rules were not written from


def test_ground_truth_bodies_survive_cleaning():
    """Cleaning an already clean article body must keep nearly all of it (scrapinghub truth)."""
    path = SHARED / "eval" / "scrapinghub" / "ground-truth.json"
    if not path.exists():
        pytest.skip(f"{path} absent: the shared evaluation data is not available here")
    truth = json.loads(path.read_text(encoding="utf-8"))
    total = kept = 0
    for item in truth.values():
        text = item["articleBody"]
        p = clean_text(text)
        total += len(re.findall(r"\w+", text))
        kept += len(re.findall(r"\w+", " ".join(p.paragraphs + [p.title or "", p.standfirst or ""])))
    assert kept / total >= 0.97


def test_news_please_texts_survive_structured_cleaning():
    folder = SHARED / "eval" / "newsclusters-dev"
    if not folder.is_dir():
        pytest.skip(f"{folder} absent: the shared evaluation data is not available here")
    total = kept = 0
    for path in sorted(folder.glob("*.json"))[:40]:
        item = json.loads(path.read_text(encoding="utf-8"))
        text = item.get("text") or ""
        p = clean_text(text, title=item.get("title"), structured=True)
        total += len(re.findall(r"\w+", text))
        kept += len(re.findall(r"\w+", " ".join(p.paragraphs)))
    # About 3% of these texts is widgets inside the article block (sign-up forms, "MOST READ"
    # boxes, photo galleries, credit-first captions: see tests/test_clean_furniture.py), which
    # the cleaner removes; the article text itself must all stay.
    assert kept / total >= 0.96


def test_a_slideshow_counter_is_a_caption_not_prose():
    from storyline.clean.text import is_caption

    assert is_caption("NASA space station. Play slideshow Getty Images 1 of 35 American geologist and astronaut "
                      "Harrison Schmitt stands next to the US flag on the surface of the moon, December 1972")
    assert not is_caption("Three of the 5 outlets reported the gallery opening on Monday.")
    # a slideshow's controls go even from text news-please already extracted
    prose = ("The station could come down in March, experts said. Its orbit has been decaying for months, "
             "and the agency says it is monitoring the craft.")
    slides = ("NASA space station Mon, July 18, 2016 NASA space station. Play slideshow Getty Images 1 of 35 "
              "American geologist Harrison Schmitt stands next to the US flag on the surface of the moon, December 1972")
    p = clean_text(prose + "\n" + slides, structured=True)
    assert "slideshow" not in " ".join(p.paragraphs) and "decaying" in " ".join(p.paragraphs)


def test_a_gallery_flattened_with_its_counter_at_the_end_is_captions():
    from storyline.clean import clean
    from storyline.model import RawArticle

    gallery = "\n\n".join(f"Photos: Celebrity splits Star {n} and partner {n} announced in 2016 that they had separated. "
                          f"Hide Caption {n} of 59" for n in range(1, 6))
    body = ("The comedian said on Monday that she and the actor had split after four years together, citing the "
            "distance between their homes in two countries. Her representative confirmed the news to reporters.")
    a = clean(RawArticle(id="g", source="g.txt", format="text", text="Comedian splits from actor\n\n" + body + "\n\n" + gallery))
    assert "Hide Caption" not in a.body and "Celebrity splits" not in a.body
    assert "four years together" in a.body


def test_a_crawler_s_author_list_becomes_names():
    from storyline.clean import clean
    from storyline.model import RawArticle

    body = ("Goldman Sachs expects to take a $5 billion hit to profits for the fourth quarter because of the tax "
            "overhaul, the bank said in a filing on Friday. The charge will likely leave it with a loss.")
    raw = RawArticle(id="b", source="b.json", format="newsplease", text=body, title="Goldman takes a hit",
                     authors=["Neil Callanan", "Michael J Moore", "Neil Callanan Michael J Moore",
                              "More Stories Neil Callanan", "More Stories Michael J Moore", "Dec"])
    assert clean(raw).byline == "Neil Callanan, Michael J Moore"
