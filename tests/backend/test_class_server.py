"""Class mode for real: llama.cpp's server (``ClassServer``) on the loopback address with the embedded SmolLM2,
used through the app's class-server client and the backend's jobs. Marked slow: they load the real model."""
from __future__ import annotations

import http.client
import json
import threading
import time

import psutil
import pytest

from model_backend.chat.chat_types import ChatRequest, ChatResult, Message, Sampling, StopReason, TextChunk, TokenStep
from model_backend.chat.class_mode_jobs import (
    ConnectServerRequest,
    ShareModelRequest,
    ShareStatusRequest,
    StopSharingRequest,
)
from model_backend.chat.class_server import CODE_ALPHABET, CODE_LENGTH, ClassServer, check_host, new_access_code
from model_backend.chat.remote_chat_model import RemoteChatModel, server_models_for
from model_backend.chat.remote_server import parse_server_address
from model_backend.core.errors import BackendError, ErrorKind, JobCancelled
from model_backend.core.jobs import Cancelled, Failed, Partial, Progress, Result

CODE = "TEST42"
SYSTEM = Message("system", "You are a helpful assistant.")  # the app's default system prompt
PARIS = (SYSTEM, Message("user", "What is the capital of France?"))
STORY = (SYSTEM, Message("user", "Write a long story about a dragon who learns to bake bread."))


# ---- fast: codes and addresses ---------------------------------------------------------------------------------

def test_access_codes_are_short_and_easy_to_read_aloud():
    codes = {new_access_code() for _ in range(50)}
    assert len(codes) == 50
    assert all(len(c) == CODE_LENGTH and set(c) <= set(CODE_ALPHABET) for c in codes)
    assert not set(CODE_ALPHABET) & set("0O1IL")


def test_only_an_ip_address_of_this_computer_is_accepted_to_listen_on():
    assert check_host(" 127.0.0.1 ") == "127.0.0.1"
    with pytest.raises(BackendError) as caught:
        check_host("teacher.local")
    assert caught.value.kind is ErrorKind.INVALID_INPUT


# ---- slow: a real llama.cpp server -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def class_server(smollm2_gguf):
    server = ClassServer.start(smollm2_gguf, port=0, code=CODE, parallel=8, model_name="smollm2")
    yield server
    server.stop()


def model_on(server: ClassServer, code: str = CODE, **options) -> RemoteChatModel:
    models = server_models_for(parse_server_address(server.address), code)
    return RemoteChatModel(models[0]["model_id"], code=code, **options)


def chat(model: RemoteChatModel, conversation=PARIS, sampling=Sampling(0.0, 1.0, 0, 24, 1), cancel=None, on_event=None):
    events: list = []

    def emit(event) -> None:
        events.append(event)
        if on_event is not None:
            on_event(event)

    request = ChatRequest(conversation, model.entry.model_id, sampling, top_candidates=5)
    return model.run_chat(request, emit, cancel or threading.Event()), events


def raw_request(server: ClassServer, method: str, path: str, code: str | None, body: dict | None = None) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    headers = {"Content-Type": "application/json"} | ({"Authorization": f"Bearer {code}"} if code else {})
    connection.request(method, path, json.dumps(body) if body else None, headers)
    status = connection.getresponse().status
    connection.close()
    return status


@pytest.mark.slow
def test_greedy_chat_through_the_server_says_paris_with_the_models_probabilities(class_server):
    model = model_on(class_server)
    result, events = chat(model)
    assert "Paris" in result.text and result.stop_reason is StopReason.END_OF_REPLY
    assert result.steps and all(step.token_id >= 0 for step in result.steps)
    for step in result.steps:
        probabilities = [c.probability for c in step.candidates]
        assert 0 < step.probability <= 1 and probabilities == sorted(probabilities, reverse=True)
        chosen = next((c for c in step.candidates if c.token_id == step.token_id), None)
        assert chosen is None or chosen.probability == pytest.approx(step.probability)
    paris = next(step for step in result.steps if "Paris" in step.text)
    assert paris.probability > 0.5
    streamed = "".join(e.payload.text for e in events if isinstance(e, Partial) and isinstance(e.payload, TextChunk))
    assert streamed.strip() == result.text
    # the prompt view: llama.cpp's server shows the exact prompt, the chat template's markers included
    assert result.prompt.tokens and "".join(t.piece for t in result.prompt.tokens).count("<|im_start|>") == 3


@pytest.mark.slow
def test_the_same_seed_gives_the_same_sampled_reply(class_server):
    model = model_on(class_server, show_prompt_tokens=False)
    sampling = Sampling(1.0, 0.95, 50, 8, 2024)
    first, _ = chat(model, STORY, sampling)
    second, _ = chat(model, STORY, sampling)
    assert first.text == second.text and first.seed == second.seed == 2024


@pytest.mark.slow
def test_a_wrong_code_is_refused_and_only_the_needed_endpoints_answer(class_server):
    with pytest.raises(BackendError) as caught:
        server_models_for(parse_server_address(class_server.address), "WRONG9")
    assert caught.value.kind is ErrorKind.INVALID_INPUT
    with pytest.raises(BackendError) as caught:
        chat(RemoteChatModel(f"server:{class_server.address}#smollm2", code="WRONG9", show_prompt_tokens=False))
    assert caught.value.kind is ErrorKind.INVALID_INPUT
    question = {"messages": [{"role": "user", "content": "Hi"}], "max_tokens": 1}
    assert raw_request(class_server, "POST", "/v1/chat/completions", None, question) == 401
    assert raw_request(class_server, "GET", "/v1/models", None) == 401
    assert raw_request(class_server, "GET", "/slots", CODE) == 501  # would show other students' prompts
    assert raw_request(class_server, "GET", "/", CODE) == 404  # no web UI
    assert raw_request(class_server, "POST", "/props", CODE, {"n_ctx": 1}) != 200  # settings cannot be changed


