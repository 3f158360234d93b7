"""Match the curated lists and the registry lexicon on token hashes, from a disk cache.

spaCy's ``PhraseMatcher`` needs every pattern tokenized into a ``Doc`` when it is built:
for the curated lists alone that was most of a pipeline's start-up, and the registry is
ten times larger. A pattern is a sequence of token hashes (``ORTH``, or ``LOWER`` for the
names matched in any case), and spaCy's hashes are the same in every process, so the
sequences are computed once, stored in a :class:`TokenTable` (a dict from the sequence to
the names spelled so), and the tables are cached on disk under a key made of everything
they depend on: the lists' bytes, this module's source, the tokenizer's rules and the
spaCy and Python versions. A warm start reads one ``marshal`` file.

:meth:`CompiledLexicon.find` returns what the two PhraseMatchers returned, in the same
order: by start, shorter first, the as-written table before the any-case one, and the
names of one spelling in the order spaCy's PhraseMatcher reports them (read from a small
PhraseMatcher of those spellings when the tables are built).
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import orjson
import regex
from spacy import about as spacy_about
from spacy.attrs import LOWER, ORTH
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from extractor.gazetteers import Entry
from extractor.lexicon.registry import RegistryEntry

# Bump when the cached file's layout changes (this module's source is hashed too).
FORMAT = 1

# A name: (label, key, common word). The key is "=" and the name's id.
Name = tuple[str, str, bool]


@dataclass(frozen=True, slots=True)
class TokenTable:
    """Token-hash sequences and the names (indices into the lexicon's names) they spell."""

    sequences: dict[tuple[int, ...], tuple[int, ...]]
    lengths: dict[int, tuple[int, ...]]  # first hash -> the sequences' lengths, ascending

    def find(self, hashes: Sequence[int], found: list[tuple[int, int, int]]) -> None:
        """Append ``(name, start, end)`` for every spelled name, by start, shorter first."""
        sequences = self.sequences
        n = len(hashes)
        for start, lengths in enumerate(map(self.lengths.get, hashes)):
            if lengths is None:
                continue
            for length in lengths:
                end = start + length
                if end > n:
                    break
                names = sequences.get(tuple(hashes[start:end]))
                if names:
                    found.extend((name, start, end) for name in names)


@dataclass(frozen=True, slots=True)
class CompiledLexicon:
    names: tuple[Name, ...]
    as_written: TokenTable  # ORTH hashes
    any_case: TokenTable  # LOWER hashes

    def find(self, doc: Doc) -> list[tuple[int, int, int]]:
        """``(name index, token start, token end)`` of every listed name in ``doc``."""
        if not len(doc):
            return []
        both = cast(list[int], doc.to_array([ORTH, LOWER]).ravel().tolist())
        found: list[tuple[int, int, int]] = []
        self.as_written.find(both[0::2], found)
        self.any_case.find(both[1::2], found)
        return found


def is_metric_word(pattern: str) -> bool:
    """Metric names with a word in them match in any case ("Micro-F1", "Top-1 accuracy");
    bare acronyms only as written ("mAP", not "map").

    >>> is_metric_word("Top-1 accuracy"), is_metric_word("mAP")
    (True, False)
    """
    return bool(_search_word(pattern))


_search_word = regex.compile(r"\p{Ll}{3}").search


def _spelled_with_digit(pattern: str) -> bool:
    """Names with a digit match in any case: no English word spells them ("gpt-4")."""
    return any(c.isdigit() for c in pattern) and any(c.isalpha() for c in pattern)


def _split(
    models: Sequence[Entry],
    benchmarks: Sequence[Entry],
    metrics: Sequence[Entry],
    registry: Sequence[RegistryEntry],
) -> tuple[list[tuple[Name, str]], list[tuple[Name, str]]]:
    """The (name, pattern) pairs matched as written and in any case."""

    def name(e: Entry | RegistryEntry) -> Name:
        return (e.label, "=" + e.id, isinstance(e, RegistryEntry) and e.common_word)

    metric_words = [e for e in metrics if is_metric_word(e.pattern)]
    as_written: list[Entry | RegistryEntry] = [
        *models,
        *benchmarks,
        *(e for e in metrics if not is_metric_word(e.pattern)),
        *registry,
    ]
    any_case: list[Entry | RegistryEntry] = [
        *metric_words,
        *(e for e in (*models, *benchmarks) if _spelled_with_digit(e.pattern)),
        *(e for e in registry if _spelled_with_digit(e.pattern)),
    ]
    return [(name(e), e.pattern) for e in as_written], [(name(e), e.pattern) for e in any_case]


def _table(
    tokenize: Tokenizer, pairs: Iterable[tuple[Name, str]], attr: int, index: dict[Name, int]
) -> TokenTable:
    by_sequence: dict[tuple[int, ...], list[Name]] = {}
    patterns: dict[Name, list[tuple[tuple[int, ...], Doc]]] = {}
    for name, pattern in pairs:
        doc = tokenize(pattern)
        if not len(doc):
            continue
        sequence = tuple(t.orth if attr == ORTH else t.lower for t in doc)
        names = by_sequence.setdefault(sequence, [])
        if name not in names:
            names.append(name)
        patterns.setdefault(name, []).append((sequence, doc))
        index.setdefault(name, len(index))
    _order_as_phrase_matcher(tokenize, by_sequence, patterns, attr)
    lengths: dict[int, set[int]] = {}
    for sequence in by_sequence:
        lengths.setdefault(sequence[0], set()).add(len(sequence))
    return TokenTable(
        {s: tuple(index[n] for n in names) for s, names in by_sequence.items()},
        {first: tuple(sorted(ls)) for first, ls in lengths.items()},
    )


def _order_as_phrase_matcher(
    tokenize: Tokenizer,
    by_sequence: dict[tuple[int, ...], list[Name]],
    patterns: dict[Name, list[tuple[tuple[int, ...], Doc]]],
    attr: int,
) -> None:
    """Put the names of one spelling in the order spaCy's PhraseMatcher reports them (the
    first one wins ties when overlaps are resolved, so records stay as they were)."""
    shared = {s for s, names in by_sequence.items() if len(names) > 1}
    if not shared:
        return
    matcher = PhraseMatcher(tokenize.vocab, attr=attr)
    keys: dict[int, Name] = {}
    for name, docs in patterns.items():
        chosen = [doc for sequence, doc in docs if sequence in shared]
        if chosen:
            # The keys the name finder's PhraseMatchers used: the order depends on them.
            key = f"{name[0]}\t{name[1][1:]}" + ("\tcommon" if name[2] else "")
            keys[tokenize.vocab.strings.add(key)] = name
            matcher.add(key, chosen)
    for sequence in shared:
        doc = next(d for n in by_sequence[sequence] for s, d in patterns[n] if s == sequence)
        order = [keys[i] for i, start, end in matcher(doc) if (start, end) == (0, len(doc))]
        by_sequence[sequence] = list(dict.fromkeys(order))


def compile_lexicon(
    tokenize: Tokenizer,
    models: Sequence[Entry],
    benchmarks: Sequence[Entry],
    metrics: Sequence[Entry],
    registry: Sequence[RegistryEntry] = (),
) -> CompiledLexicon:
    """Token tables of the curated lists (``Entry``) and the registry entries."""
    as_written, any_case = _split(models, benchmarks, metrics, registry)
    index: dict[Name, int] = {}
    orth = _table(tokenize, as_written, ORTH, index)
    lower = _table(tokenize, any_case, LOWER, index)
    return CompiledLexicon(tuple(index), orth, lower)


def cache_dir() -> Path:
    """``$EXTRACTOR_CACHE_DIR``, else ``$XDG_CACHE_HOME/extractor``, else ``~/.cache/extractor``."""
    if explicit := os.environ.get("EXTRACTOR_CACHE_DIR"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "extractor"


def _tokenizer_fingerprint(tokenize: Tokenizer) -> bytes:
    """What the tokenizer splits by: its affix and match patterns and its exceptions."""

    def pattern(function: Any) -> str:
        owner = getattr(function, "__self__", None)
        return str(getattr(owner, "pattern", None))

    parts = [
        pattern(tokenize.prefix_search),
        pattern(tokenize.suffix_search),
        pattern(tokenize.infix_finditer),
        pattern(tokenize.token_match),
        pattern(tokenize.url_match),
    ]
    return orjson.dumps(
        [parts, tokenize.rules], option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS
    )


def content_key(tokenize: Tokenizer, sources: Iterable[bytes]) -> str:
    """The cache key: a hash of the lists' bytes and of everything the tables depend on."""
    digest = hashlib.sha256()
    for part in (
        f"{FORMAT}|{spacy_about.__version__}|{sys.version_info[:2]}|{marshal.version}".encode(),
        Path(__file__).read_bytes(),
        _tokenizer_fingerprint(tokenize),
        *sources,
    ):
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()[:32]


def _dump(lexicon: CompiledLexicon) -> bytes:
    tables = [(t.sequences, t.lengths) for t in (lexicon.as_written, lexicon.any_case)]
    return marshal.dumps((FORMAT, lexicon.names, tables))


def _load(data: bytes) -> CompiledLexicon | None:
    try:
        version, names, ((s1, l1), (s2, l2)) = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None
    if version != FORMAT:
        return None
    return CompiledLexicon(names, TokenTable(s1, l1), TokenTable(s2, l2))


def cached_lexicon(
    tokenize: Tokenizer,
    sources: Iterable[bytes],
    build: Any,
    directory: Path | None = None,
) -> CompiledLexicon:
    """The lexicon for ``sources`` from the disk cache, else ``build()`` (then cached).

    A cache that cannot be read is rebuilt; one that cannot be written is skipped (the
    tables are then built in every process).
    """
    directory = cache_dir() if directory is None else directory
    path = directory / f"lexicon-{content_key(tokenize, sources)}.marshal"
    try:
        cached = _load(path.read_bytes())
    except OSError:
        cached = None
    if cached is not None:
        return cached
    lexicon: CompiledLexicon = build()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory, delete=False, suffix=".tmp") as out:
            out.write(_dump(lexicon))
    except OSError:
        return lexicon
    try:
        os.replace(out.name, path)
    except OSError:
        Path(out.name).unlink(missing_ok=True)
    return lexicon
