"""Story grouping on hand-built articles: topics apart, long stories together, time
windows, candidate generation without all pairs, titles and keywords."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from storyline.model import Article, ArticleAnalysis, EntityMention, Published
from storyline.stories.group import (
    DEFAULT,
    Clusterer,
    DocFreq,
    GroupingConfig,
    StoryVector,
    article_features,
    bar,
    group_articles,
    stem,
    story_title,
    time_factor,
    vectorise,
    words,
)

# Three made-up stories, each told with a shared core vocabulary and varied detail.
TOPICS = {
    "flood": (["flood", "river", "levee", "evacuation", "rainfall", "rescue", "water", "residents", "dam", "storm"],
              ["Rivertown", "Northern Valley Authority"]),
    "merger": (["merger", "shareholders", "acquisition", "bid", "regulators", "board", "shares", "offer", "deal", "antitrust"],
               ["Acme Corp", "Globex"]),
    "election": (["election", "ballot", "candidate", "voters", "polls", "campaign", "turnout", "parliament", "vote", "coalition"],
                 ["Maria Lopez", "Freedom Party"]),
}
# General vocabulary every story draws on now and then (made-up words, as many as a
# real report's general vocabulary, so two stories share some but not much of it).
_letters = random.Random(0)
FILLER = ["".join(_letters.choice("bcdfghklmnprstvz") + _letters.choice("aeiou") for _ in range(3)) for _ in range(1500)]


def make_article(aid: str, topic: str, day: dt.date, rng: random.Random, title: bool = True):
    vocab, ents = TOPICS[topic]
    body_words = [rng.choice(vocab if rng.random() < 0.3 else FILLER) for _ in range(150)]
    body = " ".join(ents) + " " + " ".join(body_words) + "."
    mentions = []
    pos = 0
    for e in ents:
        mentions.append(EntityMention(e, pos, pos + len(e), "ORG", e))
        pos += len(e) + 1
    head = " ".join(rng.sample(vocab, 4)).capitalize() if title else None
    art = Article(id=aid, source=aid, body=body, title=head,
                  published=Published(date=day.isoformat(), earliest=day.isoformat(), latest=day.isoformat(), how="metadata"))
    return art, ArticleAnalysis(article=aid, entities=mentions)


def corpus(spec, seed=7):
    """spec: [(topic, first day, number of articles, days between)]; returns articles, analyses, gold."""
    rng = random.Random(seed)
    arts, ans, gold = [], {}, {}
    for k, (topic, start, n, step) in enumerate(spec):
        for i in range(n):
            a, an = make_article(f"{topic}-{k}-{i:03d}", topic, start + dt.timedelta(days=i * step), rng)
            arts.append(a)
            ans[a.id] = an
            gold[a.id] = f"{topic}-{k}"
    rng.shuffle(arts)  # input order must not matter
    return arts, ans, gold


def as_sets(groups):
    return {frozenset(g) for g in groups}


def test_interleaved_topics_come_apart_and_every_article_is_in_one_story():
    day = dt.date(2021, 3, 1)
    arts, ans, gold = corpus([("flood", day, 12, 1), ("merger", day, 12, 1), ("election", day, 12, 1)])
    groups = group_articles(arts, ans)
    ids = [a for g in groups for a in g]
    assert sorted(ids) == sorted(a.id for a in arts)  # each article exactly once
    expected = {frozenset(a for a in gold if gold[a] == g) for g in set(gold.values())}
    assert as_sets(groups) == expected


def test_story_running_for_weeks_stays_one_story():
    # An article every four days for three months.
    arts, ans, gold = corpus([("flood", dt.date(2022, 1, 1), 24, 4), ("merger", dt.date(2022, 1, 10), 6, 3)])
    groups = group_articles(arts, ans)
    flood = [g for g in groups if any(a.startswith("flood") for a in g)]
    assert len(flood) == 1 and len(flood[0]) == 24


def test_same_topic_years_apart_is_two_stories():
    arts, ans, gold = corpus([("election", dt.date(2015, 5, 1), 8, 2), ("election", dt.date(2019, 5, 1), 8, 2)])
    groups = group_articles(arts, ans)
    assert as_sets(groups) == {frozenset(a for a in gold if gold[a] == g) for g in ("election-0", "election-1")}


def test_undated_articles_join_on_content():
    arts, ans, gold = corpus([("merger", dt.date(2020, 6, 1), 8, 1), ("flood", dt.date(2020, 6, 1), 8, 1)])
    extra, an = make_article("merger-undated", "merger", dt.date(2020, 6, 3), random.Random(3))
    extra.published = Published()
    groups = group_articles(arts + [extra], {**ans, extra.id: an})
    home = next(g for g in groups if "merger-undated" in g)
    assert all(a.startswith("merger") for a in home) and len(home) == 9


def test_empty_and_single():
    assert group_articles([], {}) == []
    a, an = make_article("only", "flood", dt.date(2020, 1, 1), random.Random(1))
    assert group_articles([a], {a.id: an}) == [["only"]]


def test_grouping_works_without_entities():
    day = dt.date(2021, 3, 1)
    arts, ans, gold = corpus([("flood", day, 10, 1), ("merger", day, 10, 1)])
    groups = group_articles(arts, {})
    assert as_sets(groups) == {frozenset(a for a in gold if gold[a] == g) for g in set(gold.values())}


def test_candidates_come_from_the_index_not_all_stories():
    """With many unrelated stories, an article is scored against few of them."""
    cfg = GroupingConfig(max_candidates=5)
    cl = Clusterer(cfg)
    df = DocFreq()
    vocab = [f"term{i}" for i in range(2000)]
    vecs = []
    for i in range(200):  # 200 stories with disjoint vocabularies
        counts = {t: 3.0 for t in vocab[i * 10:(i + 1) * 10]}
        df.add(counts)
        df.add(counts)
        vecs.append(counts)
    for i, counts in enumerate(vecs):
        cl.assign(f"a{i}", vectorise(counts, df, cfg), 700000)
    assert len(cl.stories) == 200
    probe = vectorise(vecs[17], df, cfg)
    cands = cl.candidates(probe, 700000)
    assert 1 <= len(cands) <= 5
    assert cl.members[cands[0]] == ["a17"]


def test_time_window_excludes_old_stories_from_candidates():
    cl = Clusterer(DEFAULT)
    vec = {"flood": 0.8, "levee": 0.6}
    cl.assign("old", vec, 700000)
    assert cl.candidates(vec, 700000 + DEFAULT.window_days + 1) == []
    assert cl.candidates(vec, 700000 + 5) != []


def test_time_factor_and_bar():
    assert time_factor(0) == 1.0 and time_factor(DEFAULT.grace_days) == 1.0
    assert 0 < time_factor(100) < 1.0
    assert time_factor(DEFAULT.window_days + 1) == 0.0
    assert bar(None) == DEFAULT.threshold
    assert bar(0.9) == DEFAULT.threshold  # a tight story never asks for more than the threshold
    assert bar(0.001) == DEFAULT.floor  # nor a loose one for less than the floor
    assert bar(0.1, 0.2) == pytest.approx(DEFAULT.ratio * 0.1)


def test_story_vector_mean_similarity_and_cohesion():
    sv = StoryVector()
    a = {"x": 1.0}
    b = {"x": 0.6, "y": 0.8}
    sv.add(a, 10)
    assert sv.cohesion() is None
    sv.add(b, 20)
    assert sv.cohesion() == pytest.approx(0.6)
    assert sv.similarity({"x": 1.0}) == pytest.approx((1.0 + 0.6) / 2)
    assert (sv.first, sv.last, sv.gap(25), sv.gap(5), sv.gap(15)) == (10, 20, 5, 5, 0)
    again = StoryVector.from_dict(sv.to_dict())
    assert again.similarity(b) == pytest.approx(sv.similarity(b)) and again.cohesion() == pytest.approx(0.6)


def test_features_weigh_title_and_keep_entities():
    a, an = make_article("x", "flood", dt.date(2020, 1, 1), random.Random(2))
    a.title = "Levee breaks"
    f = article_features(a, an)
    assert f.published == "2020-01-01"
    assert f.counts["e:rivertown"] >= 1
    assert f.counts["levee"] >= DEFAULT.title_weight
    assert "the" not in f.counts


def test_stem_and_words():
    assert stem("Companies") == "company" and stem("floods") == "flood" and stem("crisis") == "crisis"
    assert stem("BP's") == "bp"
    assert [s for s, _ in words("The floods hit 3 towns on Monday")] == ["flood", "hit", "town"]


def _merger_story(n: int):
    rng = random.Random(5)
    arts, ans = [], {}
    for i in range(n):
        a, an = make_article(f"m{i}", "merger", dt.date(2020, 2, 1 + i), rng)
        arts.append(a)
        ans[a.id] = an
    return arts, ans


def test_story_title_and_keywords_are_readable():
    arts, ans = _merger_story(5)
    arts[2].title = "Acme Corp raises its bid for Globex as shareholders weigh the merger offer"
    title, keywords = story_title(arts, ans)
    assert title == arts[2].title
    assert "Acme Corp" in keywords and "Globex" in keywords
    assert 3 <= len(keywords) <= 8
    assert all(k == k.strip() and k for k in keywords)


def test_a_comment_piece_or_a_question_does_not_title_the_story():
    arts, ans = _merger_story(4)
    arts[0].title = None
    arts[1].title = "Acme Corp raises its bid for Globex"
    arts[2].title = "Acme Corp and Globex: who will pay for the merger of the year?"
    arts[3].title = "Acme Corp, Globex and the merger shareholders should fear"
    arts[3].url = "https://paper.test/opinions/acme-globex-merger/2020/02/04/story.html"
    assert story_title(arts, ans)[0] == arts[1].title


def test_story_title_without_headlines_uses_a_lead():
    rng = random.Random(6)
    arts = [make_article(f"f{i}", "flood", dt.date(2020, 2, 1 + i), rng, title=False)[0] for i in range(3)]
    title, keywords = story_title(arts, {})
    assert title and len(title.split()) <= 15
    assert keywords


# Two headlines in an exact tie on keyword coverage: the first headline's words are used by
# 1, 2 and 3 of the ten articles, the second's by 2, 2 and 2. Summed as fractions over a set,
# the first came to 0.6 or 0.6000000000000001 depending on the set's order, so the title
# changed with Python's hash seed. In a tie the earlier article's headline wins.
_TIE = """
from storyline.model import Article, Published
from storyline.stories.group import story_title
def art(i, title, body):
    return Article(id=f"a{i}", source=f"a{i}", body=body, title=title, published=Published(date="2021-03-01"))
