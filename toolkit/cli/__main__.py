"""`python -m toolkit.cli`, as the installed `crm-toolkit` command."""

from . import main

raise SystemExit(main())
