"""Reading records written by another version: added fields are accepted and set aside.

The contract lets a later version add fields without bumping ``schema_version``, so a
reader must not reject a record for a field it does not know. The models stay closed
(``extra="forbid"``) for what this package writes; readers go through
:func:`accept_added_fields`, which keeps only the fields a model knows, at every depth,
before validating.
"""

from __future__ import annotations

import types
from typing import Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel

Model = TypeVar("Model", bound=BaseModel)


def _known(annotation: Any, value: Any) -> Any:
    """``value`` with the fields that ``annotation``'s models do not know left out."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if not isinstance(value, dict):
            return value  # wrong type: validation says so
        fields = annotation.model_fields
        return {k: _known(fields[k].annotation, v) for k, v in value.items() if k in fields}
    origin = get_origin(annotation)
    if origin is list and isinstance(value, list):
        (item,) = get_args(annotation)
        return [_known(item, v) for v in value]
    if origin in (Union, types.UnionType):
        args = get_args(annotation)
        models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
        if len(models) == 1 and isinstance(value, dict):
            return _known(models[0], value)
    return value


def accept_added_fields(model: type[Model], data: Any) -> Model:
    """Validate ``data`` as ``model``, ignoring fields (at any depth) the model does not have.

    >>> from extractor_schemas.models import Span
    >>> accept_added_fields(Span, {"start": 0, "end": 2, "text": "ab", "added": 1})
    Span(start=0, end=2, text='ab')
    """
    return model.model_validate(_known(model, data))
