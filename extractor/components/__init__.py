"""The pipeline's spaCy components, one a file, registered as ``paper_*`` factories."""

from extractor.components.abbreviations import AbbreviationFinder
from extractor.components.ents import EntitySetter
from extractor.components.method import MethodFinder
from extractor.components.names import NameFinder
from extractor.components.quantities import QuantityFinder
from extractor.components.urls import UrlFinder
from extractor.pipeline.results.component import ResultLinker

__all__ = [
    "AbbreviationFinder",
    "EntitySetter",
    "MethodFinder",
    "NameFinder",
    "QuantityFinder",
    "ResultLinker",
    "UrlFinder",
]
