"""Scorecards and sensitivity results as plain-text tables and CSV, for the command line."""

from __future__ import annotations

import csv
import io
import math

from ..files._i18n import label
from ..files._sheets import at
from ..files._table import render
from ..model.schema import CRITERIA
from ._robustness import Sensitivity
from ._scorecard import Scorecard
from ._words import gap_words, money, pct, preliminary_words, score_text, summary


def render_scorecard(card: Scorecard, lang: str = "en", *, horizon: int | None = None) -> str:
    """The ranking with the four criteria, TCO and knockouts; tables round, machine output does not."""
    years = horizon or (len(next(iter(card.tco.values())).years) if card.tco else 0)
    out = []
    if card.preliminary:  # first, so nobody reads the ranking without knowing
        words = " ".join(preliminary_words(card, lang)[:1] + [label("prelim_below", lang)])
        out += [f"{label('prelim_title', lang).upper()}: {words}", ""]
    heads = [
        label("rank", lang),
        label("vendor", lang),
        label("total", lang),
        *(label(c, lang) for c in CRITERIA),
        label("tco_total", lang, years=years, currency=card.currency),
        "",
    ]
    rows = []
    for v in card.vendors:
        r = card.rank[v]
        marks = []
        if card.knocked_out[v]:
            marks.append(label("knocked_out" if card.knockout == "exclude" else "flagged", lang))
        if v not in card.tco:
            marks.append(label("no_tco", lang))
        elif card.tco[v].indicative:
            marks.append(label("indicative", lang) + " TCO")
        rows.append(
            [
                "–" if r is None or str(r) == "<NA>" else int(r),
                card.name(v, lang),
                f"{card.total[v]:.1f}",
                *(score_text(at(card.criteria, v, c)) for c in CRITERIA),
                money(card.tco[v].total) if v in card.tco else "–",
                ", ".join(marks),
            ]
        )
    out.append(render(heads, rows))
    out.append("")
    out.append(
        f"{label('weights_used', lang)}: " + ", ".join(f"{label(c, lang)} {pct(card.weights[c])}" for c in CRITERIA)
    )
    gaps = [(v, g) for v in card.vendors for g in card.must_gaps[v]]
    if gaps:
        out += ["", label("must_gaps", lang) + ":"]
        for v, g in gaps:
            why = gap_words(g, lang, minimum=card.must_min_grade)
            out.append(f"  {card.name(v, lang)}: {g.id} {g.target}: {why}")
    if card.preliminary:
        out += ["", *preliminary_words(card, lang)[1:], label("prelim_missing", lang)]
        out += [f"  {line}" for line in card.missing_lines()]
    return "\n".join(out)


def scorecard_csv(card: Scorecard) -> str:
    """One row per vendor, full precision, ids not labels (for spreadsheets and scripts)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(
        [
            "rank",
            "vendor",
            "edition",
            "total",
            *CRITERIA,
            "tco_total",
            "tco_indicative",
            "knocked_out",
            "must_gaps",
            "unrated",
            "must_below_grade",
        ]
    )
    for v in card.vendors:
        r = card.rank[v]
        w.writerow(
            [
                "" if str(r) == "<NA>" else int(r),
                v,
                card.editions[v],
                repr(float(card.total[v])),
                *(_csv_number(at(card.criteria, v, c)) for c in CRITERIA),
                repr(card.tco[v].total) if v in card.tco else "",
                card.tco[v].indicative if v in card.tco else "",
                card.knocked_out[v],
                " ".join(g.id for g in card.must_gaps[v]),
                " ".join(card.unrated[v]),
                " ".join(g.id for g in card.must_gaps[v] if g.status == "below_grade"),
            ]
        )
    return buf.getvalue()


def _csv_number(x: float) -> str:
    """Full precision; an empty cell for a score that is not known (no TCO yet)."""
    return "" if math.isnan(x) else repr(x)


def render_sensitivity(card: Scorecard, sens: Sensitivity, lang: str = "en") -> str:
    acc = sens.acceptability
    heads = [label("vendor", lang), *(f"#{c}" if c != "excluded" else label("excluded", lang) for c in acc.columns)]
    rows = [[card.name(v, lang), *(pct(float(x)) for x in acc.loc[v])] for v in acc.index]
    out = [label("acceptability", lang), render(heads, rows), ""]
    heads = [label("vendor", lang), label("first_rank", lang), *(label(c, lang) for c in CRITERIA)]
    rows = []
    for v in acc.index:
        cw = sens.central_weights.loc[v]
        rows.append(
            [
                card.name(v, lang),
                pct(at(acc, v, 1)) if 1 in acc else "–",
                *("–" if cw.isna().all() else pct(float(cw[c])) for c in CRITERIA),
            ]
        )
    out += [label("central_weights", lang), render(heads, rows), ""]
    heads = [label("criterion", lang), label("weight", lang), label("low", lang), label("high", lang)]
    rows = [
        [label(str(c), lang), pct(r["weight"]), pct(r["low"]), pct(r["high"])] for c, r in sens.stability.iterrows()
    ]
    out += [label("stability", lang), render(heads, rows), ""]
    out += summary(card, sens, lang)
    if card.preliminary:
        out = [f"{label('prelim_title', lang).upper()}: {' '.join(preliminary_words(card, lang))}", "", *out]
    return "\n".join(out)
