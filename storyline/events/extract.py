"""Event mentions: from each sentence, the happening(s) it reports.

A sentence reports an event when one of its predicates is a completed, asserted action: a
verb in the simple past ("resigned", "was arrested"), not negated, not modal or future ("will
take effect"), not a state ("includes", "remain", "have been rivals") and not a present
perfect with no time ("have grown apart": background). For each such predicate we keep

* the trigger (verb lemma), the actor (subject, or the passive's "by" agent), the target
  (object, or the passive subject) and a location ("in Nairobi");
* the time expression attached to that predicate in the dependency tree; failing that, the
  publication date, but only for a simple past with no other time in the sentence (news
  reports yesterday's and today's happenings that way);
* the attribution ("according to X", "X said");
* the evidence: the sentence's character span in the cleaned body.

Reported speech: "The UN envoy said on Thursday that 4,000 people had fled the fighting" is
the statement's event (the time is the saying's); "Kenya approved the loan, state media
reported on Tuesday" is the approval, known only to be no later than Tuesday.

The event's one-line ``text`` is the sentence made to read at a glance (``neutral_text``):
an attribution tail that only passes the news on is dropped (", the agency said"), an event
told in a clause of its own keeps that clause, and long lines stop at a non-restrictive
clause. Verbs that take sides ("claimed", "alleged") stay; the evidence keeps every word.

Sentences that are not prose (no closing punctuation: headlines, related links, lists) and
photo captions are skipped.
"""

from __future__ import annotations

import datetime as dt
import re

from storyline.events.lexicon import word_classes
from storyline.model import Article, ArticleAnalysis, EventMention, Evidence, TimeExpr
from storyline import words as wordlists

# Verbs whose subject reports what the clause under them says.
REPORTING = wordlists.words("attribution_verbs")
# Verbs by which a source commits less than "say": what is told under them ("the militant claims
# some girls were killed") is the source's claim, not a happening the report stands behind.
HEDGES = wordlists.words("hedge_verbs")
# States, opinions and possession: true of a period, not happenings on a day.
STATIVE = wordlists.words("stative_verbs")
PRESENT_CONTRACTIONS = wordlists.words("present_contractions")
MODALS = wordlists.words("modal_verbs")
# Adverbs that take a past sentence off the day it was reported.
BACKGROUND_ADVERBS = wordlists.words("background_adverbs")
PERIOD_PARTS = wordlists.words("period_parts")

_CAPTION = re.compile(r"\b(?:" + wordlists.alternation("caption_cues") + r")\b", re.I)
_PROSE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s*$|[\"\u201d]\s*$")
MAX_EVENT_CHARS = 600  # longer sentences are not one event (lists, run-on transcripts)
# A timeline line is read at a glance: past this, a non-restrictive clause (", which ...")
# is left to the evidence, and past the hard cap the line is cut at a word.
LINE_CHARS = 180
LINE_MAX_CHARS = 260
MIN_LINE_WORDS = 6  # a trimmed line shorter than this lost its sense: keep the sentence
# Only the first sentences of a report tell the day's news without saying when.
PUBLICATION_DAY_SENTENCES = 5
# A time under these prepositions bounds a state ("since August", "until 2025"), not an event.
BOUND_PREPOSITIONS = wordlists.words("bound_prepositions")


def is_prose(text: str) -> bool:
    """A sentence of running text: closing punctuation and enough words (not a headline or link)."""
    return bool(_PROSE_END.search(text)) and len(text.split()) >= 5


def is_caption(text: str, captions: list[str]) -> bool:
    """Photo captions and credits, by the cleaner's list or by their wording ("file photo", "(L)")."""
    if _CAPTION.search(text):
        return True
    t = " ".join(text.split())
    return any(t and (t in " ".join(c.split()) or " ".join(c.split()) in t) for c in captions if len(c) > 20)


# A reader's comment under the article ("At 2:10 pm on 02 Jun 2009, jo_b wrote: ..."): the
# page's, not the story's. A clock time, a comma, then the writer's handle right before
# "wrote:" (a news sentence quoting a letter, "The minister wrote: ...", has no such stamp).
_COMMENT = re.compile(r"^[^\n]{0,40}?\d{1,2}:\d{2}[^\n]{0,40}?,\s*[\w.-]+ wrote\s?:\s")
# A wire dateline opening the first sentence: "NAIROBI | Mon Mar 4, 2019 9:12 am EST NAIROBI
# (Reuters) - ", "LIMA, Peru (AP) -- ". The place is in capitals right before the agency,
_DATELINE = re.compile(
    r"^(?:[^()]{0,120}?\s)?[A-Z][A-Z.'\u2019/\\-]*(?:\s[A-Z][A-Z.'\u2019/\\-]*)*(?:\s?,\s[A-Z][a-z]+\.?(?:\s\d{1,2}|\s[A-Z][a-z]+)?)?"
    # the agency in brackets, or in a treebank's bracket tokens ("-LRB- Reuters -RRB-")
    r"\s*(?:\([A-Z][\w.&/ ]{0,30}\)|-LRB-\s[A-Z][\w.&/ ]{0,30}?\s-RRB-)\s*[-\u2013\u2014]{1,2}\s+"
    # ... or a place alone in capitals, as the Times and many papers print it ("CAPE
    # CANAVERAL, Fla. \u2014 ", "WASHINGTON \u2014 "), before a dash.
    r"|^[A-Z]{2}[A-Z.'\u2019-]*(?:\s[A-Z]{2}[A-Z.'\u2019-]*)*(?:,\s[A-Z][a-z]+\.?(?:\s[A-Z][a-z]+\.?)?)?\s+[\u2013\u2014]\s+"
    # ... or a page's time stamp run into the first sentence ("17 June 2009 15.39 BST Government
    # officials today warned ...", "June 17, 2009 3:39 PM EDT ...").
    r"|^(?:\d{1,2}\s[A-Z][a-z]+|[A-Z][a-z]+\.?\s\d{1,2},?)\s\d{4},?\s\d{1,2}[.:]\d{2}(?:\s?[AaPp]\.?[Mm]\.?)?(?:\s[A-Z]{2,4})?\s+(?=[A-Z])")


