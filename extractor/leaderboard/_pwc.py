"""The leaderboard as Papers with Code's evaluation tables, loadable by their own loader.

Papers with Code published ``evaluation-tables.json``: a list of tasks, each with
datasets, each with ``sota: {metrics: [...], rows: [...]}``, a row naming
``model_name``, ``paper_title``, ``paper_url``, ``paper_date``, ``code_links``,
``metrics`` (metric name to the value, as a string) and ``uses_additional_data``. Their
loader (``sota_extractor``'s ``TaskDB().load_tasks([path])``, marshmallow schemas) refuses
any other key and ``null`` strings, so this output holds exactly their fields: ``""``
where a string is unknown, only ``role = result`` numbers with a named metric in
``sota.rows`` (baselines and improvements are not scores), one row per paper and model
with a column per metric. Our richer form (ranks, roles, bounds, spans, the quoted
sentence, unassigned results) is ``--format full-json``: the :class:`Leaderboard` model.

The extractor does not classify tasks: every dataset sits under a task named
:data:`TASK`, and results measured in a named setting (zero-shot, 5-shot, fine-tuned, ...)
under a task of their own, ``"unspecified, zero-shot"``, so no dataset mixes settings;
"extra training data" rows set ``uses_additional_data``. Each dataset's ``description``
says which way each metric is better, and why a table is not ranked.

The JSON Schemas are committed as ``evaluation_tables.schema.json`` and
``leaderboard.schema.json``; regenerate them with ``python -m extractor.leaderboard``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, RootModel

from extractor.leaderboard._models import Leaderboard, Row, Table

TASK = "unspecified"
EXTRA_DATA = "extra training data"
SCHEMA_PATH = Path(__file__).with_name("evaluation_tables.schema.json")
FULL_SCHEMA_PATH = Path(__file__).with_name("leaderboard.schema.json")


class _Closed(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CodeLink(_Closed):
    title: str
    url: str


class PwcRow(_Closed):
    model_name: str = Field(description="The model, else the paper's method, else its id.")
    paper_title: str
    paper_url: str = Field(description='The arXiv or DOI page; "" when unknown.')
    paper_date: str | None = Field(default=None, description="YYYY-MM-DD, when known.")
    code_links: list[CodeLink]
    model_links: list[CodeLink] = Field(default_factory=list)
    metrics: dict[str, str] = Field(description="Metric name to the value, as a string.")
    uses_additional_data: bool = False


class PwcSota(_Closed):
    metrics: list[str]
    rows: list[PwcRow]


class PwcDataset(_Closed):
    dataset: str
    description: str = ""
    sota: PwcSota
    subdatasets: list[Any] = Field(default_factory=list)
    dataset_links: list[CodeLink] = Field(default_factory=list)
    dataset_citations: list[CodeLink] = Field(default_factory=list)


class PwcTask(_Closed):
    task: str
    description: str
    categories: list[str] = Field(default_factory=list)
    datasets: list[PwcDataset]
    subtasks: list[Any] = Field(default_factory=list)
    synonyms: list[str] = Field(default_factory=list)
    source_link: CodeLink | None = None


class EvaluationTables(RootModel[list[PwcTask]]):
    """The whole file: a list of tasks."""


def task_name(setting: str | None) -> str:
    """The task a setting's tables sit under.

    >>> task_name(None), task_name("zero-shot")
    ('unspecified', 'unspecified, zero-shot')
    """
    return TASK if setting is None else f"{TASK}, {setting}"


def _value(row: Row) -> str:
    return f"{row.value:.15g}"


def _rows(tables: list[Table]) -> list[PwcRow]:
    """One row per (paper, model), a metric column per table; a second value of one
    metric for the same paper and model starts another row."""
    merged: list[tuple[tuple[str, str], Row, dict[str, str]]] = []
    for table in tables:
        assert table.metric is not None
        for row in table.results:
            who = (row.paper_id, row.model or row.method or row.paper_id)
            slot = next((m for k, _, m in merged if k == who and table.metric not in m), None)
            if slot is None:
                slot = {}
                merged.append((who, row, slot))
            slot[table.metric] = _value(row)
    return [
        PwcRow(
            model_name=name,
            paper_title=row.paper_title or row.paper_id,
            paper_url=row.paper_url or "",
            paper_date=row.paper_date if row.paper_date and len(row.paper_date) == 10 else None,
            code_links=[
                CodeLink(title=url.rsplit("/", 1)[-1] or url, url=url) for url in row.code_links
            ],
            metrics=metrics,
            uses_additional_data=row.setting == EXTRA_DATA,
        )
        for (_, name), row, metrics in merged
    ]


def _description(tables: list[Table]) -> str:
    parts = []
    for table in tables:
        better = f"{table.direction} is better" if table.direction else "direction unknown"
        parts.append(f"{table.metric}: {better}" + (f" ({table.note})" if table.note else ""))
    return "Extracted from paper abstracts. " + "; ".join(parts) + "."


def to_evaluation_tables(board: Leaderboard) -> EvaluationTables:
    """The leaderboard as Papers with Code's evaluation tables (their fields only)."""
    grouped: dict[str | None, dict[str, list[Table]]] = {}
    for table in board.tables:
        if table.metric is None or not table.results:
            continue  # no score to show: baselines, improvements or unnamed metrics only
        by_benchmark = grouped.setdefault(table.setting, {})
        by_benchmark.setdefault(table.benchmark, []).append(table)
    tasks = []
    for setting in sorted(grouped, key=lambda s: (s is not None, s or "")):
        datasets = [
            PwcDataset(
                dataset=benchmark,
                description=_description(tables),
                sota=PwcSota(metrics=[t.metric or "" for t in tables], rows=_rows(tables)),
            )
            for benchmark, tables in grouped[setting].items()
        ]
        setting_words = f" measured {setting}" if setting else ""
        tasks.append(
            PwcTask(
                task=task_name(setting),
                description=(
                    f"Results{setting_words} extracted from paper abstracts; "
                    "tasks are not classified."
                ),
                datasets=datasets,
            )
        )
    return EvaluationTables(tasks)


def to_json(board: Leaderboard) -> str:
    """The evaluation tables as indented JSON."""
    return to_evaluation_tables(board).model_dump_json(indent=2) + "\n"


def to_full_json(board: Leaderboard) -> str:
    """The whole leaderboard as indented JSON: every table, row, rank, span and quote."""
    return board.model_dump_json(indent=2) + "\n"


def _schema(model: type[BaseModel]) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **model.model_json_schema(),
    }


def evaluation_tables_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :func:`to_json`'s output."""
    return _schema(EvaluationTables)


def leaderboard_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :func:`to_full_json`'s output."""
    return _schema(Leaderboard)


def _render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def render_json_schema() -> str:
    """The evaluation tables' schema as the committed file holds it."""
    return _render(evaluation_tables_json_schema())


def render_full_json_schema() -> str:
    """The full leaderboard's schema as the committed file holds it."""
    return _render(leaderboard_json_schema())
