"""Chat speed: the app's backend against a bare ``model.generate`` call, same model, same run (a GGUF
model runs on llama.cpp: then bench/llama_cpp_speed.py times it against the bare binding).

    .venv/bin/python bench/chat_speed.py [--model MODEL_ID] [--tokens 64] [--repeats 3]

Both paths decode greedily from the same prompt and produce the same tokens, so the ratio shows
what the app's streaming, probability recording and cancel checks cost.
"""
from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import run_job  # noqa: E402  (also puts the project on sys.path)

from model_backend.chat.chat_types import ChatRequest, LoadModelRequest, Message
from model_backend.core.jobs import Sampling  # noqa: E402
from model_backend.core.model_inspection import ModelKind  # noqa: E402
from model_backend.core.paths import AppPaths  # noqa: E402
from model_backend.core.registry import ModelRegistry  # noqa: E402
from model_backend.engine import Backend  # noqa: E402

PROMPT = "Explain in a few sentences how a language model writes a reply, one token at a time."


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="")
    parser.add_argument("--tokens", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--device", default="auto")
    args = parser.parse_args()

    paths = AppPaths.default()
    registry = ModelRegistry(paths)
    model_id = args.model or registry.models(ModelKind.CHAT)[0].model_id
    loaded_path = registry.resolve(model_id).path
    backend = Backend(paths, registry)
    run_job(backend, LoadModelRequest(model_id=model_id, device=args.device))
    loaded = backend.chat_models.loaded
    if not loaded.engine.uses_torch:  # a GGUF file on llama.cpp: its bare library is the binding, not generate()
        backend.shutdown()
        print("this model runs on llama.cpp: timing it against the bare binding (bench/llama_cpp_speed.py)",
              file=sys.stderr)
        import llama_cpp_speed

        sys.argv = [sys.argv[0], "--gguf", str(loaded_path), "--tokens", str(args.tokens),
                    "--repeats", str(args.repeats)]
        return llama_cpp_speed.main()

    import torch

    request = ChatRequest(conversation=(Message("user", PROMPT),), model_id=model_id, device=args.device,
                          sampling=Sampling(temperature=0.0, max_new_tokens=args.tokens))
    ids = loaded.tokenizer.apply_chat_template([{"role": "user", "content": PROMPT}], add_generation_prompt=True,
                                               tokenize=True, return_dict=True)["input_ids"]
    input_ids = torch.tensor([list(ids)], device=loaded.model.device)

    def bare(max_new_tokens: int) -> tuple[float, int]:
        started = time.perf_counter()
        with torch.inference_mode():
            output = loaded.model.generate(input_ids=input_ids, attention_mask=torch.ones_like(input_ids),
                                           max_new_tokens=max_new_tokens, do_sample=False,
                                           pad_token_id=loaded.tokenizer.eos_token_id)
        return time.perf_counter() - started, output.shape[1] - input_ids.shape[1]

    run_job(backend, request)  # warm-up
    bare(4)
    app_speeds, app_first, bare_speeds, bare_first = [], [], [], []
    generated = 0
    for _ in range(args.repeats):
        started = time.perf_counter()
        result = run_job(backend, request)
        elapsed = time.perf_counter() - started
        generated = len(result.steps)
        app_speeds.append(generated / elapsed)
        app_first.append(result.time_to_first_token)
        seconds, count = bare(generated)
        bare_speeds.append(count / seconds)
        bare_first.append(bare(1)[0])

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if loaded.device.device == "cuda":
        peak_mb_gpu = torch.cuda.max_memory_allocated() / 1e6
        print(f"peak_gpu_memory_mb: {peak_mb_gpu:.0f}")
    app, plain = statistics.median(app_speeds), statistics.median(bare_speeds)
    print(f"model: {loaded.entry.name} on {loaded.device.label}")
    print(f"generated_tokens: {generated}")
    print(f"app_backend_tokens_per_s: {app:.2f}")
    print(f"bare_generate_tokens_per_s: {plain:.2f}")
    print(f"app_time_to_first_token_s: {statistics.median(app_first):.3f}")
    print(f"bare_time_to_first_token_s: {statistics.median(bare_first):.3f}")
    print(f"peak_process_memory_mb: {peak_mb:.0f}")
    print(f"ratio (app backend / bare library, tokens/s): {app / plain:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
