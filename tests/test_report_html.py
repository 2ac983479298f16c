"""report.html: self-contained, every Story field shown, untrusted text kept as text."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re

import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_web_data import XSS_BODY, sample_report

from storyline.report.html import (
    body_paragraphs,
    date_span,
    dom_id,
    format_date,
    published_label,
    render_html,
    safe_url,
    story_view,
)


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(sample_report())


@pytest.fixture(scope="module")
def doc(page):
    return lxml.html.fromstring(page)


def _text(el) -> str:
    return " ".join(el.text_content().split())


# ------------------------------------------------------------------ self-contained and safe


def test_report_needs_no_network_and_its_csp_allows_only_its_own_inline_code(page, doc):
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page.replace('href="https://daily.example/bridge"', ""))
    assert not doc.xpath("//link[@rel='stylesheet']") and not doc.xpath("//script[@src]")
    csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    for code, kind in ((style, "style-src"), (script, "script-src")):
        digest = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
        assert f"{kind} 'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp
    assert len(re.findall(r"<script", page)) == 1  # only ours
    assert not doc.xpath("//*[@style]")  # no inline style attributes (a CSP would block them)


def test_xss_probes_render_as_text(page, doc):
    for probe in ("<script>alert(", "<img src=x onerror", "<svg onload", "<b onmouseover", "<b>bold</b>", "<th>"):
        assert probe not in page, probe
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(&#39;body&#39;)&gt;" in page
    assert XSS_BODY[:40] in _text(doc)  # the body still reads as the text it is
    assert not [h for h in doc.xpath("//a/@href") if h.lower().lstrip().startswith("javascript:")]
    assert not [a for el in doc.iter() if isinstance(el.tag, str) for a in el.attrib if a.lower().startswith("on")]


def test_every_id_is_unique_and_every_anchor_link_resolves(doc):
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids))
    for href in doc.xpath("//a/@href"):
        if href.startswith("#"):
            assert href[1:] in ids, href


# ------------------------------------------------------------------ the views


def test_timeline_shows_dates_with_precision_badges_and_quotes_on_demand(doc):
    story = doc.xpath("//section[@id='s-s-bridge']")[0]
    days = story.xpath(".//ol[@class='timeline']/li[@class='day']")
    whens = [d.xpath(".//time/@datetime")[0] for d in days]
    assert whens == ["1968-06", "2031-11-03", "2031-11-06", "2031-12"]
    assert [_text(d.xpath(".//span[@class='prec']")[0]) for d in days] == ["month", "day", "day", "month"]
    closure = days[1]
    assert [_text(b) for b in closure.xpath(".//p[@class='meta']/a[contains(@class,'badge')]")] == [
        "Daily Example", "Metro Times", "Valley Post"]
    assert "Outlets date this differently" in _text(closure)
    quotes = closure.xpath(".//details[@class='evidence']/blockquote")
    assert len(quotes) == 2 and "found cracks" in _text(quotes[0])
    assert story.xpath(".//h4[.='Not dated']")  # undated events are kept apart
    axis = story.xpath(".//figure[@class='axis']/svg")[0]
    assert len(axis.xpath(".//a")) == 4 and axis.xpath(".//path[@class='axis-break']")  # 1968 is far from 2031


def test_claims_are_marked_agree_conflict_single_and_anonymous(doc):
    claims = doc.xpath("//section[@id='s-s-bridge-claims']")[0]
    statuses = [_text(s) for s in claims.xpath(".//article//header/span[contains(@class,'status')]")]
    assert statuses == ["sources conflict", "sources agree", "single source", "anonymous sources only"]
    rows = claims.xpath(".//article[contains(@class,'st-conflict')]//li[@class='claim-row']")
    assert [_text(r.xpath(".//span[@class='fig']")[0]) for r in rows] == ["40,000 vehicles", "45,000 vehicles", "38,000 vehicles"]
    assert "10–12 million euros" in _text(claims) and "anonymous source" in _text(claims)
    assert "Other claims" in _text(claims) and "every 15 minutes" in _text(claims)
    # nobody named: the outlet reports it on its own account, never "unattributed"
    assert "unattributed" not in _text(claims) and "Daily Example, in its own reporting" in _text(claims)


def test_coverage_matrix_marks_who_reported_each_event(doc):
    table = doc.xpath("//section[@id='s-s-bridge-coverage']//table[@class='matrix']")[0]
    outlets = [_text(th) for th in table.xpath("./thead/tr/th")][1:]
    assert outlets == ["Coast Radio", "Daily Example", "Metro Times", "Valley Post"]
    closure = table.xpath("./tbody/tr")[1]
    assert [td.get("class") for td in closure.xpath("./td")] == ["no", "yes", "yes", "yes"]
    assert [_text(td) for td in table.xpath("./tfoot/tr/td")] == ["1", "2", "2", "1"]
    assert "Coast Radio did not report the closure" in _text(doc.xpath("//section[@id='s-s-bridge-coverage']")[0])


def test_whats_next_links_fulfilled_expectations_to_their_event(doc):
    items = doc.xpath("//section[@id='s-s-bridge-next']//li[contains(@class,'exp')]")
    assert [i.get("class").split()[-1] for i in items] == ["st-overdue", "st-open", "st-fulfilled"]  # most pressing first
    fulfilled = items[2]
    link = fulfilled.xpath(".//p[@class='fulfilled']/a")[0]
    assert link.get("href") == "#" + dom_id("ev", "s-bridge.e2") and "Repair crews began" in _text(link)
    assert "due by the end of November (November 2031)" in _text(fulfilled)
    assert "On condition: the cables arrive on time" in _text(items[0])
    event = doc.xpath(f"//li[@id='{dom_id('ev', 's-bridge.e2')}']")[0]
    assert "Fulfils what was expected: Repairs begin" in _text(event)


def test_summary_cites_its_sources_by_number(doc):
    summary = doc.xpath("//section[@id='s-s-bridge-summary']")[0]
    assert [_text(a) for a in summary.xpath(".//a[@class='cite']")] == ["1", "2", "1", "2", "3", "3"]
    assert [_text(li) for li in summary.xpath(".//ol[@class='cites']/li/a")] == ["Daily Example", "Metro Times", "Coast Radio"]
    assert "contested" in _text(summary.xpath(".//li[@class='k-contested']")[0])


def test_articles_show_removed_pieces_captions_credits_and_how_the_date_was_found(doc):
    a1 = doc.xpath("//article[@id='a-a1']")[0]
    text = _text(a1)
    assert "3 November 2031 — from the date line" in text
    assert "Removed by the cleaner (3 pieces)" in text and "boilerplate 2" in text and "Subscribe to our newsletter" in text
    assert "The bridge at dusk. Photo: J. Doe" in text and "Example Press" in text and "By Ann Writer" in text
    assert a1.xpath(".//mark")  # cited passages highlighted in the text
    a3 = _text(doc.xpath("//article[@id='a-a3']")[0])
    assert "between 6 November 2031 and 8 November 2031" in a3 and "inferred from events shared with dated articles" in a3
    a2 = doc.xpath("//article[@id='a-a2']")[0]
    assert "javascript:alert('url')" in _text(a2) and not a2.xpath(".//a[starts-with(@href,'javascript')]")


def test_wire_copies_and_wording_are_shown(doc):
    section = _text(doc.xpath("//section[@id='s-s-bridge-articles']")[0])
    assert "credit Example Press" in section and "Texts compared: 93% alike" in section
    # the wording is a table: a row per outlet, a column per thing named differently
    table = doc.xpath("//section[@id='s-s-bridge-articles']//table[@class='wording']")[0]
    assert [_text(th) for th in table.xpath(".//thead/tr/th")] == ["Outlet", "closure"]
    rows = {_text(r.xpath("./th")[0]): [_text(td) for td in r.xpath("./td")] for r in table.xpath(".//tbody/tr")}
    assert rows == {"Daily Example": ["closed"], "Metro Times": ["shut"], "Valley Post": ["shut"]}
    assert "1 thing every outlet words alike left out" in section  # "bridge" / "Bridge"
    assert "outlet:" not in section and "articles:" not in section  # no raw records


def test_wire_list_shows_a_credit_or_a_comparison_never_a_bare_figure():
    from storyline.report import wire_facts

    # an article crediting a wire for part of its text: the credit, and no similarity figure
    partial = wire_facts({"articles": [], "wire": "AFP", "similarity": 0.0, "how": "credit", "partial": ["a1"]})
    assert partial["wire"] == "AFP" and partial["partial"] == ["a1"] and not partial["compared"]
    assert partial["similarity"] is None
    # one credited article: nothing was compared
    one = wire_facts({"articles": ["a1"], "wire": "EFE", "similarity": 1.0, "how": "credit"})
    assert one["similarity"] is None and not one["compared"]
    # copies compared by their text
    two = wire_facts({"articles": ["a1", "a2"], "wire": None, "similarity": 0.9, "how": "text"})
    assert two["compared"] and two["similarity"] == 0.9
    # nothing to say: no article, or neither credit nor comparison
    assert wire_facts({"articles": [], "wire": "AFP", "similarity": 0.0, "how": "credit"}) is None
    assert wire_facts({"articles": ["a1"], "wire": None, "similarity": 0.5, "how": "text"}) is None


def test_an_unknown_outlet_says_so_with_the_headline_as_tooltip():
    from storyline.report.html import article_card, source_label

    article = {"id": "x", "title": "Bridge shut after cables crack", "outlet": None}
    assert source_label(article) == "unknown outlet"
    page = render_html({"generated": "now", "rejected": [], "articles": [{**article, "body": "Text.", "source": "x.txt"}],
                        "stories": [{"id": "s1", "title": "T", "articles": ["x"], "timeline": [], "claims": []}]})
    chips = lxml.html.fromstring(page).xpath("//ul[@class='article-list']//span[contains(@class,'badge')]")
    assert [(_text(c), c.get("title")) for c in chips] == [("unknown outlet", "Bridge shut after cables crack")]
    assert article_card(article)["outlet_name"] == "unknown outlet"


def test_an_empty_story_says_what_is_missing_instead_of_failing():
    report = {"generated": "now", "articles": [], "rejected": [{"source": "bad.txt", "reason": "empty file"}],
              "stories": [{"id": "s1", "title": "T", "articles": [], "timeline": [], "claims": [], "summary": ""}]}
    page = render_html(report)
    assert "No dated events were found" in page and "No summary yet" in page and "bad.txt" in page


# ------------------------------------------------------------------ helpers


@pytest.mark.parametrize("date, precision, expected", [
    ("2024-06-19", "day", "19 June 2024"),
    ("2024-10", "month", "October 2024"),
    ("2024", "year", "2024"),
    ("2024-11-06", "week", "week of 4 Nov 2024"),
    ("2024-11", "quarter", "Q4 2024"),
    ("1990", "decade", "1990s"),
    (None, None, "undated"),
    ("soon", None, "soon"),
    ("2018-W06", None, "week of 5 Feb 2018"),  # a bound's TIMEX week, not January
    ("FUTURE_REF", None, ""),  # a TIMEX code says nothing to a reader
    ("2017-Q4", "quarter", "Q4 2017"),  # a bound's TIMEX quarter, not the year's first
    ("2018-H1", None, "first half of 2018"),
])
def test_format_date_is_no_more_precise_than_the_date(date, precision, expected):
    assert format_date(date, precision) == expected


@given(st.text(max_size=20), st.sampled_from([None, "day", "week", "month", "quarter", "year", "decade", "x"]))
def test_date_helpers_never_raise(value, precision):
    format_date(value, precision)
    span = date_span(value, precision)
    if span:
        assert span[0] <= span[1]


@given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9998, 12, 1)))
def test_a_month_spans_its_days(day):
    start, end = date_span(f"{day.year:04d}-{day.month:02d}", "month")
    assert start.day == 1 and start <= day <= end and (end + dt.timedelta(days=1)).day == 1


def test_published_label_shows_window_for_uncertain_dates():
    assert published_label({"date": None, "earliest": "2024-11-11", "latest": "2024-11-12", "how": "inferred"})["when"] == \
        "between 11 November 2024 and 12 November 2024"
    assert published_label({})["when"] == "date unknown"
    assert published_label({"date": "2024-11-10", "earliest": "2024-11-10", "latest": "2024-11-10", "how": "dateline"})["how"] == \
        "from the date line"


def test_body_paragraphs_mark_cited_spans_exactly_and_merge_overlaps():
    body = "One two three.\n\nFour five six."
    paras = body_paragraphs(body, [{"start": 4, "end": 7}, {"start": 6, "end": 13}, {"start": 16, "end": 20}], "a")
    assert [[r["text"] for r in p] for p in paras] == [["One ", "two three", "."], ["Four", " five six."]]
    assert paras[0][1]["anchor"] == dom_id("q", "a.4")
    assert body_paragraphs(body, [{"start": 50, "end": 90}], "a")[1] == [{"text": "Four five six."}]


@given(st.text(max_size=30))
def test_dom_ids_are_safe_and_distinct(value):
    ident = dom_id("a", value)
    assert re.fullmatch(r"[A-Za-z0-9_.-]+", ident)
    assert dom_id("a", value + "x") != ident


def test_safe_url_keeps_only_plain_web_links():
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", "data:text/html,x", "  JAVASCRIPT:x", 'http://x" onmouseover="a', None):
        assert safe_url(bad) == ""


def test_story_view_tolerates_missing_and_unexpected_fields():
    story = {"id": "s", "title": "t", "articles": ["a"], "timeline": [{"id": "e", "date": "2024-13-45", "text": "x", "sources": ["zz"]}],
             "claims": [{"id": "c", "subject": "s", "text": "t", "article": "a", "value": [1, "many"]}],
             "coverage": {"outlets": "oops"}, "wording": ["not a dict", {"a": {"b": [1, 2]}}], "wire": [{"articles": [], "wire": None}]}
    v = story_view(story, {"a": {"id": "a", "title": None, "outlet": None, "published": {}}})
    assert v["undated"] == [] and v["dated"][0]["when"] == "2024-13-45" and v["axis"] is None
    assert v["loose_claims"][0]["shown"] == "1 to many" and v["wording"]["rows"] == [] and v["wire"] == []


# ------------------------------------------------------------------ the seed articles


def test_seed_report_html_shows_the_story_timeline_in_date_order(seed_run):
    _, report, out = seed_run
    page = (out / "report.html").read_text("utf-8")
    doc = lxml.html.fromstring(page)
    assert len(report["stories"]) >= 1
    dates = [t for t in doc.xpath("//ol[@class='timeline']/li[@class='day']//time/@datetime")]
    assert dates and dates == sorted(dates)
    assert doc.xpath("//li[@class='event']//p[@class='meta']/a[contains(@class,'badge')]")
    assert len(doc.xpath("//article[@class='doc']")) == len(report["articles"])


def _synthetic_events(n: int, seed: int) -> list[dict]:
    import random

    rng = random.Random(seed)
    events = []
    for i in range(n):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=int(rng.expovariate(1 / 60)) % 400)
        precision = rng.choice(["day"] * 8 + ["month", "year"])
        date = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year)}[precision]
        events.append({"id": f"e{i}", "date": date, "precision": precision, "text": f"event {i}"})
    return events


@pytest.mark.parametrize("n", [5, 300])
@pytest.mark.parametrize("width", [1000, 400])
def test_the_timeline_chart_stays_readable_for_few_and_many_events(n, width):
    from storyline.report.html import AXIS_DOT_LANES, _axis, _label_room

    axis = _axis(_synthetic_events(n, seed=n), "s", width)
    if n == 5:  # a dot or a span per event
        assert axis["period"] is None and len(axis["marks"]) == 5 and not axis["bars"]
    else:  # a density chart: bars per period, no column of 300 dots
        assert axis["period"] in ("week", "month") and axis["bars"]
        assert sum(b["n"] for b in axis["bars"]) + len(axis["marks"]) <= n
        assert len({m["y"] for m in axis["marks"]}) <= AXIS_DOT_LANES
        assert axis["height"] < 200
    # tick labels: inside the chart, in order, never overlapping
    edges = []
    for t in axis["ticks"]:
        half = _label_room(t["label"]) / 2 - 7
        left = t["x"] if t["anchor"] == "start" else t["x"] - 2 * half if t["anchor"] == "end" else t["x"] - half
        assert 0 <= left and left + 2 * half <= width, t
        edges.append((left, left + 2 * half))
    assert all(a[1] < b[0] for a, b in zip(edges, edges[1:]))
    assert axis["ticks"]


def test_the_chart_caption_names_the_first_and_last_events_as_dated():
    from storyline.report.html import _axis

    axis = _axis([{"id": "a", "date": "2017", "precision": "year", "text": "x"},
                  {"id": "b", "date": "2018-02-05", "precision": "day", "text": "y"}], "s")
    assert (axis["start"], axis["end"]) == ("2017", "5 February 2018")


@given(year=st.sampled_from([1, 2, 999, 1000, 8999, 9000, 9998, 9999]),
       precision=st.sampled_from(["day", "week", "month", "quarter", "year", "decade"]))
def test_the_chart_never_runs_off_the_calendar(year, precision):
    from storyline.report.html import _axis

    events = [{"id": "a", "date": f"{year:04d}-12-31", "precision": precision, "text": "x"},
              {"id": "b", "date": f"{year:04d}-01-01", "precision": "day", "text": "y"}]
    axis = _axis(events, "s")
    assert axis is None or axis["marks"] or axis["bars"]


def test_the_summary_says_all_outlets_agree_only_when_all_do():
    from storyline.report.html import _kind_label

    assert _kind_label({"kind": "agreed", "text": "The treaty was signed (2024-06-19; 5 of 5 outlets)."}) == "all outlets agree"
    assert _kind_label({"kind": "agreed", "text": "Russia has not confirmed it (3 of 5 outlets)."}) == "most outlets agree"
    assert _kind_label({"kind": "contested", "text": "x"}) == "contested"


def test_a_vague_amount_names_its_unit_with_of():
    from storyline.report.html import _claim

    shown = _claim({"value": "millions", "unit": "artillery shells", "article": "a"}, {}, {})["shown"]
    assert shown == "millions of artillery shells"
    assert _claim({"value": 3000, "unit": "troops", "article": "a"}, {}, {})["shown"] == "3,000 troops"


def test_a_window_closed_to_one_day_is_said_as_that_day():
    from storyline.report.windows import window_words

    assert window_words("2016-11-10", "2016-11-10") == "on 2016-11-10"
    assert window_words("2016-11-09", "2016-11-10") == "between 2016-11-09 and 2016-11-10"
    assert window_words(None, "2016-11-10") == "on or before 2016-11-10"


def test_a_claim_nobody_is_named_for_is_the_outlets_own_reporting():
    from storyline.report.facts import who_says

    assert who_says("Western officials", "The Moscow Times") == "Western officials"
    assert who_says(None, "The Moscow Times") == "The Moscow Times, in its own reporting"
    assert "own reporting" in who_says(None, None)


def test_markdown_says_a_step_s_due_time_and_condition_as_words():
    from storyline.model import TimeExpr
    from storyline.report.markdown import _bound, _condition

    assert _bound(TimeExpr("soon", 0, 4, value="FUTURE_REF")) == " (by soon)"
    assert _bound(TimeExpr("next week", 0, 9, value="2018-W06", precision="week")) == " (by next week: week of 5 Feb 2018)"
    assert _condition("If your subscription has lapsed") == "if your subscription has lapsed"
    assert _condition("the deal closes") == "when the deal closes"


def test_markdown_says_a_half_open_window_in_words():
    from storyline.model import Expectation
    from storyline.report.markdown import _made, render_markdown

    x = Expectation(id="x", text="t", what="w", article="a", certainty="announced", made_latest="2018-02-06")
    assert _made(x) == "on or before 2018-02-06"
    report = {"articles": [{"id": "a", "title": "T", "outlet": "o", "byline": None, "credits": [], "captions": [],
                            "removed": [], "published": {"date": None, "earliest": None, "latest": "2018-02-06",
                                                         "how": "metadata"}}],
              "stories": [], "rejected": [], "skipped": [], "generated": "2018-02-07T00:00:00", "storyline_version": "0"}
    assert "- published: on or before 2018-02-06 (metadata)" in render_markdown(report)
