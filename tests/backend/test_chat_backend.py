"""The job contract on a tiny model: ordered events, exactly one terminal event, typed failures."""
import json
import threading

import pytest

from model_backend.chat.chat_types import (
    ChatRequest,
    ChatResult,
    LoadModelRequest,
    Message,
    PromptTokens,
    Sampling,
    TextChunk,
    TokenStep,
)
from model_backend.core.errors import ErrorKind
from model_backend.core.jobs import Cancelled, Failed, Partial, Result
from model_backend.engine import Backend
from tests.fixtures.jobs import run_job as run


def chat(model_dir, text="Hello", sampling=Sampling(temperature=0.0, max_new_tokens=12), **kwargs):
    return ChatRequest(conversation=(Message("user", text),), model_id=f"path:{model_dir}", sampling=sampling, **kwargs)


@pytest.fixture
def backend(app_home):
    return Backend(app_home)


def test_reply_streams_text_tokens_and_probabilities(backend, tiny_chat_model_dir):
    events = run(backend, chat(tiny_chat_model_dir))
    result = events[-1]
    assert isinstance(result, Result) and isinstance(result.value, ChatResult)
    payloads = [e.payload for e in events if isinstance(e, Partial)]
    assert isinstance(payloads[0], PromptTokens)
    steps = [p for p in payloads if isinstance(p, TokenStep)]
    chunks = "".join(p.text for p in payloads if isinstance(p, TextChunk))
    reply = result.value
    assert len(steps) == len(reply.steps) > 0
    assert chunks.strip() == reply.text
    for step in steps:
        probabilities = [c.probability for c in step.candidates]
        assert probabilities == sorted(probabilities, reverse=True) and sum(probabilities) <= 1.0001
        # greedy decoding picks the most likely token, and the recorded probability is that token's
        assert step.token_id == step.candidates[0].token_id
        assert step.probability == pytest.approx(step.candidates[0].probability)
    prompt_text = "".join(t.text for t in payloads[0].tokens)
    assert "<|im_start|>user\nHello<|im_end|>" in prompt_text and prompt_text.endswith("assistant\n")
    assert reply.stop_reason in ("end of reply", "max new tokens")


def test_same_seed_same_reply_and_different_seed_differs(backend, tiny_chat_model_dir):
    def reply(seed):
        sampling = Sampling(temperature=1.5, top_p=1.0, top_k=0, max_new_tokens=20, seed=seed)
        return run(backend, chat(tiny_chat_model_dir, sampling=sampling))[-1].value

    first, again, other = reply(7), reply(7), reply(8)
    assert [s.token_id for s in first.steps] == [s.token_id for s in again.steps]
    assert [s.token_id for s in first.steps] != [s.token_id for s in other.steps]
    assert first.seed == 7


def test_stop_mid_reply_keeps_what_was_written(backend, tiny_chat_model_dir):
    cancel = threading.Event()

    def stop_after_three(event):
        if isinstance(event, Partial) and isinstance(event.payload, TokenStep) and event.payload.index == 2:
            cancel.set()

    sampling = Sampling(temperature=1.0, max_new_tokens=100, seed=1)
    events = run(backend, chat(tiny_chat_model_dir, sampling=sampling), cancel, stop_after_three)
    assert isinstance(events[-1], Cancelled)
    partial = events[-1].partial
    assert partial.stop_reason == "stopped" and 3 <= len(partial.steps) < 100


def test_cancel_before_start(backend, tiny_chat_model_dir):
    cancel = threading.Event()
    cancel.set()
    assert isinstance(run(backend, chat(tiny_chat_model_dir), cancel)[-1], Cancelled)


@pytest.mark.parametrize("text", ["", "   \n"])
def test_empty_prompt_fails_without_loading(backend, text):
    events = run(backend, chat("/nonexistent", text=text))
    assert isinstance(events[-1], Failed) and events[-1].kind is ErrorKind.EMPTY_PROMPT


def test_prompt_longer_than_context_is_refused_with_numbers(backend, tiny_chat_model_dir):
    events = run(backend, chat(tiny_chat_model_dir, text="Paris is lovely. " * 200))
    failure = events[-1]
    assert isinstance(failure, Failed) and failure.kind is ErrorKind.CONTEXT_TOO_LONG
    assert "256 tokens" in failure.message


def test_long_conversation_drops_oldest_turns_and_says_so(backend, tiny_chat_model_dir):
    turns = []
    for index in range(12):
        turns += [Message("user", f"Question {index}: how are you today?"), Message("assistant", "I am fine, thank you.")]
    request = ChatRequest(
        conversation=(Message("system", "Be kind."), *turns, Message("user", "And now?")),
        model_id=f"path:{tiny_chat_model_dir}",
        sampling=Sampling(temperature=0.0, max_new_tokens=32),
    )
    events = run(backend, request)
    reply = events[-1].value
    assert reply.prompt.trimmed_messages > 0
    text = "".join(t.text for t in reply.prompt.tokens)
    assert "Be kind." in text and "And now?" in text and "Question 0:" not in text
    assert len(reply.prompt.tokens) + 32 <= 256


def test_model_without_chat_template_uses_a_plain_prompt(backend, tiny_plain_model_dir):
    reply = run(backend, chat(tiny_plain_model_dir))[-1].value
    assert not reply.prompt.used_chat_template
    assert "".join(t.text for t in reply.prompt.tokens).endswith("User: Hello\nAssistant:")


