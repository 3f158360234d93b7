"""Build the rule-based spaCy pipeline: ``spacy.blank("en")`` and the ``paper_*`` components.

Nothing is downloaded: the pipeline is a blank English tokenizer and this package's
components, in one fixed order (each reads what the ones before it wrote). Sentences are
found by the result linker on characters, which costs far less than spaCy's sentencizer;
a pipeline that sets sentence boundaries itself (a sentencizer or a parser) is honoured.
"""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_suffix_regex

# Importing the components registers their factories with spaCy.
from extractor import components as _components  # noqa: F401
from extractor.pipeline import results as _results  # noqa: F401

COMPONENTS = (
    "paper_urls",
    "paper_quantities",
    "paper_abbreviations",
    "paper_names",
    "paper_method",
    "paper_results",
)


_WITH_SPANS = {
    "paper_urls",
    "paper_quantities",
    "paper_abbreviations",
    "paper_names",
    "paper_method",
}


# spaCy keeps a full stop on a token that ends in a capital ("GSM8K.", "mIoU.",
# "Llama-3-8B."), so names at the end of a sentence would not match the lists. One more
# suffix rule splits it off; abbreviations such as "U.S." are tokenizer exceptions and
# keep their stop.
_EXTRA_SUFFIXES = (r"(?<=[0-9A-Z])\.",)


def _tokenizer_splits_final_stops(nlp: Language) -> None:
    suffixes = list(nlp.Defaults.suffixes or ()) + list(_EXTRA_SUFFIXES)
    tokenizer: Tokenizer = nlp.tokenizer
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search


def build_pipeline(*, doc_spans: bool = True, ents: bool = False) -> Language:
    """A new pipeline with every component, in order.

    doc_spans (bool): Store token spans in ``doc.spans`` too (for displaCy and other spaCy
        code). Records are built from the components' own payloads, so the record path
        turns them off.
    ents (bool): Also set ``doc.ents`` (METHOD, MODEL, BENCHMARK, METRIC, RESULT, URL) with
        the ``paper_ents`` component, for ``displacy.render(doc, style="ent")``; implies
        ``doc_spans``.

    >>> build_pipeline().pipe_names[-1]
    'paper_results'
    """
    nlp = spacy.blank("en")
    _tokenizer_splits_final_stops(nlp)
    for name in COMPONENTS:
        config = {"spans": doc_spans or ents} if name in _WITH_SPANS else {}
        nlp.add_pipe(name, config=config)
    if ents:
        nlp.add_pipe("paper_ents")
    return nlp
