"""Checks shared by every wing's ``validate_*`` function: numbers in range, seeds, choices, clean text.

Each check raises ``BackendError(INVALID_INPUT)`` with one sentence a student can act on, naming the
setting the way the app's forms do ("Temperature", "Steps"), so a wing's validate function is a short
list of calls. The ranges match the spin boxes of the forms; requests built elsewhere (a saved
experiment, a script, a test) get the same limits and the same sentences.
"""
from __future__ import annotations

import math
import numbers
import unicodedata

from model_backend.core.errors import BackendError, ErrorKind
from model_backend.core.messages import Message, msg
from model_backend.core.seeds import SEED_LIMIT

DEVICES = ("auto", "cuda", "mps", "cpu")
ALLOWED_CONTROL_CHARACTERS = frozenset("\n\r\t")
_CONTROL_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "backspace", 0x1B: "ESC", 0x7F: "DEL"}


def invalid(message: str) -> BackendError:
    return BackendError(ErrorKind.INVALID_INPUT, message)


def _number_text(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _range_text(low: float, high: float, low_open: bool = False, unit: str = "") -> Message:
    if low_open:
        return msg("above {low} and at most {high}{unit}", low=_number_text(low), high=_number_text(high), unit=unit)
    return msg("between {low} and {high}{unit}", low=_number_text(low), high=_number_text(high), unit=unit)


def _out_of_range(name: str, wanted: str, value: str, hint: str) -> BackendError:
    if hint:
        return invalid(msg("{name} must be {wanted}; it was {value}. {hint}", name=name, wanted=wanted, value=value,
                           hint=hint))
    return invalid(msg("{name} must be {wanted}; it was {value}.", name=name, wanted=wanted, value=value))


def require_finite_range(name: str, value: object, low: float, high: float, *, low_open: bool = False,
                         unit: str = "", hint: str = "") -> float:
    """A real number in [low, high] (or (low, high] with ``low_open``); NaN and infinity are refused."""
    wanted = _range_text(low, high, low_open, unit)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise invalid(msg("{name} must be a number {wanted}; {value!r} is not a number.", name=name, wanted=wanted,
                          value=value))
    number = float(value)
    if math.isnan(number):
        raise invalid(msg("{name} must be a number {wanted}; it was 'not a number' (NaN).", name=name, wanted=wanted))
    if math.isinf(number):
        raise invalid(msg("{name} must be a number {wanted}; it was infinite.", name=name, wanted=wanted))
    too_low = number <= low if low_open else number < low
    if too_low or number > high:
        raise _out_of_range(name, wanted, _number_text(value), hint)
    return number


def require_int_range(name: str, value: object, low: int, high: int, *, unit: str = "", hint: str = "") -> int:
    """A whole number in [low, high]; floats such as 2.5, NaN and True are refused."""
    wanted = _range_text(low, high, unit=unit)
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        if isinstance(value, float) and math.isnan(value):
            raise invalid(msg("{name} must be a whole number {wanted}; it was 'not a number' (NaN).", name=name,
                              wanted=wanted))
        raise invalid(msg("{name} must be a whole number {wanted}; {value!r} is not one.", name=name, wanted=wanted,
                          value=value))
    if not low <= value <= high:
        raise _out_of_range(name, wanted, str(value), hint)
    return int(value)


def require_seed(value: object, name: str = msg("Seed")) -> int | None:
    """None (a fresh random seed) or a whole number from 0 to SEED_LIMIT - 1 (what every engine accepts)."""
    if value is None:
        return None
    return require_int_range(name, value, 0, SEED_LIMIT - 1,
                             hint=msg("Leave the seed on 'random' or type a smaller number."))


def require_choice(name: str, value: object, choices: tuple[str, ...] | frozenset[str]) -> str:
    if not isinstance(value, str) or value not in choices:
        shown = ", ".join(sorted(c for c in choices if c)) or msg("(none)")
        raise invalid(msg("{name} '{value}' is not one this app knows; use one of: {shown}.", name=name, value=value,
                          shown=shown))
    return value


def require_device(value: object) -> str:
    return require_choice(msg("Device"), value, DEVICES)


def require_model_chosen(model_id: object) -> str:
    if not isinstance(model_id, str) or not model_id.strip():
        raise BackendError(ErrorKind.MODEL_NOT_FOUND, msg("Choose a model first: none is selected."))
    return model_id


def _describe_control(char: str) -> str:
    code = ord(char)
    return _CONTROL_NAMES.get(code, f"U+{code:04X}")


def require_text_length(name: str, text: object, max_chars: int, *, hint: str = "") -> str:
    """A string at most ``max_chars`` long (for text a model wrote: whatever it wrote stays usable)."""
    if not isinstance(text, str):
        raise invalid(msg("{name} must be text, not {type_name}.", name=name, type_name=type(text).__name__))
    if len(text) > max_chars:
        raise invalid(msg("{name} has {count:,} characters; the limit is {limit:,}. {hint}", name=name, count=len(text),
                          limit=max_chars, hint=hint or msg("Shorten it or split it into parts.")))
    return text


def require_clean_text(name: str, text: object, max_chars: int, *, hint: str = "") -> str:
    """Real text: a string, at most ``max_chars`` long, without NUL, escape or other control characters
    (line breaks and tabs are fine) and without lone surrogates (half an emoji from a broken paste)."""
    require_text_length(name, text, max_chars, hint=hint)
    for position, char in enumerate(text, start=1):
        category = unicodedata.category(char)
        if category == "Cc" and char not in ALLOWED_CONTROL_CHARACTERS:
            raise invalid(msg("{name} contains an invisible control character ({character}) at character {position}, "
                              "which is not text: delete it (it usually comes from pasting from a binary file or a "
                              "terminal).", name=name, character=_describe_control(char), position=position))
        if category == "Cs":
            raise invalid(msg("{name} contains a broken character (half of an emoji or symbol, U+{code:04X}) at "
                              "character {position}: delete it and type it again.", name=name, code=ord(char),
                              position=position))
    return text
