"""TEMP stub (replaced by the livepages branch)."""


def ballot_html(engagement: str, lang: str) -> str:
    return "<html>ballot</html>"


def room_html(engagement: str, lang: str) -> str:
    return "<html>room</html>"


def wall_html(engagement: str, lang: str) -> str:
    return "<html>wall</html>"
