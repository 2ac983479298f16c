"""Engines: the Dask engine (order-preserving bounded map; the same stories and timelines
as the single-process run on the seeds, through a real `distributed` scheduler) and the bounded local pool."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def _square(x):
    return x * x


@pytest.fixture(scope="module")
def cluster():
    # One in-process worker: light on a shared machine, yet a real scheduler and client.
    c = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None,
                                 scheduler_kwargs={"dashboard": False})
    yield c
    c.close()


def test_map_keeps_order_and_bounds_what_is_in_flight(cluster):
    from storyline.engines.dask import DaskEngine

    seen = []

    def items():
        for i in range(25):
            seen.append(i)
            yield i

    with DaskEngine(scheduler=cluster.scheduler_address, inflight=4, warm=False) as eng:
        out = []
        for r in eng.map(_square, items()):
            out.append(r)
            # Items are pulled lazily: never more than `inflight` ahead of the results.
            assert len(seen) - len(out) <= 4
    assert out == [i * i for i in range(25)]


def test_bad_scheduler_address_is_one_clear_error():
    from storyline.engines.dask import DaskEngine
    from storyline.errors import ConfigError

    with pytest.raises(ConfigError, match="--scheduler"):
        DaskEngine(scheduler="tcp://127.0.0.1:9", warm=False, connect_timeout="2s")  # nothing listens on port 9


def _stories(report: dict) -> list:
    return [(s["id"], s["title"], s["articles"], s["keywords"], s["timeline"]) for s in report["stories"]]


def test_dask_run_gives_the_same_stories_and_timelines(cluster, tmp_path):
    import storyline

    if len(list(EXAMPLES.glob("*.txt"))) < 5:
        pytest.skip("the seed articles are not in examples/")
    local = storyline.run([str(EXAMPLES)], out=tmp_path / "local")
    dask = storyline.run([str(EXAMPLES)], out=tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address)
    assert len(dask.articles) == len(local.articles) == 5 and not dask.rejected
    a = json.loads((tmp_path / "local" / "report.json").read_text("utf-8"))
    b = json.loads((tmp_path / "dask" / "report.json").read_text("utf-8"))
    assert _stories(a) and _stories(a) == _stories(b)
    assert [x["body"] for x in a["articles"]] == [x["body"] for x in b["articles"]]
    assert len(a["stories"]) == 1 and a["stories"][0]["timeline"]


def test_pool_engine_keeps_order_and_reads_input_lazily():
    from storyline.engines import PoolEngine

    seen = []

    def items():
        for i in range(40):
            seen.append(i)
            yield i

    eng = PoolEngine(1, chunksize=2, inflight=2)
    try:
        out = []
        for r in eng.map(_square, items()):
            out.append(r)
            assert len(seen) - len(out) <= 2 * 2 + 2  # inflight chunks plus the one being filled
    finally:
        eng.close()
    assert out == [i * i for i in range(40)]


def test_local_cluster_settings_are_options_distributed_knows():
    # dask.config.set accepts any key, so a renamed option would be ignored without a word.
    import dask

    from storyline.engines.dask import LOCAL_CLUSTER_CONFIG

    for key in LOCAL_CLUSTER_CONFIG:
        parent, _, leaf = key.rpartition(".")
        assert leaf in dask.config.get(parent), key
