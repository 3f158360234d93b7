"""The store as the leaderboard sees it: one row per paper, canonical names, the
``leaderboard`` view, full-text search, and the Datasette metadata."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

from extractor.leaderboard import build
from extractor.store import DATASETTE_METADATA, Store
from extractor_schemas import PaperMeta, PaperRecord

MakeRecord = Callable[..., PaperRecord]
TITLE = "ZetaNet: Fast Vision Transformers"


def _zeta(make_record: MakeRecord, id: str, value: float = 85.7, **meta: object) -> PaperRecord:
    record = make_record(
        id,
        [{"text": f"{value}%", "value": value, "unit": "%", "metric": "top-1 accuracy",
          "benchmark": "ImageNet", "model": "ZetaNet"}],
        title=TITLE,
    )  # fmt: skip
    return record.model_copy(update={"meta": PaperMeta(**meta)}) if meta else record  # type: ignore[arg-type]


def test_the_same_paper_under_two_ids_keeps_one_row(
    tmp_path: Path, make_record: MakeRecord
) -> None:
    from_arxiv = _zeta(make_record, "2405.00001")
    from_feed = _zeta(make_record, "zetanet-fast-vision-transformers", 85.9)
    with Store(tmp_path / "r.sqlite") as store:
        store.write([from_arxiv])
        store.write([from_feed])
        assert store.counts()["papers"] == 1 and store.counts()["results"] == 1
        assert [r.id for r in store.records()] == [from_feed.id]  # the later one wins
        board = build(store.records())
    assert [len(t.results) for t in board.tables] == [1]


def test_the_same_arxiv_id_under_another_title_is_one_paper(
    tmp_path: Path, make_record: MakeRecord
) -> None:
    first = _zeta(make_record, "a", arxiv_id="2405.00001v1")
    second = _zeta(make_record, "b", links=["https://arxiv.org/abs/2405.00001v2"])
    second = second.model_copy(update={"title": "ZetaNet, renamed on its second version"})
    with Store(tmp_path / "r.sqlite") as store:
        store.write([first, second])
        assert [r.id for r in store.records()] == ["b"]
        (url,) = store._db.execute("SELECT url FROM papers").fetchone()
    assert url == "https://arxiv.org/abs/2405.00001"


def test_two_arxiv_papers_with_one_title_stay_two(tmp_path: Path, make_record: MakeRecord) -> None:
    with Store(tmp_path / "r.sqlite") as store:
        store.write([_zeta(make_record, "2405.00001"), _zeta(make_record, "2406.00002")])
        assert store.counts()["papers"] == 2


def test_a_leaderboard_of_duplicates_counts_each_paper_once(make_record: MakeRecord) -> None:
    records = [_zeta(make_record, "2405.00001", 85.0), _zeta(make_record, "zeta", 85.7)]
    board = build(records)
    assert (board.papers, board.duplicates) == (1, 1)
    assert [(r.paper_id, r.rank) for t in board.tables for r in t.results] == [("zeta", 1)]


def _view(db: sqlite3.Connection) -> list[tuple[object, ...]]:
    rows = db.execute(
        "SELECT benchmark_key, metric_key, setting, paper_id, start, rank FROM leaderboard"
    )
    return sorted(rows, key=repr)


def _board_rows(records: list[PaperRecord]) -> list[tuple[object, ...]]:
    from extractor.leaderboard._build import filing

    by_place = {(r.paper_id, r.span.start): r for t in build(records).tables for r in t.results}
    rows = []
    for record in records:
        for result in record.metrics:
            row = by_place.get((record.id, result.span.start))
            if row is None or result.role != "result":
                continue
            where = filing(record, result)
            assert where.benchmark is not None
            metric_key = where.metric.key if where.metric else None
            rows.append(
                (where.benchmark.key, metric_key, result.setting, record.id, result.span.start,
                 row.rank)
            )  # fmt: skip
    return sorted(rows, key=repr)


def test_the_sql_view_ranks_as_the_leaderboard_does(
    tmp_path: Path, gold_records: list[PaperRecord]
) -> None:
    with Store(tmp_path / "gold.sqlite") as store:
        store.write(gold_records)
        view = _view(store._db)
        records = list(store.records())
    assert view == _board_rows(records)
    assert sum(1 for row in view if row[-1] is not None) > 100  # ranks, not only nulls


def test_canonical_names_sit_beside_the_names_as_written(
    tmp_path: Path, make_record: MakeRecord
) -> None:
    record = make_record(
        "p", [{"text": "41.0%", "value": 41.0, "unit": "%", "metric": "acc", "benchmark": "gsm8k"}]
    )
    with Store(tmp_path / "r.sqlite") as store:
        store.write([record])
        row = store._db.execute(
            "SELECT benchmark, canonical_benchmark, metric, canonical_metric, in_table FROM results"
        ).fetchone()
    assert row[:2] == ("gsm8k", "GSM8K") and row[2] == "acc" and row[4] == 1
    assert row[3] == build([record]).tables[0].metric


def test_papers_are_searchable_in_full_text(tmp_path: Path, make_record: MakeRecord) -> None:
    with Store(tmp_path / "r.sqlite") as store:
        store.write([_zeta(make_record, "2405.00001"), make_record("other", title="Graph nets")])
        found = store._db.execute(
            "SELECT p.id FROM papers_fts JOIN papers p ON p.rowid = papers_fts.rowid"
            " WHERE papers_fts MATCH 'vision'"
        ).fetchall()
        store.write([_zeta(make_record, "2405.00001").model_copy(update={"title": "Other"})])
        after = store._db.execute(
            "SELECT count(*) FROM papers_fts WHERE papers_fts MATCH 'vision'"
        ).fetchone()
    assert found == [("2405.00001",)] and after == (0,)
    with sqlite3.connect(tmp_path / "r.sqlite") as db:  # how sqlite-utils and Datasette find it
        (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE name = 'papers_fts'").fetchone()
    assert "USING fts5" in sql and "content=[papers]" in sql


def test_the_datasette_metadata_names_real_tables_and_columns(tmp_path: Path) -> None:
    metadata = json.loads(DATASETTE_METADATA.read_text(encoding="utf-8"))
    with Store(tmp_path / "r.sqlite") as store:
        (database,) = metadata["databases"].values()
        for table, about in database["tables"].items():
            columns = {row[1] for row in store._db.execute(f"PRAGMA table_info({table})")}
            assert columns, f"{table} is not in the store"
            assert set(about.get("columns", {})) <= columns, table
            assert set(about.get("sortable_columns", [])) <= columns, table
    assert metadata["title"] and "leaderboard" in database["tables"]


def test_records_stored_before_settings_get_them_when_migrated(
    tmp_path: Path, make_record: MakeRecord
) -> None:
    from extractor.store import MIGRATIONS

    text = "ZetaNet reaches 85.7% zero-shot top-1 accuracy on ImageNet."
    record = make_record("z", [{"text": "85.7%", "value": 85.7, "unit": "%",
                                "metric": "top-1 accuracy", "benchmark": "ImageNet"}])  # fmt: skip
    number = record.metrics[0].model_copy(
        update={
            "span": record.metrics[0].span.model_copy(update={"start": 16, "end": 21}),
            "sentence": record.metrics[0].sentence.model_copy(
                update={"start": 0, "end": len(text), "text": text}
            ),
        }
    )
    old = record.model_copy(update={"text": text, "metrics": [number], "benchmarks": []})
    old = PaperRecord.model_validate(old.model_dump())  # the spans check against the text
    path = tmp_path / "v2.sqlite"
    db = sqlite3.connect(path)
    for statement in (*MIGRATIONS[0], *MIGRATIONS[1]):
        assert isinstance(statement, str)
        db.execute(statement)
    db.execute("INSERT INTO papers VALUES ('z', NULL, ?, '2026-01-01')", (text,))
    db.execute("INSERT INTO records VALUES ('z', '1', ?)", (old.model_dump_json(),))
    db.execute(
        "INSERT INTO results VALUES ('z', 0, '85.7%', 85.7, '%', 'result', 'exact',"
        " 'top-1 accuracy', 'ImageNet', NULL, 16, 21, 0, ?, ?)",
        (len(text), text),
    )
    db.execute("PRAGMA user_version = 2")
    db.commit()
    db.close()
    with Store(path) as store:
        (migrated,) = store.records()
        row = store._db.execute("SELECT setting, in_table FROM results").fetchone()
        view = store._db.execute("SELECT setting, rank FROM leaderboard").fetchall()
    assert migrated.metrics[0].setting == "zero-shot"
    assert row == ("zero-shot", 1) and view == [("zero-shot", 1)]
