"""What a figure in a parsed sentence measures: the thing, its owner, and what happens to it.

The claim extractor finds a figure and the token it quantifies; this module reads the parse
around that token to name the quantity precisely enough that two outlets' figures share a
subject only when they measure the same thing:

* a **count** is its counted noun and the predicate that picks the counted set out:
  "Four people were hospitalized" -> people hospitalized; "the blast killed 11 workers" ->
  workers killed; "the loss of 11 lives" -> lives lost; "70,000 people have lodged claims"
  -> people lodged claims. Verbs of placing and being add nothing ("sent", "deployed",
  "are stationed"), nor does a verb in the progressive describing what the group is doing
  ("are training", "are cleaning beaches");
* a **measure** (barrels, miles, psi) is what it measures: the material ("barrels of
  oil"), the thing it describes ("a three-mile boom"), or the subject of its verb
  ("pressure ... reached 6,811 psi");
* **money and percentages** are named after what they pay, cost or size: "a $20bn fund"
  -> fund; "the spill has cost BP $3bn" -> cost of spill; "paid $200m to claimants" ->
  paid to claimants; "$5bn in claims" -> claims paid; "BP shares dropped 2.3%" -> BP shares
  fell.

Each function takes spaCy tokens and returns plain strings; nothing here knows any story.
"""

from __future__ import annotations

import re

from storyline.compare.attribution import RETROSPECTIVE, is_report_verb
from storyline.compare.numbers import number
from storyline.compare.words import words
from storyline.compare.subjects import (
    CHANGE_CLASSES,
    COST_VERBS,
    HOSPITAL_NOUNS,
    MATERIALS,
    NEUTRAL_VERBS,
    RATE_WORDS,
    RELATIONAL_NOUNS,
    change_class,
    level_class,
    measure_unit,
    noun_class,
    owner_name,
    participle,
)
from storyline import words as wordlists

PURPOSE_NOUNS = words("purpose_nouns")  # "brought in for treatment": treated; not "charged for the death"

OWNER_LABELS = {"GPE", "NORP", "ORG", "PERSON", "LOC"}
# Verbs that pass their subject on to an infinitive: "are believed to have died", "continued to rise".
RAISING_VERBS = wordlists.words("raising_verbs")
# Phrasal verbs whose particle changes the change: "laid off 500 workers".
PHRASAL_CHANGES = {("lay", "off"): "sacked", ("die", "out"): "killed", ("wipe", "out"): "killed"}
# Units of volume: the only measures whose material may be named anywhere in the sentence.
VOLUME_UNITS = wordlists.words("volume_units")
# Nouns whose "in"/"of" phrase names their owner: "shares in BP", "troops of Kenya".
OWNED_NOUNS = wordlists.words("owned_nouns")
DIRECTION_VERBS = wordlists.words("direction_verbs")
# Words that make "pounds" money: "fined 5 million pounds", "cost 300 pounds".
MONEY_WORDS = wordlists.words("money_words")
# Verbs that put a value on something: "valued at", "estimated at", "priced at".
VALUE_VERBS = wordlists.words("value_verbs")
CURRENCY_WORDS = wordlists.words("currency_words")
PLACE_PREPS = ("on", "aboard", "at")
VAGUE_NUMBERS = wordlists.words("vague_amounts")
# "on board": where all of them were, which picks out no part.
WHOLE_PLACES = {"board"}
# Nouns for a group whose members are counted: the group's verb is theirs.
GROUP_NOUNS = wordlists.words("group_nouns")
MONEY_PREPS = wordlists.entries("money_prepositions")
MAX_PHRASE_WORDS = 4
MAX_HOPS = 5
KNOWN_CHANGES = set(CHANGE_CLASSES.values())
NEAR_TOKENS = 8
RATE_WINDOW = 14
SUBJECT_TOKENS = 8
# Heads that stand for the quantity itself: "the estimate was 5,000 barrels" is about the material.
# Nouns that name only the dimension measured ("an area of 2,500 square miles"): what has it is elsewhere.
DIMENSION_NOUNS = wordlists.words("dimension_nouns")
TRANSPARENT_NOUNS = wordlists.words("transparent_nouns")
LOOK_BACK_SENTENCES = 2
# Modifiers that say nothing about what is named, and magnitudes the tagger left outside a figure.
SKIP_MODIFIERS = wordlists.words("skip_modifiers")


def ent_text(token) -> str:
    """The whole entity a token is in ("Korea" -> "South Korea"), else its compound phrase."""
    if token.ent_type_:
        for e in token.doc.ents:
            if e.start <= token.i < e.end:
                return e.text
    toks = [c for c in token.children if c.dep_ == "compound"] + [token]
    return " ".join(t.text for t in sorted(toks, key=lambda t: t.i))


def _named(token) -> bool:
    return token.ent_type_ in OWNER_LABELS or token.pos_ == "PROPN"


def owner_of(noun, agent: bool = True) -> str | None:
    """The country or organisation a noun belongs to: a modifier ("Mexican troops", "BP's
    shares"), else, when ``agent``, the agent of its verb ("Seoul had sent 3,000 troops")."""
    for child in noun.children:
        if child.like_num or child.ent_type_ in ("CARDINAL", "QUANTITY", "MONEY", "PERCENT") or \
                any(ch.isdigit() for ch in child.text):
            continue
        if child.dep_ in ("compound", "amod", "nmod", "poss") and _named(child):
            return owner_name(ent_text(child))
        if child.dep_ == "poss" and child.lower_ in ("its", "their"):  # "Mitsui ... saw its share price fall"
            named = _named_antecedent(noun)
            if named:
                return named
    for child in noun.children:  # "shares in BP", "troops of Kenya"
        if child.dep_ == "prep" and child.lower_ in ("in", "of"):
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.ent_type_ in ("GPE", "NORP", "ORG") and noun.lemma_.lower() in OWNED_NOUNS:
                return owner_name(ent_text(pobj))
    for child in noun.children:  # "South Korean" parsed as two adjectives
        if child.dep_ == "amod":
            for g in child.children:
                if g.dep_ == "amod" and _named(g):
                    return owner_name(ent_text(g))
    proposal = noun.lemma_.lower() in words("proposals")  # an offer belongs to whoever makes it
    if not agent and not proposal:
        return None
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in ("NUM", "NOUN"):
        noun = noun.head.head  # "millions of shells" shipped by a country: the verb governs "millions"
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB" and not is_report_verb(head):
        agent_tok = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if agent_tok is None:
            for c in head.children:
                if c.dep_ == "agent":
                    agent_tok = next((g for g in c.children if g.dep_ == "pobj"), None)
        if agent_tok is None and noun.dep_ == "dobj" and head.dep_ == "conj" and head.head.pos_ == "VERB":
            # "Germany leads the mission and has nearly 1,000 troops there": the subject of the
            # first act is the second's too
            agent_tok = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
        if agent_tok is not None and (agent_tok.ent_type_ in ("GPE", "NORP", "ORG")
                                      or (agent_tok.pos_ == "PROPN" and (proposal or agent_tok.ent_type_ != "PERSON"))):
            return owner_name(ent_text(agent_tok))
        if agent_tok is not None and agent_tok.pos_ == "NOUN" and any(c.dep_ == "nummod" for c in noun.children):
            # "The Soviet-era N1 rocket had 30 engines", "the US military sent 3,000 troops": the
            # agent is a thing its name picks out (a model's name may hold digits: "N1", "A380")
            name = next((c for c in agent_tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"
                         and any(ch.isalpha() for ch in c.text)), None)
            return owner_name(ent_text(name)) if name is not None else owner_of(agent_tok, agent=False)
    return None


