"""Text that carries figures but states no claim, so the claim extractor can pass it by.

Cleaned bodies still hold some page furniture, and prose holds numbers that are not
quantities anyone reports:

* **reader comments** ("At 10:14 am on 28 May 2010, jdoe77 wrote: ..."): from the first
  comment header on, the rest of the article is readers, not the outlet;
* **navigation and headline furniture**: runs of capitals ("NEXT 26 MAY - 29 MAY: TOP
  KILL ..."), slide counters ("{current} of {total}");
* **tables, instructions and sums**: imperative lines ("Deploy 2,500 boats ..."), lines
  that are mostly numbers, arithmetic ("8-10 trips x 2,500 boats = ...");
* **numbers that name or order rather than count**: model and product numbers ("a Farr
  40 yacht", "the Dow Jones 30"), ordinals ("9th"), clock times ("10:14"), ages ("aged 45",
  "Jane Roe, 45,"), partitives ("one of the victims");
* **names and codes with digits in them**: "5G", "G20", "F-15K", "COVID-19", "9/11", the
  emergency number in "911 calls", the slogan's "the 1%": a digit glued to letters, or a
  number that names a service or a group, never a quantity;
* **captions and picture credits** ("Image copyright AFP Image caption ...").

Each test is a plain function of text or parsed tokens, so it can be checked on its own.
"""

from __future__ import annotations

import re

from storyline.annotate.stored import doc_text
from storyline.compare.words import words
from storyline import words as wordlists

# A reader-comment header: an optional time stamp, a user name, "wrote:".
COMMENT_HEADER = re.compile(
    r"^[ \t]*(?P<stamp>At\s+\d{1,2}[:.]\d{2}\s*[ap]\.?m\.?\s+on\s+[^,\n]{3,30},\s*)?"
    r"(?P<user>[\w.\-]{2,40})\s+wrote\s*:", re.I | re.M)
# Comment-board furniture: "Posted by: jdoe | June 17, 2010 1:49 PM | Report abuse".
BOARD_LINE = re.compile(r"Posted by:?\s*[\w.\-]{2,40}\s*\||\|\s*Report abuse\b|\bRecommend\?\s*\(\d+\)", re.I)
SLIDE_COUNTER = re.compile(r"[{(\[]\s*current\s*[})\]]\s*of\s*[{(\[]\s*total\s*[})\]]|-LCB-\s*current", re.I)
ARITHMETIC = re.compile(r"\d\s*\)?\s*[x×*]\s*\d|\d[^=\n]{0,40}\s=\s*(?:approx|about|\d)", re.I)
CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\b|GMT|BST|ET|EST|EDT|CT|PT)?", re.I)
ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$", re.I)
MIN_CAPS_RUN = 3
MAX_NUMBER_SHARE = 0.3
# Words after a number saying it is someone's age.
AGE_AFTER = re.compile(r"^(?:-|\s)?years?(?:-|\s)old\b|^-year-old\b", re.I)
# "9/11", "7/7": a day written as a name (a fraction in news prose is spelled out).
SLASHED = re.compile(r"\d{1,2}/\d{1,2}(?:/\d{2,4})?")
PERCENT_WORDS = {"%", "percent", "per", "pc"}
# Where a number may be a name: letters, or letters and a hyphen, glued before it ("G20", "F-15").
LETTERS_BEFORE = re.compile(r"[A-Za-z][A-Za-z.]*-?$")
PARTITIVE_DETERMINERS = wordlists.words("partitive_determiners")


def comments_start(body: str) -> int | None:
    """Where reader comments begin in a body, if it holds any.

    A time-stamped header is enough; bare "name wrote:" lines count only when there are two,
    since an article may quote one message that way.
    """
    board = BOARD_LINE.search(body)
    headers = [m for m in COMMENT_HEADER.finditer(body)]
    if board is not None:  # the comment board's own furniture: comments start at its paragraph
        para = body.rfind("\n", 0, board.start()) + 1
        if headers and headers[0].start() < para:
            para = headers[0].start()
        return para
    if not headers:
        return None
    stamped = next((m for m in headers if m.group("stamp")), None)
    if stamped is not None:
        return min(stamped.start(), headers[0].start())
    if len(headers) >= 2:
        return headers[0].start()
    return None


