"""``extractor ingest`` and ``extractor leaderboard`` end to end, on the sample page."""

from __future__ import annotations

import html
import json
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from extractor._jsonl import dumps
from extractor.cli import main
from extractor.leaderboard import SCHEMA_PATH
from extractor.store import Store
from extractor_schemas import PaperRecord

MakeRecord = Callable[..., PaperRecord]


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory, fixture_path: Path) -> Path:
    """The sample page ingested once."""
    path = tmp_path_factory.mktemp("db") / "r.sqlite"
    assert main(["ingest", str(fixture_path), "--db", str(path)]) == 0
    return path


def _counts(path: Path) -> dict[str, int]:
    with Store(path) as store:
        return store.counts()


def test_ingesting_the_page_twice_leaves_the_same_row_counts(
    sample_db: Path, fixture_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _counts(sample_db)
    assert first["papers"] == first["records"] == 74
    assert first["results"] > 0 and first["entities"] > 0 and first["links"] == 16
    assert main(["ingest", str(fixture_path), "--db", str(sample_db)]) == 0
    assert _counts(sample_db) == first
    assert f"stored 74 records in {sample_db}" in capsys.readouterr().err


def test_the_leaderboard_shows_the_sample_benchmarks_with_their_sentences(
    sample_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["leaderboard", "--db", str(sample_db), "--format", "md"]) == 0
    text = capsys.readouterr().out
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    for benchmark in ("ImageNet", "AlpacaEval", "MT-Bench", "GSM8K"):
        assert any(h.startswith(f"## {benchmark} — ") for h in headings), benchmark
    assert "## ImageNet — top-1 accuracy (higher is better)" in headings
    with Store(sample_db) as store:
        sentences = {r.sentence.text for rec in store.records() for r in rec.metrics}
    rows = [line for line in text.splitlines() if line.startswith("| ") and "“" in line]
    assert rows
    for row in rows:  # every row quotes a sentence the store holds, exactly
        evidence = row.rsplit("“", 1)[1].rsplit("”", 1)[0]
        shown = html.unescape(re.sub(r"\\(.)", r"\1", evidence))  # Markdown escapes undone
        assert shown in sentences


def test_records_jsonl_and_bad_lines_are_ingested_like_extract_reports(
    tmp_path: Path, make_record: MakeRecord, capsys: pytest.CaptureFixture[str]
) -> None:
    records = tmp_path / "records.jsonl"
    good = make_record("r1", [{"text": "5%", "value": 5.0, "unit": "%", "benchmark": "MMLU"}])
    records.write_bytes(dumps(good) + b'{"schema_version": "1", "id": "broken"}\n')
    papers = tmp_path / "papers.jsonl"
    papers.write_text('{"id": "p1", "abstract": "We reach 85.7% top-1 accuracy on ImageNet."}\n'
                      "not json\n", encoding="utf-8")  # fmt: skip
    db = tmp_path / "r.sqlite"
    assert main(["ingest", str(records), str(papers), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert f"{records}:2: [E104] not a record: [text] Field required" in err
    assert f"{papers}:2: [E101] not valid JSON" in err
    assert "2 of 4 inputs failed" in err
    with Store(db) as store:
        stored = {r.id: r for r in store.records()}
    assert stored.keys() == {"r1", "p1"}
    assert stored["r1"] == good
    assert stored["p1"].metrics[0].value == 85.7


def test_ingest_reports_a_busy_database_and_changes_nothing(
    tmp_path: Path, make_record: MakeRecord, capsys: pytest.CaptureFixture[str]
) -> None:
    db, records = tmp_path / "r.sqlite", tmp_path / "records.jsonl"
    records.write_bytes(dumps(make_record("r1")))
    with Store(db):
        pass
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    try:
        code = main(["ingest", str(records), "--db", str(db), "--timeout", "0.1"])
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert code == 1
    err = capsys.readouterr().err
    assert f"[E401] {db}: database is busy" in err
    assert "Traceback" not in err
    assert _counts(db)["papers"] == 0


def test_leaderboard_json_from_records_validates(
    tmp_path: Path, make_record: MakeRecord, capsys: pytest.CaptureFixture[str]
) -> None:
    records = tmp_path / "records.jsonl"
    rows = [{"text": "7.5", "value": 7.5, "unit": None, "metric": "accuracy",
             "benchmark": "MT-Bench", "model": "M"}]  # fmt: skip
    records.write_bytes(dumps(make_record("r1", rows)) + b"[1, 2]\n")
    out = tmp_path / "board.json"
    code = main(["leaderboard", str(records), "--format", "json", "-o", str(out),
                 "--benchmark", "mt bench"])  # fmt: skip
    assert code == 1  # the bad line is reported and counted; the rest is written
    assert f"{records}:2: [E104]" in capsys.readouterr().err
    data = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    assert data[0]["datasets"][0]["dataset"] == "MT-Bench"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["leaderboard"], "give either RECORDS.jsonl or --db DB"),
        (["leaderboard", "a.jsonl", "--db", "b.sqlite"], "give either RECORDS.jsonl or --db DB"),
        (["leaderboard", "--db", "missing.sqlite"], "'missing.sqlite' does not exist"),
        (["leaderboard", "--db", "x", "--format", "pdf"], "'pdf' is not one of"),
        (["ingest", "missing.txt", "--db", "x.sqlite"], "input 'missing.txt' does not exist"),
        (["ingest", "x.txt"], "Missing option '--db'"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x.sqlite").exists()


@pytest.mark.parametrize(
    ("option", "wanted", "suggested"),
    [
        ("--benchmark", "ImageNett", "'ImageNet'"),
        ("--benchmark", "MT Benchh", "'MT-Bench'"),
        ("--metric", "top1 acuracy", "'top-1 accuracy'"),
    ],
)
def test_an_unknown_filter_says_so_and_suggests_close_names(
    option: str, wanted: str, suggested: str, tmp_path: Path, make_record: MakeRecord,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    records = tmp_path / "records.jsonl"
    rows = [{"text": "7.5", "value": 7.5, "unit": None, "metric": "score",
             "benchmark": "MT-Bench", "model": "M"}]  # fmt: skip
    records.write_bytes(dumps(make_record("r1", rows)))
    assert main(["leaderboard", str(records), option, wanted]) == 2
    err = capsys.readouterr().err
    assert f"no {option[2:]} {wanted!r} in the name list or in these records" in err
    assert "did you mean" in err and suggested in err


def test_a_known_filter_with_no_results_exits_1(
    tmp_path: Path, make_record: MakeRecord, capsys: pytest.CaptureFixture[str]
) -> None:
    records = tmp_path / "records.jsonl"
    rows = [{"text": "7.5", "value": 7.5, "unit": None, "metric": "score",
             "benchmark": "MT-Bench", "model": "M"}]  # fmt: skip
    records.write_bytes(dumps(make_record("r1", rows)))
    assert main(["leaderboard", str(records), "--benchmark", "imagenet"]) == 1
    assert "no results match --benchmark 'imagenet' in these records" in capsys.readouterr().err


def test_the_same_paper_ingested_under_two_ids_is_one_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    example = Path(__file__).resolve().parent.parent / "fixtures" / "example.jsonl"
    paper = json.loads(example.read_text(encoding="utf-8").splitlines()[0])
    without_id = tmp_path / "feed.jsonl"  # no id: the id becomes a slug of the title
    without_id.write_text(
        json.dumps({"title": paper["title"], "abstract": paper["abstract"]}) + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "r.sqlite"
    assert main(["ingest", str(example), "--db", str(db)]) == 0
    assert main(["ingest", str(without_id), "--db", str(db)]) == 0
    assert _counts(db)["papers"] == 1
    capsys.readouterr()
    assert main(["leaderboard", "--db", str(db), "--format", "csv"]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines()[1:] if ",result," in line]
    assert len(rows) == 1 and rows[0].startswith("ImageNet,top-1 accuracy,,higher,1,")
