"""How fast the command line starts, as ratios to starting Python with pydantic and ruamel.yaml.

Each figure is the median wall time of at least five whole processes, run interleaved with the
anchor (`python -c "import pydantic, ruamel.yaml"`, the same interpreter) so that a machine busy
with something else slows both alike. `validate` is the repeat check a user runs after the first
(answered from the cache: files._cache); `validate --no-cache` checks everything again; both
check every bundled profile and the catalog, as `crm-toolkit validate` does with no argument.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ANCHOR = [sys.executable, "-c", "import pydantic, ruamel.yaml"]
NAMES = ("start_anchor", "help", "validate", "validate_no_cache")


def _cli() -> list[str]:
    script = Path(sys.executable).parent / "crm-toolkit"
    return [str(script)] if script.exists() else [sys.executable, "-m", "toolkit.cli"]


def _ms(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(args, capture_output=True, env=env)
    took = (time.perf_counter() - start) * 1000
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{result.stdout.decode()}{result.stderr.decode()}")
    return took


def start_figures(runs: int) -> dict[str, float]:
    """{name_ms: median, name_ratio: median / anchor median} for --help and validate."""
    runs = max(5, runs)
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "CRM_TOOLKIT_CACHE": cache}
        commands = {
            "start_anchor": ANCHOR,
            "help": [*_cli(), "--help"],
            "validate": [*_cli(), "validate"],
            "validate_no_cache": [*_cli(), "validate", "--no-cache"],
        }
        _ms(commands["validate"], env)  # the first check after an install fills the cache
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, args in commands.items():
                times[name].append(_ms(args, env))
    medians = {name: statistics.median(t) for name, t in times.items()}
    out = {f"{name}_ms": medians[name] for name in NAMES}
    for name in NAMES[1:]:
        out[f"{name}_ratio"] = medians[name] / medians["start_anchor"]
    return out
