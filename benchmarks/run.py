#!/usr/bin/env python3
"""The toolkit's performance figures, one line each: `name  value unit  (bound)`.

    python benchmarks/run.py          # a table
    python benchmarks/run.py --json   # {"name": {"value": v, "unit": "ms", "bound": b}}

Figures are medians of repeated runs on this machine. Bounds come from the issues; a figure
over its bound is marked, but this script never fails a build: timing belongs here, not in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _cli() -> list[str]:
    script = Path(sys.executable).parent / "crm-toolkit"
    return [str(script)] if script.exists() else [sys.executable, "-m", "toolkit.cli"]


def _process_ms(args: list[str], runs: int) -> float:
    """Median wall time of a whole `crm-toolkit` process, start to exit."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run([*_cli(), *args], capture_output=True, cwd=ROOT)
        times.append((time.perf_counter() - start) * 1000)
        if result.returncode not in (0,):
            raise SystemExit(f"crm-toolkit {' '.join(args)} failed:\n{result.stdout.decode()}{result.stderr.decode()}")
    return statistics.median(times)


def _call_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def figures(runs: int) -> dict[str, dict]:
    sys.path.insert(0, str(ROOT))
    from toolkit import load_engagement
    from toolkit._profiles import demo_path
    from toolkit.requirements_matrix import export_xlsx, import_sheet

    out: dict[str, dict] = {}
    out["validate_all_profiles_process"] = {"value": _process_ms(["validate"], runs), "unit": "ms", "bound": 1000}
    out["validate_demo_process"] = {"value": _process_ms(["validate", str(demo_path())], runs), "unit": "ms",
                                    "bound": None}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "demo"
        shutil.copytree(demo_path(), folder)
        sheet = Path(tmp) / "w.xlsx"
        requirements = load_engagement(folder).requirements
        out["requirements_xlsx_export"] = {
            "value": _call_ms(lambda: export_xlsx(requirements, sheet), runs), "unit": "ms", "bound": None}
        out["requirements_xlsx_import"] = {
            "value": _call_ms(lambda: import_sheet(folder, sheet), runs), "unit": "ms", "bound": None}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="one JSON object instead of lines")
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "7")))
    args = parser.parse_args(argv)
    results = figures(args.runs)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    width = max(len(k) for k in results)
    for name, fig in results.items():
        bound = f"  (< {fig['bound']} {fig['unit']})" if fig["bound"] is not None else ""
        over = "  OVER BOUND" if fig["bound"] is not None and fig["value"] > fig["bound"] else ""
        print(f"{name:<{width}}  {fig['value']:.1f} {fig['unit']}{bound}{over}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
