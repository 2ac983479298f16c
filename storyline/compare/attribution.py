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

from storyline.annotate.stored import doc_text
from storyline.compare.nonclaims import is_caption
from storyline.compare.numbers import MAGNITUDES
from storyline.compare.words import words
from storyline import words as wordlists

REPORT_VERBS = wordlists.words("claim_reporting_verbs")
# Reporting verbs that commit the source less than "say": their use is a hedge.
HEDGE_VERBS = wordlists.words("hedge_verbs")
HEDGE_ADVERBS = wordlists.words("hedge_adverbs")
MODALS = {"may", "might", "could"}
# What makes a figure a projection or a capacity rather than a finding: "will reach", "could top",
# "can collect up to", "expects to collect", "is capable of processing". Projections are kept, and marked, but never
# set against a measured figure as a disagreement.
PROJECTING_AUX = wordlists.words("projecting_auxiliaries")
HYPOTHETICAL_WORDS = wordlists.words("hypothetical_words")
PROJECTING_WORDS = wordlists.words("projecting_words")
# Words saying the figure is an older one, repeated ("the 5,000 barrels it first estimated").
RETROSPECTIVE = wordlists.words("retrospective_words")

ANONYMOUS = re.compile(r"\b(?:" + wordlists.alternation("anonymous_source_markers") + r")\b", re.I)
PRONOUNS = wordlists.words("source_pronouns")
# Speakers inside their own quote: "We can confirm ...", said the deputy chief constable.
FIRST_PERSON = {"i", "we"}
# Pronouns that stand for one named person, found in the sentences just before.
PERSON_PRONOUNS = {"he", "she", "him", "her"}  # object forms too: "the paper quoted him as saying"
# Subjects that are people, whom "it" never stands for.
PERSON_NOUNS = wordlists.words("person_nouns")
LOOK_BACK_SENTENCES = 2
QUOTE_OPEN = "“«\""
QUOTE_CLOSE = "”»\""
SINGLE_QUOTES = "'‘’"
MAX_SOURCE_TOKENS = 14


UNNAMED_REPORTS = "unnamed reports"
# Words that make a figure a size of money, not a count of things ("claims of $18m").
SIZE_WORDS = wordlists.words("currency_words") | wordlists.words("magnitude_abbreviations") | set(MAGNITUDES)


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
    background: bool = False  # the figure is the writer's background (a relative or temporal clause), not reported


def source_phrase(token, sent) -> str:
    """A noun phrase for a source: its subtree without long relative clauses or appositions."""
    drop = set()
    # a bare common noun ("information", "an estimate", "a study") says whose it is only by its
    # "by" phrase; a name, or a noun already owned ("a copy of the contract issued by BP"), needs none
    bare = token.pos_ != "PROPN" and not any(c.dep_ in ("prep", "poss", "compound") for c in token.children)
    for child in token.children:
        agent = _named_agent(child) if bare else None
        if agent is not None:
            # "information maintained by the Asia Society on its website": whose it is, kept
            drop.update(t.i for t in child.subtree if t.i > agent.right_edge.i)
            continue
        if child.dep_ in ("relcl", "acl", "appos", "advcl", "punct") and len(list(child.subtree)) > 3:
            drop.update(t.i for t in child.subtree)
        if child.i > token.i and (child.lower_ == "here" or any(t.ent_type_ in ("DATE", "TIME") for t in child.subtree)):
            drop.update(t.i for t in child.subtree)  # "a spokesperson here on Monday": where and when, not who
    if token.pos_ == "PROPN":
        # A name says who; what follows its comma describes them, however long and however the
        # parser hangs it ("Weinstein, the executive producer of ... 'Pulp Fiction,'").
        comma = next((c for c in token.children if c.i > token.i and c.dep_ == "punct" and c.text == ","), None)
        # not a list of names, nor a description before the name ("another Texan Republican, Joe Barton")
        if comma is not None and any(c.dep_ == "appos" and c.i > comma.i for c in token.children) and not any(
                c.dep_ == "appos" and c.i > comma.i and (c.pos_ == "PROPN" and c.ent_type_ == "PERSON") for c in token.children) \
                and token.ent_type_ != "NORP":
            drop.update(t.i for t in token.subtree if t.i >= comma.i)
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


