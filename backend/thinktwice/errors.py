"""The one exception tree: every error ThinkTwice raises on purpose.

    ThinkTwiceError
    ├── UnsupportedFormat        the bytes are not an image format ThinkTwice handles
    ├── CorruptImage             a supported format, but the bytes break its rules
    ├── ImageTooLarge            over a size or pixel limit (decompression bombs)
    ├── CleaningFailed           the cleaned output still reveals something
    ├── AnalysisUnavailable      pixel analysis cannot run (model missing or broken)
    └── ServiceError             the local service refuses or cannot finish a request
        ├── ApiError             a route's own refusal, with its HTTP status (server/errors.py)
        │   ├── NotOnThisChannel a dashboard page asked for over TCP (server/dashboard/)
        │   └── PageProblem      a dashboard refusal shown as a page (server/dashboard/)
        ├── PairingError         a pairing is refused (server/pairing.py)
        │   ├── ExtensionOriginRequired, PairingCodeRequired, AlreadyPaired,
        │   │   WrongPairingCode, PairingCodeExpired
        │   └── TooManyPairingAttempts
        ├── ProcessingTimeout    a job ran past the per-request deadline (server/workers.py)
        ├── HistoryUnavailable   the history database cannot be used (history/models.py)
        └── SettingsError        a setting has a value the service refuses (server/settings.py)

The engine's errors are defined here; each service error lives with the code
that raises it and derives from ServiceError. server/errors.py is the one place
that turns any of them into an HTTP answer.

Every message names what was wrong and, where it helps, the offending value and
position, so a person reading it knows what happened. Messages never contain
image bytes.
"""

from __future__ import annotations


class ThinkTwiceError(Exception):
    """Base class of every error the engine raises on purpose."""

    code = "error"


class UnsupportedFormat(ThinkTwiceError):
    """The data is not in a format the engine can clean; `detected` names what it is."""

    code = "unsupported_format"

    def __init__(self, detected: str, message: str | None = None) -> None:
        self.detected = detected
        super().__init__(
            message
            or f"Unsupported format: {detected}. ThinkTwice handles JPEG, PNG, WebP, GIF, "
            "TIFF, HEIC/HEIF and AVIF images."
        )


class CorruptImage(ThinkTwiceError):
    """The data claims a supported format but is truncated or malformed."""

    code = "corrupt_image"

    def __init__(self, format_name: str, reason: str) -> None:
        self.format_name = format_name
        self.reason = reason
        super().__init__(f"Corrupt {format_name}: {reason}")


class ImageTooLarge(ThinkTwiceError):
    """The image exceeds a configured limit (bytes or pixels)."""

    code = "image_too_large"


class CleaningFailed(ThinkTwiceError):
    """Stripping left identifying data behind; the output must not be used."""

    code = "cleaning_failed"

    def __init__(self, format_name: str, remaining: list[str]) -> None:
        self.format_name = format_name
        self.remaining = remaining
        shown = ", ".join(remaining[:8]) + (" …" if len(remaining) > 8 else "")
        super().__init__(
            f"Cleaning this {format_name} left identifying data behind ({shown}); "
            "the cleaned copy was discarded."
        )


class AnalysisUnavailable(ThinkTwiceError):
    """Pixel analysis cannot run: the model is missing or broken.

    `inspect` reports this as a problem and still returns the metadata findings
    and the cleaned file; only operations that need the pixels (hiding faces)
    raise it.
    """

    code = "analysis_unavailable"


class ServiceError(ThinkTwiceError):
    """Base class of the local service's errors (the history's included): see the tree above."""

    code = "service_error"