def is_comment(text: str) -> bool:
    """A reader's comment ("..., NAME wrote: ..."), not the article's own text."""
    return bool(_COMMENT.match(" ".join(text.split())))


def strip_dateline(text: str) -> str:
    """The sentence without a wire dateline before it ("CAIRO (Reuters) - Protesters ...")."""
    m = _DATELINE.match(text)
    if m and len(text[m.end():].split()) >= MIN_LINE_WORDS:
        rest = text[m.end():]
        return rest[:1].upper() + rest[1:]
    return text


def _tense(v) -> str | None:
    """'past', 'perfect', 'pastperfect' or None (present, future, modal, infinitive...)."""
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in MODALS or a.tag_ == "MD" for a in auxes):
        return None
    if any(c.dep_ == "neg" for c in v.children):
        return None
    have = [a for a in auxes if a.lemma_ == "have"]
    if have:
        if have[0].lower_ in PRESENT_CONTRACTIONS:
            return "perfect"  # "he's gone": a contraction is never a past
        return "pastperfect" if have[0].tag_ == "VBD" else ("perfect" if have[0].tag_ in ("VBZ", "VBP") else None)
    passive = [a for a in auxes if a.dep_ == "auxpass"]
    if passive:
        return "past" if passive[0].tag_ == "VBD" and passive[0].lower_ not in PRESENT_CONTRACTIONS else None
    if any(a.lemma_ == "do" and a.tag_ == "VBD" for a in auxes):
        return "past"  # "did sign"
    if v.tag_ == "VBD":
        return "past"
    if v.tag_ == "VBN" and v.text.isalpha() and v.text.islower() and v.dep_ not in ("acl", "amod") \
            and any(_full_subject(c) for c in v.children):
        # A participle with a subject of its own and no auxiliary is a finite past the tagger
        # took for a participle after a long subject ("Two New York City subway work trains
        # collided in a tunnel"). A bare noun before it is headline style, a passive with its
        # "is" dropped ("Excitement on launch day guaranteed").
        return "past"
    return None


def _full_subject(c) -> bool:
    """A subject written as prose writes it: a name, a pronoun, or a noun with its determiner,
    number or possessive (headlines drop them)."""
    return c.dep_ == "nsubj" and (c.pos_ == "PRON" or (c.pos_ == "PROPN" and bool(c.ent_type_))
                                  or any(d.dep_ in ("det", "nummod", "poss") for d in c.children))


def _shares_perfect(v) -> bool:
    """A verb joined to a perfect without a subject or an auxiliary of its own shares that
    perfect ("has caused outrage and brought the group to the world's attention"); a past time
    of its own, or of its complement, makes it a past ("have grown stronger and threatened to
    overrun Kunduz last month": checked by the caller)."""
    return (v.dep_ == "conj" and v.head.i != v.i and v.head.pos_ in ("VERB", "AUX")
            and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "aux", "auxpass") for c in v.children)
            and _tense(v.head) in ("perfect", "pastperfect"))


def _slipped_past(v) -> bool:
    """A past joined to a present or future verb without a subject of its own shares that
    verb's tense: "booms will crack ... and slowed" is a tagger's slip, not a past happening."""
    return (v.tag_ == "VBD" and v.dep_ == "conj" and v.head.pos_ in ("VERB", "AUX") and v.head.i != v.i
            and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "aux", "auxpass") for c in v.children)
            and _tense(v.head) is None)


def _core(tok) -> list:
    """The tokens of a noun phrase without its relative clauses, appositions and long modifiers."""
    cut = {t.i for c in tok.children if c.dep_ in ("relcl", "acl", "appos", "prep", "punct") and c.i > tok.i for t in c.subtree}
    return [t for t in tok.subtree if t.i not in cut and t.dep_ != "cc" or t.i == tok.i]


def _phrase(tok, max_words: int = 8) -> str:
    words = _core(tok)[:max_words]
    text = tok.doc[words[0].i:words[-1].i + 1].text  # a span's text: Doc.text would join the whole article
    return " ".join(text.split()).strip(" ,")


def _who(tok, entities) -> str | None:
    """The canonical name(s) in a noun phrase ("Nairobi and Kampala"), else its own words."""
    if tok is None:
        return None
    heads = [tok] + [c for c in tok.children if c.dep_ == "conj"]
    names: list[str] = []
    for h in heads:
        words = _core(h)
        lo, hi = words[0].idx, words[-1].idx + len(words[-1].text)
        # The name must be the phrase's head ("the French Senate"), not a modifier ("French lawmakers").
        inside = [e for e in entities if e.start >= lo and e.end <= hi and e.start <= h.idx < e.end
                  and e.label in ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")]
        if inside:
            names.append(inside[0].canonical)
        elif h.pos_ != "PRON":
            names.append(_phrase(h))
    names = [n for n in dict.fromkeys(names) if n]
    return " and ".join(names) if names else None


def _governing_verb(tok):
    """The predicate a time expression modifies directly ("voted on Thursday"), or None when
    it modifies a noun ("the invasion in 2022") or bounds a state ("since August")."""
    if tok.dep_ == "pobj":
        prep = tok.head
        if prep.lower_ in BOUND_PREPOSITIONS:
            return None
        tok = prep
    if tok.dep_ in ("prep", "npadvmod", "advmod", "tmod", "obl", "nmod", "appos", "pobj", "dobj", "conj") or tok.pos_ == "ADP":
        head = tok.head
        if tok.dep_ == "conj":  # "on Monday and Tuesday"
            return _governing_verb(head)
        if head.pos_ == "VERB" or (head.pos_ == "AUX" and head.dep_ == "ROOT"):
            return head
        return None
    if tok.head.pos_ == "VERB":
        return tok.head
    return None


def _date_of(t: TimeExpr):
    try:
        from storyline.annotate.timex import date_and_precision
    except ImportError:  # the time-expression module not there yet: nothing is dated
        return None, None
    try:
        return date_and_precision(t)
    except Exception:  # noqa: BLE001 - an odd value must not lose the article
        return None, None


REFS = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}


