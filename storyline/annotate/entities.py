"""Named entities with one canonical name per real-world thing, within an article and across a story.

Outlets name the same thing differently: "Jacinda Ardern" / "Ardern" / "New Zealand's prime minister",
"Iran" / "IRI" / "Islamic Republic of Iran", "House of Commons" / "British lower house" / "the
Commons". We unify them by general means only:

* spaCy NER, with a few repairs of its typical slips (an organisation split in two);
* a name key that folds case, hyphens, diacritics, a leading "the" and a possessive;
* a country gazetteer (ISO 3166 names from ``pycountry``, English short names from Babel/CLDR)
  with demonyms matched by stem ("Ukrainian" -> Ukraine) and acronyms of official names
  ("IRI");
* acronyms built from the long names of the same article or story ("UN" <- "United Nations");
* surnames linked to the full name ("Merkel" -> "Angela Merkel"), titles dropped;
* role descriptions ("German chancellor", "France's upper house", "the French Senate") linked
  to the named entity they describe by the role prefix ("German Chancellor Angela Merkel",
  "the upper-house Bundesrat") or apposition ("Steffen Seibert, the government spokesman")
  in any article of the story, keyed by (country or qualifier, role).

``entity_mentions(doc)`` does this within one article; ``unify_entities(articles, analyses)``
does it across a story's articles and rewrites the names event mentions carry;
``affiliations(groups)`` tells which country a person leads or speaks for ("Iranian President
Hassan Rouhani" -> Iran), so that "Iran signed" and "Rouhani signed" can meet.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable

from storyline.model import EntityMention
from storyline import words as wordlists

KEEP = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW"}

# Honorifics and office titles that may open a PERSON span; dropped from the name.
TITLES = wordlists.words("name_titles")

# Role nouns: what a description names ("the French president", "Japan's upper house").
# Synonyms fold to one role so that outlets' wordings meet.
ROLE_SYNONYMS = wordlists.table("role_synonyms")
PERSON_ROLES = wordlists.words("person_roles")
ORG_ROLES = wordlists.words("organisation_roles")
ROLES = PERSON_ROLES | ORG_ROLES

FUNCTION_WORDS = wordlists.words("name_function_words")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})


# --------------------------------------------------------------------------- name keys


def fold(text: str) -> str:
    """Lower case, ASCII letters, hyphens and punctuation as spaces: the matching form of a name."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^a-z0-9&]+", " ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


def canonical_name(text: str, label: str) -> str:
    """A display form of one mention: whitespace folded, leading article, possessive and titles dropped."""
    name = " ".join(text.translate(_APOSTROPHES).split()).strip(" ,.;:\"'")
    if name.lower().startswith("the "):
        name = name[4:]
    if name.endswith("'s") or name.endswith("s'"):
        name = name[:-2] if name.endswith("'s") else name[:-1]
    if label == "PERSON":
        words = name.split()
        while len(words) > 1 and words[0].lower().rstrip(".") in TITLES:
            words = words[1:]
        name = " ".join(words)
    return name


def acronym(name: str) -> str:
    """Initials of a long name's content words ("Islamic Republic of Iran" -> "IRI")."""
    words = re.findall(r"[A-Za-z][A-Za-z']*", name.translate(_APOSTROPHES))
    return "".join(w[0].upper() for w in words if w.lower() not in FUNCTION_WORDS)


def _is_acronym(text: str) -> bool:
    t = text.replace(".", "")
    return 2 <= len(t) <= 6 and t.isalpha() and t.isupper()


# --------------------------------------------------------------------------- countries


@functools.lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], dict[str, str]]:
    """(alias key -> ISO code, ISO code -> default display name) for every country.

    Aliases: ISO name, official and common names, the inverted form of "Tanzania, United Republic of",
    the acronym of official names ("IRI", "USA"), and the English CLDR short name ("Iran").
    """
    alias: dict[str, str] = {}
    display: dict[str, str] = {}
    try:
        import pycountry

        records = list(pycountry.countries)
    except ImportError:  # the gazetteer is an aid, never a requirement
        records = []
    try:
        from babel import Locale

        cldr = dict(Locale("en").territories)
    except Exception:  # noqa: BLE001 - CLDR names are optional too
        cldr = {}
    for c in records:
        code = c.alpha_2
        names = [c.name, getattr(c, "official_name", None), getattr(c, "common_name", None), cldr.get(code)]
        names = [n for n in names if n]
        for n in list(names):
            if ", " in n:  # "Tanzania, United Republic of" -> "United Republic of Tanzania"
                head, _, tail = n.partition(", ")
                names.append(f"{tail} {head}")
        short = cldr.get(code)
        if not short or " - " in short or "(" in short:
            short = getattr(c, "common_name", None) or (c.name if "," not in c.name else names[-1])
        display[code] = short
        for n in names:
            if "," in n:
                continue
            alias.setdefault(fold(n), code)
            if len(n.split()) >= 3:
                alias.setdefault(fold(acronym(n)), code)
    # Acronyms of long official names must not shadow real short names ("US" for United States).
    for code, short in display.items():
        alias[fold(short)] = code
    for extra, code in (("us", "US"), ("usa", "US"), ("u s", "US"), ("uk", "GB"), ("britain", "GB")):
        if code in display:
            alias[extra] = code
    return alias, display


