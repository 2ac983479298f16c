"""The distributed engine: per-article stages on a Dask ``distributed`` cluster.

``DaskEngine(scheduler="tcp://host:8786")`` connects to a running cluster; without an
address it starts a :class:`distributed.LocalCluster` of ``workers`` processes (one
thread each: spaCy is CPU-bound and holds the GIL). ``map`` keeps at most ``inflight``
items submitted at any time and yields results in input order, so a corpus of any size
streams through in bounded memory, and the output is the same as the local engine's.
Grouping and story building are reductions over all articles and stay in the calling
process (see :mod:`storyline.pipeline`).
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from storyline.errors import ConfigError

log = logging.getLogger("storyline")


# Settings of the local cluster this engine starts (a remote cluster keeps its operator's).
# Measured against the local pool (docs/benchmarks.md, "Throughput, third pass"), the same work
# cost Dask a fifth more CPU, from defaults made for interactive, long-lived clusters:
# - the statistical profiler samples every worker's stack every 10 ms (for the dashboard,
#   which a run does not open);
# - the nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536, which also turns off glibc's
#   adaptive mmap threshold: the parser's many short-lived arrays are then mapped and unmapped
#   from the kernel each time (several times the pool's system time). Unset, the workers allocate as
#   the pool's do; the price is that a worker hands freed memory back less eagerly;
# - the event loops of the scheduler, the nannies and the workers wake every 20 ms (blocked-loop
#   check), 100 ms (worker memory) and 500 ms (system monitor): an idle local cluster of two
#   used 7% of a core doing so, 1.4% with the intervals below. The cost: a worker over its
#   memory limit is caught within a second rather than a tenth, and a blocked event loop is
#   reported later.
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
}


def _warm_worker() -> None:
    # Load the spaCy model on each worker before the first article arrives.
    from storyline.annotate.nlp import get_nlp

    get_nlp()


class DaskEngine:
    """Run ``fn`` over items on a Dask cluster, in bounded batches, results in order."""

    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int = 1, *, processes: bool = True,
                 inflight: int | None = None, memory_limit: str | None = "auto", warm: bool = True,
                 connect_timeout: str = "20s"):
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - distributed is a dependency
            raise ConfigError(f"the dask engine needs the 'distributed' package ({exc}); pip install distributed") from None
        self.workers = max(1, int(workers))
        self.cluster = None
        if not log.isEnabledFor(logging.DEBUG):
            # distributed logs cluster start-up and shutdown at INFO; a run should be quiet.
            for name in ("distributed", "bokeh", "tornado"):
                logging.getLogger(name).setLevel(logging.ERROR)
        try:
            if scheduler:
                self.client = Client(scheduler, timeout=connect_timeout)
            else:
                import dask

                with dask.config.set(LOCAL_CLUSTER_CONFIG):  # read by each nanny as it starts
                    self.cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=processes,
                                                dashboard_address=None, scheduler_kwargs={"dashboard": False},
                                                memory_limit=memory_limit,
                                                silence_logs=logging.ERROR)
                self.client = Client(self.cluster)
        except (OSError, TimeoutError) as exc:
            if self.cluster is not None:
                self.cluster.close()
            where = scheduler or "a local cluster"
            raise ConfigError(f"cannot reach the Dask scheduler at {where} ({exc}); check --scheduler") from None
        n_threads = sum(self.client.nthreads().values()) or self.workers
        # Enough work queued to keep every worker busy, few enough to bound memory.
        self.inflight = inflight or max(4, 4 * n_threads)
        if warm:
            self.client.run(_warm_worker)

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any], chunksize: int | None = None) -> Iterator[Any]:
        """``fn(item)`` for each item, in input order; at most ``inflight`` items are out
        (each item is its own task, so ``chunksize`` changes nothing here)."""
        pending: deque = deque()
        for item in items:
            # pure=False: two equal inputs are still two articles to process.
            pending.append(self.client.submit(fn, item, pure=False))
            if len(pending) >= self.inflight:
                yield self._take(pending)
        while pending:
            yield self._take(pending)

    @staticmethod
    def _take(pending: deque) -> Any:
        fut = pending.popleft()
        try:
            return fut.result()
        finally:
            fut.release()

    def close(self) -> None:
        """Disconnect, and shut the local cluster down if this engine started it."""
        try:
            self.client.close()
        finally:
            if self.cluster is not None:
                self.cluster.close()

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
