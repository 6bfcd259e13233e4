"""The answers into evaluations.yaml text, and the folder checked with that text before a write."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from ..files._problems import Problem
from ..files._yaml import dump_yaml, load_yaml
from ..model._engagement import check_replaced
from ..model._files import EVALUATIONS_FILE
from ..model.schema import QUOTE_FIELDS
from ..requirements_matrix._sheet_import import _update_map
from ._layout import Answers

_ENTRY_ORDER = ["rating", "support", *QUOTE_FIELDS, "evidence", "date", "by"]


def merged_evaluations_yaml(path: Path, answers: Answers) -> str:
    """evaluations.yaml text with the answers merged in: an answer replaces the same key whole,
    in place, so every other entry and every comment stays."""
    doc = load_yaml(path).data if path.exists() else None
    if not isinstance(doc, CommentedMap):
        doc = CommentedMap()
        doc.yaml_set_start_comment("Evidence the engagement saw itself (METHOD.md §3); RFP answers by crm-toolkit.")
    for vendor, entries in answers.items():
        if not isinstance(doc.get(vendor), CommentedMap):
            doc[vendor] = CommentedMap()
        for key, entry in entries.items():
            entry = {k: _fresh(v) for k, v in sorted(entry.items(), key=lambda kv: _ENTRY_ORDER.index(kv[0]))}
            if isinstance(doc[vendor].get(key), CommentedMap):
                _update_map(doc[vendor][key], entry, _ENTRY_ORDER)
            else:
                value = CommentedMap(entry.items())
                value.fa.set_flow_style()
                doc[vendor][DoubleQuotedScalarString(key) if ":" in key else key] = value
    return dump_yaml(doc)


def _fresh(value: Any) -> Any:
    """A date object of its own, so that the dumper writes no &anchor / *alias for shared ones."""
    return dt.date.fromordinal(value.toordinal()) if isinstance(value, dt.date) else value


def validate_with(folder: Path, text: str) -> list[Problem]:
    """The folder's errors were evaluations.yaml `text`: checked on a copy, nothing written."""
    return [
        dataclasses.replace(p, message=f"after import: {p.message}")
        for p in check_replaced(folder, {EVALUATIONS_FILE: text})
    ]
