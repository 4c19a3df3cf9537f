"""Parameter counts read from the model's files (no weights loaded), families, and base/instruct pairs."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from model_backend.chat.gguf_metadata import read_gguf_index
from model_backend.core.model_inspection import ModelFormat, ModelKind
from model_backend.core.registry import ModelEntry, ModelRegistry, ModelSource
from model_backend.prompt_lab.model_scale import (
    ModelFamily,
    base_instruct_pairs,
    model_family,
    parameter_count,
    parameter_count_from_config,
    size_from_label,
)


def _entry(path: Path, name: str, model_format: ModelFormat = ModelFormat.HF_FOLDER) -> ModelEntry:
    return ModelEntry(f"path:{path}", name, ModelKind.CHAT, model_format, path, ModelSource.ADDED)


def test_size_labels_are_read_as_numbers():
    assert size_from_label("135M") == 135_000_000 and size_from_label("1.7B") == 1_700_000_000
    assert size_from_label("8x7B") == 56_000_000_000 and size_from_label("360m") == 360_000_000
    assert size_from_label("Instruct") is None and size_from_label("") is None and size_from_label("v2") is None


def test_smollm2_135m_counts_about_135_million_from_the_real_gguf(smollm2_gguf, app_home):
    entry = next(e for e in ModelRegistry(app_home).models(ModelKind.CHAT) if e.path == smollm2_gguf)
    assert parameter_count(entry) == 135_000_000  # general.size_label
    counted = read_gguf_index(smollm2_gguf).parameters  # the tensor table added up
    assert 130e6 < counted < 140e6 and abs(counted - 135e6) / 135e6 < 0.03
    assert model_family(entry) == ModelFamily("smollm2", "135m", True)
    base = _entry(Path("/nowhere/snapshot"), "HuggingFaceTB/SmolLM2-135M")  # the catalogue's base, in the HF cache
    assert base_instruct_pairs([entry, base]) == [(base, entry)]


def test_a_tiny_model_counts_its_weights_from_the_safetensors_header_and_from_its_config(tiny_chat_model_dir,
                                                                                         tmp_path):
    from safetensors.torch import load_file  # only to check the numbers: the counting itself never loads weights

    exact = sum(t.numel() for t in load_file(str(tiny_chat_model_dir / "model.safetensors")).values())
    assert exact > 10_000
    assert parameter_count(_entry(tiny_chat_model_dir, "tiny-chat")) == exact
    config = json.loads((tiny_chat_model_dir / "config.json").read_text())
    assert parameter_count_from_config(config) == exact
    config_only = tmp_path / "tiny-no-weights"
    config_only.mkdir()
    shutil.copy(tiny_chat_model_dir / "config.json", config_only / "config.json")
    assert parameter_count(_entry(config_only, "tiny")) == exact
    assert parameter_count_from_config({"model_type": "something"}) is None
    assert parameter_count(_entry(tmp_path / "gone", "gone")) is None


def test_the_config_formula_matches_smollm2_135m_published_size():
    config = {"hidden_size": 576, "num_hidden_layers": 30, "vocab_size": 49152, "intermediate_size": 1536,
              "num_attention_heads": 9, "num_key_value_heads": 3, "tie_word_embeddings": True}
    assert parameter_count_from_config(config) == 134_515_008  # SmolLM2-135M's model card figure


@pytest.mark.parametrize(("name", "expected"), [
    ("SmolLM2-135M-Instruct", ModelFamily("smollm2", "135m", True)),
    ("SmolLM2-135M", ModelFamily("smollm2", "135m", False)),
    ("Qwen2.5-0.5B-Instruct-Q4_K_M.gguf", ModelFamily("qwen2.5", "0.5b", True)),
    ("gemma-2-2b-it", ModelFamily("gemma", "2b", True)),
    ("HuggingFaceTB/SmolLM2-360M-Instruct", ModelFamily("smollm2", "360m", True)),
    ("smollm2-135m-base", ModelFamily("smollm2", "135m", False)),
])
def test_family_size_and_instruction_tuning_from_names(tmp_path, name, expected):
    assert model_family(_entry(tmp_path / name, name)) == expected


def test_base_and_instruct_models_of_one_family_and_size_are_paired(tmp_path):
    base, instruct = _entry(tmp_path / "a", "SmolLM2-135M"), _entry(tmp_path / "b", "SmolLM2-135M-Instruct")
    bigger = _entry(tmp_path / "c", "SmolLM2-360M-Instruct")
    other = _entry(tmp_path / "d", "Qwen2.5-0.5B")
    assert base_instruct_pairs([instruct, bigger, other, base]) == [(base, instruct)]
    assert base_instruct_pairs([instruct, bigger]) == []
