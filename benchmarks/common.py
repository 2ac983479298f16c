"""Helpers shared by the benchmarks: picking input files, running a command while
sampling the memory of its whole process tree, describing the machine."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_EVAL = ROOT.parent / "shared" / "eval"


def t17_files(data: Path, limit: int | None = None) -> list[Path]:
    """The article files of a Timeline17 layout (``*/InputDocs/<date>/*``), an even spread
    of ``limit`` of them when given (so every story and outlet is in a sample)."""
    files = sorted(p for p in Path(data).glob("*/InputDocs/*/*") if p.is_file())
    if not files:
        sys.exit(f"{data}: no */InputDocs/<date>/* files (point --data at shared/eval/t17-dev)")
    if limit and limit < len(files):
        step = len(files) / limit
        files = [files[int(i * step)] for i in range(limit)]
    return files


def machine() -> str:
    """One line: CPU model, cores, memory, Python."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        import psutil

        mem = f", {psutil.virtual_memory().total / 2**30:.0f} GiB RAM"
    except ImportError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{cpu}, {os.cpu_count()} cores{mem}, Python {platform.python_version()}, load average {load:.1f} at start"


def measure(cmd: list[str], *, cwd: Path = ROOT, env: dict | None = None, interval: float = 0.2) -> dict:
    """Run ``cmd``; return wall seconds, peak RSS of the process and all its children
    summed (MiB, sampled every ``interval`` s), exit code and the tail of stderr."""
    import resource

    import psutil

    # CPU time of every finished descendant: less sensitive to other jobs on the machine than wall time.
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ps = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            procs = [ps, *ps.children(recursive=True)]
            rss = 0
            for p in procs:
                try:
                    rss += p.memory_info().rss
                except psutil.Error:
                    pass
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(interval)
    out, err = proc.communicate()
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    return {"seconds": time.perf_counter() - t0, "peak_mib": peak / 2**20, "returncode": proc.returncode,
            "cpu_seconds": cpu,
            "stdout": out, "stderr": err[-2000:]}
