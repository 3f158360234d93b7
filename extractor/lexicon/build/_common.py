"""Flag names that are also ordinary English words ("Atlas", "Phoenix", "Linear").

The word frequencies come from ``wordfreq`` (a build-time helper only, pinned in
``sources.toml``); the pipeline never imports it.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable

# Words of the field that are ordinary in an abstract even when capitalised.
GENERIC = frozenset({
    "transformer", "transformers", "linear", "naive", "baseline", "ensemble", "encoder",
    "decoder", "autoencoder", "attention", "convolution", "network", "model", "regression",
    "classifier", "detector", "forest", "random forest", "tree", "trees", "boosting",
    "mlp", "rnn", "lstm", "gru", "cnn", "perceptron", "kernel", "mixture", "prophet",
    "theta", "drift", "mean", "median", "seasonal", "holt", "croston", "arima", "ets",
    "dataset", "benchmark", "corpus", "accuracy", "precision", "recall",
})
THRESHOLD = 3.0  # wordfreq Zipf frequency: 3.0 is about once per million words
VERY_FREQUENT = 4.0  # frequent enough to be ordinary without a dictionary entry (Texas)

_WORDY = re.compile(r"[A-Za-z][A-Za-z']+(?: [A-Za-z][A-Za-z']+)*")


def wordfreq_zipf() -> tuple[Callable[[str], float], str]:
    """The Zipf frequency function of ``wordfreq`` (English) and its version."""
    module = importlib.import_module("wordfreq")
    version = importlib.import_module("importlib.metadata").version("wordfreq")

    def zipf(word: str) -> float:
        return float(module.zipf_frequency(word, "en", wordlist="large"))

    return zipf, str(version)


def dictionary_words() -> tuple[Callable[[str], bool], str]:
    """Membership in the lowercase entries of Webster's 2nd and GCIDE (``english-words``).

    A name such as "Claude" is frequent (wordfreq counts people's names) but has no
    lowercase dictionary entry, so it is not an ordinary word.
    """
    module = importlib.import_module("english_words")
    version = importlib.import_module("importlib.metadata").version("english-words")
    words = frozenset(module.get_english_words_set(["web2", "gcide"], lower=False, alpha=True))
    return words.__contains__, str(version)


def is_common_word(pattern: str, zipf: Callable[[str], float],
                   in_dictionary: Callable[[str], bool] = lambda word: True) -> bool:
    """True when ``pattern`` case-folded is an ordinary word or phrase of English.

    Acronyms and names with inner capitals ("BERT", "ImageNet") are never ordinary words;
    a plain or title-cased word is one when it is frequent enough.

    >>> freq = {"atlas": 3.4, "phoenix": 3.9, "resnet": 0.0, "speech": 4.5,
    ...         "commands": 3.9, "hiera": 1.0}.get
    >>> zipf = lambda w: freq(w, 0.0)
    >>> [is_common_word(p, zipf) for p in ["Atlas", "Phoenix", "ResNet", "BERT", "Hiera"]]
    [True, True, False, False, False]
    >>> is_common_word("Speech Commands", zipf), is_common_word("Linear", zipf)
    (True, True)
    >>> is_common_word("ResNet-50", zipf), is_common_word("atlas-7b", zipf)
    (False, False)
    >>> is_common_word("Speech-Commands", zipf), is_common_word("Speech Commands Speech", zipf)
    (False, False)
    >>> is_common_word("Atlas", zipf, {"atlas"}.__contains__)
    True
    >>> is_common_word("Phoenix", zipf, {"atlas"}.__contains__)  # no lowercase entry
    False
    >>> is_common_word("Speech Commands", zipf, {"speech", "command"}.__contains__)
    True
    """
    if pattern.casefold() in GENERIC:
        return True
    if not _WORDY.fullmatch(pattern):
        return False
    words = pattern.split()
    for word in words:
        if len(word) > 1 and word[1:] != word[1:].lower():
            return False
    if len(words) > 2:  # "Mean Absolute Percentage Error" is a term, not a phrase
        return False
    return all(_ordinary(word.casefold(), zipf, in_dictionary) for word in words)


def singulars(word: str) -> list[str]:
    """The word and its possible singulars (dictionaries list no plurals).

    >>> singulars("countries"), singulars("boxes"), singulars("atlas")
    (['countries', 'country', 'countri', 'countrie'], ['boxes', 'box', 'boxe'], ['atlas', 'atla'])
    """
    forms = [word]
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if word.endswith("es"):
        forms.append(word[:-2])
    if word.endswith("s"):
        forms.append(word[:-1])
    return forms


def _ordinary(word: str, zipf: Callable[[str], float],
              in_dictionary: Callable[[str], bool]) -> bool:
    """A frequent word with a lowercase dictionary entry, or a very frequent one (Texas)."""
    frequency = zipf(word)
    if frequency >= VERY_FREQUENT:
        return True
    return frequency >= THRESHOLD and any(in_dictionary(form) for form in singulars(word))
