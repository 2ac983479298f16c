"""Statements several outlets make: checkable assertions without a figure, compared across a story.

A figure carries its own subject (what is counted, in which event); a plain assertion ("the
building suffered massive damage", "the Taliban said it was revenge for the air strikes in
Kunduz", "the driver has been arrested") does not, and one outlet's wording rarely names it
the way another's does. What makes such a sentence worth comparing is that independent
outlets say the same checkable thing: so this story stage sets the story's sentences side by
side and keeps a statement only when a sentence of another, independent outlet says it too.

Two sentences say the same thing when the words they share carry most of the weight of the
shorter one, each word weighed by how rare it is among the story's articles (a word every
article uses, "consulate" in a story of a consulate attack, says nothing about which thing
is told). Sentences joined pairwise are grouped, and a group must hold sentences of at least
two independent sources (wire copies count once: ``compare.wire``). Sentences that carry a
figure are left out: their figures are compared as figures. Two sentences that name one party and
one kind of statement about a deed (``words/statement_classes.txt``: "revenge", "a reprisal", "in
retaliation") tell one statement even in the story's everyday words. A reported assertion or a
response the per-article stage already found in a grouped sentence takes the group's subject,
so all tellings of one statement are one subject.

Per-article stages never see the other articles; this stage reads the stored parses
(:mod:`storyline.annotate.stored`) and never parses.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from functools import cache

from storyline.compare.attribution import antecedent, attribute, is_report_verb, quote_mark, source_phrase
from storyline.compare.claims import _is_prose, _make
from storyline.compare.comparison import LABEL_CLAUSE_WORDS
from storyline.compare.nonclaims import comments_start, is_caption, is_furniture, is_picture_line, is_promo
from storyline import words as wordlists
from storyline.compare.words import FOLDER, words
from storyline.model import Article, ArticleAnalysis, Claim
from storyline.words import read_list

# Parts of speech whose words say what a statement is about.
CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"}
MIN_SHARED = 3  # distinct words two tellings share, at the least
# ... of which rare words (in at most this share of the story's articles) that are not names:
# two outlets naming the same minister in two statements share names, not a statement
MIN_RARE = 3
# A statement several outlets tell puts its own words in that many sources: told by three or
# four of seven ("Afghan troops called in air support"), its words are in half of them or more.
RARE_SHARE = 0.6
SAME_STATEMENT = 0.5  # shared weight over the lighter sentence's weight that makes one statement
MIN_QUOTED = 2  # content words of a quotation two outlets print that make it one statement
LABEL_WORDS = 6  # words of a statement's subject label made of its key words
FIGURE_KINDS = {"figure", "tally"}
VAGUE_AMOUNTS = wordlists.words("vague_amounts") | {"several", "dozen"}
# "a second car", "for the first time": an ordinal places a thing in a row, it counts nothing
ORDINALS = frozenset(wordlists.int_table("ordinal_words"))
# A speaker's own voice: first-person words as written ("US" is not "us").
FIRST_PERSON = frozenset(wordlists.entries("first_person_words"))
GENERAL_NOUNS = words("general_counted_nouns")
MAX_WORDS = 60  # a longer "sentence" is a run-on of page text, not one statement


def _stated(span):
    """The verb of what a sentence states, under any reporting verbs that frame it: in "X
    said that the fighters had been sent ..., Reuters reported" it is "sent", so the claim is
    X's (the nearest speaker), not the agency's that relays it."""
    v = span.root
    for _ in range(4):
        if not is_report_verb(v):
            break
        inner = next((c for c in v.children if c.dep_ == "ccomp"), None)
        if inner is None or (is_report_verb(inner) and not _named_speaker(inner)):
            break  # "the spokesman said initial indications suggest ...": the spokesman's
        v = inner
    return v


def _named_speaker(verb) -> bool:
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj is not None and (subj.pos_ == "PROPN" or subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"))


def _own_account(span) -> bool:
    """A speaker telling of their own people ("she said her husband suffered a cut"): the
    first person, reported. A private account, not a statement outlets can check."""
    verb = _stated(span)
    if verb is span.root:
        return False
    speaker = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if speaker is None or not (speaker.pos_ == "PRON" or speaker.ent_type_ == "PERSON"):
        return False
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in subj.children)


def _statement_tokens(span):
    """The tokens of what a sentence states: the reported clause when a reporting verb frames
    one ("the spokesman said [the building suffered massive damage]"), else the sentence
    without its source ("..., the spokesman said"): two outlets quoting one speaker on two
    things share the speaker's name, not a statement."""
    att = attribute(span, _stated(span))
    drop: set[int] = set()
    if att.verb is not None:
        drop.add(att.verb.i)
        for c in att.verb.children:
            # "..., the ministry said, adding that troops were on site": what it added is a
            # second statement, told apart from the first (``_clause`` cuts it from labels too).
            # Only the participle that appends one: "X said A, but he said B" tells both, and
            # another outlet telling both is the same sentence
            if c.dep_ in ("nsubj", "nsubjpass", "agent") or (c.dep_ == "advcl" and c.tag_ == "VBG"
                                                             and is_report_verb(c) and c.i > att.verb.i):
                drop.update(t.i for t in c.subtree)
    return att, [t for t in span if t.i not in drop]