arts = [art(0, "zorblat quenvik marovel", "nothing here at all"),
        art(1, "tesplin gorvath drimmel", "nothing here at all"),
        art(2, "", "quenvik marovel tesplin gorvath drimmel"),
        art(3, "", "marovel")] + [art(i, "", "filler words only") for i in range(4, 10)]
print(story_title(arts, {})[0])
"""


def test_story_title_does_not_depend_on_the_hash_seed():
    import os
    import subprocess
    import sys

    titles = set()
    for seed in ("1", "2", "4", "8"):  # under the old sum, seeds 1 and 2 gave different titles
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", _TIE], capture_output=True, text=True, env=env, timeout=120)
        assert out.returncode == 0, out.stderr
        titles.add(out.stdout.strip())
    assert titles == {"zorblat quenvik marovel"}


def test_online_grouping_matches_batch_on_clean_stories():
    from storyline.stories.group import group_online

    day = dt.date(2021, 3, 1)
    arts, ans, gold = corpus([("flood", day, 10, 2), ("merger", day, 10, 1), ("election", day, 10, 3)])
    feats = [article_features(a, ans[a.id]) for a in arts]
    assert as_sets(group_online(feats)) == as_sets(group_articles(arts, ans))
    assert as_sets(group_online(feats)) == {frozenset(a for a in gold if gold[a] == g) for g in set(gold.values())}


def test_merge_joins_two_halves_of_one_story():
    """Two pieces of one story (started apart) merge once they grow alike."""
    cl = Clusterer(DEFAULT)
    a = {"flood": 0.6, "levee": 0.5, "river": 0.4, "rescue": 0.48}
    b = {"flood": 0.55, "levee": 0.45, "river": 0.5, "dam": 0.5}
    k1 = cl._new_story("x")
    cl.stories[k1].add(a, 1000)
    cl._joined(k1, "x")
    k2 = cl._new_story("y")
    cl.stories[k2].add(b, 1001)
    cl._joined(k2, "y")
    assert cl.mergeable(k1, k2)
    assert cl.merge_pass() == 1 and cl.groups() == [["x", "y"]]


def test_look_alike_stories_years_apart_do_not_crowd_out_merges():
    """Ten periods, each with the same story in two pieces: every period's pieces merge,
    although the other periods' pieces are as alike and more numerous than the
    candidates scored."""
    cl = Clusterer(GroupingConfig(max_candidates=3))
    a = {"flood": 0.6, "levee": 0.5, "river": 0.4, "rescue": 0.48}
    b = {"flood": 0.55, "levee": 0.45, "river": 0.5, "dam": 0.5}
    for period in range(10):
        day = 700000 + period * 1461
        for name, vec in (("a", a), ("b", b)):
            k = cl._new_story(f"{name}{period}")
            cl.stories[k].add(vec, day, cl.config)
            cl._joined(k, f"{name}{period}")
    cl.merge_pass()
    assert sorted(sorted(g) for g in cl.groups()) == sorted([f"a{p}", f"b{p}"] for p in range(10))


def test_an_article_known_only_within_a_window_is_placed_by_content_not_by_one_end():
    from storyline.model import Article, Published
    from storyline.stories.group import article_features

    art = Article(id="w", source="w", body="Berlin will set up a safety area for women at the New Year's Eve party.",
                  title="Berlin to set up safety area",
                  published=Published(None, "2015-12-31", "2018-01-10", "inferred"))
    assert article_features(art, None).published is None
    dated = Article(id="d", source="d", body=art.body, title=art.title,
                    published=Published("2017-12-29", "2017-12-29", "2017-12-29", "dateline"))
    assert article_features(dated, None).published == "2017-12-29"
    # A window of a week (a crawled page whose weekdays fit one week) places it in time.
    week = Article(id="k", source="k", body=art.body, title=art.title,
                   published=Published(None, "2017-12-29", "2018-01-04", "inferred"))
    assert article_features(week, None).published == "2017-12-29"
