"""Forward-looking statements: what an article says will, may or is expected to happen.

A sentence holds an expectation when one of its clauses is put in the future by

- a modal: "will be sent to the upper house", "they may be deployed" (``MODAL_CERTAINTY``);
- a control word with a to-infinitive: "is expected to vote", "plans to drill", "is set to
  sign" (``CONTROL_CERTAINTY``), or "is to visit", "is going to";
- "would" in reported speech: "the company said it would try again";
- a scheduled noun: "the vote is scheduled for Friday";
- a present tense with a time ahead of the publication date: "the team travels on Monday";
- "pending X" on its own: "the sale is on hold pending regulatory approval".

For each one we keep the clause that names the expected happening (``what``), its subject,
who says so (``attributed_to``: the subject of a reporting verb above it, or "according
to X"), how certain the wording is (announced / expected / possible), the time bound (the
time expression inside the clause, taken from ``analysis.timexes`` so it is normalised like
every other), the condition ("if ...", "once ...", "from the day ...", "pending ...") and
the sentence as evidence. Questions, hypotheses ("if it would ..."), guesses about the past
("may have been"), states ("may be higher"), provisions of legal texts ("the treaty states
that the other party will ...") and addresses to the reader ("you will ...") are left out.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from storyline.compare.words import words as compare_words
from storyline.annotate.stored import doc_text
from storyline.expectations.lexicon import (
    ABSTRACT_SUBJECTS,
    ACTOR_NOUNS,
    CHANGE_VERBS,
    DESIRE_VERBS,
    FIGURATIVE_PHRASES,
    WELCOMING_VERBS,
    OCCASION_NOUNS,
    HABITUAL_ADVERBS,
    CONTEXT_PREPOSITIONS,
    BACKDROP_NOUNS,
    PARTY_PRONOUNS,
    DISTANT_MARKERS,
    ENABLING_VERBS,
    INTENTION_VERBS,
    MEASURE_NOUNS,
    NEGATION_WORDS,
    THING_NOUNS,
    OPINION_VERBS,
    PLACEMENT_VERBS,
    QUANTITY_HEADS,
    STATE_VERBS,
    action_classes,
    CONDITION_MARKS,
    CONDITION_PREPS,
    CONDITION_TIME_NOUNS,
    CONTROL_CERTAINTY,
    DISCOURSE_ADVERBS,
    DOCUMENT_NOUNS,
    GENERIC_SUBJECTS,
    HAPPENING_NOUNS,
    HAPPENING_SUFFIXES,
    HEDGES,
    MODAL_CERTAINTY,
    NON_ASSERTIVE_MARKS,
    PROVISION_VERBS,
    REPORTED_FUTURE_HEADS,
    REPORTING,
    SCHEDULING,
    SELF_ATTRIBUTING,
)
from storyline.model import Article, ArticleAnalysis, Evidence, Expectation, TimeExpr
from storyline import words as wordlists

MAX_WHAT_TOKENS = 30
# How running prose ends; a line without one of these is a headline, caption or link.
SENTENCE_ENDS = (".", "!", "?", "…", ":", ";")

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
# Dependencies through which a clause hangs under the verb that reports it.
CLIMB_DEPS = {"ccomp", "conj", "xcomp", "advcl", "parataxis", "dep", "relcl", "acl", "pcomp"}
PERSONAL_PRONOUNS = {"he", "she", "him", "her"}
DEMONSTRATIVES = {"this", "that", "these", "those"}
INDEFINITE_PRONOUNS = wordlists.words("indefinite_pronouns")
WH_WORDS = wordlists.words("wh_words")
PLURAL_PRONOUNS = {"they", "them"}
RELATIVE_PRONOUNS = wordlists.words("relative_pronouns")
# Promises to the reader and calls to subscribe are not news.
BOILERPLATE = wordlists.entries("reader_promises")


@dataclass
class _Candidate:
    """One future-marked clause before it becomes an Expectation."""

    verb: object  # spaCy Token: the verb (or noun) naming the expected happening
    top: object  # the highest token of the marker (where attribution is looked for)
    certainty: str
    markers: list = field(default_factory=list)  # tokens that mark the future, left out of "what"
    nominal: bool = False  # "the vote is scheduled for Friday": the subject is the happening
    reporter: object = None  # a reporting verb already found (for "would")


# ---------------------------------------------------------------- detection


def _has_perfect(verb) -> bool:
    """'may have been', 'could have done': a guess about the past."""
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def _negated(tok) -> bool:
    """The clause is denied: "will not", "never will", and "nor am I going to quit", where
    "nor" hangs on the first of two joined clauses and denies the second."""
    if any(c.dep_ == "neg" or (c.lower_ in NEGATION_WORDS and c.dep_ in ("cc", "preconj", "advmod"))
           for c in tok.children):
        return True
    return tok.dep_ == "conj" and any(c.lower_ in NEGATION_WORDS and c.dep_ == "cc" and c.i < tok.i
                                      for c in tok.head.children)


STATIVE = wordlists.words("meaning_verbs")
PERCEPTION_PASSIVES = wordlists.words("perception_passives")


def _is_copula(verb) -> bool:
    """'may be higher', 'could be the largest', 'could mean the oil is escaping', 'could be
    attributed to': a state or a reading of the present, not a happening to come."""
    if verb.lemma_ in STATIVE:
        return True
    if verb.lemma_ in PERCEPTION_PASSIVES and any(c.dep_ == "auxpass" for c in verb.children):
        return True
    return verb.lemma_ in ("be", "have", "seem", "remain", "look", "appear") and not any(
        c.dep_ in ("xcomp", "ccomp") for c in verb.children)


def _to_infinitive(tok):
    """The to-infinitive child of ``tok`` ("expected *to vote*"), or None."""
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp", "acomp") and c.pos_ in ("VERB", "AUX") and any(
                a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            return c
    return None


def _lemmas(tok) -> set[str]:
    """The lemma of a verb, and the base forms its past tense or "-ing" form can stand for: the
    tagger's lemmatiser sometimes strips the wrong letters ("hoped", "hoping" -> "hop"), and a closed word
    list must still recognise the verb."""
    out = {tok.lemma_.lower()}
    low = tok.lower_
    if tok.tag_ in ("VBD", "VBN") and low.endswith("ed"):
        out.update({low[:-1], low[:-2]})
    if tok.tag_ == "VBG" and low.endswith("ing") and len(low) > 5:
        out.update({low[:-3], low[:-3] + "e"})  # "hoping" -> "hop" by the tagger: "hope" too
    return out


def _reporting_head(tok, limit: int = 4, verbs=REPORTING):
    """The reporting verb (one of ``verbs``) a clause hangs under ("said" in "BP said it
    would ..."), or None."""
    cur = tok
    for _ in range(limit):
        if cur.dep_ not in CLIMB_DEPS or cur.head is cur:
            return None
        cur = cur.head
        if _lemmas(cur) & verbs and cur.pos_ in ("VERB", "AUX"):
            return cur
    return None


PURPOSE_MARKS = {"so", "lest"}
# Control words that also take "for" and a happening, told in the progressive ("is aiming for
# the first crew launch", "troops are preparing for an offensive").
PURSUIT_VERBS = {"aim", "plan", "prepare"}
PURPOSE_PARTICIPLES = wordlists.words("purpose_participles")
# Verbs of promising whose object can name the promised step ("pledged a full investigation").
PROMISE_VERBS = {"pledge", "promise", "vow"}
# Marks of a clause that sets the scene of a past happening ("as they prepared to ...").
NARRATIVE_MARKS = {"as", "when"}  # not "while": in news it mostly sets two statements side by side


def _under_non_assertive(tok, stop) -> bool:
    """True when a clause between ``tok`` and ``stop`` is opened by if/whether/unless, or is
    a question-like complement ("whether Pyongyang would be covered")."""
    cur = tok
    for _ in range(6):
        if any(c.dep_ == "mark" and c.lower_ in NON_ASSERTIVE_MARKS for c in cur.children):
            return True
        if cur.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in PURPOSE_MARKS for c in cur.children):
            return True  # "so she could file a claim": a purpose, not a forecast
        if cur.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in cur.children):
            return True  # "(must meet the rules) before they could resume": the condition of another clause
        if cur is stop or cur.head is cur:
            return False
        cur = cur.head
    return False


