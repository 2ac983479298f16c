"""Stories built on an engine's workers, each reading its story from the store, come out
as the ones built in the calling process."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from test_incremental import put  # noqa: E402  (tests/ is on sys.path)
from test_stories_group import corpus  # noqa: E402

from storyline.model import asdict  # noqa: E402
from storyline.stories.incremental import regroup  # noqa: E402
from storyline.store import Store  # noqa: E402


class InOrderEngine:
    """An engine that is not the local one, running each item here in a fresh call: what a
    pool does, without starting processes (the function must stand alone on its item)."""

    name = "test"

    def __init__(self):
        self.items = []

    def map(self, fn, items, chunksize=None):
        for item in items:
            self.items.append(item)
            yield fn(item)


def _stories(tmp_path, name, engine):
    arts, ans, _ = corpus([("flood", dt.date(2021, 3, 1), 6, 1), ("merger", dt.date(2021, 3, 2), 5, 1),
                           ("election", dt.date(2021, 3, 1), 3, 2)])
    store = Store(tmp_path / f"{name}.db")
    put(store, arts, ans)
    built = regroup(store, engine=engine)
    stored = sorted((asdict(s) for s in store.iter_stories()), key=lambda s: s["id"])
    store.close()
    return built, stored


def test_stories_built_on_workers_are_the_same(tmp_path):
    engine = InOrderEngine()
    here, here_stored = _stories(tmp_path, "here", None)
    there, there_stored = _stories(tmp_path, "there", engine)
    assert len(engine.items) == len(here) >= 3  # every story went to the engine, largest first
    assert [len(i[2]) for i in engine.items] == sorted((len(i[2]) for i in engine.items), reverse=True)
    assert [asdict(s) for s in there] == [asdict(s) for s in here]  # same stories, same order
    assert there_stored == here_stored
