"""The workshop page without a browser: widgets work without a kernel, so setting a toggle's
value or clicking a button runs the same callbacks a click in Voila does."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
import shutil
from pathlib import Path

import pytest

from toolkit.apps.workshop import WorkshopPage
from toolkit.files._problems import InvalidInput
from toolkit.files._yaml import read_data
from toolkit.model._profiles import demo_path
from toolkit.requirements_matrix._store import Change, apply_change, next_requirement_id, save_change


@pytest.fixture
def folder(tmp_path) -> Path:
    target = tmp_path / "acme"
    shutil.copytree(demo_path(), target)
    return target


def votes_on_disk(folder: Path, key: str) -> dict:
    data = read_data(folder / "requirements.yaml")
    if key.startswith("integration:"):
        item = next(i for i in data["integrations"] if i["system"] == key.split(":", 1)[1])
    else:
        item = next(r for r in data["requirements"] if r["id"] == key)
    return item


def column(page: WorkshopPage, grade: str) -> list[str]:
    """The ids shown in one column of the summary, in order."""
    html = page.summary.value
    part = html.split(f'ws-col-{grade}"', 1)[1].split('<div class="ws-col ', 1)[0]
    return re.findall(r'data-id="([^"]+)"', part)


def uploaded(name: str, content: bytes) -> dict:
    """One file as ipywidgets 8's FileUpload holds it."""
    when = dt.datetime(2027, 1, 12, tzinfo=dt.UTC)
    return {"name": name, "type": "", "size": len(content), "last_modified": when, "content": memoryview(content)}


def open_section(page: WorkshopPage, name: str) -> None:
    page.grid.open(name)
    assert page.grid.sections[name].rows


def test_the_page_opens_on_the_demo_with_the_first_category_built(folder):
    page = WorkshopPage(folder, "en")
    page.self_check()
    assert list(page.grid.sections) == [
        "customer",
        "sales",
        "marketing",
        "service",
        "analytics",
        "platform",
        "integrations",
    ]
    assert page.grid.accordion.titles[1] == "Sales process · 6"
    assert page.grid.open_section == "customer" and list(page.grid.rows()) == ["R01"]
    assert not page.grid.sections["sales"].rows  # built when opened, not before
    assert column(page, "must") == ["R01", "R02", "R03", "R04", "R05", "R06", "R10", "R12", "R15", "R20"]
    assert column(page, "wont") == ["R17", "R19"]
    assert "56%" in page.summary.value and "ws-too-many-musts" not in page.summary.value
    row = page.grid.rows()["R01"]
    assert [row.votes[w].value for w in ("sales_director", "service_manager", "it_manager")] == ["must", "must", None]
    assert row.final.options[0] == ("Must (votes)", "") and row.final.value == ""


def test_a_vote_moves_the_requirement_and_is_saved_keeping_the_comments(folder):
    page = WorkshopPage(folder, "en")
    open_section(page, "platform")
    page.grid.rows()["R16"].votes["it_manager"].value = "wont"
    assert "R16" in column(page, "wont") and "R16" not in column(page, "could")
    assert votes_on_disk(folder, "R16")["votes"] == {"it_manager": "wont"}
    text = (folder / "requirements.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Requirements from the pain-point interviews")
    assert "grade: must                # the consultant's final decision" in text
    assert "stakeholders:\n  - id: sales_director\n    name: {en: Wang Fang, zh: 王芳}\n" in text  # kept as written
    assert "Saved the vote of Liu Yang · IT manager on R16" in page.message.value


def test_two_tabs_grading_at_once_keep_each_others_votes(folder):
    first, second = WorkshopPage(folder, "en"), WorkshopPage(folder, "en")
    first.grid.rows()["R01"].votes["it_manager"].value = "could"
    second.grid.rows()["R01"].votes["general_manager"].value = "wont"  # its page never saw the first vote
    assert votes_on_disk(folder, "R01")["votes"] == {
        "sales_director": "must",
        "service_manager": "must",
        "marketing_lead": "must",
        "it_manager": "could",
        "general_manager": "wont",
    }
    assert second.grid.rows()["R01"].votes["it_manager"].value == "could"  # and now shows it


