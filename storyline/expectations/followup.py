"""Following expectations up: did a later report say it happened?

Within one story, each expectation is compared with the story's events:

- **fulfilled** when a later event tells the expected happening as done: the same kind of
  action ("sent ... for a final vote" / "ratified": both in the *approve* class of
  ``ACTION_CLASSES``) *and* the same participants ("the upper-house Federation Council" /
  "the Russian Senate": both tagged *upper_house*; "the agreement" / "the treaty"), told
  as a fact (not itself a forecast, not negated), dated on or after the day the
  expectation was made, from an article other than the one making it or published later.
  ``fulfilled_by`` is the earliest matching event, ``fulfilled_sources`` every article
  reporting any matching event, and each matching event lists the expectation in
  ``fulfils``;
- **overdue** when it was announced or expected (a mere possibility, "could ... by August",
  was never promised) and its time bound ended before the story's latest article with no such
  report (the story's own clock, not today's date: a story read years later is judged
  as of its last report);
- **open** otherwise.

Matching is deliberately conservative. A participant named in half the story's event
sentences or more is a main actor ("BP", "the treaty") and proves nothing; every other
participant of the expectation must be found in the clause of the reported action, one
of the names found must be rare in the story, and when the expectation says who is to act
("BP will resume ..."), the report must say that one acted. Words of many senses ("reach",
"break") never match on their own; a report must come within ``MAX_WAIT_DAYS`` of the
expectation (or a month after its bound).

Expectations about the same thing (their subjects share a head or a concept) form a
*procedure*; its steps are numbered in the order they happened or are expected, a
restatement of a step shares its number, and :func:`procedures` reads them back as a
status (steps done, the next one). See ``docs/expectations-eval.md``.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from storyline.expectations.lexicon import (
    CONCEPTS,
    CLAUSE_OPENERS,
    COUNT_DOUBT_WORDS,
    COUNT_NOUNS,
    CROWD_HEADS,
    DEATH_WORDS,
    MEASURE_NOUNS,
    MEASURE_UNITS,
    RISEN_FORMS,
    RISING_VERBS,
    POLYSEMOUS,
    GENERIC_VERBS,
    STATE_VERBS,
    THING_NOUNS,
    LIGHT_VERBS,
    action_classes,
    concepts_in,
)
from storyline.annotate.entities import TITLES
from storyline.model import Article, Event, Expectation
from storyline import words as wordlists

# A participant named by at least this share of a story's events tells nothing apart.
DISTINCTIVE_SHARE = 0.5
MIN_EVENTS_FOR_SHARE = 4
# A name tells a happening apart when few of the story's events carry it.
RARE_SHARE = 0.05
RARE_MIN = 3
# How long after it was made (or after its bound) a report can still fulfil an expectation:
# news follows up announced steps within weeks; a distant match is more likely another happening.
MAX_WAIT_DAYS = 120
# A bounded expectation counts as overdue a little after its bound (reports lag: a few days
# after a given day, more after a month or a year) ...
BOUND_SLACK_DAYS = {"day": 3, "week": 7, "month": 15, "quarter": 31, "season": 31, "half": 31, "year": 31}
# ... but a later report still fulfils it, late, for this long after the bound: a step due
# "by August" may come in September; a meeting set for Monday that happens a month later is
# another meeting.
LATE_DAYS = {"day": 3, "week": 10}
LATE_DAYS_DEFAULT = 60
# Words too vague to stand for a participant.
VAGUE = wordlists.words("vague_participants")
ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class _View:
    """One happening a sentence reports as done: its action lemma and class, and the
    participants named in its clause (lemmas of nouns and names, "#concept" tags)."""

    action: str
    classes: set[str] = field(default_factory=set)
    keys: set[str] = field(default_factory=set)
    agent: set[str] = field(default_factory=set)  # keys of who did it (subject, or "by X")
    mods: dict[str, set[str]] = field(default_factory=dict)  # noun lemma -> lemmas of its modifiers


@dataclass
class _Need:
    """What an expectation needs to find in a later report."""

    actions: set[str]
    classes: set[str]
    args: list[set[str]]  # one key set per participant
    agent: int | None = None  # index in ``args`` of the one who is to act, when the clause says
    subject: int | None = None  # index in ``args`` of the clause's subject (the actor, or what undergoes it)
    heads: list[set[str]] = field(default_factory=list)  # per participant, the keys of its head word
    by_agent: int | None = None  # index in ``args`` of who acts in a passive clause ("staffed by X")
    # the action as the article's own parse of the sentence names it, when the phrase parsed
    # alone names none ("evacuate staff" read as two nouns); only for telling restatements apart
    said_action: str | None = None


def _parse_many(texts: list[str]):
    """Parsed short texts (the parse tells facts from forecasts): read from the articles'
    stored parses while a story is built, never parsed again (annotate.stored)."""
    from storyline.annotate.stored import parsed_texts

    return parsed_texts(texts)


def _phrase_keys(tokens) -> set[str]:
    """Participant keys of a phrase: lemmas of its common nouns, each name as a whole
    ("federation council", so "Russian Federation" does not match it), and concept tags.
    Words inside a concept's phrase count only as the concept: "house" in "upper house"
    must not match "lower house"."""
    toks = sorted(tokens, key=lambda t: t.i)
    keys: set[str] = set()
    covered: set[int] = set()
    for tag, spans in _concept_spans(toks).items():
        keys.add("#" + tag)
        covered |= spans
    name: list[str] = []
    prev = None
    present = {t.i: t for t in toks}
    for t in toks:
        if t.lower_ == "of" and name and prev is not None and prev.i == t.i - 1 and \
                getattr(present.get(t.i + 1), "pos_", "") == "PROPN":
            name.append("of")  # "Gulf of Mexico", "House of Representatives": one name
            prev = t
            continue
        if t.pos_ == "PROPN":
            if name and prev is not None and t.i != prev.i + 1:
                keys.add(" ".join(name))
                name = []
            if name or t.lower_.rstrip(".") not in TITLES:
                name.append(t.lemma_.lower())  # "Mr Hayward" is "hayward", as in "Tony Hayward"
        else:
            if name:
                keys.add(" ".join(name))
                name = []
            if t.pos_ == "NOUN" and t.lemma_.lower() not in VAGUE and len(t.text) > 1 and t.i not in covered:
                keys.add(t.lemma_.lower())
        prev = t
    if name:
        keys.add(" ".join(name))
    return keys


def _concept_spans(toks) -> dict[str, set[int]]:
    """Concept tags found in a run of tokens, with the token indices each match covers."""
    if not toks:
        return {}
    text, starts = "", []
    for t in toks:
        starts.append((len(text), t))
        text += t.text + " "
    out: dict[str, set[int]] = {}
    for tag, pat in CONCEPTS.items():
        for m in pat.finditer(text):
            out.setdefault(tag, set()).update(t.i for pos, t in starts if m.start() <= pos < m.end())
    return out


def _head_actions(what_doc) -> set[str]:
    """What the expected happening is called: the clause's head verb (through "be able to",
    light verbs and "to"-infinitives) and its conjuncts; for a light or transfer verb also
    the action nouns it governs ("take effect", "sent ... for a final vote"). Nouns deeper
    in the clause ("funded by the completion of the project") are participants, not the action."""
    roots = [t for t in what_doc if t.dep_ == "ROOT"]
    if not roots:
        return set()
    heads = []
    cur = roots[0]
    for _ in range(4):
        heads.append(cur)
        nxt = next((c for c in cur.children if c.dep_ in ("xcomp", "acomp") and c.pos_ in ("VERB", "ADJ", "AUX")), None)
        if nxt is None or cur.lemma_.lower() not in LIGHT_VERBS | wordlists.words("step_chain_heads"):
            break
        cur = nxt
    heads += [c for h in list(heads) for c in h.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    out = set()
    for h in heads:
        lemma = h.lemma_.lower()
        if h.pos_ in ("VERB", "AUX") and lemma not in ("be", "able"):
            out.add(lemma)
            out |= {p for p in _phrasal(h) if action_classes(p)}  # "take over", "step down", "blast off"
        elif h.pos_ in ("NOUN", "ADJ") and action_classes(lemma):
            out.add(lemma)
        if lemma in LIGHT_VERBS or "send" in action_classes(lemma) or lemma in ("be", "able"):
            for c in h.children:
                objs = [c] if c.dep_ in ("dobj", "attr") else [o for o in c.children if o.dep_ == "pobj"] \
                    if c.dep_ == "prep" else []
                out |= {o.lemma_.lower() for o in objs if action_classes(o.lemma_)}
    light = {a for a in out if a in LIGHT_VERBS}
    return (out - light) or out


def _phrasal(tok) -> set[str]:
    """The verb with its particle ("take over", "step down"), the name of a phrasal action."""
    return {f"{tok.lemma_.lower()} {c.lower_}" for c in tok.children if c.dep_ == "prt"}


def _head_keys(tokens, root, keys: set[str]) -> set[str]:
    """The keys standing for a phrase's head: its concept tags, and the head noun's lemma or
    the whole name the head belongs to."""
    heads = {k for k in keys if k.startswith("#")}
    if root is None:
        return heads or set(keys)
    if root.pos_ == "PROPN":
        run = [root]
        idx = {t.i: t for t in tokens}
        i = root.i - 1
        while i in idx and idx[i].pos_ == "PROPN":
            run.insert(0, idx[i])
            i -= 1
        i = root.i + 1
        while i in idx and idx[i].pos_ == "PROPN":
            run.append(idx[i])
            i += 1
        heads.add(" ".join(t.lemma_.lower() for t in run))
    else:
        heads.add(root.lemma_.lower())
    return (heads & keys) or set(keys)


def _need_of(x: Expectation, what_doc, subject_doc) -> _Need:
    actions = _head_actions(what_doc)
    classes = set().union(*(action_classes(a) for a in actions)) if actions else set()
    args: list[set[str]] = []
    heads: list[set[str]] = []
    agent = subject = None
    if subject_doc is not None:
        toks = [t for t in subject_doc if t.pos_ != "PRON"]
        ks = _phrase_keys(toks)
        if ks:
            root = next((t for t in subject_doc if t.dep_ == "ROOT"), None)
            subject = len(args)
            args.append(ks)
            heads.append(_head_keys(toks, root, ks))
            first = next((t for t in what_doc if not t.is_punct), None)
            if first is not None and first.pos_ in ("VERB", "AUX") and not _passive_in(x.text, first.text):
                agent = 0  # active: the subject is the one who acts ("BP will resume collecting oil")
    by_agent = None
    for toks, root in _phrases(what_doc):
        toks = [t for t in toks if t.lemma_.lower() not in actions and t.pos_ != "PRON" and _core(t)]
        ks = _phrase_keys(toks)
        if ks:
            if by_agent is None and root.dep_ == "pobj" and root.head.lower_ == "by" \
                    and root.head.head.pos_ in ("VERB", "AUX"):
                by_agent = len(args)  # "staffed by members of the Red Cross": they are the ones acting
            args.append(ks)
            heads.append(_head_keys(toks, root, ks))
    return _Need(actions, classes, args, agent, heads=heads, subject=subject, by_agent=by_agent)


ADJUNCT_PREPS = wordlists.words("adjunct_prepositions")


def _core(tok) -> bool:
    """The token belongs to the happening itself, not to an adjunct around it ("with anger
    building", "before returning to Chicago", "a plan that ..."): participants named only
    there are not required in a report of it."""
    cur = tok
    for _ in range(12):
        if cur.head is cur:
            return True
        if cur.dep_ in ("advcl", "relcl", "acl", "parataxis", "pcomp") or (
                cur.dep_ == "prep" and cur.lower_ in ADJUNCT_PREPS):
            return False
        cur = cur.head
    return True


def _phrases(doc) -> list[tuple[list, object]]:
    """The participants named in a clause: its noun chunks, nouns and names the chunker
    missed ("the Gulf" in "the Gulf of Mexico region"), and names joined by "of"."""
    spans = [(list(c), c.root) for c in doc.noun_chunks]
    covered = {t.i for toks, _ in spans for t in toks}
    spans += [([t], t) for t in doc if t.pos_ in ("NOUN", "PROPN") and t.i not in covered]
    spans.sort(key=lambda sp: sp[0][0].i)
    out: list[tuple[list, object]] = []
    for toks, root in spans:
        if out and out[-1][0][-1].pos_ == "PROPN" and toks[0].pos_ == "PROPN" and \
                toks[0].i == out[-1][0][-1].i + 2 and doc[toks[0].i - 1].lower_ == "of":
            prev_toks, prev_root = out.pop()
            out.append((prev_toks + [doc[toks[0].i - 1]] + toks, prev_root))
        else:
            out.append((toks, root))
    return out


def _passive_in(sentence: str, participle: str) -> bool:
    """'will be now sent': the expected verb follows a form of 'be' in its sentence."""
    pat = rf"\b(be|been|being|is|are|was|were)\s+(\w+\s+)?{re.escape(participle)}\b"
    return re.search(pat, sentence, re.I) is not None


def _is_irrealis(tok) -> bool:
    """The token is in a clause told as future, possible, negated or hypothetical."""
    cur = tok
    for _ in range(5):
        kids = list(cur.children)
        if any(c.dep_ == "aux" and c.tag_ == "MD" for c in kids):
            return True
        if any(c.dep_ == "neg" for c in kids):
            return True
        if any(c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless") for c in kids):
            return True
        if cur.dep_ == "xcomp" and cur.head.lemma_.lower() in wordlists.words("irrealis_heads"):
            return True
        if cur.dep_ in ("ROOT",) or cur.head is cur or cur.pos_ not in ("VERB", "AUX", "NOUN"):
            return False
        if cur.dep_ not in ("xcomp", "conj", "ccomp", "relcl", "acl", "advcl", "pcomp", "pobj", "prep", "dobj",
                            "nsubj", "nsubjpass"):
            return False
        cur = cur.head
    return False


def _fact_views(doc) -> list[_View]:
    """Every happening a sentence reports as done, each with the participants of its own
    clause (so "the treaty includes a clause allowing X to send soldiers" does not lend
    "treaty" to "allowing"). Clauses told as future are masked first: a sentence that
    reports a vote and forecasts the next one confirms only the vote."""
    from storyline.expectations.extract import future_clauses

    masked: set[int] = set()
    for verb in future_clauses(doc):
        masked.update(t.i for t in verb.subtree)
    out = []
    for t in doc:
        if t.i in masked:
            continue
        lemma = t.lemma_.lower()
        if not ((t.pos_ == "VERB" and lemma not in LIGHT_VERBS and lemma not in GENERIC_VERBS)
                or (t.pos_ == "NOUN" and action_classes(lemma))):
            continue
        if t.pos_ == "VERB" and t.tag_ in ("VBZ", "VBP", "VB") and not any(
                c.dep_ == "aux" and c.lemma_ == "have" for c in t.children):
            continue  # "votes on Friday", "to vote": a schedule or a purpose, not a report
        if t.pos_ == "NOUN" and not any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by")
                                        for c in t.children):
            continue  # "provides for the ratification": only "ratification by X", "X's ratification" report one
        if _is_irrealis(t):
            continue
        clause = [x for x in t.subtree if x.i not in masked]
        if t.dep_ in ("xcomp", "conj", "acl", "relcl") and _subject_of(t) is None:
            # the subject is the head's ("the Senate met and ratified it"; "the agreement, ratified by ...")
            head = t.head
            subj = head if t.dep_ in ("acl", "relcl") else _subject_of(head)
            if subj is not None:
                clause += [x for x in subj.subtree if x.i not in masked]
        mods = {x.lemma_.lower(): {c.lemma_.lower() for c in x.children if c.dep_ in ("compound", "amod", "nmod")
                                   and c.pos_ in ("NOUN", "PROPN", "ADJ")}
                for x in clause if x.pos_ == "NOUN"}
        out.append(_View(lemma, action_classes(lemma), _phrase_keys(clause), _phrase_keys(_agent_tokens(t)),
                         {k: v for k, v in mods.items() if v}))
    return out


def _agent_tokens(t) -> list:
    """Who did it: the active subject, the "by" agent of a passive, the possessor of a
    noun ("the Senate's ratification"), or for a verb without a subject, its head's."""
    cur = t
    for _ in range(3):
        for c in cur.children:
            if c.dep_ == "nsubj" or c.dep_ == "poss":
                return list(c.subtree)
            if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by" and cur.pos_ == "NOUN"):
                return [x for x in c.subtree if x is not c]
        if cur.dep_ in ("xcomp", "conj") and cur.head is not cur and not any(
                c.dep_ == "nsubjpass" for c in cur.children):
            cur = cur.head
            continue
        break
    return []


def _subject_of(tok):
    return next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _bounds(value: str | None) -> tuple[str, str] | None:
    """First and last ISO day of a date value (day, month or year precision)."""
    if not value:
        return None
    v = value[:10]
    if re.match(r"^\d{4}-\d{2}-\d{2}$", v):
        return v, v
    if re.match(r"^\d{4}-\d{2}$", v):
        y, m = int(v[:4]), int(v[5:7])
        last = 31 if m in (1, 3, 5, 7, 8, 10, 12) else 30 if m != 2 else (29 if y % 4 == 0 and (y % 100 or y % 400 == 0) else 28)
        return f"{v}-01", f"{v}-{last:02d}"
    if re.match(r"^\d{4}$", v):
        return f"{v}-01-01", f"{v}-12-31"
    return None


def _published(a: Article | None) -> str | None:
    if a is None:
        return None
    d = a.published.date or a.published.earliest
    return d[:10] if d else None


def _date_made(x: Expectation, article: Article | None) -> None:
    """Date the expectation by its article as the story now knows it (a date inferred since
    extraction counts): the article's day, or, for an undated article, its window."""
    if article is None:
        return
    pub = article.published
    if pub.date:
        x.made, x.made_earliest, x.made_latest = pub.date[:10], None, None
    else:
        x.made = None
        x.made_earliest = pub.earliest[:10] if pub.earliest else None
        x.made_latest = pub.latest[:10] if pub.latest else None


BOUND_PREPS = wordlists.entries("step_bound_prepositions")


def _bound_in_window(x: Expectation) -> None:
    """An undated article's relative bound ("by the end of the year") has no value at
    extraction; when every day of the article's window resolves it alike, that is its
    value, and the time phrase leaves ``what`` as it does for dated articles."""
    import datetime as dt

    from storyline.annotate.timex import find_timexes

    if x.bound is not None or x.made or not (x.made_earliest and x.made_latest):
        return
    try:
        lo, hi = dt.date.fromisoformat(x.made_earliest), dt.date.fromisoformat(x.made_latest)
    except ValueError:
        return
    first, last = find_timexes(x.what, lo), find_timexes(x.what, hi)
    same = [(a, b) for a, b in zip(first, last) if a.start == b.start and a.value and a.value == b.value
            and a.type == "DATE" and a.kind == "future" and b.kind == "future"]
    quote = x.evidence[0] if x.evidence else None
    if len(same) != 1 or quote is None or same[0][0].text not in quote.quote:
        return
    a, b = same[0]
    start = quote.start + quote.quote.index(a.text)
    x.bound = dataclasses.replace(a, start=start, end=start + len(a.text), latest=b.latest)
    head, tail = x.what[:a.start].rstrip(), x.what[a.end:].strip()
    words = head.split()
    if words and words[-1].lower() in BOUND_PREPS:
        head = " ".join(words[:-1])
    x.what = " ".join(w for w in (head, tail) if w)


def _made_from(x: Expectation) -> str | None:
    """The first day the expectation can have been made (its date, or its window's start):
    a report of the step must not end before it."""
    return x.made or x.made_earliest


def _later(x: Expectation, ev: Event, articles: dict[str, Article]) -> bool:
    """The event was reported (and, when dated, happened) on or after the day the
    expectation was made, and not only by the article that made it on that day."""
    reported = sorted(d for d in (_published(articles.get(s)) for s in ev.sources) if d)
    others = [s for s in ev.sources if s != x.article]
    if not others and x.article in ev.sources:
        return False  # an article does not confirm its own forecast
    made = _made_from(x)
    if not made:
        # Undated forecast: it was written before the happening it forecasts, so any report
        # of that happening as done, from another article, is later.
        return True
    b = _bounds(ev.date)
    if b is not None and b[1] < made:
        return False
    deadline = _deadline(x)
    first_known = b[0] if b is not None else (reported[0] if reported else None)
    if deadline and first_known and first_known > deadline:
        return False
    if reported and reported[-1] < made:
        return False
    if b is not None and b[0] > made:
        return True
    return any(d > made for d in reported)


def _shared(keys: set[str], other: set[str]) -> set[str]:
    """Keys of ``keys`` found in ``other``; a name also matches a longer or shorter form of
    itself that starts or ends with it by whole words ("the Gulf" / "the Gulf of Mexico",
    "Obama" / "President Barack Obama"), never a name that merely shares a word
    ("Federation Council" / "Russian Federation")."""
    out = keys & other
    for k in keys - out:
        if k.startswith("#"):
            continue
        for o in other:
            if o.startswith("#"):
                continue
            a, b = (k, o) if len(k) <= len(o) else (o, k)
            if (b.startswith(a + " ") or b.endswith(" " + a)) and a.count(" ") < b.count(" "):
                out.add(k)
                break
    return out


def _on_time(x: Expectation, ev: Event) -> bool:
    """The event is dated, to the day, within the day or week the expectation named."""
    if x.bound is None or x.bound.precision not in ("day", "week") or (ev.precision or "day") != "day":
        return False
    b = _bounds(ev.date)
    return bool(b and x.bound.earliest and x.bound.latest and x.bound.earliest <= b[0] <= x.bound.latest)


def _deadline(x: Expectation) -> str | None:
    """The last day a report can fulfil ``x``: its bound plus a month, else the wait limit."""
    import datetime as dt

    end = None
    if x.bound is not None:
        end = x.bound.latest or (_bounds(x.bound.value) or (None, None))[1]
    late = LATE_DAYS.get(x.bound.precision or "", LATE_DAYS_DEFAULT) if x.bound is not None else 0
    base, days = (end, late) if end else (x.made or x.made_latest, MAX_WAIT_DAYS)
    if not base:
        return None
    try:
        return (dt.date.fromisoformat(base[:10]) + dt.timedelta(days=days)).isoformat()
    except ValueError:
        return None


def _matches(need: _Need, view: _View, df: dict[str, int], n_events: int, on_time: bool = False) -> bool:
    """The view tells the needed happening: the same action (one word, unless it is a word
    of many senses, or one action class) and the same participants.

    A participant one of whose names is in at least half the story's events is a main
    actor ("BP", "the treaty") and need not be found; every other participant must be
    found in the action's own clause, one of the names found must be rare in the story
    (in at most ``RARE_SHARE`` of its events, or ``RARE_MIN`` of them), and when the
    expectation says who is to act, that one must be the one who acted.
    """
    if not need.actions or not need.args:
        return False
    same_word = view.action in need.actions and view.action not in POLYSEMOUS
    if not (same_word or need.classes & view.classes):
        return False
    big = n_events >= MIN_EVENTS_FOR_SHARE
    rare_limit = max(RARE_MIN, RARE_SHARE * n_events)
    found: set[str] = set()
    for n, arg in enumerate(need.args):
        if big and max(df.get(k, 0) for k in arg) >= DISTINCTIVE_SHARE * n_events:
            continue  # a main actor of the story
        hit = _shared(arg, view.keys)
        head = need.heads[n] if n < len(need.heads) else arg
        if not _shared(head, view.keys):
            return False  # "the hurricane season" is not "the shrimp season"
        mods = arg - head
        theirs = set().union(*(view.mods.get(h, set()) for h in head & view.keys))
        if big and theirs and any(df.get(k, 0) <= rare_limit for k in mods) and not mods & view.keys:
            return False  # "the hurricane season" is not "the shrimp season"; "the season" may be
        if n == need.agent and view.agent and not _shared(arg, view.agent):
            return False  # someone else did it
        found |= hit
    if not found:
        return False  # only the story's main actors in common: nothing tells this happening apart
    # A report dated to the very day (or week) the expectation named is itself telling.
    return not big or on_time or any(df.get(k, 0) <= rare_limit for k in found)


def _related(need: _Need, view: _View, df: dict[str, int], n_events: int) -> bool:
    """A later happening that shares the expectation's telling participants, whatever its
    action: it may be the report our action classes miss, so the expectation is not overdue."""
    relaxed = _Need(set(need.actions) | {view.action}, need.classes, need.args, None, need.heads)
    return _matches(relaxed, view, df, n_events)


def follow_up(expectations: list[Expectation], timeline: list[Event], articles: dict[str, Article]) -> list[Expectation]:
    """Mark each expectation fulfilled, overdue or open against the story's events (see the
    module docstring); fills ``Event.fulfils`` and numbers the steps of procedures.
    Returns the same expectations, in their order."""
    if not expectations:
        return expectations
    dates = [d for d in (_published(a) for a in articles.values()) if d]
    latest = max(dates) if dates else None
    for x in expectations:
        _date_made(x, articles.get(x.article))
        _bound_in_window(x)
        x.status, x.fulfilled_by, x.fulfilled_date, x.fulfilled_sources = "open", None, None, []
    for ev in timeline:
        ev.fulfils = [f for f in ev.fulfils if f not in {x.id for x in expectations}]
    expectations = _without_things_behaving(expectations, articles)
    if not expectations:
        return expectations

    live = [x for x in expectations if not x.what.startswith("not ")]
    needs = _needs(live)
    quotes = _event_quotes(timeline, needs)
    views: dict[int, list[_View]] = {}
    if quotes:
        keys = list(quotes)
        docs = _parse_many([quotes[k] for k in keys])
        for (ei, _), doc in zip(keys, docs):
            views.setdefault(ei, []).extend(_fact_views(doc))
    df, n_sentences = _key_counts(views, timeline)

    overdue: list[Expectation] = []
    moved: dict[str, set[str]] = {}  # overdue as a later article set the step later: those articles
    for x in live:
        need = needs[x.id]
        found = [ev for ei, ev in enumerate(timeline) if ei in views
                 and any(_matches(need, v, df, n_sentences, _on_time(x, ev)) for v in views[ei])
                 and _later(x, ev, articles)]
        if found:
            found = _best_first(found, x)
            first = found[0]
            x.status = "fulfilled"
            x.fulfilled_by = first.id
            x.fulfilled_date = _fulfilled_date(first, articles)
            x.fulfilled_sources = sorted({s for ev in found for s in ev.sources if s != x.article} or
                                         {s for ev in found for s in ev.sources})
            for ev in found:
                if x.id not in ev.fulfils:
                    ev.fulfils.append(x.id)
        elif latest and x.bound is not None and x.certainty != "possible" and not _a_state(need, x) \
                and not _on_condition(x) \
                and (_overdue(x, latest) or _rescheduled(x, live, needs, latest, moved)) and not any(
                _related(need, v, df, n_sentences) for ei, ev in enumerate(timeline) if ei in views
                and _later(x, ev, articles) and not set(ev.sources) <= moved.get(x.id, set()) for v in views[ei]):
            # Overdue only when nothing later even resembles a report of it: a report our
            # matching cannot confirm (other words for the same step) leaves it open.
            x.status = "overdue"
            overdue.append(x)
    for x in live:
        if x.status != "fulfilled":
            _figure_went_up(x, articles, timeline)
        if x.status != "fulfilled":
            _deaths_rose(x, articles, timeline)
        if x.status != "fulfilled" and x.subject is None:
            _happening_told_done(x, articles, timeline)
    main = {k for k, c in df.items() if n_sentences >= MIN_EVENTS_FOR_SHARE and c >= DISTINCTIVE_SHARE * n_sentences}
    _reported_in_sentences(overdue, needs, articles, df, n_sentences, main, moved)
    expectations = merge_restatements(expectations, needs, timeline, main)
    _number_steps(expectations, needs)
    return expectations


def _sentence_key(x: Expectation) -> tuple:
    """Where the expectation is said: its article and sentence (one sentence naming a step
    twice, "500 guards will patrol, backed by officers who will be on patrol", is one item)."""
    if x.evidence:
        return (x.article, x.evidence[0].start)
    return (x.article, x.id)


def _bounds_agree(a: Expectation, b: Expectation) -> bool:
    """Two bounds can name the same step: either is missing, or their windows meet. "Launch
    at the end of the month" and, a month later, "launch on Tuesday" are two schedules."""
    if a.bound is None or b.bound is None:
        return True
    wa = (a.bound.earliest, a.bound.latest) if a.bound.earliest and a.bound.latest else _bounds(a.bound.value)
    wb = (b.bound.earliest, b.bound.latest) if b.bound.earliest and b.bound.latest else _bounds(b.bound.value)
    if not wa or not wb:
        return a.bound.value == b.bound.value
    return wa[0][:10] <= wb[1][:10] and wb[0][:10] <= wa[1][:10]


QUOTED = re.compile(r"[\"“]([^\"“”]+)[\"”]")
SAME_QUOTE_WORDS = 8  # words a quotation needs before two outlets printing it are one statement


def _quotations(text: str) -> set[str]:
    """The longer quotations in a sentence, compared without case or spacing: outlets print
    one spokesman's words in their own sentences ("FirstGroup" / "First Group")."""
    return {"".join(q.split()).lower().rstrip(".,") for q in QUOTED.findall(text)
            if len(q.split()) >= SAME_QUOTE_WORDS}


def _same_words(a: Expectation, b: Expectation) -> bool:
    """The same wording of the step: the same subject head and clause, the same sentence
    (a wire copy or a paragraph printed twice), or the same quotation of someone's words."""
    if _quotations(a.text) & _quotations(b.text):
        return True
    if a.certainty != b.certainty or (a.bound and a.bound.value) != (b.bound and b.bound.value):
        return False
    if " ".join(a.text.split()).lower() == " ".join(b.text.split()).lower():
        return True
    return bool(a.what) and a.what.lower() == b.what.lower() and (
        (a.subject or "").lower().split()[-1:] == (b.subject or "").lower().split()[-1:])


# Two sentences that share this share of the shorter one's content words, and at least
# RESTATED_MIN_WORDS of them, say one thing: an outlet retelling another's sentence with its
# own frame ("Backpacks, large bags and alcohol will be banned at the festivities" / "security
# will also be ramped up, with large bags, backpacks, and even alcohol ... outlawed during the
# festivities"). Sentences about two steps of one story share fewer (0.3-0.45 on the dev
# stories: "BTP will work with the RAIB" / "TfL will work with the emergency services").
RESTATED_SHARE = 0.6
RESTATED_MIN_WORDS = 5


def _sentences_share(a: Expectation, b: Expectation, share: float, least: int) -> bool:
    """Some sentence of ``a`` and some other sentence of ``b`` share ``least`` content words
    or more, and at least ``share`` of the shorter one's."""
    for ea in a.evidence:
        for eb in b.evidence:
            if ea.article == eb.article and ea.start == eb.start:
                continue
            wa, wb = _content_stems(ea.quote or ""), _content_stems(eb.quote or "")
            shared = len(wa & wb)
            if wa and wb and shared >= least and shared >= share * min(len(wa), len(wb)):
                return True
    return False


def _restated_sentence(a: Expectation, b: Expectation) -> bool:
    """Two statements in different sentences whose sentences are mostly the same words."""
    return _sentences_share(a, b, RESTATED_SHARE, RESTATED_MIN_WORDS)


# One actor given one action in two articles is one step only when the two sentences also
# tell the same scene (the dev stories' case shares 5 words, 0.38 of the shorter sentence):
# a story's frequent actor does one kind of thing many times ("BP will pay the bill", "BP
# would pay fees", "BP is expected to pay billions more").
SAME_SCENE_SHARE = 0.3
SAME_SCENE_MIN_WORDS = 4


def _same_actor_action(a: _Need, b: _Need, main: set[str] = frozenset()) -> bool:
    """Two articles give the same one the same specific action ("troops were ... preparing to
    evacuate its personnel" / "troops were on site preparing to evacuate staff"): one step,
    whatever each calls its object. Verbs of many senses, light and general verbs do not
    tell a step apart on their own; a conjoined or reported verb is not the action named."""
    if a.subject is None or b.subject is None:
        return False
    if not (a.heads[a.subject] & b.heads[b.subject] or _shared(a.heads[a.subject], b.heads[b.subject])):
        return False  # a concept tag counts: "troops" and "soldiers" are one actor
    if a.heads[a.subject] & main or b.heads[b.subject] & main:
        return False  # the story's main actor does many things of one kind ("BP will pay ...")
    acts_a = a.actions | ({a.said_action} if a.said_action else set())
    acts_b = b.actions | ({b.said_action} if b.said_action else set())
    specific = {v for v in acts_a & acts_b if v not in POLYSEMOUS | LIGHT_VERBS | GENERIC_VERBS | {"attempt"}}
    if not specific:
        return False
    # what the action is done to must not differ: some participant other than the subject of
    # one is named in the other ("address reporters in the Rose Garden" / "address the nation")
    def others(n: _Need) -> set[str]:
        return {k for i, arg in enumerate(n.args) if i != n.subject for k in arg} - {v for v in acts_a | acts_b}
    every = lambda n: {k for arg in n.args for k in arg}
    oa, ob = others(a), others(b)
    return not (oa and ob) or bool(oa & every(b)) or bool(ob & every(a))


def _counted(text: str) -> set[tuple[float, str]]:
    """The counted things a phrase names: (number, plural noun), "all three first stage boosters"
    -> (3, "boosters"), "5,700 officers" -> (5700, "officers")."""
    from storyline.annotate.timex_lexicon import NUMBER, UNIT_PL, number_value

    out = set()
    for m in re.finditer(rf"\b({NUMBER})\s+((?:[a-z-]+\s+){{0,3}}?)([a-z]{{3,}}s)\b", text.lower()):
        n = number_value(m.group(1))
        if n is not None and n >= 2 and not re.fullmatch(UNIT_PL, m.group(3)) and m.group(3) not in MEASURE_UNITS:
            out.add((n, m.group(3)))  # "two days", "20 times": a span or a ratio, not a thing
    return out



def _same_count(a: Expectation, b: Expectation, na: _Need, nb: _Need) -> bool:
    """Two articles name the same counted thing in the step ("the company will attempt to
    recover all three boosters" / "SpaceX intends to land all three first stage boosters"):
    a count with its noun tells which step, unless both name known kinds of action and the
    kinds differ ("deploy 500 troops" / "withdraw 500 troops")."""
    if na.classes and nb.classes and not na.classes & nb.classes:
        return False
    return bool(_counted(_step_words(a.what)) & _counted(_step_words(b.what)))


def _step_words(what: str) -> str:
    """The step itself: ``what`` up to its first comma or relative clause, at most eight words
    ("placed a perfect seal over the well, which began bleeding oil ... killing 11 workers"
    counts no workers)."""
    openers = "|".join(sorted(CLAUSE_OPENERS))
    head = re.split(rf",|;|\s(?:{openers})\s", what, maxsplit=1)[0]
    return " ".join(head.split()[:8])


PLACE_NAME = re.compile(r"(?<!^)(?<![.!?] )\b[A-Z][\w'-]+(?:\s+(?:of\s+)?[A-Z][\w'-]+)+")


def _same_crowd(a: Expectation, b: Expectation, na: _Need, nb: _Need) -> bool:
    """Two articles expect a crowd ("hundreds of thousands of revellers are expected to flock
    to the party mile in front of the Brandenburg Gate" / "thousands of party-goers are expected
    to see in the New Year at Berlin's Brandenburg Gate"): one gathering when both subjects
    are counts of people or crowds, both forecasts are "expected", and their sentences name
    the same place by a name of two words or more."""
    if a.certainty != "expected" or b.certainty != "expected" or na.subject is None or nb.subject is None:
        return False
    if not (na.heads[na.subject] & CROWD_HEADS and nb.heads[nb.subject] & CROWD_HEADS):
        return False
    names = lambda x: {" ".join(m.group(0).split()) for e in x.evidence for m in PLACE_NAME.finditer(e.quote or "")}
    return bool(names(a) & names(b))


SAME_PARTICIPANTS = 2  # participants (the actor's among them) two statements must share to be one step


def _same_participants(a: _Need, b: _Need, main: set[str]) -> bool:
    """Two statements name the same step in other words ("hundreds of thousands of revellers
    are expected to flock to the party mile on Sunday" / "... revellers are expected to
    descend on the festivities on Sunday"): the same one acts or undergoes it -- their subjects
    share a head, or the subject of one is the one acting by name in the other's passive
    ("members of a Red Cross team will be available" / "the zone will be staffed by members
    of the German Red Cross") -- and they share at least ``SAME_PARTICIPANTS`` participants
    by name or noun (a name meeting its longer form), leaving out the story's main actors
    and concept tags, which every statement of the story shares."""
    def keys(n: _Need) -> set[str]:
        return {k for arg in n.args for k in arg if not k.startswith("#")} - main

    if a.subject is None or b.subject is None:
        return False
    same_subject = bool(a.heads[a.subject] & b.heads[b.subject])
    if not (same_subject or _acts_in_both(a, b) or _acts_in_both(b, a)):
        return False  # the same one acts, or the same thing undergoes it
    if a.classes and b.classes and not a.classes & b.classes:
        return False  # "Hayward will testify" / "Hayward will resign": one actor, two kinds of step
    shared = keys(a) & keys(b) if same_subject else _shared(keys(a), keys(b))
    return len(shared) >= SAME_PARTICIPANTS


def _one_article_schedule(a: Expectation, b: Expectation, na: _Need, nb: _Need) -> bool:
    """One article sets the same kind of action for the same short time twice, in two
    sentences ("SpaceX will launch the rocket later this month" ... "the launch vehicle will
    blast off at the end of the month"): the lead and its retelling, one step. Both must be
    bounded to a month or less, the windows must meet, and neither may be a mere possibility."""
    if a.bound is None or b.bound is None or "possible" in (a.certainty, b.certainty):
        return False
    wa, wb = _window(a), _window(b)
    if not wa or not wb or not (na.classes & nb.classes):
        return False
    import datetime as dt

    def days(w):
        try:
            return (dt.date.fromisoformat(w[1]) - dt.date.fromisoformat(w[0])).days
        except ValueError:
            return 999
    return days(wa) <= 31 and days(wb) <= 31 and wa[0] <= wb[1] and wb[0] <= wa[1]


def _acts_in_both(a: _Need, b: _Need) -> bool:
    """The subject of ``a`` is who acts in ``b``'s passive clause ("by X"): one actor, told
    once as the subject and once as the agent."""
    if a.subject is None or b.by_agent is None:
        return False
    sub = {k for k in a.heads[a.subject] if not k.startswith("#")}
    return bool(sub and _shared(sub, b.heads[b.by_agent]))


def _day_of(x: Expectation) -> str | None:
    """The one day a bound names ("on Tuesday", "at 1:30 p.m. Tuesday"), else None."""
    if x.bound is None:
        return None
    w = (x.bound.earliest, x.bound.latest) if x.bound.earliest and x.bound.latest else _bounds(x.bound.value)
    return w[0][:10] if w and w[0][:10] == w[1][:10] else None


def _same_day_step(a: Expectation, b: Expectation, na: _Need, nb: _Need) -> bool:
    """Two articles set the same kind of action for the same day ("scheduled to blast off
    Tuesday" / "Launch is scheduled ... Tuesday opening at 1:30 p.m."): one step, unless both
    name who or what it is about and those differ, or the one named is itself a happening of
    another kind."""
    day = _day_of(a)
    if day is None or day != _day_of(b) or not (na.classes & nb.classes):
        return False
    if na.subject is not None and nb.subject is not None:
        return bool(_shared(na.heads[na.subject], nb.heads[nb.subject]))
    # one is told as the happening alone ("Launch is scheduled ..."): the other's subject
    # must not name a happening of another kind ("the hearing will begin Tuesday")
    told = na if na.subject is not None else nb if nb.subject is not None else None
    if told is not None:
        kinds = set().union(*(action_classes(h) for h in told.heads[told.subject] if not h.startswith("#")))
        if kinds and not kinds & (na.classes & nb.classes):
            return False
    return True


def merge_restatements(expectations: list[Expectation], needs: dict[str, _Need],
                       timeline: list[Event], main: set[str] = frozenset()) -> list[Expectation]:
    """One item per step: expectations that say the same step become one, with the evidence
    of all (issue 14). The same step is said twice when two items come from one sentence,
    or from two sentences worded alike, or name the same kind of action on the same
    participants (``_same_step``), or share telling participants (``_same_participants``),
    with bounds that agree. The item kept is the first
    announcement; it is fulfilled when any statement of the step was, overdue only when
    every bounded statement is, and events that fulfilled a merged statement point to it."""
    n = len(expectations)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_sentence: dict[tuple, int] = {}
    for i, x in enumerate(expectations):
        j = by_sentence.setdefault(_sentence_key(x), i)
        parent[find(i)] = find(j)
    # Each statement joins the first earlier statement it restates, compared one to one with
    # that statement only, never through a chain (A like B, B like C does not make A like C).
    joined: set[int] = set()
    for j in range(n):
        b = expectations[j]
        for i in range(j):
            a = expectations[i]
            if i in joined or find(i) == find(j) or not _bounds_agree(a, b) \
                    or a.what.startswith("not ") != b.what.startswith("not "):
                continue
            na, nb = needs.get(a.id), needs.get(b.id)
            if _same_words(a, b) or (na and nb and a.article != b.article and _same_day_step(a, b, na, nb)) or (
                    na and nb and a.article == b.article and _one_article_schedule(a, b, na, nb)) or (
                    na and nb and na.args and nb.args and (
                    (a.article != b.article and _same_step(na, nb)) or _same_participants(na, nb, main))) or (
                    a.certainty == b.certainty and _restated_sentence(a, b)) or (
                    na and nb and a.article != b.article and (
                        (a.certainty == b.certainty and _same_actor_action(na, nb, main)
                         and _sentences_share(a, b, SAME_SCENE_SHARE, SAME_SCENE_MIN_WORDS))
                        or _same_crowd(a, b, na, nb) or _same_count(a, b, na, nb))):
                parent[find(j)] = find(i)
                joined.add(j)
                break
    groups: dict[int, list[Expectation]] = {}
    for i, x in enumerate(expectations):
        groups.setdefault(find(i), []).append(x)
    out: list[Expectation] = []
    renamed: dict[str, str] = {}
    for members in groups.values():
        if len(members) == 1:
            out.append(members[0])
            continue
        # the first announcement; within one sentence, the statement that carries a bound
        members = sorted(members, key=lambda x: (_made_from(x) or "9999", x.article, _sentence_key(x)[1:],
                                                 x.bound is None))
        lead = dataclasses.replace(members[0], evidence=list(members[0].evidence),
                                   fulfilled_sources=list(members[0].fulfilled_sources))
        seen = {(e.article, e.start) for e in lead.evidence}
        for x in members[1:]:
            renamed[x.id] = lead.id
            for e in x.evidence:
                if (e.article, e.start) not in seen:
                    seen.add((e.article, e.start))
                    lead.evidence.append(e)
            lead.bound = lead.bound or x.bound
            lead.condition = lead.condition or x.condition
            lead.attributed_to = lead.attributed_to or x.attributed_to
        done = [x for x in members if x.status == "fulfilled"]
        if done:
            first = min(done, key=lambda x: (x.fulfilled_date or "9999", x.id))
            lead.status, lead.fulfilled_by, lead.fulfilled_date = "fulfilled", first.fulfilled_by, first.fulfilled_date
            lead.fulfilled_sources = sorted({s for x in done for s in x.fulfilled_sources})
        else:
            bounded = [x for x in members if x.bound is not None]
            overdue = bool(bounded) and all(x.status == "overdue" for x in bounded)
            lead.status = "overdue" if overdue else "open"
            lead.fulfilled_by, lead.fulfilled_date, lead.fulfilled_sources = None, None, []
        needs.setdefault(lead.id, needs.get(members[0].id))
        out.append(lead)
    if renamed:
        for ev in timeline:
            if any(f in renamed for f in ev.fulfils):
                ev.fulfils = list(dict.fromkeys(renamed.get(f, f) for f in ev.fulfils))
    order = {x.id: i for i, x in enumerate(expectations)}
    return sorted(out, key=lambda x: order[x.id])


def _measure_of(text: str) -> str | None:
    """The measure a phrase is about, read from its head ("the death toll" -> toll, "the
    numbers" -> number, "the number of casualties" -> number); not a modifier ("the total
    bill" is a bill)."""
    words = re.findall(r"[a-z]+", text.lower().split(" of ")[0])
    if not words:
        return None
    w = words[-1]
    for form in (w, w[:-1] if w.endswith("s") else w, w[:-3] + "y" if w.endswith("ies") else w):
        if form in MEASURE_NOUNS:
            return form
    return None


def _content_stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 3} - wordlists.words("followup_stem_stopwords")


