"""Editorial precision on hand-annotated whole stories ("story gold", ``shared/eval/story-gold``).

Layout: ``DIR/<story>/articles/*.json`` (news-please records) and ``DIR/<story>/gold.json``
(the annotation; its format is in the data set's README), or ``DIR`` itself one story.
Each story's articles are run alone through :func:`storyline.api.run` into a temporary
folder, and the ``report.json`` written there is judged, so what is judged is exactly what
``storyline run STORY/articles`` gives a user.

The judging rules are those of the data set's own scorer (``score.py``), reimplemented
here so that the project does not depend on a script outside the package; the two agree
metric for metric on the dev stories (``tests/test_eval_storygold.py``).

*Tie.* A predicted item is tied to a gold item when one of its evidence quotes and the
gold quote come from the same article and share at least 60% of the content words of the
shorter (:func:`overlap`).

*Timeline lines* (every line of every story): the gold event tied with the best (date
fits, overlap) wins, earlier gold events winning ties; a second line for an event already
taken is a duplicate, whatever its date; a first line whose date or window and the gold
window are not one inside the other is a wrong date (its event still counts as found for
``key_event_recall``); a line tied to no event is a non-event when it is tied to a gold
background sentence, else unmatched.

*Claims*: among the gold claims tied to a predicted claim, the first whose value fits (a
number of the predicted value within 2% of the gold figure; an assertion always fits) is
its gold claim, and that gold claim counts as found for ``figure_recall`` even when the
attribution or the date is then judged wrong (score.py counts it so; its README says "a
right claim"). Then the attribution must share a content word with the gold one (or both be
empty), and the date must be no later than the article's true date and not a made-up day.

*What happens next*: the gold expectation with the highest overlap (first on ties), once;
the status must start like the gold one. ``next_recall`` counts every expectation found,
whatever its status.

*Article dates*: the true day, or, when the texts give no day, no date and a window that
meets the real date.

*Claim groups* (``claim_group_accuracy``, not in score.py): see :func:`judge_groups`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from storyline.errors import EvalDataError
from storyline import words as wordlists

TIE = 0.6  # share of the shorter quote's content words that ties two quotes
VALUE_TIE = 0.5  # the same share between a gold value in words and the predicted value
FIGURE_TOLERANCE = 0.02  # relative difference under which two figures are one value
SHOWN_PROBLEMS = 25  # problem lines printed per story (all of them are in --json)

# Words that carry no content for the tie (score.py's list: the rules must be the same).
FUNCTION_WORDS = wordlists.words("scorer_function_words")

_TYPOGRAPHY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
_WORD = re.compile(r"[a-z0-9]+")
_MAGNITUDES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_FIGURE = re.compile(r"(\d+(?:\.\d+)?)\s*(thousand|million|billion|trillion)?")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_ISO_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_QUARTER = re.compile(r"(\d{4})-Q(\d)")


# --- text -------------------------------------------------------------------------------------

def normalise(text: str | None) -> str:
    """Lower case, NFKC, curly quotes and dashes made plain, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text or "").translate(_TYPOGRAPHY)
    return " ".join(text.split()).lower()


def content_words(text: str | None) -> set[str]:
    return {w for w in _WORD.findall(normalise(text)) if w not in FUNCTION_WORDS}


def overlap(a: str | None, b: str | None) -> float:
    """Shared content words over the content words of the shorter text (0 if either has none)."""
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def figures(text: str) -> list[float]:
    """Every number in ``text``, scaled by a magnitude word right after it ("1.5 million")."""
    flat = normalise(text).replace(",", "")
    return [float(n) * _MAGNITUDES.get(mag, 1) for n, mag in _FIGURE.findall(flat)]


def _best_tie(quotes: list[tuple[str | None, str]], article: str, quote: str) -> float:
    """The best overlap between ``quote`` (from ``article``) and the quotes of that article."""
    return max((overlap(q, quote) for a, q in quotes if a == article), default=0.0)


def _quotes(item: dict, text_key: str = "text") -> list[tuple[str | None, str]]:
    """(article, quote) of each evidence span; an item with none offers its own text."""
    quotes = [(e.get("article"), e.get("quote") or "") for e in item.get("evidence", [])]
    return quotes or [(item.get("article"), item.get(text_key) or "")]


# --- dates ------------------------------------------------------------------------------------

