"""Audit the numbers papers claim: checks over PaperRecords, code-link liveness, reports.

>>> from extractor import extract
>>> record = extract("Our model outperforms all baselines. It reaches 85.7% accuracy.", id="p1")
>>> [(f.code, f.message) for f in audit_records([record])]
[('A501', "'outperforms' with no number in its sentence")]
"""

from extractor.audit._audit import audit_records
from extractor.audit._findings import CODES, SEVERITIES, CodeInfo, Finding, Severity
from extractor.audit._links import (
    AddressGuard,
    LinkCheck,
    LinkPolicy,
    address_refusal,
    check_urls,
    link_findings,
    link_urls,
)
from extractor.audit._reader import ReadItem, parse_record, read_records
from extractor.audit._report import render_html, render_text

__all__ = [
    "CODES",
    "SEVERITIES",
    "AddressGuard",
    "CodeInfo",
    "Finding",
    "LinkCheck",
    "LinkPolicy",
    "ReadItem",
    "Severity",
    "address_refusal",
    "audit_records",
    "check_urls",
    "link_findings",
    "link_urls",
    "parse_record",
    "read_records",
    "render_html",
    "render_text",
]
