"""What scripts/package builds: a wheel that installs and runs, and the extension packed
for Chrome (zip) and Firefox (xpi), all carrying the one version number.

The packages are built once per module by scripts/package.py (what scripts/package runs
after set-up), into a temporary folder. The wheel goes into a fresh virtual environment
with `pip install --no-deps` (pipx is not on this machine); its dependencies come from
the project's .venv, whose site-packages the new environment is given by a `.pth` file
(one path line: the .venv's own `.pth` files, such as the editable install of this
checkout, are not run), so the test is fast and needs no network. `thinktwice` is then
run from PATH, as a person would after `pipx install`. The browser tests start one
browser each: the unzipped zip in Chromium, the xpi in Firefox ESR as a temporary add-on.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Playwright

import thinktwice
from tests.extension.browser import Browser
from tests.support.firefox import FIREFOX, Firefox
from tests.support.images import tagged_jpeg
from thinktwice.native import install

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "extension"
WEB_EXT = ROOT / "tests" / "extension" / "node_modules" / ".bin" / "web-ext"
VERSION = thinktwice.__version__
# The moz-extension:// UUID Firefox gives the add-on (fixed by a pref).
UUID = "5e0c1a7b-2d4f-4c8e-9b3a-6f1d2e4c8a90"


@dataclass(frozen=True)
class Packages:
    """The files scripts/package built."""

    wheel: Path
    zip: Path
    store: Path  # the zip for the Chrome Web Store
    xpi: Path


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Packages:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "package.py"), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("*.whl")
    named = [out / f"thinktwice-{VERSION}-{n}" for n in ("chrome.zip", "chrome-webstore.zip")]
    return Packages(wheel, *named, out / f"thinktwice-{VERSION}-firefox.xpi")


@pytest.fixture(scope="module")
def installed(packages: Packages, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel installed in it; its folder."""
    env = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
    # Installed before the dependencies are made visible: pip sees only this environment.
    # Nor a PYTHONPATH holding the checkout: pip would take it for an installed copy.
    clean = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    subprocess.run(
        [str(env / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps", "--no-index",
         "--disable-pip-version-check", str(packages.wheel)],
        check=True, env=clean,
    )  # fmt: skip
    purelib = Path(sysconfig.get_paths()["purelib"])
    (site,) = (env / "lib").glob("python3*/site-packages")
    (site / "project-dependencies.pth").write_text(f"{purelib}\n")
    return env


def run_from_path(
    env: Path, *args: str, cwd: Path | None = None, **extra: str
) -> subprocess.CompletedProcess[str]:
    """`args` run with only `env`'s bin added to PATH, and no PYTHONPATH of this checkout
    (`extra`: more environment variables)."""
    environ = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    environ.update(extra)
    environ["PATH"] = f"{env / 'bin'}{os.pathsep}{environ.get('PATH', '')}"
    return subprocess.run(args, capture_output=True, text=True, env=environ, cwd=cwd, check=False)


def test_the_version_is_kept_in_one_place(packages: Packages) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert "version" not in project and "version" in project["dynamic"]
    assert setuptools["dynamic"]["version"] == {"attr": "thinktwice.__version__"}
    manifest = json.loads((EXTENSION / "manifest.json").read_text())
    assert manifest["version"] == VERSION, "extension/manifest.json must say __version__"
    with zipfile.ZipFile(packages.wheel) as wheel:
        metadata = wheel.read(f"thinktwice-{VERSION}.dist-info/METADATA").decode()
    assert f"\nVersion: {VERSION}\n" in metadata
    for packed in (packages.zip, packages.store, packages.xpi):
        with zipfile.ZipFile(packed) as archive:
            assert json.loads(archive.read("manifest.json"))["version"] == VERSION


def test_the_wheel_holds_the_c_scanner_the_dashboard_and_every_module(packages: Packages) -> None:
    with zipfile.ZipFile(packages.wheel) as wheel:
        names = set(wheel.namelist())
    assert any(
        n.startswith("thinktwice/formats/jpeg/_jpegscan.") and n.endswith(".so") for n in names
    )
    package = ROOT / "backend" / "thinktwice"
    wanted = {
        f"thinktwice/{p.relative_to(package).as_posix()}"
        for p in package.rglob("*")
        if p.suffix in {".py", ".html", ".css", ".po"} and "__pycache__" not in p.parts
    }
    assert wanted - names == set()
    assert any(n.startswith("thinktwice/dashboard/templates/") for n in wanted)
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]


def test_the_installed_wheel_runs_from_path(installed: Path, tmp_path: Path) -> None:
    version = run_from_path(installed, "thinktwice", "--version")
    assert (version.returncode, version.stdout) == (0, f"thinktwice {VERSION}\n"), version.stderr
    photo = tmp_path / "IMG_2041.jpg"
    photo.write_bytes(tagged_jpeg())
    scan = run_from_path(installed, "thinktwice", "scan", str(photo))
    assert scan.returncode == 0, scan.stderr
    assert "IMG_2041.jpg (JPEG): verdict high" in scan.stdout
    assert "Vanves" in scan.stdout and "serial number" in scan.stdout
    # The catalogs came with it: a Spanish system gets Spanish findings.
    spanish = run_from_path(
        installed, "thinktwice", "scan", str(photo), LANGUAGE="es", LANG="es_ES"
    )
    assert "Muestra dónde se hizo: en Vanves" in spanish.stdout, spanish.stderr
    # The code that ran is the wheel's (with its compiled scanner and dashboard
    # templates), not this checkout's.
    where = run_from_path(
        installed,
        "python",
        "-c",
        "import thinktwice, thinktwice.formats.jpeg._jpegscan as c;"
        "from thinktwice.dashboard.render import TEMPLATES;"
        "print(thinktwice.__file__, c.__file__, (TEMPLATES / 'base.html').is_file())",
        cwd=tmp_path,
    )
    package, scanner, templates = where.stdout.split()
    assert Path(package).is_relative_to(installed) and Path(scanner).is_relative_to(installed)
    assert scanner.endswith(".so") and templates == "True"


