"""Chat speed on llama.cpp: the engine module against the bare binding, and the app's transformers path.

    .venv/bin/python bench/llama_cpp_speed.py [--gguf FILE] [--tokens 64] [--repeats 5] [--long]
                                              [--transformers-model MODEL_ID | --no-transformers]
                                              [--avx2-transformers]

Greedy, same prompt on every path; each figure is the median of the repeats (the best in brackets: on a
shared machine the best is closer to what the hardware does). The transformers path is the same GGUF run
as the app runs it where llama.cpp cannot (converted once into the user's cache), unless
``--transformers-model`` names another model id. ``--long`` adds a ~2,400-token few-shot prompt, and then
the *next row* of the same few-shot table (same worked examples, another question), as the Prompt
engineering tab sends them one after the other: llama.cpp keeps the examples it has read (``cache_prompt``),
transformers reads the whole prompt again. ``--avx2-transformers`` also times the transformers path in a
second process whose torch, MKL and oneDNN are held to AVX2, as on a classroom laptop without AVX-512 (the
llama.cpp wheel is an AVX2 build everywhere). Also printed: a cold start (a new ``python -m model_backend
chat`` process until its first streamed text) and the process's peak memory after each path. The last line
is ``ratio (app / bare engine): X``.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import run_job  # noqa: E402  (also puts the project on sys.path)

from model_backend.chat.chat_types import ChatRequest, Message, Sampling  # noqa: E402
from model_backend.chat.llama_cpp_engine import LlamaCppChatModel  # noqa: E402

PROMPT = "Explain in a few sentences how a language model writes a reply, one token at a time."
EXAMPLES = "\n".join(f"Question: what is {n} plus {n + 3}?\nAnswer: {2 * n + 3}" for n in range(120))
LONG_PROMPT = EXAMPLES + "\nQuestion: what is 40 plus 2?\nAnswer:"
NEXT_ROW_PROMPT = EXAMPLES + "\nQuestion: what is 17 plus 25?\nAnswer:"  # the same table's next row
# torch (ATen kernels), MKL (its matmuls) and oneDNN held to AVX2, as on a laptop CPU without AVX-512
AVX2_ONLY = {"ATEN_CPU_CAPABILITY": "avx2", "MKL_ENABLE_INSTRUCTIONS": "AVX2", "ONEDNN_MAX_CPU_ISA": "AVX2"}


def median_and_best(values: list[float], best=max) -> str:
    return f"{statistics.median(values):.3f} (best {best(values):.3f})"


def engine_run(model: LlamaCppChatModel, prompt: str, tokens: int, run: int) -> tuple[float, float, int]:
    """One reply through the app's engine module: (tokens/s, time to first token, tokens)."""
    # a different first word each run: the prompt cache cannot skip the prompt, so it is read every time
    request = ChatRequest(conversation=(Message("user", f"({run}) {prompt}"),), model_id="bench",
                          sampling=Sampling(temperature=0.0, max_new_tokens=tokens))
    result = model.run_chat(request, lambda event: None, threading.Event())
    return result.tokens_per_second, result.time_to_first_token, len(result.steps)


def bare_run(model: LlamaCppChatModel, prompt: str, tokens: int, probabilities: int = 0) -> tuple[float, float]:
    """The binding alone: the same token ids, streamed, nothing done per token beyond the callback;
    ``probabilities``: how many candidates llama.cpp reports per token (the app asks 5)."""
    ids = model.tokenizer.apply_chat_template([{"role": "user", "content": prompt}])["input_ids"]
    stamps: list[float] = []
    started = time.monotonic()
    body = {"prompt": ids, "stream": True, "max_tokens": tokens, "temperature": 0.0, "cache_prompt": False}
    if probabilities:
        body["logprobs"] = probabilities
    model._server.handle_completions(body, lambda chunk: stamps.append(time.monotonic()) and False)
    tokens_at = stamps[:-1]  # the last chunk carries only the finish reason
    return (len(tokens_at) - 1) / (tokens_at[-1] - tokens_at[0]), tokens_at[0] - started


