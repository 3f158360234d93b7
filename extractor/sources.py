"""Read papers from files and stdin: plain text, JSONL, and the Daily Papers page format.

Every reader yields :class:`SourceItem` values in input order: a ``Paper``, or the
``InputError`` that stopped one line from becoming a paper. A bad line never stops the
lines after it.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

import orjson
import regex
from pydantic import ValidationError

from extractor._errors import (
    BadEncodingError,
    BadFieldError,
    BadJSONError,
    ExtractorError,
    InputError,
    MissingFieldError,
    SourceError,
    TooLargeError,
)
from extractor_schemas import Paper, PaperMeta

Format = Literal["auto", "text", "jsonl", "feed"]
FORMATS: tuple[Format, ...] = ("auto", "text", "jsonl", "feed")

#: The longest abstract (in characters) one paper may have; bounds the cost of one input.
MAX_ABSTRACT_CHARS = 50_000
#: The longest run of characters without white space; spaCy's tokenizer takes time
#: quadratic in such a run (a 4,000-character run of brackets took seconds).
MAX_WORD_CHARS = 1_000
#: The longest input line (in bytes) read before it is refused.
MAX_LINE_BYTES = 1_000_000
#: The most bytes a plain-text abstract may have (four UTF-8 bytes a character at most).
MAX_TEXT_BYTES = 4 * MAX_ABSTRACT_CHARS
#: How far past an over-long line the reader looks for the next line before it gives the
#: rest of the source up (an endless line, such as ``/dev/zero``, is never read to its end).
MAX_SKIP_BYTES = 256 * 1024 * 1024

_BOM = b"\xef\xbb\xbf"

# A Daily Papers abstract line is prose: long, with several sentences' worth of words.
_MIN_ABSTRACT_WORDS = 25
_MAX_TITLE_CHARS = 400


@dataclass(frozen=True, slots=True)
class SourceItem:
    """One input position: where it came from and what it became."""

    source: str
    line: int | None
    paper: Paper | None = None
    error: ExtractorError | None = None
    id: str | None = None  # for an error: the input's own id, when it gave one


def slugify(title: str, max_length: int = 80) -> str:
    """A stable id made from a title.

    >>> slugify("QuantZ-FP: A Leap Forward in LLMs Post-Training W4A8 Quantization")
    'quantz-fp-a-leap-forward-in-llms-post-training-w4a8-quantization'
    >>> slugify("???")
    'untitled'
    """
    slug = regex.sub(r"[^\p{L}\p{N}]+", "-", title.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "untitled"


def _decode(raw: bytes, source: str, line: int | None) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise BadEncodingError(
            f"bytes {e.start}-{e.end} are not UTF-8 ({e.reason})", source=source, line=line
        ) from e


def _may_hold_a_long_run(text: str) -> bool:
    """Whether ``text`` may hold a run of more than ``MAX_WORD_CHARS`` characters without
    white space: such a run covers a whole aligned block of half that length, so a text
    whose every block holds a space cannot (a fast test; the exact one splits the text)."""
    half = MAX_WORD_CHARS // 2
    return any(" " not in text[i : i + half] for i in range(0, len(text) - half + 1, half))


def check_abstract(abstract: str, source: str | None = None, line: int | None = None) -> None:
    """Refuse an abstract whose cost would be unbounded (too long, or an endless "word").

    >>> check_abstract("x" * 1_001)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    extractor._errors.TooLargeError: [E105] a run of 1,001 characters without a space; ...
    """
    if len(abstract) > MAX_ABSTRACT_CHARS:
        raise TooLargeError(
            f"abstract has {len(abstract):,} characters; the limit is {MAX_ABSTRACT_CHARS:,}",
            source=source,
            line=line,
        )
    if not _may_hold_a_long_run(abstract):
        return
    longest = max(map(len, abstract.split()), default=0)
    if longest > MAX_WORD_CHARS:
        raise TooLargeError(
            f"a run of {longest:,} characters without a space; the limit is {MAX_WORD_CHARS:,}",
            source=source,
            line=line,
        )


def _paper(
    source: str,
    line: int | None,
    id: str,
    title: str | None,
    abstract: str,
    meta: PaperMeta | None = None,
) -> SourceItem:
    return paper_item(source, line, Paper(id=id, title=title, abstract=abstract, meta=meta))


def paper_item(source: str, line: int | None, paper: Paper) -> SourceItem:
    """The paper as an item, or the error in its place when its abstract is too costly."""
    try:
        check_abstract(paper.abstract, source, line)
    except TooLargeError as error:
        return SourceItem(source, line, error=error)
    return SourceItem(source, line, paper=paper)


def _meta(obj: dict[str, object], source: str, line: int) -> PaperMeta | None:
    """The optional ``meta`` object (what ``extractor fetch`` writes), validated."""
    value = obj.get("meta")
    if value is None:
        return None
    try:
        return PaperMeta.model_validate(value)
    except ValidationError as e:
        problems = "; ".join(
            f"{'.'.join(map(str, err['loc'])) or 'meta'}: {err['msg']}" for err in e.errors()
        )
        raise BadFieldError(f"field 'meta': {problems}", source=source, line=line) from e


def _field(obj: dict[str, object], name: str, source: str, line: int) -> str | None:
    value = obj.get(name)
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and name == "id":
        return str(value)
    raise BadFieldError(
        f"field {name!r} must be a string, not {type(value).__name__}", source=source, line=line
    )


class LongLine(bytes):
    """Stands for a line longer than :data:`MAX_LINE_BYTES`, skipped unread: an empty
    bytes value carrying the line's length (None: the reader gave up the source after
    :data:`MAX_SKIP_BYTES` of it)."""

    size: int | None

    def __new__(cls, size: int | None) -> LongLine:
        line = super().__new__(cls)
        line.size = size
        return line


def _too_long(raw: bytes, source: str, line: int | None) -> TooLargeError:
    size = raw.size if isinstance(raw, LongLine) else len(raw)
    told = f"{size:,}" if size is not None else f"over {MAX_SKIP_BYTES:,}"
    rest = "" if size is not None else " (the rest of the input is not read)"
    return TooLargeError(
        f"line has {told} bytes; the limit is {MAX_LINE_BYTES:,}{rest}", source=source, line=line
    )


def parse_jsonl_line(raw: bytes, source: str, line: int) -> SourceItem | None:
    """One JSONL line as a paper (``summary`` is accepted for ``abstract``); None if blank.

    A UTF-8 byte-order mark before the first line is ignored.
    """
    try:
        if isinstance(raw, LongLine) or len(raw) > MAX_LINE_BYTES:
            raise _too_long(raw, source, line)
        if line == 1 and raw.startswith(_BOM):
            raw = raw[len(_BOM) :]
        text = _decode(raw, source, line)
        if not text.strip():
            return None
        try:
            obj = orjson.loads(text)
        except orjson.JSONDecodeError as e:
            raise BadJSONError(f"not valid JSON: {e}", source=source, line=line) from e
        if not isinstance(obj, dict):
            raise BadJSONError(
                f"expected a JSON object, got {type(obj).__name__}", source=source, line=line
            )
        return paper_from_object(obj, source, line, default_id=f"{source}:{line}")
    except InputError as error:
        return SourceItem(source, line, error=error)


def _given_id(obj: dict[str, object]) -> str | None:
    """The object's own id when it is usable as one (for its error record)."""
    value = obj.get("id")
    if isinstance(value, str) and value:
        return value
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else None


