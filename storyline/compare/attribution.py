"""Who says so, how sure they are, and whether they are named: attribution of one claim.

Works on a parsed sentence (spaCy Span) and the token the claim hangs on (the counted noun,
the asserting verb). The nearest reporting verb above that token gives the source
("Coast Guard officials said the well was leaking ..."); failing that "according to X"; failing
that a reporting verb elsewhere in the sentence that governs no clause of its own (the
parenthetical "..., the Financial Times reported this week"). "citing X" is kept with the
source, since the reader needs both ("the Financial Times, citing an anonymous
ex-Russian intelligence officer").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

REPORT_VERBS = {
    "say", "tell", "report", "claim", "state", "announce", "estimate", "believe", "confirm", "add", "note",
    "allege", "insist", "warn", "write", "assert", "argue", "acknowledge", "admit", "suggest", "indicate",
    "reveal", "disclose", "predict", "think", "accuse", "maintain", "explain", "testify", "conclude", "calculate",
    "show", "find", "put", "quote", "cite", "declare", "contend", "suspect", "fear", "assess", "reckon",
    "figure", "project", "forecast", "understand", "learn",
}
# Reporting verbs that commit the source less than "say": their use is a hedge.
HEDGE_VERBS = {"claim", "allege", "believe", "think", "suspect", "estimate", "suggest", "speculate", "fear",
               "reckon", "assess", "contend", "understand"}
HEDGE_ADVERBS = {"allegedly", "reportedly", "purportedly", "supposedly", "apparently", "possibly", "probably",
                 "likely", "seemingly", "presumably", "ostensibly", "unconfirmed", "perhaps", "maybe"}
MODALS = {"may", "might", "could"}
# What makes a figure a projection or a capacity rather than a finding: "will reach", "could top",
# "can collect up to", "expects to collect", "is capable of processing". Projections are kept, and marked, but never
# set against a measured figure as a disagreement.
PROJECTING_AUX = {"will", "would", "could", "may", "might", "should", "can", "'ll", "wo", "ca"}
HYPOTHETICAL_WORDS = {"scenario", "worst-case", "capacity", "capable", "hypothetical", "theoretically"}
PROJECTING_WORDS = {"expect", "plan", "aim", "hope", "intend", "target", "forecast", "predict", "project", "want",
                    "capable", "capacity", "potential", "possible", "scenario", "worst"}
# Words saying the figure is an older one, repeated ("the 5,000 barrels it first estimated").
RETROSPECTIVE = {"initially", "originally", "first", "previously", "earlier", "initial", "original",
                 "previous", "prior", "old", "former", "once", "early"}

ANONYMOUS = re.compile(
    r"\b(?:anonymous|anonymity|unnamed|unidentified|not authori[sz]ed|familiar with|close to|"
    r"sources?|insiders?|people briefed|person briefed|who asked not to be named|who declined to be named)\b",
    re.I)
# Unnamed people: "officials said", "a diplomat told" with no name or organisation given.
UNNAMED_HEADS = {"official", "source", "person", "people", "insider", "aide", "diplomat", "officer", "figure"}
PRONOUNS = {"it", "he", "she", "they", "we", "i", "you", "this", "that", "which", "who"}
MAX_SOURCE_TOKENS = 14


@dataclass(slots=True)
class Attribution:
    """The source of a claim and how it is hedged."""

    source: str | None = None
    anonymous: bool = False
    hedges: list[str] = field(default_factory=list)
    verb: object = None  # the reporting verb token, if any
    content: object = None  # the clause reported (token whose subtree is the claim), if any
    retrospective: bool = False
    projected: bool = False


def _phrase(token, sent) -> str:
    """A noun phrase for a source: its subtree without long relative clauses or appositions."""
    drop = set()
    for child in token.children:
        if child.dep_ in ("relcl", "acl", "appos", "advcl", "punct") and len(list(child.subtree)) > 3:
            drop.update(t.i for t in child.subtree)
    toks = [t for t in token.subtree if t.i not in drop and sent.start <= t.i < sent.end]
    while toks and (toks[-1].is_punct or toks[-1].dep_ == "cc"):
        toks.pop()
    while toks and toks[0].is_punct:
        toks.pop(0)
    if len(toks) > MAX_SOURCE_TOKENS:
        toks = [t for t in toks if t.i <= token.i][-MAX_SOURCE_TOKENS:]
    if not toks:
        return ""
    return sent.doc[toks[0].i: toks[-1].i + 1].text.strip(" ,")


def _subject_of(verb):
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            for g in child.children:
                if g.dep_ == "pobj":
                    return g
    if verb.dep_ in ("relcl",) and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    if verb.dep_ == "conj":
        return _subject_of(verb.head)
    return None


def _citing(verb, sent) -> str | None:
    for child in verb.children:
        if child.dep_ in ("advcl", "xcomp", "prep") and child.lemma_ in ("cite", "quote"):
            for g in child.children:
                if g.dep_ in ("dobj", "pobj"):
                    return child.text + " " + _phrase(g, sent)
    return None


def _according_to(sent):
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < sent.end and sent.doc[t.i + 1].lower_ == "to":
            to = sent.doc[t.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def _in_subtree(token, root) -> bool:
    return root.left_edge.i <= token.i <= root.right_edge.i


def is_report_verb(t) -> bool:
    """A verb of saying, reporting or estimating."""
    return t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in REPORT_VERBS


def attribute(sent, anchor) -> Attribution:
    """Source, anonymity and hedges of the claim that hangs on ``anchor`` in ``sent``."""
    out = Attribution()
    path = [anchor] + [a for a in anchor.ancestors if sent.start <= a.i < sent.end]
    source_tok = None
    for n, v in enumerate(path):
        if v is anchor and (anchor.pos_ != "VERB" or not any(c.dep_ in ("ccomp", "xcomp") for c in v.children)):
            continue
        if not is_report_verb(v):
            continue
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)
        if passive and any(c.dep_ == "xcomp" for c in v.children):
            out.hedges.append(f"{v.text} to")  # "said to", "thought to", "believed to"
            continue
        if n > 0 and path[n - 1].dep_ in ("nsubj", "nsubjpass", "dobj", "csubj"):
            continue  # the claim is the reporter or what is reported on, not the report's content
        subj = _subject_of(v)
        if subj is not None and subj.lower_ not in PRONOUNS:
            source_tok, out.verb = subj, v
            out.content = next((c for c in v.children if c.dep_ in ("ccomp", "xcomp") and _in_subtree(anchor, c)),
                               None)
            break
        if subj is not None:  # "it said": the source is the subject of an earlier sentence, left unnamed
            out.verb = v
            break
    if source_tok is None:
        acc = _according_to(sent)
        if acc is not None:
            source_tok = acc
    if source_tok is None and out.verb is None:
        for v in sent:
            if is_report_verb(v) and v not in path and not any(c.dep_ in ("ccomp", "xcomp") for c in v.children):
                subj = _subject_of(v)
                if subj is not None and subj.lower_ not in PRONOUNS and not _in_subtree(anchor, subj) \
                        and (subj.ent_type_ or subj.pos_ == "PROPN" or subj.lemma_ in UNNAMED_HEADS):
                    source_tok, out.verb = subj, v
                    break
    if source_tok is not None:
        src = _phrase(source_tok, sent)
        conj = [c for c in source_tok.children if c.dep_ == "conj"]
        if source_tok.lower_ != "according" and conj and conj[-1].i > source_tok.right_edge.i:
            src = sent.doc[source_tok.left_edge.i: conj[-1].right_edge.i + 1].text
        cite = _citing(out.verb, sent) if out.verb is not None else None
        out.source = f"{src}, {cite}" if cite else src
    hedge_scope = list(path)
    for v in path:
        hedge_scope.extend(c for c in v.children if c.dep_ in ("advmod", "aux", "auxpass", "neg", "amod"))
        for subj in (c for c in v.children if c.dep_ == "nsubj" and v.lemma_ == "be"):
            # "BP's initial estimate was 1,000 barrels": the estimate's modifiers date the figure
            hedge_scope.extend(c for c in subj.children if c.dep_ == "amod" and c.lower_ in RETROSPECTIVE)
    if out.verb is not None:
        hedge_scope.extend(c for c in out.verb.children if c.dep_ == "advmod")
        if out.verb.lemma_.lower() in HEDGE_VERBS:
            out.hedges.append(out.verb.text)
    for t in hedge_scope:
        low = t.lower_
        if low in HEDGE_ADVERBS and low not in out.hedges:
            out.hedges.append(low)
        elif low in MODALS and t.dep_ == "aux" and low not in out.hedges:
            out.hedges.append(low)
        if low in RETROSPECTIVE and t.dep_ in ("advmod", "amod"):
            out.retrospective = True
        if (low in PROJECTING_AUX and t.dep_ == "aux") or t.lemma_.lower() in PROJECTING_WORDS:
            out.projected = True
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for v in path for c in v.children):
        out.projected = True  # "if oil prices go to $100": a condition, not a finding
    if any(c.dep_ == "prep" and c.lower_ == "at" and any(g.lower_ in ("first", "outset") for g in c.children)
           for v in path for c in v.children):
        out.retrospective = True  # "At first, the company said the well leaked 1,000 barrels a day"
    if any(t.lower_ in HYPOTHETICAL_WORDS for t in sent) or re.search(r"\bworst[- ]case\b", sent.text, re.I):
        out.projected = True  # "a worst-case scenario of 162,000 barrels", "capable of processing 15,000"
    src_text = out.source or ""
    if ANONYMOUS.search(src_text) or re.search(r"condition of anonymity|not authori[sz]ed to", sent.text, re.I):
        out.anonymous = True
    elif source_tok is not None and source_tok.lemma_.lower() in UNNAMED_HEADS:
        named = [t for t in source_tok.subtree if t.ent_type_ or t.pos_ == "PROPN"]
        out.anonymous = not named
    return out
