"""The HTML leaderboard as a person sees it in headless Chromium: tables, charts, sorting."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from extractor.leaderboard import build, render
from schemas import PaperRecord


def test_the_page_shows_sortable_tables_and_charts(
    tmp_path: Path,
    open_page: Callable[[Path], AbstractContextManager[Any]],
    make_record: Callable[..., PaperRecord],
) -> None:
    def result(value: float, model: str, metric: str, role: str = "result") -> dict[str, Any]:
        return {"text": f"{value}%", "value": value, "unit": "%", "role": role,
                "model": model, "metric": metric, "benchmark": "ImageNet"}  # fmt: skip

    records = [
        make_record(
            "p1",
            [
                result(81.5, "Alpha", "top-1 accuracy"),
                result(76.0, "Old", "top-1 accuracy", "baseline"),
            ],
            title="Alpha <i>paper</i>",
        ),
        make_record(
            "p2", [result(88.25, "Beta", "top-1 accuracy"), result(12.0, "Beta", "error rate")]
        ),
        make_record("p3", [{"text": "3x", "value": 3.0, "unit": "x", "model": "Gamma"}]),
    ]
    page_file = tmp_path / "board.html"
    page_file.write_text(render(build(records), "html"), encoding="utf-8")
    with open_page(page_file) as page:
        headings = page.locator("h2").all_inner_texts()
        tables = page.locator("section.board table")
        charts = page.locator("figure.chart svg")
        assert tables.count() == 3  # top-1 results and baselines; error-rate results
        assert all(tables.nth(i).is_visible() for i in range(tables.count()))
        assert charts.count() == 2 and charts.first.is_visible()
        box = charts.nth(1).bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 80
        # The top-1 chart (second table, by metric name) labels a bar per result and baseline.
        chart_text = charts.nth(1).inner_html()
        assert "Alpha" in chart_text and "Beta" in chart_text and "Old" in chart_text
        first = page.locator("section.board").nth(1).locator("table").first
        models = [first.locator("tbody tr").nth(i).locator("td").nth(1).inner_text()
                  for i in range(2)]  # fmt: skip
        assert models == ["Beta", "Alpha"]  # ranked: best first
        first.locator("th", has_text="value").click()
        ascending = first.locator("tbody tr td:nth-child(2)").all_inner_texts()
        first.locator("th", has_text="value").click()
        descending = first.locator("tbody tr td:nth-child(2)").all_inner_texts()
        assert (ascending, descending) == (["Alpha", "Beta"], ["Beta", "Alpha"])
        assert "Alpha <i>paper</i>" in page.inner_text("body")  # shown as text, not markup
        page.screenshot(path=str(tmp_path / "leaderboard.png"), full_page=True)
    assert headings[:2] == [
        "ImageNet — error rate (lower is better)",
        "ImageNet — top-1 accuracy (higher is better)",
    ]
    assert "Results without a benchmark (never ranked)" in headings
    assert (tmp_path / "leaderboard.png").stat().st_size > 10_000