def test_the_final_grade_overrides_the_votes_and_can_follow_them_again(folder):
    page = WorkshopPage(folder, "en")
    open_section(page, "service")
    final = page.grid.rows()["R09"].final
    final.value = "must"
    assert votes_on_disk(folder, "R09")["grade"] == "must"
    assert "R09" in column(page, "must")
    assert "overridden" in page.grid.rows()["R09"].info.value
    final.value = ""
    assert "grade" not in votes_on_disk(folder, "R09")
    assert "R09" in column(page, "could")


def test_a_change_that_would_make_the_file_invalid_writes_nothing(folder):
    page = WorkshopPage(folder, "en")
    open_section(page, "marketing")
    before = (folder / "requirements.yaml").read_bytes()
    page.grid.rows()["R19"].final.value = ""  # R19 has no votes: no grade left at all
    assert (folder / "requirements.yaml").read_bytes() == before
    assert "crm-problems" in page.message.value
    assert "requirements.yaml:" in page.message.value and "R19 has neither votes nor grade" in page.message.value
    assert str(folder) not in page.message.value  # no server path on the screen
    assert page.grid.rows()["R19"].final.value == "wont"  # the page shows the file again


def test_blind_voting_hides_votes_and_the_consensus_then_reveals_the_divergent(folder):
    page = WorkshopPage(folder, "en")
    page.blind.value = True
    rows = page.grid.rows()
    assert all(cell.value is None for cell in rows["R01"].votes.values())
    assert "data-id=" not in page.summary.value and "Votes cast in this round: 0" in page.summary.value
    assert rows["R01"].final.options[0] == ("By the votes", "")
    assert page.export.disabled and page.reveal.layout.display == ""
    rows["R01"].votes["it_manager"].value = "wont"
    assert votes_on_disk(folder, "R01")["votes"]["it_manager"] == "wont"
    assert rows["R01"].votes["it_manager"].value is None  # cast, saved, still hidden
    assert "ws-voted" in rows["R01"].votes["it_manager"]._dom_classes
    assert "Votes cast in this round: 1" in page.summary.value
    assert "conflict" not in rows["R01"].info.value

    page.reveal.click()
    assert not page.blind.value and page.reveal.layout.display == "none"
    assert rows["R01"].votes["it_manager"].value == "wont"
    assert "ws-divergent" in rows["R01"].widget._dom_classes
    assert "ws-voted" not in rows["R01"].votes["it_manager"]._dom_classes
    open_section(page, "sales")
    assert "ws-divergent" not in page.grid.rows()["R02"].widget._dom_classes  # must, must
    assert "ws-divergent" in page.grid.rows()["R05"].widget._dom_classes  # must, could
    assert "Votes diverge (" in page.summary.value and 'data-id="R01"' in page.summary.value
    assert "1 requirement(s)" not in page.message.value and "highlighted" in page.message.value


def test_the_must_share_warning_appears_above_sixty_percent(folder):
    page = WorkshopPage(folder, "en")
    open_section(page, "sales")
    page.grid.rows()["R07"].votes["it_manager"].value = "must"  # 11 must of 18
    assert "61%" in page.summary.value
    assert "ws-too-many-musts" in page.summary.value and "More than 60%" in page.summary.value


def test_adding_and_removing_a_requirement(folder):
    page = WorkshopPage(folder, "en")
    page.capability.value = "Quote management"
    page.proposer.value = "marketing_lead"
    page.proposed_grade.value = "must"
    page.add_requirement.click()
    added = votes_on_disk(folder, "R21")
    assert added == {"id": "R21", "capability": "quote_management", "votes": {"marketing_lead": "must"}}
    assert page.grid.open_section == "sales" and "R21" in page.grid.rows()
    assert "R21" in column(page, "must")

    page.removable.value = "R21"
    page.remove.click()
    assert page.remove.description == "Click again to remove R21" and "R21" in page.grid.rows()
    page.grid.rows()["R21"].votes["it_manager"].value = "could"  # any other change cancels the removal
    assert page.remove.description == "Remove R21"
    page.remove.click()
    page.remove.click()
    assert "R21" not in [r["id"] for r in read_data(folder / "requirements.yaml")["requirements"]]
    assert "R21" not in page.grid.rows() and "R21" not in page.summary.value


