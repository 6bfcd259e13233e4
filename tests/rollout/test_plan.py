"""The plan follows METHOD.md §7: phases, the core three, change management, efforts, regeneration."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.files._problems import InvalidInput
from toolkit.model._engagement import load_engagement
from toolkit.model._profiles import demo_path
from toolkit.model.schema import Evidence, Requirements
from toolkit.rollout import (
    CORE_CAPABILITIES,
    generate_plan,
    merge_plan,
    read_rollout,
    save_plan,
    task_library,
    update_task,
)
from toolkit.rollout._plan import requirement_phase


@pytest.fixture(scope="module")
def demo():
    return load_engagement(demo_path())


def _task(plan, task_id):
    return next(t for t in plan.tasks if t.id == task_id)


def test_the_first_phase_holds_the_core_three_and_the_data_import(demo_plan):
    first = [t for t in demo_plan.tasks if t.phase == "weeks-0-2"]
    assert {t.delivers for t in first} >= set(CORE_CAPABILITIES)
    core = [t for t in demo_plan.tasks if t.delivers in CORE_CAPABILITIES]
    assert [t.id for t in core] == [
        "core_customer_360",
        "core_lead_opportunity_funnel",
        "core_order_contract_payment",
        "data_import",
    ]
    assert all(t.must and t.phase == "weeks-0-2" for t in core)


def test_the_change_track_has_sponsor_champions_and_data_quality(demo_plan):
    change = {t.id: t.phase for t in demo_plan.tasks if t.track == "change"}
    assert change["change_sponsor_kickoff"] == "weeks-0-2"
    assert change["change_champions"] == "weeks-2-8"
    assert change["change_data_quality_scheme"] == "weeks-2-8"
    assert {"change_training_key_users", "change_training_all_users", "change_training_advanced"} <= set(change)


def test_phases_and_due_dates_count_from_the_start_date(demo_plan):
    assert demo_plan.start_date == dt.date(2027, 1, 4)
    assert [(p.id, p.start, p.end) for p in demo_plan.phases] == [
        ("weeks-0-2", dt.date(2027, 1, 4), dt.date(2027, 1, 17)),
        ("weeks-2-8", dt.date(2027, 1, 18), dt.date(2027, 2, 28)),
        ("weeks-8-plus", dt.date(2027, 3, 1), dt.date(2027, 5, 23)),  # 12 weeks by default
    ]
    ends = {p.id: p.end for p in demo_plan.phases}
    assert all(t.due == ends[t.phase] for t in demo_plan.tasks)
    assert {t.status for t in demo_plan.tasks} == {"todo"}


def test_the_default_vendor_is_the_first_ranked(demo_plan):
    assert demo_plan.vendor == "jiandaoyun"


@pytest.mark.parametrize(
    ("grade", "hint", "phase"),
    [
        ("must", "core", "weeks-0-2"),
        ("must", "expand", "weeks-2-8"),
        ("must", "advanced", "weeks-2-8"),
        ("could", "core", "weeks-2-8"),
        ("could", "expand", "weeks-2-8"),
        ("could", "advanced", "weeks-8-plus"),
        ("wont", "core", None),
    ],
)
def test_requirement_phases_follow_method_7(grade, hint, phase):
    assert requirement_phase(grade, hint) == phase


def test_requirements_land_in_one_task_each_and_musts_hinted_core_come_first(demo, demo_plan):
    served = [r for t in demo_plan.tasks for r in t.requirements]
    assert len(served) == len(set(served))
    graded = demo.grading()
    wanted = [i.id for i in graded.requirements + graded.integrations if i.grade in ("must", "could")]
    assert sorted(served) == sorted(wanted)
    quote = next(t for t in demo_plan.tasks if "R05" in t.requirements)  # quote approval: must, hinted core
    assert quote.phase == "weeks-0-2" and quote.must


def test_an_industry_task_takes_its_requirement_and_the_erp_integration(demo_plan):
    erp = _task(demo_plan, "erp_order_sync")
    assert (erp.origin, erp.delivers, erp.requirements, erp.must) == (
        "industry",
        "integration:erp",
        ["integration:erp"],
        True,
    )
    assert not any(t.id == "int_erp" for t in demo_plan.tasks)
    assert _task(demo_plan, "int_oa").phase == "weeks-8-plus"


def test_a_task_for_something_graded_wont_is_left_out_and_said_so(demo_plan):
    assert "ai_models" not in {t.id for t in demo_plan.tasks}  # the demo grades AI lead scoring won't
    assert [(x.id, x.delivers) for x in demo_plan.left_out] == [("ai_models", "ai_lead_scoring")]


@pytest.mark.parametrize("level", ["native", "partner", "api", "none"])
def test_integration_effort_grows_as_support_falls(demo, level):
    evidence = {**demo.evaluations.get("kingdee", {}), "integration:oa": Evidence(support=level, evidence="demo")}
    engagement = dataclasses.replace(demo, evaluations={**demo.evaluations, "kingdee": evidence})
    task = _task(generate_plan(engagement, "kingdee"), "int_oa")
    factor = task_library().effort_factors.support[level]
    assert (task.level, task.level_origin) == (level, "evidence")
    assert task.effort_days == task_library().integration_task.effort_days * factor
    assert [task_library().effort_factors.support[x] for x in ("native", "partner", "api", "none")] == sorted(
        task_library().effort_factors.support.values()
    )


def test_capability_effort_uses_the_vendor_rating(demo_plan):
    dealer = _task(demo_plan, "cap_dealer_channel_management")  # Jiandaoyun does not rate it
    assert (dealer.level, dealer.level_origin) == (0, "unrated")
    assert dealer.effort_days == 2 * task_library().effort_factors.rating[0]


def test_no_start_date_or_an_unknown_vendor_is_a_located_problem(demo):
    settings = demo.settings.model_copy(update={"start_date": None})
    with pytest.raises(InvalidInput) as e:
        generate_plan(dataclasses.replace(demo, settings=settings))
    assert [(p.field, p.message) for p in e.value.problems] == [
        ("start_date", "needed for a rollout plan: the day week 0 begins")
    ]
    with pytest.raises(InvalidInput) as e:
        generate_plan(demo, "nope")
    assert "unknown vendor 'nope'" in e.value.problems[0].message


def test_regenerating_keeps_status_owner_and_note_and_reports_changes(planned_dir, demo_plan):
    update_task(planned_dir, "cap_marketing_automation", status="doing", note="campaign list", by="bob")
    update_task(planned_dir, "dashboards", status="done", owner="Li", by="bob")
    engagement = load_engagement(planned_dir)
    reqs = engagement.requirements
    fewer = Requirements(
        requirements=[r for r in reqs.requirements if r.capability != "marketing_automation"],
        integrations=reqs.integrations,
    )
    changes = save_plan(planned_dir, generate_plan(dataclasses.replace(engagement, requirements=fewer)), by="alice")
    assert changes.removed == ["cap_marketing_automation"]
    assert changes.removed_with_progress == ["cap_marketing_automation"]
    assert changes.added == []
    kept = _task(read_rollout(planned_dir), "dashboards")
    assert (kept.status, kept.owner) == ("done", "Li")
    changes = save_plan(planned_dir, demo_plan, by="alice")
    assert changes.added == ["cap_marketing_automation"]
    assert _task(read_rollout(planned_dir), "cap_marketing_automation").status == "todo"


def test_merge_keeps_kpi_figures(demo_plan):
    kpis = [k.model_copy(update={"baseline": 30.0, "actual": 27.0}) for k in demo_plan.kpis]
    old = demo_plan.model_copy(update={"kpis": kpis})
    merged, changes = merge_plan(demo_plan, old)
    assert [(k.baseline, k.actual) for k in merged.kpis] == [(30.0, 27.0)] * len(kpis)
    assert changes.kept == [t.id for t in demo_plan.tasks]


def test_kpis_come_from_the_industry_with_published_claims_kept_apart(demo_plan):
    kpi = next(k for k in demo_plan.kpis if k.id == "order_cycle_days")
    assert (kpi.baseline, kpi.target, kpi.actual) == (None, None, None)  # the client's figures, not the seeds'
    assert [(c.change, c.source) for c in kpi.claims] == [(-0.2, "seed_000")]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["must", "could", "wont"]), min_size=20, max_size=20))
def test_any_grading_gives_each_requirement_one_task_in_its_phase_or_earlier(demo, grades):
    reqs = demo.requirements.requirements
    regraded = [r.model_copy(update={"grade": g}) for r, g in zip(reqs, grades, strict=False)]
    engagement = dataclasses.replace(
        demo, requirements=Requirements(requirements=regraded, integrations=demo.requirements.integrations)
    )
    plan = generate_plan(engagement, "jiandaoyun")
    order = ["weeks-0-2", "weeks-2-8", "weeks-8-plus"]
    where = {r: t for t in plan.tasks for r in t.requirements}
    hints = {r.id: r.capability for r in regraded}
    from toolkit.model._catalog import catalog

    for r in regraded:
        if r.grade == "wont":
            assert r.id not in where
            continue
        task = where[r.id]
        assert order.index(task.phase) <= order.index(requirement_phase(r.grade, catalog().hint(hints[r.id])))
        assert task.must or r.grade == "could"
    assert {t.delivers for t in plan.tasks if t.phase == "weeks-0-2"} >= set(CORE_CAPABILITIES)
    ids = [t.id for t in plan.tasks]
    assert len(ids) == len(set(ids))