def _lemmas(tokens) -> list[tuple[str, object]]:
    """(lemma, token) of the words that carry a statement's content, in order; a noun
    compound also counts written closed ("air strikes" and "airstrikes" share a word)."""
    out = []
    for t in tokens:
        if t.pos_ not in CONTENT_POS or t.is_stop or t.is_punct or not t.is_alpha:
            continue
        lemma = t.lemma_.lower()
        if len(lemma) < 3 or is_report_verb(t) or lemma in words("statement_filler_words"):
            continue
        out.append((lemma, t))
        if t.dep_ == "compound" and t.head.i == t.i + 1 and t.head.pos_ == "NOUN":
            out.append((lemma + t.head.lemma_.lower(), t))
    return out


def _pronoun_one(t) -> bool:
    """ "one" standing for a person ("one is saying", "one said"): it counts no noun."""
    return t.lower_ == "one" and t.dep_ in ("nsubj", "nsubjpass") and not any(c.dep_ == "prep" for c in t.children)


def _unfit(span, att, tokens) -> bool:
    """Sentences that state no checkable thing of the story's, or state it as a figure:
    a number or a vague amount (its figures are compared as figures; an ordinal, "a second
    car", and "one" standing for a person count nothing), a speaker's own
    feelings in the first person ("I swear the tram lifted", "our thoughts are with"), and
    what may or could happen (not what a clause describing a noun says may happen)."""
    if any((t.like_num and t.lower_ not in ORDINALS and not _pronoun_one(t)) or t.lower_ in VAGUE_AMOUNTS
           for t in span):
        return True
    if any(t.text in FIRST_PERSON for t in tokens) or _own_account(span):
        return True
    return any(t.dep_ == "aux" and t.lower_ in words("statement_modals") and not _describes_noun(t) for t in tokens)


def _describes_noun(t) -> bool:
    """Whether ``t`` sits in a relative clause ("zones for women that could result in the end of
    equality", "the hall, which could delay its reopening"): what may happen there is said of that
    noun; the sentence still states its own clause outright. Not a noun's complement clause ("a
    risk that the pipe could rupture", "fears that the shot could damage the valves"): that clause
    is what the sentence tells, and it is a possibility."""
    return any(v.dep_ == "relcl" for v in [t.head, *t.head.ancestors])


def _candidates(article: Article, analysis: ArticleAnalysis, doc, taken: set[int]) -> list[tuple]:
    """(sentence span, lemma set, lemma order) of the sentences that may state something."""
    out = []
    readers = comments_start(article.body)
    for s in analysis.sentences:
        if readers is not None and s.start >= readers:
            break
        if s.start in taken:
            continue
        span = doc.char_span(s.start, s.end, alignment_mode="expand")
        if span is None or span.root is None:
            continue
        text = span.text.strip()
        if not text or text.endswith("?") or len(text.split()) > MAX_WORDS:
            continue
        if not _is_prose(span) or is_furniture(span) or is_caption(text) or is_picture_line(span) \
                or is_promo(span, article.outlet):
            continue
        att, tokens = _statement_tokens(span)
        if _unfit(span, att, tokens):
            continue
        found = _lemmas(tokens)
        if len({lemma for lemma, _ in found}) < MIN_SHARED:
            continue
        common = {lemma for lemma, t in found if t.pos_ != "PROPN"}
        # a quotation is a speaker's words only where a source is said to speak; quotation marks
        # in the writer's own telling mark a term (a “women's safety area”), not a statement
        quoted = _quoted(span) if att.verb is not None else []
        out.append((span, {lemma for lemma, _ in found}, found, common, quoted, _core(span, att), _classed(span)))
    return out


