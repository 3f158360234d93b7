"""Every Python snippet in the README runs as written (placeholders for hosts and paths
aside), so a reader who copies one gets what the README says."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
SNIPPETS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)


def _snippet(marker: str) -> str:
    [code] = [s for s in SNIPPETS if marker in s]
    return code


def _run(code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {"__name__": "__main__"}
    exec(compile(code, str(README), "exec"), namespace)
    return namespace


def test_every_python_snippet_is_covered_here() -> None:
    markers = [
        "record = extract(",
        "Fetcher(",
        'nlp.add_pipe("paper_urls")',
        "ents=True",
        "Client(",
    ]
    assert len(SNIPPETS) == len(markers)
    for marker in markers:
        _snippet(marker)


def test_library_snippet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    namespace = _run(_snippet("record = extract("), tmp_path, monkeypatch)
    assert namespace["record"].id == "b"  # the loop's last record (its abstract is "...")


def test_fetcher_snippet_against_a_local_recorded_arxiv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, recorded_server: Any
) -> None:
    monkeypatch.setenv("EXTRACTOR_ARXIV_API", f"{recorded_server.url}/api/query")
    namespace = _run(_snippet("Fetcher("), tmp_path, monkeypatch)
    assert [r.id for r in namespace["records"]]
    assert (tmp_path / "http-cache").is_dir()


def test_spacy_component_snippet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    namespace = _run(_snippet('nlp.add_pipe("paper_urls")'), tmp_path, monkeypatch)
    assert "nlp" in namespace


def test_doc_to_record_and_ents_snippet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    namespace = _run(_snippet("ents=True"), tmp_path, monkeypatch)
    assert namespace["record"].metrics[0].value == 85.7
    labels = {e.label_ for e in namespace["docs"][0].ents}
    assert {"RESULT", "BENCHMARK"} <= labels
    assert "ImageNet" in namespace["html"]


def test_dask_cluster_snippet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    distributed = pytest.importorskip("distributed")
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "a.jsonl").write_text('{"id": "a", "abstract": "We reach 85.7% on ImageNet."}\n')
    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=":0",
        worker_dashboard_address=":0",
    ) as cluster:
        code = (
            _snippet("Client(")
            .replace("tcp://HOST:8786", cluster.scheduler_address)
            .replace("/shared/papers/", f"{papers}/")
            .replace("/shared/records/", f"{tmp_path / 'records'}/")
        )
        _run(code, tmp_path, monkeypatch)
    assert '"value":85.7' in (tmp_path / "records" / "0.jsonl").read_text()
