"""Claims on a Timeline17 story: extraction and comparison over all its outlets' articles.

Timeline17 (``../shared/eval/t17-dev``) keeps each story as ``<story>_<outlet>/InputDocs/
<YYYY-MM-DD>/<n>.htm.txt``: tokenised text, one sentence a line, the folder the publication
date. This reads one story's folders, undoes the tokenisation (so the parser sees ordinary
text and quotes read naturally), runs the per-article stage and compares the claims, and
writes the subjects whose figures change or on which outlets disagree.

    python -m storyline.compare.bench ../shared/eval/t17-dev bpoil --out claims-bpoil.json
"""

from __future__ import annotations

import argparse
import json
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
    """Articles, claims and comparison of one Timeline17 story."""
    from storyline.compare.claims import compare_claims
    from storyline.compare.wire import find_wire_groups, independence_keys
    from storyline.pipeline import process_raw

    raws = read_story(data, story)[:limit]
    articles: list[Article] = []
    claims = []
    rejected = 0
    start = time.time()
    for n, (raw, date) in enumerate(raws, 1):
        res = process_raw(raw, date)
        if isinstance(res, tuple):
            article, analysis = res
            article.published = Published(date=date, earliest=date, latest=date, how="folder")
            articles.append(article)
            claims.extend(analysis.claims)
        else:
            rejected += 1
        if progress and n % 100 == 0:
            print(f"{n}/{len(raws)} articles, {len(claims)} claims, {rejected} rejected, {time.time() - start:.0f} s",
                  file=sys.stderr)
    by_id = {a.id: a for a in articles}
    groups = find_wire_groups(articles)
    keys = independence_keys(articles, groups)
    comparison = compare_claims(claims, by_id, keys)
    return articles, claims, comparison, groups


def excerpt(result: dict, subjects: int = 6, rows: int = 14) -> str:
    """Markdown: the subjects whose figures evolve or conflict, with their values over time."""
    claims = {c["id"]: c for c in result["claims"]}
    lines = []
    picked = [k for k in result["comparison"] if k["status"] in ("evolving", "conflict")][:subjects]
    for k in picked:
        lines += [f"### {k['subject']} — {k['status']}, {k['independent_sources']} independent sources, "
                  f"{len(k['claims'])} claims", "", "| date | value (claims) | outlets | attributed to |", "|---|---|---|---|"]
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
        if len(steps) > rows:
            lines.append(f"| ... | {len(steps) - rows} more changes | | |")
        if k["conflicts"]:
            lines += ["", "Same-time disagreements:", ""]
            for c in k["conflicts"][:4]:
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
    args = p.parse_args(argv)
    articles, claims, comparison, groups = analyse_story(args.data, args.story, args.limit)
    args.out.write_text(json.dumps({
        "articles": len(articles),
        "outlets": sorted({a.outlet for a in articles if a.outlet}),
        "claims": asdict(claims),
        "comparison": asdict(comparison),
        "wire": asdict(groups),
    }, ensure_ascii=False), "utf-8")
    counts = {}
    for k in comparison:
        counts[k.status] = counts.get(k.status, 0) + 1
    print(f"{len(articles)} articles, {len(claims)} claims, {len(comparison)} subjects {counts}, "
          f"{len(groups)} wire groups")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
