"""A two-vendor engagement whose every score is worked out by hand in test_scorecard.py."""

from __future__ import annotations

import pytest

from tests.conftest import ACME, write

BETA = """\
id: beta_crm
name: {en: Beta CRM, zh: 贝塔CRM}
sources:
  site: {url: "https://beta.example/", title: Beta, kind: vendor_documentation, published: 2026-09-01, read: 2026-09-02}
company: {value: "Beta Co", source: site}
currency: CNY
default_edition: team
editions:
  - {id: team, price_per_year: 5000, included_users: 5, extra_user_per_year: 600, source: site}
  - {id: hidden, price_per_user_month: not public, source: site}
implementation: {estimate: unknown, source: site}
capabilities:
  customer_360: {rating: 2, grade: documentation, source: site}
integrations:
  erp: {support: api, grade: documentation, source: site}
viability:
  market_presence: {score: 4, grade: documentation, why: "x", source: site}
  financial_strength: {score: 4, grade: documentation, why: "x", source: site}
  customer_base: {score: 4, grade: documentation, why: "x", source: site}
  ecosystem: {score: 4, grade: documentation, why: "x", source: site}
  product_momentum: {score: 4, grade: documentation, why: "x", source: site}
  local_delivery: {score: 4, grade: documentation, why: "x", source: site}
"""

HAND_ENGAGEMENT = """\
client: Hand Co
industry: manufacturing
currency: CNY
fx: {USD: 7.1}
users: 10
horizon_years: 2
discount_rate: 0.1
weights: {fit: 50, integration: 10, tco: 30, viability: 10}
shortlist: [acme_crm, beta_crm]
costs:
  implementation: {beta_crm: 3000}
  integration_build: {partner: 1000, api: 5000, none: 20000}
  training_per_user: 100
  data_migration: 2000
  admin_per_year: 1000
  annual_uplift: 0.1
"""

HAND_REQUIREMENTS = """\
requirements:
  - {id: R01, capability: customer_360, grade: must}
  - {id: R02, capability: quote_approval, grade: could}
  - {id: R03, capability: marketing_automation, grade: wont}
integrations:
  - {system: erp, grade: must}
"""


@pytest.fixture
def hand_engagement(tmp_path):
    """Folder builder: the hand-worked engagement, any file replaceable."""

    def make(*, engagement=HAND_ENGAGEMENT, requirements=HAND_REQUIREMENTS, evaluations=None, name="hand"):
        folder = tmp_path / name
        write(folder / "engagement.yaml", engagement)
        write(folder / "requirements.yaml", requirements)
        write(folder / "vendor_profiles" / "acme_crm.yaml", ACME)
        write(folder / "vendor_profiles" / "beta_crm.yaml", BETA)
        if evaluations is not None:
            write(folder / "evaluations.yaml", evaluations)
        return folder

    return make
