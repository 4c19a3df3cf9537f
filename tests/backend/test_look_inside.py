"""Look inside the chat model (attention, layer by layer, the sampling lab's distribution) on a tiny Llama."""
import numpy as np
import pytest

from model_backend.chat.chat_types import ChatRequest, Message, Sampling
from model_backend.chat.insight_types import (
    AttentionMap,
    AttentionRequest,
    LayerGuesses,
    LogitLensRequest,
    TokenDistribution,
    TokenDistributionRequest,
)
from model_backend.core.errors import ErrorKind
from model_backend.core.jobs import Failed, Result
from model_backend.engine import Backend
from tests.fixtures.jobs import run_job as run


@pytest.fixture
def backend(app_home):
    return Backend(app_home)


def exchange(reply="Paris is the capital."):
    return (Message("system", "You are helpful."), Message("user", "The capital of France?"),
            Message("assistant", reply))


def value(events):
    assert isinstance(events[-1], Result), events[-1]
    return events[-1].value


def test_attention_rows_sum_to_one_and_no_token_looks_ahead(backend, tiny_chat_model_dir):
    result = value(run(backend, AttentionRequest(exchange(), f"path:{tiny_chat_model_dir}")))
    assert isinstance(result, AttentionMap)
    n = len(result.exchange.tokens)
    assert result.attention.shape == (2, 2, n, n) and result.attention.dtype == np.float16
    weights = result.attention.astype(np.float32)
    np.testing.assert_allclose(weights.sum(axis=-1), 1.0, atol=5e-3)
    assert np.all(np.triu(weights, k=1) == 0)  # causal: the upper triangle is exactly zero
    assert np.all(weights[..., 0, 0] > 0.999)  # the first token can only look at itself
    # the reply follows the prompt, and joined pieces are the exchange's text
    text = "".join(t.piece for t in result.exchange.tokens)
    assert text.endswith("Paris is the capital.") and 0 < result.exchange.prompt_length < n


def test_eager_attention_is_for_this_view_only(backend, tiny_chat_model_dir):
    model_id = f"path:{tiny_chat_model_dir}"
    chat = ChatRequest(conversation=exchange()[:2], model_id=model_id, sampling=Sampling(0.0, max_new_tokens=4))
    value(run(backend, chat))
    model = backend.chat_models.loaded.model
    before = model.config._attn_implementation
    value(run(backend, AttentionRequest(exchange(), model_id)))
    assert backend.insight_models.loaded is None, "a transformers chat model shares its weights with the view"
    assert model.config._attn_implementation == before


def test_logit_lens_last_layer_is_the_models_own_distribution(backend, tiny_chat_model_dir):
    import torch

    model_id = f"path:{tiny_chat_model_dir}"
    result = value(run(backend, LogitLensRequest(exchange(), model_id, top_k=5)))
    assert isinstance(result, LayerGuesses)
    assert [g.layer for g in result.layers] == [0, 1, 2]  # embeddings, then after each of the 2 layers
    assert result.position == result.exchange.prompt_length - 1  # guessing the reply's first token
    loaded = backend.insight_models.loaded  # no chat ran: the view loaded its own copy
    from model_backend.chat.look_inside import encode_exchange

    ids, _ = encode_exchange(loaded, exchange())
    with torch.inference_mode():
        logits = loaded.model(input_ids=torch.tensor([ids])).logits[0, result.position]
    own = torch.softmax(logits.float(), dim=-1)
    top = torch.topk(own, 5)
    last = result.layers[-1]
    assert [c.token_id for c in last.candidates] == top.indices.tolist()
    np.testing.assert_allclose([c.probability for c in last.candidates], top.values.numpy(), rtol=1e-4, atol=1e-6)
    assert last.actual.token_id == ids[result.position + 1]
    assert last.actual.probability == pytest.approx(float(own[ids[result.position + 1]]), rel=1e-4)
    for guess in result.layers:
        probabilities = [c.probability for c in guess.candidates]
        assert probabilities == sorted(probabilities, reverse=True) and 0 < sum(probabilities) <= 1.0001


def test_token_distribution_is_what_the_chat_recorded(backend, tiny_chat_model_dir):
    model_id = f"path:{tiny_chat_model_dir}"
    chat = ChatRequest(conversation=exchange()[:2], model_id=model_id,
                       sampling=Sampling(temperature=0.0, max_new_tokens=6), top_candidates=5)
    reply = value(run(backend, chat))
    conversation = exchange()[:2] + (Message("assistant", reply.text),)
    step = 2
    reply_ids = tuple(s.token_id for s in reply.steps)
    result = value(run(backend, TokenDistributionRequest(conversation, model_id, reply_ids=reply_ids, step=step,
                                                         top_n=50)))
    assert isinstance(result, TokenDistribution) and len(result.candidates) == 50
    recorded = reply.steps[step]
    assert [c.token_id for c in result.candidates[:5]] == [c.token_id for c in recorded.candidates]
    np.testing.assert_allclose([c.probability for c in result.candidates[:5]],
                               [c.probability for c in recorded.candidates], rtol=1e-3, atol=1e-6)
    assert result.chosen_id == recorded.token_id and 0 < result.covered <= 1.0001


def test_logit_lens_at_a_reply_step_guesses_that_token(backend, tiny_chat_model_dir):
    result = value(run(backend, LogitLensRequest(exchange(), f"path:{tiny_chat_model_dir}", step=3)))
    assert result.position == result.exchange.prompt_length + 2
    assert result.layers[-1].actual.token_id == result.exchange.tokens[result.position + 1].token_id


def test_positions_outside_the_exchange_and_empty_exchanges_are_refused(backend, tiny_chat_model_dir):
    model_id = f"path:{tiny_chat_model_dir}"
    failed = run(backend, LogitLensRequest(exchange(), model_id, position=10_000))[-1]
    assert isinstance(failed, Failed) and failed.kind is ErrorKind.INVALID_INPUT
    failed = run(backend, AttentionRequest((Message("system", "Be brief."),), model_id))[-1]
    assert isinstance(failed, Failed) and failed.kind is ErrorKind.EMPTY_PROMPT


def test_long_exchanges_keep_their_newest_tokens(backend, tiny_chat_model_dir):
    from model_backend.chat.insight_types import MAX_INSIGHT_TOKENS

    long_reply = "Paris is the capital. " * 200
    result = value(run(backend, AttentionRequest(exchange(long_reply), f"path:{tiny_chat_model_dir}")))
    n = len(result.exchange.tokens)
    assert n == min(MAX_INSIGHT_TOKENS, 256) and result.exchange.trimmed > 0
    assert result.exchange.prompt_length == 0  # the whole window is reply
