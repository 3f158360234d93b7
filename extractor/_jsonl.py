"""JSON Lines out: one record a line, written with orjson as it is made."""

from __future__ import annotations

from typing import IO

import orjson
from pydantic import BaseModel


def dumps(record: BaseModel, *, pretty: bool = False) -> bytes:
    """One record as JSON bytes with a trailing newline (indented when ``pretty``)."""
    option = orjson.OPT_APPEND_NEWLINE | (orjson.OPT_INDENT_2 if pretty else 0)
    return orjson.dumps(record.model_dump(mode="json"), option=option)


def write_record(stream: IO[bytes], record: BaseModel, *, pretty: bool = False) -> None:
    """Write one record and flush, so readers downstream see it at once."""
    stream.write(dumps(record, pretty=pretty))
    stream.flush()
