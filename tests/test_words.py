"""Each shared word list is defined once, in ``storyline/words/<name>.txt`` (issue 12).

A module that writes one of these lists out again (a set, tuple, list, dict or ``"...".split()``
of strings) fails here: read it with ``storyline.words`` instead, or, when a stage needs a list
of its own, add it as a named file there with a comment saying why it differs.
"""

from __future__ import annotations

import ast
from pathlib import Path

from storyline import words

PACKAGE = Path(__file__).resolve().parents[1] / "storyline"
LISTS = sorted(p.stem for p in words.FOLDER.glob("*.txt"))
TABLES = {"wire_credits", "wire_agency_patterns", "saying_verb_futures"}

# The lists of each kind; a new list of that kind belongs beside them.
VERB_LISTS = ["attribution_verbs", "passing_on_verbs", "saying_verbs", "saying_verb_futures", "claim_reporting_verbs",
              "hedge_verbs", "reported_past_forms", "speaking_words"]
STOPWORD_LISTS = [name for name in LISTS if name.endswith(("stopwords", "function_words", "drop_words", "link_words"))]
WIRE_LISTS = ["wire_credits", "wire_agency_patterns"]

# A literal is a copy of a reporting-verb, stopword or wire-agency list when it holds at least
# COPY_SHARE of that list's entries (an edited copy, or the list inside a longer one); it is a
# copy of any other list when, in addition, the list's entries make COPY_SHARE of the literal (a
# small list such as the magnitudes may rightly sit inside a longer list of another kind). It is
# another reporting-verb list when at least VERBS of its entries are reporting verbs and they make
# VERB_SHARE of it; another stopword list likewise.
COPY_SHARE, COPY_MIN = 0.6, 5
VERBS, VERB_SHARE = 8, 0.75
STOPWORDS, STOPWORD_SHARE = 15, 0.9

# Lists of another kind that happen to be made of function words; each says what it is for.
NOT_COPIES = {
    ("clean/text.py", "_DANGLING"): "words a sentence cannot end on (a cut line), not words to drop",
    ("clean/text.py", "_STARTERS"): "words a sentence may start with (a fused line), not words to drop",
    ("compare/nonclaims.py", "PARTITIVE_DETERMINERS"): "determiners before \"of\" that make a number partitive",
}


def _entries(name: str) -> set[str]:
    keys = words.table(name) if name in TABLES else words.entries(name)
    return {k.lower() for k in keys}


def _literals(tree: ast.AST):
    """(line, assigned name or None, strings) for every literal collection of strings."""
    names: dict[int, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            if isinstance(target, ast.Name) and node.value is not None:
                for sub in ast.walk(node.value):
                    names[id(sub)] = target.id
    for node in ast.walk(tree):
        if isinstance(node, (ast.Set, ast.Tuple, ast.List)):
            items = node.elts
        elif isinstance(node, ast.Dict):
            items = [k for k in node.keys if k is not None]
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split"
              and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str)):
            yield node.lineno, names.get(id(node)), node.func.value.value.split()
            continue
        else:
            continue
        strings = [e.value for e in items if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        if strings:
            yield node.lineno, names.get(id(node)), strings


def _copies(package: Path = PACKAGE) -> list[str]:
    shared = {name: _entries(name) for name in LISTS}
    verbs = set().union(*(shared[name] for name in VERB_LISTS))
    stopwords = set().union(*(shared[name] for name in STOPWORD_LISTS))
    contained = set(VERB_LISTS) | set(STOPWORD_LISTS) | set(WIRE_LISTS)
    found = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package).as_posix()
        for line, name, strings in _literals(ast.parse(path.read_text("utf-8"))):
            if (rel, name) in NOT_COPIES:
                continue
            got = {s.lower() for s in strings}
            where = f"{rel}:{line} {name or 'a literal'}"
            for list_name, entries in shared.items():
                common = len(got & entries)
                if common >= COPY_MIN and common >= COPY_SHARE * len(entries) and (
                        list_name in contained or common >= COPY_SHARE * len(got)):
                    found.append(f"{where} copies {common} of the {len(entries)} entries of words/{list_name}.txt")
            for kind, known, least, share in (("reporting verbs", verbs, VERBS, VERB_SHARE),
                                              ("stopwords", stopwords, STOPWORDS, STOPWORD_SHARE)):
                common = len(got & known)
                if common >= least and common >= share * len(got):
                    found.append(f"{where} is another list of {kind} ({common} of its {len(got)} entries)")
    return found


def test_each_word_list_is_defined_once():
    assert _copies() == []


def test_copies_are_found(tmp_path):
    # The check itself: a module that writes the reporting verbs out again is caught.
    verbs = sorted(words.words("attribution_verbs"))
    fake = tmp_path / "storyline"
    fake.mkdir()
    (fake / "copy.py").write_text(f"VERBS = {set(verbs)!r}\nSTOP = frozenset({' '.join(sorted(words.words('story_stopwords')))!r}.split())\n")
    found = _copies(fake)
    assert any("VERBS copies" in f and "attribution_verbs" in f for f in found)
    assert any("STOP copies" in f and "story_stopwords" in f for f in found)
    (fake / "copy.py").write_text("SAYS = {'say', 'tell', 'report', 'announce', 'state', 'add', 'note', 'write', 'explain'}\n")
    assert any("SAYS is another list of reporting verbs" in f for f in _copies(fake))


def test_every_list_has_a_comment_and_entries():
    for name in LISTS:
        text = (words.FOLDER / f"{name}.txt").read_text("utf-8")
        assert text.startswith("# "), f"words/{name}.txt: say at the top what the list is for"
        assert words.entries(name), f"words/{name}.txt is empty"
