"""The executive summary: one paragraph built from the numbers, in the catalog's words.

The robustness sentences are scoring._words' own ("… ranks first in 63% of plausible
weightings"); this module only chooses which of them an executive reads first.
"""

from __future__ import annotations

import functools

from ..files._i18n import label
from ..files._sheets import at
from ..scoring._words import money, pct, stability_sentences
from ._facts import ReportData


def closest_stability(data: ReportData, lang: str) -> str | None:
    """The stability sentence of the criterion whose weight is nearest to a change of leader."""
    stab = data.sens.stability
    if not len(stab):
        return None
    sentences = stability_sentences(data.card, data.sens, lang)
    room = [
        min(
            r["weight"] - r["low"] if r["low"] > 1e-12 else 2.0,
            r["high"] - r["weight"] if r["high"] < 1 - 1e-12 else 2.0,
        )
        for _, r in stab.iterrows()
    ]
    i = min(range(len(room)), key=room.__getitem__)
    return sentences[i] if room[i] < 2.0 else None


def _names(card, vendors, lang) -> str:
    return label("rpt_list_sep", lang).join(card.name(v, lang) for v in vendors)


def executive_summary(data: ReportData, lang: str) -> str:
    """The summary as one paragraph (the report's)."""
    out = summary_sentences(data, lang)
    return functools.reduce(lambda a, b: label("rpt_sentences", lang, a=a, b=b), out) if out else ""


def summary_sentences(data: ReportData, lang: str) -> list[str]:
    """The summary's sentences, in the order an executive reads them (the deck shows them as points)."""
    card, sens = data.card, data.sens
    cur = card.currency
    ranked = card.ranked
    out: list[str] = []
    if not ranked:
        out.append(label("rpt_exec_none", lang))
    else:
        lead = ranked[0]
        name = card.name(lead, lang)
        if len(ranked) > 1 and abs(card.total[lead] - card.total[ranked[1]]) <= 1e-9:
            second = card.name(ranked[1], lang)
            out.append(label("rpt_exec_tied", lang, leader=name, second=second, total=f"{card.total[lead]:.1f}"))
        elif len(ranked) > 1:
            second = ranked[1]
            out.append(
                label(
                    "rpt_exec_leader",
                    lang,
                    leader=name,
                    total=f"{card.total[lead]:.1f}",
                    margin=f"{card.total[lead] - card.total[second]:.1f}",
                    second=card.name(second, lang),
                )
            )
        else:
            out.append(label("rpt_exec_only", lang, leader=name, total=f"{card.total[lead]:.1f}"))
        first = sens.first_rank
        if lead in first.index:
            out.append(label("says_first_in", lang, vendor=name, share=pct(float(first[lead]))))
            favourite = str(first.idxmax())  # a vendor id
            if favourite != lead and first[favourite] > first[lead]:
                out.append(
                    label("says_first_in", lang, vendor=card.name(favourite, lang), share=pct(float(first[favourite])))
                )
        holds = closest_stability(data, lang)
        if holds:
            out.append(holds)
        cheapest = data.cheapest()
        tco = card.tco[lead].total if lead in card.tco else None
        if tco is None:  # a preliminary scorecard: the banner says which figures are missing
            out.append(label("rpt_exec_no_tco", lang, leader=name))
        elif cheapest == lead:
            out.append(label("rpt_exec_tco_lowest", lang, years=data.years, tco=money(tco, cur)))
        elif cheapest is not None:  # there is one: `lead` is a candidate
            out.append(
                label(
                    "rpt_exec_tco",
                    lang,
                    years=data.years,
                    tco=money(tco, cur),
                    cheapest=card.name(cheapest, lang),
                    low=money(card.tco[cheapest].total, cur),
                )
            )
    marked = [v for v in card.vendors if card.knocked_out[v]]
    if marked:
        key = "rpt_exec_knockouts" if card.knockout == "exclude" else "rpt_exec_flagged"
        out.append(label(key, lang, names=_names(card, marked, lang)))
        unrated = sum(g.status == "unrated" for v in marked for g in card.must_gaps[v])
        if unrated:
            out.append(label("rpt_exec_gaps_unrated", lang, n=unrated))
        below = sum(g.status == "below_grade" for v in marked for g in card.must_gaps[v])
        if below:
            minimum = label(f"grade_{card.must_min_grade}", lang)
            out.append(label("rpt_exec_gaps_below_grade", lang, n=below, minimum=minimum))
    elif card.knockout != "ignore":
        out.append(label("rpt_exec_no_knockouts", lang))
    un = data.unverified
    if ranked and un.unverified_share is not None and un.unverified_ratings:
        out.append(label("rpt_exec_unverified", lang, n=un.unverified_ratings, share=pct(un.unverified_share)))
    if ranked and at(card.criteria, ranked[0], "fit") > 0:  # what the leader's fit rests on
        shares = data.fit_shares()
        out.append(
            label(
                "rpt_exec_fit_grades",
                lang,
                vendor=card.name(ranked[0], lang),
                share=pct(at(shares, ranked[0], "marketing")),
                confirmed=pct(at(shares, ranked[0], "confirmed")),
            )
        )
    if card.indicative:
        out.append(label("rpt_exec_indicative", lang, names=_names(card, card.indicative, lang)))
    if data.stale_count:
        out.append(label("rpt_exec_stale", lang, n=data.stale_count, m=len(data.sources), months=data.months))
    return out


def kpis(data: ReportData, lang: str) -> list[tuple[str, str, str]]:
    """(caption, figure, footnote) tiles under the summary; empty when nobody is ranked."""
    card = data.card
    lead = data.leader
    if lead is None:
        return []
    first = data.sens.first_rank
    share = pct(float(first[lead])) if lead in first.index else "–"
    return [
        (
            label("rpt_kpi_leader", lang),
            card.name(lead, lang),
            label("edition", lang) + ": " + data.edition_name(lead, lang),
        ),
        (label("rpt_kpi_total", lang), f"{card.total[lead]:.1f}", label("rpt_of_100", lang)),
        (label("rpt_kpi_first", lang), share, label("rpt_kpi_first_note", lang, samples=f"{data.sens.samples:,}")),
        _tco_tile(data, lead, lang),
    ]


def _tco_tile(data: ReportData, lead: str, lang: str) -> tuple[str, str, str]:
    card = data.card
    caption = label("rpt_kpi_tco", lang, years=data.years)
    if lead not in card.tco:
        return caption, "–", label("no_tco", lang)
    note = card.currency + (" · " + label("indicative", lang) if card.tco[lead].indicative else "")
    return caption, money(card.tco[lead].total), note