def _first_number(text: str) -> float | None:
    from storyline.annotate.timex_lexicon import NUMBER, number_value

    m = re.search(rf"\b{NUMBER}\b", text, re.I)
    return number_value(m.group(0)) if m else None


def _figure_went_up(x: Expectation, articles: dict[str, Article], timeline: list[Event]) -> None:
    """'The death toll may well increase', 'the numbers might rise': a figure forecast to go up
    is fulfilled when another article of the story reports that the same figure went up
    ("the death toll ... rose to at least six Friday"), told as done and not denied. A report
    printed the day the forecast was made counts only when the figure it gives is higher than
    the first figure of the forecast's own sentence (the two cannot otherwise be put in order)."""
    words = x.what.lower().split()
    if not words or not (words[0] in RISING_VERBS or " ".join(words[:2]) in RISING_VERBS):
        return
    measure = _measure_of(x.subject or "")
    if measure is None:
        return
    made = _made_from(x)
    base = _first_number(x.text)
    # the report must share a word with the forecast's sentence besides the measure and the
    # change ("four bodies and 120 wounded ... the numbers might rise" / "the death toll rose
    # to six, with more than 100 others wounded"): a story counts many things
    own = _content_stems(x.text) - _content_stems(" ".join(RISING_VERBS | RISEN_FORMS | MEASURE_NOUNS))
    deadline = _deadline(x)
    risen = re.compile(r"\b(?:" + "|".join(re.escape(f) for f in sorted(RISEN_FORMS, key=len, reverse=True)) + r")\b", re.I)
    for a in sorted(articles.values(), key=lambda a: (_published(a) or "9999", a.id)):
        published = _published(a)
        if a.id == x.article or not a.body or (made and (not published or published < made)) or (
                deadline and published and published > deadline):
            continue
        for sent in SENTENCE_END.split(a.body):
            if not (own & _content_stems(sent)):
                continue  # about something else the story counts
            for m in risen.finditer(sent):
                before = re.split(r"[.;:,]", sent[max(0, m.start() - 120):m.start()])[-1]
                said = _measure_of(before.split(" from ")[0].split(" in ")[0])
                if said is None or not (said == measure or (said in COUNT_NOUNS and measure in COUNT_NOUNS)):
                    continue
                if re.search(r"\b(" + wordlists.alternation("rise_doubters") + r")\b", before.lower()):
                    continue  # denied, forecast again, or supposed
                if published == made:
                    now = _first_number(sent[m.end():m.end() + 40])
                    if base is None or now is None or now <= base:
                        continue
                _fulfilled_by_sentence(x, a, sent, published, timeline)
                return