def _candidates(sent, timexes: list[TimeExpr], anchor: str | None) -> list[_Candidate]:
    """Every future-marked clause of one sentence, one per expected verb."""
    found: dict[int, _Candidate] = {}

    def add(c: _Candidate) -> None:
        # The first marker seen for a verb wins, except that a modal over a control word
        # ("will be expected to") keeps the lower certainty the control word gives.
        if c.verb.i not in found:
            found[c.verb.i] = c

    for tok in sent:
        low = tok.lower_
        lemma = tok.lemma_.lower()
        # --- modal auxiliaries
        if tok.dep_ == "aux" and tok.tag_ == "MD":
            verb = tok.head
            if verb.tag_ in ("VBD", "VBZ") or (verb.tag_ in ("VBN", "VBG") and not any(
                    c.dep_ in ("aux", "auxpass") and c.lemma_ in ("be", "have") for c in verb.children)):
                continue  # "At 23:01, will wrote:": a name, not a modal (a modal takes the bare verb)
            if lemma in ("will", "'ll", "wo") or low in MODAL_CERTAINTY:
                key = "will" if lemma in ("will", "'ll", "wo") else low
                certainty = MODAL_CERTAINTY.get(key)
                if certainty is None:
                    continue
                if _has_perfect(verb) and key != "will":
                    continue
                if key == "could" and _negated(verb):
                    continue  # "could not be reached": past inability, not a forecast
                if key != "will" and _is_copula(verb) and not _future_time_in(verb, timexes, anchor):
                    continue  # "may be higher": a guess about the present
                inner = _to_infinitive(verb)
                if inner is not None and verb.lemma_.lower() in CONTROL_CERTAINTY:
                    continue  # "will seek to", "may plan to": the control word rule below handles it
                add(_Candidate(verb, verb, certainty, [tok]))
            elif low == "would" or lemma == "would":
                if _has_perfect(verb):
                    continue  # "would have": counterfactual
                if verb.lemma_.lower() in OPINION_VERBS | DESIRE_VERBS:
                    continue  # "I'd like my life back", "would prefer": a wish, not a step
                if verb.tag_ in ("VBN", "VBD") and not any(c.dep_ == "auxpass" for c in verb.children):
                    continue  # "what they'd long awaited": 'd is "had" before a participle
                head = _reporting_head(verb)
                if head is None or head.lemma_.lower() not in REPORTED_FUTURE_HEADS:
                    continue
                if _to_infinitive(verb) is not None and verb.lemma_.lower() in CONTROL_CERTAINTY:
                    continue  # "said it would seek to make peace": the control word rule names the step
                if any(c.dep_ == "advcl" and not (c.tag_ in ("VBZ", "VBP") and c.lemma_.lower() in DESIRE_VERBS)
                       and any(m.lower_ in ("if", "unless") for m in c.children if m.dep_ == "mark")
                       for c in verb.children):
                    continue  # "would ... if it rained", "would benefit if it waits": a hypothesis; "if
                    # women want to report a crime, officers would be available": a service offered on
                    # someone's wish, an arrangement with its condition
                add(_Candidate(verb, verb, REPORTED_FUTURE_HEADS[head.lemma_.lower()], [tok], reporter=head))
            continue
        # --- control words with a to-infinitive
        if lemma in CONTROL_CERTAINTY or low in CONTROL_CERTAINTY:
            inner = _to_infinitive(tok)
            if inner is None:
                if lemma in SCHEDULING and tok.tag_ in ("VBN", "JJ") and _future_time_in(tok, timexes, anchor):
                    subj = _subject_token(tok)
                    if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
                        add(_Candidate(subj, tok, "announced", [tok], nominal=True))
                elif lemma in PROMISE_VERBS and tok.pos_ == "VERB" and not _negated(tok):
                    # "pledging a full investigation": a promise whose object names the step
                    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
                    if obj is not None and obj.pos_ == "NOUN" and _names_happening(obj) and not obj.ent_type_ \
                            and not any(c.dep_ == "nummod" or c.like_num for c in obj.children) \
                            and any(c.dep_ in ("det", "amod") for c in obj.children):
                        # "a full investigation", "an immediate appeal"; not "pledging attention"
                        add(_Candidate(obj, tok, "announced", [tok], nominal=True))
                elif lemma in PURSUIT_VERBS and tok.tag_ == "VBG" and _present(tok) and not _negated(tok):
                    # "the company is aiming for the first commercial crew launch": a happening
                    # someone is working towards now, named by a noun of a known kind of action
                    prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "for"), None)
                    obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
                    subj = _subject_token(tok)
                    if obj is not None and obj.pos_ == "NOUN" and action_classes(obj.lemma_) and subj is not None \
                            and _can_act(subj):
                        add(_Candidate(obj, tok, "expected", [tok], nominal=True))
                elif lemma == "expect" and tok.tag_ == "VBN" and _future_time_in(tok, timexes, anchor):
                    # "a full test firing of the engines is expected next week": a happening
                    # named by a noun of a known kind of action, expected at a time ahead
                    subj = _subject_token(tok)
                    if subj is not None and subj.pos_ == "NOUN" and not _negated(tok) and any(
                            action_classes(t.lemma_) for t in [subj, *subj.children]
                            if t is subj or t.dep_ == "compound"):
                        add(_Candidate(subj, tok, "expected", [tok], nominal=True))
                continue
            if _negated(tok) or low == "unlikely" or (tok.dep_ == "acomp" and _negated(tok.head)):
                continue  # "is not expected to": a negative forecast, too easy to misread
            if lemma == "likely" and any(c.lower_ in ("more", "less", "most", "least", "as") for c in tok.children):
                continue  # "more likely to report abuse to aid workers": a comparison of tendencies
            if any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ == "VBD" for c in tok.children) or (
                    tok.head is not tok and tok.dep_ == "acomp" and any(
                        c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ == "VBD" for c in tok.head.children)):
                continue  # "had planned to", "had been due to": a plan that belongs to the past
            if lemma == "go" and not any(c.dep_ == "aux" and c.lemma_ == "be" for c in tok.children):
                continue  # only "be going to"
            if lemma == "go" and any(c.dep_ == "aux" and c.lemma_ == "be" and c.tag_ == "VBD" for c in tok.children) \
                    and _reporting_head(tok) is None:
                continue  # "it looked as though he was going to smash ...": a past scene, not a forecast
                # ("he said he was going to resign" reports a future)
            if lemma == "seek" and not ((tok.tag_ == "VBG" and _present(tok) or any(
                    c.dep_ == "aux" and c.tag_ == "MD" for c in tok.children)) and _subject_token(tok) is not None
                                        and _subject_token(tok).lemma_.lower() not in DOCUMENT_NOUNS | THING_NOUNS):
                continue  # "is seeking to reduce": an aim pursued now; "sought to reassure" was done,
                # "the bill seeks to cut" says what a text is for
            if lemma in ("set", "schedule", "slate", "poise") and tok.tag_ not in ("VBN", "JJ"):
                continue  # only the passive "is set to"
            if lemma in ("expect",) and tok.tag_ == "VBN" and not any(c.dep_ == "auxpass" for c in tok.children) \
                    and tok.dep_ not in ("ROOT", "ccomp", "conj", "advcl", "relcl", "acl"):
                continue
            if lemma == "threaten" and not _actor_subject(tok):
                continue  # "winds threatened to hamper": a risk in a narrative, not someone's threat
            certainty = CONTROL_CERTAINTY.get(lemma) or CONTROL_CERTAINTY[low]
            add(_Candidate(inner, tok, certainty, [tok]))
            continue
        # --- "is to visit": be with a to-infinitive and a concrete subject
        if lemma == "be" and tok.dep_ in ("ROOT", "ccomp", "conj") and tok.tag_ in ("VBZ", "VBP"):
            inner = _to_infinitive(tok)
            subj = _subject_token(tok)
            if inner is not None and subj is not None and subj.lemma_.lower() not in ABSTRACT_SUBJECTS \
                    and inner.lemma_.lower() != "blame" and _actor_subject(tok):  # "BP is to blame": fault, not a plan
                add(_Candidate(inner, tok, "announced", [tok]))
            continue
        # --- "SpaceX has a second opportunity on Wednesday": an occasion someone holds at a
        # time ahead (``occasion_nouns.txt``) or a happening they have ("has a hearing on Monday")
        if lemma == "have" and tok.tag_ in ("VBZ", "VBP") and tok.dep_ in ("ROOT", "ccomp", "conj") \
                and not _negated(tok):
            obj = next((c for c in tok.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
            subj = _subject_token(tok)
            if obj is not None and subj is not None and _can_act(subj) and (
                    obj.lemma_.lower() in OCCASION_NOUNS or action_classes(obj.lemma_)) and (
                    _future_time_in(tok, timexes, anchor, direct=True) or _future_time_in(obj, timexes, anchor)):
                add(_Candidate(obj, tok, "announced", [tok], nominal=True))
                continue
        # --- present tense with a time ahead of publication: "the team travels on Monday"
        if tok.pos_ == "VERB" and tok.dep_ in ("ROOT", "ccomp", "conj") and _present(tok) \
                and _future_time_in(tok, timexes, anchor, direct=True) and not _past_time_in(tok, timexes, anchor):
            add(_Candidate(tok, tok, "announced", []))
    # --- "pending X" with no other expectation in the sentence
    if not found:
        for tok in sent:
            if tok.lower_ == "pending" and tok.dep_ == "prep":
                obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
                if obj is not None and obj.pos_ == "NOUN":
                    add(_Candidate(obj, tok, "expected", [tok], nominal=True))
    return sorted(found.values(), key=lambda c: c.verb.i)


def future_clauses(span) -> list:
    """The verbs of ``span`` (a parsed sentence or Doc) told as future or possible, found by
    the same markers as expectations (no time expressions needed). Follow-up uses it to
    leave forecasts out when reading what a later sentence reports as done."""
    return [c.verb for c in _candidates(span, [], None) if not c.nominal]


def _actor_subject(tok) -> bool:
    """The subject is someone who can act: a name, a named entity, or he/she/they/we."""
    subj = _subject_token(tok)
    if subj is None:
        return False
    if subj.pos_ == "PROPN" or subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    if subj.lower_ in ("he", "she", "they", "we", "i"):
        return True
    return any(c.pos_ == "PROPN" or c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
               for c in subj.children if c.dep_ in ("compound", "poss", "amod"))


def _present(verb) -> bool:
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    if verb.tag_ == "VBG":
        return any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in verb.children)
    return False


def _past_time_in(tok, timexes: list[TimeExpr], anchor: str | None) -> bool:
    """A time before the publication date attached to ``tok`` itself: "the season runs from
    June 1 to November 30" describes a span under way, not a step to come."""
    if not anchor:
        return False
    spans = []
    for c in tok.children:
        if c.dep_ in ("prep", "npadvmod", "advmod", "tmod", "obl"):
            sub = list(c.subtree)
            spans.append((sub[0].idx, sub[-1].idx + len(sub[-1])))
    return any(s <= tx.start and tx.end <= e and tx.kind != "future" and tx.latest and tx.latest < anchor
               for tx in timexes for s, e in spans)


def _future_time_in(tok, timexes: list[TimeExpr], anchor: str | None, direct: bool = False) -> bool:
    """True when a time expression attached to ``tok`` lies ahead of the publication date."""
    return _bound_for(tok, timexes, anchor, exclude=[], future_only=True, direct=direct) is not None


# ---------------------------------------------------------------- parts of the expectation


def _subject_token(verb):
    """The verb's subject. Of two, the first, unless a dash or a bracket stands between them:
    then the parse has hung a caption's credit ("(EPA) — As thousands celebrate ..., a team
    ... will be standing by") on the verb of the next sentence, and the nearer one is its own."""
    subjects = sorted((c for c in verb.children if c.dep_ in SUBJECT_DEPS), key=lambda c: c.i)
    if len(subjects) > 1 and any(t.text in ("—", "–", "(", ")", "[", "]")
                                 for t in verb.doc[subjects[0].i + 1: subjects[-1].i]):
        return min(subjects, key=lambda c: abs(c.i - verb.i))
    return subjects[0] if subjects else None


def _subject_or_neighbour(verb):
    """The subject of a finite verb, or, when the parse gave it none, the noun just before
    it: "the damage to parts of the consulate and troops were on site" is read with
    "troops" joined to "parts", leaving "were" without a subject."""
    subj = _subject_token(verb)
    if subj is not None or verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.i == 0:
        return subj
    prev = verb.doc[verb.i - 1]
    if prev.pos_ in ("NOUN", "PROPN") and prev.dep_ in ("conj", "pobj") and prev.i >= verb.sent.start:
        return prev
    return None


def _np_tokens(tok) -> list:
    """The tokens of a noun phrase, without relative clauses, appositions, conjuncts or an
    adverb after the noun that says where it is ("a team ... in a tent only yards away")."""
    drop: set[int] = set()
    for c in tok.children:
        if c.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "parataxis") or (
                c.dep_ == "advmod" and c.i > tok.i):
            drop.update(t.i for t in c.subtree)
    toks = [t for t in tok.subtree if t.i not in drop]
    while toks and toks[0].is_punct:
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    return toks


