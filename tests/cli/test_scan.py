"""`thinktwice scan`: findings in words, or JSON for scripts."""

from __future__ import annotations

import json

from thinktwice import clean
from thinktwice.cli import main


def test_text_output_names_the_verdict_and_the_findings(tmp_path, samples, capsys):
    path = tmp_path / "IMG_2041.jpg"
    path.write_bytes(samples["jpeg"].data)
    assert main(["scan", str(path)]) == 0
    out = capsys.readouterr().out
    assert "IMG_2041.jpg (JPEG): verdict high" in out
    assert "Vanves" in out


def test_json_output_has_the_documented_shape(tmp_path, samples, capsys):
    photo = tmp_path / "a.jpg"
    photo.write_bytes(samples["jpeg"].data)
    text = tmp_path / "b.jpg"
    text.write_text("just text")
    assert main(["scan", "--json", str(photo), str(text)]) == 1
    results = json.loads(capsys.readouterr().out)
    assert [set(r) for r in results] == [{"path", "format", "verdict", "findings", "error"}] * 2
    first, second = results
    assert first["format"] == "jpeg" and first["verdict"] == "high" and first["error"] is None
    assert {"kind", "severity", "message", "evidence"} == set(first["findings"][0])
    assert first["findings"][0]["severity"] in {"critical", "high"}
    assert second["error"] and "plain text" in second["error"]


def test_a_clean_image_says_nothing_was_found(tmp_path, samples, capsys):
    path = tmp_path / "clean.jpg"
    path.write_bytes(clean(samples["jpeg"].data))
    assert main(["scan", str(path)]) == 0
    assert "nothing identifying found" in capsys.readouterr().out


def _astronaut_png(path):
    from tests.vision.build import astronaut, png

    path.write_bytes(png(astronaut()))
    return path


def test_pixels_are_analysed_unless_told_not_to(tmp_path, capsys):
    photo = _astronaut_png(tmp_path / "astronaut.png")
    main(["scan", "--json", str(photo)])
    with_pixels = json.loads(capsys.readouterr().out)[0]
    main(["scan", "--json", "--no-pixels", str(photo)])
    without = json.loads(capsys.readouterr().out)[0]
    assert "face" in {f["kind"] for f in with_pixels["findings"]}
    assert "face" not in {f["kind"] for f in without["findings"]}


def test_a_batch_is_scanned_in_worker_processes_in_order(tmp_path, samples, capsys):
    paths = []
    for i in range(6):  # past batch.MIN_PARALLEL: the process pool runs
        path = tmp_path / f"IMG_{i}.jpg"
        path.write_bytes(samples["jpeg"].data)
        paths.append(str(path))
    assert main(["scan", "--json", "--no-pixels", *paths]) == 0
    results = json.loads(capsys.readouterr().out)
    assert [r["path"] for r in results] == paths
    assert {r["verdict"] for r in results} == {"high"}
