"""The sampling lab's reshaping matches transformers' warpers, and seeded samples repeat."""
import numpy as np
import pytest

from model_backend.chat.sampling_lab import kept, reshape, sample

DISTRIBUTION = np.array([0.40, 0.25, 0.15, 0.10, 0.05, 0.03, 0.02])


@pytest.mark.parametrize("temperature,top_k,top_p", [(1.0, 0, 1.0), (0.7, 3, 1.0), (1.5, 0, 0.8), (0.5, 4, 0.6),
                                                     (2.0, 50, 0.95), (1.0, 1, 1.0)])
def test_sums_to_one_and_matches_transformers(temperature, top_k, top_p):
    import torch
    from transformers import LogitsProcessorList, TemperatureLogitsWarper, TopKLogitsWarper, TopPLogitsWarper

    shaped = reshape(DISTRIBUTION, temperature, top_k, top_p)
    assert shaped.sum() == pytest.approx(1.0)
    warpers = LogitsProcessorList([TemperatureLogitsWarper(temperature)])
    if top_k:
        warpers.append(TopKLogitsWarper(top_k))
    if top_p < 1.0:
        warpers.append(TopPLogitsWarper(top_p))
    scores = torch.log(torch.from_numpy(DISTRIBUTION[None, :].copy()))
    expected = torch.softmax(warpers(torch.zeros((1, 1), dtype=torch.long), scores), dim=-1)[0].numpy()
    np.testing.assert_allclose(shaped, expected, atol=1e-9)


def test_temperature_zero_is_argmax_and_low_temperature_approaches_it():
    assert reshape(DISTRIBUTION, 0.0).tolist() == [1.0, 0, 0, 0, 0, 0, 0]
    assert reshape(DISTRIBUTION, 0.05)[0] > 0.9999
    hot = reshape(DISTRIBUTION, 5.0)
    assert hot.max() - hot.min() < DISTRIBUTION.max() - DISTRIBUTION.min()  # hotter is flatter


def test_top_k_keeps_k_tokens():
    for k in (1, 2, 5):
        shaped = reshape(DISTRIBUTION, 1.0, top_k=k)
        assert kept(shaped) == k and np.all(shaped[:k] > 0)
        np.testing.assert_allclose(shaped[:k], DISTRIBUTION[:k] / DISTRIBUTION[:k].sum())


def test_top_p_keeps_the_smallest_set_reaching_p():
    # cumulative: 0.40, 0.65, 0.80, 0.90, 0.95 …
    assert kept(reshape(DISTRIBUTION, 1.0, top_p=0.6)) == 2
    assert kept(reshape(DISTRIBUTION, 1.0, top_p=0.66)) == 3
    assert kept(reshape(DISTRIBUTION, 1.0, top_p=0.79)) == 3
    assert kept(reshape(DISTRIBUTION, 1.0, top_p=0.81)) == 4
    assert kept(reshape(DISTRIBUTION, 1.0, top_p=0.1)) == 1  # the likeliest token always stays


def test_same_seed_same_samples():
    shaped = reshape(DISTRIBUTION, 1.0)
    first, again, other = sample(shaped, 20, seed=7), sample(shaped, 20, seed=7), sample(shaped, 20, seed=8)
    assert first.tolist() == again.tolist() and first.tolist() != other.tolist()
    assert len(first) == 20 and set(sample(reshape(DISTRIBUTION, 1.0, top_k=2), 200, 1).tolist()) == {0, 1}


def test_bad_distributions_are_refused():
    for bad in ([], [0.0, 0.0], [0.5, -0.1], [np.nan, 1.0]):
        with pytest.raises(ValueError):
            reshape(bad, 1.0)
