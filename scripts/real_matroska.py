"""The Matroska working group's (IETF CELLAR) test files, checked and cleaned or refused.

`.venv/bin/python scripts/real_matroska.py`. The files are not part of this
repository, nor copied into it: each is read, read-only, from a local mirror of
github.com/ietf-wg-cellar/matroska-test-files (a bare git directory,
$THINKTWICE_MIRRORS/ietf-wg-cellar+matroska-test-files/repo, /work/.mirror by
default) at the commit named here; a file not on the machine is said so and passed
over. Most are one small file with one EBML oddity each (invalid_ebml/): each must be
cleaned (and then judged: every packet the same by ffmpeg's hashes, ffprobe without
error, exiftool finding nothing identifying, the engine's re-read clean) or refused
with the reason given here. Exits 1 when a check fails.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from bench_support import MIRRORS, mirror_file

from tests.support.matroska import packets
from tests.support.videos import identifying_tags, probe_errors
from thinktwice.errors import ThinkTwiceError
from thinktwice.formats import matroska
from thinktwice.pipeline import inspect

REPO = "ietf-wg-cellar/matroska-test-files"
OLDER = "cc487385945cf250d2179a069ab571b8d0c02600"  # 2021-11-20
NEWER = "d5d8817cf11efbd72834fd34be904ba586e01757"  # 2022-12-03
SIDE_DATA = "5c929c410ff45479f29161e3188b9110074d5718"
CLEANED = ""
# (path, commit, "" to be cleaned or the words its refusal must say)
FILES: tuple[tuple[str, str, str], ...] = (
    ("invalid_ebml/reference.mkv", NEWER, CLEANED),
    ("invalid_ebml/crc_element_has_invalid_hash.mkv", OLDER, CLEANED),
    ("invalid_ebml/crc_element_is_not_first.mkv", OLDER, CLEANED),
    ("invalid_ebml/currently_undefined_DocTypeVersion.mkv", NEWER, CLEANED),
    ("invalid_ebml/currently_undefined_EBMLVersion.mkv", NEWER, CLEANED),
    ("invalid_ebml/element_outside_of_size_range.mkv", OLDER, CLEANED),
    ("invalid_ebml/inefficient_elementid.mkv", OLDER, CLEANED),
    ("invalid_ebml/invalid_EBMLMaxIDLength.mkv", OLDER, CLEANED),
    ("invalid_ebml/invalid_EBML_ElementDataSize_in_EBMLHeader.mkv", NEWER, CLEANED),
    ("invalid_ebml/invalid_boolean.mkv", OLDER, CLEANED),
    ("invalid_ebml/level_0_crc.mkv", NEWER, CLEANED),
    ("invalid_ebml/level_0_void.mkv", NEWER, CLEANED),
    ("invalid_ebml/no_DocType.mkv", NEWER, CLEANED),
    ("invalid_ebml/non_ascii_in_string_element.mkv", OLDER, CLEANED),
    ("invalid_ebml/too_many_copies_of_DocTypeVersion.mkv", NEWER, CLEANED),
    ("invalid_ebml/too_many_copies_of_DocTypeVersion_and_conflicting_values.mkv", NEWER,
     CLEANED),
    ("invalid_ebml/unknown_element.mkv", OLDER, CLEANED),
    ("test_files/timecode_side_data.mkv", SIDE_DATA, CLEANED),
    ("invalid_ebml/EBMLReadVersion_greaterthan_EBMLVersion.mkv", NEWER, "EBMLReadVersion is 2"),
    ("invalid_ebml/docTypeReadVersion_greaterthan_docTypeVersion.mkv", NEWER,
     "DocTypeReadVersion is 5"),
    ("invalid_ebml/empty_DocType.mkv", NEWER, "DocType ''"),
    ("invalid_ebml/higher_EBMLMaxSizeLength_than_matroska_allows.mkv", OLDER,
     "EBMLMaxSizeLength is 9"),
    ("invalid_ebml/lower_EBMLMaxSizeLength_than_elements_are_using.mkv", OLDER, "not a vint"),
    ("invalid_ebml/really_invalid_EBML_ElementDataSize_in_EBMLHeader.mkv", NEWER, "not a vint"),
    ("invalid_ebml/unknown_sized_non_master_element.mkv", OLDER, "unknown size"),
)  # fmt: skip


def read(path: str, commit: str) -> bytes | None:
    """The file's bytes from the mirror, or None when it is not on this machine."""
    return mirror_file(REPO, commit, path)


def judged(name: str, data: bytes, folder: Path) -> list[str]:
    """What is wrong with the clean copy of `data` (nothing, for a good clean)."""
    source, out = folder / name, folder / f"clean-{name}"
    source.write_bytes(data)
    report = inspect(data, name, pixels=False)
    out.write_bytes(report.cleaned)
    wrong = []
    if packets(out) != packets(source):
        wrong.append("packets differ")
    if probe_errors(out):
        wrong.append(f"ffprobe: {probe_errors(out)[:120]}")
    if identifying_tags(out):
        wrong.append(f"exiftool finds {identifying_tags(out)}")
    wrong += matroska.check(report.cleaned)
    return wrong


def main() -> int:
    """Check every file; 1 when one fails."""
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for path, commit, refusal in FILES:
            name = Path(path).name
            data = read(path, commit)
            if data is None:
                print(f"  {name}: not on this machine (mirror {MIRRORS})")
                continue
            try:
                wrong = judged(name, data, Path(tmp))
                said = "cleaned" + (f", but {'; '.join(wrong)}" if wrong else ", judged clean")
            except ThinkTwiceError as exc:
                wrong = [] if refusal and refusal in str(exc) else ["refused, not as expected"]
                said = f"refused: {exc}"
            if not refusal and said.startswith("refused"):
                wrong = ["refused, though it should be cleaned"]
            elif refusal and said.startswith("cleaned"):
                wrong = ["cleaned, though it should be refused"]
            failed += bool(wrong)
            print(f"  {'FAIL' if wrong else 'ok  '} {name}: {said}"[:200])
    print(f"{len(FILES) - failed} of {len(FILES)} as expected")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