def _death_counts(body: str) -> list[tuple[float, str]]:
    """The counts of dead an article gives, with their sentences ("At least five people are
    dead", "seven people are now confirmed as having died"); a sentence that names a year
    tells history ("in 1959, when two passengers died"), not this story's toll."""
    from storyline.annotate.timex_lexicon import NUMBER, number_value

    words = "|".join(sorted(DEATH_WORDS, key=len, reverse=True))
    count = re.compile(rf"\b({NUMBER})\b(?:\s+[\w'-]+){{0,6}}?\s+(?:{words})\b", re.I)
    out = []
    for sent in SENTENCE_END.split(body):
        if re.search(r"\b(?:1[89]|20)\d\d\b", sent):
            continue
        for m in count.finditer(sent):
            n = number_value(m.group(1))
            if n is not None and n >= 1:
                out.append((n, sent))
    return out


def _deaths_rose(x: Expectation, articles: dict[str, Article], timeline: list[Event]) -> None:
    """'The death toll may well increase': fulfilled when another article, printed that day or
    later, counts more dead than the forecast's own article did ("at least five people are
    dead" / "at least seven people are now confirmed as having died"), however it words the
    count. The forecast's article must give a count, or the two cannot be put in order."""
    words = x.what.lower().split()
    if not words or not (words[0] in RISING_VERBS or " ".join(words[:2]) in RISING_VERBS):
        return
    subject = (x.subject or "").lower()
    if _measure_of(subject) not in COUNT_NOUNS or not re.search(r"\bdeath|\bfatal|\bcasualt", subject):
        return
    own = articles.get(x.article)
    made = _made_from(x)
    if own is None or not own.body or not made:
        return
    base = max((n for n, _ in _death_counts(own.body)), default=None)
    if base is None:
        return
    deadline = _deadline(x)
    for a in sorted(articles.values(), key=lambda a: (_published(a) or "9999", a.id)):
        published = _published(a)
        if a.id == x.article or not a.body or not published or published < made or (
                deadline and published > deadline):
            continue
        higher = [(n, s) for n, s in _death_counts(a.body) if n > base
                  and not set(re.findall(r"[a-z]+", s.lower())) & COUNT_DOUBT_WORDS]
        if higher:
            _fulfilled_by_sentence(x, a, max(higher)[1], published, timeline)
            return