def _named_agent(clause):
    """The "by" phrase of a participle after a source noun, when it names someone ("data
    compiled by the World Bank"): the name says whose the source is."""
    if clause.dep_ != "acl" or clause.tag_ != "VBN":
        return None
    agent = next((c for c in clause.children if c.dep_ == "agent"), None)
    if agent is None or not any(t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "PERSON", "GPE") for t in agent.subtree):
        return None
    return agent


def subject_of(verb):
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            for g in child.children:
                if g.dep_ == "pobj":
                    return g
    if verb.dep_ in ("relcl",) and verb.head.pos_ in ("NOUN", "PROPN") and not any(
            c.dep_ == "nsubjpass" or (c.dep_ == "advmod" and c.lower_ in ("where", "when")) for c in verb.children):
        # "the agency, which said ...": the noun is the clause's subject; in "the island, where
        # 1,000 aircraft are recorded" it is only where
        return verb.head
    if verb.dep_ == "conj":
        return subject_of(verb.head)
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and is_report_verb(verb.head) \
            and not any(c.dep_ == "mark" for c in verb.children):
        return subject_of(verb.head)  # "He confirmed the thrust, adding ...": the participle's doer
    return None


def _citing(verb, sent) -> str | None:
    for child in verb.children:
        if child.dep_ in ("advcl", "xcomp", "prep") and child.lemma_ in ("cite", "quote"):
            for g in child.children:
                if g.dep_ in ("dobj", "pobj"):
                    return child.text + " " + source_phrase(g, sent)
    return None


