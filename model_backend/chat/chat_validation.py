"""What a chat request may hold, checked before any model is loaded (chat tab and prompt lab cells alike).

The ranges are the chat form's spin boxes (desktop_app/chat/sampling_panel.py); the prompt lab's form
allows a subset of them.
"""
from __future__ import annotations

from model_backend.chat.chat_types import ChatRequest, Sampling
from model_backend.core.errors import BackendError, ErrorKind
from model_backend.core.messages import Message, msg
from model_backend.core.validation import (
    invalid,
    require_clean_text,
    require_device,
    require_finite_range,
    require_int_range,
    require_model_chosen,
    require_seed,
    require_text_length,
)

ROLES = ("system", "user", "assistant")
MAX_TEMPERATURE = 2.0
MAX_TOP_K = 1000
MAX_NEW_TOKENS = 8192
MAX_TOP_CANDIDATES = 20
MAX_MESSAGE_CHARS = 100_000  # about 25,000 tokens: more than the context of any model the app runs
MAX_STOP_TEXTS = 8
MAX_STOP_CHARS = 200


def validate_sampling(sampling: Sampling) -> None:
    require_finite_range(msg("Temperature"), sampling.temperature, 0.0, MAX_TEMPERATURE,
                         hint=msg("0 always takes the most likely token; 1 samples the model's own probabilities."))
    require_finite_range(msg("Top-p"), sampling.top_p, 0.0, 1.0, low_open=True,
                         hint=msg("1 keeps every token; 0.9 keeps the most likely tokens that add up to 90 %."))
    require_int_range(msg("Top-k"), sampling.top_k, 0, MAX_TOP_K, hint=msg("0 means no limit."))
    require_int_range(msg("Max new tokens"), sampling.max_new_tokens, 1, MAX_NEW_TOKENS,
                      hint=msg("The reply needs room for at least one token."))
    require_seed(sampling.seed)


def _message_name(index: int, role: str, last: bool) -> Message:
    if role == "system":
        return msg("The system prompt")
    return msg("Your message") if last else msg("Message {number} of the conversation", number=index + 1)


def validate_chat_request(request: ChatRequest) -> None:
    if not request.conversation or request.conversation[-1].role != "user":
        raise BackendError(ErrorKind.EMPTY_PROMPT, msg("There is no message to answer: type a message first."))
    last = len(request.conversation) - 1
    for index, message in enumerate(request.conversation):
        if message.role not in ROLES:
            raise invalid(msg("Message {number} has the role '{role}'; a conversation holds only system, user and "
                              "assistant messages.", number=index + 1, role=message.role))
        # What a person typed must be clean text; what the model wrote earlier is kept as it wrote it
        # (a small model can emit control characters), so a reply never makes its conversation unusable.
        check = require_text_length if message.role == "assistant" else require_clean_text
        check(_message_name(index, message.role, index == last), message.content, MAX_MESSAGE_CHARS,
              hint=msg("No model the app runs can read that much at once: shorten it."))
    if not request.conversation[-1].content.strip():
        raise BackendError(ErrorKind.EMPTY_PROMPT, msg("The message is empty: type something to send."))
    validate_sampling(request.sampling)
    require_int_range(msg("The number of candidate tokens shown"), request.top_candidates, 0, MAX_TOP_CANDIDATES)
    if len(request.stop) > MAX_STOP_TEXTS:
        raise invalid(msg("At most {limit} stop texts can end a reply; this request has {count}.", limit=MAX_STOP_TEXTS,
                          count=len(request.stop)))
    for number, text in enumerate(request.stop, start=1):
        if not isinstance(text, str) or not text.strip():
            raise invalid(msg("Stop text {number} is empty: a reply would end before it starts.", number=number))
        require_clean_text(msg("Stop text {number}", number=number), text, MAX_STOP_CHARS)
    require_model_chosen(request.model_id)
    require_device(request.device)
