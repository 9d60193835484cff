"""`thinktwice clean`: cleaned copies where asked, originals untouched, failures explained."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

import thinktwice
from tests.formats.jpeg.hdr_samples import ultra_hdr
from tests.support.exiftool import assert_clean
from tests.support.images import FULL_METADATA, assert_same_pixels, encode, photo, with_metadata
from thinktwice.cli import main
from thinktwice.cli.clean import WRITE_PIECE
from thinktwice.cli.memory import keep_freed_memory
from thinktwice.cli.progress import Progress


@pytest.fixture
def photo_file(tmp_path, samples) -> Path:
    path = tmp_path / "IMG_2041.jpg"
    path.write_bytes(samples["jpeg"].data)
    os.utime(path, (1_600_000_000, 1_600_000_000))
    return path


def test_default_writes_a_clean_copy_beside_the_original(photo_file, samples, capsys):
    assert main(["clean", str(photo_file)]) == 0
    out = photo_file.with_name("IMG_2041.clean.jpg")
    assert_clean(out.read_bytes(), ".jpg")
    assert_same_pixels(samples["jpeg"].data, out.read_bytes())
    assert photo_file.read_bytes() == samples["jpeg"].data
    assert photo_file.stat().st_mtime == 1_600_000_000
    assert "Cleaned 1 file" in capsys.readouterr().out


def test_output_dir_gets_the_original_names(photo_file, tmp_path):
    out_dir = tmp_path / "out"
    assert main(["clean", str(photo_file), "-o", str(out_dir)]) == 0
    assert_clean((out_dir / "IMG_2041.jpg").read_bytes(), ".jpg")


def test_a_large_photo_is_written_whole(tmp_path):
    # Larger than the pieces the output is written in (clean.WRITE_PIECE), several times.
    data = with_metadata(encode(photo(1600, 1200), "JPEG", quality=95), ".jpg", *FULL_METADATA)
    assert len(data) > 3 * WRITE_PIECE
    source = tmp_path / "big.jpg"
    source.write_bytes(data)
    assert main(["clean", "-q", str(source)]) == 0
    assert (tmp_path / "big.clean.jpg").read_bytes() == thinktwice.clean(data)


def test_the_copy_is_no_more_readable_than_the_original(photo_file, tmp_path):
    photo_file.chmod(0o600)
    assert main(["clean", "-q", str(photo_file), "-o", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "IMG_2041.jpg").stat().st_mode & 0o777 == 0o600


def test_in_place_replaces_the_file_and_keeps_its_time_and_mode(photo_file):
    photo_file.chmod(0o640)
    assert main(["clean", "--in-place", str(photo_file)]) == 0
    assert_clean(photo_file.read_bytes(), ".jpg")
    assert photo_file.stat().st_mtime == 1_600_000_000
    assert photo_file.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in photo_file.parent.iterdir()) == ["IMG_2041.jpg"]


def test_folders_need_recursive(tmp_path, photo_file, capsys):
    assert main(["clean", str(tmp_path)]) == 1
    assert "is a folder (use -r" in capsys.readouterr().err


def test_recursive_mirrors_folders_and_skips_non_images_and_earlier_outputs(tmp_path, samples):
    src = tmp_path / "src"
    (src / "2024" / "march").mkdir(parents=True)
    (src / "a.png").write_bytes(samples["png"].data)
    (src / "2024" / "march" / "b.webp").write_bytes(samples["webp"].data)
    (src / "notes.txt").write_text("not an image")
    (src / "old.clean.jpg").write_bytes(samples["jpeg"].data)
    out = tmp_path / "out"
    assert main(["clean", "-r", str(src), "-o", str(out)]) == 0
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert written == ["2024/march/b.webp", "a.png"]


def test_a_bad_file_fails_alone_with_its_reason_and_leaves_no_output(tmp_path, samples, capsys):
    good = tmp_path / "good.jpg"
    good.write_bytes(samples["jpeg"].data)
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(samples["jpeg"].data[:3000])
    fake = tmp_path / "fake.jpg"
    fake.write_bytes(b"%PDF-1.4 not really a photo")
    assert main(["clean", str(good), str(bad), str(fake)]) == 1
    captured = capsys.readouterr()
    assert "Cleaned 1 file" in captured.out and "2 failed" in captured.out
    assert "bad.jpg: Corrupt JPEG" in captured.err
    assert "fake.jpg: Unsupported format: a PDF document" in captured.err
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "bad.jpg", "fake.jpg", "good.clean.jpg", "good.jpg",
    ]  # fmt: skip


def test_missing_files_are_reported(tmp_path, capsys):
    assert main(["clean", str(tmp_path / "nope.jpg")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_two_inputs_cannot_write_the_same_output(tmp_path, samples, capsys):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.jpg").write_bytes(samples["jpeg"].data)
    out = tmp_path / "out"
    code = main(
        ["clean", str(tmp_path / "a" / "x.jpg"), str(tmp_path / "b" / "x.jpg"), "-o", str(out)]
    )
    assert code == 1
    assert "already writes" in capsys.readouterr().err
    assert (out / "x.jpg").exists()


def test_a_batch_runs_on_several_processes(tmp_path, samples):
    names = [f"p{i}.jpg" for i in range(12)]
    for name in names:
        (tmp_path / name).write_bytes(samples["jpeg"].data)
    assert main(["clean", "-q", "-j", "2", *(str(tmp_path / n) for n in names)]) == 0
    for name in names:
        assert_clean((tmp_path / name.replace(".jpg", ".clean.jpg")).read_bytes(), ".jpg")


def test_output_and_in_place_are_exclusive(photo_file):
    with pytest.raises(SystemExit) as caught:
        main(["clean", "--in-place", "-o", "x", str(photo_file)])
    assert caught.value.code == 2


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_counts_up_on_a_terminal():
    stream = _Terminal()
    bar = Progress(3, stream, bar=True, refresh_s=0)
    for name in ("a.jpg", "b.jpg", "c.jpg"):
        bar.advance(name)
    assert "1/3 a.jpg" in stream.getvalue() and "3/3 c.jpg" in stream.getvalue()
    assert "#" * Progress.WIDTH in stream.getvalue()


def test_the_console_script_runs(photo_file):
    result = subprocess.run(
        [sys.executable, "-m", "thinktwice", "clean", str(photo_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert photo_file.with_name("IMG_2041.clean.jpg").exists()
    assert "Cleaned 1 file" in result.stdout


def test_the_console_script_exits_1_when_a_file_fails(photo_file, tmp_path):
    missing = tmp_path / "gone.jpg"
    result = subprocess.run(
        [sys.executable, "-m", "thinktwice", "clean", str(photo_file), str(missing)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Cleaned 1 file" in result.stdout
    assert f"failed   {missing}: does not exist" in result.stderr


def test_batches_keep_freed_memory_for_the_next_file():
    # glibc on Linux: the allocator accepts the thresholds (see cli/memory.py).
    assert keep_freed_memory() is True


def test_hide_faces_covers_the_face_and_says_so(tmp_path, capsys):
    from PIL import Image

    from tests.vision.build import astronaut, png

    source = tmp_path / "astronaut.png"
    source.write_bytes(png(astronaut()))
    assert main(["clean", "--hide-faces", str(source)]) == 0
    out = tmp_path / "astronaut.clean.png"
    assert "1 face covered" in capsys.readouterr().out
    assert_clean(out.read_bytes(), ".png")
    with Image.open(source) as before, Image.open(out) as after:
        assert before.size == after.size
        assert before.tobytes() != after.tobytes()  # the face is covered


def test_hide_faces_on_a_photo_without_faces_is_the_lossless_clean(tmp_path, samples, capsys):
    source = tmp_path / "landscape.jpg"
    source.write_bytes(samples["jpeg"].data)
    assert main(["clean", "--hide-faces", str(source)]) == 0
    assert "no face found" in capsys.readouterr().out
    assert_same_pixels(samples["jpeg"].data, (tmp_path / "landscape.clean.jpg").read_bytes())


def test_drop_hdr_removes_gain_maps_that_clean_keeps(tmp_path):
    source = tmp_path / "PXL_0001.jpg"
    source.write_bytes(ultra_hdr())
    assert main(["clean", "-q", str(source), "-o", str(tmp_path / "kept")]) == 0
    assert main(["clean", "-q", "--drop-hdr", str(source), "-o", str(tmp_path / "flat")]) == 0
    kept = (tmp_path / "kept" / "PXL_0001.jpg").read_bytes()
    flat = (tmp_path / "flat" / "PXL_0001.jpg").read_bytes()
    assert b"MPF\x00" in kept and b"hdr-gain-map" in kept
    assert b"MPF\x00" not in flat and b"hdr-gain-map" not in flat
    assert_clean(flat, ".jpg")


def test_cleaning_an_empty_video_says_it_holds_no_video(tmp_path, capsys):
    (tmp_path / "clip.mp4").write_bytes(b"")
    assert main(["clean", "-o", str(tmp_path / "out"), str(tmp_path / "clip.mp4")]) == 1
    assert "The file is empty: there is no video in it." in capsys.readouterr().err
