"""The capability catalog: ids, categories, en/zh names and rollout hints (METHOD.md §1)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..files._data import CATALOG_PATH
from ..files._problems import InvalidInput
from ..files._yaml import plain, read_yaml
from .schema import Capability, CatalogFile, IntegrationTarget, LocalizedText, text_of


@dataclass(frozen=True)
class Catalog:
    """The shared vocabulary of profiles and engagements."""

    file: CatalogFile

    @property
    def capabilities(self) -> dict[str, Capability]:
        return self.file.capabilities

    @property
    def integrations(self) -> dict[str, IntegrationTarget]:
        return self.file.integrations

    @property
    def categories(self) -> dict[str, str | LocalizedText]:
        return self.file.categories

    def capability_name(self, cap_id: str, lang: str = "en") -> str:
        cap = self.file.capabilities.get(cap_id)
        if cap is None:
            return cap_id
        return cap.zh if lang == "zh" else cap.en

    def integration_name(self, system: str, lang: str = "en") -> str:
        target = self.file.integrations.get(system)
        if target is None:
            return system
        return target.zh if lang == "zh" else target.en

    def category_name(self, category: str, lang: str = "en") -> str:
        return text_of(self.file.categories.get(category), lang) or category

    def unknown_capability(self, cap_id: str) -> str | None:
        """What is wrong with naming `cap_id`, or None when the catalog has it."""
        return None if cap_id in self.capabilities else f"unknown capability id {cap_id!r}; see `crm-toolkit catalog`"

    def unknown_integration(self, system: str) -> str | None:
        """What is wrong with naming `system`, or None when the catalog has it."""
        if system in self.integrations:
            return None
        return f"unknown integration target {system!r}; see `crm-toolkit catalog`"

    def hint(self, cap_id: str) -> str | None:
        cap = self.file.capabilities.get(cap_id)
        return cap.hint if cap else None


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    """The bundled catalog, loaded once per process."""
    loaded = read_yaml(CATALOG_PATH)
    if not loaded.ok:
        raise InvalidInput(loaded.problems, "the capability catalog")
    return Catalog(CatalogFile.model_validate(plain(loaded.data)))
