"""GGUF chat models on llama.cpp, in-process, through the ``xllamacpp`` binding: no conversion before chatting.

Streams the same events as ``chat_runner`` (PromptTokens, then a TokenStep per token and TextChunks) and
returns a ``ChatResult``. How each promise is kept:

- **The prompt** is the GGUF's own chat template applied by llama.cpp (/apply-template) and split into the
  model's tokens (/tokenize); ``chat_runner.fit_context`` trims old turns through a tokenizer-like adapter,
  and exactly those token ids are sent, so the prompt-tokens view shows what the model reads.
- **Probabilities**: llama.cpp's ``logprobs`` are the softmax of the raw logits, before temperature, top-k and
  top-p (``post_sampling_probs`` is left off; measured: identical at temperature 0 and 1.5 with top-k 2).
- **Sampling** follows transformers' order (temperature, then top-k, then top-p) with llama.cpp's extra
  samplers (min-p, repetition penalties…) switched off; temperature 0 is greedy.
- **Whole characters**: llama.cpp gives each token's bytes, so ``llama_cpp_stream`` decodes them exactly:
  labels, pieces and TextChunks never hold U+FFFD, also when a kanji or emoji spans several tokens.
- **Stop texts** are found in the decoded reply; text that could be the start of one is held back until it is
  not, so the stop text never reaches the screen.
- **Stop within 0.2 s, also during a long prompt**: the native call runs on its own thread and reports
  prompt progress after every batch of ``PROMPT_BATCH`` tokens; the job's thread reads its chunks from a queue
  and checks the cancel event every 20 ms. On Stop it returns at once with what was written; the native call
  ends at its next chunk (at most one prompt batch or one token later), and the next request waits for it.
"""
from __future__ import annotations

import atexit
import math
import queue
import threading
import time
import weakref
from pathlib import Path
from threading import Event

from model_backend.chat.chat_runner import encode_prompt, fit_context
from model_backend.chat.chat_types import (
    ChatRequest,
    ChatResult,
    Message,
    PromptTokens,
    Sampling,
    StopReason,
    decoding_speed,
)
from model_backend.chat.chat_validation import validate_chat_request
from model_backend.chat.gguf_metadata import GGUFIndex, read_gguf_index, refuse_non_chat
from model_backend.chat.llama_cpp_stream import ReplyStream, prompt_tokens
from model_backend.chat.llama_cpp_support import (
    EngineRefused,
    LocalServerLine,
    build_features,
    default_threads,
    engine_version,
    gpu_devices,
    llama_cpp_unavailable_reason,
    prompt_cache_mib,
)
from model_backend.chat.sampling_defaults import SamplingDefaults, from_gguf_metadata
from model_backend.core.device import DeviceChoice
from model_backend.core.engines import Engine
from model_backend.core.errors import BackendError, ErrorKind, InvalidModelError, JobCancelled, plain_library_text
from model_backend.core.jobs import Emit, Partial, ProgressFn
from model_backend.core.messages import msg
from model_backend.core.registry import ModelEntry
from model_backend.core.seeds import resolve_seed

DEFAULT_MAX_CONTEXT = 8192  # KV cache for 8k tokens of a 1.5B model is about 0.2 GB; 32k would be 4x that
FALLBACK_CONTEXT = 2048  # a GGUF that names no context length
# Prompt tokens per native step (llama.cpp's own default micro-batch): the prompt is read about 15 % faster than
# with 256 here. Stop returns at once, but the stopped prompt keeps the engine busy for up to ~2 batches (measured
# up to 3.8 s on 2 cores), which the next request waits for; 256 halves that.
PROMPT_BATCH = 512
POLL_SECONDS = 0.02
PROBE_CANDIDATES = 64  # alternatives asked per withheld token; all of them when it is not among these
PROBE_BUDGET_S = 3.0  # time one reply may spend asking withheld tokens' probabilities (see ReplyStream)
_live_models: weakref.WeakSet = weakref.WeakSet()