def according_to(sent):
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < sent.end and sent.doc[t.i + 1].lower_ == "to":
            to = sent.doc[t.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    for t in sent:
        # "met with 11 rabbis, reported by Haaretz, ...", "as reported by the BBC": the same
        # attribution told with a participle and its agent
        if t.lemma_.lower() == "report" and t.tag_ == "VBN" and t.dep_ in ("advcl", "acl") \
                and t.i > sent.start and sent.doc[t.i - 1].lower_ in (",", "as"):
            agent = next((g for c in t.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
            if agent is not None:
                return agent
    return None


def _relative_clause(token):
    return next((head for head in token.ancestors if head.dep_ == "relcl"), None)


def _reaches(source, anchor) -> bool:
    """Whether "according to X" (or "reported by X") speaks for ``anchor``: not when it sits in a
    relative clause the anchor is outside of ("approved a transfer of 40 million shekels, which
    is set to take effect immediately according to the resolution": the resolution says when,
    not how much). Said of the main clause, it covers the sentence, its relative clauses too
    ("the well, which is spewing as much as 2.5 million gallons a day, according to the
    government's worst-case estimate")."""
    mine = _relative_clause(source)
    return mine is None or _in_subtree(anchor, mine)


def _in_subtree(token, root) -> bool:
    return root.left_edge.i <= token.i <= root.right_edge.i


def is_report_verb(t) -> bool:
    """A verb of saying, reporting or estimating, used, not mentioned: "the phrases 'allegedly',
    'speculation suggests' and 'may have been'" quotes a phrase, and nobody there says anything."""
    return t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in REPORT_VERBS and not _mentioned(t)


_MARKS = QUOTE_OPEN + QUOTE_CLOSE + SINGLE_QUOTES


def _mentioned(v) -> bool:
    """A short phrase held in quotation marks of its own, the verb ending it: a phrase cited."""
    doc = v.doc
    subj = max((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < v.i), key=lambda c: c.i, default=None)
    start = subj.left_edge.i if subj is not None else v.i
    if v.i - start > 4 or v.i + 1 >= len(doc) or start == 0:
        return False
    return doc[v.i + 1].text[:1] in _MARKS and doc[start - 1].text[-1:] in _MARKS


def inside_quote(token) -> bool:
    """Whether a token stands inside quotation marks opened earlier in its paragraph."""
    doc = token.doc
    text = doc_text(doc)
    para = text.rfind("\n", 0, token.idx) + 1
    double = single = 0
    for pos in range(para, token.idx):
        mark = quote_mark(text, pos)
        if mark is None:
            continue
        if text[pos] in SINGLE_QUOTES:
            # a single-quoted passage inside a double-quoted one ("I thought, 'He should be
            # braking.'") closes alone: the speaker's words go on after it
            single = 1 if mark == "open" else 0
        elif mark == "toggle":
            double, single = (0, 0) if double else (1, single)
        elif mark == "open":
            double = 1
        else:
            double = single = 0
    return double > 0 or single > 0


def quote_mark(text: str, pos: int) -> str | None:
    """What the character at ``pos`` does to a quotation: "open", "close", "toggle" (a straight
    double quote) or None. Single quotes ('...' and ‘...’, as some papers quote) open after a
    space and close before one; between two letters or digits they are apostrophes."""
    ch = text[pos]
    if ch == '"':
        return "toggle"
    if ch in "“«":
        return "open"
    if ch in "”»":
        return "close"
    if ch not in SINGLE_QUOTES:
        return None
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return None
    if (before.isspace() or before in "([—–-") and not after.isspace() and ch != "’":
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)—–"):
        return "close"
    return None


def _background(below) -> bool:
    """A figure the writer gives as background inside someone's statement: in a relative
    clause ("strikes that left 32 civilians dead") or a clause tied to another time ("two
    years after hundreds of women were assaulted"). Such clauses present what is taken as
    known, so the statement's speaker is not its source."""
    links = words("temporal_links")
    for t in below:
        if t.dep_ == "relcl" and t.lemma_.lower() not in words("describing_verbs"):
            return True  # "strikes that left 32 civilians dead"; not "a curve which has a limit of 12 mph"
        if t.dep_ == "prep" and t.lower_ in links:
            return True
        if t.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in links and not _plain_sequence(t, c)
                                     for c in t.children):
            return True
    return False


def _plain_sequence(clause, link) -> bool:
    """ "... removed one person after the accident occurred around 5:10": a plain "after" or
    "when" with no distance in time ("two years after") and the clause's own time in it tells
    the statement's own happening in sequence, not a time taken as known."""
    if link.lower_ not in words("sequence_links") or any(c.dep_ == "npadvmod" for c in link.children):
        return False
    return bool(_CLOCK.search(" ".join(t.text for t in clause.subtree)))


_CLOCK = re.compile(r"\b\d{1,2}(?::\d{2})?\s*(?:a\.?m\b\.?|p\.?m\b\.?)|\b\d{1,2}[:.]\d{2}\b", re.I)


def _history(below) -> bool:
    """A figure in a prepositional phrase whose noun carries its own past ("in the first
    release of the 200 girls kidnapped two years ago"): the writer's reminder of that history.
    Only for a statement's trailing phrase, after a parenthetical "X said": a figure inside the
    reported clause is the speaker's, whatever its noun's history."""
    for t in below:
        if t.dep_ == "pobj" and t.pos_ in ("NOUN", "PROPN") and not (t.head.lower_ == "of" and t.head.head.like_num) \
                and any(c.dep_ in ("acl", "relcl") and any(g.lower_ == "ago" or g.ent_type_ == "DATE" for g in c.subtree)
                        for c in t.children):
            return True
    return False


def _counting_source(anchor):
    """ "Berlin police recorded 14 sexual assaults": the body that counted, for a figure that
    is the object of a counting verb."""
    v = anchor.head
    if anchor.dep_ in ("dobj", "nsubjpass") and v.pos_ == "VERB" and v.lemma_.lower() in words("counting_verbs"):
        subj = subject_of(v)
        if subj is not None and subj.lower_ not in PRONOUNS:
            return subj, v
    return None, None


def _document_source(anchor):
    """ "Weather forecasts call for an 80 percent chance": a forecast, poll or study that is
    the subject of the figure's verb gives the figure, whatever that verb is."""
    for v in anchor.ancestors:
        if v.pos_ not in ("VERB", "AUX"):
            continue
        subj = subject_of(v)
        if subj is not None and subj.lemma_.lower() in words("document_sources") and not _in_subtree(anchor, subj) \
                and not (subj.i + 1 < len(subj.doc) and subj.doc[subj.i + 1].lower_ == "that"):
            return subj, v  # (not "The bank forecast that ...": there "forecast" is the bank's verb)
        return None, None
    return None, None


def _named_body(tok) -> str | None:
    """The organisation "the agency" or "the company" refers back to: the last one named as
    the subject of a verb in the sentence or the two before it ("The Metropolitan
    Transportation Authority says the trains bumped ... The agency says one worker ...")."""
    if tok.lemma_.lower() not in words("referring_bodies") or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in tok.children) or any(
            c.dep_ in ("compound", "amod", "poss", "nummod") for c in tok.children):
        return None
    doc, start = tok.doc, tok.sent.start
    for _ in range(LOOK_BACK_SENTENCES):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    named = [e for e in doc.ents if e.label_ == "ORG" and start <= e.start and e.end <= tok.i
             and e.root.dep_ in ("nsubj", "nsubjpass")]
    return named[-1].text if named else None


