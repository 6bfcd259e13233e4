"""The tracker app (a placeholder until its page is built)."""

from __future__ import annotations

from pathlib import Path

from ._shell import Page


class TrackerPage(Page):
    title_key = "app_tracker"

    def __init__(self, folder: Path, lang: str = "en") -> None:
        super().__init__(lang)
        self.folder = folder
        from .._engagement import load_engagement

        self.engagement = load_engagement(folder)
        self.show_title()
