"""The scorecard page's text and tables as HTML, built from a Scorecard (no widgets here).

Words come from the message catalog, and the plain-words findings are the report's own
sentences (`scoring._words`, `report._summary`), so the page and the report never disagree.
"""

from __future__ import annotations

import pandas as pd

from ..files._i18n import label
from ..files._sheets import at
from ..model._catalog import catalog
from ..model._engagement import Engagement
from ..model._evidence import Rated
from ..model.schema import CRITERIA, text_of
from ..report._facts import ChartData, ReportData
from ..report._summary import executive_summary
from ..scoring import Scorecard, Sensitivity
from ..scoring._words import (
    central_sentences,
    drawn_sentence,
    first_rank_sentences,
    gap_words,
    gaps_note,
    money,
    pct,
    preliminary_words,
    score_text,
    stability_sentences,
    unverified_sentence,
    weights_phrase,
)
from ._shell import escape

STYLE = """<style>
.crm-sc-controls { background: #f5f7fa; border: 1px solid #d9dee4; border-radius: 6px; padding: 4px 14px 12px; }
.crm-sc-controls .widget-slider .widget-readout { min-width: 44px; }
.crm-sc-controls .widget-checkbox .widget-label-basic { font-size: 14px; }
.crm-sc-headline { font-size: 17px; line-height: 1.45; margin: 4px 0 10px; color: #1d2733; }
.crm-sc-headline b { color: #1f3a5f; }
.crm-page .crm-sc-table td, .crm-page .crm-sc-table th { line-height: 1.35; }
.crm-page .crm-sc-table th { white-space: nowrap; }
.crm-sc-table td.lead { font-weight: 700; }
.crm-sc-table tr.sc-first td { background: #eef3f9; }
.crm-sc-table tr.sc-out td { color: #8a939e; }
.crm-sc-table .sc-edition { display: block; font-size: 12px; font-weight: 400; color: #6b7785; margin-top: 1px; }
.crm-sc-table .sc-total { font-weight: 700; font-size: 15px; }
.crm-badge { display: inline-block; font-size: 12px; line-height: 1.5; padding: 0 8px; border-radius: 9px;
  margin: 0 4px 2px 0; white-space: nowrap; font-weight: 400; }
.crm-badge.out { background: #fbe3e3; color: #a23b3b; }
.crm-badge.flag { background: #fbf1dc; color: #7a5a16; }
.crm-badge.ind { background: #e8edf3; color: #4a5a6e; }
.crm-badge.ok { background: #e3f3e8; color: #1d6b3a; }
.crm-page .crm-sc-list { margin: 4px 0 12px 0; padding-left: 22px; font-size: 14px; line-height: 1.6; }
.crm-page .crm-sc-para { font-size: 15px; line-height: 1.6; margin: 8px 0 12px; max-width: 1050px; }
.crm-sc-vendor { font-size: 15px; font-weight: 700; color: #1f3a5f; margin: 14px 0 2px; line-height: 1.4; }
.crm-page .crm-note { line-height: 1.5; }
.crm-sc-acc { max-width: 760px; }
.crm-sc-acc td.share { text-align: right; font-variant-numeric: tabular-nums; }
.crm-sc-current { font-size: 14px; line-height: 1.5; margin: 8px 0 10px 128px; }
.sc-ov-evidence textarea { font-family: inherit; font-size: 14px; }
.crm-sc-label { font-size: 14px; width: 120px; text-align: right; padding-right: 8px; box-sizing: border-box; }
img.crm-sc-img { max-width: 100%; height: auto; align-self: flex-start; object-fit: contain; }
.jupyter-widgets.crm-sc-tabs { margin-top: 22px; }
.jupyter-widgets.crm-sc-tabs > .lm-TabBar .lm-TabBar-tab, .jupyter-widgets.crm-sc-tabs > .p-TabBar .p-TabBar-tab {
  flex: 0 0 auto !important; max-width: none !important; font-size: 14px; padding: 0 14px;
  font-family: "Noto Sans", "Noto Sans CJK SC", "Source Han Sans SC", "Segoe UI", "PingFang SC", "Microsoft YaHei",
  sans-serif; }
.jupyter-widgets.crm-sc-tabs > .lm-TabBar .lm-TabBar-tab.lm-mod-current { color: #1f3a5f; font-weight: 700; }
.jupyter-widgets.crm-sc-tabs > .lm-TabBar { height: auto !important; min-height: 0; overflow: visible; }
.jupyter-widgets.crm-sc-tabs > .lm-TabBar .lm-TabBar-content { flex-wrap: wrap; row-gap: 2px; }
.jupyter-widgets.crm-sc-tabs > .widget-tab-contents { padding: 12px 18px 18px; }
.crm-download a { margin-top: 10px; }
.crm-sc-prelim { border: 2px solid #a23b3b; background: #fbe9e7; border-radius: 6px; padding: 8px 14px;
  margin: 4px 0 10px; font-size: 14px; line-height: 1.5; color: #1d2733; }
.crm-sc-prelim > b { color: #a23b3b; font-size: 15px; }
.crm-sc-prelim p { margin: 4px 0; }
.crm-sc-prelim ul { margin: 4px 0; padding-left: 20px; font-size: 13px; }
.crm-sc-prelim summary { cursor: pointer; color: #4a5a6e; }
</style>"""


