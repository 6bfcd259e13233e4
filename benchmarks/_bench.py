"""The measuring kit of benchmarks/run.py: whole processes, calls, figures, the collector."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cli() -> list[str]:
    script = Path(sys.executable).parent / "crm-toolkit"
    return [str(script)] if script.exists() else [sys.executable, "-m", "toolkit.cli"]


def process_ms(args: list[str], runs: int) -> float:
    """Median wall time of a whole `crm-toolkit` process, start to exit."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run([*cli(), *args], capture_output=True, cwd=ROOT)
        times.append((time.perf_counter() - start) * 1000)
        if result.returncode not in (0,):
            raise SystemExit(f"crm-toolkit {' '.join(args)} failed:\n{result.stdout.decode()}{result.stderr.decode()}")
    return statistics.median(times)


def call_ms(fn: Callable[[], object], runs: int, *, batch: bool = True) -> float:
    """Median time of one call. With `batch`, a call under ~20 ms is timed in a batch of calls
    (sized by a first, untimed call) so that sub-millisecond figures are not timer noise."""
    number = 1
    if batch:
        start = time.perf_counter()
        fn()
        once = time.perf_counter() - start
        number = max(1, min(1000, int(0.02 / max(once, 1e-7))))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - start) * 1000 / number)
    return statistics.median(times)


def figure(value, unit: str = "ms", bound: float | None = None) -> dict:
    return {"value": value, "unit": unit, "bound": bound}


class Bench:
    """Collects figures; `want(name)` says whether --only asks for a figure."""

    def __init__(self, runs: int, only: list[str] | None):
        self.runs = runs
        self.only = only
        self.out: dict[str, dict] = {}
        self._engagements: dict = {}
        self._cards: dict = {}

    def want(self, *names: str) -> bool:
        return self.only is None or any(n.startswith(p) for n in names for p in self.only)

    def engagement(self, n_req: int, n_vendors: int):
        from benchmarks._synthetic import synthetic_engagement

        key = (n_req, n_vendors)
        if key not in self._engagements:
            self._engagements[key] = synthetic_engagement(n_req, n_vendors, seed=0)
        return self._engagements[key]

    def card(self, n_req: int, n_vendors: int):
        from toolkit.scoring import score

        key = (n_req, n_vendors)
        if key not in self._cards:
            self._cards[key] = score(self.engagement(n_req, n_vendors))
        return self._cards[key]
