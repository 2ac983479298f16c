"""How general is story grouping beyond the dev events it was tuned on? (issue 15, third session)

    .venv/bin/python benchmarks/grouping_heldout.py [--data ../shared/eval/newsclusters-dev]
        [--cache /tmp/storyline-heldout] [--splits 20] [--family headline|signals|neighbours]
        [--skip-table] [--dev-only] [--skip-split] [--skip-pairs] [--decisions]

Three measurements, on articles read, cleaned and NER-tagged once (as ``storyline eval
stories`` does; cached), every row grouping the same articles (``--family signals`` compares
the other signals, entity and title weights and the bar's ratio and cap, instead of the
headline check's settings; ``--family neighbours`` where the check runs, under entity and
title settings next to the defaults):

1. **Settings table**: each setting on the news clusters, the mixed dev crawl,
   all of t17-dev, and the *T17 stand-in* (t17-dev with each article's cleaned first sentence as
   its headline, since T17 has none: the only long stories told with a headline on every
   report), batch and online.
2. **Split-half selection**: the news-cluster events are split at random into two halves
   (``--splits`` times, seeds 0..n-1); the setting with the best mean B3 F1 on half A (its
   news clusters, and the mixed crawl with only A's clusters) is chosen as a tuner would, and
   scored on half B. If a setting only pays on the events it was chosen on, the chosen
   setting does no better on B than leaving the check off.
3. **Pairs near the bar**: every pair of news-cluster articles whose similarity (time-damped)
   lies between the lone-article bar and twice it, same event or not, with how many share two
   headline words. The single pass makes a few of these joins; the pairs show what a rule
   would do on all the look-alike pairs the data holds, not only the ones the pass happened
   to meet.
4. With ``--decisions``: the joins and merges the single pass and the merge pass make within
   1.5 x the bar with the check off, right or wrong, at the cap or below it, and whether the
   check would veto them: where the check catches mistakes and where it only costs.

Results go in docs/eval-stories.md.
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import random
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from grouping_signals import prepared  # noqa: E402

from storyline.eval import stories as ev  # noqa: E402
from storyline.stories import group as g  # noqa: E402

# Settings of the headline check, least intrusive first (a tie in split-half selection goes to
# the earlier one).
SETTINGS = {
    "check off": {"headline_words": 0},
    "check where one side is tight, within 1.5 x (default)": {},
    "check where the bar is the cap, within 1.5 x": {"headline_scope": "cap"},
    "check everywhere within 1.5 x (second session)": {"headline_scope": "everywhere"},
    "one side tight, within 1.25 x": {"headline_margin": 1.25},
    "one side tight, within 2 x": {"headline_margin": 2.0},
    "one side tight, within 3 x": {"headline_margin": 3.0},
    "one side tight, 1 word in common": {"headline_words": 1},
    "one side tight, 3 words in common": {"headline_words": 3},
}

# The other signals, around the defaults (the default first: a tie goes to it).
SIGNALS = {
    "defaults (entities x2, title x2, ratio 0.5)": {},
    "no entities": {"entity_weight": 0.0},
    "entities x1": {"entity_weight": 1.0},
    "entities x3": {"entity_weight": 3.0},
    "title x1": {"title_weight": 1.0},
    "title x3": {"title_weight": 3.0},
    "ratio 0.4": {"ratio": 0.4},
    "ratio 0.6": {"ratio": 0.6},
    "threshold (cap) 0.2": {"threshold": 0.2},
}
# Where the check runs, under settings next to the defaults: does a mix come back?
NEIGHBOURS = {f"{scope}, {label}": {"headline_scope": scope, **kw}
              for label, kw in (("entities x3", {"entity_weight": 3.0}), ("title x1", {"title_weight": 1.0}),
                                ("entities of the lead only", {"entity_lead_only": True}))
              for scope in ("tight", "cap", "everywhere")}
FAMILIES = {"headline": SETTINGS, "signals": SIGNALS, "neighbours": NEIGHBOURS}

# --------------------------------------------------------------------------- the T17 stand-in

# A dateline or agency credit before the first words: "WASHINGTON (Reuters) -", "LONDON --".
_DATELINE = re.compile(r"^[^a-z]{0,60}?(?:\((?:Reuters|AP|AFP|CNN|Bloomberg)\)\s*(?:--|-|\u2014)?|--|\u2014| - )\s*")
# A sentence ends at . ! ? after a lower-case word (not after "R." or "U.S."), before a capital.
_SENTENCE_END = re.compile(r"(?:(?<=[a-z]{3})|(?<=[a-z]{3} )|(?<=[a-z] ))[.!?]\s+(?=[A-Z\"'`])")


def standin_headline(body: str, limit: int = 15) -> str:
    """The first sentence of ``body`` without a leading dateline, at most ``limit`` words."""
    first = _SENTENCE_END.split(" ".join(body.split()), maxsplit=1)[0]
    return " ".join(_DATELINE.sub("", first, count=1).split()[:limit])


def with_standin_headlines(data):
    arts, ans, gold = data
    out = []
    for a in arts:
        b = copy.copy(a)
        if not (a.title or "").strip():
            b.title = standin_headline(a.body)
        out.append(b)
    return out, ans, gold


# --------------------------------------------------------------------------- scoring


def run(data, config, online: bool = False) -> dict:
    arts, ans, gold = data
    if online:
        groups = g.group_online([g.article_features(a, ans.get(a.id), config) for a in arts], config)
    else:
        groups = g.group_articles(arts, ans, config)
    m = ev.score(groups, gold)
    m.update(ev.mixing(groups, gold))
    m["stories"] = len(groups)
    return m


def cell(m: dict) -> str:
    seed = ""
    if "seed_whole" in m:
        seed = f", seed {'whole' if m['seed_whole'] else 'split'}/{'alone' if m['seed_alone'] else 'joined'}"
    return (f"{m['bcubed_precision']:.3f} / {m['bcubed_recall']:.3f} / **{m['bcubed_f1']:.3f}** "
            f"({len(m['mixed_stories'])}{seed})")


def subset(data, keep):
    arts, ans, gold = data
    kept = [a for a in arts if keep(gold[a.id])]
    return kept, {a.id: ans[a.id] for a in kept if a.id in ans}, {a.id: gold[a.id] for a in kept}


def table(sets: dict, family: dict) -> None:
    names = list(sets) + (["T17 stand-in, online"] if "T17 stand-in" in sets else [])
    print("| setting | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for label, kw in family.items():
        cfg = dataclasses.replace(g.DEFAULT, **kw)
        cells = [cell(run(d, cfg)) for d in sets.values()]
        if "T17 stand-in" in sets:
            cells.append(cell(run(sets["T17 stand-in"], cfg, online=True)))
        print(f"| {label} | " + " | ".join(cells) + " |", flush=True)


def split_half(nc, mixed, splits: int, family: dict) -> None:
    events = sorted(set(nc[2].values()))
    names = list(family)
    picks: Counter = Counter()
    held: dict[str, dict[str, list[float]]] = {n: {"nc": [], "mixed": []} for n in names + ["chosen"]}
    for k in range(splits):
        order = events[:]
        random.Random(k).shuffle(order)
        halves = {"A": set(order[: len(order) // 2]), "B": set(order[len(order) // 2:])}
        data = {}
        for h, evs in halves.items():
            data["nc" + h] = subset(nc, lambda lab, evs=evs: lab in evs)
            data["mixed" + h] = subset(mixed, lambda lab, evs=evs: not lab.startswith("nc:") or lab[3:] in evs)
        f1 = {}
        for n in names:
            cfg = dataclasses.replace(g.DEFAULT, **family[n])
            f1[n] = {key: run(d, cfg)["bcubed_f1"] for key, d in data.items()}
            held[n]["nc"].append(f1[n]["ncB"])
            held[n]["mixed"].append(f1[n]["mixedB"])
        best = max(names, key=lambda n: (round((f1[n]["ncA"] + f1[n]["mixedA"]) / 2, 9), -names.index(n)))
        picks[best] += 1
        held["chosen"]["nc"].append(f1[best]["ncB"])
        held["chosen"]["mixed"].append(f1[best]["mixedB"])
        print(f"split {k}: chosen on A: {best}", file=sys.stderr, flush=True)
    print(f"\nSplit-half selection over {splits} random halvings of the {len(events)} news-cluster events "
          "(B3 F1 on half B):\n")
    base = names[0]

    def against(n: str, key: str) -> str:
        # In how many B halves the setting beats, ties or loses to the first one.
        pairs_ = list(zip(held[n][key], held[base][key]))
        up = sum(1 for x, y in pairs_ if x > y + 1e-9)
        down = sum(1 for x, y in pairs_ if x < y - 1e-9)
        return f"{up} / {len(pairs_) - up - down} / {down}"

    print(f"| setting | newsclusters-dev, half B: mean, min | better / equal / worse than '{base}' "
          f"| mixed dev crawl, half B: mean, min | better / equal / worse |")
    print("|---|---|---|---|---|")
    for n in names + ["chosen"]:
        label = f"chosen on half A ({', '.join(f'{p}: {c}' for p, c in picks.most_common())})" if n == "chosen" else n
        nc_, mx = held[n]["nc"], held[n]["mixed"]
        print(f"| {label} | {statistics.mean(nc_):.4f}, {min(nc_):.4f} | {against(n, 'nc')} "
              f"| {statistics.mean(mx):.4f}, {min(mx):.4f} | {against(n, 'mixed')} |")


def pairs(nc) -> None:
    arts, ans, gold = nc
    feats = [g.article_features(a, ans.get(a.id)) for a in arts]
    df = g.DocFreq()
    for f in feats:
        df.add(f.counts)
    vecs = [g.vectorise(f.counts, df) for f in feats]
    heads = [g.headline_words(f.counts) for f in feats]
    days = [g._day(f.published) for f in feats]
    labels = [gold[f.article] for f in feats]
    bar = g.DEFAULT.threshold
    rows: Counter = Counter()
    cross_events: set = set()
    for i in range(len(feats)):
        for j in range(i + 1, len(feats)):
            gap = abs(days[i] - days[j]) if days[i] is not None and days[j] is not None else 0
            if gap > g.DEFAULT.window_days:
                continue
            small, big = sorted((vecs[i], vecs[j]), key=len)
            r = sum(w * big.get(t, 0.0) for t, w in small.items()) * g.time_factor(gap) / bar
            if not 1.0 <= r < 2.0 or not heads[i] or not heads[j]:
                continue
            zone = "1-1.5 x" if r < 1.5 else "1.5-2 x"
            same = labels[i] == labels[j]
            rows[(zone, same, len(heads[i] & heads[j]) >= 2)] += 1
            if not same:
                cross_events.add(frozenset((labels[i], labels[j])))
    print("\nPairs of news-cluster articles between the lone-article bar and twice it (both with a headline):\n")
    print("| similarity / bar | same event: pairs (2+ headline words in common) | different events: pairs (2+ headline words) |")
    print("|---|---|---|")
    for zone in ("1-1.5 x", "1.5-2 x"):
        same = rows[(zone, True, True)] + rows[(zone, True, False)]
        cross = rows[(zone, False, True)] + rows[(zone, False, False)]
        print(f"| {zone} | {same} ({rows[(zone, True, True)]}) | {cross} ({rows[(zone, False, True)]}) |")
    print(f"\nDifferent-event pairs come from {len(cross_events)} pairs of events.")


class DecisionLog(g.Clusterer):
    """The product's clusterer with the check off, noting every join and merge it makes within
    1.5 x the bar: right or wrong (by the gold label most of each side holds), whether the
    bar was the cap, and whether two headline words in common would have backed it."""

    def __init__(self, config, gold):
        super().__init__(config)
        self.gold = gold
        self.rows: Counter = Counter()
        self._article = None

    def _label(self, s: int) -> str:
        return Counter(self.gold[a] for a in self.members[s]).most_common(1)[0][0]

    def _note(self, kind, score, bar_, right, story, heads) -> None:
        if bar_ <= score < 1.5 * bar_:
            agree = story.headlines_agree(heads, 2)
            self.rows[(kind, "right" if right else "WRONG", "at the cap" if bar_ >= self.config.threshold
                       else "below the cap", "vetoed" if agree is False else "passes")] += 1

    def assign(self, article_id, vec, day, heads=()):
        self._article = (article_id, tuple(heads))
        return super().assign(article_id, vec, day, heads)

    def best_story(self, vec, day, label=None, heads=()):
        best, best_score, best_bar = None, 0.0, 0.0
        for s in self.candidates(vec, day):
            sv = self.stories[s]
            sc = sv.similarity(vec) * g.time_factor(sv.gap(day), self.config)
            b = g.bar(sv.cohesion(), config=self.config)
            if sc >= b and sc > best_score:
                best, best_score, best_bar = s, sc, b
        if best is not None:
            aid, h = self._article
            self._note("join", best_score, best_bar, self._label(best) == self.gold[aid], self.stories[best], h)
        return best

    def mergeable(self, a, b):
        ok = super().mergeable(a, b)
        if ok:
            sa, sb = self.stories[a], self.stories[b]
            cross = sa.dot(sb.terms) / (sa.n * sb.n) * g.time_factor(g._span_gap(sa, sb), self.config)
            b_ = g.bar(sa.cohesion(), sb.cohesion(), config=self.config)
            self._note("merge", cross, b_, self._label(a) == self._label(b), sa, sb.headline_words())
        return ok


def decisions(sets: dict) -> None:
    cfg = dataclasses.replace(g.DEFAULT, headline_words=0)
    print("\nJoins and merges made within 1.5 x the bar with the check off, and what the check would "
          "say (vetoed: fewer than two headline words in common):\n")
    print("| set | decision | right / wrong | bar | check | count |")
    print("|---|---|---|---|---|---|")
    for name, (arts, ans, gold) in sets.items():
        feats = [g.article_features(a, ans.get(a.id), cfg) for a in arts]
        df = g.DocFreq()
        for f in feats:
            df.add(f.counts)
        cl = DecisionLog(cfg, gold)
        for f in sorted(feats, key=g._order_key):
            cl.assign(f.article, g.vectorise(f.counts, df, cfg), g._day(f.published), g.headline_words(f.counts))
        cl.merge_pass()
        for key in sorted(cl.rows):
            print(f"| {name} | " + " | ".join(key) + f" | {cl.rows[key]} |")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="../shared/eval/newsclusters-dev")
    ap.add_argument("--cache", default="/tmp/storyline-heldout")
    ap.add_argument("--splits", type=int, default=20)
    ap.add_argument("--family", choices=sorted(FAMILIES), default="headline",
                    help="the settings compared: of the headline check, or of the other signals")
    ap.add_argument("--skip-table", action="store_true")
    ap.add_argument("--dev-only", action="store_true", help="the settings table on the two dev sets only")
    ap.add_argument("--skip-split", action="store_true")
    ap.add_argument("--skip-pairs", action="store_true")
    ap.add_argument("--decisions", action="store_true", help="also log the joins and merges near the bar")
    args = ap.parse_args(argv)
    data = Path(args.data)
    if not data.is_dir() or not (data.parent / "t17-dev").is_dir():
        print(f"{data}: no such folder, or no t17-dev beside it (the data of shared/eval)", file=sys.stderr)
        return 2
    cache = Path(args.cache)
    nc = prepared("nc", data, False, cache)
    mixed = prepared("mixed", data, True, cache)
    if not args.skip_table:
        sets = {"newsclusters-dev": nc, "mixed dev crawl": mixed}
        if not args.dev_only:
            t17 = prepared("t17", data.parent / "t17-dev", False, cache, t17=True)
            sets.update({"t17-dev (all)": t17, "T17 stand-in": with_standin_headlines(t17)})
        table(sets, FAMILIES[args.family])
    if not args.skip_split:
        split_half(nc, mixed, args.splits, FAMILIES[args.family])
    if not args.skip_pairs:
        pairs(nc)
    if args.decisions:
        t17 = prepared("t17", data.parent / "t17-dev", False, cache, t17=True)
        decisions({"newsclusters-dev": nc, "mixed dev crawl": mixed, "T17 stand-in": with_standin_headlines(t17)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
