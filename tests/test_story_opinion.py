"""A comment piece's view of what may come is not a next step of the story (storyline.story)."""

from __future__ import annotations

from storyline.model import RawArticle
from storyline.pipeline import process_raw
from storyline.story import build_story

FILLER = "\n\nThe council has debated the plan for months, and residents have followed the debate closely."


def _article(aid: str, url: str, text: str):
    raw = RawArticle(id=aid, source=f"{aid}.txt", format="text", text=text + FILLER * 3, url=url,
                     title="City council and the new bridge", published="2021-03-02T10:00:00", outlet=aid)
    return process_raw(raw)


def test_expectations_come_from_reports_not_from_comment_pieces():
    news = _article("news", "https://paper.test/2021/03/02/city/bridge-vote.html",
                    "The city council will vote on the bridge plan on Friday, the mayor said.")
    view = _article("view", "https://paper.test/opinions/2021/03/02/bridge-folly.html",
                    "The transport minister will open a new ferry line in the harbour next month, officials said.")
    arts = {a.id: (a, an) for a, an in (news, view)}
    story = build_story("s", [a for a, _ in arts.values()], {k: an for k, (_, an) in arts.items()})
    assert story.expectations and {x.article for x in story.expectations} == {"news"}
