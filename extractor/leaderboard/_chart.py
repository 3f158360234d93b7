"""One bar chart per table, drawn by matplotlib as inline SVG (no JavaScript, no assets).

matplotlib is an optional dependency (``pip install 'extractor[html]'``); it is imported
only here, only when a chart is drawn.
"""

from __future__ import annotations

import io

from extractor.leaderboard._format import format_value
from extractor.leaderboard._models import Row, Table

_COLOURS = {"result": "#3b6ea8", "baseline": "#b0b0b0"}
_MAX_LABEL = 40


class ChartUnavailable(RuntimeError):
    """matplotlib is not installed."""


def _label(row: Row) -> str:
    """A bar's label: model, else method, else paper id; ``$`` kept literal (no mathtext)."""
    name = row.model or row.method or row.paper_id
    if len(name) > _MAX_LABEL:
        name = name[: _MAX_LABEL - 1] + "…"
    return name.replace("$", r"\$")


def bar_chart_svg(table: Table, chart_id: str) -> str | None:
    """An ``<svg>`` element: the table's results (and baselines, grey) as horizontal bars.

    table (Table): Ranked results come best first; improvements are deltas, not drawn.
    chart_id (str): Unique per page; seeds the SVG's element ids so charts never clash.
    RETURNS (str | None): The SVG markup, or None when the table has nothing to draw.
    """
    rows = [*table.results, *table.baselines]
    if not rows:
        return None
    try:
        import matplotlib
        from matplotlib.figure import Figure
        from matplotlib.patches import Patch
    except ImportError as e:
        raise ChartUnavailable("charts need matplotlib: pip install 'extractor[html]'") from e
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": chart_id}):
        figure = Figure(figsize=(7.0, 0.9 + 0.38 * len(rows)), layout="constrained")
        axes = figure.subplots()
        positions = list(range(len(rows)))[::-1]  # the first row on top
        bars = axes.barh(positions, [r.value for r in rows], color=[_COLOURS[r.role] for r in rows])
        axes.bar_label(bars, labels=[format_value(r) for r in rows], padding=3, fontsize=8)
        axes.set_yticks(positions, labels=[_label(r) for r in rows], fontsize=8)
        axes.set_xlabel(
            f"{table.metric or 'value'} ({table.direction or 'direction unknown'}"
            f"{' is better' if table.direction else ''})",
            fontsize=8,
        )
        axes.margins(x=0.3)  # room for the value labels inside the axes
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        if table.baselines:
            handles = [Patch(color=c, label=role) for role, c in _COLOURS.items()]
            axes.legend(handles=handles, fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]