# Entities that make a party: people, organisations, peoples ("the Taliban"); not places, which
# any party's statements may name.
PARTY_ENTITIES = {"PERSON", "ORG", "NORP"}


def _classed(span) -> tuple[frozenset[str], frozenset[str]]:
    """(statement classes, party names) of a sentence: the classes of ``statement_classes``
    its words name ("retaliation" for "reprisal"), and the words of the people and bodies it
    names, the speaker included ("Taliban", "Mujahid"). Two sentences of one class and one party
    tell one statement ("The Taliban said it carried out the attack in retaliation for air
    strikes" / "A Taliban spokesman called the attack a reprisal for airstrikes")."""
    classes = frozenset(c for t in span if (c := _statement_classes().get(t.lemma_.lower())))
    if not classes:
        return frozenset(), frozenset()
    names = frozenset(t.lemma_.lower() for t in span if t.ent_type_ in PARTY_ENTITIES and t.pos_ == "PROPN")
    return classes, names


def _relayed_speaker(span) -> str | None:
    """Who speaks in "X quoted Y as saying ...": Y (a pronoun read as the person named just
    before), as quoted by X. The one who prints the words is not their speaker."""
    root = span.root
    if root.lemma_.lower() != "quote" or not any(
            c.dep_ == "prep" and c.lower_ == "as" and any(g.lemma_.lower() == "say" for g in c.children)
            for c in root.children):
        return None
    speaker = next((c for c in root.children if c.dep_ == "dobj"), None)
    printer = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if speaker is None:
        return None
    who = antecedent(speaker) if speaker.pos_ == "PRON" else source_phrase(speaker, span)
    if not who:
        return None
    return f"{who}, as quoted by {source_phrase(printer, span)}" if printer is not None else who


def _namer(span):
    """The one who names a thing in "X called the attack a reprisal", "X described it as
    revenge": the subject of a naming verb (``words/naming_verbs.txt``) that has both an object
    and what it is named, when that subject is not a pronoun."""
    root = span.root
    if root.lemma_.lower() not in words("naming_verbs") or not any(c.dep_ == "dobj" for c in root.children):
        return None
    if not any(c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as") for c in root.children):
        return None
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    return subj if subj is not None and subj.pos_ != "PRON" else None


@cache
def _statement_classes() -> dict[str, str]:
    """lemma -> its statement class (``words/statement_classes.txt``)."""
    pairs = (line.split(":", 1) for line in read_list(FOLDER / "statement_classes.txt"))
    return {w: cls.strip() for cls, lemmas in pairs for w in lemmas.split()}


def _core(span, att) -> tuple | None:
    """(who, what was done to them, negated) of a reported statement of something done to a
    named party ("the driver of the tram has been arrested, police said": driver, arrest):
    two sources reporting the same thing done to the same one say one thing, even in the
    story's everyday words. Only reported statements (a source frames them), in the passive, of
    a noun that picks someone out (not "people")."""
    verb = _stated(span)
    if att.verb is None or att.source is None or verb is span.root or verb.pos_ != "VERB":
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subj is None or subj.pos_ not in ("NOUN", "PROPN") or subj.lemma_.lower() in GENERAL_NOUNS:
        return None
    negated = any(c.dep_ == "neg" for c in verb.children)
    return subj.lemma_.lower(), verb.lemma_.lower(), negated


_WORD = re.compile(r"[^\W\d_]+")


def _quoted(span) -> list[tuple[str, ...]]:
    """The passages a sentence puts in quotation marks, double or single (as some papers
    quote; an apostrophe is no mark: ``attribution.quote_mark``), each as its words as
    written: what a speaker said in their own words, which another outlet quoting the speaker
    prints too."""
    text = span.doc.text
    out, opened = [], None
    for pos in range(span.start_char, span.end_char):
        mark = quote_mark(text, pos)
        if mark is None:
            continue
        if opened is None and mark in ("open", "toggle"):
            opened = pos + 1
        elif opened is not None and mark in ("close", "toggle"):
            found = tuple(_WORD.findall(text[opened:pos]))
            if found:
                out.append(found)
            opened = None
    return out


def _within(short: tuple[str, ...], long: tuple[str, ...]) -> tuple[str, ...] | None:
    """The words of ``long`` that are ``short`` word for word (case aside), if it holds them."""
    n = len(short)
    low = tuple(w.lower() for w in short)
    for i in range(len(long) - n + 1):
        if tuple(w.lower() for w in long[i:i + n]) == low:
            return long[i:i + n]
    return None


def _same_quote(a: list[tuple[str, ...]], b: list[tuple[str, ...]], weighty) -> bool:
    """Whether two sentences quote one passage: the shorter quotation, word for word, inside
    the other's, with at least ``MIN_QUOTED`` words that carry content, are written small in
    both and are not words every source of the story uses ("massive damage" quoted by two
    outlets is the spokesman's phrase; "the attack" is anyone's; a quoted name, capitalised by
    one outlet, is a name)."""
    for x in a:
        for y in b:
            short, long = (x, y) if len(x) <= len(y) else (y, x)
            there = _within(short, long)
            if there is not None and \
                    sum(w.islower() and v.islower() and weighty(w) for w, v in zip(short, there)) >= MIN_QUOTED:
                return True
    return False


def _clause(span) -> str:
    """What a telling states, in its own words, without who says it: "the driver fell asleep"
    from "Police said they were investigating whether the driver fell asleep"."""
    verb = _stated(span)
    drop: set[int] = set()
    for c in verb.children:
        if (c.dep_ in ("parataxis", "advcl") and is_report_verb(c)) or c.lower_ == "according":
            drop.update(t.i for t in c.subtree)
    toks = [t for t in verb.subtree if span.start <= t.i < span.end and t.i not in drop]
    while toks and (toks[0].dep_ in ("mark", "punct", "cc") or toks[0].is_punct):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].dep_ in ("cc",)):
        toks = toks[:-1]
    text = "".join(t.text_with_ws for t in toks).strip()
    if text.count('"') % 2 or text.count("“") != text.count("”"):
        text = " ".join(text.translate(_QUOTES).split())  # a quote cut open reads as a stray mark
    return text


