"""What a run is doing, told on standard error the way pip and datasette tell it.

A run goes through stages: read (find the inputs), analyse (read, clean and annotate each
input), group, build stories, write. On a terminal each stage gets a progress bar with its
count, its total when known and the time left (drawn by rich, the library pip itself uses,
already installed with spaCy); when stderr is a file or a pipe, a log cannot hold a moving
bar, so each finished stage writes one line instead; with ``--quiet``, nothing.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

def counted(n: int, noun: str, nouns: str | None = None) -> str:
    """``n`` and the noun in the number that agrees with it: "1 story", "2 stories", "0 inputs"."""
    return f"{n:,} {noun if n == 1 else (nouns or noun + 's')}"


def duration(seconds: float) -> str:
    """A stage's time as a person reads it: "0.4 s", "3 min 05 s"."""
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, secs = divmod(int(round(seconds)), 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


class _Stage:
    __slots__ = ("name", "total", "unit", "units", "items", "count", "position", "extra", "start", "task")

    def __init__(self, name: str, total: int | None, unit: str | None, units: str | None, items: str | None):
        self.name, self.total, self.unit, self.units, self.items = name, total, unit, units, items
        self.count = 0  # ticks
        self.position = 0  # how far into ``total``: the ticks, unless they count ``items`` shown beside
        self.extra: dict[str, int] = {items: 0} if items else {}  # other counts shown beside ("article": 340)
        self.start = time.monotonic()
        self.task = None

    def what(self) -> str:
        """The stage's counts in words: "5 inputs, 5 articles"."""
        parts = []
        if self.unit:
            parts.append(counted(self.total if self.total is not None else self.position, self.unit, self.units))
        parts += [counted(n, noun) for noun, n in self.extra.items()]
        return ", ".join(parts)


class Progress:
    """Progress of a run on stderr: a bar per stage on a terminal, a line per finished
    stage otherwise, nothing when not ``enabled``.

    Callers mark stages with :meth:`stage` and count with :meth:`tick` (one item done) and
    :meth:`reach` (how far into the stage's total, when the ticks count something else:
    articles while the total is of inputs, as one input may hold many). A disabled Progress still counts
    (``n``), so the web app's job page can subclass it and read the same ticks.
    ``stream`` and ``terminal`` exist for tests: by default stderr, and whether it is a terminal.
    """

    def __init__(self, enabled: bool, label: str = "articles", *, stream: TextIO | None = None,
                 terminal: bool | None = None):
        self.label = label
        self.n = 0
        self.start = time.time()
        self.stream = stream if stream is not None else sys.stderr
        self.terminal = _isatty(self.stream) if terminal is None else terminal
        self.mode = None if not enabled else ("bar" if self.terminal else "log")
        self.enabled = self.mode is not None
        self.current: _Stage | None = None
        self.then: tuple[str, str | None, str | None] | None = None
        self._bar = None

    # ------------------------------------------------------------------ what callers use

    def stage(self, name: str, total: int | None = None, unit: str | None = None, units: str | None = None, *,
              items: str | None = None, then: tuple[str, str | None, str | None] | None = None) -> None:
        """Finish the current stage and start ``name``: ``total`` items of ``unit`` when known.

        With ``items``, ticks count those (shown beside) and :meth:`reach` moves the stage on.

        ``then`` is (name, unit, units) of a stage that starts at the first tick: for a step
        run by code that only ticks (grouping, then building stories one tick per story).
        """
        self._finish()
        self.current = _Stage(name, total, unit, units, items)
        self.then = then
        if self.mode == "bar":
            self.current.task = self._bar_started().add_task(name, total=total, count=self._count_text(self.current))

    def tick(self, n: int = 1) -> None:
        """``n`` more items of the current stage are done."""
        self.n += n
        if self.then is not None:
            name, unit, units = self.then
            self.stage(name, None, unit, units)
        st = self.current
        if st is None:
            return
        st.count += n
        if st.items:
            st.extra[st.items] = st.count
        else:
            st.position += n
        self._show(st)

    def reach(self, position: int, **extra: int) -> None:
        """The current stage is ``position`` items into its total; ``extra`` are counts shown beside."""
        st = self.current
        if st is None:
            return
        st.position = position
        st.extra.update(extra)
        self._show(st)

    def done(self) -> None:
        """Finish the last stage and release the terminal."""
        self._finish()
        self.close()

    def close(self) -> None:
        """Release the terminal, leaving an unfinished stage as it stood (after an error or Ctrl-C)."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    # ------------------------------------------------------------------ drawing

    def _finish(self) -> None:
        st, self.current, self.then = self.current, None, None
        if st is None or self.mode is None:
            return
        if self.mode == "log":
            what = st.what()
            took = duration(time.monotonic() - st.start)
            self.stream.write(f"{st.name}: {what} ({took})\n" if what else f"{st.name}: {took}\n")
            self.stream.flush()
        elif self._bar is not None:
            total = st.total if st.total is not None else st.position
            self._bar.update(st.task, total=total, completed=total, count=self._count_text(st, final=True))
            self._bar.stop_task(st.task)

    def _show(self, st: _Stage) -> None:
        if self.mode == "bar":
            self._bar.update(st.task, completed=st.position, count=self._count_text(st))

    @staticmethod
    def _count_text(st: _Stage, final: bool = False) -> str:
        if not st.unit:
            return ""
        done = st.total if final and st.total is not None else st.position
        text = (f"{st.position:,}/{counted(st.total, st.unit, st.units)}" if st.total is not None and not final
                else counted(done, st.unit, st.units))
        for noun, n in st.extra.items():
            text += f" · {counted(n, noun)}"
        return text

    def _bar_started(self):
        if self._bar is None:
            from rich.console import Console
            from rich.progress import BarColumn, TextColumn
            from rich.progress import Progress as Bars

            console = Console(file=self.stream, force_terminal=self.terminal, stderr=self.stream is sys.stderr)
            real = self.stream is sys.__stderr__ or self.stream is sys.stderr
            self._bar = Bars(TextColumn("{task.description:<14}"), BarColumn(bar_width=30, finished_style="green"),
                             TextColumn("{task.fields[count]}"), _time_column(), console=console,
                             redirect_stdout=real, redirect_stderr=real)
            self._bar.start()
        return self._bar


def _time_column():
    """Time left while a stage with a known total runs; the time it took once it is done."""
    from rich.progress import ProgressColumn
    from rich.text import Text

    class TimeColumn(ProgressColumn):
        def render(self, task) -> Text:
            if task.finished:
                return Text(duration(task.finished_time or 0.0), style="progress.elapsed")
            if task.total is None:
                return Text(duration(task.elapsed or 0.0), style="progress.elapsed")
            left = task.time_remaining
            return Text("… left" if left is None else f"{duration(left)} left", style="progress.remaining")

    return TimeColumn()
