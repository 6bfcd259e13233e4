"""Each validation rule of the foundation issue, with the exact line and field it reports."""

from __future__ import annotations

import pytest

from toolkit import check_engagement, validate
from toolkit.files._yaml import parse_yaml
from toolkit.model._profiles import check_industry, check_vendor

from .conftest import ACME, ENGAGEMENT, REQUIREMENTS, where


def vendor_problems(text: str, name: str = "acme_crm.yaml"):
    return check_vendor(parse_yaml(text, f"vendor_profiles/{name}"))[1]


def test_valid_engagement_has_no_problems(make_engagement):
    engagement, problems = check_engagement(make_engagement())
    assert problems == []
    assert engagement.shortlist == ["acme_crm"]
    assert engagement.vendors["acme_crm"].name.zh == "艾克米CRM"


def test_bad_yaml_syntax(make_engagement):
    folder = make_engagement(engagement=ENGAGEMENT + "weights: {fit: 40\n")
    _, problems = check_engagement(folder)
    assert [(f, field) for f, _, field in where(problems)] == [("engagement.yaml", "")]
    assert problems[0].message.startswith("YAML syntax")


def test_wrong_types(make_engagement):
    folder = make_engagement(engagement=ENGAGEMENT.replace("users: 60", "users: sixty"))
    _, problems = check_engagement(folder)
    assert where(problems) == [("engagement.yaml", 5, "users")]
    assert "sixty" in problems[0].message


def test_unknown_key_lists_the_expected_ones(make_engagement):
    folder = make_engagement(engagement=ENGAGEMENT + "horizon: 3\n")
    _, problems = check_engagement(folder)
    assert where(problems) == [("engagement.yaml", 7, "horizon")]
    assert "horizon_years" in problems[0].message


def test_unknown_industry(make_engagement):
    folder = make_engagement(engagement=ENGAGEMENT.replace("manufacturing", "mining"))
    _, problems = check_engagement(folder)
    assert where(problems) == [("engagement.yaml", 2, "industry")]


def test_unknown_vendor_in_shortlist_and_evaluations(make_engagement):
    folder = make_engagement(
        engagement=ENGAGEMENT.replace("[acme_crm]", "[acme_crm, no_such_crm]"),
        evaluations="no_such_crm:\n  customer_360: {rating: 2, evidence: demo}\n",
    )
    _, problems = check_engagement(folder)
    assert where(problems) == [("engagement.yaml", 6, "shortlist[1]"), ("evaluations.yaml", 1, "no_such_crm")]


def test_unknown_capability_points_at_the_requirement(make_engagement):
    folder = make_engagement(
        requirements=REQUIREMENTS.replace("capability: quote_approval", "capability: quote_aproval")
    )
    _, problems = check_engagement(folder)
    assert where(problems) == [("requirements.yaml", 6, "requirements[1].capability")]


def test_unknown_integration_target(make_engagement):
    folder = make_engagement(requirements=REQUIREMENTS.replace("system: erp", "system: sap"))
    _, problems = check_engagement(folder)
    assert where(problems) == [("requirements.yaml", 9, "integrations[0].system")]


def test_duplicate_requirement_ids(make_engagement):
    folder = make_engagement(requirements=REQUIREMENTS.replace("id: R02", "id: R01"))
    _, problems = check_engagement(folder)
    assert where(problems) == [("requirements.yaml", 5, "requirements[1].id")]
    assert "first at requirements[0]" in problems[0].message


def test_duplicate_integration(make_engagement):
    folder = make_engagement(requirements=REQUIREMENTS + "  - system: erp\n    grade: could\n")
    _, problems = check_engagement(folder)
    assert where(problems) == [("requirements.yaml", 11, "integrations[1].system")]


STAKEHOLDERS = """\
stakeholders:
  - id: sales
    name: {en: Wang Fang, zh: 王芳}
    role: {en: Sales director, zh: 销售总监}
  - id: service
    name: Li Lei
"""


