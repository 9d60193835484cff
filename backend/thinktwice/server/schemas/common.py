"""What every part of the API shares: the error body, health, the value vocabularies.

The vocabularies are the history's (severities from the engine's Severity,
decisions from Decision), not copies: `OneOf` checks and documents a value
exactly as a Literal of them would.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal, cast

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler
from pydantic.config import JsonDict
from pydantic_core import CoreSchema, core_schema

from ...history import DECISIONS, SEVERITIES, VERDICTS


@dataclass(frozen=True, slots=True)
class OneOf:
    """`Annotated[str, OneOf(values)]`: a string that must be one of `values`."""

    values: Sequence[str]

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.literal_schema(list(self.values))


Verdict = Annotated[str, OneOf(VERDICTS)]
Severity = Annotated[str, OneOf(SEVERITIES)]
Action = Annotated[str, OneOf(DECISIONS)]
# The history's decision filter: a decision, or "none" for the undecided.
ActionFilter = Annotated[str, OneOf((*DECISIONS, "none"))]


def example(**values: Any) -> ConfigDict:
    """A model config carrying one example for the OpenAPI schema."""
    return ConfigDict(json_schema_extra={"examples": [cast(JsonDict, values)]})


class ErrorBody(BaseModel):
    """Every error: a stable code for programs, a sentence for people."""

    model_config = example(error="unsupported_format", message="The file is empty.")
    error: str = Field(description="Stable machine-readable code, e.g. `corrupt_image`.")
    message: str = Field(description="What went wrong, in one sentence.")


class Health(BaseModel):
    """The service runs; nothing else is said without the token."""

    model_config = example(status="ok", version="0.1.0")
    status: Literal["ok"]
    version: str