def antecedent(pronoun) -> str | None:
    """The person "he" or "she" stands for: the last person named as the subject of a verb in
    the pronoun's sentence or the two before it. News writing names a speaker, then goes on
    with "he said"; with two candidates in the last sentence the nearest wins."""
    if pronoun.lower_ in ("it", "they"):  # "they added": the body, or the spokesperson, that spoke last
        return _speaking_body(pronoun)
    if pronoun.lower_ not in PERSON_PRONOUNS:
        return None
    doc = pronoun.doc
    sent = pronoun.sent
    start = sent.start
    quoted: list[tuple[int, int]] = []  # the speaker's own quoted lines passed on the way back
    back = 0
    while back < LOOK_BACK_SENTENCES and start > 0:
        prev = doc[start - 1].sent
        start = prev.start
        if _quoted_line(prev) and len(quoted) < MAX_QUOTED_LINES:
            # "Kevin Snow ... said A. "B. C. D." He said E.": the quoted lines go on with the
            # speaker's words; they do not take "he" further from the speaker's name
            quoted.append((prev.start, prev.end))
            continue
        back += 1
    found = None
    # a name the tagger also reads as a place or a body elsewhere in the article ("the town of
    # Chibok", "Chibok parents") is not the person "he" stands for
    places = {e.text for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC", "NORP", "ORG")}
    for e in doc.ents:
        if e.label_ == "PERSON" and e.text not in places and start <= e.start and e.end <= pronoun.i \
                and e.root.dep_ in ("nsubj", "nsubjpass", "appos", "compound", "pobj") \
                and not is_caption(e.sent.text) \
                and not any(a <= e.start < b for a, b in quoted):  # a name under a picture is not who speaks next
            found = e
    if found is None:
        return _speaking_person(doc, start, pronoun)
    title = doc[found.start - 1] if found.start > 0 else None
    if title is not None and title.text in ("Mr.", "Mrs.", "Ms.", "Dr.", "Mr", "Mrs", "Ms", "Dr"):
        return f"{title.text} {found.text}"
    return found.text


MAX_QUOTED_LINES = 6


def _quoted_line(sent) -> bool:
    """A sentence that is all quotation: each of its words inside quotation marks."""
    words = [t for t in sent if t.is_alpha]
    return bool(words) and all(inside_quote(t) for t in words)


def _speaking_person(doc, start: int, pronoun) -> str | None:
    """The unnamed speaker "he" or "she" stands for when no person is named just before: the
    last person noun that is the subject of a reporting verb ("A foreign ministry spokesman in
    Berlin said ... . 'All staff are safe,' he said."). One person only: "officials" are not
    "he"."""
    found = None
    for t in doc[start:pronoun.i]:
        if t.dep_ == "nsubj" and t.pos_ == "NOUN" and t.lemma_.lower() in PERSON_NOUNS and t.tag_ == "NN" \
                and is_report_verb(t.head) and not is_caption(t.sent.text):
            found = t
    return source_phrase(found, found.sent) if found is not None else None


def _speaking_body(pronoun) -> str | None:
    """The body "it said" stands for: the last non-pronoun subject of a reporting verb in the
    pronoun's sentence or the two before it ("The government said ... A boy was released, it
    said."). Only a subject that has spoken qualifies, so "it" is never a thing; "they" may
    also be a spokesperson ("A fire brigade spokesman said ... , they added")."""
    doc = pronoun.doc
    start = pronoun.sent.start
    for _ in range(LOOK_BACK_SENTENCES):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    found = body = None
    for t in doc[start:pronoun.i]:
        if t.dep_ == "nsubj" and t.pos_ in ("NOUN", "PROPN") and t.lower_ not in PRONOUNS \
                and is_report_verb(t.head) and not is_caption(t.sent.text) \
                and (t.lemma_.lower() not in PERSON_NOUNS or pronoun.lower_ == "they"):
            found = t
            if t.lemma_.lower() not in PERSON_NOUNS:
                body = t
    if found is not None and body is not None and found is not body \
            and all(c.dep_ == "det" for c in found.children):
        # "British Transport Police confirmed ... A spokesman added ... They later confirmed":
        # a bare "a spokesman" (no name, body or role of its own) speaks for the body that
        # spoke just before
        found = body
    return source_phrase(found, found.sent) if found is not None else None


def _contrast(node) -> bool:
    """A "while"/"whereas" clause with a named subject of its own: the writer setting another
    party's figure beside the speaker's, not part of what the speaker said."""
    return node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in node.children) \
        and any(c.dep_ in ("nsubj", "nsubjpass") and (c.pos_ == "PROPN" or c.ent_type_ in ("ORG", "GPE", "PERSON"))
                for c in node.children)


