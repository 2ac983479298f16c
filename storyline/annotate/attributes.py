"""The model's attribute rules (coarse part of speech, morphology and a few lemmas from the
fine tag, the word and its dependency) applied without spaCy's general ``Matcher``.

spaCy's ``attribute_ruler`` runs a ``Matcher`` over every token for its 179 patterns; on
Timeline17 bodies it cost more than the tagger and as much as the parser (see
docs/benchmarks.md, "Throughput, third pass"). The patterns it holds are all of one plain kind:
one or two tokens, each tested on its tag, lower-case form, dependency or whether it is a
space, by equality, set membership or a regular expression. Such a test depends only on the
token's own values, so each distinct value is tested once and remembered as the set of pattern
tokens that accept it (a bit mask); a token's matches are the intersection of its four masks,
and the rules' results are written back in one ``Doc.from_array`` call.

The result is the ruler's, attribute for attribute: every match is taken from the document as
it was before any rule applied (as the ruler does), and where several rules set the same
attribute of a token the one added last wins (the ruler applies matches sorted by rule). A
model whose ruler holds any other kind of pattern keeps spaCy's component (:func:`install`
says so by returning False). Checked token by token against spaCy's component on
250 Timeline17 documents and in tests/test_attributes.py.
"""

from __future__ import annotations

import re

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language

# The token values the patterns may test, in the column order read from the document.
_TESTED = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_COLUMNS = [TAG, LOWER, DEP, IS_SPACE]
# What the rules may set, in the column order of the array written back.
_SET = {"POS": POS, "MORPH": MORPH, "LEMMA": LEMMA, "TAG": TAG, "DEP": DEP}
# Values (and masks) remembered at most, a few tens of bytes each: a long run never grows without bound.
_REMEMBERED = 200_000


class _Unsupported(Exception):
    """A pattern this module does not evaluate: the model keeps spaCy's component."""


class _Field:
    """For one tested value (tag, lower-case form, dependency or is-space), which pattern
    tokens accept a given value, as a bit mask over the pattern tokens; computed once per
    distinct value."""

    def __init__(self, strings):
        self.strings = strings
        self.free = 0  # pattern tokens that do not test this value
        self.exact: dict[int, int] = {}  # value -> pattern tokens that want it (equality, IN)
        self.other: list[tuple[int, object]] = []  # (bit, predicate) for NOT_IN and REGEX
        self.known: dict[int, int] = {}

    def add(self, bit: int, key: str, spec) -> None:
        strings = self.strings
        if key == "IS_SPACE":
            if not isinstance(spec, bool):
                raise _Unsupported(f"IS_SPACE {spec!r}")
            self.exact[int(spec)] = self.exact.get(int(spec), 0) | bit
            return
        if isinstance(spec, str):
            spec = {"IN": [spec]}
        if isinstance(spec, dict) and len(spec) == 1:
            (op, arg), = spec.items()
            if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
                hashes = frozenset(strings.add(a) if a else 0 for a in arg)  # "" (unset) hashes to 0
                if op == "IN":
                    for h in hashes:
                        self.exact[h] = self.exact.get(h, 0) | bit
                else:
                    self.other.append((bit, lambda v, hs=hashes: v not in hs))
                return
            if op == "REGEX" and isinstance(arg, str):
                rx = re.compile(arg)
                self.other.append((bit, lambda v: bool(rx.search(strings[v]))))
                return
        raise _Unsupported(f"{key} {spec!r}")

    def mask(self, value: int) -> int:
        m = self.known.get(value)
        if m is None:
            if len(self.known) >= _REMEMBERED:
                self.known.clear()
            m = self.free | self.exact.get(value, 0)
            for bit, test in self.other:
                if test(value):
                    m |= bit
            self.known[value] = m
        return m


