"""What the scorecard's panels (controls, rating override, robustness, report) need of the page
that holds them: a Protocol, so the panels depend on this small shape and never on the page
module, which builds them (no import cycle, not even one for types)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol

import ipywidgets as w

from ..model._engagement import Engagement
from ..scoring import Scorecard
from ._scorecard_store import Scenario


class ScorecardHost(Protocol):
    folder: Path
    lang: str
    disk: Engagement  # the engagement as saved
    scenario: Scenario  # the what-if on top of it
    engagement: Engagement  # the two together, as scored
    card: Scorecard

    def guard(self, callback: Callable[..., Any]) -> Callable[..., Any]: ...
    def quiet(self) -> AbstractContextManager[None]: ...
    def vendor_name(self, vendor: str) -> str: ...
    def mark_stale(self, tab: str) -> None: ...
    def reload(self) -> None: ...
    def show_problems_in(self, target: w.HTML, error: BaseException) -> None: ...
    def on_weight(self, criterion: str, value: int) -> None: ...
    def on_compare(self, vendor: str, ticked: bool) -> None: ...
    def on_edition(self, vendor: str, old: str, new: str) -> None: ...
    def on_save(self, _button: object = None) -> None: ...
    def on_revert(self, _button: object = None) -> None: ...
