"""Papers from the arXiv API (``/api/query``): by id, or by a search query with paging.

The API answers in Atom. Its quirks, handled here: an invalid query or id answers 200 with
one entry titled "Error"; throttling answers 200 with the text "Rate exceeded." (retried
like a 429); the API's terms ask for one request at a time, at least 3 seconds apart,
which is enforced whatever delay is asked for when the host is arxiv.org.

XML is parsed with the standard library's expat, which expands no external entities and,
from expat 2.4.1 on, refuses entity-expansion bombs.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from urllib.parse import urlsplit

import regex

from extractor._errors import BadIdError, BadResponseError, ExtractorError, NotFoundError
from extractor.fetch._http import PoliteClient
from extractor.sources import SourceItem, paper_item
from extractor_schemas import Paper, PaperMeta

DEFAULT_API = "https://export.arxiv.org/api/query"
API_ENV = "EXTRACTOR_ARXIV_API"
#: The API's terms: no more than one request every three seconds.
ARXIV_DELAY = 3.0
IDS_PER_REQUEST = 50
PAGE_SIZE = 100

_NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "arxiv": "http://arxiv.org/schemas/atom",
    "opensearch": "http://a9.com/-/spec/opensearch/1.1/",
}
_NEW_ID = r"\d{4}\.\d{4,5}"
_OLD_ID = r"[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7}"
_ID = regex.compile(rf"(?P<base>{_NEW_ID}|{_OLD_ID})(?P<version>v\d+)?")
_URL_PATH = regex.compile(r"/(?:abs|pdf|html)/(?P<id>.+?)(?:\.pdf)?/?$")


def api_url(override: str | None = None) -> str:
    """The query endpoint: the argument, else ``$EXTRACTOR_ARXIV_API``, else arXiv's."""
    return override or os.environ.get(API_ENV) or DEFAULT_API


def normalise_id(raw: str) -> str:
    """An arXiv id (version kept) from an id, an ``arXiv:`` id, or an abs/pdf URL.

    >>> normalise_id("https://arxiv.org/pdf/2405.17247v2.pdf")
    '2405.17247v2'
    >>> normalise_id("arXiv:hep-th/9901001")
    'hep-th/9901001'
    >>> normalise_id("not-an-id")
    Traceback (most recent call last):
    ...
    extractor._errors.BadIdError: [E106] arxiv:not-an-id: not an arXiv id, abs URL or pdf URL
    """
    text = raw.strip()
    if "://" in text or text.startswith(("arxiv.org/", "www.arxiv.org/")):
        found = _URL_PATH.search(urlsplit(text if "://" in text else f"https://{text}").path)
        text = str(found["id"]) if found else ""
    text = str(regex.sub(r"(?i)^arxiv:", "", text))
    if not _ID.fullmatch(text):
        raise BadIdError("not an arXiv id, abs URL or pdf URL", source=f"arxiv:{raw}")
    return text


def base_id(arxiv_id: str) -> str:
    """The id without its version: ``2405.17247v2`` -> ``2405.17247``."""
    found = _ID.fullmatch(arxiv_id)
    return str(found["base"]) if found else arxiv_id


@dataclass(frozen=True)
class Feed:
    """One parsed answer: its papers in order and the query's total hit count."""

    papers: list[Paper]
    total: int | None


def rate_exceeded(body: bytes) -> str | None:
    """Why an answer is worth retrying: arXiv's throttling text instead of a feed."""
    return "arXiv answered 'Rate exceeded.'" if body.lstrip().startswith(b"Rate exceeded") else None


def _text(element: ET.Element, path: str) -> str | None:
    found = element.find(path, _NS)
    if found is None or found.text is None:
        return None
    return " ".join(found.text.split())


def _entry_paper(entry: ET.Element, url: str) -> Paper:
    raw_id = _text(entry, "atom:id") or ""
    found = _URL_PATH.search(urlsplit(raw_id).path)
    if found is None or not _ID.fullmatch(found["id"]):
        raise BadResponseError(f"an entry has no arXiv id ({raw_id!r})", source=url)
    arxiv_id = found["id"]
    abstract = _text(entry, "atom:summary")
    if not abstract:
        raise BadResponseError(f"entry {arxiv_id} has no summary", source=url)
    primary = entry.find("arxiv:primary_category", _NS)
    categories = [primary.get("term", "")] if primary is not None else []
    categories += [c.get("term", "") for c in entry.findall("atom:category", _NS)]
    links = [
        link.get("href", "")
        for link in entry.findall("atom:link", _NS)
        if link.get("rel") == "alternate" or link.get("title") == "pdf"
    ]
    meta = PaperMeta(
        source="arxiv",
        arxiv_id=arxiv_id,
        authors=[n for a in entry.findall("atom:author", _NS) if (n := _text(a, "atom:name"))],
        published=_text(entry, "atom:published"),
        updated=_text(entry, "atom:updated"),
        categories=list(dict.fromkeys(c for c in categories if c)),
        links=[link for link in links if link],
    )
    return Paper(
        id=base_id(arxiv_id), title=_text(entry, "atom:title"), abstract=abstract, meta=meta
    )