def test_stakeholders_lead_the_file_and_votes_need_no_entry(make_engagement):
    engagement, problems = check_engagement(make_engagement(requirements=STAKEHOLDERS + REQUIREMENTS))
    assert problems == []
    sales, service = engagement.requirements.stakeholders
    assert (sales.id, sales.name.zh, sales.role.en) == ("sales", "王芳", "Sales director")
    assert (service.name, service.role) == ("Li Lei", None)
    # a voter without an entry (files written before the list existed) is still valid
    only_sales = STAKEHOLDERS.split("  - id: service")[0]
    assert check_engagement(make_engagement(requirements=only_sales + REQUIREMENTS))[1] == []


def test_duplicate_stakeholder_ids(make_engagement):
    folder = make_engagement(requirements=STAKEHOLDERS.replace("id: service", "id: sales") + REQUIREMENTS)
    _, problems = check_engagement(folder)
    assert where(problems) == [("requirements.yaml", 5, "stakeholders[1].id")]
    assert "duplicate stakeholder id 'sales'" in problems[0].message
    assert "first at stakeholders[0]" in problems[0].message


def test_stakeholder_needs_a_name_and_a_snake_case_id(make_engagement):
    bad = STAKEHOLDERS.replace("id: service", "id: Service Lead").replace("    name: Li Lei\n", "")
    _, problems = check_engagement(make_engagement(requirements=bad + REQUIREMENTS))
    assert where(problems) == [
        ("requirements.yaml", 5, "stakeholders[1].id"),
        ("requirements.yaml", 5, "stakeholders[1].name"),
    ]


def test_grade_outside_must_could_wont(make_engagement):
    folder = make_engagement(
        requirements=REQUIREMENTS.replace("{sales: must, service: could}", "{sales: must, service: maybe}")
    )
    _, problems = check_engagement(folder)
    assert where(problems) == [("requirements.yaml", 4, "requirements[0].votes.service")]
    assert "must, could or wont" in problems[0].message and "maybe" in problems[0].message


def test_requirement_with_neither_votes_nor_grade(make_engagement):
    folder = make_engagement(requirements=REQUIREMENTS.replace("    grade: could\n", ""))
    _, problems = check_engagement(folder)
    assert where(problems) == [("requirements.yaml", 5, "requirements[1]")]
    assert "neither votes nor grade" in problems[0].message


def test_rating_outside_0_3_in_profile_and_evaluations(make_engagement):
    folder = make_engagement(
        vendor=ACME.replace("customer_360: {rating: 3", "customer_360: {rating: 4"),
        evaluations="acme_crm:\n  quote_approval: {rating: -1, evidence: demo}\n",
    )
    _, problems = check_engagement(folder)
    assert where(problems) == [
        ("acme_crm.yaml", 13, "capabilities.customer_360.rating"),
        ("evaluations.yaml", 2, "acme_crm.quote_approval.rating"),
    ]


def test_support_level_outside_the_scale(make_engagement):
    folder = make_engagement(
        vendor=ACME.replace("support: partner", "support: plugin"),
        evaluations='acme_crm:\n  "integration:erp": {support: good, evidence: demo}\n',
    )
    _, problems = check_engagement(folder)
    assert where(problems) == [
        ("acme_crm.yaml", 16, "integrations.erp.support"),
        ("evaluations.yaml", 2, "acme_crm.integration:erp.support"),
    ]


@pytest.mark.parametrize(
    ("old", "new", "line", "field"),
    [
        ("price_per_user_month: 50", "price_per_user_month: -50", 9, "editions[0].price_per_user_month"),
        ("extra_user_per_year: 600", "extra_user_per_year: -1", 10, "editions[1].extra_user_per_year"),
        ("estimate: 100000", "estimate: -5", 11, "implementation.estimate"),
    ],
)
def test_negative_prices(old, new, line, field):
    assert where(vendor_problems(ACME.replace(old, new))) == [("acme_crm.yaml", line, field)]


def test_negative_users_and_weights(make_engagement):
    folder = make_engagement(engagement=ENGAGEMENT.replace("users: 60", "users: -3") + "weights: {fit: -10, tco: 5}\n")
    _, problems = check_engagement(folder)
    assert where(problems) == [("engagement.yaml", 5, "users"), ("engagement.yaml", 7, "weights.fit")]


