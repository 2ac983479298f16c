"""Is this page an article? The stage that says why a readable page is not one.

A crawl holds pages that read fine but report nothing: search results, index and section
pages, social media and image pages, bot walls, and reports in languages Storyline does not
read. Such a page must not start or join a story. :func:`not_article` looks at a cleaned
article (title, outlet, body) and returns the reason it is not an article, or None.

Precision first: a real report wrongly set aside is lost to the reader, a stray page that
gets through costs a one-article story. Each rule therefore needs a signal no report gives:

- **language**: almost none of the body's words is an English function word
  (``lists/english_markers.txt``; English prose has one in every five to six words, a page
  in another language one in a hundred or fewer), or most of its letters are of another
  script;
- **page titles**: the title names a kind of page, not a happening
  (``lists/not_article_titles.txt``: "search results", "... on Twitter", "Google Image Result");
- **index pages**: every word of the title, apart from the outlet's name, names a section
  (``lists/section_words.txt``: "World news - RT International", "NPR Search : NPR");
- **page text**: the text opens with what only such pages print (``lists/not_article_text.txt``:
  a bot wall, a forum's member panel, a player's track list).

How the rules were checked (by-hand counts, precision and recall): docs/eval-skip.md.
"""

from __future__ import annotations

import re
from functools import lru_cache

from storyline.clean.lists import entries
from storyline.model import Article

_WORD = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
# Title parts: outlets join their name to a headline with these.
_TITLE_SEP = re.compile(r"\s+[-|:\u2013\u2014\u00b7]+\s+|\s*::\s*|\s+[|\u2013\u2014]\s*|:\s+")

# Below this share of English function words a page may not be English. English reports
# measure 0.10-0.33 with lists/english_markers.txt over prose paragraphs (0.10: a short wire
# report of figures), other languages 0-0.045; English pages that are not prose (a box score,
# a recipe) go lower too, hence the second condition below (docs/eval-skip.md).
MIN_ENGLISH_SHARE = 0.05
# ... and such a page has at least this share of other languages' function words
# (lists/other_language_markers.txt): measured 0-0.005 on English pages, mostly 0.03-0.24 on others.
MIN_OTHER_SHARE = 0.02
# Fewer words than this say too little about the language (a caption-only page is left to
# the other rules and to the length check of the pipeline).
MIN_WORDS_FOR_LANGUAGE = 20
# A paragraph of fewer words is a table row, a list item or a link, not prose.
PROSE_WORDS = 8
# More than this share of letters outside the Latin script: another language whatever the words.
MAX_OTHER_SCRIPT = 0.5
# Page text cues are looked for this far into the cleaned text.
TEXT_CUE_CHARS = 300


@lru_cache(maxsize=1)
def _markers() -> frozenset[str]:
    return frozenset(entries("english_markers"))


@lru_cache(maxsize=1)
def _other_markers() -> frozenset[str]:
    return frozenset(entries("other_language_markers"))


@lru_cache(maxsize=1)
def _section_words() -> frozenset[str]:
    return frozenset(entries("section_words"))


@lru_cache(maxsize=1)
def _title_patterns() -> tuple[re.Pattern[str], ...]:
    out = []
    for e in entries("not_article_titles"):
        start, end = e.startswith("^"), e.endswith("$")
        core = re.escape(e.strip("^$").strip())
        out.append(re.compile(("^" if start else r"(?<!\w)") + core + ("$" if end else r"(?!\w)")))
    return tuple(out)


def language_reason(body: str) -> str | None:
    """Why ``body`` is not English prose, or None (also when it is too short to tell)."""
    letters = _LETTER.findall(body[:20_000])
    if letters:
        other = sum(1 for ch in letters if ch > "\u024f")  # past Latin Extended-B
        if other / len(letters) > MAX_OTHER_SCRIPT and len(letters) >= 40:
            return "not in English: most of its letters are of another script"
    # Prose only: table rows, lists of names and link lists say little about the language.
    prose = [p for p in body[:20_000].split("\n") if len(_WORD.findall(p)) >= PROSE_WORDS] or [body[:20_000]]
    words = _WORD.findall("\n".join(prose))
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return None
    lows = [w.lower() for w in words]
    markers, others = _markers(), _other_markers()
    share = sum(1 for w in lows if w in markers) / len(lows)
    other = sum(1 for w in lows if w in others) / len(lows)
    # Few English function words alone is not enough (a box score, a recipe): the words of
    # another language must be there instead.
    if share < MIN_ENGLISH_SHARE and other >= MIN_OTHER_SHARE:
        return (f"not in English: {share:.0%} of its {len(words):,} words are English function words "
                f"(English prose has {MIN_ENGLISH_SHARE:.0%} or more), {other:.0%} are those of other languages")
    return None


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").split())


def title_reason(title: str | None, outlet: str | None = None, url: str | None = None) -> str | None:
    """Why a page with this title is not an article (a kind of page, or an index), or None."""
    if not title or not title.strip():
        return None
    t = _norm(title)
    for pat in _title_patterns():
        if pat.search(t):
            return f"not an article: the title names a kind of page ({title.strip()!r})"
    # Index and section pages: nothing in the title but section words and the outlet's name.
    outlet_words = set(_WORD.findall(_norm(outlet or "")))
    if url:
        host = re.sub(r"^[a-z]+://", "", url.lower()).split("/", 1)[0]
        outlet_words.update(p for p in re.split(r"[.\-]", host) if p not in {"www", "com", "org", "net", "co", "uk"})
    sections = _section_words()
    parts = [p for p in _TITLE_SEP.split(t) if p.strip()]
    rest = []
    for p in parts:
        ws = _WORD.findall(p)
        if ws and outlet_words and all(w in outlet_words for w in ws):
            continue  # the outlet's name
        rest.extend(ws)
    if rest and len(parts) >= 2 and all(w in sections or w in outlet_words for w in rest) and any(
            w in sections for w in rest):
        return f"not an article: an index or section page ({title.strip()!r})"
    return None


# A paragraph of running text: some words, a sentence end somewhere in it, and a good share of
# its words in lower case (a headline-style lead, "Chicago Bears fire coach John Fox after 5-11
# season.", has a third). Menus, archive lists and headings have none in lower case.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*(?:\s|$)")
PROSE_MIN_WORDS = 8
PROSE_LOWER_SHARE = 0.25


def _running_text(paragraph: str) -> bool:
    words = paragraph.split()
    if len(words) < PROSE_MIN_WORDS or not _SENTENCE_END.search(paragraph.strip()):
        return False
    return sum(w[:1].islower() for w in words) >= PROSE_LOWER_SHARE * len(words)


def text_reason(body: str) -> str | None:
    """Why a page whose cleaned text is ``body`` is not an article, or None."""
    head = _norm(body[:TEXT_CUE_CHARS * 2])[:TEXT_CUE_CHARS]
    for cue in entries("not_article_text"):
        if cue in head:
            return f"not an article: its text is a page's furniture ({cue!r})"
    if body.strip() and not any(_running_text(p) for p in body.split("\n")):
        # a page of headings, menus and archive lists ("INSIGHTS MONTHLY MAGAZINES", "Archives
        # Select Month January 2018 December 2017 ...") under an article's title
        return "not an article: its text has no sentence of running text (headings, menus, lists)"
    return None


def not_article(article: Article) -> str | None:
    """The reason ``article`` is not a news article (one line), or None when it may be one."""
    return (title_reason(article.title, article.outlet, article.url)
            or text_reason(article.body)
            or language_reason(article.body))
