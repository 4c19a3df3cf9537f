"""The llama.cpp engine (xllamacpp): the CPU check, the GGUF checks before native code, the stream of
tokens as whole characters, and — marked slow — replies, Stop and probabilities from the real SmolLM2 GGUF."""
from __future__ import annotations

import math
import struct
import threading
import time

import pytest

from model_backend.chat.chat_types import (
    ChatRequest,
    ChatResult,
    Message,
    PromptTokens,
    Sampling,
    StopReason,
    TextChunk,
    TokenStep,
)
from model_backend.chat.gguf_metadata import read_gguf_index, refuse_non_chat
from model_backend.chat.llama_cpp_stream import ReplyStream, token_label
from model_backend.chat.llama_cpp_support import REQUIRED_X86_FEATURES, unavailable_reason
from model_backend.core.engines import Engine
from model_backend.core.errors import BackendError, ErrorKind, InvalidModelError, JobCancelled
from model_backend.core.jobs import Partial

REPLACEMENT = "\ufffd"
ALL_X86 = {name: True for name in REQUIRED_X86_FEATURES}
SYSTEM = Message("system", "You are a helpful assistant.")  # the app's default system prompt


def never(*_args) -> None:
    raise AssertionError("must not be called")


# ---- may the engine run here? (no native library needed) -------------------------------------------------

def test_a_cpu_without_avx2_is_refused_before_the_library_is_imported():
    features = dict(ALL_X86, AVX2=False, FMA3=False)
    reason = unavailable_reason(features, "x86_64", package_found=never, import_error=never)
    assert "AVX2" in reason and "FMA" in reason and "transformers" in reason


def test_unknown_cpu_features_and_unknown_processors_are_refused():
    assert "AVX2" in unavailable_reason({}, "AMD64", package_found=never, import_error=never)
    assert "riscv64" in unavailable_reason({}, "riscv64", package_found=never, import_error=never)


def test_a_missing_or_broken_package_is_said_in_plain_words():
    assert "not installed" in unavailable_reason(ALL_X86, "x86_64", lambda: False, never)
    reason = unavailable_reason(ALL_X86, "x86_64", lambda: True, lambda: "OSError: libgomp.so.1: cannot open")
    assert "could not be started" in reason and "libgomp" in reason


def test_a_capable_cpu_with_the_package_may_use_it():
    assert unavailable_reason(ALL_X86, "x86_64", lambda: True, lambda: "") == ""
    assert unavailable_reason({}, "arm64", lambda: True, lambda: "") == ""  # Apple Silicon, Linux aarch64


def test_the_cpu_check_covers_every_instruction_the_installed_wheel_was_built_with():
    from model_backend.chat.llama_cpp_support import build_features

    checked = {name.replace("FMA3", "FMA") for name in REQUIRED_X86_FEATURES}
    instruction_sets = {"SSE3", "SSSE3", "AVX", "AVX2", "AVX_VNNI", "F16C", "FMA", "BMI2", "AVX512", "AVX512_VBMI",
                        "AVX512_VNNI", "AVX512_BF16", "AMX_INT8"}
    built_for = set(build_features()) & instruction_sets
    assert built_for <= checked, f"the wheel needs {built_for - checked}, which the CPU check does not test"


def test_load_on_an_unusable_cpu_fails_with_the_reason_for_the_fallback(monkeypatch, smollm2_gguf):
    from model_backend.chat import llama_cpp_engine

    monkeypatch.setattr(llama_cpp_engine, "llama_cpp_unavailable_reason", lambda: "no AVX2 here")
    with pytest.raises(BackendError) as error:
        llama_cpp_engine.LlamaCppChatModel.load(smollm2_gguf, lambda *a: None, threading.Event())
    assert error.value.kind is ErrorKind.DEVICE_UNAVAILABLE and error.value.message == "no AVX2 here"


# ---- damaged and wrong files are refused before native code reads them -----------------------------------