def country_code(text: str) -> str | None:
    """ISO code of a country named or described by its demonym in ``text`` ("South African" -> "ZA")."""
    key = fold(text)
    if not key:
        return None
    alias, _ = _countries()
    if key in alias:
        return alias[key]
    return _demonym(key)


@functools.lru_cache(maxsize=4096)
def _demonym(key: str) -> str | None:
    # "south african" -> "south africa", "ukrainian" -> "ukraine", "chinese" -> "china": a stem
    # shared with a country name, longest first, so "nigerian" goes to Nigeria, not Niger.
    if len(key) < 5 or not key.endswith(("an", "ian", "ese", "ish", "i", "ic")):
        return None
    alias, _ = _countries()
    best, best_len = None, 0
    words = key.split()
    for name, code in alias.items():
        if len(name.split()) != len(words) or len(name) < 4 or name[0] != key[0]:
            continue
        n = 0
        for a, b in zip(name, key):
            if a != b:
                break
            n += 1
        if n >= max(4, len(name) - 2) and len(key) - n <= 4 and n > best_len:
            best, best_len = code, n
    return best


def country_name(code: str) -> str:
    """Default display name of a country code."""
    return _countries()[1].get(code, code)


# --------------------------------------------------------------------------- descriptions


def description_key(text: str, default_country: str | None = None) -> tuple[str, str] | None:
    """(qualifier, role) when ``text`` is a role description, else None.

    "France's upper house", "the upper chamber of the French Parliament", "French Senate",
    "Iranian leader" -> ("FR", "upper house"), ("FR", "upper house"), ("FR", "upper house"),
    ("IR", "leader"). The qualifier is a country code, or another modifier ("elysee"), or
    ``default_country`` when the text names none ("the lower house" in an article about France).
    """
    words = fold(text).split()
    if not words:
        return None
    role = None
    rest: list[str] = []
    i = 0
    while i < len(words):
        two = " ".join(words[i:i + 2])
        if i + 1 < len(words) and (two in ROLE_SYNONYMS or two in ROLES):
            role, i = role or ROLE_SYNONYMS.get(two, two), i + 2
            break
        w = words[i]
        i += 1
        if w in ROLE_SYNONYMS or w in ROLES:
            role = ROLE_SYNONYMS.get(w, w)
            break
        if w not in FUNCTION_WORDS:
            rest.append(w)
    # The role is the head: nothing but "of ..." may follow it ("military aid" is no description).
    tail = words[i:]
    if role is None or (tail and tail[0] != "of"):
        return None
    rest += [w for w in tail if w not in FUNCTION_WORDS]
    qualifier = None
    if rest:
        # The whole remainder must name a country ("south african") or be one modifier ("elysee").
        code = country_code(" ".join(rest))
        if code is None:
            for n in (2, 1):
                for j in range(len(rest) - n + 1):
                    code = code or country_code(" ".join(rest[j:j + n]))
            extra = [w for w in rest if not country_code(w) and w not in ("north", "south", "new", "parliament")]
            if code is None and len(rest) == 1:
                return (rest[0], role)
            if code is None or len(extra) > 1:
                return None
        qualifier = code
    else:
        qualifier = default_country
    if qualifier is None:
        return None
    return (qualifier, role)


def is_description(text: str) -> bool:
    """True when ``text`` describes by role ("French Senate", "the White House spokesman") rather than names.

    A capitalised role with a qualifier that is not a country ("Guardian Council") is a name.
    """
    key = description_key(text, "XX")
    if key is None or country_code(text) is not None:
        return False
    if key[0] == "XX" or (len(key[0]) == 2 and key[0].isupper()):
        return True
    # "the White House spokesman" describes; "Guardian Council" names (its role word is capitalised).
    return any(w.islower() and (fold(w) in ROLES or fold(w) in ROLE_SYNONYMS) for w in re.findall(r"[\w'-]+", text))


