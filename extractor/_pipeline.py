"""Build the rule-based spaCy pipeline: ``spacy.blank("en")`` and the ``paper_*`` components.

Nothing is downloaded: the pipeline is a blank English tokenizer, spaCy's rule-based
sentencizer and this package's components, in one fixed order (each reads what the ones
before it wrote).
"""

from __future__ import annotations

import spacy
from spacy.language import Language

# Importing the components registers their factories with spaCy.
from extractor import components as _components  # noqa: F401

COMPONENTS = (
    "sentencizer",
    "paper_urls",
    "paper_quantities",
    "paper_abbreviations",
    "paper_names",
    "paper_method",
    "paper_results",
)


def build_pipeline() -> Language:
    """A new pipeline with every component, in order.

    >>> build_pipeline().pipe_names[-1]
    'paper_results'
    """
    nlp = spacy.blank("en")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp
