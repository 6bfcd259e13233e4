"""An illustrative engagement's tables open with one line saying so: `score`, `sensitivity`,
`weights` and `what-it-takes`, en and zh; JSON stays as it is, and an engagement that is not
illustrative has no such line."""

from __future__ import annotations

import json
import shutil

import pytest

from toolkit.cli import main
from toolkit.files._i18n import label
from toolkit.model._engagement import load_engagement
from toolkit.model._illustrative import illustrative_line
from toolkit.model._profiles import demo_path

COMMANDS = [
    ["score"],
    ["sensitivity", "--samples", "200"],
    ["weights", "--samples", "200"],
    ["what-it-takes"],
]


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    """The demo without its `illustrative` block (the file's last lines)."""
    folder = tmp_path_factory.mktemp("plain") / "demo"
    shutil.copytree(demo_path(), folder)
    path = folder / "engagement.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("\nillustrative:")] + "\n", encoding="utf-8")
    assert load_engagement(folder).settings.illustrative is None
    return folder


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_the_table_opens_with_the_fiction_line(capsys, command, lang):
    assert main([command[0], str(demo_path()), *command[1:], "--lang", lang]) == 0
    lines = capsys.readouterr().out.splitlines()
    line = illustrative_line(load_engagement(demo_path()).settings.illustrative, lang)
    assert lines[:2] == [line, ""]
    assert line.startswith(label("ill_title", lang).upper()) and label("ill_what", lang) in line
    assert sum(label("ill_what", lang) in x for x in lines) == 1


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_json_and_a_plain_engagement_have_no_such_line(capsys, command, plain):
    assert main([command[0], str(demo_path()), *command[1:], "--format", "json"]) == 0
    out = capsys.readouterr().out
    json.loads(out)
    assert label("ill_what", "en") not in out
    assert main([command[0], str(plain), *command[1:]]) == 0
    out = capsys.readouterr().out
    assert label("ill_title", "en").upper() not in out and label("ill_what", "en") not in out
