"""Wire copy and syndication: which articles are reprints, so counts are of independent sources.

Two signals, each enough on its own:

* **Credits.** A wire sign-off ("Reuters" alone on the last line, "Source: EFE", "(AP) —" at
  the start, a byline that is an agency) makes the article a copy of that agency's story:
  *full* credit. "AFP contributed reporting" or "with additional reporting by Reuters" makes
  it *partly* wire: the outlet did reporting of its own. Credits come from the cleaner
  (``Article.credits``, ``Article.removed`` kind "credit") and, as a fallback while the cleaner
  leaves them in, from short stand-alone lines at the ends of the body. Photo credits
  ("Picture: ... via REUTERS") are not text credits and are ignored.
* **Text.** Articles whose word 5-gram shingles mostly coincide (MinHash LSH to find
  candidates among many articles, then exact containment of the shorter in the longer) are
  near-copies, whatever their credits say.

The independence rule (:func:`independence_keys`), used by every count of sources:

1. Articles with full credit to one agency, and near-copies of them, share the key
   ``wire:<agency>``; an article from an outlet that *is* the agency (Reuters' own site)
   shares it too. Two articles both credited to Reuters are one source, not two.
2. Other near-copies share the key of the group's first article (its outlet's, by rule 3).
3. Every other article counts as its outlet (``outlet:<name>``): two articles from one
   newsroom are one source. Without a known outlet, the article is its own source.
4. Partly-wire articles keep their outlet's key (they carry reporting of their own), but
   :func:`partial_credits` lists them so that a claim reported only by an AFP copy and an
   article crediting AFP for part of its reporting is counted once (see compare.claims).
"""

from __future__ import annotations

import re
from itertools import combinations

from storyline.model import Article, WireGroup
from storyline import words as wordlists

# Wire services and news agencies: canonical name -> patterns that name it in a credit line.
AGENCIES: dict[str, str] = wordlists.table("wire_agency_patterns")
_AGENCY_RE = {name: re.compile(rf"(?:{pat})", re.I) for name, pat in AGENCIES.items()}
_ANY_AGENCY = "|".join(f"(?:{p})" for p in AGENCIES.values())

# A full credit line: the agency alone, or after "Source:", "via", "©", "-" and the like.
FULL_LINE = re.compile(
    rf"^(?:[-–—/|]\s*)?(?:.{{0,30}}?\b(?:" + wordlists.alternation("credit_line_lead_ins") + r")\s*:?\s*)?\(?"
    rf"(?P<agency>{_ANY_AGENCY})\)?(?:\s*[/,&]\s*(?:{_ANY_AGENCY}))*\s*\.?$", re.I)
# A dateline crediting the agency at the start of the text: "MOSCOW (Reuters) -".
DATELINE_CREDIT = re.compile(rf"^[^\n]{{0,80}}?\((?P<agency>{_ANY_AGENCY})\)\s*[-–—]", re.I)
PARTIAL_LINE = re.compile(
    rf"(?P<agency>{_ANY_AGENCY})\s+(?:and\s+(?:{_ANY_AGENCY})\s+)?contributed|"
    rf"(?:additional\s+)?reporting\s+(?:by|from)\s+(?P<agency2>{_ANY_AGENCY})\b|"
    rf"^(?:[-–—]\s*)?with\s+(?P<agency3>{_ANY_AGENCY})\.?$|"
    rf"(?:material|information)\s+from\s+(?P<agency4>{_ANY_AGENCY})", re.I)
PHOTO = re.compile(r"\b(?:" + wordlists.alternation("photo_credit_words") + r")\b", re.I)

SHINGLE = 5
NUM_PERM = 128
MIN_SHINGLES = 30
COPY_CONTAINMENT = 0.6  # share of the shorter article's shingles found in the longer one
LSH_FROM = 40  # below this many articles every pair is compared exactly


