"""A short neutral paragraph per story, every sentence cited, as an editor would publish it.

Template-based, on what the earlier stages found; no model. In order:

1. **the latest development**, then **the key sequence**: the story's most important events,
   the latest first and the rest in date order, each with how many of the story's
   independent outlets report it ("3 of 5 outlets");
2. **figures**: those that changed over time (each value with who gave it and when; an
   undated article's value with the window it was published in), those outlets agree on,
   and those they dispute at the same time;
3. **single-source claims** worth a reader's notice (anonymous or hedged first), with
   "According to".

A sentence is "agreed" only when a majority of the story's independent sources (wire copies
counted once) report it; nothing else is stated without its sources. Tweets, captions, page
widgets and links never make a sentence.
"""

from __future__ import annotations

import datetime as dt
import re

from storyline import words as wordlists
from storyline.compare.comparison import when
from storyline.model import Article, Claim, Story, SummarySentence

MAX_AGREED_CLAIMS = 1
MAX_EVOLVING = 2
MAX_CONTESTED = 1
MAX_SINGLE = 2
MAX_VALUES_SHOWN = 4
MAX_SENTENCE_CHARS = 260


def _sentence(text: str, limit: int = MAX_SENTENCE_CHARS) -> str:
    text = " ".join(text.split()).strip(" ,;:")
    if len(text) > limit:
        cut = text[:limit].rsplit(" ", 1)[0]
        text = cut.rstrip(",;:") + " ..."
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    if text and text[-1] not in ".!?\"”'":
        text += "."
    return text


def _lower_first(text: str, body: str = "") -> str:
    # keep proper nouns and acronyms capitalised: only a plain first word is lowered, or a
    # gerund opening a clause ("Identifying the microbes was ...") that its article never
    # capitalises inside a sentence, as it would a name ("in Beijing", "of Reading")
    words_ = text.split(" ", 2)
    first = words_[0]
    gerund = (first.endswith("ing") and len(first) > 5 and len(words_) > 1 and words_[1][:1].islower()
              and not re.search(rf"[a-z,;] {re.escape(first)}\b", body))
    if first[:1].isupper() and first[1:].islower() and (first.lower() in wordlists.words("lower_case_openers") or gerund):
        return text[0].lower() + text[1:]
    return text


def _who(c: Claim, articles: dict[str, Article]) -> str:
    a = articles.get(c.article)
    outlet = (a.outlet if a else None) or c.outlet
    if c.attributed_to:
        return c.attributed_to
    return outlet or "one report"


def _according(c: Claim, articles: dict[str, Article]) -> str:
    who = _who(c, articles)
    if re.fullmatch(r"[a-z]+", who) and not who.endswith("s"):
        # a headline's "says expert": one unnamed person, and prose needs the article
        who = ("an " if who[0] in "aeiou" else "a ") + who
    text = re.sub(r"^(?:that)\s+", "", c.text.strip())
    # "according to him these eddies could ...": the claim already says who, by a pronoun
    text = re.sub(r"^according to (?:him|her|them|it)\b,?\s*", "", text, flags=re.I)
    # a discourse opener points back to a sentence the summary does not show ("Which means,
    # hundreds of kilometres above the Earth ...", "Yet, in 2016 ...")
    text = _OPENER.sub("", text)
    a = articles.get(c.article)
    return _sentence(f"According to {who}, {_lower_first(text, a.body if a else '')}")


_OPENER = re.compile(r"^(?:which means|(?:" + wordlists.alternation("opening_conjunctions") + r"))\b,?\s+", re.I)


def _independent(story: Story, articles: dict[str, Article]) -> dict[str, str]:
    from storyline.compare.wire import independence_keys

    return independence_keys([articles[a] for a in story.articles if a in articles], story.wire)


# Text a publishable summary never quotes: tweets and their links, captions, credits, widgets.
NOT_PROSE = re.compile(
    r"pic\.twitter\.com|https?://|www\.|(?<!\w)@\w{2,}|(?<!\w)#\w{2,}|\bImage (?:caption|copyright)\b|"
    r"^\s*(?:" + wordlists.alternation("widget_openers") + r")\b|\bGetty Images\b|"
    r"\b(?:AP|AFP|Reuters|EPA) Photo\b|\bclick here\b|\bsign up\b|\b\d+/\d+\b(?= [A-Z])|"
    r"\b(?:" + wordlists.alternation("page_note_phrases") + r")\b",
    re.I)
MAX_SEQUENCE = 5
LATEST_FROM = 2 * MAX_SEQUENCE
LATEST_REACH_DAYS = 7  # "Latest" is news of the newest report's week, not of months before it


def publishable(text: str) -> bool:
    """Whether a sentence reads as the outlet's prose, not a tweet, caption or widget."""
    return bool(text.strip()) and NOT_PROSE.search(text) is None


FORWARD = re.compile(r"\b(?:" + wordlists.alternation("forward_time_phrases") + r")\b", re.I)


def _days_before(day: str, n: int) -> str:
    return (dt.date.fromisoformat(day[:10]) - dt.timedelta(days=n)).isoformat()


