"""Papers from the Hugging Face daily papers API (``{root}/daily_papers?date=...``).

Each item of the JSON list holds a ``paper`` object: ``id`` (the arXiv id), ``title``,
``summary`` (the abstract), ``authors`` ([{"name": ...}]), ``publishedAt`` and, when set,
``githubRepo`` and ``projectPage``. Those two links are kept as metadata, apart from the
URLs found in the abstract. A malformed item becomes an error naming its position; the
other items still come through.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from typing import Any

import orjson

from extractor._errors import BadIdError, BadResponseError, ExtractorError
from extractor.fetch._http import PoliteClient
from extractor.sources import SourceItem, paper_item
from extractor_schemas import Paper, PaperMeta

DEFAULT_API = "https://huggingface.co/api"
API_ENV = "EXTRACTOR_HF_API"
#: Seconds between two requests: the API sets no rule; one a second is courteous.
HF_DELAY = 1.0


def api_root(override: str | None = None) -> str:
    """The API root: the argument, else ``$EXTRACTOR_HF_API``, else Hugging Face's."""
    return (override or os.environ.get(API_ENV) or DEFAULT_API).rstrip("/")


def check_date(raw: str) -> str:
    """A ``YYYY-MM-DD`` date, checked.

    >>> check_date("2025-10-01")
    '2025-10-01'
    >>> check_date("2025-13-01")
    Traceback (most recent call last):
    ...
    extractor._errors.BadIdError: [E106] hf-daily:2025-13-01: not a date (YYYY-MM-DD)
    """
    try:
        return dt.date.fromisoformat(raw.strip()).isoformat()
    except ValueError:
        raise BadIdError("not a date (YYYY-MM-DD)", source=f"hf-daily:{raw}") from None


def _string(obj: dict[str, Any], name: str) -> str | None:
    value = obj.get(name)
    return value.strip() or None if isinstance(value, str) else None


def _paper(item: Any, where: str) -> Paper:
    paper = item.get("paper") if isinstance(item, dict) else None
    if not isinstance(paper, dict):
        raise BadResponseError("the item has no 'paper' object", source=where)
    summary = _string(paper, "summary")
    arxiv_id = _string(paper, "id")
    if not summary or not arxiv_id:
        missing = "'summary'" if not summary else "'id'"
        raise BadResponseError(f"the paper has no {missing}", source=where)
    authors = paper.get("authors")
    names = [
        name
        for a in (authors if isinstance(authors, list) else [])
        if isinstance(a, dict) and (name := _string(a, "name"))
    ]

    def link(name: str) -> str | None:  # on the paper, or (older answers) on the item
        return _string(paper, name) or _string(item, name)

    meta = PaperMeta(
        source="hf-daily",
        arxiv_id=arxiv_id,
        authors=names,
        published=_string(paper, "publishedAt"),
        links=[f"https://huggingface.co/papers/{arxiv_id}"],
        github_repo=link("githubRepo"),
        project_page=link("projectPage"),
    )
    title = _string(paper, "title") or _string(item, "title")
    return Paper(id=arxiv_id, title=title, abstract=" ".join(summary.split()), meta=meta)


def _paper_list(body: bytes, url: str) -> list[Any]:
    """The answer's JSON list; ``BadResponseError`` for anything else."""
    try:
        items = orjson.loads(body)
    except orjson.JSONDecodeError as e:
        raise BadResponseError(f"the answer is not JSON ({e})", source=url) from e
    if not isinstance(items, list):
        raise BadResponseError(
            f"expected a JSON list of papers, got {type(items).__name__}", source=url
        )
    return items


def daily_papers(http: PoliteClient, date: str, api: str | None = None) -> Iterator[SourceItem]:
    """One item per paper listed for ``date``, in the API's order (papers or errors)."""
    source = f"hf-daily:{date}"
    try:
        day = check_date(date)
        url = f"{api_root(api)}/daily_papers"
        items = http.fetch(url, {"date": day}, lambda body: _paper_list(body, url))
    except ExtractorError as error:
        error.source = source
        yield SourceItem(source, None, error=error)
        return
    for position, item in enumerate(items, start=1):
        try:
            yield paper_item(source, position, _paper(item, source))
        except BadResponseError as error:
            error.line = position
            yield SourceItem(source, position, error=error)
