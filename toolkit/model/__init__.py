"""The data model: the typed shape of every file kind (`schema`), the catalog, the bundled
profiles, an engagement folder loaded and checked across its files, and what the files say by
definition (a requirement's grade, where a rating comes from)."""
