"""Findings for people: plain text lines, or one self-contained HTML page."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime

import jinja2
from markupsafe import Markup

from extractor.audit._cross_paper import find_disagreements
from extractor.audit._findings import CODES, SEVERITIES, Finding
from extractor.audit._highlight import (
    COLOURS,
    SEVERITY_COLOURS,
    finding_marks,
    record_marks,
    render_marked,
)
from extractor_schemas import PaperRecord


def render_text(findings: Sequence[Finding]) -> str:
    """One line per finding, then a count per code.

    >>> f = Finding(paper_id="p1", code="A501", severity="info", message="no number")
    >>> print(render_text([f]))
    p1: A501 info: no number
    1 finding: A501 1
    """
    lines = [f"{f.paper_id}: {f.code} {f.severity}: {f.message}" for f in findings]
    counts = Counter(f.code for f in findings)
    summary = ", ".join(f"{code} {counts[code]}" for code in sorted(counts)) or "none"
    noun = "finding" if len(findings) == 1 else "findings"
    lines.append(f"{len(findings)} {noun}: {summary}")
    return "\n".join(lines)


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("extractor.audit", "templates"),
        autoescape=True,  # paper text is untrusted: everything is escaped by default
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(
    records: Sequence[PaperRecord], findings: Sequence[Finding], *, links_checked: bool = False
) -> str:
    """The audit report: a summary table, cross-paper disagreements side by side, then one
    section per paper with its abstract highlighted (displaCy span style) beside its
    findings. Self-contained: inline CSS, no scripts, nothing fetched.
    """
    by_paper: dict[str, list[Finding]] = {record.id: [] for record in records}
    for found in findings:
        by_paper.setdefault(found.paper_id, []).append(found)
    colours = {**COLOURS, **{code: SEVERITY_COLOURS[info.severity] for code, info in CODES.items()}}
    papers = []
    for number, record in enumerate(records, start=1):
        own = by_paper.get(record.id, [])
        marks = [*record_marks(record), *finding_marks(record.text, own)]
        papers.append(
            {
                "anchor": f"paper-{number}",
                "record": record,
                "findings": own,
                "severities": Counter(f.severity for f in own),
                # displaCy escapes every token's text; labels and colours are ours.
                "abstract": Markup(render_marked(record.text, marks, colours)),
            }
        )
    counts = Counter(f.code for f in findings)
    template = _environment().get_template("report.html")
    return template.render(
        papers=papers,
        codes=[(info, counts[info.code]) for info in CODES.values()],
        severities=SEVERITIES,
        severity_colours=SEVERITY_COLOURS,
        severity_counts=Counter(f.severity for f in findings),
        legend=COLOURS,
        disagreements=find_disagreements(records),
        anchors={record.id: f"paper-{n}" for n, record in enumerate(records, start=1)},
        total=len(findings),
        links_checked=links_checked,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )
