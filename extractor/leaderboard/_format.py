"""Plain-text renderings of a leaderboard: Markdown for people, CSV for spreadsheets.

Record text is hostile (a records file or a database may come from anyone): Markdown
escapes HTML, ``|`` and link brackets; CSV text cells never start a spreadsheet formula,
and any field with a line break (CR or LF) is quoted, so a row never splits.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor._safe import csv_field, markdown_text, spreadsheet_cell
from extractor.leaderboard._models import Leaderboard, Row, Table

_BOUND_MARK = {"exact": "", "at_least": "≥", "at_most": "≤", "approx": "≈"}

CSV_COLUMNS = (
    "benchmark", "metric", "setting", "direction", "rank", "role", "model", "method", "value",
    "unit", "bound", "as_written", "paper_id", "paper_title", "paper_url", "paper_date",
    "code_url", "span_start", "span_end", "note", "evidence",
)  # fmt: skip


def format_value(row: Row) -> str:
    """The value with its bound and unit, e.g. "≥85.7%", "3.2x", "12 seconds"."""
    number = f"{row.value:.15g}"
    unit = row.unit or ""
    joined = number + unit if unit in ("", "%", "x") else f"{number} {unit}"
    return _BOUND_MARK[row.bound] + joined


def title(table: Table) -> str:
    """A table's heading, e.g. "ImageNet — top-1 accuracy, zero-shot (higher is better)"."""
    metric = table.metric or "metric not named"
    setting = f", {table.setting}" if table.setting else ""
    better = f" ({table.direction} is better)" if table.direction else ""
    return f"{table.benchmark} — {metric}{setting}{better}"


def _cell(text: str | None) -> str:
    """Text safe inside one Markdown table cell."""
    return markdown_text(text)


def _md_rows(rows: list[Row], ranked: bool, unassigned: bool = False) -> list[str]:
    """A Markdown table; rows without a benchmark also show their metric, setting and note."""
    extra = ["metric", "setting", "note"] if unassigned else []
    lines = [
        "| " + " | ".join(["rank", *extra, "model", "method", "value", "role", "paper", "code",
                          "evidence"]) + " |",
        "| ---: | " + "--- | " * len(extra) + "--- | --- | ---: | --- | --- | --- | --- |",
    ]  # fmt: skip
    for row in rows:
        rank = str(row.rank) if ranked and row.rank else "–"
        paper = f"{row.paper_id}: {row.paper_title}" if row.paper_title else row.paper_id
        cells = [rank] + ([row.metric, row.setting, row.note] if unassigned else [])
        cells += [row.model, row.method, format_value(row), row.role, paper]
        cells += [row.code_links[0] if row.code_links else "", f"“{row.evidence}”"]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return lines


def _plural(count: int, word: str) -> str:
    """ "1 table", "2 tables"."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def to_markdown(board: Leaderboard) -> str:
    """The leaderboard as Markdown: a section per table, then unassigned results."""
    ranked = sum(len(t.results) for t in board.tables if t.ranked)
    out = [
        "# Leaderboard",
        "",
        f"{_plural(board.papers, 'paper')}; {_plural(len(board.tables), 'table')} "
        f"(benchmark, metric, setting); {_plural(ranked, 'ranked result')}; "
        f"{_plural(len(board.unassigned), 'result')} without a benchmark. Results of "
        "different settings (zero-shot, 5-shot, fine-tuned, ...) are never ranked together.",
    ]
    for table in board.tables:
        out += ["", f"## {markdown_text(title(table))}", ""]
        if table.note:
            out += [f"_{markdown_text(table.note)}_", ""]
        out += _md_rows(table.results, table.ranked) if table.results else ["No results."]
        for label, rows in (("Baselines", table.baselines), ("Improvements", table.improvements)):
            if rows:
                out += ["", f"{label} (not ranked):", "", *_md_rows(rows, False)]
    if board.unassigned:
        out += ["", "## Results without a benchmark (never ranked)", ""]
        out += _md_rows(board.unassigned, False, unassigned=True)
    return "\n".join(out) + "\n"


def _csv_line(table: Table | None, row: Row) -> list[object]:
    """The row's fields: text from records as spreadsheet-safe text, numbers as numbers."""
    text = spreadsheet_cell
    return [
        text(table.benchmark if table else ""),
        text(table.metric if table and table.metric else row.metric or ""),
        text(row.setting or ""),
        table.direction if table and table.direction else "",
        row.rank or "",
        row.role,
        text(row.model or ""),
        text(row.method or ""),
        f"{row.value:.15g}",
        text(row.unit or ""),
        row.bound,
        text(row.text),
        text(row.paper_id),
        text(row.paper_title or ""),
        text(row.paper_url or ""),
        text(row.paper_date or ""),
        text(row.code_links[0] if row.code_links else ""),
        row.span.start,
        row.span.end,
        text(row.note or ""),
        text(row.evidence),
    ]


def to_csv(board: Leaderboard) -> str:
    """One CSV line per row; unassigned rows have an empty benchmark."""
    lines: list[Sequence[object]] = [CSV_COLUMNS]
    for table in board.tables:
        rows = [*table.results, *table.baselines, *table.improvements]
        lines += [_csv_line(table, row) for row in rows]
    lines += [_csv_line(None, row) for row in board.unassigned]
    return "".join(",".join(csv_field(field) for field in line) + "\n" for line in lines)
