"""The class-server client against a recorded-format fake server on the loopback address (fast, no model):
vLLM's streamed format with probabilities, the request it sends, a refused code, an unreachable server, a
server without probabilities, a server gone mid-reply, Stop within 0.2 s, and no connection anywhere but the
typed address."""
from __future__ import annotations

import math
import socket
import threading
import time

import pytest

from model_backend.chat.chat_types import ChatRequest, ChatResult, Message, PromptTokens, Sampling, StopReason, TextChunk, TokenStep
from model_backend.chat.remote_chat_model import RemoteChatModel, server_models_for
from model_backend.chat.remote_server import (
    ACCESS_CODES,
    parse_server_address,
    server_model_id,
    split_server_model_id,
)
from model_backend.core.errors import BackendError, ErrorKind, JobCancelled
from model_backend.core.jobs import Partial, Progress
from tests.fixtures.fake_chat_server import FakeChatServer, Script, sse, vllm_chunk, vllm_entry

CODE = "K7P4QX"
MODEL = "Qwen/Qwen2.5-7B-Instruct"
REPLACEMENT = "\ufffd"
QUESTION = (Message("system", "You are a helpful assistant."), Message("user", "What is the capital of France?"))


def vllm_reply() -> list[bytes]:
    """'The capital is Paris. 東京' as vLLM streams it: a role chunk, one token per chunk with logprobs (the
    kanji 東 spans two tokens, each "�" on its own with content only on the second), the finish chunk with
    stop_reason, the usage chunk, [DONE]."""
    partial = "\ufffd".encode("utf-8")
    tokens = [("The", -0.105, [("The", -0.105), ("Paris", -2.41), ("It", -3.9)], None, "The"),
              (" capital", -0.02, [(" capital", -0.02), (" city", -4.2)], None, " capital"),
              (" is", -0.01, [(" is", -0.01), (" of", -5.3)], None, " is"),
              (" Paris", -0.06, [(" Paris", -0.06), (" Lyon", -3.1), (" Marseille", -4.0)], None, " Paris"),
              (".", -0.3, [(".", -0.3), ("!", -1.5)], None, "."),
              (" ", -1.2, [(" ", -1.2), ("\n", -0.9)], None, " "),
              (REPLACEMENT, -0.7, [(REPLACEMENT, -0.7), ("京", -2.0)], partial, ""),
              (REPLACEMENT, -0.001, [(REPLACEMENT, -0.001)], partial, "東"),
              ("京", -0.0005, [("京", -0.0005), ("西", -9999.0)], None, "京")]
    events = [sse(vllm_chunk("", None) | {"choices": [{"index": 0, "delta": {"role": "assistant", "content": ""},
                                                         "logprobs": None, "finish_reason": None}]})]
    for token, logprob, alternatives, raw, content in tokens:
        events.append(sse(vllm_chunk(content, [vllm_entry(token, logprob, alternatives, raw)])))
    events.append(sse(vllm_chunk("", None, finish="stop", stop_reason=None)))
    events.append(sse({"id": "chatcmpl-4f1c", "object": "chat.completion.chunk", "created": 1764672000, "model": MODEL,
                       "choices": [], "usage": {"prompt_tokens": 31, "total_tokens": 40, "completion_tokens": 9}}))
    events.append(sse("[DONE]"))
    return events


@pytest.fixture
def fake_server():
    servers = []

    def start(**options) -> FakeChatServer:
        server = FakeChatServer(Script(**options))
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


def connected_model(server: FakeChatServer) -> RemoteChatModel:
    address = parse_server_address(server.address)
    models = server_models_for(address, CODE)
    return RemoteChatModel.connect(models[0]["model_id"])


def ask(model: RemoteChatModel, sampling: Sampling = Sampling(0.0, 1.0, 0, 64, 7), cancel: threading.Event | None = None,
        stop: tuple[str, ...] = (), on_event=None):
    events: list = []

    def emit(event) -> None:
        events.append(event)
        if on_event is not None:
            on_event(event)

    request = ChatRequest(QUESTION, model.entry.model_id, sampling, top_candidates=5, stop=stop)
    return model.run_chat(request, emit, cancel or threading.Event()), events


# ---- addresses and ids --------------------------------------------------------------------------------------

def test_typed_addresses_are_understood_and_bad_ones_refused_plainly():
    assert parse_server_address("192.168.1.10").url == "http://192.168.1.10:8080"
    assert parse_server_address(" teacher.local:8000/v1/ ").url == "http://teacher.local:8000"
    assert parse_server_address("https://10.0.0.5:443/llm/v1").url == "https://10.0.0.5:443/llm"
    assert parse_server_address("[::1]:9000").url == "http://[::1]:9000"
    for bad in ("", "ftp://host", "http://:80", "host:port", "http://h:99999", "http://h:8080?x=1"):
        with pytest.raises(BackendError) as caught:
            parse_server_address(bad)
        assert caught.value.kind is ErrorKind.INVALID_INPUT


