"""``extractor fetch`` and ``extract arxiv:/hf-daily:`` end to end, against a real HTTP
server on 127.0.0.1 serving the recorded answers in ``fixtures/http``."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from extractor.cli import main
from extractor.fetch import Fetcher, FetchOptions
from extractor_schemas import Paper, PaperRecord

LONGALIGN_TITLE = "Improving Long-Text Alignment for Text-to-Image Diffusion Models"


def _jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def test_fetch_arxiv_prints_the_paper_line(
    recorded_server: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    api = f"{recorded_server.url}/api/query"
    assert main(["fetch", "arxiv", "2405.17247", "--api-url", api]) == 0
    (line,) = _jsonl(capsys.readouterr().out)
    paper = Paper.model_validate(line)
    assert paper.id == "2405.17247"
    assert paper.title == LONGALIGN_TITLE
    assert paper.abstract.startswith("The rapid advancement of text-to-image (T2I) diffusion")
    assert paper.abstract.endswith("https://github.com/luping-liu/LongAlign.")
    assert paper.meta is not None and paper.meta.arxiv_id == "2405.17247v2"
    (request,) = recorded_server.requests
    assert request["params"] == {"id_list": "2405.17247", "max_results": "1"}
    assert request["headers"]["User-Agent"].startswith("paper-extractor/")


def test_fetch_arxiv_names_the_unknown_id_and_keeps_the_others(
    recorded_server: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    api = f"{recorded_server.url}/api/query"
    code = main(["fetch", "arxiv", "2405.17247", "hep-th/9901001", "2501.00001", "--api-url", api])
    out, err = capsys.readouterr()
    assert code == 1
    assert [p["id"] for p in _jsonl(out)] == ["2405.17247", "hep-th/9901001"]
    assert err.splitlines() == [
        "extractor: arxiv:2501.00001: [E204] arXiv has no such paper",
        "extractor: 1 of 3 inputs failed",
    ]


def test_fetch_arxiv_query_pages(
    recorded_server: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Three results, asked for two at a time: the second page is asked from start 2."""
    api = f"{recorded_server.url}/api/query"
    out = tmp_path / "papers.jsonl"
    query = [
        "--query",
        "ti:alignment AND cat:cs.CL",
        "--max",
        "3",
        "--page-size",
        "2",
        "--delay",
        "0",
    ]
    code = main(["fetch", "arxiv", *query, "--api-url", api])
    code2 = main(["fetch", "arxiv", *query, "--api-url", api, "-o", str(out)])
    assert code == code2 == 0
    assert len(_jsonl(capsys.readouterr().out)) == 3
    assert len(_jsonl(out.read_text())) == 3
    assert [r["params"]["start"] for r in recorded_server.requests] == ["0", "2"] * 2


