"""The JSON Schema of ``PaperRecord``, as committed in ``paper_record.schema.json``.

Regenerate the committed file with ``python -m schemas.export``; a test fails when the
file and the models drift apart.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from schemas.models import SCHEMA_VERSION, PaperRecord

SCHEMA_PATH = Path(__file__).with_name("paper_record.schema.json")
_SCHEMA_ID = f"https://example.invalid/extractor/paper_record.v{SCHEMA_VERSION}.schema.json"


def record_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one output record."""
    schema = PaperRecord.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": _SCHEMA_ID, **schema}


def render_json_schema() -> str:
    """The schema as the committed file holds it: sorted keys, two-space indent."""
    return json.dumps(record_json_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    SCHEMA_PATH.write_text(render_json_schema(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
