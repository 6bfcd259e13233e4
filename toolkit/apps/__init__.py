"""The Voila apps: thin widget pages over the toolkit's pure functions (one page object each).

Each notebook in notebooks/ builds one page from the request and displays it; the same page
objects work inside JupyterLab.
"""

from ._landing import LandingPage, landing_page
from ._shell import ErrorPage, Page, check_page, open_page, resolve_engagement

__all__ = ["ErrorPage", "LandingPage", "Page", "check_page", "landing_page", "open_page", "resolve_engagement"]
