"""The live workshop's three browser pages (docs/live-workshop.md): the ballot a stakeholder votes
on, the room page where a participant picks their name, and the wall the consultant projects.

Each is one self-contained HTML document (the machine may be offline: no framework, no CDN), made
in the server process without a kernel as the landing page is. The page is a frame; the scripts in
`apps/live/` speak the HTTP API and draw the rest. Every visible text comes from the catalog
(`catalog/messages/app_live.yaml`, the grade words of core.yaml), handed to the script as one JSON
object, so the scripts hold no English or Chinese.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from ..files._i18n import LANGS, label, messages
from ._illustrative import banner_html
from ._shell import CSS, escape

ASSETS = Path(__file__).resolve().parent / "live"
#: the catalog keys the pages use besides the `live_` ones: grade words and language names
SHARED_KEYS = ("must", "could", "wont")
KINDS = ("ballot", "room", "wall")


@cache
def asset(name: str) -> str:
    """One of the pages' scripts or style sheets, read once per process."""
    return (ASSETS / name).read_text(encoding="utf-8")


def texts(lang: str) -> dict[str, str]:
    """Every text a live page shows, in `lang`."""
    keys = [key for key in messages() if key.startswith("live_") and not key.startswith("live_api_")] + list(
        SHARED_KEYS
    )
    return {key: label(key, lang) for key in sorted(keys)}


def _script_json(data: object) -> str:
    """JSON safe inside a <script> element (no `</script>`, no HTML comment opener)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _page(kind: str, engagement: str, lang: str, readonly: bool = False, illustrative: object = None) -> str:
    lang = lang if lang in LANGS else "en"
    title = escape(label(f"live_{kind}_title", lang))
    config = {"kind": kind, "engagement": engagement, "lang": lang, "readonly": readonly, "t": texts(lang)}
    switch = "".join(
        f'<a data-lang="{code}" class="crm-lang-{code}{" crm-lang-on" if code == lang else ""}" href="?lang={code}"'
        f"{' aria-current=page' if code == lang else ''}>{escape(label('app_lang_name', code))}</a>"
        for code in LANGS
    )
    client = escape(engagement) if kind == "wall" else ""
    layout = "live-wide" if kind == "wall" else "live-phone"
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer"><link rel="icon" href="data:,">'
        f"<title>{title}</title>{CSS}<style>{asset('live.css')}{asset('wall.css') if kind == 'wall' else ''}</style>"
        f'</head><body class="live {layout} live-{kind}{" live-readonly" if readonly else ""}"><div class="crm-page">'
        f'<header class="crm-header"><div class="live-heading"><h1 class="crm-title">{title}</h1>'
        f'<div class="crm-subtitle"><span id="live-who" class="live-who"></span> '
        f'<span id="live-client" class="live-client">{client}</span></div></div>'
        f'<nav class="crm-lang">{switch}</nav></header>'
        f"{banner_html(illustrative, lang, short=kind != 'wall')}"  # the wall says it all; a phone, one line
        f'<div id="live-reconnecting" class="live-banner" role="status" aria-live="polite" hidden>'
        f"{escape(label('live_reconnecting', lang))}</div>"
        '<div id="live-message" class="live-message" role="alert" hidden></div>'
        f'<main id="live-main"><div class="live-state">{escape(label("live_loading", lang))}</div></main></div>'
        f'<script type="application/json" id="live-config">{_script_json(config)}</script>'
        f"<script>{asset('common.js')}\n{asset(kind + '.js')}</script></body></html>\n"
    )


def ballot_html(engagement: str, lang: str, *, illustrative: object = None) -> str:
    """The ballot at `/live/ballot/E?k=T`: its token comes from the page's own address.
    `illustrative`: engagement.yaml's value, for the one-line mark of an illustrative engagement."""
    return _page("ballot", engagement, lang, illustrative=illustrative)


def room_html(engagement: str, lang: str, *, illustrative: object = None) -> str:
    """The room link's page at `/live/room/E?k=R`: pick one's name, then go to one's ballot."""
    return _page("room", engagement, lang, illustrative=illustrative)


def wall_html(engagement: str, lang: str, *, readonly: bool = False, illustrative: object = None) -> str:
    """The wall at `/live/wall/E`: the consultant's (Jupyter's login: its cookie and XSRF), or
    read-only for the spectators' link (`?k=`): no control, no join links, no final grade to set.
    An illustrative engagement's banner stands under the title, where the room reads it."""
    return _page("wall", engagement, lang, readonly, illustrative)