Span = tuple[dt.date, dt.date]


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def date_span(date: Any = None, precision: str | None = None, earliest: str | None = None,
              latest: str | None = None) -> Span | None:
    """The days a date covers: a day (a week when its precision says so), a month, a year,
    an ISO week or a quarter; with no date, the window [earliest, latest], open at a missing
    end. None when nothing is known."""
    if date:
        text = str(date)
        if _DAY.fullmatch(text):
            first = _day(text)
            if first is None:
                return None
            return (first, first + dt.timedelta(days=6)) if precision == "week" else (first, first)
        if m := _MONTH.fullmatch(text):
            year, month = int(m[1]), int(m[2])
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        if re.fullmatch(r"\d{4}", text):
            return dt.date(int(text), 1, 1), dt.date(int(text), 12, 31)
        if m := _ISO_WEEK.fullmatch(text):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + dt.timedelta(days=6)
        if m := _QUARTER.fullmatch(text):
            year, first_month = int(m[1]), 3 * int(m[2]) - 2
            last_month = first_month + 2
            return (dt.date(year, first_month, 1),
                    dt.date(year, last_month, calendar.monthrange(year, last_month)[1]))
    lo = _day(earliest) if earliest else None
    hi = _day(latest) if latest else None
    if lo is None and hi is None:
        return None
    return lo or dt.date.min, hi or dt.date.max


def nested(a: Span | None, b: Span | None) -> bool:
    """One span lies inside the other (a month holds a day of it; a wrong day is not nested)."""
    if a is None or b is None:
        return False
    return (b[0] <= a[0] and a[1] <= b[1]) or (a[0] <= b[0] and b[1] <= a[1])


def _meets(a: Span, b: Span) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _window_label(item: dict) -> str:
    return item.get("date") or f"[{item.get('earliest')}..{item.get('latest')}]"


# --- judging one story ------------------------------------------------------------------------

def judge_articles(gold: dict, report: dict, problems: list[str]) -> dict[str, int]:
    """Article dates: right when the report gives the true day, or, for an article whose texts
    give no day, no date and a window that meets the real date."""
    found = {a["id"]: a for a in report.get("articles", [])}
    right = judged = 0
    for aid, truth in gold["articles"].items():
        if aid not in found:
            continue  # rejected by the run: judged by the other measures, not here
        judged += 1
        published = found[aid].get("published") or {}
        day = truth.get("published")
        real = truth.get("real") or day
        if published.get("date"):
            real_day = real if real and len(str(real)) == 10 and _DAY.fullmatch(str(real)) else None
            want = day or real_day
            ok = bool(want) and published["date"][:10] == want[:10]
        else:
            window = date_span(None, None, published.get("earliest"), published.get("latest"))
            real_span = date_span(real) if real else None
            ok = not day and window is not None and real_span is not None and _meets(window, real_span)
        right += ok
        if not ok:
            expected = day or f"window, real {real}"
            problems.append(f"article {aid[:12]}: published {published.get('date')} "
                            f"[{published.get('earliest')}..{published.get('latest')}], gold {expected}")
    return {"right": right, "judged": judged}


def judge_timeline(gold: dict, report: dict, problems: list[str]) -> tuple[dict[str, int], set[str]]:
    """Timeline lines against the gold events; returns the counts and the events found."""
    events = gold["events"]
    background = gold.get("background", [])
    counts = dict.fromkeys(("lines", "right", "duplicate", "non_event", "unmatched", "wrong_date"), 0)
    taken: set[str] = set()
    for line in (ln for story in report.get("stories", []) for ln in story.get("timeline", [])):
        counts["lines"] += 1
        quotes = [(e.get("article"), e.get("quote") or "") for e in line.get("evidence", [])]
        when = date_span(line.get("date"), line.get("precision"), line.get("earliest"), line.get("latest"))
        best, best_key = None, (False, 0.0)
        for event in events:
            tie = max((_best_tie(quotes, ev["article"], ev["quote"]) for ev in event["evidence"]), default=0.0)
            if tie < TIE:
                continue
            key = (nested(when, date_span(None, None, event["earliest"], event["latest"])), tie)
            if key > best_key:
                best, best_key = event, key
        label = f"line {_window_label(line)} '{(line.get('text') or '')[:70]}'"
        if best is None:
            bg = max((_best_tie(quotes, b["article"], b["quote"]) for b in background), default=0.0)
            kind = "non_event" if bg >= TIE else "unmatched"
            counts[kind] += 1
            problems.append(label + (": not an event (gold background)" if bg >= TIE else ": matches no gold event"))
        elif best["id"] in taken:
            counts["duplicate"] += 1
            problems.append(f"{label}: duplicate of {best['id']}")
        else:
            taken.add(best["id"])
            if best_key[0]:
                counts["right"] += 1
            else:
                counts["wrong_date"] += 1
                problems.append(f"{label}: date wrong for {best['id']} "
                                f"(gold {best.get('date')} [{best['earliest']}..{best['latest']}])")
    key_events = [e for e in events if e.get("key")]
    counts["key_events"] = len(key_events)
    counts["key_found"] = sum(e["id"] in taken for e in key_events)
    for e in key_events:
        if e["id"] not in taken:
            problems.append(f"key event missing: {e['id']} {e.get('date')} {e['what'][:70]}")
    return counts, taken


