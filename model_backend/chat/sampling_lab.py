"""The sampling lab's arithmetic: how temperature, top-k and top-p reshape a next-token distribution.

Pure numpy, no model and no Qt, so the sliders re-shape the bars live and the tests compare it with
transformers' own warpers. The order and the rules are transformers' (``TemperatureLogitsWarper``, then
``TopKLogitsWarper``, then ``TopPLogitsWarper``, each keeping at least one token): temperature divides
the log-probabilities; top-k keeps the k likeliest (ties with the k-th included); top-p keeps the
smallest set of likeliest tokens whose probabilities reach p. Temperature 0 means greedy: the likeliest
token always. ``sample`` then draws from the result with a seeded generator, so the same seed gives the
same draws in every run.
"""
from __future__ import annotations

import numpy as np


def reshape(probabilities, temperature: float, top_k: int = 0, top_p: float = 1.0) -> np.ndarray:
    """The distribution sampling draws from: ``probabilities`` (any non-negative weights; renormalised)
    after temperature, top-k (0: off) and top-p (1: off). Sums to 1."""
    p = np.asarray(probabilities, dtype=np.float64)
    if p.ndim != 1 or p.size == 0 or not np.all(np.isfinite(p)) or np.any(p < 0) or p.sum() <= 0:
        raise ValueError("probabilities must be a non-empty vector of non-negative numbers with a positive sum")
    if temperature <= 0:
        greedy = np.zeros_like(p)
        greedy[int(np.argmax(p))] = 1.0
        return greedy
    with np.errstate(divide="ignore"):
        scores = np.log(p / p.sum()) / temperature
    if top_k and top_k > 0:
        k = min(int(top_k), scores.size)
        kth = np.sort(scores)[::-1][k - 1]
        scores = np.where(scores < kth, -np.inf, scores)
    if top_p < 1.0:
        order = np.argsort(scores, kind="stable")  # ascending, as transformers sorts
        ascending = _softmax(scores[order])
        remove = np.cumsum(ascending) <= (1.0 - top_p)
        remove[-1] = False  # the likeliest token always stays
        scores = scores.copy()
        scores[order[remove]] = -np.inf
    return _softmax(scores)


def _softmax(scores: np.ndarray) -> np.ndarray:
    finite = scores[np.isfinite(scores)]
    shifted = np.exp(scores - (finite.max() if finite.size else 0.0))
    shifted[~np.isfinite(scores)] = 0.0
    return shifted / shifted.sum()


def sample(distribution, n: int, seed: int) -> np.ndarray:
    """``n`` token indices drawn from ``distribution`` (with replacement), the same for the same seed."""
    p = np.asarray(distribution, dtype=np.float64)
    rng = np.random.default_rng(seed)
    return rng.choice(p.size, size=int(n), p=p / p.sum())


def kept(distribution) -> int:
    """How many tokens can still come out."""
    return int(np.count_nonzero(np.asarray(distribution) > 0))
