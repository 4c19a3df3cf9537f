"""Settings fall back to defaults on bad input; writes are atomic."""
import json
import os

import pytest

from model_backend.core.atomic import atomic_write_text
from model_backend.core.settings import Settings


def test_settings_round_trip(tmp_path):
    path = tmp_path / "settings.json"
    settings = Settings(temperature=0.2, added_model_paths=["/models/x"], device="cpu")
    settings.save(path)
    assert Settings.load(path) == settings


def test_wrong_types_and_unknown_keys_fall_back_to_defaults(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"temperature": "hot", "top_k": 5, "device": "tpu", "bogus": 1,
                                "added_model_paths": [1, 2], "top_p": 1}))
    settings = Settings.load(path)
    assert settings.temperature == Settings().temperature
    assert settings.top_k == 5
    assert settings.top_p == 1.0
    assert settings.device == "auto"
    assert settings.added_model_paths == []


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", ""])
def test_corrupt_settings_file_gives_defaults(tmp_path, content):
    path = tmp_path / "settings.json"
    path.write_text(content)
    assert Settings.load(path) == Settings()


def test_atomic_write_keeps_old_file_when_replace_fails(tmp_path, monkeypatch):
    path = tmp_path / "chat.json"
    atomic_write_text(path, "old")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        atomic_write_text(path, "new")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["chat.json"]  # no temp file left behind