def _ahead(e) -> bool:
    """Whether every telling of an event puts it ahead of its article ("Later this week, we're
    adding new stickers"): a plan, which the summary never states as a development."""
    quotes = [ev.quote for ev in e.evidence if ev.quote] or [e.text]
    return all(FORWARD.search(q) for q in quotes)


def _outlets(sources, keys: dict[str, str]) -> int:
    return len({keys.get(s, s) for s in sources})


def _share(n: int, total: int) -> str:
    return f"{n} of {total} outlet{'s' if total != 1 else ''}"


def _event_sentence(e, keys, total, articles) -> SummarySentence:
    n = _outlets(e.sources, keys)
    # Only a week is known: its first day is not the date.
    when = (f"week of {e.date}" if e.date and e.precision == "week" else e.date) or (f"by {e.latest}" if e.latest else "undated")
    text = e.text.strip().rstrip(".")
    if n * 2 > total:
        return SummarySentence(_sentence(f"{text} ({when}; {_share(n, total)})"), sorted(set(e.sources)), "agreed")
    outlets = sorted({articles[s].outlet for s in e.sources if s in articles and articles[s].outlet})
    named = f": {', '.join(outlets)}" if outlets else ""
    if len(outlets) > n:  # one wire story printed by several outlets counts once
        named += ", one wire story" if n == 1 else f", {n} independent reports"
    return SummarySentence(_sentence(f"{text} ({when}; {_share(n, total)}{named})"), sorted(set(e.sources)),
                           "attributed")


def _names(story: Story) -> set[str]:
    """The words of the names the story is about: its capitalised keywords and title words."""
    out = set()
    for phrase in list(story.keywords) + re.findall(r"\b[A-Z][\w.\-]+(?:\s+[A-Z][\w.\-]+)*", story.title or ""):
        if phrase[:1].isupper():
            out.update(w.lower() for w in re.findall(r"[\w\-]+", phrase) if len(w) > 2 or any(ch.isdigit() for ch in w))
    return out - wordlists.words("lower_case_openers")


def _content(text: str) -> set[str]:
    return {w.lower().rstrip("s") for w in re.findall(r"[A-Za-z]{4,}", text or "")} - EXPECTATION_STOPWORDS


EXPECTATION_STOPWORDS = {w.rstrip("s") for w in wordlists.words("expectation_match_stopwords")}


def _kept(x, story: Story) -> bool:
    """Whether the story already reports the promise kept: the party that announced news to
    come is reported, no earlier than the promise, to have confirmed or announced something on
    the same thing ("We'll be back soon with an update on the features", then "Sony has
    confirmed the full list of new features")."""
    if not x.attributed_to:
        return False
    party = {w.lower() for w in re.findall(r"\w{3,}", x.attributed_to)}
    about = _content(x.what)
    for c in story.claims:
        if c.kind not in ("response", "assertion") or c.value not in ("confirmed", True, "yes", "announced"):
            continue
        if not c.attributed_to or not party & {w.lower() for w in re.findall(r"\w{3,}", c.attributed_to)}:
            continue
        if x.made and c.date and c.date[:10] < x.made[:10]:
            continue
        if about & _content(c.subject.split(" on ", 1)[-1]):
            return True
    return False


_SAID_IN_YEAR = re.compile(r"\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Bb]ack in)\s+((?:19|20)\d\d)\b")


def _old_forecast(x) -> bool:
    """A forecast the sentence dates to a year before its report ("But in 2016, ... officials
    confirmed ... it would crash to Earth in 2017 or 2018"): what was expected then, retold,
    not the step still to come."""
    made = (x.made or getattr(x, "made_earliest", None) or "")[:4]
    if not made.isdigit():
        return False
    at = x.text.find(x.what.split()[0]) if x.what else -1
    before = x.text[:at] if at > 0 else x.text
    return any(int(m.group(1)) < int(made) for m in _SAID_IN_YEAR.finditer(before))


def _next_step(story: Story) -> SummarySentence | None:
    """The announced step still to come ("takes effect once instruments are exchanged"): only
    one that names someone or something the story is about (a gallery of other couples'
    splits appended to the page promises nothing of this story), and not one the story
    already reports kept."""
    names = _names(story)
    for x in story.expectations:
        if x.certainty == "announced" and x.status == "open" and publishable(x.text):
            said = {w.lower() for w in re.findall(r"[\w\-]+", f"{x.text} {x.attributed_to or ''}")}
            if names and not names & said:
                continue
            if _kept(x, story) or _old_forecast(x):
                continue
            who = f" ({x.attributed_to})" if x.attributed_to else ""
            return SummarySentence(_sentence(f"Still to come{who}: {_lower_first(x.text.strip())}"), [x.article],
                                   "attributed")
    return None