def _fulfilled_by_sentence(x: Expectation, a: Article, sent: str, when: str | None, timeline: list[Event]) -> None:
    """Mark ``x`` fulfilled by sentence ``sent`` of article ``a``, linked both ways with the
    timeline event whose evidence is that sentence, when there is one."""
    x.status, x.fulfilled_date, x.fulfilled_sources = "fulfilled", when, [a.id]
    ev = next((e for e in timeline if a.id in e.sources and any(
        q.article == a.id and q.quote and q.quote.strip() in sent for q in e.evidence)), None)
    x.fulfilled_by = ev.id if ev is not None else None
    if ev is not None and x.id not in ev.fulfils:
        ev.fulfils.append(x.id)


def _happening_told_done(x: Expectation, articles: dict[str, Article], timeline: list[Event]) -> None:
    """'A full test firing of the engines is expected next week': an expected happening named
    by a noun is fulfilled when an article printed later tells that happening, by the same
    words ("test firing"), as the one acting or acted on in a past-tense clause that is not
    itself a forecast or denied ("A test firing of the 27 engines in January showed ...")."""
    doc = _parse_many([x.what])[0]
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ != "NOUN" or not action_classes(root.lemma_) and not any(
            action_classes(c.lemma_) for c in root.children if c.dep_ == "compound"):
        return
    phrase = " ".join([c.lower_ for c in root.children if c.dep_ == "compound" and c.i < root.i] + [root.lower_])
    made = _made_from(x)
    found = []
    for a in sorted(articles.values(), key=lambda a: (_published(a) or "9999", a.id)):
        published = _published(a)
        if a.id == x.article or not a.body or not made or not published or published <= made:
            continue
        found.extend((a, s) for s in SENTENCE_END.split(a.body) if phrase in s.lower() and len(s) <= 400)
    if not found:
        return
    from storyline.expectations.extract import future_clauses

    for (a, sent), d in zip(found, _parse_many([s for _, s in found])):
        future = {v.i for v in future_clauses(d)}
        for t in d:
            if t.lower_ != root.lower_ or t.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj"):
                continue
            gov = t.head.head if t.dep_ == "pobj" else t.head
            if gov.tag_ == "VBD" and gov.i not in future and not any(c.dep_ == "neg" for c in gov.children):
                _fulfilled_by_sentence(x, a, sent, _published(a), timeline)
                return


SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])|\n+")


def _reported_in_sentences(overdue: list[Expectation], needs: dict[str, _Need], articles: dict[str, Article],
                           df: dict[str, int], n: int, main: set[str], moved: dict[str, set[str]] | None = None) -> None:
    """Leave open an overdue-looking expectation that some later article reports in any
    wording: every sentence of the story's articles published after it was made (not only
    the sentences the events stage kept) is read for a happening told as done that shares
    its telling participants (``_related``). Each sentence is parsed once, and only when it
    shares two word stems with some overdue expectation's participants."""
    if not overdue:
        return
    moved = moved or {}
    want = {x.id: {_stem(w) for arg in needs[x.id].args for k in arg if not k.startswith("#") for w in k.split()}
            for x in overdue}
    sentences: dict[str, list[tuple[Expectation, str | None]]] = {}
    for a in articles.values():
        published = _published(a)
        if not a.body:
            continue
        for sent in SENTENCE_END.split(a.body):
            sent = sent.strip()
            if not sent or len(sent) > 400:
                continue
            words = {_stem(w) for w in re.findall(r"[A-Za-z]+", sent)}
            for x in overdue:
                made = _made_from(x)
                if a.id != x.article and not (made and (not published or published < made)) \
                        and len(words & want[x.id]) >= min(2, len(want[x.id])):
                    sentences.setdefault(sent, []).append((x, published, a.id))
    if not sentences:
        return
    keys = list(sentences)
    for sent, doc in zip(keys, _parse_many(keys)):
        views = None
        for x, published, aid in sentences[sent]:
            if x.status != "overdue":
                continue
            if aid in moved.get(x.id, ()):
                continue  # an article that sets the step for a later date does not report it done
            views = _fact_views(doc) if views is None else views
            after = bool(published and x.bound and x.bound.latest and published > x.bound.latest[:10])
            if any(_related(needs[x.id], v, df, n) for v in views) or (
                    after and x.id not in moved and _named_again(needs[x.id], doc, main)):
                x.status = "open"


