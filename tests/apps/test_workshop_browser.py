"""The workshop in Chromium through Voila: a click changes the three-column table and the file,
blind voting hides the votes until the reveal, the 60 % warning, the Chinese page, and an
80 requirements × 6 stakeholders grid (its timings are printed and saved, never asserted)."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from playwright.sync_api import expect

from toolkit.files._yaml import dump_data, read_data
from toolkit.model._catalog import catalog
from toolkit.model.schema import Requirements
from toolkit.requirements_matrix import grading_table

from ..conftest import until
from .conftest import SCREENSHOTS, add_engagement, open_app, shoot

STAKEHOLDERS = [
    "sales_director",
    "marketing_lead",
    "service_manager",
    "it_manager",
    "finance_controller",
    "general_manager",
]
ACTIVE = re.compile(r"\bmod-active\b")


def wait_for_file(path: Path, check) -> dict:
    """The YAML file once `check(data)` holds (the kernel saves after the click returns)."""

    def data_if_checked() -> dict | None:
        data = read_data(path)
        return data if check(data) else None

    return until(data_if_checked, f"{path.name} changed")


def votes(data: dict, rid: str) -> dict:
    return next(r for r in data["requirements"] if r["id"] == rid).get("votes", {})


def open_section(tab, title: str) -> None:
    tab.locator(".ws-accordion .jupyter-widget-Collapse-header", has_text=title).click()


def vote_button(tab, rid: str, who: str, index: int):
    """The must (0), could (1) or won't (2) button of one cell."""
    return tab.locator(f".ws-vote-{rid}-{who} button").nth(index)


def test_a_click_moves_the_requirement_in_the_summary_and_saves_it(page, server, engagements_root):
    folder = add_engagement(engagements_root, "ws-click")
    open_app(page, server, "workshop", engagement="ws-click")
    expect(page.locator(".ws-col-must [data-id='R20']")).to_have_count(1)
    open_section(page, "Sales process")
    button = vote_button(page, "R20", "finance_controller", 1)  # must + could -> could + could
    button.click()
    expect(button).to_have_class(ACTIVE)
    expect(page.locator(".ws-col-could [data-id='R20']")).to_have_count(1)
    expect(page.locator(".ws-col-must [data-id='R20']")).to_have_count(0)
    expect(page.locator(".ws-col-must .ws-count")).to_have_text("9")
    expect(page.locator(".ws-final-R20 select")).to_have_value("Could (votes)")
    data = wait_for_file(folder / "requirements.yaml", lambda d: votes(d, "R20").get("finance_controller") == "could")
    assert votes(data, "R20") == {"finance_controller": "could", "sales_director": "could"}
    assert (folder / "requirements.yaml").read_text(encoding="utf-8").startswith("# Requirements from")
    expect(page.locator(".crm-message")).to_contain_text("Saved the vote of Chen Jing · Finance controller on R20")
    assert not page.console_errors or all("ERR_NAME_NOT_RESOLVED" in e for e in page.console_errors)
    shoot(page, "workshop-en")


def test_blind_voting_hides_the_votes_then_reveals_the_divergent_ones(page, server, engagements_root):
    folder = add_engagement(engagements_root, "ws-blind")
    open_app(page, server, "workshop", engagement="ws-blind")
    expect(page.locator(".crm-vote .mod-active")).to_have_count(3)  # R01: three musts
    page.locator(".ws-blind-switch").click()
    expect(page.locator(".ws-blind-note")).to_be_visible()
    expect(page.locator(".crm-vote .mod-active")).to_have_count(0)  # not greyed: not there at all
    expect(page.locator(".ws-summary [data-id]")).to_have_count(0)
    expect(page.locator(".ws-final-R01 select")).to_have_value("By the votes")  # no consensus shown
    vote_button(page, "R01", "it_manager", 2).click()
    expect(page.locator(".ws-vote-R01-it_manager")).to_have_class(re.compile(r"\bws-voted\b"))
    expect(page.locator(".ws-blind-note")).to_contain_text("1")
    expect(page.locator(".crm-vote .mod-active")).to_have_count(0)
    wait_for_file(folder / "requirements.yaml", lambda d: votes(d, "R01").get("it_manager") == "wont")
    open_section(page, "Sales process")
    vote_button(page, "R05", "general_manager", 0).click()
    expect(page.locator(".ws-vote-R05-general_manager")).to_have_class(re.compile(r"\bws-voted\b"))
    expect(page.locator(".crm-vote .mod-active")).to_have_count(0)
    shoot(page, "workshop-blind")

    page.locator(".ws-reveal").click()
    expect(page.locator(".ws-row-R01")).to_have_class(re.compile(r"\bws-divergent\b"))
    expect(vote_button(page, "R01", "it_manager", 2)).to_have_class(ACTIVE)
    expect(page.locator(".ws-diverging [data-id='R01']")).to_have_count(1)
    expect(page.locator(".ws-row-R01 .ws-badge-conflict")).to_have_count(1)
    expect(page.locator(".ws-row-R05")).to_have_class(re.compile(r"\bws-divergent\b"))
    expect(page.locator(".ws-row-R02")).not_to_have_class(re.compile(r"\bws-divergent\b"))
    shoot(page, "workshop-revealed")