def test_load_job_reports_progress_and_device(backend, tiny_chat_model_dir):
    events = run(backend, LoadModelRequest(model_id=f"path:{tiny_chat_model_dir}"))
    info = events[-1].value
    assert info["context_length"] == 256 and info["device"].startswith("CPU")
    assert any(type(e).__name__ == "Progress" for e in events)
    assert any(type(e).__name__ == "DeviceStatus" for e in events)


def test_missing_and_wrong_models_fail_clearly(backend, tmp_path):
    events = run(backend, chat(tmp_path / "nothing-here"))
    assert events[-1].kind is ErrorKind.MODEL_NOT_FOUND
    whisper = tmp_path / "whisper"
    whisper.mkdir()
    (whisper / "config.json").write_text(json.dumps({"architectures": ["WhisperForConditionalGeneration"]}))
    (whisper / "model.safetensors").write_bytes(b"0")
    events = run(backend, chat(whisper))
    assert events[-1].kind is ErrorKind.WRONG_MODEL_KIND and "speech-to-text" in events[-1].message


def test_damaged_weights_fail_clearly(backend, tiny_chat_model_dir, tmp_path):
    import shutil

    damaged = tmp_path / "damaged"
    shutil.copytree(tiny_chat_model_dir, damaged)
    weights = damaged / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[: weights.stat().st_size // 2])
    events = run(backend, chat(damaged))
    assert events[-1].kind is ErrorKind.INVALID_MODEL and "damaged or incomplete" in events[-1].message


def test_remote_code_models_are_refused(backend, tiny_chat_model_dir, tmp_path):
    import shutil

    custom = tmp_path / "custom"
    shutil.copytree(tiny_chat_model_dir, custom)
    config = json.loads((custom / "config.json").read_text())
    config.update(model_type="my-secret-arch", architectures=["MySecretForCausalLM"],
                  auto_map={"AutoModelForCausalLM": "modeling_secret.MySecretForCausalLM"})
    (custom / "config.json").write_text(json.dumps(config))
    (custom / "modeling_secret.py").write_text("raise SystemExit('remote code ran!')\n")
    events = run(backend, chat(custom))
    assert isinstance(events[-1], Failed) and "trust_remote_code" in events[-1].message


def test_out_of_memory_becomes_a_typed_failure(backend, tiny_chat_model_dir, monkeypatch):
    import torch

    import model_backend.chat.chat_runner as chat_runner

    def explode(*args, **kwargs):
        raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")

    monkeypatch.setattr(chat_runner, "run_chat", explode)
    events = run(backend, chat(tiny_chat_model_dir))
    assert events[-1].kind is ErrorKind.OUT_OF_MEMORY and "smaller model" in events[-1].message
    assert backend.chat_models.loaded is None  # memory was given back


def test_unexpected_errors_still_end_the_job(backend, tiny_chat_model_dir, monkeypatch):
    import model_backend.chat.chat_runner as chat_runner

    monkeypatch.setattr(chat_runner, "run_chat", lambda *a, **k: 1 / 0)
    events = run(backend, chat(tiny_chat_model_dir))
    assert events[-1].kind is ErrorKind.INTERNAL and "ZeroDivisionError" in events[-1].message


def test_a_stop_text_ends_the_reply_before_it(backend, tiny_chat_model_dir):
    """Chain-of-thought techniques stop after their answer instead of inventing the next question."""
    sampling = Sampling(temperature=0.0, max_new_tokens=30, seed=1)
    full = run(backend, chat(tiny_chat_model_dir, sampling=sampling))[-1].value
    assert len(full.text) > 8
    stop = full.text[4:7]
    cut = run(backend, chat(tiny_chat_model_dir, sampling=sampling, stop=(stop, "never written")))[-1].value
    assert cut.stop_reason == "stop sequence"
    assert cut.text == full.text[:full.text.find(stop)].strip()
    assert len(cut.steps) < len(full.steps)
    assert "".join(s.text for s in cut.steps).strip().startswith(cut.text[:1])


def test_empty_stop_texts_are_refused(backend, tiny_chat_model_dir):
    (event,) = [e for e in run(backend, chat(tiny_chat_model_dir, stop=("",))) if isinstance(e, Failed)]
    assert event.kind is ErrorKind.INVALID_INPUT


def test_the_reply_that_loaded_the_model_says_how_long_loading_took(backend, tiny_chat_model_dir):
    first = run(backend, chat(tiny_chat_model_dir))[-1].value
    second = run(backend, chat(tiny_chat_model_dir))[-1].value
    assert first.load_seconds > 0 and first.stats["load_seconds"] == round(first.load_seconds, 1)
    assert second.load_seconds == 0 and "load_seconds" not in second.stats


def test_a_reply_with_control_characters_never_blocks_its_conversation(backend, tiny_chat_model_dir):
    """Small models sometimes write control characters; the next message must still be answered."""
    request = ChatRequest(conversation=(Message("user", "Hi"), Message("assistant", "odd\x02reply\x00"),
                                        Message("user", "Again")),
                          model_id=f"path:{tiny_chat_model_dir}", sampling=Sampling(temperature=0.0, max_new_tokens=4))
    assert isinstance(run(backend, request)[-1], Result)
    typed = ChatRequest(conversation=(Message("user", "bad\x02text"),), model_id=f"path:{tiny_chat_model_dir}")
    assert run(backend, typed)[-1].kind is ErrorKind.INVALID_INPUT
