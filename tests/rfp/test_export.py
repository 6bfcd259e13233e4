"""The questionnaire a vendor receives: sheets, drop-downs, locked cells and the fingerprint."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from toolkit import ToolkitError, load_engagement
from toolkit.rfp import export_rfp, export_rfp_per_vendor, questions
from toolkit.rfp._layout import identity

ASKED = [f"R{n:02d}" for n in range(1, 17)] + ["R18", "R20"]  # R17 and R19 are graded wont
INTEGRATIONS = ["integration:erp", "integration:wecom", "integration:email", "integration:oa"]
NOW = dt.datetime(2027, 1, 18, 9, 30)


@pytest.fixture
def book(demo, tmp_path):
    return export_rfp(load_engagement(demo), tmp_path / "rfp.xlsx", now=NOW)


def test_one_question_and_one_pricing_sheet_per_shortlisted_vendor(book):
    wb = load_workbook(book)
    vendors = ["jiandaoyun", "salesforce", "kingdee", "yonyou", "fxiaoke", "xiaoshouyi"]
    assert wb.sheetnames == ["Instructions", *[s for v in vendors for s in (v, f"{v} pricing")], "Lists", "About"]
    assert [wb[s].sheet_state for s in ("Instructions", "kingdee", "Lists", "About")] == [
        "visible",
        "visible",
        "hidden",
        "hidden",
    ]
    assert wb.security.lockStructure


def test_rows_are_the_must_and_could_requirements_then_the_required_integrations(book):
    ws = load_workbook(book)["xiaoshouyi"]
    ids = [ws.cell(r, 1).value for r in range(4, ws.max_row + 1)]
    assert [i for i in ids if i and i.startswith("R")] == ASKED
    assert [i for i in ids if i and i.startswith("integration:")] == INTEGRATIONS
    assert [c.value for c in ws[3]][:7] == [
        "Id",
        "Capability",
        "Requirement",
        "Grade",
        "Your rating (0-3)",
        "Evidence (required with an answer)",
        "Current profile rating (read-only)",
    ]
    assert [c.value for c in ws[4]][:7] == [
        "R01",
        "Customer 360° profile",
        "One customer file with contacts, orders and service history",
        "Must",
        None,
        None,
        3,
    ]
    r04 = ASKED.index("R04") + 4
    assert [ws.cell(r04, c).value for c in (4, 5, 6, 7)] == ["Must", None, None, "not rated"]
    assert ws.freeze_panes == "B4"


def test_nothing_that_looks_like_an_answer_is_prefilled_and_only_answers_are_unlocked(book):
    wb = load_workbook(book)
    ws = wb["kingdee"]
    assert ws.protection.sheet
    for row in range(4, ws.max_row + 1):
        if ws.cell(row, 1).value in ASKED + INTEGRATIONS:
            assert ws.cell(row, 5).value is None and ws.cell(row, 6).value is None
            assert not ws.cell(row, 5).protection.locked and not ws.cell(row, 6).protection.locked
            assert ws.cell(row, 1).protection.locked and ws.cell(row, 7).protection.locked
    assert ws.cell(2, 2).value is None and not ws.cell(2, 2).protection.locked  # the answer date
    pricing = wb["kingdee pricing"]
    answers = {pricing.cell(r, 4).value: pricing.cell(r, 2).value for r in range(4, pricing.max_row + 1)}
    assert answers == {
        "edition": "xingkong",
        "users": 60,
        **dict.fromkeys(
            ["price_per_user_month", "min_users", "price_per_year", "included_users", "extra_user_per_year"], None
        ),
        "currency": None,
        "implementation": None,
        "notes": None,
    }


def test_drop_downs_hold_the_rating_and_support_scales(book):
    wb = load_workbook(book)
    ws = wb["salesforce"]
    validations = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    first_int = 4 + len(ASKED) + 4
    assert validations == {
        f"E4:E{3 + len(ASKED)}": "=Lists!$A$1:$A$4",
        f"E{first_int}:E{first_int + 3}": "=Lists!$B$1:$B$4",
    }
    lists = wb["Lists"]
    assert [lists.cell(r, 1).value for r in range(1, 5)] == [0, 1, 2, 3]
    assert [lists.cell(r, 2).value for r in range(1, 5)] == ["native", "partner", "api", "none"]
    assert [lists.cell(r, 3).value for r in range(1, 3)] == ["CNY", "USD"]
    prompt = ws.data_validations.dataValidation[0].prompt
    assert prompt.startswith("0 = not available · 1 = only through custom development")


def test_fingerprint_in_the_about_sheet_and_the_workbook_properties(book, demo):
    wb = load_workbook(book)
    about = {row[0]: row[1:] for row in wb["About"].iter_rows(values_only=True) if row[0]}
    ident = identity(load_engagement(demo))
    assert ident["client"] == "华东精密机械有限公司" and ident["engagement"] == "demo-manufacturer"
    for key in ("client", "engagement", "requirements", "fingerprint"):
        assert about[key][0] == ident[key]
    assert about["format"][0] == "crm-toolkit rfp" and about["exported"][0] == "2027-01-18T09:30:00"
    assert about["toolkit"][0].startswith("crm-toolkit ")
    sheets = [row[1:4] for row in wb["About"].iter_rows(values_only=True) if row[0] == "sheet"]
    assert sheets[:2] == [("jiandaoyun", "jiandaoyun", "questions"), ("jiandaoyun pricing", "jiandaoyun", "pricing")]
    props = {p.name: p.value for p in wb.custom_doc_props.props}
    assert props["crm-toolkit fingerprint"] == ident["fingerprint"]
    assert props["crm-toolkit vendors"] == "jiandaoyun,salesforce,kingdee,yonyou,fxiaoke,xiaoshouyi"


def test_fingerprint_changes_with_the_client_and_the_questions(demo):
    engagement = load_engagement(demo)
    base = identity(engagement)
    other_client = engagement.__class__(
        **{**engagement.__dict__, "settings": engagement.settings.model_copy(update={"client": "Other"})}
    )
    assert identity(other_client)["fingerprint"] != base["fingerprint"]
    assert identity(other_client)["requirements"] == base["requirements"]
    text = (demo / "requirements.yaml").read_text(encoding="utf-8")
    (demo / "requirements.yaml").write_text(text.replace("votes: {marketing_lead: could}", "grade: wont"))
    assert identity(load_engagement(demo))["requirements"] != base["requirements"]


def test_chosen_vendors_in_chinese(demo, tmp_path):
    engagement = load_engagement(demo)
    book = export_rfp(engagement, tmp_path / "zh.xlsx", vendors=["kingdee"], lang="zh")
    wb = load_workbook(book)
    assert wb.sheetnames == ["填写说明", "kingdee", "kingdee pricing", "Lists", "About"]
    ws = wb["kingdee"]
    assert [ws.cell(3, c).value for c in (4, 5)] == ["分级", "贵司评分(0-3)"]
    assert ws.cell(4, 2).value == "客户360°档案" and ws.cell(4, 4).value == "必做"
    assert ws.cell(1, 1).value == "金蝶:功能与集成"
    steps = [c.value for c in wb["填写说明"]["B"] if c.value]
    assert any("依据" in s for s in steps)


def test_one_workbook_per_vendor(demo, tmp_path):
    paths = export_rfp_per_vendor(load_engagement(demo), tmp_path / "out", vendors=["xiaoshouyi", "kingdee"])
    assert [p.name for p in paths] == ["rfp-xiaoshouyi.xlsx", "rfp-kingdee.xlsx"]
    assert load_workbook(paths[0]).sheetnames == ["Instructions", "xiaoshouyi", "xiaoshouyi pricing", "Lists", "About"]


def test_a_vendor_off_the_shortlist_is_refused(demo, tmp_path):
    with pytest.raises(ToolkitError, match="hubspot is not on the shortlist"):
        export_rfp(load_engagement(demo), tmp_path / "x.xlsx", vendors=["hubspot"])
    assert not (tmp_path / "x.xlsx").exists()


def test_questions_follow_the_grading(demo):
    qs = questions(load_engagement(demo), "zh")
    assert [q.id for q in qs] == ASKED + INTEGRATIONS
    assert (qs[0].grade, qs[0].text, qs[-1].text) == ("must", "客户360°档案", "泛微 e-office")
