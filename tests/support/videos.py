"""Videos for the tests, made by ffmpeg and exiftool, and the judges that check a clean.

Fixtures are real files the real tools write: MP4 with its index first ("faststart")
or last, fragmented MP4, 3GP, QuickTime with Apple's keys; the cases no tool writes
on demand (a camm telemetry track, a 64-bit 'mdat' size, 'co64' chunk offsets) are
made from those by editing their boxes with the small writer here, which is
independent of the one under test.
"""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

TOOLS = ("ffmpeg", "ffprobe", "exiftool")
needs_tools = pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in TOOLS), reason="needs ffmpeg, ffprobe, exiftool"
)
PARIS = "+48.8566+002.3522/"
_SOURCES = [
    "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10",
    "-f", "lavfi", "-i", "sine=frequency=440",
]  # fmt: skip
CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl"}
# Google's camm position messages (type 5: latitude, longitude, altitude).
ROUTE = [(48.8566 + i / 1000, 2.3522 + i / 1000, 35.0 + i) for i in range(6)]


def ffmpeg(out: Path, *args: str, inputs: tuple[str, ...] = ()) -> Path:
    """A 2-second 160x120 H.264 + AAC video written by ffmpeg with `args`."""
    command = ["ffmpeg", "-v", "error", "-y", *_SOURCES, *inputs, "-t", "2",
               "-c:v", "libx264", "-g", "5", "-c:a", "aac", *args, str(out)]  # fmt: skip
    subprocess.run(command, check=True, timeout=120)
    return out


def box(box_type: bytes, *parts: bytes) -> bytes:
    payload = b"".join(parts)
    return struct.pack(">I4s", 8 + len(payload), box_type) + payload


def boxes(data: bytes) -> list[tuple[bytes, bytes]]:
    """(type, payload) of the boxes filling `data` (32-bit sizes, as ffmpeg writes)."""
    out, pos = [], 0
    while pos + 8 <= len(data):
        size, box_type = struct.unpack_from(">I4s", data, pos)
        out.append((box_type, data[pos + 8 : pos + size]))
        pos += size
    return out


def top_level(path: Path) -> list[tuple[bytes, bytes]]:
    return boxes(path.read_bytes())


def with_co64(source: Path, out: Path) -> Path:
    """`source` (index last) with its 'stco' chunk offsets written as 64-bit 'co64'."""
    parts = []
    for box_type, payload in top_level(source):
        if box_type == b"moov":
            payload = _stco_to_co64(payload)
        parts.append(box(box_type, payload))
    out.write_bytes(b"".join(parts))
    return out


def _stco_to_co64(moov: bytes) -> bytes:
    out = b""
    for box_type, payload in boxes(moov):
        if box_type in CONTAINERS:
            payload = _stco_to_co64(payload)
        if box_type == b"stco":
            (count,) = struct.unpack_from(">I", payload, 4)
            offsets = struct.unpack_from(f">{count}I", payload, 8)
            box_type, payload = b"co64", payload[:8] + struct.pack(f">{count}Q", *offsets)
        out += box(box_type, payload)
    return out


def with_large_mdat(source: Path, out: Path) -> Path:
    """`source` (index last, 'free' then 'mdat') with the two headers merged into one
    'mdat' header of 64-bit size: the samples stay where they were."""
    data = source.read_bytes()
    at = data.index(b"free") - 4
    assert data[at + 12 : at + 16] == b"mdat"
    (size,) = struct.unpack_from(">I", data, at + 8)
    header = struct.pack(">I4sQ", 1, b"mdat", size + 8)
    out.write_bytes(data[:at] + header + data[at + 16 :])
    return out


