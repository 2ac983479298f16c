"""Claims: checkable statements, mostly carrying a figure, and their comparison within a story.

Three kinds of claim are taken from each sentence that reads as prose:

* **figures**: a count with what it counts ("around 300 firefighters"), an amount in a unit
  ("5,000 barrels of oil a day", "$20bn", "34%"), a vote tally ("voted 397 to 0");
* **responses**: whether a party confirms, denies or will not comment on something
  ("The ministry has not confirmed the presence of foreign troops");
* **reported assertions**: a statement without a figure that rests on someone else's word
  and is hedged, anonymous or reported ("The contract allegedly includes a 'side letter' ...,
  the Financial Times reported").

Each claim gets a normalised ``subject`` (see :mod:`storyline.compare.subjects`), its value,
the source it is attributed to (:mod:`storyline.compare.attribution`), hedges, the date it
was made, and evidence: the sentence, quoted with its offsets in the cleaned body.

:func:`compare_claims` then sets claims of one subject side by side (see its docstring).
"""

from __future__ import annotations

import hashlib
import logging
import re

from storyline import words as wordlists
from storyline.annotate.stored import doc_text
from storyline.compare.attribution import (
    PRONOUNS,
    Attribution,
    according_to,
    antecedent,
    attribute,
    inside_quote,
    is_report_verb,
    post_author,
    quote_mark,
    source_phrase,
    spelled_by,
    subject_of,
)
from storyline.compare.numbers import MAGNITUDES, parse_figure, tidy
from storyline.compare.measured import (
    amount_thing,
    count_predicate,
    ent_text,
    material_change,
    material_of,
    measure_predicate,
    measured_thing,
    owner_of,
    past_year,
    phrase,
    rate_of,
    unit_of,
    VOLUME_UNITS,
)
from storyline.compare import factbox
from storyline.compare.nonclaims import (comments_start, is_caption, is_furniture, is_picture_line, is_promo,
                                         names_not_counts)
from storyline.compare.units import metric_first
from storyline.compare.words import words
from storyline.compare.subjects import (LENGTH_LABEL, CHANGE_CLASSES, MATERIALS, NOUN_CLASSES, change_class, noun_class, owner_name,
                                         participle, plural, subject_label)
from storyline.model import Article, ArticleAnalysis, Claim, Evidence

log = logging.getLogger("storyline")

FIGURE_LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
# Nouns before a number that make it a name, not a count: "Article 51", "No. 740196-8".
IDENTIFIER_NOUNS = wordlists.words("identifier_nouns")
# Counted nouns too general to be a subject on their own.
WEAK_NOUNS = wordlists.words("weak_nouns") | {"#"}
# Magnitudes after a number: the abbreviations and the words but "dozen" ("5m", "2 billion").
MAGNITUDE_WORDS = wordlists.words("magnitude_abbreviations") | {w for w in MAGNITUDES if w != "dozen"}
CONFIRM_VERBS = wordlists.words("confirm_verbs")
# What can be denied or disputed as untrue, as against a plan or offer one rejects.
ASSERTION_NOUNS = wordlists.words("assertion_nouns")
TALLY = re.compile(
    r"\b(?:vot\w*|approv\w*|pass\w*|back\w*|reject\w*|endors\w*|ratif\w*|adopt\w*)\b[^.;:]{0,40}?"
    r"\b(?P<a>\d{1,4})\s*(?:-|–|to)\s*(?P<b>\d{1,4})\b|\b(?P<c>\d{1,4})\s*(?:-|–)\s*(?P<d>\d{1,4})\s+vote\b", re.I)
MIN_SENTENCE_WORDS = 5
EVENT_CHANGES = set(CHANGE_CLASSES.values())
SMALL_COUNT = 10  # below this, a count needs a changing verb or a people noun to be a claim
# Counted nouns that are the dead: a count of bodies or fatalities is a death toll ("at least
# two fatalities" and "two people killed" are one count). Not "deaths": "responsible for 6,644
# deaths" is as often a year's statistic as an event's toll, and stays a subject of its own.
DEAD_NOUNS = {"body", "corpse", "fatality"}
# Changes that mean one thing of people and another of things: "fired" engines are not sacked.
THINGS_DONE_OTHERWISE = {"sacked": "fired", "abducted": "seized", "freed": "released", "held captive": "held"}
# Counted nouns that are people, for verbs that mean one thing of people and another of things.
PEOPLE_CLASSES = wordlists.words("people_classes")
# Vague amounts ("hundreds", "dozens") and "several": numbers in a figure that are not digits.
VAGUE_COUNTS = wordlists.words("vague_amounts") | {"several", "dozen"}
PEOPLE_NOUNS = ({w for w, cls in NOUN_CLASSES.items() if cls in PEOPLE_CLASSES} | wordlists.words("person_nouns")
               | words("people_nouns"))


def claim_id(article: str, start: int, subject: str) -> str:
    """Stable id of a claim: its article, where it starts and what it is about."""
    return "c-" + hashlib.sha1(f"{article}|{start}|{subject}".encode()).hexdigest()[:10]


def _is_prose(sent) -> bool:
    words = [t for t in sent if t.is_alpha]
    return len(words) >= MIN_SENTENCE_WORDS and any(t.pos_ in ("VERB", "AUX") for t in sent)


def _quoted_share(text: str) -> float:
    quoted = sum(len(m.group()) for m in re.finditer(r"[“\"«][^”\"»]{0,400}[”\"»]|``[^']{0,400}''", text))
    return quoted / max(1, len(text))


def _figure_spans(sent):
    """Figure phrases in a sentence: (first token, last number token) of each, merged ranges."""
    spans = []
    doc = sent.doc
    for e in sent.ents:
        if e.label_ in FIGURE_LABELS:
            nums = [t for t in e if t.like_num or MONEY_TOKEN.fullmatch(t.text) or t.text in ("%",)
                    or t.lower_ in VAGUE_COUNTS]
            if nums:
                end = e.end
                doc = e.doc
                while end < sent.end and doc[end - 1].whitespace_ == "" and doc[end].lower_ in MAGNITUDE_WORDS \
                        and not doc[end].ent_type_:
                    end += 1  # "92m to 182m": the tagger took "92" and left its glued "m" out
                if doc[end - 1].lower_ in ("to", "and", "-", "–") and end < sent.end and doc[end].like_num:
                    # "only 10 to" tagged apart from "15 percent": one range
                    end += 1
                    while end < sent.end and doc[end].lower_ in ("percent", "%", "million", "billion", "thousand"):
                        end += 1
                spans.append([e.start, end])
    taken = {i for s, e in spans for i in range(s, e)}
    for t in sent:  # numbers the tagger left outside entities, and "$20bn" it took for a name
        if t.i in taken or t.ent_type_:
            continue
        if t.like_num and (t.pos_ == "NUM" or t.dep_ == "nummod"):  # "Eleven" tagged an adjective
            end = t.i + 1
            # "20 million to 40 million": the tagger leaves the second number and its magnitude
            # outside any entity; "40" alone is not the figure, "40 million" is. "92m" may be
            # split in two tokens, with the magnitude glued to the number.
            while end < sent.end and doc[end].lower_ in MAGNITUDE_WORDS and not doc[end].ent_type_ \
                    and (doc[end].lower_ in MAGNITUDES or doc[end - 1].whitespace_ == ""):
                end += 1
            taken.update(range(t.i, end))
            spans.append([t.i, end])
        elif MONEY_TOKEN.fullmatch(t.text) and t.i > sent.start and t.nbor(-1).text in "$£€¥":
            spans.append([t.i - 1, t.i + 1])
    for sp in spans:  # "some 1, 600 officers": a thousands separator typed with a space
        k = sp[0]
        if k - 2 >= sent.start and re.fullmatch(r"\d{3}", doc[k].text) and doc[k - 1].text == "," \
                and doc[k - 2].whitespace_ == "" and re.fullmatch(r"\d{1,3}", doc[k - 2].text):
            sp[0] = k - 2
    unique = []
    for sp in spans:
        if sp not in unique:
            unique.append(sp)
    spans = [sp for sp in unique if not any(o != sp and o[0] <= sp[0] and sp[1] <= o[1] for o in unique)]
    for sp in spans:  # "a two-and-a-half hour window": the half the tagger left out
        tail = doc[sp[1]:min(sp[1] + 6, sent.end)].text
        m = re.match(r"-?\s*and\s*-?\s*a\s*-?\s*half\b", tail)
        if m and sp[1] < sent.end:
            end_char = doc[sp[1]].idx + m.end()
            while sp[1] < sent.end and doc[sp[1]].idx < end_char:
                sp[1] += 1
    for t in sent:  # "half a million", which the tagger splits in two
        if t.lower_ == "half" and t.i + 2 < sent.end and t.nbor(1).lower_ in ("a", "an") \
                and t.nbor(2).lower_ in ("million", "billion", "thousand", "dozen"):
            spans = [sp for sp in spans if sp[1] <= t.i or sp[0] > t.i + 2] + [[t.i, t.i + 3]]
    spans = [sp for sp in spans if not _in_odds(doc, sp, sent)]
    spans.sort()
    return spans


def _in_odds(doc, sp, sent) -> bool:
    """A number of odds: "a 1 in 10,000 chance", "one in five adults". Neither number counts
    anything on its own (read alone, "10,000 chances" says the opposite)."""
    s, e = sp
    one = lambda t: t.lower_ in ("1", "one")  # noqa: E731 - the odds' first term
    if s - 2 >= sent.start and doc[s - 1].lower_ == "in" and one(doc[s - 2]):
        return True  # "10,000" in "1 in 10,000"
    return e - s == 1 and one(doc[s]) and e + 1 < sent.end and doc[e].lower_ == "in" and doc[e + 1].like_num
