"""rollout.yaml read and written item by item gives the text and the data of the whole file, and
any text the toolkit did not write is left to the whole-file reader."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.files._yaml import dump_data, load_data
from toolkit.rollout import ROLLOUT_FILE, read_rollout, update_task
from toolkit.rollout._items import dumps, loads
from toolkit.rollout._store import _HEADER

from .conftest import synthetic_plan

TRICKY = [
    "yes",
    "null",
    "2027-01-04",
    "1.0",
    "- not a list",
    "key: value # not a comment",
    "  leading and trailing  ",
    "'quoted'",
    '"double"',
    "多行\n文本",
    "a long note " * 20,
    "tab\there",
    "",
    "#hash",
    "line\u2028separator",
]

scalars = st.one_of(
    st.text(max_size=150),
    st.sampled_from(TRICKY),
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.dates(),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
items = st.dictionaries(st.sampled_from(["id", "title", "note", "owner", "due", "claims", "yes", "1"]), values)
files = st.fixed_dictionaries(
    {"vendor": scalars, "tasks": st.lists(items, max_size=4)},
    optional={"kpis": st.lists(items, max_size=3), "left_out": st.lists(scalars, max_size=2), "yes": st.lists(items)},
)


@settings(max_examples=100, deadline=None)
@given(files)
def test_written_item_by_item_the_text_is_the_whole_dump_and_reads_back_as_the_data(data):
    text = dumps(data, _HEADER)
    assert text == dump_data(data, header=_HEADER)
    for _ in range(2):  # parsed, then remembered
        read = loads(text, _HEADER)
        assert read is None or read == load_data(text)
    if set(data) <= {"vendor", "tasks", "kpis"}:
        assert loads(text, _HEADER) is not None  # the toolkit's own files take the fast road


def test_the_demo_plan_reads_item_by_item(planned_dir: Path):
    text = (planned_dir / ROLLOUT_FILE).read_text(encoding="utf-8")
    assert loads(text, _HEADER) == load_data(text)
    assert loads(text, _HEADER) is not None


def test_a_file_edited_by_hand_is_read_whole_and_the_same(tmp_path: Path):
    folder = tmp_path / "hand"
    ids = synthetic_plan(folder, 3)
    path = folder / ROLLOUT_FILE
    written = path.read_text(encoding="utf-8")
    expected = read_rollout(folder)
    edits = [
        written.replace("- id: t001\n", "# a comment between tasks\n- id: t001\n"),
        written.replace("vendor: acme\n", "vendor: 'acme'\n"),
        written.replace("\n- ", "\n  - ").replace("\n  ", "\n    ").replace("\n    - ", "\n  - "),
        written.replace("  status: todo\n", "  status: todo\n\n", 1),
        written.replace(_HEADER, "# another header\n"),
        written + "tasks: []\n",  # a duplicate key: the last one wins, as in the whole-file reader
    ]
    for text in edits:
        assert text != written
        assert loads(text, _HEADER) is None
        assert load_data(text) is not None
        path.write_text(text, encoding="utf-8")
        if text.endswith("tasks: []\n"):
            assert read_rollout(folder).tasks == []
        else:
            assert read_rollout(folder) == expected
    path.write_text(written.replace("- id: t002\n", "# moved\n- id: t002\n"), encoding="utf-8")
    update_task(folder, ids[0], status="done", by="bob")  # a save writes the toolkit's own text again
    assert loads(path.read_text(encoding="utf-8"), _HEADER) is not None


def test_dates_and_text_that_looks_like_a_date_stay_apart():
    data = {"vendor": "x", "tasks": [{"id": "a", "due": dt.date(2027, 1, 4)}, {"id": "b", "due": "2027-01-04"}]}
    text = dumps(data, _HEADER)
    assert text == dump_data(data, header=_HEADER)
    assert loads(text, _HEADER) == data