def _named_again(need: _Need, doc, main: set[str]) -> bool:
    """A sentence the story printed after the step's bound names the same action and one of
    its telling participants ("Dudley, who formally takes over from Hayward on 1 October",
    printed in November): the story went on speaking of the step, so calling it late would
    claim a silence the story does not keep, whatever the tense. Only sentences of articles
    printed after the bound are asked."""
    actions = {t.lemma_.lower() for t in doc if t.pos_ in ("VERB", "NOUN")} | {
        p for t in doc if t.pos_ == "VERB" for p in _phrasal(t)}
    if not (actions & need.actions or any(action_classes(a) & need.classes for a in actions)):
        return False
    told = _phrase_keys([t for t in doc if t.pos_ in ("NOUN", "PROPN")])
    return any(_shared({k for k in arg if not k.startswith("#")} - main, told) for arg in need.args)


def _on_condition(x: Expectation) -> bool:
    """'SpaceX has a second opportunity on Wednesday if the weather does not cooperate', 'ships
    will have to be withdrawn if the storm comes': a step promised only if something else
    happens is never overdue, since nothing tells whether its condition came true. Steps in
    sequence ("once instruments are exchanged", "after the vote") are promised, and can be."""
    return bool(x.condition) and bool(re.match(r"\s*(if|unless|in case|in the event)\b", x.condition, re.I))


