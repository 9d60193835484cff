"""`thinktwice scan` speaks the system's language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.images import tagged_jpeg

BACKEND = Path(__file__).resolve().parents[2] / "backend"


@pytest.fixture(scope="module")
def photo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("scan") / "photo.jpg"
    path.write_bytes(tagged_jpeg())
    return path


def scan(photo: Path, **environ: str) -> str:
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}  # fmt: skip
    env.update(environ, PYTHONPATH=str(BACKEND))
    done = subprocess.run(
        [sys.executable, "-m", "thinktwice", "scan", "--no-pixels", str(photo)],
        env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    return done.stdout


def test_a_spanish_system_gets_spanish_findings(photo: Path) -> None:
    out = scan(photo, LANG="es_ES.UTF-8")
    assert f"{photo} (JPEG): gravedad alta" in out
    assert "Muestra dónde se hizo: en Vanves, Île-de-France, Francia (GPS)." in out
    assert "Muestra cuándo se hizo: 14 de marzo de 2024, 18:02 (UTC+01:00)." in out
    assert "alta" in out.splitlines()[1]


def test_lc_all_and_language_come_before_lang(photo: Path) -> None:
    assert "Es zeigt, wo es aufgenommen wurde" in scan(photo, LANG="fr_FR.UTF-8", LC_ALL="de_DE")
    assert "Elle montre où elle a été prise" in scan(photo, LANG="de_DE.UTF-8", LANGUAGE="fr:de")


def test_a_system_language_without_catalog_gets_english(photo: Path) -> None:
    out = scan(photo, LANG="ja_JP.UTF-8")
    assert f"{photo} (JPEG): verdict high" in out
    assert "It shows where it was taken: in Vanves" in out
