"""Find URLs of code, weights, data and project pages; trim sentence punctuation.

Writes ``doc._.paper_links`` (a list of :class:`LinkMatch`, exact character offsets) and
the token spans ``doc.spans["paper_urls"]``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import regex
from spacy.language import Language
from spacy.tokens import Doc

from extractor.components._frozen import quick_init
from extractor.components._requires import assigns, check_upstream, requires
from extractor.components._spans import CharMatch, doc_text, set_payload, set_spans

SPANS_KEY = "paper_urls"

# Hosts that are recognisable without a scheme ("github.com/x/y").
_BARE_HOSTS = r"""
    (?:github|gitlab|bitbucket|codeberg|gitee|huggingface|kaggle|zenodo|figshare)\.(?:com|co|org)
    | hf\.co | osf\.io | colab\.research\.google\.com | sites\.google\.com
    | [\w-]+\.github\.io | [\w-]+\.gitlab\.io
"""

_finditer_url = re.compile(
    rf"""
    (?:
        # anything with a scheme, even glued to a word before it: a footnote marker in
        # text copied from a web page ("LLMs111https://...") is not part of the URL
        (?<![@/])https?://[^\s<>"'`{{}}|\\^\[\]]+
      | (?<![\w@/.-])                    # not inside an e-mail address or a longer token
        (?:
            www\.[^\s<>"'`{{}}|\\^\[\]]+     # starting with www.
          | (?:{_BARE_HOSTS})(?:/[^\s<>"'`{{}}|\\^\[\]]*)?(?![\w-])   # or a well-known bare host
          | (?:(?<=\bat\s)|(?<=\bvisit\s))     # or any host named as where to go:
            [a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|ai|dev|app)  # "a leaderboard at x.com"
            (?:/[^\s<>"'`{{}}|\\^\[\]]*)?(?![\w-])
        )
    )
    """,
    re.VERBOSE | re.IGNORECASE,
).finditer

_match_scheme = regex.compile(r"https?://", regex.IGNORECASE).match
_sub_scheme = regex.compile(r"^https?://(?:www\.)?", regex.IGNORECASE).sub

_TRAILING = ".,;:!?'\"*"
_PAIRS = {")": "(", "]": "[", "}": "{"}


@quick_init
@dataclass(frozen=True, slots=True)
class LinkMatch:
    """A URL at characters ``[start, end)``, normalised to ``url``, with its kind."""

    start: int
    end: int
    url: str
    kind: str


def trim_url(candidate: str) -> str:
    """Drop sentence punctuation and unbalanced closing brackets from the end of a URL.

    >>> trim_url("https://github.com/example-org/WideAlign.")
    'https://github.com/example-org/WideAlign'
    >>> trim_url("https://en.wikipedia.org/wiki/Foo_(bar)),")
    'https://en.wikipedia.org/wiki/Foo_(bar)'
    >>> trim_url("https://mm-rlhf.github.io.")
    'https://mm-rlhf.github.io'
    """
    while candidate:
        last = candidate[-1]
        unbalanced = last in _PAIRS and candidate.count(last) > candidate.count(_PAIRS[last])
        if last in _TRAILING or unbalanced:
            candidate = candidate[:-1]
        else:
            break
    return candidate


def normalise_url(written: str) -> str:
    """The URL as a link: a scheme added where the text left it out.

    >>> normalise_url("github.com/x/y")
    'https://github.com/x/y'
    >>> normalise_url("http://example.org/a")
    'http://example.org/a'
    """
    if _match_scheme(written):
        return written
    return "https://" + written


def classify_url(url: str) -> str:
    """The kind of link: code, model, dataset, project or other, from host and path.

    >>> classify_url("https://github.com/example-org/ViT4X")
    'code'
    >>> classify_url("https://huggingface.co/datasets/org/data")
    'dataset'
    >>> classify_url("https://huggingface.co/spaces/user/demo")
    'project'
    >>> classify_url("https://huggingface.co/org/Model-70B")
    'model'
    >>> classify_url("https://mapo-t2i.github.io")
    'project'
    >>> classify_url("https://arxiv.org/abs/2405.17247")
    'other'
    """
    rest = _sub_scheme("", url)
    host, _, path = rest.partition("/")
    host = host.lower()
    parts = [p for p in path.split("/") if p]
    if host.endswith((".github.io", ".gitlab.io", ".pages.dev", ".netlify.app", ".vercel.app")):
        return "project"
    if host in {"sites.google.com"}:
        return "project"
    if host in {"huggingface.co", "hf.co"}:
        if parts[:1] == ["datasets"]:
            return "dataset"
        if parts[:1] == ["spaces"]:
            return "project"
        return "model" if len(parts) >= 2 else "other"
    if host in {"github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "gitee.com"}:
        return "code" if parts else "other"
    if host in {"colab.research.google.com"}:
        return "code"
    if host in {"zenodo.org", "figshare.com", "osf.io"} or (
        host == "kaggle.com" and parts[:1] == ["datasets"]
    ):
        return "dataset"
    return "other"


# Most abstracts have no URL, and a URL never spans white space: the full pattern runs only
# on the words that hold one of these hints (found with plain substring search; a
# case-insensitive alternation costs more than the whole text). Every match of the pattern
# holds one: "://" (a scheme), "www." or the dot of its host's suffix, as each well-known
# host ends in ".com", ".co", ".org" or ".io". Five hints cost five scans of the text,
# where one hint per host name cost fourteen.
_URL_HINTS = ("://", "www.", ".co", ".org", ".io", ".net", ".ai", ".dev", ".app")


_search_space = re.compile(r"\s").search
_search_last_space = regex.compile(r"\s", regex.REVERSE).search


# Letters that the pattern, case-insensitive, takes for ASCII ones ("ı" for "i", "ſ" for
# "s"), but that ``str.lower`` leaves as they are, so a hint written with one is not found.
_ODD_CASE_LETTERS = ("\u0131", "\u017f")


def _has_odd_case_letter(text: str) -> bool:
    return not text.isascii() and any(letter in text for letter in _ODD_CASE_LETTERS)


def _url_matches(text: str) -> Iterator[re.Match[str]]:
    """The URL pattern's matches, searched only in the words that hold a hint.

    A URL never spans white space, so searching the words around each hint finds what
    one scan of the whole text would, without trying the pattern at every character.
    The hints are searched in the text in lower case; where lowering shifts offsets ("İ"
    becomes two characters) or keeps a letter the pattern reads as ASCII, the whole text
    is scanned instead.
    """
    lowered = text.lower()
    if len(lowered) != len(text) or _has_odd_case_letter(text):
        yield from _finditer_url(text)
        return
    words: set[tuple[int, int]] = set()
    for hint in _URL_HINTS:
        at = lowered.find(hint)
        while at >= 0:
            space_before = _search_last_space(lowered, 0, at)
            start = space_before.end() if space_before else 0
            space = _search_space(lowered, at)
            words.add((start, space.start() if space else len(text)))
            at = lowered.find(hint, at + 1)
    for start, end in sorted(words):
        yield from _finditer_url(text, start, end)


def find_links(text: str) -> list[LinkMatch]:
    """Every URL in ``text`` with exact offsets (trailing punctuation excluded)."""
    links = []
    for match in _url_matches(text):
        written = trim_url(match.group())
        if "." not in written:
            continue
        start = match.start()
        url = normalise_url(written)
        links.append(LinkMatch(start, start + len(written), url, classify_url(url)))
    return links


class UrlFinder:
    """spaCy component: find links and store them on the Doc."""

    def __init__(self, nlp: Language, name: str = "paper_urls", *, spans: bool = True) -> None:
        self.name = name
        self.spans = spans
        if not Doc.has_extension("paper_links"):
            Doc.set_extension("paper_links", default=None)

    def __call__(self, doc: Doc) -> Doc:
        links = find_links(doc_text(doc))
        set_payload(doc, "paper_links", links)
        if self.spans:
            set_spans(doc, SPANS_KEY, [CharMatch(x.start, x.end, "URL") for x in links])
        return doc


@Language.factory(
    "paper_urls",
    default_config={"spans": True},
    requires=requires("paper_urls"),
    assigns=assigns("paper_urls"),
)
def make_url_finder(nlp: Language, name: str, spans: bool) -> UrlFinder:
    """Create the URL finder (``nlp.add_pipe("paper_urls")``)."""
    check_upstream(nlp, "paper_urls")
    return UrlFinder(nlp, name, spans=spans)