def test_a_capability_must_come_from_the_catalog(folder):
    page = WorkshopPage(folder, "en")
    before = (folder / "requirements.yaml").read_bytes()
    page.capability.value = ""
    page.add_requirement.click()
    assert "Choose a capability from the list first" in page.message.value
    assert (folder / "requirements.yaml").read_bytes() == before


def test_adding_an_integration_graded_by_the_consultant(folder):
    page = WorkshopPage(folder, "en")
    page.integration.value = "dingtalk"
    page.proposer.value = ""
    page.proposed_grade.value = "could"
    page.add_integration.click()
    assert votes_on_disk(folder, "integration:dingtalk") == {"system": "dingtalk", "grade": "could"}
    assert page.grid.open_section == "integrations" and "integration:dingtalk" in page.grid.rows()
    assert "dingtalk" not in dict((v, k) for k, v in page.integration.options)


def test_a_new_stakeholder_gets_a_column_saved_with_the_first_vote(folder):
    page = WorkshopPage(folder, "en")
    page.new_stakeholder.value = "cfo"
    page.add_stakeholder.click()
    assert "cfo" in page.grid.rows()["R01"].votes
    assert "cfo" in page.grid.sections["customer"].head.children[-2].value
    page.grid.rows()["R01"].votes["cfo"].value = "could"
    assert votes_on_disk(folder, "R01")["votes"]["cfo"] == "could"
    page.new_stakeholder.value = "cfo"
    page.add_stakeholder.click()
    assert "cfo already votes here" in page.message.value


def test_stakeholders_are_shown_by_name_and_role_in_the_page_language(folder):
    page = WorkshopPage(folder, "en")
    head = [cell.value for cell in page.grid.sections["customer"].head.children]
    assert "Wang Fang · Sales director" in head[1] and 'title="sales_director"' in head[1]
    assert "Zhao Min · General manager" in head[6]
    assert ("Li Na · Marketing lead", "marketing_lead") in page.proposer.options
    page.lang_switch.value = "zh"
    head = [cell.value for cell in page.grid.sections["customer"].head.children]
    assert "王芳 · 销售总监" in head[1] and "sales_director" not in head[1].split(">", 1)[1]
    assert ("李娜 · 市场负责人", "marketing_lead") in page.proposer.options
    page.grid.rows()["R01"].votes["it_manager"].value = "could"
    assert "已保存 刘洋 · IT经理 对 R01 的投票" in page.message.value
    page.new_stakeholder.value = "it_manager"
    page.add_stakeholder.click()
    assert "刘洋 · IT经理 已在投票人中" in page.message.value


def test_a_listed_stakeholder_has_a_column_before_any_vote_and_an_unlisted_voter_shows_their_id(folder):
    path = folder / "requirements.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("stakeholders:\n", "stakeholders:\n  - id: cfo\n    name: {en: Sun Li, zh: 孙丽}\n", 1)
    text = text.replace(
        "  - id: general_manager\n    name: {en: Zhao Min, zh: 赵敏}\n    role: {en: General manager, zh: 总经理}\n", ""
    )
    path.write_text(text, encoding="utf-8")
    page = WorkshopPage(folder, "en")
    assert page.stakeholders[0] == "cfo" and "cfo" in page.grid.rows()["R01"].votes
    head = [cell.value for cell in page.grid.sections["customer"].head.children]
    assert "Sun Li<" in head[1]  # no role: the name alone
    assert any(">general manager<" in h for h in head)  # not listed: the id, underscores as spaces


def test_export_then_import_a_filled_sheet(folder, tmp_path):
    from openpyxl import load_workbook

    page = WorkshopPage(folder, "en")
    page.export.click()
    link = page.download.value
    assert 'download="requirements-acme.xlsx"' in link
    data = base64.b64decode(re.search(r"base64,([^\"]+)", link).group(1))
    wb = load_workbook(io.BytesIO(data))
    ws = wb["Requirements"]
    header = [c.value for c in ws[1]]
    ws.cell(2, header.index("vote:it_manager") + 1, "wont")  # R01
    weights = {r[0]: r[2] for r in wb["Weights"].iter_rows(min_row=2, values_only=True) if r[0]}
    assert weights["it_manager"] == "ahp" and weights["sales_director"] == "rank"  # as engagement.yaml holds them
    engagement = (folder / "engagement.yaml").read_bytes()
    out = io.BytesIO()
    wb.save(out)
    page.upload.value = (uploaded("filled.xlsx", out.getvalue()),)
    assert (folder / "engagement.yaml").read_bytes() == engagement  # the weights unchanged: not rewritten
    assert votes_on_disk(folder, "R01")["votes"]["it_manager"] == "wont"
    assert page.grid.rows()["R01"].votes["it_manager"].value == "wont"
    assert "Imported filled.xlsx: 20 requirements and 4 integrations" in page.message.value
    assert page.upload.value == ()

    before = (folder / "requirements.yaml").read_bytes()
    ws.cell(3, header.index("grade") + 1, "maybe")
    bad = io.BytesIO()
    wb.save(bad)
    page.upload.value = (uploaded("bad.xlsx", bad.getvalue()),)
    assert (folder / "requirements.yaml").read_bytes() == before
    assert "bad.xlsx:Requirements!O3: grade:" in page.message.value and "(got &#x27;maybe&#x27;)" in page.message.value


