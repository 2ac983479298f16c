"""Boilerplate removal for plain text as scraped (no markup to tell article from page).

A scraped page flattens everything to lines: the headline, a date line, a byline, photo
captions, the article, credits, and page furniture (addresses, donation appeals, "Related"
link lists, teasers for other stories, share prompts). This module sorts the lines with
general signals only, never with knowledge of particular sites:

* cue phrases common across news sites ("Related", "Most Read", "Dear readers",
  "Photo:", "contributed reporting", "2 days ago", "Share this article");
* shape: length, terminal punctuation, stop-word density, list bullets, runs of short
  lines without punctuation (link lists and teasers);
* position: furniture clusters before the first and after the last prose paragraph;
* repetition: a line printed twice is page furniture or a duplicate.

It also repairs what scraping broke: a sentence split across lines ("Draft law No." /
"740196-8 was posted ...") is joined, and a caption fused to the next sentence without a
space ("... News AgencyThus, the ...") is split, the caption going to ``captions``.

Every line leaves the body for a reason: ``TextParts.removed`` holds each removed piece with
its kind, so nothing disappears silently. With ``structured=True`` (text already extracted
from HTML, or given by news-please) only obvious furniture is removed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from storyline.clean.dates import is_dateline
from storyline.clean.furniture import furniture_kind, photo_credit, split_trailing_credit
from storyline.clean.outlet import outlet_from_sign_off, outlet_from_text
from storyline.model import Removed
from storyline import words as wordlists


@dataclass(slots=True)
class TextParts:
    """What :func:`clean_text` found in one text."""

    title: str | None = None
    standfirst: str | None = None
    dateline: str | None = None
    date: str | None = None
    byline: str | None = None
    outlet: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)


@dataclass(slots=True)
class _Line:
    text: str
    gap: bool = False  # a blank line before it: a paragraph or block boundary
    kind: str | None = None  # None while it is body


# --------------------------------------------------------------------------- lexicons

_STOP = wordlists.words("prose_stopwords")

# Words after which a sentence cannot end: a line ending with one was cut mid-sentence.
_DANGLING = wordlists.words("dangling_words")

_ABBREV = wordlists.words("abbreviations")
_HONORIFIC = wordlists.words("honorifics")

# Wire agencies and the name each is credited under.
_AGENCIES = wordlists.table("wire_credits")
_AGENCY_ALT = "|".join(sorted((re.escape(k) for k in _AGENCIES), key=len, reverse=True))

_SECTIONS = wordlists.words("section_names")

_BULLET = re.compile(r"^\s*(?:[-–—•·*▪►▸»>]|\d{1,2}[.)])\s+")
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")

_RELATED = re.compile(r"^(?:" + wordlists.alternation("related_link_heads") + r")\s*[:»>|\-–—.]*$", re.I)
_RELATED_INLINE = re.compile(
    r"^(?:" + wordlists.alternation("related_inline_heads") + r")\s*[:|»>]\s*(?P<rest>\S.*)$", re.I)

_SHARE = re.compile(r"^(?:" + wordlists.alternation("share_bar_lines") + r")\s*[:.!]?$", re.I)
_NAV = re.compile(r"^(?:" + wordlists.alternation("navigation_lines") + r")\s*[:.]?$", re.I)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b).{0,160}$|^.{0,160}\ball rights reserved\W*$", re.I)
_STAMP = re.compile(
    r"^(?:(?:updated|posted|published|last\s+updated|edited)\s*:?\s*)?(?:(?:about|over|almost|nearly)\s+)?"
    r"(?:\d{1,3}|an?|one|two|three|few)\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|"
    r"mos?|months?|y|yrs?|years?)\s+ago$|^(?:just\s+now|yesterday|today|moments\s+ago|\d{1,2}\s*[mhdw])$",
    re.I,
)

_APPEAL_HEAD = re.compile(r"^(?:" + wordlists.alternation("appeal_heads") + r")$", re.I)
_APPEAL_VOCAB = re.compile(
    r"\b(?:support\w*|donat\w*|contribut\w*|subscri\w*|journalis\w*|member\w*|fund\w*|independen\w*|"
    r"reader\w*|help|thank\w*|paywall|monthly|sign\s+up)\b", re.I)
_WE_YOU = re.compile(r"\b(?:we|our|us|ours|you|your|yours|we['’]re|we['’]ve|you['’]re)\b", re.I)
_WE = re.compile(r"\b(?:we|our|us|ours)\b", re.I)

_ADDRESS_LABEL = re.compile(
    r"^(?:(?:physical|mailing|postal|street|office|head\s+office|registered(?:\s+office)?|business|"
    r"contact|our|main)\s+)?(?:address(?:es)?|headquarters|hq|head\s+office|registered\s+office|"
    r"editorial\s+office|newsroom|contact(?:\s+us)?|visit\s+us|find\s+us)\s*:?(?:\s.{0,60})?$", re.I)
_STREET = re.compile(
    r"^(?:(?:suite|ste|unit|floor|apt)\.?\s*\w+,?\s*)?\d{1,6}[a-z]?\s+(?:[\w.'-]+\s+){0,5}"
    r"(?:" + wordlists.alternation("street_types") + r")\.?"
    r"(?:\s*,\s*(?:suite|ste|unit|floor|fl)\.?\s*\w+)?(?:\s*,.{0,40})?$", re.I)
_CITY_ZIP = re.compile(
    r"^[A-Z][\w .'-]{1,40},\s*(?:[A-Z]{2}|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+\d{5}(?:-\d{4})?$"
    r"|^.{0,40}\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$|^p\.?\s*o\.?\s+box\s+\d+.{0,40}$"
    r"|^(?:tel|phone|telephone|fax|t|f|ph)\.?\s*:?\s*\+?[\d ()./-]{7,}$|^(?:e-?mail\s*:?\s*)?[\w.+-]+@[\w-]+\.[\w.]+$"
    r"|^\+?\d[\d ()./-]{8,}\d$",
    re.I)

_CONTRIBUTED = re.compile(
    r"^(?:(?P<who>.{2,80}?)\s+contributed(?:\s+(?:to))?(?:\s+(?:this|the))?\s+(?:report(?:ing)?|story|article)\b.*"
    r"|(?:with\s+)?(?:additional\s+)?(?:reporting|writing|editing|inputs?|material|information|files)\s+"
    r"(?:by|from)\s+(?P<who2>.{2,120})"
    r"|(?:compiled|edited|written|translated|produced|prepared)\s+by\s+(?P<who3>.{2,80})"
    r"|(?:this\s+(?:article|story|report)\s+(?:was|has\s+been|is)\s+(?:originally\s+)?(?:published|syndicated|"
    r"provided|written|produced|edited)\b.*)"
    r"|(?:with|via|from|by)\s+(?P<who4>" + _AGENCY_ALT + r")(?:\s*(?:,|and|&|/)\s*(?:" + _AGENCY_ALT + r"))*)\s*[.)]?$",
    re.I,
)
_SOURCE = re.compile(r"(?:^|[\s/|(])sources?\s*:\s*(?P<src>[^.]{2,80})[.)]?$", re.I)
_AGENCY_LINE = re.compile(
    r"^[\s(\[—–-]*(?:©\s*)?(?:" + _AGENCY_ALT + r")(?:\s*(?:,|/|and|&|with|\+)\s*(?:" + _AGENCY_ALT + r"))*"
    r"(?:\s+(?:staff|reporters?|contributed|wire|news))?[\s)\]]*\.?$", re.I)
_WIRE_OPENING = re.compile(r"^[A-Z][\w .,'/-]{0,60}?\((?P<ag>" + _AGENCY_ALT + r")\)\s*[-—–:]", re.I)

_BYLINE = re.compile(r"^(?:" + wordlists.alternation("byline_openers") + r")\s+(?P<who>.{2,120})$", re.I)
_ROLE_WORDS = wordlists.words("byline_role_words")

_CAPTION_STRONG = [
    re.compile(r"(?:^|[\s.(\[|])(?:photo(?:graph)?s?|pictures?|pics?|images?|fotos?|illustrations?|graphics?|"
               r"video|footage)(?:\s+(?:credits?|courtesy|source))?\s*(?::|/|\bby\s+(?-i:[A-Z])|\bcourtesy\b)(?=\s*\S)", re.I),
    re.compile(r"\b(?:image|photo)\s+(?:source|caption)\b|\bcredit\s*(?::|\.\.\.)(?=\s*\S)", re.I),
    re.compile(r"^(?:file|file\s+photo|pool\s+photo)\s*[-–—:,]", re.I),
    re.compile(r"\([A-Z][\w.' -]{1,40}/\s*[A-Z][\w.' -]{1,40}\)\s*$"),
    re.compile(r"(?:\bvia\s+|/\s*)(?:REUTERS|AFP|AP|EPA(?:-EFE)?|Getty(?:\s+Images)?|Reuters|Shutterstock|Pool|POOL|"
               r"Bloomberg|Anadolu|XINHUA|Xinhua|TASS|SPUTNIK|Sputnik|KCNA|Yonhap|YONHAP|ANADOLU|AAP|PA)\b.{0,40}$"),
    re.compile(r"\b(?:REUTERS|AFP|EPA|Getty\s+Images|Shutterstock|AP\s+Photo|Alamy|Pool\s+Photo)\s*(?:/\s*[\w.' -]{1,40})?$"),
    re.compile(r"\b[A-Z][\w]{0,15}\s*/\s*@\w{2,30}\s*$"),
]
_CAPTION_MEDIUM = [
    re.compile(r"\((?:L|R|C|L-R|R-L|left|right|centre|center|top|bottom|front|back|from\s+left|from\s+right|"
               r"left\s+to\s+right|clockwise(?:\s+from\s+\w+)?)\)", re.I),
    re.compile(r",\s+(?:left|right|centre|center|second\s+(?:left|right))\s*,"),
    re.compile(r"\b(?:file\s+photo|in\s+this\s+(?:file\s+)?(?:photo|picture|image|handout)|pictured|photographed|"
               r"handout\s+(?:photo|picture|image)|poses?\s+for\s+(?:a\s+)?(?:photo|picture)s?|is\s+seen)\b", re.I),
    re.compile(r"@\w{2,30}\s*$"),
]
_DATE_SENTENCE = re.compile(r"[.,]\s*(?:[A-Z][a-z]+,?\s+)?(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4})\.?\s*(?=\S*$|$)")
_FUSED = re.compile(r"(?<=[a-z)\].])(?=[A-Z][a-z])")
_STARTERS = wordlists.words("sentence_starters")

# A row of a schedule or table: it starts with a figure or a date ("June 9 - Tampa, FL").
_DATA_ROW = re.compile(r"^\W*(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)", re.I)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")


# --------------------------------------------------------------------------- small tests on one line


@lru_cache(maxsize=8192)
def _words(s: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(s))


_CLOSERS = "\"'”’»)]"


def _ends_terminal(s: str) -> bool:
    """Ends like a sentence: . ! ? : ; (before closing quotes or brackets), not an ellipsis."""
    s = s.rstrip().rstrip(_CLOSERS)
    return bool(s) and s[-1] in ".!?:;" and not s.endswith("..")


def _stop_ratio(words: tuple[str, ...]) -> float:
    return sum(1 for w in words if w.lower() in _STOP) / len(words) if words else 0.0


@lru_cache(maxsize=8192)
def _is_prose(s: str) -> bool:
    """A sentence or paragraph of running text (as opposed to a headline, label or link)."""
    words = _words(s)
    if _BULLET.match(s) and len(words) < 25:
        return False
    if len(words) >= 6 and _ends_terminal(s) and not s.rstrip().endswith(":"):
        return _stop_ratio(words) >= 0.12 or len(words) >= 15
    return len(words) >= 25 and _stop_ratio(words) >= 0.25


def _headline_like(s: str) -> bool:
    words = _words(s)
    if not words or len(words) > 30 or len(s) > 250:
        return False
    if s.rstrip().endswith((".", ":", ";", ",")) and not s.rstrip().endswith("..."):
        return False
    return not s[:1].islower()


def _label_like(s: str) -> bool:
    """One to three capitalised words, no digits or sentence punctuation: a section label."""
    s = s.strip().strip(":|»›>")
    words = s.split()
    if not 1 <= len(words) <= 3 or len(s) > 40 or re.search(r"[\d.,!?;@]", s):
        return False
    return all(w[:1].isupper() or w.lower() in {"and", "of", "&", "the"} for w in words)


def _is_section(s: str) -> bool:
    s = s.strip().strip(":|»›>").strip()
    return _label_like(s) and all(w.lower() in _SECTIONS or w in {"&", "and", "of", "the"} for w in s.split())


def _norm(s: str) -> str:
    return " ".join(w.lower() for w in _words(s))


def agency_name(name: str) -> str | None:
    """The credited name of a wire agency ("Agence France-Presse" -> "AFP"), or None."""
    key = re.sub(r"\s+", " ", name.strip(" .,;:()[]—–-©").lower())
    return _AGENCIES.get(key)


def _agencies_in(s: str) -> list[str]:
    found: list[str] = []
    for m in re.finditer(r"(?<![\w-])(?:" + _AGENCY_ALT + r")(?![\w-])", s, re.I):
        text = m.group(0)
        # Short agency acronyms only count in capitals: "ap" or "pa" in prose are not agencies.
        if len(text) <= 4 and text != text.upper() and text.lower() not in {"dpa", "efe", "ria"}:
            if text.lower() not in {"xinhua", "tass"}:
                continue
        name = agency_name(text)
        if name and name not in found:
            found.append(name)
    return found


def _caption_score(s: str) -> float:
    words = _words(s)
    if not words or len(words) > 90:
        return 0.0
    score = 0.0
    for rx in _CAPTION_STRONG:
        m = rx.search(s)
        if m:
            # A cue deep inside a long sentence ("a photo by the ministry showed ...") is prose.
            tail_words = len(_words(s[m.end():]))
            at_start = m.start() == 0 or rx.pattern.startswith("^")
            if tail_words <= 12 or at_start and len(words) <= 60:
                score += 2
                break
    medium = sum(1 for rx in _CAPTION_MEDIUM if rx.search(s))
    score += medium
    if _DATE_SENTENCE.search(s):
        score += 0.5
    if re.match(r"^\d{1,3}/\d{1,3}\s", s):  # "7/30 ..." counts through a photo gallery
        score += 1
    # A slideshow's own controls and counter ("Play slideshow Getty Images 1 of 35 ..."): the
    # page around an article, never its prose; sure enough to go even from structured input.
    if re.search(r"\b(?:Play|View|Launch|Open|Start) (?:slideshow|gallery)\b", s, re.I):
        score += 3
    elif re.search(r"\b\d{1,3} of \d{1,3}(?= [A-Z])", s) and re.search(r"\b(?:slideshow|gallery|photos?)\b", s, re.I):
        score += 1
    # Captions often lack a full stop; a body sentence that says "(pictured)" has one.
    if not _ends_terminal(s) and len(words) >= 5:
        score += 1 if medium else (0.5 if ". " in s else 0)
    return score


def is_caption(s: str) -> bool:
    """Does this line read as a photo caption (with a credit, position markers, "file photo")?"""
    return _caption_score(s) >= 2


# --------------------------------------------------------------------------- the passes


def _split_lines(text: str) -> list[_Line]:
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines: list[_Line] = []
    gap = False
    for raw in text.split("\n"):
        s = _SPACES.sub(" ", raw).strip()
        if not s:
            gap = True
            continue
        lines.append(_Line(s, gap=gap))
        gap = False
    return lines


def _join_broken(lines: list[_Line]) -> list[_Line]:
    """Join a sentence that scraping split across two lines (no blank line between them)."""
    out: list[_Line] = []
    for ln in lines:
        if out and not ln.gap and _continues(out[-1].text, ln.text):
            out[-1].text = out[-1].text + " " + ln.text
            continue
        out.append(ln)
    return out


def _continues(prev: str, nxt: str) -> bool:
    if _BULLET.match(prev) or _BULLET.match(nxt):
        return False
    words = _words(prev)
    if not words:
        return False
    last = prev.split()[-1]
    first = nxt[:1]
    # "Draft law No." + "740196-8 was posted": an abbreviation cannot end a sentence here.
    if last.endswith(".") and last[:-1].lower().strip("(") in _ABBREV and len(words) >= 3:
        if first.isdigit() or first.islower():
            joined = True
        else:
            joined = last[:-1].lower() in _HONORIFIC and first.isupper()
    elif _ends_terminal(prev) or len(words) < 6:
        return False
    elif prev[-1].isalpha() and words[-1].lower() in _DANGLING and (first.isalpha() or first.isdigit()):
        joined = len(_words(nxt)) >= 2
    else:
        joined = (prev[-1] == "," or prev[-1].islower()) and first.islower()
    # Date lines and address lines are whole on their own line, whatever they end with.
    return joined and not (is_dateline(prev) or is_dateline(nxt) or _address_line(prev) or _address_line(nxt))


def _split_fused_captions(lines: list[_Line]) -> list[_Line]:
    """Split "caption. Photo credits: Some AgencyThus, the article ..." into caption and body."""
    out: list[_Line] = []
    for ln in lines:
        parts = _split_fused(ln.text)
        if parts is None:
            out.append(ln)
            continue
        caption, rest = parts
        out.append(_Line(caption, gap=ln.gap, kind="caption"))
        out.append(_Line(rest, gap=False))
    return out


# A credit run into the paragraph after it: "Photograph: Jane Roe/AP The minister said ..."
_LEAD_CREDIT = re.compile(
    r"^(?P<credit>(?:photo(?:graph)?s?|pictures?|images?|credits?)\s*:\s*"
    r"(?:[A-Z][\w.'-]*\s+){0,4}[A-Z][\w.'-]*(?:\s*\\?/\s*[A-Z][\w.'-]*(?:\s[A-Z][a-z][\w.'-]*){0,2})+)\s+(?P<rest>\S.*)$",
    re.I)


def _split_fused(s: str) -> tuple[str, str] | None:
    lead = _LEAD_CREDIT.match(s)
    if lead and _is_prose(lead.group("rest")) and len(_words(lead.group("rest"))) >= 12:
        return lead.group("credit"), lead.group("rest")
    for rx in _CAPTION_STRONG[:2]:
        for cue in rx.finditer(s):
            window_end = min(len(s), cue.end() + 80)
            candidates = [m.start() for m in _FUSED.finditer(s, cue.end(), window_end)]
            best = None
            for pos in candidates:
                rest = s[pos:]
                first = rest.split()[0].strip(",;:").lower() if rest.split() else ""
                if not _is_prose(rest) or len(_words(s[cue.end():pos])) > 10:
                    continue
                best = pos
                if first in _STARTERS:
                    break
            if best is not None:
                return s[:best].rstrip(), s[best:].lstrip()
    return None


def _mark_widgets(lines: list[_Line], parts: TextParts) -> list[_Line]:
    """Widgets flattened into whole paragraphs (sign-up forms, video players, "MOST READ"
    boxes, galleries, graphics, credit-first captions, correction notes), and a wire credit
    run into the last paragraph; see :mod:`storyline.clean.furniture`."""
    out: list[_Line] = []
    for ln in lines:
        cut = split_trailing_credit(ln.text) if ln.kind is None else None
        if cut is None:
            out.append(ln)
            continue
        out.append(_Line(cut[0], gap=ln.gap))
        out.append(_Line(cut[1], gap=False, kind="credit"))
        for name in _agencies_in(cut[1]):
            if name not in parts.credits:
                parts.credits.append(name)
    for i, ln in enumerate(out):
        if ln.kind is None:
            ln.kind = furniture_kind(ln.text, out[i - 1].text if i else None,
                                     out[i + 1].text if i + 1 < len(out) else None)
    return out


def _mark_repeated(lines: list[_Line]) -> None:
    """Later copies of a line printed twice: a duplicated paragraph, or furniture at the edges.

    Short lines repeated inside the article (list items, table headers, recipe steps) are
    content, so only long duplicates, or copies lying before the first or after the last
    prose line (where page furniture sits), are removed.
    """
    prose = [i for i, ln in enumerate(lines) if _is_prose(ln.text)]
    first, last = (prose[0], prose[-1]) if prose else (len(lines), -1)
    seen: set[str] = set()
    for i, ln in enumerate(lines):
        key = _norm(ln.text)
        # Stamps and section labels repeat in every teaser; they get their own kinds later.
        if len(key.split()) < 2 or _STAMP.match(ln.text) or _is_section(ln.text):
            continue
        if key in seen and ln.kind is None and (len(key.split()) >= 12 or i < first or i > last):
            ln.kind = "repeated"
        seen.add(key)


def _mark_appeals(lines: list[_Line]) -> None:
    i = 0
    while i < len(lines):
        ln = lines[i]
        if ln.kind is None and len(_words(ln.text)) <= 40 and _APPEAL_HEAD.match(ln.text):
            # A header alone is not enough: the block after it must read as an appeal too.
            j = i + 1
            block = [i]
            while j < len(lines) and lines[j].kind in (None, "repeated") and _appealish(lines[j].text):
                block.append(j)
                j += 1
            if len(block) > 1 or _APPEAL_VOCAB.search(ln.text):
                for k in block:
                    lines[k].kind = "appeal"
                i = j
                continue
        i += 1


def _appealish(s: str) -> bool:
    if _APPEAL_HEAD.match(s):
        return True
    we_you = len(_WE_YOU.findall(s))
    return (we_you >= 1 and bool(_APPEAL_VOCAB.search(s))) or len(_WE.findall(s)) >= 2


def _mark_related(lines: list[_Line], structured: bool) -> None:
    i = 0
    while i < len(lines):
        ln = lines[i]
        if ln.kind is not None:
            i += 1
            continue
        m = _RELATED.match(ln.text)
        inline = _RELATED_INLINE.match(ln.text) if not m else None
        if inline and not (_headline_like(inline.group("rest")) and len(_words(inline.group("rest"))) <= 25):
            inline = None
        if not m and not inline:
            i += 1
            continue
        kind = "most_read" if m and m.group("mr") else "related"
        ln.kind = kind
        if inline:  # "Read more: <headline>" carries its own link; the next line is not part of it
            i += 1
            continue
        j = i + 1
        taken = 0
        while j < len(lines) and taken < 40:
            nxt = lines[j]
            if nxt.kind is not None and nxt.kind not in ("repeated",):
                if nxt.kind in ("timestamp", "section_label", "teaser"):
                    j += 1
                    continue
                break
            # A box's label ending in a colon ("Top Deals:") heads its links even when a flat
            # text ran them into one long line with no full stop between them.
            run_on = ln.text.rstrip().endswith(":") and taken == 0 and not _ends_terminal(nxt.text)
            if not (run_on or _link_like(nxt.text, structured)):
                break
            nxt.kind = kind
            taken += 1
            j += 1
        i = j


def _link_like(s: str, structured: bool) -> bool:
    words = _words(s)
    if not words:
        return False
    if _BULLET.match(s):
        return len(words) <= 30
    if structured:
        return _headline_like(s) and len(words) <= 20
    if len(words) > 30:
        return False
    return not (_is_prose(s) and len(words) > 12)


def _mark_furniture_cues(lines: list[_Line], structured: bool) -> None:
    n = len(lines)
    for i, ln in enumerate(lines):
        if ln.kind is not None:
            continue
        s = ln.text
        words = _words(s)
        if _STAMP.match(s):
            ln.kind = "timestamp"
        elif len(words) <= 14 and _SHARE.match(s) and not (_is_prose(s) and len(words) > 8):
            ln.kind = "share_prompt"
        elif len(words) <= 20 and _COPYRIGHT.match(s):
            ln.kind = "nav"
        elif len(words) <= 12 and _NAV.match(s) and not _is_prose(s):
            # Bare one-word chrome ("Image", "Video") only at the edges of structured text.
            if structured and len(words) <= 1 and 2 < i < n - 3:
                continue
            ln.kind = "nav"
    # Addresses: a run of address-shaped lines, or a labelled one.
    i = 0
    while i < n:
        j = i
        while j < n and lines[j].kind in (None, "repeated") and _address_line(lines[j].text):
            j += 1
        run = lines[i:j]
        if run and (len(run) >= 2 or _ADDRESS_LABEL.match(run[0].text)):
            for ln in run:
                if ln.kind is None:
                    ln.kind = "address"
        i = max(j, i + 1)


def _address_line(s: str) -> bool:
    if len(_words(s)) > 12 or _ends_terminal(s) and not re.search(r"\b(?:st|ave|rd|blvd|dr|ln|ct)\.$", s, re.I):
        return False
    return bool(_ADDRESS_LABEL.match(s) and len(_words(s)) <= 6 or _STREET.match(s) or _CITY_ZIP.match(s))


def _mark_labels_and_teasers(lines: list[_Line], structured: bool) -> None:
    n = len(lines)

    def near_stamp(i: int) -> bool:
        for j in (i - 1, i + 1):
            if 0 <= j < n and lines[j].kind == "timestamp":
                return True
        return False

    for i, ln in enumerate(lines):
        if ln.kind is None and _label_like(ln.text) and (near_stamp(i) or _is_section(ln.text) and _next_is(lines, i, "timestamp", 2)):
            ln.kind = "section_label"
    if structured:
        return
    # A teaser for another story: headline, maybe a dek, maybe a section label, then a stamp.
    for i, ln in enumerate(lines):
        if ln.kind != "timestamp":
            continue
        j = i - 1
        while j >= 0 and lines[j].kind == "section_label":
            j -= 1
        taken = 0
        while j >= 0 and taken < 2 and lines[j].kind is None:
            s = lines[j].text
            words = _words(s)
            if len(words) > 40 or len(s) > 300 or (taken == 1 and not _headline_like(s)):
                break
            if taken == 0 and _ends_terminal(s) and len(words) > 30:
                break
            lines[j].kind = "teaser"
            taken += 1
            # A headline without a dek: stop if the line above is body text.
            if j == 0 or _is_prose(lines[j - 1].text):
                break
            j -= 1
        if taken:
            for k in range(j + 1, i + 1):
                if lines[k].kind in ("section_label", "timestamp"):
                    lines[k].kind = "teaser"


def _next_is(lines: list[_Line], i: int, kind: str, within: int) -> bool:
    return any(lines[j].kind == kind for j in range(i + 1, min(len(lines), i + 1 + within)))


def _mark_credits(lines: list[_Line], parts: TextParts) -> None:
    for ln in lines:
        if ln.kind is not None:
            continue
        s = ln.text
        words = _words(s)
        if len(words) > 25:
            continue
        found: list[str] = []
        if _AGENCY_LINE.match(s):
            found = _agencies_in(s) or [s.strip(" .()[]—–-")]
        else:
            m = _CONTRIBUTED.match(s)
            src = _SOURCE.search(s) if not m and len(words) <= 14 else None
            if m:
                who = next((m.group(g) for g in ("who", "who2", "who3", "who4") if m.group(g)), "") or ""
                found = _agencies_in(who) or _agencies_in(s)
            elif src:
                found = _agencies_in(src.group("src"))
                if not found:
                    names = [x.strip() for x in re.split(r",|;| and |/", src.group("src")) if x.strip()]
                    found = [x for x in names if x[:1].isupper() and len(_words(x)) <= 5]
            else:
                continue
        ln.kind = "credit"
        for name in found:
            if name not in parts.credits:
                parts.credits.append(name)


def _signed_by(credit_lines) -> str | None:
    """The outlet that signs the copy in a credit line ("teleSUR/ JF Source: EFE" -> teleSUR),
    unless a part of the sign-off is a wire agency: then it is the wire's credit."""
    for line in credit_lines:
        found = outlet_from_sign_off(line)
        if not found or len(line.split()) > 10:
            continue
        parts = [found[0]] + [x for x in re.split(r"[-,/\s]+", found[1]) if x]
        # a wire or a photo agency in it makes it a credit ("Getty Images/ AB"), not a sign-off
        if not any(agency_name(x) or photo_credit(x) for x in parts):
            return found[0]
    return None


