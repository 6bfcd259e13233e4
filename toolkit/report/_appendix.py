"""The report's closing sections: the assumptions behind every figure, and every source used."""

from __future__ import annotations

from ..files._i18n import label
from ..model.schema import CRITERIA, text_of
from ..scoring._tco import Tco
from ..scoring._words import money, pct
from ._facts import BUILD_LEVELS, ReportData
from ._markup import badge, cell, esc, published_html, row, section, table


def price_as_used(t: Tco, lang: str) -> str:
    """The price a TCO uses, in the reader's words, marked when it is a quote or an estimate:
    "68,000 CNY/year (quote)", "68,000 CNY/年(报价)"."""
    if t.unit_amount is None:
        return "–"
    amount = f"{t.unit_amount:,.10g}"
    price = label(f"rpt_price_{t.unit_period}", lang, amount=amount, currency=t.unit_currency)
    if t.price_basis == "list":
        return price
    return label("rpt_price_marked", lang, price=price, basis=label(f"rpt_b_{t.price_basis}", lang))


def _dl_table(pairs: list[tuple[str, str]], lang: str) -> str:
    cols = [(label("rpt_assumption", lang), ""), (label("rpt_value_col", lang), "num")]
    return table(cols, [row([cell(k), cell(v, "num")]) for k, v in pairs], "small")


def cost_pairs(data: ReportData, lang: str) -> list[tuple[str, str]]:
    cur = data.card.currency
    costs = data.costs()

    def amount(x):
        return label("rpt_not_set", lang) if x is None else f"{money(x)} {cur}"

    pairs = [
        (label("rpt_build", lang, level=label(f"rpt_lv_{lvl}", lang)), amount(costs[f"build_{lvl}"]))
        for lvl in BUILD_LEVELS
    ]
    pairs += [
        (label("rpt_training_per_user", lang), amount(costs["training_per_user"])),
        (label("rpt_c_data_migration", lang), amount(costs["data_migration"])),
        (label("rpt_admin_per_year", lang), amount(costs["admin_per_year"])),
        (
            label("rpt_uplift", lang),
            label("rpt_not_set", lang) if costs["annual_uplift"] is None else pct(costs["annual_uplift"]),
        ),
    ]
    return pairs


def general_pairs(data: ReportData, lang: str) -> list[tuple[str, str]]:
    """The scoring settings behind every figure: weights, users, horizon, rates, rules."""
    s = data.settings
    card = data.card
    general = [(label("rpt_weight_of", lang, criterion=label(c, lang)), pct(card.weights[c])) for c in CRITERIA]
    general += [
        (label("users", lang), f"{s.users:,}"),
        (label("rpt_horizon", lang), label("rpt_years", lang, n=s.horizon_years)),
        (label("rpt_discount_rate", lang), pct(float(s.discount_rate or 0.0))),
        (label("currency", lang), s.currency),
    ]
    general += [(label("rpt_fx", lang, cur=k), f"{v:g} {s.currency}") for k, v in data.fx().items()]
    general += [
        (label("rpt_knockout_rule", lang), label(f"rpt_ko_{card.knockout}", lang)),
        (label("rpt_uncertainty", lang), label(f"rpt_unc_{s.uncertainty}", lang)),
        (label("rpt_must_min_grade", lang), min_grade_text(card.must_min_grade, lang)),
    ]
    return general


def min_grade_text(grade: str | None, lang: str) -> str:
    return label(f"grade_{grade}", lang) if grade else label("rpt_no_min_grade", lang)


def assumptions_section(data: ReportData, lang: str, number: int) -> str:
    card = data.card
    general = general_pairs(data, lang)
    cols = [
        (label("vendor", lang), ""),
        (label("edition", lang), ""),
        (label("rpt_billed", lang), "num"),
        (label("rpt_unit_price", lang), ""),
        (label("rpt_price_basis", lang), ""),
        (label("rpt_c_implementation", lang), "num"),
        (label("rpt_impl_basis", lang), ""),
    ]
    rows = []
    for v in card.priced:
        t = card.tco[v]
        basis = label(f"rpt_b_{t.price_basis}", lang)
        basis_html = badge(basis, "ind") if t.indicative and t.price_basis == "indicative" else esc(basis)
        rows.append(
            row(
                [
                    cell(card.name(v, lang)),
                    cell(data.edition_name(v, lang)),
                    cell(f"{t.billed_users:,}", "num"),
                    cell(price_as_used(t, lang), "nowrap"),
                    cell(basis_html, raw=True),
                    cell(money(t.implementation), "num"),
                    cell(label(f"rpt_b_{t.implementation_basis}", lang)),
                ]
            )
        )
    body = (
        '<div class="cols">'
        f'<div class="keep"><h3>{esc(label("rpt_general", lang))}</h3>{_dl_table(general, lang)}</div>'
        f'<div class="keep"><h3>{esc(label("rpt_costs", lang))}</h3>{_dl_table(cost_pairs(data, lang), lang)}</div>'
        "</div>"
        f'<div class="keep"><h3>{esc(label("rpt_vendor_basis", lang))}</h3>{table(cols, rows, "small")}</div>'
    )
    return section(number, label("rpt_assumptions", lang), body)


def sources_section(data: ReportData, lang: str, number: int) -> str:
    card = data.card
    cols = [
        (label("id", lang), ""),
        (label("title", lang), ""),
        (label("published", lang), "num"),
        (label("read_on", lang), "num"),
    ]
    groups = []
    for v in card.vendors:
        mine = [s for s in data.sources if s.vendor == v]
        stale = sum(s.stale for s in mine)
        head = card.name(v, lang) + (f" · {label('rpt_stale_count', lang, n=stale)}" if stale else "")
        rows = [f'<tr class="group"><th colspan="4">{esc(head)}</th></tr>']
        for s in sorted(mine, key=lambda s: (s.published_on is not None, s.published_on or s.read, s.key)):
            title = esc(text_of(s.title, lang) or s.key)
            extra = [label(f"kind_{s.kind}", lang), *([s.publisher] if s.publisher else [])]
            title += f' <span class="muted">· {esc(" · ".join(extra))}</span>'
            url = f'<a href="{esc(s.url)}">{esc(s.url)}</a>' if s.linkable else esc(s.url)
            note = f'<div class="note">{esc(text_of(s.note, lang))}</div>' if s.note else ""
            rows.append(
                row(
                    [
                        cell(s.key, "key"),
                        cell(f'{title}<div class="url">{url}</div>{note}', raw=True),
                        cell(published_html(s, lang), "num", raw=True),
                        cell(s.read.isoformat(), "num"),
                    ]
                )
            )
        groups.append("<tbody>" + "".join(rows) + "</tbody>")
    intro = label(
        "rpt_sources_note",
        lang,
        months=data.months,
        cutoff=data.cutoff.isoformat(),
        n=len(data.sources),
        stale=data.stale_count,
        unknown=data.undated_count,
    )
    body = f'<p class="note">{esc(intro)}</p>' + table(cols, groups, "sources", body=False)
    return section(number, label("rpt_sources", lang), body, "newpage")