def _own_estimate(v, above) -> bool:
    """A figure that is the object of an estimating verb is its subject's estimate ("Goldman
    expects a $5 billion hit") unless the subject is a pronoun ("you'd expect three-alarm fires")
    or someone else's report holds the clause ("Smith estimated that a Briton could expect a
    decline of 3 percent" is Smith's)."""
    subj = subject_of(v)
    return (v.lemma_.lower() in words("estimating_verbs") and subj is not None and subj.lower_ not in PRONOUNS
            and not any(is_report_verb(a) for a in above))


def attribute(sent, anchor) -> Attribution:
    """Source, anonymity and hedges of the claim that hangs on ``anchor`` in ``sent``."""
    out = Attribution()
    path = [anchor] + [a for a in anchor.ancestors if sent.start <= a.i < sent.end]
    for k, node in enumerate(path):
        if _contrast(node):
            path = path[:k + 1]  # "X said it expects ..., while Bank of America will take ...": not X's words
            break
    source_tok = None
    source_text = None
    quoted = inside_quote(anchor)
    for n, v in enumerate(path):
        if v is anchor and (anchor.pos_ != "VERB" or not any(c.dep_ in ("ccomp", "xcomp") for c in v.children)):
            continue
        if not is_report_verb(v) and not (n > 0 and path[n - 1].dep_ == "ccomp"
                                          and v.lemma_.lower() in words("counting_verbs")):
            continue  # "Prosecutors established that more than 2,000 men ...": a finding, reported
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)
        if passive and any(c.dep_ == "xcomp" for c in v.children):
            out.hedges.append(f"{v.text} to")  # "said to", "thought to", "believed to"
            continue
        if n > 0 and path[n - 1].dep_ in ("nsubj", "nsubjpass", "dobj", "csubj") and not (
                path[n - 1].dep_ == "dobj" and _own_estimate(v, path[n + 1:])):
            continue  # the claim is the reporter or what is reported on, not the report's content
        if n > 0 and path[n - 1].dep_ == "conj" and path[n - 1].head.i == v.i and path[n - 1].pos_ in ("VERB", "AUX"):
            continue  # "claimed 20,000 lives and displaced 2.6 million": a second act, not a report
        if not quoted and _background(path[:n]):
            out.background = True
            break
        subj = subject_of(v)
        if subj is not None and subj.lower_ in FIRST_PERSON and inside_quote(subj):
            continue  # "We can confirm ...": the speaker is the one who says the quote, further up
        if subj is not None and subj.lower_ in PRONOUNS and v.lemma_.lower() in words("estimating_verbs") \
                and any(is_report_verb(a) for a in path[n + 1:]):
            continue  # "'... like you'd expect three-alarm fires,' Hunt said": the speaker is further up
        if subj is not None and subj.lemma_.lower() in words("image_nouns"):
            # "These renders suggest ...": the outlet's reading of a picture, unless someone further
            # up says it ("The new image found oil covering 2,000 square miles, said Hans Graber")
            continue
        if subj is not None and subj.lower_ not in PRONOUNS:
            source_tok, out.verb = subj, v
            out.content = next((c for c in v.children if c.dep_ in ("ccomp", "xcomp") and _in_subtree(anchor, c)),
                               None)
            break
        if subj is not None:  # "he said": the person named just before, else left unnamed
            out.verb = v
            source_text = antecedent(subj)
            out.content = next((c for c in v.children if c.dep_ in ("ccomp", "xcomp") and _in_subtree(anchor, c)),
                               None)
            break
    if source_tok is not None and out.verb is not None and any(
            c.dep_ == "poss" and c.lower_ in ("its", "their") for c in source_tok.children):
        # "Le Monde said its investigation found 2,300 companies": the investigation is Le
        # Monde's, and Le Monde is who tells it
        for v in path[path.index(out.verb) + 1:] if out.verb in path else []:
            subj = subject_of(v)
            if is_report_verb(v) and subj is not None and subj.lower_ not in PRONOUNS:
                source_tok, out.verb = subj, v
                break
    if source_tok is None and source_text is None and not out.background:
        counter, verb = _counting_source(anchor)
        if counter is not None:
            source_tok, out.verb = counter, verb
    if source_tok is None and source_text is None and not out.background:
        document, verb = _document_source(anchor)
        if document is not None:
            source_tok, out.verb = document, verb
    if source_tok is None and source_text is None and not out.background:
        acc = according_to(sent)
        if acc is not None and _reaches(acc, anchor):
            source_tok = acc
    if source_tok is None and source_text is None and out.verb is None and not out.background \
            and not (not quoted and (_background(path) or _history(path))):
        for v in sent:
            if is_report_verb(v) and v not in path and not any(c.dep_ in ("ccomp", "xcomp") for c in v.children):
                subj = subject_of(v)
                if subj is not None and subj.lower_ not in PRONOUNS and not _in_subtree(anchor, subj) \
                        and (subj.ent_type_ or subj.pos_ == "PROPN" or subj.lemma_ in words("unnamed_sources")
                             or (v.dep_ == "parataxis" and subj.pos_ == "NOUN")):  # "..., the police said, and"
                    source_tok, out.verb = subj, v
                    break
    if source_tok is not None and source_tok.lower_ in words("hearsay_nouns") and not any(
            c.dep_ in ("prep", "poss") or (c.i < source_tok.i and any(
                t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "GPE", "NORP", "PERSON") for t in c.subtree))
            for c in source_tok.children):
        # "rumours suggest", "media reports said": nobody named ("the latest U.S. government reports",
        # "BP's own internal reports" name whose)
        source_tok, source_text, out.anonymous = None, UNNAMED_REPORTS, True
    if source_tok is not None:
        src = _named_body(source_tok) or source_phrase(source_tok, sent)
        conj = [c for c in source_tok.children if c.dep_ == "conj"]
        if source_tok.lower_ != "according" and conj and conj[-1].i > source_tok.right_edge.i:
            src = sent.doc[source_tok.left_edge.i: conj[-1].right_edge.i + 1].text
        cite = _citing(out.verb, sent) if out.verb is not None else None
        out.source = f"{src}, {cite}" if cite else src
    elif source_text is not None:
        out.source = source_text
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
    elif source_tok is not None and source_tok.lemma_.lower() in words("unnamed_sources"):
        # "Western officials", "a diplomatic source in Berlin", "US officials": a description,
        # not a name; only a person's name makes the source a named one
        named = [t for t in source_tok.subtree if t.ent_type_ == "PERSON"]
        out.anonymous = not named
    if out.source is None and not out.background and "reportedly" in out.hedges:
        # "The ten alerts reportedly included ...": the outlet relays reports it does not name
        out.source, out.anonymous = UNNAMED_REPORTS, True
    if out.source is None and not out.background and not quoted and (said := _hearsay(path)) is not None:
        # (inside a quote the speaker relays the reports: "we've received reports of hundreds of
        # dead fish" is the speaker's, found by the quote's own rule)
        out.source, out.anonymous = said, True
    if out.source is None and not out.background and (namer := _named_by(path)) is not None:
        out.source = source_phrase(namer, sent)
    return out


