"""Hand-built records for the report.html and web tests: one invented story that fills every
Story field (timeline at several precisions, claims that agree, conflict, evolve, rest on one
or an anonymous source, coverage, wording, wire copies, expectations open/overdue/fulfilled,
a summary with citations), an article with an inferred publication date, and an article made
of XSS probes. Independent of the NLP stages, so the views are tested on every field even
while those stages are being built.

Other test modules import :func:`sample_articles`, :func:`sample_story` and :func:`fill_store`.
"""

from __future__ import annotations

import jsonschema

from storyline.model import (
    Article,
    ArticleAnalysis,
    Claim,
    ClaimComparison,
    DateVote,
    Event,
    Evidence,
    Expectation,
    Published,
    Removed,
    Story,
    SummarySentence,
    TimeExpr,
    WireGroup,
)

XSS_TITLE = "<script>alert('title')</script> Bridge <b>bold</b>"
XSS_BODY = ("Residents said <img src=x onerror=alert('body')> the ferry was late again on Monday, "
            "and a <script>alert(1)</script> sign appeared near the harbour gate for the second time this week. "
            "Officials did not comment on the sign or on the timetable for the repairs to the old bridge.")
XSS_OUTLET = "<svg onload=alert('outlet')>Gazette"

BODIES = {
    "a1": ("The city council closed the Harbour Bridge on Monday after engineers found cracks in two support cables. "
           "About 40,000 vehicles cross the bridge each day, the council said.\n\n"
           "Repairs will begin by the end of November, according to the transport office. "
           "The bridge first opened in June 1968."),
    "a2": ("Engineers found cracks in two cables of the Harbour Bridge, which the council closed on Monday. "
           "The transport office said 45,000 vehicles use the bridge daily.\n\n"
           "An official who asked not to be named said the repairs could cost 12 million euros. "
           "A public hearing is expected next month."),
    "a3": ("Repair crews began work on the Harbour Bridge on Thursday, the council said. "
           "The council now says 38,000 vehicles a day used the bridge before it closed.\n\n"
           "Ferries will run every 15 minutes until the bridge reopens."),
    "a4": ("Engineers found cracks in two cables of the Harbour Bridge, which the council closed on Monday. "
           "The transport office said 45,000 vehicles use the bridge daily. Wire copy."),
}


def _ev(aid: str, quote: str) -> Evidence:
    body = BODIES[aid]
    start = body.index(quote)
    return Evidence(aid, start, start + len(quote), quote)


def sample_articles() -> list[Article]:
    """Four articles on the invented bridge story (one undated, dated by inference) and one XSS probe."""
    def pub(day: str, how: str = "dateline") -> Published:
        return Published(date=day, earliest=day, latest=day, how=how, evidence=f"dated {day}")

    return [
        Article(id="a1", source="in/a1.txt", body=BODIES["a1"], title="Harbour Bridge closed after cables crack",
                outlet="Daily Example", outlet_how="text", byline="By Ann Writer", credits=["Example Press"],
                published=pub("2031-11-03"), captions=["The bridge at dusk. Photo: J. Doe"],
                removed=[Removed("Subscribe to our newsletter", "boilerplate"), Removed("Most read: ten bridges", "related"),
                         Removed("Share on social media", "boilerplate")],
                url="https://daily.example/bridge", fingerprint="f1"),
        Article(id="a2", source="in/a2.html", body=BODIES["a2"], title="Cracked cables shut the Harbour Bridge",
                outlet="Metro Times", outlet_how="url", published=pub("2031-11-04", "html"), format="html",
                url="javascript:alert('url')", fingerprint="f2"),
        Article(id="a3", source="in/a3.txt", body=BODIES["a3"], title="Repairs begin on Harbour Bridge",
                outlet="Coast Radio", outlet_how="text",
                published=Published(date=None, earliest="2031-11-06", latest="2031-11-08", how="inferred",
                                    evidence="shares the closure on Monday with a1, a2"),
                fingerprint="f3"),
        Article(id="a4", source="in/a4.txt", body=BODIES["a4"], title="Cracked cables shut the Harbour Bridge (wire)",
                outlet="Valley Post", outlet_how="text", credits=["Example Press"], published=pub("2031-11-04"),
                fingerprint="f4"),
        Article(id="x<script>1", source="in/<img src=x onerror=alert('file')>.txt", body=XSS_BODY, title=XSS_TITLE,
                outlet=XSS_OUTLET, outlet_how="text", published=pub("2031-10-01"),
                captions=["<script>alert('caption')</script>"], removed=[Removed("<b onmouseover=alert(2)>x</b>", "<kind>")],
                credits=["<i>credit</i>"], byline="<u>byline</u>", fingerprint="fx"),
    ]


