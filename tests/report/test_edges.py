"""Reports of engagements at the edges: nobody ranked, flagged knockouts, a tie, one vendor."""

from __future__ import annotations

import html
import re

import pytest

from toolkit.files._i18n import label
from toolkit.model._engagement import load_engagement
from toolkit.report import report_html, report_xlsx
from toolkit.scoring import score, sensitivity

from ..conftest import write
from .conftest import table_under
from .test_facts import PROFILE, REQUIREMENTS


@pytest.fixture
def build(tmp_path):
    """An engagement of vendors given as (id, price, rating of the one must requirement)."""

    def make(vendors, knockout="exclude"):
        folder = tmp_path / f"eng_{knockout}_{len(vendors)}"
        ids = ", ".join(v for v, _, _ in vendors)
        engagement = f"client: Edge\nindustry: manufacturing\ncurrency: CNY\nusers: 10\nknockout: {knockout}\n"
        write(folder / "engagement.yaml", engagement + f"shortlist: [{ids}]\n")
        write(folder / "requirements.yaml", REQUIREMENTS)
        for vid, price, fit in vendors:
            text = PROFILE.format(id=vid, name=vid.title(), zh=vid, price=price, fit=fit, old="2026-01-01")
            write(folder / "vendor_profiles" / f"{vid}.yaml", text)
        eng = load_engagement(folder)
        card = score(eng)
        return eng, card, sensitivity(card, samples=200)

    return make


def _summary(page: str) -> str:
    return html.unescape(re.search(r'<section class="summary">.*?<p>(.*?)</p>', page, re.S).group(1))


def test_nobody_ranked(build, tmp_path):
    inputs = build([("alpha", 10, 0), ("beta", 20, 0)])
    page = report_html(*inputs, "en")
    assert _summary(page).startswith(label("rpt_exec_none", "en"))
    assert label("rpt_exec_knockouts", "en", names="Alpha, Beta") in _summary(page)
    rows = table_under(page, label("rpt_ranking", "en"))[1:]
    assert [r[0] for r in rows] == ["–", "–"]
    assert '<div class="kpis">' not in page
    book = report_xlsx(*inputs, "en")
    assert [r[0] for r in book[label("rpt_sh_ranking", "en")].iter_rows(min_row=2, values_only=True)] == [None, None]
    book.save(tmp_path / "nobody.xlsx")


def test_flagged_vendors_keep_their_rank_and_carry_the_mark(build):
    inputs = build([("alpha", 10, 0), ("beta", 20, 3)], knockout="flag")
    page = report_html(*inputs, "en")
    rows = table_under(page, label("rpt_ranking", "en"))[1:]
    assert [r[0] for r in rows] == ["1", "2"]
    assert [r[1].startswith("Beta") for r in rows] == [True, False]
    assert [label("flagged", "en") in r[1] for r in rows] == [False, True]
    assert label("rpt_exec_flagged", "en", names="Alpha") in _summary(page)


def test_a_tie_is_called_a_tie(build):
    inputs = build([("alpha", 10, 3), ("beta", 10, 3)])
    page = report_html(*inputs, "en")
    total = f"{inputs[1].total['alpha']:.1f}"
    assert _summary(page).startswith(label("rpt_exec_tied", "en", leader="Alpha", second="Beta", total=total))


def test_one_vendor(build):
    inputs = build([("alpha", 10, 2)])
    page = report_html(*inputs, "zh")
    assert _summary(page).startswith(
        label("rpt_exec_only", "zh", leader="alpha", total=f"{inputs[1].total['alpha']:.1f}")
    )
    assert len(re.findall(r'<svg [^>]*class="chart"', page)) == 4
