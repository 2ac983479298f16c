"""Property tests (hypothesis) for the parts that meet untrusted input: the readers, the
text cleaner, the time-expression normaliser, and the report writer.

Each property is one the rest of Storyline relies on: readers only ever reject (never
raise), the cleaner only removes (never invents words), the normaliser never returns a
date outside the period its value names, and report.json always matches its schema.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import logging
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.errors import InputError
from storyline.ingest import Limits, read_inputs
from storyline.model import RawArticle, Rejection

# STORYLINE_PROPS_EXAMPLES=2000 turns these into a longer fuzzing run; the default keeps CI fast.
_N = int(os.environ.get("STORYLINE_PROPS_EXAMPLES", "120"))
PROPS = settings(max_examples=_N, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=max(10, _N // 5), deadline=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# ----------------------------------------------------------------- readers

# Starts that steer arbitrary bytes into each reader's deeper code paths.
PREFIXES = [
    b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"<html><body>", b"<!doctype html><div>", b"{", b"[", b'{"text": "',
    b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\n",
    b"WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: http://e.com/\r\nContent-Length: 5\r\n\r\nHTTP/",
    b'<?xml version="1.0"?><rss><channel><item><description>', b'<feed xmlns="http://www.w3.org/2005/Atom"><entry>',
    b"%PDF-", b"\x1f\x8b\x08\x00\x00\x00\x00\x00",
]
EXTENSIONS = [".txt", ".html", ".json", ".jsonl", ".warc", ".rss", ".xml", ".gz", ".txt.gz", "", ".bin"]

hostile_bytes = st.one_of(
    st.binary(max_size=3000),
    st.builds(lambda p, b: p + b, st.sampled_from(PREFIXES), st.binary(max_size=2000)),
    st.builds(lambda p, t: p + t.encode("utf-8", "surrogatepass"), st.sampled_from(PREFIXES), st.text(max_size=1500)),
    st.text(max_size=2000).map(lambda t: t.encode("utf-16-le")),
    st.binary(max_size=2000).map(gzip.compress),
    st.builds(lambda b, cut: gzip.compress(b)[:cut], st.binary(min_size=1, max_size=2000), st.integers(0, 40)),
)


def _readers():
    from storyline.ingest import feed, html, newsplease, text, warc

    return {"text": text.read, "html": html.read, "json": newsplease.read, "warc": warc.read, "feed": feed.read}


@PROPS
@given(data=hostile_bytes, fmt=st.sampled_from(["text", "html", "json", "warc", "feed"]))
def test_readers_only_reject(data, fmt):
    """A reader given any bytes yields articles or rejections, or raises InputError: nothing else."""
    limits = Limits(max_article_chars=20_000, max_html_chars=50_000)
    try:
        for item in _readers()[fmt](data, "input", "input", limits):
            assert isinstance(item, (RawArticle, Rejection))
    except InputError as exc:
        assert exc.reason


@PROPS
@given(data=hostile_bytes, ext=st.sampled_from(EXTENSIONS))
def test_read_inputs_never_raises(data, ext):
    """The whole reading path (size checks, gunzip, sniffing, the readers, tidying) never
    raises, always says something about the file, and returns storable, printable records."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"in{ext}"
        path.write_bytes(data)
        items = list(read_inputs([path], Limits(max_file_bytes=100_000, max_article_chars=20_000)))
    assert items
    for item in items:
        assert isinstance(item, (RawArticle, Rejection))
        if isinstance(item, Rejection):
            assert item.reason and "\n" not in item.line()
            item.line().encode("utf-8")
        else:
            for value in (item.id, item.source, item.text, item.html, item.title, item.url):
                if value is not None:
                    value.encode("utf-8")  # no lone surrogates: SQLite and terminals accept it
                    assert "\x00" not in value
            assert (item.text is None) != (item.html is None)