def paper_from_object(
    obj: dict[str, object], source: str, line: int, *, default_id: str
) -> SourceItem:
    """One input object (a JSONL line, or a mapping given to ``extract_many``) as a paper.

    ``abstract`` (or ``summary``) is required; ``id`` defaults to a slug of ``title``, else
    ``default_id``; ``meta`` is validated. A problem is an error item with the code the
    CLI and the library share (E102 missing field, E104 wrong type, E105 too large), and
    it keeps the object's ``id`` when it has one.
    """
    try:
        abstract = _field(obj, "abstract", source, line)
        if abstract is None:
            abstract = _field(obj, "summary", source, line)
        if abstract is None:
            raise MissingFieldError(
                "missing field 'abstract' (or 'summary')", source=source, line=line
            )
        title = _field(obj, "title", source, line)
        id = _field(obj, "id", source, line) or (slugify(title) if title else default_id)
        item = _paper(source, line, id, title, abstract, _meta(obj, source, line))
    except InputError as error:
        return SourceItem(source, line, error=error, id=_given_id(obj))
    if item.error is not None:
        return SourceItem(source, line, error=item.error, id=_given_id(obj))
    return item


def read_jsonl(lines: Iterable[bytes], source: str) -> Iterator[SourceItem]:
    """Papers from JSONL lines, one object a line."""
    for number, raw in enumerate(lines, start=1):
        item = parse_jsonl_line(
            raw if isinstance(raw, LongLine) else raw.rstrip(b"\r\n"), source, number
        )
        if item is not None:
            yield item


def _is_abstract_line(line: str) -> bool:
    return len(line.split()) >= _MIN_ABSTRACT_WORDS


def read_feed(lines: Iterable[bytes], source: str) -> Iterator[SourceItem]:
    """Papers from the Daily Papers page text: a title line, a blank line, an abstract line.

    Header lines before the first paper ("Daily Papers", "Subscribe", the date) are
    skipped. After it, a title with no abstract gives an error for that title only.
    """
    pending: tuple[int, str] | None = None
    started = False

    def dangling(title_line: int, title: str) -> SourceItem:
        error = MissingFieldError(
            f"title {title[:60]!r} has no abstract line after it", source=source, line=title_line
        )
        return SourceItem(source, title_line, error=error)

    for number, raw in enumerate(lines, start=1):
        try:
            if isinstance(raw, LongLine) or len(raw) > MAX_LINE_BYTES:
                raise _too_long(raw, source, number)
            text = _decode(raw.rstrip(b"\r\n"), source, number).strip()
        except InputError as error:
            yield SourceItem(source, number, error=error)
            pending = None
            continue
        if not text:
            continue
        if not _is_abstract_line(text):
            if pending is not None and started:
                yield dangling(*pending)
            pending = (number, text) if len(text) <= _MAX_TITLE_CHARS else None
            continue
        if pending is None:
            orphan = MissingFieldError(
                "an abstract line with no title line before it", source=source, line=number
            )
            yield SourceItem(source, number, error=orphan)
            continue
        title_line, title = pending
        pending, started = None, True
        yield _paper(source, title_line, slugify(title), title, text)
    if pending is not None and started:
        yield dangling(*pending)