def _dated(t: TimeExpr) -> bool:
    """A time expression that names a calendar time (resolved or not): a date, not "now" or "years"."""
    return t.type in ("DATE", "TIME") and t.kind in ("point", "range", "future") and t.value not in REFS


def _attribution(sent_span, v, entities) -> str | None:
    for tok in sent_span:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to":
            objs = [c for c in tok.nbor(1).children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
            if objs:
                return _who(objs[0], entities)
    head = v.head if v.dep_ in ("ccomp", "parataxis") else None
    if head is not None and head.lemma_ in REPORTING:
        subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            return _who(subj[0], entities)
    # "..., X said." with the clause as the reporting verb's complement the other way round
    for c in v.children:
        if c.dep_ in ("parataxis", "ccomp") and c.lemma_ in REPORTING and c.i > v.i:
            subj = [s for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                return _who(subj[0], entities)
    return None


def _clean_text(text: str) -> str:
    """One line of neutral text from the sentence: whitespace folded, an opening attribution dropped."""
    text = " ".join(text.split())
    m = re.match(r"(?i)according to [^,]{2,80},\s*", text)
    if m and len(text) - m.end() > 30:
        text = text[m.end():]
        text = text[:1].upper() + text[1:]
    if len(text) > MAX_EVENT_CHARS:
        text = text[:MAX_EVENT_CHARS].rsplit(" ", 1)[0] + " …"
    return text


# Reporting verbs that only pass news on; a line may drop them (the attribution stays on the
# mention). Verbs that take sides ("claimed", "alleged", "denied", "insisted") stay in the
# line: without them an allegation would read as fact.
PASSING_ON = wordlists.words("passing_on_verbs")
_OPEN_QUOTES = "\"'\u201c\u2018"
_CLOSE_QUOTES = "\"'\u201d\u2019"
_MARKS = wordlists.words("clause_opening_marks")


def _sentence_end(text: str) -> str:
    """A trimmed clause as a sentence: quotes that lost their partner and loose commas dropped,
    a full stop added, the first letter capitalised."""
    text = text.strip().rstrip(" ,;:-\u2013\u2014")
    if text.count("\u201c") != text.count("\u201d") or text.count('"') % 2:
        text = text.strip(_OPEN_QUOTES + _CLOSE_QUOTES + " ").rstrip(" ,")
    # A quotation opened inside the clause and cut with its tail ('sent "with a mission to
    # kill whoever they found there," Reuters reported') is closed where the clause ends.
    close = "\u201d" if text.count("\u201c") > text.count("\u201d") else '"' if text.count('"') % 2 else ""
    if text and text[-1] not in ".!?":
        text += "."
    return text[:1].upper() + text[1:] + close


def _tail_start(span, v) -> int | None:
    """Character offset where an attribution tail starts: "Y happened, X reported on Tuesday"
    or '"Y happened," the agency said in its report' -- the reporting verb, its subject and
    modifiers after a comma, up to the sentence's end. None when there is no such tail."""
    rep = [c for c in v.children if c.dep_ in ("parataxis", "ccomp") and c.lemma_ in PASSING_ON and c.i > v.i]
    if rep:
        tail = {t.i for t in rep[0].subtree}
    elif v.dep_ in ("ccomp", "parataxis") and v.head.lemma_ in PASSING_ON and v.head.i > v.i:
        tail = {t.i for t in v.head.subtree} - {t.i for t in v.subtree}
    else:
        return None
    r = rep[0] if rep else v.head
    if any(c.dep_ == "neg" for c in r.children) or not any(c.dep_ in ("nsubj", "nsubjpass") for c in r.children):
        return None  # "..., but Y has not confirmed it" answers the news; it does not source it
    words = [t for t in span if t.i > v.i and t.i in tail and not t.is_punct]
    if not words:
        return None
    first = words[0].i
    if any(t.i >= first and t.i not in tail and not t.is_punct for t in span):
        return None  # the tail is not one stretch to the end: "X, she said, and Y"
    before = [t for t in span if t.i < first]
    while before and before[-1].text in _CLOSE_QUOTES:
        before.pop()
    if not before or before[-1].text != ",":
        return None
    return before[-1].idx


def _own_clause(span, v) -> tuple[int, int] | None:
    """Character span of an event told in a clause of its own with its own subject, behind a
    leading clause ("The talks collapsed after the union rejected the offer on Friday") or a
    leading report ("Officials said the union rejected the offer"): the clause alone."""
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children):
        return None
    lead_report = v.dep_ == "ccomp" and v.head.lemma_ in PASSING_ON and v.head.i < v.i
    if v.dep_ != "advcl" and not lead_report:
        return None
    toks = [t for t in v.subtree if t.i >= span.start and t.i < span.end]
    while toks and (toks[0].dep_ == "mark" or toks[0].lower_ in _MARKS or toks[0].is_punct):
        toks = toks[1:]
    if not toks or toks[0].i < v.head.i < toks[-1].i:
        return None
    ids = [t.i for t in toks]
    if ids != list(range(ids[0], ids[-1] + 1)):
        return None  # not one stretch of text
    trailing = [t for t in span if t.i > ids[-1] and not t.is_punct]
    if trailing and v.dep_ == "advcl":
        return None  # the main clause goes on after it: the clause alone would lose the news
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


_CLAUSE_BREAK = re.compile(r",\s+(?:" + wordlists.alternation("clause_break_words") + r")\s|;\s|\s[\u2013\u2014-]\s")


def _cap(text: str, after: int = 0) -> str:
    """A long line cut at a non-restrictive clause (", which ...", ", saying ...") that starts
    past ``after`` (the event's verb must stay), else at a word past the hard cap."""
    if len(text) <= LINE_CHARS:
        return text
    for m in _CLAUSE_BREAK.finditer(text):
        if m.start() > max(after, 40) and len((cut := text[:m.start()]).split()) >= MIN_LINE_WORDS:
            return _sentence_end(cut)
    if len(text) > LINE_MAX_CHARS:
        head = text[:LINE_MAX_CHARS]
        # At the last comma or semicolon the event's words allow, not inside a phrase ("... in …").
        stop = max(head.rfind(", "), head.rfind("; "))
        if stop > max(after, 40) and len(head[:stop].split()) >= MIN_LINE_WORDS:
            return head[:stop] + " \u2026"
        return head.rsplit(" ", 1)[0].rstrip(" ,;:") + " \u2026"
    return text


# A time counted from the sentence before ("seconds later", "just weeks later", "over the next
# few weeks"): the line is timed against that sentence's happening, never against its report's day.
COUNTED_FROM_BEFORE = re.compile(
    r"\b(?:(?:" + wordlists.alternation("small_counts") + r") )?"
    r"(?:" + wordlists.alternation("time_units_later") + r") (?:" + wordlists.alternation("time_counted_from") + r")\b"
    r"|\bshortly (?:after|afterwards)\b"
    r"|\b(?:over|in|during|within) the (?:" + wordlists.alternation("following_period_words") + r") (?:(?:"
    + wordlists.alternation("small_counts") + r") )?(?:" + wordlists.alternation("time_units_plural") + r")\b", re.I)
_ACCORDING_TAIL = re.compile(r",\s+according to [^,;]{2,120}[.!?]?[\"\u201d']?$", re.I)


def neutral_text(text: str, span, v, offset: int) -> str:
    """A one-line neutral rendering of the event ``v`` in sentence ``span`` (body ``text``
    starting at ``offset``): the sentence, without an attribution tail (", the agency said",
    ", according to the ministry"), a leading report ("Officials said") or a leading clause
    when the event is a clause of its own, and capped in length. Extractive: every word is
    the article's, in its order; the evidence keeps the full quote."""
    start, end = 0, len(text)
    own = _own_clause(span, v)
    if own is not None:
        start, end = own[0] - offset, own[1] - offset
    else:
        cut = _tail_start(span, v)
        if cut is not None:
            end = cut - offset
        elif (m := _ACCORDING_TAIL.search(text)) and m.start() > v.idx - offset:
            end = m.start()
    line = " ".join(text[start:end].split())
    if (start, end) != (0, len(text)):
        line = _sentence_end(line)
        if len(line.split()) < MIN_LINE_WORDS:
            line, start = " ".join(text.split()), 0
    # Where the verb sits in the folded line, so that the cap never cuts the event itself.
    verb_at = len(" ".join(text[start:max(start, v.idx - offset + len(v.text))].split()))
    head = len(line) - len(stripped) if (stripped := strip_dateline(line)) != line else 0
    return _clean_text(_cap(stripped, max(0, verb_at - head)))


def extract_events(article: Article, doc, analysis: ArticleAnalysis) -> list[EventMention]:
    """The event mentions of one article, at most a few per sentence, in text order."""
    out: list[EventMention] = []
    body = article.body
    pub = article.published.date if article.published and article.published.date else None
    pub_day = pub[:10] if pub and len(pub) >= 10 else None
    timexes = [t for t in analysis.timexes if t.type in ("DATE", "TIME")]
    prose_index = 0
    for si, s in enumerate(analysis.sentences):
        text = body[s.start:s.end]
        if not is_prose(text) or is_caption(text, article.captions) or is_comment(text):
            continue
        prose_index += 1  # counted before parsing: sentences the parser skipped still push the lead back
        span = doc.char_span(s.start, s.end, alignment_mode="expand")
        if span is None or not any(t.pos_ in ("VERB", "AUX") for t in span):
            continue
        ents = [e for e in analysis.entities if s.start <= e.start < s.end]
        stimex = [t for t in timexes if s.start <= t.start < s.end]
        # Which predicate each time expression belongs to.
        attached: dict[int, list[TimeExpr]] = {}
        loose: list[TimeExpr] = []  # times on nouns ("the invasion in 2022") or bounding states
        for t in stimex:
            tspan = doc.char_span(t.start, t.end, alignment_mode="expand")
            v = _governing_verb(tspan.root) if tspan is not None else None
            if v is not None:
                attached.setdefault(v.i, []).append(t)
            elif _dated(t):
                loose.append(t)
        shared = _share_times(span, attached)
        in_time = {i for t in stimex for i in range(t.start, t.end)}
        found = [f for f in _sentence_events(span, attached, stimex, ents, loose) if f[0].i not in shared]
        # A verb the parser found in a dateline ("CAPE CANAVERAL, Fla. —") is no happening.
        dateline = _DATELINE.match(text)
        if dateline:
            found = [f for f in found if f[0].idx >= s.start + dateline.end()]
        main_tells = any(_tells(p) for p in _predicates(span))
        main_past = any(_tense(p) == "past" for p in _predicates(span))
        sentence_events = []
        for v, tense, own, bound_by, sub in found:
            m = _mention(article, si, s, span, text, v, tense, own, bound_by, attached, loose, ents,
                         pub_day, prose_index - 1, _lemmas(clause := _clause(v), in_time), _names_in(clause, ents))
            if m is not None:
                # A report is news of its own ("..., the Journal reported this week"), however
                # the parser hangs it. A dated time clause before a past state ("When Google
                # launched the phone last year, it included a chip") holds the sentence's happening.
                passing = sub and not main_tells and v.lemma_ not in REPORTING \
                    and not (main_past and _dated_time_clause(v, own))
                m.aside = sub == "hedged" or passing or _slipped_past(v) or _recalled_saying(v)
                sentence_events.append((v, m))
        # A clause that describes a noun ("the pair who flew back on April 21", "a fragile
        # ecosystem already battered by Hurricane Katrina in 2005") is a detail: the line, which
        # is the whole sentence, would date the sentence's own news by the detail's day. A
        # source's own publication ("according to statistics released in June") is not a
        # detail: it dates the report.
        sub_of = {f[0].i: f[4] for f in found}
        for v, m in sentence_events:
            if (_describes_a_noun(v) and sub_of.get(v.i) and v.lemma_ not in REPORTING
                    and not any(a.lower_ == "according" for a in v.ancestors)):
                m.aside = True
        # A clause whose time the main event took over ("a statement published on Saturday") is
        # the same news, not a second event.
        donors = {w for v, m in sentence_events if m.dated_by == "inherited" for w in _donors(v, attached, span)}
        out.extend(m for v, m in sentence_events if v.i not in donors)
    return out


ASPECT_VERBS = wordlists.words("aspect_verbs")
SAME_TIME_MARKS = wordlists.words("same_time_marks")
CAUSATIVE_VERBS = wordlists.words("causative_verbs")


def _frames_saying(w) -> bool:
    """A participle without a subject of its own beside a saying verb ("said, speaking in an
    interview on Friday", "said, referring to his forces, in an interview on Friday")."""
    return w.tag_ == "VBG" and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in w.children)


