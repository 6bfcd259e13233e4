"""The bundled data: every seed vendor and industry, valid, sourced, honest."""

from __future__ import annotations

import datetime as dt

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
        assert source.as_of <= dt.date(2026, 11, 24)
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
