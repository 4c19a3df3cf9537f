"""Chat requests in; what the chat runner streams and returns out. Plain data: it is saved with the conversation."""
from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field

from model_backend.core.jobs import new_job_id


class StopReason(enum.StrEnum):
    """Why a reply ended. Saved with conversations and experiment tables as its value."""

    END_OF_REPLY = "end of reply"
    MAX_NEW_TOKENS = "max new tokens"
    STOP_SEQUENCE = "stop sequence"  # the model wrote one of the request's stop texts
    STOPPED = "stopped"
    CONNECTION_LOST = "connection lost"  # a class server went away mid-reply; what it wrote is kept


@dataclass(frozen=True)
class Message:
    role: str  # "system" | "user" | "assistant"
    content: str


@dataclass(frozen=True)
class Sampling:
    """How the next token is chosen. ``temperature == 0`` means greedy; ``seed=None`` picks one."""

    temperature: float = 0.7
    top_p: float = 0.9
    top_k: int = 50
    max_new_tokens: int = 256
    seed: int | None = None


@dataclass(frozen=True)
class LoadModelRequest:
    model_id: str
    device: str = "auto"
    job_id: str = field(default_factory=new_job_id)


@dataclass(frozen=True)
class ChatRequest:
    """Everything one reply needs, so a job can be saved, replayed and compared."""

    conversation: tuple[Message, ...]
    model_id: str
    sampling: Sampling = Sampling()
    device: str = "auto"
    top_candidates: int = 5
    stop: tuple[str, ...] = ()  # texts that end the reply when the model writes them (left out of the reply)
    # No chat template: the messages' text, joined by blank lines, is tokenised as it is and the model continues
    # it (plain completion). The same model with and without its template is the instruction-tuning lesson.
    raw_continuation: bool = False
    job_id: str = field(default_factory=new_job_id)


@dataclass(frozen=True)
class PromptPreviewRequest:
    """Tokenise a conversation exactly as a reply would see it, without generating anything."""

    conversation: tuple[Message, ...]
    model_id: str
    device: str = "auto"
    raw_continuation: bool = False  # as ChatRequest.raw_continuation: show the un-templated tokens
    job_id: str = field(default_factory=new_job_id)



@dataclass(frozen=True)
class Candidate:
    token_id: int
    text: str  # the token on its own: its text, or its bytes (<0xE6>) when it holds part of a character
    probability: float


@dataclass(frozen=True)
class TokenStep:
    """One generated token: the model's probability for it and the strongest alternatives."""

    index: int
    token_id: int
    text: str
    probability: float
    candidates: tuple[Candidate, ...]
    elapsed: float  # seconds since generation started
    special: bool = False  # end-of-reply and other control tokens: shown in the probability view only
    # The whole characters this token completes in the reply ("" when it only starts a character whose
    # last bytes come with a later token); None in conversations saved before pieces existed.
    piece: str | None = None

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "TokenStep":
        candidates = tuple(Candidate(**c) for c in data.get("candidates", ()))
        return cls(
            index=int(data["index"]),
            token_id=int(data["token_id"]),
            text=str(data["text"]),
            probability=float(data["probability"]),
            candidates=candidates,
            elapsed=float(data.get("elapsed", 0.0)),
            special=bool(data.get("special", False)),
            piece=data["piece"] if isinstance(data.get("piece"), str) else None,
        )


@dataclass(frozen=True)
class PromptToken:
    token_id: int
    text: str  # the token on its own (its bytes when it holds part of a character)
    special: bool = False
    piece: str | None = None  # the whole characters it completes in the prompt (see TokenStep.piece)


@dataclass(frozen=True)
class PromptTokens:
    """Streamed before generation: the exact prompt the model reads, split into tokens."""

    tokens: tuple[PromptToken, ...]
    context_length: int
    trimmed_messages: int
    used_chat_template: bool
    raw_continuation: bool = False  # the text was sent as it is, no template asked for (see ChatRequest)


@dataclass(frozen=True)
class TextChunk:
    text: str


def decoding_speed(steps: tuple[TokenStep, ...] | list[TokenStep], total: float) -> float:
    """Tokens per second while the reply was written: from the first token to the last, as the status bar
    and the benchmarks count it. Reading the prompt is time to first token; what follows the last token
    (the end chunk, filling in withheld tokens' probabilities) is neither."""
    if len(steps) > 1 and steps[-1].elapsed > steps[0].elapsed:
        return (len(steps) - 1) / (steps[-1].elapsed - steps[0].elapsed)
    return len(steps) / total if total > 0 else 0.0


@dataclass(frozen=True)
class ChatResult:
    text: str
    steps: tuple[TokenStep, ...]
    prompt: PromptTokens
    stop_reason: StopReason
    seed: int
    time_to_first_token: float
    tokens_per_second: float
    total_seconds: float
    device: str
    model_name: str
    load_seconds: float = 0.0  # the model was loaded for this reply (0: it was already loaded)
    # prompt tokens the engine did not read again: it held them from an earlier reply (llama.cpp's KV cache)
    prompt_tokens_reused: int = 0

    @property
    def stats(self) -> dict:
        return {
            "stop_reason": self.stop_reason.value,
            "seed": self.seed,
            "tokens": len(self.steps),
            "prompt_tokens": len(self.prompt.tokens),
            "time_to_first_token": round(self.time_to_first_token, 3),
            "tokens_per_second": round(self.tokens_per_second, 2),
            "total_seconds": round(self.total_seconds, 3),
            "device": self.device,
            "model": self.model_name,
            "trimmed_messages": self.prompt.trimmed_messages,
            **({"load_seconds": round(self.load_seconds, 1)} if self.load_seconds else {}),
            **({"prompt_tokens_reused": self.prompt_tokens_reused} if self.prompt_tokens_reused else {}),
        }