def phrase(noun, relational: bool = True, stop: int = -1) -> str:
    """A short name for what a noun names: its lemma (plural as written) with its common-noun
    compounds ("tax credit", "market capitalization"), and for a relational noun its "of"
    phrase ("cost of clean-up", "cost of cleaning up spill"). Names (owners), numbers and
    tokens at or before ``stop`` (the figure itself) are left out."""
    doc = noun.doc
    left = noun.i
    j = noun.i - 1
    while j > stop:  # contiguous common-noun and adjective modifiers: "oil clean-up workers"
        t = doc[j]
        if t.text == "-" and j > 0 and t.whitespace_ == "" and doc[j - 1].whitespace_ == "":
            j -= 1
            continue
        if t.dep_ in ("compound", "amod", "nmod") and t.pos_ in ("NOUN", "ADJ") and t.is_alpha and not t.ent_type_ \
                and t.lower_ not in SKIP_MODIFIERS and left - j <= 2 and noun.left_edge.i <= j:
            left = j
            j -= 1
            continue
        if t.dep_ == "prt" and left - j <= 1 and noun.left_edge.i <= j:  # "clean-up" as two words
            left = j
            j -= 1
            continue
        break
    while left - 2 > stop and left - 2 >= noun.left_edge.i and doc[left - 1].text == "-" \
            and doc[left - 1].whitespace_ == "" and doc[left - 2].whitespace_ == "" and doc[left - 2].text.isalnum():
        left -= 2  # the whole of a hyphenated word: "souped-up model", never "up model"
    model = left < noun.i and doc[left].like_num and left - 1 > stop and doc[left - 1].pos_ == "PROPN" \
        and left <= doc[left - 1].head.i <= noun.i
    if model:
        left -= 1  # a model's name and number: "Delta 4-Heavy rocket", as written
    words_ = [t.text if model else t.lower_ for t in doc[left:noun.i]]
    if noun.lemma_.lower() in words("proposals"):  # "its initial $105bn offer": the earlier one, kept apart
        earlier = [c.lower_ for c in noun.children if c.dep_ == "amod" and c.lower_ in RETROSPECTIVE and c.i < left]
        words_ = earlier[:1] + words_
        left -= len(earlier[:1])
    head = noun_class(noun.lemma_, noun.text) if noun.tag_ in ("NNS", "NNPS") else noun.lemma_.lower()
    text = "".join(w + ("" if doc[left + k].whitespace_ == "" else " ") for k, w in enumerate(words_)) + head
    text = " ".join(text.split()[-MAX_PHRASE_WORDS:])
    if relational and noun.lemma_.lower() in RELATIONAL_NOUNS:
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((g for g in of.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None) if of is not None else None
        pcomp = next((g for g in of.children if g.dep_ == "pcomp" and g.pos_ == "VERB"), None) if of is not None else None
        if pobj is not None:
            text += " of " + phrase(pobj, relational=False)
        elif pcomp is not None:  # "the cost of cleaning up the spill"
            obj = next((g for g in pcomp.children if g.dep_ == "dobj" and g.pos_ == "NOUN"), None)
            prt = next((g.lower_ for g in pcomp.children if g.dep_ == "prt"), None)
            with_ = None
            if obj is None:  # "the cost of dealing with the spill"
                prep = next((g for g in pcomp.children if g.dep_ == "prep"), None)
                pobj = next((g for g in prep.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None) \
                    if prep is not None else None
                with_ = f"{prep.lower_} {phrase(pobj, relational=False)}" if pobj is not None else None
            text += " of " + " ".join(w for w in (pcomp.lower_, prt, phrase(obj, relational=False) if obj is not None
                                                  else None, with_) if w)
    return text


def _progressive(verb) -> bool:
    return verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children)


def _raised(verb):
    """The verb that says what happens: "are believed to have died" -> died."""
    for _ in range(3):
        x = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
        if x is None or not (is_report_verb(verb) or verb.lemma_.lower() in RAISING_VERBS):
            break
        verb = x
    return verb


def _changed_complement(verb) -> str | None:
    """The change a verb's complement states of its subject or object: "remain trapped",
    "left ... dead", "confirmed as having died", "reported killed", "remain in captivity"."""
    for c in verb.children:
        if c.dep_ in ("acomp", "oprd", "xcomp", "attr") and change_class(c.lemma_):
            return change_class(c.lemma_)
        if c.dep_ == "prep" and c.lower_ in ("as", "in"):
            for g in c.children:
                if g.dep_ in ("pcomp", "pobj") and change_class(g.lemma_) and (c.lower_ == "as" or g.pos_ == "NOUN"):
                    return change_class(g.lemma_)
    return None


def verb_predicate(verb, role: str, owned: bool = True) -> str | None:
    """What a verb does to the counted set (see :func:`_verb_predicate`); a state said to
    persist ("two people remain trapped", "still missing") is the rest of an earlier count,
    a quantity of its own: "still trapped"."""
    pred = _verb_predicate(verb, role, owned)
    if pred in KNOWN_CHANGES and _still(_raised(verb)):
        return f"still {pred}"
    return pred


def _still(verb) -> bool:
    if verb.lemma_.lower() in ("remain", "stay"):
        return True
    return any(c.dep_ == "advmod" and c.lower_ == "still" for t in [verb, *verb.children] for c in t.children)


def _verb_predicate(verb, role: str, owned: bool = True) -> str | None:
    """What a verb does to the counted set, as a label; None when it picks no subset out.

    ``role`` is "object" (the counted noun is the verb's object or passive subject) or
    "subject" (it is the verb's active subject, whose object then belongs to the label:
    "people lodged claims"). ``owned`` says the counted group is named by its owner (see
    :func:`count_predicate`).
    """
    verb = _raised(verb)
    lemma = verb.lemma_.lower()
    if is_report_verb(verb) and lemma not in NEUTRAL_VERBS:
        # "seven people are confirmed as having died", "two were reported killed"
        return _changed_complement(verb) if role == "object" else None
    prt = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    if (lemma, prt) in PHRASAL_CHANGES:
        return PHRASAL_CHANGES[(lemma, prt)]
    if lemma == "be" or verb.pos_ == "AUX":  # "11 workers are missing", "two were dead"
        comp = next((c for c in verb.children if c.dep_ in ("acomp", "attr")), None)
        if comp is not None:
            return change_class(comp.lemma_)
        return _state(verb) if role == "subject" else None  # "126 workers were on the rig"
    ch = change_class(lemma)
    if ch == "lost" and any(c.dep_ == "dobj" and c.lemma_.lower() == "life" for c in verb.children):
        return "killed"  # "seven people have lost their lives": the idiom for dying
    if ch:
        return ch
    comp = _changed_complement(verb)
    if comp is not None:  # "two people remain trapped", "were left trapped", "left 32 civilians dead"
        return comp
    for prep in (c for c in verb.children if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "in", "into")):
        if any(g.lower_ in HOSPITAL_NOUNS for g in prep.children if g.dep_ == "pobj"):
            return "hospitalized"  # "taken to hospital", "flown to hospitals"
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"):
        purpose = next((change_class(g.lemma_) for g in prep.children if g.dep_ == "pobj" and g.lemma_.lower() in PURPOSE_NOUNS), None)
        if purpose:
            return purpose  # "20 people have been brought in for treatment": treated
    if lemma in NEUTRAL_VERBS or (owned and role == "subject" and _progressive(verb)):
        return None
    form = verb.lower_ if verb.tag_ == "VBG" else participle(lemma, verb.text, verb.tag_)  # "people working"
    words = [form] + ([prt] if prt else [])
    if role == "subject":
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
        if obj is not None:
            words.append(phrase(obj, relational=False))
        comp = next((c for c in verb.children if c.dep_ == "acomp" and c.pos_ == "ADJ"), None)
        if comp is not None:  # "seven workers fell ill"
            words.append(comp.lower_)
    return " ".join(words)