def _share_times(span, attached: dict[int, list[TimeExpr]]) -> set[int]:
    """Times that belong to a main verb though the parser hangs them on its complement: "started
    dating in 2014" (an aspect verb and its deed are one happening), "met while filming the
    series in 2014" (a clause of the same time). The main verb takes them when it has none of
    its own; an aspect verb's complement is then no happening of its own (its index is
    returned)."""
    out: set[int] = set()
    for vi, times in list(attached.items()):
        w = span.doc[vi]
        h = w.head
        if h.i == w.i or h.i in attached or h.pos_ not in ("VERB", "AUX") or not (span.start <= h.i < span.end):
            continue
        if w.dep_ == "xcomp" and h.lemma_ in ASPECT_VERBS:
            attached[h.i] = list(times)
            out.add(vi)
        elif (first := _first_conjunct(w)).dep_ in ("xcomp", "ccomp") and first.head.lemma_ in CAUSATIVE_VERBS \
                and first.head.i not in attached and not any(t.kind == "future" for t in times):
            # "forced the operation to be suspended at the weekend", "ordered not to kiss or shake hands yesterday"
            attached[first.head.i] = list(times)
        elif w.dep_ == "advcl" and (any(c.dep_ in ("mark", "advmod") and c.lower_ in SAME_TIME_MARKS for c in w.children)
                                    and not _contrast(w)
                                    or (h.lemma_ in REPORTING and _frames_saying(w))):
            # ... or a participle that frames the saying ("said, speaking in an interview on Friday")
            attached[h.i] = list(times)  # the clause stays a happening too: other reports may tell it alone
    return out