def rank_text(card: Scorecard, vendor: str) -> str:
    r = card.rank[vendor]
    return "–" if pd.isna(r) else str(int(r))


def _names(card: Scorecard, vendors: list[str], lang: str) -> str:
    return label("rpt_list_sep", lang).join(card.name(v, lang) for v in vendors)


def headline(card: Scorecard, lang: str) -> str:
    """Who leads and by how much, in the report's words (its summary's first sentence)."""
    ranked = card.ranked
    if not ranked:
        return escape(label("rpt_exec_none", lang))
    lead = ranked[0]
    mark = "\x00"  # the leader's name goes in bold after the sentence is escaped
    total = f"{card.total[lead]:.1f}"
    if len(ranked) == 1:
        text = label("rpt_exec_only", lang, leader=mark, total=total)
    else:
        second = ranked[1]
        gap = card.total[lead] - card.total[second]
        key = "rpt_exec_tied" if abs(gap) <= 1e-9 else "rpt_exec_leader"
        text = label(key, lang, leader=mark, total=total, margin=f"{gap:.1f}", second=card.name(second, lang))
    return escape(text).replace(mark, f"<b>{escape(card.name(lead, lang))}</b>")


def weights_line(card: Scorecard, lang: str) -> str:
    return escape(label("rpt_weights_line", lang, weights=weights_phrase(card.weights, lang)))


def _badges(card: Scorecard, vendor: str, lang: str) -> str:
    out = []
    if card.knocked_out[vendor]:
        kind, key = ("out", "knocked_out") if card.knockout == "exclude" else ("flag", "flagged")
        out.append(f'<span class="crm-badge {kind}">{escape(label(key, lang))}</span>')
    if vendor not in card.tco:
        out.append(f'<span class="crm-badge flag">{escape(label("no_tco", lang))}</span>')
    elif card.tco[vendor].indicative:
        out.append(f'<span class="crm-badge ind">{escape(label("indicative", lang))} TCO</span>')
    return "".join(out)


def preliminary_html(card: Scorecard, lang: str) -> str:
    """The banner over a preliminary scorecard: why TCO counts in no total, and each missing
    figure where it goes (nothing for a final scorecard)."""
    if not card.preliminary:
        return ""
    says = "".join(f"<p>{escape(s)}</p>" for s in preliminary_words(card, lang))
    items = "".join(f"<li><code>{escape(line)}</code></li>" for line in card.missing_lines())
    return (
        f'<div class="crm-sc-prelim" role="alert"><b>{escape(label("rpt_prelim_banner", lang))}</b>{says}'
        f"<details><summary>{escape(label('sc_prelim_missing', lang, n=len(card.missing)))}</summary>"
        f"<ul>{items}</ul></details></div>"
    )