def sample_story() -> Story:
    """The bridge story with every field filled."""
    cracks = [_ev("a1", "The city council closed the Harbour Bridge on Monday after engineers found cracks in two support cables."),
              _ev("a2", "Engineers found cracks in two cables of the Harbour Bridge, which the council closed on Monday.")]
    return Story(
        id="s-bridge",
        title="Harbour Bridge closed after cables crack",
        articles=["a1", "a2", "a3", "a4"],
        keywords=["bridge", "cables", "council"],
        timeline=[
            Event("e0", "1968-06", "month", "The Harbour Bridge opened.", ["a1"], [_ev("a1", "The bridge first opened in June 1968.")],
                  outlets=["Daily Example"]),
            Event("e1", "2031-11-03", "day", "The council closed the Harbour Bridge after cracks were found in two cables.",
                  ["a1", "a2", "a4"], cracks, importance=3.0, outlets=["Daily Example", "Metro Times", "Valley Post"],
                  independent_sources=2, attributed_to=["the council"],
                  disagreement=[DateVote("2031-11-03", "day", ["a1", "a2"]), DateVote("2031-11-02", "day", ["a4"])]),
            Event("e2", "2031-11-06", "day", "Repair crews began work on the bridge.", ["a3"],
                  [_ev("a3", "Repair crews began work on the Harbour Bridge on Thursday, the council said.")],
                  outlets=["Coast Radio"], attributed_to=["the council"], fulfils=["x1"]),
            Event("e3", "2031-12", "month", "A public hearing on the bridge.", ["a2"], [_ev("a2", "A public hearing is expected next month.")],
                  outlets=["Metro Times"]),
            Event("e4", None, None, "Ferries run every 15 minutes until the bridge reopens.", ["a3"],
                  [_ev("a3", "Ferries will run every 15 minutes until the bridge reopens.")], outlets=["Coast Radio"]),
        ],
        claims=[
            Claim("c1", "vehicles per day", "About 40,000 vehicles cross the bridge each day", "a1", value=40000, unit="vehicles",
                  date="2031-11-03", attributed_to="the council", hedges=["about"], outlet="Daily Example",
                  evidence=[_ev("a1", "About 40,000 vehicles cross the bridge each day, the council said.")]),
            Claim("c2", "vehicles per day", "45,000 vehicles use the bridge daily", "a2", value=45000, unit="vehicles",
                  date="2031-11-04", attributed_to="the transport office", outlet="Metro Times",
                  evidence=[_ev("a2", "The transport office said 45,000 vehicles use the bridge daily.")]),
            Claim("c3", "vehicles per day", "38,000 vehicles a day", "a3", value=38000, unit="vehicles", date="2031-11-06",
                  attributed_to="the council", outlet="Coast Radio",
                  evidence=[_ev("a3", "The council now says 38,000 vehicles a day used the bridge before it closed.")]),
            Claim("c4", "repair cost", "the repairs could cost 12 million euros", "a2", value=[10, 12], unit="million euros",
                  attributed_to="an official who asked not to be named", anonymous=True, hedges=["could"], outlet="Metro Times",
                  evidence=[_ev("a2", "An official who asked not to be named said the repairs could cost 12 million euros.")]),
            Claim("c5", "cracked cables", "cracks in two support cables", "a1", value=2, unit="cables", outlet="Daily Example"),
            Claim("c6", "cracked cables", "cracks in two cables", "a2", value=2, unit="cables", outlet="Metro Times"),
            Claim("c7", "ferry interval", "every 15 minutes", "a3", value="every 15 minutes", outlet="Coast Radio"),
        ],
        comparison=[
            ClaimComparison("vehicles per day", "conflict", ["c1", "c2", "c3"], ["Daily Example", "Metro Times", "Coast Radio"], 3,
                            note="Figures range from 38,000 to 45,000 vehicles a day."),
            ClaimComparison("cracked cables", "agree", ["c5", "c6"], ["Daily Example", "Metro Times"], 2),
            ClaimComparison("repair cost", "single", ["c4"], ["Metro Times"], 1, anonymous_only=True),
        ],
        wire=[WireGroup(["a2", "a4"], "Example Press", 0.93)],
        coverage={"outlets": ["Coast Radio", "Daily Example", "Metro Times", "Valley Post"],
                  "events": [{"event": "e0", "outlets": {"Coast Radio": False, "Daily Example": True, "Metro Times": False, "Valley Post": False}},
                             {"event": "e1", "outlets": {"Coast Radio": False, "Daily Example": True, "Metro Times": True, "Valley Post": True}},
                             {"event": "e2", "outlets": {"Coast Radio": True, "Daily Example": False, "Metro Times": False, "Valley Post": False}},
                             {"event": "e3", "outlets": {"Coast Radio": False, "Daily Example": False, "Metro Times": True, "Valley Post": False}}],
                  "missing": "Coast Radio did not report the closure"},
        wording=[{"thing": "closure", "variants": [{"outlet": "Daily Example", "text": "closed", "articles": ["a1"]},
                                                   {"outlet": "Metro Times", "text": "shut", "articles": ["a2"]},
                                                   {"outlet": "Valley Post", "text": "shut", "articles": ["a4"]}]},
                 {"thing": "bridge", "variants": [{"outlet": "Daily Example", "text": "bridge", "articles": ["a1"]},
                                                  {"outlet": "Metro Times", "text": "Bridge", "articles": ["a2"]}]}],
        summary="The council closed the Harbour Bridge after cracks were found in two cables. Repairs began later that week.",
        summary_sentences=[
            SummarySentence("The council closed the Harbour Bridge after cracks were found in two cables.", ["a1", "a2"], "agreed"),
            SummarySentence("Outlets give between 38,000 and 45,000 vehicles a day.", ["a1", "a2", "a3"], "contested"),
            SummarySentence("Repair crews began work on Thursday, the council said.", ["a3"], "attributed"),
        ],
        expectations=[
            Expectation("x1", "Repairs will begin by the end of November", "Repairs begin", "a1", "announced",
                        attributed_to="the transport office",
                        bound=TimeExpr("by the end of November", 0, 22, value="2031-11", precision="month", kind="future",
                                       earliest="2031-11-01", latest="2031-11-30"),
                        evidence=[_ev("a1", "Repairs will begin by the end of November, according to the transport office.")],
                        status="fulfilled", fulfilled_by="e2", fulfilled_date="2031-11-06", fulfilled_sources=["a3"],
                        made="2031-11-03"),
            Expectation("x2", "A public hearing is expected next month", "A public hearing", "a2", "expected",
                        bound=TimeExpr("next month", 0, 10, value="2031-12", precision="month", kind="point",
                                       earliest="2031-12-01", latest="2031-12-31"),
                        status="open", made="2031-11-04"),
            Expectation("x3", "The bridge reopens before Christmas", "The bridge reopens", "a3", "possible",
                        condition="the cables arrive on time", status="overdue", made="2031-11-06"),
        ],
        first="2031-11-03",
        last="2031-11-08",
    )