def _contrast(w) -> bool:
    """A "while" clause with a subject of its own, not a pronoun, sets another happening against
    the main one ("scores escaped in the hours after the kidnapping, while another girl was found
    earlier this year"), at its own time; "met while filming", "while he was filming" share it."""
    mark = next((c for c in w.children if c.dep_ == "mark"), None)
    if mark is None or mark.lower_ != "while":
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON" for c in w.children)


def _first_conjunct(w):
    """The first of the verbs joined by "and"/"or" that ``w`` belongs to ("kiss" for "shake" in
    "not to kiss or shake hands")."""
    while w.dep_ == "conj" and w.head.i != w.i:
        w = w.head
    return w


def _clause(v) -> list:
    """The event's own clause: its predicate's subtree without the other events' clauses."""
    skip: set[int] = set()
    for c in v.subtree:
        if c.i == v.i or c.i in skip or c.pos_ not in ("VERB", "AUX"):
            continue
        if c.dep_ in ("conj", "advcl", "parataxis", "acl", "relcl") or (c.dep_ == "ccomp" and v.lemma_ not in REPORTING):
            skip.update(t.i for t in c.subtree)
    toks = [t for t in v.subtree if t.i not in skip]
    if v.dep_ in ("acl", "relcl"):
        toks.append(v.head)
    return toks


def _lemmas(toks, in_time: set[int]) -> list[str]:
    """Content lemmas of the clause, without time words (compared as dates, not as words)."""
    out = []
    for t in toks:
        if t.idx in in_time or t.is_stop or not (t.is_alpha or t.like_num):
            continue
        if t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM"):
            out.append(t.lemma_.lower())
    return sorted(set(out))


def _names_in(toks, ents) -> list[str]:
    """Canonical names of the entities inside the clause's tokens."""
    starts = {t.idx for t in toks}
    return list(dict.fromkeys(e.canonical for e in ents if e.start in starts and e.label in
                              ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "LAW")))


def _predicates(span):
    """Main predicates of a sentence: the root, verbs conjoined with it, and the complement of
    a reporting root ("said that ..."); plus clauses with their own time ("signed ... in June")."""
    roots = [t for t in span if t.dep_ == "ROOT" or t.head.i < span.start or t.head.i >= span.end]
    preds = []
    for r in roots:
        if r.pos_ not in ("VERB", "AUX"):
            continue
        preds.append(r)
        preds.extend(c for c in r.children if c.dep_ == "conj" and c.pos_ == "VERB")
    return preds


def _recalled_saying(v) -> bool:
    """"As the director-general said at the start of the outbreak, ...": a remark recalled to
    frame the sentence, not a statement that is news."""
    return v.lemma_ in REPORTING and v.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in v.children)


def _dated_time_clause(v, own) -> bool:
    """A "when"/"after"/"before" clause with a date of its own."""
    return v.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "after", "before", "once")
                                     for c in v.children) and any(_dated(t) for t in own)


def _tells(p) -> bool:
    """Whether a main predicate tells a happening: a past, not a state ("was", "seemed") unless
    passive ("was arrested"). Present, future and modal main clauses ("officials worry",
    "booms will crack", "the grief must be terrible") tell none."""
    if _tense(p) is None:
        return False
    return p.lemma_ not in STATIVE or any(c.dep_ == "auxpass" for c in p.children)