def summarise(story: Story, articles: dict[str, Article]) -> list[SummarySentence]:
    """Neutral summary sentences: the latest development, the key sequence, then figures and
    claims with their sources; each cited, "agreed" only for what most outlets report."""
    keys = _independent(story, articles)
    total = len(set(keys.values())) or 1
    claims = {c.id: c for c in story.claims}
    out: list[SummarySentence] = []

    events = [e for e in story.timeline if publishable(e.text) and not _ahead(e)]
    ranked = sorted(events, key=lambda e: (-e.importance, e.date or ""))
    # The latest development is the event known to come last: a dated one, or one whose window
    # opens after it ("between 4 and 5 February" comes after "June" of the year before). A
    # window open at its start ("on or before 5 February") says nothing about when.
    dated = [e for e in ranked[:LATEST_FROM] if e.date or e.earliest]
    latest = max(dated, key=lambda e: (e.date or e.earliest, e.importance)) if dated else (ranked[0] if ranked else None)
    newest = max((a.published.date[:10] for i in story.articles if (a := articles.get(i)) is not None
                  and a.published.date), default=None)
    if latest is not None and newest and (latest.date or latest.earliest or "")[:10] < _days_before(newest, LATEST_REACH_DAYS):
        # Months before the newest report, the last dated line is not the story's latest news
        # (a September delay, told in January beside an undated statement of that week): it
        # takes its place in the sequence, unlabelled.
        latest = None
    sequence = [e for e in ranked[:MAX_SEQUENCE] if e is not latest]
    if latest is not None:
        first = _event_sentence(latest, keys, total, articles)
        out.append(SummarySentence(_sentence("Latest: " + first.text), first.sources, first.kind))
    for e in sorted(sequence, key=lambda e: e.date or e.latest or "9999"):
        out.append(_event_sentence(e, keys, total, articles))
    step = _next_step(story)
    if step is not None:
        out.append(step)

    comps = story.comparison
    for k in [k for k in comps if k.status == "evolving"][:MAX_EVOLVING]:
        cs = [claims[i] for i in k.claims if i in claims and publishable(claims[i].text)]
        rows = []
        for r in k.values:  # one step per change of value
            if rows and rows[-1]["shown"] == r["shown"]:
                continue
            rows.append(r)
        if len(rows) > MAX_VALUES_SHOWN:  # first, last, and the biggest changes between
            rows = [rows[0]] + rows[1:-1][-(MAX_VALUES_SHOWN - 2):] + [rows[-1]]
        steps = []
        for r in rows:
            who = ", ".join(r["attributed_to"][:2] or r["outlets"][:2])
            steps.append(f"{r['shown']} ({who}, {when(r)})")
        sources = sorted({c.article for c in cs})
        if sources:
            out.append(SummarySentence(_sentence(f"Reported figures for {k.subject} changed over time: "
                                                 + ", then ".join(steps), limit=2 * MAX_SENTENCE_CHARS),
                                       sources, "attributed"))

    for k in [k for k in comps if k.status == "agree"][:MAX_AGREED_CLAIMS]:
        cs = [claims[i] for i in k.claims if i in claims and publishable(claims[i].text)]
        if cs:
            best = min(cs, key=lambda c: len(c.text))
            n = k.independent_sources
            kind = "agreed" if n * 2 > total else "attributed"
            share = _share(n, total)
            if n == 1 and k.note.startswith("one source ("):
                # one voice several outlets carry: say whose word it is, not a share of outlets
                share = k.note.replace("one source (", "one source: ", 1).replace("), told by", ", told by", 1)
            out.append(SummarySentence(_sentence(f"{best.text.rstrip('.')} ({share})"),
                                       sorted({c.article for c in cs}), kind))

    for k in [k for k in comps if k.status == "conflict"][:MAX_CONTESTED]:
        parts = []
        cited = set()
        for conflict in k.conflicts[:2]:
            for cid, value, outlet, by in zip(conflict["claims"], conflict["values"], conflict["outlets"],
                                              conflict["attributed_to"]):
                label = f"{value} according to {by or outlet}"
                if label not in parts:
                    parts.append(label)
                    if cid in claims:
                        cited.add(claims[cid].article)
        if parts:
            out.append(SummarySentence(_sentence(f"Sources differ on {k.subject}: " + "; ".join(parts)),
                                       sorted(cited), "contested"))

    singles = [k for k in comps if k.status == "single"]

    def notable(k) -> tuple:
        cs = [claims[i] for i in k.claims if i in claims]
        anonymous = any(c.anonymous for c in cs)
        hedged = any(c.hedges for c in cs)
        figure = any(c.kind in ("figure", "tally") for c in cs)
        return (not anonymous, not hedged, not figure, k.subject)

    shown = 0
    for k in sorted(singles, key=notable):
        if shown >= MAX_SINGLE:
            break
        cs = [claims[i] for i in k.claims if i in claims and publishable(claims[i].text)]
        if not cs:
            continue
        c = cs[0]
        text = _according(c, articles)
        if c.anonymous and not re.search(r"\b(?:anonymous|unnamed)\b", text, re.I):
            text = text[:-1] + " (an unnamed source)."  # not after "According to unnamed reports, ..."
        said = " ".join(re.findall(r"\w+", c.text.lower()))
        if any(x.text == text or (said and said in " ".join(re.findall(r"\w+", x.text.lower()))) for x in out):
            continue  # two figures of one sentence, or a line already told: the sentence is told once
        out.append(SummarySentence(text, [c.article], "attributed"))
        shown += 1
    return out
