"""The landing page, at the server's root `/`: pick the engagement, open one of the three apps.

It is plain HTML rendered in the server process by toolkit.apps._voila, without a kernel: a page
of links, an engagement picker (a form) and a language switch (two links) need no widget. Measured
on 2 cores (benchmarks/run.py --only first_page: whole server starts, from the command's start
until the first page is interactive, against a bare one-slider Voila page served the same way):

- the landing notebook in a preheated pool, filled at once with the three apps' pools (before):
  12.1 s against 3.2 s for the bare page, ratio 3.8;
- the landing notebook preheated alone, the apps' pools left empty, which bounds what filling
  the pools one at a time, landing page first, could give: 6.3 s, ratio 2.0. Its kernel still
  starts, imports the toolkit's page frame and runs the notebook, and the browser still loads
  Voila's frontend before the first widget shows;
- this page: 3.0 s against 3.5 s, ratio 0.87 (1.0 s of it after the server answers, while the
  apps' kernels start beside it; 7.3 s against 6.4 s, ratio 1.13, with other test suites running
  on the machine). No kernel pool is spent on the landing page any more.

The engagement comes from the request exactly as on the app pages: `?engagement=NAME` may only
name a folder directly under the engagements root (`_shell.resolve_engagement` refuses anything
else, and the refusal is shown on the page); `?lang=zh` shows the page in Chinese.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlencode

from ..files._i18n import LANGS, label
from ..files._problems import ToolkitError
from ..files._yaml import read_data
from ._illustrative import banner_html
from ._shell import CSS, DEFAULT_ENV, app_link, engagement_names, escape, problems_html, resolve_engagement

APPS = ("workshop", "scorecard", "tracker")


def _settings(roots: list[Path], name: str) -> dict:
    """engagement.yaml as read, unvalidated ({} when it cannot be read)."""
    try:
        data = read_data(resolve_engagement(name, roots) / "engagement.yaml") or {}
    except Exception:  # noqa: BLE001 - a broken file still gets listed; its app says what is wrong
        data = {}
    return data if isinstance(data, dict) else {}


def _client(roots: list[Path], name: str, lang: str) -> str:
    data = _settings(roots, name)
    client = data.get("client")
    shown = f"{name} · {client}" if client else name
    return f"{shown} · {label('ill_title', lang)}" if data.get("illustrative") else shown


def _choose(root: list[Path], names: list[str], asked: str | None, lang: str) -> tuple[str | None, str]:
    """(the engagement to link, the message to show): the one asked for if it is allowed, else the
    server's default, else the first one."""
    message = ""
    if asked:
        try:
            resolve_engagement(asked, root, lang)
            if asked in names:
                return asked, ""
            message = problems_html([label("app_not_found", lang, name=asked)], lang)
        except ToolkitError as error:
            message = problems_html([str(error)], lang)
    default = os.environ.get(DEFAULT_ENV)
    chosen = default if default in names else (names[0] if names else None)
    return chosen, message


def _query(engagement: str | None, lang: str) -> str:
    return "?" + urlencode({"engagement": engagement, "lang": lang} if engagement else {"lang": lang})


def landing_html(root: Path | Sequence[Path] | None, params: dict[str, str], *, apps: Sequence[str] = APPS) -> str:
    """The whole landing page for one request's parameters (`engagement`, `lang`): the engagements
    of every root (the consultant's own folder, then shared ones), a card for each of `apps`."""
    roots = [] if root is None else [root] if isinstance(root, Path) else list(root)
    asked = params.get("lang")
    lang = asked if asked is not None and asked in LANGS else "en"
    names = engagement_names(roots) if roots else []
    chosen, message = _choose(roots, names, params.get("engagement"), lang)
    if not roots:
        message += problems_html([label("app_no_root", lang)], lang)
    elif not names:
        message += f'<div class="crm-warning">{escape(label("app_no_engagements", lang, root=roots[0]))}</div>'
    switch = "".join(
        f'<a class="crm-lang-{code}{" crm-lang-on" if code == lang else ""}" href="{escape(_query(chosen, code))}"'
        f"{' aria-current=page' if code == lang else ''}>{escape(label('app_lang_name', code))}</a>"
        for code in LANGS
    )
    body = banner = ""
    if roots and chosen is not None:
        banner = banner_html(_settings(roots, chosen).get("illustrative"), lang)  # under the title
        options = "".join(
            f'<option value="{escape(n)}"{" selected" if n == chosen else ""}>'
            f"{escape(_client(roots, n, lang))}</option>"
            for n in names
        )
        cards = "".join(
            f'<a class="crm-card crm-card-{app}" href="{escape("voila/render/" + app_link(app, chosen, lang))}">'
            f'<div class="crm-card-title">{escape(label(f"app_{app}", lang))}</div>'
            f'<div class="crm-card-text">{escape(label(f"app_{app}_about", lang))}</div>'
            f'<div class="crm-card-open">{escape(label("app_open", lang))} →</div></a>'
            for app in apps
        )
        body = (
            f'<p class="crm-note">{escape(label("app_landing_intro", lang))}</p>'
            f'<form class="crm-engagement" method="get" action="">'
            f"<label>{escape(label('app_engagement', lang))} "
            f'<select name="engagement" onchange="this.form.submit()">{options}</select></label>'
            f'<input type="hidden" name="lang" value="{lang}">'
            f'<noscript><button type="submit">{escape(label("app_open", lang))}</button></noscript></form>'
            f'<div class="crm-cards">{cards}</div>'
        )
    title = escape(label("app_landing_title", lang))
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>'
        f"{CSS}{_PAGE_CSS}</head><body>"
        f'<div class="crm-page"><div class="crm-header"><div class="crm-title">{title}</div>'
        f'<nav class="crm-lang">{switch}</nav></div>{banner}<div class="crm-message">{message}</div>{body}</div>'
        "</body></html>\n"
    )


_PAGE_CSS = """<style>
body { margin: 0; background: #f7f8fa; }
.crm-page { background: #fff; min-height: 100vh; box-sizing: border-box; }
.crm-lang { display: flex; }
.crm-lang a { padding: 6px 0; width: 72px; text-align: center; border: 1px solid #c4ccd6; color: #1f3a5f;
  text-decoration: none; font-size: 14px; background: #eef1f4; }
.crm-lang a + a { border-left: none; }
.crm-lang a.crm-lang-on { background: #1f3a5f; color: #fff; }
.crm-engagement { margin-top: 12px; font-size: 15px; }
.crm-engagement select { width: 480px; max-width: 100%; font: inherit; padding: 4px 6px; margin-left: 8px; }
.crm-cards { display: flex; gap: 20px; margin-top: 18px; flex-wrap: wrap; }
.crm-card { flex: 1 1 300px; display: block; border: 1px solid #d9dee4; border-top: 5px solid #1f3a5f;
  border-radius: 6px; padding: 18px 20px; color: #1d2733; text-decoration: none; background: #fff; }
.crm-card:hover { box-shadow: 0 2px 10px rgba(31,58,95,.18); }
.crm-card-title { font-size: 20px; font-weight: 700; color: #1f3a5f; margin-bottom: 8px; }
.crm-card-text { font-size: 15px; line-height: 1.5; min-height: 4.5em; }
.crm-card-open { margin-top: 12px; font-weight: 600; color: #1f3a5f; }
</style>"""
