"""toolkit.model._stakeholders: a voter shown by name and role in the page's language."""

from __future__ import annotations

import subprocess
import sys

from toolkit.model._stakeholders import stakeholder_label, stakeholder_parts
from toolkit.model.schema import Requirements

REQUIREMENTS = Requirements.model_validate(
    {
        "stakeholders": [
            {
                "id": "sales_director",
                "name": {"en": "Wang Fang", "zh": "王芳"},
                "role": {"en": "Sales director", "zh": "销售总监"},
            },
            {"id": "it_manager", "name": "Zhao Lei", "role": {"en": "IT manager"}},
            {"id": "general_manager", "name": {"zh": "陈静"}},
        ],
        "requirements": [
            {"id": "R01", "capability": "customer_360", "votes": {"sales_director": "must", "service_manager": "could"}}
        ],
    }
)


def test_parts_in_the_page_language():
    assert stakeholder_parts(REQUIREMENTS, "sales_director", "zh") == ("王芳", "销售总监")
    assert stakeholder_parts(REQUIREMENTS, "sales_director", "en") == ("Wang Fang", "Sales director")


def test_a_plain_text_is_shown_as_written_and_a_missing_language_falls_back():
    assert stakeholder_parts(REQUIREMENTS, "it_manager", "zh") == ("Zhao Lei", "IT manager")
    assert stakeholder_parts(REQUIREMENTS, "general_manager", "en") == ("陈静", "")


def test_a_voter_without_an_entry_is_their_id_with_spaces():
    assert stakeholder_parts(REQUIREMENTS, "service_manager", "zh") == ("service manager", "")
    assert stakeholder_parts(Requirements(), "finance_controller", "en") == ("finance controller", "")


def test_label_is_name_and_role_or_just_the_name():
    assert stakeholder_label(REQUIREMENTS, "sales_director", "zh") == "王芳 · 销售总监"
    assert stakeholder_label(REQUIREMENTS, "sales_director", "en") == "Wang Fang · Sales director"
    assert stakeholder_label(REQUIREMENTS, "general_manager", "zh") == "陈静"
    assert stakeholder_label(REQUIREMENTS, "service_manager", "en") == "service manager"


def test_the_module_loads_nothing_heavy():
    code = (
        "import sys, toolkit.model._stakeholders; "
        "print(sorted(m for m in ('pydantic', 'ruamel', 'yaml', 'pandas', 'openpyxl') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