def _text_of(toks) -> str:
    """Text of a set of tokens in order, spaced as in the article."""
    toks = sorted(toks, key=lambda t: t.i)
    out = []
    for n, t in enumerate(toks):
        out.append(t.text)
        if n + 1 < len(toks):
            nxt = toks[n + 1]
            out.append(t.whitespace_ if nxt.i == t.i + 1 else " ")
    return " ".join("".join(out).split())


def _resolve_subject(cand: _Candidate, sent, entities, article_body: str):
    """The subject of the expected happening, as a noun-phrase token (pronouns resolved
    where the sentence or the article makes it safe)."""
    verb = cand.verb
    subj = None
    cur = verb
    # "BP plans to drill": the infinitive's subject is the control word's; "cap the well and
    # begin drilling": a conjunct shares its head's subject.
    for _ in range(4):
        subj = _subject_token(cur)
        if subj is not None or cur.dep_ not in ("xcomp", "conj", "ccomp") or cur.head is cur \
                or not (sent.start <= cur.head.i < sent.end):
            break
        if cur.dep_ == "ccomp":
            # "warned the death toll 'may well increase'": the parser hangs the clause's subject
            # on the reporting verb as its object; the one who warns is not the one expected to act
            obj = next((c for c in cur.head.children if c.dep_ == "dobj" and cur.head.i < c.i < cur.i), None)
            if obj is not None and any(c.dep_ == "aux" for c in cur.children):
                return obj
        cur = cur.head
    if subj is None and cur.dep_ == "advcl" and cur.tag_ == "VBG" and not any(
            c.dep_ == "mark" for c in cur.children) and sent.start <= cur.head.i < sent.end:
        # "troops were on site preparing to evacuate staff": a participle clause shares the
        # subject of the clause it hangs on
        subj = _subject_or_neighbour(cur.head)
        if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
            return subj
        subj = None
    if subj is None and cur.dep_ in ("relcl", "acl"):
        return cur.head  # "the agreement, sent to ...": the antecedent
    if subj is None:
        return None
    low = subj.lower_
    if low in RELATIVE_PRONOUNS and cur.dep_ == "relcl":
        return cur.head  # "the agreement, which will be sent": the antecedent (checked like any subject)
    if low in PLURAL_PRONOUNS or low == "it":
        # The nearest earlier subject in the same sentence that agrees in number.
        plural = low in PLURAL_PRONOUNS
        for t in reversed(list(sent[: subj.i - sent.start])):
            if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN"):
                if (t.tag_ in ("NNS", "NNPS")) == plural:
                    return t
        return subj
    return subj


def _descriptive_relative(cand: _Candidate) -> bool:
    """'the damage that the spill could cause', 'nothing I can say that will comfort you',
    'a payload that will be jettisoned': a relative clause that describes or picks out its
    noun does not assert a forecast; a non-restrictive one whose relative pronoun is the
    subject ('the agreement, which will be sent ...') adds one."""
    for tok in {cand.top, cand.verb}:
        if tok.dep_ != "relcl":
            continue
        subj = _subject_token(tok)
        if subj is not None and subj.lower_ in RELATIVE_PRONOUNS:
            if subj.i > 0 and not subj.doc[subj.i - 1].is_punct:
                return True  # restrictive: "a payload that will be jettisoned" says which payload
            return tok.head.lemma_.lower() in INDEFINITE_PRONOUNS
        return True
    return False


