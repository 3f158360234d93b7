"""Turn machine-learning paper abstracts into structured, validated, auditable records.

>>> record = extract("Our model reaches 85.7% top-1 accuracy on ImageNet.")
>>> [(r.value, r.unit, r.metric, r.benchmark) for r in record.metrics]
[(85.7, '%', 'top-1 accuracy', 'ImageNet')]
"""

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
from extractor._text import clean
from schemas import ErrorRecord, Paper, PaperRecord

__version__ = "0.1.0"

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
    "extract",
    "extract_many",
]