def _value_fits(gold_claim: dict, claim: dict, shown: str) -> bool:
    """A gold figure is met by a predicted number within 2%; with no number, by its words."""
    number = gold_claim.get("number")
    if number is None:
        return True  # an assertion: the tie on its sentence is the match
    predicted = figures(shown)
    if predicted:
        target = float(number)
        return any(abs(x - target) <= FIGURE_TOLERANCE * abs(target) + 1e-9 for x in predicted)
    words = gold_claim.get("value") or ""
    return (content_words(words) <= content_words(shown + " " + (claim.get("text") or ""))
            or overlap(words, shown) >= VALUE_TIE)


def _claim_date_problem(gold: dict, gold_claim: dict, date: Any) -> str | None:
    """Why a claim's date cannot be right, or None: later than its article's true day, or a
    day given for a claim whose article has no known day (unless the quote names a year)."""
    truth = gold["articles"].get(gold_claim["article"]) or {}
    real = str(truth.get("real") or "")
    article_day = truth.get("published") or (truth.get("real") if len(real) == 10 else None)
    said = str(date or "")[:10]
    if said and article_day and said > article_day[:10]:  # ISO strings: a month sorts before its days
        return f"dated {said}, after its article ({article_day})"
    if (len(said) == 10 and not truth.get("published") and not _YEAR.search(gold_claim.get("quote") or "")
            and said != real[:10]):
        return f"dated {said} to the day, but its article has no known date"
    return None


def tie_claims(gold: dict, report: dict) -> dict[str, dict]:
    """Predicted claim id -> the gold claim it is tied to with a fitting value (the pairing
    both ``judge_claims`` and ``judge_groups`` use)."""
    gold_claims = gold.get("claims", [])
    ties: dict[str, dict] = {}
    for claim in (c for story in report.get("stories", []) for c in story.get("claims", [])):
        quotes = _quotes(claim)
        shown = f"{claim.get('value')} {claim.get('unit') or ''}"
        for g in gold_claims:
            if _best_tie(quotes, g["article"], g["quote"]) >= TIE and _value_fits(g, claim, shown):
                ties[claim["id"]] = g
                break
    return ties


def judge_claims(gold: dict, report: dict, problems: list[str]) -> dict[str, int]:
    """Claims: value, attribution and date against the tied gold claim."""
    gold_claims = gold.get("claims", [])
    claims = [c for story in report.get("stories", []) for c in story.get("claims", [])]
    counts = dict.fromkeys(("predicted", "right", "wrong_value", "wrong_attribution", "wrong_date", "unmatched"), 0)
    counts["predicted"] = len(claims)
    found: set[str] = set()
    for claim in claims:
        quotes = _quotes(claim)
        label = f"claim '{claim.get('subject')}' = {claim.get('value')} ({claim.get('attributed_to')}, {str(claim.get('article'))[:8]})"
        tied = [g for g in gold_claims if _best_tie(quotes, g["article"], g["quote"]) >= TIE]
        if not tied:
            counts["unmatched"] += 1
            problems.append(label + ": matches no gold claim")
            continue
        shown = f"{claim.get('value')} {claim.get('unit') or ''}"
        g = next((g for g in tied if _value_fits(g, claim, shown)), None)
        if g is None:
            counts["wrong_value"] += 1
            problems.append(f"{label}: value wrong (gold {[t.get('value') for t in tied][:3]})")
            continue
        found.add(g["id"])
        want, said = g.get("attributed_to"), claim.get("attributed_to")
        if (want or said) and not (want and said and content_words(want) & content_words(said)):
            counts["wrong_attribution"] += 1
            problems.append(f"{label}: attribution wrong (gold {want})")
            continue
        why = _claim_date_problem(gold, g, claim.get("date"))
        if why:
            counts["wrong_date"] += 1
            problems.append(f"{label}: {why}")
            continue
        counts["right"] += 1
    gold_figures = [g for g in gold_claims if g.get("number") is not None]
    counts["gold"] = len(gold_claims)
    counts["gold_figures"] = len(gold_figures)
    counts["figures_found"] = sum(g["id"] in found for g in gold_figures)
    return counts


