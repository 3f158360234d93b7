"""Extraction on Dask: a ``dask.bag`` over JSONL files, ``extract_many`` per partition.

Needs the optional extra: ``pip install "extractor[dask]"``. Each input file is one
partition, so error records keep their file and line. Dask's scheduler decides where the
partitions run (its local threads or processes, or a ``dask.distributed`` cluster);
nothing here manages machines::

    from extractor.dask_bag import extract_files
    extract_files("papers/*.jsonl", "records/", scheduler="processes")
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractor._extract import extract_many, process_items
from extractor._jsonl import dumps
from extractor.sources import parse_jsonl_line

if TYPE_CHECKING:
    import dask.bag

__all__ = ["extract_bag", "extract_files", "read_papers"]


def _records_of_papers(papers: Iterable[Any]) -> list[bytes]:
    return [dumps(record) for record in extract_many(papers)]


def _records_of_lines(lines: Iterable[tuple[str, str]]) -> list[bytes]:
    numbered: dict[str, int] = {}
    items = []
    for text, path in lines:
        numbered[path] = numbered.get(path, 0) + 1
        item = parse_jsonl_line(text.rstrip("\r\n").encode("utf-8"), path, numbered[path])
        if item is not None:
            items.append(item)
    return [dumps(record) for record in process_items(items)]


def extract_bag(papers: dask.bag.Bag) -> dask.bag.Bag:
    """A bag of records (JSON lines as bytes) from a bag of papers (``Paper`` or dicts)."""
    return papers.map_partitions(_records_of_papers)


def read_papers(pattern: str | list[str]) -> dask.bag.Bag:
    """The lines of JSONL files, one partition per file, with their paths."""
    import dask.bag

    return dask.bag.read_text(pattern, blocksize=None, include_path=True)


def extract_files(
    pattern: str | list[str], output_dir: str | Path, scheduler: str | None = None
) -> list[str]:
    """Extract every JSONL file matching ``pattern`` into ``output_dir/N.jsonl`` (one records
    file per input file, N counting from 0 in path order) and return the files written.

    ``scheduler`` is Dask's ("sync", "threads", "processes"); None uses Dask's default or
    a ``dask.distributed`` client if one is active. Bad lines become error records naming
    their file and line, as with ``extract``.
    """
    records = read_papers(pattern).map_partitions(_records_of_lines)
    target = str(Path(output_dir) / "*.jsonl")
    lines = records.map(bytes.decode).map(str.rstrip)
    written: list[str] = lines.to_textfiles(target, compute=True, scheduler=scheduler)
    return written
