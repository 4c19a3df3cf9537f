"""Requests and results of the "look inside" views: attention, layer by layer, and the sampling lab.

Each request names an *exchange*: the conversation up to and including the reply the student looks at.
It is tokenised exactly as a reply's prompt is (the model's chat template), with the reply's text after
it, so the tokens on screen are the ones the model read and wrote. Results are plain data (numpy arrays
and tuples), so the UI can paint them without asking the backend anything.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from model_backend.chat.chat_types import Candidate, Message, PromptToken
from model_backend.core.jobs import new_job_id

# Attention maps grow with the square of the tokens; past this, the oldest tokens are left out (and said so).
MAX_INSIGHT_TOKENS = 384


@dataclass(frozen=True)
class AttentionRequest:
    """Run the exchange once with eager attention and return every layer's and head's attention weights."""

    conversation: tuple[Message, ...]  # ends with the assistant reply the student looks at (or a user message)
    model_id: str
    reply_ids: tuple[int, ...] = ()  # the reply's own token ids (TokenStep.token_id); else its text is re-tokenised
    device: str = "auto"
    job_id: str = field(default_factory=new_job_id)


@dataclass(frozen=True)
class LogitLensRequest:
    """The top next-token guesses after every layer, at one position of the exchange ("logit lens")."""

    conversation: tuple[Message, ...]
    model_id: str
    reply_ids: tuple[int, ...] = ()
    position: int | None = None  # the token whose next one is guessed; None: the last token of the prompt
    step: int | None = None  # instead of a position: the reply's token k, guessed from the token before it
    top_k: int = 5
    device: str = "auto"
    job_id: str = field(default_factory=new_job_id)


@dataclass(frozen=True)
class TokenDistributionRequest:
    """The model's own next-token distribution (its top ``top_n``) before the reply's token ``step``."""

    conversation: tuple[Message, ...]  # ends with the assistant reply
    model_id: str
    reply_ids: tuple[int, ...] = ()
    step: int = 0  # index of the reply's token whose choice is examined
    top_n: int = 50
    device: str = "auto"
    job_id: str = field(default_factory=new_job_id)


@dataclass(frozen=True)
class Exchange:
    """The tokens of an exchange as the views show them (labels and whole-character pieces)."""

    tokens: tuple[PromptToken, ...]
    prompt_length: int  # tokens before the reply; the reply's token k is at prompt_length + k
    trimmed: int = 0  # oldest tokens left out to stay under MAX_INSIGHT_TOKENS


@dataclass(frozen=True)
class AttentionMap:
    exchange: Exchange
    # [layers, heads, n, n], float16: row i is how token i spreads its attention over tokens 0..i
    attention: Any
    seconds: float  # the forward pass alone, for the performance figures

    @property
    def layers(self) -> int:
        return int(self.attention.shape[0])

    @property
    def heads(self) -> int:
        return int(self.attention.shape[1])


@dataclass(frozen=True)
class LayerGuess:
    layer: int  # 0: the token embeddings, before any layer; k: after layer k
    candidates: tuple[Candidate, ...]  # strongest first
    actual: Candidate | None = None  # the token that really came next, with this layer's probability for it


@dataclass(frozen=True)
class LayerGuesses:
    exchange: Exchange
    position: int
    layers: tuple[LayerGuess, ...]
    seconds: float


@dataclass(frozen=True)
class TokenDistribution:
    exchange: Exchange
    step: int
    position: int  # the token read last before the choice
    candidates: tuple[Candidate, ...]  # the model's own probabilities, strongest first
    chosen_id: int | None  # the token the reply has at this step (None past the reply's end)

    @property
    def covered(self) -> float:
        """How much of the whole distribution the listed candidates hold."""
        return float(sum(c.probability for c in self.candidates))
