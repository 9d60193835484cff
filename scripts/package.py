"""Build ThinkTwice's installable packages (scripts/package runs this after set-up).

Into OUT (dist/ by default):

- thinktwice-VERSION-*.whl: the engine, command line, service and dashboard, with the
  C scanner compiled (`pipx install` it);
- thinktwice-VERSION-chrome.zip: the extension's files, manifest at the root, to
  "Load unpacked" once unzipped: its manifest's `key` gives it the fixed id that
  `thinktwice setup` lets reach the native host;
- thinktwice-VERSION-chrome-webstore.zip: the same without the `key`, which the
  Chrome Web Store refuses in an upload (the store gives the id; the native host
  must then list that id too);
- thinktwice-VERSION-firefox.xpi: the same files, packed by `web-ext build`.

The version has one source, `__version__` in backend/thinktwice/__init__.py:
setuptools reads it for the wheel (pyproject.toml's `dynamic`) and the service
reports it. extension/manifest.json must repeat it, as the browser reads that file
when the folder is loaded unpacked: this script refuses to pack when the two
disagree, and tests/packaging fails, so no artefact goes out with a second number.
"""

from __future__ import annotations

import argparse
import ast
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXTENSION = ROOT / "extension"
WEB_EXT = ROOT / "tests" / "extension" / "node_modules" / ".bin" / "web-ext"
# What the wheel is built from: a clean copy of these, so nothing left in the
# checkout (an in-place build of the C scanner, caches, egg-info) slips into it.
WHEEL_SOURCES = ("backend", "pyproject.toml", "README.md", "LICENSE")
NOT_SOURCES = shutil.ignore_patterns("__pycache__", "*.so", "*.egg-info", ".*")


def version() -> str:
    """`__version__` as backend/thinktwice/__init__.py assigns it (read, not imported)."""
    tree = ast.parse((ROOT / "backend" / "thinktwice" / "__init__.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets
        ):
            return str(ast.literal_eval(node.value))
    raise SystemExit("backend/thinktwice/__init__.py assigns no __version__")


def extension_files() -> list[Path]:
    """The extension's files, relative to extension/: no dot-files, nothing else."""
    files = (path.relative_to(EXTENSION) for path in EXTENSION.rglob("*") if path.is_file())
    return sorted(path for path in files if not any(part.startswith(".") for part in path.parts))


def stage_extension(into: Path, number: str) -> Path:
    """A copy of the extension's files in `into`; refused unless its manifest says `number`."""
    manifest = json.loads((EXTENSION / "manifest.json").read_text())
    if manifest["version"] != number:
        raise SystemExit(
            f"extension/manifest.json says version {manifest['version']!r} but "
            f"backend/thinktwice/__init__.py says {number!r}: make them agree."
        )
    for relative in extension_files():
        (into / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(EXTENSION / relative, into / relative)
    return into


def build_wheel(out: Path, scratch: Path) -> Path:
    """Build the wheel from a clean copy of the sources; its path in `out`."""
    source = scratch / "source"
    source.mkdir()
    for name in WHEEL_SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=NOT_SOURCES)
        else:
            shutil.copy2(ROOT / name, source / name)
    built = scratch / "wheel"
    run([sys.executable, "-m", "build", "--wheel", "--outdir", str(built), str(source)])
    (wheel,) = built.glob("*.whl")
    return Path(shutil.move(wheel, out / wheel.name))


def build_zips(staged: Path, out: Path, number: str) -> list[Path]:
    """Zip the staged extension, manifest at the root: with its `key`, and without for
    the Chrome Web Store; their paths."""
    manifest = json.loads((staged / "manifest.json").read_text())
    del manifest["key"]
    store = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    zips = []
    for name, manifest_text in (("chrome", None), ("chrome-webstore", store)):
        target = out / f"thinktwice-{number}-{name}.zip"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(p for p in staged.rglob("*") if p.is_file()):
                relative = path.relative_to(staged).as_posix()
                if relative == "manifest.json" and manifest_text is not None:
                    archive.writestr(relative, manifest_text)
                else:
                    archive.write(path, relative)
        zips.append(target)
    return zips


def build_xpi(staged: Path, out: Path, number: str) -> Path:
    """Pack the staged extension with `web-ext build`; its path."""
    name = f"thinktwice-{number}-firefox.xpi"
    run(
        [
            str(WEB_EXT),
            "build",
            "--source-dir",
            str(staged),
            "--artifacts-dir",
            str(out),
            "--filename",
            name,
            "--overwrite-dest",
        ]
    )
    return out / name


def run(command: list[str]) -> None:
    """Run `command` quietly; its output and a non-zero exit if it fails."""
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"{Path(command[0]).name} {command[1]} failed ({done.returncode})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="where (default dist/)")
    args = parser.parse_args()
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    number = version()
    with tempfile.TemporaryDirectory(prefix="thinktwice-package-") as scratch:
        staged = stage_extension(Path(scratch) / "extension", number)
        print(
            "Building the wheel (compiling the C scanner), the zips and the xpi…", file=sys.stderr
        )
        built = [
            build_wheel(out, Path(scratch)),
            *build_zips(staged, out, number),
            build_xpi(staged, out, number),
        ]
    for path in built:
        print(f"{path}  ({path.stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