class _EngineTokenizer:
    """The part of a transformers tokenizer that ``chat_runner.fit_context`` uses, answered by llama.cpp."""

    def __init__(self, line: LocalServerLine, chat_template: str) -> None:
        self.chat_template = chat_template  # "" -> fit_context falls back to a plain transcript
        self._line = line
        self.token_bytes: dict[int, bytes] = {}  # token id -> the bytes it stands for, learnt from /tokenize

    def encode(self, text: str) -> list[int]:
        answer = self._line.call("POST", "/tokenize", {"content": text, "add_special": True, "parse_special": True,
                                                      "with_pieces": True})
        ids = []
        for token in answer.get("tokens", []):
            token_id, piece = int(token["id"]), token.get("piece", "")
            # a piece that is not whole UTF-8 (part of a character) comes as a list of byte values
            self.token_bytes.setdefault(token_id, bytes(piece) if isinstance(piece, list) else str(piece).encode())
            ids.append(token_id)
        return ids

    def __call__(self, text: str) -> dict:
        return {"input_ids": self.encode(text)}

    def apply_chat_template(self, messages: list[dict], add_generation_prompt: bool = True, **_ignored) -> dict:
        try:
            answer = self._line.call("POST", "/apply-template",
                                     {"messages": messages, "add_generation_prompt": add_generation_prompt})
        except EngineRefused as exc:
            raise BackendError(ErrorKind.INVALID_INPUT, msg("This model's chat template does not accept this conversation: "
                                                            "{reason}", reason=plain_library_text(exc.server_message)),
                               exc.details) from exc
        return {"input_ids": self.encode(str(answer.get("prompt", "")))}


class _NativeRequest:
    """One streaming completion on its own thread. Chunks go to a queue; the caller may walk away at any time
    (``abandon``), and the native call then ends at its next chunk."""

    def __init__(self, server, body: dict) -> None:
        self.chunks: queue.SimpleQueue = queue.SimpleQueue()
        self.abandoned = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(server, body), name="llama.cpp request", daemon=True)
        self.thread.start()

    def _run(self, server, body: dict) -> None:
        try:
            server.handle_completions(body, self._on_chunk)
        except BaseException as exc:  # reported to the job's thread, which raises a typed error
            self.chunks.put(("error", exc))
        finally:
            self.chunks.put(("done", None))

    def _on_chunk(self, chunk: dict) -> bool:
        if self.abandoned.is_set():
            return True  # ends the native call: llama.cpp cancels the task when its reader goes away
        self.chunks.put(("chunk", chunk))
        return False

    def abandon(self) -> None:
        self.abandoned.set()


def _sampling_body(sampling: Sampling, seed: int) -> dict:
    """transformers' sampling in llama.cpp's words: temperature, then top-k, then top-p; nothing else.

    Greedy is top-k 1 alone: the same token (the most likely one), but the chain then ends on one candidate.
    Temperature 0 instead leaves all 49,152 candidates (the others at -inf) to the final sampling step, which
    still takes a softmax over them every token: 4 % of the decoding speed on SmolLM2 (bench, quiet machine)."""
    greedy = sampling.temperature <= 0
    return {
        "seed": seed,
        "temperature": 0.0 if greedy else float(sampling.temperature),
        "top_k": 1 if greedy else int(sampling.top_k),  # 0: no limit, in both libraries
        "top_p": 1.0 if greedy else float(sampling.top_p),
        "samplers": ["top_k"] if greedy else ["temperature", "top_k", "top_p"],
        "min_p": 0.0, "typical_p": 1.0, "top_n_sigma": -1.0, "xtc_probability": 0.0, "mirostat": 0,
        "repeat_penalty": 1.0, "presence_penalty": 0.0, "frequency_penalty": 0.0, "dry_multiplier": 0.0,
    }


def _start_server(index: GGUFIndex, line: LocalServerLine, n_ctx: int, threads: int, use_gpu: bool):
    import xllamacpp

    params = xllamacpp.CommonParams()
    params.model.path = str(index.path)
    params.n_ctx = n_ctx
    params.n_parallel = 1
    params.n_batch = params.n_ubatch = PROMPT_BATCH
    params.cpuparams.n_threads = params.cpuparams_batch.n_threads = threads
    if not use_gpu:
        params.n_gpu_layers = 0
    params.hostnames = line.hostnames
    params.port = 0  # TCP (Windows): a free port the system picks
    params.api_keys = [line.key]
    params.n_threads_http = 2
    params.ui = params.endpoint_slots = params.endpoint_metrics = False
    params.offline = True  # never fetch a model or a template from the Hub
    params.prefill_assistant = False  # a conversation ending with the assistant is templated as transformers does
    params.cache_ram_mib = prompt_cache_mib()  # earlier chats and tables come back without being read again
    params.warmup = False  # the request below warms up; saves 0.2 s of load during which the GIL is held
    params.verbosity = -1  # llama.cpp's log would fill the terminal; failures come back as exceptions
    server = xllamacpp.Server(params)  # holds the GIL while it loads (binding limitation, 0.6 s for SmolLM2)
    # The binding starts its task loop just after the constructor returns, and deleting a server whose loop has
    # not started hangs for ever (seen here). One tiny request returns only once the loop runs.
    server.handle_completions({"prompt": [0], "max_tokens": 1, "cache_prompt": False})
    line.connect_to(server.listening_address)
    return server


