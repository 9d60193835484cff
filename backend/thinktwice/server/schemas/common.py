"""What every part of the API shares: the error body, health, the value vocabularies."""

from __future__ import annotations

from typing import Any, Literal, cast

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

Verdict = Literal["none", "info", "low", "medium", "high", "critical"]
Severity = Literal["info", "low", "medium", "high", "critical"]
# The history's DECISIONS, spelled out for the schema (a test keeps them equal).
Action = Literal["sent_cleaned", "sent_original", "cancelled", "sent_blurred"]


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