def judge_next(gold: dict, report: dict, problems: list[str]) -> dict[str, int]:
    """What happens next: each expectation tied once to a gold one, with the gold status."""
    expected = gold.get("expectations", [])
    items = [x for story in report.get("stories", []) for x in story.get("expectations", [])]
    counts = {"predicted": len(items), "right": 0, "wrong_status": 0, "unmatched": 0, "gold": len(expected)}
    taken: set[str] = set()
    for item in items:
        quotes = _quotes(item)
        label = f"next '{(item.get('what') or item.get('text') or '')[:60]}' [{item.get('status')}]"
        best, best_tie = None, 0.0
        for g in expected:
            tie = _best_tie(quotes, g["article"], g["quote"])
            if tie >= TIE and tie > best_tie:
                best, best_tie = g, tie
        if best is None or best["id"] in taken:
            counts["unmatched"] += 1
            problems.append(label + (": not an expected step in the gold" if best is None else f": duplicate of {best['id']}"))
            continue
        taken.add(best["id"])
        if not str(item.get("status") or "").lower().startswith(str(best.get("status"))[:6].lower()):
            counts["wrong_status"] += 1
            problems.append(f"{label}: status wrong (gold {best.get('status')})")
            continue
        counts["right"] += 1
    counts["found"] = len(taken)
    return counts


def judge_groups(gold: dict, report: dict, problems: list[str]) -> dict[str, int]:
    """Claim groups: does the report compare a gold group's claims as one subject, rightly?

    Each predicted claim is tied to a gold claim as for ``claim_precision`` (quote and value;
    attribution and date are not this measure's concern). A gold group of two or more claims
    is right when

    1. predicted claims are tied to at least two of its gold claims (one figure alone is not
       a comparison);
    2. every predicted claim tied to the group sits in the same entry of a story's
       ``comparison`` list (one subject; a claim in no entry is a subject of its own);
    3. that entry holds no claim tied to a gold claim outside the group (a subject that
       mixes the dead of two crashes is not the group's subject);
    4. the entry's ``status`` is the group's ``relation`` (agree, conflict or evolving).
    """
    group_of: dict[str, int] = {}
    groups = [g for g in gold.get("claim_groups", []) if len(g.get("claims", [])) >= 2]
    for n, group in enumerate(groups):
        for cid in group["claims"]:
            group_of.setdefault(cid, n)
    ties = tie_claims(gold, report)
    entry_of: dict[str, tuple[int, int]] = {}
    entries: dict[tuple[int, int], dict] = {}
    for si, story in enumerate(report.get("stories", [])):
        for ci, entry in enumerate(story.get("comparison") or []):
            entries[(si, ci)] = entry
            for cid in entry.get("claims", []):
                entry_of.setdefault(cid, (si, ci))
    right = 0
    for n, group in enumerate(groups):
        label = f"claim group '{group.get('subject', '')[:60]}' ({group.get('relation')})"
        tied = [cid for cid, g in ties.items() if group_of.get(g["id"]) == n]
        met = {ties[cid]["id"] for cid in tied}
        if len(met) < 2:
            problems.append(f"{label}: {len(met)} of its {len(group['claims'])} claims found, nothing to compare")
            continue
        homes = {entry_of.get(cid, ("alone", cid)) for cid in tied}
        if len(homes) > 1:
            problems.append(f"{label}: its claims are split over {len(homes)} subjects")
            continue
        entry = entries[homes.pop()]
        strangers = {ties[c]["id"] for c in entry.get("claims", []) if c in ties and ties[c]["id"] not in group["claims"]}
        if strangers:
            problems.append(f"{label}: compared under '{entry.get('subject')}' with other claims "
                            f"({', '.join(sorted(strangers)[:4])})")
            continue
        if entry.get("status") != group.get("relation"):
            problems.append(f"{label}: compared under '{entry.get('subject')}' as {entry.get('status')}")
            continue
        right += 1
    return {"groups": len(groups), "right": right}


def judge(gold: dict, report: dict, name: str) -> dict[str, Any]:
    """Every measure for one story: counts by kind and the problem lines, in score.py's order."""
    problems: list[str] = []
    articles = judge_articles(gold, report, problems)
    timeline, _ = judge_timeline(gold, report, problems)
    claims = judge_claims(gold, report, problems)
    next_steps = judge_next(gold, report, problems)
    groups = judge_groups(gold, report, problems)
    return {"story": name, "article_dates": articles, "timeline": timeline, "claims": claims,
            "next": next_steps, "claim_groups": groups, "problems": problems}


