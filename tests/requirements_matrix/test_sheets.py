"""Excel and CSV round trips, and refusal of bad cells with nothing written."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from toolkit import load_engagement
from toolkit.files._problems import InvalidInput
from toolkit.requirements_matrix import export_csv, export_xlsx, import_sheet, read_sheet

from ..conftest import write

REQS = """\
# workshop of 2027-01-10
requirements:
  - id: R01  # the first pain point
    capability: customer_360
    title: {en: One customer file, zh: 客户360°档案}
    department: sales
    votes: {销售总监: must, service: could}
    rationale: 客户信息分散
  - id: R02
    capability: quote_approval
    title: 报价审批流 / Quote approval
    votes: {销售总监: must, service: wont}
    grade: could
  - id: R03
    capability: loyalty_points
    grade: wont
integrations:
  - system: erp
    product: Kingdee K/3 Cloud
    votes: {it: must}
  - system: wecom
    grade: could
"""


@pytest.fixture
def eng(make_engagement):
    return make_engagement(requirements=REQS)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_import_gives_back_the_same_requirements(eng, tmp_path, suffix):
    before = load_engagement(eng).requirements
    sheet = tmp_path / f"workshop{suffix}"
    (export_xlsx if suffix == ".xlsx" else export_csv)(before, sheet)
    text_before = (eng / "requirements.yaml").read_text(encoding="utf-8")
    import_sheet(eng, sheet)
    assert load_engagement(eng).requirements == before
    assert (eng / "requirements.yaml").read_text(encoding="utf-8") == text_before  # byte for byte


STAKEHOLDERS = """\
stakeholders:
  - id: sales
    name: {en: Wang Fang, zh: 王芳}
    role: {en: Sales director, zh: 销售总监}
  - id: finance  # listed, no vote yet
    name: Chen Jing
"""


def test_stakeholders_keep_their_id_in_the_header_and_their_name_in_its_note(make_engagement, tmp_path):
    """A listed stakeholder without votes gets an empty column; the round trip changes nothing."""
    folder = make_engagement(requirements=STAKEHOLDERS + REQS.replace("销售总监:", "sales:"))
    before = load_engagement(folder).requirements
    text_before = (folder / "requirements.yaml").read_text(encoding="utf-8")
    sheet = tmp_path / "w.xlsx"
    export_xlsx(before, sheet, lang="zh")
    ws = load_workbook(sheet)["Requirements"]
    votes = {c.value: c.comment.text for c in ws[1] if c.value.startswith("vote:")}
    assert list(votes) == ["vote:sales", "vote:finance", "vote:service", "vote:it"]  # the listed first
    assert votes["vote:sales"] == "投票: 王芳 · 销售总监"
    assert votes["vote:finance"] == "投票: Chen Jing" and votes["vote:service"] == "投票: service"
    for out in (sheet, tmp_path / "w.csv"):
        if out.suffix == ".csv":
            assert export_csv(before, out).startswith("kind,") and "vote:finance" in out.read_text("utf-8-sig")
        import_sheet(folder, out)  # the ids are the keys read back: nothing changes
        assert load_engagement(folder).requirements == before
        assert (folder / "requirements.yaml").read_text(encoding="utf-8") == text_before


def test_xlsx_has_dropdowns_on_grade_and_vote_cells(eng, tmp_path):
    sheet = tmp_path / "w.xlsx"
    export_xlsx(load_engagement(eng).requirements, sheet, lang="zh")
    wb = load_workbook(sheet)
    ws = wb["Requirements"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["id", "capability", "capability_name"]
    assert "vote:销售总监" in header and "grade" in header
    validations = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    grade_col = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[header.index("grade")]
    assert validations[f"{grade_col}2:{grade_col}204"] == "=Lists!$A$1:$A$3"
    assert ws.cell(2, 3).value == "客户360°档案"  # capability name in the chosen language
    assert wb["Lists"].sheet_state == "hidden"
    assert [wb["Lists"].cell(i, 1).value for i in (1, 2, 3)] == ["must", "could", "wont"]


def test_edited_sheet_updates_yaml_keeping_comments(eng, tmp_path):
    sheet = tmp_path / "w.xlsx"
    export_xlsx(load_engagement(eng).requirements, sheet)
    wb = load_workbook(sheet)
    ws = wb["Requirements"]
    header = [c.value for c in ws[1]]
    ws.cell(2, header.index("vote:service") + 1).value = "must"  # R01 service now must
    ws.append(["R04", "mobile_app", None, "Mobile", None, None, "sales", None, "could", None])
    wb.save(sheet)
    import_sheet(eng, sheet)
    text = (eng / "requirements.yaml").read_text(encoding="utf-8")
    assert "# workshop of 2027-01-10" in text and "# the first pain point" in text
    assert "votes: {销售总监: must, service: must}" in text
    reqs = load_engagement(eng).requirements.requirements
    assert [r.id for r in reqs] == ["R01", "R02", "R03", "R04"]
    assert reqs[3].votes == {"销售总监": "could"} and reqs[3].title == "Mobile"


def test_bad_cells_are_refused_one_line_each_and_nothing_written(eng, tmp_path):
    sheet = tmp_path / "w.xlsx"
    export_xlsx(load_engagement(eng).requirements, sheet)
    wb = load_workbook(sheet)
    ws = wb["Requirements"]
    header = [c.value for c in ws[1]]
    col = {h: i + 1 for i, h in enumerate(header)}
    ws.cell(2, col["grade"]).value = "mst"
    ws.cell(3, col["capability"]).value = "quote_flow"
    ws.cell(4, col["id"]).value = "R01"
    ws.cell(4, col["grade"]).value = None  # R03 now has neither votes nor grade
    wb["Integrations"].cell(2, 1).value = "sap"
    wb.save(sheet)
    before = (eng / "requirements.yaml").read_bytes()
    with pytest.raises(InvalidInput) as info:
        import_sheet(eng, sheet)
    lines = [str(p).split(": ", 1)[0].split(":", 1)[1] + ": " + p.field for p in info.value.problems]
    grade, cap, ident = (chr(64 + col[k]) for k in ("grade", "capability", "id"))
    assert sorted(lines) == sorted(
        [
            f"Requirements!{grade}2: grade",
            f"Requirements!{cap}3: capability",
            f"Requirements!{ident}4: id",
            f"Requirements!{grade}4: grade",
            "Integrations!A2: system",
        ]
    )
    assert str(info.value.problems[0]).startswith(f"{sheet}:")
    assert (eng / "requirements.yaml").read_bytes() == before


def test_csv_bad_grade_reports_line_and_column(tmp_path):
    path = write(tmp_path / "r.csv", "kind,id,capability,grade\nrequirement,R1,customer_360,essential\n")
    data, [problem] = read_sheet(path)
    assert data is None
    assert (problem.line, problem.field) == (2, "grade")
    assert str(problem) == f"{path}:2: grade: grade must be must, could or wont (got 'essential')"


def test_chinese_grade_words_are_understood(tmp_path):
    path = write(tmp_path / "r.csv", "kind,id,capability,vote:销售,grade\nrequirement,R1,customer_360,必做,\n")
    data, problems = read_sheet(path)
    assert problems == []
    assert data["requirements"][0]["votes"] == {"销售": "must"}


def test_not_a_workbook_is_one_problem(tmp_path):
    path = write(tmp_path / "r.xlsx", "not a zip")
    data, [problem] = read_sheet(path)
    assert data is None and "cannot read as an Excel workbook" in problem.message
