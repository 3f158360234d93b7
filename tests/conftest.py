"""Shared fixtures for the tests (fixtures, not imports, so the module name never matters)."""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from extractor_schemas import SCHEMA_PATH, PaperRecord, Span

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


# A real HTTP server on 127.0.0.1 serving the recorded answers in fixtures/http.
HTTP_FIXTURES = ROOT / "fixtures" / "http"


@dataclass
class RecordedServer:
    """What the local server serves, and what it was asked.

    ``routes`` come from ``fixtures/http/routes.json``; ``script(path, answers)`` makes the
    next requests for ``path`` get ``answers`` in turn (``{"status", "headers", "body"}``
    or ``{"file"}``) before the recorded routes apply again.
    """

    url: str
    routes: list[dict[str, Any]]
    requests: list[dict[str, Any]] = field(default_factory=list)
    scripted: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def script(self, path: str, answers: list[dict[str, Any]]) -> None:
        self.scripted.setdefault(path, []).extend(answers)

    def answer(self, path: str, params: dict[str, str]) -> dict[str, Any]:
        if self.scripted.get(path):
            return self.scripted[path].pop(0)
        for route in self.routes:
            if route["path"] == path and route["params"] == params:
                return route
        return {"status": 404, "body": "no recorded answer"}


def _handler(server: RecordedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            params = dict(parse_qsl(parts.query, keep_blank_values=True))
            server.requests.append(
                {"path": parts.path, "params": params, "headers": dict(self.headers)}
            )
            answer = server.answer(parts.path, params)
            if "file" in answer:
                body = (HTTP_FIXTURES / answer["file"]).read_bytes()
            else:
                body = str(answer.get("body", "")).encode()
            self.send_response(answer.get("status", 200))
            self.send_header("Content-Type", answer.get("type", "text/plain"))
            self.send_header("Content-Length", str(len(body)))
            for name, value in answer.get("headers", {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
            pass

    return Handler


@pytest.fixture
def recorded_server() -> Iterator[RecordedServer]:
    """A real HTTP server on 127.0.0.1 (a free port) serving ``fixtures/http``."""
    routes = json.loads((HTTP_FIXTURES / "routes.json").read_text(encoding="utf-8"))
    state = RecordedServer(url="", routes=routes)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()


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
    from extractor_schemas import Entity, Link, Result

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


def _gold_papers() -> list[tuple[str, dict[str, str]]]:
    papers = []
    for path in sorted((ROOT / "fixtures" / "gold").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                gold = json.loads(line)
                papers.append((gold["split"], {k: gold[k] for k in ("id", "title", "abstract")}))
    return papers


@pytest.fixture(scope="session")
def gold_records() -> list[PaperRecord]:
    """The records the extractor makes of every gold abstract (all splits), in file order.

    Only aggregates of these may be asserted: nothing per paper, since some are held out.
    """
    from extractor import extract_many

    papers = [paper for _, paper in _gold_papers()]
    return [r for r in extract_many(papers) if isinstance(r, PaperRecord)]


@pytest.fixture(scope="session")
def tuned_gold_records(gold_records: list[PaperRecord]) -> list[PaperRecord]:
    """The records of the gold abstracts of the "tuned" split only (for pictures of them)."""
    tuned = {paper["id"] for split, paper in _gold_papers() if split == "tuned"}
    return [r for r in gold_records if r.id in tuned]
