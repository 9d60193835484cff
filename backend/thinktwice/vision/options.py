"""The settings of pixel analysis, in one frozen value the service and tests pass in.

The defaults are what the benchmark measured on a 2-core machine (scripts/bench_vision.py):
one onnxruntime thread per inference and two inferences at once keep a busy
service at two cores; 1000 pixels is the analysis size a 12-megapixel JPEG reaches
by decoding at a quarter scale, large enough for a QR code on a ticket.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# YuNet's face score needed for a face (OpenCV's tests use 0.7, its demos 0.9). On
# crowded WIDER FACE photos (scripts/bench_faces.py) 0.5 found 79% of the faces at 75%
# precision, 0.6 78% at 86%, 0.7 70% at 93%: a missed face is the costlier error.
FACE_THRESHOLD = 0.6


@dataclass(frozen=True, slots=True)
class VisionOptions:
    """How pixel analysis runs.

    `model_path` is the NudeNet ONNX file; None means the `320n.onnx` the `nudenet`
    package ships. `face_model_path` is the YuNet face detector; None means the one
    shipped in `vision/models`. Tests point them at a missing or a corrupt file. `tesseract_library`
    is the OCR library (a file name the loader finds, or a path); `ocr=False` turns
    text recognition off without a word in the report.
    """

    model_path: Path | None = None
    face_model_path: Path | None = None
    threads: int = 1  # onnxruntime intra-op threads for one inference
    # Threads for pixel work (decoding and the model are one task, codes and text
    # another: one picture can use two), and model runs at once.
    concurrency: int = 2
    analysis_size: int = 1000  # longest side of the decoded picture the detectors read
    # Formats without a reduced decode (all but JPEG) are decoded whole first: past
    # this many pixels (120 MB of RGB) the service's memory matters more than the look.
    max_decoded_pixels: int = 40_000_000
    input_size: int = 320  # longest side of the model's input (what 320n was trained at)
    nudity_threshold: float = 0.5
    face_threshold: float = FACE_THRESHOLD
    ocr: bool = True
    tesseract_library: str = "libtesseract.so.5"
    ocr_size: int = 2000  # longest side of the picture handed to tesseract
    ocr_timeout: float = 5.0  # seconds before tesseract is stopped (between words)


DEFAULT_VISION = VisionOptions()
