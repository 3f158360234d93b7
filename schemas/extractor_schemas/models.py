"""Pydantic models of the record contract (schema version "1").

Field names are the public contract read by other tools: add fields freely, but never
rename or drop one without bumping ``SCHEMA_VERSION``. Every model is frozen and closed
(``extra="forbid"``), and a record checks that each span's ``text`` equals the slice of
the record's ``text`` it points at.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1"

Offset = Annotated[int, Field(ge=0)]
Role = Literal["result", "baseline", "improvement"]
Bound = Literal["exact", "at_least", "at_most", "approx"]
LinkKind = Literal["code", "model", "dataset", "project", "other"]


class _Closed(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(_Closed):
    """Characters ``[start, end)`` of the record's cleaned text, and the text they hold."""

    start: Offset
    end: Offset
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")
        if self.end - self.start != len(self.text):
            raise ValueError(
                f"span [{self.start}, {self.end}) has length {self.end - self.start} "
                f"but its text {self.text!r} has length {len(self.text)}"
            )
        return self


class Entity(_Closed):
    """A named thing (model, benchmark, method) and every place the text mentions it."""

    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    mentions: list[Span] = Field(default_factory=list)


class Strategy(_Closed):
    """Which rule of the extractor decided each attribute of a result (for audits and
    debugging; not part of what a result claims). None: no rule decided (the attribute is
    null because nothing was found)."""

    role: str | None = Field(default=None, description='e.g. "change_before".')
    metric: str | None = Field(default=None, description='e.g. "listed_after".')
    benchmark: str | None = Field(default=None, description='e.g. "on_after_list".')
    model: str | None = Field(default=None, description='e.g. "subject".')


class Result(_Closed):
    """One reported quantitative result number, with what it measures and its role."""

    text: str = Field(min_length=1, description='The number as written, e.g. "85.7%".')
    value: float
    unit: str | None = Field(default=None, description='"%", "points", "x", or as written.')
    role: Role = "result"
    bound: Bound = "exact"
    metric: str | None = None
    benchmark: str | None = None
    model: str | None = None
    setting: str | None = Field(
        default=None,
        description=(
            "The evaluation setting the number was measured in, as the text names it: "
            '"zero-shot", "few-shot", "5-shot" (k-shot with its k), "fine-tuned", '
            '"linear probe", "extra training data"; null when the text names none. '
            "Results of different settings are not comparable."
        ),
    )
    span: Span
    sentence: Span
    strategy: Strategy | None = Field(
        default=None, description="Which extractor rule decided role, metric, benchmark, model."
    )


class Link(_Closed):
    """A URL found in the text: code, weights, data or a project page."""

    url: str = Field(min_length=1)
    kind: LinkKind = "other"
    span: Span


class PaperMeta(_Closed):
    """What a source says about a paper besides its text (arXiv, Hugging Face).

    Links here come from the source's own fields, kept apart from the URLs found in the
    abstract (``PaperRecord.code_urls``), which carry spans.
    """

    source: str | None = Field(default=None, description='Where it came from: "arxiv", ...')
    arxiv_id: str | None = Field(default=None, description='With version: "2405.17247v2".')
    authors: list[str] = Field(default_factory=list)
    published: str | None = Field(default=None, description="ISO 8601 date-time.")
    updated: str | None = None
    categories: list[str] = Field(default_factory=list, description='"cs.CL", primary first.')
    links: list[str] = Field(default_factory=list, description="The abstract page, the PDF.")
    github_repo: str | None = None
    project_page: str | None = None


class Paper(_Closed):
    """One input paper: an id, an optional title and the raw abstract."""

    id: str = Field(min_length=1)
    title: str | None = None
    abstract: str
    meta: PaperMeta | None = None


class PaperRecord(_Closed):
    """The structured record of one paper; every span indexes into ``text``."""

    schema_version: Literal["1"] = "1"
    id: str = Field(min_length=1)
    title: str | None = None
    text: str
    method: Entity | None = None
    models: list[Entity] = Field(default_factory=list)
    benchmarks: list[Entity] = Field(default_factory=list)
    metrics: list[Result] = Field(default_factory=list)
    code_urls: list[Link] = Field(default_factory=list)
    meta: PaperMeta | None = None

    @model_validator(mode="after")
    def _spans_match_text(self) -> PaperRecord:
        if self._all_spans_match_text():
            return self
        for where, span in self.spans():
            if span.end > len(self.text):
                raise ValueError(
                    f"{where}: span [{span.start}, {span.end}) runs past the text "
                    f"({len(self.text)} characters)"
                )
            found = self.text[span.start : span.end]
            if found != span.text:
                raise ValueError(
                    f"{where}: span [{span.start}, {span.end}) says {span.text!r} "
                    f"but the text there is {found!r}"
                )
        return self

    def _all_spans_match_text(self) -> bool:
        """True when every span passes the checks of ``_spans_match_text``.

        The same tests on the same spans, without naming where each span sits: the names
        are formatted only for the error message, when a span fails.
        """
        text = self.text
        size = len(text)
        spans = [m for e in (self.method, *self.models, *self.benchmarks) if e for m in e.mentions]
        spans += [s for result in self.metrics for s in (result.span, result.sentence)]
        spans += [link.span for link in self.code_urls]
        return all(s.end <= size and text[s.start : s.end] == s.text for s in spans)

    def spans(self) -> Iterator[tuple[str, Span]]:
        """Every span of the record, named by where it sits (``"metrics[0].span"``)."""
        entities = [("method", self.method)] if self.method else []
        entities += [(f"models[{i}]", e) for i, e in enumerate(self.models)]
        entities += [(f"benchmarks[{i}]", e) for i, e in enumerate(self.benchmarks)]
        for where, entity in entities:
            for j, mention in enumerate(entity.mentions):
                yield f"{where}.mentions[{j}]", mention
        for i, result in enumerate(self.metrics):
            yield f"metrics[{i}].span", result.span
            yield f"metrics[{i}].sentence", result.sentence
        for i, link in enumerate(self.code_urls):
            yield f"code_urls[{i}].span", link.span


class ErrorDetail(_Closed):
    """Why one input could not become a record: a stable code and a message for people."""

    code: str = Field(pattern=r"^E\d{3}$")
    message: str


class ErrorRecord(_Closed):
    """Stands in the output for an input line that failed, so nothing is lost silently."""

    id: str | None = None
    line: int | None = Field(default=None, ge=1)
    source: str
    error: ErrorDetail
