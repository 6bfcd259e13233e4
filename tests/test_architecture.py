"""The architecture of docs/architecture.md, enforced: layers that import only downward, no cycle
anywhere, a package root nothing inside imports, small modules, and the files layer and the data
model free of the heavy libraries (checking a file never loads pandas or matplotlib)."""

from __future__ import annotations

from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
MAX_LINES = 400
HEAVY = ("pandas", "numpy", "matplotlib", "openpyxl", "scipy", "ipywidgets", "voila", "icalendar")


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph("toolkit", include_external_packages=True, cache_dir=None)


def test_the_import_contracts_hold(capsys):
    """import-linter's layers and acyclic-siblings contracts in pyproject.toml (imports inside
    functions and under TYPE_CHECKING count)."""
    from importlinter.cli import lint_imports

    code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    out = capsys.readouterr().out
    assert code == 0, out[-4000:]
    assert "0 broken" in out


def test_nothing_inside_imports_the_package_root(graph):
    assert sorted(graph.find_modules_that_directly_import("toolkit")) == []


@pytest.mark.parametrize("layer", ["toolkit.files", "toolkit.model"])
def test_the_lower_layers_never_import_a_heavy_library(graph, layer):
    light_modules = {m for m in graph.find_descendants(layer) if not m.endswith(("._sheets", "._chartstyle"))}
    found = []
    for module in sorted(light_modules | {layer}):
        for imported in graph.find_modules_directly_imported_by(module):
            if imported.split(".")[0] in HEAVY:
                found.append(f"{module} -> {imported}")
    assert found == []


def test_no_module_is_over_400_lines():
    long = {
        str(p.relative_to(ROOT)): n
        for p in (ROOT / "toolkit").rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
