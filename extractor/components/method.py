"""Find the name a paper gives its own contribution.

Evidence, strongest first: a title prefix ("Q-Tuner: Enabling ..."), "called / named /
dubbed X", and "we propose / introduce / present X" (with an acronym definition
"Long Form (LF)" giving the alias). Null when nothing is named. Writes
``doc._.paper_method`` (a :class:`MethodMatch` or None) and ``doc.spans["paper_method"]``;
reads the title from ``doc._.paper_title``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import regex
from spacy.language import Language
from spacy.tokens import Doc

from extractor.components._frozen import quick_init
from extractor.components._requires import assigns, check_upstream, requires
from extractor.components._spans import (
    CharMatch,
    Intervals,
    doc_text,
    payload,
    set_payload,
    set_spans,
    whole_word_spans,
)
from extractor.components.abbreviations import Abbreviation
from extractor.components.name_typer import SOURCE as TYPED
from extractor.components.names import BENCHMARK, NameMatch, name_key
from extractor.gazetteers import load_gazetteer, load_word_list
from extractor.lexicon.cues import matches_at, places_of

SPANS_KEY = "paper_method"

# A coined name: one token with two capitals, a digit after a letter, or a capital after a
# lower-case letter ("ZLoRA", "Q-Tuner", "ViT4X", "WideAlign"), optionally followed by
# a version ("Talk-3D v2").
_NAME = r"""(?:
    (?=[\p{L}\p{N}\-.^+]*(?:\p{Lu}[\p{L}\p{N}\-.^+]*\p{Lu}|\p{L}\p{N}|\p{Ll}\p{Lu}))
    \p{L}[\p{L}\p{N}\-.^+]*[\p{L}\p{N}+]
    (?:\s(?:v\d+(?:\.\d+)*|\d+(?:\.\d+)*(?=\s|$)))?
)"""
# Any capitalised word, for "named X" / "dubbed X" where the cue is strong.
_WORD = r"(?:(?=[\p{L}\p{N}\-.^+]*\p{Lu})\p{L}[\p{L}\p{N}\-.^+]*[\p{L}\p{N}+]|\p{Lu})"


def cue_places(
    text: str,
    words: tuple[str, ...],
    openings: tuple[str, ...] = (),
    verbs: tuple[str, ...] = (),
) -> list[int]:
    """Where a pattern may match that opens with one of ``words``, or with one of
    ``openings``, white space and one of ``verbs`` (``[Ww]e\\s+(?:call|name)``): at each
    place one of ``words`` stands, and at the opening that white space alone parts from a
    verb. ``str.isspace`` holds for every character ``regex`` counts as ``\\s``, so no
    other place can open such a match (the pattern decides about the rest).

    >>> text = "We  call it X; our model, the proposed Y"
    >>> cue_places(text, ("our",), ("We", "the"), ("call", "proposed"))
    [15, 0, 26]
    """
    places = places_of(text, words)
    for verb in verbs:
        at = text.find(verb)
        while at >= 0:
            space = at
            while space > 0 and text[space - 1].isspace():
                space -= 1
            if space < at:
                places += [space - len(o) for o in openings if text.endswith(o, 0, space)]
            at = text.find(verb, at + 1)
    return places


def searched_at(
    pattern: regex.Pattern[str],
    words: tuple[str, ...],
    openings: tuple[str, ...] = (),
    verbs: tuple[str, ...] = (),
) -> Callable[[str], regex.Match[str] | None]:
    """``pattern.search`` for a pattern every match of which opens as :func:`cue_places`
    says, tried only at those places, not at every position of the text (a search of an
    abstract costs 10-40 us): the first place it matches at is where the search finds it.
    """
    match = pattern.match

    def search(text: str) -> regex.Match[str] | None:
        return next(matches_at(match, text, cue_places(text, words, openings, verbs)), None)

    return search


_CALLED = ("called", "named", "dubbed", "termed", "coined", "nicknamed")
_called = regex.compile(
    rf"\b(?:called|named|dubbed|termed|coined|nicknamed)\s+(?:as\s+)?(?P<name>{_WORD})(?![\w\-])",
    regex.VERBOSE,
)
_search_called = searched_at(_called, _CALLED)
# "which we call FooMix", "We call this combination BarRec", "referred to as ZetaNet": a
# weaker cue than "called", so the name must be coined (two capitals, a digit, CamelCase).
_we_call = regex.compile(
    rf"""(?:\b[Ww]e\s+(?:call|term|dub|name)\s+
           (?:(?:it|them|(?:the|this|our|these|such|the\s+resulting)\s+(?:[\w\-]+\s+){{0,2}}?[\w\-]+)\s+)?
       |\breferred\s+to\s+as\s+)
    (?P<name>{_NAME})(?![\w\-])""",
    regex.VERBOSE,
)
_WE = ("we", "We")
_CALL_VERBS = ("call", "term", "dub", "name")
_search_we_call = searched_at(_we_call, ("referred",), _WE, _CALL_VERBS)
_WE_CALL_CUES = ("e call ", "e term ", "e dub ", "e name ", "referred to as ")

_our_method = regex.compile(
    rf"\b(?:[Oo]ur|[Tt]he\s+proposed)\s+(?:method|approach|framework|model|system|algorithm|"
    rf"technique|pipeline|architecture)\s*,?\s+(?:(?:called|named|dubbed)\s+)?"
    rf"(?P<name>{_NAME})(?=\s*[,.;:(]|\s+(?:is|achieves|outperforms|improves|reaches)\b)",
    regex.VERBOSE,
)
# "Our agent, Zetabot, learns ...": the commas around the name make any capitalised word
# the name; the noun says it is a trained system.
_our_system = regex.compile(
    rf"\b(?:[Oo]ur|[Tt]he\s+proposed)\s+(?P<noun>{{nouns}})\s*,\s+(?P<name>{_WORD})\s*,".replace(
        "{nouns}",
        r"agent|network|detector|classifier|policy|planner|controller|model|LLM|VLM|assistant|"
        r"chatbot|robot|system|framework|method|approach",
    )
)


_search_our_method = searched_at(_our_method, ("our", "Our"), ("the", "The"), ("proposed",))
_search_our_system = searched_at(_our_system, ("our", "Our"), ("the", "The"), ("proposed",))
_INTRODUCING = r"present|introduce|propose|release|develop|build|train|open-source"
# "we present Vicuna, a chatbot ...": a listed name the paper introduces as its own.
_match_intro_apposition = regex.compile(r"\s*,\s+(?:a|an)\s").match

# "The proposed OrcaSeg-B obtains ...": no noun, so a performance verb must follow; matched
# right after each "he proposed " (a plain find), never searched over the whole text.
_match_proposed_name = regex.compile(
    rf"(?P<name>{_NAME}|\p{{Lu}}\p{{Ll}}+)\s+(?:achieves|outperforms|improves|reaches|obtains|"
    rf"attains|surpasses|yields|delivers|sets|runs|operates)\b",
    regex.VERBOSE,
).match


def _search_proposed_name(text: str) -> regex.Match[str] | None:
    at = text.find("he proposed ")
    while at >= 0:
        if at and text[at - 1] in "Tt" and (found := _match_proposed_name(text, at + 12)):
            return found
        at = text.find("he proposed ", at + 12)
    return None


# A name the paper puts in quotes after naming it, lower case allowed: 'we call the
# result "model soups"', 'a scheme dubbed "lazy merging"'.
_quoted_name = regex.compile(
    r"""(?:\b[Ww]e\s+(?:call|term|dub|name)\s+
           (?:(?:it|them|(?:the|our|these|such)\s+(?:[\w\-]+\s+){0,2}?[\w\-]+)\s+)?
      | (?<!-)\b(?:called|named|dubbed|termed|coined)\s+)
    (?<!\b(?:phenomen\w+|effects?|problems?|issues?|behaviou?rs?|failures?|tendency|gaps?|
            paradox|bias|this|these)\s+)   # a finding named, not the paper's method
    (?:as\s+)?["“](?!(?:the|a|an)\s)(?P<name>\p{L}[\p{L}\p{N}\-]*(?:\s[\p{L}\p{N}\-]+){0,3})[.,]?["”]""",
    regex.VERBOSE,
)
_CUE_WORDS = ("called", "named", "dubbed", "termed", "coined")
_search_quoted_name = searched_at(_quoted_name, _CUE_WORDS, _WE, _CALL_VERBS)
_finditer_cue = regex.compile(r"\b(?:called|named|dubbed|termed|coined|nicknamed)\s").finditer

_proposal = regex.compile(
    r"""
    \b(?:we|this\s+(?:paper|work|study|report)|here,?\s+we|and)
    (?:\s+(?:\w+ly|then|also|further|first|next|finally|thus|hence|therefore))?  # "we then"
    \s+(?:propose|introduce|present|develop|design|build|create|release|construct|curate|
         contribute|devise|establish|offer|unveil)[sd]?\b
    (?P<clause>[^.;:!?]{0,200})
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
_match_proposal = _proposal.match
_SUBJECT_WORDS = ("we", "this", "here", "and")
# "We formulate ... and propose X": "and" opens a proposal only after a "we" in its sentence.
_search_we = regex.compile(r"\b[Ww]e\b").search