def next_row_first_tokens(model: LlamaCppChatModel, tokens: int, repeats: int) -> list[float]:
    """Time to first token of a few-shot table's next row, right after its first row was answered."""
    firsts = []
    for run in range(repeats):
        engine_run(model, LONG_PROMPT, tokens, 1000 + run)  # a new table each time: its first row reads it all
        firsts.append(engine_run(model, NEXT_ROW_PROMPT, tokens, 1000 + run)[1])
    return firsts


def time_paths(model: LlamaCppChatModel, prompt: str, tokens: int, repeats: int) -> dict[str, list]:
    """The three paths taken in turn within each repeat, so a machine that slows down or speeds up
    during the run (other jobs, clock changes) weighs on all three alike. The first round warms up."""
    found: dict[str, list] = {key: [] for key in ("app", "app_first", "bare", "bare_first", "probs", "count")}
    for run in range(repeats + 1):
        speed, first, count = engine_run(model, prompt, tokens, run)
        bare_speed, bare_first = bare_run(model, prompt, tokens)
        probs_speed, _ = bare_run(model, prompt, tokens, probabilities=5)
        if run:
            for key, value in zip(found, (speed, first, bare_speed, bare_first, probs_speed, count)):
                found[key].append(value)
    return found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gguf", default="")
    parser.add_argument("--tokens", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--transformers-model", default="")
    parser.add_argument("--no-transformers", action="store_true")
    parser.add_argument("--long", action="store_true")
    parser.add_argument("--avx2-transformers", action="store_true")
    parser.add_argument("--transformers-only", default="", help=argparse.SUPPRESS)  # llama.cpp's figures, JSON
    args = parser.parse_args()

    gguf = Path(args.gguf) if args.gguf else None
    if gguf is None:
        from model_backend.core.registry import PACKAGED_MODELS, _package_dir

        gguf = _package_dir(PACKAGED_MODELS[0].package) / PACKAGED_MODELS[0].relative_path
    prompts = [("short", PROMPT)] + ([("long", LONG_PROMPT)] if args.long else [])
    if args.transformers_only:  # the AVX2-only second process
        time_transformers(args, gguf, prompts, json.loads(args.transformers_only))
        return 0
    started = time.monotonic()
    model = LlamaCppChatModel.load(gguf, lambda *a: None, threading.Event())
    print(f"model: {gguf.name} on {model.device.label}: {model.device.reason}")
    print(f"llama_cpp_load_s: {time.monotonic() - started:.2f}")
    llama_speed: dict[str, float] = {}
    ratios: list[float] = []
    try:
        for label, prompt in prompts:
            timed = time_paths(model, prompt, args.tokens, args.repeats)
            speeds, firsts, count = timed["app"], timed["app_first"], timed["count"][-1]
            bare_speeds, bare_firsts, probs_speeds = timed["bare"], timed["bare_first"], timed["probs"]
            size = len(model.preview_prompt((Message("user", prompt),)).tokens)
            print(f"[{label} prompt: {size} tokens, {count} generated]")
            print(f"  app_llama_cpp_tokens_per_s: {median_and_best(speeds)}")
            print(f"  app_llama_cpp_time_to_first_token_s: {median_and_best(firsts, min)}")
            print(f"  bare_binding_tokens_per_s: {median_and_best(bare_speeds)}")
            print(f"  bare_binding_time_to_first_token_s: {median_and_best(bare_firsts, min)}")
            print(f"  bare_binding_with_5_probabilities_tokens_per_s: {median_and_best(probs_speeds)}")
            app = statistics.median(speeds)
            llama_speed[label], llama_speed[f"{label}_first"] = app, statistics.median(firsts)
            if label == "long":
                next_firsts = next_row_first_tokens(model, args.tokens, args.repeats)
                llama_speed["next_row_first"] = statistics.median(next_firsts)
                print(f"  app_llama_cpp_next_row_time_to_first_token_s: {median_and_best(next_firsts, min)}")
            ratios.append(app / statistics.median(probs_speeds))
            print(f"  ratio (app / bare engine with probabilities, tokens/s): {ratios[-1]:.3f}")
            print(f"  ratio (app / bare engine, tokens/s): {app / statistics.median(bare_speeds):.3f}")
    finally:
        model.close()
    print(f"peak_memory_mb (after llama.cpp): {peak_memory_mb():.0f}")
    if not args.no_transformers:
        time_transformers(args, gguf, prompts, llama_speed)
        print(f"peak_memory_mb (after transformers too): {peak_memory_mb():.0f}")
        if args.avx2_transformers:
            print("[transformers held to AVX2, in a second process]", flush=True)
            import subprocess

            subprocess.run([sys.executable, __file__, *sys.argv[1:], "--transformers-only", json.dumps(llama_speed)],
                           env={**os.environ, **AVX2_ONLY}, check=True)
    print(f"cold_start_to_first_text_s (new process, python -m model_backend chat): {cold_start_seconds():.2f}")
    # the app asks llama.cpp for 5 probabilities per token: compare with the binding doing the same work
    print(f"ratio (app / bare engine): {min(ratios):.3f}")
    return 0


def peak_memory_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_transformers(args, gguf: Path, prompts, llama: dict[str, float]) -> None:
    """The same GGUF through the app's transformers path (converted once into the user's cache);
    ``llama``: llama.cpp's figures, to print the speed-ups."""
    import model_backend.chat.llama_cpp_support as support
    from model_backend.chat.chat_types import LoadModelRequest
    from model_backend.core.paths import AppPaths
    from model_backend.engine import Backend

    model_id = args.transformers_model or f"path:{gguf}"
    support.llama_cpp_unavailable_reason = lambda: "timing the transformers path"
    backend = Backend(AppPaths.default())
    started = time.monotonic()
    run_job(backend, LoadModelRequest(model_id=model_id))
    print(f"transformers_load_s: {time.monotonic() - started:.2f} (a first run also converts the GGUF once)")
    import torch

    print(f"torch_cpu_capability: {torch.backends.cpu.get_cpu_capability()}")
    def replies(prompt: str) -> list:
        request = ChatRequest(conversation=(Message("user", prompt),), model_id=model_id,
                              sampling=Sampling(temperature=0.0, max_new_tokens=args.tokens))
        return [run_job(backend, request) for _ in range(args.repeats + 1)][1:]

    for label, prompt in prompts:
        results = replies(prompt)
        speed = statistics.median([r.tokens_per_second for r in results])
        first = statistics.median([r.time_to_first_token for r in results])
        print(f"[{label} prompt, transformers]")
        print(f"  app_transformers_tokens_per_s: {median_and_best([r.tokens_per_second for r in results])}")
        print(f"  app_transformers_time_to_first_token_s: "
              f"{median_and_best([r.time_to_first_token for r in results], min)}")
        print(f"  speedup over transformers ({label} prompt, tokens/s): {llama[label] / speed:.2f}")
        print(f"  speedup over transformers ({label} prompt, time to first token): {first / llama[label + '_first']:.2f}")
        if label == "long":  # transformers keeps nothing between replies: the next row is read whole again
            next_firsts = [r.time_to_first_token for r in replies(NEXT_ROW_PROMPT)]
            print(f"  app_transformers_next_row_time_to_first_token_s: {median_and_best(next_firsts, min)}")
            print(f"  speedup over transformers (next few-shot row, time to first token): "
                  f"{statistics.median(next_firsts) / llama['next_row_first']:.2f}")
        sys.stdout.flush()
    backend.shutdown()


def cold_start_seconds() -> float:
    """A new process, as a student's first command: until the first text of the reply is printed."""
    import subprocess

    root = Path(__file__).resolve().parents[1]
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "model_backend", "chat", "What is the capital of France?",
                                "--system", "You are a helpful assistant.", "--temperature", "0",
                                "--max-new-tokens", "8"], cwd=root, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL)
    first = process.stdout.read(1)
    elapsed = time.monotonic() - started
    process.wait(timeout=300)
    return elapsed if first else float("nan")


if __name__ == "__main__":
    raise SystemExit(main())
