"""The Voila apps: thin widget pages over the toolkit's pure functions (one page object each).

Each notebook in notebooks/ builds one page from the request and displays it; the same page
objects work inside JupyterLab. The landing page that links them is plain HTML served at the
server's root (toolkit.apps._landing, toolkit.apps._voila).
"""

from ._shell import ErrorPage, Page, check_page, open_page, resolve_engagement

__all__ = ["ErrorPage", "Page", "check_page", "open_page", "resolve_engagement"]
