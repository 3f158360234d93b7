"""JSON Lines: records written one a line with orjson as they are made, and read back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO

import orjson
from pydantic import BaseModel, ValidationError

from extractor._errors import BadFieldError, BadJSONError, InputError, SourceError
from extractor_schemas import ErrorDetail, ErrorRecord, PaperRecord, accept_added_fields


def dumps(record: BaseModel, *, pretty: bool = False) -> bytes:
    """One record as JSON bytes with a trailing newline (indented when ``pretty``)."""
    option = orjson.OPT_APPEND_NEWLINE | (orjson.OPT_INDENT_2 if pretty else 0)
    return orjson.dumps(record.model_dump(mode="json"), option=option)


def write_record(stream: IO[bytes], record: BaseModel, *, pretty: bool = False) -> None:
    """Write one record and flush, so readers downstream see it at once."""
    stream.write(dumps(record, pretty=pretty))
    stream.flush()


def looks_like_record(line: bytes) -> bool:
    """Whether a JSONL line is an output record (or error record) rather than a paper.

    >>> looks_like_record(b'{"schema_version": "1", "id": "a", "text": "..."}')
    True
    >>> looks_like_record(b'{"id": "a", "abstract": "..."}')
    False
    """
    try:
        obj = orjson.loads(line)
    except orjson.JSONDecodeError:
        return False
    return isinstance(obj, dict) and ("schema_version" in obj or "error" in obj)


def is_records_file(path: Path) -> bool:
    """Whether a file's first non-blank line is a record, so the file holds records."""
    try:
        with path.open("rb") as stream:
            line = next((line for line in stream if line.strip()), b"")
    except OSError:
        return False
    return looks_like_record(line)


def _flatten(error: ValidationError) -> str:
    """A pydantic error as ``[loc] msg`` lines joined by "; "."""
    return "; ".join(
        f"[{'.'.join(map(str, e['loc'])) or 'record'}] {e['msg']}" for e in error.errors()
    )


def read_records(path: Path) -> Iterator[PaperRecord | ErrorRecord]:
    """Records from a records JSONL file; a bad line becomes an error record naming it.

    Error records in the file pass through as they are, so they are reported again.
    """
    source = str(path)
    try:
        stream = path.open("rb")
    except OSError as e:
        raise SourceError(f"cannot open: {e.strerror or e}", source=source) from e
    with stream:
        for number, raw in enumerate(stream, start=1):
            if not raw.strip():
                continue
            error: InputError
            try:
                obj = orjson.loads(raw)
                if isinstance(obj, dict) and "error" in obj and "schema_version" not in obj:
                    yield accept_added_fields(ErrorRecord, obj)
                    continue
                yield accept_added_fields(PaperRecord, obj)
                continue
            except orjson.JSONDecodeError as e:
                error = BadJSONError(f"not valid JSON: {e}", source=source, line=number)
            except ValidationError as e:
                error = BadFieldError(f"not a record: {_flatten(e)}", source=source, line=number)
            yield ErrorRecord(
                id=None,
                line=number,
                source=source,
                error=ErrorDetail(code=error.code, message=error.message),
            )