class LlamaCppChatModel:
    """A GGUF chat model loaded in llama.cpp: preview its prompts and stream replies."""

    engine = Engine.LLAMA_CPP
    converted_now = False  # a GGUF file runs as it is
    entry: ModelEntry | None = None  # the registry entry it was loaded for (the cache sets it; benches need none)

    def __init__(self, server, line: LocalServerLine, index: GGUFIndex, name: str, device: DeviceChoice,
                 context_length: int, threads: int, load_seconds: float, device_preference: str = "auto") -> None:
        self._server, self._line, self.index = server, line, index
        self.name, self.device, self.context_length = name, device, context_length
        self.threads, self.load_seconds = threads, load_seconds
        self.device_preference = device_preference  # what was asked: a different choice means a reload
        self._control = index.control_tokens
        self.tokenizer = _EngineTokenizer(line, index.chat_template)
        self._requests: set[_NativeRequest] = set()
        _live_models.add(self)

    @property
    def path(self) -> Path:
        return self.index.path

    @property
    def has_chat_template(self) -> bool:
        return bool(self.index.chat_template)

    @property
    def sampling_defaults(self) -> SamplingDefaults:
        """The sampling the GGUF file recommends (general.sampling.*), if any."""
        return from_gguf_metadata(self.index.metadata)

    @classmethod
    def load(cls, path: Path, progress: ProgressFn, cancel: Event, *, name: str = "", device_preference: str = "auto",
             max_context: int = DEFAULT_MAX_CONTEXT, threads: int = 0) -> "LlamaCppChatModel":
        """Check the file, then load it. Raises BackendError(DEVICE_UNAVAILABLE) where the engine cannot run
        (the caller falls back to transformers with that reason) and InvalidModelError for a bad file."""
        started = time.monotonic()
        reason = llama_cpp_unavailable_reason()
        if reason:
            raise BackendError(ErrorKind.DEVICE_UNAVAILABLE, reason)
        if cancel.is_set():
            raise JobCancelled()
        path = Path(path)
        progress(0.0, msg("Checking the GGUF file"))
        index = read_gguf_index(path)  # a damaged file is refused here, before native code reads it
        refuse_non_chat(index)
        if cancel.is_set():
            raise JobCancelled()
        progress(0.2, msg("Loading the model into llama.cpp"))
        threads = threads or default_threads()
        gpus = [] if device_preference == "cpu" else gpu_devices()
        line = LocalServerLine()
        try:
            server = _start_server(index, line, min(index.context_length or FALLBACK_CONTEXT, max_context), threads,
                                   bool(gpus))
        except Exception as exc:
            line.close()
            raise InvalidModelError(msg(
                "{name} could not be loaded by llama.cpp: its architecture ('{architecture}') or quantisation is not "
                "supported by the installed engine, the file is damaged, or there is not enough memory.",
                name=path.name, architecture=index.architecture), details=repr(exc)) from exc
        props = line.call("GET", "/props")
        n_ctx = int((props.get("default_generation_settings") or {}).get("n_ctx") or 0) or FALLBACK_CONTEXT
        device = cls._device_choice(str(props.get("model_ftype") or "quantised"), threads, gpus, device_preference)
        progress(1.0, msg("Model loaded"))
        return cls(server, line, index, name or path.stem, device, n_ctx, threads, time.monotonic() - started,
                   device_preference)

    @staticmethod
    def _device_choice(quantisation: str, threads: int, gpus: list[str], preference: str) -> DeviceChoice:
        engine = msg("llama.cpp (xllamacpp {version}, built for {features})", version=engine_version(),
                     features=", ".join(build_features()) or msg("this CPU"))
        if gpus:
            name = gpus[0].upper()
            kind = "mps" if "METAL" in name or "MTL" in name else "cuda" if "CUDA" in name else "gpu"
            return DeviceChoice(kind, quantisation, msg("Using {gpu} through {engine}", gpu=gpus[0], engine=engine))
        if preference == "cpu":
            return DeviceChoice("cpu", quantisation, msg("CPU chosen in settings: {engine}, {threads} threads",
                                                         engine=engine, threads=threads))
        return DeviceChoice("cpu", quantisation, msg("Using the CPU: {engine}, {threads} threads", engine=engine,
                                                     threads=threads))

    # ---- prompts -------------------------------------------------------------------------------------------
    def _prompt_tokens(self, ids: list[int], trimmed: int, raw: bool = False) -> PromptTokens:
        return PromptTokens(
            tokens=prompt_tokens(ids, self.tokenizer.token_bytes, self._control),
            context_length=self.context_length,
            trimmed_messages=trimmed,
            used_chat_template=self.has_chat_template and not raw,
            raw_continuation=raw,
        )

    def preview_prompt(self, conversation: tuple[Message, ...], raw: bool = False) -> PromptTokens:
        """The exact prompt (chat template applied, or the raw text) as tokens, with no trimming: previews show
        overflow."""
        self._check_open()
        ids = encode_prompt(self.tokenizer, [{"role": m.role, "content": m.content} for m in conversation], raw)
        return self._prompt_tokens(ids, 0, raw)

    # ---- replies -------------------------------------------------------------------------------------------
    def run_chat(self, request: ChatRequest, emit: Emit, cancel: Event, progress: ProgressFn | None = None) -> ChatResult:
        """Stream one reply. Emits PromptTokens, then TokenStep and TextChunk partials; returns the reply, or
        raises JobCancelled(partial ChatResult) on Stop. ``progress`` hears how far a long prompt has been read."""
        validate_chat_request(request)
        self._check_open()
        sampling = request.sampling
        # raw continuation: the text's own tokens; either way the ids go to the plain completion endpoint
        ids, trimmed, max_new = fit_context(self.tokenizer, request.conversation, self.context_length,
                                            sampling.max_new_tokens, request.raw_continuation)
        prompt = self._prompt_tokens(ids, trimmed, request.raw_continuation)
        emit(Partial(request.job_id, prompt))
        seed = resolve_seed(sampling.seed)
        if cancel.is_set():
            raise JobCancelled()
        started = time.monotonic()
        reply = ReplyStream(emit, request.job_id, self._control, lambda: self.index.token_bytes, request.stop,
                            request.top_candidates, started)
        native = self._start({"prompt": ids, "stream": True, "max_tokens": max(1, max_new), "return_progress": True,
                              "logprobs": max(1, request.top_candidates), "cache_prompt": True,
                              **_sampling_body(sampling, seed)})
        finish_reason = ""
        try:
            for chunk in self._chunks(native, cancel, lambda: reply.stop_at >= 0):
                finish_reason = self._take(chunk, reply, progress) or finish_reason
        finally:
            native.abandon()  # no-op when it ended; otherwise its native call stops at its next chunk
        total = time.monotonic() - started
        if cancel.is_set():
            stop_reason = StopReason.STOPPED
        elif reply.stop_at >= 0:
            stop_reason = StopReason.STOP_SEQUENCE
        else:
            reply.finish()
            stop_reason = StopReason.END_OF_REPLY if finish_reason == "stop" else StopReason.MAX_NEW_TOKENS
        if stop_reason is not StopReason.STOPPED and reply.withheld_count:
            reply.fill_in(self._prober(ids, reply, cancel, time.monotonic() + PROBE_BUDGET_S))
            if cancel.is_set():
                stop_reason = StopReason.STOPPED
        steps = reply.kept_steps()
        first = (reply.first_token_at - started) if reply.first_token_at else total
        speed = decoding_speed(steps, total)
        result = ChatResult(text=reply.reply_text().strip(), steps=steps, prompt=prompt, stop_reason=stop_reason,
                            seed=seed, time_to_first_token=first, tokens_per_second=speed, total_seconds=total,
                            device=self.device.label, model_name=self.name, prompt_tokens_reused=reply.prompt_reused)
        if stop_reason is StopReason.STOPPED:
            raise JobCancelled(result)
        return result

    def _start(self, body: dict) -> _NativeRequest:
        self._requests = {r for r in self._requests if r.thread.is_alive()}
        native = _NativeRequest(self._server, body)
        self._requests.add(native)
        return native

    @staticmethod
    def _chunks(native: _NativeRequest, cancel: Event, done=lambda: False):
        """The native call's chunks (a whole answer when not streaming), until it ends, Stop or ``done()``."""
        while not (cancel.is_set() or done()):
            try:
                kind, value = native.chunks.get(timeout=POLL_SECONDS)
            except queue.Empty:
                continue
            if kind == "done":
                return
            if kind == "error":
                raise BackendError(ErrorKind.INTERNAL, msg("The llama.cpp engine failed while writing the reply."),
                                   details=repr(value))
            yield value

    def _prober(self, prompt_ids: list[int], reply: ReplyStream, cancel: Event, deadline: float):
        """Asks the model's distribution before a withheld token: a one-token request on the same context whose
        sampled token is forced to be the end-of-text token (always reported); its logprobs are the raw
        distribution (logit bias acts in the sampler only), so the withheld token's probability is read there."""
        forced = self.index.eos_token_id if self.index.eos_token_id is not None else next(iter(self._control), None)

        def probe(reply_ids: list[int], token_id: int):
            if forced is None:
                return None
            for wanted in (max(reply.top_n, PROBE_CANDIDATES), len(self.index.token_bytes)):
                if time.monotonic() > deadline or cancel.is_set():
                    return None
                native = self._start({"prompt": prompt_ids + reply_ids, "max_tokens": 1, "logprobs": wanted,
                                      "temperature": 0.0, "logit_bias": [[forced, 1e9]], "cache_prompt": True})
                try:
                    answer = next(iter(self._chunks(native, cancel)), None)
                finally:
                    native.abandon()
                choice = ((answer or {}).get("choices") or [{}])[0]
                content = (choice.get("logprobs") or {}).get("content") or [{}]
                entries = content[0].get("top_logprobs") or []
                match = next((e for e in entries if int(e["id"]) == token_id), None)
                if match is not None:
                    return math.exp(float(match["logprob"])), reply.candidates(entries)
            return None

        return probe

    @staticmethod
    def _take(chunk: dict, reply: ReplyStream, progress: ProgressFn | None) -> str:
        """Handle one streamed chunk; returns its finish reason ("" while the reply goes on)."""
        if "error" in chunk or ("choices" not in chunk and "message" in chunk):
            error = chunk.get("error") if isinstance(chunk.get("error"), dict) else chunk
            raise BackendError(ErrorKind.INTERNAL, msg("The llama.cpp engine could not write a reply: {reason}",
                                                       reason=plain_library_text(error.get("message", "unknown error"))),
                               details=repr(chunk))
        status = chunk.get("prompt_progress")
        if status and progress is not None and status.get("total"):
            progress(min(1.0, status.get("processed", 0) / status["total"]), msg("Reading the prompt"))
        timings = chunk.get("timings")
        if isinstance(timings, dict):  # the last chunk: how many prompt tokens came from the engine's cache
            reply.prompt_reused = int(timings.get("cache_n") or 0)
        now = time.monotonic()
        choice = (chunk.get("choices") or [{}])[0]
        for entry in (choice.get("logprobs") or {}).get("content") or ():
            reply.add(entry, now)
        return choice.get("finish_reason") or ""

    # ---- life cycle ----------------------------------------------------------------------------------------
    def _check_open(self) -> None:
        if self._server is None:
            raise BackendError(ErrorKind.INTERNAL, msg("This llama.cpp model was unloaded."))

    def close(self, wait_s: float = 30.0) -> None:
        """Free the model. Requests still running natively (a reply the user stopped) end first: freeing the
        server under them would crash. Safe to call twice."""
        requests, self._requests = self._requests, set()
        for native in requests:
            native.abandon()
        deadline = time.monotonic() + wait_s
        stuck = False
        for native in requests:
            native.thread.join(max(0.0, deadline - time.monotonic()))
            stuck = stuck or native.thread.is_alive()
        server, self._server = self._server, None
        if stuck:  # never free memory a native call still uses: keep it until the process ends
            _kept_alive.append(server)
        del server  # the binding joins its threads and frees the model here (about 50 ms)
        self._line.close()


_kept_alive: list = []


@atexit.register
def _close_all() -> None:
    """At exit, end stopped replies still running natively before the interpreter goes away under them."""
    for model in list(_live_models):
        model.close(wait_s=5.0)
