"""Where the toolkit's own data lives, in a checkout and in an installed wheel.

The catalog, the message texts and the task library sit inside the package
(`toolkit/catalog/`); the vendor and industry profiles and the demo engagement sit at the top of
a checkout (`vendor_profiles/`, `industry_profiles/`, `examples/`) and inside the package when
installed from a wheel, which carries them there.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]
CATALOG_DIR = PACKAGE_DIR / "catalog"
CATALOG_PATH = CATALOG_DIR / "capabilities.yaml"


def bundled(name: str) -> Path:
    """A bundled folder: inside the installed package, else at the top of the checkout."""
    inside = PACKAGE_DIR / name
    return inside if inside.is_dir() else PACKAGE_DIR.parent / name


BUNDLED_VENDORS = bundled("vendor_profiles")
BUNDLED_INDUSTRIES = bundled("industry_profiles")


def user_data_dir() -> Path:
    """The toolkit's folder in the user's data folder (XDG): the demo's working copy, the live
    workshop's secret; never inside an engagement folder."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "crm-toolkit"


def profile_paths(folder: Path) -> list[Path]:
    """The profiles in a folder: its YAML files, hidden ones left out, in name order."""
    return sorted(p for p in folder.glob("*.yaml") if not p.name.startswith("."))


def default_check_paths() -> list[Path]:
    """What `crm-toolkit validate` checks with no argument: the catalog and every bundled profile."""
    return [CATALOG_PATH, *profile_paths(BUNDLED_VENDORS), *profile_paths(BUNDLED_INDUSTRIES)]