def _a_state(need: _Need, x: Expectation) -> bool:
    """'Waves will remain this high until Thursday', 'the disaster will persist into the
    fall', 'it is expected to be operational by July': a state forecast to hold has no
    report of being done, so it is never overdue."""
    first = x.what.split()[0].lower() if x.what.split() else ""
    return (bool(need.actions) and need.actions <= STATE_VERBS) or first in STATE_VERBS


def _best_first(found: list[Event], x: Expectation) -> list[Event]:
    """Matching events, the one that best dates the fulfilment first: dated after the
    expectation was made, to the day, earliest. When some are dated after it, those dated
    around it are dropped (a sentence telling two steps is split into one event per date,
    and the earlier date belongs to the earlier step)."""
    def after(e: Event) -> bool:
        b = _bounds(e.date)
        return bool(b and _made_from(x) and b[0] > _made_from(x))

    if any(after(e) for e in found):
        found = [e for e in found if after(e) or not _bounds(e.date)]
    rank = {"day": 0, "week": 1, "month": 2}
    return sorted(found, key=lambda e: (not after(e), rank.get(e.precision or "", 3),
                                        (_bounds(e.date) or ("9999", "9999"))[0], e.id))


def _overdue(x: Expectation, latest: str) -> bool:
    """The bound's last day, plus the slack reports need, is before the story's latest
    article (and the bound was ahead when it was written)."""
    import datetime as dt

    end = x.bound.latest or (_bounds(x.bound.value) or (None, None))[1]
    if not end:
        return False
    if _made_from(x) and end < _made_from(x):
        return False  # a bound already past when it was written is a misreading, not a deadline
    try:
        end = (dt.date.fromisoformat(end[:10])
               + dt.timedelta(days=BOUND_SLACK_DAYS.get(x.bound.precision or "", 3))).isoformat()
    except ValueError:
        return False
    return end < latest


def _window(x: Expectation) -> tuple[str, str] | None:
    if x.bound is None:
        return None
    w = (x.bound.earliest, x.bound.latest) if x.bound.earliest and x.bound.latest else _bounds(x.bound.value)
    return (w[0][:10], w[1][:10]) if w else None


def _rescheduled(x: Expectation, others: list[Expectation], needs: dict[str, _Need], latest: str,
                 moved: dict[str, set[str]] | None = None) -> bool:
    """The bound has passed (without the usual slack for late reports) and a later article
    sets the same kind of step for a later date ("will blast off at the end of the month",
    then, a month on, "is scheduled to blast off Tuesday"): the story itself says the first
    date was missed. The later statement must name the same one acting or undergoing it, or
    be told as the happening alone ("Launch is scheduled ...")."""
    w = _window(x)
    made = _made_from(x)
    if w is None or not made or w[0] < made or w[1] >= latest:
        return False
    na = needs[x.id]
    later: set[str] = set()
    for y in others:
        wy = _window(y)
        made_y = _made_from(y)
        if y is x or wy is None or not made_y or made_y <= w[1] or wy[0] <= w[1] or y.certainty == "possible":
            continue
        nb = needs.get(y.id)
        if nb is None or not (na.classes & nb.classes or na.actions & nb.actions):
            continue
        if na.subject is None or nb.subject is None or _shared(na.heads[na.subject], nb.heads[nb.subject]):
            later.add(y.article)
    if later and moved is not None:
        moved[x.id] = later
    return bool(later)


NAME = re.compile(r"(?:[A-Z][\w-]*\s+)*[A-Z][\w-]*$")
# How a body that speaks is told; a made thing does not speak.
SPEAKING = wordlists.entries("speaking_words")


