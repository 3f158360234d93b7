"""The leaderboard as one self-contained HTML page: a sortable table and a bar chart per
(benchmark, metric). Paper text is escaped by jinja2's autoescape, and only plain http(s)
URLs become links (a ``javascript:`` or ``data:`` URL from a records file stays text);
charts are inline SVG made by matplotlib; the sorting script is inline. Nothing is loaded
from anywhere."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from extractor._safe import web_url
from extractor.leaderboard._chart import bar_chart_svg
from extractor.leaderboard._format import format_value, title
from extractor.leaderboard._models import Leaderboard

_environment = Environment(
    loader=PackageLoader("extractor.leaderboard", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_environment.filters["value"] = format_value
_environment.filters["title"] = title
_environment.filters["web_url"] = web_url


def to_html(board: Leaderboard) -> str:
    """The page; raises ``ChartUnavailable`` when matplotlib is not installed."""
    charts = []
    for number, table in enumerate(board.tables):
        svg = bar_chart_svg(table, f"chart-{number}")
        # matplotlib writes the SVG and escapes the text in it: it is markup, not paper text.
        charts.append(Markup(svg) if svg else None)
    template = _environment.get_template("leaderboard.html.j2")
    return template.render(board=board, tables=list(zip(board.tables, charts, strict=True)))