def _is_description(m: EntityMention) -> bool:
    return is_description(m.text)


# --------------------------------------------------------------------------- per article


def _spans(doc) -> list[tuple[int, int, str]]:
    """Entity token spans with small repairs: adjacent ORG+X ("National" + "Diet") joined."""
    ents = [(e.start, e.end, e.label_) for e in doc.ents]
    out: list[tuple[int, int, str]] = []
    for s, e, label in ents:
        if out and out[-1][1] == s and out[-1][2] == "ORG" and label in ("ORG", "PERSON", "GPE"):
            ps, _, _ = out.pop()
            out.append((ps, e, "ORG"))
            continue
        out.append((s, e, label))
    return out


def _role_prefix(doc, start: int) -> tuple[int, int] | None:
    """Token span of the role modifiers just before a name ("German chancellor" Angela Merkel)."""
    i = start - 1
    first = start
    while i >= 0:
        t = doc[i]
        if t.is_space or t.pos_ in ("VERB", "AUX", "ADP", "CCONJ", "SCONJ", "PRON", "NUM") or t.dep_ in ("prep", "pobj", "nsubj", "dobj"):
            break
        if t.tag_ == "POS":  # "Germany's lower-house Bundestag": keep the owner too
            j = i - 1
            while j >= 0 and doc[j].ent_iob_ == "I":
                j -= 1
            return (j, start) if j >= 0 and doc[j].ent_type_ in ("GPE", "NORP", "ORG") else (first, start) if first < start else None
        if t.dep_ not in ("amod", "compound", "nmod", "punct", "poss", "det", "case") or (t.dep_ == "punct" and t.text != "-"):
            break
        first = i
        i -= 1
    while first < start and doc[first].pos_ == "DET":
        first += 1
    if first >= start:
        return None
    return first, start


def entity_mentions(doc) -> list[EntityMention]:
    """Entity mentions of one parsed article, each with its canonical name within the article.

    Besides spaCy's named entities, role descriptions ("the French president", "Japan's upper
    house") are returned as mentions too, their canonical name set to the named entity they
    describe when the article says it (role prefix, apposition, or the only one in that role).
    """
    mentions: list[EntityMention] = []
    named_at: dict[int, EntityMention] = {}
    covered: set[int] = set()
    for s, e, label in _spans(doc):
        if label not in KEEP:
            continue
        span = doc[s:e]
        text = span.text.strip()
        if not text or not any(c.isalpha() for c in text) or "\n" in text:
            continue
        m = EntityMention(text, span.start_char, span.start_char + len(text), label, canonical_name(text, label))
        mentions.append(m)
        named_at[s] = m
        covered.update(range(s, e))
    # Role prefixes and appositions tie descriptions to names.
    links: list[tuple[EntityMention, EntityMention]] = []
    for s, m in list(named_at.items()):
        if m.label not in ("PERSON", "ORG") or _is_description(m):
            continue
        pre = _role_prefix(doc, s)
        if pre:
            span = doc[pre[0]:pre[1]]
            text = span.text.strip()
            if is_description(text):
                d = EntityMention(text, span.start_char, span.start_char + len(text), m.label, text)
                links.append((d, m))
                covered.update(range(pre[0], pre[1]))
    for chunk in doc.noun_chunks:
        # Qualifiers may be named ("Japan's upper house"); the role noun itself may not.
        if chunk.root.i in covered or any(t.i in covered and t.ent_type_ not in ("GPE", "NORP") for t in chunk):
            continue
        if not is_description(chunk.text):
            continue
        toks = [t for t in chunk if t.pos_ != "DET" and t.tag_ != "PRP$"]
        # "the upper chamber of the French Parliament": the "of" phrase qualifies the role.
        of = [c for c in chunk.root.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == chunk.end]
        if of and toks:
            tail = list(of[0].subtree)
            if len(tail) <= 8:
                toks = toks + tail
        if not toks or chunk[0].lower_ in ("a", "an", "some", "any", "every", "each") or chunk.root.tag_ in ("NNS", "NNPS"):
            continue
        span = doc[toks[0].i:toks[-1].i + 1]
        key = description_key(span.text, "XX")
        if key is None or not is_description(span.text):
            continue  # "the President of the State Affairs of the DPRK" is no plain role description
        label = "PERSON" if key[1] in PERSON_ROLES else "ORG"
        d = EntityMention(span.text, span.start_char, span.end_char, label, canonical_name(span.text, label))
        # Apposition: "Steffen Seibert, the government spokesman"
        head = chunk.root
        if head.dep_ == "appos" and head.head.i in covered:
            at = head.head.idx
            owner = next((n for n in named_at.values() if n.start <= at < n.end), None)
            if owner is not None and owner.label == label:
                links.append((d, owner))
                continue
        mentions.append(d)
    for d, m in links:
        d.canonical = m.canonical
        mentions.append(d)
    mentions.sort(key=lambda m: m.start)
    unify_mentions([mentions])
    return mentions


