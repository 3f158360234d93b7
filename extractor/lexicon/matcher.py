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
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import numpy as np
import numpy.typing as npt
import orjson
import regex
from spacy import about as spacy_about
from spacy.attrs import LOWER, ORTH
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from extractor.gazetteers import Entry
from extractor.lexicon.registry import RegistryEntry, needs_cue

# Bump when the cached file's layout changes (this module's source is hashed too).
FORMAT = 6

# The low bits of a key that index a TokenTable's bitmaps (1 MiB each; with 50,000 keys,
# about one other key in twenty shares some listed key's bits).
_LOW_MASK = (1 << 20) - 1
_LOW = np.uint64(_LOW_MASK)

# A name: (label, key, needs a context cue: an ordinary word or a short acronym).
# The key is "=" and the name's id.
Name = tuple[str, str, bool]
_LABEL_CODES = {"MODEL": "M", "BENCHMARK": "B", "METRIC": "T"}
_LABELS = {code: label for label, code in _LABEL_CODES.items()}


def _encode(name: Name) -> str:
    """One string a name, so a cache of tens of thousands loads as one string split.

    >>> _decode(_encode(("MODEL", "=Atlas", True)))
    ('MODEL', '=Atlas', True)
    """
    label, key, common = name
    return _LABEL_CODES[label] + ("c" if common else "-") + key


def _decode(code: str) -> Name:
    return _LABELS[code[0]], code[2:], code[1] == "c"


_MASK64 = (1 << 64) - 1
_MULTIPLIER = 0x9E3779B97F4A7C15  # odd: a step of the fold below loses no bits
_MULTIPLIER_U64 = np.uint64(_MULTIPLIER)


def sequence_key(hashes: Sequence[int]) -> int:
    """The dict key of a sequence of two or more token hashes: ``h0 * M + h1``, then
    ``* M + h2`` and so on, modulo 2**64, so numpy computes the two-token keys of a whole
    text at once (``TokenTable.find``). Two sequences share a key with odds of about one
    in 2**64 a look-up.

    >>> sequence_key([1, 2]) == (_MULTIPLIER + 2) % 2**64
    True
    """
    key = hashes[0]
    for h in hashes[1:]:
        key = (key * _MULTIPLIER + h) & _MASK64
    return key


@dataclass(frozen=True, slots=True)
class TokenTable:
    """Token-hash sequences and the names (indices into the lexicon's names) they spell.

    A name's index is ``>= 0``; a spelling several names share maps to ``-1 - k``, and
    ``shared[k]`` lists them. Like PhraseMatcher's trie, a longer sequence is tried only
    where its first two tokens start one.
    """

    singles: dict[int, int]  # one token's hash -> name
    pairs: dict[int, tuple[int, ...]]  # sequence_key of two tokens -> lengths >= 2, ascending
    sequences: dict[int, int]  # sequence_key of two or more tokens -> name
    shared: tuple[tuple[int, ...], ...]

    def add(self, name: int, start: int, end: int, found: list[tuple[int, int, int]]) -> None:
        if name >= 0:
            found.append((name, start, end))
        else:
            found.extend((shared, start, end) for shared in self.shared[-1 - name])


def _bitmap(*key_sets: Iterable[int]) -> npt.NDArray[np.bool_]:
    """Whether some key has these low bits (see ``_LOW_MASK``)."""
    bitmap = np.zeros(_LOW_MASK + 1, dtype=np.bool_)
    for keys in key_sets:
        bitmap[np.fromiter(keys, dtype=np.uint64) & _LOW] = True
    return bitmap