# A photo gallery flattened to text, one line per photo, its counter at the start ("3/30 Title
# Caption Credit") or at the end, after the gallery's button ("Photos: Celebrity splits Kris
# Jenner filed for divorce ... Hide Caption 39 of 59") or alone ("... 4 of 12").
_GALLERY = re.compile(r"^(?P<n>\d{1,3})\s?/\s?(?P<of>\d{1,3})\s+\S")
_GALLERY_END = re.compile(r"(?:\b(?P<button>" + wordlists.alternation("caption_toggles") + r")\s+caption\s+)?"
                          r"\b(?P<n>\d{1,3})\s+of\s+(?P<of>\d{1,3})\s*$", re.I)
GALLERY_LINES = 3  # lines counting up to one total that make a gallery


def _mark_gallery(lines: list[_Line], find) -> None:
    """Lines of one gallery: three or more counting to the same total, or any with the button."""
    found = [(ln, m) for ln in lines if (m := find(ln.text)) and int(m["n"]) <= int(m["of"])]
    totals = Counter(m["of"] for _, m in found)
    for ln, m in found:
        if ln.kind is None and ("button" in m.groupdict() and m["button"] or totals[m["of"]] >= GALLERY_LINES):
            ln.kind = "caption"


def _mark_captions(lines: list[_Line], structured: bool) -> None:
    _mark_gallery(lines, _GALLERY.match)
    _mark_gallery(lines, _GALLERY_END.search)
    for ln in lines:
        if ln.kind is not None:
            continue
        s = ln.text
        score = _caption_score(s)
        if score < 2:
            continue
        # Extracted HTML often keeps a caption as part of the article; only sure ones go.
        if structured and (len(_words(s)) > 60 or score < 3):
            continue
        ln.kind = "caption"


