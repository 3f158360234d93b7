"""Results leaderboards: records to ranked tables per (benchmark, metric, setting), one row
per paper, and renderings (Markdown, CSV, Papers with Code's JSON, our full JSON, HTML).

>>> from extractor_schemas import PaperRecord
>>> board = build([])
>>> board.papers, board.tables, board.unassigned
(0, [], [])
"""

from __future__ import annotations

from typing import Literal

from extractor.leaderboard._build import build, rank
from extractor.leaderboard._chart import ChartUnavailable
from extractor.leaderboard._format import to_csv, to_markdown
from extractor.leaderboard._models import Leaderboard, Row, Table
from extractor.leaderboard._pwc import (
    FULL_SCHEMA_PATH,
    SCHEMA_PATH,
    EvaluationTables,
    evaluation_tables_json_schema,
    leaderboard_json_schema,
    to_evaluation_tables,
    to_full_json,
    to_json,
)

Format = Literal["md", "csv", "json", "full-json", "html"]


def render(board: Leaderboard, format: Format) -> str:
    """The leaderboard as Markdown, CSV, Papers with Code's JSON, our full JSON, or HTML.

    HTML needs the ``html`` extra (jinja2 and matplotlib); without it ``ChartUnavailable``.
    """
    if format == "html":
        from extractor.leaderboard._html import to_html  # jinja2 and matplotlib: only here

        return to_html(board)
    renderers = {"md": to_markdown, "csv": to_csv, "json": to_json, "full-json": to_full_json}
    return renderers[format](board)


__all__ = [
    "FULL_SCHEMA_PATH",
    "SCHEMA_PATH",
    "ChartUnavailable",
    "EvaluationTables",
    "Format",
    "Leaderboard",
    "Row",
    "Table",
    "build",
    "evaluation_tables_json_schema",
    "leaderboard_json_schema",
    "rank",
    "render",
    "to_csv",
    "to_evaluation_tables",
    "to_full_json",
    "to_json",
    "to_markdown",
]
