"""The scorecard's "What it would take" tab (issue 15): for each vendor, everything else
unchanged, the TCO at which it would rank first, the fewest rating changes, the nearest weights;
the same table and words as `crm-toolkit what-it-takes` and the board deck's slide, for the
page's scenario (its weights, editions, users and shortlist)."""

from __future__ import annotations

from ..files._i18n import label
from ..scoring import Scorecard, what_it_takes, what_it_takes_sentences
from ..scoring._takes_words import takes_table
from ._shell import escape


def takes_html(card: Scorecard, lang: str) -> str:
    """The tab's HTML: the plain words first (what a negotiation needs), then the table."""
    if not card.ranked:
        return f'<div class="crm-note">{escape(label("takes_none_ranked", lang))}</div>'
    result = what_it_takes(card)
    says = "".join(f"<li>{escape(s)}</li>" for s in what_it_takes_sentences(result, lang))
    heads, rows = takes_table(result, lang)
    th = "".join(f"<th>{escape(h)}</th>" for h in heads)
    body = "".join(
        f'<tr data-vendor="{escape(t.vendor)}"{" class=sc-takes-leader" if t.leader else ""}>'
        + "".join(f"<td>{escape(str(c))}</td>" for c in row)
        + "</tr>"
        for t, row in zip(result.vendors, rows, strict=True)
    )
    return (
        f'<ul class="sc-takes-says">{says}</ul>'
        f'<div style="overflow-x:auto"><table class="crm-table sc-takes"><thead><tr>{th}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
        f'<div class="crm-note">{escape(label("takes_note", lang))}</div>'
    )
