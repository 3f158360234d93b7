"""The headless-browser helper shows what a person would see: visible text only."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any


def test_open_page_reads_rendered_text_and_screenshots(
    tmp_path: Path, open_page: Callable[[Path], AbstractContextManager[Any]]
) -> None:
    page_file = tmp_path / "page.html"
    page_file.write_text(
        "<!doctype html><meta charset=utf-8><h1 id=t>Shown</h1>"
        "<p style='display:none'>Hidden</p><script>document.getElementById('t')"
        ".textContent += ' by script'</script>",
        encoding="utf-8",
    )
    with open_page(page_file) as page:
        text = page.inner_text("body")
        page.screenshot(path=str(tmp_path / "shot.png"))
    assert "Shown by script" in text
    assert "Hidden" not in text
    assert (tmp_path / "shot.png").stat().st_size > 0