def test_setup_from_the_installed_wheel_says_what_it_wrote(installed: Path, tmp_path: Path) -> None:
    profile, data = tmp_path / "profile", tmp_path / "data"
    setup = run_from_path(
        installed,
        "thinktwice",
        "setup",
        "--chromium-profile",
        str(profile),
        "--data-dir",
        str(data),
    )
    manifest = profile / "NativeMessagingHosts" / f"{install.HOST_NAME}.json"
    launcher = data / install.LAUNCHER_NAME
    assert setup.returncode == 0, setup.stderr
    assert str(manifest) in setup.stdout and f"Native host: {launcher}" in setup.stdout
    assert json.loads(manifest.read_text())["path"] == str(launcher)
    # The browser runs the wheel's own Python, with no checkout on its path.
    script = launcher.read_text()
    assert f"{installed}/bin/python -m thinktwice.native" in script
    assert "PYTHONPATH" not in script


def test_the_zip_holds_the_extension_and_nothing_else(packages: Packages) -> None:
    with zipfile.ZipFile(packages.zip) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
    on_disk = {
        p.relative_to(EXTENSION).as_posix()
        for p in EXTENSION.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(EXTENSION).parts)
    }
    assert names == on_disk
    assert not [n for n in names if "test" in n.lower() or n.rsplit("/", 1)[-1].startswith(".")]
    assert manifest_files(manifest) - names == set()
    assert {"_locales/en/messages.json", "icons/icon-128.png"} <= names


def test_the_web_store_zip_is_the_same_without_the_key(packages: Packages) -> None:
    # The Chrome Web Store refuses an upload whose manifest has a `key`.
    with zipfile.ZipFile(packages.zip) as archive, zipfile.ZipFile(packages.store) as store:
        assert set(store.namelist()) == set(archive.namelist())
        for name in archive.namelist():
            if name != "manifest.json":
                assert store.read(name) == archive.read(name), name
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest.pop("key") and json.loads(store.read("manifest.json")) == manifest


def manifest_files(manifest: dict[str, object]) -> set[str]:
    """Every file the manifest names: icons, worker, popup, options page."""
    icons = manifest["icons"]
    action = manifest["action"]
    background = manifest["background"]
    options = manifest["options_ui"]
    assert isinstance(icons, dict) and isinstance(action, dict)
    assert isinstance(background, dict) and isinstance(options, dict)
    return {
        *icons.values(),
        *action["default_icon"].values(),
        action["default_popup"],
        background["service_worker"],
        *background["scripts"],
        options["page"],
    }


def test_the_xpi_passes_web_ext_lint(packages: Packages, tmp_path: Path) -> None:
    with zipfile.ZipFile(packages.xpi) as archive:
        archive.extractall(tmp_path / "xpi")
        files = {n for n in archive.namelist() if not n.endswith("/")}  # it lists folders too
    with zipfile.ZipFile(packages.zip) as archive:
        assert files == set(archive.namelist())  # the same files as the Chrome zip
    lint = subprocess.run(
        [str(WEB_EXT), "lint", "--source-dir", str(tmp_path / "xpi"), "--output", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(lint.stdout)
    assert report["errors"] == [], report["errors"]
    assert report["summary"]["errors"] == 0


@pytest.fixture
def unzipped(packages: Packages, tmp_path: Path) -> Path:
    with zipfile.ZipFile(packages.zip) as archive:
        archive.extractall(tmp_path / "extension")
    return tmp_path / "extension"


def test_the_zip_loads_in_chromium(unzipped: Path, tmp_path: Path, playwright: Playwright) -> None:
    # The suites' one Playwright (tests/conftest.py): a second cannot start beside it.
    assert shutil.which("chromium"), "Debian's chromium is required (scripts/test installs it)"
    browser = Browser(
        playwright, tmp_path / "profile", tmp_path / "downloads", tmp_path / "data", unzipped
    )
    try:
        # The fixed id that `thinktwice setup` lets reach the native host.
        assert browser.extension_id == install.CHROME_EXTENSION_ID
        assert browser.call("() => chrome.runtime.getManifest().version") == VERSION
        assert browser.call("() => typeof self.thinktwice.connection") == "function"
    finally:
        browser.close()


@pytest.fixture
def firefox(tmp_path: Path) -> Iterator[Firefox]:
    assert shutil.which(FIREFOX), "Debian's firefox-esr is required (scripts/test installs it)"
    browser = Firefox(tmp_path / "firefox", addon_uuids={install.GECKO_EXTENSION_ID: UUID})
    try:
        yield browser
    finally:
        browser.close()


def test_the_xpi_installs_in_firefox(firefox: Firefox, packages: Packages) -> None:
    assert firefox.install_temporary_addon(packages.xpi) == install.GECKO_EXTENSION_ID
    firefox.open_privileged(f"moz-extension://{UUID}/help/help.html")
    answer = firefox.execute(
        "return browser.runtime.getBackgroundPage()"
        ".then(bg => [typeof bg.thinktwice.connection, browser.runtime.getManifest().version])"
    )
    assert answer == ["function", VERSION]
