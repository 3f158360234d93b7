"""Shared fixtures for the tests (fixtures, not imports, so the module name never matters)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from schemas import SCHEMA_PATH, PaperRecord, Span

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "daily-papers.txt"

#: Every code, weights and project URL on the sample Daily Papers page, in page order.
FIXTURE_URLS = [
    "https://github.com/luping-liu/LongAlign",
    "https://github.com/kangyangWHU/LLMAlignment",
    "https://huggingface.co/PKU-Baichuan-MLSystemLab/Llama3-PBM-Nova-70B",
    "https://github.com/SLIT-AI/ADPA",
    "https://github.com/multimodal-art-projection/COIG-P",
    "https://github.com/CERT-Lab/safety-subspaces",
    "https://huggingface.co/spaces/shifeng3711/gg_prior",
    "https://github.com/dunzeng/MORE",
    "https://github.com/jiaxiaojunQAQ/FOA-Attack",
    "https://github.com/naver-ai/CLIP4DM",
    "https://github.com/mshukor/ima-lmms",
    "https://github.com/mlfoundations/model-soups",
    "https://github.com/Hank0626/LLaTA",
    "https://github.com/Hao840/Awesome-Low-Precision-Training",
    "https://mm-rlhf.github.io",
    "https://mapo-t2i.github.io",
]


def _all_spans(record: PaperRecord) -> Iterator[tuple[str, Span]]:
    """Every span of a record, named by where it sits."""
    entities = [("method", record.method)] if record.method else []
    entities += [(f"models[{i}]", e) for i, e in enumerate(record.models)]
    entities += [(f"benchmarks[{i}]", e) for i, e in enumerate(record.benchmarks)]
    for where, entity in entities:
        for j, mention in enumerate(entity.mentions):
            yield f"{where}.mentions[{j}]", mention
    for i, result in enumerate(record.metrics):
        yield f"metrics[{i}].span", result.span
        yield f"metrics[{i}].sentence", result.sentence
    for i, link in enumerate(record.code_urls):
        yield f"code_urls[{i}].span", link.span


def _assert_spans_index_text(record: PaperRecord) -> None:
    """Each span's text is exactly the slice of the record's text it points at."""
    for where, span in _all_spans(record):
        assert 0 <= span.start <= span.end <= len(record.text), where
        assert record.text[span.start : span.end] == span.text, where


@pytest.fixture(scope="session")
def committed_schema() -> dict[str, Any]:
    """The JSON Schema file committed next to the models."""
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


@pytest.fixture(scope="session")
def fixture_path() -> Path:
    """The saved Daily Papers page."""
    return FIXTURE


@pytest.fixture(scope="session")
def fixture_urls() -> list[str]:
    """The URLs the sample page holds, in page order."""
    return list(FIXTURE_URLS)


@pytest.fixture(scope="session")
def assert_spans_index_text() -> Callable[[PaperRecord], None]:
    """A check that every span of a record is the slice of ``record.text`` it names."""
    return _assert_spans_index_text


# Headless Chromium, as a person would see a page (shared by the HTML-report tests).
# Playwright drives Debian's Chromium (installed by .ci/run); Playwright's own browser
# download is never used, and the flags keep Chromium off the network.

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """The Chromium to drive: ``$CHROMIUM``, else the first one on ``PATH``."""
    return os.environ.get("CHROMIUM") or next(
        (p for name in ("chromium", "chromium-browser") if (p := shutil.which(name))), None
    )


@contextmanager
def _open_page(path: Path) -> Iterator[Page]:
    """Yield a loaded Playwright page for a local HTML file; skip when no Chromium is here.

    CI installs Chromium and sets ``EXTRACTOR_REQUIRE_BROWSER``, so there a missing browser
    fails the test instead of skipping it.
    """
    executable = chromium_path()
    if executable is None:
        if os.environ.get("EXTRACTOR_REQUIRE_BROWSER"):
            pytest.fail("EXTRACTOR_REQUIRE_BROWSER is set but no Chromium was found")
        pytest.skip("headless Chromium is not installed (.ci/run installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(path.resolve().as_uri())
            page.wait_for_load_state("load")
            yield page
        finally:
            browser.close()


@pytest.fixture
def open_page() -> Callable[[Path], AbstractContextManager[Page]]:
    """``with open_page(path) as page:`` a loaded Playwright page for a local HTML file."""
    return _open_page


# Hand-made records for the store and leaderboard tests: one sentence per result.


def _make_record(
    id: str,
    results: list[dict[str, Any]] | tuple[()] = (),
    *,
    title: str | None = None,
    method: str | None = None,
    code_url: str | None = None,
) -> PaperRecord:
    """A valid record whose text holds one sentence per result.

    Each result is a dict with ``text`` (the number as written) and ``value``, and any of
    ``unit``, ``role``, ``bound``, ``metric``, ``benchmark``, ``model``.
    """
    from schemas import Entity, Link, Result

    parts: list[str] = []
    metrics: list[Result] = []
    offset = 0
    for spec in results:
        sentence = (
            f"{spec.get('model') or 'It'} reaches {spec['text']} "
            f"{spec.get('metric') or 'score'} on {spec.get('benchmark') or 'the test'}."
        )
        start = offset + sentence.index(spec["text"])
        number = Span(start=start, end=start + len(spec["text"]), text=spec["text"])
        whole = Span(start=offset, end=offset + len(sentence), text=sentence)
        fields = {k: v for k, v in spec.items() if k not in ("text", "value")}
        metrics.append(
            Result(text=spec["text"], value=spec["value"], span=number, sentence=whole, **fields)
        )
        parts.append(sentence)
        offset += len(sentence) + 1
    links: list[Link] = []
    if code_url:
        start = offset
        parts.append(code_url)
        where = Span(start=start, end=start + len(code_url), text=code_url)
        links.append(Link(url=code_url, kind="code", span=where))
    text = " ".join(parts)

    def entity(name: str) -> Entity:
        starts = [i for i in range(len(text)) if text.startswith(name, i)]
        return Entity(
            name=name, mentions=[Span(start=i, end=i + len(name), text=name) for i in starts]
        )

    return PaperRecord(
        id=id,
        title=title,
        text=text,
        method=Entity(name=method) if method else None,
        models=[entity(m) for m in sorted({r.model for r in metrics if r.model})],
        benchmarks=[entity(b) for b in sorted({r.benchmark for r in metrics if r.benchmark})],
        metrics=metrics,
        code_urls=links,
    )


@pytest.fixture(scope="session")
def make_record() -> Callable[..., PaperRecord]:
    """``make_record(id, [{"text": "85.7%", "value": 85.7, "metric": ...}], title=...)``."""
    return _make_record