def write_gguf(path, architecture: str, extra: dict | None = None, tensor_bytes: int = 1_200_000):
    import numpy as np
    from gguf import GGUFWriter

    writer = GGUFWriter(str(path), architecture)
    writer.add_name(f"fake {architecture}")
    writer.add_context_length(512)
    writer.add_tokenizer_model("gpt2")
    writer.add_token_list(["a", "b", "<s>"])
    writer.add_token_types([1, 1, 3])
    for key, value in (extra or {}).items():
        writer.add_uint32(key, value)
    writer.add_tensor("token_embd.weight", np.zeros((tensor_bytes // 400, 100), dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


@pytest.fixture
def bad_files(tmp_path, smollm2_gguf):
    with smollm2_gguf.open("rb") as source:
        head = source.read(30_000_000)
    files = {
        "truncated": head,
        "truncated-index": head[:400_000],
        "random": bytes((i * 7919 + 13) % 251 for i in range(2_000_000)),
        "empty": b"",
        "bad-count": b"GGUF" + struct.pack("<IQQ", 3, 1, 2**62) + bytes(100),
    }
    paths = {}
    for name, data in files.items():
        paths[name] = tmp_path / f"{name}.gguf"
        paths[name].write_bytes(data)
    return paths


@pytest.mark.parametrize("name, words", [("truncated", "truncated"), ("truncated-index", "truncated or corrupt"),
                                         ("random", "not a GGUF file"), ("empty", "empty"),
                                         ("bad-count", "truncated or corrupt")])
def test_damaged_files_get_a_clear_message(bad_files, name, words):
    with pytest.raises(InvalidModelError) as error:
        read_gguf_index(bad_files[name])
    assert words in error.value.message and error.value.kind is ErrorKind.INVALID_MODEL


def test_the_index_of_the_real_model_is_read_quickly(smollm2_gguf):
    started = time.monotonic()
    index = read_gguf_index(smollm2_gguf)
    assert time.monotonic() - started < 3.0  # gguf.GGUFReader needs about 3 s here; this about 0.1 s
    assert index.architecture == "llama" and index.context_length == 8192 and index.chat_template
    assert index.control_tokens[2] == "<|im_end|>" and index.eos_token_id == 2
    assert index.data_end == smollm2_gguf.stat().st_size
    assert index.token_bytes[10813] == "😀".encode()[:2]  # a token holding half an emoji


@pytest.mark.parametrize("architecture, extra", [("bert", None), ("my-embedder", {"my-embedder.pooling_type": 1})])
def test_embedding_models_are_not_chat_models(tmp_path, architecture, extra):
    index = read_gguf_index(write_gguf(tmp_path / f"{architecture}.gguf", architecture, extra))
    with pytest.raises(InvalidModelError) as error:
        refuse_non_chat(index)
    assert error.value.kind is ErrorKind.WRONG_MODEL_KIND and "embedding" in error.value.message


@pytest.mark.parametrize("name", ["truncated", "random", "empty"])
def test_loading_a_damaged_file_fails_before_native_code(bad_files, name, monkeypatch):
    from model_backend.chat import llama_cpp_engine

    monkeypatch.setattr(llama_cpp_engine, "_start_server", never)
    with pytest.raises(InvalidModelError):
        llama_cpp_engine.LlamaCppChatModel.load(bad_files[name], lambda *a: None, threading.Event())


def test_an_architecture_the_engine_does_not_know_fails_cleanly(tmp_path):
    from model_backend.chat.llama_cpp_engine import LlamaCppChatModel

    path = write_gguf(tmp_path / "strange.gguf", "strange-arch")
    with pytest.raises(InvalidModelError) as error:
        LlamaCppChatModel.load(path, lambda *a: None, threading.Event())
    assert "'strange-arch'" in error.value.message and "not supported" in error.value.message


# ---- the stream: whole characters, stop texts (synthetic tokens, no model) --------------------------------

class Vocabulary:
    """A byte-level vocabulary: single bytes, a few merges, an end-of-reply token."""

    def __init__(self):
        self.spellings = [bytes([b]) for b in range(256)] + ["日".encode()[:2], b" Paris", b"Question", b"<eos>"]
        self.eos = len(self.spellings) - 1

    def id(self, spelling: bytes) -> int:
        return self.spellings.index(spelling)

    def entry(self, spelling: bytes, reported: bytes | None = None, logprob: float = -0.1) -> dict:
        token_id = self.id(spelling)
        return {"id": token_id, "bytes": list(spelling if reported is None else reported), "logprob": logprob,
                "top_logprobs": [{"id": token_id, "bytes": list(spelling), "logprob": logprob},
                                 {"id": 65, "bytes": [65], "logprob": logprob - 2}]}


def stream(vocabulary: Vocabulary, stop=()):
    events = []
    reply = ReplyStream(events.append, "job", {vocabulary.eos: "<eos>"}, lambda: vocabulary.spellings, stop, 5,
                        time.monotonic())
    return reply, events


def chunks(events) -> list[str]:
    return [e.payload.text for e in events if isinstance(e.payload, TextChunk)]


def test_a_character_spelt_by_withheld_tokens_is_rebuilt_and_their_probabilities_asked():
    vocabulary = Vocabulary()
    reply, events = stream(vocabulary)
    kanji = "日".encode()  # three bytes: llama.cpp withholds the first token (two bytes), reports the last
    reply.add(vocabulary.entry(kanji[2:], reported=kanji), time.monotonic())
    reply.add(vocabulary.entry(b"!"), time.monotonic())
    reply.finish()
    assert chunks(events) == ["日", "!"]
    assert reply.withheld_count == 1
    asked = []

    def probe(before, token_id):
        asked.append((before, token_id))
        return 0.25, reply.candidates([{"id": token_id, "bytes": list(kanji[:2]), "logprob": math.log(0.25)}])

    reply.fill_in(probe)
    steps = reply.kept_steps()
    assert asked == [([], vocabulary.id(kanji[:2]))]
    assert [s.index for s in steps] == [0, 1, 2]
    assert [s.piece for s in steps] == ["", "日", "!"]
    assert [s.text for s in steps] == ["<0xE6><0x97>", "<0xA5>", "!"]
    assert steps[0].probability == 0.25 and steps[1].probability == pytest.approx(math.exp(-0.1))


def test_no_chunk_label_or_piece_ever_holds_a_broken_character():
    vocabulary = Vocabulary()
    reply, events = stream(vocabulary)
    for byte in "😀é".encode():  # reported one by one: each only completes the character at its end
        reply.add(vocabulary.entry(bytes([byte])), time.monotonic())
    reply.add(vocabulary.entry(b"\xc3"), time.monotonic())  # a lead byte that never gets its end
    reply.add(vocabulary.entry(b"<eos>", reported=b""), time.monotonic())
    reply.finish()
    texts = chunks(events) + [s.text for s in reply.kept_steps()] + [s.piece for s in reply.kept_steps()]
    assert all(REPLACEMENT not in text for text in texts)
    assert "".join(chunks(events)) == "😀é<0xC3>"
    assert reply.kept_steps()[-1].special and reply.kept_steps()[-1].text == "<eos>"
    assert token_label(b"\xe6\x97") == "<0xE6><0x97>" and token_label("日".encode()) == "日"


def test_a_stop_text_ends_the_reply_before_it_and_never_reaches_the_screen():
    vocabulary = Vocabulary()
    reply, events = stream(vocabulary, stop=("Question:",))
    for spelling in (b"4", b"\n", b"Question", b":", b" 5"):
        if reply.stop_at >= 0:
            break
        reply.add(vocabulary.entry(spelling) if spelling in vocabulary.spellings else
                  vocabulary.entry(spelling[-1:], reported=spelling), time.monotonic())
    assert reply.stop_at >= 0 and reply.reply_text() == "4\n"
    assert "".join(chunks(events)) == "4\n"  # "Question" was held back: it could have been the stop text
    assert [s.text for s in reply.kept_steps()] == ["4", "\n"]


def test_text_held_back_for_a_stop_text_is_released_when_it_is_not_one():
    vocabulary = Vocabulary()
    reply, events = stream(vocabulary, stop=("Question:",))
    reply.add(vocabulary.entry(b"Question"), time.monotonic())
    assert chunks(events) == []
    reply.add(vocabulary.entry(b"s"), time.monotonic())
    reply.finish()
    assert "".join(chunks(events)) == "Questions" and reply.stop_at == -1


# ---- the real model (slow) ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def smollm2(smollm2_gguf):
    from model_backend.chat.llama_cpp_engine import LlamaCppChatModel

    model = LlamaCppChatModel.load(smollm2_gguf, lambda *a: None, threading.Event(), name="SmolLM2")
    yield model
    model.close()


def chat(model, *messages, cancel=None, on_event=None, **options):
    sampling = Sampling(**{"temperature": 0.0, "max_new_tokens": 24, **options.pop("sampling", {})})
    request = ChatRequest(conversation=tuple(Message(*m) if isinstance(m, tuple) else m for m in messages),
                          model_id="path:smollm2", sampling=sampling, **options)
    events = []

    def emit(event):
        events.append(event)
        if on_event:
            on_event(event)

    result = model.run_chat(request, emit, cancel or threading.Event())
    return result, [e.payload for e in events if isinstance(e, Partial)]


@pytest.mark.slow
def test_greedy_capital_of_france_is_paris_with_the_models_own_probabilities(smollm2):
    result, partials = chat(smollm2, SYSTEM, ("user", "What is the capital of France?"))
    assert "Paris" in result.text and result.stop_reason is StopReason.END_OF_REPLY
    assert isinstance(partials[0], PromptTokens) and partials[0].used_chat_template
    assert [type(p) for p in partials[1:3]] == [TokenStep, TextChunk]
    assert "".join(p.text for p in partials if isinstance(p, TextChunk)).strip() == result.text
    assert [s.index for s in result.steps] == list(range(len(result.steps)))
    for step in result.steps:
        chosen = step.candidates[0]
        assert chosen.token_id == step.token_id and chosen.probability == pytest.approx(step.probability)
        probabilities = [c.probability for c in step.candidates]
        assert probabilities == sorted(probabilities, reverse=True) and sum(probabilities) <= 1.0 + 1e-6
    assert next(s for s in result.steps if "Paris" in s.text).probability > 0.5
    assert result.steps[-1].special and result.steps[-1].text == "<|im_end|>"
    assert result.tokens_per_second > 0 and 0 < result.time_to_first_token < result.total_seconds
    assert smollm2.engine is Engine.LLAMA_CPP and smollm2.context_length == 8192 and smollm2.has_chat_template
    assert smollm2.device.device == "cpu" and smollm2.device.dtype == "Q4_1" and "llama.cpp" in smollm2.device.reason
    assert result.device == "CPU (Q4_1)" and result.model_name == "SmolLM2"


@pytest.mark.slow
def test_probabilities_are_the_models_own_before_temperature_and_top_k(smollm2):
    greedy, _ = chat(smollm2, SYSTEM, ("user", "Name a colour."), sampling={"max_new_tokens": 1})
    hot, _ = chat(smollm2, SYSTEM, ("user", "Name a colour."),
                  sampling={"max_new_tokens": 1, "temperature": 1.8, "top_k": 2, "top_p": 0.5, "seed": 1})
    assert [c.token_id for c in hot.steps[0].candidates] == [c.token_id for c in greedy.steps[0].candidates]
    for ours, theirs in zip(hot.steps[0].candidates, greedy.steps[0].candidates):
        assert ours.probability == pytest.approx(theirs.probability, rel=1e-4)


@pytest.mark.slow
def test_the_same_seed_gives_the_same_reply(smollm2):
    sampling = {"temperature": 1.0, "top_p": 0.95, "top_k": 50, "seed": 1234, "max_new_tokens": 30}
    first, _ = chat(smollm2, ("user", "Tell me about cats."), sampling=sampling)
    chat(smollm2, ("user", "Tell me about cats."), sampling={**sampling, "seed": 99})  # the cache holds another
    again, _ = chat(smollm2, ("user", "Tell me about cats."), sampling=sampling)
    assert first.seed == again.seed == 1234
    assert again.text == first.text and [s.token_id for s in again.steps] == [s.token_id for s in first.steps]


@pytest.mark.slow
def test_the_preview_is_the_prompt_the_reply_reads(smollm2):
    conversation = (SYSTEM, Message("user", "日本の首都は？ 😀"))
    preview = smollm2.preview_prompt(conversation)
    result, partials = chat(smollm2, *conversation, sampling={"max_new_tokens": 2})
    assert preview.tokens == result.prompt.tokens == partials[0].tokens
    text = "".join(t.piece for t in preview.tokens)
    assert text == ("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n日本の首都は？ 😀"
                    "<|im_end|>\n<|im_start|>assistant\n")
    assert [t.text for t in preview.tokens if t.special] == ["<|im_start|>", "<|im_end|>"] * 2 + ["<|im_start|>"]
    assert all(REPLACEMENT not in t.text + t.piece for t in preview.tokens)
    assert any(t.piece == "" for t in preview.tokens)  # a character spread over several tokens


@pytest.mark.slow
def test_japanese_and_emoji_stream_as_whole_characters_with_every_token_probability(smollm2):
    result, partials = chat(smollm2, ("user", "Please repeat: 日本語のテキスト🦜"), sampling={"max_new_tokens": 40})
    chunk_texts = [p.text for p in partials if isinstance(p, TextChunk)]
    assert "".join(chunk_texts).strip() == result.text and any("\u3040" <= c <= "\u9fff" for c in result.text)
    assert all(REPLACEMENT not in text for text in chunk_texts)
    assert [s.index for s in result.steps] == list(range(len(result.steps)))
    assert "".join(s.piece for s in result.steps).strip() == result.text
    split = [s for s in result.steps if s.piece == ""  and not s.special]
    assert split, "some characters took several tokens"
    for step in result.steps:  # greedy: every token, withheld ones too, is the most likely one
        assert REPLACEMENT not in step.text + step.piece
        assert step.candidates[0].token_id == step.token_id
        assert step.probability == pytest.approx(step.candidates[0].probability, rel=1e-3)


@pytest.mark.slow
def test_a_stop_text_cuts_the_reply_before_it(smollm2):
    result, partials = chat(smollm2, SYSTEM, ("user", "What is the capital of France?"), stop=(" Paris",))
    assert result.stop_reason is StopReason.STOP_SEQUENCE
    assert result.text == "The capital of France is"
    assert "Paris" not in "".join(p.text for p in partials if isinstance(p, TextChunk))
    assert "".join(s.piece for s in result.steps).strip() == result.text


@pytest.mark.slow
def test_context_overflow_drops_the_oldest_turns_and_refuses_a_message_too_long(smollm2_gguf):
    from model_backend.chat.llama_cpp_engine import LlamaCppChatModel

    model = LlamaCppChatModel.load(smollm2_gguf, lambda *a: None, threading.Event(), max_context=256)
    try:
        assert model.context_length == 256
        turns = []
        for number in range(12):
            turns += [("user", f"Question {number}: tell me something about the number {number}."),
                      ("assistant", f"The number {number} is a number that comes after {number - 1}.")]
        result, _ = chat(model, SYSTEM, *turns, ("user", "And 12?"), sampling={"max_new_tokens": 16})
        assert result.prompt.trimmed_messages > 0
        assert len(result.prompt.tokens) + len(result.steps) <= 256
        text = "".join(t.piece for t in result.prompt.tokens)
        assert "helpful assistant" in text and "And 12?" in text and "Question 0:" not in text
        with pytest.raises(BackendError) as error:
            chat(model, SYSTEM, ("user", "word " * 400))
        assert error.value.kind is ErrorKind.CONTEXT_TOO_LONG
    finally:
        model.close()


LONG_PROMPT = " ".join(f"Row {n}: the value is {n * 37 % 101}." for n in range(200))  # about 2,200 tokens


def stop_after(cancel: threading.Event, seconds: float, stamp: dict | None = None) -> dict:
    """Press Stop after ``seconds``; ``stamp["set"]`` says when."""
    stamp = {} if stamp is None else stamp

    def fire():
        stamp["set"] = time.monotonic()
        cancel.set()

    threading.Timer(seconds, fire).start()
    return stamp


@pytest.mark.slow
def test_stop_while_a_long_prompt_is_read_ends_within_a_fifth_of_a_second(smollm2):
    cancel = threading.Event()
    stamp = stop_after(cancel, 0.5)
    with pytest.raises(JobCancelled) as stopped:
        chat(smollm2, ("user", LONG_PROMPT + "\nWhich row has the value 42?"), cancel=cancel)
    latency = time.monotonic() - stamp["set"]
    partial = stopped.value.partial
    assert latency < 0.2, f"Stop took {latency:.3f} s"
    assert isinstance(partial, ChatResult) and partial.stop_reason is StopReason.STOPPED
    assert len(partial.prompt.tokens) > 2000 and partial.steps == ()
    # the engine is free again at once: the abandoned prompt ends after its current batch
    result, _ = chat(smollm2, SYSTEM, ("user", "What is the capital of France?"))
    assert "Paris" in result.text


@pytest.mark.slow
def test_stop_while_writing_ends_within_a_fifth_of_a_second_and_keeps_the_reply_so_far(smollm2):
    cancel = threading.Event()
    stamp = {}

    def on_event(event):
        if isinstance(event.payload, TokenStep) and event.payload.index == 5:
            stop_after(cancel, 0.05, stamp)

    with pytest.raises(JobCancelled) as stopped:
        chat(smollm2, ("user", "Count from 1 to 300, separated by commas."), cancel=cancel, on_event=on_event,
             sampling={"max_new_tokens": 1000})
    latency = time.monotonic() - stamp["set"]
    partial = stopped.value.partial
    assert latency < 0.2, f"Stop took {latency:.3f} s"
    assert partial.stop_reason is StopReason.STOPPED and len(partial.steps) >= 6 and partial.text


@pytest.mark.slow
def test_no_tcp_port_is_opened_and_a_model_closes_at_once_after_loading(smollm2_gguf):
    import os

    import psutil

    from model_backend.chat.llama_cpp_engine import LlamaCppChatModel

    model = LlamaCppChatModel.load(smollm2_gguf, lambda *a: None, threading.Event())
    try:
        if os.name != "nt":
            listening = [c for c in psutil.Process().net_connections(kind="inet") if c.status == psutil.CONN_LISTEN]
            assert listening == []
    finally:
        started = time.monotonic()
        model.close()  # right after loading: the binding's loop must have started, or freeing it hangs
        assert time.monotonic() - started < 5
    model.close()  # twice is harmless
    with pytest.raises(BackendError):
        model.preview_prompt((Message("user", "hi"),))