def count_predicate(noun, owned: bool = False) -> str | None:
    """What happens to a counted noun, as a label ("killed", "hospitalized", "lodged claims"),
    else the state or place that picks the counted set out ("injured", "on rig").

    ``owned``: the noun names its owner ("Mexican soldiers"), so the group is known and what
    it is doing ("are training") describes it rather than picking it out; an anonymous group
    ("7,900 people are working to protect the shore") is known only by what it does.
    """
    return _verb_of_count(noun, owned) or _state(noun)


def _state(noun) -> str | None:
    """ "115 surviving workers", "126 workers on the rig", "the crew aboard": who is counted,
    when no verb says it. Places named by a proper noun are left to the owner."""
    for c in noun.children:
        if c.dep_ == "amod" and change_class(c.lemma_):  # "11 missing workers", "injured people"
            return change_class(c.lemma_)
        if c.dep_ == "amod" and c.tag_ in ("VBN", "VBG") and c.is_alpha and c.lower_ not in SKIP_MODIFIERS:
            return c.lower_ if c.tag_ == "VBG" else participle(c.lemma_, c.text, c.tag_)
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in PLACE_PREPS:
            pobj = next((g for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
            if pobj is not None and pobj.lower_ not in HOSPITAL_NOUNS and pobj.lemma_.lower() not in words("presence_nouns"):
                return f"{c.lower_} {pobj.lemma_.lower()}"
        if c.dep_ == "advmod" and c.lower_ in ("aboard", "onboard", "offshore"):
            return c.lower_
    return None


def _verb_of_count(noun, owned: bool = False) -> str | None:
    pred = _verb_of_count_only(noun, owned)
    if pred:  # "nine workers on the drill deck were killed": a part of the toll, kept apart
        place = _state(noun)
        if place and place.split()[0] in PLACE_PREPS and place.split()[-1] not in WHOLE_PLACES:
            return f"{pred} {place}"
    return pred


def _verb_of_count_only(noun, owned: bool = False) -> str | None:
    n = noun
    while n.dep_ == "conj" and n.head.i != n.i:  # "11 workers and 3 engineers were killed"
        n = n.head
    if n.dep_ == "pobj" and n.head.lower_ == "of" and (n.head.head.like_num or n.head.head.pos_ == "NUM"
                                                       or n.head.head.lower_ in VAGUE_NUMBERS):
        n = n.head.head  # "killed hundreds of turtles": the figure carries the noun's role
    if n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.pos_ == "NOUN":
        # "the deaths of 11 workers", "the loss of 11 lives", "the evacuation of 500 residents"
        group = n.head.head
        if change_class(group.lemma_):
            return change_class(group.lemma_)
        if group.lemma_.lower() in GROUP_NOUNS:  # "a team of 25 people is working on the funnel"
            return _verb_of_count_only(group, owned)
        # "the recovery of the 197 girls who remain in captivity": only the noun's own clause says
        described = [c for c in noun.children if c.dep_ in ("acl", "relcl") and c.pos_ in ("VERB", "AUX")]
        if not described:
            return None
    own = _own_verb(n, owned)
    if own in KNOWN_CHANGES and n.i == noun.i and _done(n.head):
        # "21 schoolgirls captured two years ago have been freed": what the clause says happened
        # to them now, not the description of how they came to be counted
        return own
    for c in noun.children:
        if c.dep_ == "acl" and c.pos_ == "VERB":  # "11 workers killed in the blast"
            return verb_predicate(c, "object" if c.tag_ == "VBN" else "subject", owned)
        if c.dep_ == "relcl" and c.pos_ in ("VERB", "AUX"):  # "farmers who are suing the company"
            rel = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass", "dobj")
                        and g.tag_ in ("WP", "WDT")), None)
            if rel is not None:
                return verb_predicate(c, "subject" if rel.dep_ == "nsubj" else "object", owned)
    if own is None:
        # "Of the 276 girls initially seized, scores escaped": a participle right after the
        # noun that the parser hung elsewhere still says what happened to the counted set
        doc, i = noun.doc, noun.i + 1
        while i < len(doc) and doc[i].tag_ == "RB":
            i += 1
        nxt = doc[i] if i < len(doc) else None
        if nxt is not None and nxt.tag_ in ("VBN", "VBD") and nxt.dep_ not in ("ROOT", "conj", "ccomp") \
                and not any(c.dep_ in ("nsubj", "nsubjpass") and not _contains(c, noun) for c in nxt.children) \
                and change_class(nxt.lemma_):
            return change_class(nxt.lemma_)
    return own


