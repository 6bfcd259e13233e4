"""Small HTML builders shared by the report's sections: escaped cells, tables, number formats."""

from __future__ import annotations

import html

import pandas as pd

from ..files._i18n import label


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def pts(x: float) -> str:
    return f"{x:.1f}"


def rank_text(card, vendor: str) -> str:
    r = card.rank[vendor]
    return "–" if pd.isna(r) else str(int(r))


def badge(text: str, kind: str) -> str:
    return f'<span class="badge {kind}">{esc(text)}</span>'


def cell(content: object, cls: str = "", *, raw: bool = False, style: str = "", tag: str = "td", span: int = 0) -> str:
    attrs = (f' class="{cls}"' if cls else "") + (f' style="{style}"' if style else "")
    attrs += f' colspan="{span}"' if span else ""
    return f"<{tag}{attrs}>{content if raw else esc(content)}</{tag}>"


def head(cols: list[tuple[str, str]]) -> str:
    """A thead from (text, class) pairs."""
    return "<thead><tr>" + "".join(cell(t, c, tag="th") for t, c in cols) + "</tr></thead>"


def table(cols: list[tuple[str, str]], rows: list[str], cls: str = "", body: bool = True) -> str:
    """A table; `rows` are `<tr>` strings (or whole `<tbody>` groups when body is False)."""
    inner = "<tbody>" + "".join(rows) + "</tbody>" if body else "".join(rows)
    return f'<table class="{cls}">{head(cols)}{inner}</table>'


def row(cells: list[str], cls: str = "") -> str:
    return f'<tr class="{cls}">' + "".join(cells) + "</tr>" if cls else "<tr>" + "".join(cells) + "</tr>"


def bar_cell(value: float, text: str | None = None) -> str:
    """A 0..100 score with a light data bar behind it."""
    w = max(0.0, min(100.0, float(value)))
    bar = f'<span class="b" style="width:{w:.1f}%"></span><span class="v">{esc(text or pts(value))}</span>'
    return cell(bar, "num bar", raw=True)


def heat_cell(share: float, text: str) -> str:
    """A share shaded from white to navy (text turns white on dark cells)."""
    a = max(0.0, min(1.0, float(share)))
    colour = "color:#fff;" if a >= 0.45 else ""
    return cell(text, "num heat", style=f"background:rgba(31,58,95,{0.06 + 0.9 * a:.3f});{colour}" if a else "")


def section(number: int | None, title: str, body: str, cls: str = "") -> str:
    heading = f"{number}. {esc(title)}" if number else esc(title)
    attrs = f' class="{cls}"' if cls else ""
    return f"<section{attrs}><h2>{heading}</h2>{body}</section>"


def figure(svg: str, caption: str = "") -> str:
    cap = f"<figcaption>{esc(caption)}</figcaption>" if caption else ""
    return f"<figure>{svg}{cap}</figure>"


def vendor_cell(card, vendor: str, lang: str, *, marks: bool = True) -> str:
    name = esc(card.name(vendor, lang))
    if marks and card.knocked_out[vendor]:
        name += badge(label("knocked_out" if card.knockout == "exclude" else "flagged", lang), "out")
    return cell(name, raw=True)


def published_html(source, lang: str) -> str:
    """A source's publication date as the profile gives it, with a stale badge; an unknown one is
    said in words, never shown as fresh (docs/method.md, "Stale evidence")."""
    if source.undated:
        return badge(label("published_unknown", lang), "undated")
    return esc(source.published) + (badge(label("rpt_stale", lang), "stale") if source.stale else "")
