"""Tesseract's own library, loaded once in the process: OCR of pixels held in memory.

Running the `tesseract` program costs about 130 ms of start-up per picture (it
loads its language model each time), half of what a phone screenshot may take
in all. Its C API (`libtesseract.so.5`, Debian's `libtesseract5`, which the
`tesseract-ocr` package depends on) is called through `ctypes` instead: each
engine loads the model once and keeps it, so a warm read costs only the
recognition. The pixels go in as a buffer: nothing is written to disk.

One engine is one `TessBaseAPI`, which is not thread-safe: idle engines wait in
a pool and each read takes one, so several threads read at once (each with its
own engine, made on first need). A read is stopped at its deadline by
tesseract's own progress monitor, checked between words.
"""

from __future__ import annotations

import atexit
import ctypes
import os
import queue
import threading
import time

import numpy as np

LANGUAGE = b"eng"
LSTM_ONLY = 1  # OEM_LSTM_ONLY: the English model has no legacy classifier anyway
BLOCK = 6  # PSM_SINGLE_BLOCK: the lines come already found, one under another
# Settings read only when an engine starts. The word lists steer the LSTM's search
# towards dictionary words, which emails, phone numbers and street numbers are not:
# without them it reads the same words in less time.
START: dict[bytes, bytes] = {b"load_system_dawg": b"0", b"load_freq_dawg": b"0"}
# The lines come dark on light already (textlines.py): no second, inverted try.
SETTINGS: dict[bytes, bytes] = {b"tessedit_do_invert": b"0"}
# Lines are handed over at a known scale; telling it spares tesseract its estimate
# (and the "Estimating resolution" line it prints on stderr).
RESOLUTION = 150

_void = ctypes.c_void_p
_names = ctypes.POINTER(ctypes.c_char_p)
# handle, data path, language, engine mode, configs, their count, start settings'
# names and values, their count, "only non-debug settings".
_INIT4: list[type] = [_void, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int, _void, ctypes.c_int,
                      _names, _names, ctypes.c_size_t, ctypes.c_int]  # fmt: skip


class TesseractMissing(Exception):
    """The library or its English model is not on this machine."""


class TesseractStopped(Exception):
    """A read passed its deadline and was stopped."""


def _bind(path: str) -> ctypes.CDLL:
    # OpenMP would start a team of threads per line: the pixel pool already bounds how
    # many reads run at once. libgomp reads the limit when it loads, with this library.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    lib = ctypes.CDLL(path)
    signatures: dict[str, tuple[list[type], type | None]] = {
        "TessBaseAPICreate": ([], _void),
        "TessBaseAPIInit4": (_INIT4, ctypes.c_int),
        "TessBaseAPISetVariable": ([_void, ctypes.c_char_p, ctypes.c_char_p], ctypes.c_int),
        "TessBaseAPISetPageSegMode": ([_void, ctypes.c_int], None),
        "TessBaseAPISetImage": ([_void, ctypes.c_char_p] + [ctypes.c_int] * 4, None),
        "TessBaseAPISetSourceResolution": ([_void, ctypes.c_int], None),
        "TessBaseAPIRecognize": ([_void, _void], ctypes.c_int),
        "TessBaseAPIGetUTF8Text": ([_void], _void),
        "TessBaseAPIClear": ([_void], None),
        "TessBaseAPIDelete": ([_void], None),
        "TessDeleteText": ([_void], None),
        "TessMonitorCreate": ([], _void),
        "TessMonitorSetDeadlineMSecs": ([_void, ctypes.c_int], None),
        "TessMonitorDelete": ([_void], None),
    }
    for name, (args, result) in signatures.items():
        function = getattr(lib, name)
        function.argtypes, function.restype = args, result
    return lib


class Engine:
    """One initialised `TessBaseAPI`: the English model loaded, ready to read."""

    def __init__(self, lib: ctypes.CDLL) -> None:
        self._lib = lib
        self._api = lib.TessBaseAPICreate()
        names = (ctypes.c_char_p * len(START))(*START)
        values = (ctypes.c_char_p * len(START))(*START.values())
        started = lib.TessBaseAPIInit4(
            self._api, None, LANGUAGE, LSTM_ONLY, None, 0, names, values, len(START), 0
        )
        if started != 0:
            lib.TessBaseAPIDelete(self._api)
            raise TesseractMissing("Text recognition has no English model (tesseract-ocr-eng).")
        for name, value in SETTINGS.items():
            lib.TessBaseAPISetVariable(self._api, name, value)
        lib.TessBaseAPISetPageSegMode(self._api, BLOCK)

    def read(self, grey: np.ndarray, deadline: float) -> str:
        """The text in `grey` (8-bit, height x width); raises `TesseractStopped` at `deadline`
        (a `time.monotonic()` value)."""
        lib, api = self._lib, self._api
        pixels = np.ascontiguousarray(grey, dtype=np.uint8)
        height, width = pixels.shape
        lib.TessBaseAPISetImage(api, pixels.tobytes(), width, height, 1, width)
        lib.TessBaseAPISetSourceResolution(api, RESOLUTION)
        monitor = lib.TessMonitorCreate()
        try:
            left = deadline - time.monotonic()
            lib.TessMonitorSetDeadlineMSecs(monitor, max(1, int(left * 1000)))
            if left <= 0 or lib.TessBaseAPIRecognize(api, monitor) != 0:
                raise TesseractStopped
            text = lib.TessBaseAPIGetUTF8Text(api)
        finally:
            lib.TessMonitorDelete(monitor)
        try:
            return ctypes.string_at(text).decode("utf-8", "replace") if text else ""
        finally:
            lib.TessDeleteText(text)
            lib.TessBaseAPIClear(api)

    def close(self) -> None:
        """Free the model (at exit: tesseract warns of leaks otherwise)."""
        self._lib.TessBaseAPIDelete(self._api)


class Pool:
    """Idle engines of one library, lent one per read."""

    def __init__(self, path: str) -> None:
        try:
            self._lib = _bind(path)
        except (OSError, AttributeError) as exc:
            raise TesseractMissing(str(exc)) from exc
        self._idle: queue.SimpleQueue[Engine] = queue.SimpleQueue()
        self._all: list[Engine] = []

    def read(self, grey: np.ndarray, deadline: float) -> str:
        """`Engine.read` on an idle engine, or on a new one when all are busy."""
        try:
            engine = self._idle.get_nowait()
        except queue.Empty:
            engine = Engine(self._lib)
            self._all.append(engine)
        try:
            return engine.read(grey, deadline)
        finally:
            self._idle.put(engine)

    @property
    def loaded(self) -> int:
        """How many engines hold the model."""
        return len(self._all)

    def warm(self, engines: int) -> None:
        """Load the model into `engines` engines now, so no read waits for it."""
        while len(self._all) < engines:
            engine = Engine(self._lib)
            self._all.append(engine)
            self._idle.put(engine)

    def close(self) -> None:
        """Free every engine."""
        for engine in self._all:
            engine.close()
        self._all.clear()


_pools: dict[str, Pool] = {}
_lock = threading.Lock()


def pool(path: str) -> Pool:
    """The engine pool of the library at `path` (a file name ctypes finds, or a path)."""
    with _lock:
        if path not in _pools:
            _pools[path] = Pool(path)
        return _pools[path]


@atexit.register
def _close() -> None:
    for each in _pools.values():
        each.close()
