"""A model's recommended sampling (generation_config.json, GGUF general.sampling.*) reaches the load job's result;
the app's default for small models applies where a model names none."""
from __future__ import annotations

import json
import math
import shutil
import struct
import subprocess
import sys

import pytest

from model_backend.chat.chat_types import LoadModelRequest
from model_backend.chat.sampling_defaults import (
    FALLBACK,
    SOURCE_APP,
    SOURCE_GENERATION_CONFIG,
    SOURCE_GGUF,
    SamplingDefaults,
    from_gguf_metadata,
    recommended_sampling,
)
from model_backend.core.jobs import Result
from model_backend.engine import Backend
from tests.fixtures.jobs import run_job as run


def folder_with(tiny_chat_model_dir, tmp_path, config: dict | None):
    """A copy of the tiny chat model whose generation_config.json is ``config`` (None: no such file)."""
    folder = shutil.copytree(tiny_chat_model_dir, tmp_path / "tiny-with-config")
    target = folder / "generation_config.json"
    if config is None:
        target.unlink(missing_ok=True)
    else:
        target.write_text(json.dumps(config))
    return folder


# ---- generation_config.json ------------------------------------------------------------------------------

def test_the_tiny_model_as_saved_recommends_nothing_so_the_app_default_applies(tiny_chat_model_dir):
    defaults = recommended_sampling(tiny_chat_model_dir)  # save_pretrained wrote token ids only
    assert defaults == SamplingDefaults() and defaults.values == FALLBACK
    assert defaults.to_dict() == {**FALLBACK, "source": SOURCE_APP, "from_model": []}


@pytest.mark.parametrize("config, recommended", [
    ({"temperature": 0.2, "top_p": 0.9, "bos_token_id": 1}, {"temperature": 0.2, "top_p": 0.9}),
    # do_sample: the values the file leaves out are transformers' defaults (Gemma 3 names no temperature)
    ({"do_sample": True, "top_k": 64, "top_p": 0.95}, {"temperature": 1.0, "top_p": 0.95, "top_k": 64}),
    ({"do_sample": True, "temperature": 0.7, "top_p": 0.8, "top_k": 20}, {"temperature": 0.7, "top_p": 0.8,
                                                                           "top_k": 20}),
    # greedy: transformers ignores the values, so they are no recommendation
    ({"do_sample": False, "temperature": 0.6}, {}),
    # out of range, wrong types: left out, the rest kept
    ({"temperature": 5.0, "top_p": "high", "top_k": 20.5}, {}),
    ({"temperature": True, "top_p": 0.0, "top_k": 2000}, {}),
    ({"temperature": 0.0, "top_p": 1, "top_k": 40.0}, {"temperature": 0.0, "top_p": 1.0, "top_k": 40}),
    ({"temperature": None, "top_k": -1}, {}),
])
def test_generation_config_values_are_read_and_checked(tiny_chat_model_dir, tmp_path, config, recommended):
    defaults = recommended_sampling(folder_with(tiny_chat_model_dir, tmp_path, config))
    assert defaults.recommended == recommended
    assert all(type(value) is type(FALLBACK[name]) for name, value in defaults.recommended.items())
    assert defaults.source == (SOURCE_GENERATION_CONFIG if recommended else "")
    assert defaults.values == {**FALLBACK, **recommended}


@pytest.mark.parametrize("content", [None, "{not json", "[1, 2]"])
def test_a_missing_or_damaged_generation_config_is_no_recommendation(tiny_chat_model_dir, tmp_path, content):
    folder = folder_with(tiny_chat_model_dir, tmp_path, None)
    if content is not None:
        (folder / "generation_config.json").write_text(content)
    assert recommended_sampling(folder) == SamplingDefaults()


def test_the_load_job_reports_the_folders_recommendation(app_home, tiny_chat_model_dir, tmp_path):
    folder = folder_with(tiny_chat_model_dir, tmp_path, {"do_sample": True, "temperature": 0.2, "top_p": 0.9})
    events = run(Backend(app_home), LoadModelRequest(model_id=f"path:{folder}"))
    assert isinstance(events[-1], Result)
    assert events[-1].value["sampling_defaults"] == {"temperature": 0.2, "top_p": 0.9, "top_k": 50,
                                                     "source": SOURCE_GENERATION_CONFIG,
                                                     "from_model": ["temperature", "top_p", "top_k"]}


def test_the_load_job_of_a_model_without_one_reports_the_app_default(app_home, tiny_chat_model_dir):
    info = run(Backend(app_home), LoadModelRequest(model_id=f"path:{tiny_chat_model_dir}"))[-1].value
    assert info["sampling_defaults"] == {**FALLBACK, "source": SOURCE_APP, "from_model": []}


# ---- GGUF metadata ---------------------------------------------------------------------------------------

