"""Each shared word list is defined once, in ``storyline/words/<name>.txt`` (issue 12).

A module that writes one of these lists out again (a set, tuple, list, dict or ``"...".split()``
of strings) fails here: read it with ``storyline.words`` instead, or, when a stage needs a list
of its own, add it as a named file there with a comment saying why it differs.
"""

from __future__ import annotations

import ast
import re
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


def test_word_lists_are_in_the_version_stamps():
    # A list edited in storyline/words must refresh stored analyses and stories, as a code edit does.
    from storyline import versions

    assert "words" in versions.ARTICLE_PACKAGES and "words" in versions.STORY_PACKAGES


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


# ------------------------------------------------------------------ lists still written in code
#
# Every hand-written word list in a module is found here: a set, tuple, list, ``"...".split()``
# or dict of MIN_WORDS or more words, or a regular expression with MIN_WORDS or more alternatives
# that are words ("said|says|told|..."). Each belongs in ``storyline/words/<name>.txt``; what stays
# in code is on ALLOWED with the reason, so a new list in a module fails here.

MIN_WORDS = 5
WORDISH = re.compile(r"[A-Za-z][A-Za-z'\- .]*")
# Modules that handle files, records and the web, not news text: their literals are field
# names, formats, tags and options, not vocabulary.
NOT_LANGUAGE = ("__init__.py", "__main__.py", "cli.py", "versions.py", "progress.py", "watch.py", "api.py",
                "pipeline.py", "web/", "ingest/", "eval/", "store/", "engines/", "compare/bench.py",
                "expectations/evaluate.py")


def _labels() -> frozenset[str]:
    """spaCy's labels (dependencies, parts of speech, entity types): a list of them is code
    talking to the parser, not vocabulary."""
    from spacy.glossary import GLOSSARY

    return frozenset(GLOSSARY) | {"ROOT", "dep", "tmod", "obl"}


def _groups(pattern: str):
    """The whole pattern and the inside of each parenthesised group."""
    yield pattern
    stack, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = pattern.find("]", i + 2) + 1 or len(pattern)
            continue
        if c == "(":
            stack.append(i)
        elif c == ")" and stack:
            yield pattern[stack.pop() + 1:i]
        i += 1


def _alternatives(group: str) -> list[str]:
    """The top-level alternatives of a group (its ``?:``/``?P<name>``/``?i:`` opening removed)."""
    if group.startswith("?P<"):
        group = group[group.find(">") + 1:]
    elif re.match(r"\?[a-zA-Z]*:", group):
        group = group[group.find(":") + 1:]
    elif group.startswith("?"):
        return []
    out, depth, start, i = [], 0, 0, 0
    while i < len(group):
        c = group[i]
        if c == "\\":
            i += 2
            continue
        depth += (c == "(") - (c == ")")
        if c == "|" and depth == 0:
            out.append(group[start:i])
            start = i + 1
        i += 1
    out.append(group[start:])
    return out


def _is_word(alternative: str) -> bool:
    """An alternative that is a word or phrase, allowing ``s?``, ``(?:s|ed)?`` and ``\\s+``."""
    if alternative != alternative.strip():
        return False  # " subject | value ": a table written in Markdown, not a pattern
    plain = re.sub(r"\\s[+*?]?|\\b|\(\?:[a-z|]*\)\??|\[[a-z]+\]\??|[?^$]|\\\.", " ", alternative).strip()
    return bool(plain) and WORDISH.fullmatch(plain) is not None


def _key(names: dict, node) -> str:
    return names.get(id(node), "module")