_QUOTES = str.maketrans("", "", '"“”')


def _label(members: list[tuple], weight: dict[str, float]) -> str:
    """The shortest telling's own words, cut to a subject's length ("the tram was travelling
    at a significantly higher speed than is permitted"); the words most tellings share when
    no telling has a clause of its own."""
    told = sorted((c for c in (_clause(m[1]) for m in members) if len(c.split()) >= MIN_SHARED),
                  key=lambda c: len(c.split()))
    if not told:
        return _key_words(members, weight)
    label = told[0]
    if len(label.split()) > LABEL_CLAUSE_WORDS:
        label = " ".join(label.translate(_QUOTES).split()[:LABEL_CLAUSE_WORDS]).rstrip(",;:") + " …"
    return label if label[:2].isupper() else label[0].lower() + label[1:]


def _key_words(members: list[tuple], weight: dict[str, float]) -> str:
    """The words most tellings share, in the order the first telling gives them."""
    counts: dict[str, int] = defaultdict(int)
    for m in members:
        for lemma in m[2]:
            counts[lemma] += 1
    need = max(2, (len(members) + 1) // 2)
    first = members[0][4]
    seen, words_out = set(), []
    for lemma, tok in first:
        if counts[lemma] >= need and lemma not in seen:
            seen.add(lemma)
            words_out.append((weight.get(lemma, 0.0), tok.i, tok.text if tok.pos_ == "PROPN" else tok.lower_))
    words_out = sorted(sorted(words_out, reverse=True)[:LABEL_WORDS], key=lambda w: w[1])
    return " ".join(w[2] for w in words_out)


def _value(span) -> str:
    """ "no" when the statement's own verb is negated ("this is not a swap"), else "yes"."""
    verb = _stated(span)
    negated = any(c.dep_ == "neg" for c in verb.children)
    framing = [verb] + [v for v in verb.ancestors if span.start <= v.i < span.end]
    if any(v.lemma_.lower() in words("denial_verbs") and any(c.dep_ == "ccomp" for c in v.children)
           for v in framing):
        negated = not negated  # "the director denied that the tapestries had been moved"
    from storyline import words as wordlists
    from storyline.compare.claims import assertion_value

    hedges = [c.lower_ for v in framing for c in v.children
              if (c.dep_ == "aux" and c.lower_ in words("hypothetical_modals"))
              or (c.dep_ == "advmod" and c.lower_ in wordlists.words("hedge_adverbs"))]
    return assertion_value(negated, hedges)


def shared_statements(articles: list[Article], analyses: dict[str, ArticleAnalysis], claims: list[Claim],
                      independent: dict[str, str], texts) -> list[Claim]:
    """Statements told by two or more independent sources, as claims of kind "assertion".

    ``texts`` gives each article's stored parse (``StoredTexts.body``). Assertion and response
    claims of ``claims`` whose sentence is one of a group's tellings get the group's subject
    (changed in place); the new claims, one per other telling, are returned."""
    taken: dict[str, set[int]] = defaultdict(set)
    said: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    for c in claims:
        start = c.evidence[0].start if c.evidence else None
        if start is None:
            continue
        if c.kind in FIGURE_KINDS:
            taken[c.article].add(start)
        else:
            said[(c.article, start)].append(c)
    cands = []  # (article, span, lemma set, lemma set again for labels, ordered lemmas)
    present: dict[str, set[str]] = {}
    for a in articles:
        an = analyses.get(a.id)
        doc = texts.body(a.id) if an is not None else None
        if doc is None:
            continue
        found = _candidates(a, an, doc, taken[a.id])
        present.setdefault(independent.get(a.id, a.id), set()).update(t.lemma_.lower() for t in doc)
        cands.extend((a, span, lemmas, common, order, quoted, core, classed)
                     for span, lemmas, order, common, quoted, core, classed in found)
    n = len(present)  # sources: a wire copy does not make a word common
    if n < 2:
        return []
    df: dict[str, int] = defaultdict(int)
    for lemmas in present.values():
        for lemma in lemmas:
            df[lemma] += 1
    weight = {lemma: math.log((n + 1) / (k + 0.5)) for lemma, k in df.items()}

    def mass(ls) -> float:
        return sum(max(weight.get(x, 0.0), 0.0) for x in ls)

    def key(i: int) -> str:
        a = cands[i][0]
        return independent.get(a.id, a.id)

    parent = list(range(len(cands)))
    surface: dict[str, str] = {}  # a word as written -> its lemma, for quotations
    for c in cands:
        for lemma, tok in c[4]:
            surface.setdefault(tok.lower_, lemma)

    def weighty(word: str) -> bool:
        # a word not every source uses (in a story of two sources, any word)
        lemma = surface.get(word.lower())
        return lemma is not None and df.get(lemma, n) <= max(2, n - 1)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(cands)):
        for j in range(i + 1, len(cands)):
            if key(i) == key(j):
                continue
            a, b = cands[i][2], cands[j][2]
            if (cands[i][5] and cands[j][5] and _same_quote(cands[i][5], cands[j][5], weighty)) \
                    or (cands[i][6] is not None and cands[i][6] == cands[j][6]) \
                    or (cands[i][7][0] & cands[j][7][0] and cands[i][7][1] & cands[j][7][1]):
                parent[find(i)] = find(j)
                continue
            both = a & b
            rare = {x for x in both if df.get(x, n) <= max(2, n * RARE_SHARE)} & cands[i][3] & cands[j][3]
            if len(both) < MIN_SHARED or len(rare) < MIN_RARE:
                continue
            lighter = min(mass(a), mass(b))
            if lighter <= 0 or mass(both) / lighter < SAME_STATEMENT:
                continue
            parent[find(i)] = find(j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(cands)):
        groups[find(i)].append(i)
    out: list[Claim] = []
    for members in groups.values():
        if len(members) < 2 or len({key(i) for i in members}) < 2:
            continue
        members.sort(key=lambda i: (cands[i][0].published.date or "9999", cands[i][0].id, cands[i][1].start_char))
        label = _label([cands[i] for i in members], weight)
        if not label:
            continue
        for i in members:
            a, span = cands[i][0], cands[i][1]
            known = said.get((a.id, span.start_char))
            if known:
                for c in known:
                    c.subject = label
                continue
            att = attribute(span, _stated(span))
            denier = span.root if span.root.lemma_.lower() in words("denial_verbs") else None
            subj = next((c for c in denier.children if c.dep_ == "nsubj"), None) if denier is not None else None
            if att.source is None and subj is not None and subj.pos_ != "PRON":
                att.source = source_phrase(subj, span)  # "the director denied that ...": the director's word
            relayed = _relayed_speaker(span)
            if relayed is not None:
                att.source = relayed  # "..., the newspaper quoted him as saying": his words, the paper's print
            namer = _namer(span)
            if att.source is None and namer is not None:
                att.source = source_phrase(namer, span)  # "a spokesman called the attack a reprisal"
            out.append(_make(a, span, analyses[a.id], label, _value(span), None, att, kind="assertion"))
    return out
