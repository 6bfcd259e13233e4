"""The type checker over the whole package, as pyproject.toml's [tool.mypy] configures it: strict on
the files layer, the data model and the method packages, mypy's defaults (plus check_untyped_defs)
on the reports, the apps and the command line. A fresh cache each run, so no stale result passes."""

from __future__ import annotations

from pathlib import Path

from mypy import api

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_finds_no_error(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)  # the config's `files` and module patterns are relative to the checkout
    out, err, status = api.run(
        ["--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(tmp_path / "mypy"), "--no-color-output"]
    )
    assert status == 0, f"mypy exited {status}:\n{out}{err}"
    assert "Success: no issues found" in out, out + err
