"""The HTML audit report: escaped, self-contained, and readable in a browser."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest

from extractor import extract
from extractor.audit import audit_records, render_html
from extractor.audit._highlight import COLOURS
from extractor_schemas import PaperRecord, Result, Span

HOSTILE = 'Our <script>alert("x")</script> model & "friends" reach 85.7% accuracy.'


def _hostile_record() -> PaperRecord:
    start = HOSTILE.index("85.7%")
    value = Span(start=start, end=start + 5, text="85.7%")
    sentence = Span(start=0, end=len(HOSTILE), text=HOSTILE)
    result = Result(text="85.7%", value=85.7, unit="%", span=value, sentence=sentence)
    return PaperRecord(
        id="<b>id</b>", title="<img src=x onerror=alert(1)>", text=HOSTILE, metrics=[result]
    )


def test_paper_text_is_escaped_everywhere() -> None:
    record = _hostile_record()
    html = render_html([record], audit_records([record]))
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<b>id</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_report_is_self_contained() -> None:
    record = _hostile_record()
    html = render_html([record], audit_records([record]))
    tags = re.findall(r"<([a-zA-Z][\w-]*)([^>]*)>", html)
    assert {name.lower() for name, _ in tags}.isdisjoint({"script", "link", "img", "iframe"})
    for _, attributes in tags:
        assert "src=" not in attributes
        assert re.findall(r'href="([^"]*)"', attributes) in ([], ["#paper-1"])
    assert "@import" not in html and "url(" not in html


@pytest.fixture(scope="module")
def sample_records() -> list[PaperRecord]:
    return [
        extract(
            "ZetaNet improves accuracy by 9.3% over CLIP on ImageNet. It outperforms all "
            "baselines. Code: https://github.com/example/zetanet.",
            title="ZetaNet: <Fast> Vision Transformers",
            id="zeta",
        ),
        extract("LLaMA2-7B reaches 35.2% accuracy on GSM8K.", title="Paper A", id="a"),
        extract("LLaMA2-7B reaches 41.0% accuracy on GSM8K.", title="Paper B", id="b"),
    ]


def test_report_in_a_browser_shows_spans_and_findings(
    tmp_path: Path,
    open_page: Callable[[Path], AbstractContextManager[Any]],
    sample_records: list[PaperRecord],
) -> None:
    findings = audit_records(sample_records)
    codes = sorted(f.code for f in findings)
    assert codes == ["A301", "A401", "A401", "A501"]
    report = tmp_path / "audit.html"
    report.write_text(render_html(sample_records, findings), encoding="utf-8")
    with open_page(report) as page:
        body = page.inner_text("body")
        summary = page.inner_text("#summary")
        zeta = page.locator("#paper-1")
        zeta_text = zeta.inner_text()
        # Each highlighted token: its text, and the colours of the bars drawn under it.
        marked = page.evaluate(
            """() => Array.from(document.querySelectorAll('#paper-1 .spans > span'))
                 .map(el => [el.childNodes[0].textContent.trim(),
                             Array.from(el.querySelectorAll('span'))
                               .map(s => getComputedStyle(s).backgroundColor)])"""
        )
        disagreement = page.inner_text("table.disagreement")
        page.screenshot(path=str(tmp_path / "audit.png"), full_page=True)
    assert "ZetaNet: <Fast> Vision Transformers" in body  # escaped, so shown as text
    assert "A301\twarning\t'%' improvement: absolute or relative is not said\t1" in summary
    assert "A501\tinfo\tclaim of superiority with no number in its sentence\t1" in summary
    assert "gain of 9.3% in accuracy: percentage points or a relative change?" in zeta_text
    assert "'outperforms' with no number in its sentence" in zeta_text
    for label in ("VALUE", "METRIC", "MODEL", "BENCHMARK", "URL", "A301"):
        assert label in zeta_text, label
    colours = {text.strip(".,;:()"): bars for text, bars in marked}
    # displaCy spaces its tokens: punctuation stays on its word, never after a space
    assert "ImageNet." in zeta_text and "ImageNet ." not in zeta_text
    assert _rgb(COLOURS["VALUE"]) in colours["9.3%"]
    assert _rgb(COLOURS["BENCHMARK"]) in colours["ImageNet"]
    assert _rgb(COLOURS["MODEL"]) in colours["CLIP"]
    assert "35.2%" in disagreement and "41.0%" in disagreement
    assert (tmp_path / "audit.png").stat().st_size > 10_000


def _rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"