@dataclass(frozen=True, slots=True)
class CompiledLexicon:
    codes: tuple[str, ...]  # the names, encoded (see ``name``)
    as_written: TokenTable  # ORTH hashes
    any_case: TokenTable  # LOWER hashes
    # Whether a key's low bits are those of a one-token name's or a two-token key in
    # either table: numpy finds the few places a name may start without a Python step
    # per token.
    may_start: npt.NDArray[np.bool_] = field(compare=False, repr=False)

    @classmethod
    def make(
        cls, codes: tuple[str, ...], as_written: TokenTable, any_case: TokenTable
    ) -> CompiledLexicon:
        tables = (as_written, any_case)
        return cls(
            codes, as_written, any_case, _bitmap(*(k for t in tables for k in (t.singles, t.pairs)))
        )

    def name(self, index: int) -> Name:
        """The name at ``index``: (label, key, common word)."""
        return _decode(self.codes[index])

    def find(self, doc: Doc) -> list[tuple[int, int, int]]:
        """``(name index, token start, token end)`` of every listed name in ``doc``: by
        start, shorter first, the as-written table's before the any-case one's."""
        n = len(doc)
        if not n:
            return []
        both = cast("npt.NDArray[np.uint64]", doc.to_array([ORTH, LOWER]))  # (tokens, 2)
        # One array of keys: the tokens' hashes (at 2 * token + column; column 0 is ORTH,
        # the as-written table, 1 is LOWER), then the two-token keys (2 * n + ...).
        keys = np.concatenate((both.ravel(), (both[:-1] * _MULTIPLIER_U64 + both[1:]).ravel()))
        maybe = self.may_start
        places = np.flatnonzero(maybe[keys & _LOW])
        if not len(places):
            return []
        tables = (self.as_written, self.any_case)
        hits: tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]] = ([], [])
        singles_end = 2 * n
        for at, key in zip(places.tolist(), keys[places].tolist(), strict=True):
            column = at & 1
            table = tables[column]
            found = hits[column]
            if at < singles_end:
                name = table.singles.get(key)
                if name is not None:
                    start = at >> 1
                    if name >= 0:
                        found.append((name, start, start + 1))
                    else:
                        found.extend((s, start, start + 1) for s in table.shared[-1 - name])
                continue
            lengths = table.pairs.get(key)
            if lengths is None:
                continue
            start = (at - singles_end) >> 1
            # The keys of the longer sequences, folded on from the two-token key (what
            # ``sequence_key`` gives): only the hashes past the first two are read.
            more = cast(list[int], both[start + 2 : start + lengths[-1], column].tolist())
            sequence, size = key, 2
            for length in lengths:
                end = start + length
                if end > n:
                    break
                while size < length:
                    sequence = (sequence * _MULTIPLIER + more[size - 2]) & _MASK64
                    size += 1
                name = table.sequences.get(sequence)
                if name is not None:
                    table.add(name, start, end, found)
        if singles_end < places[-1]:  # longer names came after the one-token ones
            for found in hits:  # stable: the names of one spelling keep their order
                found.sort(key=_start_end)
        return hits[0] + hits[1]


def _start_end(match: tuple[int, int, int]) -> tuple[int, int]:
    return match[1], match[2]


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
        return (e.label, "=" + e.id, isinstance(e, RegistryEntry) and needs_cue(e))

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
    ]  # registry names match as their sources spell them (any case cost precision)
    return [(name(e), e.pattern) for e in as_written], [(name(e), e.pattern) for e in any_case]


