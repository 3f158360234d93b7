"""The leaderboard as data: tables of rows per (benchmark, metric), and the rows no
benchmark claims. Frozen and closed, like the record models."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from extractor.leaderboard._names import Direction
from extractor_schemas.models import Bound, Role, Span


class _Closed(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Row(_Closed):
    """One reported number, with where it came from."""

    rank: int | None = Field(
        default=None, ge=1, description="1 is best; equal values share a rank; None: unranked."
    )
    model: str | None = None
    method: str | None = Field(default=None, description="The paper's own named method.")
    value: float
    text: str = Field(description='The number as written, e.g. "85.7%".')
    unit: str | None = None
    bound: Bound = "exact"
    role: Role
    metric: str | None = Field(default=None, description="The metric as the paper wrote it.")
    benchmark: str | None = Field(default=None, description="The benchmark as written.")
    setting: str | None = Field(
        default=None, description='The evaluation setting ("zero-shot", "5-shot", ...).'
    )
    note: str | None = Field(default=None, description="Why the row is not in a table.")
    paper_id: str
    paper_title: str | None = None
    paper_url: str | None = Field(
        default=None, description="The arXiv page when the arXiv id is known, else a DOI link."
    )
    paper_date: str | None = Field(
        default=None,
        description="Publication date, YYYY-MM-DD; YYYY-MM when only an arXiv id gives it.",
    )
    code_links: list[str] = Field(default_factory=list)
    span: Span = Field(description="Where the number is in the paper's cleaned text.")
    sentence: Span = Field(description="The sentence holding the number.")

    @property
    def evidence(self) -> str:
        """The exact sentence the number was read from."""
        return self.sentence.text


class Table(_Closed):
    """The results on one benchmark in one metric and one evaluation setting."""

    benchmark: str
    metric: str | None = Field(description="Canonical metric name; None when none was named.")
    setting: str | None = Field(
        default=None, description="The evaluation setting; None when the text names none."
    )
    direction: Direction | None = Field(description="Which way is better; None: unknown.")
    ranked: bool
    note: str | None = Field(default=None, description="Why the table is not ranked.")
    results: list[Row] = Field(description="role=result rows, best first when ranked.")
    baselines: list[Row]
    improvements: list[Row]


class Leaderboard(_Closed):
    """Tables per (benchmark, metric, setting), and results without one (never ranked)."""

    papers: int = Field(ge=0, description="How many papers were read (one per paper).")
    duplicates: int = Field(
        default=0, ge=0, description="Records dropped as another record of the same paper."
    )
    tables: list[Table]
    unassigned: list[Row]
