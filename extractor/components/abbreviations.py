"""Find acronym definitions "Long Form (LF)" with the Schwartz-Hearst algorithm.

Schwartz & Hearst (2003), "A simple algorithm for identifying abbreviation definitions in
biomedical text", as scispaCy's ``abbreviation.py`` does it, on characters rather than
tokens so offsets stay exact. Writes ``doc._.paper_abbreviations`` (a list of
:class:`Abbreviation`).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex
from spacy.language import Language
from spacy.tokens import Doc, Span

from extractor.components._frozen import quick_init
from extractor.components._requires import assigns, check_upstream, requires
from extractor.components._spans import CharMatch, doc_text, payload, set_payload, set_spans

# "(LF)" or "(LF;" / "(LF," where LF is 2-10 characters, starts alphanumeric, has a letter
# and, to avoid "(e.g.", "(i)" and "(Zhou et al. 2023)", at least one capital letter.
_finditer_short = regex.compile(
    r"\((?P<short>(?=[^()\s]*\p{Lu})[\p{L}\p{N}][\p{L}\p{N}\-^.+&/]{0,11}[\p{L}\p{N}+])[);,]"
).finditer

SPANS_KEY = "paper_abbreviations"

_search_hyphen_version = regex.compile(r"-\d+(?:\.\d+)?$").search

_finditer_words_backwards = regex.compile(r"\S+", regex.REVERSE).finditer


@quick_init
@dataclass(frozen=True, slots=True)
class Abbreviation:
    """``long`` at ``[long_start, long_end)`` is spelled out by ``short`` at its span."""

    long_start: int
    long_end: int
    short_start: int
    short_end: int
    long: str
    short: str


def best_long_form(short: str, candidate: str) -> int | None:
    """Where in ``candidate`` the long form of ``short`` starts, or None.

    Each letter or digit of ``short``, from the last, must appear in ``candidate`` in
    order, the first one at the start of a word.

    >>> text = "we propose Metrics-Weighted Averaging"
    >>> text[best_long_form("MWA", text):]
    'Metrics-Weighted Averaging'
    >>> best_long_form("XYZ", "a totally unrelated phrase") is None
    True

    Fast and equal to :func:`_best_long_form_plain`, which lowers and compares one
    character at a time: here ``str.rfind`` in the candidate lowered once jumps to the
    next place a character stands. Lowering the whole string lowers each character as
    alone, except where that changes the length (some characters lower to two) or a
    capital sigma lowers by its context; those candidates, and a short form's character
    that lowers to two, go to the plain version.
    """
    lowered = candidate.lower()
    if len(lowered) != len(candidate) or "Σ" in candidate:
        return _best_long_form_plain(short, candidate)
    s_index = len(short) - 1
    l_index = len(candidate) - 1
    while s_index >= 0:
        char = short[s_index].lower()
        if not char.isalnum():
            s_index -= 1
            continue
        if len(char) != 1:
            return _best_long_form_plain(short, candidate)
        l_index = lowered.rfind(char, 0, l_index + 1)
        if s_index == 0:  # the first character must start a word
            while l_index > 0 and candidate[l_index - 1].isalnum():
                l_index = lowered.rfind(char, 0, l_index)
        if l_index < 0:
            return None
        l_index -= 1
        s_index -= 1
    return _word_start(candidate, l_index + 1)


def _best_long_form_plain(short: str, candidate: str) -> int | None:
    """:func:`best_long_form`, one character at a time."""
    s_index = len(short) - 1
    l_index = len(candidate) - 1
    while s_index >= 0:
        char = short[s_index].lower()
        if not char.isalnum():
            s_index -= 1
            continue
        while l_index >= 0 and (
            candidate[l_index].lower() != char
            or (s_index == 0 and l_index > 0 and candidate[l_index - 1].isalnum())
        ):
            l_index -= 1
        if l_index < 0:
            return None
        l_index -= 1
        s_index -= 1
    return _word_start(candidate, l_index + 1)


def _word_start(candidate: str, index: int) -> int:
    """The start of the word holding ``candidate[index]``: where a long form begins."""
    while index > 0 and not candidate[index - 1].isspace():
        index -= 1
    return index


def find_abbreviations(text: str) -> list[Abbreviation]:
    """Every "Long Form (LF)" definition in ``text``.

    >>> [(a.long, a.short) for a in find_abbreviations(
    ...     "We train Stable Diffusion (SD) with Direct Preference Optimization (DPO).")]
    [('Stable Diffusion', 'SD'), ('Direct Preference Optimization', 'DPO')]
    """
    found = []
    for match in _finditer_short(text):
        short = match.group("short")
        short_start, short_end = match.span("short")
        paren = match.start()
        letters = sum(map(str.isalnum, short))
        max_words = min(letters + 5, letters * 2)
        window_start = _window_start(text, paren, max_words)
        candidate = text[window_start:paren].rstrip()
        offset = best_long_form(short, candidate)
        if offset is None and short[-1].isdigit():
            # A model's version often follows its acronym only: "Multimodal AI for Radiology
            # Applications (MAIRA-2)" spells out "MAIRA".
            version = _search_hyphen_version(short)
            if version and version.start() >= 2:
                offset = best_long_form(short[: version.start()], candidate)
        if offset is None and 3 <= letters <= 4:
            # Words such as "the" and "of" lengthen a short acronym's long form past the
            # usual window: "area under the receiver operating characteristic curve (AUC)".
            window_start = _window_start(text, paren, letters + 5)
            candidate = text[window_start:paren].rstrip()
            offset = best_long_form(short, candidate)
        if offset is None:
            continue
        long_start = window_start + offset
        long_text = text[long_start : window_start + len(candidate)]
        if not long_text or len(long_text) <= len(short) or long_text.lower() == short.lower():
            continue
        if len(long_text.split()) < 2 and "-" not in long_text:
            continue
        found.append(
            Abbreviation(
                long_start, long_start + len(long_text), short_start, short_end, long_text, short
            )
        )
    return found


def _window_start(text: str, paren: int, max_words: int) -> int:
    """Start of the last ``max_words`` words before ``paren``, within the sentence.

    Fast and equal to listing every word of the window: the words are read backwards from
    ``paren`` and only the last ``max_words`` are visited (a word is a run of non-spaces,
    the same runs in either direction), and the window is bounded by offsets, not sliced.
    """
    head_start = max(0, paren - 200)
    for stop in (". ", "; ", ": ", "? ", "! ", "("):
        cut = text.rfind(stop, head_start, paren)
        if cut >= 0:
            head_start = cut + len(stop)
    window = text[head_start:paren]
    if max_words >= 1 and window.isascii() and not _holds_any(window, _ODD_SPACES):
        # Fast and equal: in ASCII, regex's white space is str.split's but for U+001C-1F,
        # so the words are the same runs; walk back over the last ``max_words`` of them.
        words = window.split()[-max_words:]
        if not words:
            return paren
        end = len(window.rstrip())
        for word in reversed(words):
            start = end - len(word)
            end = len(window[:start].rstrip())
        return head_start + start
    first = paren
    for count, word in enumerate(_finditer_words_backwards(text, head_start, paren), start=1):
        first = word.start()
        if count == max_words:
            break
    return first


# White space to str.split but not to regex's \s.
_ODD_SPACES = ("\x1c", "\x1d", "\x1e", "\x1f")


def _holds_any(text: str, parts: tuple[str, ...]) -> bool:
    for part in parts:  # noqa: SIM110 (a loop is quicker than any() over a generator)
        if part in text:
            return True
    return False


def _definitions(doc: Doc) -> list[Span]:
    """``doc._.paper_abbreviation_spans``: each defined short form as a Span (scispaCy's
    ``doc._.abbreviations``, namespaced), its long form in ``span._.paper_long_form``."""
    spans = []
    for found in payload(doc, "paper_abbreviations") or []:
        span = doc.char_span(found.short_start, found.short_end, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    return spans


def _long_form(span: Span) -> Span | None:
    """``span._.paper_long_form``: the long form the text defines for this short form."""
    for found in payload(span.doc, "paper_abbreviations") or []:
        if found.short == span.text:
            return span.doc.char_span(found.long_start, found.long_end, alignment_mode="expand")
    return None


class AbbreviationFinder:
    """spaCy component: find acronym definitions and store them on the Doc.

    Writes ``doc._.paper_abbreviations`` (the definitions, as character offsets) and, with
    ``spans``, ``doc.spans["paper_abbreviations"]`` (the short forms, labelled with their
    long form); ``doc._.paper_abbreviation_spans`` and ``span._.paper_long_form`` read them
    as Spans, as scispaCy's abbreviation detector offers them.
    """

    def __init__(self, nlp: Language, name: str = "paper_abbreviations", *, spans: bool = True):
        self.name = name
        self.spans = spans
        if not Doc.has_extension("paper_abbreviations"):
            Doc.set_extension("paper_abbreviations", default=None)
        if not Doc.has_extension("paper_abbreviation_spans"):
            Doc.set_extension("paper_abbreviation_spans", getter=_definitions)
        if not Span.has_extension("paper_long_form"):
            Span.set_extension("paper_long_form", getter=_long_form)

    def __call__(self, doc: Doc) -> Doc:
        found = find_abbreviations(doc_text(doc))
        set_payload(doc, "paper_abbreviations", found)
        if self.spans:
            set_spans(
                doc,
                SPANS_KEY,
                [CharMatch(a.short_start, a.short_end, a.long) for a in found],
            )
        return doc


@Language.factory(
    "paper_abbreviations",
    default_config={"spans": True},
    requires=requires("paper_abbreviations"),
    assigns=assigns("paper_abbreviations"),
)
def make_abbreviation_finder(nlp: Language, name: str, spans: bool) -> AbbreviationFinder:
    """Create the abbreviation finder (``nlp.add_pipe("paper_abbreviations")``)."""
    check_upstream(nlp, "paper_abbreviations")
    return AbbreviationFinder(nlp, name, spans=spans)
