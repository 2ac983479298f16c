"""The report as pages: report.html as an index, a self-contained page per story; the single
file kept for small runs. The ~200-article crawl check is marked slow (``pytest -m slow``)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import lxml.html
import pytest
from test_web_data import sample_report

import storyline
from storyline.cli import main
from storyline.report.pages import SINGLE_FILE_MAX_ARTICLES, choose_layout, render_pages, story_file

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _links(html: str) -> list[str]:
    return lxml.html.fromstring(html).xpath("//a/@href")


def test_the_layout_follows_the_size_of_the_run_unless_asked():
    small = {"articles": [{}] * 5, "stories": [{}]}
    large = {"articles": [{}] * (SINGLE_FILE_MAX_ARTICLES + 1), "stories": [{}] * 3}
    assert choose_layout(small) == "single" and choose_layout(large) == "pages"
    assert choose_layout(small, "pages") == "pages" and choose_layout(large, "single") == "single"
    assert choose_layout({"articles": [{}] * 6, "stories": [{}] * 6}) == "pages"  # many stories, however short


def test_pages_are_an_index_and_one_self_contained_page_per_story():
    report = sample_report()
    pages = render_pages(report)
    story_pages = {f"stories/{story_file(s['id'])}" for s in report["stories"]}
    assert set(pages) == {"report.html"} | story_pages
    index = lxml.html.fromstring(pages["report.html"])
    cards = index.xpath("//li[contains(@class,'story-card')]")
    assert len(cards) == len(report["stories"])
    bridge = next(c for c in cards if "Harbour" in c.text_content())
    text = " ".join(bridge.text_content().split())
    assert "4 articles" in text and "4 outlets" in text and "events" in text  # counts
    assert "October 2031" in text or "November 2031" in text  # span
    assert "The council closed the Harbour Bridge" in text  # the summary's first line
    assert bridge.xpath(".//span[contains(@class,'badge')]")  # outlets
    for rel, html in pages.items():
        doc = lxml.html.fromstring(html)
        assert not doc.xpath("//link | //*[@src]")  # nothing fetched: style and script are inline
        csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
        assert csp and csp[0].startswith("default-src 'none'")
        for href in _links(html):  # every link is an anchor, a sibling page or an article's own URL
            if href.startswith(("http://", "https://", "#")):
                continue
            target = (Path("/r") / rel).parent / href.split("#")[0]
            assert str(target.resolve()).removeprefix("/r/") in pages, (rel, href)
    story = lxml.html.fromstring(pages[f"stories/{story_file(report['stories'][0]['id'])}"])
    ids = set(story.xpath("//@id"))
    for href in story.xpath("//a/@href"):
        if href.startswith("#"):
            assert href[1:] in ids, href  # its own articles are on its page


def test_a_story_id_never_makes_a_path_outside_the_stories_folder():
    for sid in ("../../etc/passwd", "a/b", ".hidden", "s-0543f1b65a"):
        name = story_file(sid)
        assert "/" not in name and not name.startswith(".") and name.endswith(".html")
    assert story_file("s-0543f1b65a") == "s-0543f1b65a.html"


def test_run_writes_pages_on_request_and_a_single_file_run_removes_them(tmp_path, examples_dir, capsys):
    out = tmp_path / "out"
    assert main(["run", str(examples_dir), "--out", str(out), "--quiet", "--pages"]) == 0
    pages = list((out / "stories").glob("*.html"))
    assert len(pages) == 1 and (out / "report.html").is_file()
    index = (out / "report.html").read_text("utf-8")
    assert f'href="stories/{pages[0].name}"' in index
    assert (pages[0].stat().st_mode & 0o777) == (out / "report.html").stat().st_mode & 0o777
    assert main(["run", str(examples_dir), "--out", str(out), "--quiet", "--single-file"]) == 0
    assert not (out / "stories").exists()
    assert 'class="story"' in (out / "report.html").read_text("utf-8")
    assert "report: " + str(out / "report.html") in capsys.readouterr().err


def test_no_machine_path_in_any_page(tmp_path, examples_dir):
    given = tmp_path / "in"
    shutil.copytree(examples_dir, given)
    out = tmp_path / "out"
    storyline.run([str(given.resolve())], out=out, layout="pages")
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert {a["source"] for a in report["articles"]} == {f"in/{p.name}" for p in examples_dir.glob("*.txt")}
    for page in [out / "report.html", *(out / "stories").glob("*.html")]:
        assert str(tmp_path) not in page.read_text("utf-8"), page


# ---------------------------------------------------------------------------- a ~200-article crawl


def crawl_inputs() -> list[Path]:
    """newsclusters-dev (172 news-please articles) and the five seed articles: a crawl of the size
    the issue measured. Read where they are; nothing is copied into the repository."""
    data = SHARED / "eval" / "newsclusters-dev"
    if not data.is_dir():
        pytest.skip(f"{data} not found (evaluation data is not part of the repository)")
    return [data, ROOT / "examples"]


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    out = tmp_path_factory.mktemp("crawl") / "out"
    result = storyline.run([str(p) for p in crawl_inputs()], out=out)
    return result, out


@pytest.mark.slow
def test_a_crawl_gets_an_index_and_small_story_pages_without_raw_records_or_paths(crawl):
    result, out = crawl
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert len(report["articles"]) >= 150
    pages = sorted((out / "stories").glob("*.html"))
    assert len(pages) == len(report["stories"]) > 10
    index = (out / "report.html").read_text("utf-8")
    assert all(f'href="stories/{p.name}"' in index for p in pages)
    largest = max(p.stat().st_size for p in pages)
    assert largest < 1_000_000, largest
    for page in [out / "report.html", *pages]:
        html = page.read_text("utf-8")
        assert "/work/" not in html and str(SHARED) not in html and str(out) not in html, page
        text = " ".join(lxml.html.fromstring(html).text_content().split())
        assert not re.search(r"\boutlet: \S+; text: ", text), page  # the old raw wording records
        assert "similarity 0.00" not in text and " 0% alike" not in text, page


def _phone_page(browser, url: str):
    from browser_checks import PHONE

    context = browser.new_context(**PHONE, offline=True)
    pg = context.new_page()
    pg.errors = []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.goto(url)
    return context, pg


@pytest.fixture(scope="module")
def browser():
    from browser_checks import ARGS, CHROMIUM

    if not CHROMIUM.exists():
        pytest.skip("browser checks need Debian's chromium at /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    import os

    folder = Path(os.environ.get("STORYLINE_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.browser
def test_seed_pages_read_on_a_phone(browser, tmp_path, examples_dir, shots):
    """The pages layout of the seed run at 390 px: index and story page, nothing cut off."""
    from browser_checks import assert_nothing_cut_off

    out = tmp_path / "out"
    storyline.run([str(examples_dir)], out=out, layout="pages")
    context, pg = _phone_page(browser, (out / "report.html").resolve().as_uri())
    assert_nothing_cut_off(pg)
    pg.locator(".story-card h2 a").first.click()
    pg.wait_for_selector("ol.timeline")
    assert_nothing_cut_off(pg)
    # the wording table is a table, in its own sideways-scrolling box
    assert pg.locator("table.wording tbody tr").count() >= 2
    pg.locator("table.wording").scroll_into_view_if_needed()
    pg.screenshot(path=str(shots / "report-phone-wording.png"))
    assert pg.errors == []
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("n", [5, 300])
def test_a_timeline_of_5_or_300_events_reads_on_a_phone_and_a_laptop(browser, tmp_path, shots, n):
    """A story page whose timeline has 5 or 300 events (made up, spread over a year and a
    half, a tenth known only to the month or year): nothing cut off, chart labels inside."""
    from browser_checks import PHONE, assert_nothing_cut_off
    from test_report_html import _synthetic_events

    from storyline.report import atomic_write
    from storyline.report.pages import write_pages

    report = sample_report()
    story = report["stories"][0]
    story["timeline"] = [{**e, "sources": [story["articles"][i % len(story["articles"])]]}
                         for i, e in enumerate(_synthetic_events(n, seed=n))]
    write_pages(report, tmp_path, atomic_write)
    page = (tmp_path / "stories" / story_file(story["id"])).resolve().as_uri()
    for name, options in (("phone", {**PHONE}), ("laptop", {"viewport": {"width": 1280, "height": 900}})):
        context = browser.new_context(**options, offline=True)
        pg = context.new_page()
        pg.goto(page)
        assert pg.locator("figure.axis svg:visible").count() == 1
        assert_nothing_cut_off(pg)
        assert (pg.locator("figure.axis svg:visible rect.bar").count() > 0) == (n == 300)
        pg.locator("figure.axis").scroll_into_view_if_needed()
        pg.screenshot(path=str(shots / f"chart-{n}-{name}.png"))
        context.close()


@pytest.mark.slow
@pytest.mark.browser
def test_crawl_pages_read_on_a_phone_and_a_laptop(crawl, browser, tmp_path):
    """The index and the biggest story of the crawl at 390 px and at 1280 px: nothing cut
    off, chart labels inside the chart. Screenshots stay in a temporary folder: they show the
    crawl's articles, which are not the project's to publish."""
    from browser_checks import assert_nothing_cut_off

    shots = tmp_path

    _, out = crawl
    report = json.loads((out / "report.json").read_text("utf-8"))
    biggest = max(report["stories"], key=lambda s: len(s["articles"]))
    most_events = max(report["stories"], key=lambda s: len(s.get("events") or []))
    context, pg = _phone_page(browser, (out / "report.html").resolve().as_uri())
    assert_nothing_cut_off(pg)
    pg.screenshot(path=str(shots / "crawl-index-phone.png"))
    for story in {biggest["id"]: biggest, most_events["id"]: most_events}.values():
        pg.goto((out / "stories" / story_file(story["id"])).resolve().as_uri())
        pg.wait_for_selector("section.story")
        assert_nothing_cut_off(pg)
        if pg.locator("figure.axis").count():
            pg.locator("figure.axis").scroll_into_view_if_needed()
            pg.screenshot(path=str(shots / "crawl-story-phone-chart.png"))
    assert pg.errors == []
    context.close()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, offline=True)
    pg = context.new_page()
    pg.goto((out / "report.html").resolve().as_uri())
    pg.screenshot(path=str(shots / "crawl-index.png"))
    pg.goto((out / "stories" / story_file(most_events["id"])).resolve().as_uri())
    assert_nothing_cut_off(pg)
    pg.screenshot(path=str(shots / "crawl-story.png"))
    context.close()