def test_a_server_model_id_names_the_server_and_the_model_but_not_the_code():
    address = parse_server_address("192.168.1.10:8000")
    model_id = server_model_id(address, "Qwen/Qwen2.5-7B-Instruct")
    assert model_id == "server:http://192.168.1.10:8000#Qwen/Qwen2.5-7B-Instruct"
    assert split_server_model_id(model_id) == (address, "Qwen/Qwen2.5-7B-Instruct")
    with pytest.raises(BackendError):
        split_server_model_id("server:http://192.168.1.10:8000")


# ---- vLLM's format --------------------------------------------------------------------------------------------

def test_vllm_streamed_reply_is_parsed_into_text_probabilities_and_whole_characters(fake_server):
    server = fake_server(events=vllm_reply())
    model = connected_model(server)
    assert model.context_length == 32768  # vLLM's max_model_len
    result, events = ask(model)
    assert result.text == "The capital is Paris. 東京"
    assert result.stop_reason is StopReason.END_OF_REPLY
    chunks = "".join(e.payload.text for e in events if isinstance(e, Partial) and isinstance(e.payload, TextChunk))
    assert chunks == "The capital is Paris. 東京"
    steps = result.steps
    assert len(steps) == 9 and [s.index for s in steps] == list(range(9))
    assert "".join(s.piece for s in steps) == "The capital is Paris. 東京"
    assert steps[3].text == " Paris" and steps[3].probability == pytest.approx(math.exp(-0.06))
    for step in steps:
        assert REPLACEMENT not in step.text and REPLACEMENT not in (step.piece or "")
        assert all(REPLACEMENT not in c.text for c in step.candidates)
        probabilities = [c.probability for c in step.candidates]
        assert probabilities == sorted(probabilities, reverse=True) and all(0 <= p <= 1 for p in probabilities)
        assert step.token_id == -1  # vLLM names no token ids
    assert steps[6].piece == "" and steps[7].piece == "東"  # the kanji's first token completes nothing
    assert steps[8].candidates[-1].probability == 0.0  # vLLM's -9999.0
    assert isinstance(result.prompt, PromptTokens) and result.prompt.tokens == ()  # vLLM shows no prompt tokens
    assert result.time_to_first_token >= 0 and result.total_seconds >= result.time_to_first_token


def test_the_request_carries_sampling_seed_probabilities_stop_texts_and_the_code(fake_server):
    server = fake_server(events=vllm_reply())
    model = connected_model(server)
    ask(model, Sampling(0.8, 0.9, 40, 33, 1234), stop=("END",))
    request = next(s for s in server.seen if s["path"] == "/v1/chat/completions")
    body = request["body"]
    assert request["headers"]["Authorization"] == f"Bearer {CODE}"
    assert body["model"] == MODEL and body["stream"] is True
    assert body["messages"] == [{"role": m.role, "content": m.content} for m in QUESTION]
    assert (body["temperature"], body["top_p"], body["top_k"], body["max_tokens"], body["seed"]) == (0.8, 0.9, 40, 33,
                                                                                                      1234)
    assert body["logprobs"] is True and body["top_logprobs"] == 5 and body["stop"] == ["END"]
    ask(model, Sampling(0.0, 0.9, 40, 33, 5))
    greedy = [s for s in server.seen if s["path"] == "/v1/chat/completions"][-1]["body"]
    assert greedy["temperature"] == 0.0 and greedy["top_p"] == 1.0 and "top_k" not in greedy


def test_a_stop_text_named_by_the_server_is_the_stop_reason(fake_server):
    events = vllm_reply()
    events[-3] = sse(vllm_chunk("", None, finish="stop", stop_reason="END"))
    model = connected_model(fake_server(events=events))
    result, _ = ask(model, stop=("END",))
    assert result.stop_reason is StopReason.STOP_SEQUENCE


# ---- refusals and failures ---------------------------------------------------------------------------------

def test_a_wrong_code_is_refused_with_a_plain_message(fake_server):
    server = fake_server()
    with pytest.raises(BackendError) as caught:
        server_models_for(parse_server_address(server.address), "WRONG9")
    assert caught.value.kind is ErrorKind.INVALID_INPUT
    assert caught.value.message.params["address"] == f"http://{server.address}"
    model = connected_model(server)
    ACCESS_CODES.remember(model.address, "WRONG9")  # the teacher changed the code since
    with pytest.raises(BackendError) as caught:
        ask(RemoteChatModel(model.entry.model_id))
    assert caught.value.kind is ErrorKind.INVALID_INPUT and caught.value.message.template == refused_template()


def refused_template() -> str:
    from model_backend.chat.remote_server import refused_code

    return refused_code(parse_server_address("h")).message.template


def test_an_unreachable_server_is_said_plainly():
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(BackendError) as caught:
        server_models_for(parse_server_address(f"127.0.0.1:{port}"), CODE)
    assert caught.value.kind is ErrorKind.DEVICE_UNAVAILABLE