def with_gopro_udta(source: Path, out: Path) -> Path:
    """`source` (index last) with a 'udta' shaped as GoPro cameras write it: firmware,
    lens serial, body serial hash, a place, and GPMF settings naming the model and
    the body's serial, ending in a zero-filled 'free' atom."""
    settings = _gpmf(b"DEVC", b"\0", _gpmf(b"MINF", b"c", b"HERO9 Black\0")
                     + _gpmf(b"CASN", b"c", b"C3441325012345\0"))  # fmt: skip
    udta = box(
        b"udta",
        box(b"FIRM", b"HD9.01.01.60.00"),
        box(b"LENS", b"LAJ9876543210123", bytes(32)),
        box(b"CAME", bytes.fromhex("733a069854ef0ca87e873153a29b3a44")),
        box(b"\xa9xyz", struct.pack(">HH", len(PARIS), 0x15C7), PARIS.encode()),
        box(b"GPMF", settings),
        box(b"free", bytes(124)),
    )
    parts = top_level(source)
    assert parts[-1][0] == b"moov"  # growing it moves no sample
    out.write_bytes(b"".join(box(t, p + (udta if t == b"moov" else b"")) for t, p in parts))
    return out


def _gpmf(key: bytes, kind: bytes, values: bytes) -> bytes:
    """One GPMF KLV record of one-byte items: key, type, size 1, count, padded values."""
    return struct.pack(">4scBH", key, kind, 1, len(values)) + values + bytes(-len(values) % 4)


def camm_sample(lat: float, lon: float, alt: float) -> bytes:
    return struct.pack("<HH3d", 0, 5, lat, lon, alt)


def with_camm_track(source: Path, out: Path, route=ROUTE) -> tuple[Path, list[bytes]]:
    """`source` (index last) with a Google camm track of `route` positions, its samples
    in an 'mdat' of their own after the 'moov'. Returns the file and the samples."""
    samples = [camm_sample(*point) for point in route]
    entry = box(b"camm", bytes(6), struct.pack(">H", 1))
    return with_metadata_track(source, out, entry, samples), samples


def with_metadata_track(
    source: Path, out: Path, entry: bytes, samples: list[bytes], *more: tuple[bytes, list[bytes]]
) -> Path:
    """`source` (index last) with a timed-metadata track (handler 'meta') whose sample
    description is the box `entry`, and one more per (entry, samples) of `more`; their
    samples, track after track, in an 'mdat' of their own after the 'moov'."""
    tracks = [(entry, samples), *more]
    parts = top_level(source)
    before = b"".join(box(t, p) for t, p in parts if t != b"moov")
    (moov,) = [p for t, p in parts if t == b"moov"]
    at = len(before) + 8 + len(moov) + sum(len(_metadata_trak(e, s, 0)) for e, s in tracks) + 8
    traks = b""
    for track_entry, track_samples in tracks:
        traks += _metadata_trak(track_entry, track_samples, at)
        at += sum(map(len, track_samples))
    media = b"".join(sample for _, track_samples in tracks for sample in track_samples)
    out.write_bytes(before + box(b"moov", moov + traks) + box(b"mdat", media))
    return out


def mebx_entry(*keys: str) -> bytes:
    """Apple's 'mebx' sample entry declaring `keys` ("com.apple.quicktime.detected-face"),
    local key ids 1, 2...: 8 reserved bytes, then 'keys' of one 'keyd' per key."""
    declared = (box(struct.pack(">I", n), box(b"keyd", b"mdta", key.encode()))
                for n, key in enumerate(keys, 1))  # fmt: skip
    return box(b"mebx", bytes(6), struct.pack(">H", 1), box(b"keys", *declared))