def inline_lists(package: Path = PACKAGE) -> list[tuple[str, str, int, int, list[str]]]:
    """(module, name, line, size, first entries) of each word list written in code; ``name`` is the
    constant it is assigned to, or ``function()`` for a list inside a function."""
    labels = _labels()
    found = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package).as_posix()
        if rel.startswith(NOT_LANGUAGE) or rel.startswith("words/"):
            continue
        tree = ast.parse(path.read_text("utf-8"))
        names: dict[int, str] = {}
        for node in ast.walk(tree):  # functions first, then the constant a literal is assigned to
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for sub in ast.walk(node):
                    names.setdefault(id(sub), f"{node.name}()")
        for node in ast.walk(tree):
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
                target = node.targets[0] if isinstance(node, ast.Assign) else node.target
                if isinstance(target, ast.Name) and target.id == "__slots__":
                    for sub in ast.walk(node.value):
                        names[id(sub)] = "__slots__"
                elif isinstance(target, ast.Name) and id(node) not in names:
                    for sub in ast.walk(node.value):
                        names[id(sub)] = target.id
        seen = set()
        for node in ast.walk(tree):
            items = None
            if isinstance(node, (ast.Set, ast.Tuple, ast.List)):
                items = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            elif isinstance(node, ast.Dict) and all(isinstance(v, (ast.Constant, ast.Tuple)) for v in node.values):
                items = [k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split"
                  and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str)):
                items = node.func.value.value.split()
            if items is not None and _key(names, node) != "__slots__":
                wordy = [s for s in items if WORDISH.fullmatch(s)]
                if (len(wordy) >= MIN_WORDS and len(wordy) >= 0.8 * len(items)
                        and sum(s in labels for s in items) < 0.8 * len(items)):
                    found.append((rel, _key(names, node), node.lineno, len(items), items[:6]))
                continue
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and "|" in node.value:
                pattern = node.value
            elif isinstance(node, ast.JoinedStr):
                pattern = "".join(v.value if isinstance(v, ast.Constant) else "\0" for v in node.values)
                for v in node.values:
                    seen.add(id(v))
            else:
                continue
            if id(node) in seen:
                continue
            for group in _groups(pattern):
                alternatives = [a for a in _alternatives(group) if _is_word(a)]
                if len(alternatives) >= MIN_WORDS:
                    found.append((rel, _key(names, node), node.lineno, len(alternatives), alternatives[:6]))
    return found


# Why a list found by ``inline_lists`` may stay in code. The count is how many lists the key
# holds; the test fails when one is added and when one is gone (lower the count then), so this
# allow-list only shrinks.
MODEL_VALUES = "values of the model's own fields (a date's precision, how a date was found), not English words"
CLOSED_CLASS = "a closed class of English function words (pronouns, forms of be, articles, prepositions) read as grammar by one rule"
ENDINGS = "word endings read by a plural, participle or demonym rule, not words"
TIME_GRAMMAR = ("time grammar (annotate/timex*): small alternations inside the rules, each shaped by its rule; "
                "not moved yet (move rule by rule, with the timex eval rerun)")
PAGE_FURNITURE = ("page-furniture patterns of the clean stage (related links, share bars, bylines, captions, "
                  "addresses): phrases nested in patterns; not moved yet")
NOT_YET_MOVED = "not moved yet (issue 12): see the inventory in docs/benchmarks.md"