def _merge_ranges(doc, spans):
    """ "from 12,000 barrels (504,000 gallons) to 25,000 barrels": one range, conversions dropped."""
    out = []
    skip_until = -1
    for s, e in spans:
        if s < skip_until:
            continue
        before = doc[max(0, s - 3):s].text.lower()
        if re.search(r"(?:-lrb-|\()\s*$", before):  # a conversion in parentheses restates the figure
            continue
        if out:
            gap = doc[out[-1][1]:s].text
            gap = re.sub(r"(?:-LRB-|\().*?(?:-RRB-|\))", " ", gap)
            opened = re.search(r"\b(?:from|between)\b", doc[max(0, out[-1][0] - 3):out[-1][0]].text.lower())
            # "from 12,000 barrels to 25,000", "between 1,000 and 5,000", "23.7 million to 51.5 million"
            # Money on one side only is two figures with a "to" between: "$200m to 32,000
            # claimants", "a bill for $480m to one of its partners", "15 percent to $4.41bn" (a
            # range never signs only its second end). "$15-23 billion" and "$6 billion to 9
            # billion" are ranges: the second end carries the magnitude the money shares.
            money = [bool(re.search(r"[$£€¥]", doc[max(0, a - 1):b].text)) for a, b in ((out[-1][0], out[-1][1]), (s, e))]
            scaled = any(t.lower_ in MAGNITUDE_WORDS for t in doc[s:min(e + 1, len(doc))])
            if money[1] and not money[0] or (money[0] and not money[1] and not scaled):
                out.append([s, e, None])
                continue
            if (opened and re.fullmatch(r"\s*(?:[A-Za-z]+\s+){0,2}(?:to|and|-|–)\s*", gap)) or \
                    re.fullmatch(r"\s*(?:to|-|–)\s*", gap):
                out[-1] = [out[-1][0], e, "range"]
                continue
        out.append([s, e, None])
    return out


def _first_end(doc, s, e) -> int:
    i = s
    # "an estimated 20 million to 40 million": the qualifier opens the span, the first end follows it
    while i < e - 1 and not doc[i].like_num and (doc[i].lower_ in wordlists.words("figure_lead_words")
                                                 or doc[i].lower_ in ("a", "an")):
        i += 1
    while i < e and (doc[i].like_num or doc[i].text in "$£€¥" or doc[i].lower_ in ("about", "around", "some")):
        i += 1
    return max(i, s + 1)


def _in_parens(doc, i) -> bool:
    left = doc[max(0, i - 4):i].text
    return bool(re.search(r"(?:-LRB-|\()[^)]*$", left)) and "-RRB-" not in left


MONEY_TOKEN = re.compile(r"\d[\d,.]*(?:" + wordlists.alternation("magnitude_abbreviations") + ")", re.I)


def _figure_text(doc, s, e) -> tuple[str, object]:
    """The figure words of an entity span and the token the figure quantifies (its head)."""
    if s > 0 and doc[s - 1].text in ("$", "£", "€", "¥", "US$") and doc[s - 1].whitespace_ == "":
        s -= 1  # "$69m" with only "69" tagged MONEY
    if s > 0 and doc[s - 1].lower_ == "couple" and doc[s].lower_ in MAGNITUDES:
        s -= 1  # "a 'couple hundred' people" with only "hundred" tagged: two or three hundred, not 100
    toks = list(doc[s:e])
    # Extend left to a qualifier the tagger left out: "an estimated 5,000", "up to 5,000".
    k = s
    while k > 0 and doc[k - 1].lower_ in wordlists.words("figure_lead_words") and s - k < 3:
        k -= 1
    while k < s and doc[k].dep_ == "prt":
        k += 1  # "handed over 21 girls": the verb's particle, not "over 21"
    pre = doc[k:s].text
    if not re.search(r"\b(?:" + wordlists.alternation("figure_qualifier_phrases") + r")\b", pre.lower()):
        pre = ""
    # Keep figure words; the first noun after them is what is counted.
    figure_toks = []
    while toks and toks[0].lower_ in ("only", "just", "still", "even"):
        toks = toks[1:]  # "only 10 to 15 percent": emphasis, not part of the figure
    for t in toks:
        if t.like_num or MONEY_TOKEN.fullmatch(t.text) or t.is_punct and t.text in "-–,." or t.lower_ in wordlists.words("figure_words") or t.text in ("$", "£", "€", "¥", "-LRB-"):
            figure_toks.append(t)
        else:
            break
    if not figure_toks:
        return "", None
    j = figure_toks[-1].i + 1  # "1.2 million" split by the tagger: take the magnitude along
    money = figure_toks[0].text in ("$", "£", "€", "¥", "US$") or doc[max(0, figure_toks[0].i - 1)].text in "$£€¥"
    while j < len(doc) and (doc[j].lower_ in MAGNITUDES or (
            doc[j].lower_.rstrip(".") in wordlists.words("magnitude_abbreviations") and (
                money or doc[j - 1].whitespace_ == "" or (j + 1 < len(doc) and doc[j + 1].tag_ == "NNS")))):
        # "4.9 m barrels": a magnitude before a plural noun; "5 m deep" stays metres
        figure_toks.append(doc[j])
        j += 1
    text = (pre + " " + doc[figure_toks[0].i:figure_toks[-1].i + 1].text).strip()
    text = re.sub(r"\b(\d{1,3}), (\d{3})\b", r"\1,\2", text)  # "1, 600"
    last_num = max((t for t in figure_toks if t.like_num or MONEY_TOKEN.fullmatch(t.text) or t.lower_ in VAGUE_COUNTS),
                   key=lambda t: t.i, default=figure_toks[-1])
    return text, last_num