def agency_of(name: str) -> str | None:
    """The canonical agency a credit or outlet name refers to ("Agence France-Presse" -> "AFP")."""
    n = " ".join(name.strip(" .()-–—").split())
    for agency, rx in _AGENCY_RE.items():
        if rx.fullmatch(n):
            return agency
    return None


def _credit_in_line(line: str) -> tuple[str, str] | None:
    s = " ".join(line.split())
    if not s or len(s) > 120:
        return None
    m = PARTIAL_LINE.search(s)
    if m:
        name = next(g for g in m.groups() if g)
        return agency_of(name) or name, "partial"
    if PHOTO.search(s):
        return None
    m = FULL_LINE.match(s)
    if m:
        agency = agency_of(m.group("agency"))
        # Two- and three-letter names ("AP", "PA", "AA") only count alone or after "Source:".
        if agency and (len(m.group("agency")) > 3 or s.strip(" .()").upper() == m.group("agency").upper() or ":" in s
                       or s.lstrip().startswith(("-", "–", "—", "/", "©", "("))):
            return agency, "full"
    return None


def credits_of(article: Article) -> dict[str, str]:
    """Wire credits of one article: agency -> "full" (a copy of its story) or "partial"."""
    found: dict[str, str] = {}

    def add(agency: str, kind: str) -> None:
        if found.get(agency) != "full":  # a full credit wins over a partial one
            found[agency] = kind

    for r in article.removed:
        if "credit" in r.kind or r.kind in ("byline", "footer", "signoff"):
            c = _credit_in_line(r.text)
            if c:
                add(*c)
    lines = [ln.strip() for ln in article.body.split("\n") if ln.strip()]
    for ln in lines[-4:] + lines[:1]:
        c = _credit_in_line(ln)
        if c:
            add(*c)
        for part in re.split(r"(?<=[.!?])\s+", ln)[-1:]:  # a credit glued to the last paragraph
            c = _credit_in_line(part) if part != ln else None
            if c and c[1] == "partial":
                add(*c)
    head = article.body[:200]
    m = DATELINE_CREDIT.match(head)
    if m and agency_of(m.group("agency")):
        add(agency_of(m.group("agency")), "full")
    if article.byline:
        a = agency_of(article.byline.removeprefix("By ").removeprefix("by "))
        if a:
            add(a, "full")
    for credit in article.credits:
        a = agency_of(credit) or (_credit_in_line(credit) or (None, None))[0]
        if a and a not in found:
            kind = (_credit_in_line(credit) or (a, "full"))[1]
            add(a, kind)
    return found


def partial_credits(articles: list[Article]) -> dict[str, set[str]]:
    """Article id -> agencies it credits for part of its reporting."""
    out = {}
    for a in articles:
        parts = {ag for ag, kind in credits_of(a).items() if kind == "partial"}
        if parts:
            out[a.id] = parts
    return out


def shingles(text: str, n: int = SHINGLE) -> set[str]:
    """Word n-grams of the lower-cased text (punctuation and tokeniser spacing ignored)."""
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i:i + n]) for i in range(max(0, len(words) - n + 1))}