def test_a_server_without_probabilities_still_streams_and_says_so_once(fake_server):
    events = [sse(vllm_chunk(text)) for text in ("Paris", " is", " the", " capital.")]
    events += [sse(vllm_chunk("", finish="stop")), sse("[DONE]")]
    model = connected_model(fake_server(events=events))
    first, first_events = ask(model)
    second, second_events = ask(model)
    assert first.text == second.text == "Paris is the capital."
    assert first.steps == second.steps == ()
    assert sum(isinstance(e, Progress) for e in first_events) == 1
    assert sum(isinstance(e, Progress) for e in second_events) == 0


def test_a_server_that_refuses_logprobs_is_asked_again_without_them(fake_server):
    events = [sse(vllm_chunk("Paris.")), sse(vllm_chunk("", finish="stop")), sse("[DONE]")]
    server = fake_server(events=events, refuse_logprobs=True)
    result, _ = ask(connected_model(server))
    assert result.text == "Paris." and result.steps == ()
    bodies = [s["body"] for s in server.seen if s["path"] == "/v1/chat/completions"]
    assert [b.get("logprobs", False) for b in bodies] == [True, False]


def test_a_server_gone_mid_reply_keeps_the_partial_and_says_so(fake_server):
    model = connected_model(fake_server(events=vllm_reply(), abort_after=5))  # the role chunk and 4 tokens
    said: list = []
    with pytest.raises(JobCancelled) as caught:
        ask(model, on_event=said.append)
    partial = caught.value.partial
    assert isinstance(partial, ChatResult) and partial.stop_reason is StopReason.CONNECTION_LOST
    assert partial.text == "The capital is Paris" and len(partial.steps) == 4
    assert sum(isinstance(e, Progress) for e in said) == 1  # said once, beside the kept reply


def test_a_server_gone_before_writing_anything_is_a_plain_failure(fake_server):
    model = connected_model(fake_server(events=vllm_reply(), abort_after=0))
    with pytest.raises(BackendError) as caught:
        ask(model)
    assert caught.value.kind is ErrorKind.DEVICE_UNAVAILABLE


def test_stop_returns_within_0_2_s_with_the_reply_so_far(fake_server):
    model = connected_model(fake_server(events=vllm_reply(), hang_after=3))
    cancel = threading.Event()
    pressed: list[float] = []

    def press_stop_after_the_second_token(event) -> None:
        if isinstance(event, Partial) and isinstance(event.payload, TokenStep) and event.payload.index == 1:
            threading.Timer(0.3, lambda: (pressed.append(time.monotonic()), cancel.set())).start()

    with pytest.raises(JobCancelled) as caught:
        ask(model, cancel=cancel, on_event=press_stop_after_the_second_token)
    returned = time.monotonic()
    assert returned - pressed[0] < 0.2
    assert caught.value.partial.text == "The capital" and caught.value.partial.stop_reason is StopReason.STOPPED


# ---- the network ---------------------------------------------------------------------------------------------

def test_only_the_typed_address_is_ever_contacted_even_with_a_proxy_set(fake_server, monkeypatch):
    server = fake_server(events=vllm_reply())
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.setenv(name, "http://127.0.0.9:3128")
    contacted: list = []
    real_connect = socket.socket.connect

    def recording_connect(self, address):
        contacted.append(address)
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", recording_connect)
    resolved: list = []
    real_getaddrinfo = socket.getaddrinfo
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, *a, **k: (resolved.append(host), real_getaddrinfo(host, *a, **k))[1])
    result, _ = ask(connected_model(server))
    assert result.text
    port = server.server_address[1]
    assert contacted and all(address[:2] == ("127.0.0.1", port) for address in contacted)
    assert set(resolved) <= {"127.0.0.1"}


def test_a_connected_servers_models_are_listed_with_the_local_ones_until_it_is_forgotten(app_home):
    from model_backend.core.model_inspection import ModelFormat, ModelKind
    from model_backend.core.registry import ModelRegistry, ModelSource

    registry = ModelRegistry(app_home, packaged=())
    url = "http://192.168.1.10:8000"
    registry.set_server_models(url, [(f"server:{url}#a", "a"), (f"server:{url}#b", "b")])
    listed = [e for e in registry.models(ModelKind.CHAT) if e.source is ModelSource.CLASS_SERVER]
    assert [e.model_id for e in listed] == [f"server:{url}#a", f"server:{url}#b"]
    assert all(e.format is ModelFormat.CLASS_SERVER and e.size_bytes == 0 for e in listed)
    assert registry.resolve(f"server:{url}#b").name == "b"
    assert registry.resolve(f"server:{url}#unknown").kind is ModelKind.CHAT  # a saved conversation's model
    registry.set_server_models(url, [])
    assert not [e for e in registry.models(ModelKind.CHAT) if e.source is ModelSource.CLASS_SERVER]


def test_the_views_that_look_inside_a_model_say_plainly_that_a_server_model_cannot(app_home):
    from model_backend.chat.insight_types import AttentionRequest
    from model_backend.core.jobs import Failed
    from model_backend.engine import Backend

    events: list = []
    request = AttentionRequest(QUESTION, "server:http://127.0.0.1:9#some-model")
    Backend(app_home).run(request, events.append, threading.Event())
    assert isinstance(events[-1], Failed) and events[-1].kind is ErrorKind.WRONG_MODEL_KIND