def write_gguf(path, sampling: dict | None = None):
    """A small GGUF (not loadable by an engine: its one tensor is zeros) with ``general.sampling.*`` keys."""
    import numpy as np
    from gguf import GGUFWriter

    writer = GGUFWriter(str(path), "llama")
    writer.add_name("fake llama")
    writer.add_context_length(512)
    for name, value in (sampling or {}).items():
        getattr(writer, f"add_sampling_{name}")(value)
    writer.add_tensor("token_embd.weight", np.zeros((16, 16), dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def test_gguf_sampling_keys_are_read_and_float32_is_rounded(tmp_path):
    path = write_gguf(tmp_path / "with.gguf", {"temp": 0.6, "top_p": 0.95, "top_k": 20, "min_p": 0.05})
    defaults = recommended_sampling(path)
    assert defaults.recommended == {"temperature": 0.6, "top_p": 0.95, "top_k": 20} and defaults.source == SOURCE_GGUF
    assert defaults.to_dict()["from_model"] == ["temperature", "top_p", "top_k"]


def test_a_gguf_with_some_keys_keeps_the_app_default_for_the_others(tmp_path):
    defaults = recommended_sampling(write_gguf(tmp_path / "some.gguf", {"top_k": 64, "top_p": 0.95}))
    assert defaults.values == {"temperature": FALLBACK["temperature"], "top_p": 0.95, "top_k": 64}
    assert defaults.to_dict()["from_model"] == ["top_p", "top_k"] and defaults.source == SOURCE_GGUF


def test_a_gguf_without_keys_or_with_bad_values_recommends_nothing(tmp_path):
    assert recommended_sampling(write_gguf(tmp_path / "none.gguf")) == SamplingDefaults()
    assert from_gguf_metadata({"general.sampling.temp": math.nan, "general.sampling.top_p": 3.0,
                               "general.sampling.top_k": -5}) == SamplingDefaults()
    assert recommended_sampling(tmp_path / "missing.gguf") == SamplingDefaults()  # the load says what is wrong


def test_the_embedded_smollm2_names_no_sampling(smollm2_gguf):
    assert recommended_sampling(smollm2_gguf) == SamplingDefaults()


def test_reading_recommendations_imports_no_torch(tmp_path):
    path = write_gguf(tmp_path / "with.gguf", {"temp": 0.6})
    code = ("import sys; from model_backend.chat.sampling_defaults import recommended_sampling as r; "
            f"assert r({str(path)!r}).recommended == {{'temperature': 0.6}}; "
            "assert not {'torch', 'transformers'} & set(sys.modules), sorted(sys.modules)")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=str(__import__("pathlib").Path(__file__).parents[2]))


def with_sampling_keys(source, target, values: dict[str, float | int]):
    """A copy of a real GGUF with ``general.sampling.*`` keys added to its index (weights unchanged)."""
    from model_backend.chat.gguf_metadata import _Cursor

    data = source.read_bytes()
    cursor = _Cursor(memoryview(data), source.name)
    cursor.pos = 8
    tensor_count, kv_count = cursor.count(), cursor.count()
    kv_start = cursor.pos
    alignment = 32
    for _ in range(kv_count):
        key = cursor.string()
        value = cursor.value(cursor.scalar("<I"), keep=key == "general.alignment")
        alignment = value if key == "general.alignment" else alignment
    kv_end = cursor.pos
    for _ in range(tensor_count):
        cursor.string(keep=False)
        dims = cursor.scalar("<I")
        cursor.pos += 8 * dims + 4 + 8
    data_start = -(-cursor.pos // alignment) * alignment
    added = b""
    for name, value in values.items():
        key = f"general.sampling.{name}".encode()
        added += struct.pack("<Q", len(key)) + key + (struct.pack("<Ii", 5, value) if isinstance(value, int)
                                                      else struct.pack("<If", 6, value))
    header = data[:8] + struct.pack("<QQ", tensor_count, kv_count + len(values)) + data[kv_start:kv_end] + added
    header += data[kv_end:cursor.pos]
    target.write_bytes(header + bytes(-len(header) % alignment) + data[data_start:])
    return target


@pytest.mark.slow
def test_the_load_job_on_llama_cpp_reports_the_gguf_recommendation_or_the_app_default(app_home, smollm2_gguf,
                                                                                       tmp_path):
    backend = Backend(app_home)
    info = run(backend, LoadModelRequest(model_id=f"path:{smollm2_gguf}"))[-1].value
    assert info["sampling_defaults"] == {**FALLBACK, "source": SOURCE_APP, "from_model": []}
    recommending = with_sampling_keys(smollm2_gguf, tmp_path / "SmolLM2-recommending.gguf", {"temp": 0.2, "top_p": 0.9})
    info = run(backend, LoadModelRequest(model_id=f"path:{recommending}"))[-1].value
    assert info["sampling_defaults"] == {"temperature": 0.2, "top_p": 0.9, "top_k": FALLBACK["top_k"],
                                         "source": SOURCE_GGUF, "from_model": ["temperature", "top_p"]}
    backend.shutdown()


# ---- the choice in the settings --------------------------------------------------------------------------

@pytest.mark.parametrize("saved, follows", [
    (None, True),  # a new user
    ({"temperature": 0.7, "top_p": 0.9, "top_k": 50}, True),  # saved before the choice existed, never changed
    ({"temperature": 1.2}, False),  # ... with the student's own temperature: kept
    ({"top_k": 5, "use_model_sampling": True}, True),
    ({"use_model_sampling": False}, False),
    ({"use_model_sampling": "yes"}, True),  # wrong type: the default
])
def test_a_new_user_follows_the_model_and_a_students_own_old_values_are_kept(tmp_path, saved, follows):
    from model_backend.core.settings import Settings

    path = tmp_path / "settings.json"
    if saved is not None:
        path.write_text(json.dumps(saved))
    assert Settings.load(path).use_model_sampling is follows
