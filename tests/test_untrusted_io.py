"""Hostile input and output around the pipeline: streaming limits, a byte-order mark,
output that cannot be written (one line, E501, exit 3), damaged or odd stores, and the
write lock held only while writing."""

from __future__ import annotations

import hashlib
import io
import os
import random
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from spacy.language import Language
from spacy.tokens import Doc

from extractor import default_pipeline
from extractor import sources as src
from extractor.cli import main
from extractor.store import Store

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "fixtures" / "example.jsonl"
GOOD = "ZetaNet reaches 85.7% top-1 accuracy on ImageNet."


def _jsonl(*objects: dict[str, object]) -> bytes:
    return b"".join(orjson.dumps(o) + b"\n" for o in objects)


def _run(*args: str, stdin: int | None = None, close: int | None = None) -> tuple[int, str]:
    """The CLI in a child process (``close``: a standard stream closed before it starts)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "extractor", *args],
        stdin=stdin,
        stdout=subprocess.DEVNULL if close != 1 else None,
        stderr=subprocess.PIPE,
        env=env,
        timeout=120,
        preexec_fn=(lambda: os.close(close)) if close is not None else None,
        check=False,
    )
    return result.returncode, result.stderr.decode()


# -- reading ---------------------------------------------------------------------------


def test_a_byte_order_mark_before_the_first_jsonl_line_is_accepted(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + _jsonl({"id": "a", "abstract": GOOD}, {"id": "b", "abstract": GOOD})
    for name in ("bom.jsonl", "bom.txt"):  # by its name, and sniffed
        (tmp_path / name).write_bytes(data)
        items = list(src.read_source(str(tmp_path / name)))
        assert [i.paper.id for i in items if i.paper] == ["a", "b"]


def test_a_boolean_id_is_a_field_of_the_wrong_type(tmp_path: Path) -> None:
    path = tmp_path / "ids.jsonl"
    path.write_bytes(_jsonl({"id": True, "abstract": GOOD}, {"id": 7, "abstract": GOOD}))
    first, second = src.read_source(str(path))
    assert first.error is not None and first.error.code == "E104"
    assert "must be a string, not bool" in first.error.message
    assert second.paper is not None and second.paper.id == "7"


class _Endless(io.RawIOBase):
    """A stream of one byte forever, counting what is read."""

    def __init__(self, byte: bytes) -> None:
        self.byte, self.read_bytes = byte, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        buffer[:] = (self.byte * (len(buffer) // len(self.byte) + 1))[: len(buffer)]
        self.read_bytes += len(buffer)
        return len(buffer)


def test_an_endless_jsonl_line_is_refused_while_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(src, "MAX_LINE_BYTES", 10_000)
    monkeypatch.setattr(src, "MAX_SKIP_BYTES", 1_000_000)
    raw = _Endless(b"a")
    monkeypatch.setattr(src, "_open", lambda source: io.BufferedReader(raw))
    (item,) = list(src.read_source("endless.jsonl", "jsonl"))
    assert item.error is not None and item.error.code == "E105"
    assert "the rest of the input is not read" in item.error.message
    assert raw.read_bytes < 2_000_000  # given up after MAX_SKIP_BYTES, in chunks


def test_a_long_jsonl_line_is_skipped_unread_and_the_next_lines_kept(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(src, "MAX_LINE_BYTES", 10_000)
    path = tmp_path / "in.jsonl"
    long = {"id": "long", "abstract": "word " * 5_000}
    path.write_bytes(_jsonl({"id": "a", "abstract": GOOD}, long, {"id": "b", "abstract": GOOD}))
    items = list(src.read_source(str(path)))
    assert [i.paper.id if i.paper else i.error.code for i in items] == ["a", "E105", "b"]  # type: ignore[union-attr]
    size = len(orjson.dumps(long))
    assert items[1].line == 2 and f"line has {size:,} bytes" in str(items[1].error)


def test_a_large_text_file_is_refused_having_read_only_its_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    raw = _Endless(b"word ")
    monkeypatch.setattr(src, "_open", lambda source: io.BufferedReader(raw))
    (item,) = list(src.read_source("big.txt", "text"))
    assert item.error is not None and item.error.code == "E105"
    assert raw.read_bytes <= src.MAX_TEXT_BYTES + 2 * io.DEFAULT_BUFFER_SIZE


def test_extract_from_dev_zero_ends_with_a_clean_error() -> None:
    with open("/dev/zero", "rb") as zero:
        code, err = _run("extract", "-", stdin=zero.fileno())
    assert code == 1 and "[E105]" in err and "Traceback" not in err


def test_a_closed_stdin_is_an_input_error() -> None:
    code, err = _run("extract", "-", close=0)
    assert code == 1 and "<stdin>: [E201] cannot read: standard input is closed" in err
    assert "Traceback" not in err


# -- writing ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["extract", str(EXAMPLE), "-o", "{missing}/out.jsonl"],
        ["extract", str(EXAMPLE), "--errors", "{missing}/errors.jsonl"],
        ["leaderboard", "{records}", "-o", "{missing}/board.md"],
        ["audit", "{records}", "-o", "{missing}/audit.txt"],
    ],
)
def test_an_output_in_a_missing_folder_is_one_line_with_e501(
    args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = tmp_path / "records.jsonl"
    assert main(["extract", str(EXAMPLE), "-o", str(records)]) == 0
    capsys.readouterr()  # the setup's own closing line
    missing = tmp_path / "no-such-folder"
    argv = [a.format(missing=missing, records=records) for a in args]
    assert main(argv) == 3
    err = capsys.readouterr().err
    assert err.startswith(f"extractor: [E501] {missing}/") and err.count("\n") == 1
    assert "No such file or directory" in err


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ["extract", str(EXAMPLE), "-o", "/dev/full"],
        ["leaderboard", "{records}", "-o", "/dev/full"],
        ["audit", "{records}", "-o", "/dev/full"],
    ],
)
def test_a_full_disk_is_one_line_with_e501(
    args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = tmp_path / "records.jsonl"
    assert main(["extract", str(EXAMPLE), "-o", str(records)]) == 0
    capsys.readouterr()  # the setup's own closing line
    assert main([a.format(records=records) for a in args]) == 3
    err = capsys.readouterr().err
    assert err == "extractor: [E501] /dev/full: cannot write: No space left on device\n"


@pytest.mark.parametrize("command", [["extract", str(EXAMPLE)], ["schema"]])
def test_a_closed_stdout_is_one_line_with_e501(command: list[str]) -> None:
    code, err = _run(*command, close=1)
    assert code == 3
    assert err == "extractor: [E501] <stdout>: standard output is closed\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_stdout_on_a_full_disk_is_one_line_with_e501() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "extractor", "schema"],
            stdout=full,
            stderr=subprocess.PIPE,
            env=env,
            timeout=120,
            check=False,
        )
    assert result.returncode == 3
    assert result.stderr == b"extractor: [E501] <stdout>: cannot write: No space left on device\n"


# -- the store -------------------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> Path:
    db = tmp_path / "store.sqlite"
    assert main(["ingest", str(ROOT / "fixtures" / "daily-papers.txt"), "--db", str(db)]) == 0
    return db


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_ingest_refuses_a_damaged_store(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    noise = random.Random(13)
    with store.open("r+b") as file:  # damage the headers and cell pointers of a few pages
        for page in range(2, 30, 3):
            file.seek(page * 4096 + 8)
            file.write(bytes(noise.randrange(256) for _ in range(120)))
    damaged = _digest(store)
    capsys.readouterr()
    assert main(["ingest", str(EXAMPLE), "--db", str(store)]) == 1
    err = capsys.readouterr().err
    assert "[E400]" in err and "stored" not in err
    assert _digest(store) == damaged


def test_leaderboard_skips_a_stored_record_that_is_not_json(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(store) as db:
        (victim,) = db.execute("SELECT paper_id FROM records ORDER BY paper_id LIMIT 1").fetchone()
        db.execute("UPDATE records SET json = '{not json' WHERE paper_id = ?", (victim,))
    capsys.readouterr()
    assert main(["leaderboard", "--db", str(store), "--format", "json"]) == 1
    captured = capsys.readouterr()
    assert f"the stored record of {victim!r} is not valid" in captured.err
    assert "1 stored records of" in captured.err
    assert orjson.loads(captured.out)  # the others are ranked


def test_leaderboard_only_reads_the_store(store: Path, tmp_path: Path) -> None:
    db = sqlite3.connect(store)  # an older version: leaderboard must not migrate it
    db.execute("PRAGMA user_version = 1")
    db.close()
    before = _digest(store)
    assert main(["leaderboard", "--db", str(store)]) == 0
    assert _digest(store) == before
    # (SQLite may leave an empty -wal and a -shm file: shared memory for readers)
    wal = store.parent / "store.sqlite-wal"
    assert not wal.exists() or wal.stat().st_size == 0
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    assert main(["leaderboard", "--db", str(empty)]) == 0
    assert empty.stat().st_size == 0  # no schema written into it


def test_a_store_of_someone_else_is_refused_read_only(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE papers (x)")
    with pytest.raises(Exception, match=r"E402.*no records table"):
        Store(other, readonly=True)


@Language.component("test_lock_probe")
def _lock_probe(doc: Doc) -> Doc:
    """While a paper saying PROBE is extracted, try to take the store's write lock."""
    if "PROBE" in doc.user_data.get("paper_text", ""):
        db = sqlite3.connect(_probe["db"], timeout=0, isolation_level=None)
        try:
            db.execute("BEGIN IMMEDIATE")
            db.execute("ROLLBACK")
            _probe["free"] = True
        except sqlite3.OperationalError:
            _probe["free"] = False
        finally:
            db.close()
    return doc