def _counted(num):
    """The noun a number token counts: its head through nummod/quantmod/compound links, or
    what follows "of" ("millions of artillery shells")."""
    of = next((c for c in num.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None and not num.head.pos_ == "NOUN":
        pobj = next((g for g in of.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
        if pobj is not None:
            return pobj
    t = num
    for _ in range(4):
        if t.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "appos") and t.head.i != t.i:
            t = t.head
            if t.lower_.rstrip(".") in MAGNITUDE_WORDS:
                continue  # "520 m gallons", "$700m." at a sentence's end: the magnitude is part of the figure
            if t.text == "%":
                return t
            if t.pos_ in ("NOUN", "PROPN") and t.is_alpha:
                if any(c.dep_ == "prt" for c in t.children) and t.dep_ in ("nmod", "compound", "amod") \
                        and t.head.pos_ == "NOUN":
                    return t.head  # "two strap-on boosters": a hyphened verb and particle describe the noun
                return t
        elif t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ in ("NOUN",):
            return None  # "one of them": not a count of anything
        else:
            break
    nxt = num.i + 1
    while nxt < len(num.doc) and num.doc[nxt].lower_.rstrip(".") in MAGNITUDE_WORDS:
        nxt += 1
    if nxt < len(num.doc) and num.doc[nxt].pos_ == "NOUN" and num.doc[nxt].is_alpha and num.doc[nxt].head.i != num.i:
        return num.doc[nxt]
    return None


def _date_of(att: Attribution, sent, analysis: ArticleAnalysis, article: Article) -> str | None:
    """When the claim was made: a day-precise time attached to its reporting verb, else publication."""
    from storyline.annotate.timex import date_and_precision

    # Only a publication date the article is known to have: an undated article's claims stay
    # undated (its window is the article's), never dated by one end of the window.
    pub = article.published.date
    body = article.body
    for tx in analysis.timexes:  # a chronology line: "* April 28 - The Coast Guard says ..."
        if sent.start_char <= tx.start < sent.end_char and tx.kind == "point" \
                and not re.search(r"\w", body[sent.start_char:tx.start]) \
                and re.match(r"\s*[-–—:]", body[tx.end:tx.end + 3]):
            date, precision = date_and_precision(tx)
            if date and precision == "day" and (pub or _absolute(tx.text)):
                return date
    if att.verb is not None:
        v = att.verb
        for tx in analysis.timexes:
            if not (sent.start_char <= tx.start < sent.end_char) or tx.kind != "point":
                continue
            span = sent.doc.char_span(tx.start, tx.end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            content = att.content
            if root.head.i == v.i or (root.head.head.i == v.i and root.head.dep_ == "prep"):
                if content is None or not (content.left_edge.i <= root.i <= content.right_edge.i):
                    date, precision = date_and_precision(tx)
                    if date and precision == "day" and ((pub and date <= pub[:10]) or (not pub and _absolute(tx.text))):
                        return date
                    if date and precision == "month" and pub and date[:7] < pub[:7]:
                        # "the government said in September": made that month, not on the
                        # article's day; the month is all the sentence gives
                        return date[:7]
    return pub[:10] if pub else None


def _absolute(text: str) -> bool:
    """A time expression that names its year, so it needs no publication date to resolve."""
    return re.search(r"\b(?:1[89]|20)\d\d\b", text) is not None


def _closing_quote(sent, after: int) -> int | None:
    """Index of the first token after the quotation mark that closes a quote open at
    character ``after``, when the quote closes in ``sent``."""
    text = doc_text(sent.doc)
    for pos in range(max(after, sent.start_char), sent.end_char):
        if quote_mark(text, pos) in ("close", "toggle"):
            return next((t.i for t in sent if t.idx > pos), None)
    return None


def _speaker_of(verb) -> str | None:
    subj = subject_of(verb)
    if subj is None:
        return None
    if subj.lower_ in PRONOUNS:
        return antecedent(subj)
    return source_phrase(subj, subj.sent)


def _said_after_quote(sent) -> str | None:
    """The speaker of a sentence that is a quote followed by its reporting verb
    ('"Falcon Heavy now vertical," he wrote on Instagram.'), else None."""
    close = _closing_quote(sent, sent.start_char)
    if close is None or quote_mark(doc_text(sent.doc), sent.start_char) not in ("open", "toggle"):
        return None
    verbs = [v for v in sent if v.i >= close and is_report_verb(v)]
    return _speaker_of(verbs[0]) if verbs else None


def quote_speaker(anchor) -> str | None:
    """Who says the quote a figure stands in, when its own clause names nobody: the reporting
    verb after the quote closes ('... trapped," a spokesman said.', up to two sentences on),
    else the sentence that opens it ('Hanstock said: "...'), else the speaker of the quote just
    before, when this one follows it as the next quote ('"...," he wrote. "At 2,500 tons ..."').
    None when the text does not say, so the quote is nobody's we can name."""
    doc = anchor.doc
    sent = anchor.sent
    s, after = sent, anchor.idx
    for _ in range(3):
        close = _closing_quote(s, after)
        if close is not None:
            verbs = [v for v in s if v.i >= close and is_report_verb(v)]
            if verbs:
                return _speaker_of(verbs[0])
            break
        if s.end >= len(doc):
            break
        s = doc[s.end].sent
        after = s.start_char
    s = sent
    for _ in range(3):  # back to the sentence that opened the quote
        if s.start == 0:
            return None
        prev = doc[s.start - 1].sent
        if prev.text.rstrip().endswith(":") or re.search(r":\s*[“\"«'‘]", prev.text):
            verbs = [v for v in prev if is_report_verb(v)]
            if verbs:
                return _speaker_of(verbs[-1])
            acc = according_to(prev)  # 'According to Elon Musk: "..."'
            return source_phrase(acc, prev) if acc is not None else None
        if s is sent and quote_mark(doc_text(doc), s.start_char) in ("open", "toggle"):
            return _said_after_quote(prev)
        if not inside_quote(doc[s.start]):
            return None
        s = prev
    return None


# "Rail Accident Investigation Branch (RAIB)": a name and the initials the article then uses.
NAME_WITH_INITIALS = re.compile(r"((?:[A-Z][\w'’&-]*\s+(?:(?:of|for|and|the|on|de|du)\s+)*){1,7}[A-Z][\w'’&-]*)\s*\(([A-Z]{2,7})\)")


def initials(body: str) -> dict[str, str]:
    """Initials an article defines for a name: {"RAIB": "Rail Accident Investigation Branch"}.
    Only when the capitals of the name spell the initials, so a bracketed code is not taken
    for one."""
    out = {}
    for m in NAME_WITH_INITIALS.finditer(body):
        name, short = m.group(1), m.group(2)
        caps = [w for w in name.split() if w[:1].isupper()]
        for k in range(len(caps)):  # the name may start after other capitalised words
            if "".join(w[0] for w in caps[k:]).upper() == short.upper():
                out.setdefault(short, " ".join(name.split()[name.split().index(caps[k]):]))
                break
    for short in set(re.findall(r"\b(?:the|The) ([A-Z]{2,7})\b", body)) - set(out):
        # "the Global Terrorism Index ..." then "the GTI said": shorthand the article never
        # brackets, spelled by the capitals of a name it gave before
        name = spelled_by(short, body[: body.find(f" {short}")])
        if name:
            out[short] = name
    return out


def _spell_out(source: str | None, names: dict[str, str]) -> str | None:
    """ "The RAIB" -> "The Rail Accident Investigation Branch (RAIB)": a reader, and a
    comparison of sources, needs the name, not the article's shorthand."""
    if not source or not names:
        return source
    return re.sub(r"\b([A-Z]{2,7})\b", lambda m: f"{names[m.group(1)]} ({m.group(1)})"
                  if m.group(1) in names and names[m.group(1)] not in source else m.group(1), source)


def _claim_text(sent, att: Attribution) -> str:
    """The statement itself: the reported clause if there is one, else the sentence."""
    if att.content is not None:
        toks = [t for t in att.content.subtree if not (t.dep_ == "mark" and t.i == att.content.left_edge.i)]
        if len(toks) >= 4:
            return sent.doc[toks[0].i: toks[-1].i + 1].text.strip()
    text = sent.text.strip()
    v = att.verb
    if v is not None and att.content is None and v.dep_ != "ROOT" and sent.start <= v.i < sent.end:
        # "..., the Financial Times reported this week, citing ...": the statement without its attribution
        drop = {t.i for t in v.subtree}
        kept = "".join(t.text_with_ws for t in sent if t.i not in drop)
        kept = re.sub(r"\s+([,.;:])", r"\1", kept)
        kept = re.sub(r"[,;:\s]+([.!?])?\s*$", lambda m: m.group(1) or ".", kept.strip())
        if len(kept.split()) >= 4:
            text = kept
    m = re.match(r"^according to [^,]{1,120},\s*", text, re.I)
    if m:
        text = text[m.end():]
        text = text[:1].upper() + text[1:]
    return text


def _make(article, sent, analysis, subject, value, unit, att: Attribution, text=None, qualifier=None,
          kind: str = "figure") -> Claim:
    quote = article.body[sent.start_char:sent.end_char]
    return Claim(
        id=claim_id(article.id, sent.start_char, subject),
        subject=subject,
        text=" ".join((text or _claim_text(sent, att)).split()),
        article=article.id,
        value=value,
        unit=unit,
        date=_date_of(att, sent, analysis, article),
        attributed_to=att.source or (post_author(sent) if not att.background else None),
        anonymous=att.anonymous,
        hedges=list(att.hedges) + (["earlier figure"] if att.retrospective else [])
        + (["projected"] if att.projected and not att.retrospective else []),
        evidence=[Evidence(article.id, sent.start_char, sent.end_char, quote)],
        outlet=article.outlet,
        qualifier=qualifier,
        kind=kind,
    )


def _figure_claims(article, sent, analysis, told: set | None = None) -> list[Claim]:
    """Figures of one sentence. ``told`` holds the values the article has given
    so far: "the 21 girls" after "21 schoolgirls were freed" refers back to that figure
    rather than reporting it again, so it is left out."""
    told = set() if told is None else told
    doc = sent.doc
    out = []
    for s, e, kind in _merge_ranges(doc, _figure_spans(sent)):
        if any(doc[i].ent_type_ in ("DATE", "TIME", "ORDINAL", "LAW", "PRODUCT", "EVENT", "FAC", "WORK_OF_ART")
               for i in range(s, e)):
            continue
        if s > 0 and doc[s - 1].lower_.rstrip(".") in IDENTIFIER_NOUNS | {"no"}:
            continue
        if names_not_counts(doc, s, e):
            continue
        if s >= 2 and f"{doc[s - 2].lower_} {doc[s - 1].lower_}" in words("complement_leads"):
            continue  # "all but three of the girls": the three are the ones the count leaves out
        if _in_parens(doc, s) or (e < len(doc) and doc[min(e + 1, len(doc) - 1)].lower_ == "ago"):
            continue  # a conversion in parentheses restates a figure; "7 hrs ago" dates a link
        if kind == "range":  # "from 12,000 barrels (...) to 25,000 barrels": join the two ends
            first, _ = _figure_text(doc, s, _first_end(doc, s, e))
            last_start = max((t.i for t in doc[s:e] if t.like_num and t.lower_ not in MAGNITUDE_WORDS
                              and not _in_parens(doc, t.i)), default=s)
            second, num = _figure_text(doc, last_start, e)
            text = f"{first} to {second}" if first and second else ""
        else:
            text, num = _figure_text(doc, s, e)
        if num is None:
            continue
        fig = parse_figure(text)
        if fig is None:
            continue
        if re.search(r"(?<![$£€¥\d.,])\d+K\b", doc[s:e].text) and not re.search(r"[$£€¥]", doc[max(0, s - 1):e].text):
            continue  # "a 4K TV", "2K resolution": a capital K glued to a number names a class, not thousands
        if re.fullmatch(r"(?:1[89]|20)\d\d", tidy(text)) and fig.unit is None:
            continue  # a year the tagger missed
        if num.head.i != num.i and num.head.lower_ in IDENTIFIER_NOUNS and num.head.i < num.i:
            continue
        counted = _counted(num)
        # "injured 40 others", "21 of them were freed": the noun is the one counted before
        stand_in = None
        if (earlier := _noun_told_before(num, counted)) is not None:
            stand_in, counted = counted if counted is not None else num, earlier
        unit = fig.unit
        measure = False
        what = owner = change = set_of = whole = None
        added = 0  # people named one by one beside the count ("two passengers and the driver")
        if counted is not None and (counted.text == "%" or counted.lemma_.lower() in ("percent", "percentage") or (
                counted.lower_ in ("cent", "cents") and counted.i > 0 and doc[counted.i - 1].lower_ == "per")):
            unit, counted = "%", None  # "five per cent" is a share, not five cents
        if counted is not None and counted.lower_ == "basis" and counted.i + 1 < len(doc) \
                and doc[counted.i + 1].lemma_.lower() == "point":
            counted = doc[counted.i + 1]  # "a 77-basis point spread"
        counted_unit = unit_of(counted) if counted is not None else None
        if counted is not None and counted_unit is None and counted.lemma_.lower() == "pound" and unit is None \
                and not any(t.lemma_.lower() in words("weight_words") for t in sent):
            nation = _nation_of(counted)
            if nation:  # "1 million Egyptian pounds": that country's pound, not sterling
                unit, counted = f"{nation} pounds", None
            else:
                counted_unit = "GBP"  # "worth 70 billion pounds": sterling
        if counted_unit in ("USD", "EUR", "GBP"):  # "billions of dollars": money, named by what it pays
            unit, counted, counted_unit = counted_unit, None, None
        if counted_unit:
            unit, measure = counted_unit, True
            what = material_of(counted, unit)
            rate = rate_of(counted) if " per " not in unit else None
            if rate:
                unit = f"{unit} {rate}"
            if counted.dep_ in ("compound", "amod", "nmod") and counted.head.i > counted.i \
                    and counted.head.pos_ in ("NOUN", "PROPN") and unit_of(counted.head) is None:
                what, change = phrase(counted.head, stop=counted.i), None  # "a 455,790 barrel-per-day refinery"
            elif what in MATERIALS.values():  # oil, gas, water: what leaks and is collected
                change = material_change(counted) or measure_predicate(counted)
            elif what is not None:  # "160 miles of boom have been laid": what is done with it
                change = measure_predicate(counted)
            else:
                what, change = measured_thing(counted)
                if counted_unit in VOLUME_UNITS:  # "600,000 gallons a day are leaking": of what is unsaid
                    change = material_change(counted) or change
        elif counted is not None and unit is None and _describes(counted, fig.value):
            # "a 193-page report", "a 20-member panel": the figure is a size of the noun it describes
            unit, measure = noun_class(counted.lemma_.lower()), True  # "two-carriage" and "two-car" trams
            what, change = phrase(counted.head, stop=counted.i), None
            owner = owner_of(counted.head, agent=False)
        elif counted is not None and unit is None:
            closed = _closed_compound(counted)
            if closed is None and (counted.lemma_.lower() in WEAK_NOUNS or counted.pos_ == "PROPN"):
                continue
            tagged = _hashtag_parts(counted)
            lemma = tagged[1] if tagged else counted.lemma_.lower()  # "#Chibokgirls": girl
            what = unit = closed or noun_class(lemma, None if tagged else counted.text)
            if what == "deaths":  # "19 dolphin deaths", "30 worker deaths": whose deaths
                kind = next((c.lemma_.lower() for c in counted.children if c.dep_ == "compound" and c.pos_ == "NOUN"), None)
                what = unit = f"{kind} deaths" if kind else what
            dead = counted.lemma_.lower() in DEAD_NOUNS  # "two dead bodies were brought to hospital": the dead
            if dead:
                what = unit = "people"
            owner = tagged[0] if tagged else owner_of(counted, agent=False)
            partitive = counted.dep_ == "pobj" and counted.head.head.i == num.i
            # "82 of the 276 girls abducted have been released": the part's own verb says what
            # happened to it; the set's verb ("abducted") belongs to the whole, and a part of a
            # known set with no verb of its own ("a video shows 15 of the girls abducted") is not
            # the set's count. "Thousands of fish killed" names no set: the fish are the count.
            of_set = partitive and any(c.dep_ in ("det", "poss") for c in counted.children)
            change = count_predicate(num, owned=owner is not None) if partitive else None
            if stand_in is not None:  # what happened to these, not to the ones counted before
                change = count_predicate(stand_in, owned=owner is not None)
                if change_class(change or "") not in EVENT_CHANGES and change not in EVENT_CHANGES:
                    continue  # "two others working in the mud room": a mention; "injured 17 others" is news
            elif change is None and not of_set:
                change = count_predicate(counted, owned=owner is not None)
            if dead:
                change = "killed"
            elif counted.lemma_.lower() == "life" and (change == "lost" or (
                    counted.dep_ == "dobj" and counted.head.lemma_.lower() in words("life_taking_verbs"))):
                # "claimed more than 20,000 lives", "the loss of 41 lives": the dead, one toll with
                # "20,000 people killed"
                what = unit = "people"
                change = "killed"
            if change in THINGS_DONE_OTHERWISE and lemma not in PEOPLE_NOUNS:
                change = THINGS_DONE_OTHERWISE[change]  # "firing its nine engines", "seized 300 rifles"
            owner = owner or (owner_of(counted) if change is None else None)
            event = change in EVENT_CHANGES  # killed, injured, evacuated: counts that are news at any size
            if event and lemma in PEOPLE_NOUNS and isinstance(fig.value, int) and (ones := _single_people_after(counted)):
                # "two women passengers and the driver died": the toll is the count and each one named
                # after it, so three people, never two passengers
                what = unit = "people"
                added = ones
            told_of = change is not None and lemma in PEOPLE_NOUNS  # "four militants were exchanged"
            if isinstance(fig.value, (int, float)) and fig.value < SMALL_COUNT and not event \
                    and (what not in PEOPLE_CLASSES and not told_of or fig.value == 1) \
                    and not (fig.value > 1 and _listed_with_count(counted)):
                continue  # "one worker told her", "three scientists": a mention, not a count anyone reports
        elif counted is None and unit is None and isinstance(fig.value, (int, float)) and num.dep_ == "nummod" \
                and num.head.pos_ in ("VERB", "ADJ") and change_class(num.head.lemma_) in EVENT_CHANGES:
            what = unit = "people"  # "four dead bodies and 120 wounded": the wounded are people
            change = change_class(num.head.lemma_)
        elif counted is None and unit is None and isinstance(fig.value, (int, float)) \
                and (part := _part_of_whom(num)) is not None:
            # "treating 20 people, four of whom were seriously injured": a part of the set the
            # sentence counts, labelled with that set's number, so never the whole toll
            what, change, set_of, whole = part
            unit = what
        elif counted is None and unit is None and isinstance(fig.value, (int, float)) \
                and (toll := _total_of(num) or num).dep_ in ("nsubj", "nsubjpass", "dobj") \
                and not any((c.dep_ == "prep" and c.lower_ == "of") or c.dep_ == "relcl" for c in num.children) \
                and toll.head.dep_ != "relcl" and doc[max(num.i - 2, 0):num.i].text.lower() not in ("of which", "of whom") \
                and count_predicate(toll) in EVENT_CHANGES:
            # "51 are hurt", "more than 50 were taken to hospital", "which left seven dead", "a total
            # of 51 had been taken to two hospitals": a toll of people whose noun the sentence leaves
            # out ("four of whom were injured" is a part)
            what = unit = "people"
            change = count_predicate(toll)
        else:
            if unit is None:
                continue  # a bare number with nothing counted is not a claim we can compare
            measure = True
            what, owner, change = amount_thing(num)
            rate = rate_of(num)
            if rate and what is not None:  # "net profits of $6.7m per day"
                unit = f"{unit} {rate}"
        if what is None and change is None:
            continue
        if tidy(text).lower() == "one" and change not in EVENT_CHANGES:
            continue  # "one point of dispute", "one company": a mention, not a count
        # a part is said by whoever gives its set: "the hospital said it was treating 20 people,
        # four of whom ..." (the relative clause is no background of the writer's)
        anchor = stand_in if stand_in is not None else counted if counted is not None else whole if whole is not None else num
        att = attribute(sent, anchor)
        if att.source and _counts_the_tellers(num, att.verb):
            att = Attribution()  # "accused by dozens of women": the count of accusers is the writer's
        if att.source is None and att.verb is None and not att.background and inside_quote(anchor):
            att.source = quote_speaker(anchor)
            if att.source is None:
                continue  # a figure in a quote whose speaker the text does not name: not the outlet's own
        when = past_year(anchor, article.published.date or analysis.anchor, change)
        if when is None and anchor is num and num.head.dep_ == "conj" and num.head.pos_ == "VERB":
            # "in 2005 killed 15 people and injured 170": the second act shares the first's time
            when = past_year(num.head.head, article.published.date or analysis.anchor)
        if when == "cumulative" and unit and " per " in unit:
            when = None  # "60,000 barrels a day since 20 April": a rate is no running total
        subject = subject_label(owner, change, what, unit, measure=measure, when=when)
        if set_of:
            subject += f" (of {set_of})"
        value = fig.value + added if added else fig.value
        qualifier = fig.qualifier if not isinstance(fig.value, str) else None
        key = str(value)
        if s > 0 and doc[s - 1].lower_ in ("the", "these", "those") and (key in told or _said_before(doc, s, value)):
            continue  # "the four militants": the four the article has already told of
        told.add(key)
        claim = _make(article, sent, analysis, subject, value, unit, att, qualifier=qualifier)
        claim.converted = _conversion(doc, counted if counted is not None and counted.i >= num.i else None, e)
        metric_first(claim)
        out.append(claim)
    return out


def _counts_the_tellers(num, verb) -> bool:
    """Whether the figure counts the very people who tell: it sits in the reporting verb's
    subject or "by" phrase ("has been accused by dozens of women", "two officials said"). Those
    tellers do not vouch for their own number; the writer counts them."""
    if verb is None:
        return False
    teller = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        teller = next((c for c in agent.children if c.dep_ == "pobj"), teller)
    # the number is the tellers' own count: their head ("dozens of women") or its number ("two
    # officials"), not a figure inside a phrase the parser hung on them ("cited by BP officials
    # of about 5,000 barrels")
    return teller is not None and (num.i == teller.i or (num.head.i == teller.i and num.dep_ in ("nummod", "quantmod")))


def _list_members(noun) -> list:
    """The nouns of the list a noun stands in ("eight fire engines, five rescue units and 22
    ambulance crews"): its head and the head's coordinated or apposed nouns, the noun itself included."""
    top = noun
    while top.dep_ in ("conj", "appos") and top.head.i != top.i and top.head.pos_ == "NOUN":
        top = top.head
    members, todo = [], [top]
    while todo:
        n = todo.pop()
        members.append(n)
        todo.extend(c for c in n.children if c.dep_ in ("conj", "appos") and c.pos_ == "NOUN")
    return members


def _single_people_after(counted) -> int:
    """How many single people a counted subject lists after it ("two women passengers and the
    driver died": one), when the list is the subject of its verb and holds no other count; 0 else.
    Each must be one noun with its article or owner ("the driver", "a guard", "his wife") and no
    number of its own: "two passengers and drivers" names no number of drivers."""
    if counted.dep_ not in ("nsubj", "nsubjpass") or counted.tag_ != "NNS":
        return 0
    members = _list_members(counted)
    if members[0].i != counted.i or len(members) < 2:
        return 0
    others = [n for n in members if n.i != counted.i]
    for n in others:
        if n.tag_ != "NN" or n.i < counted.i or any(c.dep_ == "nummod" for c in n.children):
            return 0
        if not any(c.dep_ in ("det", "poss") and c.lower_ not in ("all", "some", "no", "any") for c in n.children):
            return 0
    return len(others)


def _listed_with_count(counted) -> bool:
    """Whether a small count of things stands in a list of counts ("More than 70 firefighters,
    eight fire engines and four rescue units are at the scene", "eight fire engines and four
    rescue crews in attendance"): the list tells what was sent or used, each count a figure
    outlets give and compare; "three scientists" alone is a mention."""
    members = _list_members(counted)
    if members[0].dep_ not in ("nsubj", "nsubjpass", "attr"):
        return False  # "the rocket with its three boosters and 27 engines": the parts of a thing, not what was sent
    return any(any(c.dep_ == "nummod" and c.like_num for c in n.children) for n in members if n.i != counted.i)


def _noun_told_before(num, counted):
    """The counted noun a number takes from the count before it in its sentence, when its own
    noun only points back (``words/back_reference_nouns.txt``): "killed 12 people and injured 40
    others" (people), "more than 200 girls were seized, and 21 of them were freed" (girls).
    None when the number has a noun of its own or no count comes before it."""
    doc = num.doc
    if counted is not None:
        if counted.lower_ not in words("back_reference_nouns"):
            return None
    elif not any(c.dep_ == "prep" and c.lower_ == "of"
                 and any(g.dep_ == "pobj" and g.lower_ in words("back_reference_nouns") for g in c.children)
                 for c in num.children):
        return None
    sent = num.sent
    for t in reversed(doc[sent.start:num.i]):
        if not t.like_num or t.lower_ in MAGNITUDE_WORDS or t.head.i == num.i:
            continue  # not a number, or a part of this figure ("2.3 million others")
        noun = _counted(t)
        if noun is not None and noun.i < num.i and noun.pos_ == "NOUN" and noun.lower_ not in words("back_reference_nouns") \
                and noun.lemma_.lower() not in WEAK_NOUNS and unit_of(noun) is None:
            return noun
        return None  # the count just before is of something else ("$5bn", "2014"): no noun to take
    return None


def _part_of_whom(num) -> tuple[str, str, str, object] | None:
    """(counted noun, change, the set's number, the set's noun) of a part told with "of whom" or "of which":
    "20 people, four of whom were seriously injured", "20 people have been brought in for
    treatment of which four are seriously injured" give ("people", "seriously injured", "20", people).
    The change is the part's own verb, with the adverb that says how badly
    (``words/degree_adverbs.txt``); the set is the nearest counted noun before it."""
    doc = num.doc
    relative = any(c.dep_ == "prep" and c.lower_ == "of" and any(g.lower_ in ("whom", "which") for g in c.children)
                   for c in num.children) or doc[max(num.i - 2, 0):num.i].text.lower() in ("of which", "of whom")
    verb = num.head
    if not relative or num.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ != "VERB":
        return None
    change = change_class(verb.lemma_)
    if change not in EVENT_CHANGES:
        return None
    sent = num.sent
    counts = [t for t in doc[sent.start:num.i] if t.like_num and t.dep_ == "nummod" and t.head.pos_ == "NOUN"
              and t.head.i < num.i]
    if not counts:
        return None
    whole = counts[-1]
    degree = [c.lower_ for c in verb.children if c.dep_ == "advmod" and c.lower_ in words("degree_adverbs")]
    return noun_class(whole.head.lemma_, whole.head.text), " ".join(degree + [change]), whole.text, whole.head


# The shortest name a hashtag may open with before its counted noun ("#Chibokgirls").
MIN_TAG_NAME = 3


def _hashtag_parts(counted) -> tuple[str, str] | None:
    """A hashtag that runs a name and a counted noun together ("21 of the #Chibokgirls"): the
    name as the owner and the noun's class ("Chibok", "girls"), as a reader says it; else None."""
    word = counted.text.lstrip("#")
    if not (counted.text.startswith("#") or (counted.i > 0 and counted.doc[counted.i - 1].text == "#")) \
            or not word.isalpha():
        return None
    for k in range(MIN_TAG_NAME, len(word) - 2):
        tail = word[k:].lower()
        for lemma in (tail, tail[:-1] if tail.endswith("s") else tail):
            if lemma in NOUN_CLASSES or lemma in PEOPLE_NOUNS:
                return word[:k], lemma
    return None


def _nation_of(noun) -> str | None:
    """The people's adjective on a currency noun ("Egyptian" in "Egyptian pounds"), or None."""
    for c in noun.children:
        if c.dep_ in ("amod", "compound") and c.i < noun.i and c.text[:1].isupper() and c.is_alpha \
                and c.i > c.sent.start and c.lower_ not in words("sterling_names"):
            return c.text
    return None


def _closed_compound(counted) -> str | None:
    """The class of a counted noun written open that the noun table knows written closed:
    "service members" as "servicemember" (troops), "crew members" as "crewmember"; else None."""
    prev = counted.doc[counted.i - 1] if counted.i > 0 else None
    if prev is None or prev.dep_ != "compound" or prev.head.i != counted.i or not prev.is_alpha:
        return None
    return NOUN_CLASSES.get(prev.lower_ + counted.lemma_.lower())


def _conversion(doc, unit_token, end: int) -> str | None:
    """The same figure in other units, in parentheses right after it: "140,000 pounds
    (63,500kg)", "7 miles per second (11 km/s; 24,600 mph)". The text's own conversion, kept
    so a reader sees both, as the article printed them."""
    i = unit_token.i + 1 if unit_token is not None else end
    while i < len(doc) and doc[i].lower_ in ("per", "a", "an", "second", "hour", "day", "of") and i < end + 4 \
            and doc[i].text != "(":
        i += 1  # "miles per second (...)"
    if i >= len(doc) or doc[i].text not in ("(", "-LRB-"):
        return None
    close = next((k for k in range(i + 1, min(i + 14, len(doc))) if doc[k].text in (")", "-RRB-")), None)
    if close is None:
        return None
    inner = " ".join(doc[i + 1:close].text.split())
    if not re.match(r"(?:about|around|nearly|some|roughly|more than|up to)?\s*[\d$£€]", inner) \
            or not re.search(r"[A-Za-z%$£€]", inner):
        return None
    return inner


def _describes(counted, value) -> bool:
    """A singular counted noun joined to the noun after it: "a 193-page report" (not "11 workers")."""
    return (counted.dep_ in ("compound", "amod", "nmod") and counted.head.pos_ == "NOUN"
            and counted.head.i > counted.i and counted.tag_ == "NN" and value != 1)


AGE_UNITS = {"year": "years", "month": "months", "week": "weeks", "day": "days"}
MAX_AGE = 120


def _age_holder(num):
    """Who a number is the age of, and the age's unit: "Martin Roe, 30," (a person's name or a
    noun for a person, with the number in apposition), "a 42-year-old driver", "the driver,
    aged 42". The tagger reads these as dates; they are figures of that person."""
    doc = num.doc
    nxt = doc[num.i + 1: num.i + 5]
    words_after = [t.lower_ for t in nxt if t.text not in ("-", "–")]
    if len(words_after) >= 2 and words_after[1] == "old" and words_after[0].rstrip("s") in AGE_UNITS:
        old = next(t for t in nxt if t.lower_ == "old")
        if old.dep_ == "amod" and old.head.pos_ in ("NOUN", "PROPN"):
            return old.head, AGE_UNITS[words_after[0].rstrip("s")]  # "a 42-year-old driver"
        if old.head.dep_ == "appos" or num.dep_ == "appos":
            holder = old.head.head if old.head.dep_ == "appos" else num.head
            return holder, AGE_UNITS[words_after[0].rstrip("s")]  # "Jane Roe, 42 years old,"
        return None, None
    prev = doc[num.i - 1] if num.i > 0 else None
    if prev is not None and prev.lower_ == "aged" and prev.head.pos_ in ("NOUN", "PROPN"):
        return prev.head, "years"  # "the driver, aged 42"
    if num.dep_ == "appos" and prev is not None and prev.text in (",", "(") and num.head.i < num.i \
            and (num.i + 1 >= len(doc) or doc[num.i + 1].text in (",", ")", ".")) \
            and (num.head.ent_type_ == "PERSON" or num.head.pos_ == "NOUN"):
        return num.head, "years"  # "Martin Roe, 30, from Croydon"; "the boy, 4,"
    return None, None


def _age_claims(article, sent, analysis) -> list[Claim]:
    """Ages of the people in a sentence, each a figure of that person ("age of Martin Roe"),
    so that two reports giving one person different ages are set side by side."""
    out = []
    for t in sent:
        if not t.like_num or t.ent_type_ not in ("DATE", "CARDINAL", ""):
            continue
        holder, unit = _age_holder(t)
        if holder is None or not (sent.start <= holder.i < sent.end):
            continue
        fig = parse_figure(t.text)
        if fig is None or not isinstance(fig.value, (int, float)) or not 0 < fig.value <= MAX_AGE:
            continue
        if holder.ent_type_ == "PERSON":
            ent = next(e for e in sent.doc.ents if e.start <= holder.i < e.end)
            who = ent.text
        elif holder.pos_ == "NOUN":
            mods = [c.lower_ for c in holder.children if c.dep_ == "compound" and c.i < holder.i]
            who = " ".join(mods + [holder.lower_])
        else:
            continue
        # "a 3-year-old boy fell into the den at another zoo in 1996": the age of someone in an
        # earlier event is no figure of today's (the same rule as counts, see past_year)
        when = past_year(holder, article.published.date or analysis.anchor)
        label = f"age of {who}" + (f" in {when}" if when and when.isdigit() else " (earlier)" if when == "earlier" else "")
        # Set beside a name ("announced that her relationship with Michael Sheen, 49, is over"),
        # an age is how the writer tells who is who, even inside what someone announced; only a
        # quotation makes it the speaker's. An unnamed one's age ("the 42-year-old driver is being
        # held, police said") is what the report tells about them.
        named = holder.ent_type_ == "PERSON"
        att = attribute(sent, holder) if not named or inside_quote(t) else Attribution()
        out.append(_make(article, sent, analysis, label, fig.value, unit, att))
    return out


YEAR = re.compile(r"(?:1[89]|20)\d\d")


def _founding_claims(article, sent, analysis) -> list[Claim]:
    """The year a named body was founded ("He created SpaceX in 2002", "the group, formed in
    1998,"): a figure of that body, labelled "<name> founded (year)", so that outlets giving
    two years for one founding are set side by side. The body must be named (an organisation or
    a proper noun): "created a new team in 2002" tells no founding anyone checks."""
    out = []
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in words("founding_verbs"):
            continue
        year = next((g for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"
                     for g in c.children if g.dep_ == "pobj" and YEAR.fullmatch(g.text)), None)
        if year is None:
            continue
        if verb.dep_ == "acl" or any(c.dep_ == "nsubjpass" for c in verb.children):
            body = verb.head if verb.dep_ == "acl" else next(c for c in verb.children if c.dep_ == "nsubjpass")
        else:
            body = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if body is None or body.pos_ != "PROPN" and body.ent_type_ != "ORG":
            continue
        ent = next((e for e in sent.doc.ents if e.start <= body.i < e.end and e.label_ == "ORG"), None)
        if ent is not None:
            name = " ".join(t.text for t in ent if t.dep_ != "det")
        else:  # "Public Citizen": the name with the words the parser hung on it
            name = " ".join(t.text for t in sent.doc[body.left_edge.i:body.i + 1] if t.dep_ in ("compound", "nmod")
                            or t.i == body.i)
            if not all(t.pos_ == "PROPN" for t in sent.doc[body.left_edge.i:body.i + 1] if t.dep_ != "det") \
                    or any(c.dep_ in ("cc", "conj") for c in body.children):
                continue  # "Win or Lose Oil": a name the parser broke apart
        out.append(_make(article, sent, analysis, f"{name} founded (year)", int(year.text), None, attribute(sent, year)))
    return out


def _than_any(said) -> bool:
    """Whether a comparison is with all the rest ("more thrust than any other rocket")."""
    return any(c.lower_ == "than" and any(g.lower_ == "any" or any(d.lower_ == "any" for d in g.children)
                                          for g in c.subtree if g.i != c.i)
               for c in said.subtree)


def _factor_claims(article, sent, analysis) -> list[Claim]:
    """A ratio told with a comparison ("the most powerful rocket in the world by a factor of two",
    "more thrust than any other rocket -- by a factor of two"): a figure of that comparison,
    labelled "<comparison> (factor)", which outlets give and may give differently. A factor with
    no comparative or superlative in its sentence ("rose by a factor of four") is left out: what
    it compares is not said in a way two outlets would share."""
    out = []
    doc = sent.doc
    for noun in sent:
        if noun.lemma_.lower() not in words("ratio_nouns") or noun.dep_ != "pobj" or noun.head.lower_ != "by":
            continue
        num = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children if g.dep_ == "pobj" and g.like_num), None)
        fig = parse_figure(num.text) if num is not None else None
        if fig is None or not isinstance(fig.value, (int, float)):
            continue
        degree = next((t for t in doc[sent.start:noun.i] if t.tag_ in ("JJS", "RBS", "JJR", "RBR")
                       and not (t.i > 0 and doc[t.i - 1].lower_ == "at")), None)  # "at least" bounds, compares nothing
        if degree is None:
            continue
        said = degree  # "the largest", "bigger"
        if degree.lower_ in ("most", "more", "less", "least"):  # "most powerful", "more thrust"
            said = degree.head if degree.head.i > degree.i else None
            if said is None:
                continue
        while said.dep_ in ("compound", "amod") and said.head.i > said.i:
            said = said.head  # "more liftoff punch"
        label = " ".join(t.lower_ for t in doc[degree.i:said.i + 1] if t.pos_ in ("ADJ", "NOUN", "ADV"))
        if degree.tag_ in ("JJS", "RBS") or degree.lower_ == "most" or _than_any(said):
            # "the most powerful rocket" and "more punch than any other rocket" both tell one
            # thing ahead of all the rest, in whatever words; two such leads in one story are rare
            label = "lead over all others"
        out.append(_make(article, sent, analysis, f"{label} (factor)", fig.value, "times",
                         attribute(sent, num)))
    return out


CLOCK_UNIT = "local time"
RECENT_DAYS = 2  # a clock time dated further back than this tells an earlier happening, not the story's


def _clock_claims(article, sent, analysis) -> list[Claim]:
    """The clock time of the story's happening (``words/happening_verbs.txt``): "The attack
    happened at around 11:30pm local time" gives "time of incident" = about 23:30, in the zone
    the text names, else local time. Outlets and witnesses give this time and may give it
    differently; a time of some other act ("police were called at 6.10") or of an earlier day
    is left out, as is a time bounded only ("after 6pm")."""
    out = []
    doc = sent.doc
    for tx in analysis.timexes:
        if tx.type != "TIME" or not (sent.start_char <= tx.start < sent.end_char) or not tx.value \
                or not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", tx.value):
            continue
        span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
        if span is None:
            continue
        day = tx.value[:10]
        published = (article.published.date or analysis.anchor or "")[:10]
        if published and (len(published) < 10 or _days_between(day, published) > RECENT_DAYS):
            continue
        # "happened at around 11:30pm": the time is the object of a preposition of the verb; a
        # live page's "12.40 pm:" before a quotation is a time stamp, not a time of anything
        time = span[0]
        while time.dep_ in ("nummod", "quantmod", "compound", "advmod") and time.head.i != time.i \
                and span.start <= time.head.i < span.end:
            time = time.head  # "11" of "11pm": the time is the phrase's head
        prep = time.head
        while prep.dep_ in ("advmod", "pobj") and prep.head.pos_ in ("ADP", "ADV") and prep.head.i != prep.i:
            prep = prep.head  # "shortly after 6am", "at around 6am"
        if time.dep_ != "pobj" or prep.pos_ != "ADP":
            continue
        verb = prep.head
        if verb.pos_ not in ("VERB", "AUX") or _not_done(verb):
            continue
        if verb.lemma_.lower() in words("happening_verbs"):
            subject = "time of incident"
        elif verb.lemma_.lower() in words("alarm_verbs") and any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
            # "Police were called at 6.10", "we were alerted at 6.13": when the alarm was raised,
            # which each service gives from its own log, often to a different minute
            subject = "time emergency services were called"
        else:
            continue
        before = " ".join(t.lower_ for t in doc[max(sent.start, span.start - 3):span.start]
                          if t.lower_ not in ("at", "from"))
        qualifier = next((q for q in sorted(words("clock_approximations"), key=len, reverse=True)
                          if before.endswith(q)), None)
        if qualifier is None and before.split()[-1:] in (["after"], ["before"], ["until"]):
            continue  # "after 6pm": a bound, not a time
        zone = re.search(r"\b(?:[A-Z]{2,4}T|GMT|UTC)\b", tx.text)
        unit = zone.group() if zone else CLOCK_UNIT
        out.append(_make(article, sent, analysis, subject, tx.value[11:16], unit, attribute(sent, verb),
                         qualifier=qualifier))
    return out


def _not_done(verb) -> bool:
    """An act negated ("didn't derail at about 5am") or only supposed ("he would only need to
    do the scene three times"): no time, span or count of anything that happened or is planned."""
    for v in (verb, verb.head if verb.dep_ in ("xcomp", "ccomp") else None):
        if v is not None and any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in words("hypothetical_modals")) for c in v.children):
            return True
    return False