def _metadata_trak(entry: bytes, samples: list[bytes], offset: int) -> bytes:
    n = len(samples)
    matrix = struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)
    tkhd = box(b"tkhd", struct.pack(">IIIIII8xHHHH", 3, 0, 0, 9, 0, 2000, 0, 0, 0, 0),
               matrix, struct.pack(">II", 0, 0))  # fmt: skip
    mdhd = box(b"mdhd", struct.pack(">IIIIIHH", 0, 0, 0, 1000, 2000, 0x55C4, 0))
    hdlr = box(b"hdlr", struct.pack(">II4s12x", 0, 0, b"meta"), b"CameraMetadataMotionHandler\0")
    dinf = box(b"dinf", box(b"dref", struct.pack(">II", 0, 1), box(b"url ", struct.pack(">I", 1))))
    stsd = box(b"stsd", struct.pack(">II", 0, 1), entry)
    stts = box(b"stts", struct.pack(">IIII", 0, 1, n, 2000 // max(n, 1)))
    stsc = box(b"stsc", struct.pack(">IIIII", 0, 1, 1, n, 1))
    stsz = box(b"stsz", struct.pack(">III", 0, 0, n), *(struct.pack(">I", len(s)) for s in samples))
    stco = box(b"stco", struct.pack(">III", 0, 1, offset))
    stbl = box(b"stbl", stsd, stts, stsc, stsz, stco)
    minf = box(b"minf", box(b"nmhd", bytes(4)), dinf, stbl)
    return box(b"trak", tkhd, box(b"mdia", mdhd, hdlr, minf))


def exiftool_tags(path: Path) -> dict[str, object]:
    """Every tag exiftool reads in `path`, embedded ones included, by "Group:Name"."""
    result = subprocess.run(["exiftool", "-a", "-G1", "-ee", "-j", str(path)],
                            check=True, capture_output=True, timeout=60)  # fmt: skip
    return dict(json.loads(result.stdout)[0])


# What exiftool says about any movie: its structure, never who, where or when.
STRUCTURAL_GROUPS = ("ExifTool", "System", "File", "Composite")
IDENTIFYING = (
    "GPS",
    "Location",
    "Make",
    "Model",
    "Software",
    "Encoder",
    "Creator",
    "Author",
    "Identifier",
    "Serial",
    "Firmware",
    "CreationDate",
    "Artist",
    "Title",
    "Comment",
    "Cover",
    "XMP",
)


def identifying_tags(path: Path) -> dict[str, object]:
    """exiftool's tags of `path` that identify: names, places, devices, tools, set times."""
    found = {}
    for key, value in exiftool_tags(path).items():
        group, _, name = key.partition(":")
        if group in ("ExifTool", "System", "File") or key == "SourceFile":
            continue
        if name.endswith("Date") and str(value).startswith("0000:00:00"):
            continue
        if name.endswith("Date") or any(word in key for word in IDENTIFYING):
            found[key] = value
    return found


def stream_hash(path: Path) -> str:
    """ffmpeg's hash of every video and audio packet, without decoding."""
    result = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-map", "0:v:0", "-map", "0:a?", "-c", "copy",
         "-f", "streamhash", "-"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return result.stdout.decode()


def probe_errors(path: Path) -> str:
    """What ffprobe complains about in `path` (nothing for a sound file)."""
    result = subprocess.run(["ffprobe", "-v", "error", str(path)], capture_output=True,
                            timeout=60)  # fmt: skip
    return (result.stderr.decode() + ("" if result.returncode == 0 else " (failed)")).strip()


@pytest.fixture(scope="session")
def videos(tmp_path_factory) -> dict[str, Path]:
    """The fixture videos by name, made once per session."""
    if any(shutil.which(tool) is None for tool in TOOLS):
        pytest.skip("needs ffmpeg, ffprobe and exiftool")
    folder = tmp_path_factory.mktemp("videos")
    gps = ("-metadata", f"location={PARIS}")
    made = {
        "faststart": ffmpeg(
            folder / "faststart.mp4", *gps, "-movflags", "+faststart",
            "-metadata", "creation_time=2024-03-14T17:02:11Z",
            "-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709",
        ),
        "last": ffmpeg(folder / "last.mp4", *gps),
        "fragmented": ffmpeg(folder / "fragmented.mp4", *gps, "-movflags",
                             "frag_keyframe+empty_moov"),
        "apple": ffmpeg(
            folder / "apple.mov", "-f", "mov", "-movflags", "use_metadata_tags",
            "-metadata", "com.apple.quicktime.make=Apple",
            "-metadata", "com.apple.quicktime.model=iPhone 15 Pro",
            "-metadata", "com.apple.quicktime.software=17.2",
            "-metadata", "com.apple.quicktime.location.ISO6709=+48.8566+002.3522+035.000/",
            "-metadata", "com.apple.quicktime.location.accuracy.horizontal=4.5",
            "-metadata", "com.apple.quicktime.creationdate=2024-03-14T18:02:11+0100",
            "-metadata", "com.apple.quicktime.content.identifier=5F4E2A1B-LIVE-PHOTO",
        ),
    }  # fmt: skip
    # ffmpeg 5 cannot set a rotation when muxing; exiftool writes the track matrix.
    subprocess.run(["exiftool", "-q", "-overwrite_original", "-Rotation=90",
                    str(made["faststart"])], check=True, timeout=60)  # fmt: skip
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=176x144:rate=10",
         "-f", "lavfi", "-i", "sine=sample_rate=8000", "-t", "2", "-c:v", "mpeg4", "-c:a", "aac",
         "-ar", "8000", "-ac", "1", "-f", "3gp", *gps, str(folder / "phone.3gp")],
        check=True, timeout=120,
    )  # fmt: skip
    made["3gp"] = folder / "phone.3gp"
    subtitles = folder / "route.srt"
    subtitles.write_text("1\n00:00:00,000 --> 00:00:01,000\nGPS 48.85660 2.35220\n\n"
                         "2\n00:00:01,000 --> 00:00:02,000\nGPS 48.85710 2.35300\n")  # fmt: skip
    made["subtitle_route"] = ffmpeg(folder / "subtitles.mp4", "-map", "0", "-map", "1",
                                    "-map", "2", "-c:s", "mov_text",
                                    inputs=("-i", str(subtitles)))  # fmt: skip
    made["fragmented_route"] = ffmpeg(
        folder / "fragmented_subtitles.mp4", "-map", "0", "-map", "1", "-map", "2",
        "-c:s", "mov_text", "-movflags", "frag_keyframe+empty_moov", inputs=("-i", str(subtitles)),
    )  # fmt: skip
    cover = folder / "cover.png"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=64x64",
                    "-frames:v", "1", str(cover)], check=True, timeout=60)  # fmt: skip
    made["cover"] = ffmpeg(folder / "cover.mp4", "-map", "0", "-map", "1", "-map", "2",
                           "-c:v:1", "png", "-disposition:v:1", "attached_pic",
                           inputs=("-i", str(cover)))  # fmt: skip
    tagged = folder / "exiftool.mp4"
    shutil.copy(made["last"], tagged)
    subprocess.run(
        ["exiftool", "-q", "-overwrite_original", "-XMP-dc:Creator=Jane Doe",
         "-Keys:GPSCoordinates=48.8566, 2.3522", "-UserData:Make=samsung",
         "-UserData:Model=SM-G991B", "-Keys:CreationDate=2024:03:14 18:02:11+01:00", str(tagged)],
        check=True, timeout=60,
    )  # fmt: skip
    made["exiftool"] = tagged
    made["co64"] = with_co64(made["last"], folder / "co64.mp4")
    made["large_mdat"] = with_large_mdat(made["last"], folder / "large.mp4")
    made["camm"], _ = with_camm_track(made["last"], folder / "camm.mp4")
    return made


def skeleton(data: bytes) -> list[tuple[int, int]]:
    """What the extension sends of a big video (content/sparse.js): every top-level box
    but the payload of each 'mdat' (its first 16 bytes go: a header is read as 16, in case
    of a 64-bit size), as (offset, length) runs of `data`."""
    runs, pos = [], 0
    while pos + 8 <= len(data):
        size, box_type = struct.unpack_from(">I4s", data, pos)
        if size == 1:
            size = struct.unpack_from(">Q", data, pos + 8)[0]
        elif size == 0:
            size = len(data) - pos
        runs.append((pos, min(size, 16) if box_type == b"mdat" else size))
        pos += size
    return runs


def merge(runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(offset, length) runs as (start, end) spans, in order, merged where they touch."""
    merged: list[list[int]] = []
    for start, length in sorted(runs):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], start + length)
        else:
            merged.append([start, start + length])
    return [(a, b) for a, b in merged]


def pieces(data: bytes, runs: list[tuple[int, int]]):
    """The Sparse file made of `runs` of `data`, as the service would build it."""
    from thinktwice.formats.video.sparse import Piece, Sparse

    return Sparse(len(data), [Piece(a, data[a:b]) for a, b in merge(runs)])