@PROPS
@given(data=st.binary(max_size=4000))
def test_decode_text_only_raises_input_error(data):
    from storyline.ingest.decode import decode_text

    try:
        text = decode_text(data, "input")
    except InputError:
        return
    assert isinstance(text, str) and "\r" not in text


@PROPS
@given(html=st.text(alphabet=st.sampled_from(list("<>/!-divspanbr ptx\"='")), max_size=3000),
       depth=st.integers(0, 300))
def test_html_depth_scan_is_total(html, depth):
    """The pre-parse HTML scan accepts any string, and finds a nesting it is shown."""
    from storyline.ingest.safety import html_shape

    deepest, text_chars = html_shape(html, 10_000)
    assert deepest >= 0 and text_chars >= 0
    nested = "<div>" * depth + html + "</div>" * depth
    assert html_shape(nested, 10_000)[0] >= depth


# ----------------------------------------------------------------- the cleaner

NEWS_WORDS = ["Reuters", "AFP", "said", "the", "minister", "Related", "Read more", "Share", "Subscribe", "Photo:",
              "Advertisement", "November 6, 2024", "2 days ago", "By Jane Doe", "—", "“quoted”", "No.", "740196-8",
              "Most Read", "(AP)", "contributed reporting", "Source: EFE", "Hour: 6:54 am", "|", "•", "...", "?", "!"]

news_lines = st.lists(
    st.one_of(
        st.lists(st.sampled_from(NEWS_WORDS), min_size=1, max_size=25).map(" ".join),
        st.text(max_size=200),
        st.just(""),
    ),
    max_size=40,
).map("\n".join)


# Invisible formatting characters (soft hyphen, zero-width space/joiners, word joiner, BOM):
# the cleaner drops them, so words are compared without them.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def _words(text: str) -> set[str]:
    return set(text.translate(_INVISIBLE).split())


@PROPS
@given(text=news_lines)
def test_cleaner_never_raises_and_only_removes(text):
    """The body holds only words of the input: the cleaner removes and repairs spacing, it never invents."""
    from storyline.clean import clean

    article = clean(RawArticle(id="x", source="x", format="text", text=text))
    assert isinstance(article.body, str)
    source = "".join(text.translate(_INVISIBLE).split())
    for word in _words(article.body) - _words(text):
        # A repair may split a fused word ("AgencyThus" -> "Agency Thus") or join a line
        # break; what it yields is still a piece of the input's own characters.
        assert word in source, f"body word {word!r} is not in the input"


# ----------------------------------------------------------------- the time-expression normaliser

TIME_PIECES = [
    "January", "Jan.", "Sept", "December 31", "31 December", "2024", "1999", "0001", "9998", "9999", "10000",
    "last week", "next year", "the 1990s", "the 19th century", "Q3", "the third quarter", "on Monday", "yesterday",
    "tomorrow", "12/31/2024", "2/29/2023", "02/30/2024", "spring", "this winter", "a year earlier", "that day",
    "by the end of the year", "3 days ago", "in 10,000 years", "next month", "the weekend", "early 2025", "mid-March",
    "two decades ago", "1 BC", "year 0", "the first half of 2024", "now", "currently", "W52", "2024-W53", "at 6:54 am",
    "2024-11-06T25:61", "later this century", "in 9999 years", "the past 5 years", "every Monday", "daily",
]

time_text = st.lists(st.one_of(st.sampled_from(TIME_PIECES), st.sampled_from(NEWS_WORDS), st.text(max_size=12)),
                     max_size=30).map(" ".join)
anchors = st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
                    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)))


