"""The package root is the public API a notebook user needs, imported on first use, so that
`import toolkit` and the command line start without the heavy libraries."""

from __future__ import annotations

import subprocess
import sys

import toolkit


def test_every_public_name_resolves_and_is_listed_once():
    assert toolkit.__all__ == sorted(set(toolkit.__all__))
    assert {
        "score",
        "Scorecard",
        "sensitivity",
        "rank_acceptability",
        "weight_stability",
        "generate_plan",
        "save_plan",
        "rollout_status",
        "update_task",
        "load_engagement",
        "validate",
    } <= set(toolkit.__all__)
    for name in toolkit.__all__:
        assert getattr(toolkit, name) is not None, name


def test_the_api_scores_and_plans_the_demo(tmp_path):
    import shutil

    from toolkit.model._profiles import demo_path

    folder = tmp_path / "demo"
    shutil.copytree(demo_path(), folder)
    engagement = toolkit.load_engagement(folder)
    card = toolkit.score(engagement)
    assert isinstance(card, toolkit.Scorecard) and card.ranked[0] == "jiandaoyun"
    assert toolkit.generate_plan(engagement).vendor == "jiandaoyun"


def _imported_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}; import sys; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {m.split(".")[0] for m in out.split()}


def test_import_toolkit_and_the_command_line_load_no_heavy_library():
    heavy = {"pandas", "numpy", "matplotlib", "openpyxl", "scipy", "ipywidgets", "voila"}
    assert _imported_after("import toolkit") & (heavy | {"pydantic", "ruamel", "yaml"}) == set()
    assert _imported_after("import toolkit.cli; toolkit.cli.build_parser()") & (heavy | {"pydantic"}) == set()
