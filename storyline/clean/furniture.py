"""Page furniture that survives extraction inside whole paragraphs.

Extractors (news-please, trafilatura) cut a page down to its article block, but the block
often holds widgets the page placed inside it, each flattened into one paragraph: a sign-up
form ("Please verify you're not a robot ... Invalid email address"), a video player
("JUST WATCHED ... Replay More Videos"), a "MOST READ" box of other stories' headlines, a
photo gallery ("34 show all UK news in pictures"), a graphic's labels (a long run of
capitalised names), a caption with its credit in front ("EPA Police cordon off the square"),
a correction note, a tip line ("Do you have a story? Email us at ..."). None is the article;
some would become timeline events. Each is found by the shape of the paragraph and by
phrases that only page chrome uses (``lists/page_chrome.txt``, ``lists/page_pointers.txt``),
never by site.

:func:`furniture_kind` says what a paragraph is (None for article text);
:func:`split_trailing_credit` cuts a wire agency's "(Editing by ...)" off a paragraph's end.
"""

from __future__ import annotations

import re
from functools import lru_cache

from storyline.clean.lists import entries
from storyline import words as wordlists

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_SENTENCES = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+")
_CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.]+|https?://\S+|\bwww\.\S+|(?:\bcall\b|\btel\b|\bphone\b)\s*:?\s*\+?\d[\d ()-]{6,}\d", re.I)
_STOP = wordlists.words("prose_stopwords")


@lru_cache(maxsize=None)
def _phrases(name: str) -> re.Pattern[str]:
    # Straight and curly apostrophes are one letter here: lists write the straight one.
    alts = sorted((re.escape(p.replace("’", "'")).replace("'", "['’]") for p in entries(name)), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(alts) + r")(?![\w])", re.I)


def _words(s: str) -> list[str]:
    return _WORD.findall(s)


def _chrome(s: str) -> str | None:
    """"chrome" when every sentence of ``s`` is page chrome, or a pointer to the page itself
    ("Media playback is unsupported on your device") opens it; else None.

    A chrome phrase inside a sentence of news ("thousands sign up for the race") is not
    enough: the phrase must open the paragraph, or two sentences must carry such phrases,
    and no sentence of more than three words may be free of them.
    """
    pointers = _phrases("page_pointers")
    if pointers.match(s.lstrip(" •*-–—[(")):
        return "chrome"
    chrome = _phrases("page_chrome")
    hits = 0
    for sent in _SENTENCES.split(s):
        if chrome.search(sent) or pointers.search(sent) or _CONTACT.search(sent):
            hits += 1
        elif len(_words(sent)) > 3:
            return None
    # One phrase alone ("Sign up for a free account") may be an article's own advice: only
    # a short line opening with it is a prompt.
    opens = chrome.match(s.lstrip(" •*-–—[(")) is not None and len(_words(s)) <= 8
    return "chrome" if hits and (hits >= 2 or opens) else None


# A box of other stories: its heading run into the headlines it lists. Only headings that
# cannot open a sentence of news ("Most read in ...", "Related stories"); the broader cues
# of text.py's _RELATED ("Latest", "Popular", "More") are safe only on a line of their own.
_SIDEBAR_HEAD = re.compile(
    r"^(?:(?P<mr>most\s+(?:read|popular|viewed|watched|shared)(?:\s+(?:in|on|from)\s+\w+)?)"
    r"|related\s+(?:stories|articles|news|coverage|content|links)|more\s+(?:stories|news|from\s+\w+(?:\s+\w+)?)"
    r"|(?:top|trending|latest)\s+(?:stories|news|headlines)|you\s+(?:may|might)\s+also\s+like"
    r"|recommended(?:\s+for\s+you)?|don'?t\s+miss|editor'?s\s+picks?)\s*[:»>|]?\s+(?=[\"'‘“A-Z0-9])", re.I)

_GALLERY = re.compile(r"(?:^|\s)\d{1,3}\s+show\s+all\s+(?P<title>\S.*)$", re.I)
_CORRECTION = re.compile(
    r"^\W{0,3}(?:correction\s*:|clarification\s*:|(?:this|the|an\s+earlier\s+version\s+of\s+this)\s+"
    r"(?:article|story|report|piece)\s+(?:was|has\s+been|had\s+been|is)\s+(?:amended|corrected|updated|changed|edited)\b)",
    re.I)
