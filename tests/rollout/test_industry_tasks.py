"""The bundled industry profiles' own rollout tasks (METHOD.md §7): sourced, bilingual, in place."""

from __future__ import annotations

import pytest

from toolkit.files._yaml import load_yaml
from toolkit.model._catalog import catalog
from toolkit.model._profiles import bundled_industry_paths, check_industry, industry_profiles
from toolkit.model._task_library import task_library
from toolkit.model.schema import LocalizedText

from ..test_profiles import SEED_INDUSTRIES

INDUSTRIES = sorted(SEED_INDUSTRIES)


def _tasks(industry_id):
    return industry_profiles()[industry_id].tasks


def _by_delivers(industry_id, target):
    return [t for t in _tasks(industry_id) if t.delivers == target]


def test_every_bundled_industry_is_covered():
    assert sorted(industry_profiles()) == INDUSTRIES


@pytest.mark.parametrize("industry_id", INDUSTRIES)
def test_every_industry_has_two_to_four_tasks(industry_id):
    assert 2 <= len(_tasks(industry_id)) <= 4


@pytest.mark.parametrize("industry_id", INDUSTRIES)
def test_every_task_names_a_source_of_its_profile(industry_id):
    profile = industry_profiles()[industry_id]
    for task in profile.tasks:
        assert task.source is not None, task.id
        assert task.source in profile.sources, (task.id, task.source)
        assert profile.sources[task.source].url.startswith("seed:"), task.id


@pytest.mark.parametrize("industry_id", INDUSTRIES)
def test_every_task_has_an_english_and_a_chinese_title_and_acceptance(industry_id):
    for task in _tasks(industry_id):
        for text in (task.title, task.acceptance):
            assert isinstance(text, LocalizedText), task.id
            assert text.en.strip(), task.id
            assert text.zh.strip(), task.id
            assert text.en != text.zh, task.id


@pytest.mark.parametrize("industry_id", INDUSTRIES)
def test_task_ids_are_unique_and_apart_from_the_library(industry_id):
    ids = [t.id for t in _tasks(industry_id)]
    assert len(ids) == len(set(ids))
    assert set(ids).isdisjoint(t.id for t in task_library().tasks)


@pytest.mark.parametrize("industry_id", INDUSTRIES)
def test_tasks_use_the_library_vocabulary_and_the_catalog(industry_id):
    library, cat = task_library(), catalog()
    for task in _tasks(industry_id):
        assert task.owner_role in library.roles, task.id
        assert task.category in library.categories, task.id
        assert 1 <= task.effort_days <= 10, task.id
        for target in ([task.delivers] if task.delivers else []) + list(task.covers):
            if target.startswith("integration:"):
                assert target.removeprefix("integration:") in cat.integrations, (task.id, target)
            else:
                assert target in cat.capabilities, (task.id, target)


@pytest.mark.parametrize("industry_id", INDUSTRIES)
def test_tasks_deliver_what_the_profile_suggests(industry_id):
    """A task's main deliverable is a graded capability or a suggested integration of its profile."""
    profile = industry_profiles()[industry_id]
    for task in profile.tasks:
        if task.delivers is None:
            continue
        if task.delivers.startswith("integration:"):
            assert task.delivers.removeprefix("integration:") in profile.suggested_integrations, task.id
        else:
            assert task.delivers in profile.suggested_grades, task.id


@pytest.mark.parametrize("industry_id", INDUSTRIES)
def test_profile_check_finds_no_problem(industry_id):
    (path,) = [p for p in bundled_industry_paths() if p.stem == industry_id]
    profile, problems = check_industry(load_yaml(path))
    assert [str(p) for p in problems] == []
    assert profile is not None and len(profile.tasks) == len(_tasks(industry_id))


def test_integrations_come_after_week_eight():
    for industry_id in INDUSTRIES:
        for task in _tasks(industry_id):
            if task.category == "integration" or (task.delivers or "").startswith("integration:"):
                assert task.phase == "weeks-8-plus", (industry_id, task.id)


def test_manufacturing_syncs_orders_with_the_erp_and_closes_the_after_sales_loop():
    (erp,) = _by_delivers("manufacturing", "integration:erp")
    assert erp.id == "erp_order_sync"
    assert erp.phase == "weeks-8-plus"
    assert erp.category == "integration"
    assert erp.owner_role == "it_lead"
    (loop,) = _by_delivers("manufacturing", "after_sales_ticket_loop")
    assert loop.phase == "weeks-2-8"
    assert loop.owner_role == "service_lead"
    assert "customer_revisit" in loop.covers


def test_retail_imports_members_first_and_sets_points_rules():
    tasks = {t.id: t for t in _tasks("retail")}
    member_import = tasks["member_data_import"]
    assert member_import.phase == "weeks-0-2"
    assert member_import.category == "data"
    assert member_import.owner_role == "data_steward"
    assert "member" in member_import.title.en.lower() and "会员" in member_import.title.zh
    (points,) = _by_delivers("retail", "loyalty_points")
    assert points.id == "points_rules_setup"
    assert "积分" in points.title.zh
    assert points.phase == "weeks-2-8"


def test_finance_keeps_compliance_records():
    (retention,) = _by_delivers("finance", "compliance_records")
    assert retention.id == "compliance_record_retention"
    assert retention.owner_role == "compliance_lead"
    assert retention.phase == "weeks-2-8"
    assert "retention" in retention.acceptance.en
    assert "留存" in retention.acceptance.zh


def test_finance_locks_down_sensitive_data_before_the_import():
    (security,) = _by_delivers("finance", "data_security")
    assert security.phase == "weeks-0-2"
    assert "roles_permissions" in security.covers


@pytest.mark.parametrize(
    ("industry_id", "target", "phase"),
    [
        ("healthcare", "health_records", "weeks-0-2"),
        ("healthcare", "follow_up_plans", "weeks-2-8"),
        ("education", "student_records", "weeks-0-2"),
        ("education", "renewal_management", "weeks-2-8"),
        ("ecommerce", "complaint_handling", "weeks-2-8"),
        ("ecommerce", "personalized_recommendation", "weeks-8-plus"),
        ("software_it", "poc_tracking", "weeks-2-8"),
        ("medical_devices", "compliant_visit_templates", "weeks-2-8"),
        ("internet_saas", "customer_segmentation_tags", "weeks-0-2"),
        ("internet_saas", "integration:bi", "weeks-8-plus"),
    ],
)
def test_each_industry_has_its_signature_task(industry_id, target, phase):
    (task,) = _by_delivers(industry_id, target)
    assert task.phase == phase