def _meta_segments(s: str) -> list[str]:
    return [p.strip() for p in re.split(r"\s+[|•·]\s+|\s*\|\s*|\s+[—–]\s+(?=[A-Za-z])", s) if p.strip()]


def _byline_of(s: str) -> str | None:
    m = _BYLINE.match(s.strip())
    if not m:
        return None
    who = m.group("who").strip(" ,;:")
    words = who.replace(",", " , ").split()
    if not words or len(words) > 12 or _ends_terminal(who) and not re.search(r"\b[A-Z]\.$", who):
        return None
    for w in words:
        if w == ",":
            continue
        bare = w.strip(".,'’()")
        if not bare:
            continue
        if not (bare[:1].isupper() or bare.lower() in _ROLE_WORDS):
            return None
    return who


def _mark_meta(lines: list[_Line], parts: TextParts, structured: bool) -> None:
    """Date lines, bylines, and lines made only of such pieces ("By X | Reuters | 6 Nov 2024")."""
    first_prose = next((i for i, ln in enumerate(lines) if ln.kind is None and _is_prose(ln.text)), len(lines))
    last_prose = max((i for i, ln in enumerate(lines) if ln.kind is None and _is_prose(ln.text)), default=-1)
    for i, ln in enumerate(lines):
        if ln.kind is not None:
            continue
        s = ln.text
        if len(s) > 200:
            continue
        edge = i < max(first_prose, 8) or i > last_prose
        if structured:
            edge = i < 5 or i >= len(lines) - 3
        segs = _meta_segments(s)
        kinds: list[tuple[str, str]] = []
        for seg in segs:
            iso = is_dateline(seg)
            who = None if iso else _byline_of(seg)
            if iso:
                kinds.append(("dateline", iso))
            elif who:
                kinds.append(("byline", who))
            elif _AGENCY_LINE.match(seg):
                kinds.append(("credit", seg))
            elif _STAMP.match(seg) or _is_section(seg):
                kinds.append(("timestamp", seg))
            else:
                kinds = []
                break
        if not kinds:
            continue
        has = {k for k, _ in kinds}
        if has <= {"credit", "timestamp"}:
            continue  # handled by the credit and stamp passes
        if "dateline" in has and not (edge or "byline" in has):
            continue  # a date alone mid-article is a subhead in a chronology, not page furniture
        for k, v in kinds:
            if k == "dateline" and parts.date is None:
                parts.date, parts.dateline = v, s
            elif k == "byline" and parts.byline is None:
                who = v
                ags = _agencies_in(who)
                if ags and len(_words(who)) > len(" ".join(ags).split()):
                    who = re.sub(r"[,;/]?\s*(?:" + _AGENCY_ALT + r")\s*$", "", who, flags=re.I).strip(" ,;")
                parts.byline = who
                for a in ags:
                    if a not in parts.credits:
                        parts.credits.append(a)
            elif k == "credit":
                for a in _agencies_in(v):
                    if a not in parts.credits:
                        parts.credits.append(a)
        ln.kind = "dateline" if "dateline" in has else "byline"