def _table(
    tokenize: Tokenizer, pairs: Iterable[tuple[Name, str]], attr: int, index: dict[Name, int]
) -> TokenTable:
    by_sequence: dict[tuple[int, ...], list[Name]] = {}
    patterns: dict[Name, list[tuple[tuple[int, ...], Doc]]] = {}
    for name, pattern in pairs:
        doc = tokenize(pattern)
        if not 0 < len(doc) < 64:  # the lengths are stored as bits of a 64-bit mask
            continue
        sequence = tuple(t.orth if attr == ORTH else t.lower for t in doc)
        names = by_sequence.setdefault(sequence, [])
        if name not in names:
            names.append(name)
        patterns.setdefault(name, []).append((sequence, doc))
        index.setdefault(name, len(index))
    _order_as_phrase_matcher(tokenize, by_sequence, patterns, attr)
    singles: dict[int, int] = {}
    pair_lengths: dict[int, set[int]] = {}
    sequences: dict[int, int] = {}
    shared: list[tuple[int, ...]] = []
    for sequence, names in by_sequence.items():
        if len(names) == 1:
            value = index[names[0]]
        else:
            value = -1 - len(shared)
            shared.append(tuple(index[n] for n in names))
        if len(sequence) == 1:
            singles[sequence[0]] = value
        else:
            sequences[sequence_key(sequence)] = value
            pair_lengths.setdefault(sequence_key(sequence[:2]), set()).add(len(sequence))
    return TokenTable(
        singles,
        {pair: tuple(sorted(lengths)) for pair, lengths in pair_lengths.items()},
        sequences,
        tuple(shared),
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
    return CompiledLexicon.make(tuple(_encode(name) for name in index), orth, lower)


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
        f"{FORMAT}|{spacy_about.__version__}|{sys.version_info[:2]}|{sys.hash_info}".encode(),
        Path(__file__).read_bytes(),
        _tokenizer_fingerprint(tokenize),
        *sources,
    ):
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()[:32]


def _dump(lexicon: CompiledLexicon) -> bytes:
    """The cache file: flat arrays of 64-bit ints, which load as a memory copy."""
    tables = []
    for table in (lexicon.as_written, lexicon.any_case):
        masks = [sum(1 << length for length in ls) for ls in table.pairs.values()]
        tables.append(
            (
                array("Q", table.singles).tobytes(),
                array("q", table.singles.values()).tobytes(),
                array("Q", table.pairs).tobytes(),
                array("Q", masks).tobytes(),
                array("Q", table.sequences).tobytes(),
                array("q", table.sequences.values()).tobytes(),
                table.shared,
            )
        )
    return marshal.dumps((FORMAT, "\n".join(lexicon.codes), tables))


def _ints(typecode: str, data: bytes) -> list[int]:
    values = array(typecode)
    values.frombytes(data)
    return values.tolist()


def _dict(key_type: str, keys: bytes, value_type: str, values: bytes) -> dict[int, int]:
    return dict(zip(_ints(key_type, keys), _ints(value_type, values), strict=True))


def _load(data: bytes) -> CompiledLexicon | None:
    try:
        version, codes, tables = marshal.loads(data)
        if version != FORMAT:
            return None
        loaded = []
        for single_keys, names, pair_keys, masks, keys, values, shared in tables:
            mask_list = _ints("Q", masks)
            by_mask = {m: tuple(i for i in range(64) if m >> i & 1) for m in set(mask_list)}
            pairs = dict(
                zip(_ints("Q", pair_keys), map(by_mask.__getitem__, mask_list), strict=True)
            )
            loaded.append(
                TokenTable(
                    _dict("Q", single_keys, "q", names),
                    pairs,
                    _dict("Q", keys, "q", values),
                    shared,
                )
            )
    except (EOFError, ValueError, TypeError):
        return None
    return CompiledLexicon.make(tuple(codes.split("\n")), *loaded)


def cached_lexicon(
    tokenize: Tokenizer,
    sources: Iterable[bytes],
    build: Any,
    directory: Path | None = None,
) -> CompiledLexicon:
    """The lexicon for ``sources`` from the disk cache, else ``build()`` (then cached).

    ``tokenize`` is the pipeline's tokenizer (its settings are part of the key; ``build``
    tokenizes the patterns with a copy of it).

    A cache that cannot be read is rebuilt; one that cannot be written is skipped (the
    tables are then built in every process).
    """
    if directory is None:
        try:
            directory = cache_dir()
        except (RuntimeError, KeyError):  # no home folder to put a cache in
            built: CompiledLexicon = build()
            return built
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