def ranking_html(card: Scorecard, engagement: Engagement, lang: str) -> str:
    """Rank, vendor and edition, total, the four criteria, TCO and the marks, one row a vendor."""
    years = engagement.settings.horizon_years
    heads = [
        (label("rank", lang), ""),
        (label("vendor", lang), ""),
        (label("total", lang), "num"),
        *((label(c, lang), "num") for c in CRITERIA),
        (label("tco_total", lang, years=years, currency=card.currency), "num"),
        (label("rpt_status", lang), ""),
    ]
    head = "".join(f'<th class="{c}">{escape(t)}</th>' for t, c in heads)
    rows = []
    leader = card.ranked[0] if card.ranked else None
    for v in card.vendors:
        edition = engagement.edition_of(v)
        cls = "sc-row" + (" sc-first" if v == leader else "")
        cls += " sc-out" if card.knocked_out[v] and card.knockout == "exclude" else ""
        cells = [
            f"<td>{rank_text(card, v)}</td>",
            f'<td class="lead"><span class="sc-name">{escape(card.name(v, lang))}</span>'
            f'<span class="sc-edition">{escape(text_of(edition.name, lang) or edition.id)}</span></td>',
            f'<td class="num sc-total">{card.total[v]:.1f}</td>',
            *(f'<td class="num">{score_text(at(card.criteria, v, c))}</td>' for c in CRITERIA),
            f'<td class="num">{escape(money(card.tco[v].total) if v in card.tco else "–")}</td>',
            f"<td>{_badges(card, v, lang)}</td>",
        ]
        rows.append(f'<tr class="{cls}" data-vendor="{escape(v)}">{"".join(cells)}</tr>')
    return (
        f'<table class="crm-table crm-sc-table sc-ranking-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def value_note_html(card: Scorecard, engagement: Engagement, lang: str) -> str:
    """Under the value-for-money chart: who is on the efficient frontier, and who has no point."""
    front = _names(card, ChartData(card, engagement.settings.horizon_years).pareto_front(), lang)
    note = label("rpt_value_note", lang, years=engagement.settings.horizon_years, names=front)
    if card.unpriced:  # a preliminary scorecard: no TCO, no point
        note += " " + label("prelim_no_tco", lang, names=_names(card, card.unpriced, lang))
    return f'<div class="crm-note">{escape(note)}</div>'


# --- must-have gaps ------------------------------------------------------------------------------


def _item_title(engagement: Engagement, gap_id: str, target: str, lang: str) -> str:
    if gap_id.startswith("integration:"):
        return catalog().integration_name(target, lang)
    for r in engagement.requirements.requirements:
        if r.id == gap_id and r.title is not None:
            return text_of(r.title, lang)
    return catalog().capability_name(target, lang)


def gaps_html(card: Scorecard, engagement: Engagement, lang: str) -> str:
    """Who is knocked out (or flagged) by which must-have, confirmed 0s apart from unrated ones."""
    parts = [f'<p class="crm-note">{escape(gaps_note(card, lang))}</p>']
    with_gaps = [v for v in card.vendors if card.must_gaps[v]]
    if not with_gaps:
        parts.append(f'<p class="crm-sc-para">{escape(label("rpt_gaps_none", lang))}</p>')
    for v in with_gaps:
        gaps = card.must_gaps[v]
        unrated = sum(g.status == "unrated" for g in gaps)
        key = {"exclude": "sc_gaps_out", "flag": "sc_gaps_flagged", "ignore": "sc_gaps_ignored"}[card.knockout]
        head = label(key, lang, vendor=card.name(v, lang), n=len(gaps))
        below = sum(g.status == "below_grade" for g in gaps)
        counts = label("sc_gaps_counts", lang, confirmed=len(gaps) - unrated - below, unrated=unrated)
        if below:
            minimum = label(f"grade_{card.must_min_grade}", lang)
            counts += label("rpt_list_sep", lang) + label("sc_gaps_below_grade", lang, n=below, minimum=minimum)
        parts.append(f'<div class="crm-sc-vendor">{escape(head)}</div><div class="crm-note">{escape(counts)}</div>')
        items = []
        for g in gaps:
            why = gap_words(g, lang, minimum=card.must_min_grade)
            kind = "out" if g.status == "confirmed" else "flag"
            items.append(
                f"<li><b>{escape(g.id.replace('integration:', ''))}</b> "
                f"{escape(_item_title(engagement, g.id, g.target, lang))} "
                f'<span class="crm-badge {kind}">{escape(why)}</span></li>'
            )
        parts.append(f'<ul class="crm-sc-list">{"".join(items)}</ul>')
    clean = [v for v in card.vendors if not card.must_gaps[v]]
    if with_gaps and clean:
        parts.append(
            f'<p class="crm-sc-para">{escape(label("sc_gaps_others_clear", lang, names=_names(card, clean, lang)))}</p>'
        )
    unrated_caps = [(v, caps) for v in card.vendors if (caps := card.unrated[v])]
    if unrated_caps:
        parts.append(f'<div class="crm-section">{escape(label("unrated", lang))}</div>')
        parts.append(f'<p class="crm-note">{escape(label("sc_unrated_note", lang))}</p><ul class="crm-sc-list">')
        sep = label("rpt_list_sep", lang)
        for v, caps in unrated_caps:
            names = sep.join(catalog().capability_name(c, lang) for c in caps)
            parts.append(f"<li><b>{escape(card.name(v, lang))}</b>: {escape(names)}</li>")
        parts.append("</ul>")
    return "".join(parts)


# --- TCO -----------------------------------------------------------------------------------------


def tco_html(card: Scorecard, engagement: Engagement, lang: str) -> str:
    """Each vendor's one-off cost and each year's present value; the row sums to the TCO."""
    s = engagement.settings
    years = s.horizon_years
    heads = [
        (label("vendor", lang), ""),
        (label("rpt_one_off", lang), "num"),
        *((label("rpt_year", lang, n=y), "num") for y in range(1, years + 1)),
        (label("tco_total", lang, years=years, currency=card.currency), "num"),
        ("", ""),
    ]
    head = "".join(f'<th class="{c}">{escape(t)}</th>' for t, c in heads)
    rows = []
    for v in card.priced:
        t = card.tco[v]
        cells = [
            f'<td class="lead">{escape(card.name(v, lang))}</td>',
            f'<td class="num">{escape(money(t.one_off))}</td>',
            *(f'<td class="num">{escape(money(y.present_value))}</td>' for y in t.years),
            f'<td class="num sc-total">{escape(money(t.total))}</td>',
            f"<td>{_badges(card, v, lang) if t.indicative else ''}</td>",
        ]
        rows.append(f'<tr class="sc-row" data-vendor="{escape(v)}">{"".join(cells)}</tr>')
    note = label("rpt_tco_note", lang, currency=card.currency, rate=pct(float(s.discount_rate or 0.0)))
    if card.unpriced:
        note += " " + label("prelim_no_tco", lang, names=_names(card, card.unpriced, lang))
    return (
        f'<div class="crm-section">{escape(label("rpt_tco_by_year", lang))}</div>'
        f'<table class="crm-table crm-sc-table sc-tco-table"><thead><tr>{head}</tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table><p class="crm-note">{escape(note)}</p>'
    )


# --- viability -----------------------------------------------------------------------------------


def _source_html(profile, key: str | None, lang: str) -> str:
    source = profile.sources.get(key) if key else None
    if source is None:
        return escape(key or "–")
    title = text_of(source.title, lang) or source.url
    when = label("published_unknown", lang) if source.published_on is None else source.published
    text = f"{escape(title)} · {escape(when)}"
    if source.url.startswith(("https://", "http://")):
        return f'<a href="{escape(source.url)}" target="_blank" rel="noopener">{text}</a>'
    return text


def viability_html(card: Scorecard, engagement: Engagement, vendor: str, lang: str) -> str:
    """One vendor's rubric: each item's score, the justification and its dated source."""
    profile = engagement.vendors[vendor]
    rows = []
    table = card.viability[card.viability["vendor"] == vendor]
    for _, r in table.iterrows():
        score = label("rpt_not_scored", lang) if r["score"] is None or pd.isna(r["score"]) else f"{r['score']:.0f} / 5"
        rows.append(
            f'<tr><td>{escape(label("rpt_vi_" + r["item"], lang))}</td><td class="num">{escape(score)}</td>'
            f"<td>{escape(text_of(r['why'], lang) or '–')}</td><td>{_source_html(profile, r['source'], lang)}</td></tr>"
        )
    heads = [(label("rpt_item", lang), ""), (label("rpt_score", lang), "num"), (label("rpt_why", lang), "")]
    heads.append((label("rpt_source", lang), ""))
    head = "".join(f'<th class="{c}">{escape(t)}</th>' for t, c in heads)
    total = label(
        "sc_viability_total",
        lang,
        vendor=card.name(vendor, lang),
        score=f"{at(card.criteria, vendor, 'viability'):.0f}",
    )
    return (
        f'<div class="crm-sc-vendor">{escape(total)}</div>'
        f'<table class="crm-table crm-sc-table sc-viability-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


# --- robustness ----------------------------------------------------------------------------------


def _list(sentences: list[str]) -> str:
    return '<ul class="crm-sc-list">' + "".join(f"<li>{escape(s)}</li>" for s in sentences) + "</ul>"


def acceptability_html(card: Scorecard, sens: Sensitivity, lang: str) -> str:
    acc = sens.acceptability
    cols = list(acc.columns)
    heads = [label("vendor", lang)] + [
        label("excluded", lang) if c == "excluded" else label("sc_rank_n", lang, n=c) for c in cols
    ]
    head = "".join(f'<th class="{"num" if i else ""}">{escape(h)}</th>' for i, h in enumerate(heads))
    rows = []
    for v in acc.index:
        cells = [f'<td class="lead">{escape(card.name(v, lang))}</td>']
        for c in cols:
            x = at(acc, v, c)
            shade = f"background: rgba(31,58,95,{0.06 + 0.84 * x:.2f});" if x > 0 else ""
            ink = "color: #fff; font-weight: 700;" if x >= 0.4 else ""
            cells.append(f'<td class="share" style="{shade}{ink}">{escape(pct(x))}</td>')
        rows.append(f'<tr data-vendor="{escape(v)}">{"".join(cells)}</tr>')
    return (
        f'<table class="crm-table crm-sc-table crm-sc-acc"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def robustness_html(data: ReportData, lang: str) -> str:
    """The report's summary, then rank acceptability and stability in its sentences."""
    card, sens = data.card, data.sens
    parts = [f'<p class="crm-sc-para sc-summary">{escape(executive_summary(data, lang))}</p>']
    parts.append(f'<div class="crm-section">{escape(label("first_rank", lang))}</div>')
    parts.append(_list(first_rank_sentences(card, sens, lang)))
    if len(sens.acceptability):
        parts.append(f'<p class="crm-note">{escape(label("sc_acceptability_note", lang))}</p>')
        parts.append(acceptability_html(card, sens, lang))
    parts.append(f'<div class="crm-section">{escape(label("stability", lang))}</div>')
    parts.append(_list(stability_sentences(card, sens, lang)))
    central = central_sentences(card, sens, lang)
    if central:
        parts.append(f'<div class="crm-section">{escape(label("central_weights", lang))}</div>')
        parts.append(_list(central))
    un = unverified_sentence(data.unverified, lang)
    if un and data.unverified.unverified_ratings:
        parts.append(f'<div class="crm-section">{escape(label("rpt_unverified", lang))}</div>')
        parts.append(_list([x for x in (un, drawn_sentence(card, data.unverified, lang)) if x]))
    mode = label(f"mode_{sens.mode}", lang)
    samples = label("says_samples", lang, samples=f"{sens.samples:,}", mode=mode, seed=sens.seed)
    parts.append(f'<p class="crm-note">{escape(samples)}</p>')
    return "".join(parts)


# --- rating overrides ----------------------------------------------------------------------------


def current_rating_html(rated: Rated, lang: str) -> str:
    """What the scorecard uses now for one vendor and capability, and where it comes from."""
    value = label("rx_unrated", lang) if rated.origin == "unrated" else label("rx_rating", lang, n=rated.value)
    origin = label(f"rpt_o_{rated.origin}", lang)
    kind = "ok" if rated.origin == "evidence" else "ind"
    if rated.grade:  # how good the evidence is: confirmed once the engagement's own evidence is in
        origin += " · " + label(f"grade_{rated.grade}", lang)
    detail = f" · {escape(text_of(rated.detail, lang))}" if rated.detail else ""
    date = f" · {escape(rated.date)}" if rated.date else ""
    return (
        f'<div class="crm-sc-current sc-current">{escape(label("sc_now", lang))}: <b>{escape(value)}</b> '
        f'<span class="crm-badge {kind}">{escape(origin)}</span>{detail}{date}</div>'
    )
