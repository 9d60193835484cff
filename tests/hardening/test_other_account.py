"""Another account on this computer, against `thinktwice serve --tcp`: no token, no history,
no dashboard, no secret on disk it can read.

The stranger is the real `nobody` account (tests/support/accounts.py), talking to
the real service over loopback TCP with the standard library, the way any local
program could: it forges Origin headers, replays an extension's id and asks for
the dashboard. Over the Unix socket it cannot even connect (tests/server/test_channel.py).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hardening.load import Service, serve
from tests.support.accounts import as_stranger
from thinktwice.server.pairing import Pairing, issue_code

PAIRED = "chrome-extension://" + "c" * 32  # an extension that paired with a code

ASK = """
import json, urllib.request, urllib.error
def ask(method, path, headers, body=None):
    request = urllib.request.Request(
        "http://127.0.0.1:{port}" + path, data=body, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")
out = {{}}
json_body = {{"Content-Type": "application/json"}}
stranger = "chrome-extension://" + "b" * 32
out["pair_as_new"] = ask("POST", "/v1/pair", {{**json_body, "Origin": stranger}}, b"{{}}")
out["pair_as_paired"] = ask("POST", "/v1/pair", {{**json_body, "Origin": {paired!r}}}, b"{{}}")
out["history"] = ask("GET", "/v1/history", {{"Origin": {paired!r}}})
out["dashboard"] = ask("GET", "/", {{}})
out["export"] = ask("GET", "/export.json", {{"Cookie": "thinktwice_session=stolen"}})
try:
    open({token!r}).read()
    out["token_file"] = "read"
except OSError as e:
    out["token_file"] = type(e).__name__
try:
    open({history!r}, "rb").read(16)
    out["history_file"] = "read"
except OSError as e:
    out["history_file"] = type(e).__name__
print(json.dumps(out))
"""


@pytest.fixture
def service() -> Iterator[Service]:
    """`serve --tcp` whose data dir sits where the stranger can reach its parent."""
    folder = Path(tempfile.mkdtemp(prefix="thinktwice-"))
    folder.chmod(0o755)
    data = folder / "data"
    try:
        Pairing(data).pair(PAIRED, issue_code(data).code)  # before it starts: it reads them once
        with serve(data) as running:
            yield running
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_another_account_gets_no_token_no_history_and_no_dashboard(service: Service) -> None:
    code = ASK.format(
        port=service.port,
        paired=PAIRED,
        token=str(service.settings.token_path),
        history=str(service.settings.history_path),
    )
    result = as_stranger(code)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    token = service.token()
    for key in ("pair_as_new", "pair_as_paired", "history", "dashboard", "export"):
        assert token not in out[key][1], key
    assert out["pair_as_new"][0] == 403 and "pairing_code_required" in out["pair_as_new"][1]
    assert out["pair_as_paired"][0] == 409 and "already_paired" in out["pair_as_paired"][1]
    assert out["history"][0] == 401
    assert out["dashboard"][0] == 404 and out["export"][0] == 404
    assert out["token_file"] == "PermissionError"
    assert out["history_file"] == "PermissionError"