class _Failures(logging.Handler):
    """Collects the error the normaliser logs when its catch-all swallows an exception."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@PROPS
@given(text=time_text, anchor=anchors)
def test_timex_never_raises_and_stays_in_its_window(text, anchor):
    """Every expression is a real span of the text, its bounds do not cross, and they lie
    within the period its value names (and within the calendar the module can hold)."""
    timex = pytest.importorskip("storyline.annotate.timex")
    from storyline.annotate.timex_calendar import resolve_value

    failures = _Failures()
    log = logging.getLogger(timex.__name__)
    log.addHandler(failures)
    try:
        found = timex.find_timexes(text, anchor)
    finally:
        log.removeHandler(failures)
    assert not failures.records, "find_timexes hit an internal error (caught by its catch-all)"
    for t in found:
        assert 0 <= t.start <= t.end <= len(text) and text[t.start:t.end] == t.text
        assert t.type in {"DATE", "TIME", "DURATION", "SET"}
        assert t.precision in {None, "day", "week", "month", "quarter", "season", "half", "year", "decade", "century"}
        for bound in (t.earliest, t.latest):
            if bound is not None:
                dt.date.fromisoformat(bound)  # a real calendar day
        if t.earliest and t.latest:
            assert t.earliest <= t.latest, t
        if t.kind == "point" and t.precision and t.value and t.type == "DATE":
            lo, hi = resolve_value(t.value)
            assert lo is not None, t
            assert lo <= t.earliest and t.latest <= hi, t


# ----------------------------------------------------------------- the report writer

iso_day = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(dt.date.isoformat)
partial_date = st.one_of(iso_day, iso_day.map(lambda d: d[:7]), iso_day.map(lambda d: d[:4]))
opt = st.none().__or__
words = st.text(max_size=60)
names = st.lists(words, max_size=4)
count = st.integers(min_value=0, max_value=10**6)
finite = st.floats(allow_nan=False, allow_infinity=False, width=64)
json_leaf = st.one_of(st.none(), st.booleans(), st.integers(), finite, words)
json_value = st.recursive(json_leaf, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                             st.dictionaries(words, inner, max_size=3)), max_leaves=8)
precision = st.sampled_from(["day", "week", "month", "quarter", "season", "half", "year", "decade", "century", None])


def _strategies():
    from storyline import model as m

    evidence = st.builds(m.Evidence, article=words, start=count, end=count, quote=words)
    timex = st.builds(m.TimeExpr, text=words, start=count, end=count,
                      type=st.sampled_from(["DATE", "TIME", "DURATION", "SET"]), value=opt(words),
                      precision=precision, kind=st.sampled_from(["point", "range", "duration", "set", "future"]),
                      earliest=opt(iso_day), latest=opt(iso_day), relative=st.booleans())
    published = st.builds(m.Published, date=opt(iso_day), earliest=opt(iso_day), latest=opt(iso_day),
                          how=st.sampled_from(["metadata", "dateline", "html", "url", "folder", "inferred", None]),
                          evidence=opt(words))
    article = st.builds(
        m.Article, id=words, source=words, body=st.text(max_size=400), title=opt(words), standfirst=opt(words),
        outlet=opt(words), outlet_how=st.sampled_from(["metadata", "url", "text", None]), url=opt(words),
        byline=opt(words), credits=names, published=published, captions=names,
        removed=st.lists(st.builds(m.Removed, text=words, kind=words), max_size=3), format=words,
        language=opt(words), fingerprint=words)
    claim = st.builds(
        m.Claim, id=words, subject=words, text=words, article=words,
        value=st.one_of(st.none(), st.integers(), finite, st.tuples(finite, finite).map(list), words),
        unit=opt(words), date=opt(partial_date), attributed_to=opt(words), anonymous=st.booleans(),
        hedges=names, evidence=st.lists(evidence, max_size=2), outlet=opt(words), sources=count,
        single_source=st.booleans(), status=st.sampled_from(["agree", "conflict", "evolving", "single", None]),
        qualifier=opt(words))
    event = st.builds(
        m.Event, id=words, date=opt(partial_date), precision=precision, text=words, sources=names,
        evidence=st.lists(evidence, max_size=2), importance=finite, outlets=st.lists(opt(words), max_size=3),
        independent_sources=count, attributed_to=names,
        disagreement=st.lists(st.builds(m.DateVote, date=partial_date, precision=precision.filter(bool),
                                        articles=names), max_size=2),
        fulfils=names, earliest=opt(iso_day), latest=opt(iso_day))
    expectation = st.builds(
        m.Expectation, id=words, text=words, what=words, article=words,
        certainty=st.sampled_from(["announced", "expected", "possible"]), attributed_to=opt(words), bound=opt(timex),
        condition=opt(words), evidence=st.lists(evidence, max_size=2),
        status=st.sampled_from(["fulfilled", "overdue", "open"]), fulfilled_by=opt(words),
        fulfilled_date=opt(partial_date), fulfilled_sources=names, made=opt(partial_date), subject=opt(words),
        procedure=opt(words), step=opt(st.integers(1, 20)))
    comparison = st.builds(
        m.ClaimComparison, subject=words, status=st.sampled_from(["agree", "conflict", "evolving", "single"]),
        claims=names, outlets=st.lists(opt(words), max_size=3), independent_sources=count,
        anonymous_only=st.booleans(), note=words,
        values=st.lists(st.dictionaries(words, json_value, max_size=3), max_size=2),
        conflicts=st.lists(st.dictionaries(words, json_value, max_size=3), max_size=2))
    story = st.builds(
        m.Story, id=words, title=words, articles=names, keywords=names, timeline=st.lists(event, max_size=3),
        claims=st.lists(claim, max_size=2), comparison=st.lists(comparison, max_size=2),
        wire=st.lists(st.builds(m.WireGroup, articles=names, wire=opt(words), similarity=finite, how=words,
                                partial=names), max_size=2),
        coverage=st.dictionaries(words, json_value, max_size=3),
        wording=st.lists(st.dictionaries(words, json_value, max_size=3), max_size=2), summary=words,
        summary_sentences=st.lists(st.builds(m.SummarySentence, text=words, sources=names,
                                             kind=st.sampled_from(["agreed", "attributed", "contested"])), max_size=2),
        expectations=st.lists(expectation, max_size=2), first=opt(partial_date), last=opt(partial_date))
    rejection = st.builds(m.Rejection, source=words, reason=words)
    return article, story, rejection


ARTICLE, STORY, REJECTION = _strategies()


@FEW
@given(articles=st.lists(ARTICLE, max_size=3), stories=st.lists(STORY, max_size=2),
       rejected=st.lists(REJECTION, max_size=3))
def test_report_always_validates(articles, stories, rejected):
    """Whatever records the stages produce (within their types), report.json matches the
    schema, is strict JSON, and the Markdown and HTML renderers do not fail on it."""
    from storyline.report import build_report, validate, write_all

    report = build_report(articles, stories, rejected)
    validate(report)
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_all(report, Path(tmp))
        text = Path(paths["json"]).read_text("utf-8")
        json.loads(text, parse_constant=lambda c: pytest.fail(f"report.json holds {c}, which is not JSON"))
        assert sorted(os.listdir(tmp)) == ["report.html", "report.json", "report.md"]  # no temporary files left


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_report_never_writes_non_json_numbers(value, tmp_path):
    """A NaN or infinity from a computation (0/0 in a score) must not make report.json invalid JSON."""
    from storyline.model import Event, Story, WireGroup
    from storyline.report import build_report, write_all

    event = Event(id="e", date=None, precision=None, text="t", sources=[], evidence=[], importance=value)
    story = Story(id="s", title="t", articles=[], timeline=[event],
                  wire=[WireGroup(articles=[], wire=None, similarity=value)])
    paths = write_all(build_report([], [story], []), tmp_path)
    json.loads(Path(paths["json"]).read_text("utf-8"),
               parse_constant=lambda c: pytest.fail(f"report.json holds {c}, which is not JSON"))
