"""Read YAML safely and turn validation failures into located problems."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from assessment.model.errors import InputError, Problem

ModelT = TypeVar("ModelT", bound=BaseModel)

# libyaml's C parser when the installed PyYAML has it: same safe subset, ten times faster.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path, shown_as: str | None = None) -> Any:
    """Parse a YAML file with the safe loader; a missing or malformed file is an InputError."""
    name = shown_as or str(path)
    if not path.is_file():
        raise InputError(Problem(name, "file not found"))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            Problem(name, f"is not UTF-8 text ({exc.reason} at byte {exc.start})")
        ) from None
    try:
        data = yaml.load(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        row = mark.line + 1 if mark is not None else None
        raise InputError(Problem(name, f"is not valid YAML: {problem}", row=row)) from None
    except ValueError as exc:  # e.g. a date that does not exist, such as 2026-02-30
        raise InputError(Problem(name, f"holds a value YAML cannot read: {exc}")) from None
    field = _nul_field(data)
    if field is not None:
        # A "\0" escape: no file name or text may hold one (the system refuses such paths).
        raise InputError(
            Problem(
                name,
                'holds a NUL character ("\\0"), which no value may contain',
                field=field or None,
            )
        )
    return data


def _nul_field(data: Any) -> str | None:
    """The dotted place of a key or text holding a NUL character ("" for the top), if any.
    Each container is looked at once: YAML aliases may share one, or hold themselves."""
    seen: set[int] = set()
    pending: list[tuple[Any, str]] = [(data, "")]
    while pending:
        value, where = pending.pop()
        if isinstance(value, str):
            if "\x00" in value:
                return where
            continue
        if not isinstance(value, dict | list) or id(value) in seen:
            continue
        seen.add(id(value))
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and "\x00" in key:
                    return where
                pending.append((item, f"{where}.{key}" if where else str(key)))
        else:
            pending.extend(
                (item, f"{where}.{i}" if where else str(i)) for i, item in enumerate(value)
            )
    return None


def require_mapping(data: Any, name: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise InputError(Problem(name, f"must be a YAML mapping of fields, but it is {kind}"))
    return data


def validation_problems(name: str, error: ValidationError, prefix: str = "") -> list[Problem]:
    """One Problem per pydantic error, with the dotted path of the field."""
    problems = []
    for err in error.errors():
        path = ".".join(str(p) for p in err["loc"])
        field = f"{prefix}.{path}" if prefix and path else (prefix or path or None)
        message = err["msg"]
        if err["type"] == "extra_forbidden":
            message = "unknown field (check its spelling)"
        elif err["type"] == "missing":
            message = "required field is missing"
        problems.append(Problem(name, message, field=field))
    return problems


def read_model(path: Path, name: str, model: type[ModelT]) -> ModelT:
    """A YAML file validated as `model`; every problem is raised with the file and field."""
    data = require_mapping(read_yaml(path, name), name)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InputError(validation_problems(name, exc)) from None
