"""Claims on a Timeline17 story: extraction and comparison over all its outlets' articles.

Timeline17 (``../shared/eval/t17-dev``) keeps each story as ``<story>_<outlet>/InputDocs/
<YYYY-MM-DD>/<n>.htm.txt``: tokenised text, one sentence a line, the folder the publication
date. This reads one story's folders, undoes the tokenisation (so the parser sees ordinary
text and quotes read naturally), runs the per-article stage and compares the claims, and
writes the subjects whose figures change or on which outlets disagree.

    python -m storyline.compare.bench ../shared/eval/t17-dev bpoil --out claims-bpoil.json \
        --sample 30 --seed 7 --sheet sample.md --excerpt excerpt.md --subject "oil leaked (barrels per day)"

``--sample N --seed S --sheet FILE`` writes N claims drawn at random (``random.seed(S)``,
``random.sample``) with their evidence, to be read by hand; ``--excerpt FILE`` the values
over time of the named subjects (or of the largest evolving and conflicting ones).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

from storyline.model import Article, Published, RawArticle, asdict

OUTLETS = {"bbc": "BBC", "foxnews": "Fox News", "guardian": "The Guardian", "reuters": "Reuters",
           "washingtonpost": "The Washington Post", "cnn": "CNN", "nytimes": "The New York Times"}


def detokenise(text: str) -> str:
    """Undo Penn-Treebank style tokenisation: brackets, quotes, spaced punctuation and figures."""
    t = text.replace("-LRB-", "(").replace("-RRB-", ")").replace("-LSB-", "[").replace("-RSB-", "]")
    t = t.replace("``", '"').replace("''", '"')
    t = re.sub(r"(\d) ,(\d{3})\b", r"\1,\2", t)
    t = re.sub(r" ([,.;:!?%)\]])", r"\1", t)
    t = re.sub(r"([(\[$£€]) ", r"\1", t)
    t = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", t)
    t = re.sub(r"` ([^`'\n]*?) '", r"'\1'", t)
    t = re.sub(r'" ([^"\n]*?) "', r'"\1"', t)
    return t


def read_story(data: Path, story: str) -> list[tuple[RawArticle, str]]:
    """Raw articles of one story, each with its folder's publication date."""
    out = []
    for folder in sorted(data.glob(f"{story}_*")):
        outlet_key = folder.name.split("_", 1)[1]
        outlet = OUTLETS.get(outlet_key, outlet_key)
        for f in sorted((folder / "InputDocs").glob("*/*.txt")):
            date = f.parent.name
            text = detokenise(f.read_text("utf-8", errors="replace"))
            aid = f"{folder.name}/{date}/{f.stem}"
            out.append((RawArticle(id=aid, source=str(f), format="text", text=text, outlet=outlet,
                                   published=date), date))
    return out


def analyse_story(data: Path, story: str, limit: int | None = None, progress: bool = True):
    """Articles, claims and comparison of one Timeline17 story.

    Only the stages claims need run (cleaning, sentences, time expressions, the parse, the
    claim extractor), on the same masked text ``annotate.analyse_article`` parses, so the
    claims are the pipeline's; parses are cached on disk by the timeline evaluation's cache
    (``$STORYLINE_EVAL_CACHE``), so a second run costs only the claim stage.
    """
    from storyline.annotate import anchor_of
    from storyline.clean import clean
    from storyline.compare.claims import compare_claims, extract_claims
    from storyline.compare.wire import find_wire_groups, independence_keys
    from storyline.eval.timeline import _parse_cached, _parse_input, parse_all
    from storyline.model import ArticleAnalysis
    from storyline.pipeline import MIN_BODY_WORDS

    raws = read_story(data, story)[:limit]
    prepared = []
    rejected = 0
    for raw, date in raws:
        try:
            article = clean(raw)
        except Exception:  # noqa: BLE001 - one bad file must not stop the bench, as in the pipeline
            rejected += 1
            continue
        if len(article.body.split()) < MIN_BODY_WORDS:
            rejected += 1
            continue
        article.published = Published(date=date, earliest=date, latest=date, how="folder")
        prepared.append((article, _parse_input(article)))
    start = time.time()
    if progress:
        print(f"{len(prepared)} articles cleaned, {rejected} rejected; parsing the ones not cached", file=sys.stderr)
    parse_all([p[2] for _, p in prepared])
    if progress:
        print(f"parsed in {time.time() - start:.0f} s", file=sys.stderr)
    articles: list[Article] = []
    claims = []
    for article, (sentences, timexes, text) in prepared:
        anchor = anchor_of(article)
        analysis = ArticleAnalysis(article=article.id, sentences=sentences, timexes=timexes,
                                   anchor=anchor.isoformat() if anchor else None)
        articles.append(article)
        claims.extend(extract_claims(article, _parse_cached(text), analysis))
    by_id = {a.id: a for a in articles}
    groups = find_wire_groups(articles)
    keys = independence_keys(articles, groups)
    comparison = compare_claims(claims, by_id, keys)
    if progress:
        print(f"claims and comparison in {time.time() - start:.0f} s", file=sys.stderr)
    return articles, claims, comparison, groups


