"""Turn machine-learning paper abstracts into structured, validated, auditable records.

>>> record = extract("Our model reaches 85.7% top-1 accuracy on ImageNet.")
>>> [(r.value, r.unit, r.metric, r.benchmark) for r in record.metrics]
[(85.7, '%', 'top-1 accuracy', 'ImageNet')]

The names below are imported lazily (PEP 562): ``import extractor.store`` or
``import extractor.leaderboard`` does not load spaCy; the first use of ``extract`` does.
"""

from __future__ import annotations

import typing as _typing
from importlib import import_module as _import_module

__version__ = "0.1.0"

# public name -> the module that defines it
_EXPORTS: dict[str, str] = {
    "BadEncodingError": "extractor._errors",
    "BadFieldError": "extractor._errors",
    "BadJSONError": "extractor._errors",
    "BudgetExceededError": "extractor._errors",
    "ExtractionError": "extractor._errors",
    "ExtractorError": "extractor._errors",
    "InputError": "extractor._errors",
    "MissingFieldError": "extractor._errors",
    "SourceError": "extractor._errors",
    "TooLargeError": "extractor._errors",
    "ErrorRecord": "extractor_schemas",
    "Paper": "extractor_schemas",
    "PaperRecord": "extractor_schemas",
    "build_pipeline": "extractor._pipeline",
    "clean": "extractor._text",
    "default_pipeline": "extractor._extract",
    "doc_to_record": "extractor._records",
    "extract": "extractor._extract",
    "extract_many": "extractor._extract",
}

__all__ = [
    "BadEncodingError",
    "BadFieldError",
    "BadJSONError",
    "BudgetExceededError",
    "ErrorRecord",
    "ExtractionError",
    "ExtractorError",
    "InputError",
    "MissingFieldError",
    "Paper",
    "PaperRecord",
    "SourceError",
    "TooLargeError",
    "__version__",
    "build_pipeline",
    "clean",
    "default_pipeline",
    "doc_to_record",
    "extract",
    "extract_many",
]

if _typing.TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from extractor._errors import (
        BadEncodingError,
        BadFieldError,
        BadJSONError,
        BudgetExceededError,
        ExtractionError,
        ExtractorError,
        InputError,
        MissingFieldError,
        SourceError,
        TooLargeError,
    )
    from extractor._extract import default_pipeline, extract, extract_many
    from extractor._pipeline import build_pipeline
    from extractor._records import doc_to_record
    from extractor._text import clean
    from extractor_schemas import ErrorRecord, Paper, PaperRecord


def __getattr__(name: str) -> object:
    """Import a public name on first use and keep it in the module's namespace."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'extractor' has no attribute {name!r}")
    value = getattr(_import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
