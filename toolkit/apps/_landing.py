"""The landing page: pick the engagement, open one of the three apps."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from ..files._i18n import label
from ..files._yaml import read_data
from ._shell import Page, app_link, engagement_names, engagements_root, escape, request_lang, request_params

APPS = ("workshop", "scorecard", "tracker")


def _client(root: Path, name: str) -> str:
    try:
        data = read_data(root / name / "engagement.yaml") or {}
    except Exception:  # noqa: BLE001 - a broken file still gets listed; its app says what is wrong
        data = {}
    client = data.get("client") if isinstance(data, dict) else None
    return f"{name} · {client}" if client else name


class LandingPage(Page):
    title_key = "app_landing_title"

    def __init__(self, lang: str = "en", engagement: str | None = None) -> None:
        super().__init__(lang)
        self.root = engagements_root()
        names = engagement_names(self.root)
        options = [(_client(self.root, n), n) for n in names] if self.root else []
        self.choice = w.Dropdown(options=options, layout=w.Layout(width="480px"))
        if engagement in names:
            self.choice.value = engagement
        self.choice.add_class("crm-engagement")
        self.choice.observe(self.guard(lambda _: self.relabel()), "value")
        self.intro = w.HTML()
        self.cards = w.HTML()
        self.body.children = [self.intro, self.choice, self.cards]
        self.show_title()
        self.relabel()

    def self_check(self) -> None:
        assert self.choice.options, "no engagement to offer"
        assert self.cards.value.count('class="crm-card ') == len(APPS)

    def relabel(self) -> None:
        lang = self.lang
        self.choice.description = label("app_engagement", lang)
        if not self.choice.options:
            self.intro.value = ""
            self.say(label("app_no_engagements", lang, root=self.root), "warning")
            self.cards.value = ""
            return
        self.intro.value = f'<p class="crm-note">{escape(label("app_landing_intro", lang))}</p>'
        cards = []
        for app in APPS:
            href = app_link(app, self.choice.value, lang)
            cards.append(
                f'<a class="crm-card crm-card-{app}" href="{escape(href)}" target="_self">'
                f'<div class="crm-card-title">{escape(label(f"app_{app}", lang))}</div>'
                f'<div class="crm-card-text">{escape(label(f"app_{app}_about", lang))}</div>'
                f'<div class="crm-card-open">{escape(label("app_open", lang))} →</div></a>'
            )
        self.cards.value = _CARD_CSS + f'<div class="crm-cards">{"".join(cards)}</div>'


_CARD_CSS = """<style>
.crm-cards { display: flex; gap: 20px; margin-top: 18px; flex-wrap: wrap; }
.crm-card { flex: 1 1 300px; display: block; border: 1px solid #d9dee4; border-top: 5px solid #1f3a5f;
  border-radius: 6px; padding: 18px 20px; color: #1d2733; text-decoration: none; background: #fff; }
.crm-card:hover { box-shadow: 0 2px 10px rgba(31,58,95,.18); }
.crm-card-title { font-size: 20px; font-weight: 700; color: #1f3a5f; margin-bottom: 8px; }
.crm-card-text { font-size: 15px; line-height: 1.5; min-height: 4.5em; }
.crm-card-open { margin-top: 12px; font-weight: 600; color: #1f3a5f; }
</style>"""


def landing_page() -> LandingPage:
    """The landing page for this request (`?engagement=&lang=`)."""
    params = request_params()
    return LandingPage(request_lang(params), params.get("engagement"))
