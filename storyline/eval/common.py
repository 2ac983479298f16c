"""Small helpers shared by the evaluation modules: finding data, timing, printing a table."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from storyline.errors import EvalDataError


def shared_eval_dir() -> Path:
    """Where the shared evaluation data lives in a development checkout (``../shared/eval``).

    Only a default: every ``evaluate`` takes the dataset folder as an argument.
    """
    return Path(__file__).resolve().parents[3] / "shared" / "eval"


def require(data: Path, *names: str, dataset: str) -> Path:
    """Check that ``data`` is a folder holding ``names``; raise :class:`EvalDataError` if not.

    The message names the folder, what is missing and the layout expected, so a user who
    pointed at the wrong folder knows what to do.
    """
    data = Path(data)
    if not data.is_dir():
        raise EvalDataError(f"{data}: no such folder (expected the {dataset} data set)")
    missing = [n for n in names if not (data / n).exists()]
    if missing:
        raise EvalDataError(
            f"{data}: not the {dataset} layout (missing {', '.join(missing)}); "
            f"point --data at the folder that holds {', '.join(names)}"
        )
    return data


def prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts; 0.0 where a ratio is undefined."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


class Stopwatch:
    """CPU-independent wall-clock timer for "articles per second" figures."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._t0: float | None = None

    def __enter__(self) -> Stopwatch:
        self._t0 = time.perf_counter()
        return self

    def __exit__(self, *exc: Any) -> None:
        assert self._t0 is not None
        self.seconds += time.perf_counter() - self._t0
        self._t0 = None


def format_table(rows: Iterable[Sequence[Any]], header: Sequence[str]) -> str:
    """A plain-text table with right-aligned numbers (floats to 3 decimals)."""

    def cell(v: Any) -> str:
        if isinstance(v, float):
            return f"{v:.3f}"
        return "" if v is None else str(v)

    body = [[cell(v) for v in row] for row in rows]
    widths = [len(h) for h in header]
    for row in body:
        for i, c in enumerate(row):
            widths[i] = max(widths[i], len(c))
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths))]
    lines.append("  ".join("-" * w for w in widths))
    for row in body:
        lines.append("  ".join(c.rjust(w) if _numeric(c) else c.ljust(w) for c, w in zip(row, widths)))
    return "\n".join(lines)


def _numeric(s: str) -> bool:
    try:
        float(s)
    except ValueError:
        return False
    return True
