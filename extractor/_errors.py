"""One exception tree, with stable codes that error records carry.

::

    ExtractorError            base of everything this package raises on purpose
    +-- InputError            one input (line, file) cannot become a paper   [E1xx]
    |   +-- BadJSONError      the line is not a JSON object                  E101
    |   +-- MissingFieldError the object lacks a required field              E102
    |   +-- BadEncodingError  the bytes are not UTF-8                        E103
    |   +-- BadFieldError     a field has the wrong type                     E104
    |   +-- TooLargeError     the input exceeds the size bound               E105
    |   +-- BadIdError        not a paper id (arXiv id, date) we can fetch   E106
    +-- SourceError           a whole source cannot be read                  E201
    |   +-- FetchError        an HTTP source failed (after retries)          E202
    |   +-- BadResponseError  a server's answer cannot be understood         E203
    |   +-- NotFoundError     the server has no such paper (an unknown id)   E204
    +-- ExtractionError       the pipeline failed on one paper               E301
    |   +-- BudgetExceededError  it took longer than the time budget         E302
    +-- StoreError            the results database cannot be used            E4xx
    |   +-- StoreBusyError    another writer held it past the busy timeout   E401
    |   +-- StoreVersionError it has a schema this version does not know     E402
    +-- OutputError           the output cannot be written (disk full, ...)  E501

Only the CLI turns these into messages and exit codes.
"""

from __future__ import annotations

from extractor_schemas import ErrorDetail, ErrorRecord


class ExtractorError(Exception):
    """Base class; ``code`` is stable across releases so errors can be grouped."""

    code = "E000"

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line

    def __str__(self) -> str:
        where = self.source or ""
        if self.line is not None:
            where = f"{where}:{self.line}" if where else f"line {self.line}"
        prefix = f"[{self.code}] "
        return f"{prefix}{where}: {self.message}" if where else f"{prefix}{self.message}"


class InputError(ExtractorError):
    """One input item (a line or a file) cannot become a paper."""

    code = "E100"


class BadJSONError(InputError):
    code = "E101"


class MissingFieldError(InputError):
    code = "E102"


class BadEncodingError(InputError):
    code = "E103"


class BadFieldError(InputError):
    code = "E104"


class TooLargeError(InputError):
    code = "E105"


class BadIdError(InputError):
    code = "E106"


class SourceError(ExtractorError):
    """A whole source cannot be opened or read."""

    code = "E201"


class FetchError(SourceError):
    """A request failed: the network, a timeout or an HTTP error, after retries."""

    code = "E202"


class BadResponseError(SourceError):
    """The server answered, but not in the documented format (or with an error entry)."""

    code = "E203"


class NotFoundError(SourceError):
    """The server knows no paper with this id."""

    code = "E204"


class ExtractionError(ExtractorError):
    """The pipeline failed on one paper; the others go on."""

    code = "E301"


class BudgetExceededError(ExtractionError):
    """The paper took longer than its time budget and was stopped; the others go on."""

    code = "E302"


def error_record(error: ExtractorError, *, id: str | None = None) -> ErrorRecord:
    """The record standing in the output for an input that failed."""
    return ErrorRecord(
        id=id,
        line=error.line,
        source=error.source or "<input>",
        error=ErrorDetail(code=error.code, message=error.message),
    )


class StoreError(ExtractorError):
    """The results database cannot be opened, read or written."""

    code = "E400"


class StoreBusyError(StoreError):
    """Another process held the database's write lock for longer than the busy timeout."""

    code = "E401"


class StoreVersionError(StoreError):
    """The database's schema is newer than this version knows (or is not a store at all)."""

    code = "E402"


class OutputError(ExtractorError):
    """An output (a file, stdout, the errors file) cannot be opened or written."""

    code = "E501"