def parse_feed(body: bytes, url: str) -> Feed:
    """The papers of an Atom answer; ``BadResponseError`` for an "Error" entry or bad XML."""
    try:
        root = ET.fromstring(body)
    except ET.ParseError as e:
        raise BadResponseError(f"the answer is not Atom XML ({e})", source=url) from e
    if root.tag != f"{{{_NS['atom']}}}feed":
        raise BadResponseError(f"the answer is not an Atom feed (root {root.tag!r})", source=url)
    entries = root.findall("atom:entry", _NS)
    if len(entries) == 1 and _text(entries[0], "atom:title") == "Error":
        reason = _text(entries[0], "atom:summary") or "no reason given"
        raise BadResponseError(f"arXiv reports an error: {reason}", source=url)
    total = _text(root, "opensearch:totalResults")
    return Feed(
        papers=[_entry_paper(entry, url) for entry in entries],
        total=int(total) if total and total.isdigit() else None,
    )


class ArxivClient:
    """Fetches papers by id or by query, one polite request at a time."""

    def __init__(self, http: PoliteClient, api: str | None = None) -> None:
        self.api = api_url(api)
        self.http = http
        self.http.retry_if = rate_exceeded
        host = urlsplit(self.api).hostname or ""
        if host == "arxiv.org" or host.endswith(".arxiv.org"):
            self.http.limiter.delay = max(self.http.limiter.delay, ARXIV_DELAY)

    def _feed(self, params: dict[str, str | int]) -> Feed:
        return self.http.fetch(self.api, params, lambda body: parse_feed(body, self.api))

    def fetch(self, ids: Iterable[str]) -> Iterator[SourceItem]:
        """One item per id, in order: the paper, or the error naming that id."""
        iterator = iter(ids)
        while batch := list(islice(iterator, IDS_PER_REQUEST)):
            yield from self._fetch_batch(batch)

    def _fetch_batch(self, raw_ids: list[str]) -> Iterator[SourceItem]:
        wanted: dict[str, str | ExtractorError] = {}
        for raw in raw_ids:
            try:
                wanted[raw] = normalise_id(raw)
            except BadIdError as error:
                wanted[raw] = error
        ids = list(dict.fromkeys(v for v in wanted.values() if isinstance(v, str)))
        found: dict[str, Paper] = {}
        failure: ExtractorError | None = None
        if ids:
            try:
                feed = self._feed({"id_list": ",".join(ids), "max_results": len(ids)})
                for paper in feed.papers:
                    assert paper.meta is not None and paper.meta.arxiv_id is not None
                    found[paper.meta.arxiv_id] = found[base_id(paper.meta.arxiv_id)] = paper
            except BadResponseError as error:
                if len(ids) > 1:  # one bad id spoils the batch: ask for each alone
                    yield from (item for raw in raw_ids for item in self._fetch_batch([raw]))
                    return
                failure = error
            except ExtractorError as error:
                failure = error
        for raw, wanted_id in wanted.items():
            yield self._item(raw, wanted_id, found, failure)

    @staticmethod
    def _item(
        raw: str,
        wanted: str | ExtractorError,
        found: dict[str, Paper],
        failure: ExtractorError | None,
    ) -> SourceItem:
        source = f"arxiv:{raw}"
        if isinstance(wanted, ExtractorError):
            return SourceItem(source, None, error=wanted)
        if failure is not None:
            failure.source = source
            return SourceItem(source, None, error=failure)
        paper = found.get(wanted)
        if paper is None:
            return SourceItem(
                source, None, error=NotFoundError("arXiv has no such paper", source=source)
            )
        return paper_item(source, None, paper)

    def search(
        self, query: str, max_results: int, page_size: int = PAGE_SIZE
    ) -> Iterator[SourceItem]:
        """Up to ``max_results`` papers matching an arXiv query, fetched page by page."""
        source = f"arxiv query {query!r}"
        start = 0
        while start < max_results:
            size = min(page_size, max_results - start)
            params: dict[str, str | int] = {
                "search_query": query,
                "start": start,
                "max_results": size,
            }
            try:
                feed = self._feed(params)
            except ExtractorError as error:
                error.source = f"{source} (results {start + 1}-{start + size})"
                yield SourceItem(source, None, error=error)
                return
            for offset, paper in enumerate(feed.papers, start=start + 1):
                yield paper_item(source, offset, paper)
            start += len(feed.papers)
            if not feed.papers or (feed.total is not None and start >= feed.total):
                return
