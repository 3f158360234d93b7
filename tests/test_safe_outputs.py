"""Hostile records (a records file or a database from someone else) in the files the tool
writes: no code link in HTML, no spreadsheet formula or split row in CSV, no raw HTML in
Markdown (issue 13)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest

from extractor import audit
from extractor._safe import csv_field, markdown_text, spreadsheet_cell, web_url
from extractor.cli import main
from extractor.leaderboard import build, render
from extractor_schemas import PaperRecord

MakeRecord = Callable[..., PaperRecord]

CODE_URLS = [
    "javascript:void(document.title='PWNED-jslink')",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    " javascript:alert(2)",
    "java\tscript:alert(3)",
    "vbscript:msgbox(1)",
]


def _result(model: str = "ZetaNet") -> dict[str, Any]:
    return {"text": "85.7%", "value": 85.7, "unit": "%", "model": model,
            "metric": "top-1 accuracy", "benchmark": "ImageNet"}  # fmt: skip


def _hostile(make_record: MakeRecord) -> list[PaperRecord]:
    records = [
        make_record(f"p{i}", [_result(f"M{i}")], title=f"T{i}", code_url=url)
        for i, url in enumerate(CODE_URLS)
    ]
    records.append(make_record("ok", [_result("Fine")], code_url="https://github.com/a/b"))
    return records


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://github.com/a/b", True),
        ("HTTP://EXAMPLE.ORG/x?y=1#z", True),
        *[(url, False) for url in CODE_URLS],
        ("https:javascript:alert(1)", False),
        ("//evil.example/x", False),
        ("https://a.b/x y", False),
        ("https://a.b/\nx", False),
    ],
)
def test_only_plain_http_urls_may_become_links(url: str, allowed: bool) -> None:
    assert (web_url(url) == url) is allowed


def test_leaderboard_html_links_only_http_urls(make_record: MakeRecord) -> None:
    page = render(build(_hostile(make_record)), "html")
    assert 'href="https://github.com/a/b"' in page
    hrefs = [part.split('"', 1)[0] for part in page.split('href="')[1:]]
    assert all(h.startswith(("https://", "http://", "#")) for h in hrefs), hrefs
    assert "javascript:void(document.title=&#39;PWNED-jslink&#39;)" in page  # shown as text


def test_csv_neutralises_formulas_and_keeps_numbers(make_record: MakeRecord) -> None:
    records = [
        make_record("\r=1+1", [_result("=cmd|' /C calc'!A0")], title='=HYPERLINK("http://x","c")'),
        make_record("@SUM(A1)", [_result("+Model")], title="-2+3"),
        make_record("\tTab", [{**_result("-1"), "text": "-3.5%", "value": -3.5}], title="ok"),
    ]
    text = render(build(records), "csv")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = rows[0]
    assert len(rows) == 4 and {len(row) for row in rows} == {len(header)}  # no row was split
    at = {name: header.index(name) for name in header}
    by_id = {row[at["paper_id"]]: row for row in rows[1:]}
    assert set(by_id) == {"'\r=1+1", "'@SUM(A1)", "'\tTab"}
    assert by_id["'\r=1+1"][at["paper_title"]] == '\'=HYPERLINK("http://x","c")'
    assert by_id["'\r=1+1"][at["model"]] == "'=cmd|' /C calc'!A0"
    assert by_id["'@SUM(A1)"][at["paper_title"]] == "'-2+3"
    assert by_id["'@SUM(A1)"][at["model"]] == "'+Model"
    assert by_id["'\tTab"][at["model"]] == "-1"  # a plain number stays a number
    assert by_id["'\tTab"][at["value"]] == "-3.5"
    assert by_id["'\tTab"][at["as_written"]] == "-3.5%"
    for cells in rows[1:]:
        assert not any(c.startswith(("=", "+", "@", "\t", "\r")) for c in cells), cells
    assert '"\'\r=1+1"' in text  # the field with a bare CR is quoted


def test_csv_field_quotes_every_line_break() -> None:
    assert [csv_field(v) for v in ("a\rb", "a\nb", "a,b", 'a"b', "ab", 7)] == [
        '"a\rb"', '"a\nb"', '"a,b"', '"a""b"', "ab", "7",
    ]  # fmt: skip
    assert spreadsheet_cell("1e5") == "1e5" and spreadsheet_cell("-") == "'-"


def test_markdown_escapes_html_pipes_and_link_syntax(make_record: MakeRecord) -> None:
    record = make_record(
        "<img src=x onerror=alert(1)>",
        [_result("<script>alert(1)</script>|x")],
        title="[click](javascript:alert(1)) <b>",
        code_url="javascript:alert(1)",
    )
    text = render(build([record]), "md")
    assert "<script>" not in text and "<img" not in text and "<b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;\\|x" in text
    assert "\\[click\\](javascript:alert(1)) &lt;b&gt;" in text
    assert markdown_text("a\r\nb|c") == "a b\\|c"


def test_audit_html_has_no_outside_links(make_record: MakeRecord) -> None:
    records = _hostile(make_record)
    page = audit.render_html(records, audit.audit_records(records))
    hrefs = [part.split('"', 1)[0] for part in page.split('href="')[1:]]
    assert hrefs and all(h.startswith("#") for h in hrefs), hrefs


def test_no_code_link_survives_in_chromium(
    tmp_path: Path,
    open_page: Callable[[Path], AbstractContextManager[Any]],
    make_record: MakeRecord,
) -> None:
    """Both HTML reports built by the CLI from a hostile records file, as a browser sees
    them: every link is http(s) or an anchor on the page, and clicking does not run code."""
    records = tmp_path / "hostile.jsonl"
    records.write_text(
        "".join(r.model_dump_json() + "\n" for r in _hostile(make_record)), encoding="utf-8"
    )
    board, report = tmp_path / "board.html", tmp_path / "audit.html"
    assert main(["leaderboard", str(records), "--format", "html", "-o", str(board)]) == 0
    assert main(["audit", str(records), "--format", "html", "-o", str(report)]) == 0
    for page_file in (board, report):
        with open_page(page_file) as page:
            hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
            assert hrefs, page_file
            own = page_file.resolve().as_uri()
            for href in hrefs:
                assert href.startswith(("https://", "http://", own + "#")), (page_file, href)
            text = page.inner_text("body")
            assert "PWNED-jslink" in text  # the URL is still shown, as text
            for link in page.locator("a[href^='#']").all()[:5]:
                link.click()
            assert page.title() != "PWNED-jslink"