def containment(a: set[str], b: set[str]) -> float:
    """Share of the smaller shingle set found in the larger."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def near_copies(articles: list[Article], threshold: float = COPY_CONTAINMENT) -> list[tuple[str, str, float]]:
    """Pairs of articles whose texts are near-copies, with their containment."""
    sets = {a.id: shingles(a.body) for a in articles}
    ids = [i for i, s in sets.items() if len(s) >= MIN_SHINGLES]
    if len(ids) < 2:
        return []
    if len(ids) < LSH_FROM:
        candidates = combinations(ids, 2)
    else:
        from datasketch import MinHash, MinHashLSH

        # LSH on Jaccard finds candidates; containment (kinder to copies cut or padded) decides.
        lsh = MinHashLSH(threshold=threshold / 2, num_perm=NUM_PERM)
        hashes = {}
        for i in ids:
            m = MinHash(num_perm=NUM_PERM)
            m.update_batch([s.encode("utf-8") for s in sets[i]])
            hashes[i] = m
            lsh.insert(i, m)
        pairs = set()
        for i in ids:
            for j in lsh.query(hashes[i]):
                if j != i:
                    pairs.add((min(i, j), max(i, j)))
        candidates = sorted(pairs)
    out = []
    for i, j in candidates:
        c = containment(sets[i], sets[j])
        if c >= threshold:
            out.append((i, j, round(c, 3)))
    return out


class _Union:
    def __init__(self, items):
        self.parent = {i: i for i in items}

    def find(self, i):
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def find_wire_groups(articles: list[Article]) -> list[WireGroup]:
    """Groups of articles that are copies of one wire story or of each other.

    One group per agency with full credit (with its near-copies), one per set of uncredited
    near-copies; an agency's group also lists, in ``partial``, the articles that credit it for
    part of their reporting. ``similarity`` is the lowest text containment along the links
    that made the group (1.0 for a single credited article, which is the wire's own copy).
    """
    ids = [a.id for a in articles]
    order = {a: n for n, a in enumerate(ids)}
    credits = {a.id: credits_of(a) for a in articles}
    own_wire = {a.id: agency_of(a.outlet) for a in articles if a.outlet and agency_of(a.outlet)}
    union = _Union(ids)
    sims: dict[tuple[str, str], float] = {}
    for i, j, c in near_copies(articles):
        union.join(i, j)
        sims[(i, j)] = c
    full_of: dict[str, str] = {}
    for aid in ids:
        full = sorted(ag for ag, kind in credits[aid].items() if kind == "full" and ag != "Agency Staff")
        full = full or ([own_wire[aid]] if aid in own_wire else [])
        if full:
            full_of[aid] = full[0]
    by_root: dict[str, list[str]] = {}
    for aid in ids:
        by_root.setdefault(union.find(aid), []).append(aid)
    groups: dict[str, WireGroup] = {}
    for members in by_root.values():
        wires = sorted({full_of[m] for m in members if m in full_of})
        if len(members) == 1 and not wires:
            continue
        key = wires[0] if wires else "copy:" + members[0]
        links = [c for (i, j), c in sims.items() if i in members and j in members]
        sim = min(links) if links else 1.0
        how = "credit+text" if wires and links else "credit" if wires else "text"
        g = groups.get(key)
        if g is None:
            groups[key] = WireGroup(articles=sorted(members, key=order.get), wire=wires[0] if wires else None,
                                    similarity=sim, how=how)
        else:
            g.articles = sorted(set(g.articles) | set(members), key=order.get)
            g.similarity = min(g.similarity, sim)
            g.how = "credit+text" if (links or "text" in g.how) else g.how
    for aid in ids:
        for ag, kind in credits[aid].items():
            if kind == "partial":
                g = groups.setdefault(ag, WireGroup(articles=[], wire=ag, similarity=0.0, how="credit"))
                if aid not in g.articles and aid not in g.partial:
                    g.partial.append(aid)
    return sorted(groups.values(), key=lambda g: (order.get((g.articles or g.partial)[0]), g.wire or ""))


def independence_keys(articles: list[Article], groups: list[WireGroup]) -> dict[str, str]:
    """Map article id -> key of its independent source (copies of one wire share one key).

    The rule is in this module's docstring: wire copies count as their agency, near-copies
    as one, everything else as its outlet.
    """
    keys: dict[str, str] = {}
    for a in articles:
        wire = agency_of(a.outlet) if a.outlet else None
        if wire:
            keys[a.id] = f"wire:{wire}"
        elif a.outlet:
            keys[a.id] = "outlet:" + " ".join(a.outlet.lower().split())
        else:
            keys[a.id] = f"article:{a.id}"
    for g in groups:
        if not g.articles:
            continue
        # uncredited copies count as their first article's source (its outlet, usually)
        key = f"wire:{g.wire}" if g.wire else keys[g.articles[0]]
        for aid in g.articles:
            keys[aid] = key
    return keys
