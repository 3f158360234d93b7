"""Charts drawn by matplotlib as inline SVG (no JavaScript, no assets): the results of a
table as bars, and the state of the art over time.

matplotlib is an optional dependency (``pip install 'extractor[html]'``); it is imported
only here, only when a chart is drawn.
"""

from __future__ import annotations

import io
from typing import Any

from extractor.leaderboard._format import format_value
from extractor.leaderboard._models import Row, Table

_COLOUR = "#3b6ea8"
_MAX_LABEL = 40


class ChartUnavailable(RuntimeError):
    """matplotlib is not installed."""


def _label(row: Row) -> str:
    """A bar's label: model, else method, else paper id; ``$`` kept literal (no mathtext)."""
    name = row.model or row.method or row.paper_id
    if len(name) > _MAX_LABEL:
        name = name[: _MAX_LABEL - 1] + "…"
    return name.replace("$", r"\$")


def _matplotlib() -> tuple[Any, Any]:
    try:
        import matplotlib
        from matplotlib.figure import Figure
    except ImportError as e:
        raise ChartUnavailable("charts need matplotlib: pip install 'extractor[html]'") from e
    return matplotlib, Figure


def _svg(figure: Any) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]


def _axis_label(table: Table) -> str:
    better = f"{table.direction} is better" if table.direction else "direction unknown"
    return f"{table.metric or 'value'} ({better})"


def bar_chart_svg(table: Table, chart_id: str) -> str | None:
    """An ``<svg>`` element: the table's results as horizontal bars, best first.

    Only results are drawn: a baseline is what a paper compared against, and an
    improvement is a delta; neither competes.

    table (Table): Ranked results come best first.
    chart_id (str): Unique per page; seeds the SVG's element ids so charts never clash.
    RETURNS (str | None): The SVG markup, or None when the table has no results.
    """
    rows = table.results
    if not rows:
        return None
    matplotlib, figure_class = _matplotlib()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": chart_id}):
        figure = figure_class(figsize=(7.0, 0.9 + 0.3 * len(rows)), layout="constrained")
        axes = figure.subplots()
        positions = list(range(len(rows)))[::-1]  # the first row on top
        bars = axes.barh(positions, [r.value for r in rows], color=_COLOUR)
        axes.bar_label(bars, labels=[format_value(r) for r in rows], padding=3, fontsize=8)
        axes.set_yticks(positions, labels=[_label(r) for r in rows], fontsize=8)
        axes.set_xlabel(_axis_label(table), fontsize=8)
        axes.margins(x=0.3)  # room for the value labels inside the axes
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        return _svg(figure)


def _when(date: str) -> Any:
    from datetime import date as day

    parts = [int(p) for p in date.split("-")]
    return day(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)


def sota_chart_svg(table: Table, chart_id: str) -> str | None:
    """An ``<svg>`` element: the ranked table's results over time, with the best so far.

    table (Table): Drawn only when ranked and at least two distinct dates are known.
    chart_id (str): Unique per page.
    RETURNS (str | None): The SVG markup, or None when there is no story over time.
    """
    dated = sorted(
        ((_when(r.paper_date), r) for r in table.results if r.paper_date),
        key=lambda item: item[0],
    )
    if not table.ranked or table.direction is None or len({d for d, _ in dated}) < 2:
        return None
    better = max if table.direction == "higher" else min
    best: list[float] = []
    for _, row in dated:
        best.append(row.value if not best else better(best[-1], row.value))
    matplotlib, figure_class = _matplotlib()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": chart_id}):
        figure = figure_class(figsize=(7.0, 2.6), layout="constrained")
        axes = figure.subplots()
        days = [d for d, _ in dated]
        axes.scatter(days, [r.value for _, r in dated], s=14, color="#9bb3d1", label="results")
        axes.step(days, best, where="post", color=_COLOUR, label="state of the art")
        leader = None
        for (day, row), value in zip(dated, best, strict=True):
            if row.value == value and row.paper_id != leader:
                leader = row.paper_id
                axes.annotate(_label(row), (day, value), fontsize=7, xytext=(3, 3),
                              textcoords="offset points")  # fmt: skip
        axes.set_ylabel(_axis_label(table), fontsize=8)
        axes.tick_params(labelsize=7)
        axes.legend(fontsize=7, loc="best")
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        return _svg(figure)