def read_text(data: bytes, source: str) -> Iterator[SourceItem]:
    """One abstract from a whole plain-text file; the id is the file's name.

    ``data`` longer than :data:`MAX_TEXT_BYTES` is refused (``read_source`` reads at most
    one byte more than that, so a larger file is refused without being read).
    """
    if len(data) > MAX_TEXT_BYTES:
        error = TooLargeError(
            f"the text has over {MAX_TEXT_BYTES:,} bytes; the limit is "
            f"{MAX_ABSTRACT_CHARS:,} characters",
            source=source,
            line=None,
        )
        yield SourceItem(source, None, error=error)
        return
    try:
        text = _decode(data, source, None)
    except InputError as error:
        yield SourceItem(source, None, error=error)
        return
    yield _paper(source, None, slugify(Path(source).stem), None, text.strip())


def sniff_format(head: bytes, source: str) -> Format:
    """Guess the format from a file's name and first bytes.

    >>> sniff_format(b'{"id": "x"}', "papers.txt")
    'jsonl'
    >>> sniff_format(b"Title\\n\\n" + b"word " * 40, "page.txt")
    'feed'
    >>> sniff_format(b"One abstract only.", "a.txt")
    'text'
    """
    if source.endswith((".jsonl", ".ndjson")) or head.removeprefix(_BOM).lstrip().startswith(b"{"):
        return "jsonl"
    lines = [line.strip() for line in head.decode("utf-8", "replace").splitlines() if line.strip()]
    abstract_lines = [i for i, line in enumerate(lines) if _is_abstract_line(line)]
    if abstract_lines and abstract_lines[0] > 0:
        return "feed"
    return "text"


_SNIFF_BYTES = 64 * 1024


def _open(source: str) -> IO[bytes]:
    if source == "-":
        if sys.stdin is None:
            raise SourceError("cannot read: standard input is closed", source="<stdin>")
        return sys.stdin.buffer
    try:
        return Path(source).open("rb")
    except OSError as e:
        raise SourceError(f"cannot open: {e.strerror or e}", source=source) from e


def read_source(source: str, format: Format = "auto") -> Iterator[SourceItem]:
    """Papers from a path (or ``-`` for stdin) in the given or guessed format."""
    name = "<stdin>" if source == "-" else source
    stream = _open(source)
    try:
        head = stream.read(_SNIFF_BYTES) if format in ("auto", "text") else b""
        chosen = sniff_format(head, name) if format == "auto" else format
        if chosen == "text":
            yield from read_text(head + stream.read(MAX_TEXT_BYTES + 1 - len(head)), name)
            return
        lines = _lines(head, stream)
        reader = read_jsonl if chosen == "jsonl" else read_feed
        yield from reader(lines, name)
    except OSError as e:  # a read error part-way (EIO, a stream closed under us)
        raise SourceError(f"cannot read: {e.strerror or e}", source=name) from e
    finally:
        if sys.stdin is None or stream is not sys.stdin.buffer:
            stream.close()


def _lines(head: bytes, stream: IO[bytes]) -> Iterator[bytes]:
    """The stream's lines, starting with the bytes already read for sniffing.

    A line is never held whole past :data:`MAX_LINE_BYTES`: a longer one comes out as a
    :class:`LongLine` and the rest of it is skipped in chunks; past
    :data:`MAX_SKIP_BYTES` the rest of the stream is given up.
    """
    # Split on b"\n" only, as iterating the stream does: bytes.splitlines would also break
    # lines at a lone b"\r" (JSON white space) and shift every later line number. The
    # head is shorter than a line may be, so only its last line can go on in the stream.
    for piece in io.BytesIO(head):
        line = piece if piece.endswith(b"\n") else _read_line(stream, piece)
        yield line
        if isinstance(line, LongLine) and line.size is None:
            return
    while True:
        line = _read_line(stream)
        if not line and not isinstance(line, LongLine):
            return
        yield line
        if isinstance(line, LongLine) and line.size is None:
            return


def _read_line(stream: IO[bytes], start: bytes = b"") -> bytes:
    """The line that begins with ``start``, read on up to its newline, but never more
    than :data:`MAX_LINE_BYTES` of it into memory (a longer one is a :class:`LongLine`)."""
    line = start + stream.readline(MAX_LINE_BYTES + 1 - len(start))
    if len(line) <= MAX_LINE_BYTES or line.endswith(b"\n"):
        return line
    size = len(line)
    while not line.endswith(b"\n"):
        line = stream.readline(64 * 1024)
        if not line:
            break
        size += len(line)
        if size > MAX_SKIP_BYTES:
            return LongLine(None)
    return LongLine(size - line.endswith(b"\n"))  # as long as the line without its newline
