"""The fast reader (`read_yaml`) and the strict one (`load_yaml`) agree on every file we ship."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.files._yaml import load_yaml, plain, read_yaml

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = sorted(
    p for top in ("toolkit", "examples", "vendor_profiles", "industry_profiles") for p in (ROOT / top).glob("**/*.yaml")
)


def _paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _paths(v, prefix + (i,))


def test_there_are_files_to_compare():
    assert len(SHIPPED) >= 25


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_same_data_positions_and_field_names(path: Path):
    fast, strict = read_yaml(path), load_yaml(path)
    assert plain(fast.data) == plain(strict.data)
    assert fast.problems == strict.problems == []
    for at in _paths(plain(strict.data)):
        assert fast.locator.position(at) == strict.locator.position(at), at
        assert fast.locator.field(at) == strict.locator.field(at)


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # duplicate key
        "a: !!python/object:os.system x\n",  # a tag
        "a: !!str 12\n",  # an explicit standard tag
        "a: [1, 2\n",  # syntax
        "when: 2026-02-30\n",  # a date that does not exist
        "flag: no\nother: on\nn: 010\n",  # YAML 1.2: text, text, a number
    ],
)
def test_unusual_input_reads_the_same(tmp_path: Path, text: str):
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    fast, strict = read_yaml(path), load_yaml(path)
    assert fast.problems == strict.problems
    assert plain(fast.data) == plain(strict.data)
