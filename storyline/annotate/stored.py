"""Parses kept with the per-article analysis, read back without spaCy.

The per-article stage parses each article once; the story stages (outlet wording, the
follow-up of expectations, dates inferred across articles) need the same tokens, lemmas,
tags, dependencies and entity types again. Re-parsing them at story time cost most of a
story build, so the parse is packed here into compact column arrays (:func:`pack`) stored
beside the analysis, and read back as a small read-only view (:class:`Doc`, :class:`Span`,
:class:`Token`) with the attribute names of spaCy's objects that Storyline's extractors use.
This module never imports spaCy: the story stages import it.

What is packed per token: start offset and length (the text comes from the article body or
the short text parsed), lemma, coarse and fine tag, dependency label and head, entity type
and IOB code, and lexical flags (punctuation, number-like, alphabetic, stop word, space,
upper case, sentence start). Strings go in one table per article; each column is an array
of integers; the whole is zlib-compressed. The format is stamped by the analysis version
(this file is hashed into it), so a stored parse is never read by code of another format.
"""

from __future__ import annotations

import bisect
import contextlib
import contextvars
import json
import re
import struct
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator

_MAGIC = b"SLP2"  # columns in the narrowest integer type that holds them (typecodes in the header)
_MAGIC_V1 = b"SLP1"  # every column in its type of _COLUMNS; still read (stores written before)
_AFTER_STOP = re.compile(r"(?:^|[.!?;:\"”’')\]]\s+|\n\s*)", re.M)
# Lexical flags, one bit each.
PUNCT, NUM, ALPHA, STOP, SPACE, UPPER, SENT_START = 1, 2, 4, 8, 16, 32, 64
_IOB = ("", "I", "O", "B")  # spaCy's integer IOB codes, in order
# Columns: name, array type. String columns hold indexes into the article's string table.
_COLUMNS = (("gap", "I"), ("len", "I"), ("lemma", "I"), ("pos", "I"), ("tag", "I"), ("dep", "I"),
            ("head", "i"), ("ent", "I"), ("iob", "B"), ("flags", "B"))
_SAME_AS_LOWER = 0  # lemma index meaning "the lower-cased text": most lemmas are


# ----------------------------------------------------------------------------- packing


def _flags(t) -> int:
    f = 0
    f |= PUNCT if t.is_punct else 0
    f |= NUM if t.like_num else 0
    f |= ALPHA if t.is_alpha else 0
    f |= STOP if t.is_stop else 0
    f |= SPACE if t.is_space else 0
    f |= UPPER if t.is_upper else 0
    f |= SENT_START if (t.i == 0 or t.is_sent_start) else 0
    return f


def doc_text(doc) -> str:
    """``doc.text``, computed once per parsed document. spaCy's ``Doc.text`` joins every
    token's text on each call (building a Token object per token): the extractors that ask
    for it per token spent a fifth of a run's time there. The read-only :class:`Doc` of this
    module holds its text already."""
    data = getattr(doc, "user_data", None)
    if data is None:
        return doc.text
    text = data.get("storyline_text")
    if text is None:
        text = data["storyline_text"] = doc.text
    return text


def pack(body_doc=None, mask: list[tuple[int, int]] | None = None, texts: Iterable = ()) -> bytes:
    """Pack a parsed body (spaCy ``Doc`` or anything with its token attributes) and parsed
    short texts (title, standfirst, expectation phrases) into one blob.

    ``mask`` lists the character ranges of the body that were blanked before parsing (they
    are blanked again when the view is rebuilt, so offsets and text match the parse)."""
    packer = Packer()
    if body_doc is not None:
        packer.add("", body_doc)
    for d in texts:
        packer.add(d.text, d)
    return packer.blob(mask or [])