ALLOWED: dict[tuple[str, str], tuple[int, str]] = {
    # CLOSED_CLASS
    ("annotate/entities.py", "entity_mentions()"): (1, CLOSED_CLASS),
    ("compare/claims.py", "NAME_WITH_INITIALS"): (1, CLOSED_CLASS),
    ("events/extract.py", "_mention()"): (1, CLOSED_CLASS),
    ("expectations/extract.py", "_actor_subject()"): (1, CLOSED_CLASS),
    ("expectations/extract.py", "_can_act()"): (1, CLOSED_CLASS),
    ("expectations/extract.py", "_candidates()"): (1, CLOSED_CLASS),
    ("expectations/extract.py", "_is_copula()"): (1, CLOSED_CLASS),
    ("expectations/extract.py", "_not_a_step()"): (1, CLOSED_CLASS),
    ("expectations/followup.py", "_passive_in()"): (1, CLOSED_CLASS),
    # ENDINGS
    ("annotate/entities.py", "_demonym()"): (1, ENDINGS),
    ("compare/subjects.py", "participle()"): (2, ENDINGS),
    ("compare/subjects.py", "plural()"): (1, ENDINGS),
    # MODEL_VALUES
    ("annotate/timex_calendar.py", "ORDER"): (1, MODEL_VALUES),
    ("annotate/timex_calendar.py", "PRECISION"): (1, MODEL_VALUES),
    ("annotate/timex_resolve.py", "_MONTHS"): (1, MODEL_VALUES),
    ("events/merge.py", "_RANK"): (1, MODEL_VALUES),
    ("expectations/followup.py", "BOUND_SLACK_DAYS"): (1, MODEL_VALUES),
    ("report/html.py", "HOW_PUBLISHED"): (1, MODEL_VALUES),
    ("report/html.py", "PERIODS"): (1, MODEL_VALUES),
    ("report/html.py", "PRECISION_HINT"): (1, MODEL_VALUES),
    ("report/html.py", "_PERIOD_CHARS"): (1, MODEL_VALUES),
    ("stories/changes.py", "PRECISION_RANK"): (1, MODEL_VALUES),
    ("timeline/infer.py", "infer_one()"): (1, MODEL_VALUES),
    # NOT_YET_MOVED
    ("clean/dates.py", "_MON"): (1, NOT_YET_MOVED),
    ("clean/outlet.py", "outlet_from_domain()"): (1, NOT_YET_MOVED),
    ("clean/pagekind.py", "title_reason()"): (1, NOT_YET_MOVED),
    ("clean/published.py", "_WEEKDAY"): (2, NOT_YET_MOVED),
    ("compare/attribution.py", "antecedent()"): (1, NOT_YET_MOVED),
    ("compare/claims.py", "_conversion()"): (2, NOT_YET_MOVED),
    ("compare/measured.py", "_top_of_figure()"): (1, NOT_YET_MOVED),
    ("compare/measured.py", "rate_of()"): (2, NOT_YET_MOVED),
    ("compare/measured.py", "unit_of()"): (1, NOT_YET_MOVED),
    ("compare/nonclaims.py", "CLOCK"): (1, NOT_YET_MOVED),
    ("compare/nonclaims.py", "is_code()"): (1, NOT_YET_MOVED),
    ("expectations/extract.py", "_build()"): (1, NOT_YET_MOVED),
    # PAGE_FURNITURE
    ("clean/furniture.py", "_CORRECTION"): (1, PAGE_FURNITURE),
    ("clean/furniture.py", "_SIDEBAR_HEAD"): (2, PAGE_FURNITURE),
    ("clean/furniture.py", "_TRAILING_CREDIT"): (1, PAGE_FURNITURE),
    ("clean/text.py", "_ADDRESS_LABEL"): (2, PAGE_FURNITURE),
    ("clean/text.py", "_AGENCY_LINE"): (1, PAGE_FURNITURE),
    ("clean/text.py", "_CAPTION_MEDIUM"): (3, PAGE_FURNITURE),
    ("clean/text.py", "_CAPTION_STRONG"): (3, PAGE_FURNITURE),
    ("clean/text.py", "_CITY_ZIP"): (1, PAGE_FURNITURE),
    ("clean/text.py", "_CONTRIBUTED"): (3, PAGE_FURNITURE),
    ("clean/text.py", "_DATA_ROW"): (1, PAGE_FURNITURE),
    ("clean/text.py", "_STAMP"): (3, PAGE_FURNITURE),
    ("clean/text.py", "_STREET"): (2, PAGE_FURNITURE),
    ("clean/text.py", "_WE_YOU"): (1, PAGE_FURNITURE),
    ("clean/text.py", "_address_line()"): (1, PAGE_FURNITURE),
    ("clean/text.py", "_caption_score()"): (1, PAGE_FURNITURE),
    # TIME_GRAMMAR
    ("annotate/timex.py", "_extend_left()"): (1, TIME_GRAMMAR),
    ("annotate/timex_lexicon.py", "duration_value()"): (1, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "TRIGGERS"): (1, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_DECADE_WORDS"): (1, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_QORD"): (1, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_REL_UNIT"): (1, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_SEASON"): (1, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_SPELLED_TAIL"): (4, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_TOD"): (1, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_TOD_CODE"): (1, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_WDIR"): (1, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_ago()"): (1, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_bare_units()"): (2, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_dayword()"): (1, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_decade()"): (1, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_duration()"): (8, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_duration_adj()"): (2, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_duration_long()"): (1, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_finq()"): (1, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_half()"): (2, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_in_the_unit()"): (1, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_latest_period()"): (1, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_month()"): (1, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_overnight()"): (1, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_part_of_the_unit()"): (1, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_quarter()"): (2, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_rel_unit()"): (5, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_sameperiod()"): (2, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_season()"): (3, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_spelled_year()"): (1, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_the_unit()"): (2, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_unit_end()"): (1, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_weekday()"): (2, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_weekday_set()"): (1, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_year()"): (1, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_year_period()"): (1, TIME_GRAMMAR),
    ("annotate/timex_rules.py", "_yearago()"): (1, TIME_GRAMMAR),
    ("annotate/timex_rules_more.py", "_AMPM"): (1, TIME_GRAMMAR),
    ("annotate/timex_rules_more.py", "_REFS"): (9, TIME_GRAMMAR),
    ("annotate/timex_rules_more.py", "_clock24()"): (1, TIME_GRAMMAR),
    ("annotate/timex_rules_more.py", "_every()"): (1, TIME_GRAMMAR),
    ("annotate/timex_rules_more.py", "_freq_adv()"): (2, TIME_GRAMMAR),
    ("annotate/timex_rules_more.py", "_holiday()"): (2, TIME_GRAMMAR),
    ("annotate/timex_rules_more.py", "_named_time()"): (3, TIME_GRAMMAR),
    ("annotate/timex_rules_more.py", "_times_per()"): (1, TIME_GRAMMAR),
    ("annotate/timex_tense.py", "_CLAUSE_BREAK"): (1, TIME_GRAMMAR),
    ("annotate/timex_tense.py", "_IMMEDIATE_PAST"): (1, TIME_GRAMMAR),
    ("annotate/timex_tense.py", "_classify_future()"): (1, TIME_GRAMMAR),
    ("annotate/timex_tense.py", "_classify_past()"): (1, TIME_GRAMMAR),
    ("annotate/timex_tense.py", "_from_doc()"): (1, TIME_GRAMMAR),
}


def test_no_new_word_lists_in_code():
    found: dict[tuple[str, str], list[int]] = {}
    for rel, name, line, _size, _first in inline_lists():
        found.setdefault((rel, name), []).append(line)
    problems = []
    for key, lines in sorted(found.items()):
        allowed = ALLOWED.get(key, (0, ""))[0]
        if len(lines) > allowed:
            problems.append(f"{key[0]}:{lines[0]} {key[1]}: {len(lines)} word list(s) written in code ({allowed} allowed): "
                            "move it to storyline/words/<name>.txt and read it with storyline.words, or add it to "
                            "ALLOWED with the reason it must stay")
    for key, (count, _reason) in sorted(ALLOWED.items()):
        if len(found.get(key, [])) < count:
            problems.append(f"{key[0]} {key[1]}: {count} allowed, {len(found.get(key, []))} found: lower ALLOWED")
    assert problems == []


def test_inline_lists_are_found(tmp_path):
    fake = tmp_path / "storyline" / "compare"
    fake.mkdir(parents=True)
    (fake / "rules.py").write_text(
        "import re\n"
        "UNITS = {'barrels', 'gallons', 'litres', 'tonnes', 'metres'}\n"
        "DEPS = ('nsubj', 'dobj', 'pobj', 'prep', 'amod')\n"
        "TOLD = re.compile(r'\\b(?:said|says|told|tells|according\\s+to)\\b')\n"
        "def f(t):\n"
        "    return t in 'one two three four five'.split()\n")
    found = {(name, size) for _rel, name, _line, size, _first in inline_lists(tmp_path / "storyline")}
    assert found == {("UNITS", 5), ("TOLD", 5), ("f()", 5)}  # spaCy's labels are code, not words


if __name__ == "__main__":
    # The inventory, one list a line: python tests/test_words.py
    for rel, name, line, size, first in inline_lists():
        print(f"{rel}:{line} {name} ({size}): {' '.join(first)} ...")
