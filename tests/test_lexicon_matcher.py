"""The token-table matcher equals spaCy's PhraseMatcher, and its disk cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher

from extractor._pipeline import build_pipeline
from extractor.components.names import _pattern_tokenizer
from extractor.gazetteers import Entry, load_gazetteer
from extractor.lexicon import matcher as lexicon_matcher
from extractor.lexicon.matcher import (
    CompiledLexicon,
    cached_lexicon,
    compile_lexicon,
    is_metric_word,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline(doc_spans=False)


def _phrase_matches(
    nlp: Language, lists: list[list[Entry]], text: str
) -> list[tuple[str, int, int]]:
    """What the name finder's two PhraseMatchers returned (the reference)."""
    models, benchmarks, metrics = lists
    tokenize = _pattern_tokenizer(nlp)
    as_written = [*models, *benchmarks, *(e for e in metrics if not is_metric_word(e.pattern))]
    any_case = [e for e in metrics if is_metric_word(e.pattern)] + [
        e
        for e in (*models, *benchmarks)
        if any(c.isdigit() for c in e.pattern) and any(c.isalpha() for c in e.pattern)
    ]
    doc = nlp.make_doc(text)
    found = []
    for entries, attr in ((as_written, "ORTH"), (any_case, "LOWER")):
        matcher = PhraseMatcher(nlp.vocab, attr=attr)
        by_key: dict[str, list[str]] = {}
        for e in entries:
            by_key.setdefault(f"{e.label}\t{e.id}", []).append(e.pattern)
        for key, patterns in by_key.items():
            matcher.add(key, [tokenize(p) for p in patterns])
        found += [(nlp.vocab.strings[i], s, e) for i, s, e in matcher(doc)]
    return found


def _table_matches(
    lexicon: CompiledLexicon, nlp: Language, text: str
) -> list[tuple[str, int, int]]:
    doc = nlp.make_doc(text)
    found = []
    for index, start, end in lexicon.find(doc):
        label, key, _ = lexicon.name(index)
        found.append((f"{label}\t{key[1:]}", start, end))
    return found


TEXTS = [
    "ViT-B/16 and MAE beat ResNet-50 on ImageNet (top-1 Accuracy 81.2%, FID 3.1, mAP 40).",
    "We fine-tune llama-2-7b and GPT-4 on gsm8k; the MAE is lower than Swin Transformer's.",
    "",
]


def test_tables_return_what_the_phrase_matchers_returned(nlp: Language) -> None:
    lists = [list(load_gazetteer(n).entries) for n in ("models", "benchmarks", "metrics")]
    lexicon = compile_lexicon(_pattern_tokenizer(nlp), *lists)
    text = (ROOT / "fixtures" / "daily-papers.txt").read_text(encoding="utf-8")
    for sample in [*TEXTS, text[:20000]]:
        assert _table_matches(lexicon, nlp, sample) == _phrase_matches(nlp, lists, sample)


def test_names_of_one_spelling_keep_the_phrase_matcher_order(nlp: Language) -> None:
    for first, second in (("MODEL", "METRIC"), ("METRIC", "MODEL")):
        lists: list[list[Entry]] = [[], [], []]
        lists[0 if first == "MODEL" else 2].append(Entry(first, "Zyx", "Zyx"))
        lists[0 if second == "MODEL" else 2].append(Entry(second, "Zyx", "Zyx"))
        lexicon = compile_lexicon(_pattern_tokenizer(nlp), *lists)
        text = "The Zyx of it."
        assert _table_matches(lexicon, nlp, text) == _phrase_matches(nlp, lists, text)


def _small(nlp: Language) -> CompiledLexicon:
    return compile_lexicon(
        _pattern_tokenizer(nlp), [Entry("MODEL", "FooNet-7", "FooNet-7")], [], []
    )


