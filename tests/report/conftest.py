"""The demo engagement, copied so no test writes into examples/, and its report inputs."""

from __future__ import annotations

import datetime as dt
import shutil
from html.parser import HTMLParser

import pytest

from toolkit.model._engagement import load_engagement
from toolkit.model._profiles import demo_path
from toolkit.scoring import score, sensitivity

TODAY = dt.date(2026, 11, 24)
SAMPLES = 1000


@pytest.fixture
def demo_copy(tmp_path):
    target = tmp_path / "demo"
    shutil.copytree(demo_path(), target)
    return target


@pytest.fixture(scope="module")
def demo():
    """(engagement, scorecard, sensitivity) of the demo; read only."""
    engagement = load_engagement(demo_path())
    card = score(engagement)
    return engagement, card, sensitivity(card, samples=SAMPLES, seed=0)


class _Tables(HTMLParser):
    """Every table of a page as (heading of its section, class, rows of cell texts)."""

    def __init__(self):
        super().__init__()
        self.tables: list[tuple[str, str, list[list[str]]]] = []
        self.heading = ""
        self._in_h2 = False
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "h2":
            self._in_h2, self.heading = True, ""
        elif tag == "table":
            self.tables.append((self.heading, dict(attrs).get("class", ""), []))
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "h2":
            self._in_h2 = False
        elif tag in ("td", "th") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1][2].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._in_h2:
            self.heading += data
        if self._cell is not None:
            self._cell.append(data)


def tables(page: str) -> list[tuple[str, str, list[list[str]]]]:
    parser = _Tables()
    parser.feed(page)
    return parser.tables


def table_under(page: str, heading: str, index: int = 0) -> list[list[str]]:
    """The rows of the `index`-th table of the section whose heading contains `heading`."""
    found = [rows for head, _, rows in tables(page) if heading in head]
    return found[index]