def test_the_warning_appears_when_musts_pass_sixty_percent(page, server, engagements_root):
    folder = add_engagement(engagements_root, "ws-musts")
    open_app(page, server, "workshop", engagement="ws-musts")
    expect(page.locator(".ws-too-many-musts")).to_have_count(0)
    open_section(page, "Sales process")
    vote_button(page, "R07", "it_manager", 0).click()  # R07: must, must, could -> 11 must of 18
    expect(page.locator(".ws-too-many-musts")).to_contain_text("More than 60%")
    expect(page.locator(".ws-share-value")).to_have_text("61%")
    wait_for_file(folder / "requirements.yaml", lambda d: votes(d, "R07").get("it_manager") == "must")


def test_the_chinese_page(page, server):
    open_app(page, server, "workshop", lang="zh")
    expect(page.locator(".ws-accordion .jupyter-widget-Collapse-header").first).to_have_text("客户数据 · 1")
    expect(page.locator(".ws-summary-title")).to_have_text("必做 / 可做 / 不做")
    expect(page.locator(".ws-vote-R01-sales_director button").first).to_have_text("必")
    expect(page.locator(".ws-headrow").first).to_contain_text("王芳 · 销售总监")
    open_section(page, "销售过程")
    expect(page.locator(".ws-row-R05")).to_contain_text("报价审批流")
    content = page.content()
    assert "Traceback" not in content and "None" not in page.locator(".crm-workshop").inner_text()
    shoot(page, "workshop-zh")


def synthetic_requirements(n: int = 80) -> dict:
    """n requirements from the catalog, each graded by six stakeholders: most agree, one in
    seven disagrees, and every fourth requirement splits the room three to three."""
    base = ["must", "could", "could", "wont", "must"]
    grades = ["must", "could", "wont"]
    reqs = []
    for i, cap in enumerate(list(catalog().capabilities)[:n]):
        agreed = base[i % 5]
        cast = {}
        for j, who in enumerate(STAKEHOLDERS):
            differs = (i + 2 * j) % 7 == 0 or (i % 4 == 1 and j >= 3)
            cast[who] = grades[(grades.index(agreed) + 1) % 3] if differs else agreed
        reqs.append({"id": f"R{i + 1:02d}", "capability": cap, "votes": cast})
    return {"requirements": reqs, "integrations": [{"system": "erp", "grade": "must"}]}


def a_moving_vote(data: dict, section: str) -> tuple[str, str, int, str]:
    """A requirement of `section`, a stakeholder and a button whose click changes its column."""
    reqs = Requirements.model_validate(data)
    cat = catalog()
    before = {g.id: g.grade for g in grading_table(reqs).requirements}
    for r in reqs.requirements:
        if cat.capabilities[r.capability].category != section:
            continue
        for who in STAKEHOLDERS:
            for index, grade in enumerate(("must", "could", "wont")):
                changed = reqs.model_copy(
                    update={
                        "requirements": [
                            x.model_copy(update={"votes": {**x.votes, who: grade}}) if x.id == r.id else x
                            for x in reqs.requirements
                        ]
                    }
                )
                after = grading_table(changed).grade_of(r.id)
                if after != before[r.id]:
                    return r.id, who, index, after
    raise AssertionError("no single vote moves a requirement")


def test_eighty_requirements_by_six_stakeholders(page, server, engagements_root):
    folder = add_engagement(engagements_root, "ws-80x6")
    data = synthetic_requirements()
    (folder / "requirements.yaml").write_text(dump_data(data), encoding="utf-8")
    first = open_app(page, server, "workshop", engagement="ws-80x6")
    warm = open_app(page, server, "workshop", engagement="ws-80x6")
    expect(page.locator(".ws-col-must .ws-count")).to_have_text(
        str(len(grading_table(Requirements.model_validate(data)).columns["must"]))
    )

    start = time.monotonic()
    open_section(page, "Sales process · 22")
    expect(page.locator(".ws-section-sales .ws-row")).to_have_count(22)
    expect(page.locator(".ws-section-sales .crm-vote")).to_have_count(22 * 6)
    section_open = time.monotonic() - start

    rid, who, index, grade = a_moving_vote(data, "sales")
    target = page.locator(f".ws-col-{grade} [data-id='{rid}']")
    expect(target).to_have_count(0)
    start = time.monotonic()
    vote_button(page, rid, who, index).click()
    page.wait_for_function(
        f"() => document.querySelector(\".ws-col-{grade} [data-id='{rid}']\") !== null", polling="raf", timeout=30_000
    )
    toggle_to_summary = time.monotonic() - start
    cast = ("must", "could", "wont")[index]
    wait_for_file(folder / "requirements.yaml", lambda d: votes(d, rid).get(who) == cast)
    shoot(page, "workshop-80x6")

    timings = {
        "time_to_interactive_first_s": round(first, 2),
        "time_to_interactive_warm_s": round(warm, 2),
        "open_section_22x6_s": round(section_open, 2),
        "toggle_to_summary_s": round(toggle_to_summary, 3),
    }
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "workshop-80x6-timings.json").write_text(json.dumps(timings, indent=2) + "\n", encoding="utf-8")
    print("workshop 80x6 timings:", timings)
