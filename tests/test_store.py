"""The SQLite store: upsert by id, migrations, all-or-nothing batches, concurrent writers."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from extractor._errors import StoreBusyError, StoreVersionError
from extractor.store import MIGRATIONS, SCHEMA_VERSION, Store
from extractor_schemas import PaperRecord

MakeRecord = Callable[..., PaperRecord]
_fork = multiprocessing.get_context("fork")


def _paper(make_record: MakeRecord, id: str, *values: float) -> PaperRecord:
    results = [
        {"text": f"{v}%", "value": v, "unit": "%", "metric": "accuracy", "benchmark": "GSM8K",
         "model": f"Model-{i}"}
        for i, v in enumerate(values)
    ]  # fmt: skip
    return make_record(
        id, results, title=f"Paper {id}", method="Zeta", code_url="https://github.com/x/y"
    )


def _integrity(path: Path) -> str:
    with sqlite3.connect(path) as db:
        return str(db.execute("PRAGMA integrity_check").fetchone()[0])


def test_records_come_back_as_written(tmp_path: Path, make_record: MakeRecord) -> None:
    a, b = _paper(make_record, "a", 81.5, 90.0), _paper(make_record, "b", 70.25)
    with Store(tmp_path / "r.sqlite") as store:
        assert store.write([b, a]) == 2
        assert list(store.records()) == [a, b]
        assert store.counts() == {
            "papers": 2, "records": 2, "entities": 2 + 1 + 2 + 3, "results": 3, "links": 2
        }  # fmt: skip
        row = store._db.execute("SELECT value, benchmark, start, sentence FROM results "
                                "WHERE paper_id = 'b'").fetchone()  # fmt: skip
    sentence = b.metrics[0].sentence.text
    assert row == (70.25, "GSM8K", b.metrics[0].span.start, sentence)


def test_writing_a_paper_again_replaces_it(tmp_path: Path, make_record: MakeRecord) -> None:
    path = tmp_path / "r.sqlite"
    with Store(path) as store:
        store.write([_paper(make_record, "a", 1.0, 2.0, 3.0), _paper(make_record, "b", 4.0)])
        newer = _paper(make_record, "a", 9.5)
        store.write([newer])
        assert store.counts()["papers"] == 2
        assert store.counts()["results"] == 2
        assert next(iter(store.records())) == newer


def test_the_same_batch_twice_leaves_the_same_counts(
    tmp_path: Path, make_record: MakeRecord
) -> None:
    batch = [_paper(make_record, str(i), float(i), i + 0.5) for i in range(5)]
    with Store(tmp_path / "r.sqlite") as store:
        store.write(batch)
        first = store.counts()
        store.write(batch)
        assert store.counts() == first


def test_a_batch_that_fails_halfway_leaves_nothing(tmp_path: Path, make_record: MakeRecord) -> None:
    kept = _paper(make_record, "kept", 50.0)
    with Store(tmp_path / "r.sqlite") as store:
        store.write([kept])
        before = store.counts()

        def failing() -> Iterator[PaperRecord]:
            yield _paper(make_record, "new", 1.0)
            yield _paper(make_record, "kept", 2.0)  # would replace the stored one
            raise RuntimeError("the extractor broke mid-batch")

        with pytest.raises(RuntimeError, match="mid-batch"):
            store.write(failing())
        assert store.counts() == before
        assert list(store.records()) == [kept]


def _crash_mid_batch(path: str, record: PaperRecord) -> None:
    store = Store(path)

    def dying() -> Iterator[PaperRecord]:
        yield record
        os._exit(3)  # the process dies: no rollback, no close

    store.write(dying())


def test_a_crash_mid_batch_leaves_the_database_as_before(
    tmp_path: Path, make_record: MakeRecord
) -> None:
    path = tmp_path / "r.sqlite"
    kept = _paper(make_record, "kept", 50.0)
    with Store(path) as store:
        store.write([kept])
    child = _fork.Process(target=_crash_mid_batch, args=(str(path), _paper(make_record, "x", 1.0)))
    child.start()
    child.join(30)
    assert child.exitcode == 3
    with Store(path) as store:
        assert list(store.records()) == [kept]
    assert _integrity(path) == "ok"


def _make_v1_file(path: Path, record: PaperRecord) -> None:
    """A file as version 1 of the schema left it: no entities, no links tables."""
    db = sqlite3.connect(path)
    for statement in MIGRATIONS[0]:
        db.execute(statement)
    db.execute("INSERT INTO papers VALUES (?, ?, ?, '2026-01-01T00:00:00+00:00')",
               (record.id, record.title, record.text))  # fmt: skip
    db.execute("INSERT INTO records VALUES (?, '1', ?)", (record.id, record.model_dump_json()))
    for i, r in enumerate(record.metrics):
        db.execute(
            "INSERT INTO results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (record.id, i, r.text, r.value, r.unit, r.role, r.bound, r.metric, r.benchmark,
             r.model, r.span.start, r.span.end, r.sentence.start, r.sentence.end, r.sentence.text),
        )  # fmt: skip
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()


def _rows(store: Store, table: str) -> list[tuple[Any, ...]]:
    return sorted(store._db.execute(f"SELECT * FROM {table}").fetchall(), key=repr)


def test_a_version_1_file_is_migrated_and_backfilled(
    tmp_path: Path, make_record: MakeRecord
) -> None:
    record = _paper(make_record, "old", 10.0, 20.0)
    _make_v1_file(tmp_path / "v1.sqlite", record)
    with Store(tmp_path / "v1.sqlite") as old, Store(tmp_path / "fresh.sqlite") as fresh:
        assert old.version == SCHEMA_VERSION == 3
        assert list(old.records()) == [record]
        fresh.write([record])
        # The backfill from the stored JSON gives the rows a fresh write gives.
        assert _rows(old, "entities") == _rows(fresh, "entities") != []
        assert _rows(old, "links") == _rows(fresh, "links") != []
        assert _rows(old, "results") == _rows(fresh, "results") != []
        assert _rows(old, "leaderboard") == _rows(fresh, "leaderboard") != []
        papers = "SELECT id, title, text, arxiv_id, title_key, url, published, authors FROM papers"
        assert old._db.execute(papers).fetchall() == fresh._db.execute(papers).fetchall()
        assert old._db.execute("SELECT count(*) FROM papers_fts").fetchone() == (1,)
        assert old.write([record]) == 1  # and the migrated file takes writes
    assert _integrity(tmp_path / "v1.sqlite") == "ok"


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    with pytest.raises(StoreVersionError, match="schema version 99 is newer") as caught:
        Store(path)
    assert caught.value.code == "E402"


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"these are notes, not a database\n" * 100)
    with pytest.raises(StoreVersionError, match="not an SQLite database"):
        Store(path)
    assert path.read_bytes().startswith(b"these are notes")


def test_the_store_uses_write_ahead_logging(tmp_path: Path) -> None:
    with Store(tmp_path / "r.sqlite") as store:
        assert store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


# Two processes writing at once.


def _hold_the_lock(path: str, first: PaperRecord, second: PaperRecord, holding: Any,
                   release: Any, report: Any) -> None:  # fmt: skip
    def slow() -> Iterator[PaperRecord]:
        yield first
        holding.set()
        release.wait(20)
        yield second

    with Store(path) as store:
        report.put(("holder", store.write(slow())))


def _write_one(path: str, record: PaperRecord, timeout: float, report: Any) -> None:
    try:
        with Store(path, timeout=timeout) as store:
            report.put(("writer", store.write([record])))
    except StoreBusyError as error:
        report.put(("writer", f"{error.code} {error}"))


def _race(path: Path, make_record: MakeRecord, timeout: float) -> tuple[dict[str, Any], float]:
    with Store(path):
        pass  # created and migrated before the race
    holding, release, report = _fork.Event(), _fork.Event(), _fork.Queue()
    holder = _fork.Process(
        target=_hold_the_lock,
        args=(str(path), _paper(make_record, "h1", 1.0), _paper(make_record, "h2", 2.0),
              holding, release, report),
    )  # fmt: skip
    holder.start()
    assert holding.wait(20)
    writer = _fork.Process(
        target=_write_one, args=(str(path), _paper(make_record, "w", 3.0), timeout, report)
    )
    started = time.monotonic()
    writer.start()
    if timeout < 1:
        writer.join(20)  # gives up while the holder still holds the lock
        release.set()
    else:
        time.sleep(0.3)  # the writer is waiting now
        release.set()
        writer.join(20)
    waited = time.monotonic() - started
    holder.join(20)
    assert holder.exitcode == writer.exitcode == 0
    outcomes = dict(report.get(timeout=5) for _ in range(2))
    return outcomes, waited


def test_a_second_writer_gets_a_busy_error_after_the_timeout(
    tmp_path: Path, make_record: MakeRecord
) -> None:
    path = tmp_path / "r.sqlite"
    outcomes, waited = _race(path, make_record, timeout=0.2)
    assert outcomes["holder"] == 2
    assert outcomes["writer"].startswith("E401 ")
    assert "database is busy" in outcomes["writer"]
    assert str(path) in outcomes["writer"]
    assert waited >= 0.2
    with Store(path) as store:
        assert [r.id for r in store.records()] == ["h1", "h2"]
    assert _integrity(path) == "ok"


def test_a_patient_second_writer_succeeds_after_the_first(
    tmp_path: Path, make_record: MakeRecord
) -> None:
    path = tmp_path / "r.sqlite"
    outcomes, _ = _race(path, make_record, timeout=20)
    assert outcomes == {"holder": 2, "writer": 1}
    with Store(path) as store:
        assert [r.id for r in store.records()] == ["h1", "h2", "w"]
        assert store.counts()["results"] == 3
    assert _integrity(path) == "ok"
