"""Files and problems, the bottom layer: the one YAML module, the one lock, the one `Problem`
type, the message catalog, and the look of every table, sheet and chart the toolkit writes.

Nothing here knows what an engagement is. Modules are imported one by one, so that checking a
file never loads the libraries that draw charts or write workbooks.
"""
