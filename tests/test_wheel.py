"""The bundled profiles, catalog and demo are found when installed from a built wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_carries_the_data_and_works_outside_the_checkout(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    [wheel] = dist.glob("crm_toolkit-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "toolkit/catalog/capabilities.yaml" in names
    assert "toolkit/vendor_profiles/salesforce.yaml" in names
    assert "toolkit/industry_profiles/manufacturing.yaml" in names
    assert "toolkit/examples/demo-manufacturer/engagement.yaml" in names
    assert {f"toolkit/notebooks/{n}.ipynb" for n in ("workshop", "scorecard", "tracker")} <= set(names)
    assert "toolkit/catalog/messages/rollout.yaml" in names and "toolkit/catalog/tasks.yaml" in names
    live = ("common.js", "ballot.js", "room.js", "wall.js", "live.css", "wall.css")  # the live pages' assets
    assert {f"toolkit/apps/live/{n}" for n in live} <= set(names)

    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    code = (
        "import toolkit, toolkit.cli, sys;"
        "print(toolkit.__file__);"
        "print(len(toolkit.vendor_profiles()), len(toolkit.industry_profiles()));"
        "from toolkit.apps._serve import notebooks_dir; print(notebooks_dir());"
        "sys.exit(toolkit.cli.main(['validate']) or toolkit.cli.main(['demo']))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    first, counts, notebooks = result.stdout.splitlines()[:3]
    assert first.startswith(str(site))
    assert counts == "10 9"
    assert notebooks == str(site / "toolkit" / "notebooks")
    assert str(site / "toolkit" / "examples" / "demo-manufacturer") in result.stdout