def is_furniture(sent) -> bool:
    """Whether a parsed sentence is page furniture, a table row, an instruction or a sum."""
    text = sent.text
    if SLIDE_COUNTER.search(text) or ARITHMETIC.search(text):
        return True
    run = longest = 0
    for t in sent:
        if t.is_alpha and t.is_upper and (len(t.text) >= 3 or run):
            run += 1
            longest = max(longest, run)
        elif not t.is_punct:
            run = 0
    if longest >= MIN_CAPS_RUN:
        return True
    words = [t for t in sent if not t.is_punct and not t.is_space]
    numbers = [t for t in words if t.like_num]
    if len(numbers) >= 4 and len(numbers) / max(1, len(words)) > MAX_NUMBER_SHARE:
        return True
    return _imperative(sent)


def is_caption(text: str) -> bool:
    """Whether a sentence is a picture's caption or credit ("Image copyright PA Image caption ...")."""
    low = text.lower()
    return any(m in low for m in words("caption_markers"))


def is_picture_line(sent) -> bool:
    """Whether a sentence is a noun phrase with no verb of its own, as under a picture: "The
    scene after a tram overturned in Croydon, trapping five people and injuring another 40",
    "Rescue workers at the site where 12 people died". A caption restates the story, often as
    it stood when the picture was filed, and no one stated it as a finding."""
    root = sent.root
    if root.pos_ not in ("NOUN", "PROPN") or root.dep_ != "ROOT":
        return False
    # a caption opens with its noun phrase; "In July this year, some 1,000 youths ... engaged
    # in scuffles" is a sentence whose verb the tagger missed
    if any(c.dep_ == "acl" and c.tag_ in ("VBN", "VBD") and c.i > root.i for c in root.children):
        return False  # "An estimated 4.9m barrels of oil leaked into the sea": a main verb read as a participle
    first = sent[0]
    if not (first.i == root.i or (first.head.i == root.i and first.dep_ in ("det", "amod", "compound", "nummod"))
            or (first.dep_ in ("det", "amod", "compound") and first.head.head.i == root.i and first.head.i < root.i)):
        return False
    # a finite verb of the main clause ("..., Nigeria's government said") makes it a
    # sentence the parser split badly, not a caption
    # sentence the parser split badly, not a caption; a verb in a clause of its own ("after a
    # bus left the road", "which derailed") is part of the caption's noun phrase
    return not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") and t.dep_ != "relcl"
                   and not any(c.dep_ == "mark" for c in t.children) for t in sent)


# Tags of a real auxiliary ("will", "to", "does"): the parser also hangs stray words as "aux".
AUX_TAGS = {"MD", "TO", "VB", "VBD", "VBP", "VBZ"}


def is_promo(sent, outlet: str | None) -> bool:
    """Whether a sentence is the outlet's promotion of its own pages: it names the outlet and
    speaks to the reader ("Virtual reality 101: CNET tells you everything you need to know"),
    or a teaser headline runs into a line that tells the reader what to do ("22 amazing games
    for 2018 Take a look at ..."): a capitalised verb in the middle, with no subject, opens a
    second line the page glued on."""
    if outlet:
        name = re.sub(r"^www\.", "", outlet.lower()).split(".")[0]
        for t in sent:
            if len(name) >= 3 and t.lower_ == name and t.dep_ == "nsubj" \
                    and any(c.lower_ in ("you", "your") for c in t.head.children):
                return True  # the outlet telling, showing or bringing "you" something
    for t in list(sent)[1:]:
        prev = t.nbor(-1)
        if t.tag_ == "VB" and t.text[:1].isupper() and t.is_alpha and prev.is_alpha and prev.is_lower \
                and not any(c.dep_ == "mark" or (c.dep_ in ("aux", "auxpass") and c.tag_ in AUX_TAGS) for c in t.children) \
                and t.i + 1 < sent.end and t.nbor(1).is_alpha and t.nbor(1).is_lower:
            return True  # "... for 2018 and beyond Take a look at ...": a teaser glued to a headline
    return False


def _imperative(sent) -> bool:
    """ "Deploy 2,500 boats; patrol the shore": an instruction, not a report."""
    first = next((t for t in sent if t.is_alpha), None)
    root = sent.root
    return (first is not None and first.i == root.i and root.tag_ == "VB"
            and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in root.children))


def names_not_counts(doc, start: int, end: int) -> bool:
    """Whether the figure at tokens [start, end) names, orders or dates rather than counts."""
    first = doc[start]
    text = doc[start:end].text
    if is_code(doc, start, end):
        return True
    if any(t.lower_.rstrip("s") in words("joke_magnitudes") for t in doc[start:min(end + 1, len(doc))]):
        return True  # "the 11 zillion Panama documents": a figure of speech, not a count
    if CLOCK.fullmatch(text.strip()) or any(ORDINAL.match(t.text) for t in doc[start:end]):
        return True
    prev = doc[start - 1] if start > 0 else None
    if prev is not None and prev.pos_ == "PROPN" and not prev.is_sent_start and prev.text[:1].isupper() \
            and re.fullmatch(r"\d{1,4}", first.text) and not (end < len(doc) and doc[end].tag_ == "NNS"):
        return True  # "a Farr 40 yacht", "the Europe 600 index": a model or index name
    if prev is not None and prev.lower_ in ("aged", "age", "ages"):
        return True
    if any(t.lower_ in ("equivalent", "equals", "equal") for t in doc[max(0, start - 4):start]) \
            and not _things_after(doc, end):
        return True  # "5,000 barrels a day -- the equivalent of 210,000 gallons": a conversion
    if end < len(doc) and doc[end].lower_ in ("times", "fold", "-fold"):
        return True  # "five times more oil": a ratio, not an amount
    after = doc[end:end + 3].text if end < len(doc) else ""
    if AGE_AFTER.match(after):
        return True
    if prev is not None and prev.text == "," and start >= 2 and doc[start - 2].ent_type_ == "PERSON" \
            and end < len(doc) and doc[end].text in (",", ")"):
        return True  # "Jane Roe, 45, said"
    if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].lower_ in PARTITIVE_DETERMINERS \
            and first.lower_ in ("one", "1"):
        return True  # "one of the people": a mention of one member; "21 of the schoolgirls" counts them
    return False


def _things_after(doc, end: int) -> bool:
    """Whether a figure counts things named after it ("equal to 18 Boeing 747 aircraft"): a
    likeness in things is a count of its own, where "the equivalent of 210,000 gallons" restates
    a quantity in another unit."""
    from storyline.compare.subjects import measure_unit

    for t in doc[end:min(end + 3, len(doc))]:
        if t.is_punct:
            return False
        if t.pos_ == "NOUN" and t.is_alpha:
            return measure_unit(t.lemma_) is None and t.lemma_.lower() not in wordlists.words("money_words")
    return False


def is_code(doc, start: int, end: int) -> bool:
    """Whether the number at tokens [start, end) is part of a name or a code rather than a count.

    The tokenizer splits "5G" into "5" and "G", and "COVID-19" may lose its prefix to another
    token, so the test reads the body's characters around each number: letters glued before it
    ("G20", "F-15K", "MH17", "Su-25"), capitals glued after it that are no unit ("5G", "3D";
    "30C", "5GW" and "$4K" stay quantities), a slashed day ("9/11"), an emergency number beside
    a word of calling ("911 calls"), or "the 1%" standing for a group of people (no noun after,
    no "of").
    """
    text = doc_text(doc)
    for t in doc[start:end]:
        if not any(ch.isdigit() for ch in t.text):
            continue
        if SLASHED.fullmatch(t.text):
            return True
        lead = text[max(0, t.idx - 12):t.idx]
        if LETTERS_BEFORE.search(lead) and not lead.endswith(("$", "£", "€", "¥")) \
                and not re.search(r"(?:US|A|C|HK|NZ|S)\$?$", lead):
            return True
        tail = re.match(r"[A-Za-z]+", text[t.idx + len(t.text):t.idx + len(t.text) + 12])
        if tail is not None:
            glued = tail.group()
            if glued.isupper() and glued.lower() not in words("glued_units"):
                return True
    calling = words("calling_words")
    if end - start == 1 and doc[start].lower_ in words("number_names"):
        near = [doc[i].lower_ for i in (start - 1, end) if 0 <= i < len(doc)]
        if any(w in calling or w.rstrip("ed") in calling for w in near):
            return True
    last = doc[end - 1]
    if start > 0 and doc[start - 1].lower_ == "the" and last.lower_ in PERCENT_WORDS | {"cent"} \
            and (end >= len(doc) or not (doc[end].pos_ in ("NOUN", "PROPN") or doc[end].lower_ == "of")):
        return True  # "the 1% own half the wealth": a class of people named by a share
    return False
