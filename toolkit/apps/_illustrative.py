"""The banner an illustrative engagement's pages show under their title (docs/method.md, "An
illustrative engagement"): the app pages (`_shell.Page`), the landing page and the live
workshop's pages. One look everywhere; the words are `model._illustrative`'s. (Plain HTML: `_shell`
imports this module.)
"""

from __future__ import annotations

from html import escape

from ..files._i18n import label
from ..model._illustrative import illustrative_words

STYLE = """<style>
.crm-illustrative { border: 1.5px solid #a23b3b; border-left-width: 6px; background: #fbe9e7; color: #5a1f1f;
  padding: 8px 14px; margin: 0 0 10px; font-size: 14px; line-height: 1.5; }
.crm-illustrative b { color: #a23b3b; margin-right: 6px; }
.crm-illustrative p { margin: 2px 0 0; }
</style>"""


def banner_html(value: object, lang: str, *, short: bool = False) -> str:
    """The banner for an engagement's `illustrative` value (validated, or as read from the file);
    "" when it is not illustrative. `short`: the one-line mark only (a participant's phone)."""
    words = illustrative_words(value, lang)
    if not words:
        return ""
    if short:
        return f'{STYLE}<div class="crm-illustrative" role="note"><b>{escape(label("ill_mark", lang))}</b></div>'
    rest = "".join(f"<p>{escape(w)}</p>" for w in words[2:])
    return f'{STYLE}<div class="crm-illustrative" role="note"><b>{escape(words[0])}</b>{escape(words[1])}{rest}</div>'