def _purpose_of(tok) -> bool:
    """The clause completes a verb of ensuring ("to ensure that ...", "make sure that ...")."""
    head = tok.head if tok.dep_ in ("ccomp", "advcl") else None
    if head is None or head is tok:
        return False
    lemma = head.lemma_.lower()
    if lemma in ("ensure", "guarantee"):
        return True
    if lemma == "make" and any(c.lower_ == "sure" for c in head.children):
        return True
    return lemma == "sure" and head.head.lemma_.lower() == "make"


def _inside_quotes(tok, sent) -> bool:
    """An odd number of quotation marks between the sentence start and ``tok``."""
    before = doc_text(sent.doc)[sent.start_char:tok.idx]
    curly = before.count("\u201c") - before.count("\u201d")
    return curly > 0 or before.count('"') % 2 == 1


def _indirect_question(cand: _Candidate) -> bool:
    """'How far the spill will reach is unknown', 'what will happen next': a clause opened by
    a wh-word that is not a relative pronoun of a noun asks, it does not forecast."""
    verb = cand.verb
    clause = [verb] + [c for c in verb.children if c.dep_ in ("advmod", "nsubj", "nsubjpass", "dobj", "attr", "mark")]
    for t in clause:
        if t is verb:
            continue
        if t.lower_ in WH_WORDS and t.tag_ in ("WRB", "WP", "WDT", "IN") and verb.dep_ != "relcl":
            return True
        if t.dep_ == "advmod" and any(c.lower_ in WH_WORDS and c.tag_ == "WRB" for c in t.children):
            return True  # "how far"
    first = min(verb.subtree, key=lambda t: t.i)
    if first.lower_ in WH_WORDS and first.tag_ in ("WRB", "WP", "WDT") and verb.dep_ != "relcl":
        return True  # "(wonder) how long it will take"
    return verb.dep_ in ("csubj", "csubjpass")


def _asked_of(top) -> bool:
    """The marker's own clause is an indirect question ("(explain) how people may plan to
    watch one video"): a wh-word hangs on the control word itself, inside a complement."""
    return top.dep_ in ("ccomp", "xcomp", "advcl") and any(
        c.lower_ in WH_WORDS and c.tag_ in ("WRB", "WP", "WDT") and c.dep_ in ("advmod", "mark", "nsubj", "dobj")
        for c in top.children)


def _person_before(pos: int, entities) -> str | None:
    """The last person named before character ``pos`` (to read 'he said')."""
    best = None
    for e in entities:
        if e.label == "PERSON" and e.end <= pos:
            best = e
    return best.canonical if best else None


