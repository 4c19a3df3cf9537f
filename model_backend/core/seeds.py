"""The random-seed rule, once for every wing: no seed means a fresh random one, always reported back.

Reporting the seed that was actually used is what makes any result reproducible: a student can type
it into the seed box and get the same reply, picture or voice again.
"""
from __future__ import annotations

import random

SEED_LIMIT = 2**31  # every engine (torch, numpy, llama.cpp) accepts seeds below this


def resolve_seed(seed: int | None) -> int:
    return int(seed) if seed is not None else random.randrange(SEED_LIMIT)
