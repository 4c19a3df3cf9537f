"""llama.cpp keeps earlier prompts in RAM (``cache_ram``): going back to an earlier long chat after another
one starts at once instead of reading the whole chat again; the cache's size follows the free memory."""
from __future__ import annotations

import threading

import pytest

from model_backend.chat.chat_types import ChatRequest, Message, Sampling
from model_backend.chat.llama_cpp_support import prompt_cache_mib

STORY = " ".join(f"Sentence {n} of the story says that the cat met the dog again." for n in range(60))
TABLE = "\n".join(f"Question: what is {n} plus {n + 3}?\nAnswer: {2 * n + 3}" for n in range(60))


def test_the_cache_takes_a_sixteenth_of_the_free_memory_within_bounds():
    assert prompt_cache_mib(8 * 2**30) == 512
    assert prompt_cache_mib(4 * 2**30) == 256
    assert prompt_cache_mib(512 * 2**20) == 64 and prompt_cache_mib(0) == 64
    assert 64 <= prompt_cache_mib() <= 512


def reply(model, *messages):
    request = ChatRequest(conversation=tuple(Message(*m) for m in messages), model_id="path:smollm2",
                          sampling=Sampling(temperature=0.0, max_new_tokens=4))
    return model.run_chat(request, lambda event: None, threading.Event())


@pytest.mark.slow
def test_an_earlier_long_chat_comes_back_without_being_read_again(smollm2_gguf):
    from model_backend.chat.llama_cpp_engine import LlamaCppChatModel

    model = LlamaCppChatModel.load(smollm2_gguf, lambda *a: None, threading.Event(), name="SmolLM2")
    try:
        story = ("user", f"{STORY}\nWho met again?")
        cold = reply(model, story)  # ~800 tokens read
        assert cold.prompt_tokens_reused < 40  # at most the template's default system prompt
        other = reply(model, ("user", f"{TABLE}\nQuestion: what is 40 plus 2?\nAnswer:"))  # another chat
        assert other.prompt_tokens_reused < 40
        back = reply(model, story, ("assistant", "The cat and the dog."), ("user", "Where?"))
        # the story came back from RAM: only the new turn was read (the engine counts what it reused)
        assert back.prompt_tokens_reused >= len(cold.prompt.tokens) - 8
        assert back.stats["prompt_tokens_reused"] == back.prompt_tokens_reused
        assert back.time_to_first_token < cold.time_to_first_token / 2, (back.time_to_first_token, cold.time_to_first_token)
    finally:
        model.close()