def metrics(results: list[dict[str, Any]]) -> dict[str, Any]:
    """The figures over all stories (counts summed first, as score.py does)."""
    def total(part: str, key: str) -> int:
        return sum(r[part][key] for r in results)

    def ratio(part: str, num: str, den: str) -> float:
        return total(part, num) / max(total(part, den), 1)

    return {
        "timeline_precision": ratio("timeline", "right", "lines"),
        "key_event_recall": ratio("timeline", "key_found", "key_events"),
        "duplicate_lines": total("timeline", "duplicate"),
        "claim_precision": ratio("claims", "right", "predicted"),
        "figure_recall": ratio("claims", "figures_found", "gold_figures"),
        "article_date_accuracy": ratio("article_dates", "right", "judged"),
        "next_precision": ratio("next", "right", "predicted"),
        "next_recall": ratio("next", "found", "gold"),
        "claim_group_accuracy": ratio("claim_groups", "right", "groups"),
    }


# --- data and runs ----------------------------------------------------------------------------

def find_stories(data: Path) -> list[Path]:
    """The story folders of ``data`` (itself when it is one story), each with articles/ and gold.json."""
    data = Path(data)
    if not data.is_dir():
        raise EvalDataError(f"{data}: no such folder (expected the story-gold layout: <story>/articles/, <story>/gold.json)")
    if (data / "gold.json").is_file():
        candidates = [data]
    else:
        candidates = sorted(d for d in data.iterdir() if (d / "gold.json").is_file())
    if not candidates:
        raise EvalDataError(f"{data}: no story found (expected <story>/articles/*.json and <story>/gold.json, "
                            "or one story folder holding them)")
    for story in candidates:
        if not (story / "articles").is_dir():
            raise EvalDataError(f"{story}: has gold.json but no articles/ folder")
    return candidates


def load_gold(story: Path) -> dict:
    path = Path(story) / "gold.json"
    try:
        gold = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvalDataError(f"{path}: not readable as JSON ({exc})") from exc
    if not isinstance(gold, dict) or not isinstance(gold.get("articles"), dict) or not isinstance(gold.get("events"), list):
        raise EvalDataError(f"{path}: not a story gold (needs an 'articles' object and an 'events' list)")
    return gold


def run_report(story: Path) -> dict:
    """``storyline run STORY/articles`` into a temporary folder; returns its report.json."""
    from storyline.api import run

    with tempfile.TemporaryDirectory(prefix="storygold-") as tmp:
        run([str(Path(story) / "articles")], out=tmp, quiet=True)
        path = Path(tmp) / "report.json"
        if not path.is_file():
            raise EvalDataError(f"{story}: storyline run wrote no report.json (no article could be read)")
        return json.loads(path.read_text("utf-8"))


def evaluate(data: Path, limit: int | None = None) -> dict[str, Any]:
    """Run Storyline on each story of ``data`` alone and judge its report against the gold.

    Returns ``{"dataset", "n", "metrics": {...}, "items": [one per story: counts and
    "problems"]}``; ``n`` is the number of stories.
    """
    data = Path(data)
    stories = find_stories(data)[:limit or None]
    results = [judge(load_gold(s), run_report(s), s.name) for s in stories]
    return {"dataset": f"{data.name} (story gold)", "n": len(results), "metrics": metrics(results),
            "items": [{"id": r.pop("story"), **r} for r in results]}


def render(result: dict[str, Any]) -> str:
    """The text report: one block per story with its first problem lines, then one line of figures."""
    out = []
    for item in result["items"]:
        t, c, a, x, g = item["timeline"], item["claims"], item["article_dates"], item["next"], item["claim_groups"]
        out.append(
            f"== {item['id']}: timeline {t['right']}/{t['lines']} right (duplicate {t['duplicate']}, "
            f"non-event {t['non_event']}, unmatched {t['unmatched']}, wrong date {t['wrong_date']}), "
            f"key events {t['key_found']}/{t['key_events']}; claims {c['right']}/{c['predicted']} right, "
            f"figures {c['figures_found']}/{c['gold_figures']}, groups {g['right']}/{g['groups']}; "
            f"article dates {a['right']}/{a['judged']}; next {x['right']}/{x['predicted']} right, found {x['found']}/{x['gold']}")
        problems = item["problems"]
        out.extend("    " + p for p in problems[:SHOWN_PROBLEMS])
        if len(problems) > SHOWN_PROBLEMS:
            out.append(f"    ... {len(problems) - SHOWN_PROBLEMS} more problems (--json lists them all)")
    m = result["metrics"]
    out.append("storygold: " + ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in m.items()))
    return "\n".join(out)
