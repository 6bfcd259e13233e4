"""The demo's JSON outputs, pinned byte for byte: moving code around must not change a number.

The files in tests/golden/ were written by the command line before the layout and import-graph
rework (issue 12); a deliberate change of output rewrites them and says why in its commit.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from toolkit.cli import main

GOLDEN = Path(__file__).parent / "golden"

#: golden file -> the command's arguments after the engagement folder, in the order they run
#: (plan writes rollout.yaml, which status reads)
COMMANDS = {
    "score.json": ["score", "{dir}", "--format", "json"],
    "sensitivity.json": ["sensitivity", "{dir}", "--seed", "1", "--format", "json"],
    "requirements.json": ["requirements", "{dir}", "--format", "json"],
    "plan.json": ["plan", "{dir}", "--format", "json"],
    "status.json": ["status", "{dir}", "--today", "2026-12-03", "--format", "json"],
    "status-late.json": ["status", "{dir}", "--today", "2027-03-15", "--format", "json"],
}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, str]:
    from toolkit.model._profiles import demo_path

    folder = tmp_path_factory.mktemp("golden") / "demo"
    shutil.copytree(demo_path(), folder)
    return {name: _run(args, folder) for name, args in COMMANDS.items()}


def _run(args: list[str], folder: Path) -> str:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert main([a.format(dir=folder) for a in args]) == 0
    return out.getvalue().replace(str(folder), "DIR")


@pytest.mark.parametrize("name", list(COMMANDS))
def test_demo_json_is_unchanged(outputs, name):
    assert outputs[name] == (GOLDEN / name).read_text(encoding="utf-8")