def _mark_edges(lines: list[_Line], parts: TextParts, title: str | None, structured: bool) -> None:
    """Title, standfirst and page furniture before the first and after the last prose line."""
    body = [i for i, ln in enumerate(lines) if ln.kind is None]
    if not body:
        return
    if title:
        key = _norm(title)
        for i in body[:4]:
            if _norm(lines[i].text) == key:
                lines[i].kind = "title"
                break
    prose = [i for i in body if lines[i].kind is None and _is_prose(lines[i].text)]
    if not prose:
        if parts.title is None and not structured:
            first = body[0]
            if _headline_like(lines[first].text) and len(body) > 1:
                lines[first].kind = "title"
                parts.title = lines[first].text
        return
    first, last = prose[0], prose[-1]
    head = [i for i in body if i < first and lines[i].kind is None]
    tail = [i for i in body if i > last and lines[i].kind is None]
    if parts.title is None and head and not structured:
        i = head[0]
        s = lines[i].text
        if _headline_like(s) and (len(_words(s)) >= 3 or not _label_like(s)):
            lines[i].kind = "title"
            parts.title = s
            head = head[1:]
    if structured:
        # Trafilatura and news-please already cut the page down: only strip edge labels.
        for i in head + tail:
            if _is_section(lines[i].text):
                lines[i].kind = "section_label"
        return
    for i in head:
        s = lines[i].text
        n_words = len(_words(s))
        if _label_like(s):
            lines[i].kind = "section_label" if _is_section(s) else "nav"
        elif n_words >= 6 and not _BULLET.match(s) and parts.standfirst is None and not s.endswith(":"):
            lines[i].kind = "standfirst"
            parts.standfirst = s
        elif n_words <= 5 and _headline_like(s) and not _BULLET.match(s):
            lines[i].kind = "nav"
        # Anything longer stays: a list or a subhead before the first paragraph is content.
    _mark_tail(lines, tail, last)


