"""Patterns for names no list has: coined models, benchmarks and metrics, by their shape.

Compiled once; :mod:`extractor.components.names` applies them. Each pattern says in a
comment what it finds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

import regex

from extractor.lexicon.cues import finditer_from_starts

# What may follow a model family's name as part of the same name: a version ("2.5",
# "-3.1", " v2"), a size ("-7B", " 8B", "8x7B"), and suffixes ("-Instruct", " Chat",
# "-SimPO"). Space-separated suffixes must be capitalised ("Llama 3.1 8B Instruct", but
# not "Llama-3-70B base models").
_CAP_SUFFIX_WORDS = (
    "Instruct", "Chat", "Base", "Coder", "Code", "Math", "Vision", "VL", "Turbo", "Mini", "Pro",
    "Flash", "Ultra", "Preview", "HF", "IT", "SFT", "RLHF", "DPO", "Distill", "Large", "Small",
    "Tiny", "Huge", "Giant", "XL", "XXL", "Sonnet", "Opus", "Haiku", "Nano", "Plus", "Max", "Omni",
)  # fmt: skip
_CAP_SUFFIXES = "(?:" + "|".join(_CAP_SUFFIX_WORDS) + ")"
_LOW_SUFFIXES = r"(?:turbo|mini|preview|hf|it|base|large|small|tiny|huge|giant|instruct|chat|xl)"
_SUFFIXES = rf"(?:{_CAP_SUFFIXES}|{_LOW_SUFFIXES})"
_model_tail = regex.compile(
    rf"""
    (?:\+\+(?![\w+]))?                                               # "ActionFormer++"
    (?:
        -?v?\d+(?:\.\d+)*(?:[a-z](?![\w]))?(?=[\s\-,.;:)/]|$)      # version: "2.5", "-3.1"
      | \s(?:[vV](?=\d))?\d+(?:\.\d+)*                                 # " 3.1", " V2" before a
        (?=[\s-]\d+(?:\.\d+)?[BbMm]\b|\s{_CAP_SUFFIXES}\b|[\s,;:)]|\.(?!\w)|$)  # size, suffix, end
        (?<!\s0\.\d+|\.\d\d+)        # not a score: "CLIP 16.12", "BLIP-2 0.255"
                                               # (not "1" of a width "1.0x")
    )?
    (?:[-\s](?:\d+x)?\d+(?:\.\d+)?[BbMm](?![\w]))?                # size: "-7B", " 8B"
    (?:-d\d{{1,2}}(?![\w\-]))?                                      # depth: "VAR-d20"
    (?:/\d+)?                                                      # patch: "ViT-B/16"
    (?:-(?:{_SUFFIXES}|\p{{Lu}}[\p{{L}}\p{{N}}]*)(?![\w])|\s{_CAP_SUFFIXES}(?![\w\-]))*
    (?:/\d+)?                                                      # "DINOv2-L/14"
    """,
    regex.VERBOSE,
)
# Where a tail can start: each part above opens with "-", "v", a digit, "/" or "+", or with
# a space before "v"/"V", a digit or a capitalised suffix.
_SPACED_TAIL_STARTS = "vV" + "".join(sorted({word[0] for word in _CAP_SUFFIX_WORDS}))
_may_start_model_tail = re.compile(rf"[-v/\d]|\+\+|\s[\d{_SPACED_TAIL_STARTS}]").match


def _match_model_tail(text: str, pos: int) -> regex.Match[str] | None:
    """The version, size and suffixes at ``pos`` after a model family's name; None (or an
    empty match) when there are none.

    Most names are followed by a space and a lower-case word ("GPT-4 and"): one
    two-character test rules a tail out there, where the full pattern costs ~2.5 us.
    """
    return _model_tail.match(text, pos) if _may_start_model_tail(text, pos) else None


# Coined model names with a size: "Qwen2-Nova-72B", "LLaVA-ov-7B", "CodeLlama-7B-Instruct".
# The size is found first (it starts with a digit, so few places qualify), then the name
# that ends right before it and the suffixes after it.
_size = regex.compile(r"(?<=[\p{L}\p{N}.][-\s])(?:\d+x)?\d+(?:\.\d+)?[BbMm](?![\w])")
# Every digit as "0" and every size letter as "B", for one bytes.find of the sizes' ends.
_SIZE_END_CLASSES = bytes.maketrans(b"0123456789bMm", b"0000000000BBB")
_SIZE_NUMBER_CHARS = frozenset("0123456789.x")


def _finditer_size(text: str) -> Iterator[regex.Match[str]]:
    """``_size.finditer(text)``, with the pattern run only where a size ends.

    Every size ends in a digit and "B", "b", "M" or "m" ("7B", "1.5M"): in an ASCII text
    these are found by ``bytes.find`` in a copy with each class mapped to one byte (~3 us,
    where the scan with the pattern costs ~12). The pattern is searched from the start of
    the run of digits, dots and "x" before that end, which holds every start a match
    ending there can have; two sizes never share a run, so each is found once, in order.
    """
    if not text.isascii():
        yield from _size.finditer(text)
        return
    classes = text.encode("ascii").translate(_SIZE_END_CLASSES)
    end = classes.find(b"0B")
    while end >= 0:
        start = end
        while start > 0 and text[start - 1] in _SIZE_NUMBER_CHARS:
            start -= 1
        found = _size.search(text, start, end + 3)  # up to the character after the letter
        if found:
            yield found
        end = classes.find(b"0B", end + 1)


# The name a size follows ("Llama-2 7B"), never a function word ("Our 7B model").
_name_before_size = regex.compile(
    r"(?<![\w\-/.])(?=[\w.\-]*\p{Lu})"
    r"(?!(?:Our|The|This|These|That|Those|Its|Their|Each|Every|All|Both|Only|Any|Some|With|"
    r"For|From|Using|In|On|At|By|To|Of|And|Or|An?|A|Two|Three|Several|Larger|Smaller)\Z)"
    r"\p{L}[\p{L}\p{N}.]*(?:-[\p{L}\p{N}.]+)*\Z"
)


def _search_after_last_space(
    pattern: regex.Pattern[str], spaces: int = 0
) -> Callable[[str, int, int], regex.Match[str] | None]:
    """``pattern.search`` for a pattern whose matches end at the window's end (``\\Z``)
    and hold at most ``spaces`` spaces, begun after the window's last ``spaces + 1``
    spaces.

    The plain search tries every position of the window (10-30 us for 60 characters); a
    match cannot hold the spaces from there on, so it starts after them, and a lookbehind
    sees the text before the search's start: the leftmost match is the same.
    """
    search = pattern.search

    def search_from_last_space(text: str, pos: int, endpos: int) -> regex.Match[str] | None:
        start = endpos
        for _ in range(spaces + 1):
            start = text.rfind(" ", pos, start)
            if start < 0:
                return search(text, pos, endpos)
        return search(text, start + 1, endpos)

    return search_from_last_space


_search_name_before_size = _search_after_last_space(_name_before_size)


_match_size_suffixes = regex.compile(
    rf"(?:-{_SUFFIXES}|-[\p{{L}}][\p{{L}}\p{{N}}]*)*(?![\w\-])", regex.VERBOSE
).match

# Two versions of a family written with a slash: "Qwen2/2.5", "Llama 3/3.1" (the base
# before the slash must be a listed model).
_slash_versions = regex.compile(
    r"(?<![\w\-/.])(?P<base>\p{Lu}[\p{L}\-]*?[\s\-]?\d+(?:\.\d+)?)/\d+(?:\.\d+)?(?![\w\-/]|\.\d)"
)
_match_slash_versions = _slash_versions.match


def _finditer_slash_versions(text: str) -> Iterator[regex.Match[str]]:
    """``_slash_versions.finditer``, tried only before each slash: a match's base holds
    no slash and at most one space, so it starts after the slash before and after the
    second-last space before its own slash, at a capital (``str.isupper``; outside ASCII
    the pattern decides). A scan of the whole text tried every position (~15 us).
    """
    pos = 0
    slash = text.find("/")
    while slash >= 0:
        last = text.rfind(" ", pos, slash)
        lo = text.rfind(" ", pos, last) + 1 or pos if last >= 0 else pos
        found = None
        for at in range(lo, slash):
            ch = text[at]
            if (ch.isupper() or not ch.isascii()) and (found := _match_slash_versions(text, at)):
                break
        if found is not None:
            yield found
            pos = found.end()
        else:
            pos = slash + 1
        slash = text.find("/", pos)


# Coined instruction-tuned names without a size: "Zephyr-Instruct", "Mistral-Chat".
_finditer_tuned_model = regex.compile(
    r"(?<![\w\-])\p{Lu}[\p{L}\p{N}.]*(?:-[\p{L}\p{N}.]+)*-(?:Instruct|Chat)(?![\w\-])"
).finditer

# Versioned names "Kandinsky v2.2", "SD v1.5": a model unless the base is a benchmark.
_finditer_versioned = regex.compile(
    r"(?<![\w\-])\p{Lu}[\p{L}\p{N}\-]*\s?v\d+(?:\.\d+)*(?![\w\-])"
).finditer

# Coined benchmark names by shape ("AlignBench", "MetaMathQA", "Arena-Hard") and by the
# noun after them ("the Foo dataset", "the X-Y benchmark").
_benchmark_shape = regex.compile(
    r"""
    (?<![\w\-])
    \p{Lu}[\p{L}\p{N}\-]*?(?:Bench|bench|-Bench|-bench|Eval|-Eval|(?<=\p{L}{3}|\p{Ll}\p{L}*)QA|Arena|-Hard)
    (?:[-\s]?v\d+(?:\.\d+)*+                     # a version: "v2", "-v1.5"
     |[-\s]?\d+(?:\.\d+)*+                        # "2.0", but not a score:
      (?![\d.]|\s?(?:%|points?\b)                   # "8.2%", "85 points",
         |\s(?!(?:and|or|with|in|on|of|for|to|as|by|at|from)\b)\p{Ll}))?  # "7.5 here"
    (?![\w\-])
    """,
    regex.VERBOSE,
)
_BENCHMARK_SHAPE_PARTS = ("Bench", "bench", "Eval", "QA", "Arena", "-Hard")
_has_version = re.compile(r"v\d").search

_DATASET_NOUNS = (
    "benchmark",
    "dataset",
    "data set",
    "suite",
    "corpus",
    "leaderboard",
    "test set",
    "testbed",
)


# The name a dataset noun is given: "a new dataset called UrbanSound-XL", "a benchmark,
# dubbed FooQA, ...". The name starts with a capital.
_match_noun_called = regex.compile(
    r"(?:benchmark|dataset|data\sset|suite|corpus|leaderboard)s?,?\s(?:called|named|dubbed|"
    r"termed|coined)\s(?P<name>\p{Lu}[\p{L}\p{N}\-.]*[\p{L}\p{N}])(?![\w\-])"
).match


def _dataset_noun_starts(text: str) -> Iterator[int]:
    """Where a dataset noun starts, after a word and a space ("the Foo dataset")."""
    for noun in _DATASET_NOUNS:
        start = text.find(noun, 2)
        while start >= 2:
            end = start + len(noun)
            if end < len(text) and text[end] == "s":
                end += 1
            if (
                text[start - 1] == " "
                and not text[start - 2].isspace()
                and (end == len(text) or not text[end].isalnum())
            ):
                yield start
            start = text.find(noun, start + 1)


_word_before = regex.compile(r"(?<![\w\-])\p{L}[\p{L}\p{N}\-.]*[\p{L}\p{N}]\Z")
_search_word_before = _search_after_last_space(_word_before)
# A name with its version before a dataset noun: "the FooNER 2.0 benchmark", "Bar v3 corpus"
# (a dotted or "v" version, never a bare count: "the 5 benchmarks").
_versioned_word_before = regex.compile(
    r"(?<![\w\-])(?P<name>\p{L}[\p{L}\p{N}\-.]*[\p{L}\p{N}])\s(?:v\d+(?:\.\d+)*|\d+(?:\.\d+)+)\Z"
)
_search_versioned_word_before = _search_after_last_space(_versioned_word_before, spaces=1)

# A named split ("LibriSpeech test-clean", "CSJ eval3", "WMT14 dev"), but not the plain
# "test set" that follows many names.
# The split's name is glued by a hyphen or underscore or starts with a digit ("test-other",
# "val2017", "eval3"): a plain word ("LIBERO evaluation", "validation") is no split.
# A glued split may be capitalised ("COCO Val2017", "MMAU Test-mini").
# A numbered task or track is a split too: "DCASE 2023 Task 4", "Foo Challenge Track 2",
# "Medical Segmentation Decathlon Task01_BrainTumour", with the word "Challenge" after it
# ("the DCASE 2023 Task 4 Challenge"); so is a numbered area or fold ("S3DIS Area 5").
_match_benchmark_split = regex.compile(
    r"[\s-](?:(?:[Tt]est|[Dd]ev|[Vv]al|[Ee]val)(?:[-_][\p{L}\p{N}]+|\d[\p{L}\p{N}]*)"
    r"|(?:test|dev|val|eval)(?!\s(?:set|split|data)s?\b)"
    r"|(?<=\s)(?:Task|Track)\s?\d+[A-Za-z]?(?:_[\p{L}\p{N}]+)?(?:\sChallenge)?"
    r"|(?<=\s)(?:Area|Fold)\s\d{1,2})"
    r"(?![\w\-])"
).match
# A subset or track written as a short acronym after a benchmark: "ASVspoof2021 DF", "TCGA
# LGG", "TREC CAsT" (checked against the other names found there, so "COCO AP" stays apart).
_match_benchmark_acronym = regex.compile(
    r"\s\p{Lu}[\p{Lu}\p{Ll}\d]{0,3}[\p{Lu}\d](?![\w\-])(?<!\s(?:OR|AND|ON|IN|TO|OF|VS))"
).match
# A benchmark's version or year ("AlpacaEval 2.0", "Foo (2024)") and a capitalised variant
# word ("AudioSet-Strong", "LIBERO-PRO"), but never a result number that follows the name
# ("MT-Bench 7.5%", "GSM8K 85 points").
_match_benchmark_tail = regex.compile(
    r"(?:[-\s]v?\d+(?:\.\d+)*|\s\((?:v\d|\d{4})\))?"
    r"(?:-(?:plus|hard|lite|verified|full|mini|\p{Lu}\p{L}*))?"
    r"(?![\w\-])"
).match
# An image resolution that names a benchmark's setting: "ImageNet 256x256", "FFHQ 1024×1024".
_match_benchmark_resolution = regex.compile(r"\s\d{2,4}\s?[x×]\s?\d{2,4}(?![\w\-])").match
# A language pair after a translation benchmark: "WMT 24 English-Chinese", "WMT14 En-De".
_LANGUAGES = (
    r"(?:English|German|French|Chinese|Japanese|Korean|Russian|Spanish|Portuguese|Italian|"
    r"Czech|Romanian|Finnish|Turkish|Arabic|Hindi|Vietnamese|Polish|Dutch|Ukrainian|Icelandic|"
    r"Estonian|Latvian|Lithuanian|Kazakh|Gujarati|Tamil|Inuktitut|Pashto|Khmer|Hebrew|Bengali|"
    r"Indonesian|Thai|Swahili|En|De|Fr|Zh|Ja|Ko|Ru|Es|Pt|It|Cs|Ro|Fi|Tr|Ar|Hi|Vi|Pl|Nl|Uk|"
    r"en|de|fr|zh|ja|ko|ru|es|pt|it|cs|ro|fi|tr|ar|hi|vi|pl|nl|uk)"
)
_match_language_pair = regex.compile(
    rf"\s{_LANGUAGES}(?:-|–|→|->|\u2192){_LANGUAGES}(?![\w\-])"
).match
_match_number_with_unit = regex.compile(
    # a year ("COCO 2014") is a version, and so is a number before the dataset's own noun
    # ("the VoxCeleb 1 dataset", "the Foo 2 benchmark")
    r"\s(?!(?:19|20)\d\d\b)\d+(?:\.\d+)?\s*"
    # nor a subset size before a named split ("LibriSpeech 100 test-clean")
    r"(?!(?:dataset|benchmark|corpus|suite|test\s?set|split)s?\b|(?:test|dev|val|eval)[-_])"
    r"(?:%|[a-z])"
).match
_sub_version = regex.compile(r"\s?v\d.*$").sub
_SEPARATORS = " \t\n-_\u00a0"
_DROP_SEPARATORS = {ord(c): None for c in _SEPARATORS}

# A language adjective ("English", "Chinese", "Korean", "Arabic"): words of the shape end
# in "ese", "ish", "an" or "ch"; of those ending in "ic" only the languages (not "Pediatric",
# "Synthetic", "Public").
_LANGUAGE_ADJECTIVE = (
    r"(?:\p{Lu}\p{Ll}*(?:ese|ish|an|ch)"
    r"|(?:Arab|Iceland|Gael|Balt|Amhar|Semit|German|Slav|Turk|Celt|Nord|Scandinav)ic)"
)
# "the NIH Pancreas dataset", "the public Chengdu UHR dataset", "using Zorp City Drone
# dataset": two to four capitalised words or numbers between a determiner (or the
# preposition or verb that takes the data) and a lower-case dataset noun name one dataset
# (not a language adjective first: "the English Wikipedia dataset").
_titled_run_before = regex.compile(
    r"(?:^|\s)(?:[Tt]he|[Oo]ur|[Tt]heir|[Ii]ts|public|open|on|using|from|in)\s"
    rf"(?!{_LANGUAGE_ADJECTIVE}\s)"
    r"(?P<name>[\p{Lu}][\p{L}\p{N}\-.&]*(?:\s[\p{Lu}\d][\p{L}\p{N}\-.&]*){1,3})\s\Z"
)
# (a match holds at most six spaces: before and after its opening word, three in the name
# and the last)
_search_titled_run_before = _search_after_last_space(_titled_run_before, spaces=6)
# A sentence set on named benchmarks: "On ZorpSet, ...", "On the Foo-2 and BarQA benchmarks,
# ...", "Across A, B and C, ..." (each name is checked by the caller: coined, of no other
# kind).
_SETTING_NAME = r"(?P<name>\p{L}[\p{L}\p{N}\-.+]*[\p{L}\p{N}+])"
_sentence_setting = regex.compile(
    r"(?:(?:\A|(?<=[.;!?]\s)|(?<=\n)|(?<=\(\d\)\s))(?:On|Across)|;\son)\s(?:the\s)?"
    rf"{_SETTING_NAME}(?:(?:,\s(?:and\s)?|\sand\s|\s)(?:the\s)?{_SETTING_NAME}){{0,4}}"
    r"(?:\s(?:benchmarks?|datasets?|splits?|test\ssets?))?"
    r"(?:\s\([^()]{1,20}\))?"  # "On S3DIS (Area 5), ..."
    r"(?:,|(?=\s(?:it|we|our|this|they)\s))"  # "On DALES it achieves ..."
)
# A clause opens the same way after a list marker or a semicolon: "(1) On DexYCB, ...",
# "...; on BraTS2024, it delivers ...".
_finditer_sentence_setting = finditer_from_starts(_sentence_setting, ("On", "Across", "; on "))
# "the Clarkson dataset": one capitalised word after "the" (not a language adjective).
_match_the_proper_name = regex.compile(
    rf"(?:^|\s)the\s(?!{_LANGUAGE_ADJECTIVE}\s)\p{{Lu}}\p{{Ll}}+\s\Z"
).search
_search_appositive = regex.compile(
    r"(?<![\w\-])(?P<name>\p{L}[\p{L}\p{N}\-.]*[\p{L}\p{N}])(?:\s\([^)]{1,20}\))?,\s(?:a|an|the)\s"
    r"(?:[\w\-]+,?\s){0,4}?\Z"
).search
# A name reported on right after a number: "+71.96% on SpEAR".
_match_name_after_number = regex.compile(
    r"\s(?:on|in)\s(?:the\s)?(?P<name>\p{L}[\p{L}\p{N}\-./]*[\p{L}\p{N}])(?![\w\-])"
).match
# Coined models named after a family: "CMGAN", "MaSSFormer", "EfficientViT-M5", "KG-BERT",
# "HydraGNN", "ActionFormer++".
_FAMILY_PARTS = ("GAN", "BERT", "Former", "former", "ViT", "GPT", "Mamba", "GNN")
_family_model = regex.compile(
    # "GNN" only glued to a coined word ("HydraGNN"): "GNN-based", "GNN-FP" name kinds
    r"(?<![\w\-])[\p{L}\p{N}\-]*?(?:GAN|BERT|Former|former|ViT|GPT|Mamba|(?<=\p{L})GNN)"
    r"(?:-[\p{L}\p{N}]+)*(?:\+\+)?"  # "ActionFormer++": the "++" version is another model
    r"(?![\w\-+])"
)
# "VeriSpeak score", "CLIPScore"-style metrics named by a capitalised word and "score".
_named_score = regex.compile(
    r"(?<![\w\-])(?P<name>(?!(?:the|a|an|their|our|its|these|those|such|all|high|higher|highest|"
    r"low|lower|best|top|better|good|final|overall|average|mean|similar|different|raw|new|"
    r"score|scores)\s)[\p{L}][\p{L}\p{N}\-]*)\sscores?\b"
    # "score" as a verb ("models score below 40%", "it scores 85%") names no metric.
    r"(?!\s+(?:below|above|over|under|higher|lower|well|poorly|at|up|only|less|more|just|"
    r"about|around|nearly|\d))",
    regex.IGNORECASE,
)


def _finditer_benchmark_shape_one(name: str) -> bool:
    return any(True for _ in _finditer_benchmark_shape(name))


# Words that make a metric more specific: "average accuracy", "top-1 average accuracy".
_metric_modifier = regex.compile(
    r"(?:average|mean|top-\d+|macro|micro|weighted)[\s-]\Z",
    regex.IGNORECASE,
)
# The last letters of the modifiers, in either case (no other letter folds to these).
_MODIFIER_ENDINGS = frozenset("eEnNoOdD")


def _search_metric_modifier(text: str, pos: int, endpos: int) -> regex.Match[str] | None:
    """``_metric_modifier.search``: none unless the window ends in a space or hyphen after
    a modifier's last letter or a digit ("the accuracy" and "of accuracy" are ruled out
    without running the pattern)."""
    if endpos - pos < 2:
        return None
    separator, last = text[endpos - 1], text[endpos - 2]
    if not (
        (separator == "-" or separator.isspace())
        and (last in _MODIFIER_ENDINGS or last.isdecimal())
    ):
        return None
    return _metric_modifier.search(text, pos, endpos)


_search_name_shape = regex.compile(r"\p{Lu}.*\p{Lu}|\p{L}.*\p{N}|\p{Ll}\p{Lu}").search


def _is_name_shape(word: str) -> bool:
    """A coined name: two capitals, a letter then a digit, or a capital inside a word.

    >>> [_is_name_shape(w) for w in ("FooSet", "GSM8K", "zORB", "Clarkson", "data")]
    [True, True, True, False, False]
    """
    return any(map(str.isupper, word)) and bool(_search_name_shape(word))


# The noun after a name says what it is: "the CLIP-IQA metric", "the Alpaca dataset".
_kind_noun = regex.compile(
    r"\s(?:(?P<metric>metric)"
    r"|(?:(?:preference|instruction|training|evaluation|test|validation)\s)?"
    r"(?P<benchmark>benchmark|dataset|data\sset|corpus|suite))s?\b"
)
# A space, then the first letter of one of the words above.
_may_start_kind_noun = re.compile(r"\s[bcdeimpstv]").match


def _match_kind_noun(text: str, pos: int) -> regex.Match[str] | None:
    """``_kind_noun.match``, run only where a space and one of its first letters stand."""
    return _kind_noun.match(text, pos) if _may_start_kind_noun(text, pos) else None


# A model name glued to a kind suffix names a kind of models, not one system:
# "YOLO-based detectors", "BERT-style encoders", "FooGAN-like models".
# Title Case too: "Open Whisper-Style Speech Models".
_KIND_SUFFIX = r"-(?:[bB]ased|[sS]tyle|[lL]ike|[sS]eries|[fF]amily|[tT]ype)(?![\w\-])"
_match_kind_suffix = regex.compile(_KIND_SUFFIX).match
_KIND_ENDINGS = (
    *("-based", "-style", "-like", "-series", "-family", "-type"),
    *("-Based", "-Style", "-Like", "-Series", "-Family", "-Type"),
)

# A name listed right after or before another: "X, Y and Z", "X or Y", "(e.g., X, Y)".
# A version after a space belongs to the name: "NovaSpeech 3, CosyVoice and MaskGCT".
_COORDINATED_NAME = (
    r"(?P<name>\p{L}[\p{L}\p{N}\-.]*[\p{L}\p{N}](?:\sv?\d+(?:\.\d+)?(?=[,)]|\s(?:and|or)\s))?)"
    r"(?![\w\-]|\.\w)"
)
_match_coordinated_after = regex.compile(
    rf"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+){_COORDINATED_NAME}"
).match
# A score in brackets after a listed name, which does not end the list: "SYSU-CD (IoU
# 73.81%), WHUCD (92.05%) and CDD (97.01%)" (a digit inside, no brackets nested).
_SCORE_ASIDE = r"\s\((?=[^()]{0,60}\d)[^()]{1,60}\)"
_match_score_aside = regex.compile(_SCORE_ASIDE).match
_search_coordinated_before = regex.compile(  # searched backwards: it ends at the window's end
    rf"(?<![\w\-.]){_COORDINATED_NAME}(?:{_SCORE_ASIDE})?"
    rf"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)\Z",
    regex.REVERSE,
).search
# A coined name called a model in an apposition: "MAVL, a model incorporating ...",
# "FooNet, a lightweight detection network". Anchored on ", a" / ", an".
_MODEL_HEADS = (
    r"(?:models?|LLMs?|VLMs?|MLLMs?|LMMs?|language\s+models?|networks?|detectors?|backbones?|"
    r"classifiers?|encoders?|transformers?|architectures?|segmenters?|recommenders?|"
    r"forecasters?|vocoders?)"
)
_match_model_apposition_tail = regex.compile(
    r",\s(?:a|an)\s(?:(?!(?:that|which|who|to|for|of|with|by|and|or)\b)[\w\-]+\s){0,4}?"
    rf"{_MODEL_HEADS}(?![\w\-])"
).match
_search_name_before_comma = regex.compile(
    r"(?<![\w\-./])(?P<name>\p{L}[\p{L}\p{N}\-.]*[\p{L}\p{N}])(?:\s\([^)]{1,40}\))?\Z"
).search


def _finditer_model_apposition(text: str) -> Iterator[regex.Match[str]]:
    """The names (group "name") right before ", a ... model" / ", an ... network"."""
    start = text.find(", a")
    while start >= 0:
        if _match_model_apposition_tail(text, start):
            found = _search_name_before_comma(text, max(0, start - 60), start)
            if found:
                yield found
        start = text.find(", a", start + 1)


# Coined names given as examples of models: "models, such as X and Y", "baselines like X".
_EXAMPLE_CUES = (" such as ", " including ", " like ", "e.g.")
_MODEL_HEAD_WORDS = tuple(
    f"{word}{plural}"
    for word in (
        "model", "LLM", "VLM", "MLLM", "LMM", "network", "detector", "backbone", "classifier",
        "encoder", "transformer", "architecture", "baseline",
    )
    for plural in ("", "s")
)  # fmt: skip


def _example_cue_ends(text: str) -> Iterator[int]:
    """Where each example cue after a model noun ends ("models, such as |X")."""
    for cue in _EXAMPLE_CUES:
        start = text.find(cue)
        while start >= 0:
            end = start + len(cue)
            if cue == "e.g.":  # " e.g., X", " (e.g. X"
                end += text.startswith(",", end)
                end += text.startswith(" ", end)
            if text[max(0, start - 16) : start].rstrip(" ,(").endswith(_MODEL_HEAD_WORDS):
                yield end
            start = text.find(cue, end)


# A name in lower case with a version: "kimi-2.5", "claude-opus-4.6", "gpt-5.3-codex".
_LOWER_VERSIONED = (
    r"(?P<family>\p{Ll}{3,})(?:-\p{Ll}+)*-\p{Ll}?\d+(?:\.\d+)*\p{Ll}*(?:-[\p{Ll}\p{N}]+)*"
)
_is_lower_versioned = regex.compile(_LOWER_VERSIONED).fullmatch

# Metrics at a cut-off: "pass@1", "R@1", "mAP@50-95", "AP@0.5:0.95", "R1@0.7", "NDCG@10".
_finditer_at_metric = regex.compile(
    r"(?<![\w\-])[A-Za-z][\w\-]{0,15}@\d+(?:\.\d+)?(?:[-:]\d+(?:\.\d+)?)?(?![\w.])"
).finditer

# Names evaluated on: "evaluated on VisDrone2019-DET", "experiments on FooQA and BarSet".
# The stems of the cue words below: a window without one cannot match (kept in step by
# tests/test_components_names.py).
_EVALUATION_CUE_STEMS = (
    "evaluat", "experiment", "tested", "result", "benchmark", "achiev", "outperform",
    "perform", "accuracy", "score", "improv", "boost", "attain", "obtain", "state", "sota",
    "rank",
)  # fmt: skip
_evaluated_on = regex.compile(
    r"\b(?:evaluat\w*|experiments?|tested|results?|benchmark(?:ed|ing|s)?|achiev\w*|"
    r"outperform\w*|improv\w*|boost\w*|attain\w*|obtain\w*|performance|accuracy|scores?|"
    r"state[\s-]of[\s-]the[\s-]art|sota|rank\w*\s(?:first|best)|perform\w*\s(?:first|best))"
    r"\s+(?:[^\s.;]+\s+){0,3}?(?:on|across)\s+(?:the\s+)?",
    regex.IGNORECASE,
)
_match_listed_name = regex.compile(
    r"(?P<name>\p{L}[\p{L}\p{N}\-./]*[\p{L}\p{N}])(?![\w\-])(?P<sep>\s*,\s*(?:and\s+)?|\s+and\s+)?"
).match

# A coined name used with a model noun: "the MAR-H model", "a YOLOv8n baseline",
# "Time-R1 models", "the U2++ encoder".
_MODEL_NOUNS = (
    "model",
    "backbone",
    "baseline",
    "encoder",
    "decoder",
    "detector",
    "architecture",
    "network",
    "classifier",
    "LLM",
    "VLM",
    "checkpoint",
)
_name_with_model_noun = regex.compile(
    r"(?<![\w\-])(?P<name>\p{L}[\p{L}\p{N}\-.+/]*[\p{L}\p{N}+])\s"
    r"(?:model|models|backbone|backbones|baseline|baselines|encoder|decoder|detector|"
    r"architecture|network|classifier|LLM|LLMs|VLM|VLMs|checkpoint|checkpoints)\b"
)


_match_model_shape = regex.compile(
    r"(?=.*\p{N})[\p{L}\p{N}][\p{L}\p{N}\-.+]*"  # a digit: "YOLOv8n", "Time-R1", "U2++"
    r"|(?=.*\p{Ll}\p{Lu})[\p{L}][\p{L}\-]*"  # CamelCase: "MaSSFormer", "LLaVA"
    r"|\p{Lu}{2,}-\p{Lu}[\p{L}]*"  # "MAR-H", "ViT-L"
).fullmatch


def _is_model_shape(name: str) -> bool:
    """Stricter than a name shape, for names known only by a model noun after them.

    >>> [_is_model_shape(n) for n in ("MAR-H", "YOLOv8n", "GG", "API", "Cross-Modal")]
    [True, True, False, False, False]
    """
    return bool(_match_model_shape(name))


_search_space = re.compile(r"[\s,;:()]").search


def _anchor_spans(
    anchors: tuple[str, ...], by_find: bool
) -> Callable[[str], list[tuple[int, int]]]:
    """Where the anchors stand in a text: the spans ``re.finditer`` of their alternation
    gives.

    With ``by_find``, each anchor is found by ``str.find`` (~1 us a scan, where the
    alternation of several anchors costs ~2 us per anchor). Among the occurrences, in text
    order, an anchor inside the span kept before it is dropped, and of two at the same
    place the earlier in ``anchors`` is kept: the alternation's leftmost-first,
    non-overlapping spans. A set of anchors with one first character ("-0", "-1", ...) is
    faster as the alternation, which seeks that character first.
    """
    if not by_find:
        finditer = re.compile("|".join(re.escape(a) for a in anchors)).finditer
        return lambda text: [m.span() for m in finditer(text)]

    def find_spans(text: str) -> list[tuple[int, int]]:
        found = []
        for order, anchor in enumerate(anchors):
            at = text.find(anchor)
            while at >= 0:
                found.append((at, order, at + len(anchor)))
                at = text.find(anchor, at + 1)
        if len(found) < 2:
            return [(start, end) for start, _, end in found]
        spans = []
        pos = 0
        for start, _, end in sorted(found):
            if start >= pos:
                spans.append((start, end))
                pos = end
        return spans

    return find_spans


def _first_need_finder(needs: tuple[str, ...]) -> Callable[[str], int]:
    """Where a pattern that starts with one of ``needs`` may first match in a window:
    the first place one of them stands (in lower case), 0 where that cannot be told from
    a plain search, -1 where none stands.

    One search of the lowered window for the alternation of ``needs`` (its leftmost
    match is the first place any of them stands) costs less than a substring test per
    word. A case-blind pattern that starts with one of ``needs`` matches nowhere before
    the first of them, so a scan from there finds what a scan of the whole window finds
    (the ``regex`` module's ``\\b`` and look-behinds still see the text before the
    start). Outside ASCII, case-blind matching differs from ``str.lower`` ("ſ" matches
    "s", "İ" lowers to two characters): such a window is scanned from its start, as
    before.

    >>> first_need = _first_need_finder(("result", "our", "score"))
    >>> [first_need(w) for w in ("Our results on", "we report results on", "we report on")]
    [0, 10, -1]
    >>> first_need("we report teſted on results")
    0
    """
    search = re.compile("|".join(map(re.escape, needs))).search

    def first_need(window: str) -> int:
        found = search(window.lower())
        if found is None:
            return -1
        return found.start() if window.isascii() else 0

    return first_need


def _anchored(
    pattern: regex.Pattern[str],
    anchors: tuple[str, ...],
    before: int,
    after: int = 0,
    word: bool = False,
    coined: bool = False,
    needs: tuple[str, ...] = (),
    by_find: bool = True,
) -> Callable[[str], Iterator[regex.Match[str]]]:
    """``pattern.finditer`` run only in windows around plain-text anchors.

    A pattern that may start at any letter costs a scan of the whole text; most abstracts
    hold its anchor (a suffix, a noun) a few times at most, so the pattern runs in a small
    window around each. A window ends at the first space after the anchor (plus ``after``
    characters), so a match is never cut short. With ``word``, the match must start at the
    word the anchor is in or follows ("MAR-H" + " model"); with ``coined`` too, that word
    must hold a capital or a digit (most "language model"s are skipped without a regex).
    With ``needs``, the text before the anchor must hold one of these words (in lower
    case) for the pattern to run: a match starts with one of them, so the scan starts at
    the first of them (see :func:`_first_need_finder`). ``by_find``: see :func:`_anchor_spans`.
    """

    find_anchors = _anchor_spans(anchors, by_find)
    first_need = _first_need_finder(needs)

    def finditer(text: str) -> Iterator[regex.Match[str]]:
        seen: set[tuple[int, int]] = set()
        for i, anchor_end in find_anchors(text):
            lo = i - before if i > before else 0
            scan_from = lo
            if needs:
                first = first_need(text[lo:i])
                if first < 0:
                    continue
                scan_from = lo + first
            if word:
                start = text.rfind(" ", lo, i) + 1 or lo
                while start < i and not text[start].isalnum():
                    start += 1  # "(AlignBench", "**IQBench**", "`o4-mini`"
                token = text[start:i]
                # A lower-case word of letters is never coined: two quick tests before
                # the full one (no capital, no digit).
                if coined and (
                    (token.isalpha() and token.islower())
                    or (token == token.lower() and not any(map(str.isdigit, token)))
                ):
                    continue
            space = _search_space(text, anchor_end + after)
            hi = space.start() if space else len(text)
            if word:
                one = pattern.match(text, start, hi)
                matches: Iterable[regex.Match[str]] = [one] if one else []
            else:
                matches = pattern.finditer(text, scan_from, hi)
            for match in matches:
                if match.span() not in seen and match.start() <= i < match.end():
                    seen.add(match.span())
                    yield match

    return finditer


# One scan of the anchors' alternation costs less than a str.find per anchor here (6.3
# against 9.5 us per abstract for the family names, 6.1 against 8.0 for the benchmark
# shapes; the same spans, see _anchor_spans).
_finditer_family_model = _anchored(
    _family_model, _FAMILY_PARTS, before=40, word=True, by_find=False
)
# A listed family written in lower case with a version: "gpt-5.3-codex", "qwen-2.5-7b".
_finditer_lower_versioned = _anchored(
    regex.compile(rf"(?<![\w\-./]){_LOWER_VERSIONED}(?![\w\-]|\.\w)"),
    tuple(f"-{d}" for d in "0123456789") + tuple(f"-{c}{d}" for c in "kv" for d in "0123456789"),
    before=40,
    word=True,
    by_find=False,
)
# after=8: the verb test ("it scores 85%") must see the word after "score".
_finditer_named_score = _anchored(_named_score, (" score",), before=40, after=8, word=True)
_finditer_name_with_model_noun = _anchored(
    _name_with_model_noun,
    tuple(f" {n}" for n in _MODEL_NOUNS),
    before=60,
    word=True,
    coined=True,
    by_find=False,
)
_finditer_evaluated_on = _anchored(
    _evaluated_on,
    (" on ", " across "),
    before=70,
    after=4,
    needs=_EVALUATION_CUE_STEMS,
)
_finditer_benchmark_shape = _anchored(
    _benchmark_shape,
    _BENCHMARK_SHAPE_PARTS,
    before=40,
    after=8,
    word=True,
    coined=True,
    by_find=False,
)

# A system a result is compared against: "compared to Time-R1", "than FooNet-S",
# "outperforming the YOLOv8s baseline", "over strong baselines such as BarLM-7B". The cue
# is found first; the name right after it must have a model's shape with a digit or a
# variant letter ("Time-R1", "MAR-H"): "than BRIDGER", "over FedAvg" stay unnamed, and a
# number ("than 3B", "over 10K") never starts a name.
# Few cues, each one str.find: most comparisons are written with one of them.
_COMPARISON_CUES = (" than ", " over ", "compared", "outperform", "surpass")
# The rest of a cue up to the name: "compared| to ", "outperform|s ", "surpass|ing ".
_match_cue_rest = re.compile(r" (?:to|with) |(?:s|es|ed|ing)? ").match
_match_compared_name = regex.compile(
    r"(?:(?:the|a|strong|prior|previous|existing|recent|competitive|state-of-the-art|SOTA|"
    r"baselines?|models?|methods?|such\sas|like|including)\s){0,4}"
    r"(?P<name>\p{L}[\p{L}\p{N}\-.+]*[\p{L}\p{N}+])(?![\w\-]|\.\w)"
).match
# Number formats and quantization settings look like coined names: "FP32", "W4A16", "NF4".
_is_number_format = regex.compile(r"(?:FP|INT|BF|TF|NF|MXFP|W)\d+(?:A\d+)?(?:KV\d+)?").fullmatch


# A compared name with a digit or a variant letter ("Time-R1", "MAR-H"); CamelCase alone
# ("YaRN", "FedAvg", "LongLoRA") often names a technique, which is no model.
# A CamelCase name with a size letter or word is one checkpoint too: "OrcaSeg-B",
# "SwiftFormer-XL", "FooNet-Tiny".
_match_variant_letter = regex.compile(
    r"\p{Lu}{2,}-\p{Lu}\p{L}*"
    r"|(?=\p{L}*\p{Ll}\p{Lu})\p{L}+-(?:T|S|M|B|L|H|G|XS|XL|XXL|Tiny|Small|Base|Large|Huge)"
).fullmatch


def _is_compared_model_shape(name: str) -> bool:
    return _is_model_shape(name) and (
        any(c.isdigit() for c in name) or bool(_match_variant_letter(name))
    )


def _finditer_compared_name(text: str) -> Iterator[regex.Match[str]]:
    """The model-shaped names (group "name") right after a comparison cue."""
    for cue in _COMPARISON_CUES:
        start = text.find(cue)
        while start >= 0:
            end = start + len(cue)
            if not cue.endswith(" "):  # a verb: its ending, then a space
                rest = _match_cue_rest(text, end)
                end = rest.end() if rest else -1
            found = _match_compared_name(text, end) if end > 0 else None
            if found and _is_compared_model_shape(found.group("name")):
                yield found
            start = text.find(cue, start + 1)


# The subject of a performance verb: "GraphHop-3 outperforms", "Tern-B7 achieves". Each
# verb is one str.find; the name right before it needs a digit (a sized variant of the
# paper's own method, "On ADE20K, FooSeg-B achieves", is the method's result).
# The three verbs abstracts use most; each more costs a scan of the text.
_SUBJECT_VERBS = (" achieves ", " outperforms ", " surpasses ")
_search_subject_name = regex.compile(  # searched backwards: it ends at the window's end
    r"(?<![\w\-.])(?P<name>\p{L}[\p{L}\p{N}\-.+]*[\p{L}\p{N}+])\Z", regex.REVERSE
).search


def _finditer_subject_name(text: str) -> Iterator[regex.Match[str]]:
    """The model-shaped names (group "name") right before a performance verb."""
    for verb in _SUBJECT_VERBS:
        start = text.find(verb)
        while start >= 0:
            found = _search_subject_name(text, max(0, start - 40), start)
            if (
                found
                and any(c.isdigit() for c in found.group("name"))
                and _is_model_shape(found.group("name"))
            ):
                yield found
            start = text.find(verb, start + 1)


# A one-word name a paper introduces as a model: "we introduce Dolphin, a multilingual
# speech recognition (ASR) model", "a compact model called Heron" (or "named"). A capital
# alone is no name shape ("Finally, a model"), so the introducing verb or "called" is
# required; "FlexSED, a detection system" stays a method (no model noun). The words before
# the noun may be listed with commas ("XNet, a novel dual-prompt, dual-branch model").
_match_introduced_tail = regex.compile(
    r",\s(?:a|an)\s(?:(?!(?:that|which|who|to|for|of|with|by|and|or)\b)(?:[\w\-]+,?|\([^)]{1,15}\))\s)"
    rf"{{0,6}}?{_MODEL_HEADS}(?![\w\-])"
).match
_search_introduced_name = regex.compile(
    r"\b(?:introduc|present|propos|releas|develop|buil|train)\w*\s(?:the\s)?"
    r"(?P<name>\p{Lu}[\p{L}\p{N}\-]*[\p{L}\p{N}])\Z"
).search
_INTRODUCING_VERBS = ("introduc", "present", "propos", "releas", "develop", "buil", "train")
_finditer_model_called = regex.compile(
    rf"\b{_MODEL_HEADS},?\s(?:called|named)\s"
    r"(?P<name>\p{Lu}[\p{L}\p{N}\-]*[\p{L}\p{N}])(?![\w\-])"
).finditer


def _finditer_introduced_model(text: str) -> Iterator[regex.Match[str]]:
    """One-word model names (group "name") a paper introduces or calls a model."""
    start = text.find(", a")
    while start >= 0:
        if (
            text.startswith((", a ", ", an "), start)
            and any(map(text[max(0, start - 60) : start].__contains__, _INTRODUCING_VERBS))
            and _match_introduced_tail(text, start)
        ):
            found = _search_introduced_name(text, max(0, start - 60), start)
            if found:
                yield found
        start = text.find(", a", start + 1)
    for verb in (" called ", " named "):  # the pattern runs only around the verb
        at = text.find(verb)
        while at >= 0:
            yield from _finditer_model_called(text, max(0, at - 30), at + 60)
            at = text.find(verb, at + 1)


# A coined name right after a model noun with "our" / "the proposed": "our detector
# DroneDet", "the proposed network HeartNet-S", "our backbone, named FooViT".
# The name must have a model's shape (a digit, CamelCase, "MAR-H"); names.py checks that.
_OWN_SYSTEM_NOUNS = (
    "model", "network", "detector", "classifier", "segmenter", "encoder", "backbone",
    "architecture", "LLM", "VLM", "MLLM", "policy", "agent", "recommender", "forecaster",
    "vocoder",
)  # fmt: skip
_match_noun_then_name = regex.compile(
    r"(?:[\w\-]+(?:\.\d+[\w\-]*)?\s){0,2}?"  # "our compact 0.5B-parameter model, X"
    rf"(?:{'|'.join(_OWN_SYSTEM_NOUNS)})"
    r",?\s(?:(?:called|named|dubbed|termed|coined)\s(?:as\s)?)?"
    r"(?P<name>\p{L}[\p{L}\p{N}\-.+]*[\p{L}\p{N}+])(?![\w\-]|\.\w)"
).match
# Each cue is a scan of the text (~1.3 us): "ur " finds "our " and "Our " in one scan, and
# "a new backbone, named X" is left to the "named" rule.
_OWN_SYSTEM_CUES = ("ur ", "proposed ")
_OWN_SYSTEM_NOUN_SET = frozenset(_OWN_SYSTEM_NOUNS)


def _finditer_noun_then_name(text: str) -> Iterator[regex.Match[str]]:
    """The names (group "name") after "our <model noun>", "the proposed <model noun>".

    The pattern runs only where one of the next three words is a model noun (a split of
    a short window, where a failed match of the pattern costs a few microseconds).
    """
    nouns = _OWN_SYSTEM_NOUN_SET
    for cue in _OWN_SYSTEM_CUES:
        start = text.find(cue)
        while start >= 0:
            end = start + len(cue)
            if cue == "ur " and not (  # "our", "Our"; not "four", "hour", "your"
                start and text[start - 1] in "oO" and (start < 2 or not text[start - 2].isalpha())
            ):
                start = text.find(cue, end)
                continue
            words = text[end : end + 50].split(None, 3)[:3]
            if any(w.rstrip(",") in nouns for w in words):
                found = _match_noun_then_name(text, end)
                if found:
                    yield found
            start = text.find(cue, end)


# A proper name ending in a capitalised data noun: "the Catechol Benchmark", "the Numenta
# Anomaly Benchmark", "QVHighlights Multi-Moment Dataset" (one to four capitalised words
# before it, the first no determiner or pronoun: "The Benchmark", "Our Dataset" are no names;
# a capitalised word after it means the name goes on: "Foo Corpus Test (FCT)").
_finditer_titled_benchmark = regex.compile(
    r"(?<![\w\-])(?!(?:The|A|An|Our|This|These|Its|Their|New|Large|Open|Public)\s)"
    r"(?:\p{Lu}[\p{L}\p{N}\-]*\s){1,4}(?:Benchmark|Dataset|Corpus|Challenge(?:\s(?:19|20)\d\d)?)(?![\w\-]|\s\p{Lu})"
).finditer

# A challenge named by a coined word in lower-case "challenge", after "the": "in the PUMA
# challenge", "the Mobile AI 2026 challenge" (its year kept). Up to four capitalised words or
# numbers; which of them is a coined name is checked by the caller.
_finditer_lower_challenge = regex.compile(
    r"(?<=\b[Tt]he\s)(?!(?:The|A|An|Our|This|These|Its|Their|New|Grand|Open|Public)\s)"
    r"(?P<words>(?:[\p{Lu}\d][\p{L}\p{N}\-]*\s){1,4})challenge(?![\w\-])"
).finditer


# A list of datasets written out after its plural noun: "on four public datasets:
# Adult-Income, Higgs-100k, and Wine-Quality", "three benchmark datasets (Foo, Bar and Baz)",
# "datasets, including Foo and Bar", "benchmarks such as Foo". Each item is a run of
# capitalised words or named tokens; the list ends at the first item that is none
# ("datasets: we ...").
_dataset_list_cue = regex.compile(
    r"\b(?:datasets|benchmarks|corpora)\s?(?::|\(|,?\s(?:including|namely|i\.e\.,?|such\sas|"
    r"like|e\.g\.,?))\s"
    r"|\b(?:datasets|benchmarks|corpora)\s?\("
    # "datasets of quantum chemical properties (QM9, MD17 and Chignolin)"
    r"|\b(?:datasets|benchmarks|corpora)\s(?:of|from|for|on)\s(?:[\p{Ll}\-]+\s){1,4}\("
)
# (tried only where a plural noun stands: a scan of the whole text tried each position,
# ~15 us an abstract)
_finditer_dataset_list_cue = finditer_from_starts(
    _dataset_list_cue, ("datasets", "benchmarks", "corpora")
)


_match_dataset_item = regex.compile(
    r"(?P<name>[\p{Lu}\d][\p{L}\p{N}\-.]*[\p{L}\p{N}](?:\s[\p{Lu}\d][\p{L}\p{N}\-.]*[\p{L}\p{N}]){0,3})"
    r"(?=(?P<sep>,\s(?:and\s|or\s)?|\sand\s|\sor\s)?)"
).match