def _without_things_behaving(expectations: list[Expectation], articles: dict[str, Article]) -> list[Expectation]:
    """Extraction reads each article alone, so a made thing its article names only by its
    name ("The Falcon Heavy will allow SpaceX to bid ...") can pass for an organisation that
    acts. The story's other articles say what the name is ("the Falcon Heavy rocket", "a
    ride on a Falcon Heavy"): an item whose subject is such a name, told in the active with
    no time ahead, is a thing behaving, not a step (the bar of ``extract._not_a_step``).
    A name the story also gives a voice ("SpaceX said", "a SpaceX spokesman") is a body that
    makes things ("a SpaceX capsule"), and acts."""
    names = {}
    for x in expectations:
        subject = re.sub(r"^(?:the|a|an)\s+", "", (x.subject or "").strip(), flags=re.I)
        if subject and NAME.fullmatch(subject) and x.bound is None and x.what[:1].islower() \
                and not _passive_in(x.text, x.what.split()[0]):
            names.setdefault(subject, []).append(x)
    if not names:
        return expectations
    things = "|".join(sorted(THING_NOUNS, key=len, reverse=True))
    drop = set()
    for name, xs in names.items():
        said = re.compile(rf"(?:\b(?:a|an)\s+{re.escape(name)}\b|\b{re.escape(name)}\s+(?:{things})s?\b)")
        speaks = re.compile(rf"\b{re.escape(name)}(?:['\u2019]s\s+\w+)?\s+(?:{'|'.join(SPEAKING)})\b")
        if any(a.body and said.search(a.body) for a in articles.values()) and not any(
                a.body and speaks.search(a.body) for a in articles.values()):
            drop.update(x.id for x in xs)  # "a SpaceX capsule", but "SpaceX said": a firm
    return [x for x in expectations if x.id not in drop] if drop else expectations


def _fulfilled_date(ev: Event, articles: dict[str, Article]) -> str | None:
    if ev.date and ISO.match(ev.date[:10]):
        return ev.date[:10]
    reported = sorted(d for d in (_published(articles.get(s)) for s in ev.sources) if d)
    return reported[0] if reported else None


def _needs(expectations: list[Expectation]) -> dict[str, _Need]:
    texts: list[str] = []
    for x in expectations:
        texts.append(x.what)
        texts.append(x.subject or "")
    docs = _parse_many(texts) if texts else []
    out = {}
    unnamed = []
    for n, x in enumerate(expectations):
        what_doc, subj_doc = docs[2 * n], docs[2 * n + 1]
        out[x.id] = _need_of(x, what_doc, subj_doc if x.subject else None)
        if not out[x.id].actions and x.evidence and x.evidence[0].quote:
            unnamed.append(x)
    if unnamed:
        # A short phrase parsed alone can lose its verb ("evacuate staff" read as two nouns);
        # the article's own parse of the sentence names it.
        for x, doc in zip(unnamed, _parse_many([x.evidence[0].quote for x in unnamed])):
            _action_from_sentence(out[x.id], x, doc)
    return out


def _action_from_sentence(need: _Need, x: Expectation, sent_doc) -> None:
    """The action of ``x`` read in its sentence: the verb its ``what`` begins with, when the
    sentence's parse has that word as a verb. Kept apart from ``actions``: matching reports
    stays as it was; only restatements are compared with it."""
    words = x.what.split()
    if not words:
        return
    first = words[0].lower()
    verb = next((t for t in sent_doc if t.lower_ == first and t.pos_ == "VERB"), None)
    if verb is None:
        return
    need.said_action = verb.lemma_.lower()


def _stem(word: str) -> str:
    return word.lower()[:4]


def _event_quotes(timeline: list[Event], needs: dict[str, _Need]) -> dict[tuple[int, int], str]:
    """The event sentences worth parsing: those sharing a word stem with some expectation's
    participants (parsing every sentence of a long story would cost more than the rest)."""
    stems = set()
    patterns = []
    for need in needs.values():
        for arg in need.args:
            for k in arg:
                if k.startswith("#"):
                    patterns.append(CONCEPTS[k[1:]])
                else:
                    stems.add(_stem(k))
    out = {}
    for ei, ev in enumerate(timeline):
        texts = [e.quote for e in ev.evidence if e.quote] or [ev.text]
        for qi, q in enumerate(texts):
            words = {_stem(w) for w in re.findall(r"[A-Za-z]+", q)}
            if words & stems or any(p.search(q) for p in patterns):
                out[(ei, qi)] = q
    return out


def _key_counts(views: dict[int, list[_View]], timeline: list[Event]) -> tuple[dict[str, int], int]:
    """In how many of the story's distinct event sentences each participant key occurs, and
    how many distinct sentences there are (one sentence dated twice is one sentence)."""
    seen: dict[str, set[str]] = {}
    for ei, vs in views.items():
        ev = timeline[ei]
        sentence = ev.evidence[0].quote if ev.evidence else ev.text
        for k in set().union(*(v.keys for v in vs)):
            seen.setdefault(k, set()).add(sentence)
    total = len({(ev.evidence[0].quote if ev.evidence else ev.text) for ev in timeline})
    return {k: len(v) for k, v in seen.items()}, total


# ---------------------------------------------------------------- procedures


def _procedure_key(x: Expectation, need: _Need) -> str | None:
    """What the expectation is a step of: its subject's concept tag or head noun."""
    if not x.subject or not need.args or not need.classes:
        return None  # a step of a procedure is a recognised kind of step (a vote, a signature...)
    subj = need.args[0]
    tags = sorted(k for k in subj if k.startswith("#"))
    if tags:
        return tags[0][1:]
    words = x.subject.split()
    head = words[-1].lower().strip(".,;:'\"’”") if words else ""
    return head if head in subj else None


def _number_steps(expectations: list[Expectation], needs: dict[str, _Need]) -> None:
    """Group expectations by procedure and number their steps: done steps in the order they
    happened, then the rest in the order they were announced; restatements share a step."""
    groups: dict[str, list[Expectation]] = {}
    for x in expectations:
        x.procedure, x.step = None, None
        need = needs.get(x.id)
        key = _procedure_key(x, need) if need else None
        if key:
            groups.setdefault(key, []).append(x)
    for key, xs in groups.items():
        steps: list[list[Expectation]] = []
        for x in xs:
            for step in steps:
                if _same_step(needs[x.id], needs[step[0].id]):
                    step.append(x)
                    break
            else:
                steps.append([x])
        if len(steps) < 2:
            continue  # one step is an expectation, not a procedure

        def order(step: list[Expectation]):
            done = [x.fulfilled_date for x in step if x.status == "fulfilled" and x.fulfilled_date]
            made = min((_made_from(x) or "9999") for x in step)
            return (0, min(done), made) if done else (1, made, "")

        for n, step in enumerate(sorted(steps, key=order), start=1):
            for x in step:
                x.procedure, x.step = key, n


def _same_step(a: _Need, b: _Need) -> bool:
    """Two expectations name the same step: the same kind of action on the same participants."""
    if not (a.actions & b.actions or a.classes & b.classes):
        return False
    shared = sum(1 for arg in a.args if any(arg & other for other in b.args))
    return shared >= min(2, len(a.args), len(b.args))


def procedures(expectations: list[Expectation]) -> list[dict]:
    """Each procedure of a story as a status: its steps in order (what, status, date, the
    expectation ids that state it), how many are done, and the next one.

    For the report's "what's next": a step is done when any of its statements was
    fulfilled; the next step is the first one not done.
    """
    by_key: dict[str, dict[int, list[Expectation]]] = {}
    for x in expectations:
        if x.procedure and x.step:
            by_key.setdefault(x.procedure, {}).setdefault(x.step, []).append(x)
    out = []
    for key, steps in by_key.items():
        rows = []
        for n in sorted(steps):
            xs = steps[n]
            done = [x for x in xs if x.status == "fulfilled"]
            lead = done[0] if done else xs[0]
            status = "fulfilled" if done else ("overdue" if any(x.status == "overdue" for x in xs) else "open")
            rows.append({"step": n, "what": lead.what, "subject": lead.subject, "status": status,
                         "date": lead.fulfilled_date if done else (lead.bound.value if lead.bound else None),
                         "condition": lead.condition, "expectations": [x.id for x in xs]})
        nxt = next((r for r in rows if r["status"] != "fulfilled"), None)
        out.append({"procedure": key, "steps": rows, "done": sum(r["status"] == "fulfilled" for r in rows),
                    "next": nxt["step"] if nxt else None})
    return out


def whats_next(expectations: list[Expectation]) -> list[Expectation]:
    """The story's "what's next": open and overdue expectations, newest first, each step
    or wording once (a restatement in a later article replaces the earlier one)."""
    pending = [x for x in expectations if x.status in ("open", "overdue")]
    pending.sort(key=lambda x: (_made_from(x) or "", x.id), reverse=True)
    seen: set[tuple] = set()
    out = []
    for x in pending:
        key = (x.procedure, x.step) if x.procedure else ((x.subject or "").lower(), x.what.lower())
        if key in seen:
            continue
        seen.add(key)
        out.append(x)
    return out