def test_all_zero_weights(make_engagement):
    folder = make_engagement(engagement=ENGAGEMENT + "weights: {fit: 0, integration: 0, tco: 0, viability: 0}\n")
    _, problems = check_engagement(folder)
    assert where(problems) == [("engagement.yaml", 7, "weights")]
    assert "all weights are 0" in problems[0].message


def test_partial_weights_warn_that_the_rest_weigh_zero(make_engagement):
    folder = make_engagement(engagement=ENGAGEMENT + "weights: {fit: 1}\n")
    engagement, problems = check_engagement(folder)
    assert engagement is not None
    [warning] = problems
    assert warning.severity == "warning" and "integration, tco, viability not named" in warning.message


def test_currency_without_fx_rate(make_engagement):
    folder = make_engagement(engagement=ENGAGEMENT.replace("fx: {USD: 7.1}\n", ""))
    _, problems = check_engagement(folder)
    assert where(problems) == [("engagement.yaml", 3, "currency")]
    assert "no rate for USD" in problems[0].message


def test_edition_currency_also_needs_a_rate(make_engagement):
    folder = make_engagement(
        engagement=ENGAGEMENT.replace("currency: CNY", "currency: EUR").replace("fx: {USD: 7.1}", "fx: {USD: 0.9}")
        + "editions: {acme_crm: team}\n"
    )
    _, problems = check_engagement(folder)
    assert where(problems) == [("engagement.yaml", 4, "fx")]
    assert "no rate for CNY" in problems[0].message


def test_edition_the_vendor_does_not_have(make_engagement):
    folder = make_engagement(engagement=ENGAGEMENT + "editions: {acme_crm: ultimate}\n")
    _, problems = check_engagement(folder)
    assert where(problems) == [("engagement.yaml", 7, "editions.acme_crm")]
    assert "has: pro, team" in problems[0].message


def test_fact_without_source():
    problems = vendor_problems(
        ACME.replace("{rating: 3, grade: documentation, source: pricing}", "{rating: 3, grade: documentation}")
    )
    assert where(problems) == [("acme_crm.yaml", 13, "capabilities.customer_360.source")]
    assert problems[0].message == "required, but missing"


def test_fact_naming_an_unknown_source():
    problems = vendor_problems(
        ACME.replace(
            "{rating: 2, grade: documentation, source: pricing}", "{rating: 2, grade: documentation, source: web}"
        )
    )
    assert where(problems) == [("acme_crm.yaml", 14, "capabilities.quote_approval.source")]


PRICING = 'url: "https://acme.example/", title: Pricing, kind: vendor_pricing, published: 2026-10-01, read: 2026-10-02'
KIND, PUB, READ = "kind: vendor_pricing", "published: 2026-10-01", "read: 2026-10-02"


@pytest.mark.parametrize(
    ("source", "field"),
    [
        (f"{KIND}, {PUB}, {READ}", "sources.pricing.url"),
        (f'url: "https://acme.example/", {KIND}, {PUB}', "sources.pricing.read"),
        (f'url: "https://acme.example/", {KIND}, {READ}', "sources.pricing.published"),
        (f'url: "acme.example/", {KIND}, {PUB}, {READ}', "sources.pricing.url"),
        (f'url: "https://acme.example/", {KIND}, published: 2026-02-30, {READ}', "sources.pricing.published"),
        (f'url: "https://acme.example/", {KIND}, published: 2026-13, {READ}', "sources.pricing.published"),
        (f'url: "https://acme.example/", {KIND}, published: "26-10", {READ}', "sources.pricing.published"),
        (f'url: "https://acme.example/", {KIND}, {PUB}, read: 2026-02-30', "sources.pricing.read"),
        (f'url: "https://acme.example/", {PUB}, {READ}', "sources.pricing.kind"),
    ],
)
def test_source_without_address_or_dates_or_kind(source, field):
    text = ACME.replace(PRICING, source)
    assert where(vendor_problems(text)) == [("acme_crm.yaml", 4, field)]


