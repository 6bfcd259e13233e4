"""The report of a preliminary scorecard: a banner on the first screen (HTML) and the first sheet
(xlsx) listing the missing figures, en and zh; no TCO figure for a vendor without one."""

from __future__ import annotations

import html
import io
import re

import pytest
from openpyxl import load_workbook

from toolkit.cli import main
from toolkit.files._i18n import label
from toolkit.model._engagement import load_engagement
from toolkit.report import report_html, report_xlsx
from toolkit.scoring import score, sensitivity

from .conftest import TODAY, table_under

KINGDEE_LINE = (
    "engagement.yaml:19: shortlist[2]: kingdee: xingkong price_per_user_month is not public and the profile has "
    "no indicative figure: add the vendor's quote to evaluations.yaml (kingdee: {quote: {price_per_user_month: "
    '..., evidence: "..."}})'
)


@pytest.fixture
def preliminary(demo_copy):
    """The demo without Kingdee's quote: (engagement, preliminary scorecard, sensitivity)."""
    path = demo_copy / "evaluations.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(x for x in lines if "price_per_user_month: 150" not in x), encoding="utf-8")
    engagement = load_engagement(demo_copy)
    card = score(engagement)
    return engagement, card, sensitivity(card, samples=300, seed=0)


def _banner(page: str) -> str:
    found = re.search(r'<section class="prelim" role="alert">(.*?)</section>', page, re.S)
    assert found, "no banner"
    return html.unescape(re.sub(r"<[^>]+>", "|", found.group(1)))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_opens_with_the_banner_and_the_missing_figures(preliminary, lang):
    engagement, card, sens = preliminary
    page = report_html(engagement, card, sens, lang, today=TODAY)
    assert page.index('class="prelim"') < page.index('class="summary"')  # under the cover, before anything
    banner = _banner(page)
    assert label("rpt_prelim_banner", lang) in banner
    assert label("prelim_missing", lang) in banner
    weights = {"en": "Fit 53%, Integration 27%, Viability 20%", "zh": "功能匹配 53%, 集成 27%, 厂商生存力 20%"}[lang]
    assert weights in banner
    assert label("prelim_no_tco", lang, names=card.name("kingdee", lang)) in banner
    items = re.findall(r"<li><code>(.*?)</code></li>", page)
    assert [html.unescape(x) for x in items] == [KINGDEE_LINE]


def test_vendors_without_a_tco_show_none(preliminary):
    engagement, card, sens = preliminary
    page = report_html(engagement, card, sens, "en", today=TODAY)
    rows = {r[1]: r for r in table_under(page, label("rpt_ranking", "en"))[1:]}
    assert rows["Kingdee"][5] == "–" and rows["Kingdee"][7] == "–"  # TCO score and TCO
    assert rows["Jiandaoyun"][5] == "100.0" and rows["Jiandaoyun"][7] == "621,806"
    contributions = table_under(page, label("rpt_contributions", "en"))
    assert contributions[0] == ["Vendor", "Fit", "Integration", "Viability", "Total"]
    tco = table_under(page, label("rpt_tco", "en"), 0)
    assert [r[0] for r in tco[1:]] == [card.name(v) for v in card.priced] and "Kingdee" not in card.priced
    assert not re.search(r"[>\s(]nan[<%\s)]", page, re.I)  # no NaN shown for a score or a share


def test_a_complete_report_has_no_banner(demo):
    page = report_html(*demo, "en", today=TODAY)
    assert 'class="prelim"' not in page
    sheets = load_workbook(_saved(report_xlsx(*demo, "en", today=TODAY))).sheetnames
    assert sheets[:2] == [label("ill_sheet", "en"), label("rpt_sh_ranking", "en")]  # the demo is illustrative


def _saved(workbook) -> io.BytesIO:
    buf = io.BytesIO()
    workbook.save(buf)
    buf.seek(0)
    return buf


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_workbook_opens_on_the_missing_figures(preliminary, lang):
    engagement, card, sens = preliminary
    wb = load_workbook(_saved(report_xlsx(engagement, card, sens, lang, today=TODAY)))
    first = wb.worksheets[1]  # after the illustrative engagement's sheet, which it opens on
    assert first.title == label("rpt_sh_preliminary", lang) and wb.active.title == label("ill_sheet", lang)
    assert [ws.sheet_view.tabSelected for ws in wb.worksheets].count(True) == 1
    rows = list(first.iter_rows(values_only=True))
    assert rows[0][0] == label("rpt_prelim_banner", lang)
    assert label("prelim_no_tco", lang, names=card.name("kingdee", lang)) in rows[1][0]
    assert rows[3] == tuple(label(k, lang) for k in ("rpt_file", "rpt_line", "rpt_field", "rpt_missing_figure"))
    assert rows[4:] == [("engagement.yaml", 19, "shortlist[2]", KINGDEE_LINE)]
    assert first.freeze_panes == "A5" and first.auto_filter.ref == "A4:D5"
    ranking = {r[1]: r for r in wb.worksheets[2].iter_rows(min_row=2, values_only=True)}
    assert ranking["kingdee"][6] is None and ranking["kingdee"][8] is None  # TCO score and TCO total
    tco = wb[label("rpt_sh_tco", lang)]
    assert [r[0] for r in tco.iter_rows(min_row=2, values_only=True)] == card.priced


def test_the_command_writes_a_preliminary_report_and_strict_refuses(preliminary, demo_copy, tmp_path, capsys):
    out = tmp_path / "scorecard.html"
    assert main(["report", str(demo_copy), "-o", str(out), "--samples", "200"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("warning: preliminary scorecard: TCO counts in no total") and len(err) == 2
    assert label("rpt_prelim_banner", "en") in out.read_text(encoding="utf-8")
    out.write_text("the previous report", encoding="utf-8")
    assert main(["report", str(demo_copy), "-o", str(out), "--strict"]) == 1
    assert capsys.readouterr().out.splitlines() == [f"{demo_copy}/{KINGDEE_LINE}"]
    assert out.read_text(encoding="utf-8") == "the previous report"