# "[Video: ...]", "[Read more: ...]" or a headline in brackets: five words or more, so that a
# bracketed source ("[ Engadget ]") or citation stays.
_BRACKETED = re.compile(r"^\[\s*(?:[A-Z][\w ]{0,20}:\s*\S[^\[\]]{2,200}|(?:[^\[\]\s]+\s+){4,40}[^\[\]\s]*[^\[\]\s\d])\s*\]$")
_PAREN_CREDIT = re.compile(r"^\((?:[A-Z][\w.'’-]*\s*){1,5}/\s*(?:[A-Z][\w.'’-]*\s*){1,5}\)$")
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")


def _credit_caption(s: str) -> bool:
    """"EPA Police cordon off the square", "SWNS • PA Martin Bamford survived the crash":
    a photo credit run into the caption after it (no full stop at the end, as captions go)."""
    if _TERMINAL.search(s) or len(_words(s)) > 45:
        return False
    m = _credit_prefix().match(s)
    return bool(m) and len(_words(s[m.end():])) >= 4


def photo_credit(name: str) -> bool:
    """Whether ``name`` is one of the names that credit a photograph (lists/photo_credits.txt)."""
    return bool(_phrases("photo_credits").fullmatch(name.strip()))


@lru_cache(maxsize=1)
def _credit_prefix() -> re.Pattern[str]:
    """One or more photo credits ("SWNS • PA") before a capitalised caption."""
    credits = _phrases("photo_credits").pattern
    return re.compile(r"(?:" + credits + r")(?:\s*[•·/|,]\s*(?:" + credits + r"))*\s+(?=[A-Z0-9\"“‘])", re.I)


def _label_run(s: str) -> bool:
    """A graphic's labels or a list of names flattened into a line: ten or more capitalised
    words in a row with no punctuation between them, in a line nearly free of function words."""
    words = s.split()
    run = best = 0
    for w in words:
        core = w.strip("\"'“”‘’()")
        if core[:1].isupper() and core[-1:].isalnum():
            run += 1
            best = max(best, run)
        else:
            run = 0
    if best < 10:
        return False
    stop = sum(1 for w in _words(s) if w.lower() in _STOP)
    return stop <= 0.15 * len(_words(s))


def furniture_kind(s: str, previous: str | None = None, following: str | None = None) -> str | None:
    """What page furniture the paragraph ``s`` is ("chrome", "most_read", "related", "gallery",
    "graphic", "caption", "credit", "correction"), or None when it reads as the article.

    ``previous`` and ``following`` are the neighbouring paragraphs: a gallery's title stands
    on the line before its "34 show all ..." counter.
    """
    s = s.strip()
    if not s:
        return None
    if _GALLERY.search(s):
        return "gallery"
    if following:
        g = _GALLERY.search(following.strip())
        if g and _words(g.group("title"))[: len(_words(s))] == _words(s):
            return "gallery"
    head = _SIDEBAR_HEAD.match(s)
    if head and len(re.findall(r"[.!?](?:\s|$)", s[head.end():])) <= 1 and len(_words(s)) >= 6:
        return "most_read" if head.group("mr") else "related"
    if _BRACKETED.match(s):
        return "related"  # "[Video: ...]", "[Graphic: ...]": an editor's link to another item
    if _CORRECTION.match(s):
        return "correction"
    if _PAREN_CREDIT.match(s):
        return "credit"
    kind = _chrome(s)
    if kind:
        return "caption" if re.search(r"\b(?:image|media)\s+caption\b|\btoggle\s+caption\b", s, re.I) else kind
    if re.match(r"^image\s+copyright\b", s, re.I) or re.search(r"\bimage\s+caption\b", s, re.I) and len(_words(s)) <= 45:
        return "caption"
    if _credit_caption(s):
        return "caption"
    if _label_run(s):
        return "graphic"
    return None


# "(Reporting by Jane Roe; Editing by John Doe)" closing wire copy, often run into the last paragraph.
_TRAILING_CREDIT = re.compile(
    r"\s*\((?:(?:additional\s+)?reporting|writing|editing|compiled|produced|graphics?)\s+by\b[^()]{2,400}\)?\s*$", re.I)


def split_trailing_credit(s: str) -> tuple[str, str] | None:
    """(text, credit) when a paragraph ends with a wire agency's credit in brackets."""
    m = _TRAILING_CREDIT.search(s)
    if not m or m.start() == 0 or len(_words(s[: m.start()])) < 4:
        return None
    return s[: m.start()].rstrip(), s[m.start():].strip()
