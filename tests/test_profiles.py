"""The bundled data: every seed vendor and industry, valid, sourced, honest."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from toolkit import industry_profiles, validate, vendor_profiles
from toolkit.model._catalog import catalog
from toolkit.model._profiles import sourced_facts
from toolkit.model.schema import NOT_PUBLIC

SEED_VENDORS = {
    "jiandaoyun",
    "salesforce",
    "yonyou",
    "kingdee",
    "zoho",
    "huawei_cloud",
    "fxiaoke",
    "xiaoshouyi",
    "hubspot",
    "tencent_qidian",
}
SEED_INDUSTRIES = {
    "manufacturing",
    "retail",
    "finance",
    "healthcare",
    "education",
    "ecommerce",
    "software_it",
    "medical_devices",
    "internet_saas",
}


def test_bundled_data_validates_without_errors():
    assert [p for p in validate() if p.is_error] == []


def test_every_seed_vendor_and_industry_is_bundled():
    assert set(vendor_profiles()) == SEED_VENDORS
    assert set(industry_profiles()) == SEED_INDUSTRIES


def test_catalog_covers_the_seeds():
    cat = catalog()
    assert len(cat.capabilities) >= 60
    for cap in (
        "customer_360",
        "lead_opportunity_funnel",
        "order_contract_payment",
        "data_import",
        "quote_approval",
        "after_sales_ticket_loop",
        "dealer_channel_management",
        "membership_tiers",
        "loyalty_points",
        "compliance_records",
        "compliant_visit_templates",
        "appointment_scheduling",
        "follow_up_plans",
        "course_management",
        "renewal_management",
        "complaint_handling",
        "field_checkin",
        "tender_bid_management",
        "ai_lead_scoring",
        "no_code_customisation",
        "roles_permissions",
        "mobile_app",
        "dashboards_reports",
    ):
        assert cap in cat.capabilities, cap
    assert {c.hint for c in cat.capabilities.values()} == {"core", "expand", "advanced"}


@pytest.mark.parametrize("vendor_id", sorted(SEED_VENDORS))
def test_vendor_profile_is_sourced_and_keeps_opinions_apart(vendor_id):
    profile = vendor_profiles()[vendor_id]
    assert sourced_facts(profile) >= 30
    for source in profile.sources.values():
        assert source.read <= dt.date(2026, 12, 3)  # the reading rounds: 2026-11-24, 2026-12-03
        assert source.published_on is None or source.published_on <= source.read
    assert profile.published_ratings, "the seeds' ratings are recorded as published opinions"
    assert set(profile.viability) == {
        "market_presence",
        "financial_strength",
        "customer_base",
        "ecosystem",
        "product_momentum",
        "local_delivery",
    }
    for edition in profile.editions:
        for field in edition.not_public:
            assert getattr(edition, field) == NOT_PUBLIC


@pytest.mark.parametrize("industry_id", sorted(SEED_INDUSTRIES))
def test_industry_profile_prefills_the_core_three(industry_id):
    profile = industry_profiles()[industry_id]
    for cap in ("customer_360", "lead_opportunity_funnel", "order_contract_payment", "data_import"):
        assert profile.suggested_grades.get(cap) == "must"
    assert profile.kpis and all(k.direction in ("up", "down") and k.unit for k in profile.kpis)


def test_seed_market_figures_are_recorded_with_their_source():
    manufacturing = industry_profiles()["manufacturing"]
    assert manufacturing.market.crm_penetration.value == pytest.approx(0.45)
    assert manufacturing.market.satisfaction.value == pytest.approx(0.60)
    assert manufacturing.adaptation_difficulty.value == "high"
    assert industry_profiles()["healthcare"].adaptation_difficulty.value == "low"


def _notes(node, path=()):
    """(path, value) of every note, why and basis in a profile as the file has it."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k in ("note", "why", "basis", "effort_note"):
                yield path + (k,), v
            else:
                yield from _notes(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _notes(v, path + (i,))


def _bundled_files():
    from toolkit.model._profiles import bundled_industry_paths, bundled_vendor_paths

    return bundled_vendor_paths() + bundled_industry_paths()


@pytest.mark.parametrize("path", _bundled_files(), ids=lambda p: p.stem)
def test_every_note_a_reader_needs_has_en_and_zh(path):
    from toolkit.files._yaml import read_data

    notes = list(_notes(read_data(path)))
    assert notes
    for where, note in notes:
        assert isinstance(note, dict) and set(note) == {"en", "zh"}, where
        assert note["en"].strip() and note["zh"].strip(), where
        assert re.search(r"[\u4e00-\u9fff]", note["zh"]), where  # the zh text is Chinese


def test_every_rating_support_level_and_viability_item_is_graded_from_its_source():
    grades = {}
    for profile in vendor_profiles().values():
        for section in (profile.capabilities, profile.integrations, profile.viability):
            for item in section.values():
                assert item.grade in ("marketing", "documentation", "independent")
                kind = profile.sources[item.source].kind
                grades.setdefault(kind, set()).add(item.grade)
    # the rule of docs/profiles.md: the seeds are marketing for every vendor they mention, and a
    # third party's page is never graded above what it quotes
    assert grades["seed_marketing"] == {"marketing"}
    assert grades["vendor_marketing"] == {"marketing"}
    assert grades["vendor_documentation"] == {"documentation"}
    assert grades["content_farm"] == {"independent"}


def test_corrections_of_issue_16():
    vendors = vendor_profiles()
    yonyou = vendors["yonyou"]
    assert yonyou.sources["turbocrm_whitepaper"].published == "2005"
    assert yonyou.sources["turbocrm_solution"].published == "2005-01"
    turbo = [c for c in yonyou.capabilities.values() if c.source.startswith("turbocrm_")]
    assert len(turbo) == 15 and sum(c.rating == 3 for c in turbo) == 7
    assert vendors["tencent_qidian"].sources["reseller_price"].published == "2018"
    zoho = vendors["zoho"]
    assert zoho.currency == "USD" and all(e.not_public == ["price_per_user_month"] for e in zoho.editions)
    assert "800 INR" in zoho.editions[0].note.en  # the regional price kept as a note
    fx = vendors["fxiaoke"]
    assert {c.name for c in fx.certifications} >= {"ISO/IEC 27001", "ISO/IEC 27701", "SOC 2 Type II"}
    assert fx.capabilities["data_security"].rating == 3
    assert "金蝶云星空" in vendors["jiandaoyun"].integrations["erp"].note.en
    tasks = [t for p in industry_profiles().values() for t in p.tasks]
    assert len(tasks) == 35 and all(t.effort_basis == "estimate" and t.effort_note for t in tasks)