def _sentence_events(span, attached, stimex, ents, loose=()):
    """(verb, tense, its own time expressions, the reporting verb's times bounding it, whether
    it sits in a subordinate clause) per event."""
    events = []
    seen: set[int] = set()
    for v in _predicates(span):
        content = [c for c in v.children if c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX")]
        if v.lemma_ in REPORTING and not _saying_as_act(v, content):
            # "..., Mr. Reul said in an interview on Friday": the interview's day is the saying's.
            frames = [v] + [c for c in v.children if c.dep_ == "advcl" and _frames_saying(c)]
            own = attached.get(v.i, []) or [t for t in loose if any(_under(span.doc, t, f) for f in frames)]
            reported = [c for c in content if _tense(c) and c.lemma_ not in STATIVE and not _asks(c)]
            # "X said on Thursday that Y had sent troops": the statement is the dated event.
            if own and (not reported or all(attached.get(c.i) is None and _tense(c) != "past" for c in reported)):
                # A past perfect saying with a time of its own ("In September, the government had
                # admitted ...") is as dated a statement as a plain past one.
                if _tense(v) in ("past", "pastperfect"):
                    events.append((v, "past", own, None, False))
                    seen.add(v.i)
                continue
            hedged = "hedged" if v.lemma_ in HEDGES else False
            for c in reported:
                if c.i in seen:
                    continue
                events.append((c, _tense(c), attached.get(c.i, []), own or None, hedged))
                seen.add(c.i)
            continue
        if v.i in seen:
            continue
        # "Y happened, X reported": the reporting verb hangs under the event's verb.
        rep = [c for c in content if c.lemma_ in REPORTING]
        bound = attached.get(rep[0].i) if rep else None
        events.append((v, _tense(v), attached.get(v.i, []), bound, False))
        seen.add(v.i)
    # Clauses with a time of their own: "the accord, agreed in June", "after X signed it on Saturday".
    for vi, times in attached.items():
        if vi in seen:
            continue
        v = span.doc[vi]
        if v.pos_ != "VERB" or not (span.start <= vi < span.end):
            continue
        if v.dep_ in ("acl", "relcl", "advcl", "conj", "ccomp", "pcomp", "xcomp"):
            tense = _tense(v) or ("past" if v.tag_ in ("VBN", "VBD") and v.dep_ in ("acl", "pcomp") else None)
            events.append((v, tense, times, None, True))
            seen.add(vi)
    return events


# Verbs by which a source tells or puts out what it says: their clause's time is the telling's.
_TELLING = REPORTING | word_classes("trigger_classes.txt")["say"] | word_classes("trigger_classes.txt")["publish"]


def _donors(v, attached, span) -> list[int]:
    """Clauses inside the event's own arguments that carry a time: "X signed the law, according
    to a notice published on Saturday" is dated by the notice's publication."""
    out = []
    for vi in attached:
        w = span.doc[vi]
        if w.i == v.i or w.dep_ not in ("acl", "relcl") or not any(a.i == v.i for a in w.ancestors):
            continue
        if w.lemma_.lower() not in _TELLING:
            # Only a telling's own time dates the news it carries; a happening described in
            # passing has its own ("received over 180 reports of the display, which took place
            # at 6pm on December 26": the reports came after the display).
            continue
        between = [a for a in w.ancestors if v in a.ancestors]
        if any(a.pos_ == "VERB" and a.lemma_ != "accord" and a.dep_ not in ("acl", "relcl") for a in between):
            continue
        out.append(vi)
    return out


def _headline_present(v) -> bool:
    """A lead in the historic present: an action verb, no auxiliary, a named subject."""
    if v.tag_ not in ("VBZ", "VBP") or v.lemma_ in STATIVE or v.lemma_ in REPORTING or v.dep_ != "ROOT":
        return False
    if any(c.dep_ in ("aux", "auxpass", "neg") for c in v.children):
        return False
    return any(c.dep_ == "nsubj" and c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for c in v.children)


def _news_present(v, own, pub_day: str | None) -> bool:
    """A present or present progressive of an action on the report's own day ("Google is
    enabling the chip today"): the day's news told as it happens, not a state, a habit or a
    plan ("Sony releases the update on Thursday" may be the coming Thursday: left out)."""
    if v.lemma_ in STATIVE or v.lemma_ in REPORTING or v.tag_ not in ("VBZ", "VBP", "VBG"):
        return False
    if any(c.dep_ == "neg" or (c.dep_ in ("aux", "auxpass") and (c.tag_ == "MD" or c.lower_ in MODALS)) for c in v.children):
        return False
    return bool(pub_day) and any(t.precision == "day" and t.kind != "future" and t.earliest == t.latest == pub_day
                                 for t in own)


def _under(doc, t: TimeExpr, v) -> bool:
    """A time on a noun of the event's own clause ("signed it during a visit in June"), reached
    without a bounding preposition ("after the invasion in 2022") or another verb on the way."""
    tspan = doc.char_span(t.start, t.end, alignment_mode="expand")
    if tspan is None:
        return False
    tok = tspan.root
    if t.precision in ("decade", "century"):
        return False  # an era on a noun describes a thing ("his early-2000s hits"), not the deed's time
    for _ in range(12):
        if tok.i == v.i:
            return True
        if tok.head.i == tok.i or tok.pos_ in ("VERB", "AUX") or tok.lower_ in BOUND_PREPOSITIONS or tok.lower_ == "following":
            return False
        if tok.dep_ == "appos":
            return False  # a description of a participant ("X, the 2007 champion") does not date the event
        tok = tok.head
    return False


_BARE_MONTH = re.compile(r"(?:(?:" + wordlists.alternation("month_lead_words") + r")[\s-]+)*[A-Z][a-z]+\.?", re.I)


def _last_month(text: str, month: str, pub_day: str) -> tuple[str, str, str] | None:
    """The same month a year earlier, when the expression is a month's bare name ("May", "in
    early May") and that month then lies on or before the report: (month, first day, last day)."""
    if not _BARE_MONTH.fullmatch(text.strip()):
        return None
    y, m = int(month[:4]) - 1, int(month[5:7])
    first = dt.date(y, m, 1)
    last = (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1))
    if first.isoformat() > pub_day:
        return None
    return f"{y:04d}-{m:02d}", first.isoformat(), min(last.isoformat(), pub_day)