def _continues_our_sentence(text: str, at: int) -> bool:
    """Whether the sentence before ``at`` has "we" as a subject."""
    return bool(_search_we(text, max(0, text.rfind(". ", 0, at)), at))


def _finditer_proposal(text: str) -> Iterator[regex.Match[str]]:
    """The matches ``_proposal.finditer(text)`` gives, tried only where a subject word
    starts a word: scanning every character for the pattern cost more than the rest of
    the method finder."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a character that lowers to two: offsets would shift
        yield from _proposal.finditer(text)
        return
    starts = set()
    for word in _SUBJECT_WORDS:
        at = lowered.find(word)
        while at >= 0:
            before = text[at - 1] if at else " "
            if not (before.isalpha() or before.isdecimal() or before == "_"):
                starts.add(at)  # a letter, digit or "_" before: no word boundary
            at = lowered.find(word, at + 1)
    end = 0
    for at in sorted(starts):
        if at >= end and (proposal := _match_proposal(text, at)):
            end = proposal.end()
            yield proposal


# "we propose a novel framework, X" / "a simple, tuning-free alignment method, X": a
# generic description, then the name.
_match_generic_intro = regex.compile(
    r"""\s+(?:an?|the|our)\s+(?:[\w\-]+,?\s+){0,6}?
        (?:framework|method|approach|model|algorithm|technique|strategy|pipeline|system|
           benchmark|dataset|paradigm|loss|objective|module|scheme|architecture|family|suite|
           toolkit|library|metric|recipe|procedure|agent|attack|defen[cs]e|tool|network|
           mechanism|solution|protocol|policy|optimizer|corpus)s?
        \s*(?:,|:|\s-|–|—)?\s*(?:(?:called|named|dubbed|termed|coined)\s+)?
        (?=\p{Lu}|[\p{L}\p{N}\-]*\p{Lu})""",
    regex.VERBOSE | regex.IGNORECASE,
).match

# A Title Case name right after a generic description: "..., Binary Classifier Optimization,".
_match_titlecase_name = regex.compile(
    r"(?P<name>\p{Lu}[\p{L}\-]+(?:\s(?:(?:for|of|and|with|in|on|to)\s)?\p{Lu}[\p{L}\-]+){1,6})"
    r"(?=\s*(?:,|\(|\s(?:that|which)\b))"
).match


# A Title Case name right after an article: "we propose a Temporal Pyramid Adapter that".
_match_article_name = regex.compile(
    r"\s+(?:a|an|the)\s+(?:novel\s+|new\s+)?"
    r"(?P<name>\p{Lu}[\p{L}\-]+(?:\s\p{Lu}[\p{L}\-]+){1,5})"
    r"(?=\s*(?:,|\(|\s(?:that|which)\b))"
).match


# A plain capitalised word right after the verb, closing the clause: "we propose Bolt."
_match_plain_name = regex.compile(
    r"\s+(?P<name>\p{Lu}\p{Ll}+\d*)(?=\s*[.,;:(]|\s+(?:which|that|with|as)\b)"
).match


def _is_common_word(text: str, name: str) -> bool:
    """A hyphenated Title Case word that the text also writes in lower case ("Pre-Training"
    beside "pre-training") is a term, not a coined name."""
    return bool(_match_title_hyphenated(name)) and name.lower() in text


_match_title_hyphenated = regex.compile(r"\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)+").fullmatch

# The name follows the verb closely: "we propose ZLoRA with ...", "we introduce X, a ...".
# A stop word is a word of its own, not part of a hyphenated name ("Robust-TO", "Q-In").
_search_clause_stop = regex.compile(
    r"(?:,|\s-\s|(?<![\w\-])(?:which|that|to|for|with|by|in|on|from|via|of|where|whose|and|as)"
    r"(?![\w\-]))",
    regex.IGNORECASE,
).search

# "X, a dataset built upon ...", "X (XB), a new benchmark": the name is a dataset's; a later
# "we propose Y" names the method.
_match_dataset_apposition = regex.compile(
    r"\s*(?:\([^)]{1,40}\))?\s*,\s*(?:a|an|the)\s+(?:[\w\-]+\s+){0,4}?"
    r"(?:dataset|benchmark|corpus|data\s+set|test\s?bed)s?\b"
).match

# "We introduce Attention Spectrum Analysis (ASA) to quantify ...": a tool the paper uses to
# study something, not the method it proposes (a later "we propose Y" names that).
_match_analysis_purpose = regex.compile(
    r"\s*(?:\([^)]{1,40}\))?\s*,?\s+to\s+(?:quantify|measure|analy[sz]e|evaluate|assess|"
    r"study|probe|diagnose|characteri[sz]e|examine|investigate|explain|understand|audit)\b"
).match


# "X benchmark", "X (XB), a dataset ...": the text calls the name data.
_match_data_noun = regex.compile(
    r"\)?\s+(?:benchmark|dataset|corpus|suite|test\s?bed)s?\b", regex.IGNORECASE
).match


def _is_called_data(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` is called a dataset or benchmark."""
    return bool(_match_dataset_apposition(text, end) or _match_data_noun(text, end))