def test_the_language_switch_redraws_every_label(folder):
    page = WorkshopPage(folder, "en")
    page.lang_switch.value = "zh"
    assert page.grid.accordion.titles[0] == "客户数据 · 1"
    row = page.grid.rows()["R01"]
    assert [label for label, _ in row.votes["sales_director"].options] == ["必", "可", "不"]
    assert row.votes["sales_director"].value == "must"  # relabelled, not reset
    assert row.final.options[0] == ("必做(按投票)", "")
    assert "客户360°档案" in row.info.value
    assert "必做 / 可做 / 不做" in page.summary.value and "需求工作坊" in page.title.value
    assert page.add_requirement.description == "添加需求"


def test_next_requirement_id_and_stale_changes():
    assert next_requirement_id(["R01", "R20", "X7"]) == "R21"
    assert next_requirement_id([]) == "R01"
    assert next_requirement_id(["R099"]) == "R100"
    data = {"requirements": [{"id": "R01", "capability": "cpq", "grade": "must"}], "integrations": []}
    with pytest.raises(InvalidInput, match="1 problem"):
        apply_change(data, Change("R02", "vote", who="x", grade="must"))
    out, key = apply_change(data, Change("", "add", who="", grade="could", capability="cpq"))
    assert key == "R02" and out["requirements"][1] == {"id": "R02", "capability": "cpq", "grade": "could"}
    assert len(data["requirements"]) == 1  # the input is left alone


def test_a_requirement_removed_in_another_tab_is_reported(folder):
    page = WorkshopPage(folder, "en")
    save_change(folder, Change("R01", "remove"))
    page.grid.rows()["R01"].votes["it_manager"].value = "must"
    assert "R01 is no longer in the file" in page.message.value
    assert "R01" not in page.grid.rows() and 'data-id="R01"' not in page.summary.value  # the file as it is
    assert "R01" not in [r["id"] for r in read_data(folder / "requirements.yaml")["requirements"]]


def test_two_writers_saving_at_the_same_time_lose_no_vote(folder):
    from concurrent.futures import ThreadPoolExecutor

    ids = [f"R{i:02d}" for i in range(1, 13)]

    def grade_all(who: str) -> None:
        for rid in ids:
            save_change(folder, Change(rid, "vote", who=who, grade="could"))

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(grade_all, ["tab_one", "tab_two"]))
    for rid in ids:
        cast = votes_on_disk(folder, rid)["votes"]
        assert cast["tab_one"] == "could" and cast["tab_two"] == "could", rid


def test_a_stakeholder_added_is_saved_with_name_and_role_after_the_listed_ones(folder):
    requirements, key = save_change(folder, Change("cfo", "stakeholder", name="Sun Li", role="CFO"))
    assert key == "cfo" and requirements.stakeholders[-1].model_dump(exclude_none=True) == {
        "id": "cfo",
        "name": "Sun Li",
        "role": "CFO",
    }
    text = (folder / "requirements.yaml").read_text(encoding="utf-8")
    assert "    role: {en: General manager, zh: 总经理}\n  - id: cfo\n    name: Sun Li\n    role: CFO\n" in text
    assert "The names are fictional" in text  # the comments kept
    page = WorkshopPage(folder, "zh")
    assert "cfo" in page.grid.rows()["R01"].votes
    assert "Sun Li · CFO" in page.grid.sections["customer"].head.children[7].value