def xss_story() -> Story:
    """A one-article story made of the XSS probe, with hostile text in every field the views show."""
    quote = XSS_BODY[:60]
    return Story(
        id="s-xss", title=XSS_TITLE, articles=["x<script>1"], keywords=["<script>k</script>"],
        timeline=[Event("e<1>", "2031-10", "month", "<script>alert('event')</script>", ["x<script>1"],
                        [Evidence("x<script>1", 0, 60, quote)], attributed_to=["<b>who</b>"])],
        claims=[Claim("c<1>", "<i>subject</i>", "<script>alert('claim')</script>", "x<script>1", value="<b>lots</b>",
                      unit="<u>u</u>", attributed_to="<script>alert('attr')</script>")],
        comparison=[ClaimComparison("<i>subject</i>", "single", ["c<1>"], [XSS_OUTLET], 1, note="<script>alert('note')</script>")],
        summary_sentences=[SummarySentence("<script>alert('summary')</script>", ["x<script>1"], "attributed")],
        expectations=[Expectation("x<1>", "<script>alert('exp')</script>", "<img src=x onerror=alert('what')>", "x<script>1",
                                  "expected", status="open")],
        wording=[{"<th>": "<script>alert('wording')</script>"}],
        first="2031-10-01", last="2031-10-01",
    )


def fill_store(store, articles: list[Article] | None = None, stories: list[Story] | None = None) -> None:
    """Write the sample articles (with empty analyses) and stories into an open Store."""
    articles = sample_articles() if articles is None else articles
    stories = [sample_story(), xss_story()] if stories is None else stories
    with store.transaction() as c:
        for a in articles:
            store.put_article(c, a, ArticleAnalysis(article=a.id))
        for s in stories:
            store.put_story(c, s)


def sample_report() -> dict:
    """report.json-shaped data for the sample records."""
    from storyline.report import build_report

    return build_report(sample_articles(), [sample_story(), xss_story()], [])


def test_sample_report_follows_the_schema():
    from storyline.report import schema

    jsonschema.validate(sample_report(), schema())


def test_sample_evidence_quotes_match_the_bodies():
    arts = {a.id: a for a in sample_articles()}
    for e in sample_story().timeline:
        for ev in e.evidence:
            assert arts[ev.article].body[ev.start:ev.end] == ev.quote


class ServerThread:
    """A uvicorn server for ``app`` on a free loopback port, in a thread (for the load and
    browser tests). The socket is bound before the server starts, so there is no port race."""

    def __init__(self, app):
        import socket

        import uvicorn

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on", timeout_graceful_shutdown=5))
        self.thread = None

    def __enter__(self):
        import threading
        import time

        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)
        self.thread.start()
        deadline = time.time() + 20
        while not self.server.started:
            if time.time() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(20)
        self.sock.close()