def reading_sheet(claims: list[dict], n: int, seed: int) -> str:
    """Markdown: ``n`` claims drawn with ``random.seed(seed)``, each with what was extracted and
    its evidence sentence, with empty columns for a reader's verdicts."""
    random.seed(seed)
    picked = random.sample(claims, min(n, len(claims)))
    lines = [f"{len(picked)} of {len(claims)} claims, random.seed({seed}), random.sample", "",
             "| # | subject | value | unit | attributed to | hedges | status | evidence | claim? | subject? | "
             "value? | attribution? |", "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for k, c in enumerate(picked, 1):
        quote = " ".join(c["evidence"][0]["quote"].split())[:300].replace("|", "/")
        value = f"{c.get('qualifier') or ''} {c['value']}".strip()
        lines.append(f"| {k} | {c['subject']} | {value} | {c['unit'] or ''} | {c['attributed_to'] or ''} | "
                     f"{', '.join(c['hedges'])} | {c['status']} | {quote} | | | | |")
    return "\n".join(lines) + "\n"


def weekly(k: dict, claims: dict[str, dict]) -> list[str]:
    """Markdown rows, one per week: the value most claims gave as current that week (whatever
    its qualifier: "some 5,000" and "an estimated 5,000" count as 5,000), its outlets, and the
    other values given (with their claim counts)."""
    import datetime as dt
    from collections import Counter, defaultdict

    from storyline.compare.comparison import NOT_CURRENT
    from storyline.compare.numbers import render

    weeks: dict[str, Counter] = defaultdict(Counter)
    who: dict[tuple[str, str], set] = defaultdict(set)
    for r in k["values"]:
        if not r["date"]:
            continue
        day = dt.date.fromisoformat(r["date"][:10])
        week = (day - dt.timedelta(days=day.weekday())).isoformat()
        current = [i for i in r["claims"] if i in claims and not set(claims[i]["hedges"]) & NOT_CURRENT]
        if current:
            value = render(r["value"]) + (f" {r['unit']}" if r["unit"] else "")
            weeks[week][value] += len(current)
            who[(week, value)] |= set(r["outlets"])
    lines = ["| week of | most reported (claims) | outlets | other values (claims) |", "|---|---|---|---|"]
    for week in sorted(weeks):
        (top, n), *rest = weeks[week].most_common()
        others = ", ".join(f"{v} ({m})" for v, m in rest[:4]) + (" ..." if len(rest) > 4 else "")
        lines.append(f"| {week} | {top} ({n}) | {', '.join(sorted(who[(week, top)]))} | {others} |")
    return lines


def excerpt(result: dict, subjects: int = 6, rows: int = 14, names: list[str] | None = None,
            by_week: bool = False) -> str:
    """Markdown: the subjects whose figures evolve or conflict (or those ``names``), with their
    values over time and their same-time disagreements (one per pair of values and day)."""
    claims = {c["id"]: c for c in result["claims"]}
    lines = []
    if names:
        by_name = {k["subject"]: k for k in result["comparison"]}
        picked = [by_name[n] for n in names if n in by_name]
    else:
        picked = [k for k in result["comparison"] if k["status"] in ("evolving", "conflict")][:subjects]
    for k in picked:
        lines += [f"### {k['subject']} — {k['status']}, {k['independent_sources']} independent sources, "
                  f"{len(k['claims'])} claims", ""]
        if by_week:
            lines += weekly(k, claims) + [""]
        if rows:
            lines += ["| date | value (claims) | outlets | attributed to |", "|---|---|---|---|"]
        steps: list[dict] = []
        for r in k["values"]:  # one row per change of value, with the dates it held
            if steps and steps[-1]["shown"] == r["shown"]:
                st = steps[-1]
                st["last"] = r["date"]
                st["n"] += len(r["claims"])
                st["outlets"] |= set(r["outlets"])
                st["by"] += [a for a in r["attributed_to"] if a not in st["by"]]
            else:
                steps.append({"shown": r["shown"], "first": r["date"], "last": r["date"], "n": len(r["claims"]),
                              "outlets": set(r["outlets"]), "by": list(r["attributed_to"])})
        for st in steps[:rows]:
            when = st["first"] if st["first"] == st["last"] else f"{st['first']} to {st['last']}"
            lines.append(f"| {when} | {st['shown']} ({st['n']}) | {', '.join(sorted(st['outlets']))} | "
                         f"{'; '.join(a[:50] for a in st['by'][:3])} |")
        if rows and len(steps) > rows:
            lines.append(f"| ... | {len(steps) - rows} more changes | | |")
        if k["conflicts"]:
            lines += ["", "Same-time disagreements:", ""]
            seen = set()
            shown = []
            for c in k["conflicts"]:
                key = (c["date"], tuple(sorted(c["values"])))
                if key not in seen:
                    seen.add(key)
                    shown.append(c)
            for c in shown[:6]:
                quotes = [claims[i]["evidence"][0]["quote"][:160] for i in c["claims"] if i in claims]
                lines.append(f"- {c['date']}: {c['outlets'][0]} {c['values'][0]} vs {c['outlets'][1]} "
                             f"{c['values'][1]} — “{quotes[0]}” / “{quotes[1] if len(quotes) > 1 else ''}”")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("data", type=Path)
    p.add_argument("story")
    p.add_argument("--limit", type=int)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--sample", type=int, default=30, help="claims to draw for the reading sheet")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--sheet", type=Path, help="write the reading sheet (Markdown) here")
    p.add_argument("--excerpt", type=Path, help="write the excerpt (Markdown) here")
    p.add_argument("--subject", action="append", help="a subject for the excerpt (repeatable)")
    p.add_argument("--rows", type=int, default=40, help="value changes shown per subject in the excerpt")
    p.add_argument("--by-week", action="store_true", help="open each excerpt subject with a week-by-week table")
    args = p.parse_args(argv)
    articles, claims, comparison, groups = analyse_story(args.data, args.story, args.limit)
    result = {
        "articles": len(articles),
        "outlets": sorted({a.outlet for a in articles if a.outlet}),
        "claims": asdict(claims),
        "comparison": asdict(comparison),
        "wire": asdict(groups),
    }
    args.out.write_text(json.dumps(result, ensure_ascii=False), "utf-8")
    if args.sheet:
        args.sheet.write_text(reading_sheet(result["claims"], args.sample, args.seed), "utf-8")
    if args.excerpt:
        args.excerpt.write_text(excerpt(result, rows=args.rows, names=args.subject, by_week=args.by_week), "utf-8")
    counts = {}
    for k in comparison:
        counts[k.status] = counts.get(k.status, 0) + 1
    print(f"{len(articles)} articles, {len(claims)} claims, {len(comparison)} subjects {counts}, "
          f"{len(groups)} wire groups")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