def _attribution(cand: _Candidate, sent, entities) -> tuple[str | None, bool]:
    """Who says it will happen, and whether that source is named (a name, an organisation,
    a person read from "he said"): the subject of the reporting verb above the clause, the
    subject of a self-attributing control word ("BP plans to"), the agent of "is expected
    by", or "according to X"."""
    top = cand.top
    who = None
    if top.lemma_.lower() in SELF_ATTRIBUTING:
        agent = next((c for c in top.children if c.dep_ == "agent"), None)
        if agent is not None:
            obj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if obj is not None:
                who = obj
        elif top.lemma_.lower() != "expect":
            who = _subject_token(top)
    head = cand.reporter or _reporting_head(top) or _reporting_below(cand)
    if who is None and head is not None:
        who = _subject_token(head)
        if who is None and head.dep_ == "conj":
            who = _subject_token(head.head)  # "Obama called it a disaster and said ..."
        if who is None:
            agent = next((c for c in head.children if c.dep_ == "agent"), None)
            if agent is not None:
                who = next((c for c in agent.children if c.dep_ == "pobj"), None)
    if who is not None:
        if who.lower_ in PERSONAL_PRONOUNS:
            person = _person_before(who.idx, entities)
            return person, person is not None
        if who.pos_ == "PRON" or who.lower_ in RELATIVE_PRONOUNS:
            who = None
        else:
            toks = _np_tokens(who)
            return _text_of(toks), _names_someone(toks)
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < sent.end and t.nbor(1).lower_ == "to":
            obj = next((c for c in t.nbor(1).children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ != "PRON":
                toks = _np_tokens(obj)
                return _text_of(toks), _names_someone(toks)
    return None, False


NAMED_TYPES = {"PERSON", "ORG", "GPE", "NORP"}


def _names_someone(toks) -> bool:
    """The phrase names its source: a name ("the London Mayor", "Noor Mohammad Faiz", "The
    Washington Post") or one definite body or office ("the ministry", "police", "the
    spokesman"), not a kind of people ("Experts", "Others", "some analysts")."""
    if any(t.pos_ == "PROPN" or t.ent_type_ in NAMED_TYPES for t in toks):
        return True
    heads = [t for t in toks if t.head not in toks or t.head is t]
    if len(heads) != 1 or heads[0].lemma_.lower() not in ACTOR_NOUNS:
        return False
    head = heads[0]
    definite = any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that"))
                   for c in head.children)
    return definite or head.tag_ in ("NN", "NNP")  # "police", "the ministry"; not "experts"


def _reporting_below(cand: _Candidate):
    """'The rest will degrade, said the energy chief': a parser often hangs the reporting
    verb under the clause it reports."""
    for owner in (cand.top, cand.verb):
        for c in owner.children:
            if c.dep_ in ("parataxis", "advcl", "ccomp", "conj") and c.lemma_.lower() in REPORTING \
                    and c.pos_ in ("VERB", "AUX") and c.i > cand.verb.i and _subject_token(c) is not None:
                return c
    return None


def _is_provision(cand: _Candidate, sent) -> bool:
    """'The treaty states that the other party will ...', 'according to this document, ...':
    what a legal text lays down is a rule, not a prediction. Looked for anywhere in the
    sentence, since parsers often hang the frame under the clause it frames."""
    for t in sent:
        if t.lemma_.lower() in PROVISION_VERBS and t.pos_ in ("VERB", "AUX"):
            subj = _subject_token(t)
            if subj is not None and (subj.lemma_.lower() in DOCUMENT_NOUNS or any(
                    o.lemma_.lower() in DOCUMENT_NOUNS for p in subj.children if p.dep_ == "prep"
                    for o in p.children if o.dep_ == "pobj")):
                return True
        if t.lower_ in ("according", "under") and t.i + 2 < sent.end and t.i < cand.verb.i:
            window = [x.lemma_.lower() for x in sent.doc[t.i + 1: min(t.i + 5, sent.end)]]
            if any(w in DOCUMENT_NOUNS or w == "term" for w in window):
                return True
    return False


def _conditions(cand: _Candidate) -> list:
    """Condition heads attached to the expected verb (or its marker): 'if ...', 'once ...',
    'from the day both sides exchange ...', 'pending approval', 'subject to ...'."""
    out = []
    for owner in {cand.verb, cand.top}:
        for c in owner.children:
            if c.dep_ == "advcl":
                marks = [m.lower_ for m in c.children if m.dep_ == "mark"]
                if any(m in CONDITION_MARKS for m in marks):
                    out.append(c)
            elif c.dep_ == "prep":
                low = c.lower_
                obj = next((o for o in c.children if o.dep_ in ("pobj", "pcomp")), None)
                if low in CONDITION_PREPS and obj is not None:
                    out.append(c)
                elif low == "from" and obj is not None and obj.lemma_.lower() in CONDITION_TIME_NOUNS and any(
                        o.dep_ in ("relcl", "acl") for o in obj.children):
                    out.append(c)  # "from the day both sides exchange instruments"
                elif low == "in" and obj is not None and obj.lemma_.lower() in ("event", "case"):
                    out.append(c)
            elif c.dep_ == "amod" and c.lower_ == "subject":
                out.append(c)
    return out


def _bound_for(tok, timexes: list[TimeExpr], anchor: str | None, exclude: list, future_only: bool = False,
               direct: bool = False) -> TimeExpr | None:
    """The time expression bounding the happening: inside the clause of ``tok`` (or, with
    ``direct``, attached to it and not to a clause below it), outside any excluded span."""
    if not timexes:
        return None
    if direct:
        spans = []
        for c in tok.children:
            if c.dep_ in ("prep", "npadvmod", "advmod", "tmod", "obl"):
                sub = list(c.subtree)
                spans.append((sub[0].idx, sub[-1].idx + len(sub[-1])))
    else:
        sub = list(tok.subtree)
        spans = [(sub[0].idx, sub[-1].idx + len(sub[-1]))]
    ex = []
    for e in exclude:
        sub = list(e.subtree)
        ex.append((sub[0].idx, sub[-1].idx + len(sub[-1])))
    doc = tok.doc
    # Clauses below the verb have times of their own ("details released this week",
    # "analysis that will be performed tonight").
    for t in tok.subtree:
        if t is not tok and t.dep_ in ("relcl", "acl", "ccomp", "advcl", "csubj") and t.pos_ in ("VERB", "AUX"):
            sub = list(t.subtree)
            ex.append((sub[0].idx, sub[-1].idx + len(sub[-1])))
    best = None
    for tx in timexes:
        if not any(s <= tx.start and tx.end <= e for s, e in spans):
            continue
        if tx.value in ("PRESENT_REF", "PAST_REF"):
            continue  # "currently", "recently": not a time the happening is bound to
        if _modifies_noun(doc, tx):
            continue  # "a first-quarter dividend", "last year's profit": names a thing, not when
        if _welcomed(doc, tx):
            continue  # "to see in the New Year": the year is what is celebrated, not when
        if any(s <= tx.start < e for s, e in ex):
            continue
        if tx.type not in ("DATE", "TIME") and tx.kind != "future":
            continue
        ahead = tx.kind == "future" or (anchor is not None and tx.earliest is not None and tx.earliest > anchor)
        if future_only and not ahead:
            continue
        if not ahead and (tx.value is None or tx.latest is None):
            continue
        # A bound ahead of the publication date is preferred; then the first one.
        if best is None or (ahead and not (best.kind == "future" or (anchor and (best.earliest or "") > anchor))):
            best = tx
    return best


def _long_past_frame(cand: _Candidate, timexes: list[TimeExpr], anchor: str | None) -> bool:
    """'In 1995 she said she would go upstairs', 'back in 2002 he would prefer ...': a future
    seen from a date more than a year before the article is a past narrative, not a step
    still to come. A date inside the clause is its bound ("it would first fly in 2013"),
    which follow-up can find overdue, so only dates outside the clause count."""
    if cand.reporter is None or not anchor:
        return False
    inside = list(cand.verb.subtree)
    lo, hi = inside[0].idx, inside[-1].idx + len(inside[-1])
    year_before = f"{int(anchor[:4]) - 1}{anchor[4:10]}"
    return any(not (lo <= tx.start < hi) and tx.kind != "future" and tx.latest and tx.latest[:10] < year_before
               for tx in timexes)


def _said_before(reporter, timexes: list[TimeExpr], made: str | None) -> bool:
    """The reporting verb carries its own date, before the publication date."""
    if not made:
        return False
    spans = []
    for c in reporter.children:
        if c.dep_ in ("prep", "npadvmod", "advmod"):
            sub = list(c.subtree)
            spans.append((sub[0].idx, sub[-1].idx + len(sub[-1])))
    return any(s <= tx.start and tx.end <= e and tx.latest is not None and tx.latest < made
               for tx in timexes for s, e in spans)


def _welcomed(doc, tx: TimeExpr) -> bool:
    """The time is the object of "see in", "ring in", "usher in" (``welcoming_verbs.txt``):
    the verb, then "in", then the time (after an article at most)."""
    span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    i = span.start
    while i > 0 and doc[i - 1].lower_ in ("the", "a"):
        i -= 1
    if i < 2 or doc[i - 1].lower_ != "in":
        return False
    verb = doc[i - 2]
    return verb.pos_ == "VERB" and verb.lemma_.lower() in WELCOMING_VERBS and doc[i - 1].head.i == verb.i


def _modifies_noun(doc, tx: TimeExpr) -> bool:
    span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    return root.dep_ in ("amod", "compound", "nmod", "nummod", "poss", "npadvmod") and root.head.pos_ in ("NOUN", "PROPN") \
        and not (span.start <= root.head.i < span.end)


def _what(cand: _Candidate, subj, conditions: list, bound: TimeExpr | None, reporter, others=(), sent=None) -> str:
    """The expected happening as a short clause: the verb phrase without its subject, the
    future markers, discourse adverbs, conditions, the time bound and any reporting frame."""
    verb = cand.verb
    if cand.nominal:
        toks = _np_tokens(verb)
        return _text_of(toks[:MAX_WHAT_TOKENS])
    drop: set[int] = {m.i for m in cand.markers}
    for c in verb.children:
        if c.dep_ in SUBJECT_DEPS or c.dep_ in ("aux", "auxpass", "neg", "mark", "parataxis", "punct", "cc"):
            drop.update(t.i for t in c.subtree) if c.dep_ in SUBJECT_DEPS or c.dep_ == "parataxis" else drop.add(c.i)
        elif c.dep_ == "advmod" and (c.lower_ in DISCOURSE_ADVERBS or (
                c.lower_ == "well" and any(m.i == c.i - 1 and m.tag_ == "MD" for m in cand.markers))):
            drop.add(c.i)
        elif c.dep_ in ("prep", "npadvmod", "advmod") and c.i < verb.i and (subj is None or c.i < subj.i):
            drop.update(t.i for t in c.subtree)  # a frame before the clause: "With anger building, ..."
        elif c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and _subject_token(c) is not None:
            drop.update(t.i for t in c.subtree)  # a second clause with its own subject
        elif c.dep_ == "advcl" and c not in conditions and any(
                m.dep_ == "mark" and m.lower_ not in ("to", "for") for m in c.children):
            drop.update(t.i for t in c.subtree)  # "..., while X": another clause; "(for X) to do Y" stays
        elif c.dep_ in ("ccomp", "advcl") and (c.lemma_.lower() in REPORTING or (
                c.lemma_.lower() in PROVISION_VERBS and getattr(_subject_token(c), "lemma_", "") in DOCUMENT_NOUNS)):
            drop.update(t.i for t in c.subtree)  # the frame hung under the clause it frames
        elif c.lower_ == "according":
            drop.update(t.i for t in c.subtree)
    for cond in conditions:
        drop.update(t.i for t in cond.subtree)
    for other in others:
        if other is not verb and other in verb.subtree:
            drop.update(t.i for t in other.subtree)  # a second forecast hung under this one
    if reporter is not None and reporter in verb.subtree:
        drop.update(t.i for t in reporter.subtree if t.i not in {x.i for x in verb.subtree} or t is reporter)
    # the sentence's own words only: a parse can hang a headline or caption on the verb
    lo, hi = (sent.start, sent.end) if sent is not None else (0, len(verb.doc))
    toks = [t for t in verb.subtree if t.i not in drop and lo <= t.i < hi]
    if bound is not None:
        gone: set[int] = set()
        for t in toks:
            if t.dep_ in ("prep", "agent") and len(list(t.subtree)) > 1:
                obj = next((c for c in t.children if c.dep_ in ("pobj", "pcomp")), None)
                if obj is not None and bound.start <= obj.idx < bound.end:
                    gone.update(x.i for x in t.subtree)  # "by the end of the year", "until August, when ..."
        toks = [t for t in toks if t.i not in gone and not (bound.start <= t.idx < bound.end)]
    while toks and (toks[-1].is_punct or toks[-1].dep_ == "cc"):
        toks = toks[:-1]
    while toks and (toks[0].is_punct or toks[0].dep_ == "cc"):
        toks = toks[1:]
    text = _text_of(toks[:MAX_WHAT_TOKENS])
    if _negated(verb) or (cand.top is not verb and _negated(cand.top)):
        text = "not " + text
    return text


def _figurative(verb) -> bool:
    """The verb with the words that follow it makes a figure of speech of
    ``figurative_phrases.txt`` ("go a step further", "pave the way")."""
    words = " ".join([verb.lemma_.lower()] + [t.lower_ for t in verb.doc[verb.i + 1: verb.i + 5]])
    return any(words == p or words.startswith(p + " ") for p in FIGURATIVE_PHRASES)


def _hedged(cand: _Candidate, sent) -> bool:
    """'there is a possibility that ... will': the frame lowers the certainty."""
    cur = cand.top
    for _ in range(4):
        if cur.head is cur:
            break
        cur = cur.head
        if cur.lemma_.lower() in HEDGES:
            return True
    return any(c.lower_ in HEDGES and c.dep_ == "advmod" for c in cand.verb.children)


# ---------------------------------------------------------------- the bar for a step


def _head_noun(subj):
    """The noun a subject is about: through counting heads ("hundreds of thousands of
    revellers" -> revellers, "some of the engines" -> engines)."""
    cur = subj
    for _ in range(4):
        if not (cur.like_num or cur.pos_ == "NUM" or cur.lemma_.lower() in QUANTITY_HEADS):
            break
        prep = next((c for c in cur.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if obj is None:
            break
        cur = obj
    return cur


def _thing_names(doc) -> set[str]:
    """Names the article itself uses for made things: the proper nouns before a noun of
    ``thing_nouns.txt`` ("the Falcon Heavy rocket" -> falcon, heavy), or counted with "a"
    ("ride on a Falcon Heavy"). The tagger often reads
    such names as organisations; the article's own wording says what they are."""
    names = set()
    for t in doc:
        if t.pos_ == "PROPN" and t.ent_type_ not in ("PERSON", "NORP") and any(
                c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.children):
            # "to fly on a Falcon Heavy": one of many, a product; a body is not counted so
            names.update(c.lower_ for c in t.subtree if c.pos_ == "PROPN" and c.i <= t.i)
        if t.lemma_.lower() in THING_NOUNS and t.pos_ == "NOUN":
            stack = [c for c in t.children if c.dep_ == "compound"]
            while stack:  # the compound chain only, not a possessor ("Elon Musk's rocket")
                c = stack.pop()
                if c.pos_ == "PROPN":
                    names.add(c.lower_)
                stack.extend(k for k in c.children if k.dep_ == "compound")
    return names


def _can_act(subj) -> bool:
    """The subject is someone who can take a step: a person or a body by name, a personal
    pronoun, or a noun for people or an organisation (``actor_nouns.txt``); not a made thing
    by its kind ("the megarocket") or by a name the article gives a thing ("the Falcon Heavy")."""
    head = _head_noun(subj)
    if head.lower_ in ("he", "she", "they", "we", "i"):
        return True
    if head.lemma_.lower() in THING_NOUNS:
        return False
    if head.pos_ == "PROPN" and head.lower_ in _thing_names(head.doc):
        return False
    if head.ent_type_ in NAMED_TYPES:
        return True
    if head.ent_type_ in ("PRODUCT", "FAC", "LOC", "WORK_OF_ART", "EVENT", "LAW"):
        return False  # "the Falcon Heavy", "the bridge": a thing, whatever its capital letters
    if head.pos_ == "PROPN" or head.lemma_.lower() in ACTOR_NOUNS:
        return True
    if any(c.dep_ == "compound" and c.lemma_.lower() in ACTOR_NOUNS for c in head.children):
        return True
    # "the conservative bloc in the chancellor's party", "a faction within the army": a part
    # of an organisation, placed inside it, acts as one
    return any(c.dep_ == "prep" and c.lower_ in ("in", "within", "inside") and any(
        o.dep_ == "pobj" and o.lemma_.lower() in ACTOR_NOUNS and o.pos_ == "NOUN" for o in c.children)
        for c in head.children)


def _is_happening(subj, verb) -> bool:
    """'The negotiations will continue', 'the vote will take place': the subject is itself a
    step (a noun of a known kind of action); 'the treaty will take effect': a legal instrument,
    the object of a procedure; 'the death toll may rise': a figure said to change."""
    head = _head_noun(subj)
    if action_classes(head.lemma_):
        return True
    if head.lemma_.lower() in DOCUMENT_NOUNS:
        return _procedure_of(verb)  # "the tax law will boost earnings": an effect forecast, not a step
    return head.lemma_.lower() in MEASURE_NOUNS and verb.lemma_.lower() in CHANGE_VERBS


def _procedure_of(verb) -> bool:
    """The verb tells what a procedure does to a legal text or what the text starts doing:
    a known kind of step ("will be ratified", "will expire"), or a light verb with one as its
    object ("take effect", "come into force", "enter into force")."""
    if action_classes(verb.lemma_) or _passive(verb):
        return True
    objs = [c for c in verb.children if c.dep_ in ("dobj", "attr")] + [
        o for c in verb.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
    return any(action_classes(o.lemma_) for o in objs)


def _passive(verb) -> bool:
    """A passive clause, also through "have to" ("will have to be moved")."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    return verb.lemma_.lower() == "have" and any(
        c.dep_ == "xcomp" and any(a.dep_ == "auxpass" for a in c.children) for c in verb.children)


def _names_happening(noun) -> bool:
    """The noun names a happening: a known kind of action ("vote"), a noun listed as one
    ("probe"), or a noun made from a verb ("investigation", "closure")."""
    lemma = noun.lemma_.lower()
    return bool(action_classes(lemma)) or lemma in HAPPENING_NOUNS or (
        len(lemma) > 5 and lemma.endswith(HAPPENING_SUFFIXES))


def _is_state(verb) -> bool:
    """The clause names a state or a capacity, not a step: "will be the most powerful",
    "will have double the thrust", "will be able to carry". "Will be available to take
    statements" and "will have to be moved" carry a step in their infinitive."""
    lemma = verb.lemma_.lower()
    if lemma in PLACEMENT_VERBS and _passive(verb):
        return True
    if lemma not in STATE_VERBS:
        return False
    if _passive(verb):
        return lemma not in ("be", "have")  # "will be needed", "will only be known": still a state
    if any(c.dep_ == "expl" for c in verb.children):
        # "there will be 1,600 officers", "there will be a vote": people deployed or a happening
        # set is an arrangement announced; "there would be a tented area" describes a place
        what = next((c for c in verb.children if c.dep_ in ("attr", "nsubj")), None)
        if what is None:
            return False
        head = _head_noun(what)
        return not (_can_act(what) or _names_happening(head) or head.lemma_.lower() in DOCUMENT_NOUNS)
    preds = [c for c in verb.children if c.dep_ in ("acomp", "attr", "xcomp")]
    if any(p.lemma_.lower() in ("able", "capable") for p in preds):
        return True
    return not any(_to_infinitive(p) is not None or (p.dep_ == "xcomp" and p.pos_ in ("VERB", "AUX"))
                   for p in preds)


def _under_opinion(cand: _Candidate) -> bool:
    """The clause is someone's opinion, doubt or wish ("doubts a judge will throw them out",
    "believe the zones would ...", "hoped more girls could be rescued")."""
    return bool(_lemmas(cand.top) & OPINION_VERBS) or _reporting_head(cand.top, verbs=OPINION_VERBS) is not None


def _distant(cand: _Candidate, bound: TimeExpr | None) -> bool:
    """The intention is put far off: a word of ``distant_markers.txt`` in its clause, or a bound
    that is one of them ("in the future"), and no nearer time."""
    text = " " + " ".join(t.lower_ for t in cand.top.subtree) + " "
    said = bound.text.lower() if bound is not None else ""
    if bound is not None and not any(m == said or m.endswith(" " + said) for m in DISTANT_MARKERS):
        return False  # a nearer time of its own ("plans to ... by March")
    return any(f" {m} " in text for m in DISTANT_MARKERS)


def _headline(cand: _Candidate, sent) -> bool:
    """'Germans Will Ring in New Year With Extra Security': a capitalised modal or control
    word inside a sentence is a headline glued to the text, not running prose."""
    return any(m.text[:1].isupper() and m.i > sent.start and sent.doc[m.i - 1].text not in "\"'“‘"
               for m in cand.markers)


def _capability(verb, subj) -> bool:
    """What a thing will make possible for others: an enabling verb with an infinitive after its
    object ("will allow family managers to manage playtime"), unless a person, a government or
    a people does the allowing ("Germany will allow refugees to stay")."""
    if verb.lemma_.lower() not in ENABLING_VERBS or not any(
            c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX") for c in verb.children):
        return False
    if subj is None:
        return True
    head = _head_noun(subj)
    personal = head.pos_ == "PRON" and "Prs" in head.morph.get("PronType") and "Neut" not in head.morph.get("Gender")
    return not (head.ent_type_ in ("PERSON", "GPE", "NORP") or personal)


def _content_of_backdrop(top) -> bool:
    """The clause is what a backdrop noun holds, though the parser hangs it on the main verb:
    "has said amid fears it could soon slam down to Earth" (the fears' content, not the
    engineer's words)."""
    clause = next((t for t in [top, *top.ancestors] if t.dep_ == "ccomp"), None)
    if clause is None:
        return False
    start = clause.left_edge.i
    for p in clause.head.children:
        if p.dep_ == "prep" and p.lower_ in CONTEXT_PREPOSITIONS:
            noun = next((o for o in p.children if o.dep_ == "pobj"), None)
            if noun is not None and noun.right_edge.i + 1 == start and noun.lemma_.lower() in BACKDROP_NOUNS:
                return True
    return False


_PARTY_ENTITIES = {"PERSON", "ORG", "MONEY", "PERCENT"}  # spaCy's labels of parties and sums


def _acts_on_a_party(verb) -> bool:
    """What a thing (not someone) will do to a party or a sum: its object is a person, an
    organisation, a personal pronoun or an amount ("will benefit them", "will push Goldman from
    ... to a loss", "will knock $5 billion off its profit"). That is a forecast of an effect,
    which no one can carry out, not a step."""
    for c in verb.children:
        if c.dep_ != "dobj":
            continue
        if c.ent_type_ in _PARTY_ENTITIES:
            return True
        if c.pos_ == "PRON" and c.lower_ in PARTY_PRONOUNS:
            return True
    return False


def _past_schedule(cand: _Candidate) -> bool:
    """A schedule the writer tells in the past tense ("awards that were due to be paid next
    month", "the vote was scheduled to take place"): the plan as it stood before; one that still
    stands reads "are due". Under a reporting verb ("he said the awards were due ...") the past
    tense is the report's, and the plan may well stand."""
    top = cand.top
    if top.lemma_.lower() not in SCHEDULING:
        return False
    past = [t for t in top.children if t.dep_ in ("aux", "auxpass") and t.lemma_ == "be" and t.tag_ == "VBD"]
    if top.dep_ in ("acomp", "attr") and top.head.lemma_ == "be" and top.head.tag_ == "VBD":
        past.append(top.head)
    return bool(past) and cand.reporter is None and all(_reporting_head(t) is None for t in [top, *past])


def _for_the_reader(cand: _Candidate) -> bool:
    """A condition put to the reader ("if your subscription has lapsed", "when you log in"):
    the text says how something works for whoever uses it, not what anyone will do."""
    return any(t.lower_ in ("you", "your") for c in _conditions(cand) for t in c.subtree)


def _not_a_step(cand: _Candidate, subj, sent, bound: TimeExpr | None, anchor: str | None,
                named: bool, timexes: list[TimeExpr] = ()) -> str | None:
    """Why a future clause is not an announced step, or None when it is one.

    The bar (issue 14): a step has someone who will do it and something they will do,
    announced or expected by someone. Left out: headlines and page furniture, negations
    (nothing to follow up), opinions and doubts, mere possibilities no named source
    gives, states and capacities, and things behaving ("the rocket will use 27 engines")
    unless a date ahead makes them a schedule.
    """
    if _headline(cand, sent):
        return "headline"
    if _negated(cand.verb) or (cand.top is not cand.verb and _negated(cand.top)):
        return "negated"
    if _under_opinion(cand):
        return "opinion"
    if any(a.dep_ == "prep" and a.lower_ in CONTEXT_PREPOSITIONS for a in cand.top.ancestors) or _content_of_backdrop(cand.top):
        return "backdrop"  # "amid fears it could soon slam down to Earth": the writer's scene, nobody's step
    if _past_schedule(cand):
        return "past plan"  # "stock awards that were due to be paid next month": the plan as it stood
    if cand.top.dep_ == "relcl" and cand.top.tag_ == "VBD":
        return "past pledge"  # "Buhari, who vowed to destroy the group when he took office": background
    if cand.top.tag_ in ("VBD", "VBN") and _past_time_in(cand.top, timexes, anchor):
        return "past pledge"  # "the company agreed last year to pay": a plan of the past
    if (cand.top.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in cand.top.children)) \
            and cand.top.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in NARRATIVE_MARKS for c in cand.top.children):
        return "past pledge"  # "found her as they prepared to ambush a camp", "as the film was set to air":
        # a scene of the past told in passing
    if any(c.dep_ == "advmod" and c.lower_ in HABITUAL_ADVERBS for t in {cand.verb, cand.top} for c in t.children):
        return "habit"  # "It typically delivers shares in January": what usually happens, not a step
    if cand.top.lemma_.lower() == "aim" and cand.top.tag_ in ("VBZ", "VBP") and bound is None:
        return "standing aim"  # "the group aims to impose ...": what it is for, not a step announced
    if cand.verb.lemma_.lower() in PURPOSE_PARTICIPLES and cand.verb.tag_ == "VBN" and bound is None \
            and any(c.dep_ == "auxpass" for c in cand.verb.children) and not any(c.dep_ == "agent" for c in cand.verb.children):
        return "purpose"  # "It will be aimed at educating students": what a thing is for, not a step
    if cand.top.i != cand.verb.i and cand.top.lemma_.lower() in INTENTION_VERBS and _distant(cand, bound):
        return "long-term aim"  # "intends to use the rocket to send crews to the moon, and eventually beyond"
    if cand.top.dep_ == "pcomp" and cand.top.head.lower_ in ("after", "before", "since", "by", "upon"):
        return "past pledge"  # "after agreeing to finance the fund": what came before, not a step to come
    head = _reporting_head(cand.top)
    if head is not None and any(c.dep_ == "aux" and c.tag_ == "MD" for c in head.children):
        return "irrealis frame"  # "how they could say they could handle it": a frame that is itself unreal
    if cand.certainty == "possible" and not named:
        return "unsourced possibility"
    if _long_past_frame(cand, timexes, anchor):
        return "past narrative"
    lead = subj if subj is not None else next(
        (c for c in cand.verb.children if c.dep_ == "npadvmod" and c.i < cand.verb.i), None)
    if lead is not None and _head_noun(lead).ent_type_ in ("DATE", "TIME"):
        return "a date"  # "Saturday will mark two days since the leak stopped": a count of time, not a step
    if _has_perfect(cand.verb) and any(c.lower_ == "since" for k in cand.verb.children for c in [k, *k.children]
                                       if c.dep_ in ("prep", "mark")):
        return "a tally"  # "will have taken three holidays since April": the past summed up
    if cand.certainty == "possible" and cand.verb.lemma_.lower() in ("see", "witness") and any(
            c.dep_ in ("ccomp", "xcomp") for c in cand.verb.children):
        return "a risk"  # "we could see the fuel freeze": what may happen to something else, seen by the speaker
    ahead = bound is not None and (bound.kind == "future" or bool(anchor and (bound.earliest or "") > anchor))
    if cand.nominal:
        return None
    if _capability(cand.verb, subj):
        return "capability"  # "Play Time Management, which will allow parents to manage playtime"
    if _for_the_reader(cand):
        return "how it works"  # "If your subscription has lapsed, games will be shown with a lock"
    if _is_state(cand.verb) and (not ahead or any(c.dep_ == "attr" for c in cand.verb.children)):
        return "state"  # a date makes "will be closed from Monday" a step, not "will be the most powerful"
    if subj is None or _passive(cand.verb) or subj.dep_ == "expl" or subj.lower_ == "there":
        return None
    if _can_act(subj) or _is_happening(subj, cand.verb):
        return None
    if _acts_on_a_party(cand.verb):
        return "effect forecast"  # "the changes will benefit them", "the charge will push Goldman to a loss"
    return None if ahead else "no actor"


# ---------------------------------------------------------------- the stage


def extract_expectations(article: Article, doc, analysis: ArticleAnalysis) -> list[Expectation]:
    """Forward-looking statements in ``article``'s cleaned body.

    ``doc`` is the spaCy parse of ``article.body`` (parsed here when None); time bounds come
    from ``analysis.timexes`` and pronouns in attributions ("he said") from
    ``analysis.entities``. Every expectation cites its sentence (``quote`` equals
    ``article.body[start:end]``) and is made on the publication date.
    """
    if doc is None:
        from storyline.annotate.nlp import parse

        doc = parse(article.body)
    body = article.body
    anchor = analysis.anchor or (article.published.date[:10] if article.published.date else None)
    # Made on the article's date; an undated article's expectations carry its window instead
    # (never one end of it as if it were the date).
    made = article.published.date[:10] if article.published.date else None
    timexes = sorted(analysis.timexes, key=lambda t: t.start)
    out: list[Expectation] = []
    for sent in _sentence_spans(doc, analysis):
        text = sent.text.strip()
        if not text or text.rstrip("\"'”’ ").endswith("?"):
            continue
        if not text.rstrip("\"'“”‘’)] ").endswith(SENTENCE_ENDS):
            continue  # no full stop: a headline, a caption or a related-links line, not running prose
        low = text.lower()
        if any(b in low for b in BOILERPLATE):
            continue
        sent_tx = [t for t in timexes if sent.start_char <= t.start < sent.end_char]
        sent_tx = _with_quoted_times(sent.text, sent.start_char, sent_tx, anchor)
        cands = _candidates(sent, sent_tx, anchor)
        for cand in cands:
            exp = _build(cand, sent, sent_tx, anchor, article, analysis, body, made, len(out),
                         [c.verb for c in cands if not c.nominal])
            if exp is not None:
                out.append(exp)
    return out


# A short quotation inside a sentence ("will blast off at the 'end of the month'"): scare
# quotes or a few quoted words, which can cut a time expression in two.
SHORT_QUOTE = re.compile(r"(?<!\w)(['\"\u2018\u201c])([^'\"\u2018\u2019\u201c\u201d]{3,40})(['\"\u2019\u201d])(?!\w)")


def _with_quoted_times(text: str, offset: int, timexes: list[TimeExpr], anchor: str | None) -> list[TimeExpr]:
    """The sentence's time expressions, with those a short quotation hid from the time stage
    ("at the 'end of the month'" is "the end of the month" with quotation marks around part
    of it): the sentence is read again with the marks blanked, offsets unchanged."""
    if not anchor or not SHORT_QUOTE.search(text):
        return timexes
    plain = SHORT_QUOTE.sub(lambda m: " " + m.group(2) + " ", text)
    from storyline.annotate.timex import find_timexes

    extra = []
    for t in find_timexes(plain, anchor[:10]):
        start, end = t.start + offset, t.end + offset
        if any(start < o.end and o.start < end for o in timexes):
            continue
        extra.append(dataclasses.replace(t, start=start, end=end, text=" ".join(t.text.split())))
    return sorted(timexes + extra, key=lambda t: t.start) if extra else timexes


def _sentence_spans(doc, analysis: ArticleAnalysis):
    """The article's sentences as spans of ``doc``: the stage's own sentence boundaries
    (``analysis.sentences``) when given, so evidence lines up with the other stages."""
    if not analysis.sentences:
        yield from doc.sents
        return
    for s in analysis.sentences:
        span = doc.char_span(s.start, s.end, alignment_mode="expand")
        if span is not None and len(span):
            yield span


def _build(cand: _Candidate, sent, timexes, anchor, article: Article, analysis: ArticleAnalysis, body: str,
           made: str | None, n: int, others=()) -> Expectation | None:
    if _under_non_assertive(cand.verb, cand.top) or (cand.top is not cand.verb and _under_non_assertive(
            cand.top, cand.top)):
        return None
    if _descriptive_relative(cand):
        return None
    if _purpose_of(cand.top):
        return None  # "to ensure that seafood will remain safe": what an action is for, not a forecast
    first = sent.text.lstrip(" \"'“‘").lower()
    if first.startswith(("the more ", "the longer ", "the bigger ", "the higher ", "the sooner ", "the less ")):
        return None  # "the longer it goes, the more impacts there will be": a rule of thumb
    if cand.reporter is not None and _inside_quotes(cand.markers[0] if cand.markers else cand.verb, sent):
        return None  # "would" in a quotation is the speaker's own hedge, not a future seen from the past;
        # "said officers would be 'working through the night'" quotes only the words of the step
    if cand.certainty == "possible" and cand.verb.tag_ == "VBG" and any(
            c.dep_ == "aux" and c.lemma_ == "be" for c in cand.verb.children):
        return None  # "may be doing more harm than good": a guess about the present
    conditions = _conditions(cand)
    if _is_provision(cand, sent) and _bound_for(cand.verb, timexes, anchor, conditions) is None:
        return None  # a dated provision ("the deal says troops will leave by 2011") is still a plan
    subj = _resolve_subject(cand, sent, analysis.entities, body) if not cand.nominal else None
    if subj is not None and (subj.lower_ in GENERIC_SUBJECTS or subj.lemma_.lower() in INDEFINITE_PRONOUNS):
        return None
    if subj is not None and subj.lower_ in DEMONSTRATIVES and subj.pos_ == "PRON":
        return None  # "this could break BP": comment on something said before, not a forecast
    if subj is not None and subj.lemma_.lower() == "time" and cand.verb.lemma_ == "tell":
        return None  # "time will tell"
    if _indirect_question(cand) or _asked_of(cand.top):
        return None
    if subj is not None and subj.lower_ in ("i", "we") and _reporting_head(cand.top) is None \
            and not any(ch in sent.text for ch in "\"“”"):
        return None  # the outlet speaking to its readers ("we will keep you updated")
    reporter = cand.reporter or _reporting_head(cand.top)
    exclude = list(conditions)
    if subj is not None and subj in cand.verb.subtree:
        exclude.append(subj)
    # a scheduled noun's time hangs under the scheduling word ("is scheduled for Friday")
    bound = _bound_for(cand.top if cand.nominal else cand.verb, timexes, anchor, exclude)
    if bound is not None and bound.relative and reporter is not None and _said_before(reporter, timexes, made):
        bound = None  # "On May 5 he said it would be done in the next day or two": relative to May 5, not to today
    certainty = cand.certainty
    if certainty == "announced" and _hedged(cand, sent):
        certainty = "possible"
    elif certainty == "announced" and any(c.lower_ in ("likely", "probably") for c in cand.verb.children):
        certainty = "expected"
    attributed_to, named = _attribution(cand, sent, analysis.entities)
    if certainty == "announced" and attributed_to and attributed_to.lower().split()[-1] in compare_words("hearsay_nouns"):
        certainty = "possible"  # "rumours suggest the scanner will be replaced": nobody announced it
    cand.certainty = certainty
    if _not_a_step(cand, subj, sent, bound, anchor, named, timexes):
        return None
    what = _what(cand, subj, conditions, bound, reporter, others, sent)
    if len(what.split()) < 1 or not any(ch.isalpha() for ch in what):
        return None
    if _figurative(cand.verb):
        return None  # "will go a step further": rhetoric about what something means, not a step
    start, end = sent.start_char, sent.end_char
    while end > start and body[end - 1].isspace():
        end -= 1
    while start < end and body[start].isspace():
        start += 1
    condition = None
    if conditions:
        condition = "; ".join(_text_of(list(c.subtree)) for c in sorted(conditions, key=lambda c: c.i))
    subject_text = None
    attr = next((c for c in cand.verb.children if c.dep_ == "attr"), None)
    if subj is not None and subj.dep_ == "expl" and cand.verb.lemma_ == "be" and attr is not None:
        # "there will be an investigation into the company": what is expected is the thing itself
        what, subj = _text_of([t for t in attr.subtree if sent.start <= t.i < sent.end]), None
    if subj is not None:
        inside = [t for t in _np_tokens(subj) if sent.start <= t.i < sent.end]
        subject_text = (_text_of(inside) or subj.text) if subj.pos_ != "PRON" else subj.text
        if subj.lower_ in ("we", "i") and attributed_to:
            subject_text = attributed_to  # "We'll be back soon with an update", Sony said: Sony's step
    elif cand.nominal and cand.verb.lower_ != "pending":
        subject_text = None
    return Expectation(
        id=f"{article.id}:x{n}",
        text=body[start:end],
        what=what,
        article=article.id,
        certainty=certainty,
        attributed_to=attributed_to,
        bound=bound,
        condition=condition,
        evidence=[Evidence(article.id, start, end, body[start:end])],
        made=made,
        subject=subject_text,
        made_earliest=None if made else article.published.earliest,
        made_latest=None if made else article.published.latest,
    )
