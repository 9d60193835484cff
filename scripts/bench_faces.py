"""Face detection benchmark: recall and precision at IoU >= 0.5, and time per image.

The face detector (YuNet, `vision/faces.py`) and NudeNet's FACE_* classes, which it
replaced, run side by side in the same run on the same decoded pixels (the
analysis picture `inspect` reads, at most 1000 pixels a side), and so does their
union, to show whether NudeNet adds faces YuNet misses.

Two sets of real photographs with face boxes:

- WIDER FACE validation photos (Yang, Luo, Loy and Tang, CVPR 2016; for
  non-commercial research), read where they are and never copied into the project:
  the photos from the `images/` folder of github.com/hukkelas/DSFD-Pytorch-Inference
  (four crowded ones: two parades, two meetings; 328 faces) and the official
  validation ground truth (`wider_face_val.mat` and the easy/medium/hard face lists)
  from the `widerface_evaluate/ground_truth/` folder of
  github.com/biubug6/Pytorch_Retinaface. Both are read where they are, out of git
  snapshots or folders with the same layout (`--wider-photos`, `--wider-truth`);
  when they are absent the section says so and is skipped. Recall is given per
  WIDER difficulty level, as the official evaluation's per-level face lists define
  them (each level holds the one before; hard holds every valid face, down to a few
  pixels), and per WIDER's own face labels: atypical pose (profiles, heads turned
  away), partly and mostly hidden. A detection matching any annotated face counts
  as right; of the others, those overlapping a face (IoU >= 0.2) are counted apart:
  a face found but boxed wider or narrower than its annotation. The same photos
  dimmed to a quarter of their light stand for low light.
  "Easy" is lower than "hard" here, and not from resolution: 18 of the 19 easy faces
  are in one parade photo, 24 to 71 pixels in the whole view (well inside YuNet's
  range), and 11 of them are profiles, heads seen from behind or half hidden; 7 of the
  8 missed are.
- scikit-image's photographs, in its wheel: the astronaut (frontal) and the
  cameraman (turned three-quarters) with faces boxed by hand, a group photo made of
  their heads at five sizes (mirrored, turned), the same dimmed, and 13 photographs
  without a face (any face found there is a false one).

Tried and not used: Ultra-Light-Fast-Generic-Face-Detector's RFB-640 (MIT) beside
YuNet added 1 face of the 328 for 30 ms more.

Run: .venv/bin/python scripts/bench_faces.py [--thresholds 0.5,0.6,0.7,0.8,0.9]
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_support  # noqa: F401  # beside this file: puts the checkout on sys.path

from tests.vision.build import HAND_FACES, NO_FACES, group_photo, photograph
from thinktwice.models import Box
from thinktwice.vision import decode, faces, model
from thinktwice.vision.options import DEFAULT_VISION

MIRROR = Path("/work/.mirror")
WIDER_PHOTOS = MIRROR / "hukkelas+DSFD-Pytorch-Inference" / "repo"
WIDER_TRUTH = MIRROR / "biubug6+Pytorch_Retinaface" / "repo"
PHOTO_NAMES = ("0_Parade_Parade_0_873", "0_Parade_marchingband_1_765",
               "11_Meeting_Meeting_11_Meeting_Meeting_11_176",
               "11_Meeting_Meeting_11_Meeting_Meeting_11_26")  # fmt: skip
GROUND = "widerface_evaluate/ground_truth"
LEVELS = ("easy", "medium", "hard")
# WIDER's own labels of each face, by which recall is also given: (label list, value, name).
LABELS = (("pose", 1, "atypical pose"), ("occlusion", 1, "partly hidden"),
          ("occlusion", 2, "mostly hidden"))  # fmt: skip
SORTS = LEVELS + tuple(name for _, _, name in LABELS)
NEAR = 0.2  # a wrong detection overlapping a face this much is on it, though badly boxed
IOU = 0.5
NUDENET_FACES = ("FACE_FEMALE", "FACE_MALE")
NUDENET_THRESHOLD = 0.4  # what the engine required of NudeNet's faces before YuNet
UNION_IOU = 0.3  # a NudeNet face overlapping a YuNet one this much is the same face


@dataclass
class Photo:
    """One labeled photograph: its bytes, its faces, and each face's WIDER levels and labels."""

    name: str
    data: bytes
    truth: list[Box]
    levels: list[set[str]] = field(default_factory=list)


