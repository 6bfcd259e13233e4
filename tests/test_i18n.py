"""The message catalog: every file parses strictly, keys are unique, both languages present."""

from pathlib import Path

import pytest

from toolkit.files._i18n import MESSAGES_DIR, label, messages
from toolkit.files._yaml import load_yaml


@pytest.mark.parametrize("path", sorted(MESSAGES_DIR.glob("*.yaml")), ids=lambda p: p.name)
def test_message_files_parse_without_duplicates(path: Path):
    loaded = load_yaml(path)  # the strict reader reports duplicate keys as problems
    assert loaded.problems == []
    for key, entry in loaded.data.items():
        assert set(entry) == {"en", "zh"}, key
        assert entry["en"].strip() and entry["zh"].strip(), key


def test_label_falls_back_and_fills_fields():
    assert label("must", "zh") == "必做"
    assert label("must", "fr") == "Must"
    assert len(messages()) >= 300
    with pytest.raises(KeyError):
        label("no_such_message")