@pytest.mark.parametrize("published", ["2026-10-01", "2026-10", "2026", "2005", "unknown", '"2026-10"'])
def test_publication_date_as_precise_as_the_page_gives_it(published):
    text = ACME.replace("published: 2026-10-01", f"published: {published}")
    assert vendor_problems(text) == []


def test_a_publication_date_after_the_reading_date_is_one_line():
    problems = vendor_problems(ACME.replace("published: 2026-10-01", "published: 2026-11"))
    assert where(problems) == [("acme_crm.yaml", 4, "sources.pricing.published")]
    assert problems[0].message == (
        "2026-11 is after the day the page was read (2026-10-02): a page is published before it is read"
    )
    # a month or a year counts from its first day, so the month the page was read passes
    assert vendor_problems(ACME.replace("published: 2026-10-01", "published: 2026-10")) == []


def test_an_unknown_kind_is_one_line():
    problems = vendor_problems(ACME.replace("kind: vendor_pricing", "kind: blog"))
    assert where(problems) == [("acme_crm.yaml", 4, "sources.pricing.kind")]
    assert problems[0].message.startswith("must be one of seed_marketing, vendor_marketing, vendor_documentation")
    assert problems[0].message.endswith("(got 'blog')")


@pytest.mark.parametrize(
    ("old", "new", "line", "field"),
    [
        ("{rating: 3, grade: documentation,", "{rating: 3,", 13, "capabilities.customer_360.grade"),
        ("{support: partner, grade: documentation,", "{support: partner,", 16, "integrations.erp.grade"),
        ('"regional player", grade: documentation,', '"regional player",', 18, "viability.market_presence.grade"),
    ],
)
def test_a_rating_support_level_or_viability_item_without_a_grade_is_one_line(old, new, line, field):
    problems = vendor_problems(ACME.replace(old, new))
    assert where(problems) == [("acme_crm.yaml", line, field)]
    assert problems[0].message == "required, but missing"


def test_a_grade_outside_the_list_and_confirmed_in_a_profile():
    problems = vendor_problems(ACME.replace("rating: 3, grade: documentation", "rating: 3, grade: hearsay"))
    assert where(problems) == [("acme_crm.yaml", 13, "capabilities.customer_360.grade")]
    assert problems[0].message == "must be marketing, documentation or independent (got 'hearsay')"
    problems = vendor_problems(ACME.replace("rating: 3, grade: documentation", "rating: 3, grade: confirmed"))
    assert where(problems) == [("acme_crm.yaml", 13, "capabilities.customer_360.grade")]
    assert "write it in evaluations.yaml" in problems[0].message


def test_edition_ratings_name_their_grade():
    text = ACME.replace("{id: pro, price_per_user_month: 50,", "{id: pro, ratings: {cpq: 2}, price_per_user_month: 50,")
    problems = vendor_problems(text)
    assert where(problems) == [("acme_crm.yaml", 9, "editions[0]")]
    assert problems[0].message.startswith("an edition with ratings names the grade of their evidence")
    assert vendor_problems(text.replace("ratings: {cpq: 2},", "ratings: {cpq: 2}, grade: documentation,")) == []


def test_default_edition_must_exist_and_ids_unique():
    text = ACME.replace("default_edition: pro", "default_edition: gold").replace("{id: team,", "{id: pro,")
    assert sorted(where(vendor_problems(text)), key=lambda w: w[1]) == [
        ("acme_crm.yaml", 7, "default_edition"),
        ("acme_crm.yaml", 10, "editions[1].id"),
    ]


def test_profile_id_must_match_file_name():
    assert where(vendor_problems(ACME, name="other.yaml")) == [("other.yaml", 1, "id")]


def test_unknown_capability_and_integration_in_vendor_profile():
    text = ACME.replace("quote_approval:", "quote_flow:").replace("erp: {support", "sap: {support")
    assert where(vendor_problems(text)) == [
        ("acme_crm.yaml", 14, "capabilities.quote_flow"),
        ("acme_crm.yaml", 16, "integrations.sap"),
    ]


