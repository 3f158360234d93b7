"""The finding model and the catalogue of stable finding codes.

Codes are grouped by check family, like error codes (``E1xx``): ``A1xx`` provenance,
``A2xx`` arithmetic, ``A3xx`` ambiguity, ``A4xx`` cross-paper, ``A5xx`` claims without
evidence, ``A6xx`` code links. A code never changes meaning once released.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from extractor_schemas import Span

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """What one finding code means."""

    code: str
    severity: Severity
    title: str


_CATALOGUE = [
    CodeInfo("A101", "error", "span text does not match the record's text"),
    CodeInfo("A102", "error", "value is not the number its span holds"),
    CodeInfo("A103", "warning", "name mention is neither the name nor an alias"),
    CodeInfo("A104", "error", "URL is not the one its span holds"),
    CodeInfo("A201", "error", "stated change disagrees with 'from A to B'"),
    CodeInfo("A202", "error", "percentage outside 0-100 for a rate or accuracy"),
    CodeInfo("A203", "warning", "improvement larger than the result it improves"),
    CodeInfo("A301", "warning", "'%' improvement: absolute or relative is not said"),
    CodeInfo("A302", "warning", "bounded number ('up to', 'over') recorded as exact"),
    CodeInfo("A401", "warning", "same model, benchmark and metric, different values"),
    CodeInfo("A501", "info", "claim of superiority with no number in its sentence"),
    CodeInfo("A601", "info", "code link ok"),
    CodeInfo("A602", "info", "code link redirected"),
    CodeInfo("A603", "error", "code link not found"),
    CodeInfo("A604", "error", "code link unreachable"),
    CodeInfo("A605", "warning", "code link refused: not http(s), or a non-public address"),
    CodeInfo("A606", "info", "code link not checked: the deadline passed first"),
]

#: Every finding code, in order, with its severity and a one-line title.
CODES: dict[str, CodeInfo] = {info.code: info for info in _CATALOGUE}


class Finding(BaseModel):
    """One thing an auditor should look at in one paper's record."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    paper_id: str
    code: Annotated[str, Field(pattern=r"^A\d{3}$")]
    severity: Severity
    message: str
    spans: list[Span] = Field(default_factory=list)


def finding(paper_id: str, code: str, message: str, spans: list[Span] | None = None) -> Finding:
    """A finding with the severity its code carries."""
    return Finding(
        paper_id=paper_id,
        code=code,
        severity=CODES[code].severity,
        message=message,
        spans=spans or [],
    )
