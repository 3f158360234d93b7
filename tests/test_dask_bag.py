"""The Dask adapter on Dask's own local schedulers: the same records as ``extract``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.cli import main
from extractor.dask_bag import extract_bag, extract_files

ROOT = Path(__file__).resolve().parent.parent


def _inputs(folder: Path) -> list[Path]:
    first = folder / "a.jsonl"
    first.write_bytes((ROOT / "fixtures" / "example.jsonl").read_bytes())
    second = folder / "b.jsonl"
    second.write_text(
        json.dumps({"id": "x", "abstract": "Our model reaches 91.2% accuracy on MMLU."})
        + "\n{broken\n"
        + json.dumps({"id": "y", "abstract": "It runs 3x faster than GPT-4."})
        + "\n"
    )
    return [first, second]


@pytest.mark.parametrize("scheduler", ["sync", "processes"])
def test_extract_files_matches_the_cli(
    tmp_path: Path, scheduler: str, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = _inputs(tmp_path)
    written = extract_files(str(tmp_path / "*.jsonl"), tmp_path / "out", scheduler=scheduler)
    assert [Path(p).name for p in written] == ["0.jsonl", "1.jsonl"]
    for source, output in zip(inputs, written, strict=True):
        expected = tmp_path / f"{source.stem}.cli"
        errors = tmp_path / f"{source.stem}.errors"
        main(["extract", str(source), "-o", str(expected), "--errors", str(errors)])
        records = Path(output).read_text().splitlines()
        cli = expected.read_text().splitlines() + errors.read_text().splitlines()
        assert sorted(records) == sorted(cli)
    broken = json.loads(Path(written[1]).read_text().splitlines()[1])
    assert broken["error"]["code"] == "E101" and broken["line"] == 2
    assert broken["source"].endswith("b.jsonl")


def test_extract_bag_maps_papers_to_records() -> None:
    import dask.bag

    papers = [{"id": f"p{i}", "abstract": f"We reach {80 + i}.5% accuracy."} for i in range(6)]
    records = extract_bag(dask.bag.from_sequence(papers, npartitions=3)).compute(scheduler="sync")
    values = [json.loads(r)["metrics"][0]["value"] for r in records]
    assert values == [80.5, 81.5, 82.5, 83.5, 84.5, 85.5]


def test_extract_files_on_a_distributed_cluster_matches_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What a user who outgrows one machine runs: a ``dask.distributed`` cluster, here a
    ``LocalCluster`` of two worker processes on 127.0.0.1 (the scheduler is the client's)."""
    distributed = pytest.importorskip("distributed")
    inputs = _inputs(tmp_path)
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=":0",
            worker_dashboard_address=":0",
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        assert len(client.scheduler_info()["workers"]) == 2
        written = extract_files(str(tmp_path / "*.jsonl"), tmp_path / "out")
    for source, output in zip(inputs, written, strict=True):
        expected = tmp_path / f"{source.stem}.cli"
        errors = tmp_path / f"{source.stem}.errors"
        main(["extract", str(source), "-o", str(expected), "--errors", str(errors)])
        cli = expected.read_text().splitlines() + errors.read_text().splitlines()
        assert sorted(Path(output).read_text().splitlines()) == sorted(cli)