def _names_something_else(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` is introduced as a dataset or an analysis tool."""
    return bool(_match_dataset_apposition(text, end) or _match_analysis_purpose(text, end))


# "LLM-generated", "GPT-based", "CLIP-guided": an adjective made from a name, not a name.
_match_adjective_compound = regex.compile(
    r".*-\p{Ll}*(?:ed|based|free|aware|like|level|only|specific|wise|style)"
).fullmatch

_search_name_in_clause = regex.compile(rf"(?<![\w\-]){_NAME}(?![\w\-])", regex.VERBOSE).search

# A coined name before the title's colon; it may open with digits ("3DTurboQuant: ..."),
# and the colon may lack its space ("EchoDistill:Alignment ...").
_match_title_prefix = regex.compile(
    rf"""
    ^\s*(?P<name>(?:\p{{N}}+(?=\p{{Lu}}\p{{L}}))?{_NAME}(?:\s{_WORD}){{0,2}}?)\s*:(?:\s+\S|(?=\p{{Lu}}))
    """,
    regex.VERBOSE,
).match
# A plain capitalised word, perhaps with "+"s or a version: "Goose: ...", "Wanda++: ...",
# "Samudra 2: ...".
_match_title_single = regex.compile(
    r"^\s*(?P<name>\p{Lu}[\p{L}\p{N}\-]+(?:\+{1,2})?(?:\s\d+(?:\.\d+)?)?)\s*:(?:\s+\S|(?=\p{Lu}))"
).match

# "X, a new multimodal large language model" / "X, an LLM": the method is a model.
# Words between the article and the head noun: adjectives and noun modifiers, never a
# verb or relative clause ("X, an approach that aligns LLMs" is not a model); a bracketed
# acronym may stand among them ("a speech recognition (ASR) model").
# The words before the noun may hold a decimal ("a 0.5B-parameter model") or be listed
# with commas ("a novel dual-prompt, dual-branch multimodal model").
_MODIFIERS = (
    r"(?:(?!(?:that|which|who|to|for|of|with|by|approach|method|framework|technique|"
    r"algorithm|strategy|dataset|benchmark|module|pipeline|loss|paradigm|mechanism|toolkit|"
    r"library)\b)(?:[\w\-]+(?:\.\d+[\w\-]*)?,?|\([^)]{1,15}\))\s+){0,6}?"
)
_MODEL_WORDS = r"(?:model|LLM|MLLM|VLM|LMM|language\s+model|assistant|chatbot|agent|network)s?"
# Trained systems named by what they do, after the name only ("FooDet, a real-time
# detector"): before a name such a noun ends a clause ("Applied to the X classifier, Y").
# A named network or architecture the paper trained is a model too ("FooNet, a compact
# vision transformer architecture", "a lightweight speech encoder", "a 3D U-Net variant").
_SYSTEM_WORDS = (
    r"(?:detector|classifier|segmenter|recogni[sz]er|architecture|backbone|encoder|"
    r"transformer|recommender|forecaster|vocoder)s?|\p{Lu}[\p{L}\p{N}\-]*\s+variant"
)


_match_model_apposition = regex.compile(
    rf"\s*(?:\([^)]*\))?\s*,\s*(?:a|an|the|our)\s+{_MODIFIERS}(?:{_MODEL_WORDS}|{_SYSTEM_WORDS})"
    r"(?![\w\-])"
).match


# "... a large-scale speech recognition model, Whale": the model is named after its noun.
# A system noun right before the name ("our detector FastEye", "a novel detector, coined
# as FastEye"), but not when a comma alone follows it ("Applied to the X classifier, Y").
_search_model_before = regex.compile(
    rf"\b(?:[Aa]|[Aa]n|[Tt]he|[Oo]ur)\s+{_MODIFIERS}"
    rf"(?:{_MODEL_WORDS},?\s+(?:called\s+|named\s+|dubbed\s+)?"
    rf"|(?:{_SYSTEM_WORDS}),?\s+(?:called|named|dubbed|termed|coined)\s+(?:as\s+)?"
    rf"|(?:{_SYSTEM_WORDS})\s+)\Z",
    regex.REVERSE,  # anchored at the window's end: searched backwards, ~4x faster
).search


# "Our BASIC model", "X models": the name used as a model.
_match_model_noun_after = regex.compile(r"\s(?:model|models|LLM|MLLM|VLM)(?![\w\-])").match


@quick_init
@dataclass(frozen=True, slots=True)
class MethodMatch:
    """The proposed method's name, its aliases and where the text mentions either."""

    name: str
    aliases: tuple[str, ...]
    mentions: tuple[tuple[int, int], ...]
    is_model: bool
    #: Spellings of the method that the name finder took for a benchmark grown from a
    #: listed one ("LRA-EE" from LRA, "HANS-Net" from HANS): the method, not a benchmark.
    not_benchmarks: tuple[str, ...] = ()


def without_method_benchmarks(
    text: str, names: list[NameMatch], method: MethodMatch | None
) -> list[NameMatch]:
    """``names`` without the benchmark mentions that are really the paper's method, and
    without the names the learned typer proposed (source "typed") that spell the method
    (the typer runs before the method is known; its training leaves the method out too)."""
    if method is None:
        return names
    typed = any(n.source == TYPED for n in names)
    if not method.not_benchmarks and not typed:
        return names
    own = {name_key(s) for s in (method.name, *method.aliases)} if typed else set()
    return [
        n
        for n in names
        if not (
            (n.label == BENCHMARK and text[n.start : n.end] in method.not_benchmarks)
            or (n.source == TYPED and name_key(text[n.start : n.end]) in own)
        )
    ]


_match_variant = regex.compile(
    r"-(?:\p{Lu}{1,2}|\p{Lu}?\d+(?:\.\d+)?[BMK]?|v\d+|Base|Large|Small|Tiny|Huge)(?![\w\-])"
).match


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char in "-_"


def _mentions(
    text: str, names: list[str], urls: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """Where each name stands as a whole word, outside URLs; longer names first, no overlaps.

    >>> _mentions("MWA and Metrics-Weighted Averaging (MWA); MWAx", ["MWA"])
    [(0, 3), (36, 39)]
    >>> _mentions("SwiftSeg-B beats SwiftSeg.", ["SwiftSeg"])
    [(0, 10), (17, 25)]
    >>> _mentions("Foo: see github.com/x/Foo", ["Foo"], [(9, 25)])
    [(0, 3)]
    """
    found: list[tuple[int, int]] = []
    taken = Intervals(urls)
    for name in sorted(set(names), key=len, reverse=True):
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            # A variant of the name is a mention of it: "SwiftSeg-B", "ZetaNet-L".
            while variant := _match_variant(text, end):
                end = variant.end()
            whole = (start == 0 or not _is_word_char(text[start - 1])) and (
                end == len(text) or not _is_word_char(text[end])
            )
            if whole and not taken.overlaps(start, end):
                found.append((start, end))
                taken.add(start, end)
            start = text.find(name, start + 1)
    return sorted(found)


def _title_name(title: str | None, text: str) -> str | None:
    """The name before the title's colon: a coined name ("Q-Tuner: ..."), or a plain
    capitalised word the abstract also uses mid-sentence as a name ("Whale: ...")."""
    if not title:
        return None
    coined = _match_title_prefix(title)
    if coined:
        name: str = coined.group("name").strip()
        return name
    single = _match_title_single(title)
    if single and _used_as_name(text, single.group("name")):
        word: str = single.group("name")
        return word
    words = _match_title_words(title)
    if words and _is_introduced(text, words.group("name")):
        phrase: str = words.group("name")  # "Light Forcing: ..." + "we propose Light Forcing"
        return phrase
    return None


# Two to four capitalised words before the title's colon ("Ambient Physics: ..."): a name
# only when the abstract introduces the same words.
_match_title_words = regex.compile(
    r"^\s*(?P<name>\p{Lu}[\p{L}\p{N}\-]*(?:\s\p{Lu}[\p{L}\p{N}\-]*){1,3})\s*:\s"
).match


def _is_introduced(text: str, name: str) -> bool:
    """Whether an introducing verb is followed by ``name`` ("we introduce Ambient Physics").

    >>> _is_introduced("Here we propose Light Forcing, the first ...", "Light Forcing")
    True
    >>> _is_introduced("We study Light Forcing in practice.", "Light Forcing")
    False
    """
    pattern = rf"(?i:\b(?:{_INTRODUCING})[sd]?\s+(?:the\s+)?){regex.escape(name)}(?![\w\-])"
    return bool(regex.search(pattern, text))


def _used_as_name(text: str, word: str) -> bool:
    """Whether ``word`` appears capitalised after another word, not opening a sentence.

    >>> _used_as_name("We train Whale on data. Whale wins.", "Whale")
    True
    >>> _used_as_name("Overview of methods. Overview ends.", "Overview")
    False
    """
    return any(
        start > 0 and text[:start].rstrip()[-1:] not in '.!?:"('
        for start, _ in whole_word_spans(text, word)
    )


class MethodFinder:
    """spaCy component: find the paper's own named contribution."""

    def __init__(self, nlp: Language, name: str = "paper_method", *, spans: bool = True) -> None:
        self.name = name
        self.spans = spans
        self.not_names = load_word_list("not_names")
        self.models = load_gazetteer("models")
        self.benchmarks = load_gazetteer("benchmarks")
        for ext in ("paper_method", "paper_title"):
            if not Doc.has_extension(ext):
                Doc.set_extension(ext, default=None)

    def __call__(self, doc: Doc) -> Doc:
        method = self.match(doc)
        set_payload(doc, "paper_method", method)
        spans = [CharMatch(s, e, "METHOD") for s, e in method.mentions] if method else []
        if self.spans:
            set_spans(doc, SPANS_KEY, spans)
        return doc

    def _is_known(self, name: str) -> bool:
        return (
            name in self.not_names
            or self.models.has_pattern(name)
            or self.benchmarks.has_pattern(name)
        )

    def _introduces(self, text: str, name: str) -> bool:
        """Whether the abstract introduces the listed name ``name`` as its own ("Vicuna:
        ..." titles a paper whose abstract says "We present Vicuna, a chatbot ...")."""
        if name in self.not_names:
            return False
        pattern = rf"\b[Ww]e\s+(?:{_INTRODUCING})\s+{regex.escape(name)}(?![\w\-])"
        return bool(regex.search(pattern, text))

    def _from_text(self, text: str, abbreviations: list[Abbreviation]) -> str | None:
        has_cue = any(cue in text for cue in _CUE_WORDS)
        called = _search_called(text) if has_cue else None
        deferred = None  # a dataset the paper builds, kept while a later "we propose" names more
        for proposal in _finditer_proposal(text):
            if called and called.start() < proposal.start():
                break
            if text[proposal.start()] in "aA" and not _continues_our_sentence(
                text, proposal.start()
            ):
                continue
            clause_start, clause_end = proposal.span("clause")
            intro = _match_generic_intro(text, clause_start, clause_end)
            if intro:
                clause_start = intro.end()
            stop = _search_clause_stop(text, clause_start, clause_end)
            if stop:
                clause_end = stop.start()
            defined = next(
                (
                    # The text's own definition wins over a list name ("... RL (OPT)").
                    abbreviation
                    for abbreviation in abbreviations
                    if clause_start <= abbreviation.long_start < clause_end
                    and abbreviation.short not in self.not_names
                ),
                None,
            )
            if defined is not None:
                if not _names_something_else(text, defined.long_end):
                    return defined.long
                deferred = deferred or defined.long
                continue
            titled = None if intro else _match_article_name(text, clause_start)
            if titled and not _names_something_else(text, titled.end()):
                # "we propose a Temporal Pyramid Adapter that ..."
                article_name: str = titled.group("name")
                return article_name
            if intro and (titled := _match_titlecase_name(text, clause_start)):
                # "we propose a new algorithm, Binary Classifier Optimization, that ..."
                found: str = titled.group("name")
                return found
            plain = _match_plain_name(text, proposal.start("clause"))
            if plain and (
                not self._is_known(plain.group("name"))
                # "We present Vicuna, a chatbot ...": a listed name introduced as its own
                or (
                    plain.group("name") not in self.not_names
                    and _match_intro_apposition(text, plain.end())
                )
            ):
                # "we propose Bone, which ...", "We propose Bolt."
                single: str = plain.group("name")
                if not _names_something_else(text, plain.end()):
                    return single
                deferred = deferred or single
                continue
            named = _search_name_in_clause(text, clause_start, clause_end)
            if (
                named
                and not self._is_known(named.group())
                and not _is_common_word(text, named.group())
                and not _match_adjective_compound(named.group())
            ):
                coined: str = named.group()
                if not _names_something_else(text, named.end()):
                    return coined
                deferred = deferred or coined  # "we construct RoMed, a dataset ..."
        if deferred:
            return deferred
        # Looked for only when no proposal names the method (its cues cost ~7 us a text).
        if called is None and any(cue in text for cue in _WE_CALL_CUES):
            called = _search_we_call(text)
        if called and not self._is_known(called.group("name")):
            cued: str = called.group("name")
            return cued
        quoted = _search_quoted_name(text) if ('"' in text or "“" in text) else None
        if quoted and not self._is_known(quoted.group("name")):
            named_in_quotes: str = quoted.group("name")
            return named_in_quotes
        lowered = text.lower()
        ours = (
            (_search_our_system(text) if "our " in lowered or "proposed " in lowered else None)
            or (_search_our_method(text) if "our " in lowered else None)
            or _search_proposed_name(text)
        )
        if ours and not self._is_known(ours.group("name")):
            own: str = ours.group("name")  # "Our method, TokenTrim, is simple."
            return own
        for cue in _finditer_cue(text) if has_cue else ():
            for abbreviation in abbreviations:
                if 0 <= abbreviation.long_start - cue.end() <= 1:
                    return abbreviation.long
        return None

    def match(self, doc: Doc) -> MethodMatch | None:
        """The method named by the title or the abstract, or None."""
        text = doc_text(doc)
        abbreviations: list[Abbreviation] = payload(doc, "paper_abbreviations") or []
        name = _title_name(payload(doc, "paper_title"), text)
        if name and self._is_known(name) and not self._introduces(text, name):
            name = None
        if name is None:
            name = self._from_text(text, abbreviations)
        if name is None:
            return None
        aliases: list[str] = []
        for abbreviation in abbreviations:
            if abbreviation.short == name:
                name, aliases = abbreviation.long, [abbreviation.short]
                break
            if abbreviation.long == name:
                aliases = [abbreviation.short]
                break
        else:  # the title's "CascadedViT" is the abstract's "Cascaded-ViT (CViT)"
            key = name_key(name)
            for abbreviation in abbreviations:
                if name_key(abbreviation.long) == key:
                    aliases = [abbreviation.long, abbreviation.short]
                    break
        links = payload(doc, "paper_links") or []
        mentions = _mentions(text, [name, *aliases], [(x.start, x.end) for x in links])
        is_model = any(
            _match_model_apposition(text[end : end + 120])
            or _match_model_noun_after(text, end)
            or _search_model_before(text, max(0, start - 80), start)
            for start, end in mentions
        )
        names: list[NameMatch] = payload(doc, "paper_names") or []
        return MethodMatch(
            name,
            tuple(aliases),
            tuple(mentions),
            is_model,
            self._not_benchmarks(text, names, (name, *aliases), mentions),
        )

    def _not_benchmarks(
        self,
        text: str,
        names: list[NameMatch],
        spellings: tuple[str, ...],
        mentions: Sequence[tuple[int, int]],
    ) -> tuple[str, ...]:
        """The method's spellings that the name finder labelled a benchmark only by growing
        a listed name ("LRA" + "-EE"), when the text never calls the method data."""
        grown = {
            found
            for n in names
            if n.label == BENCHMARK
            and n.source in ("list", "acronym")
            and (found := text[n.start : n.end]) in spellings
            and not self.benchmarks.has_pattern(found)
        }
        if not grown or any(_is_called_data(text, end) for _, end in mentions):
            return ()
        return tuple(sorted(grown))


@Language.factory(
    "paper_method",
    default_config={"spans": True},
    requires=requires("paper_method"),
    assigns=assigns("paper_method"),
)
def make_method_finder(nlp: Language, name: str, spans: bool) -> MethodFinder:
    """Create the method finder (``nlp.add_pipe("paper_method")``)."""
    check_upstream(nlp, "paper_method")
    return MethodFinder(nlp, name, spans=spans)
