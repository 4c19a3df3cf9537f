"""Every sentence the backend says to the user is a translatable ``msg("template", …)``.

The UI shows backend errors, progress and device reasons in Japanese by looking up the template of a
``Message`` (``model_backend/core/messages.py``); a plain string literal or f-string would stay English.
These checks read the source (``ast``), so a new English-only sentence fails here, not in a classroom.
"""
from __future__ import annotations

import ast
import pickle
import string
from pathlib import Path

import pytest

from model_backend.core.errors import BackendError, ErrorKind, InvalidModelError
from model_backend.core.messages import Message, msg

BACKEND = Path(__file__).resolve().parents[2] / "model_backend"

# Calls whose argument is a sentence for the user: (position, keyword) of that argument.
SENTENCE_ARGUMENT = {
    "BackendError": (1, "message"),
    "InvalidModelError": (0, "message"),
    "Progress": (2, "message"),
    "Failed": (2, "message"),
    "DeviceChoice": (2, "reason"),
    "DeviceStatus": (3, "reason"),
    "invalid": (0, "message"),  # core.validation's BackendError(INVALID_INPUT, message)
    "progress": (1, "message"),  # a ProgressFn: progress(fraction, message)
}

# (file, the English literal) pairs that are meant to stay as they are.
ALLOWED: set[tuple[str, str]] = set()


def _sources() -> list[tuple[str, ast.AST]]:
    found = []
    for path in sorted(BACKEND.rglob("*.py")):
        relative = path.relative_to(BACKEND).as_posix()
        found.append((relative, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))))
    return found


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _english(node: ast.expr | None) -> str | None:
    """The English text when ``node`` is a plain sentence (literal, f-string, concatenation, ``.format``)."""
    if node is None:
        return None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value or None  # "" (nothing to say) is fine
    if isinstance(node, ast.JoinedStr):
        return ast.unparse(node)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return _english(node.left) or _english(node.right) or (ast.unparse(node) if _is_msg(node.left)
                                                                or _is_msg(node.right) else None)
    if isinstance(node, ast.IfExp):
        return _english(node.body) or _english(node.orelse)
    if isinstance(node, ast.BoolOp):
        return next((text for text in map(_english, node.values) if text), None)
    if isinstance(node, ast.Call) and _name(node.func) == "format" and isinstance(node.func, ast.Attribute):
        return _english(node.func.value)
    if isinstance(node, ast.Call) and _name(node.func) == "join" and isinstance(node.func, ast.Attribute):
        return _english(node.func.value)
    return None


def _is_msg(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and _name(node.func) == "msg"


def _sentence_argument(call: ast.Call) -> ast.expr | None:
    position, keyword = SENTENCE_ARGUMENT[_name(call.func)]
    for item in call.keywords:
        if item.arg == keyword:
            return item.value
    return call.args[position] if len(call.args) > position else None


def test_backend_sentences_are_messages():
    english = []
    for relative, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node.func) in SENTENCE_ARGUMENT:
                text = _english(_sentence_argument(node))
                if text and (relative, text) not in ALLOWED:
                    english.append(f"{relative}:{node.lineno}: {_name(node.func)}({text!r})")
    assert not english, ("English-only sentences for the user; make them msg(\"template {name}\", name=…):\n"
                         + "\n".join(english))


def test_message_templates_are_literals_with_named_values():
    wrong = []
    for relative, tree in _sources():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "msg"):
                continue
            where = f"{relative}:{node.lineno}"
            if len(node.args) != 1 or not isinstance(node.args[0], ast.Constant) or not isinstance(node.args[0].value, str):
                wrong.append(f"{where}: the template must be one string literal (the translation tools read it)")
                continue
            template = node.args[0].value
            fields = [field for _, field, _, _ in string.Formatter().parse(template) if field is not None]
            names = {field.split(".")[0].split("[")[0] for field in fields}
            if "" in names or any(name.isdigit() for name in names):
                wrong.append(f"{where}: {template!r} has a positional {{}}; name every value")
            given = {item.arg for item in node.keywords}
            if None in given:  # msg(…, **values): the names cannot be checked here
                continue
            if names - given or given - names:
                wrong.append(f"{where}: {template!r} names {sorted(names)} but is given {sorted(given)}")
    assert not wrong, "\n".join(wrong)


def test_a_message_is_its_english_text_and_keeps_its_template():
    field = msg("Temperature")
    made = msg("{name} must be {wanted}; it was {value}.", name=field, wanted="between 0 and 2", value="3")
    assert made == "Temperature must be between 0 and 2; it was 3."
    assert made.template == "{name} must be {wanted}; it was {value}." and made.params["name"] is field
    copied = pickle.loads(pickle.dumps(made))
    assert isinstance(copied, Message) and copied == made and copied.template == made.template
    assert isinstance(copied.params["name"], Message)


@pytest.mark.parametrize("make", [
    lambda: BackendError(ErrorKind.INVALID_INPUT, msg("Broken {what}.", what="x")),
    lambda: InvalidModelError(msg("{name} is not a model.", name="x")),
])
def test_errors_keep_the_message(make):
    error = make()
    assert isinstance(error.message, Message) and str(error) == error.message


def test_validation_messages_translate_their_field_names():
    from model_backend.core.validation import require_finite_range

    with pytest.raises(BackendError) as caught:
        require_finite_range(msg("Temperature"), 9.0, 0.0, 2.0, hint=msg("0 always picks the likeliest token."))
    message = caught.value.message
    assert message == "Temperature must be between 0 and 2; it was 9. 0 always picks the likeliest token."
    assert isinstance(message, Message) and isinstance(message.params["name"], Message)
    assert isinstance(message.params["wanted"], Message) and isinstance(message.params["hint"], Message)
