"""Whole characters from tokens: no view may show half a kanji or half an emoji as "�"."""
from __future__ import annotations

import pytest

from model_backend.chat.chat_types import ChatRequest, ChatResult, Message, PromptTokens, Sampling, TokenStep
from model_backend.chat.token_pieces import REPLACEMENT, WholeCharacters, label_for_bytes, pieces_of, token_label
from model_backend.core.jobs import Partial
from model_backend.engine import Backend
from tests.fixtures.jobs import run_job as run
from tests.fixtures.tiny_models import build_tokenizer

TEXTS = ["東京は日本の首都です。", "😀🎉 emoji", "café, naïve, Zürich", "<|im_start|>user\n日本語😀<|im_end|>"]


@pytest.fixture(scope="module")
def tokenizer():
    return build_tokenizer()  # byte-level BPE, like SmolLM2's: a kanji or emoji can take several tokens


@pytest.mark.parametrize("text", TEXTS)
def test_pieces_join_into_the_text_and_none_is_broken(tokenizer, text):
    ids = tokenizer.encode(text)
    pieces = pieces_of(tokenizer, ids)
    assert "".join(pieces) == text
    assert all(REPLACEMENT not in piece for piece in pieces)
    labels = [token_label(tokenizer, i) for i in ids]
    assert all(REPLACEMENT not in label for label in labels)


def test_a_split_character_is_shown_once_by_the_token_that_completes_it(tokenizer):
    ids = tokenizer.encode("😀")
    assert len(ids) > 1  # the emoji's four bytes are several tokens here
    assert pieces_of(tokenizer, ids) == [""] * (len(ids) - 1) + ["😀"]
    assert "".join(token_label(tokenizer, i) for i in ids) == "<0xF0><0x9F><0x98><0x80>"


def test_a_label_keeps_the_whole_characters_and_writes_only_the_rest_as_bytes():
    assert label_for_bytes(b" \xf0\x9f\x98") == " <0xF0><0x9F><0x98>"
    assert label_for_bytes("日".encode()) == "日" and label_for_bytes(b"\x80") == "<0x80>"


def test_bytes_that_never_make_a_character_show_as_bytes(tokenizer):
    whole = WholeCharacters(tokenizer)
    lead = tokenizer.encode("é")[0]  # 0xC3 alone, then an "a": not UTF-8
    assert whole.add(lead) == ""
    assert whole.add(tokenizer.encode("a")[0]) == "<0xC3>a"


def test_japanese_streams_through_the_real_runner_without_broken_characters(app_home, tiny_chat_model_dir):
    request = ChatRequest(conversation=(Message("user", "日本の首都はどこですか？😀"),),
                          model_id=f"path:{tiny_chat_model_dir}", sampling=Sampling(temperature=1.0, seed=3,
                                                                                   max_new_tokens=60))
    events = run(Backend(app_home), request)
    prompt = next(e.payload for e in events if isinstance(e, Partial) and isinstance(e.payload, PromptTokens))
    assert "".join(t.piece for t in prompt.tokens).count("日本の首都はどこですか？😀") == 1
    steps = [e.payload for e in events if isinstance(e, Partial) and isinstance(e.payload, TokenStep)]
    reply: ChatResult = events[-1].value
    for token in [*prompt.tokens, *steps, *(c for s in steps for c in s.candidates)]:
        assert REPLACEMENT not in token.text
    assert all(REPLACEMENT not in (s.piece or "") for s in steps)
    assert TokenStep.from_json(reply.steps[0].to_json()) == reply.steps[0]  # pieces are saved
