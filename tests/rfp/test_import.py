"""Answers back into evaluations.yaml: merged, checked cell by cell, and the ranking moves."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from openpyxl import load_workbook

from toolkit import InvalidInput, load_engagement
from toolkit.files._yaml import load_yaml, plain
from toolkit.rfp import export_rfp, import_rfp
from toolkit.scoring import score

from .conftest import fill, rows_by_id

TODAY = dt.date(2027, 1, 21)
XSY_MUSTS = {
    "R04": (2, "RFP 1.4: import wizard with duplicate check"),
    "R10": (1, "RFP 4.2: dispatch through a partner app"),
    "R15": (3, "RFP 5.1: field-level permissions, shown in demo"),
    "R20": (2, "RFP 2.7: payment plans configured"),
}


def evaluations(folder) -> dict:
    return plain(load_yaml(folder / "evaluations.yaml").data)


def rank(folder, vendor):
    card = score(load_engagement(folder))
    return card.as_dict()["vendors"][card.vendors.index(vendor)]


@pytest.fixture
def book(demo, tmp_path):
    return export_rfp(load_engagement(demo), tmp_path / "rfp.xlsx")


def test_answers_land_in_evaluations_and_xiaoshouyi_is_ranked(demo, book):
    before = rank(demo, "xiaoshouyi")
    assert before["rank"] is None and [g["id"] for g in before["must_gaps"]] == ["R04", "R10", "R15", "R20"]
    answers = {**XSY_MUSTS, "integration:erp": ("Partner", "RFP 3.1: K/3 Cloud connector by a certified partner")}
    fill(book, "xiaoshouyi", answers, date=dt.datetime(2027, 1, 20))
    result = import_rfp(demo, book, today=TODAY)
    assert (result.ratings, result.integrations, result.quotes, result.vendors) == (4, 1, 0, ["xiaoshouyi"])
    xsy = evaluations(demo)["xiaoshouyi"]
    assert xsy["data_import"] == {
        "rating": 2,
        "evidence": "RFP 1.4: import wizard with duplicate check",
        "date": dt.date(2027, 1, 20),
        "by": "RFP xiaoshouyi",
    }
    assert {k: v.get("rating") for k, v in xsy.items() if k != "quote"} == {
        "data_import": 2,
        "field_service_dispatch": 1,
        "roles_permissions": 3,
        "receivables_tracking": 2,
        "integration:erp": None,
    }
    assert xsy["integration:erp"]["support"] == "partner"
    assert xsy["quote"]["price_per_user_month"] == 200  # the earlier quote is kept: pricing left blank
    after = rank(demo, "xiaoshouyi")
    assert after["must_gaps"] == [] and after["rank"] == 5
    card = score(load_engagement(demo))
    row = card.ratings[(card.ratings.vendor == "xiaoshouyi") & (card.ratings.id == "R15")].iloc[0]
    assert (row.rating, row.origin) == (3, "evidence")


def test_a_zero_on_a_must_knocks_a_vendor_out(demo, book):
    assert rank(demo, "jiandaoyun")["rank"] == 1
    fill(book, "jiandaoyun", {"R01": (0, "RFP 1.1: no customer 360 view")})
    import_rfp(demo, book, today=TODAY)
    after = rank(demo, "jiandaoyun")
    assert after["rank"] is None
    assert after["must_gaps"] == [{"id": "R01", "target": "customer_360", "status": "confirmed"}]
    assert evaluations(demo)["jiandaoyun"]["customer_360"]["date"] == TODAY  # no answer date: today


def test_pricing_becomes_the_quote_and_replaces_the_old_one(demo, book):
    pricing = {"price_per_user_month": 180, "min_users": 40, "implementation": 150000.0, "notes": "3-year term"}
    fill(book, "xiaoshouyi", {}, pricing=pricing, date="2027-01-19")
    import_rfp(demo, book, today=TODAY)
    assert evaluations(demo)["xiaoshouyi"]["quote"] == {
        "edition": "quote_based",
        "price_per_user_month": 180,
        "min_users": 40,
        "currency": "CNY",
        "implementation": 150000,
        "evidence": "3-year term",
        "date": dt.date(2027, 1, 19),
        "by": "RFP xiaoshouyi",
    }
    tco = score(load_engagement(demo)).tco["xiaoshouyi"]
    assert (tco.price_basis, tco.implementation_basis) == ("quote", "quote")


def test_comments_and_other_entries_survive_and_a_second_import_changes_nothing(demo, book):
    fill(book, "xiaoshouyi", XSY_MUSTS)
    import_rfp(demo, book, today=TODAY)
    text = (demo / "evaluations.yaml").read_text(encoding="utf-8")
    assert text.startswith("# What the selection team saw itself")
    assert "# XiaoShouYi's RFP answers are still outstanding" in text
    assert "# vendor profiles' default ratings for this engagement" in text
    assert evaluations(demo)["salesforce"]["quote_approval"]["evidence"]["en"].startswith("demo 2027-01-12")
    assert '"integration:erp": {support: native' in text
    import_rfp(demo, book, today=TODAY)
    assert (demo / "evaluations.yaml").read_text(encoding="utf-8") == text


def test_a_questionnaire_with_no_answer_writes_nothing(demo, book):
    before = (demo / "evaluations.yaml").read_bytes()
    result = import_rfp(demo, book, today=TODAY)
    assert (result.ratings, result.quotes) == (0, 0)
    assert (demo / "evaluations.yaml").read_bytes() == before


def test_an_engagement_without_evaluations_gets_a_new_file(demo, book):
    (demo / "evaluations.yaml").unlink()
    fill(book, "kingdee", {"R05": (2, "RFP 2.1")})
    import_rfp(demo, book, today=TODAY)
    assert evaluations(demo) == {
        "kingdee": {"quote_approval": {"rating": 2, "evidence": "RFP 2.1", "date": TODAY, "by": "RFP kingdee"}}
    }


def test_another_engagements_workbook_is_refused_in_one_line(demo, tmp_path):
    other = shutil.copytree(demo, tmp_path / "other" / "acme-2027")
    text = (other / "engagement.yaml").read_text(encoding="utf-8")
    (other / "engagement.yaml").write_text(text.replace("华东精密机械有限公司", "Acme 机械"), encoding="utf-8")
    book = fill(export_rfp(load_engagement(other), tmp_path / "acme.xlsx"), "xiaoshouyi", XSY_MUSTS)
    before = (demo / "evaluations.yaml").read_bytes()
    with pytest.raises(InvalidInput) as info:
        import_rfp(demo, book, today=TODAY)
    [problem] = info.value.problems
    assert str(problem).startswith(f"{book}:About!B6: fingerprint: made for client 'Acme 机械', engagement 'acme-2027'")
    assert "not for this one ('华东精密机械有限公司', 'demo-manufacturer')" in str(problem)
    assert (demo / "evaluations.yaml").read_bytes() == before


def test_every_bad_cell_is_one_line_and_nothing_is_written(demo, book):
    answers = {
        "R01": (4, "too good"),
        "R02": (2.5, "half"),
        "R03": ("yes", "we have it"),
        "R05": (2, None),
        "R06": (None, "an evidence without a rating"),
        "integration:erp": ("maybe", "ask us"),
    }
    fill(book, "kingdee", answers, pricing={"price_per_user_month": -5, "implementation": "call us"}, date="soon")
    before = (demo / "evaluations.yaml").read_bytes()
    with pytest.raises(InvalidInput) as info:
        import_rfp(demo, book, today=TODAY)
    rows = rows_by_id(load_workbook(book)["kingdee"])
    erp = rows["integration:erp"]
    assert [str(p).removeprefix(f"{book}:") for p in info.value.problems] == sorted(
        [
            "kingdee!B2: date: must be a date written YYYY-MM-DD (got 'soon')",
            "kingdee!E4: rating: must be a whole number from 0 to 3 (got '4')",
            "kingdee!E5: rating: must be a whole number from 0 to 3 (got '2.5')",
            "kingdee!E6: rating: must be a whole number from 0 to 3 (got 'yes')",
            "kingdee!F8: evidence: required with a rating: the module, a document or a demo",
            "kingdee!E9: rating: evidence given without a rating: give the rating or clear the evidence",
            f"kingdee!E{erp}: support: must be native, partner, api, none (got 'maybe')",
            "kingdee pricing!B6: price_per_user_month: must be a number >= 0 (got '-5')",
            "kingdee pricing!B12: implementation: must be a number >= 0 (got 'call us')",
        ]
    )
    assert (demo / "evaluations.yaml").read_bytes() == before


def test_requirements_changed_since_the_export(demo, book):
    fill(book, "kingdee", {"R04": (2, "RFP 1.4"), "R05": (3, "RFP 2.1")})
    text = (demo / "requirements.yaml").read_text(encoding="utf-8")
    text = text.replace("id: R04\n", "id: R04b\n").replace("capability: quote_approval", "capability: cpq")
    (demo / "requirements.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInput) as info:
        import_rfp(demo, book, today=TODAY)
    lines = [str(p).removeprefix(f"{book}:") for p in info.value.problems]
    assert lines[0].startswith("About!B6: requirements: warning: the graded requirements changed since the export")
    assert lines[1:] == [
        "kingdee!A7: id: requirement R04 is no longer in requirements.yaml: drop its answer",
        "kingdee!A8: id: R05 asked about quote_approval but now names cpq: ask again",
    ]


def test_a_vendor_taken_off_the_shortlist(demo, book):
    fill(book, "kingdee", {"R05": (2, "RFP 2.1")})
    text = (demo / "engagement.yaml").read_text(encoding="utf-8")
    (demo / "engagement.yaml").write_text(text.replace("kingdee, ", ""), encoding="utf-8")
    with pytest.raises(InvalidInput) as info:
        import_rfp(demo, book, today=TODAY)
    assert [str(p).removeprefix(f"{book}:") for p in info.value.problems] == [
        "kingdee!A1: vendor: sheet 'kingdee' is for 'kingdee', not on this engagement's shortlist"
    ]


def test_two_requirements_on_one_capability(demo, tmp_path):
    text = (demo / "requirements.yaml").read_text(encoding="utf-8")
    extra = "  - id: R21\n    capability: data_import\n    title: Import the dealers' lists\n    grade: could\n"
    (demo / "requirements.yaml").write_text(text.replace("integrations:\n", extra + "integrations:\n"))
    book = export_rfp(load_engagement(demo), tmp_path / "rfp.xlsx")
    fill(book, "fxiaoke", {"R04": (2, "wizard"), "R21": (3, "native import")})
    with pytest.raises(InvalidInput) as info:
        import_rfp(demo, book, today=TODAY)
    [problem] = info.value.problems
    assert problem.cell == "fxiaoke!E22" and problem.message.startswith(
        "R21 and R04 both name capability data_import but are rated 3 and 2"
    )
    fill(book, "fxiaoke", {"R21": (2, "native import")})
    import_rfp(demo, book, today=TODAY)
    assert evaluations(demo)["fxiaoke"]["data_import"]["evidence"] == "R04: wizard / R21: native import"


def test_pricing_mistakes(demo, book):
    pricing = {"price_per_user_month": 100, "price_per_year": 5000, "included_users": 2.5, "currency": "EUR"}
    fill(book, "yonyou", {}, pricing=pricing)
    with pytest.raises(InvalidInput) as info:
        import_rfp(demo, book, today=TODAY)
    assert [str(p).removeprefix(f"{book}:") for p in info.value.problems] == [
        "yonyou pricing!B11: currency: must be CNY or USD, which have fx rates (got 'EUR')",
        "yonyou pricing!B8: price_per_year: give either the per-user price or the yearly price, not both",
        "yonyou pricing!B9: included_users: must be a whole number of users (got '2.5')",
    ]


def test_the_folder_is_checked_with_the_answers_before_anything_is_written(demo, book, monkeypatch):
    from toolkit.rfp import _import

    bad = {"kingdee": {"no_such_capability": {"rating": 2, "evidence": "x", "date": TODAY, "by": "RFP kingdee"}}}
    monkeypatch.setattr(_import, "read_rfp", lambda *a, **k: (bad, []))
    before = (demo / "evaluations.yaml").read_bytes()
    with pytest.raises(InvalidInput) as info:
        import_rfp(demo, book, today=TODAY)
    [problem] = info.value.problems
    assert problem.file == str(demo / "evaluations.yaml") and problem.field == "kingdee.no_such_capability"
    assert problem.message.startswith("after import: unknown capability id 'no_such_capability'")
    assert (demo / "evaluations.yaml").read_bytes() == before


def test_not_a_questionnaire(demo, tmp_path):
    from toolkit.requirements_matrix import export_xlsx

    sheet = tmp_path / "workshop.xlsx"
    export_xlsx(load_engagement(demo).requirements, sheet)
    with pytest.raises(InvalidInput) as info:
        import_rfp(demo, sheet)
    assert [p.message for p in info.value.problems] == [
        "not an RFP questionnaire: export one with `crm-toolkit rfp export`"
    ]
