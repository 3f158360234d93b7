"""The HTML leaderboard as a person sees it in headless Chromium: contents, sections with
metric columns, charts, highlighted quotes, and sorting by mouse and keyboard.

The large test renders the gold abstracts of the "tuned" split (268 papers; the held-out
ones are never pictured) and checks aggregates only. With ``EXTRACTOR_UPDATE_SCREENSHOTS=1``
it also refreshes the screenshots in ``docs/``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from extractor.leaderboard import build, render
from extractor_schemas import PaperRecord

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_the_page_shows_sections_charts_and_sorting(
    tmp_path: Path,
    open_page: Callable[[Path], AbstractContextManager[Any]],
    make_record: Callable[..., PaperRecord],
) -> None:
    def result(value: float, model: str, metric: str, role: str = "result") -> dict[str, Any]:
        return {"text": f"{value}%", "value": value, "unit": "%", "role": role,
                "model": model, "metric": metric, "benchmark": "ImageNet"}  # fmt: skip

    records = [
        make_record(
            "2401.00001",
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
        section = page.locator("section.board").first
        assert section.locator("h2").inner_text() == "ImageNet"
        headers = section.locator("table.results th").all_inner_texts()
        assert headers[:3] == ["rank", "model", "paper"]
        assert headers[3:5] == ["top-1 accuracy ↑", "error rate ↓"]  # ranking metric first
        rows = section.locator("table.results tbody tr")
        assert [rows.nth(i).locator("td").nth(1).inner_text() for i in range(2)] == [
            "Beta", "Alpha"]  # fmt: skip
        # One row per paper: Beta's error rate sits in Beta's row.
        assert rows.count() == 2 and "12.0%" in rows.nth(0).inner_text()
        assert page.locator("figure.chart.bars svg").count() == 1  # two papers compete
        chart = page.locator("figure.chart.bars svg").inner_html()
        assert "Alpha" in chart and "Beta" in chart and "Old" not in chart  # no baselines
        link = rows.nth(1).locator("td.paper a")
        assert link.inner_text() == "Alpha <i>paper</i>"  # the title, as text, linked
        assert link.get_attribute("href") == "https://arxiv.org/abs/2401.00001"
        assert rows.nth(1).locator("td.evidence mark").inner_text() == "81.5%"
        value = section.locator("th", has_text="top-1 accuracy")
        value.focus()
        page.keyboard.press("Enter")
        ascending = section.locator("table.results tbody tr td:nth-child(2)").all_inner_texts()
        page.keyboard.press(" ")
        descending = section.locator("table.results tbody tr td:nth-child(2)").all_inner_texts()
        assert (ascending, descending) == (["Alpha", "Beta"], ["Beta", "Alpha"])
        assert value.get_attribute("tabindex") == "0"
        unassigned = page.locator("section.unassigned th").all_inner_texts()
        assert unassigned[0] == "metric"
        assert page.locator("nav a").first.get_attribute("href") == "#s0"


def test_the_gold_leaderboard_reads_well_in_a_browser(
    tmp_path: Path,
    open_page: Callable[[Path], AbstractContextManager[Any]],
    tuned_gold_records: list[PaperRecord],
) -> None:
    assert len(tuned_gold_records) >= 200
    page_file = tmp_path / "gold.html"
    page_file.write_text(render(build(tuned_gold_records), "html"), encoding="utf-8")
    shots = {}
    with open_page(page_file) as page:
        page.set_viewport_size({"width": 1280, "height": 1000})
        contents = page.locator("nav a[href^='#s']")
        first = contents.first.get_attribute("href")
        assert first and page.locator(f"section{first}").get_attribute("class") == "board ranked"
        sections = page.locator("section.board")
        for i in range(sections.count()):
            section = sections.nth(i)
            if section.locator("figure.chart").count():
                assert int(section.get_attribute("data-papers") or 0) >= 2
        assert page.locator("figure.over-time svg").count() >= 1  # arXiv ids give months
        ranked_quotes = page.locator("section.ranked td.evidence")
        marked = page.locator("section.ranked td.evidence mark")
        assert marked.count() >= ranked_quotes.count() > 30
        assert page.locator("td.paper a[href^='https://arxiv.org/abs/']").count() > 50
        headings = page.locator("section.board h2").all_inner_texts()
        assert len(headings) == len(set(headings))  # one section per benchmark and setting
        shots["leaderboard-top.png"] = page.screenshot()
        page.locator(first).scroll_into_view_if_needed()
        page.evaluate(f"document.querySelector('{first}').scrollIntoView()")
        shots["leaderboard-section.png"] = page.screenshot()
        page.evaluate("document.querySelector('#unassigned').scrollIntoView()")
        shots["leaderboard-unassigned.png"] = page.screenshot()
    for name, png in shots.items():
        (tmp_path / name).write_bytes(png)
        assert len(png) > 20_000, name
        if os.environ.get("EXTRACTOR_UPDATE_SCREENSHOTS"):
            DOCS.mkdir(exist_ok=True)
            shutil.copy(tmp_path / name, DOCS / name)