def _mark_tail(lines: list[_Line], tail: list[int], last: int) -> None:
    """After the last paragraph: a run of headline-shaped lines is a link list.

    A list the article itself introduces ("Tour dates:", a line ending with a colon) is
    content, and so are lines full of figures (tables, schedules, results).
    """
    for i in tail:
        if _is_section(lines[i].text):
            lines[i].kind = "section_label"
    tail = [i for i in tail if lines[i].kind is None]
    if not tail:
        return
    intro = next((lines[j].text for j in range(tail[0] - 1, -1, -1) if lines[j].kind is None), "")
    if intro.rstrip().endswith(":") or any(lines[i].text.rstrip().endswith(":") for i in tail):
        return
    links = [i for i in tail if _tail_link(lines[i].text)]
    if len(links) >= 2 and len(links) >= 0.7 * len(tail):
        for i in tail:
            lines[i].kind = "related" if i in links else "nav"
    elif len(tail) == 1 and _label_like(lines[tail[0]].text):
        lines[tail[0]].kind = "nav"


def _tail_link(s: str) -> bool:
    words = _words(s)
    if not 3 <= len(words) <= 25 or s.rstrip().endswith((":", ";", ",")):
        return False
    digits = sum(1 for w in words if any(c.isdigit() for c in w))
    if digits > 0.2 * len(words) or "http" in s or _DATA_ROW.match(s):
        return False
    if _BULLET.match(s):
        return True
    return _headline_like(s) and not s.rstrip().endswith(".")


