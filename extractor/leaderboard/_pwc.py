"""The leaderboard in the shape of Papers with Code's evaluation tables, plus our fields.

Papers with Code published ``evaluation-tables.json``: a list of tasks, each with
datasets, each with ``sota: {metrics: [...], rows: [...]}``, a row naming
``model_name``, ``paper_title``, ``paper_url``, ``code_links`` and ``metrics`` (metric
name to value as a string). Tools that read that file can read ours; our rows add
``rank``, ``role``, ``unit``, ``bound``, ``value``, ``span`` and ``evidence`` (the exact
sentence). The extractor does not classify tasks, so every dataset sits under one task
named :data:`TASK`; results without a benchmark sit in that task's ``unassigned`` list.

The JSON Schema is committed as ``evaluation_tables.schema.json``; regenerate it with
``python -m extractor.leaderboard``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, RootModel

from extractor.leaderboard._models import Leaderboard, Row, Table
from extractor.leaderboard._names import Direction
from schemas.models import Bound, Role, Span

TASK = "unspecified"
NO_METRIC = "(metric not named)"
SCHEMA_PATH = Path(__file__).with_name("evaluation_tables.schema.json")


class _Closed(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CodeLink(_Closed):
    title: str
    url: str


class PwcRow(_Closed):
    model_name: str = Field(description="The model, else the paper's method, else its id.")
    paper_title: str
    paper_url: str | None
    paper_date: str | None = None
    code_links: list[CodeLink]
    model_links: list[CodeLink] = Field(default_factory=list)
    metrics: dict[str, str] = Field(description="Metric name to the value, as a string.")
    uses_additional_data: bool = False
    # Ours, beyond Papers with Code's fields:
    paper_id: str
    model: str | None
    method: str | None
    rank: int | None = Field(ge=1)
    role: Role
    value: float
    unit: str | None
    bound: Bound
    text: str = Field(description="The number as written.")
    span: Span
    evidence: str = Field(description="The exact sentence the number was read from.")
    sentence: Span


class PwcSota(_Closed):
    metrics: list[str]
    rows: list[PwcRow]
    # Ours: which way each metric is better (None: unknown, so not ranked), and why not.
    directions: dict[str, Direction | None]
    notes: dict[str, str]


class PwcDataset(_Closed):
    dataset: str
    description: str = ""
    sota: PwcSota
    subdatasets: list[Any] = Field(default_factory=list)
    dataset_links: list[Any] = Field(default_factory=list)
    dataset_citations: list[Any] = Field(default_factory=list)


class PwcTask(_Closed):
    task: str
    description: str
    categories: list[str] = Field(default_factory=list)
    datasets: list[PwcDataset]
    subtasks: list[Any] = Field(default_factory=list)
    synonyms: list[str] = Field(default_factory=list)
    source_link: str | None = None
    unassigned: list[PwcRow] = Field(description="Ours: results without a benchmark.")


class EvaluationTables(RootModel[list[PwcTask]]):
    """The whole file: a list of tasks."""


def _pwc_row(row: Row, metric: str) -> PwcRow:
    return PwcRow(
        model_name=row.model or row.method or row.paper_id,
        paper_title=row.paper_title or row.paper_id,
        paper_url=row.paper_url,
        code_links=[
            CodeLink(title=url.rsplit("/", 1)[-1] or url, url=url) for url in row.code_links
        ],
        metrics={metric: f"{row.value:.15g}"},
        paper_id=row.paper_id,
        model=row.model,
        method=row.method,
        rank=row.rank,
        role=row.role,
        value=row.value,
        unit=row.unit,
        bound=row.bound,
        text=row.text,
        span=row.span,
        evidence=row.evidence,
        sentence=row.sentence,
    )


def _dataset(benchmark: str, tables: list[Table]) -> PwcDataset:
    metrics = [t.metric or NO_METRIC for t in tables]
    rows = [
        _pwc_row(row, name)
        for table, name in zip(tables, metrics, strict=True)
        for row in [*table.results, *table.baselines, *table.improvements]
    ]
    return PwcDataset(
        dataset=benchmark,
        sota=PwcSota(
            metrics=metrics,
            rows=rows,
            directions={name: t.direction for t, name in zip(tables, metrics, strict=True)},
            notes={name: t.note for t, name in zip(tables, metrics, strict=True) if t.note},
        ),
    )


def to_evaluation_tables(board: Leaderboard) -> EvaluationTables:
    """The leaderboard as Papers-with-Code-shaped evaluation tables."""
    by_benchmark: dict[str, list[Table]] = {}
    for table in board.tables:
        by_benchmark.setdefault(table.benchmark, []).append(table)
    task = PwcTask(
        task=TASK,
        description="Results extracted from paper abstracts; tasks are not classified.",
        datasets=[_dataset(name, tables) for name, tables in by_benchmark.items()],
        unassigned=[_pwc_row(row, row.metric or NO_METRIC) for row in board.unassigned],
    )
    return EvaluationTables([task])


def to_json(board: Leaderboard) -> str:
    """The evaluation tables as indented JSON."""
    return to_evaluation_tables(board).model_dump_json(indent=2) + "\n"


def evaluation_tables_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :func:`to_json`'s output."""
    schema = EvaluationTables.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def render_json_schema() -> str:
    """The schema as the committed file holds it: sorted keys, two-space indent."""
    text = json.dumps(evaluation_tables_json_schema(), indent=2, sort_keys=True, ensure_ascii=False)
    return text + "\n"
