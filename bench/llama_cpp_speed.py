"""Chat speed on llama.cpp: the engine module against the bare binding, and the app's transformers path.

    .venv/bin/python bench/llama_cpp_speed.py [--gguf FILE] [--tokens 64] [--repeats 5]
                                              [--transformers-model MODEL_ID] [--long]

Greedy, same prompt on every path; each figure is the median of the repeats (the best in brackets: on a
shared machine the best is closer to what the hardware does). ``--transformers-model`` takes a model id
of the app (``path:/folder/of/a/converted/model`` or ``package:…``) and times it through the app's backend
as bench/chat_speed.py does. ``--long`` adds a ~1,800-token few-shot prompt.
"""
from __future__ import annotations

import argparse
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
LONG_PROMPT = "\n".join(f"Question: what is {n} plus {n + 3}?\nAnswer: {2 * n + 3}" for n in range(120)) + \
    "\nQuestion: what is 40 plus 2?\nAnswer:"


def median_and_best(values: list[float], best=max) -> str:
    return f"{statistics.median(values):.3f} (best {best(values):.3f})"


def time_engine(model: LlamaCppChatModel, prompt: str, tokens: int, repeats: int) -> tuple[list, list, int]:
    speeds, firsts, count = [], [], 0
    for run in range(repeats + 1):
        # a different first word each run: the prompt cache cannot skip the prompt, so it is read every time
        request = ChatRequest(conversation=(Message("user", f"({run}) {prompt}"),), model_id="bench",
                              sampling=Sampling(temperature=0.0, max_new_tokens=tokens))
        result = model.run_chat(request, lambda event: None, threading.Event())
        speeds.append(result.tokens_per_second)
        firsts.append(result.time_to_first_token)
        count = len(result.steps)
    return speeds[1:], firsts[1:], count  # the first run warms up


def time_bare(model: LlamaCppChatModel, prompt: str, tokens: int, repeats: int, probabilities: int = 0):
    """The binding alone: the same token ids, streamed, nothing done per token beyond the callback;
    ``probabilities``: how many candidates llama.cpp reports per token (the app asks 5)."""
    ids = model.tokenizer.apply_chat_template([{"role": "user", "content": prompt}])["input_ids"]
    speeds, firsts = [], []
    for _ in range(repeats + 1):
        stamps: list[float] = []
        started = time.monotonic()
        body = {"prompt": ids, "stream": True, "max_tokens": tokens, "temperature": 0.0, "cache_prompt": False}
        if probabilities:
            body["logprobs"] = probabilities
        model._server.handle_completions(body, lambda chunk: stamps.append(time.monotonic()) and False)
        tokens_at = stamps[:-1]  # the last chunk carries only the finish reason
        firsts.append(tokens_at[0] - started)
        speeds.append((len(tokens_at) - 1) / (tokens_at[-1] - tokens_at[0]))
    return speeds[1:], firsts[1:]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gguf", default="")
    parser.add_argument("--tokens", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--transformers-model", default="")
    parser.add_argument("--long", action="store_true")
    args = parser.parse_args()

    gguf = Path(args.gguf) if args.gguf else None
    if gguf is None:
        from model_backend.core.registry import PACKAGED_MODELS, _package_dir

        gguf = _package_dir(PACKAGED_MODELS[0].package) / PACKAGED_MODELS[0].relative_path
    started = time.monotonic()
    model = LlamaCppChatModel.load(gguf, lambda *a: None, threading.Event())
    print(f"model: {gguf.name} on {model.device.label}: {model.device.reason}")
    print(f"llama_cpp_load_s: {time.monotonic() - started:.2f}")
    prompts = [("short", PROMPT)] + ([("long", LONG_PROMPT)] if args.long else [])
    try:
        for label, prompt in prompts:
            speeds, firsts, count = time_engine(model, prompt, args.tokens, args.repeats)
            bare_speeds, bare_firsts = time_bare(model, prompt, args.tokens, args.repeats)
            probs_speeds, _ = time_bare(model, prompt, args.tokens, args.repeats, probabilities=5)
            size = len(model.preview_prompt((Message("user", prompt),)).tokens)
            print(f"[{label} prompt: {size} tokens, {count} generated]")
            print(f"  app_llama_cpp_tokens_per_s: {median_and_best(speeds)}")
            print(f"  app_llama_cpp_time_to_first_token_s: {median_and_best(firsts, min)}")
            print(f"  bare_binding_tokens_per_s: {median_and_best(bare_speeds)}")
            print(f"  bare_binding_time_to_first_token_s: {median_and_best(bare_firsts, min)}")
            print(f"  bare_binding_with_5_probabilities_tokens_per_s: {median_and_best(probs_speeds)}")
            app = statistics.median(speeds)
            print(f"  ratio (app / bare engine with probabilities, tokens/s): {app / statistics.median(probs_speeds):.3f}")
            print(f"  ratio (app / bare engine, tokens/s): {app / statistics.median(bare_speeds):.3f}")
    finally:
        model.close()
    if args.transformers_model:
        from model_backend.chat.chat_types import LoadModelRequest
        from model_backend.core.paths import AppPaths
        from model_backend.engine import Backend

        backend = Backend(AppPaths.default())
        started = time.monotonic()
        run_job(backend, LoadModelRequest(model_id=args.transformers_model))
        print(f"transformers_load_s: {time.monotonic() - started:.2f}")
        for label, prompt in prompts:
            request = ChatRequest(conversation=(Message("user", prompt),), model_id=args.transformers_model,
                                  sampling=Sampling(temperature=0.0, max_new_tokens=args.tokens))
            results = [run_job(backend, request) for _ in range(args.repeats + 1)][1:]
            print(f"[{label} prompt, transformers]")
            print(f"  app_transformers_tokens_per_s: {median_and_best([r.tokens_per_second for r in results])}")
            print(f"  app_transformers_time_to_first_token_s: "
                  f"{median_and_best([r.time_to_first_token for r in results], min)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