# --------------------------------------------------------------------------- unification


def unify_mentions(groups: Iterable[list[EntityMention]]) -> dict[str, str]:
    """Give every mention in ``groups`` (one list per article) one canonical name per thing.

    Rewrites ``canonical`` in place and returns {old canonical: new canonical} for names that
    changed (callers use it to rewrite names stored elsewhere, e.g. event actors).
    """
    groups = [g for g in groups]
    all_mentions = [m for g in groups for m in g]
    if not all_mentions:
        return {}
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while parent.get(k, k) != k:
            parent[k] = parent.get(parent[k], parent[k])
            k = parent[k]
        return k

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb

    def node(m: EntityMention) -> str:
        code = country_code(m.canonical) if m.label in ("GPE", "NORP", "ORG", "LOC") else None
        if code:
            return "country:" + code
        return "name:" + fold(m.canonical)

    # Which article each mention is in, and the dominant country of each article (for "the lower house").
    dominant: list[str | None] = []
    places: list[list[tuple[int, str]]] = []
    for g in groups:
        counts = Counter(c for m in g if m.label == "GPE" for c in [country_code(m.text)] if c)
        dominant.append(counts.most_common(1)[0][0] if counts else None)
        places.append([(m.start, c) for m in g if m.label in ("GPE", "NORP") for c in [country_code(m.text)] if c])

    def country_near(gi: int, m: EntityMention) -> str | None:
        # "the upper house" means the upper house of the country named nearest before it.
        before = [(m.start - s, c) for s, c in places[gi] if s < m.start and m.start - s <= 300]
        after = [(s - m.start, c) for s, c in places[gi] if s > m.start and s - m.start <= 100]
        near = min(before, default=None) or min(after, default=None)
        return near[1] if near else dominant[gi]

    surfaces: dict[str, Counter] = defaultdict(Counter)
    labels: dict[str, Counter] = defaultdict(Counter)
    described: set[str] = set()
    for g in groups:
        for m in g:
            n = node(m)
            parent.setdefault(n, n)
            if _is_description(m) and fold(m.canonical) == fold(m.text):
                described.add(n)
                continue
            surfaces[n][m.canonical] += 1 if m.label != "NORP" else 0
            labels[n][m.label] += 1

    names = [n for n in parent if n.startswith("name:") and n not in described]
    # Surnames: "merkel" -> "angela merkel" when exactly one full name ends with it.
    persons = [n for n in names if labels[n]["PERSON"]]
    by_last: dict[str, set[str]] = defaultdict(set)
    for n in persons:
        words = n[5:].split()
        if len(words) >= 2:
            by_last[words[-1]].add(n)
            by_last[" ".join(words[-2:])].add(n) if len(words) >= 3 else None
    for n in persons:
        words = n[5:].split()
        key = " ".join(w for w in words if w not in TITLES) or n[5:]
        if len(key.split()) <= 2 and key != n[5:] or len(words) == 1:
            full = by_last.get(key) or by_last.get(words[-1], set())
            full = {f for f in full if f != n}
            if len(full) == 1:
                union(n, next(iter(full)))
    # Acronyms built from long names of the same story.
    by_acronym: dict[str, set[str]] = defaultdict(set)
    for n in names:
        for s in surfaces[n]:
            if len(s.split()) >= 2:
                by_acronym[acronym(s)].add(find(n))
    for n in names:
        for s in surfaces[n]:
            if _is_acronym(s):
                cands = {c for c in by_acronym.get(s.replace(".", "").upper(), set()) if c != find(n)}
                if len(cands) == 1:
                    union(n, next(iter(cands)))
    # Descriptions: (qualifier, role) -> the named thing some article links it to.
    role_owner: dict[tuple[str, str], set[str]] = defaultdict(set)
    pending: list[tuple[str, tuple[str, str]]] = []
    for gi, g in enumerate(groups):
        for m in g:
            if not _is_description(m):
                continue
            key = description_key(m.text, country_near(gi, m))
            if key is None:
                continue
            if fold(m.canonical) != fold(m.text):  # linked in its article
                role_owner[key].add(find(node(EntityMention(m.canonical, 0, 0, m.label, m.canonical))))
            pending.append((node(m), key))
    for n, key in pending:
        owners = {find(o) for o in role_owner.get(key, ())}
        if len(owners) == 1:
            union(n, next(iter(owners)))
        else:
            # Unlinked descriptions with the same key are still one thing ("French Senate" /
            # "France's upper house") even when no name is known for it.
            union(n, "role:" + key[0] + ":" + key[1])
            parent.setdefault("role:" + key[0] + ":" + key[1], "role:" + key[0] + ":" + key[1])

    # One display name per component: countries by their gazetteer/most used name, others by
    # the most used proper name (longest on ties), descriptions only when nothing else names it.
    members: dict[str, list[str]] = defaultdict(list)
    for n in list(parent):
        members[find(n)].append(n)
    display: dict[str, str] = {}
    for root, ns in members.items():
        codes = [n[8:] for n in ns if n.startswith("country:")]
        proper = Counter()
        for n in ns:
            if n.startswith("name:") and n not in described:
                proper.update(surfaces[n])
        if codes:
            code = Counter(codes).most_common(1)[0][0]
            display[root] = country_name(code)
        elif proper:
            display[root] = max(proper.items(), key=lambda kv: (kv[1], len(kv[0].split()), " " in kv[0], kv[0]))[0]
    changed: dict[str, str] = {}
    for gi, g in enumerate(groups):
        for m in g:
            n = node(m) if not (_is_description(m) and fold(m.canonical) != fold(m.text)) else \
                node(EntityMention(m.canonical, 0, 0, m.label, m.canonical))
            name = display.get(find(n))
            if name and name != m.canonical:
                changed[m.canonical] = name
                m.canonical = name
    return changed