def _named_by(path):
    """Who names the thing a figure is told in: "the rocket, billed by the company as 'the most
    powerful ... by a factor of two'" is the company's claim, not the writer's; the agent of a
    naming verb (``words/naming_verbs.txt``) whose "as" holds the figure, else None."""
    figure = path[0]
    for verb in path[1:]:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in words("naming_verbs"):
            continue
        # the figure comes after the verb's "as" (the parser may hang "by a factor of two" on
        # the verb itself); the namer is the agent before that "as"
        named = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" and c.i < figure.i), None)
        if named is None:
            return None
        return next((g for c in verb.children if c.dep_ == "agent" and c.i < named.i
                     for g in c.children if g.dep_ == "pobj"), None)
    return None


def _hearsay(path) -> str | None:
    """The unnamed claims or reports a figure is told inside ("amid claims of hundreds of
    attacks", "unconfirmed reports of 3,000 troops"), as their words: "claims", "unconfirmed
    reports"; None when there are none, or when they are someone's ("his claims", "claims by
    the ministry"), whose own attribution is the source rule's to find."""
    for k, (prep, noun) in enumerate(zip(path, path[1:])):
        if any(t.pos_ in ("VERB", "AUX") for t in path[:k + 1]):
            return None  # "allegations of the investigations, which named 140 figures": the
            # figure is the clause's, said of the investigations, not what the allegations tell
        if prep.dep_ != "prep" or prep.lower_ != "of" or noun.lower_ not in words("hearsay_nouns"):
            continue
        told = path[k - 1] if k > 0 else None
        if told is None or told.pos_ not in ("NOUN", "PROPN") or told.like_num or told.lower_.rstrip(".") in SIZE_WORDS:
            return None  # "claims of $70 million": the claims' own size (money claimed), not what they tell
        if any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("by", "from")) for c in noun.children):
            return None
        mods = [c for c in noun.children if c.dep_ in ("amod", "compound") and c.i < noun.i]
        return " ".join([m.lower_ for m in mods] + [noun.lower_])
    return None