@dataclass
class Tally:
    found: int = 0  # detections
    right: int = 0  # detections matching an annotated face
    near: int = 0  # the other detections overlapping one (IoU >= NEAR)
    faces: dict[str, int] = field(default_factory=dict)  # level -> faces annotated
    hits: dict[str, int] = field(default_factory=dict)  # level -> faces found
    ms: list[float] = field(default_factory=list)

    def add(self, photo: Photo, boxes: list[Box], ms: float) -> None:
        self.found += len(boxes)
        self.ms.append(ms)
        matched = match(boxes, photo.truth)
        self.right += len(matched)
        self.near += sum(any(iou(box, t) >= NEAR for t in photo.truth)
                         for i, box in enumerate(boxes) if i not in matched)  # fmt: skip
        for i, levels in enumerate(photo.levels or [{"all"}] * len(photo.truth)):
            for level in levels:
                self.faces[level] = self.faces.get(level, 0) + 1
                self.hits[level] = self.hits.get(level, 0) + (i in matched.values())

    def line(self, levels: tuple[str, ...]) -> str:
        recall = ", ".join(
            f"{level} {self.hits.get(level, 0) / self.faces[level]:.1%}"
            f" ({self.hits.get(level, 0)}/{self.faces[level]})"
            for level in levels
            if self.faces.get(level)
        )
        precision = f"{self.right / self.found:.1%}" if self.found else "-"
        wrong = self.found - self.right
        return (f"recall {recall or '-'}; precision {precision} ({self.right}/{self.found};"
                f" {self.near} of the {wrong} others on a face, badly boxed);"
                f" {statistics.median(self.ms):.1f} ms/image median")  # fmt: skip


def iou(a: Box, b: Box) -> float:
    ix = max(0, min(a.x + a.width, b.x + b.width) - max(a.x, b.x))
    iy = max(0, min(a.y + a.height, b.y + b.height) - max(a.y, b.y))
    inter = ix * iy
    union = a.width * a.height + b.width * b.height - inter
    return inter / union if union else 0.0


def match(found: list[Box], truth: list[Box]) -> dict[int, int]:
    """Detection index -> face index, each face matched once, best overlaps first."""
    pairs = sorted(((iou(f, t), i, j) for i, f in enumerate(found) for j, t in enumerate(truth)),
                   reverse=True)  # fmt: skip
    used_f: set[int] = set()
    used_t: set[int] = set()
    out: dict[int, int] = {}
    for overlap, i, j in pairs:
        if overlap < IOU:
            break
        if i not in used_f and j not in used_t:
            used_f.add(i)
            used_t.add(j)
            out[i] = j
    return out


def read(root: Path, path: str) -> bytes:
    """`path` in `root`: a git directory (its newest commit, read in place) or a folder."""
    if (root / "HEAD").is_file() and (root / "objects").is_dir():
        return subprocess.run(["git", "--git-dir", str(root), "show", f"HEAD:{path}"],
                              check=True, capture_output=True).stdout  # fmt: skip
    return (root / path).read_bytes()


def wider(photos: Path, truth_dir: Path) -> list[Photo] | str:
    """The WIDER FACE photos with their ground truth, or why they cannot be had here."""
    if not (photos.is_dir() and truth_dir.is_dir()):
        return f"not found here ({photos}, {truth_dir})"
    import scipy.io  # type: ignore[import-untyped]  # scikit-image's dependency (dev extra)

    def table(file: str, key: str) -> dict[str, object]:
        mat = scipy.io.loadmat(io.BytesIO(read(truth_dir, f"{GROUND}/{file}")))
        out: dict[str, object] = {}
        for event in range(len(mat["event_list"])):
            for k, entry in enumerate(mat["file_list"][event][0]):
                out[str(entry[0][0])] = mat[key][event][0][k][0]
        return out

    boxes = table("wider_face_val.mat", "face_bbx_list")
    labels = {key: table("wider_face_val.mat", f"{key}_label_list") for key, _, _ in LABELS}
    lists = {level: table(f"wider_{level}_val.mat", "gt_list") for level in LEVELS}
    out = []
    for name in PHOTO_NAMES:
        truth = [Box(int(x), int(y), int(w), int(h)) for x, y, w, h in boxes[name]]  # type: ignore[attr-defined]
        levels: list[set[str]] = [set() for _ in truth]
        for level, table_ in lists.items():
            for index in table_[name].ravel():  # type: ignore[attr-defined]  # 1-based
                levels[int(index) - 1].add(level)
        for key, value, label in LABELS:
            for face, given in enumerate(labels[key][name].ravel()):  # type: ignore[attr-defined]
                if given == value and levels[face]:  # not for the invalid faces no level holds
                    levels[face].add(label)
        out.append(Photo(name, read(photos, f"images/{name}.jpg"), truth, levels))
    return out


def jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def dimmed(photo: Photo) -> Photo:
    with Image.open(io.BytesIO(photo.data)) as im:
        dark = Image.eval(im.convert("RGB"), lambda level: level // 4)
    return Photo(photo.name + " dimmed", jpeg(dark), photo.truth, photo.levels)


def scikit_photos() -> list[Photo]:
    out = []
    for name, (x, y, w, h) in HAND_FACES.items():
        out.append(Photo(name, jpeg(photograph(name)), [Box(x, y, w, h)]))
    group, truth = group_photo()
    out.append(Photo("group photo", jpeg(group), truth))
    out.append(dimmed(out[-1]))
    out += [Photo(name, jpeg(photograph(name)), []) for name in NO_FACES]
    return out


Detector = Callable[[decode.Decoded, float], list[Box]]


def yunet(decoded: decode.Decoded, threshold: float) -> list[Box]:
    seen = faces.get().detect(decoded.image, threshold)
    return [decoded.box(d.left, d.top, d.right, d.bottom) for d in seen]


def nudenet(decoded: decode.Decoded, threshold: float) -> list[Box]:
    found = model.get().detect(decoded.image, DEFAULT_VISION.input_size, threshold)
    return [decoded.box(d.left, d.top, d.right, d.bottom) for d in found
            if d.label in NUDENET_FACES]  # fmt: skip


def union(decoded: decode.Decoded, threshold: float) -> list[Box]:
    ours = yunet(decoded, threshold)
    extra = [b for b in nudenet(decoded, NUDENET_THRESHOLD)
             if all(iou(b, o) < UNION_IOU for o in ours)]  # fmt: skip
    return ours + extra


def run(photos: list[Photo], detect: Detector, threshold: float) -> Tally:
    tally = Tally()
    for photo in photos:
        decoded = decode.for_analysis(photo.data, DEFAULT_VISION.analysis_size)
        start = time.perf_counter()
        boxes = detect(decoded, threshold)
        tally.add(photo, boxes, (time.perf_counter() - start) * 1000)
    return tally


def report(title: str, photos: list[Photo], thresholds: list[float], levels: tuple[str, ...]
           ) -> Iterator[str]:  # fmt: skip
    yield f"{title}: {len(photos)} photos, {sum(len(p.truth) for p in photos)} faces"
    for threshold in thresholds:
        mark = " (default)" if threshold == DEFAULT_VISION.face_threshold else ""
        yield f"  YuNet >= {threshold:.2f}{mark}: {run(photos, yunet, threshold).line(levels)}"
    nudenet_faces = run(photos, nudenet, NUDENET_THRESHOLD)
    yield f"  NudeNet FACE_* >= {NUDENET_THRESHOLD}: {nudenet_faces.line(levels)}"
    default = DEFAULT_VISION.face_threshold
    yield f"  YuNet >= {default} + NudeNet FACE_*: {run(photos, union, default).line(levels)}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--thresholds", default="0.5,0.6,0.7,0.8,0.9")
    parser.add_argument("--wider-photos", type=Path, default=WIDER_PHOTOS)
    parser.add_argument("--wider-truth", type=Path, default=WIDER_TRUTH)
    args = parser.parse_args()
    thresholds = [float(t) for t in args.thresholds.split(",")]
    model.warm()  # both models, so that no timing includes a load
    print(f"IoU >= {IOU}; times are the detector alone on the analysis picture")
    labeled = wider(args.wider_photos, args.wider_truth)
    if isinstance(labeled, str):
        print(f"WIDER FACE validation photos: {labeled}; section skipped")
    else:
        print(
            f"WIDER FACE validation photos from {args.wider_photos} (images/),"
            f" ground truth from {args.wider_truth} (widerface_evaluate/ground_truth/)"
        )
        for line in report("WIDER FACE validation photos", labeled, thresholds, SORTS):
            print(line)
        dark = [dimmed(p) for p in labeled]
        for line in report("the same, dimmed to a quarter", dark, thresholds, SORTS):
            print(line)
    title = "scikit-image photographs (in its wheel; faces boxed by hand)"
    for line in report(title, scikit_photos(), thresholds, ("all",)):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
