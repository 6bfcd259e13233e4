"""The workbook's Weights sheet: the demo's six stakeholders out and back unchanged, each method
filled in the sheet read into engagement.yaml, one line per bad cell with nothing written."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from toolkit.files._i18n import label
from toolkit.files._problems import InvalidInput
from toolkit.model._engagement import load_engagement
from toolkit.requirements_matrix import export_xlsx, import_sheet
from toolkit.scoring._room import ahp_weights, person_weights, point_weights, rank_weights

from ..conftest import write

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo-manufacturer"
HEADER = [
    "stakeholder",
    "name",
    "method",
    "fit",
    "integration",
    "tco",
    "viability",
    "fit/integration",
    "fit/tco",
    "fit/viability",
    "integration/tco",
    "integration/viability",
    "tco/viability",
]
#: the demo's rows in the sheet: requirements.yaml's stakeholders in order
ROW = {
    "sales_director": 2,
    "service_manager": 3,
    "marketing_lead": 4,
    "finance_controller": 5,
    "it_manager": 6,
    "general_manager": 7,
}


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    target = tmp_path / "demo"
    shutil.copytree(DEMO, target)
    return target


def exported(folder: Path, sheet: Path, lang: str = "en") -> Path:
    engagement = load_engagement(folder)
    export_xlsx(engagement.requirements, sheet, lang=lang, room_weights=engagement.settings.room_weights)
    return sheet


def files(folder: Path) -> tuple[bytes, bytes]:
    return (folder / "engagement.yaml").read_bytes(), (folder / "requirements.yaml").read_bytes()


def fill(sheet: Path, rows: dict[int, dict[str, Any]]) -> None:
    """Set cells of the Weights sheet: {row: {column name: value}} (None empties a cell)."""
    wb = load_workbook(sheet)
    ws = wb["Weights"]
    for r, cells in rows.items():
        for name, value in cells.items():
            ws.cell(r, HEADER.index(name) + 1).value = value
    wb.save(sheet)


def test_demo_weights_out_and_back_unchanged(demo: Path, tmp_path: Path) -> None:
    sheet = exported(demo, tmp_path / "w.xlsx")
    wb = load_workbook(sheet)
    assert wb.sheetnames == ["Requirements", "Integrations", "Weights", "About", "Lists"]
    rows = [list(r) for r in wb["Weights"].iter_rows(values_only=True) if any(v is not None for v in r)]
    assert rows == [
        HEADER,
        ["sales_director", "Wang Fang · Sales director", "rank", 1, 2, 4, 3, *[None] * 6],
        ["service_manager", "Zhang Wei · Service manager", "weights", 45, 25, 15, 15, *[None] * 6],
        ["marketing_lead", "Li Na · Marketing lead", "swing", 100, 70, 30, 40, *[None] * 6],
        ["finance_controller", "Chen Jing · Finance controller", "swing", 40, 20, 100, 60, *[None] * 6],
        ["it_manager", "Liu Yang · IT manager", "ahp", *[None] * 4, "1/2", 2, 1, 3, 2, 1],
        ["general_manager", "Zhao Min · General manager", "ahp", *[None] * 4, 2, 1, 2, "1/2", 1, 2],
    ]
    before = files(demo)
    data = import_sheet(demo, sheet)
    assert sorted(data["weights"].given) == sorted(ROW) and data["weights"].updated == ()
    assert files(demo) == before  # byte for byte


def test_method_drop_down_and_lists(demo: Path, tmp_path: Path) -> None:
    wb = load_workbook(exported(demo, tmp_path / "w.xlsx"))
    validations = {str(dv.sqref): (dv.type, dv.formula1) for dv in wb["Weights"].data_validations.dataValidation}
    assert validations["C2:C207"] == ("list", "=Lists!$D$1:$D$4")
    assert validations["D2:D207"] == ("decimal", "0")
    assert [wb["Lists"].cell(i, 4).value for i in range(1, 5)] == ["rank", "swing", "ahp", "weights"]
    assert wb["Weights"]["H2"].number_format == "@"  # 1/3 stays a fraction, not a date


def test_each_method_filled_in_the_sheet_is_imported(demo: Path, tmp_path: Path) -> None:
    sheet = exported(demo, tmp_path / "w.xlsx")
    nothing = dict.fromkeys(HEADER[3:])
    fill(
        sheet,
        {
            ROW["sales_director"]: {
                **nothing,
                "method": "weights",
                "fit": 50,
                "integration": 20,
                "tco": "20",
                "viability": 10,
            },
            ROW["service_manager"]: {**nothing, "method": "排序", "tco": 1, "fit": 2, "viability": 3, "integration": 4},
            ROW["marketing_lead"]: {
                **nothing,
                "method": "swing",
                "tco": 100,
                "fit": 50,
                "integration": 25,
                "viability": 25,
            },
            ROW["finance_controller"]: {
                **nothing,
                "method": "AHP",
                "fit/integration": "1/2",
                "fit/tco": 1,
                "fit/viability": 1,
                "integration/tco": 2,
                "integration/viability": "2",
                "tco/viability": 1,
            },
            ROW["general_manager"]: {**nothing, "method": None},  # left empty: kept as the file holds it
        },
    )
    before = (demo / "engagement.yaml").read_text(encoding="utf-8")
    data = import_sheet(demo, sheet)
    assert data["weights"].updated == ("sales_director", "service_manager", "marketing_lead", "finance_controller")
    room = load_engagement(demo).settings.room_weights
    assert room is not None
    weights = {who: person_weights(who, given).weights for who, given in room.stakeholders.items()}
    assert weights["sales_director"] == pytest.approx({"fit": 0.5, "integration": 0.2, "tco": 0.2, "viability": 0.1})
    assert weights["sales_director"] == pytest.approx(point_weights(room.stakeholders["sales_director"].weights))
    assert weights["service_manager"] == pytest.approx(rank_weights(["tco", "fit", "viability", "integration"]))
    assert weights["service_manager"]["tco"] == pytest.approx(0.5208, abs=1e-4)
    assert weights["marketing_lead"] == pytest.approx(
        {"fit": 0.25, "integration": 0.125, "tco": 0.5, "viability": 0.125}
    )
    ahp, ratio, _ = ahp_weights(room.stakeholders["finance_controller"].judgements())
    assert ahp == pytest.approx({"fit": 0.2, "integration": 0.4, "tco": 0.2, "viability": 0.2}, abs=1e-6)
    assert ratio == pytest.approx(0, abs=1e-6)
    after = (demo / "engagement.yaml").read_text(encoding="utf-8")
    assert "# Each stakeholder's priorities among the four criteria" in after  # comments kept
    assert "    finance_controller: {ahp: {fit/integration: 1/2, fit/tco: 1," in after
    unchanged = ("it_manager", "general_manager", "combine: mean")
    assert [line for line in before.splitlines() if any(k in line for k in unchanged)] == [
        line for line in after.splitlines() if any(k in line for k in unchanged)
    ]


@pytest.mark.parametrize(
    ("cells", "where", "message"),
    [
        ({2: {"method": "often"}}, "Weights!C2: method", "must be rank, swing, ahp or weights (got 'often')"),
        ({3: {"fit": -5}}, "Weights!D3: fit", "must be >= 0 (got -5)"),
        ({3: {"tco": "lots"}}, "Weights!F3: tco", "must be a number >= 0 (got 'lots')"),
        ({3: {"fit": 0, "integration": 0, "tco": 0, "viability": 0}}, "Weights!D3: fit", "all four weights are 0"),
        ({4: {"tco": None}}, "Weights!F4: tco", "missing criterion: give tco its swing points"),
        ({2: {"integration": None}}, "Weights!E2: integration", "missing criterion: give integration its position"),
        ({2: {"tco": 1}}, "Weights!F2: tco", "position 1 is fit's already (Weights!D2): each position once"),
        ({2: {"viability": 5}}, "Weights!G2: viability", "must be a position 1, 2, 3 or 4 (got '5')"),
        ({6: {"fit/tco": 12}}, "Weights!I6: fit/tco", "must be from 1/9 to 9 (got 12)"),
        ({6: {"fit/tco": "1/12"}}, "Weights!I6: fit/tco", "must be from 1/9 to 9 (got 1/12)"),
        ({6: {"fit/tco": "twice"}}, "Weights!I6: fit/tco", "must be a number or a fraction such as 1/3 (got twice)"),
        ({6: {"tco/viability": None}}, "Weights!M6: tco/viability", "missing judgement: how many times tco matters"),
        ({6: {"fit/tco": dt.datetime(2027, 1, 3)}}, "Weights!I6: fit/tco", "Excel took this for a date"),
        ({7: {"method": None}}, "Weights!C7: method", "required: rank, swing, ahp or weights"),
        (
            {8: {"stakeholder": "nobody", "method": "rank", "fit": 1, "integration": 2, "tco": 3, "viability": 4}},
            "Weights!A8: stakeholder",
            "unknown stakeholder 'nobody'; known: finance_controller, general_manager, it_manager, marketing_lead",
        ),
        (
            {
                8: {
                    "stakeholder": "sales_director",
                    "method": "rank",
                    "fit": 1,
                    "integration": 2,
                    "tco": 3,
                    "viability": 4,
                }
            },
            "Weights!A8: stakeholder",
            "stakeholder 'sales_director' has a row already (row 2)",
        ),
    ],
)
def test_bad_cell_is_one_line_and_nothing_is_written(
    demo: Path, tmp_path: Path, cells: dict[int, dict[str, Any]], where: str, message: str
) -> None:
    sheet = exported(demo, tmp_path / "w.xlsx")
    fill(sheet, cells)
    before = files(demo)
    with pytest.raises(InvalidInput) as info:
        import_sheet(demo, sheet)
    [problem] = info.value.problems
    assert f"{problem.cell}: {problem.field}" == where
    assert str(problem).startswith(f"{sheet}:{where}: {message}")
    assert files(demo) == before


def test_bad_cells_in_both_sheets_all_reported_nothing_written(demo: Path, tmp_path: Path) -> None:
    sheet = exported(demo, tmp_path / "w.xlsx")
    fill(sheet, {ROW["service_manager"]: {"fit": -1}, ROW["it_manager"]: {"fit/tco": 10}})
    fill(sheet, {ROW["sales_director"]: {"fit": 2, "integration": 1}})  # a good change: not written either
    wb = load_workbook(sheet)
    header = [c.value for c in wb["Requirements"][1]]
    wb["Requirements"].cell(2, header.index("grade") + 1).value = "mst"
    wb.save(sheet)
    before = files(demo)
    with pytest.raises(InvalidInput) as info:
        import_sheet(demo, sheet)
    grade = chr(ord("A") + header.index("grade"))
    assert sorted(f"{p.cell}: {p.field}" for p in info.value.problems) == sorted(
        [
            f"Requirements!{grade}2: grade",
            "Weights!D3: fit",
            "Weights!I6: fit/tco",
        ]
    )
    assert files(demo) == before


def test_workbook_without_weights_sheet_imports_as_before(demo: Path, tmp_path: Path) -> None:
    sheet = exported(demo, tmp_path / "w.xlsx")
    wb = load_workbook(sheet)
    del wb["Weights"]
    header = [c.value for c in wb["Requirements"][1]]
    wb["Requirements"].cell(2, header.index("vote:sales_director") + 1).value = "wont"
    wb.save(sheet)
    engagement_before = (demo / "engagement.yaml").read_bytes()
    data = import_sheet(demo, sheet)
    assert data["weights"] is None
    assert (demo / "engagement.yaml").read_bytes() == engagement_before
    assert load_engagement(demo).requirements.requirements[0].votes["sales_director"] == "wont"


REQS = """\
stakeholders:
  - id: sales
    name: Wang Fang
