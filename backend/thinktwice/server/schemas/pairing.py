"""Bodies of POST /v1/pair."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from ..pairing import Method
from .common import example


class PairIn(BaseModel):
    """A pairing request; without `code` it is refused (every pairing needs one)."""

    model_config = example(code="ABCD-EFGH")
    code: str | None = Field(
        default=None, max_length=32, description="The code `thinktwice pair` shows."
    )


class Paired(BaseModel):
    """The token for a paired extension origin."""

    model_config = example(
        token="5oXJx...43 characters",
        origin="chrome-extension://abcdefghijklmnopabcdefghijklmnop",
        paired_at="2026-11-21T09:00:00Z",
        method="code",
    )
    token: str = Field(description="Send it as X-ThinkTwice-Token on every other call.")
    origin: str
    paired_at: datetime
    method: Method = Field(
        description='How the origin paired: always "code" now ("first_use": older versions).'
    )
