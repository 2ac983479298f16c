"""The per-article stage in batches (one nlp.pipe call per batch) gives what it gives one
article at a time: the same articles, analyses and parses, rejections and skips in place."""

from __future__ import annotations

from storyline.model import RawArticle, Rejection, Skipped, asdict
from storyline.pipeline import process_batch, process_raw


def _items(examples_dir):
    raws = [RawArticle(id=p.stem, source=p.name, format="text", text=p.read_text("utf-8"))
            for p in sorted(examples_dir.glob("*.txt"))[:4]]
    raws.insert(1, RawArticle(id="x", source="x.txt", format="text", text="Subscribe now.\nShare this."))
    return [(r, None) for r in raws]


def test_a_batch_gives_what_one_at_a_time_gives(examples_dir):
    items = _items(examples_dir)
    one = [process_raw(*item) for item in items]
    batch = process_batch(items)
    assert isinstance(batch[1], (Rejection, Skipped))
    assert len(batch) == len(one)
    for a, b in zip(one, batch):
        if isinstance(a, tuple):
            assert asdict(a[0]) == asdict(b[0])
            assert asdict(a[1]) == asdict(b[1])  # the packed parse included
        else:
            assert a == b
