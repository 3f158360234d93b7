"""Extraction on several processes: the same output in the same order, bounded memory,
and one failing paper (or one dying worker) never stopping the others."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from extractor import _parallel as parallel
from extractor import extract_many
from extractor.cli import main
from extractor.sources import SourceItem, read_source
from extractor_schemas import ErrorRecord, Paper, PaperRecord

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def papers() -> list[Paper]:
    return [i.paper for i in read_source(str(ROOT / "fixtures" / "daily-papers.txt")) if i.paper]


def _dumps(outputs: Any) -> list[bytes]:
    return [orjson.dumps(o.model_dump(mode="json")) for o in outputs]


def test_two_workers_give_the_same_records_in_the_same_order(papers: list[Paper]) -> None:
    one = _dumps(extract_many(papers))
    two = _dumps(extract_many(papers, workers=2, batch_size=8))
    assert len(one) == 74
    assert two == one


def test_cli_workers_write_the_same_bytes_and_keep_errors_in_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.jsonl"
    lines = [
        orjson.dumps({"id": f"p{i}", "abstract": f"Our model reaches {50 + i}.5% accuracy."})
        for i in range(150)
    ]
    lines[70] = b"{not json"
    source.write_bytes(b"\n".join(lines) + b"\n")
    outputs = []
    for workers in ("1", "2"):
        out = tmp_path / f"out{workers}.jsonl"
        assert main(["extract", str(source), "-o", str(out), "--workers", workers]) == 1
        outputs.append(out.read_bytes())
        err = capsys.readouterr().err
        assert f"{source}:71: [E101]" in err
        assert "1 of 150 inputs failed" in err
    assert outputs[0] == outputs[1]
    assert len(outputs[1].splitlines()) == 149


def test_the_input_is_read_only_a_few_batches_ahead(papers: list[Paper]) -> None:
    pulled = 0

    def items() -> Iterator[SourceItem]:
        nonlocal pulled
        for i in range(10_000):
            pulled += 1
            yield SourceItem("<test>", i + 1, paper=papers[i % len(papers)])

    outputs = parallel.process_items_parallel(items(), workers=2, batch_size=4)
    first = next(outputs)
    assert isinstance(first, PaperRecord)
    assert pulled <= 2 * 2 * 4 + 4  # the batches in flight, and one more being refilled
    outputs.close()


def _dying_group(nlp: Any, group: list[SourceItem], budget: Any) -> Any:
    """Kills the worker on the paper named "boom"; runs the real items otherwise."""
    for item in group:
        if item.paper is not None and item.paper.id == "boom":
            os._exit(3)
        yield from _real_process_group(nlp, [item], budget)


_real_process_group = parallel.process_group


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the patch reaches workers through fork")
def test_a_dying_worker_costs_only_the_paper_that_kills_it(
    papers: list[Paper], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "process_group", _dying_group)
    sample = papers[:6]
    boom = Paper(id="boom", abstract="This abstract takes its worker down.")
    items = [
        SourceItem("<test>", n, paper=p) for n, p in enumerate([*sample[:3], boom, *sample[3:]], 1)
    ]
    outputs = list(parallel.process_items_parallel(items, workers=2, batch_size=3))
    assert [o.id for o in outputs] == [p.id for p in [*sample[:3], boom, *sample[3:]]]
    (lost,) = [o for o in outputs if isinstance(o, ErrorRecord)]
    assert lost.id == "boom" and lost.line == 4
    assert lost.error.code == "E301" and "worker process died" in lost.error.message


def test_workers_must_be_positive_and_own_pipelines_run_in_one_process() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        extract_many([], workers=0)
    from extractor import default_pipeline

    with pytest.raises(ValueError, match="one process"):
        extract_many([], workers=2, nlp=default_pipeline())
