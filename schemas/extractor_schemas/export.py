"""The published JSON Schemas of what this package writes, as committed beside this file.

Each schema is draft 2020-12 with a stable ``$id`` (a URN: the contract's name and version,
not a web address that could go away). The models stay closed for what this package
writes, but the published schemas do not forbid added properties: the contract lets a
later version add fields without bumping ``schema_version``, so a validator built from
these files accepts them (and :func:`schemas.accept_added_fields` reads them).

Regenerate the committed files with ``python -m extractor_schemas.export``; a test fails when a file
and the models drift apart.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from extractor_schemas.models import SCHEMA_VERSION, ErrorRecord, Paper, PaperRecord

_HERE = Path(__file__).parent
SCHEMA_PATH = _HERE / "paper_record.schema.json"

#: kind -> (model, committed file); ``extractor schema KIND`` prints these and a few more
PUBLISHED: dict[str, tuple[type[BaseModel], Path]] = {
    "record": (PaperRecord, SCHEMA_PATH),
    "error": (ErrorRecord, _HERE / "error_record.schema.json"),
    "paper": (Paper, _HERE / "paper.schema.json"),
}

_ADDED_FIELDS = (
    " Readers must accept properties this schema does not list: later versions may add "
    "fields without changing schema_version."
)


def schema_id(name: str) -> str:
    """The ``$id`` of a published schema.

    >>> schema_id("paper_record")
    'urn:extractor:schema:paper_record:v1'
    """
    return f"urn:extractor:schema:{name}:v{SCHEMA_VERSION}"


def _open(node: Any) -> Any:
    """The schema without ``additionalProperties: false`` anywhere in it."""
    if isinstance(node, dict):
        return {k: _open(v) for k, v in node.items() if (k, v) != ("additionalProperties", False)}
    if isinstance(node, list):
        return [_open(v) for v in node]
    return node


def published_schema(model: type[BaseModel], name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``model`` as published under ``name``."""
    schema = _open(model.model_json_schema())
    schema["description"] = (schema.get("description") or "").strip() + _ADDED_FIELDS
    draft = "https://json-schema.org/draft/2020-12/schema"
    return {"$schema": draft, "$id": schema_id(name), **schema}


def render(schema: dict[str, Any]) -> str:
    """A schema as the committed files hold it: sorted keys, two-space indent."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def json_schema(kind: str = "record") -> dict[str, Any]:
    """The published schema of one kind in :data:`PUBLISHED`."""
    model, path = PUBLISHED[kind]
    return published_schema(model, path.name.removesuffix(".schema.json"))


def record_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one output record."""
    return json_schema("record")


def render_json_schema(kind: str = "record") -> str:
    """The schema of ``kind`` as its committed file holds it."""
    return render(json_schema(kind))


if __name__ == "__main__":
    for kind, (_, path) in PUBLISHED.items():
        path.write_text(render_json_schema(kind), encoding="utf-8")
        print(f"wrote {path}")
