"""`thinktwice token`, `pair` and `status`: the service's secrets and state."""

from __future__ import annotations

import json
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Sample
from tests.server.conftest import EXTENSION
from tests.support.service import Service
from thinktwice.cli import main
from thinktwice.formats import jpeg
from thinktwice.history import SCHEMA_VERSION
from thinktwice.server.pairing import CODE_FILE, PAIRED_FILE, Pairing, issue_code


def test_token_prints_the_token_it_creates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["token", "--data-dir", str(tmp_path)]) == 0
    token = capsys.readouterr().out.strip()
    assert (tmp_path / "token").read_text().strip() == token
    assert stat.S_IMODE((tmp_path / "token").stat().st_mode) == 0o600
    assert main(["token", "--data-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip() == token


def test_pair_prints_a_code_the_service_accepts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["pair", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    code = re.search(r"Pairing code: (\S+)", out)
    assert code is not None
    assert "10 minutes" in out
    assert (tmp_path / CODE_FILE).exists()
    assert Pairing(tmp_path).pair(EXTENSION, code.group(1)).method == "code"


def test_status_of_a_stopped_service(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Port 1 never runs the service.
    assert main(["status", "--port", "1", "--data-dir", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"Service: not running (nothing answers at {tmp_path / 'service.sock'})" in out
    assert "The browser starts it when a photo needs checking" in out
    assert "TCP: nothing answers on http://127.0.0.1:1" in out
    assert "Browsers that may start it: none (run `thinktwice setup`)" in out
    built = "built" if jpeg.NATIVE_SCANNER else "not built (slower Python fallback)"
    assert f"Native JPEG scanner: {built}\n" in out
    assert "Paired: nothing yet (run `thinktwice pair`" in out
    assert "History: empty" in out


def test_status_of_a_service_that_failed_to_start_quotes_its_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "service.log").write_text("INFO: starting\nthinktwice serve: disk full\n")
    main(["status", "--data-dir", str(tmp_path)])
    assert "Its last start: thinktwice serve: disk full" in capsys.readouterr().out


def test_status_of_a_running_service(
    tmp_path: Path,
    samples: dict[str, Sample],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    data = tmp_path / "data"
    assert main(["setup", "--data-dir", str(data)]) == 0
    Pairing(data).pair(EXTENSION, issue_code(data).code)
    service = Service(data).start()
    try:
        with service.client() as c:
            c.post("/v1/inspect", files={"file": ("a.jpg", samples["jpeg"].data)})
        capsys.readouterr()
        assert main(["status", "--data-dir", str(data)]) == 0
    finally:
        service.stop()
    out = capsys.readouterr().out
    assert f"Service: running at {data / 'service.sock'} (version " in out
    assert "Browsers that may start it: Chrome, Chromium, Firefox" in out
    assert f"{EXTENSION}  since" in out and "(with a code)" in out
    assert "History: 1 inspection(s)" in out and f"schema version {SCHEMA_VERSION}" in out


def test_status_still_reads_a_pairing_older_versions_made_on_first_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = {"origin": EXTENSION, "paired_at": "2026-01-02T03:04:00+00:00", "method": "first_use"}
    (tmp_path / PAIRED_FILE).write_text(json.dumps([record]))
    main(["status", "--port", "1", "--data-dir", str(tmp_path)])
    out = capsys.readouterr().out
    assert f"{EXTENSION}  since 2026-01-02 03:04 UTC (trust on first use, before codes)" in out


def test_the_service_commands_do_not_load_the_web_stack() -> None:
    code = (
        "import sys; from thinktwice.cli.parser import build_parser; build_parser();"
        "import thinktwice.cli.service;"
        "print(any(m.split('.')[0] in ('fastapi', 'starlette', 'uvicorn', 'httpx')"
        " for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
