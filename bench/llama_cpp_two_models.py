"""Two llama.cpp models in one process (a chat model and a shared class server): decoding speed of one of
them alone and with the other loaded, through the app's engine module and through the bare binding.

    .venv/bin/python bench/llama_cpp_two_models.py [--gguf FILE] [--tokens 64] [--repeats 3]

Each path runs in its own process, because GNU OpenMP reads its settings once, as llama.cpp's library
loads: the app sets them first (``llama_cpp_support.OPENMP_SETTINGS``), the bare binding keeps OpenMP's
defaults. The last line is ``ratio (app / bare binding, two models loaded): X``.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402,F401  (puts the project on sys.path)

PROMPT = "Explain in a few sentences how a language model writes a reply, one token at a time."


def bare_server(gguf: str):
    import xllamacpp

    params = xllamacpp.CommonParams()
    params.model.path, params.n_parallel, params.n_ctx, params.verbosity = gguf, 1, 2048, -1
    return xllamacpp.Server(params)


def bare_speed(server, tokens: int, run: int) -> float:
    stamps: list[float] = []
    server.handle_completions({"prompt": f"({run}) {PROMPT}", "max_tokens": tokens, "stream": True,
                               "temperature": 0.0, "ignore_eos": True, "cache_prompt": False,
                               "logprobs": 5},  # the app asks 5 probabilities per token: the same work
                              lambda chunk: stamps.append(time.monotonic()) and False)
    decoded = stamps[:-1]  # the last chunk carries only the finish reason
    return (len(decoded) - 1) / (decoded[-1] - decoded[0])


def app_model(gguf: str):
    from model_backend.chat.llama_cpp_engine import LlamaCppChatModel

    return LlamaCppChatModel.load(Path(gguf), lambda *a: None, threading.Event())


def app_speed(model, tokens: int, run: int) -> float:
    from model_backend.chat.chat_types import ChatRequest, Message, Sampling

    request = ChatRequest(conversation=(Message("user", f"({run}) {PROMPT}"),), model_id="bench",
                          sampling=Sampling(temperature=0.0, max_new_tokens=tokens))
    return model.run_chat(request, lambda event: None, threading.Event()).tokens_per_second


def child(path: str, gguf: str, tokens: int, repeats: int) -> dict:
    """In this process: one model alone, then with a second one loaded (idle, as a class server between
    requests), medians of ``repeats`` replies each."""
    load, speed = (app_model, app_speed) if path == "app" else (bare_server, bare_speed)
    first = load(gguf)
    speed(first, tokens, -1)  # warm-up
    alone = statistics.median(speed(first, tokens, run) for run in range(repeats))
    second = load(gguf)
    speed(second, tokens, -2)
    together = statistics.median(speed(first, tokens, run) for run in range(repeats, 2 * repeats))
    return {"alone": alone, "together": together, "omp": os.environ.get("OMP_WAIT_POLICY", "(default)")}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gguf", default="")
    parser.add_argument("--tokens", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--child", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    gguf = args.gguf
    if not gguf:
        from model_backend.core.registry import PACKAGED_MODELS, _package_dir

        gguf = str(_package_dir(PACKAGED_MODELS[0].package) / PACKAGED_MODELS[0].relative_path)
    if args.child:
        if args.child == "app":
            from model_backend.chat.llama_cpp_support import llama_cpp_unavailable_reason

            assert not llama_cpp_unavailable_reason()  # the app's gate: CPU check, OpenMP settings, import
        print(json.dumps(child(args.child, gguf, args.tokens, args.repeats)))
        return 0
    print(f"model: {Path(gguf).name}, {args.tokens} tokens, median of {args.repeats}")
    found = {}
    for path in ("bare", "app"):
        env = {k: v for k, v in os.environ.items() if k not in ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT")}
        out = subprocess.run([sys.executable, __file__, "--child", path, "--gguf", gguf, "--tokens", str(args.tokens),
                              "--repeats", str(args.repeats)], env=env, capture_output=True, text=True, check=True)
        found[path] = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{path}: OpenMP wait policy {found[path]['omp']}")
        print(f"  {path}_tokens_per_s_alone: {found[path]['alone']:.1f}")
        print(f"  {path}_tokens_per_s_with_a_second_model_loaded: {found[path]['together']:.1f}")
    print(f"ratio (app / bare binding, one model): {found['app']['alone'] / found['bare']['alone']:.2f}")
    print(f"ratio (app / bare binding, two models loaded): {found['app']['together'] / found['bare']['together']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