def test_the_cache_is_built_once_per_content(nlp: Language, tmp_path: Path) -> None:
    tokenize = _pattern_tokenizer(nlp)
    builds = []

    def build() -> CompiledLexicon:
        builds.append(1)
        return _small(nlp)

    first = cached_lexicon(tokenize, [b"a"], build, tmp_path)
    again = cached_lexicon(tokenize, [b"a"], build, tmp_path)
    assert len(builds) == 1 and again == first
    assert _table_matches(again, nlp, "FooNet-7 wins") == [("MODEL\tFooNet-7", 0, 1)] * 2
    cached_lexicon(tokenize, [b"b"], build, tmp_path)  # other lists: another key
    assert len(builds) == 2
    assert len(list(tmp_path.glob("lexicon-*.marshal"))) == 2
    assert not list(tmp_path.glob("*.tmp"))


def test_a_corrupt_cache_is_rebuilt(nlp: Language, tmp_path: Path) -> None:
    tokenize = _pattern_tokenizer(nlp)
    cached_lexicon(tokenize, [b"a"], lambda: _small(nlp), tmp_path)
    (path,) = tmp_path.glob("lexicon-*.marshal")
    path.write_bytes(b"\x00not marshal")
    rebuilt = cached_lexicon(tokenize, [b"a"], lambda: _small(nlp), tmp_path)
    assert _table_matches(rebuilt, nlp, "FooNet-7") == [("MODEL\tFooNet-7", 0, 1)] * 2
    assert lexicon_matcher._load(path.read_bytes()) == rebuilt


def test_an_unwritable_cache_folder_still_gives_the_tables(nlp: Language, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    lexicon = cached_lexicon(_pattern_tokenizer(nlp), [b"a"], lambda: _small(nlp), blocker / "x")
    assert _table_matches(lexicon, nlp, "FooNet-7") == [("MODEL\tFooNet-7", 0, 1)] * 2


def test_no_home_folder_means_no_cache(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("EXTRACTOR_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", no_home)
    lexicon = cached_lexicon(_pattern_tokenizer(nlp), [b"a"], lambda: _small(nlp))
    assert _table_matches(lexicon, nlp, "FooNet-7") == [("MODEL\tFooNet-7", 0, 1)] * 2


def test_the_cache_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXTRACTOR_CACHE_DIR", "/somewhere/else")
    assert lexicon_matcher.cache_dir() == Path("/somewhere/else")
    monkeypatch.delenv("EXTRACTOR_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "/xdg")
    assert lexicon_matcher.cache_dir() == Path("/xdg/extractor")


def test_importing_the_package_builds_no_tables(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "EXTRACTOR_CACHE_DIR": str(tmp_path)}
    code = "import extractor, os, sys; print(len(os.listdir(sys.argv[1])))"
    imported = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], env=env, capture_output=True, text=True
    )
    assert imported.stdout.strip() == "0", imported.stderr
    code = (
        "import extractor, os, sys; extractor.build_pipeline(); print(len(os.listdir(sys.argv[1])))"
    )
    built = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], env=env, capture_output=True, text=True
    )
    assert built.stdout.strip() == "1", built.stderr


def test_token_hashes_are_the_same_in_every_process(nlp: Language) -> None:
    doc = nlp.make_doc("GPT-4")
    assert doc.to_array([ORTH, LOWER]).tolist()[0] == [
        nlp.vocab.strings["GPT-4"],
        nlp.vocab.strings["gpt-4"],
    ]


def test_the_cache_key_covers_the_code_that_reads_the_lists(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A change in how entries are read out of the lists (gazetteers.py, registry.py) must
    give new tables, as a change in the lists does: the cache is keyed by its sources."""
    from importlib import resources

    import spacy

    from extractor.components import names
    from extractor.gazetteers import load_gazetteer, load_word_list

    seen: list[bytes] = []

    def fake_cached(tokenize: object, sources: list[bytes], build: object) -> object:
        seen.extend(sources)
        return None

    monkeypatch.setattr(names, "cached_lexicon", fake_cached)
    lists = (load_gazetteer("models"), load_gazetteer("benchmarks"), load_gazetteer("metrics"))
    names._load_lexicon(spacy.blank("en"), lists, load_word_list("not_names"), None)
    package = resources.files("extractor")
    assert package.joinpath("gazetteers.py").read_bytes() in seen
    assert package.joinpath("lexicon", "registry.py").read_bytes() in seen
    assert package.joinpath("data", "metrics.jsonl").read_bytes() in seen