def _rename(names: str | None, table: dict[str, str]) -> str | None:
    """Rename each of "A and B" through ``table``."""
    if not names:
        return names
    if names in table:
        return table[names]
    return " and ".join(dict.fromkeys(table.get(p, p) for p in names.split(" and ")))


def unify_entities(articles, analyses) -> dict[str, dict[str, str]]:
    """Story level: one canonical name per thing across the story's articles.

    Rewrites ``EntityMention.canonical`` in every analysis, and the names event mentions carry
    (actor, target, location, entities). Returns {article id: {old name: new name}}.
    """
    ids = [a.id for a in articles if a.id in analyses]
    before = {aid: [m.canonical for m in analyses[aid].entities] for aid in ids}
    unify_mentions([analyses[aid].entities for aid in ids])
    renamed: dict[str, dict[str, str]] = {}
    for aid in ids:
        table = {old: m.canonical for old, m in zip(before[aid], analyses[aid].entities) if old != m.canonical}
        renamed[aid] = table
        if not table:
            continue
        for ev in analyses[aid].events:
            ev.actor = _rename(ev.actor, table)
            ev.target = _rename(ev.target, table)
            ev.location = _rename(ev.location, table)
            ev.attributed_to = _rename(ev.attributed_to, table)
            ev.entities = list(dict.fromkeys(table.get(e, e) for e in ev.entities))
    return renamed


def affiliations(groups: Iterable[list[EntityMention]]) -> dict[str, str]:
    """{person's canonical name: the country they lead or speak for}, from role descriptions
    tied to them ("Iranian President Hassan Rouhani", "Ardern, New Zealand's prime minister").

    Only people and only country qualifiers: "the White House spokesman" says nothing about
    which country acts when its spokesman speaks. A person tied to two countries is left out.
    """
    found: dict[str, set[str]] = defaultdict(set)
    for g in groups:
        for m in g:
            if m.label != "PERSON" or fold(m.canonical) == fold(m.text):
                continue
            key = description_key(m.text)
            if key is None or key[1] not in PERSON_ROLES or not (len(key[0]) == 2 and key[0].isupper()):
                continue
            found[m.canonical].add(country_name(key[0]))
    return {name: next(iter(cs)) for name, cs in found.items() if len(cs) == 1}