HYPOTHETICAL_MARKS = wordlists.words("hypothetical_marks")


# The ways down from a verb that stay in its own happening: "reported being attacked (xcomp)
# and robbed (conj, below the complement) while out (advcl 'while') celebrating (pcomp) New
# Year's Eve". A conjunct of the verb itself is another happening.
_SAME_HAPPENING_DEPS = ("xcomp", "advcl", "pcomp", "conj")


def _finer_inside(v, best: tuple, attached: dict[int, list[TimeExpr]]) -> tuple:
    """A year or month refined by a finer time told inside the same happening ("Two years ago,
    women reported being attacked while out celebrating New Year's Eve": 31 December, not the
    year). Only times within the first, and only down complements and same-time clauses."""
    date, precision, t = best
    if precision == "day" or not t.earliest or not t.latest:
        return best
    out = best
    stack = [c for c in v.children if c.dep_ in _SAME_HAPPENING_DEPS and c.dep_ != "conj"]
    while stack:
        w = stack.pop()
        if w.dep_ == "advcl" and not any(c.dep_ in ("mark", "advmod") and c.lower_ in SAME_TIME_MARKS for c in w.children):
            continue
        for u in attached.get(w.i, []):
            d, p = _date_of(u)
            if (d and u.earliest and u.latest and t.earliest <= u.earliest and u.latest <= t.latest
                    and len(d) > len(out[0])):
                out = (d, p, u)
        stack.extend(c for c in w.children if c.dep_ in _SAME_HAPPENING_DEPS)
    return out


WH_WORDS = wordlists.words("wh_words")
ACT_SAYING = wordlists.words("act_saying_verbs")


def _saying_as_act(v, content) -> bool:
    """A saying verb with a thing for its object and no clause is an act ("declared a public
    health emergency", "confirmed two cases"), told like any other deed."""
    return (v.lemma_ in ACT_SAYING and not content
            and any(c.dep_ in ("dobj", "obj") and c.pos_ in ("NOUN", "PROPN") for c in v.children))


def _describes_a_noun(v) -> bool:
    """A clause that describes a noun, or a clause inside one ("the leak that began after the
    rig exploded on April 20": "exploded" is inside the clause describing the leak)."""
    for w in [v, *v.ancestors]:
        if w.dep_ in ("relcl", "acl"):
            return True
        if w.pos_ in ("VERB", "AUX") and w.dep_ not in ("advcl", "xcomp", "conj", "pcomp", "prep", "pobj"):
            return False
    return False


def _asks(c) -> bool:
    """A clause opened by a question word under a saying verb is an indirect question, not a
    happening told ("Officials have not said what caused the blast")."""
    first = min(c.subtree, key=lambda t: t.i)
    return first.lower_ in WH_WORDS and first.dep_ in ("nsubj", "nsubjpass", "dobj", "advmod", "mark", "attr")


def _time_is_subject(v, times) -> bool:
    """Whether the verb's subject is itself a stretch of time ("2017 was a busy year", "The tail
    end of 2017 was packed with sightings"): the sentence describes a period, it tells no deed."""
    # A day named as the subject stands for what happened on it ("that chaotic New Year's Eve
    # set off fears"); a year or a month does not.
    def inside(tok) -> bool:
        return any(t.start <= tok.idx < t.end and t.precision != "day" for t in times)

    for c in v.children:
        if c.dep_ in ("nsubj", "nsubjpass") and (inside(c) or c.lemma_ in PERIOD_PARTS and any(inside(x) for x in c.subtree)):
            return True
    return False


def _clause_words(v) -> str:
    """The words of ``v``'s clause without the clauses that describe its nouns: in "The animal,
    who turned 17 a day before, dragged the boy" the time "a day before" is the birthday's."""
    inner = {t.i for c in v.subtree if c is not v and c.dep_ in ("relcl", "acl") for t in c.subtree}
    return " ".join(t.text for t in v.subtree if t.i not in inner)


def _eve(article, pub_day: str | None) -> str | None:
    """The day before ``pub_day`` when the article's publication window opens on it."""
    lo = article.published.earliest if article.published and pub_day else None
    if lo and lo < pub_day and (dt.date.fromisoformat(pub_day) - dt.date.fromisoformat(lo)).days == 1:
        return lo
    return None


def _hypothetical(v) -> bool:
    """A clause of what would happen ("if a pandemic broke out today", and its joined verbs)."""
    for w in (v, v.head if v.dep_ == "conj" else v):
        if any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in w.children):
            return True
    return False


EXTENT_VERBS = wordlists.words("extent_verbs")
DIMENSION_NOUNS = wordlists.words("dimension_nouns")


def _extent(v) -> bool:
    """A verb giving a thing's size: "covered a 100-square-mile area", "spans 2,300 km"."""
    if v.lemma_ not in EXTENT_VERBS:
        return False
    return any(c.dep_ in ("dobj", "obj", "npadvmod") and (c.lemma_ in DIMENSION_NOUNS or any(g.dep_ == "nummod" for g in c.children))
               for c in v.children)


def _found_to_be(v) -> bool:
    """A passive with "to be" after it tells a property, not a happening: "was found to be
    incredibly unstable", "is thought to be the largest"."""
    return any(c.dep_ == "auxpass" for c in v.children) and any(
        c.dep_ == "xcomp" and c.lemma_ == "be" for c in v.children)