class Packer:
    """The columns of parsed texts, read from spaCy token by token, then packed (:meth:`blob`)."""

    def __init__(self):
        self.strings: dict[str, int] = {"": 1}  # index 0 is the "same as lower case" lemma marker
        self.table = ["\0", ""]
        self.cols = {name: array(kind) for name, kind in _COLUMNS}
        self.docs: list[list] = []

    def _intern(self, s: str) -> int:
        n = self.strings.get(s)
        if n is None:
            n = self.strings[s] = len(self.table)
            self.table.append(s)
        return n

    def add(self, key: str, doc) -> None:
        """Add one parsed text: the body (key "") or a short text (key: the text itself)."""
        intern, cols = self._intern, self.cols
        end = 0
        for t in doc:
            cols["gap"].append(t.idx - end)
            cols["len"].append(len(t.text))
            end = t.idx + len(t.text)
            lemma = t.lemma_
            cols["lemma"].append(_SAME_AS_LOWER if lemma == t.lower_ else intern(lemma))
            cols["pos"].append(intern(t.pos_))
            cols["tag"].append(intern(t.tag_))
            cols["dep"].append(intern(t.dep_))
            cols["head"].append(t.head.i - t.i)
            cols["ent"].append(intern(t.ent_type_))
            cols["iob"].append(t.ent_iob)
            cols["flags"].append(_flags(t))
        self.docs.append([key, len(doc)])

    def blob(self, mask: list[tuple[int, int]]) -> bytes:
        return _payload(self.docs, self.table, mask, self.cols)


