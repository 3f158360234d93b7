"""Pydantic models of hand-annotated gold records (``fixtures/gold/*.jsonl``).

A gold record names what a person found in one abstract, without spans: names as first
written, and each result number with its role and attribution. The annotation rules are
in ``fixtures/gold/GUIDELINES.md``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from extractor_schemas.models import Bound, Role

Split = Literal["tuned", "heldout"]


class _Closed(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class GoldMethod(_Closed):
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)


class GoldResult(_Closed):
    text: str = Field(min_length=1)
    value: float
    unit: str | None = None
    role: Role
    bound: Bound = "exact"
    metric: str | None = None
    benchmark: str | None = None
    model: str | None = None


class GoldRecord(_Closed):
    id: str = Field(min_length=1)
    split: Split
    source: str
    title: str | None = None
    abstract: str
    method: GoldMethod | None = None
    models: list[str] = Field(default_factory=list)
    benchmarks: list[str] = Field(default_factory=list)
    metrics: list[GoldResult] = Field(default_factory=list)
    code_urls: list[str] = Field(default_factory=list)
    note: str | None = None