requirements:
  - id: R01
    capability: customer_360
    votes: {sales: must, 销售总监: could, service: could}
integrations: []
"""


def test_voters_known_listed_or_voting_in_the_sheet(make_engagement, tmp_path: Path) -> None:
    """A voter who is not listed gets a row; someone who votes only in the sheet may be added;
    an id that is not snake_case is refused at its cell."""
    folder = make_engagement(requirements=REQS)
    sheet = tmp_path / "w.xlsx"
    export_xlsx(load_engagement(folder).requirements, sheet)
    wb = load_workbook(sheet)
    req = wb["Requirements"]
    req.cell(1, req.max_column + 1).value = "vote:new_lead"
    req.cell(2, req.max_column).value = "must"
    ws = wb["Weights"]
    assert [c.value for c in ws["A"] if c.value] == ["stakeholder", "sales", "销售总监", "service"]
    for r, who in ((3, "销售总监"), (4, "service"), (5, "new_lead")):
        ws.cell(r, 1).value = who
        for j, value in enumerate(("weights", 1, 1, 1, 1), start=3):
            ws.cell(r, j).value = value
    wb.save(sheet)
    with pytest.raises(InvalidInput) as info:
        import_sheet(folder, sheet)
    assert [f"{p.cell}: {p.field}: {p.message}" for p in info.value.problems] == [
        "Weights!A3: stakeholder: must be a snake_case id (lowercase letters, digits, _) (got '销售总监')"
    ]
    ws.delete_rows(3)
    wb.save(sheet)
    data = import_sheet(folder, sheet)
    assert data["weights"].updated == ("service", "new_lead")
    room = load_engagement(folder).settings.room_weights
    assert room is not None and sorted(room.stakeholders) == ["new_lead", "service"]


def test_geometric_combine_needs_ahp_rows(demo: Path, tmp_path: Path) -> None:
    text = (demo / "engagement.yaml").read_text(encoding="utf-8")
    geometric = text.replace("combine: mean", "combine: geometric")
    for who in ("sales_director", "marketing_lead", "service_manager", "finance_controller"):
        geometric = "\n".join(line for line in geometric.splitlines() if not line.startswith(f"    {who}:")) + "\n"
    write(demo / "engagement.yaml", geometric)
    sheet = exported(demo, tmp_path / "w.xlsx")
    fill(sheet, {ROW["sales_director"]: {"method": "rank", "fit": 1, "integration": 2, "tco": 3, "viability": 4}})
    with pytest.raises(InvalidInput) as info:
        import_sheet(demo, sheet)
    assert [f"{p.cell}: {p.field}" for p in info.value.problems] == ["Weights!C2: method"]
    assert "combine: geometric" in info.value.problems[0].message


def test_chinese_workbook_explains_the_sheet_in_chinese(demo: Path, tmp_path: Path) -> None:
    wb = load_workbook(exported(demo, tmp_path / "w.xlsx", lang="zh"))
    ws = wb["Weights"]
    assert [c.value for c in ws[1]] == HEADER  # the ids are the keys read back, as in the other sheets
    assert ws["B2"].value == "王芳 · 销售总监"
    assert ws["B1"].comment.text == label("computed", "zh")
    assert ws["C1"].comment.text == label("room_sheet_method", "zh")
    assert ws["D1"].comment.text.startswith("fit(功能匹配)。weights:")
    assert ws["I1"].comment.text.startswith("仅用于 ahp:fit(功能匹配)比 tco(总拥有成本)重要多少倍")
    vote = next(c for c in wb["Requirements"][1] if c.value == "vote:sales_director")
    assert vote.comment.text == "投票: 王芳 · 销售总监"
    about = {row[0]: row[1] for row in wb["About"].iter_rows(values_only=True)}
    assert about["how"] == label("sheet_how", "zh")
    assert about["Weights"] == label("room_sheet_how", "zh") and "CSV" in about["Weights"]
    assert [about[m] for m in ("rank", "swing", "ahp", "weights")] == [
        label(f"room_sheet_how_{m}", "zh") for m in ("rank", "swing", "ahp", "weights")
    ]
    en = load_workbook(exported(demo, tmp_path / "en.xlsx"))
    assert en["Weights"]["D1"].comment.text.startswith("fit (Fit). weights: any number")
    assert dict(r[:2] for r in en["About"].iter_rows(values_only=True))["rank"].startswith("Each criterion's position")
