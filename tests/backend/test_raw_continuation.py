"""Raw continuation (no chat template) on both engines: the exact un-templated tokens reach the model and the
prompt-tokens view; the prompt lab carries the switch from a variant to its requests and its saved file."""
import threading

import pytest

from model_backend.chat.chat_types import ChatRequest, ChatResult, Message, PromptPreviewRequest, PromptTokens, Sampling
from model_backend.core.jobs import Partial, Result
from model_backend.engine import Backend
from model_backend.prompt_lab.experiment import Experiment, Variant
from model_backend.prompt_lab.techniques import Technique
from tests.fixtures.jobs import run_job as run

CONVERSATION = (Message("system", "Be brief."), Message("user", "The capital of France is"))
GREEDY = Sampling(temperature=0.0, max_new_tokens=6)


@pytest.fixture
def backend(app_home):
    return Backend(app_home)


def _text(prompt: PromptTokens) -> str:
    return "".join(t.piece if t.piece is not None else t.text for t in prompt.tokens)


def test_raw_continuation_sends_the_text_without_the_chat_template(backend, tiny_chat_model_dir):
    model_id = f"path:{tiny_chat_model_dir}"
    templated = run(backend, ChatRequest(CONVERSATION, model_id, GREEDY))[-1].value
    events = run(backend, ChatRequest(CONVERSATION, model_id, GREEDY, raw_continuation=True))
    raw = events[-1].value
    assert isinstance(raw, ChatResult)
    streamed = [e.payload for e in events if isinstance(e, Partial) and isinstance(e.payload, PromptTokens)][0]
    assert streamed == raw.prompt
    assert _text(raw.prompt) == "Be brief.\n\nThe capital of France is"
    assert not any(t.special for t in raw.prompt.tokens)
    assert raw.prompt.raw_continuation and not raw.prompt.used_chat_template
    assert templated.prompt.used_chat_template and not templated.prompt.raw_continuation
    assert _text(templated.prompt).startswith("<|im_start|>system\nBe brief.<|im_end|>")
    assert len(raw.prompt.tokens) < len(templated.prompt.tokens)
    assert raw.steps  # the model continued the text


def test_the_raw_preview_shows_the_tokens_the_raw_reply_reads(backend, tiny_chat_model_dir):
    model_id = f"path:{tiny_chat_model_dir}"
    preview = run(backend, PromptPreviewRequest(CONVERSATION, model_id, raw_continuation=True))[-1]
    reply = run(backend, ChatRequest(CONVERSATION, model_id, GREEDY, raw_continuation=True))[-1]
    assert isinstance(preview, Result) and preview.value.tokens == reply.value.prompt.tokens
    assert preview.value.raw_continuation
    templated = run(backend, PromptPreviewRequest(CONVERSATION, model_id))[-1].value
    assert templated.used_chat_template and templated.tokens != preview.value.tokens


def test_a_variant_carries_the_switch_into_its_requests_and_its_saved_file():
    technique = Technique(id="t", name="Plain", kind="zero-shot", template="{text}", values={"text": "Once upon a time"})
    experiment = Experiment(variants=[Variant("chat", technique, "path:a"),
                                      Variant("raw", technique, "path:a", raw_continuation=True)])
    experiment.values = {"text": "Once upon a time"}
    plan = experiment.plan(scored=False)
    assert sorted((v, r.raw_continuation) for v, _row, r in plan) == [(0, False), (1, True)]
    again = Experiment.from_json(experiment.to_json())
    assert [v.raw_continuation for v in again.variants] == [False, True]
    older = experiment.to_json()
    for v in older["variants"]:
        del v["raw_continuation"]  # files saved before the switch existed
    assert [v.raw_continuation for v in Experiment.from_json(older).variants] == [False, False]


# ---- the real model on llama.cpp (slow) -----------------------------------------------------------------

@pytest.mark.slow
def test_smollm2_on_llama_cpp_continues_the_raw_text(smollm2_gguf):
    from model_backend.chat.llama_cpp_engine import LlamaCppChatModel

    model = LlamaCppChatModel.load(smollm2_gguf, lambda *a: None, threading.Event(), name="SmolLM2")
    try:
        conversation = (Message("user", "The capital of France is"),)
        preview = model.preview_prompt(conversation, raw=True)
        assert _text(preview) == "The capital of France is"
        assert not any(t.special for t in preview.tokens) and preview.raw_continuation
        request = ChatRequest(conversation, "path:smollm2", Sampling(temperature=0.0, max_new_tokens=4),
                              raw_continuation=True)
        result = model.run_chat(request, lambda event: None, threading.Event())
        assert result.prompt.tokens == preview.tokens
        assert "Paris" in result.text  # the model continues the sentence rather than answering a user
        templated = model.preview_prompt(conversation)
        assert templated.used_chat_template and "<|im_start|>" in _text(templated)
    finally:
        model.close()


def test_copy_as_python_reproduces_a_raw_continuation(backend, tiny_chat_model_dir, app_home):
    """The script of a raw cell, run on its own, prints exactly the app's raw reply (greedy)."""
    import subprocess
    import sys

    from model_backend.core.registry import ModelRegistry
    from model_backend.prompt_lab.python_export import python_snippet

    model_id = f"path:{tiny_chat_model_dir}"
    reply = run(backend, ChatRequest(CONVERSATION, model_id, GREEDY, raw_continuation=True))[-1].value
    script = python_snippet(ModelRegistry(app_home).resolve(model_id), CONVERSATION, GREEDY, raw=True)
    assert "apply_chat_template" not in script
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                               env={"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"})
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == reply.text