class AttributeRules:
    """The rules of a spaCy ``AttributeRuler``, applied by value (see the module's doc)."""

    def __init__(self, ruler):
        strings = ruler.vocab.strings
        fields = {k: _Field(strings) for k in _TESTED}
        column = {attr: k for k, attr in enumerate(_SET.values())}
        # One bit per pattern token; for each bit: (rule number, pattern length, position, target
        # position, {column: value}).
        self.tokens: list[tuple[int, int, int, int, dict[int, int]]] = []
        for rule, pattern_dict in enumerate(ruler.patterns):
            index = ruler.indices[rule]
            if set(ruler.attrs[rule]) - set(column):
                raise _Unsupported(f"sets {ruler.attrs[rule]!r}")
            values = {column[attr]: value for attr, value in ruler.attrs[rule].items()}
            for pattern in pattern_dict["patterns"]:
                if not isinstance(pattern, list) or not 1 <= len(pattern) <= 2:
                    raise _Unsupported(repr(pattern))
                at = index if index >= 0 else len(pattern) + index
                if not 0 <= at < len(pattern):
                    raise _Unsupported(f"index {index} of {pattern!r}")
                for pos, spec in enumerate(pattern):
                    if not isinstance(spec, dict) or not spec or set(spec) - set(_TESTED):
                        raise _Unsupported(repr(spec))
                    bit = 1 << len(self.tokens)
                    self.tokens.append((rule, len(pattern), pos, at, values))
                    for key, field in fields.items():
                        if key in spec:
                            field.add(bit, key, spec[key])
                        else:
                            field.free |= bit
        self.fields = [fields[k] for k in _TESTED]
        self.first_of_two = sum(1 << b for b, t in enumerate(self.tokens) if t[1] == 2 and t[2] == 0)
        self._single: dict[int, dict[int, tuple[int, int]]] = {}

    def _alone(self, mask: int) -> dict[int, tuple[int, int]]:
        """The one-token rules a token of ``mask`` matches, merged: {column: (rule, value)},
        the last rule winning."""
        out = self._single.get(mask)
        if out is None:
            out = {}
            for b, (rule, length, _, _, values) in enumerate(self.tokens):
                if length == 1 and mask >> b & 1:
                    for col, value in values.items():
                        if col not in out or out[col][0] <= rule:
                            out[col] = (rule, value)
            if len(self._single) >= _REMEMBERED:
                self._single.clear()
            self._single[mask] = out
        return out

    def __call__(self, doc):
        import numpy

        n = len(doc)
        if not n:
            return doc
        tag, lower, dep, space = self.fields
        masks = [tag.mask(a) & lower.mask(b) & dep.mask(c) & space.mask(d)
                 for a, b, c, d in doc.to_array(_COLUMNS).tolist()]
        names = list(_SET.values())
        arr = doc.to_array(names)
        best: dict[int, dict[int, tuple[int, int]]] = {}
        for i, m in enumerate(masks):
            alone = self._alone(m)
            if alone:
                best[i] = alone
        if any(m & self.first_of_two for m in masks):
            self._pairs(masks, best)
        for i, cols in best.items():
            for col, (_, value) in cols.items():
                arr[i, col] = value
        doc.from_array(names, arr.astype(numpy.uint64))
        return doc

    def _pairs(self, masks: list[int], best: dict) -> None:
        """Two-token rules laid over the one-token ones (the later rule winning per column)."""
        for i in range(len(masks) - 1):
            if not masks[i] & self.first_of_two:
                continue
            for b, (rule, length, pos, at, values) in enumerate(self.tokens):
                # The pattern's second token has the next bit (added right after the first).
                if length == 2 and pos == 0 and masks[i] >> b & 1 and masks[i + 1] >> (b + 1) & 1:
                    cols = best[i + at] = dict(best.get(i + at, {}))
                    for col, value in values.items():
                        if col not in cols or cols[col][0] <= rule:
                            cols[col] = (rule, value)

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)


@Language.factory("storyline_attribute_rules")
def _make(nlp, name: str, replaces: str = "attribute_ruler"):
    return AttributeRules(nlp.get_pipe(replaces))


def install(nlp) -> bool:
    """Put :class:`AttributeRules` in place of ``nlp``'s ``attribute_ruler``; False (and the
    pipeline unchanged) when the model has none or holds a pattern of another kind."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    try:
        nlp.add_pipe("storyline_attribute_rules", name="attribute_rules", before="attribute_ruler")
    except _Unsupported:
        return False
    nlp.remove_pipe("attribute_ruler")
    return True
