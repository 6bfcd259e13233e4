"""The executive report as one self-contained HTML page (inline CSS and SVG, no network, A4 print).

Sections, in the order an executive reads them: summary, ranking, what makes up each total,
the four criteria, value for money, must-have gaps, TCO, viability, robustness, what rests on
unverified claims; then the assumptions and sources (in `_appendix`).
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from ..files._i18n import label
from ..files._sheets import at
from ..files._version import VERSION
from ..model._catalog import catalog
from ..model.schema import CRITERIA, VIABILITY_ITEMS, text_of
from ..scoring._words import drawn_sentence, gap_words, gaps_note, money, pct, summary, unverified_sentence
from ._appendix import assumptions_section, sources_section
from ._charts import all_charts
from ._facts import COMPONENTS, ORIGINS, ReportData
from ._grades import aged_html, fit_grades_html
from ._illustrative import illustrative_html
from ._markup import (
    badge,
    bar_cell,
    cell,
    esc,
    figure,
    heat_cell,
    pts,
    published_html,
    rank_text,
    row,
    section,
    table,
    vendor_cell,
)
from ._preliminary import preliminary_html
from ._room import room_section
from ._summary import executive_summary, kpis

CSS_PATH = Path(__file__).with_name("report.css")


def _header(data: ReportData, lang: str) -> str:
    s = data.settings
    meta = [
        (label("rpt_date", lang), data.today.isoformat()),
        (label("rpt_consultant", lang), s.consultant or "–"),
        (label("industry", lang), text_of(data.engagement.industry.name, lang)),
        (label("users", lang), f"{s.users:,}"),
        (label("rpt_horizon", lang), label("rpt_years", lang, n=s.horizon_years)),
        (label("currency", lang), s.currency),
    ]
    dl = "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(v)}</dd></div>" for k, v in meta)
    title = text_of(s.title, lang)
    sub = f'<div class="subtitle">{esc(title)}</div>' if title else ""
    return (
        f'<header class="cover"><div class="kicker">{esc(label("rpt_title", lang))}</div>'
        f'<h1>{esc(s.client)}</h1>{sub}<dl class="meta">{dl}</dl></header>'
    )


def _summary(data: ReportData, lang: str) -> str:
    tiles = "".join(
        f'<div class="kpi"><div class="k">{esc(k)}</div><div class="v">{esc(v)}</div>'
        f'<div class="s">{esc(n)}</div></div>'
        for k, v, n in kpis(data, lang)
    )
    tiles = f'<div class="kpis">{tiles}</div>' if tiles else ""
    return (
        f'<section class="summary"><h2>{esc(label("rpt_summary", lang))}</h2>'
        f"<p>{esc(executive_summary(data, lang))}</p>{tiles}</section>"
    )


def _ranking(data: ReportData, lang: str) -> str:
    card = data.card
    cols = [(label("rank", lang), "num"), (label("vendor", lang), ""), (label("total", lang), "num")]
    cols += [(label(c, lang), "num") for c in CRITERIA]
    cols += [(label("tco_total", lang, years=data.years, currency=card.currency), "num")]
    rows = []
    for v in card.vendors:
        tco = money(card.tco[v].total) + (" *" if card.tco[v].indicative else "") if v in card.tco else "–"
        cells = [cell(rank_text(card, v), "num"), vendor_cell(card, v, lang), cell(pts(card.total[v]), "num")]
        cells += [_score_cell(at(card.criteria, v, c)) for c in CRITERIA]
        cells.append(cell(tco, "num"))
        cls = "lead" if v == data.leader else "out" if pd.isna(card.rank[v]) else ""
        rows.append(row(cells, cls))
    notes = [
        label("rpt_weights_line", lang, weights=", ".join(f"{label(c, lang)} {pct(card.weights[c])}" for c in CRITERIA))
    ]
    if any(card.knocked_out.values()):
        notes.append(label(f"rpt_ko_note_{card.knockout}", lang))
    if card.indicative:
        notes.append("* " + label("tco_indicative_note", lang))
    note = "".join(f'<p class="note">{esc(n)}</p>' for n in notes)
    return section(1, label("rpt_ranking", lang), table(cols, rows, "ranking") + note)


def _score_cell(x: float) -> str:
    """A 0..100 score with its bar; "–" for one that is not known (no TCO yet)."""
    return cell("–", "num") if math.isnan(x) else bar_cell(x)


def _contributions(data: ReportData, charts: dict, lang: str) -> str:
    card = data.card
    contrib = card.contributions
    counted = card.counted  # a preliminary scorecard's totals leave TCO out
    cols = [(label("vendor", lang), "")] + [(label(c, lang), "num") for c in counted] + [(label("total", lang), "num")]
    rows = [
        row(
            [
                vendor_cell(card, v, lang, marks=False),
                *(cell(pts(at(contrib, v, c)), "num") for c in counted),
                cell(pts(card.total[v]), "num"),
            ]
        )
        for v in card.vendors
    ]
    weights = " + ".join(f"{pct(card.weights[c])} × {label(c, lang)}" for c in counted)
    body = (
        figure(charts["contributions"], label("rpt_contributions_note", lang, formula=weights))
        + f'<div class="keep">{table(cols, rows, "small")}</div>'
    )
    return section(2, label("rpt_contributions", lang), body)


def _radar(data: ReportData, charts: dict, lang: str) -> str:
    return section(3, label("rpt_profile", lang), figure(charts["radar"], label("rpt_profile_note", lang)))


def _value(data: ReportData, charts: dict, lang: str) -> str:
    card = data.card
    front = data.pareto_front()
    names = label("rpt_list_sep", lang).join(card.name(v, lang) for v in front)
    text = label("rpt_value_note", lang, names=names, years=data.years)
    if card.unpriced:  # a preliminary scorecard: those vendors have no point
        text += " " + label(
            "prelim_no_tco", lang, names=label("rpt_list_sep", lang).join(card.name(v, lang) for v in card.unpriced)
        )
    return section(4, label("rpt_value", lang), figure(charts["value"], text))


def _gaps(data: ReportData, lang: str) -> str:
    card = data.card
    cat = catalog()
    rows = []
    for v in card.vendors:
        for g in card.must_gaps[v]:
            is_int = g.id.startswith("integration:")
            what = cat.integration_name(g.target, lang) if is_int else cat.capability_name(g.target, lang)
            if g.status == "confirmed":
                status = badge(label("gap_confirmed", lang), "out")
            elif g.status == "below_grade":
                status = (
                    badge(label("rpt_gap_below_grade_short", lang), "todo")
                    + " "
                    + esc(gap_words(g, lang, minimum=card.must_min_grade))
                )
            else:
                status = badge(label("rpt_gap_unrated_short", lang), "todo") + " " + esc(label("rpt_confirm_rfp", lang))
            rows.append(row([vendor_cell(card, v, lang), cell(g.id, "nowrap"), cell(what), cell(status, raw=True)]))
    if not rows:
        return section(5, label("must_gaps", lang), f"<p>{esc(label('rpt_gaps_none', lang))}</p>")
    cols = [
        (label("vendor", lang), ""),
        (label("id", lang), ""),
        (label("rpt_requirement", lang), ""),
        (label("rpt_status", lang), ""),
    ]
    intro = f'<p class="note intro">{esc(gaps_note(card, lang))}</p>'
    return section(5, label("must_gaps", lang), intro + table(cols, rows))


def _tco(data: ReportData, charts: dict, lang: str) -> str:
    card = data.card
    comp = data.tco_components()
    cols = [(label("vendor", lang), "")] + [(label(f"rpt_c_{c}", lang), "num") for c in COMPONENTS]
    cols.append((label("total", lang), "num"))
    rows = []
    for v in card.priced:
        mark = " *" if card.tco[v].indicative else ""
        cells = [vendor_cell(card, v, lang, marks=False), *(cell(money(at(comp, v, c)), "num") for c in COMPONENTS)]
        rows.append(row([*cells, cell(money(card.tco[v].total) + mark, "num")]))
    by_comp = table(cols, rows, "small")
    years = data.tco_years()
    ycols = [(label("vendor", lang), ""), (label("rpt_one_off", lang), "num")]
    ycols += [(label("rpt_year", lang, n=y), "num") for y in range(1, data.years + 1)]
    ycols.append((label("total", lang), "num"))
    yrows = []
    for v in card.priced:
        pv = years[years["vendor"] == v].sort_values("year")["present_value"]
        cells = [vendor_cell(card, v, lang, marks=False), cell(money(card.tco[v].one_off), "num")]
        yrows.append(row([*cells, *(cell(money(x), "num") for x in pv), cell(money(card.tco[v].total), "num")]))
    rate = pct(float(data.settings.discount_rate or 0.0))
    notes = [label("rpt_tco_note", lang, currency=card.currency, rate=rate)]
    if card.unpriced:
        notes.append(
            label(
                "prelim_no_tco", lang, names=label("rpt_list_sep", lang).join(card.name(v, lang) for v in card.unpriced)
            )
        )
    if card.indicative:
        notes.append("* " + label("tco_indicative_note", lang))
    note = "".join(f'<p class="note">{esc(n)}</p>' for n in notes)
    body = (
        figure(charts["tco"])
        + f'<div class="keep"><h3>{esc(label("rpt_tco_by_component", lang))}</h3>{by_comp}</div>'
        + f'<div class="keep"><h3>{esc(label("rpt_tco_by_year", lang))}</h3>{table(ycols, yrows, "small")}</div>'
        + note
    )
    return section(6, label("rpt_tco", lang), body)


def _viability(data: ReportData, lang: str) -> str:
    card = data.card
    titles = {(s.vendor, s.key): s for s in data.sources}
    groups = []
    vi = card.viability
    for v in card.vendors:
        head = f"{card.name(v, lang)} · {label('viability', lang)} {pts(at(card.criteria, v, 'viability'))}"
        rows = [f'<tr class="group"><th colspan="4">{esc(head)}</th></tr>']
        part = vi[vi["vendor"] == v].set_index("item")
        for item in VIABILITY_ITEMS:
            r = part.loc[item] if item in part.index else None
            score = "–" if r is None or pd.isna(r["score"]) else f"{r['score']:.0f}"
            src = titles.get((v, r["source"])) if r is not None and isinstance(r["source"], str) else None
            src_text = f"{esc(text_of(src.title, lang) or src.key)} · {published_html(src, lang)}" if src else ""
            why = esc(text_of(r["why"], lang)) if r is not None and r["why"] else esc(label("rpt_not_scored", lang))
            rows.append(
                row(
                    [
                        cell(label(f"rpt_vi_{item}", lang), "nowrap"),
                        cell(score, "num"),
                        cell(why, "why", raw=True),
                        cell(src_text, "src", raw=True),
                    ]
                )
            )
        groups.append('<tbody class="group">' + "".join(rows) + "</tbody>")
    cols = [
        (label("rpt_item", lang), ""),
        (label("rpt_score", lang), "num"),
        (label("rpt_why", lang), ""),
        (label("rpt_source", lang), ""),
    ]
    intro = f'<p class="note intro">{esc(label("rpt_viability_note", lang))}</p>'
    return section(7, label("rpt_viability", lang), intro + table(cols, groups, "viability", body=False))


def _robustness(data: ReportData, lang: str) -> str:
    card, sens = data.card, data.sens
    says = "".join(f"<li>{esc(s)}</li>" for s in summary(card, sens, lang))
    acc = sens.acceptability
    cols = [(label("vendor", lang), "")]
    cols += [(f"#{c}" if c != "excluded" else label("excluded", lang), "num") for c in acc.columns]
    rows = [
        row([vendor_cell(card, v, lang, marks=False), *(heat_cell(x, pct(float(x))) for x in acc.loc[v])])
        for v in acc.index
    ]
    acc_table = f'<div class="keep"><h3>{esc(label("acceptability", lang))}</h3>{table(cols, rows, "small")}</div>'
    cw = sens.central_weights
    ccols = [(label("vendor", lang), ""), (label("first_rank", lang), "num")] + [
        (label(c, lang), "num") for c in CRITERIA
    ]
    crow = []
    for v in cw.index:
        w = cw.loc[v]
        first = pct(at(acc, v, 1)) if 1 in acc else "–"
        crow.append(
            row(
                [
                    vendor_cell(card, v, lang, marks=False),
                    cell(first, "num"),
                    *(cell("–" if w.isna().all() else pct(float(w[c])), "num") for c in CRITERIA),
                ]
            )
        )
    central = f'<div class="keep"><h3>{esc(label("central_weights", lang))}</h3>{table(ccols, crow, "small")}'
    central += f'<p class="note">{esc(label("rpt_central_note", lang))}</p></div>'
    scols = [
        (label("criterion", lang), ""),
        (label("rpt_weight_now", lang), "num"),
        (label("low", lang), "num"),
        (label("high", lang), "num"),
        (label("rpt_takes_over", lang), ""),
    ]
    srows = []
    for c, r in sens.stability.iterrows():
        rivals = [
            label(key, lang, x=pct(r[end]), vendor=card.name(r[who], lang))
            for key, end, who in (("rpt_below", "low", "low_rival"), ("rpt_above", "high", "high_rival"))
            if isinstance(r[who], str)
        ]
        srows.append(
            row(
                [
                    cell(label(str(c), lang)),
                    cell(pct(r["weight"]), "num"),
                    cell(pct(r["low"]), "num"),
                    cell(pct(r["high"]), "num"),
                    cell("; ".join(rivals) or "–"),
                ]
            )
        )
    stab = f'<div class="keep"><h3>{esc(label("stability", lang))}</h3>{table(scols, srows, "small")}</div>'
    body = f'<ul class="says">{says}</ul>' + acc_table + central + stab
    return section(8, label("rpt_robustness", lang), body)


def _unverified(data: ReportData, lang: str) -> str:
    card = data.card
    counts = data.origin_counts()
    cols = [(label("vendor", lang), "")] + [(label(f"rpt_o_{o}", lang), "num") for o in ORIGINS]
    cols.append((label("rpt_verified_share", lang), "num"))
    rows = []
    for v in card.vendors:
        c = {o: int(at(counts, v, o)) for o in ORIGINS}  # counts of ratings, by origin
        rated = c["evidence"] + c["edition"] + c["profile"]
        share = pct(c["evidence"] / rated) if rated else "–"
        rows.append(
            row(
                [
                    vendor_cell(card, v, lang, marks=False),
                    *(cell(int(c[o]), "num") for o in ORIGINS),
                    cell(share, "num"),
                ]
            )
        )
    sentence = unverified_sentence(data.unverified, lang) if data.unverified.unverified_ratings else None
    said = esc(" ".join(x for x in (sentence, drawn_sentence(card, data.unverified, lang)) if x))
    said = said or esc(label("rpt_unverified_none", lang))
    run = label(
        "says_samples",
        lang,
        samples=f"{data.unverified.samples:,}",
        mode=label(f"mode_{data.unverified.mode}", lang),
        seed=data.unverified.seed,
    )
    body = (
        f'<div class="keep"><div class="callout"><p>{said}</p><p class="note">{esc(run)}</p></div>'
        f'<p class="note intro">{esc(label("rpt_unverified_note", lang))}</p>' + f"{table(cols, rows, 'small')}</div>"
    )
    return section(9, label("rpt_unverified", lang), body + fit_grades_html(data, lang) + aged_html(data, lang))


def render_html(data: ReportData, lang: str = "en") -> str:
    """The whole page from gathered figures."""
    charts = all_charts(data, lang)
    css = CSS_PATH.read_text(encoding="utf-8")
    parts = [
        illustrative_html(data, lang),  # first, when the engagement is illustrative
        _header(data, lang),
        preliminary_html(data, lang),
        _summary(data, lang),
        _ranking(data, lang),
        _contributions(data, charts, lang),
        _radar(data, charts, lang),
        _value(data, charts, lang),
        _gaps(data, lang),
        _tco(data, charts, lang),
        _viability(data, lang),
        _robustness(data, lang),
        _unverified(data, lang),
    ]
    room = room_section(data, lang, 10)  # only when stakeholders gave their weights
    parts += [
        room,
        assumptions_section(data, lang, 11 if room else 10),
        sources_section(data, lang, 12 if room else 11),
    ]
    footer = label(
        "rpt_footer",
        lang,
        version=VERSION,
        date=data.today.isoformat(),
        samples=f"{data.sens.samples:,}",
        seed=data.sens.seed,
    )
    title = f"{label('rpt_title', lang)} · {data.settings.client}"
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{esc(title)}</title>'
        f'<style>{css}</style></head><body><main class="page">{"".join(parts)}'
        f"<footer>{esc(footer)}</footer></main></body></html>\n"
    )