def _done(verb) -> bool:
    """A verb that tells a happening, not an aim: "have been freed", not "working to free"."""
    return verb.tag_ in ("VBD", "VBN", "VBZ", "VBP") and verb.dep_ not in ("xcomp", "pcomp") \
        and not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _own_verb(n, owned: bool) -> str | None:
    """The predicate of the clause a counted noun is the subject or object of."""
    head = n.head
    if head.i == n.i or head.pos_ not in ("VERB", "AUX"):
        return None
    if n.dep_ in ("nsubjpass", "dobj"):
        pred = verb_predicate(head, "object", owned)
        if pred not in KNOWN_CHANGES and n.dep_ == "dobj":
            # "assaulted and robbed hundreds of women": the object of two acts is known by the
            # one that picks it out in the tables (assaulted), not by the one that happens to
            # stand next to it
            for other in _coordinated(head):
                # both verbs before their one object; a verb after it is another clause's
                if other.i < n.i and not any(c.dep_ == "dobj" for c in other.children):
                    known = verb_predicate(other, "object", owned)
                    if known in KNOWN_CHANGES:
                        return known
        return pred
    if n.dep_ == "nsubj":
        return verb_predicate(head, "subject", owned)
    return None


def _coordinated(verb) -> list:
    """The verbs joined to ``verb`` by "and"/"or" ("assaulted and robbed"), either side."""
    out = [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    if verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        out.append(verb.head)
    return out


def material_of(noun, unit: str | None = None) -> str | None:
    """The material a measure is of: "barrels of oil", "crude barrels", or for volumes a
    material named elsewhere in the sentence ("the flow ... 5,000 barrels a day")."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN"):
                    return MATERIALS.get(g.lemma_.lower(), g.lemma_.lower())
    doc = noun.doc
    if noun.i + 2 < len(doc) and doc[noun.i + 1].lower_ == "of":  # "tonnes of drilling mud", parsed elsewhere
        for t in doc[noun.i + 2: noun.i + 5]:
            if t.pos_ == "NOUN" and t.dep_ != "compound":
                return MATERIALS.get(t.lemma_.lower(), t.lemma_.lower())
        if c.dep_ == "compound" and c.lemma_.lower() in MATERIALS:
            return MATERIALS[c.lemma_.lower()]
    if unit not in VOLUME_UNITS:
        return None
    for t in noun.sent:
        if t.lemma_.lower() in MATERIALS:
            return MATERIALS[t.lemma_.lower()]
    # "At least four million gallons have leaked": of what the sentences before said
    start = noun.sent.start
    for _ in range(LOOK_BACK_SENTENCES):
        if start == 0:
            break
        prev = doc[start - 1].sent
        for t in prev:
            if t.lemma_.lower() in MATERIALS:
                return MATERIALS[t.lemma_.lower()]
        start = prev.start
    return None


def material_change(noun) -> str | None:
    """What the words around a measured material do to it ("leaked", "collected").

    Looks at the noun and its modifiers, then up its heads ("gushing ... at a rate of 4,000
    barrels"), taking in each head's complements, subjects and, for verbs of estimating,
    objects ("put the spill at 5,000 barrels"), until the first verb that is not one of
    saying; failing that, the nearest such word within a few tokens ("the flow rate, 5,000
    barrels a day").
    """
    cands = [noun] + [c for c in noun.children if c.dep_ in ("compound", "acl", "relcl", "amod")]
    head = noun.head
    hops = 0
    while head is not None and hops < MAX_HOPS:
        cands.append(head)
        for c in head.children:
            if c.dep_ in ("xcomp", "acomp", "ccomp", "compound", "oprd", "nsubj", "nsubjpass") or (
                    c.dep_ == "dobj" and is_report_verb(head)):
                if c.i != noun.i:
                    cands.append(c)
                    cands.extend(g for g in c.children if g.dep_ in ("compound", "amod"))
                if c.dep_ in ("nsubj", "nsubjpass") and c.i != noun.i:  # "the amount of oil drawn off"
                    cands.extend(list(c.subtree)[:SUBJECT_TOKENS])
        if head.pos_ in ("VERB", "AUX") and not is_report_verb(head) and head.lemma_ != "be":
            break
        if head.dep_ == "ROOT" or head.head is head:
            break
        head, hops = head.head, hops + 1
    for c in cands:
        ch = change_class(c.lemma_, material=True)
        if ch:
            return ch
    sent = noun.sent
    near = sorted((t for t in noun.doc[max(sent.start, noun.i - NEAR_TOKENS): min(sent.end, noun.i + NEAR_TOKENS)]
                   if change_class(t.lemma_, material=True)), key=lambda t: abs(t.i - noun.i))
    return change_class(near[0].lemma_, material=True) if near else None


def measure_predicate(noun) -> str | None:
    """What the verb of a measure does with it when it is no leak or collection ("oil
    produced", "shoreline oiled"); None for verbs of being, placing and saying."""
    t = noun
    while t.dep_ in ("pobj", "prep") and t.head.i != t.i and t.head.pos_ != "VERB":
        t = t.head
    if t.dep_ == "pobj" and t.head.pos_ == "VERB":
        return None  # "capable of holding", "at a depth of": the verb is not about the amount
    head = t.head
    if head.i == t.i or head.pos_ != "VERB" or t.dep_ not in ("dobj", "nsubjpass", "nsubj"):
        return None
    return verb_predicate(head, "subject" if t.dep_ == "nsubj" else "object")


def rate_of(noun) -> str | None:
    """ "a day", "per day", "daily", "- all of it - each day" near a measure: the rate it is given in."""
    doc = noun.doc
    after = []
    depth = 0
    for t in doc[noun.i + 1: min(noun.sent.end, noun.i + RATE_WINDOW)]:
        depth += int(t.text in ("(", "-LRB-")) - int(t.text in (")", "-RRB-"))
        if depth > 0 or t.text in (")", "-RRB-"):
            continue  # "40,000 barrels (1.7m gallons) of oil a day": the conversion is no rate
        if t.text in (";", ".") or (t.like_num and t.i > noun.i + 1):
            break  # the next figure's rate is its own
        after.append(t)
    for t in list(noun.subtree)[:12] + after:
        before = {doc[j].lower_ for j in range(max(0, t.i - 2), t.i) if j == t.i - 1 or doc[t.i - 1].text == "-"}
        if t.lower_ in RATE_WORDS and (t.lower_ in ("daily", "weekly", "monthly", "annually", "annual")
                                       or before & {"a", "per", "each", "every", "an"}):
            return RATE_WORDS[t.lower_]  # "a day", "per day", "barrel-per-day"
    return None


def unit_of(noun) -> str | None:
    """The unit a measure noun stands for, reading "pounds" by what follows it: "pounds per
    square inch" is psi, "pounds of waste" a weight; None for counted nouns and for pounds
    sterling (the figure parser reads those)."""
    low = noun.lemma_.lower()
    if low in ("pound", "lb", "lbs"):
        after = noun.doc[noun.i + 1: noun.i + 4].text.lower()
        if after.startswith("per square inch") or after.startswith("a square inch"):
            return "psi"
        before = noun.doc[max(noun.sent.start, noun.i - 2): noun.i]
        weight = any(t.lemma_.lower() in words("weight_words") for t in noun.sent)
        money = (any(t.lower_ in ("million", "billion", "m", "bn", "mn") for t in before) and not weight) or any(
            t.lemma_.lower() in MONEY_WORDS for t in noun.sent)
        if after.startswith("of ") or low != "pound" or not money:
            return "pounds"  # "weighing 150,000 pounds": a weight
        return None
    unit = measure_unit(noun.lemma_)
    if unit == "points" and any(c.lower_ == "basis" for c in noun.children) or (
            unit == "points" and noun.i > 0 and noun.doc[noun.i - 1].lower_ == "basis"):
        return "basis points"
    shape = next((c.lower_ for c in noun.children if c.dep_ == "amod" and c.lower_ in ("square", "cubic")), None)
    if unit in ("miles", "km", "metres", "feet") and shape:  # "6,000 square miles of dead zone"
        return f"{shape} {unit}"
    return unit


def _clause_subject(verb):
    """The subject of a verb's clause, climbing participles and infinitives
    ("pressure continued to rise, reaching 6,811 psi" -> pressure)."""
    v = verb
    for _ in range(3):
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.tag_ in ("WDT", "WP") and v.dep_ == "relcl":
            return v.head  # "the index, which fell 3.8%": the index
        if subj is not None:
            return subj
        if v.dep_ == "pcomp" and v.head.head.i != v.head.i:  # "after rallying to gain 25%"
            v = v.head.head
        elif v.dep_ in ("advcl", "xcomp", "conj", "acl") and v.head.i != v.i:
            v = v.head
        else:
            return None
    return None


def _dimension_after(noun) -> str | None:
    """The dimension an adjective after a measure names: "229 feet (70 meters) tall" -> height,
    "40 feet wide" -> width (``words/dimension_adjectives.txt``); None when none follows."""
    doc = noun.doc
    i = noun.i + 1
    if i < len(doc) and doc[i].text == "(":
        close = next((k for k in range(i + 1, min(i + 12, len(doc))) if doc[k].text == ")"), None)
        i = close + 1 if close is not None else i
    if i >= len(doc):
        return None
    table = dict(line.split(":", 1) for line in words("dimension_adjectives"))
    found = table.get(doc[i].lower_)
    return found.strip() if found else None


def _dimension_holder(noun) -> str | None:
    """Whose dimension a measure gives: the noun a participle describes ("the Falcon Heavy,
    measuring 229 feet tall"), else its verb's subject ("the tower stands 310 metres tall")."""
    adj = noun.head if noun.dep_ == "npadvmod" else None
    while adj is not None and adj.dep_ == "conj" and adj.head.i != adj.i:
        adj = adj.head  # "130 miles long and 70 miles wide": the width hangs on the length
    if adj is not None and adj.dep_ == "amod" and adj.head.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "attr"):
        # "a slick 130 miles long": the noun the measure describes, whatever its tag
        return adj.head.lower_ if adj.head.pos_ != "PROPN" else ent_text(adj.head)
    v = noun
    while v.pos_ not in ("VERB", "AUX") and v.head.i != v.i:
        v = v.head
    if v.pos_ not in ("VERB", "AUX"):
        return None
    holder = v.head if v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN") else _clause_subject(v)
    if holder is None or holder.pos_ not in ("NOUN", "PROPN"):
        return None
    if holder.pos_ != "PROPN":
        return phrase(holder)
    name = re.sub(r"^the\s+", "", ent_text(holder), flags=re.I)
    # "the Heavy" after "the Falcon Heavy": the article's one longer name ending in it
    longer = {re.sub(r"^the\s+", "", e.text, flags=re.I) for e in holder.doc.ents
              if len(e) > 1 and e[-1].text == name and e.label_ not in ("PERSON", "DATE", "CARDINAL")}
    return longer.pop() if len(longer) == 1 else name


def measured_thing(noun) -> tuple[str | None, str | None]:
    """(what, change) for a measure noun that names no material: the dimension an adjective
    after it names ("the tower stands 310 metres tall": tower height), the noun it describes
    ("a three-mile boom"), else the subject of its verb ("the slick covers 2,500 square miles")."""
    dimension = _dimension_after(noun)
    holder = _dimension_holder(noun) if dimension is not None else None
    if holder is not None:  # a bare "length" would gather every length the story gives
        return f"{holder} {dimension}", None
    if noun.dep_ in ("compound", "amod", "nmod", "npadvmod", "nummod") and noun.head.pos_ == "NOUN":
        return phrase(noun.head), None
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN" \
            and noun.head.head.lemma_.lower() not in TRANSPARENT_NOUNS | DIMENSION_NOUNS and not unit_of(noun.head.head):
        return phrase(noun.head.head), None  # "a curve with a speed limit of 12 mph": the limit is 12 mph
    t = noun
    while t.dep_ in ("pobj", "prep") and t.head.i != t.i:
        t = t.head
    found = _verb_measure(noun, t.head) if t.head.pos_ in ("VERB", "AUX") else (None, None)
    if found == (None, None) and t.pos_ in ("VERB", "AUX") and t.dep_ == "advcl" \
            and any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN" for c in t.children):
        # "he feared the worst when their tram took the corner at 40mph": the climb went past the
        # measure's own verb ("took") to the one its adverbial clause hangs on ("feared"), whose
        # subject measures nothing; the clause's own subject does. Only there: in a reported or
        # relative clause the parse too often hangs a subject from elsewhere on the verb (BP bench)
        found = _verb_measure(noun, t)
    return found


def _verb_measure(noun, verb) -> tuple[str | None, str | None]:
    """(what, change) of a measure from the verb it is read under."""
    if is_report_verb(verb):
        # "Police said the tram was travelling at 40mph", misparsed with the figure under "said":
        # the subject of a verb of saying is who speaks, never what is measured; the reported
        # clause's subject is
        said = next((c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)
        subj = _clause_subject(said) if said is not None else None
        if subj is None or subj.pos_ != "NOUN" or unit_of(subj):
            return None, measure_predicate(noun)
        return phrase(subj), measure_predicate(noun)
    if verb.dep_ == "acl" and verb.head.pos_ == "NOUN" and not any(c.dep_ == "nsubj" for c in verb.children):
        return phrase(verb.head), None  # "the equipment, weighing some 150,000 pounds"
    subj = _clause_subject(verb)
    if subj is None or subj.pos_ != "NOUN" or subj.i == noun.i or unit_of(subj) \
            or subj.lemma_.lower() in TRANSPARENT_NOUNS:
        return None, measure_predicate(noun)
    return phrase(subj), level_class(verb.lemma_) or measure_predicate(noun)


def _top_of_figure(num):
    """The highest token of a figure phrase ("$", "200", "m" -> the one the sentence governs)."""
    t = num
    for _ in range(6):
        h = t.head
        if h.i == t.i:
            break
        if t.dep_ in ("nummod", "quantmod", "compound", "nmod", "amod") and (
                h.like_num or h.pos_ in ("NUM", "SYM") or h.text in ("%", "$", "£", "€") or
                h.lower_.rstrip(".") in ("percent", "m", "bn", "million", "billion", "trillion", "thousand")):
            t = h
            continue
        break
    return t


def amount_thing(num) -> tuple[str | None, str | None, str | None]:
    """(what, owner, change) an amount of money or a percentage is the size of.

    "a $20bn fund" -> fund; "$3bn in claims" -> claims paid (with its verb); "the spill has
    cost BP $3bn" -> cost of spill; "paid $200m to claimants" -> paid to claimants;
    "BP shares dropped 2.3%" -> shares, owner BP, change fell; "fell to 10%" is a level, not a
    change.
    """
    top = _top_of_figure(num)
    if top.head.lemma_.lower() in CURRENCY_WORDS and top.head.i != top.i:
        top = top.head  # "70 billion pounds": the currency word carries the amount's role
    head = top.head
    if top.dep_ in ("compound", "nmod", "amod", "nummod") and head.pos_ == "NOUN" and unit_of(head) is None \
            and head.lemma_.lower() not in ("percent", "%"):
        owner = owner_of(head, agent=False)
        if owner is None and head.dep_ == "dobj" and head.head.lemma_.lower() in words("result_verbs"):
            owner = _subject_owner(head.head)  # "Goldman Sachs expects to take a $5bn hit": Goldman's hit
        return phrase(head) + _purpose(head), owner, None  # "a $20bn fund", "a 15% stake"
    per = ""
    for t in (top, num):
        for prep in (c for c in t.children if c.dep_ == "prep" and c.lower_ in ("in", "of", "for")):
            pobj = next((g for g in prep.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
            if pobj is not None and pobj.lemma_.lower() in CURRENCY_WORDS:
                # "billions of dollars in damage claims": what the dollars are in, not the dollars
                inner = next((g for p in pobj.children if p.dep_ == "prep" and p.lower_ in ("in", "for")
                              for g in p.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
                if inner is not None and inner.lemma_.lower() not in CURRENCY_WORDS:
                    return phrase(inner) + per, owner_of(inner, agent=False), None
            if pobj is None or pobj.lemma_.lower() in CURRENCY_WORDS:
                continue  # "$3.6bn in today's dollars"
            if any(g.lower_ in ("each", "every", "per", "a") and g.dep_ == "det" for g in pobj.children):
                per = f" per {pobj.lemma_.lower()}"  # "$4,300 for each barrel": a rate
                continue
            verb = top.head if top.head.pos_ == "VERB" else None
            if prep.lower_ == "of" and top.lower_ in ("%", "percent"):
                return "share of " + phrase(pobj, relational=False), owner_of(pobj, agent=False), None
            if prep.lower_ in ("in", "of") and verb is not None and not is_report_verb(verb) \
                    and verb.lemma_.lower() not in NEUTRAL_VERBS:
                # "paid $3bn in claims": the claims paid; "stealing $10bn of oil": the oil stolen
                return f"{phrase(pobj)} {participle(verb.lemma_, verb.text, verb.tag_)}", _subject_owner(verb), None
            return phrase(pobj), owner_of(pobj, agent=False), None
    prep = None
    t = top
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ == "NOUN":
        sized = t.head.head  # "fines of up to $4,300", "a bill of $69m"
        if sized.lemma_.lower() in TRANSPARENT_NOUNS:
            t = sized  # "spent a total of $93m on advertising": the total stands for the amount
        elif sized.lemma_.lower() not in ("dollar", "billion", "million") and unit_of(sized) is None:
            owner = owner_of(sized, agent=False)
            if owner is None and sized.dep_ == "dobj" and sized.head.lemma_.lower() in words("result_verbs"):
                owner = _subject_owner(sized.head)  # "it expects a hit of as much as $20bn"
            return phrase(sized) + per, owner, None
    if t.dep_ == "pobj" and t.head.dep_ in ("prep", "dative", "agent"):
        prep, t = t.head, t.head
    if t.head.lower_ in ("down", "up", "lower", "higher") and t.head.dep_ in ("advmod", "prt"):
        t = t.head  # "closed down 3%"
    if t.head.lower_ == "worth" and t.head.head.pos_ in ("VERB", "AUX"):  # "the company is worth $70bn"
        subj = _clause_subject(t.head.head)
        if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
            named = subj.pos_ == "PROPN" or subj.ent_type_ in ("ORG", "GPE")
            return ("value" if named else phrase(subj) + " value"), owner_name(ent_text(subj)) if named \
                else owner_of(subj, agent=False), None
    verb = t.head if t.head.pos_ in ("VERB", "AUX") and t.head.i != t.i else None
    if verb is None or t.dep_ not in ("dobj", "attr", "npadvmod", "oprd", "nsubj", "nsubjpass", "prep", "dative",
                                      "agent", "advmod", "acomp"):
        return None, None, None
    lemma = verb.lemma_.lower()
    subj = _clause_subject(verb)
    subj_noun = subj if subj is not None and subj.pos_ == "NOUN" else None
    owner = _subject_owner(verb)
    if lemma in words("price_verbs") and prep is not None and prep.lower_ == "for":
        return "price", owner, None  # "a flight sells for around $90 million": its price
    if lemma in COST_VERBS:
        return ("cost of " + phrase(subj_noun, relational=False)) if subj_noun is not None else "cost", None, None
    lc = level_class(lemma) or _direction(verb)
    if lc and subj_noun is not None:
        if prep is not None and prep.lower_ == "to":
            return phrase(subj_noun), owner_of(subj_noun, agent=False), None  # "rose to 10%": a level
        return phrase(subj_noun), owner_of(subj_noun, agent=False), lc
    if lc and owner:  # "BP ... rallying to gain 25%": the company's shares, named by their owner
        return None, owner, lc
    if prep is not None and prep.lower_ == "at":  # "put the price tag of the attack at $23bn"
        dobj = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
        if dobj is not None:
            return phrase(dobj), owner_of(dobj, agent=False), None
        if subj_noun is not None and lemma in VALUE_VERBS:  # "valued at $3.1bn, the assets include ..."
            return phrase(subj_noun), owner_of(subj_noun, agent=False), None
    if lemma == "be" or lemma in NEUTRAL_VERBS:
        if subj_noun is not None:
            return phrase(subj_noun), owner_of(subj_noun, agent=False), None
        return None, None, None
    if is_report_verb(verb):
        return None, None, None
    prt = next((c.lower_ for c in verb.children if (c.dep_ == "prt" or c.tag_ == "RP")
                and c.lower_ not in ("out", "up")), None)
    part = participle(lemma, verb.text, verb.tag_) + (f" {prt}" if prt else "")  # "set aside"
    for p in (c for c in verb.children if c.dep_ in ("prep", "dative") and c.lower_ in MONEY_PREPS
              and (prep is None or c.i != prep.i)):  # tokens are made afresh on each access: compare .i
        pobj = next((g for g in p.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
        if pobj is not None and pobj.lemma_.lower() in words("proposals") \
                and any(g.like_num or g.ent_type_ == "MONEY" for g in pobj.children):
            continue  # "raised its offer to $121bn from its initial $105bn offer": the other figure's thing
        if pobj is not None:
            if p.lower_ == "in":
                return f"{phrase(pobj)} {part}", owner, None
            return f"{part} {p.lower_} {phrase(pobj, relational=False)}", owner, None
    dobj = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.i != top.i), None)
    if dobj is not None:  # "raise the cap to $75m": what the amount is set for
        return phrase(dobj), owner_of(dobj, agent=False) or owner, None
    gerund = next((c for c in verb.children if c.dep_ in ("advcl", "xcomp") and c.tag_ == "VBG"), None)
    if gerund is not None:  # "has spent $930m responding to the spill"
        obj = next((g for g in gerund.children if g.dep_ in ("dobj",) and g.pos_ == "NOUN"), None)
        p = next((g for g in gerund.children if g.dep_ == "prep"), None)
        pobj = next((g for g in p.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None) if p is not None else None
        tail = phrase(obj, relational=False) if obj is not None else (
            f"{p.lower_} {phrase(pobj, relational=False)}" if pobj is not None else None)
        return " ".join(w for w in (part, gerund.lower_, tail) if w), owner, None
    return part, owner, None


def _purpose(noun) -> str:
    """What a sum is for, when the text says: "a $100m fund to compensate rig workers" ->
    " to compensate workers"; "a $20bn fund for spill claims" -> " for claims"."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "for":
            pobj = next((g for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
            if pobj is not None:
                return " for " + phrase(pobj, relational=False)
        if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" and any(g.lower_ == "to" for g in c.children):
            obj = next((g for g in c.children if g.dep_ == "dobj" and g.pos_ == "NOUN"), None)
            return f" to {c.lemma_.lower()}" + (f" {noun_class(obj.lemma_, obj.text)}" if obj is not None else "")
    return ""


def _direction(verb) -> str | None:
    """ "closed down 3%", "ended higher": a level moved by a verb of trading."""
    if verb.lemma_.lower() not in DIRECTION_VERBS:
        return None
    for c in verb.children:
        if c.dep_ in ("advmod", "prt") and c.lower_ in ("down", "lower"):
            return "fell"
        if c.dep_ in ("advmod", "prt") and c.lower_ in ("up", "higher"):
            return "rose"
    return None


def _is_party(token) -> bool:
    return token.ent_type_ in ("GPE", "NORP", "ORG") or (token.pos_ == "PROPN" and token.ent_type_ != "PERSON")


def _named_antecedent(token) -> str | None:
    """The organisation "it", "its" or "their" stands for, when the sentence says: the subject
    of the clause above ("Mitsui ... saw its share price fall"; "BP said it has spent")."""
    for a in token.ancestors:
        if a.pos_ not in ("VERB", "AUX"):
            continue
        subj = next((c for c in a.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and _is_party(subj):
            return owner_name(ent_text(subj))
    return None


def _subject_owner(verb) -> str | None:
    subj = _clause_subject(verb)
    if subj is not None and _is_party(subj):
        return owner_name(ent_text(subj))
    if subj is not None and subj.lower_ in ("it", "they"):
        return _named_antecedent(subj)
    return None


# Prepositions that place an event in a year ("in 2005", "during 1988"), unlike "since 2005".
YEAR_PREPS = {"in", "during", "of", "on"}
# Relative dates that put a happening before the news of the day: "last week", "earlier this
# month", "two weeks ago". A figure told of such a happening is of another event (the raid
# a reprisal answers), whatever the year.
EARLIER = re.compile(r"\b(?:(?:last|previous|past)\s+(?:week|month|weekend)|earlier\s+(?:this|that|in\s+the)\s+"
                     r"(?:week|month|year)|\w+\s+(?:weeks|months)\s+(?:ago|earlier|before))\b", re.I)
EARLIER_EVENT = "earlier"
# Spans that make a figure a running total: "in the past seven years", "over the last decade".
CUMULATIVE = re.compile(r"\b(?:past|last)\s+(?:\w+\s+)?(?:years|decades|decade|months)\b", re.I)
CUMULATIVE_TOTAL = "cumulative"
# Clauses of their own inside a figure's clause: a year there belongs to another event.
OTHER_CLAUSES = {"relcl", "acl", "advcl", "ccomp", "conj", "parataxis", "xcomp"}


def _contains(root, token) -> bool:
    return root.left_edge.i <= token.i <= root.right_edge.i


def _year_of(token, year: int) -> int | None:
    """The year a date token names: "2005", or "last year" before a publication in ``year``."""
    if re.fullmatch(r"(?:19|20)\d\d", token.text):
        return int(token.text)
    if token.lower_ == "year" and any(c.lower_ in ("last", "previous") for c in token.children):
        return year - 1
    if token.lower_ in ("year", "years") and token.head.lower_ == "ago":
        # "kidnapped two years ago", "more than two years ago": counted back from the
        # publication year (a floor on the time goes back at least that far, so its year is
        # the latest the happening can have been)
        count = next((c for c in token.children if c.dep_ == "nummod" or c.like_num), None)
        n = 1 if count is None and token.lower_ == "year" else number(count.text) if count is not None else None
        if n is not None and float(n).is_integer() and 0 < n < 100:
            return year - int(n)
    return None


def _tells_what_happened(clause, noun, change: str | None) -> bool:
    """Whether a clause on a counted noun tells the change the figure counts: "200 schoolgirls
    abducted by the group in 2014" for the abducted, "the 40 miners who died in 2010" for the
    dead (not "21 schoolgirls captured in 2014 have been freed" for the freed)."""
    return change is not None and clause.dep_ in ("acl", "relcl") and clause.head.i == noun.i \
        and noun.pos_ in ("NOUN", "PROPN") and change_class(clause.lemma_) == change


def past_year(token, published: str | None, change: str | None = None) -> str | None:
    """The year of an earlier event a figure belongs to, when its clause names one before the
    year of publication: "a 1988 blast that killed 167 workers", "In 1989, the tanker spilled
    11m gallons". Figures of an old event then never meet the current event's figures."""
    if not published or not published[:4].isdigit():
        return None
    v = token
    while v.pos_ not in ("VERB", "AUX") and v.head.i != v.i:
        v = v.head
    # Where a year may sit: the figure's clause, the clause it is joined to ("exploded in 1999
    # and killed 3"), and the nouns a relative clause hangs from ("the 2005 blast at a
    # refinery where 15 workers died").
    # ... but for the clause that says what happened to the counted things themselves: "the more
    # than 200 schoolgirls abducted in 2014" (the count is of that abduction)
    noun = token.head if token.dep_ == "nummod" else token
    inner = {t.i for c in v.subtree if c.i != v.i and c.dep_ in OTHER_CLAUSES and not _contains(c, token)
             and not _tells_what_happened(c, noun, change) for t in c.subtree}
    scope = [t for t in v.subtree if t.i not in inner]
    if v.dep_ in ("conj", "advcl") and v.head.pos_ in ("VERB", "AUX"):  # "hit ... on 27 April 2003, discharging"
        scope += [t for c in v.head.children if c.dep_ in ("prep", "npadvmod") for t in c.subtree]
    if v.dep_ in ("relcl", "acl", "advcl") and v.head.i != v.i:
        n, hops = v.head, 0
        while hops < MAX_HOPS and n.pos_ in ("NOUN", "PROPN", "ADP", "ADV"):
            scope += [t for c in n.children if c.i != v.i and c.dep_ != "relcl" for t in c.subtree] + [n]
            if n.head.i == n.i:
                break
            n, hops = n.head, hops + 1
    year = int(published[:4])
    sent = token.sent
    for t in reversed(token.doc[sent.start:token.left_edge.i]):  # "1991: 520m gallons dumped ...": a chronology line
        if t.like_num and re.fullmatch(r"(?:19|20)\d\d", t.text) and t.i + 1 < len(t.doc) \
                and t.doc[t.i + 1].text in (":", "-", "–"):
            return t.text if int(t.text) < year else None
        if t.like_num and t.i != token.i and t.ent_type_ != "DATE":
            break
    if v.dep_ == "relcl" and v.head.ent_type_ == "DATE":  # "since 2004, when seven people were killed"
        found = _year_of(v.head, year)
        if found is not None and found < year:
            return str(found)
    # "has claimed 20,000 lives and displaced 2.6 million people since 2009": the running time
    # closing the second act bounds the first as well
    # (only an act that counts too: "fell 3% in early trading and has lost a third of its value
    # since April" keeps the day's fall apart from the running loss)
    counting = [c for c in v.children if c.dep_ == "conj" and c.pos_ == "VERB"
                and any(o.dep_ == "dobj" and any(g.like_num and g.dep_ == "nummod" for g in o.children)
                        for o in c.children)]
    shared = [t for c in counting for t in c.children if t.dep_ == "prep" and t.lower_ == "since"]
    # "... since Boko Haram took up arms in 2009": a clause opened by "since" is a running time
    # too, on the figure's verb or on the counting act joined to it
    for verb in [v] + counting:
        if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in c.children)
               and not _contains(c, token) for c in verb.children):
            return CUMULATIVE_TOTAL
    for t in scope + shared:
        if t.dep_ == "prep" and ((t.lower_ == "since" and t.head.i in (v.i, *(x.head.i for x in shared))) or (t.lower_ == "between" and any(
                g.ent_type_ == "DATE" for g in t.children))) or (t.ent_type_ == "DATE" and CUMULATIVE.search(
                next((e.text for e in sent.ents if e.start <= t.i < e.end), ""))):
            # "20,000 killed since 2009", "in the past seven years", "between March 2015 and
            # March 2016": a running total, not the count of one event
            return CUMULATIVE_TOTAL
    for t in scope:
        if t.ent_type_ != "DATE":
            continue
        ent = next((e for e in sent.ents if e.start <= t.i < e.end), None)
        if ent is not None and EARLIER.search(ent.text) and _placed(t):
            return EARLIER_EVENT  # "air strikes last week that killed 30": another, earlier event
        found = _year_of(t, year)
        if found is None:
            continue
        if _placed(t) and found < year:
            return str(found)
    return None


def _placed(t) -> bool:
    """Whether a date token places what its clause or noun tells ("in 2005", "last week's
    strike", "killed last week") rather than, say, counting from it ("since 2009")."""
    h = t
    while h.head.i != h.i and h.head.ent_type_ == "DATE":  # "March 2005"
        h = h.head
    a = h
    # "since their insurgency in 2009": a count from then, not of then; "after the end of the
    # mission in 2015, 1,000 troops have remained": a state since then, not a count of then
    for _ in range(MAX_HOPS):
        if a.head.i == a.i or a.pos_ in ("VERB", "AUX"):
            break
        a = a.head
        if a.dep_ == "prep" and a.lower_ in words("boundary_prepositions"):
            return False
    return (h.dep_ == "pobj" and h.head.lower_ in YEAR_PREPS) or (
        h.dep_ in ("compound", "nummod", "amod", "nmod", "npadvmod", "advmod") and h.head.pos_ in ("NOUN", "VERB"))