def _mark_restated_standfirst(lines: list[_Line], parts: TextParts) -> None:
    """A one-sentence opening paragraph restated later in the article is a standfirst (dek)."""
    if parts.standfirst is not None:
        return
    body = [ln for ln in lines if ln.kind is None]
    if len(body) < 4:
        return
    first = body[0]
    s = first.text
    words = _words(s)
    if not 6 <= len(words) <= 35 or len(re.findall(r"[.!?](?:\s|$)", s)) > 1:
        return
    content = {w.lower() for w in words if w.lower() not in _STOP and len(w) > 2 and w.isalpha()}
    if len(content) < 4:
        return
    for other in body[1:]:
        later = {w.lower() for w in _words(other.text)}
        if len(content & later) >= 0.85 * len(content) and len(_words(other.text)) > len(words):
            first.kind = "standfirst"
            parts.standfirst = s
            return


def _note_wire_opening(lines: list[_Line], parts: TextParts) -> None:
    """"MOSCOW (Reuters) -" opens a wire story: record the agency, keep the text."""
    for ln in lines:
        if ln.kind is None:
            m = _WIRE_OPENING.match(ln.text)
            if m:
                name = agency_name(m.group("ag"))
                if name and name not in parts.credits:
                    parts.credits.append(name)
            return


