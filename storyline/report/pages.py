"""The report as pages: an index (``report.html``) and one page per story (``stories/<id>.html``).

A single report.html holding every story and every article grows with the crawl (5 MB and
hundreds of thousands of pixels for 200 articles); a reader wants the list of stories first
and one story at a time. Each page here is self-contained like the single report (inline
style and script allowed by hash, no network), so the folder can be zipped, mailed or
opened from a USB stick, and pages link to each other by relative paths.

Which layout a run gets: :func:`choose_layout`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from markupsafe import Markup

from storyline.report.html import (ReportLinks, _report_env, article_view, asset, cited_spans, csp_hash, dom_id,
                                   published_sort_key, story_view)

# A run this small reads well as one page (the five seed articles make ~150 KB); beyond it
# the single page is the one the issue measured at 5 MB, so the index and story pages are used.
SINGLE_FILE_MAX_ARTICLES = 30
SINGLE_FILE_MAX_STORIES = 5
STORY_FOLDER = "stories"


def choose_layout(report: dict[str, Any], layout: str = "auto") -> str:
    """``single`` or ``pages``. ``auto`` keeps the single page for a small run (at most
    SINGLE_FILE_MAX_ARTICLES articles in at most SINGLE_FILE_MAX_STORIES stories)."""
    if layout in ("single", "pages"):
        return layout
    small = (len(report.get("articles") or []) <= SINGLE_FILE_MAX_ARTICLES
             and len(report.get("stories") or []) <= SINGLE_FILE_MAX_STORIES)
    return "single" if small else "pages"


def story_file(story_id: str) -> str:
    """The file name of a story's page: its id when that is a safe file name, else a slug
    of it with a hash (ids come from the store, but a file name must never climb folders)."""
    slug = dom_id("s", story_id)[2:]
    return ("_" + slug[1:] if slug.startswith(".") else slug) + ".html"


class StoryPageLinks(ReportLinks):
    """Links from one story's page: its own events and articles are anchors on the page;
    other stories are sibling files."""

    def __init__(self, story_id: str):
        self.story_id = story_id

    def story(self, story_id: str) -> str:
        if story_id == self.story_id:
            return "#" + dom_id("s", story_id)
        return story_file(story_id)


class IndexLinks(ReportLinks):
    """Links from the index: stories live in the stories folder."""

    def story(self, story_id: str) -> str:
        return f"{STORY_FOLDER}/{story_file(story_id)}"


def _csp(css: str, js: str) -> str:
    return (f"default-src 'none'; style-src {csp_hash(css)}; script-src {csp_hash(js)}; "
            "img-src data:; base-uri 'none'; form-action 'none'")


def _first_sentence(story: dict[str, Any]) -> str:
    """The summary's first sentence, for the index (the full summary is on the story page)."""
    sentences = story.get("summary_sentences") or []
    if sentences and isinstance(sentences[0], dict) and sentences[0].get("text"):
        return str(sentences[0]["text"])
    text = (story.get("summary") or "").strip()
    m = re.match(r"(.{20,}?[.!?])(?:\s|$)", text)
    return m.group(1) if m else text[:240]


def index_entry(view: dict[str, Any]) -> dict[str, Any]:
    """One line of the index: title, counts, span, outlets and the summary's first sentence."""
    story = view["story"]
    return {"id": story["id"], "title": story.get("title") or "Untitled story", "href": IndexLinks().story(story["id"]),
            "n_articles": len(story.get("articles") or []), "n_outlets": view["n_outlets"],
            "n_unknown": view["n_unknown"], "n_events": view["n_events"], "span": view["span"],
            "outlets": view["outlets"], "summary": _first_sentence(story)}


def render_pages(report: dict[str, Any]) -> dict[str, str]:
    """Every page of the report as {relative path: html}: ``report.html`` (the index) and
    ``stories/<id>.html`` per story, each with the story's own articles."""
    css, js = asset("storyline.css"), asset("storyline.js")
    common = {"inline_css": Markup(css), "inline_js": Markup(js), "csp": _csp(css, js), "standalone": True}
    env = _report_env()
    arts = {a["id"]: a for a in report.get("articles") or []}
    stories = report.get("stories") or []
    views = [story_view(s, arts) for s in stories]
    pages: dict[str, str] = {}
    for v in views:
        story = v["story"]
        members = sorted((arts[a] for a in story.get("articles") or [] if a in arts),
                         key=lambda a: (published_sort_key(a), a["id"]))
        colours = {o["name"]: o["colour"] for o in v["outlets"]}  # the same colour as in the story's views
        articles = []
        for a in members:
            view = article_view(a, cited_spans([story], a["id"]), colours)
            view["story"] = story
            articles.append(view)
        pages[f"{STORY_FOLDER}/{story_file(story['id'])}"] = env.get_template("story_page.html").render(
            v=v, articles=articles, report=report, links=StoryPageLinks(story["id"]), page=False, **common)
    in_story = {aid for s in stories for aid in s.get("articles") or []}
    loose = [article_view(a, []) for a in sorted(arts.values(), key=lambda a: (published_sort_key(a), a["id"]))
             if a["id"] not in in_story]
    entries = sorted((index_entry(v) for v in views), key=lambda e: (-e["n_articles"], -e["n_outlets"], e["title"]))
    pages["report.html"] = env.get_template("index.html").render(
        entries=entries, report=report, n_articles=len(arts), loose=loose,
        rejected=report.get("rejected") or [], links=IndexLinks(), **common)
    return pages


def write_pages(report: dict[str, Any], out: Path, write) -> str:
    """Write the index and story pages into ``out`` with ``write(path, text)``; remove story
    pages left by an earlier run whose stories no longer exist. Returns the index's path."""
    pages = render_pages(report)
    for rel, text in pages.items():
        write(out / rel, text)
    folder = out / STORY_FOLDER
    keep = {Path(rel).name for rel in pages if rel.startswith(STORY_FOLDER + "/")}
    if folder.is_dir():
        for old in folder.glob("*.html"):
            if old.name not in keep and old.is_file() and not old.is_symlink():
                old.unlink()
    return str(out / "report.html")


def remove_pages(out: Path) -> None:
    """A single-file run removes story pages an earlier run left, so no stale page is linked to."""
    folder = out / STORY_FOLDER
    if folder.is_dir():
        for old in folder.glob("*.html"):
            if old.is_file() and not old.is_symlink():
                old.unlink()
        try:
            folder.rmdir()
        except OSError:  # something else lives there: leave it
            pass
