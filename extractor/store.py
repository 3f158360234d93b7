"""A persistent SQLite store of records, so results accumulate across runs.

Plain ``sqlite3`` from the standard library: the store is five tables and a dozen
statements, so an ORM would add a dependency and a layer of mapping without removing code.

Tables (one row per paper in ``papers`` and ``records``; children keyed by ``paper_id``)::

    papers    id, title, text, ingested_at, arxiv_id, title_key, url, published, authors
    records   paper_id, schema_version, json        the whole validated record
    entities  paper_id, kind, position, name, aliases, start, end, mention   one per mention
    results   paper_id, position, text, value, unit, role, bound, metric, benchmark, model,
              start, end, sentence_start, sentence_end, sentence,
              setting, canonical_benchmark, canonical_metric, benchmark_key, metric_key,
              direction, in_table
    links     paper_id, position, url, kind, start, end
    papers_fts                                       full-text search (FTS5) over titles and texts
    leaderboard (view)                               the ranked tables, as ``leaderboard`` ranks

``metric`` and ``benchmark`` are the names as written; ``canonical_*`` are the names the
leaderboard shows ("GSM8k" is "GSM8K"), ``*_key`` what it groups by, ``in_table`` whether it
files the result under its (benchmark, metric, setting) at all (not when the benchmark is
missing or the value is over several test sets). The ``leaderboard`` view ranks ``role =
result`` rows per (benchmark_key, metric_key, setting) with SQL's ``RANK()`` in the metric's
direction, and leaves ``rank`` null where ``leaderboard`` does not rank (metric unnamed or
of unknown direction, units mixed).

One paper is one row: writing a record removes any stored record of the same paper under
another id (same arXiv id, or same normalised title when at most one knows its arXiv id;
:mod:`extractor.identity`).

The schema version lives in ``PRAGMA user_version``; :data:`MIGRATIONS` are the ordered
steps from an empty file to the current version, each run once, inside the transaction that
opens the store. Writing a paper again replaces it (upsert by paper id); one call of
:meth:`Store.write` is one transaction, so a failure or a crash part-way leaves the database
as it was. A second writer waits ``timeout`` seconds for the lock, then gets
:class:`StoreBusyError`.

Opened with ``readonly=True`` (what ``leaderboard`` does) the file is never written: no
journal-mode change, no migration, and it works in a folder the user cannot write to.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import quote

import orjson
from pydantic import ValidationError

from extractor._errors import StoreBusyError, StoreError, StoreVersionError
from extractor.identity import arxiv_id, paper_url, title_key
from extractor_schemas import PaperRecord, Result, Span

#: Datasette's metadata for a store named ``results.sqlite``: titles, descriptions, facets
#: and sortable columns (``datasette results.sqlite --metadata <this file>``).
DATASETTE_METADATA = Path(__file__).with_name("store_metadata.json")

#: Seconds a writer waits for another writer's lock before giving up.
DEFAULT_TIMEOUT = 5.0

_V1 = (
    """CREATE TABLE papers (
        id TEXT PRIMARY KEY,
        title TEXT,
        text TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    )""",
    """CREATE TABLE records (
        paper_id TEXT PRIMARY KEY REFERENCES papers(id) ON DELETE CASCADE,
        schema_version TEXT NOT NULL,
        json TEXT NOT NULL
    )""",
    """CREATE TABLE results (
        paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        value REAL NOT NULL,
        unit TEXT,
        role TEXT NOT NULL,
        bound TEXT NOT NULL,
        metric TEXT,
        benchmark TEXT,
        model TEXT,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        sentence_start INTEGER NOT NULL,
        sentence_end INTEGER NOT NULL,
        sentence TEXT NOT NULL,
        PRIMARY KEY (paper_id, position)
    )""",
    "CREATE INDEX results_by_benchmark ON results (benchmark, metric)",
)

# Version 2 adds entities (one row per mention) and links, filled from the stored records.
_V2 = (
    """CREATE TABLE entities (
        paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('method', 'model', 'benchmark')),
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        aliases TEXT NOT NULL,
        start INTEGER,
        "end" INTEGER,
        mention TEXT
    )""",
    "CREATE INDEX entities_by_paper ON entities (paper_id)",
    """CREATE TABLE links (
        paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        url TEXT NOT NULL,
        kind TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        PRIMARY KEY (paper_id, position)
    )""",
    """INSERT INTO entities
        SELECT r.paper_id, 'method', 0, json_extract(r.json, '$.method.name'),
               json(json_extract(r.json, '$.method.aliases')),
               json_extract(m.value, '$.start'), json_extract(m.value, '$.end'),
               json_extract(m.value, '$.text')
        FROM records r LEFT JOIN json_each(r.json, '$.method.mentions') m
        WHERE json_type(r.json, '$.method') = 'object'""",
    """INSERT INTO entities
        SELECT r.paper_id, k.kind, e.key, json_extract(e.value, '$.name'),
               json(json_extract(e.value, '$.aliases')),
               json_extract(m.value, '$.start'), json_extract(m.value, '$.end'),
               json_extract(m.value, '$.text')
        FROM records r,
             (SELECT 'model' AS kind, '$.models' AS path
              UNION ALL SELECT 'benchmark', '$.benchmarks') k,
             json_each(r.json, k.path) e
             LEFT JOIN json_each(e.value, '$.mentions') m""",
    """INSERT INTO links
        SELECT r.paper_id, l.key, json_extract(l.value, '$.url'),
               json_extract(l.value, '$.kind'),
               json_extract(l.value, '$.span.start'), json_extract(l.value, '$.span.end')
        FROM records r, json_each(r.json, '$.code_urls') l""",
)


def _fill_v3(db: sqlite3.Connection) -> None:
    """Fill version 3's columns of the stored papers and results from their records; records
    stored before ``Result.setting`` existed get their settings read from their text."""
    from extractor.settings import fill_settings

    stored = db.execute("SELECT json FROM records").fetchall()
    for (data,) in stored:
        old = PaperRecord.model_validate_json(data)
        record = fill_settings(old)
        if record is not old:
            db.execute(
                "UPDATE records SET json = ? WHERE paper_id = ?",
                (orjson.dumps(record.model_dump(mode="json")).decode(), record.id),
            )
        db.execute(
            "UPDATE papers SET arxiv_id = ?, title_key = ?, url = ?, published = ?, authors = ?"
            " WHERE id = ?",
            (*_paper_columns(record), record.id),
        )
        db.executemany(
            "UPDATE results SET setting = ?, canonical_benchmark = ?, canonical_metric = ?,"
            " benchmark_key = ?, metric_key = ?, direction = ?, in_table = ?"
            " WHERE paper_id = ? AND position = ?",
            [(*_board_columns(record, r), record.id, i) for i, r in enumerate(record.metrics)],
        )


_LEADERBOARD_VIEW = """CREATE VIEW leaderboard AS
    SELECT canonical_benchmark AS benchmark, canonical_metric AS metric, setting, direction,
        CASE WHEN metric_key IS NULL OR direction IS NULL OR unit_low != unit_high THEN NULL
             ELSE RANK() OVER (
                 PARTITION BY benchmark_key, metric_key, setting
                 ORDER BY CASE direction WHEN 'lower' THEN value ELSE -value END)
        END AS rank,
        model, value, unit, bound, text AS as_written, paper_id, paper_title, paper_url,
        published, sentence AS evidence, start, "end", benchmark_key, metric_key
    FROM (
        SELECT r.*, p.title AS paper_title, p.url AS paper_url, p.published,
            min(coalesce(r.unit, '')) OVER tbl AS unit_low,
            max(coalesce(r.unit, '')) OVER tbl AS unit_high
        FROM results r JOIN papers p ON p.id = r.paper_id
        WHERE r.role = 'result' AND r.in_table = 1
        WINDOW tbl AS (PARTITION BY r.benchmark_key, r.metric_key, r.setting)
    )
    ORDER BY benchmark_key, metric_key, setting, rank IS NULL, rank"""

# Version 3: paper identity and metadata columns, each result's setting and canonical names,
# full-text search over papers, and the leaderboard view.
_V3: tuple[str | Callable[[sqlite3.Connection], None], ...] = (
    *(
        f"ALTER TABLE papers ADD COLUMN {column} TEXT"
        for column in ("arxiv_id", "title_key", "url", "published", "authors")
    ),
    *(
        f"ALTER TABLE results ADD COLUMN {column} TEXT"
        for column in (
            "setting",
            "canonical_benchmark",
            "canonical_metric",
            "benchmark_key",
            "metric_key",
            "direction",
        )
    ),
    "ALTER TABLE results ADD COLUMN in_table INTEGER NOT NULL DEFAULT 0",
    "CREATE INDEX papers_by_arxiv_id ON papers (arxiv_id)",
    "CREATE INDEX papers_by_title_key ON papers (title_key)",
    "CREATE INDEX results_by_table ON results (benchmark_key, metric_key, setting)",
    _fill_v3,
    # content=[papers] is the spelling sqlite-utils and Datasette look for to find the index.
    """CREATE VIRTUAL TABLE papers_fts USING fts5(
        title, text, content=[papers], content_rowid=[rowid]
    )""",
    """CREATE TRIGGER papers_fts_insert AFTER INSERT ON papers BEGIN
        INSERT INTO papers_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END""",
    """CREATE TRIGGER papers_fts_delete AFTER DELETE ON papers BEGIN
        INSERT INTO papers_fts (papers_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END""",
    """CREATE TRIGGER papers_fts_update AFTER UPDATE OF title, text ON papers BEGIN
        INSERT INTO papers_fts (papers_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO papers_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END""",
    "INSERT INTO papers_fts (papers_fts) VALUES ('rebuild')",
    _LEADERBOARD_VIEW,
)

Step = str | Callable[[sqlite3.Connection], None]

#: Ordered migration steps: ``MIGRATIONS[n]`` takes a version-``n`` file to version ``n+1``;
#: a step is an SQL statement, or a function that fills new columns from the stored records.
MIGRATIONS: tuple[Sequence[Step], ...] = (_V1, _V2, _V3)
SCHEMA_VERSION = len(MIGRATIONS)

_TABLES = ("papers", "records", "entities", "results", "links")


def _is_busy(error: sqlite3.OperationalError) -> bool:
    return "locked" in str(error) or "busy" in str(error)


class Store:
    """An open results database; use as a context manager, or call :meth:`close`.

    path (str | Path): The SQLite file; created (and its folder must exist) on first use.
    timeout (float): Seconds to wait for another writer before :class:`StoreBusyError`.
    readonly (bool): Only read: the file must exist, and is neither migrated nor written.
    """

    def __init__(
        self, path: str | Path, *, timeout: float = DEFAULT_TIMEOUT, readonly: bool = False
    ) -> None:
        self.path = str(path)
        self.timeout = timeout
        self.readonly = readonly
        try:
            # isolation_level=None: no implicit transactions; this class opens its own.
            if readonly:
                uri = f"file:{quote(str(Path(path).resolve()))}?mode=ro"
                self._db = sqlite3.connect(uri, timeout=timeout, isolation_level=None, uri=True)
            else:
                self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        except sqlite3.Error as e:
            raise StoreError(f"cannot open database: {e}", source=self.path) from e
        try:
            if readonly:
                try:
                    self._check_readable()
                except sqlite3.OperationalError:
                    # A WAL file in a folder we cannot write to: SQLite cannot make the
                    # shared-memory file readers need. No writer can work there either,
                    # so the file is read as it stands on disk.
                    self._db.close()
                    self._db = sqlite3.connect(
                        uri + "&immutable=1", timeout=timeout, isolation_level=None, uri=True
                    )
                    self._check_readable()
                return
            self._db.execute("PRAGMA foreign_keys = ON")
            if self._db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                self._db.execute("PRAGMA journal_mode = WAL")  # readers never block the writer
            if self.version != SCHEMA_VERSION:
                self._migrate()
        except sqlite3.DatabaseError as e:
            self._db.close()
            raise self._error(e) from e
        except BaseException:
            self._db.close()
            raise

    def _check_readable(self) -> None:
        """Refuse, without writing, a file this version cannot read records from."""
        found = self.version
        if found > SCHEMA_VERSION:
            raise StoreVersionError(
                f"schema version {found} is newer than this extractor knows "
                f"({SCHEMA_VERSION}); upgrade extractor",
                source=self.path,
            )
        tables = {row[0] for row in self._db.execute("SELECT name FROM sqlite_master")}
        if tables and "records" not in tables:
            raise StoreVersionError(
                "not a results store (it has no records table)", source=self.path
            )

    def check(self) -> None:
        """Raise :class:`StoreError` when SQLite finds the file damaged (``quick_check``)."""
        try:
            problems = [row[0] for row in self._db.execute("PRAGMA quick_check")]
        except sqlite3.DatabaseError as e:
            raise self._error(e) from e
        if problems != ["ok"]:
            lines = [
                line
                for problem in problems
                for line in problem.splitlines()
                if line.strip() and not line.startswith("***")
            ] or ["unknown"]
            more = f"; {len(lines) - 1:,} more" if len(lines) > 1 else ""
            raise StoreError(
                f"the database is damaged (quick_check: {lines[0]}{more}): restore it "
                "from a copy, or start a new file",
                source=self.path,
            )

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    @property
    def version(self) -> int:
        """The schema version of the open file (``PRAGMA user_version``)."""
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _error(self, error: sqlite3.Error) -> StoreError:
        if isinstance(error, sqlite3.OperationalError) and _is_busy(error):
            return StoreBusyError(
                f"database is busy: another process is writing to it "
                f"(gave up after {self.timeout:g} s)",
                source=self.path,
            )
        if isinstance(error, sqlite3.DatabaseError) and "not a database" in str(error):
            return StoreVersionError("not an SQLite database", source=self.path)
        return StoreError(f"database error: {error}", source=self.path)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction: the lock taken now (or waited for), all or nothing."""
        try:
            self._db.execute("BEGIN IMMEDIATE")  # take the write lock now, or wait for it
        except sqlite3.DatabaseError as e:
            raise self._error(e) from e
        try:
            yield
            self._db.execute("COMMIT")
        except sqlite3.DatabaseError as e:
            self._db.execute("ROLLBACK")
            raise self._error(e) from e
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def _migrate(self) -> None:
        """Bring the file to :data:`SCHEMA_VERSION`, one step at a time, in one transaction."""
        with self._transaction():
            found = self.version  # read again under the lock: another process may have migrated
            if found > SCHEMA_VERSION:
                raise StoreVersionError(
                    f"schema version {found} is newer than this extractor knows "
                    f"({SCHEMA_VERSION}); upgrade extractor",
                    source=self.path,
                )
            for version in range(found, SCHEMA_VERSION):
                for step in MIGRATIONS[version]:
                    if isinstance(step, str):
                        self._db.execute(step)
                    else:
                        step(self._db)
                self._db.execute(f"PRAGMA user_version = {version + 1}")

    def write(self, records: Iterable[PaperRecord]) -> int:
        """Store records in one transaction, replacing any earlier record of the same id.

        records (Iterable[PaperRecord]): Consumed as they come; if the iterable raises, or
            the process dies, before it ends, nothing of this call is kept.
        RETURNS (int): How many records were written.
        """
        count = 0
        with self._transaction():
            now = datetime.now(UTC).isoformat(timespec="seconds")
            for record in records:
                self._replace(record, now)
                count += 1
        return count

    def _same_paper(self, record: PaperRecord) -> list[str]:
        """The ids of stored records of the same paper as ``record`` (its own id included)."""
        found, key = arxiv_id(record), title_key(record.title)
        ids = {record.id}
        if found:
            ids.update(r for (r,) in self._db.execute(_SELECT_BY_ARXIV_ID, (found,)))
        if key:
            rows = self._db.execute(_SELECT_BY_TITLE_KEY, (key, found, found))
            ids.update(r for (r,) in rows)
        return sorted(ids)

    def _replace(self, record: PaperRecord, now: str) -> None:
        db, pid = self._db, record.id
        for old in self._same_paper(record):
            for table in reversed(_TABLES):
                column = "id" if table == "papers" else "paper_id"
                db.execute(f"DELETE FROM {table} WHERE {column} = ?", (old,))
        db.execute(
            "INSERT INTO papers (id, title, text, ingested_at, arxiv_id, title_key, url,"
            " published, authors) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (pid, record.title, record.text, now, *_paper_columns(record)),
        )
        db.execute(
            "INSERT INTO records VALUES (?, ?, ?)",
            (pid, record.schema_version, orjson.dumps(record.model_dump(mode="json")).decode()),
        )
        db.executemany("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?)", _entity_rows(record))
        db.executemany(
            f"INSERT INTO results ({', '.join(_RESULT_COLUMNS)})"
            f" VALUES ({', '.join('?' * len(_RESULT_COLUMNS))})",
            [
                (
                    pid,
                    i,
                    r.text,
                    r.value,
                    r.unit,
                    r.role,
                    r.bound,
                    r.metric,
                    r.benchmark,
                    r.model,
                    r.span.start,
                    r.span.end,
                    r.sentence.start,
                    r.sentence.end,
                    r.sentence.text,
                    *_board_columns(record, r),
                )
                for i, r in enumerate(record.metrics)
            ],
        )
        db.executemany(
            "INSERT INTO links VALUES (?, ?, ?, ?, ?, ?)",
            [
                (pid, i, link.url, link.kind, link.span.start, link.span.end)
                for i, link in enumerate(record.code_urls)
            ],
        )

    def records(self, skipped: Callable[[StoreError], None] | None = None) -> Iterator[PaperRecord]:
        """Every stored record, ordered by paper id.

        skipped (Callable | None): Called with the error for a stored record that is not
            valid (not JSON, or not a record), which is then skipped; without it, that
            error (a :class:`StoreError`) is raised.
        """
        if (
            self.readonly
            and self._db.execute("SELECT 1 FROM sqlite_master WHERE name = 'records'").fetchone()
            is None
        ):
            return  # an empty file: nothing stored yet
        try:
            rows = self._db.execute("SELECT paper_id, json FROM records ORDER BY paper_id")
            for paper_id, data in rows:
                try:
                    record = PaperRecord.model_validate_json(data)
                except ValidationError as e:
                    first = e.errors()[0]
                    where = ".".join(map(str, first["loc"])) or "record"
                    error = StoreError(
                        f"the stored record of {paper_id!r} is not valid ([{where}] "
                        f"{first['msg']}); skipped",
                        source=self.path,
                    )
                    if skipped is None:
                        raise error from e
                    skipped(error)
                    continue
                yield record
        except sqlite3.DatabaseError as e:
            raise self._error(e) from e

    def counts(self) -> dict[str, int]:
        """Rows per table, e.g. ``{"papers": 74, "results": 51, ...}``."""
        return {
            table: int(self._db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in _TABLES
        }


_SELECT_BY_ARXIV_ID = "SELECT id FROM papers WHERE arxiv_id = ?"
# The same title is the same paper unless both know their arXiv ids and they differ.
_SELECT_BY_TITLE_KEY = (
    "SELECT id FROM papers WHERE title_key = ? AND (arxiv_id IS NULL OR ? IS NULL OR arxiv_id = ?)"
)
_RESULT_COLUMNS = (
    "paper_id", "position", "text", "value", "unit", "role", "bound", "metric", "benchmark",
    "model", "start", '"end"', "sentence_start", "sentence_end", "sentence",
    "setting", "canonical_benchmark", "canonical_metric", "benchmark_key", "metric_key",
    "direction", "in_table",
)  # fmt: skip


def _paper_columns(record: PaperRecord) -> tuple[Any, ...]:
    """arxiv_id, title_key, url, published, authors (a JSON list) of the papers table."""
    meta = record.meta
    authors = orjson.dumps(meta.authors).decode() if meta and meta.authors else None
    published = meta.published if meta else None
    return arxiv_id(record), title_key(record.title), paper_url(record), published, authors


def _board_columns(record: PaperRecord, result: Result) -> tuple[Any, ...]:
    """setting, canonical names and keys, direction and in_table of a results row."""
    from extractor.leaderboard._build import filing  # the leaderboard's own grouping

    where = filing(record, result)
    benchmark, metric = where.benchmark, where.metric
    return (
        result.setting,
        benchmark.display if benchmark else None,
        metric.display if metric else None,
        benchmark.key if benchmark else None,
        metric.key if metric else None,
        metric.direction if metric else None,
        int(where.in_table),
    )


def _entity_rows(record: PaperRecord) -> list[tuple[object, ...]]:
    groups = [("method", [record.method] if record.method else [])]
    groups += [("model", record.models), ("benchmark", record.benchmarks)]
    rows: list[tuple[object, ...]] = []
    for kind, entities in groups:
        for position, entity in enumerate(entities):
            aliases = orjson.dumps(entity.aliases).decode()
            mentions: list[Span | None] = [*entity.mentions] or [None]
            for span in mentions:
                where = (span.start, span.end, span.text) if span else (None, None, None)
                rows.append((record.id, kind, position, entity.name, aliases, *where))
    return rows