# An embedded post's signature as a cleaned page keeps it: "— ICRC Africa (@ICRC_Africa) October 13, 2016".
_POST_SIGNATURE = re.compile(r"^\s*[\u2014\u2013-]*\s*([^\n()\u2014\u2013]{2,60}?)\s*\(@\w{1,30}\)")
# Words left out of a name's initials: "Committee *of the* Red Cross" is ICRC.
_INITIAL_SKIP = wordlists.words("name_function_words")


def post_author(sent) -> str | None:
    """Who posted a sentence that is an embedded social-media post: the name its signature
    gives just after it, in the same paragraph ("... neutral intermediary. — ICRC Africa
    (@ICRC_Africa) October 13, 2016"). A post's "we" and its figures are its author's."""
    text = sent.doc.text
    end = sent.end_char
    line_end = text.find("\n", end)
    tail = text[end: line_end if line_end >= 0 else len(text)]
    m = _POST_SIGNATURE.match(tail) or (_POST_SIGNATURE.match(text[end - 1:line_end if line_end >= 0 else len(text)])
                                        if text[end - 1:end] in "\u2014\u2013" else None)
    return m.group(1).strip() if m else None


def spelled_by(short: str, text: str) -> str | None:
    """The last capitalised name in ``text`` whose capitals spell ``short`` ("Global
    Terrorism Index" for GTI; "of", "the" and the like left out), or None."""
    found = None
    glue = "|".join(re.escape(w) for w in sorted(_INITIAL_SKIP))
    for name in re.finditer(rf"\b[A-Z][\w'-]*(?:\s+(?:[A-Z][\w'-]*|{glue}))*", text):
        words_ = name.group(0).split()
        while words_ and words_[-1].lower() in _INITIAL_SKIP:
            words_.pop()
        for k in range(len(words_) - 1):  # the name may start after other capitalised words
            part = words_[k:]
            if part[0].lower() in _INITIAL_SKIP:
                continue
            if "".join(w[0] for w in part if w.lower() not in _INITIAL_SKIP) == short:
                found = " ".join(part)
                break
    return found
