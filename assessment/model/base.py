"""The base every model shares: immutable and strict about unknown fields."""

from pydantic import BaseModel, ConfigDict


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class Authored(Frozen):
    """Data people write by hand (questionnaires, action libraries): no lax coercion, so a
    `true` is never read as the number 1, nor a 0 or 'yes' as a flag; and no blank text, which
    a client would read as a missing name."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        allow_inf_nan=False,
        strict=True,
        str_strip_whitespace=True,  # with min_length=1 on names, "  " is refused as blank
    )
