"""The robustness results in plain words, for the CLI, the report and the apps (en / zh)."""

from __future__ import annotations

import math

import pandas as pd

from ..files._i18n import label
from ..model._staleness import months_before
from ..model.schema import Weights
from ._robustness import Sensitivity
from ._scorecard import MustGap, Scorecard


def pct(x: float | None) -> str:
    """A share as a whole percentage; shares under 1% but above 0 show as '<1%', shares above 99%
    but under 100% as '>99%'."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if 0 < x < 0.005:
        return "<1%"
    if 0.995 <= x < 1:  # not all: never shown as 100%
        return ">99%"
    return f"{x:.0%}"


def money(x: float, currency: str | None = None) -> str:
    """An amount with thousands separators and no decimals, optionally followed by its currency."""
    return f"{x:,.0f} {currency}" if currency else f"{x:,.0f}"


def score_text(x: float) -> str:
    """A 0..100 score to one decimal; "–" for one that is not known (no TCO yet)."""
    return "–" if math.isnan(x) else f"{x:.1f}"


def preliminary_words(card: Scorecard, lang: str = "en") -> list[str]:
    """What a preliminary scorecard says above its figures: TCO left out of every total, the
    weights that count, the vendors without a TCO (nothing for a final scorecard)."""
    if not card.preliminary:
        return []
    weights = ", ".join(f"{label(c, lang)} {pct(card.weights[c])}" for c in card.counted)
    out = [label("prelim_why", lang, n=len(card.missing), weights=weights)]
    if card.unpriced:
        names = label("rpt_list_sep", lang).join(card.name(v, lang) for v in card.unpriced)
        out.append(label("prelim_no_tco", lang, names=names))
    return out


def gap_words(gap: MustGap, lang: str = "en", *, minimum: str | None = None) -> str:
    """Why a must gap is one: rated 0, not rated, or resting on evidence below `minimum`
    (the engagement's must_min_grade)."""
    if gap.status == "below_grade":
        return label(
            "gap_below_grade",
            lang,
            grade=label(f"grade_{gap.evidence_grade}", lang),
            minimum=label(f"grade_{minimum}", lang) if minimum else "–",
        )
    return label("gap_confirmed" if gap.status == "confirmed" else "gap_unrated", lang)


def gaps_note(card: Scorecard, lang: str = "en") -> str:
    """What a must gap is, with the engagement's minimum grade when it sets one."""
    note = label("rpt_gaps_note", lang)
    if card.must_min_grade is not None:
        note += " " + label("rpt_gaps_note_min_grade", lang, minimum=label(f"grade_{card.must_min_grade}", lang))
    return note


def weights_phrase(weights: Weights | pd.Series, lang: str = "en") -> str:
    return ", ".join(f"{label(str(c), lang)} {pct(float(w))}" for c, w in weights.items())


def first_rank_sentences(card: Scorecard, sens: Sensitivity, lang: str = "en") -> list[str]:
    """One sentence per vendor, by first-rank probability (highest first)."""
    out: list[str] = []
    if 1 not in sens.acceptability:
        return out
    shares = sens.acceptability[1].sort_values(ascending=False, kind="stable")
    for v, share in shares.items():
        name = card.name(str(v), lang)
        if share > 0:
            out.append(label("says_first_in", lang, vendor=name, share=pct(float(share))))
        else:
            out.append(label("says_never_first", lang, vendor=name))
    return out


def stability_sentences(card: Scorecard, sens: Sensitivity, lang: str = "en") -> list[str]:
    out = []
    for crit, row in sens.stability.iterrows():
        leader = card.name(row["leader"], lang)
        name = label(str(crit), lang)
        if row["low"] <= 1e-12 and row["high"] >= 1 - 1e-12:
            out.append(label("says_holds_any", lang, leader=leader, criterion=name))
            continue
        text = label(
            "says_holds",
            lang,
            leader=leader,
            criterion=name,
            low=pct(row["low"]),
            high=pct(row["high"]),
            weight=pct(row["weight"]),
        )
        out.append(text)
    return out


def central_sentences(card: Scorecard, sens: Sensitivity, lang: str = "en") -> list[str]:
    out = []
    for v, row in sens.central_weights.iterrows():
        if row.isna().all():
            continue
        out.append(label("says_central", lang, vendor=card.name(str(v), lang), weights=weights_phrase(row, lang)))
    return out


def unverified_sentence(sens: Sensitivity, lang: str = "en") -> str | None:
    if sens.unverified_share is None:
        return None
    return label("says_unverified", lang, share=pct(sens.unverified_share), n=sens.unverified_ratings)


def drawn_sentence(card: Scorecard, sens: Sensitivity, lang: str = "en") -> str | None:
    """What the rating-uncertainty run drew, by evidence grade, and how many a level wider for age."""
    if not sens.drawn_by_grade or sens.as_of is None:
        return None
    grades = label("rpt_list_sep", lang).join(
        label("says_drawn_grade", lang, n=n, grade=label(f"grade_{g}", lang)) for g, n in sens.drawn_by_grade.items()
    )
    cutoff = months_before(sens.as_of, card.stale_after_months).isoformat()
    return label("says_drawn", lang, grades=grades, aged=sens.widened_for_age, cutoff=cutoff)


def summary(card: Scorecard, sens: Sensitivity, lang: str = "en") -> list[str]:
    """The robustness findings an executive reads, most important first."""
    lines = first_rank_sentences(card, sens, lang)[:1]
    lines += stability_sentences(card, sens, lang)
    un = unverified_sentence(sens, lang)
    if un:
        lines.append(un)
    drawn = drawn_sentence(card, sens, lang)
    if drawn:
        lines.append(drawn)
    mode = label(f"mode_{sens.mode}", lang)
    lines.append(label("says_samples", lang, samples=f"{sens.samples:,}", mode=mode, seed=sens.seed))
    return lines