def test_fetch_arxiv_bad_query_is_a_clear_error(
    recorded_server: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    api = f"{recorded_server.url}/api/query"
    assert main(["fetch", "arxiv", "--query", "ti:(", "--max", "5", "--api-url", api]) == 1
    err = capsys.readouterr().err
    assert "[E203] arXiv reports an error: incorrect id format for 1234.5678x" in err


def test_fetch_hf_daily_keeps_links_as_metadata(
    recorded_server: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["fetch", "hf-daily", "--date", "2025-10-01", "--api-url", f"{recorded_server.url}/api"]
    )
    assert code == 0
    papers = [Paper.model_validate(line) for line in _jsonl(capsys.readouterr().out)]
    assert [p.id for p in papers] == ["2510.00001", "2510.00002", "2510.00003", "2510.00004"]
    assert papers[0].meta is not None
    assert papers[0].meta.github_repo == "https://github.com/example/longalign-meta"


def test_extract_hf_daily_gives_one_record_per_paper(
    recorded_server: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("EXTRACTOR_HF_API", f"{recorded_server.url}/api")
    assert main(["extract", "hf-daily:2025-10-01"]) == 0
    records = [PaperRecord.model_validate(line) for line in _jsonl(capsys.readouterr().out)]
    assert [r.id for r in records] == ["2510.00001", "2510.00002", "2510.00003", "2510.00004"]
    first = records[0]
    assert first.method is not None and first.method.name == "LongAlign"
    # The source's link stays metadata; the URL in the text is a span-backed code URL.
    assert first.meta is not None
    assert first.meta.github_repo == "https://github.com/example/longalign-meta"
    assert [link.url for link in first.code_urls] == ["https://github.com/luping-liu/LongAlign"]


def test_extract_mixes_files_and_remote_sources_in_order(
    recorded_server: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("EXTRACTOR_ARXIV_API", f"{recorded_server.url}/api/query")
    monkeypatch.setenv("EXTRACTOR_HF_API", f"{recorded_server.url}/api")
    local = tmp_path / "one.jsonl"
    local.write_text(json.dumps({"id": "local", "abstract": "We reach 91.2% accuracy."}) + "\n")
    code = main(["extract", "arxiv:2405.17247", str(local), "hf-daily:2025-10-02"])
    out, err = capsys.readouterr()
    assert code == 1
    assert [r["id"] for r in _jsonl(out)] == ["2405.17247", "local", "2510.00002", "2510.00003"]
    assert "hf-daily:2025-10-02:2: [E203] the paper has no 'summary'" in err
    assert "extractor: 2 of 6 inputs failed" in err


def test_fetch_then_extract_compose_through_a_pipe(recorded_server: Any, tmp_path: Path) -> None:
    """``fetch ... | extract -`` gives the same records as ``extract hf-daily:...``."""
    api = f"{recorded_server.url}/api"
    env = {"EXTRACTOR_HF_API": api, "PATH": str(Path(sys.executable).parent)}
    fetch = subprocess.run(
        [sys.executable, "-m", "extractor", "fetch", "hf-daily", "--date", "2025-10-01"],
        capture_output=True,
        check=True,
        env=env,
    )
    piped = subprocess.run(
        [sys.executable, "-m", "extractor", "extract", "-"],
        input=fetch.stdout,
        capture_output=True,
        check=True,
        env=env,
    )
    direct = subprocess.run(
        [sys.executable, "-m", "extractor", "extract", "hf-daily:2025-10-01"],
        capture_output=True,
        check=True,
        env=env,
    )
    assert len(piped.stdout.splitlines()) == 4
    assert piped.stdout == direct.stdout


def test_cache_serves_a_rerun_without_requests(
    recorded_server: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    api = f"{recorded_server.url}/api"
    args = ["fetch", "hf-daily", "--date", "2025-10-01", "--api-url", api, "--cache", str(tmp_path)]
    assert main(args) == 0
    first = capsys.readouterr().out
    assert main(args) == 0
    assert capsys.readouterr().out == first
    assert len(recorded_server.requests) == 1


def test_retries_against_a_real_server(recorded_server: Any) -> None:
    """A 503 and a throttled answer, then the recorded feed: three requests, one paper."""
    recorded_server.script(
        "/api/query",
        [
            {"status": 503, "headers": {"Retry-After": "0"}},
            {"status": 200, "body": "Rate exceeded."},
        ],
    )
    options = FetchOptions(arxiv_api=f"{recorded_server.url}/api/query", backoff=0.01, delay=0)
    with Fetcher(options) as fetcher:
        (item,) = list(fetcher.arxiv(["2405.17247"]))
    assert item.paper is not None and item.paper.title == LONGALIGN_TITLE
    assert len(recorded_server.requests) == 3


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable_server_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    api = f"http://127.0.0.1:{_closed_port()}/api/query"
    code = main(["fetch", "arxiv", "2405.17247", "--api-url", api, "--retries", "0"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("extractor: arxiv:2405.17247: [E202] GET http://127.0.0.1:")
    assert "connection failed (ConnectError" in err


@pytest.mark.parametrize(
    "args",
    [
        ["fetch", "arxiv"],
        ["fetch", "arxiv", "2405.17247", "--query", "ti:x"],
        ["fetch", "hf-daily", "--date", "2025-02-30"],
        ["fetch", "hf-daily"],
        ["fetch", "arxiv", "2405.17247", "--delay", "-1"],
    ],
)
def test_fetch_usage_errors_exit_2_in_one_line(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and err.startswith("extractor: error: ")
