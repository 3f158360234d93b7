"""Which records are the same paper: by arXiv id when known, else by normalised title.

A paper can reach the store twice under two ids: once from arXiv (id "2405.00001") and
once from a feed page (id = a slug of its title). Two records are the same paper when
their arXiv ids are equal, or, when at most one of them knows its arXiv id, when their
titles are equal up to case, accents, punctuation and spacing (titles of under three
words are too generic to tell papers apart). Pure: the store and the leaderboard use it
without loading spaCy.

>>> title_key("ZetaNet: Fast  Transformers!") == title_key("zetanet - fast transformers")
True
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import regex

from extractor_schemas import PaperRecord

_ARXIV = r"(?P<id>\d{4}\.\d{4,5}|[a-z][a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?"
_match_arxiv_id = regex.compile(r"(?:arxiv:)?" + _ARXIV, regex.IGNORECASE).fullmatch
_search_arxiv_url = regex.compile(
    r"(?:arxiv\.org/(?:abs|pdf|html)|huggingface\.co/papers)/" + _ARXIV, regex.IGNORECASE
).search
_search_doi = regex.compile(r"\b10\.\d{4,9}/\S+").search
_MIN_TITLE_WORDS = 3


def arxiv_id(record: PaperRecord) -> str | None:
    """The record's arXiv id without version: from ``meta``, its id, or an arXiv link.

    >>> from extractor_schemas import PaperRecord, PaperMeta
    >>> arxiv_id(PaperRecord(id="2405.17247v2", text=""))
    '2405.17247'
    >>> arxiv_id(PaperRecord(id="slug", text="", meta=PaperMeta(
    ...     links=["https://arxiv.org/abs/hep-th/9901001v1"])))
    'hep-th/9901001'
    >>> arxiv_id(PaperRecord(id="longalign", text="")) is None
    True
    """
    meta = record.meta
    candidates = [meta.arxiv_id] if meta and meta.arxiv_id else []
    candidates.append(record.id)
    for candidate in candidates:
        found = _match_arxiv_id(candidate)
        if found:
            return str(found["id"])
    for link in meta.links if meta else []:
        found = _search_arxiv_url(link)
        if found:
            return str(found["id"])
    return None


def title_key(title: str | None) -> str | None:
    """A title as two spellings of it share it; None for no title or under three words.

    >>> title_key("Café au Lait: A Study"), title_key("Introduction")
    ('cafe au lait a study', None)
    """
    if not title:
        return None
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = regex.findall(r"[^\W_]+", plain.casefold())
    return " ".join(words) if len(words) >= _MIN_TITLE_WORDS else None


def paper_url(record: PaperRecord) -> str | None:
    """The paper's page: arXiv's abstract page when its id is known, else a DOI link.

    >>> paper_url(PaperRecord(id="2403.01234", text=""))
    'https://arxiv.org/abs/2403.01234'
    """
    found = arxiv_id(record)
    if found:
        return f"https://arxiv.org/abs/{found}"
    for link in record.meta.links if record.meta else []:
        doi = _search_doi(link)
        if doi:
            return f"https://doi.org/{doi.group()}"
    return None


@dataclass
class PaperIndex:
    """Papers seen so far, to find the one a new record is the same paper as."""

    by_arxiv: dict[str, str] = field(default_factory=dict)  # arXiv id -> record id
    by_title: dict[str, str] = field(default_factory=dict)  # title key -> record id
    arxiv_of: dict[str, str | None] = field(default_factory=dict)  # record id -> arXiv id

    def same_paper(self, record: PaperRecord) -> str | None:
        """The id of a paper seen before that ``record`` is, else None."""
        if record.id in self.arxiv_of:
            return record.id
        found = arxiv_id(record)
        if found and found in self.by_arxiv:
            return self.by_arxiv[found]
        key = title_key(record.title)
        other = self.by_title.get(key) if key else None
        if other is not None and (found is None or self.arxiv_of[other] in (None, found)):
            return other
        return None

    def add(self, record: PaperRecord) -> str | None:
        """Note ``record``; returns the id of the earlier record it replaces, if any."""
        replaced = self.same_paper(record)
        if replaced is not None:
            self._forget(replaced)
        found = arxiv_id(record)
        self.arxiv_of[record.id] = found
        if found:
            self.by_arxiv[found] = record.id
        key = title_key(record.title)
        if key:
            self.by_title[key] = record.id
        return replaced

    def _forget(self, record_id: str) -> None:
        self.arxiv_of.pop(record_id, None)
        for index in (self.by_arxiv, self.by_title):
            for key in [k for k, v in index.items() if v == record_id]:
                del index[key]
