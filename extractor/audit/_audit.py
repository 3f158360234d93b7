"""Run every offline check over a batch of records."""

from __future__ import annotations

from collections.abc import Iterable

from extractor.audit._ambiguity import check_ambiguity
from extractor.audit._arithmetic import check_arithmetic
from extractor.audit._claims import check_claims
from extractor.audit._cross_paper import check_cross_paper
from extractor.audit._findings import Finding
from extractor.audit._provenance import check_provenance
from extractor_schemas import PaperRecord


def audit_records(records: Iterable[PaperRecord]) -> list[Finding]:
    """Every finding of the offline checks (A1xx-A5xx), paper by paper in input order,
    each paper's findings ordered by code, then by position in the text.

    Code links are checked only on request: see :func:`extractor.audit.link_findings`.

    records (Iterable[PaperRecord]): the records; their spans may disagree with their
        text (records built with ``model_construct`` or read by ``read_records``).
    RETURNS (list[Finding]): the findings.
    """
    records = list(records)
    by_paper: dict[str, list[Finding]] = {record.id: [] for record in records}
    for record in records:
        for check in (check_provenance, check_arithmetic, check_ambiguity, check_claims):
            by_paper[record.id].extend(check(record))
    for found in check_cross_paper(records):
        by_paper[found.paper_id].append(found)
    return [f for paper in by_paper.values() for f in sorted(paper, key=_order)]


def _order(found: Finding) -> tuple[str, int]:
    return (found.code, found.spans[0].start if found.spans else -1)