# A span in seconds or minutes is a moment of the happening ("slid for eight to ten seconds");
# spans of hours are mostly plans and operations ("the cap will be shut for 48 hours"), whose
# equal numbers say nothing of one thing
SPAN_UNITS = {"second": "seconds", "minute": "minutes"}


def _span_and_repeat_claims(article, sent, analysis) -> list[Claim]:
    """How long an act lasted, in seconds or minutes ("the tram slid for between eight
    and 10 seconds": "slid for (seconds)" = 8-10), and how many times it is done ("the upper
    stage will fire three times": "fire (times)" = 3). Both are figures of the act, whoever
    does it ("the tram" in one outlet, "the carriages" in another), so the label is the verb.
    A vague amount ("for several minutes"), "a minute of applause" and longer spans (see
    ``SPAN_UNITS``) are left out."""
    out = []
    for t in sent:
        lemma = t.lemma_.lower()
        if t.pos_ != "NOUN":
            continue
        if lemma in SPAN_UNITS and t.dep_ == "pobj" and t.head.lower_ == "for" and t.head.head.pos_ == "VERB":
            verb, unit, label_tail = t.head.head, SPAN_UNITS[lemma], "for"
        elif lemma in SPAN_UNITS and t.dep_ == "npadvmod" and t.head.lower_ in ("late", "early") \
                and t.head.head.pos_ == "VERB":
            # "left about 10 minutes late": how late or early the act came, a figure of the act
            verb, unit, label_tail = t.head.head, SPAN_UNITS[lemma], t.head.lower_
        elif t.lower_ == "times" and t.dep_ == "npadvmod" and t.head.pos_ == "VERB" and not (
                t.i + 1 < sent.end and (t.nbor(1).lower_ in words("times_ratio_words")
                                        or t.nbor(1).tag_ in ("JJR", "RBR"))):
            # "rose three times as fast", "three times the size": a ratio, not a count of acts;
            # "three times a week": a rate
            verb, unit, label_tail = t.head, "times", ""
        elif t.lower_ == "times" and t.i + 2 < sent.end and (
                (t.nbor(1).lower_ == "as" and t.nbor(2).pos_ in ("ADJ", "ADV"))
                or t.nbor(1).tag_ in ("JJR", "RBR") or (t.nbor(1).lower_ == "the" and t.nbor(2).pos_ == "NOUN")):
            # "travel ten times as fast as a normal eddy", "up to ten times the speed of normal
            # eddies", "run five times faster": how many times more, a figure of the act compared
            verb = next((a for a in t.ancestors if a.pos_ == "VERB"), None)
            if verb is None:
                continue
            unit, label_tail = "times", "(ratio)"
        else:
            continue
        if is_report_verb(verb) or verb.lemma_.lower() == "be" or _not_done(verb):
            continue
        nums = [c for c in t.children if c.dep_ in ("nummod", "quantmod") or c.like_num]
        if not nums and label_tail == "(ratio)" and t.head.like_num and t.head.i < t.i:
            nums = [t.head]  # "up to ten times the speed": the parser hangs "times" on the number
        if not nums:
            continue
        first = min(min(c.left_edge.i for c in nums), min(c.i for c in nums))
        fig = parse_figure(sent.doc[first:t.i].text)
        if fig is None or isinstance(fig.value, str):
            continue
        act = participle(verb.lemma_.lower(), verb.text, verb.tag_)
        if label_tail in ("late", "early"):
            act = " ".join([act] + [c.lower_ for c in verb.children if c.dep_ == "prt"])  # "taken off late"
        label = " ".join(w for w in (act, label_tail) if w) + ("" if label_tail == "(ratio)" else f" ({unit})")
        att = attribute(sent, verb)
        if att.source is None and att.verb is None and not att.background and inside_quote(t):
            att.source = quote_speaker(t)
            if att.source is None:
                continue  # a figure in a quote whose speaker the text does not name: not the outlet's own
        out.append(_make(article, sent, analysis, label, fig.value, unit, att, qualifier=fig.qualifier))
    return out


