"""The result linker, split by question: which numbers are results, and what each is.

``context`` (per-document evidence) -> ``selection`` (which numbers) -> ``role`` ->
``metric`` / ``benchmark`` / ``model`` (ordered strategies) -> ``pairs`` and ``carry``;
``component`` registers the ``paper_results`` factory. ``ranker`` (with
``ranker_features``) is the learned attribution ranker (off unless
``EXTRACTOR_RANKER`` names attributes); it re-decides a finished record (``doc_to_record``).
"""

# The components package first: it imports this package's component, which imports the
# earlier components; importing this package on its own then finds no half-made module.
import extractor.components  # noqa: F401  (isort: skip)
from extractor.pipeline.results.component import ResultLinker, make_result_linker
from extractor.pipeline.results.types import ResultMatch, Strategies

__all__ = ["ResultLinker", "ResultMatch", "Strategies", "make_result_linker"]
