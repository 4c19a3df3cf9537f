"""The command line for preparing many machines by script: download with progress lines, pack, import."""
from __future__ import annotations

import pytest

from model_backend.__main__ import main
from model_backend.core.model_inspection import ModelKind
from model_backend.core.paths import AppPaths
from model_backend.library import command_line, library_jobs
from model_backend.library.catalogue import CatalogueEntry, CatalogueFile
from model_backend.library.downloads import DownloadProgress
from model_backend.library.packs import PackProgress
from tests.fixtures.fake_hub import FakeHub, repo_from_folder


def test_progress_lines_carry_the_numbers():
    line = command_line.progress_line(DownloadProgress("x", "model.gguf", 50_000_000, 100_000_000, 150_000_000,
                                                       300_000_000, 2_000_000.0, 75.0))
    assert "50 MB of 100 MB" in line and "50.0 %" in line and "2.0 MB/s" in line and "1 min 15 s left" in line
    assert "25.0 %" in command_line.progress_line(PackProgress("m", "f", 1, 4))


def test_download_pack_and_import_from_the_command_line(app_home, tmp_path, monkeypatch, capsys, tiny_chat_model_dir):
    hub = FakeHub().start()
    repo = hub.add("class/tiny-model", repo_from_folder(tiny_chat_model_dir))
    entry = CatalogueEntry(
        id="tiny-model", kind=ModelKind.CHAT, title="Tiny chat", purpose={"en": "tests"}, repo="class/tiny-model",
        revision="main", files=tuple(CatalogueFile(name) for name in repo.files), download_bytes=1, memory_bytes=1,
        languages=("en",), licence="Apache-2.0", licence_restricted=False)
    monkeypatch.setenv("HF_ENDPOINT", hub.endpoint)
    monkeypatch.setattr(library_jobs, "find_entry", lambda entry_id: entry)
    monkeypatch.setattr(command_line, "LINE_INTERVAL_S", 0.0)
    try:
        assert main(["download", "tiny-model"]) == 0
    finally:
        hub.stop()
    out, err = capsys.readouterr()
    model_id = f"path:{(app_home.models_dir / 'tiny-model').resolve()}"
    assert f"model id {model_id}" in out
    assert "total 100.0 %" in err and "MB/s" in err

    pack = tmp_path / "pack"
    assert main(["pack", "--out", str(pack), model_id]) == 0
    assert (pack / "manifest.json").is_file() and "0 problem(s)" in capsys.readouterr().out

    other = tmp_path / "laptop"
    other.mkdir()
    monkeypatch.setenv("GENAI_CLASSROOM_HOME", str(other))
    assert main(["import", str(pack)]) == 0
    weights = AppPaths.default().models_dir / "tiny-model" / "model.safetensors"
    assert weights.read_bytes() == (tiny_chat_model_dir / "model.safetensors").read_bytes()

    config = pack / "models" / "tiny-model" / "config.json"
    config.write_text(config.read_text() + " ")
    assert main(["import", str(pack), "--in-place"]) == 1
    assert "tiny-model/config.json" in capsys.readouterr().out


def test_downloading_an_unknown_entry_fails_plainly(capsys):
    with pytest.raises(SystemExit):
        main(["download"])
    assert main(["download", "no-such-model"]) == 1
    assert "no-such-model" in capsys.readouterr().err