_probe: dict[str, object] = {}


@pytest.fixture
def probing() -> Iterator[Language]:
    nlp = default_pipeline()
    nlp.add_pipe("test_lock_probe", first=True)
    try:
        yield nlp
    finally:
        nlp.remove_pipe("test_lock_probe")


def test_ingest_does_not_hold_the_write_lock_while_extracting(
    probing: Language, store: Path
) -> None:
    _probe.clear()
    _probe["db"] = str(store)
    source = store.parent / "probe.jsonl"
    source.write_bytes(_jsonl({"id": "probe", "abstract": f"PROBE {GOOD}"}))
    assert main(["ingest", str(source), "--db", str(store)]) == 0
    assert _probe["free"] is True
    with Store(store, readonly=True) as reader:
        assert "probe" in {r.id for r in reader.records()}


def test_a_record_from_stdin_is_written_before_the_next_line_comes() -> None:
    """``extract -`` runs papers one by one: a feed piped in slowly gets each record as
    soon as its line has come, not once a group of papers has been read."""
    import select

    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "schemas")])}
    child = subprocess.Popen(
        [sys.executable, "-m", "extractor", "extract", "-", "--format", "jsonl"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    assert child.stdin is not None and child.stdout is not None
    try:
        child.stdin.write(_jsonl({"id": "first", "abstract": GOOD}))
        child.stdin.flush()  # and no more input yet: the record must come anyway
        ready, _, _ = select.select([child.stdout], [], [], 60)
        assert ready, "no record within 60 s while stdin stayed open"
        assert orjson.loads(child.stdout.readline())["id"] == "first"
        child.stdin.write(_jsonl({"id": "second", "abstract": GOOD}))
        child.stdin.close()
        assert orjson.loads(child.stdout.readline())["id"] == "second"
    finally:
        child.kill()
        child.wait()
        child.stdout.close()
        if not child.stdin.closed:
            child.stdin.close()