def _payload(docs: list, table: list[str], mask: list, cols: dict[str, array]) -> bytes:
    # The coarse tag nearly always follows from the fine one: keep the usual coarse tag of
    # each fine tag once, and in the column only where a token differs (0 elsewhere).
    usual: dict[int, Counter] = {}
    for tag, pos in zip(cols["tag"], cols["pos"]):
        usual.setdefault(tag, Counter())[pos] += 1
    pos_of_tag = {tag: c.most_common(1)[0][0] for tag, c in usual.items()}
    cols = {**cols, "pos": array("I", [0 if pos == pos_of_tag[tag] else pos
                                       for tag, pos in zip(cols["tag"], cols["pos"])])}
    narrow = [_narrowest(cols[name]) for name, _ in _COLUMNS]
    header = json.dumps({"docs": docs, "strings": table, "mask": [list(r) for r in mask],
                         "types": "".join(a.typecode for a in narrow), "pos_of_tag": pos_of_tag},
                        ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    payload = struct.pack("<I", len(header)) + header + b"".join(a.tobytes() for a in narrow)
    return _MAGIC + zlib.compress(payload, 9)


def _narrowest(a: array) -> array:
    """``a`` in the smallest integer type that holds its values: most columns fit in a byte,
    and bytes compress better than the zero-padded 4-byte integers they were written as."""
    lo, hi = (min(a), max(a)) if len(a) else (0, 0)
    for code in ("bB" if lo < 0 else "B") + ("hH" if lo < 0 else "H") + "iI":
        probe = array(code)
        bits = probe.itemsize * 8
        if (code.isupper() and lo >= 0 and hi < 1 << bits) or (code.islower() and -(1 << bits - 1) <= lo and hi < 1 << bits - 1):
            return array(code, a)
    return a


def repack(blob: bytes) -> bytes:
    """A parse packed in an older format, packed in the current one (a store migration)."""
    if not blob or blob.startswith(_MAGIC):
        return blob
    p = Parsed(blob)
    return _payload(p._docs, p._strings, p._mask, p._cols)


class Parsed:
    """The parses of one article, unpacked: the body (``body(text)``) and the short texts
    parsed alone (``short(text)``)."""

    def __init__(self, blob: bytes):
        if not blob.startswith((_MAGIC, _MAGIC_V1)):
            raise ValueError("not a stored parse")
        payload = zlib.decompress(blob[len(_MAGIC):])
        (n,) = struct.unpack_from("<I", payload)
        header = json.loads(payload[4:4 + n].decode("utf-8", "surrogatepass"))
        self._strings: list[str] = header["strings"]
        self._mask = [tuple(r) for r in header["mask"]]
        self._docs = header["docs"]
        total = sum(k for _, k in header["docs"])
        offset = 4 + n
        cols = {}
        types = header.get("types") or "".join(kind for _, kind in _COLUMNS)
        for (name, _), kind in zip(_COLUMNS, types):
            a = array(kind)
            size = a.itemsize * total
            a.frombytes(payload[offset:offset + size])
            offset += size
            cols[name] = a
        if "pos_of_tag" in header:
            usual = {int(k): v for k, v in header["pos_of_tag"].items()}
            cols["pos"] = array("I", [pos or usual[tag] for tag, pos in zip(cols["tag"], cols["pos"])])
        self._cols = cols
        self._where: dict[str, tuple[int, int]] = {}
        start = 0
        for key, k in header["docs"]:
            self._where.setdefault(key, (start, start + k))
            start += k
        self._body: Doc | None = None
        self._short: dict[str, Doc] = {}

    def _doc(self, text: str, key: str) -> Doc | None:
        where = self._where.get(key)
        if where is None:
            return None
        a, b = where
        s = self._strings
        c = self._cols
        idx, end = [], 0
        for gap, n in zip(c["gap"][a:b], c["len"][a:b]):
            idx.append(end + gap)
            end += gap + n
        return Doc(text, idx, list(c["len"][a:b]), [s[k] if k else None for k in c["lemma"][a:b]],
                   [s[k] for k in c["pos"][a:b]], [s[k] for k in c["tag"][a:b]], [s[k] for k in c["dep"][a:b]],
                   [i + h for i, h in enumerate(c["head"][a:b])], [s[k] for k in c["ent"][a:b]],
                   list(c["iob"][a:b]), list(c["flags"][a:b]))

    def short_texts(self) -> list[str]:
        return [k for k in self._where if k]

    @property
    def has_body(self) -> bool:
        return "" in self._where

    def body(self, text: str) -> Doc | None:
        """The parsed body; ``text`` is the article body (blanked again where it was for the parse)."""
        if self._body is None and self.has_body:
            if self._mask:
                chars = list(text)
                for a, b in self._mask:
                    for i in range(a, min(b, len(chars))):
                        if chars[i] != "\n":
                            chars[i] = " "
                text = "".join(chars)
            self._body = self._doc(text, "")
        return self._body

    def short(self, text: str) -> Doc | None:
        """A short text parsed on its own (a title, a standfirst, an expectation's phrase)."""
        if text not in self._short:
            self._short[text] = self._doc(text, text) if text else None
        return self._short[text]


# ----------------------------------------------------------------------------- the view


class Doc:
    """A read-only parsed text: tokens by index, slices as :class:`Span`, sentences,
    entities and base noun phrases, as spaCy's ``Doc`` offers them."""

    __slots__ = ("text", "_idx", "_len", "_lemma", "_pos", "_tag", "_dep", "_head", "_ent", "_iob", "_flags",
                 "_tokens", "_kids", "_ents", "_sub")

    def __init__(self, text, idx, lengths, lemmas, pos, tag, dep, heads, ents, iob, flags):
        self.text = text
        self._idx, self._len, self._lemma = idx, lengths, lemmas
        self._pos, self._tag, self._dep, self._head = pos, tag, dep, heads
        self._ent, self._iob, self._flags = ents, iob, flags
        self._tokens: list[Token] | None = None  # made when first asked: most bodies are only cut up
        self._kids: list[list[int]] | None = None
        self._ents: list[Span] | None = None
        self._sub: dict[int, list[int]] = {}

    @property
    def tokens(self) -> list[Token]:
        toks = self._tokens
        if toks is None:
            toks = self._tokens = [Token(self, i) for i in range(len(self._idx))]
        return toks

    def subtree_of(self, i: int) -> list[int]:
        """Indexes of ``i``'s subtree in spaCy's order: left dependents' subtrees, the token,
        right dependents' subtrees (the text order, unless the tree has crossing arcs)."""
        got = self._sub.get(i)
        if got is None:
            got = []
            stack = [(i, False)]  # iterative: a long run-on "sentence" must not hit the recursion limit
            while stack:
                j, ready = stack.pop()
                if ready:
                    got.append(j)
                    continue
                kids = self.children_of(j)
                stack.extend((k, False) for k in reversed(kids) if k > j)
                stack.append((j, True))
                stack.extend((k, False) for k in reversed(kids) if k < j)
            self._sub[i] = got
        return got

    # -- sequence
    def __len__(self) -> int:
        return len(self._idx)

    def __iter__(self) -> Iterator[Token]:
        return iter(self.tokens)

    def __getitem__(self, i):
        if isinstance(i, slice):
            start, stop, _ = i.indices(len(self.tokens))
            return Span(self, start, max(start, stop))
        return self.tokens[i]

    def __repr__(self) -> str:
        return self.text

    @property
    def doc(self) -> Doc:
        return self

    def children_of(self, i: int) -> list[int]:
        if self._kids is None:
            kids: list[list[int]] = [[] for _ in self.tokens]
            for j, h in enumerate(self._head):
                if h != j:
                    kids[h].append(j)
            self._kids = kids
        return self._kids[i]

    # -- spans
    @property
    def sents(self) -> Iterator[Span]:
        start = 0
        for i in range(1, len(self.tokens)):
            if self._flags[i] & SENT_START:
                yield Span(self, start, i)
                start = i
        if self.tokens:
            yield Span(self, start, len(self.tokens))

    def sent_of(self, i: int) -> Span:
        start = i
        while start > 0 and not self._flags[start] & SENT_START:
            start -= 1
        end = i + 1
        while end < len(self.tokens) and not self._flags[end] & SENT_START:
            end += 1
        return Span(self, start, end)

    @property
    def ents(self) -> tuple[Span, ...]:
        if self._ents is None:
            out: list[Span] = []
            start = None
            for i, code in enumerate(self._iob):
                if start is not None and code != 1:  # anything but "I" closes an entity
                    out.append(Span(self, start, i, self._ent[start]))
                    start = None
                if code == 3:
                    start = i
            if start is not None:
                out.append(Span(self, start, len(self._iob), self._ent[start]))
            self._ents = out
        return tuple(self._ents)

    @property
    def noun_chunks(self) -> Iterator[Span]:
        return _noun_chunks(self, 0, len(self.tokens))

    def _token_at(self, char: int) -> int:
        """Index of the token whose text or trailing space covers ``char``, or -1."""
        lo, hi = 0, len(self._idx) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            if char < self._idx[mid]:
                hi = mid - 1
            elif char >= self._idx[mid] + self._len[mid] + (1 if self.tokens[mid].whitespace_ else 0):
                lo = mid + 1
            else:
                return mid
        return -1

    def char_span(self, start_idx: int, end_idx: int, label: str = "", alignment_mode: str = "strict") -> Span | None:
        """The tokens covering the characters ``[start_idx, end_idx)``, aligned as spaCy aligns them."""
        start = self._token_at(start_idx)
        if start < 0 or (alignment_mode == "strict" and start_idx != self._idx[start]):
            return None
        end = self._token_at(end_idx - 1)
        if end < 0 or (alignment_mode == "strict" and end_idx != self._idx[end] + self._len[end]):
            return None
        if alignment_mode == "contract":
            if self._idx[start] < start_idx:
                start += 1
            if end_idx < self._idx[end] + self._len[end]:
                end -= 1
            if end < start:
                return None
        elif alignment_mode == "expand" and start_idx == self._idx[start] + self._len[start]:
            start += 1  # the trailing space of a token is not the token
        return Span(self, start, end + 1, label)

    def within(self, start_char: int, end_char: int) -> Doc:
        """The tokens inside ``[start_char, end_char)`` as a text of their own, as if it had been
        parsed alone: offsets from 0, heads outside it cut (the token becomes a root)."""
        first = bisect.bisect_left(self._idx, start_char)
        last = first
        while last < len(self._idx) and self._idx[last] + self._len[last] <= end_char:
            last += 1
        if last == first:
            return Doc(self.text[start_char:end_char], [], [], [], [], [], [], [], [], [], [])
        heads, deps = [], []
        for i in range(first, last):
            h = self._head[i]
            if first <= h < last:
                heads.append(h - first)
                deps.append(self._dep[i])
            else:
                heads.append(i - first)
                deps.append("ROOT")
        iob = list(self._iob[first:last])
        if iob and iob[0] == 1:
            iob[0] = 3  # an entity cut at the start begins here
        flags = list(self._flags[first:last])
        flags[0] |= SENT_START
        return Doc(self.text[start_char:end_char], [a - start_char for a in self._idx[first:last]],
                   self._len[first:last], self._lemma[first:last], self._pos[first:last], self._tag[first:last],
                   deps, heads, self._ent[first:last], iob, flags)


def _noun_chunks(doc: Doc, start: int, end: int) -> Iterator[Span]:
    """Base noun phrases, by the rule of spaCy's English syntax iterator: a noun, proper noun
    or pronoun in a subject, object or similar role (or conjoined to one), with its left edge,
    never nested in the previous phrase."""
    roles = {"oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr", "ROOT"}
    prev_end = -1
    for i in range(start, end):
        word = doc[i]
        if word.pos_ not in ("NOUN", "PROPN", "PRON"):
            continue
        left = word.left_edge.i
        if left <= prev_end:
            continue
        if word.dep_ in roles:
            prev_end = i
            yield Span(doc, left, i + 1, "NP")
        elif word.dep_ == "conj":
            head = word.head
            while head.dep_ == "conj" and head.head.i < head.i:
                head = head.head
            if head.dep_ in roles:
                prev_end = i
                yield Span(doc, left, i + 1, "NP")


class Span:
    """A slice of a :class:`Doc` (a sentence, an entity, a phrase)."""

    __slots__ = ("doc", "start", "end", "label_")

    def __init__(self, doc: Doc, start: int, end: int, label: str = ""):
        self.doc, self.start, self.end, self.label_ = doc, start, end, label

    def __len__(self) -> int:
        return self.end - self.start

    def __iter__(self) -> Iterator[Token]:
        return iter(self.doc.tokens[self.start:self.end])

    def __getitem__(self, i):
        if isinstance(i, slice):
            a, b, _ = i.indices(len(self))
            return Span(self.doc, self.start + a, self.start + max(a, b))
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self.doc.tokens[self.start + i]

    def __repr__(self) -> str:
        return self.text

    @property
    def label(self) -> str:
        return self.label_

    @property
    def start_char(self) -> int:
        return self.doc._idx[self.start] if self.end > self.start else 0

    @property
    def end_char(self) -> int:
        if self.end <= self.start:
            return self.start_char
        return self.doc._idx[self.end - 1] + self.doc._len[self.end - 1]

    @property
    def text(self) -> str:
        return self.doc.text[self.start_char:self.end_char]

    @property
    def text_with_ws(self) -> str:
        return self.text + (self.doc.tokens[self.end - 1].whitespace_ if self.end > self.start else "")

    @property
    def lemma_(self) -> str:
        return "".join(t.lemma_ + t.whitespace_ for t in self).strip()

    @property
    def root(self) -> Token:
        d = self.doc
        for i in range(self.start, self.end):
            if d._head[i] == i:
                return d.tokens[i]
        best, root = len(d), -1
        for i in range(self.start, self.end):
            if self.start <= d._head[i] < self.end:
                continue
            if d._flags[i] & (SPACE | PUNCT) and not d.children_of(i):
                steps = len(d) - 1  # a bare space or mark is the root only when nothing else can be
            else:
                steps, j = 0, i
                while d._head[j] != j and steps <= len(d):
                    j = d._head[j]
                    steps += 1
            if steps < best:
                best, root = steps, i
        return d.tokens[self.start if root < 0 else root]

    @property
    def sent(self) -> Span:
        return self.doc.sent_of(self.start)

    @property
    def sents(self) -> Iterator[Span]:
        for s in self.doc.sents:
            if s.end > self.start and s.start < self.end:
                yield s

    @property
    def ents(self) -> list[Span]:
        return [e for e in self.doc.ents if e.start >= self.start and e.end <= self.end]

    @property
    def noun_chunks(self) -> Iterator[Span]:
        return _noun_chunks(self.doc, self.start, self.end)

    def char_span(self, start_idx: int, end_idx: int, label: str = "", alignment_mode: str = "strict") -> Span | None:
        return self.doc.char_span(start_idx, end_idx, label, alignment_mode)


class Token:
    """One token of a :class:`Doc`; one object per position, so tokens compare by identity."""

    __slots__ = ("doc", "i")

    def __init__(self, doc: Doc, i: int):
        self.doc, self.i = doc, i

    def __len__(self) -> int:
        return self.doc._len[self.i]

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__

    def __lt__(self, other: Token) -> bool:
        return self.i < other.i

    @property
    def idx(self) -> int:
        return self.doc._idx[self.i]

    @property
    def text(self) -> str:
        a = self.doc._idx[self.i]
        return self.doc.text[a:a + self.doc._len[self.i]]

    orth_ = text

    @property
    def whitespace_(self) -> str:
        end = self.doc._idx[self.i] + self.doc._len[self.i]
        return " " if self.doc.text[end:end + 1] == " " else ""

    @property
    def text_with_ws(self) -> str:
        return self.text + self.whitespace_

    @property
    def lower_(self) -> str:
        return self.text.lower()

    @property
    def lemma_(self) -> str:
        lemma = self.doc._lemma[self.i]
        return self.text.lower() if lemma is None else lemma

    @property
    def pos_(self) -> str:
        return self.doc._pos[self.i]

    @property
    def tag_(self) -> str:
        return self.doc._tag[self.i]

    @property
    def dep_(self) -> str:
        return self.doc._dep[self.i]

    @property
    def ent_type_(self) -> str:
        return self.doc._ent[self.i]

    @property
    def ent_iob(self) -> int:
        return self.doc._iob[self.i]

    @property
    def ent_iob_(self) -> str:
        return _IOB[self.doc._iob[self.i]]

    # -- lexical flags
    @property
    def is_punct(self) -> bool:
        return bool(self.doc._flags[self.i] & PUNCT)

    @property
    def like_num(self) -> bool:
        return bool(self.doc._flags[self.i] & NUM)

    @property
    def is_alpha(self) -> bool:
        return bool(self.doc._flags[self.i] & ALPHA)

    @property
    def is_stop(self) -> bool:
        return bool(self.doc._flags[self.i] & STOP)

    @property
    def is_space(self) -> bool:
        return bool(self.doc._flags[self.i] & SPACE)

    @property
    def is_lower(self) -> bool:
        return self.text.islower()

    @property
    def is_upper(self) -> bool:
        return bool(self.doc._flags[self.i] & UPPER)

    @property
    def is_sent_start(self) -> bool:
        return self.i == 0 or bool(self.doc._flags[self.i] & SENT_START)

    # -- the tree
    @property
    def head(self) -> Token:
        return self.doc.tokens[self.doc._head[self.i]]

    @property
    def children(self) -> Iterator[Token]:
        toks = self.doc.tokens
        return (toks[j] for j in self.doc.children_of(self.i))

    @property
    def lefts(self) -> Iterator[Token]:
        toks = self.doc.tokens
        return (toks[j] for j in self.doc.children_of(self.i) if j < self.i)

    @property
    def rights(self) -> Iterator[Token]:
        toks = self.doc.tokens
        return (toks[j] for j in self.doc.children_of(self.i) if j > self.i)

    @property
    def n_lefts(self) -> int:
        return sum(1 for j in self.doc.children_of(self.i) if j < self.i)

    @property
    def n_rights(self) -> int:
        return sum(1 for j in self.doc.children_of(self.i) if j > self.i)

    @property
    def subtree(self) -> Iterator[Token]:
        toks = self.doc.tokens
        return (toks[j] for j in self.doc.subtree_of(self.i))

    @property
    def left_edge(self) -> Token:
        return self.doc.tokens[min(self.doc.subtree_of(self.i))]

    @property
    def right_edge(self) -> Token:
        return self.doc.tokens[max(self.doc.subtree_of(self.i))]

    @property
    def ancestors(self) -> Iterator[Token]:
        t, seen = self, 0
        while t.doc._head[t.i] != t.i and seen <= len(self.doc):
            t = t.head
            seen += 1
            yield t

    def is_ancestor(self, other: Token) -> bool:
        return any(a is self for a in other.ancestors)

    @property
    def sent(self) -> Span:
        return self.doc.sent_of(self.i)

    def nbor(self, k: int = 1) -> Token:
        j = self.i + k
        if not 0 <= j < len(self.doc):
            raise IndexError("token neighbour out of range")
        return self.doc.tokens[j]


# ------------------------------------------------------------------ texts at story time


class StoredTexts:
    """Parsed texts for the story stages, from the stored parses of a story's articles.

    A text is found as a short text parsed alone (title, standfirst, an expectation's
    phrase) or, failing that, as a stretch of some article's body, whose tokens are cut out
    as a text of their own. A text found nowhere gives an empty parse: the story stages
    never parse."""

    def __init__(self, articles: dict, analyses: dict):
        self._bodies = []
        self._parsed = []
        self._short_owner: dict[str, Parsed] = {}  # a short text parsed alone -> whose parse has it
        self.misses = 0
        for aid, a in articles.items():
            an = analyses.get(aid)
            blob = getattr(an, "parsed", None) if an is not None else None
            if not blob:
                continue
            try:
                p = Parsed(blob)
            except (ValueError, zlib.error):
                continue
            self._parsed.append((a, p, an.sentences))
            for key in p.short_texts():
                self._short_owner.setdefault(key, p)
        self._cache: dict[str, Doc] = {}
        self._starts: dict[str, list] | None = None

    def doc(self, text: str) -> Doc:
        got = self._cache.get(text)
        if got is not None:
            return got
        owner = self._short_owner.get(text)
        if owner is not None:
            got = owner.short(text)
        else:
            for a, p, at in self._places(text):
                if a.body.startswith(text, at):
                    got = p.body(a.body).within(at, at + len(text))
                    break
        if got is None:
            self.misses += 1
            got = Doc(text, [], [], [], [], [], [], [], [], [], [])
        self._cache[text] = got
        return got

    def body(self, article_id: str) -> Doc | None:
        """The whole parsed body of one article (offsets are the body's), or None when no
        parse of it is stored."""
        for a, p, _ in self._parsed:
            if a.id == article_id and p.has_body:
                return p.body(a.body)
        return None

    _KEY = 16  # characters of a text's start that index where it may be

    def _places(self, text: str):
        """Where ``text`` may start in the bodies. The texts asked for are sentences or parts
        of them, so sentence starts (the analysis's, and wherever a stop, a line break or a
        closing quote is followed by space) are indexed by the characters that follow them;
        any other text is searched for in every body."""
        if not text:
            return []
        if self._starts is None:
            starts: dict[str, list] = {}
            for a, p, sentences in self._parsed:
                if not p.has_body:
                    continue
                at = {s.start for s in sentences} | {m.end() for m in _AFTER_STOP.finditer(a.body)}
                for i in at:
                    starts.setdefault(a.body[i:i + self._KEY], []).append((a, p, i))
            self._starts = starts
        found = self._starts.get(text[:self._KEY])
        if found:
            return found
        return [(a, p, a.body.find(text)) for a, p, _ in self._parsed if p.has_body and text in a.body]

    def docs(self, texts: Iterable[str]) -> list[Doc]:
        return [self.doc(t) for t in texts]


_current: contextvars.ContextVar = contextvars.ContextVar("storyline_stored_texts", default=None)


@contextlib.contextmanager
def reading(texts):
    """While building a story, the stages that need parsed text read it from ``texts``
    (anything with ``docs(texts) -> list``: :class:`StoredTexts`, or a parser)."""
    token = _current.set(texts)
    try:
        yield texts
    finally:
        _current.reset(token)


def current() -> StoredTexts | None:
    """The stored texts of the story being built, or None outside a story build."""
    return _current.get()


def parsed_texts(texts: list[str]) -> list:
    """Parses of ``texts`` for a story stage, from the source set by :func:`reading`: the
    stored parses while a story is built. A script that runs a story stage on records of its
    own sets a source that parses (``annotate.nlp.parse_on_demand``)."""
    source = current()
    if source is None:
        raise RuntimeError("a story stage asked for parsed text outside a story build "
                           "(wrap the call in annotate.stored.reading or annotate.nlp.parse_on_demand)")
    return source.docs(texts)