def _mention(article, si, s, span, text, v, tense, own, bound_by, attached, loose, ents, pub_day, position, lemmas, names):
    lead = position < PUBLICATION_DAY_SENTENCES
    if _hypothetical(v):
        return None
    if tense == "past" and _shares_perfect(v) and not own and not any(attached.get(c.i) for c in v.children if c.dep_ == "xcomp"):
        tense = _tense(v.head)  # "has caused outrage and brought the group to the world's attention"
    if tense is None and position == 0 and _headline_present(v):
        tense = "past"  # "Macron unveils a plan to cut ...": the lead's news in the present
    if tense is None and lead and _news_present(v, own, pub_day):
        tense = "past"  # "Google is turning on the chip today": the lead's news, on the day it names
    if tense is None or v.lemma_ in STATIVE and not (v.lemma_ == "be" and any(c.dep_ == "auxpass" for c in v.children)):
        return None
    if _extent(v) or _found_to_be(v):
        return None
    own = [t for t in own if _dated(t)]
    if any(t.kind == "future" for t in own) or any(t.kind == "future" for w in v.ancestors for t in attached.get(w.i, [])):
        return None  # a plan: "Later this week, we're adding new stickers themed around winter sports"
    how = "text"
    if not own and tense == "past" and not bound_by:
        own = [t for vi in _donors(v, attached, span) for t in attached[vi] if _dated(t) and t.kind != "future"]
        own += [t for t in loose if _under(span.doc, t, v)]
        how = "inherited"
    if _time_is_subject(v, own):
        return None  # "The tail end of 2017 was packed with sightings": a period described
    if tense in ("perfect", "pastperfect") and not any(t.precision == "day" for t in own):
        return None  # background: "have drawn closer", "had sent troops"
    date = precision = earliest = latest = time_text = time_value = None
    if own:
        # The most precise of the predicate's own times; unresolved (no anchor yet) leaves no date.
        time_text, time_value = own[0].text, own[0].value
        best = None
        for t in own:
            d, p = _date_of(t)
            if d and (best is None or len(d) > len(best[0])):
                best = (d, p, t)
        if best is not None:
            best = _finer_inside(v, best, attached)
            date, precision, t = best
            earliest, latest, time_text, time_value = t.earliest, t.latest, t.text, t.value
            if t.kind == "range" and earliest is None:
                date = precision = None  # "more than a year ago": any time up to then, no date to show
            if t.relative and earliest == latest == pub_day and _eve(article, pub_day):
                # A report stamped in the small hours may be the evening before's ("01:05",
                # UTC, for US news): its own day ("today", "around 4pm") is either day.
                earliest = _eve(article, pub_day)
            if pub_day and t.relative and tense in ("past", "perfect", "pastperfect") and earliest and earliest > pub_day:
                # A past happening cannot come after its own report. A bare month name read as
                # the coming one ("told the UN in May", in October) is the last one; any other
                # time that lands there ("that chaotic New Year's Eve ... set off fears") points
                # back to one we cannot tell: no date rather than a wrong one.
                month = _last_month(t.text, date, pub_day) if precision == "month" else None
                if month:
                    date, earliest, latest = month
                else:
                    date = precision = earliest = None
                    latest = pub_day
            elif pub_day and tense in ("past", "perfect", "pastperfect") and latest and latest > pub_day and earliest and earliest <= pub_day:
                # A past happening "this week" or "this month" is over by the report: the
                # period's end after the report's day is no time it can have happened in.
                latest = pub_day
    elif bound_by:
        b = next((t for t in bound_by if _dated(t)), None)
        latest = b.latest if b else None
        time_text, time_value = (b.text, b.value) if b else (None, None)
        how = "reported"
    else:
        if any(c.lower_ in BACKGROUND_ADVERBS for c in v.children) or tense != "past":
            return None
        # The publication day only for a plain past in the lead with no other time in the sentence.
        quiet = not loose and not any(_dated(t) for ts in attached.values() for t in ts)
        # "A recent study found ...", "was recently singled out": not the day's news.
        quiet = quiet and not any(t.lower_ in ("recent", "recently", "lately") for t in span)
        quiet = quiet and not COUNTED_FROM_BEFORE.search(_clause_words(v))
        how = "published" if lead and quiet else None
        if pub_day and how:
            date, precision = pub_day, "day"
            latest = pub_day
            earliest = (dt.date.fromisoformat(pub_day) - dt.timedelta(days=1)).isoformat()
    subj = [c for c in v.children if c.dep_ in ("nsubj", "csubj")]
    passive_subj = [c for c in v.children if c.dep_ == "nsubjpass"]
    obj = [c for c in v.children if c.dep_ in ("dobj", "obj", "attr", "oprd")]
    agent = [g for c in v.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    actor = _who(agent[0], ents) if agent else _who(subj[0], ents) if subj else None
    target = _who(passive_subj[0], ents) if passive_subj else _who(obj[0], ents) if obj else None
    if actor is None and v.dep_ in ("acl", "relcl") and v.head.pos_ in ("NOUN", "PROPN"):
        target = target or _who(v.head, ents)
    location = None
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "at", "near", "outside", "inside"):
            for g in c.children:
                if g.dep_ == "pobj":
                    loc = [e for e in ents if e.label in ("GPE", "LOC", "FAC") and g.idx <= e.start < g.idx + len(g.text) + 40]
                    if loc:
                        location = loc[0].canonical
    attributed = _attribution(span, v, ents)
    if v.lemma_ in REPORTING and attributed is None:
        attributed = actor
    return EventMention(
        article=article.id,
        sentence=si,
        trigger=v.lemma_.lower(),
        text=neutral_text(text, span, v, s.start),
        actor=actor,
        target=target,
        location=location,
        date=date,
        precision=precision,
        earliest=earliest,
        latest=latest,
        time_text=time_text,
        attributed_to=attributed,
        evidence=Evidence(article.id, s.start, s.end, text),
        entities=names,
        lemmas=lemmas,
        dated_by=how,
        time_value=time_value,
    )