def test_not_public_price_without_indicative_is_a_warning():
    problems = vendor_problems(ACME.replace("price_per_user_month: 50", "price_per_user_month: not public"))
    assert [(p.severity, p.line) for p in problems] == [("warning", 9)]


def test_industry_profile_references():
    text = """\
    id: mining
    name: {en: Mining, zh: 采矿}
    sources:
      s: {url: "seed:000.txt", kind: seed_marketing, published: unknown, read: 2025-10-11}
    needs: {items: [{en: Safety, zh: 安全}], source: s}
    suggested_grades: {customer_360: must, drilling: could, quote_approval: maybe}
    suggested_integrations: {erp: must, scada: could}
    kpis:
      - {id: k1, name: K, unit: "%", direction: sideways, source: s}
    """
    import textwrap

    problems = check_industry(parse_yaml(textwrap.dedent(text), "industry_profiles/mining.yaml"))[1]
    assert where(problems) == [
        ("mining.yaml", 6, "suggested_grades.quote_approval"),
        ("mining.yaml", 9, "kpis[0].direction"),
    ]


INDUSTRY_TASK = """\
id: mining
name: {en: Mining, zh: 采矿}
sources:
  s: {url: "seed:000.txt", kind: seed_marketing, published: unknown, read: 2025-10-11}
tasks:
  - id: safety_visits
    phase: weeks-2-8
    title: {en: Safety visits, zh: 安全巡访}
    category: industry
    acceptance: {en: Visits logged, zh: 巡访有记录}
    owner_role: sales_lead
    effort_days: 3
    effort_basis: estimate
    effort_note: {en: "our estimate: the seed gives no effort", zh: 本工具估算：种子文章未给出工作量}
    source: s
"""


def industry_problems(text: str):
    return check_industry(parse_yaml(text, "industry_profiles/mining.yaml"))[1]


def test_an_industry_task_says_what_its_effort_rests_on():
    assert industry_problems(INDUSTRY_TASK) == []
    sourced = INDUSTRY_TASK.replace("effort_basis: estimate", "effort_basis: sourced")
    assert industry_problems(sourced) == []
    problems = industry_problems(INDUSTRY_TASK.replace("effort_basis: estimate", "effort_basis: guess"))
    assert where(problems) == [("mining.yaml", 13, "tasks[0].effort_basis")]
    assert problems[0].message == "must be estimate or sourced (got 'guess')"
    no_basis = INDUSTRY_TASK.replace("    effort_basis: estimate\n", "")
    problems = industry_problems(no_basis)
    assert where(problems) == [("mining.yaml", 12, "tasks[0].effort_days")]
    assert problems[0].message.startswith("say what effort_days rests on: effort_basis: estimate")
    no_note = "\n".join(line for line in INDUSTRY_TASK.split("\n") if "effort_note" not in line)
    problems = industry_problems(no_note)
    assert where(problems) == [("mining.yaml", 13, "tasks[0].effort_basis")]
    assert problems[0].message == "an estimate says what it rests on in effort_note"


def test_every_problem_reported_at_once(make_engagement):
    folder = make_engagement(
        engagement=ENGAGEMENT.replace("users: 60", "users: -1").replace("manufacturing", "mining"),
        requirements=REQUIREMENTS.replace("quote_approval", "nope").replace("system: erp", "system: sap"),
        vendor=ACME.replace("rating: 3", "rating: 9"),
    )
    _, problems = check_engagement(folder)
    assert len([p for p in problems if p.is_error]) == 5


def test_validate_refuses_a_file_it_cannot_classify(tmp_path):
    path = tmp_path / "notes.yaml"
    path.write_text("hello: world\n")
    [p] = validate([path])
    assert "cannot tell what this file is" in p.message


def test_problem_prints_as_file_line_field_message(make_engagement):
    folder = make_engagement(engagement=ENGAGEMENT.replace("users: 60", "users: -1"))
    _, [p] = check_engagement(folder)
    assert str(p) == f"{folder}/engagement.yaml:5: users: must be greater than or equal to 0 (got -1)"