@pytest.mark.slow
def test_it_listens_only_on_the_chosen_address(class_server):
    listening = [c.laddr for c in psutil.Process().net_connections(kind="inet")
                 if c.status == psutil.CONN_LISTEN and c.laddr.port == class_server.port]
    assert listening and all(address.ip == "127.0.0.1" for address in listening)


@pytest.mark.slow
def test_stop_returns_within_0_2_s_and_frees_the_slot(class_server):
    model = model_on(class_server, show_prompt_tokens=False)
    cancel = threading.Event()
    pressed: list[float] = []

    def stop_after_three_tokens(event) -> None:
        if isinstance(event, Partial) and isinstance(event.payload, TokenStep) and event.payload.index == 2:
            pressed.append(time.monotonic())
            cancel.set()

    with pytest.raises(JobCancelled) as caught:
        chat(model, STORY, Sampling(0.0, 1.0, 0, 400, 1), cancel, stop_after_three_tokens)
    assert time.monotonic() - pressed[0] < 0.2
    assert len(caught.value.partial.steps) >= 3 and caught.value.partial.text
    deadline = time.monotonic() + 10  # llama.cpp cancels the request whose reader left
    while class_server.load().busy_slots and time.monotonic() < deadline:
        time.sleep(0.05)
    assert class_server.load().busy_slots == 0


@pytest.mark.slow
def test_thirty_students_at_once_all_get_replies(class_server):
    results: list = []
    errors: list = []
    busy_seen: list[int] = []

    def student(number: int) -> None:
        model = RemoteChatModel(f"server:{class_server.address}#smollm2", code=CODE, show_prompt_tokens=False)
        try:
            result, _ = chat(model, (SYSTEM, Message("user", f"Name a colour. ({number})")), Sampling(0.7, 0.9, 40, 4, number))
            results.append(result)
        except Exception as exc:  # noqa: BLE001 - every failure is counted
            errors.append(exc)

    before = class_server.load().tokens_written
    threads = [threading.Thread(target=student, args=(n,)) for n in range(30)]
    for thread in threads:
        thread.start()
    while any(t.is_alive() for t in threads):
        busy_seen.append(class_server.load().busy_slots)
        time.sleep(0.1)
    assert errors == [] and len(results) == 30
    assert all(r.steps and r.text for r in results)
    assert max(busy_seen) >= 2  # students were batched together
    assert class_server.load().tokens_written - before >= sum(len(r.steps) for r in results)


@pytest.mark.slow
def test_a_server_stopped_mid_reply_keeps_the_partial_and_says_so(smollm2_gguf):
    server = ClassServer.start(smollm2_gguf, port=0, code=CODE, parallel=1)
    model = model_on(server, show_prompt_tokens=False)
    stopper: list[threading.Thread] = []

    def stop_the_server_after_five_tokens(event) -> None:
        if isinstance(event, Partial) and isinstance(event.payload, TokenStep) and event.payload.index == 4:
            stopper.append(threading.Thread(target=server.stop))
            stopper[0].start()

    said: list = []
    with pytest.raises(JobCancelled) as caught:
        chat(model, STORY, Sampling(0.0, 1.0, 0, 400, 1), on_event=lambda e: (said.append(e),
                                                                              stop_the_server_after_five_tokens(e)))
    stopper[0].join(30)
    partial = caught.value.partial
    assert isinstance(partial, ChatResult) and partial.stop_reason is StopReason.CONNECTION_LOST
    assert len(partial.steps) >= 5 and partial.text
    assert sum(isinstance(e, Progress) for e in said) == 1
    assert not server.running


@pytest.mark.slow
def test_the_backend_shares_a_model_and_chats_with_it_as_a_student_would(app_home):
    from model_backend.core.registry import PACKAGED_MODELS
    from model_backend.engine import Backend

    backend = Backend(app_home)
    smollm2 = f"package:{PACKAGED_MODELS[0].distribution}/{PACKAGED_MODELS[0].relative_path}"

    def run(request):
        events: list = []
        backend.run(request, events.append, threading.Event())
        return events[-1]

    try:
        shared = run(ShareModelRequest(smollm2, port=0, parallel=2))
        assert isinstance(shared, Result) and shared.value.running and len(shared.value.code) == CODE_LENGTH
        info = shared.value
        assert isinstance(run(ConnectServerRequest(info.address, "WRONG9")), Failed)
        connected = run(ConnectServerRequest(info.address, info.code))
        assert isinstance(connected, Result)
        model_id = connected.value["models"][0]["model_id"]
        reply = run(ChatRequest(PARIS, model_id, Sampling(0.0, 1.0, 0, 24, 1)))
        assert isinstance(reply, Result) and "Paris" in reply.value.text and reply.value.steps
        status = run(ShareStatusRequest())
        assert status.value.running and status.value.load.tokens_written >= len(reply.value.steps)
        assert not run(StopSharingRequest()).value.running
        gone = run(ChatRequest(PARIS, model_id, Sampling(0.0, 1.0, 0, 24, 1)))
        assert isinstance(gone, Failed) and gone.kind is ErrorKind.DEVICE_UNAVAILABLE
    finally:
        backend.class_shares.stop()
    assert not isinstance(gone, Cancelled)
