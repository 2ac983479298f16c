"""Where per-article stages run: in this process, a local process pool, or on Dask.

An engine only decides where a function runs, never what it does: every engine's
``map`` returns results in input order, so outputs are identical whichever is used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from storyline.errors import ConfigError


class LocalEngine:
    name = "local"

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any], chunksize: int | None = None) -> Iterator[Any]:
        for item in items:
            yield fn(item)

    def close(self) -> None:
        pass


class PoolEngine:
    """A local process pool; items stream through in chunks, results come back in order.

    At most ``inflight`` chunks are submitted ahead of the results taken (``Pool.imap``
    would read the whole input at once), so memory stays bounded on any corpus.
    """

    name = "pool"

    def __init__(self, workers: int, chunksize: int = 4, inflight: int | None = None):
        import multiprocessing as mp

        self.workers = workers
        self.chunksize = chunksize
        self.inflight = inflight or 4 * workers
        self.pool = mp.get_context("spawn").Pool(workers, initializer=_warm)

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any], chunksize: int | None = None) -> Iterator[Any]:
        """``chunksize`` items go to a worker at a time (1 for uneven work, such as stories)."""
        from collections import deque

        size = chunksize or self.chunksize
        pending: deque = deque()
        chunk: list[Any] = []
        for item in items:
            chunk.append(item)
            if len(chunk) >= size:
                pending.append(self.pool.apply_async(_run_chunk, (fn, chunk)))
                chunk = []
                if len(pending) >= self.inflight:
                    yield from pending.popleft().get()
        if chunk:
            pending.append(self.pool.apply_async(_run_chunk, (fn, chunk)))
        while pending:
            yield from pending.popleft().get()

    def close(self) -> None:
        self.pool.close()
        self.pool.join()


def _run_chunk(fn: Callable[[Any], Any], chunk: list[Any]) -> list[Any]:
    return [fn(item) for item in chunk]


def _warm() -> None:
    # Load the spaCy model once per worker, before the first article arrives.
    from storyline.annotate.nlp import get_nlp

    get_nlp()


def get_engine(name: str = "local", workers: int = 1, scheduler: str | None = None):
    """``local`` (one process; ``workers`` > 1 switches to a pool), ``pool`` or ``dask``."""
    if name == "dask":
        from storyline.engines.dask import DaskEngine

        return DaskEngine(scheduler=scheduler, workers=workers)
    if name == "pool" or (name == "local" and workers > 1):
        return PoolEngine(max(1, workers))
    if name == "local":
        return LocalEngine()
    raise ConfigError(f"unknown engine '{name}' (choose local, pool or dask)")
