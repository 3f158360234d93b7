"""The record contract: pydantic models and their published JSON Schema.

This package never imports ``extractor``; other tools may depend on it alone.
"""

from extractor_schemas.export import SCHEMA_PATH, record_json_schema, render_json_schema
from extractor_schemas.models import (
    SCHEMA_VERSION,
    Entity,
    ErrorDetail,
    ErrorRecord,
    Link,
    Paper,
    PaperMeta,
    PaperRecord,
    Result,
    Span,
    Strategy,
)
from extractor_schemas.reading import accept_added_fields

__all__ = [
    "SCHEMA_PATH",
    "SCHEMA_VERSION",
    "Entity",
    "ErrorDetail",
    "ErrorRecord",
    "Link",
    "Paper",
    "PaperMeta",
    "PaperRecord",
    "Result",
    "Span",
    "Strategy",
    "accept_added_fields",
    "record_json_schema",
    "render_json_schema",
]