# --------------------------------------------------------------------------- entry point


def clean_text(text: str, *, title: str | None = None, structured: bool = False) -> TextParts:
    """Split scraped text into title, standfirst, date line, byline, body paragraphs,
    captions and credits; everything left out of the body is in ``removed`` with its kind.

    ``title`` is a title already known (from metadata); a line repeating it is dropped.
    ``structured`` says the text was already extracted from HTML (trafilatura) or given by
    news-please: then only obvious furniture is removed and no title is guessed.
    Never raises on odd input; the worst case is an empty body.
    """
    parts = TextParts(title=title)
    if not isinstance(text, str) or not text.strip():
        return parts
    lines = _split_lines(text)
    if not structured:
        lines = _join_broken(lines)
    lines = _split_fused_captions(lines)
    lines = _mark_widgets(lines, parts)
    if not structured:
        _mark_repeated(lines)
    _mark_appeals(lines)
    _mark_furniture_cues(lines, structured)
    _mark_related(lines, structured)
    _mark_labels_and_teasers(lines, structured)
    _mark_credits(lines, parts)
    _mark_captions(lines, structured)
    _mark_meta(lines, parts, structured)
    _mark_edges(lines, parts, title, structured)
    if not structured:
        _mark_restated_standfirst(lines, parts)
    _note_wire_opening(lines, parts)

    for ln in lines:
        if ln.kind is None:
            parts.paragraphs.append(ln.text)
            continue
        if ln.kind == "caption":
            parts.captions.append(ln.text)
        parts.removed.append(Removed(ln.text, ln.kind))
    furniture = [r.text for r in parts.removed if r.kind in ("appeal", "nav", "share_prompt", "address", "credit")]
    name, _evidence = outlet_from_text(furniture)
    if name is None:
        name = _signed_by(r.text for r in parts.removed if r.kind == "credit")
    if name and agency_name(name):
        # "© 2019 The Associated Press": the wire owns the copy, the page is someone else's.
        if agency_name(name) not in parts.credits:
            parts.credits.append(agency_name(name))
        name = None
    parts.outlet = name
    return parts