def _length_claims(article, sent, analysis) -> list[Claim]:
    """How long a named thing lasts, told as a compound before it: "an 18-month investigation"
    gives "length of investigation" = 18 months, "a 20-year sentence", "a five-year prison term".
    The tagger reads these as dates; outlets give them and may give them differently. A term
    someone was sentenced to ("sentenced Morsi to three years in prison") is the length of that
    sentence; one given earlier ("had already been sentenced to 25 years") is not today's."""
    from storyline.annotate.timex_lexicon import unit_of as time_unit

    out = []
    doc = sent.doc
    published = article.published.date or analysis.anchor
    for t in sent:
        if not t.like_num or t.dep_ != "nummod" or time_unit(t.head.text) is None:
            continue
        unit_tok = t.head
        fig = parse_figure(t.text)
        if fig is None or not isinstance(fig.value, (int, float)) or fig.value <= 0:
            continue
        unit = re.sub(r"([^aeiou])y$", r"\1ie", time_unit(unit_tok.text)) + "s"  # "centuries", "days"
        thing = unit_tok.head
        if t.i + 2 < len(doc) and doc[t.i + 1].text == "-" and doc[t.i + 2].lower_ == "and":
            continue  # "a two-and-a-half hour window": the tagger splits the number
        if (unit_tok.dep_ in ("compound", "amod", "nmod") and t.i + 1 < len(doc) and doc[t.i + 1].text == "-"
                and thing.pos_ == "NOUN" and thing.i > unit_tok.i and thing.lower_ != "old"
                and time_unit(thing.text) is None and thing.lemma_.lower() not in words("timeless_length_nouns")
                and not (unit_tok.text[:1].isupper() and thing.text[:1].isupper())):  # "the Six-Day War": a name
            mods = [c.lower_ for c in thing.children if c.dep_ == "compound" and unit_tok.i < c.i < thing.i]
            label = LENGTH_LABEL + " ".join(mods + [thing.lower_])
            when = past_year(thing, published)
            if when and when.isdigit():
                label += f" in {when}"
        elif unit_tok.dep_ == "pobj" and unit_tok.head.lower_ == "to" \
                and unit_tok.head.head.lemma_.lower() in words("sentencing_verbs"):
            verb = unit_tok.head.head
            who = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
            ent = next((e for e in doc.ents if who is not None and e.start <= who.i < e.end
                        and e.label_ == "PERSON"), None)
            label = "prison sentence" + (f" of {ent[-1].text}" if ent is not None else "")
        else:
            continue
        verb = next((a for a in t.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if verb is not None and any(c.lower_ in wordlists.words("background_adverbs")
                                    or (c.tag_ == "VBD" and c.lemma_ == "have") for c in verb.children):
            continue  # "had already been sentenced to 45 years", "Earlier, he was handed a 20-year term"
        out.append(_make(article, sent, analysis, label, fig.value, unit, attribute(sent, t)))
    return out


def _days_between(a: str, b: str) -> int:
    import datetime as dt

    try:
        return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)
    except ValueError:
        return 0


def _fact_box_claims(article, sent, analysis) -> list[Claim]:
    """The measurements of a fact box ("Height: 70 meters (229.6 feet) Mass: ..."), one claim
    a line, the label and the box's heading as subject (see :mod:`storyline.compare.factbox`).
    A box is read line by line: the sentence splitter may join it to the prose after it."""
    out = []
    body = article.body
    for m in re.finditer(r"[^\n]+", body[sent.start_char:sent.end_char]):
        line_start = sent.start_char + m.start()
        text = m.group()
        found = factbox.entries(text)
        if not found:
            continue
        box = sent.doc.char_span(line_start, line_start + len(text.rstrip()), alignment_mode="expand")
        if box is None:
            continue
        owner = factbox.heading(text)
        for label, start, end, value in found:
            measured = factbox.measurement(value)
            if measured is None:
                continue
            number, qualifier, unit, other = measured
            what = factbox.label_words(label)
            subject = f"{owner} {what} ({unit})" if owner else f"{what} ({unit})"
            claim = _make(article, box, analysis, subject, number, unit, Attribution(),
                          text=text[start:end].strip(), qualifier=qualifier)
            claim.id = claim_id(article.id, line_start + start, subject)
            claim.converted = other
            out.append(claim)
    return out


def _tally_claims(article, sent, analysis) -> list[Claim]:
    m = TALLY.search(sent.text)
    if not m:
        return []
    a, b = (m.group("a"), m.group("b")) if m.group("a") else (m.group("c"), m.group("d"))
    doc = sent.doc
    after = next((t for t in sent if t.idx >= sent.start_char + m.end() and not t.is_space), None)
    if m.group("a") and after is not None and after.tag_ == "NNS" and after.lemma_.lower() != "vote":
        return []  # "rejects 70 to 80 applicants": a range of a count, not a vote's score
    verb = next((t for t in sent if t.lemma_.lower() in wordlists.words("tally_verbs") and t.pos_ == "VERB"), None)
    body = None
    if verb is not None:
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            propn = [t for t in subj.subtree if t.pos_ == "PROPN"]
            # the voting body: the last run of proper nouns ("House of Commons"), else the subject noun
            run = []
            for t in reversed(propn):
                if run and t.i != run[0].i - 1:
                    break
                run.insert(0, t)
            body = owner_name(" ".join(t.text for t in run)) if run else subj.lemma_.lower()
    subject = f"{body} vote" if body else "vote"
    att = attribute(sent, verb if verb is not None else sent.root)
    start = sent.start_char + m.start()
    text = sent.text.strip()
    claim = _make(article, sent, analysis, subject, f"{int(a)}-{int(b)}", "votes for-against", att, text=text,
                  kind="tally")
    claim.id = claim_id(article.id, start, subject)
    del doc
    return [claim]


def _response_claims(article, sent, analysis) -> list[Claim]:
    """ "Russia has not confirmed the presence of the troops": a party's response to a claim."""
    out = []
    for v in sent:
        lemma = v.lemma_.lower()
        if v.pos_ != "VERB" or lemma not in CONFIRM_VERBS:
            continue
        negated = any(c.dep_ == "neg" or c.lower_ in ("neither", "never") for c in v.children)
        declined = v.head.lemma_.lower() in ("decline", "refuse", "fail") and v.dep_ == "xcomp"
        if lemma == "comment" and not (negated or declined):
            continue
        holder = v.head if declined else v
        party = _subject_of_clause(holder)
        if party is None or party.lemma_.lower() in words("image_nouns"):
            continue  # "the pictures seem to confirm early rumours": a picture answers nothing
        obj = _object_of(v)
        if obj is None and v.dep_ == "conj":
            obj = _object_of(v.head)
        if obj is None:
            for c in v.head.children if v.dep_ == "preconj" else []:
                obj = _object_of(c)
        if obj is None and negated:  # "neither confirmed nor denied X": X hangs on the second verb
            for c in v.children:
                if c.dep_ == "conj" and c.lemma_.lower() in CONFIRM_VERBS:
                    obj = _object_of(c)
        if obj is None:
            # "acknowledged making an awkward pass but denied physical assault": the second
            # verb's object is what it answers, and the loop reaches that verb next
            continue
        if lemma == "deny" and (obj.lemma_.lower() in words("granted_things") or any(
                c.dep_ == "dative" or (c.dep_ == "dobj" and c.lemma_.lower() in words("granted_things"))
                for c in v.children)):
            continue  # "denied them visas", "was denied bail": a thing refused, not a claim denied
        if lemma in ("reject", "dispute", "refute") and obj.lemma_.lower() not in ASSERTION_NOUNS:
            continue  # "rejected a proposed cap": opposing a plan, not answering a claim
        who = owner_name(ent_text(party)) if (party.ent_type_ or party.pos_ == "PROPN") else party.lemma_.lower()
        what = _object_key(obj, sent, who)
        if not what:
            continue
        if lemma in ("deny", "dispute", "refute", "reject") and not negated:
            value = "denied"
        elif lemma == "comment" and not declined:
            value = "has not commented"  # "Samsung has not commented": not asked, or not yet; no refusal
        elif lemma == "comment":
            value = "declined to comment"
        elif negated or declined:
            value = "not confirmed"
        else:
            value = "confirmed"
        if v.dep_ == "xcomp" and v.head.lemma_.lower() in ("seem", "appear"):
            value = "apparently " + value  # "the pictures seem to confirm early rumours"
        subject = f"{who} on {what}"
        att = attribute(sent, holder)
        if att.source is None and not att.background:
            # a party's own response is its statement: "Zelensky confirmed the first encounters"
            att.source = source_phrase(party, sent) if party.lower_ not in PRONOUNS else None
        out.append(_make(article, sent, analysis, subject, value, None, att, text=_clause_text(sent, holder),
                         kind="response"))
        break
    return out


def _subject_of_clause(v):
    for c in v.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in PRONOUNS:
            return c
        if c.dep_ == "nsubj" and c.lower_ in ("which", "who") and v.dep_ == "relcl":
            return v.head
    if v.dep_ == "relcl":
        return v.head
    if v.dep_ in ("conj", "xcomp") and v.head is not v:
        return _subject_of_clause(v.head)
    return None


def _object_of(v):
    for c in v.children:
        if c.dep_ in ("dobj", "ccomp"):
            return c
        if c.dep_ == "prep" and c.lower_ in ("on", "about"):
            g = next((g for g in c.children if g.dep_ == "pobj"), None)
            if g is not None:
                return g
    return None


def _object_key(obj, sent, party: str | None = None) -> str | None:
    """What a response is about, folded like a figure's subject ("the presence of Turkish
    troops on its territory" is about Turkey's troops). A party's own thing is its own, as
    written ("the Red Cross confirmed its role": "its role", not "Red Cross roles" after the
    party's name once more)."""
    n = obj
    for _ in range(3):  # follow "of" down to the thing itself: presence/deployment of the troops
        of = next((c for c in n.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        if pobj is None or pobj.pos_ not in ("NOUN", "PROPN"):
            break
        n = pobj
    if n.pos_ not in ("NOUN", "PROPN"):
        return None
    owner = owner_of(n)
    mine = next((c for c in n.children if c.dep_ == "poss" and c.lower_ in words("possessive_pronouns")), None)
    if n.pos_ == "NOUN" and mine is not None and (owner is None or owner == party):
        return f"{mine.lower_} {n.lower_}"
    return " ".join(p for p in (owner, noun_class(n.lemma_) if n.pos_ == "NOUN" else n.text) if p)


def _clause_text(sent, verb) -> str:
    """The clause of a verb, for a response claim ("Russia has not confirmed the presence ...")."""
    if verb.dep_ == "relcl":
        head = verb.head
        toks = [head] + [t for t in verb.subtree if t.lower_ not in ("which", "who")]
        text = head.text + " " + sent.doc[verb.left_edge.i: verb.right_edge.i + 1].text
        text = re.sub(r"^(\S+)\s+(?:which|who)\s+", r"\1 ", text)
        del toks
        return text
    return _claim_text(sent, Attribution())


def _assertion_claims(article, sent, analysis) -> list[Claim]:
    """A hedged, anonymous or reported statement without a figure."""
    root = sent.root
    candidates = [root] + [c for c in root.children if c.dep_ in ("ccomp", "conj")]
    for v in candidates:
        if v.pos_ not in ("VERB", "AUX"):
            continue
        if is_report_verb(v):
            content = next((c for c in v.children if c.dep_ == "ccomp"), None)
            if content is None:
                continue
            v = content
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        obj = next((c for c in v.children if c.dep_ in ("dobj", "attr", "acomp")), None)
        if subj is not None and obj is None and subj.dep_ == "nsubjpass" and subj.lower_ not in PRONOUNS:
            found = _reported_happening(article, sent, analysis, v, subj)
            if found is not None:
                return [found]
        if subj is None or subj.lower_ in PRONOUNS or obj is None:
            continue
        att = attribute(sent, v)
        reported = att.verb is not None and att.source is not None
        if not (att.hedges or att.anonymous or (reported and att.verb.lemma_.lower() in wordlists.words("assertion_reporting_verbs"))):
            continue
        if (att.projected or any(h in ("may", "might", "could") for h in att.hedges)) and not att.source:
            continue  # a possibility or forecast, not a checkable statement
        if any(c.lower_ in ("should", "must", "ought") and c.dep_ == "aux" for c in v.children):
            continue  # "the logo should reflect the spill": an opinion of what ought to be
        if att.source and att.source.lower().split()[-1] in words("generic_sources"):
            continue  # "Others claim ...", "critics say ...": one side of a debate, not a checkable statement
        if obj.lemma_.lower() in words("evaluative_nouns"):
            continue  # "is the latest evidence of", "has a lot to prove": an appraisal, not a fact
        who = owner_name(ent_text(subj)) if (subj.ent_type_ or subj.pos_ == "PROPN") else subj.lemma_.lower()
        mods = [c.lower_ for c in obj.children if c.dep_ in ("amod", "compound") and c.pos_ in ("ADJ", "NOUN", "PROPN")]
        what = " ".join(mods + [obj.lemma_.lower()])
        negated = any(c.dep_ == "neg" for c in v.children)
        subject = f"{who} {v.lemma_.lower()} {what}"
        return [_make(article, sent, analysis, subject, assertion_value(negated, att.hedges), None, att, kind="assertion")]
    return []


# Hedges by which an outlet passes on what others say without standing behind it.
HEARSAY_HEDGES = wordlists.words("hearsay_hedges")


def assertion_value(negated: bool, hedges: list[str]) -> str:
    """An assertion's value in words: "yes"/"no" when the sentence states it, "reportedly" when
    the outlet relays it ("Samsung will reportedly integrate its own neural engine"),
    "possibly" when a modal or a hedging verb makes it a possibility ("the renderings show the
    firm may amend this", "rumours suggest Samsung may introduce a dual-lens camera"): a
    hedged statement shown as "yes" would present a guess as a fact."""
    from storyline.compare.attribution import HEDGE_VERBS, MODALS

    def verb(h: str) -> str | None:
        """The hedging verb a hedge is a form of ("claimed" -> claim, "alleges" -> allege)."""
        h = h.lower()
        forms = [h] + [h[:-len(end)] for end in ("s", "d", "ed") if h.endswith(end)]
        return next((f for f in forms if f in HEDGE_VERBS), None)

    said = next((b for h in hedges if (b := verb(h))), None)
    if any(h in HEARSAY_HEDGES for h in hedges):
        value = "reportedly"
    elif any(h in MODALS for h in hedges) or (said is None and any(h != "earlier figure" for h in hedges)):
        value = "possibly"
    elif said is not None:
        # "The US, South Korea and Ukraine claimed that ...": theirs to stand behind, as they put it
        value = wordlists.table("relaying_verb_values").get(said, "possibly")
    else:
        return "no" if negated else "yes"
    return value + (" not" if negated else "")


def _reported_happening(article, sent, analysis, verb, subj) -> Claim | None:
    """ "The driver of the tram has been arrested, police said": something the news tables
    know (arrested, killed, released, ...) done to one named or described party (singular: a
    set of people is a count, for the figures), as a named
    source reports it. The party is the subject's noun with its compounds ("tram driver"),
    never a pronoun; an unattributed or anonymous telling is left out, so that every such
    claim has a speaker a fact-checker can quote."""
    change = change_class(verb.lemma_)
    if change not in EVENT_CHANGES or subj.pos_ not in ("NOUN", "PROPN"):
        return None
    if subj.pos_ == "NOUN" and (subj.tag_ != "NN" or not any(c.dep_ in ("det", "poss") for c in subj.children)):
        # "Lives have been lost": no one party; "the girls were freed": a set, whose count the
        # figures compare (and whose subject they would share)
        return None
    att = attribute(sent, verb)
    if att.verb is None or not att.source or att.anonymous or att.projected or att.hedges \
            or att.source.split()[0].lower() in ("a", "an"):
        return None  # "a spokesman", "a source": no speaker a reader can hold to it
    if subj.pos_ == "PROPN" or subj.ent_type_:
        who = owner_name(ent_text(subj))
    else:
        mods = [c.lower_ for c in subj.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
        who = " ".join(mods + [subj.lower_])
    negated = any(c.dep_ == "neg" for c in verb.children)
    return _make(article, sent, analysis, f"{who} {change}", "no" if negated else "yes", None, att,
                 kind="assertion")


def _said_before(doc, i: int, value) -> bool:
    """Whether the article's text before token ``i`` already gave the number ``value``, as a
    figure or not ("exchanged for four militants" before "the four militants were brought")."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    for t in doc[:i]:
        if t.like_num:
            fig = parse_figure(t.text)
            if fig is not None and fig.value == value:
                return True
    return False


def _total_of(num):
    """The noun "a total of 51" stands in for, whose verb says what the 51 are; else None."""
    if num.dep_ == "pobj" and num.head.lower_ == "of" and num.head.head.lemma_.lower() == "total":
        return num.head.head
    return None


def _headline_figures(title: str | None) -> set[str]:
    """The numbers a headline gives, as the keys ``_figure_claims`` tells figures by."""
    out = set()
    for m in re.finditer(r"\b\d[\d,]*(?:\.\d+)?\b|\b[A-Za-z]+(?:-[A-Za-z]+)?\b", title or ""):
        fig = parse_figure(m.group(0)) if m.group(0)[0].isdigit() or m.group(0).lower() not in ("a", "an") else None
        if fig is not None and isinstance(fig.value, (int, float)):
            out.add(str(fig.value))
    return out


def extract_claims(article: Article, doc, analysis: ArticleAnalysis) -> list[Claim]:
    """Claims of one article: figures, responses and reported assertions, each with its evidence."""
    out: list[Claim] = []
    sentences = analysis.sentences or [type("S", (), {"start": s.start_char, "end": s.end_char})() for s in doc.sents]
    readers = comments_start(article.body)
    # "the 21 girls" in a body whose headline says "21 Girls ... Released" refers back to it
    told: set = _headline_figures(article.title)
    for s in sentences:
        if readers is not None and s.start >= readers:
            break
        span = doc.char_span(s.start, s.end, alignment_mode="expand")
        if span is None or not span.text.strip():
            continue
        sent = span if span.root is not None else None
        if sent is not None and ":" in sent.text:
            # a box of "Label: value" measurements has no verb, but each line is a figure
            out.extend(_fact_box_claims(article, sent, analysis))
        if sent is None or not _is_prose(sent) or is_furniture(sent) or is_caption(sent.text) \
                or is_picture_line(sent) or is_promo(sent, article.outlet):
            continue
        # Mostly a quote: its figures are the speaker's (attributed, or dropped when nobody is
        # named); its wording is not an assertion or response of the outlet's to restate.
        quoted = _quoted_share(sent.text) > 0.5
        try:
            found = _tally_claims(article, sent, analysis)
            tallied = {c.subject for c in found}
            found += [c for c in _figure_claims(article, sent, analysis, told)
                      if not (tallied and c.unit == "votes")]
            found += _age_claims(article, sent, analysis)
            figures = bool(found)
            # when a happening happened, how long or how often an act was done and the year a body
            # was founded are details of a sentence: what it states is still its assertion
            found += _founding_claims(article, sent, analysis)
            found += _factor_claims(article, sent, analysis)
            found += _clock_claims(article, sent, analysis)
            found += _span_and_repeat_claims(article, sent, analysis)
            found += _length_claims(article, sent, analysis)
            if not quoted:
                found += _response_claims(article, sent, analysis)
            if not figures and not quoted:
                found += [c for c in _assertion_claims(article, sent, analysis)
                          if all(c.subject != f.subject for f in found)]
        except Exception:  # noqa: BLE001 - an odd parse must not lose the article's other claims
            log.debug("claims: sentence at %d of %s skipped", s.start, article.id, exc_info=True)
            continue
        out.extend(found)
    names = initials(article.body)
    seen: dict = {}
    unique = []
    for c in out:
        c.attributed_to = _spell_out(c.attributed_to, names)
        # A sentence printed twice (a pull quote, a caption repeated under a second photo) is one
        # statement: one claim, the one that names its source.
        said = (" ".join(c.evidence[0].quote.split()) if c.evidence else c.text, str(c.value), c.unit, c.subject)
        if c.id in seen or said in seen:
            kept = seen.get(c.id) or seen.get(said)
            if kept is not None and not kept.attributed_to and c.attributed_to:
                unique[unique.index(kept)] = c
                seen[c.id] = seen[said] = c
            continue
        seen[c.id] = seen[said] = c
        unique.append(c)
    _name_the_expert(unique, doc)
    return unique


def _name_the_expert(claims: list[Claim], doc) -> None:
    """An unnamed specialist ("a leading space expert", "says expert" in a standfirst) in an
    article whose only named person quoted as a source is one of its people: that person, as
    news style introduces a source by role before naming them. With two named people, or none,
    the role stays unnamed."""
    roles = words("expert_roles")
    people = {e.text.split()[-1] for e in doc.ents if e.label_ == "PERSON"}
    named: dict[str, str] = {}
    for c in claims:
        if c.attributed_to and not c.anonymous and c.attributed_to.split()[-1] in people:
            last = c.attributed_to.split()[-1]
            named[last] = max(named.get(last, ""), c.attributed_to, key=len)
    if len(named) != 1:
        return
    (name,) = named.values()
    for c in claims:
        who = (c.attributed_to or "").lower().split()
        if c.anonymous and who and len(who) <= 5 and who[-1] in roles and (len(who) == 1 or who[0] in ("a", "an", "the")):
            c.attributed_to, c.anonymous = name, False


from storyline.compare.comparison import compare_claims  # noqa: E402,F401  (public API lives here)
